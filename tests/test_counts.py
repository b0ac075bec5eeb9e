"""Counts that agree, over real HTTP: one definition of what a speaker said (the view said: kinds speech and
reported) behind the speaker facet, the chart, the canned queries and the entity page; and wherever dates are
counted, the undated articles are counted too, and sort last."""

import html
import json
import re
import urllib.parse

import pytest
import yaml

from .conftest import ROOT
from .test_server import get

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
CHARTS = METADATA["plugins"]["datasette-dashboards"]["overview"]["charts"]
TABLES = METADATA["databases"]["militia_news"]["tables"]


def fetch_json(server: str, path: str, **params):
    status, body = get(f"{server}{path}?" + urllib.parse.urlencode(params))
    assert status == 200, body[:500]
    return json.loads(body)


def chart_rows(server: str, chart: str) -> list[dict]:
    """A chart's data, as datasette-dashboards fetches it."""
    return fetch_json(server, "/militia_news.json", sql=CHARTS[chart]["query"], _shape="array")


def text_of(server: str, path: str) -> str:
    status, body = get(server + path)
    assert status == 200
    return html.unescape(re.sub(r"<[^>]+>", "", body.decode("utf-8")))


@pytest.fixture(scope="module")
def top_speakers(db) -> dict[str, tuple[str, int]]:
    """entity id -> (name, statements of kind speech or reported) for the five who said most."""
    return {r["id"]: (r["name"], r["n"]) for r in db.query(
        "select e.id, e.name, count(*) as n from quotes q join entities e on e.id = q.speaker_entity_id "
        "where q.kind in ('speech', 'reported') group by e.id order by n desc, e.id limit 5")}


def test_what_a_speaker_said_is_counted_one_way_everywhere(server, db, top_speakers):
    facet = {v["value"]: v["count"] for v in fetch_json(server, "/militia_news/said.json", _size=0)[
        "facet_results"]["speaker_entity_id"]["results"]}
    chart: dict[str, int] = {}
    for row in chart_rows(server, "quotes-per-speaker"):
        chart[row["speaker"]] = chart.get(row["speaker"], 0) + row["statements"]
    by_outlet: dict[str, int] = {}
    for row in fetch_json(server, "/militia_news/most_quoted_by_outlet.json", _shape="array", _size="max"):
        by_outlet[row["speaker"]] = by_outlet.get(row["speaker"], 0) + row["quotations"] + row["reported"]
    for entity_id, (name, said) in top_speakers.items():
        assert facet[entity_id] == chart[name] == by_outlet[name] == said, name
        assert len(fetch_json(server, "/militia_news/what_did_they_say.json", speaker=name, _shape="array",
                              _size="max")) == said, name
        assert f"{said} statements:" in text_of(server, f"/militia_news/entities/{entity_id}"), name
    sadr = db.execute("select count(*) from quotes where speaker_entity_id = 'muqtada-al-sadr'").fetchone()[0]
    assert sadr > top_speakers["muqtada-al-sadr"][1]  # the quotes table holds fragments and titles too …


def test_the_quotes_tables_facets_say_what_they_count(server):
    """… and says so where its facets are, pointing to the view that counts what was said."""
    page = text_of(server, "/militia_news/quotes")
    assert "Its facets count every kind, fragments and titles too; what a speaker said is the view said." in page
    assert "fragment" in TABLES["quotes"]["columns"]["kind"] and "said" in TABLES


def test_the_home_page_says_how_many_articles_are_undated(server, db):
    undated, total = db.execute("select sum(published is null), count(*) from articles").fetchone()
    assert undated > 0
    assert f"{undated} of {total} undated" in text_of(server, "/")


def test_the_month_chart_has_the_undated_last(server, db):
    rows = chart_rows(server, "articles-per-month")
    assert sum(r["articles"] for r in rows) == db["articles"].count
    assert rows[-1] == {"month": "undated", "articles": db["articles"].count_where("published is null")}
    assert [r["month"] for r in rows[:-1]] == sorted(r["month"] for r in rows[:-1])


def test_articles_per_month_by_outlet_counts_every_article_undated_last(server, db):
    rows = fetch_json(server, "/militia_news/articles_per_month_by_outlet.json", _shape="array", _size="max")
    assert sum(r["articles"] for r in rows) == db["articles"].count
    months = [r["month"] for r in rows]
    assert "undated" in months and set(months[months.index("undated"):]) == {"undated"}


def test_an_entitys_timeline_says_how_many_of_its_articles_are_undated(server, db):
    undated, total = db.execute("select sum(published is null), count(*) from articles where id in "
                                "(select article_id from mentions where entity_id = 'muqtada-al-sadr')").fetchone()
    assert undated > 0
    assert f"{undated} of {total} undated" in text_of(server, "/militia_news/entities/muqtada-al-sadr")


def test_by_date_lists_the_undated_last(server):
    for query, params in (("what_did_they_say", {"speaker": "Sadr"}),
                          ("articles_naming_both", {"first": "Sadr", "second": "Kataib Hezbollah"})):
        dates = [r["published"] for r in fetch_json(server, f"/militia_news/{query}.json", _shape="array", **params)]
        assert None in dates and set(dates[dates.index(None):]) == {None}, query
