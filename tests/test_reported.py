"""Reported speech: statements without quotation marks, on real dev and seed pages."""

import re

import pytest
import sqlite_utils

from militia_news import extract
from militia_news.errors import BuildError
from militia_news.model import ResolvedMention
from militia_news.extract.quotes import find_quotes
from militia_news.reference import default_speech, load_speech

from .test_crawl import article_at
from .test_quotes import S000, S003
from .test_quotes import quote as quote_row


def reported(db: sqlite_utils.Database, seed_file: str, line: int) -> list[dict]:
    article = article_at(db, seed_file, line)
    return list(db["quotes"].rows_where("article_id = ? and kind = 'reported'", [article["id"]],
                                        order_by="char_start"))


def statement(db, seed_file, line, start) -> dict:
    [row] = [r for r in reported(db, seed_file, line) if r["text"].startswith(start)]
    return row


def test_a_said_that_clause_with_its_speaker_and_verb(dev_db):
    row = statement(sqlite_utils.Database(dev_db), "dev03.txt", 1, "Iran began enrichment activities")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == (
        "The International Atomic Energy Agency", "international-atomic-energy-agency", "tell")


def test_according_to_before_and_after_the_statement(dev_db):
    db = sqlite_utils.Database(dev_db)
    before = statement(db, "dev03.txt", 163, "teams responded to 10 blazes")
    assert (before["text"], before["speaker"], before["verb"]) == (
        "teams responded to 10 blazes in the region", "fire services", "according to")
    after = statement(db, "dev03.txt", 61, "There were 19 terror bombs")
    assert (after["text"], after["speaker"], after["verb"]) == (
        "There were 19 terror bombs on Saturday", "Israeli rescue services", "according to")


def test_two_statements_in_one_sentence_and_a_mixed_one(dev_db):
    """"…, adding that “all terrorist activity …” is taken very seriously, and that the IDF “will do …”": two
    reported statements of the IDF, each holding a direct quotation, which is a row of its own too."""
    db = sqlite_utils.Database(dev_db)
    adding = [r for r in reported(db, "dev03.txt", 41) if r["verb"] == "add"]
    assert [(r["text"][:40], r["speaker_entity_id"]) for r in adding] == [
        ("“all terrorist activity against Israel” ", "israel-defense-forces"),
        ("the IDF “will do whatever is necessary t", "israel-defense-forces"),
    ]
    article = article_at(db, "dev03.txt", 41)
    direct = {r["text"][:30] for r in db["quotes"].rows_where("article_id = ? and kind = 'speech'", [article["id"]])}
    assert "will do whatever is necessary " in direct


def test_a_subject_with_an_aside_in_the_seeds(db):
    """A subject with an aside: "Victoria Johnson, whose husband is stationed at …, said she wouldn’t …"."""
    row = statement(db, "003_15da29468eeff97d.txt", 46, "she wouldn’t move back home")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == ("Victoria Johnson", "victoria-johnson", "say")


def test_thought_questions_and_hypotheticals_are_not_statements():
    body = "\n\n".join([
        "He believes that the militias will win the vote in the south.",
        "Did the minister say that the troops would leave the country?",
        "The cleric would say that the election was stolen from his movement.",
        "Sadr’s calls for calm went unheeded in the capital on Friday.",
        "The ministry said the attack killed three soldiers near the border.",
    ])
    rows = [(q.text, q.speaker, q.verb) for q in find_quotes(body, [], {}) if q.kind == "reported"]
    assert rows == [("the attack killed three soldiers near the border", "The ministry", "say")]


def test_every_statement_slices_the_body_exactly(dev_db, db):
    for database in (sqlite_utils.Database(dev_db), db):
        bodies = {a["id"]: a["body"] for a in database["articles"].rows}
        rows = list(database["quotes"].rows)
        assert sum(r["kind"] == "reported" for r in rows) > 100
        for row in rows:
            assert bodies[row["article_id"]][row["char_start"]:row["char_end"]] == row["text"], row["id"]


def test_relative_clauses_adverbials_and_noun_objects(dev_db, db):
    """Frames the crawl writes: "which he said was …"; a subject with a relative clause naming another outlet;
    "had said in February he …" after an aside; "confirmed having …" after an introductory word; noun-phrase
    objects ("demanded early elections"); "said Lt. Col. Rob Shuford" with its abbreviated titles."""
    dev = sqlite_utils.Database(dev_db)
    expected = [
        ("dev07.txt", 46, "was an entirely home-made product", "Hajizadeh", "amir-ali-hajizadeh", "say"),
        ("dev02.txt", 142, "his group seized the drone", "a source from one of the resistance groups in Gaza", None, "say"),
        ("dev06.txt", 52, "he backed early elections", "Al-Sadr", "muqtada-al-sadr", "say"),
        ("dev02.txt", 181, "having bombed Hamas positions", "Israel Defense Force", "israel-defense-forces", "confirm"),
    ]
    for page, line, start, speaker, entity, verb in expected:
        row = statement(dev, page, line, start)
        assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == (speaker, entity, verb)
    assert statement(db, "000_c035f8e90eaba482.txt", 287, "early elections, better services")["verb"] == "demand"
    row = statement(db, "003_15da29468eeff97d.txt", 46, "Marines and sailors are constantly engaged")
    assert (row["speaker"], row["speaker_entity_id"]) == ("Rob Shuford", "rob-shuford")


def test_speakers_of_coordinated_subjects_participles_and_asides(dev_db, db):
    """Two speakers of one verb are both, linked to neither; a verb with no subject of its own ("… and announced
    that", "…, vowing to") takes the sentence's; an aside closing before the verb ("Hamas, which rules the Gaza
    Strip, said") is no subject; a name inside a reported statement is no antecedent of the next "he said"."""
    row = statement(db, "003_15da29468eeff97d.txt", 405, "American forces were not leaving Iraq")
    assert (row["speaker"], row["speaker_entity_id"]) == ("Mark Esper and Mark Milley", None)
    row = statement(db, "000_c035f8e90eaba482.txt", 447, "U.S. moves were designed to scare")
    assert (row["speaker"], row["speaker_entity_id"]) == ("Gati Rikabi and another committee member", None)
    dev = sqlite_utils.Database(dev_db)
    row = statement(dev, "dev03.txt", 117, "it has opened an investigation")
    assert (row["speaker"], row["speaker_entity_id"]) == ("Hamas", "hamas")
    row = statement(dev, "dev01.txt", 175, "to fight corruption")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == ("Moqtada Al Sadr", "muqtada-al-sadr", "vow")
    row = statement(db, "000_c035f8e90eaba482.txt", 447, "Militia attacks were not necessarily")
    assert row["speaker_entity_id"] != "donald-trump"


def test_noun_frames_and_as_clauses(dev_db):
    """A noun of speech opens a statement with its "that" (speech.yml `nouns`): "Moqtada al-Sadr’s warnings that
    …", "reports … from the so-called “balloon units” that …", "suggestions in Israeli media that …"; so does
    "As she explained …, C"; "so-called" is no verb."""
    db = sqlite_utils.Database(dev_db)
    rows = [
        (statement(db, "dev07.txt", 20, "the latter is a no-go area"), ("Moqtada al-Sadr", "muqtada-al-sadr", "warn")),
        (statement(db, "dev09.txt", 3, "a lightning strike may have triggered"), (None, None, "suggest")),
        (statement(db, "dev04.txt", 136, "there’s a much larger number of faults"), ("Kathryn Miles", "kathryn-miles",
                                                                                   "explain")),
    ]
    for row, expected in rows:
        assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == expected
    assert statement(db, "dev03.txt", 163, "they had begun to launch")["verb"] == "report"
    assert not list(db.query("select id from quotes where verb = 'call' and text = 'balloon units'"))


def test_a_clause_holding_a_quotation_before_its_attribution_is_reported_too(dev_db):
    """"Hamas, which controls the Gaza Strip, was “responsible for …,” the IDF said": a direct and a reported row;
    a quotation closed by its stop does not lend its attribution to the next sentence ("… sites.” ISIS is
    threatening to …")."""
    db = sqlite_utils.Database(dev_db)
    row = statement(db, "dev03.txt", 61, "Hamas, which controls the Gaza Strip, was")
    assert (row["speaker_entity_id"], row["verb"]) == ("israel-defense-forces", "claim")
    row = statement(db, "dev07.txt", 20, "to destroy the holy sites")
    assert (row["speaker"], row["verb"]) == ("ISIS", "threaten")


def test_listeners_before_an_infinitive_and_relative_clauses(db):
    """"called his veteran fighters to come" takes the infinitive; a long noun phrase before a later "to" is the
    object itself ("ordered investigations into …"); "in which he calls upon “…”" is a direct quotation only."""
    row = statement(db, "000_c035f8e90eaba482.txt", 155, "to come to meet him")
    assert (row["verb"], row["speaker_entity_id"]) == ("call", "abu-mahdi-al-muhandis")
    assert statement(db, "000_c035f8e90eaba482.txt", 417, "investigations into security forces")["verb"] == "order"
    assert not [r for r in reported(db, "003_15da29468eeff97d.txt", 345) if "our proud people" in r["text"]]


def test_closing_attributions_with_numbers_and_appositives():
    """A number's comma is no clause's ("3,500 paratroopers …, the Fayetteville Observer reported"); an appositive
    closed by a comma before the verb stays with its name ("…, Mr Mohi, a spokesman, said")."""
    found = {q.text: (q.speaker, q.verb) for q in find_quotes("\n\n".join([
        "In January, Fort Bragg deployed approximately 3,500 paratroopers to the Middle East, the Fayetteville "
        "Observer reported.",
        "The militias will stop attacks on the embassy, Mr Mohi, a spokesman, said.",
    ]), [], {}) if q.kind == "reported"}
    assert found == {
        "In January, Fort Bragg deployed approximately 3,500 paratroopers to the Middle East":
            ("the Fayetteville Observer", "report"),
        "The militias will stop attacks on the embassy": ("Mr Mohi, a spokesman", "say"),
    }


def test_a_named_speaker_after_its_statement_is_linked(dev_db):
    """"…, Radio Pakistan reported.": the outlet named after the statement is the linked speaker."""
    db = sqlite_utils.Database(dev_db)
    [row] = [r for r in reported(db, "dev10.txt", 39) if r["speaker"] == "Radio Pakistan"]
    assert (row["speaker_entity_id"], row["verb"]) == ("radio-pakistan", "report")


def test_threatened_with_and_according_to_without_a_comma(db):
    """"Rab Allah has threatened Kadhimi with the burning of …" (frame `with` in speech.yml); a sentence closed by
    "according to X" with no comma before it is X's."""
    row = statement(db, "000_c035f8e90eaba482.txt", 1, "the burning of the headquarters")
    assert (row["speaker"], row["verb"]) == ("Rab Allah", "threaten")
    row = statement(db, "000_c035f8e90eaba482.txt", 363, "Sadr’s tweet came moments after a roadside bomb")
    assert (row["speaker_entity_id"], row["verb"]) == ("iraqi-security-media-cell", "according to")


def test_according_to_after_another_statement_in_the_sentence():
    """"A, the Observer reported, and B, according to X": B is X's, A the Observer's."""
    found = {q.text: q.speaker for q in find_quotes(
        "In January, Fort Bragg deployed 3,500 paratroopers to the Middle East, the Fayetteville Observer reported, "
        "and Camp Lejeune redirected 2,500 Marines to the Mediterranean Sea, according to previous reports by The "
        "Daily News.", [], {}) if q.kind == "reported"}
    assert found == {
        "In January, Fort Bragg deployed 3,500 paratroopers to the Middle East": "the Fayetteville Observer",
        "Camp Lejeune redirected 2,500 Marines to the Mediterranean Sea": "previous reports by The Daily News",
    }


def test_a_document_speaks_for_its_author(db):
    """"Al-Sadr’s message asked …": whose message; "The resolution also called for …": the body that passed it."""
    row = statement(db, "003_15da29468eeff97d.txt", 1, "to answer “the call of the homeland")
    assert (row["speaker_entity_id"], row["speaker_description"]) == ("muqtada-al-sadr", "Al-Sadr’s message")
    row = statement(db, "003_15da29468eeff97d.txt", 212, "cancelling Baghdad’s request")
    assert (row["speaker_entity_id"], row["speaker_description"]) == ("iraqi-parliament", "The resolution")


def test_plural_doers_before_a_participle_and_they(db):
    """"amid threats from Iran-backed militia groups promising to …": the groups promise, not the sentence's
    subject; "They said" takes the people who spoke before, not an organization merely named."""
    row = statement(db, "003_15da29468eeff97d.txt", 106, "to exact revenge")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == ("Iran-backed militia groups", None, "promise")
    row = statement(db, "000_c035f8e90eaba482.txt", 447, "they had received orders")
    assert row["speaker_entity_id"] != "us-embassy-in-baghdad"


def test_a_country_or_capital_speaks_for_its_government(db):
    """"Washington has reportedly warned Baghdad that …", "Iraq has also requested …": the speaker is the text's
    word, linked to the government (entities.yml `speaks_as`); elsewhere those names stay places."""
    row = statement(db, "000_c035f8e90eaba482.txt", 97, "it would close its embassy")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == ("Washington", "us-government", "warn")
    row = statement(db, "003_15da29468eeff97d.txt", 46, "the removal of American troops")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == ("Iraq", "iraqi-government", "request")
    assert db["entities"].get("us-government")["type"] == "government"


def test_a_statement_reported_inside_another(db):
    """"He noted that Mr Sadr called for the march …" is two statements, the second inside the first; so is
    "Iraq has requested C1, stating C2, the Associated Press reported.", whose C2 ends at its comma."""
    outer = statement(db, "003_15da29468eeff97d.txt", 260, "Mr Sadr called for the march")
    assert (outer["speaker_entity_id"], outer["verb"]) == ("ali-al-uboudi", "note")
    inner = statement(db, "003_15da29468eeff97d.txt", 260, "the march after pro-Iranian militias")
    assert (inner["speaker_entity_id"], inner["verb"]) == ("muqtada-al-sadr", "call")
    outer = statement(db, "003_15da29468eeff97d.txt", 46, "Iraq has also requested the removal")
    assert (outer["speaker_entity_id"], outer["verb"]) == ("associated-press", "report")
    inner = statement(db, "003_15da29468eeff97d.txt", 46, "the missile strike was an unacceptable breach")
    assert inner["text"].endswith("violation of security agreements")


def test_who_a_pronoun_a_list_or_a_partitive_stands_for(db):
    """", he said" looks before the statement, not inside it; "But they said" takes the plural subject of the
    sentence before; "A, B's leader C and D … called upon" lists all, linked to none; "…, with some threatening
    to …" is some of the sentence's subject."""
    row = statement(db, "000_c035f8e90eaba482.txt", 97, "Iraqi Prime Minister Mustafa Al Kadhimi and other")
    assert row["speaker_entity_id"] == "renad-mansour"
    row = statement(db, "000_c035f8e90eaba482.txt", 447, "it could backfire by provoking")
    assert (row["speaker"], row["speaker_entity_id"]) == ("Some Iraqi officials", None)
    row = statement(db, "000_c035f8e90eaba482.txt", 1, "to take")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == (
        "Muqtada al-Sadr, Ammar al-Hakim and Kurdistan Regional Government", None, "call")
    row = statement(db, "003_15da29468eeff97d.txt", 140, "to force Salih to resign")
    assert (row["speaker"], row["speaker_entity_id"]) == ("Leaders of several Iraqi Shia armed groups", None)


def test_a_name_closing_its_statement_before_an_appositive(db):
    """"… public rights of Iraqis Ali Al Bayati, a member of the … Commission, said.": a comma missing before
    the name; the name speaks, its appositive describes it, and the statement ends before the name."""
    row = statement(db, "000_c035f8e90eaba482.txt", 287, "The pilgrimage is a key part")
    assert (row["speaker"], row["speaker_entity_id"]) == ("Ali Al Bayati", "ali-al-bayati")
    assert row["text"].endswith("public rights of Iraqis")
    assert row["speaker_description"] == "Ali Al Bayati, a member of the Iraqi Human Rights Commission"


def test_quote_ids_follow_reading_order(db):
    """An article's quotes sorted by id are in the order they stand in its body."""
    for article in db.query("select distinct article_id from quotes"):
        rows = list(db.query("select char_start from quotes where article_id = ? order by id", [article["article_id"]]))
        assert [r["char_start"] for r in rows] == sorted(r["char_start"] for r in rows)


def speakers_of(text: str, names: dict[str, tuple[str, str]], governments: dict[str, str] | None = None) -> dict:
    """{statement: (speaker, entity)} of the reported statements `find_quotes` reads in a text whose `names` (surface:
    (entity id, type)) are its mentions."""
    mentions = [ResolvedMention(entity, "body", None, surface, m.start(), m.end())
                for surface, (entity, _) in names.items() for m in re.finditer(re.escape(surface), text)]
    types = {entity: kind for entity, kind in names.values()}
    return {q.text: (q.speaker, q.speaker_entity_id)
            for q in find_quotes(text, sorted(mentions, key=lambda m: m.start), types, None, governments)
            if q.kind == "reported"}


def test_the_speaker_rules_do_not_misfire_on_ordinary_sentences():
    """Shapes a reviewer wrote against the new rules: a name closing C is no speaker unless a role appositive
    follows; an organization before "told reporters" speaks; an aside is no list; a study "of" a group is not
    by it; a surname already named is a person, not a capital; a dash inside a phrase is no dateline; "they" is no
    outlet; "the army" is no militia."""
    names = {"Qassem Soleimani": ("qasem-soleimani", "person"), "Associated Press": ("associated-press", "organization"),
             "Hezbollah": ("hezbollah", "organization"), "Muqtada al-Sadr": ("muqtada-al-sadr", "person"),
             "Hadi al-Amiri": ("hadi-al-amiri", "person"), "Fatah Alliance": ("fatah-alliance", "organization"),
             "Hamas": ("hamas", "organization"), "Denzel Washington": ("denzel-washington", "person"),
             "Reuters": ("reuters", "organization"), "Popular Mobilization Forces": ("popular-mobilization-forces",
                                                                                  "organization")}
    found = speakers_of("\n\n".join([
        "Parliament voted to expel the troops after the killing of Qassem Soleimani, the Associated Press reported.",
        "Hezbollah told reporters that the strikes on the border would continue.",
        "Muqtada al-Sadr, speaking after a meeting with Hadi al-Amiri and the Fatah Alliance, said the vote must go on.",
        "A study of Hamas fighters said that most of them were recruited young.",
        "Denzel Washington visited the set. Washington said that the film would open in May.",
        "Reuters reported the strike on Sunday. But they said the base was not damaged.",
        "The Popular Mobilization Forces said nothing. The army said that the roads were open again.",
    ]), names, {"Washington": "us-government"})
    assert found["Parliament voted to expel the troops after the killing of Qassem Soleimani"] == (
        "Associated Press", "associated-press")
    assert found["the strikes on the border would continue"] == ("Hezbollah", "hezbollah")
    assert found["the vote must go on"] == ("Muqtada al-Sadr", "muqtada-al-sadr")
    assert found["most of them were recruited young"][1] != "hamas"
    assert found["the film would open in May"] == ("Washington", "denzel-washington")
    assert found["the base was not damaged"][0] != "Reuters"
    assert found["the roads were open again"][1] != "popular-mobilization-forces"


def test_a_quotation_with_only_an_adverbial_after_it_is_a_direct_quote_alone():
    """"claimed that “…” during an interview on Rudaw TV" and "“…,” X, director-general of … (IAEA), told the Times"
    are direct quotations, not reported statements as well."""
    found = speakers_of("\n\n".join([
        "The spokesperson, Safa Tamimi, claimed that “we will arm, train, and categorize the volunteers according "
        "to their specialty” during an interview on Rudaw TV.",
        "“A country enriching at 60% is a very serious thing,” Rafael Grossi, director-general of the International "
        "Atomic Energy Agency (IAEA), told the Times.",
    ]), {})
    assert found == {}


def test_a_passive_directive_and_an_inverted_attribution_without_its_comma(dev_db):
    """"The Palestinian public was asked to demonstrate …" is a statement whose speaker the text does not name;
    "The future of Iraq … is endangered by sectarian Shia-Sunni hostility says Muqtada al-Sadr, the …" is his."""
    db = sqlite_utils.Database(dev_db)
    row = statement(db, "dev03.txt", 211, "to demonstrate and to confront")
    assert (row["speaker"], row["speaker_entity_id"], row["verb"]) == (None, None, "ask")
    row = statement(db, "dev04.txt", 1, "The future of Iraq as a united and independent country")
    assert (row["speaker_entity_id"], row["verb"]) == ("muqtada-al-sadr", "say")
    assert row["text"].endswith("endangered by sectarian Shia-Sunni hostility")


def test_the_newest_rules_leave_ordinary_sentences_alone():
    """A second review's counter-examples: a scare-quoted phrase or a quotation followed by a clause is still
    reported speech; "says Abadi, his predecessor, was to blame" is a content clause, not an inverted attribution;
    a passive directive's agent ("by President Salih") asks; a request for comment is no statement; a sentence
    after a quotation's attribution has its own frame."""
    names = {"Abadi": ("haider-al-abadi", "person"), "President Salih": ("barham-salih", "person"),
             "Iran": ("iran", "place")}
    found = speakers_of("\n\n".join([
        "Officials said “the strike” on the base killed three soldiers and wounded two.",
        "Officials said “the border will stay closed” while talks continue in Cairo.",
        "The ministry denied the report on Monday and the prime minister says Abadi, his predecessor, was to blame.",
        "Abadi was asked to form a government by President Salih after the vote.",
        "The prime minister was asked to comment on the report but declined.",
        "“We are worried about the enrichment,” he told reporters. The watchdog (IAEA) said Iran had enriched "
        "uranium to 60 percent.",
    ]), names)
    assert found["“the strike” on the base killed three soldiers and wounded two"] == ("Officials", None)
    assert found["“the border will stay closed” while talks continue in Cairo"] == ("Officials", None)
    assert found["Abadi, his predecessor, was to blame"][0] == "the prime minister"
    assert found["to form a government"] == ("President Salih", "barham-salih")
    assert not [text for text in found if text.startswith("to comment")]
    assert found["Iran had enriched uranium to 60 percent"] == ("The watchdog (IAEA)", None)


def reads(text: str) -> dict:
    """{statement: (speaker, verb)} of the reported statements `find_quotes` reads in a text with no names."""
    return {q.text: (q.speaker, q.verb) for q in find_quotes(text, [], {}) if q.kind == "reported"}


def test_every_form_of_a_class_member_is_a_reporting_verb(db, dev_db):
    """The verbs of communication come from their classes (speech.yml), each form from lemminflect: "hinted that"
    (say-37.7), "mentioning he was …", "implored Y to C" (urge-58.1); a participle opening a sentence is one too."""
    speech = default_speech()
    assert {speech.lemma(f) for f in ("implored", "implores", "imploring", "Insisting", "emphasised")} == {
        "implore", "insist", "emphasize"}
    row = statement(db, S003, 106, "sanctions on Iraq were still a possibility")
    assert (row["speaker"], row["verb"]) == ("Donald Trump", "hint")
    row = statement(sqlite_utils.Database(dev_db), "dev03.txt", 201, "he was “horrified”")
    assert (row["speaker"], row["verb"]) == ("Antonio Guterres", "mention")
    assert reads("The senator implored colleagues to reconsider the bill, according to a transcript.") == {
        "to reconsider the bill": ("The senator", "implore")}


def test_a_verb_of_an_unknown_class_stops_the_build(tmp_path):
    (tmp_path / "speech.yml").write_text("classes: {say-37.7: [closing]}\nverbs:\n  gush: {class: manner-37.3}\n")
    with pytest.raises(BuildError, match="no class 'manner-37.3'"):
        load_speech(tmp_path / "speech.yml")


def test_a_participle_opening_a_sentence_reports_its_own_frame(db):
    """"Insisting C, X said …": C ends at the comma before the main clause, whose subject speaks; "Reiterating a
    similar message, Shammari told Al Jazeera: “…”" and "Speaking to reporters, …" report nothing of their own."""
    assert reads("Insisting it wasn’t rehearsed, the mayor said the vote was fair.") == {
        "it wasn’t rehearsed": ("the mayor", "insist"), "the vote was fair": ("the mayor", "say")}
    assert reads("Speaking to reporters, the mayor said the vote was fair.") == {
        "the vote was fair": ("the mayor", "say")}
    article = article_at(db, S003, 140)
    rows = list(db["quotes"].rows_where("article_id = ? and verb = 'reiterate'", [article["id"]]))
    assert rows == []
    assert quote_row(db, S003, 140, "We expect an unprecedented number")["speaker"] == "Shammari"


def test_a_light_verb_with_a_noun_of_attitude_and_that():
    """"X expressed concern that C" (frame attitude); a sentence of dev14, and one of another outlet's style."""
    assert reads("One of Sadr’s top aides expressed concerns that some parties were trying to sabotage the cleric’s "
                 "victory.") == {"some parties were trying to sabotage the cleric’s victory": (
                     "One of Sadr’s top aides", "express")}
    assert reads("The coach expressed his deep frustration over the schedule that the league had ignored "
                 "player safety.") == {"the league had ignored player safety": ("The coach", "express")}
    assert reads("The minister expressed support for the plan.") == {}


def test_that_omission_before_a_subject_pronoun():
    """Verbs of the say, manner-of-speaking, complain and confess classes take a clause without "that" when a
    subject pronoun and its verb open it (frame pronoun): sentences of dev11 and dev12, and an outside one;
    "revealed it to the press" is an object."""
    assert reads("The Sadrist movement was the first to announce its withdrawal when its leader, prominent Shiite "
                 "cleric Muqtada al-Sadr, declared he will not run.")["he will not run"][1] == "declare"
    found = speakers_of("In a televised speech on July 15, 2021, the leader of the Sadrist movement Muqtada al-Sadr "
                        "announced he was withdrawing from the election race.",
                        {"Muqtada al-Sadr": ("muqtada-al-sadr", "person")})
    assert found == {"he was withdrawing from the election race": ("Muqtada al-Sadr", "muqtada-al-sadr")}
    assert reads("The quarterback grumbled on Sunday they were never given a chance.") == {
        "they were never given a chance": ("The quarterback", "grumble")}
    assert reads("The ministry revealed it to the press.") == {}


def test_the_frames_of_the_advise_class():
    """advise-37.9: "X cautioned against C", "X instructed Y to C" (sentences of dev15), "X advised Y to C"."""
    assert reads("Moreover, he cautioned against the participation of any party under the banner of the Hashid "
                 "al-Shaabi in the country’s upcoming elections.") == {
        "the participation of any party under the banner of the Hashid al-Shaabi in the country’s upcoming elections":
            ("he", "caution")}
    assert reads("The Palestinian Authority (PA) leadership reportedly instructed the mosques it controls to focus "
                 "their religious sermons on the embassy relocation.")[
        "to focus their religious sermons on the embassy relocation"][1] == "instruct"
    assert reads("The county clerk advised voters to bring photo identification.") == {
        "to bring photo identification": ("The county clerk", "advise")}


def test_a_verb_form_in_another_sense_is_no_statement(db, dev_db):
    """Without its frame a form is a noun or another verb: "a Palestinian state", "remarks that sparked …",
    "…, reporting on his meeting", "…, continuing its campaign", "added 178,000 jobs", "pledged allegiance to the
    person", "notify the other in advance", "As its subtitle hints"."""
    dev = sqlite_utils.Database(dev_db)
    assert not [r for r in reported(dev, "dev02.txt", 108) if r["verb"] == "state"]
    assert not [r for r in reported(dev, "dev02.txt", 30) if r["verb"] == "notify"]
    assert not [r for r in reported(dev, "dev07.txt", 110) if r["verb"] == "hint"]
    assert not [r for r in reported(db, S000, 37) if r["text"].startswith("sparked")]
    assert statement(db, S000, 447, "to close the embassy")["text"].endswith("to President Barham Salih")
    assert statement(db, S003, 405, "it does not plan to leave Iraq")["text"].endswith("despite rumors suggesting otherwise")
    assert reads("The army shelled the town, continuing its campaign against the rebels.") == {}
    assert reads("Gulf states that have normalized ties with Israel were silent.") == {}
    assert reads("The economy added 178,000 jobs in March, the Labor Department said.") == {
        "The economy added 178,000 jobs in March": ("the Labor Department", "say")}
    assert reads("The rally was held in a Palestinian state, the organizers said in a statement, reporting on "
                 "their march.") == {"The rally was held in a Palestinian state": ("the organizers", "say")}
    assert reads("As its name suggests, the fund pays for roads.") == {}
    assert reads("As the statement noted, the vote was delayed twice.") == {
        "the vote was delayed twice": ("the statement", "note")}


def test_claim_takes_an_infinitive_and_a_participle_without_content_passes_on_no_subject(dev_db):
    """"the person who claimed to be the Mahdi" (dev04); "The demonstrators chanted slogans condemning …, calling
    for …": the demonstrators, not "The demonstrators chanted slogans", call."""
    dev = sqlite_utils.Database(dev_db)
    assert statement(dev, "dev04.txt", 40, "to be the Mahdi under the Kaaba")["verb"] == "claim"
    assert reads("The group claimed to have shot down a drone over the base.") == {
        "to have shot down a drone over the base": ("The group", "claim")}
    assert reads("The demonstrators chanted slogans condemning the embassy and calling for a boycott of the "
                 "talks.") == {"a boycott of the talks": ("The demonstrators", "call")}


def test_a_frame_inside_a_content_clause_without_that(dev_db):
    """"X said the imagery suggests that C" (dev09): X's statement is the whole clause, the inner one is its
    subject's; "Witnesses said the gunmen shouted that C" in another outlet's style."""
    row = statement(sqlite_utils.Database(dev_db), "dev09.txt", 152, "the imagery suggests that China")
    assert (row["speaker"], row["verb"]) == ("Hans Kristensen", "say")
    assert reads("Witnesses said the gunmen shouted that they would return.") == {
        "the gunmen shouted that they would return": ("Witnesses", "say"), "they would return": ("the gunmen", "shout")}


def test_the_verbs_of_communication_an_outside_corpus_missed(dev_db):
    """implored (urge-58.1), gushed (lecture-37.11-1), shouted (manner_speaking-37.3), joked (chit_chat-37.6),
    reminding (advise-37.9 by its object; its subject before the sentence's irregular past "spoke", lemminflect's),
    "expressed frustration that" (an attitude): each yields its statement, in a local sports page's style; "he
    reminded the world that …" on a dev page."""
    assert {speaker for speaker, _ in reads("The left wing of the party, insisting that the vote was stolen, walked "
                                            "out.").values()} == {None}  # "left" after "the" is no verb
    assert reads("\n\n".join([
        "Coach Dana Reyes implored the fans to stay until the final whistle.",
        "“This is the best group I have ever coached,” Reyes gushed after the game.",
        "Supporters shouted that the referee had missed a handball.",
        "“We might need a bigger trophy cabinet,” the captain joked.",
        "The club chairman spoke briefly, reminding fans that the stadium would close for repairs in May.",
        "The mayor expressed frustration that the stadium deal had stalled again.",
    ])) == {
        "to stay until the final whistle": ("Coach Dana Reyes", "implore"),
        "the referee had missed a handball": ("Supporters", "shout"),
        "the stadium would close for repairs in May": ("The club chairman", "remind"),  # "spoke": an irregular past
        "the stadium deal had stalled again": ("The mayor", "express"),
    }
    found = {q.text: (q.speaker, q.verb) for q in find_quotes(
        "“This is the best group I have ever coached,” Reyes gushed after the game.\n\n"
        "“We might need a bigger trophy cabinet,” the captain joked.", [], {}) if q.kind == "speech"}
    assert found == {"This is the best group I have ever coached": ("Reyes", "gush"),
                     "We might need a bigger trophy cabinet": ("the captain", "joke")}
    row = statement(sqlite_utils.Database(dev_db), "dev11.txt", 75, "Russia was a leading nuclear power")
    assert (row["speaker_entity_id"], row["verb"]) == ("vladimir-putin", "remind")


def test_the_subject_of_the_verb_not_a_name_of_an_introductory_clause(dev_db):
    """A subordinate clause before the subject ("And even if Clinton becomes president, Obama said …", "Though …",
    "When …") names no speaker: the subject after its comma speaks; an appositive ("Jason Healey, a senior research
    scholar at …, said") goes with its name (a US politics site's style); "And if the Sadrist movement is to be tasked
    with forming a cabinet, he said …" on a dev page (dev15)."""
    names = {"Clinton": ("hillary-clinton", "person"), "Obama": ("barack-obama", "person"),
             "Jason Healey": ("jason-healey", "person"), "Columbia University": ("columbia-university", "organization"),
             "Adam Szubin": ("adam-szubin", "person"), "The Washington Post": ("the-washington-post", "organization")}
    found = speakers_of("\n\n".join([
        "And even if Clinton becomes president, Obama said the party must rebuild in the states.",
        "Though Clinton won the primary, Obama told reporters that the party must rebuild.",
        "Jason Healey, a senior research scholar at Columbia University, said the Pentagon's Cyber Command should be "
        "split.",
        "Adam Szubin, a Treasury official, told The Washington Post the sanctions would stay.",
    ]), names)
    assert found == {
        "the party must rebuild in the states": ("Obama", "barack-obama"),
        "the party must rebuild": ("Obama", "barack-obama"),
        "the Pentagon's Cyber Command should be split": ("Jason Healey", "jason-healey"),
        "the sanctions would stay": ("Adam Szubin", "adam-szubin"),
    }
    [quoted] = [q for q in find_quotes("And even if Clinton becomes president, Obama said: “The party must rebuild.”",
                                       [ResolvedMention("hillary-clinton", "body", None, "Clinton", 12, 19),
                                        ResolvedMention("barack-obama", "body", None, "Obama", 41, 46)],
                                       {"hillary-clinton": "person", "barack-obama": "person"}) if q.kind == "speech"]
    assert quoted.speaker_entity_id == "barack-obama"
    row = statement(sqlite_utils.Database(dev_db), "dev15.txt", 112, "he does “not want to sacrifice")
    assert (row["speaker_entity_id"], row["verb"]) == ("muqtada-al-sadr", "say")


def test_a_definite_title_is_the_person_named_before(db):
    """"the archbishop said" (nameparser's title, a church paper's style) is the person named before, as "the
    premier" is Kadhimi on a seed page; "the company said" is no person."""
    found = speakers_of("Archbishop Justin Welby visited the flooded town on Sunday. The archbishop said the "
                        "government must rebuild the school. The company said the plant would reopen.",
                        {"Justin Welby": ("justin-welby", "person")})
    assert found["the government must rebuild the school"] == ("Justin Welby", "justin-welby")
    assert found["the plant would reopen"] == ("The company", None)
    assert quote_row(db, S000, 363, "Closure of the embassies in Iraq")["speaker_description"] == "the premier"


def test_said_at_least_opens_a_clause_not_a_place(dev_db):
    """"at least 20 were wounded" is a quantity: the clause follows "said" with no "that"; "said at a news
    conference" is still no statement."""
    row = statement(sqlite_utils.Database(dev_db), "dev11.txt", 45, "at least 20 were wounded")
    assert (row["speaker"], row["verb"]) == ("Medical sources", "say")
    found = extract("Hospital officials in Nasiriyah said at most six people were hurt. The governor said at a "
                    "news conference in the city.")["statements"]
    assert [(s["speaker"], s["text"]) for s in found] == [("Hospital officials in Nasiriyah",
                                                            "at most six people were hurt")]


def test_a_phrasal_verb_of_speech_in_every_form(dev_db):
    """"point out" (speech.yml) is inflected as its verb with the particle after: "pointed out", "pointing out"."""
    rows = reported(sqlite_utils.Database(dev_db), "dev12.txt", 283)
    assert ("The sources", "point out") in [(r["speaker"], r["verb"]) for r in rows]
    found = extract("The ministry’s spokesman pointed out that the pipeline was repaired. Engineers looked out "
                    "the window. Exports will resume, he said, pointing out that storage is full.")["statements"]
    assert [(s["speaker"], s["verb"], s["text"]) for s in found] == [
        ("The ministry’s spokesman", "point out", "the pipeline was repaired"), ("he", "say", "Exports will resume"),
        ("he", "point out", "storage is full")]
