"""Entities: spellings folded to one entity, the blog's epithets, exact offsets, new names found."""

import re
import sqlite3

import sqlite_utils

from militia_news import extract
from militia_news.build import build
from militia_news.text import fold

from .conftest import make_seeds


def body_mentions(tmp_path, paragraphs: list[str]) -> list[tuple[str, str]]:
    """(surface, entity id) of the body mentions, in order, of a one-post seed file built alone."""
    build(make_seeds(tmp_path / "seeds", {"test.txt": "\n\n".join(paragraphs) + "\n"}), tmp_path / "out.db")
    rows = sqlite_utils.Database(tmp_path / "out.db")["mentions"].rows_where("field = 'body'", order_by="char_start")
    return [(r["surface"], r["entity_id"]) for r in rows]


def test_every_spelling_of_sadr_in_the_seeds_links_to_one_entity(db):
    surfaces = {r["surface"] for r in db.query(
        "select surface from mentions where entity_id = 'muqtada-al-sadr' and field != 'blog_headline'")}
    assert {"Muqtada al-Sadr", "Moqtada Al-Sadr", "Moqtada Al Sadr", "Muqtada Al Sadr", "Mr Al Sadr", "Sadr",
            "Al-Sadr", "Sayyed Moqtada Al-Sadr"} <= surfaces


def test_antichrist_is_sadrs_epithet_and_labels_his_rewrites(db):
    assert db["entity_aliases"].get(("muqtada-al-sadr", "Antichrist", "epithet"))
    rewrite = next(db.query("select * from headline_rewrites where original = 'Sadr' and rewritten = 'Antichrist'"))
    assert rewrite["entity_id"] == "muqtada-al-sadr"


def test_mentions_slice_to_their_surface(db):
    for m in db.query("select m.*, a.body, a.blog_headline, a.original_headline, c.text as caption "
                      "from mentions m join articles a on a.id = m.article_id "
                      "left join captions c on c.id = m.caption_id"):
        text = m["caption"] if m["field"] == "caption" else m[m["field"]]
        assert text[m["char_start"]: m["char_end"]] == m["surface"]


def test_unlisted_spelling_links_and_unknown_name_is_proposed(tmp_path):
    seeds = make_seeds(tmp_path / "seeds", {"test.txt": "\n\n".join([
        "Antichrist rallies his men in Kufa",
        "Sadr rallies his men in Kufa",
        "KUFA, Iraq (AP) — Moktada al Sadr addressed thousands on Friday, said Karim al-Jabouri, a spokesman "
        "for the Kufa mosque. Qasim Suleimani was not mentioned.",
    ]) + "\n"})
    build(seeds, tmp_path / "out.db")
    db = sqlite_utils.Database(tmp_path / "out.db")
    linked = {(r["surface"], r["entity_id"]) for r in db["mentions"].rows}
    assert ("Moktada al Sadr", "muqtada-al-sadr") in linked
    assert ("Qasim Suleimani", "qasem-soleimani") in linked
    new = db["entities"].get("karim-al-jabouri")
    assert (new["name"], new["type"], new["reviewed"]) == ("Karim al-Jabouri", "person", 0)


def test_bare_surname_follows_the_person_named_in_full_first(tmp_path):
    body = body_mentions(tmp_path, [
        "Antichrist’s father remembered in Najaf",
        "Sadr’s father remembered in Najaf",
        "NAJAF, Iraq (AP) — Crowds marked the death of Grand Ayatollah Mohammed Sadiq al-Sadr on Sunday. "
        "Sadr was killed in 1999 with two of his sons.",
        "His son Muqtada al-Sadr spoke at the shrine, officials said.",
    ])
    assert body == [("Grand Ayatollah Mohammed Sadiq al-Sadr", "mohammed-sadiq-al-sadr"),
                    ("Sadr", "mohammed-sadiq-al-sadr"), ("Muqtada al-Sadr", "muqtada-al-sadr")]  # "(AP)": the outlet


def test_candidates_lists_uncurated_names_most_frequent_first(built_db):
    from click.testing import CliRunner

    from militia_news.candidates import main

    lines = CliRunner().invoke(main, [str(built_db), "--limit", "3"]).output.splitlines()
    assert lines[1].split() == ["2", "organization", "Islamic", "Front", "for", "Resistance", "inside", "Iraq",
                                "[Islamic", "Front", "for", "Resistance", "inside", "Iraq]"]
    assert len(lines) == 4


def test_listed_places_are_not_people_named_like_them(tmp_path):
    assert body_mentions(tmp_path, [
        "Antichrist’s men rally in Sadr City",
        "Sadrists rally in Sadr City",
        "BAGHDAD (Reuters) — Thousands gathered in Sadr City and al-Kadhimiya on Friday after a drone struck "
        "Jurf al-Sakhar, south of Baghdad, said Karim al-Jabouri, a local official.",
        "Kadhimi said the Baghdad embassy was safe.",
    ]) == [("Karim al-Jabouri", "karim-al-jabouri"), ("Kadhimi", "mustafa-al-kadhimi"),
           ("Baghdad embassy", "us-embassy-in-baghdad")]


def test_surname_two_people_share_by_key_goes_to_the_one_who_spells_it_so(tmp_path):
    assert body_mentions(tmp_path, [
        "Antichrist’s rivals meet in Tehran",
        "Iraqi politicians meet in Tehran",
        "TEHRAN (Reuters) — Abadi visited Tehran on Monday, while Obaidi stayed in Baghdad, officials said.",
    ]) == [("Abadi", "haider-al-abadi"), ("Obaidi", "salah-al-obaidi")]


def test_british_spelling_of_an_organization(tmp_path):
    assert body_mentions(tmp_path, [
        "Antichrist’s ally welcomes the call",
        "Amiri welcomes Sadr’s call",
        "BAGHDAD (Reuters) — Hadi al-Amiri, head of the Badr Organisation, welcomed the call on Monday.",
    ]) == [("Hadi al-Amiri", "hadi-al-amiri"), ("Badr Organisation", "badr-organization")]


def test_a_run_opening_with_a_given_name_is_a_person_and_a_long_group_name_is_one_group(tmp_path):
    assert body_mentions(tmp_path, [
        "Antichrist’s men back the new prime minister",
        "Iraqi factions back Allawi",
        "BAGHDAD (Reuters) — Barham Salih asked Mohammed Tawfiq Allawi to form a government on Saturday, "
        "and Harakat Hezbollah al-Nujaba backed him.",
        "Pilgrims filled the Imam Hussein Shrine, staff at Mohammed Bin Rashid Hospital said.",
    ]) == [("Barham Salih", "barham-salih"),
           ("Mohammed Tawfiq Allawi", "mohammed-tawfiq-allawi"), ("Harakat Hezbollah al-Nujaba", "harakat-al-nujaba")]


def test_epithets_match_in_a_title_cased_headline(tmp_path):
    build(make_seeds(tmp_path / "seeds", {"test.txt": "\n\n".join([
        "The Antichrist’s Men Threaten Babylon The Great",
        "Iraqi militias threaten the United States",
        "BAGHDAD (Reuters) - Iraqi militias threatened U.S. forces on Monday, officials said.",
    ]) + "\n"}), tmp_path / "out.db")
    db = sqlite_utils.Database(tmp_path / "out.db")
    assert [(r["surface"], r["entity_id"]) for r in db["mentions"].rows_where(
        "field = 'blog_headline'", order_by="char_start")] == [
        ("Antichrist’s Men", "popular-mobilization-forces"), ("Babylon The Great", "donald-trump")]


def joined_known_names(db_path) -> list[str]:
    """The discovered entities whose name joins, by hyphen, slash or dash, names every part of which the build
    knows: a curated entity's name or alias, or its last word."""
    conn = sqlite3.connect(db_path)
    known = {fold(a) for (a,) in conn.execute("select alias from entity_aliases join entities on entities.id = "
                                              "entity_aliases.entity_id where reviewed = 1")}
    known |= {fold(n) for (n,) in conn.execute("select name from entities where reviewed = 1")}
    known |= {k.split()[-1] for k in list(known) if k.split()}
    joined = []
    for (name,) in conn.execute("select name from entities where reviewed = 0"):
        parts = re.split(r"[-/–]", name)
        if len(parts) > 1 and all(fold(p) in known for p in parts):
            joined.append(name)
    return joined


def test_no_discovered_entity_joins_two_known_names(built_db, dev_db):
    assert joined_known_names(built_db) == [] and joined_known_names(dev_db) == []


def test_a_pair_of_known_names_is_two_mentions_and_a_party_to_talks_no_person():
    found = extract("Iraqi President Barham Salih met Joe Biden on Monday. After the Salih-Biden meeting, "
                    "Biden said the talks went well. The Hamid Jabouri talks stalled, an aide said.")
    assert [(n["surface"], n["entity_id"]) for n in found["names"] if n["surface"] in ("Salih", "Biden")] == [
        ("Salih", "barham-salih"), ("Biden", "joe-biden"), ("Biden", "joe-biden")]
    assert not any(n["new_name"] for n in found["names"])
    assert [(s["speaker"], s["speaker_entity_id"]) for s in found["statements"] if s["verb"] == "say"][0] == (
        "Biden", "joe-biden")


def test_an_organization_ends_where_a_given_name_opens_a_person():
    found = extract("Law professor at Kufa University Hamid Rubaie told the Basra Oil Corporation board that "
                    "Amnesty International had written to the Iraqi Drilling Company.")
    assert [(n["surface"], n["type"]) for n in found["names"] if n["new_name"]] == [
        ("Kufa University", "organization"), ("Hamid Rubaie", "person"), ("Basra Oil Corporation", "organization"),
        ("Amnesty International", "organization"), ("Iraqi Drilling Company", "organization")]


def test_organizations_named_by_their_head_word_on_real_pages(dev_db, built_db):
    def named_in(page: str, db=dev_db) -> set[str]:
        return {n for (n,) in sqlite3.connect(db).execute(
            "select e.name from mentions m join entities e on e.id = m.entity_id join article_sources s "
            "on s.article_id = m.article_id where s.seed_file = ? and e.type = 'organization'", [page])}
    assert "Amnesty International" in named_in("dev11.txt") and "Holtec International" in named_in("dev15.txt")
    assert not [n for n in named_in("000_c035f8e90eaba482.txt", built_db) if n.endswith("Airport")]  # a facility


def test_a_name_with_an_initial_after_a_title_is_a_person(tmp_path):
    """"Fire Chief John A. Doe said": nameparser's title cut, the initial "A." no article "a" (a US local paper's
    style); the speaker is the person found."""
    mentions = body_mentions(tmp_path, [
        "Antichrist rallies his men in Kufa", "Fire destroys a warehouse in Ohio",
        "The fire started in the kitchen, Fire Chief John A. Doe said on Monday.",
    ])
    assert ("John A. Doe", "john-a-doe") in mentions


def test_a_name_suffix_is_no_title(tmp_path):
    """"Mark Jones Jr." is a person: nameparser lists "Jr" among its titles too, but as a suffix it follows a name."""
    mentions = body_mentions(tmp_path, [
        "Antichrist rallies his men in Kufa", "The council votes on the budget",
        "The vote was close, said Mark Jones Jr., the council chairman.",
    ])
    assert ("Mark Jones Jr", "mark-jones-jr") in mentions


def test_a_person_of_an_institution_is_the_person(dev_db):
    """"Matthew Bunn of Harvard Kennedy School": the person, then the place they work at."""
    found = extract("“Prices will fall,” says Layla Hadi of Mosul Technical Institute, and Karim Aziz of "
                    "Basra Oil Company agreed.")
    assert [(n["surface"], n["type"]) for n in found["names"] if n["type"] == "person"] == [
        ("Layla Hadi", "person"), ("Karim Aziz", "person")]
    assert [s["speaker"] for s in found["statements"]] == ["Layla Hadi"]
    row = sqlite3.connect(dev_db).execute(
        "select speaker from quotes where text like 'I think there is virtually no chance%'").fetchone()
    assert row == ("Matthew Bunn",)
