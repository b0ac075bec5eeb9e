"""Every canned query that takes a name finds the entity by any name it goes by (its name, aliases and the
spellings the articles use), whatever the case, accents and hyphens - over real HTTP."""

import json
import re
import urllib.parse

import pytest
import yaml

from .conftest import ROOT
from .test_server import get

QUERIES = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"]["militia_news"]["queries"]


def rows(server: str, query: str, **params) -> list[dict]:
    status, body = get(f"{server}/militia_news/{query}.json?" + urllib.parse.urlencode({**params, "_shape": "array"}))
    assert status == 200, body[:500]
    return json.loads(body)


@pytest.mark.parametrize("spelling", ["sadr", "SADR", "Al Sadr", "al-sadr", "Ṣadr", "muqtada al sadr", "Moqtada Al-Sadr"])
def test_what_did_they_say_finds_a_speaker_by_any_spelling(server, db, spelling):
    expected = rows(server, "what_did_they_say", speaker="Sadr")
    assert len(expected) == db.execute("select count(*) from quotes where speaker_entity_id = 'muqtada-al-sadr' "
                                       "and kind in ('speech', 'reported')").fetchone()[0]
    assert rows(server, "what_did_they_say", speaker=spelling) == expected


@pytest.mark.parametrize("spelling", ["kadhimi", "Kāḍhimī", "KADHIMI"])
def test_a_lower_case_or_accented_surname_is_the_person(server, spelling):
    found = rows(server, "what_did_they_say", speaker=spelling)
    assert found and found == rows(server, "what_did_they_say", speaker="Kadhimi")


def test_every_spelling_an_article_uses_finds_its_entity(server, db):
    """Each mention's surface, lower-cased, finds the articles naming that entity."""
    for surface, entity_id in db.execute("select distinct surface, entity_id from mentions "
                                         "where entity_id = 'kataib-hezbollah'"):
        found = {r["id"] for r in rows(server, "articles_naming_both", first=surface.lower(), second=surface.upper())}
        assert found == {r[0] for r in db.execute("select distinct article_id from mentions where entity_id = ?",
                                                 [entity_id])}, surface


def test_articles_naming_both_in_lower_case(server):
    capitalised = rows(server, "articles_naming_both", first="Sadr", second="Kataib Hezbollah")
    assert len(capitalised) >= 8
    assert rows(server, "articles_naming_both", first="sadr", second="kataib hezbollah") == capitalised


def test_a_place_by_its_id_or_its_name(server, db):
    [baghdad] = db.execute("select id from places where name = 'Baghdad'").fetchone()
    assert rows(server, "articles_at_place", place="baghdad") == rows(server, "articles_at_place", place=baghdad)


def test_every_canned_query_taking_a_name_compares_it_by_name_key():
    """A name is looked up one way: name_key on both sides, through entity_names for an entity."""
    for name, query in QUERIES.items():
        for parameter in set(re.findall(r":(speaker|first|second|place)\b", query["sql"])):
            assert f"name_key(:{parameter})" in query["sql"], (name, parameter)
