"""Entities: spellings folded to one entity, the blog's epithets, exact offsets, new names found."""

import sqlite_utils

from militia_news.build import build

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
