"""Quotations: one test per attribution pattern, on real seed quotes and on constructed text."""

import re

import pytest
import sqlite_utils

from militia_news.build import build
from militia_news.model import ResolvedMention
from militia_news.extract.quotes import find_quotes

from .conftest import make_seeds
from .test_articles import article_at


def quote(db, seed_file: str, line: int, start: str) -> dict:
    article = article_at(db, seed_file, line)
    rows = [q for q in db["quotes"].rows_where("article_id = ?", [article["id"]]) if q["text"].startswith(start)]
    assert len(rows) == 1, rows
    row = rows[0]
    assert article["body"][row["char_start"]: row["char_end"]] == row["text"]
    return row


S000, S003 = "000_c035f8e90eaba482.txt", "003_15da29468eeff97d.txt"


@pytest.mark.parametrize("seed_file, line, start, speaker, entity, verb", [
    # “…,” X said / “…,” X told Reuters
    (S000, 97, "The factions presented a conditional ceasefire", "Mohammed Mohi", "mohammed-mohie", "tell"),
    # “…,” said X
    (S000, 97, "Given the seriousness of the security situation", "Mr Al Sadr", "muqtada-al-sadr", "say"),
    # X told Al Jazeera: “…”
    (S003, 140, "The hands of this man [Trump]", "Nasser al-Shammari", "nasr-al-shammari", "tell"),
    # X wrote on Twitter: “…”
    (S003, 140, "A statesman should not violate", "Naeem al-Aboudi", "naeem-al-aboudi", "write"),
    # “…,” Sadr wrote on Twitter
    (S003, 212, "The skies, land and sovereignty of Iraq", "Sadr", "muqtada-al-sadr", "write"),
    # a quote split around its attribution: “A,” he said. “B.”
    (S000, 155, "Our experience will make them strong", "the militia chief’s recruiting officer", None, "say"),
    # a paragraph continuing the previous speaker's quote with no attribution
    (S000, 97, "It includes all factions of the [anti-US] resistance", "Mohammed Mohi", "mohammed-mohie", "tell"),
    # a quote running over several paragraphs (no closing mark at the paragraph's end)
    (S003, 140, "Most Iraqi people consider this [meeting] treacherous", "Nasser al-Shammari", "nasr-al-shammari", "tell"),
    # pronouns and descriptions resolved to the last fitting speaker: its name, the description kept apart
    (S000, 363, "There are ongoing mortar attacks", "Kadhimi", "mustafa-al-kadhimi", "say"),
    (S000, 363, "Closure of the embassies in Iraq", "Kadhimi", "mustafa-al-kadhimi", "decry"),
    # anonymous sources keep their description and no entity
    (S000, 1, "These people were abducted", "the official", None, "tell"),
    (S000, 155, "The fact is that you have some military", "an Iraq analyst", None, "say"),
    # a spokesperson speaking for a group is the person
    (S003, 140, "deeply humiliating and inconsiderate", "Mohammad Mohie", "mohammed-mohie", "tell"),
    # a group statement with no person is the group
    (S003, 1, "For those whose grandparents", "Hizbullah Brigades in Iraq", "kataib-hezbollah", "say"),
    # straight quotes and a missing opening mark in the source
    (S003, 46, "The unit maintains a high level of readiness", "Shuford", None, "say"),
])
def test_attribution_patterns(db, seed_file, line, start, speaker, entity, verb):
    row = quote(db, seed_file, line, start)
    assert (row["speaker"], row["verb"], row["kind"]) == (speaker, verb, "speech")
    if start == "Closure of the embassies in Iraq":
        assert row["speaker_description"] == "the premier"
    if entity is not None or speaker in ("the official", "an Iraq analyst"):
        assert row["speaker_entity_id"] == entity


def test_missing_opening_mark_speaker_is_the_new_name(db):
    row = quote(db, S003, 46, "The unit maintains a high level of readiness")
    assert db["entities"].get(row["speaker_entity_id"])["name"] == "Rob Shuford"


def test_nested_single_quotes_stay_inside(db):
    row = quote(db, S000, 363, "I was the first who opposed")
    assert row["text"].endswith("chanted in the grand mosque of Kufa ‘no, no to the USA’")
    assert row["speaker_entity_id"] == "muqtada-al-sadr"


def test_fragments_and_titles_are_not_speech(db):
    article = article_at(db, S003, 1)
    kinds = {q["text"]: q["kind"] for q in db["quotes"].rows_where("article_id = ?", [article["id"]])}
    assert kinds["A Thought"] == "title"  # Under the title “A Thought,” …
    assert kinds["It has to be a million"] == "title"  # a poster titled “It has to be a million,” …
    civil = article_at(db, S000, 417)
    fragments = {q["text"]: q["kind"] for q in db["quotes"].rows_where("article_id = ?", [civil["id"]])}
    assert fragments["civil war"] == "fragment" and fragments["wisely"] == "fragment"


def test_a_name_in_title_case_is_a_title_and_a_misplaced_closing_mark_closes():
    """“Newsmaker of the Day” names an award; “…, ”reported X. has lost its opening mark and closes after its verb."""
    first, second = constructed("Rubio was Tuesday’s KVML “Newsmaker of the Day”. Here are his words:\n\n"
                                "In response, we targeted Hamas sites in Gaza, ”reported the Israeli army.")
    assert (first.text, first.kind) == ("Newsmaker of the Day", "title")
    assert (second.text, second.kind) == ("In response, we targeted Hamas sites in Gaza", "speech")


def test_same_quotation_in_two_outlets_is_one_statement(db):
    row = next(db.query("select * from statements where text like 'The skies, land and sovereignty of Iraq%'"))
    assert (row["speaker"], row["speaker_entity_id"], row["article_count"], row["outlet_count"], row["first_published"]) \
        == ("Muqtada al-Sadr", "muqtada-al-sadr", 2, 2, "2020-01-15")
    araji = next(db.query("select * from statements where text like 'Iraq is very prepared%'"))
    assert (araji["speaker_entity_id"], araji["article_count"]) == ("bahaa-al-araji", 2)


def constructed(body: str):
    """The direct quotations of a body."""
    return [q for q in find_quotes(body, [], {}) if q.kind != "reported"]


def test_unbalanced_opening_mark_does_not_swallow_the_article():
    body = "\n\n".join([
        "The minister said: “We will not leave the city until it is safe for everyone",
        "Later on Monday the convoy reached Basra without incident, police said.",
        "“This is a second, closed quotation from the minister,” he added.",
    ])
    quotes = constructed(body)
    assert [q.text for q in quotes] == [
        "We will not leave the city until it is safe for everyone",
        "This is a second, closed quotation from the minister",
    ]
    assert "Basra" not in quotes[0].text


def test_unbalanced_closing_mark_starts_at_the_paragraph():
    body = "Officials reported calm.\n\nWe are ready to deploy if called upon,” the colonel said. Nothing else happened."
    [q] = constructed(body)
    assert (q.text, q.speaker, q.verb) == ("We are ready to deploy if called upon", "the colonel", "say")


def test_straight_quotes_and_offsets():
    body = 'Protesters gathered. "We want jobs and services now," said a student named in no list.'
    [q] = constructed(body)
    assert body[q.start:q.end] == q.text == "We want jobs and services now"
    assert q.speaker == "a student named" and q.speaker_entity_id is None


def test_anonymous_source_is_the_subject_not_its_aside():
    body = ("A senior Iraqi security official, who spoke on condition of anonymity, said: "
            "“We expect more attacks on the bases in the coming days.”")
    [q] = constructed(body)
    assert (q.text, q.speaker, q.speaker_entity_id, q.verb) == (
        "We expect more attacks on the bases in the coming days.", "A senior Iraqi security official", None, "say")


def test_a_new_sentence_after_a_quoted_one_is_not_its_attribution():
    body = "Ammar al-Hakim said the vote was “a first step.” Hakim also urged calm."
    mentions = [ResolvedMention("ammar-al-hakim", "body", None, "Ammar al-Hakim", 0, 14),
                ResolvedMention("ammar-al-hakim", "body", None, "Hakim", 49, 54)]
    [q] = [q for q in find_quotes(body, mentions, {"ammar-al-hakim": "person"}) if q.kind != "reported"]
    assert (q.text, q.speaker, q.speaker_entity_id) == ("a first step.", "Ammar al-Hakim", "ammar-al-hakim")


def built_quotes(tmp_path, paragraphs: list[str]) -> list[tuple[str, str | None, str | None]]:
    """(text, speaker, speaker entity) of each quote of a one-post seed file built alone."""
    build(make_seeds(tmp_path / "seeds", {"test.txt": "\n\n".join(paragraphs) + "\n"}), tmp_path / "out.db")
    rows = sqlite_utils.Database(tmp_path / "out.db")["quotes"].rows_where("kind != 'reported'", order_by="char_start")
    return [(r["text"], r["speaker"], r["speaker_entity_id"]) for r in rows]


def test_according_to_after_or_before_a_quote_and_a_title_after_us(tmp_path):
    assert built_quotes(tmp_path, [
        "Antichrist’s Men Warn Babylon the Great",
        "Iraqi militia warns US of “open war”",
        "BAGHDAD (Reuters) - An Iraqi militia warned the United States on Tuesday that any strike would mean "
        "“open war,” according to a statement from Kataib Hezbollah.",
        "According to Mohammed Mohie, a spokesman for the group, the militia “has the right to respond.”",
        "“We are not looking for war,” U.S. Defense Secretary Mark Esper told reporters at the Pentagon.",
    ]) == [
        ("open war", "a statement from Kataib Hezbollah", "kataib-hezbollah"),
        ("has the right to respond.", "Mohammed Mohie", "mohammed-mohie"),
        ("We are not looking for war", "Mark Esper", "mark-esper"),
    ]


def test_a_closing_mark_used_to_open_and_a_quoted_name_of_a_tool():
    body = ("For this reason, ”we can’t preclude that a big earthquake might occur anywhere,” said David Russ. "
            "”It could occur in Washington.”\n\nResidents used the “Did you feel it?” web reporting system.")
    quotes = constructed(body)
    assert [(q.text, q.kind) for q in quotes] == [
        ("we can’t preclude that a big earthquake might occur anywhere", "speech"),
        ("It could occur in Washington.", "speech"),
        ("Did you feel it?", "title"),
    ]


def test_a_quotation_naming_its_speaker_in_its_opening_words():
    """“Hello, I’m Marco Rubio. …” with no attribution is Marco Rubio's; “I’m Joe Biden’s worst nightmare” is not
    Joe Biden's."""
    found = {}
    for entity, name, body in (("marco-rubio", "Marco Rubio", "“Hello, I’m Marco Rubio. It’s my honor to be here.”"),
                               ("joe-biden", "Joe Biden", "“I’m Joe Biden’s worst nightmare and I vote every time.”")):
        mention = ResolvedMention(entity, "body", None, name, body.index(name), body.index(name) + len(name))
        [quote] = [q for q in find_quotes(body, [mention], {entity: "person"}) if q.kind == "speech"]
        found[entity] = quote.speaker_entity_id
    assert found == {"marco-rubio": "marco-rubio", "joe-biden": None}


def test_verbs_of_manner_of_speaking_attribute_and_a_noun_form_does_not(db, dev_db):
    """“…,” X shouted / X complained: “…” (manner_speaking-37.3, complain-37.8); a form used as a noun is no
    attribution: "in order to" after “especially Israel and the Jews” (dev04), "in remarks" (seeds)."""
    found = [(q.text, q.speaker, q.verb) for q in find_quotes(
        "“We will not leave this square,” the protester shouted.\n\n"
        "The coach complained to reporters: “Nobody asked us about the schedule.”\n\n"
        "“We owe the fans a better season,” the owner said in remarks after the vote.", [], {}) if q.kind == "speech"]
    assert found == [("We will not leave this square", "the protester", "shout"),
                     ("Nobody asked us about the schedule.", "The coach", "complain"),
                     ("We owe the fans a better season", "the owner", "say")]
    row = quote(sqlite_utils.Database(dev_db), "dev04.txt", 118, "especially Israel and the Jews")
    assert (row["speaker"], row["verb"]) == ("Moqtada", "say")
    row = quote(db, S003, 106, "host of very difficult things to discuss")
    assert (row["speaker"], row["verb"]) == ("Trump", "say")


def test_a_title_written_short_ends_no_phrase(dev_db):
    """nameparser's titles written short and dotted initials end no attribution: "said Rep. Jerry Nadler" is
    Nadler's, "urged Mrs. Clinton to …" and "Ms. McCaskill said" keep their statements, and of two names in a
    phrase the head, its last, speaks ("Channel 9 Meteorologist Jane Roe"): a US local station's style; on a dev
    page, "“…,” said a U.S. official, who …" (dev12)."""
    body = "\n\n".join([
        "“This bill will save lives,” said Rep. Jerry Nadler, the committee chairman.",
        "“Expect more snow on Tuesday,” said Channel 9 Meteorologist Jane Roe.",
        "Ms. McCaskill said the vote would come before the recess.",
        "Republicans urged Mrs. Clinton to release the transcripts of her speeches.",
        "According to Sgt. Maria Lopez, nobody was hurt in the blast.",
    ])
    names = {"Jerry Nadler": "jerry-nadler", "Channel": "channel", "Jane Roe": "jane-roe", "Maria Lopez": "maria-lopez"}
    mentions = sorted((ResolvedMention(entity, "body", None, surface, m.start(), m.end())
                       for surface, entity in names.items() for m in re.finditer(rf"\b{surface}\b", body)),
                      key=lambda m: m.start)
    found = {q.text: (q.speaker, q.speaker_entity_id, q.kind)
             for q in find_quotes(body, mentions, {entity: "person" for entity in names.values()})}
    assert found == {
        "This bill will save lives": ("Jerry Nadler", "jerry-nadler", "speech"),
        "Expect more snow on Tuesday": ("Jane Roe", "jane-roe", "speech"),
        "the vote would come before the recess": ("Ms. McCaskill", None, "reported"),
        "to release the transcripts of her speeches": ("Republicans", None, "reported"),
        "nobody was hurt in the blast": ("Maria Lopez", "maria-lopez", "reported"),
    }
    row = quote(sqlite_utils.Database(dev_db), "dev12.txt", 54, "We remain open to meet and work with")
    assert row["speaker"] == "a U.S. official"


def test_quotations_by_a_colon_a_transcript_label_a_signature_and_doubled_single_marks():
    """Shapes no page of the crawl holds (none of the seeds or dev pages): a name and its colon before a quotation
    (an opinion roundup's style), a debate transcript's labels (its speakers named before, a dateline's place no
    label), a reader's signature under or after the words, and The New York Times archive's ''…'' marks."""
    body = "\n\n".join([
        "BAGHDAD: The candidates met for the only debate on Tuesday.",
        "Kathleen Parker, The Washington Post: “Nobody in the party is ready for what comes next.”",
        "Among the slogans: “Down with the occupation and its agents.”",
        "Mike Pence and Tim Kaine met in the only vice-presidential debate.",
        "PENCE: We will not back down from this fight, and the American people know it.",
        "KAINE: The governor has not answered the question about the tax returns.",
        "“I have lived in this town for forty years and never seen a flood like this one.”",
        "— Esther Tapia",
        "“The water reached the second floor of the school in an hour,” — Esther Tapia, Phoenix",
        "''We are not going to give up on this neighborhood,'' said Mayor Bill de Blasio.",
    ])
    names = {"BAGHDAD": ("baghdad", "place"), "Kathleen Parker": ("kathleen-parker", "person"),
             "The Washington Post": ("the-washington-post", "organization"), "Mike Pence": ("mike-pence", "person"),
             "Tim Kaine": ("tim-kaine", "person"), "Esther Tapia": ("esther-tapia", "person"),
             "Bill de Blasio": ("bill-de-blasio", "person")}
    mentions = sorted((ResolvedMention(entity, "body", None, surface, m.start(), m.end())
                       for surface, (entity, _) in names.items() for m in re.finditer(surface, body)),
                      key=lambda m: m.start)
    found = [(q.text[:30], q.speaker, q.speaker_entity_id) for q in find_quotes(
        body, mentions, {entity: kind for entity, kind in names.values()}) if q.kind == "speech"]
    assert found == [
        ("Nobody in the party is ready f", "Kathleen Parker", "kathleen-parker"),
        ("Down with the occupation and i", None, None),
        ("We will not back down from thi", "Pence", "mike-pence"),
        ("The governor has not answered ", "Kaine", "tim-kaine"),
        ("I have lived in this town for ", "Esther Tapia", "esther-tapia"),
        ("The water reached the second f", "Esther Tapia", "esther-tapia"),
        ("We are not going to give up on", "Bill de Blasio", "bill-de-blasio"),
    ]
