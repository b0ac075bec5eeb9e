"""The public extraction: `militia_news.extract(text, headline=None)` and `python -m militia_news.extract FILE…`
give what the build gives, for any news text."""

from __future__ import annotations

import json
import subprocess
import sys

import militia_news


def test_extract_gives_the_builds_statements_for_every_seed_article(db):
    articles = list(db.query("select id, original_headline, body from articles order by id"))
    assert len(articles) == 20
    for article in articles:
        found = militia_news.extract(article["body"], article["original_headline"])["statements"]
        built = db.query("select kind, text, char_start, char_end, speaker, speaker_entity_id, verb from quotes "
                         "where article_id = ? order by char_start, char_end, kind", [article["id"]])
        new_speakers = {r["id"] for r in db.query("select id from entities where reviewed = 0")}
        assert sorted((s["kind"], s["text"], s["start"], s["end"], s["speaker"], s["verb"]) for s in found) == sorted(
            (q["kind"], q["text"], q["char_start"], q["char_end"], q["speaker"], q["verb"]) for q in built)
        assert {s["speaker_entity_id"] for s in found} - {None} == {
            q["speaker_entity_id"] for q in db.query("select speaker_entity_id from quotes where article_id = ?",
                                                     [article["id"]])} - {None} - new_speakers


def test_extract_reads_a_story_from_an_outlet_the_project_never_saw():
    text = ("KIRKUK (Shafaq News) – Kataib Hezbollah warned on Tuesday that it would strike US bases. "
            "“We will respond,” spokesman Abu Ali al-Askari said in a statement.")
    found = militia_news.extract(text, "Militia threatens US bases")
    statements = {(s["kind"], s["text"], s["speaker"], s["speaker_entity_id"], s["verb"]) for s in found["statements"]}
    assert ("reported", "it would strike US bases", "Kataib Hezbollah", "kataib-hezbollah", "warn") in statements
    [quote] = [s for s in found["statements"] if s["kind"] != "reported"]
    assert text[quote["start"]:quote["end"]] == "We will respond" and quote["speaker"] == "Abu Ali al-Askari"
    kataib = next(n for n in found["names"] if n["entity_id"] == "kataib-hezbollah")
    assert text[kataib["start"]:kataib["end"]] == kataib["surface"] and kataib["type"] == "organization"


def test_the_command_writes_one_json_line_a_file(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Sadr calls for calm\nMuqtada al-Sadr urged his followers to stay home on Friday.\n",
                     encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "militia_news.extract", "--headline", str(story)],
                            capture_output=True, text=True, check=True)
    [line] = result.stdout.splitlines()
    found = json.loads(line)
    assert found["file"] == str(story)
    assert [(s["text"], s["speaker_entity_id"], s["verb"]) for s in found["statements"]] == [
        ("to stay home on Friday", "muqtada-al-sadr", "urge")]
    assert {"surface": "Sadr", "start": 0, "end": 4, "entity_id": "muqtada-al-sadr", "new_name": None,
            "type": "person", "field": "original_headline"} in found["names"]
