"""Datasette (its own test client) serves the db with the project's metadata."""

import asyncio

import yaml
from datasette.app import Datasette

from .conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


def get_json(built_db, path: str) -> dict:
    async def fetch():
        ds = Datasette([str(built_db)], immutables=[], metadata=METADATA)
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_articles_table_has_the_default_facets(built_db):
    facets = get_json(built_db, "/militia_news/articles.json")["facet_results"]
    assert set(facets) == {"outlet_id", "via_outlet_id", "published_month", "entities"}
    entities = {f["value"]: f["count"] for f in facets["entities"]["results"]}
    assert entities["Muqtada al-Sadr"] == 19  # all but the Jacksonville Daily News piece
    assert entities["Kataib Hezbollah"] >= 9
    outlets = {f["value"]: f["count"] for f in facets["outlet_id"]["results"]}
    assert outlets["the-national"] == 3 and outlets["al-jazeera"] == 2
    months = {f["value"]: f["count"] for f in facets["published_month"]["results"]}
    assert months["2020-10"] == 3 and months["2020-01"] == 3


def facet_values(facets: dict) -> dict:
    return {name: [(v["value"], v["label"], v["count"]) for v in f["results"]] for name, f in facets.items()}


def test_unfiltered_facets_use_the_builds_counts_which_match_live_counting(built_db, db):
    counted = {row["column_name"] for row in db["facet_counts"].rows_where("table_name = 'quotes'")}
    assert counted == {"kind", "speaker_entity_id", "verb", "outlet_id", "published_month"}
    assert {row["column_name"] for row in db["facet_counts"].rows_where("table_name = 'said'")} == {
        "speaker_entity_id", "how", "verb", "outlet_id", "published_month"}  # a view's, counted as a table's
    for table in ("articles", "said", "quotes"):
        unfiltered = facet_values(get_json(built_db, f"/militia_news/{table}.json")["facet_results"])
        live = facet_values(get_json(built_db, f"/militia_news/{table}.json?_where=1")["facet_results"])
        assert unfiltered == live
    outlets = {value: (label, count) for value, label, count in unfiltered["outlet_id"]}
    quoted, reported = (db.execute(f"select count(*) from quotes where outlet_id = 'the-national' and {where}")
                        .fetchone()[0] for where in ("kind != 'reported'", "kind = 'reported'"))
    assert quoted == 21  # the quotations of its 3 articles
    assert outlets["the-national"] == ("The National", quoted + reported)  # label from outlets


def test_ranked_search_query(built_db):
    data = get_json(built_db, "/militia_news/search_articles.json?q=ceasefire&_shape=array")
    assert data[0]["original_headline"] == "Iraqi militias announce conditional ceasefire against US troops"
    assert "<mark>ceasefire</mark>" in data[0]["snippet"]
    data = get_json(built_db, "/militia_news/search_articles.json?q=Sadr%27s+march&_shape=array")
    assert len(data) >= 2


def test_foreign_keys_show_outlet_names(built_db):
    data = get_json(built_db, "/militia_news/articles.json?outlet_id=reuters&_labels=on&_shape=array")
    assert data[0]["outlet_id"] == {"value": "reuters", "label": "Reuters"}


def test_articles_naming_both_entities(built_db):
    rows = get_json(built_db, "/militia_news/articles_naming_both.json?first=Mithal+al-Alusi&second=Bahaa+al-Araji"
                              "&_shape=array")
    assert [r["original_headline"] for r in rows] == [
        "Ex-Official Remarks on Normalizing Ties with Israel Spurs Controversy in Iraq"]
    rows = get_json(built_db, "/militia_news/articles_naming_both.json?first=Sadr&second=Hizbullah+Brigades"
                              "&_shape=array")
    assert len(rows) >= 8


def test_blog_labels_query(built_db):
    rows = {r["label"]: r for r in get_json(built_db, "/militia_news/blog_labels.json?_shape=array")}
    assert rows["Antichrist"]["stands_for"] == "Muqtada al-Sadr" and rows["Antichrist"]["headlines"] == 13
    assert rows["Babylon the Great"]["stands_for"] == "Donald Trump"
    assert rows["Antichrist’s men"]["stands_for"] == "Popular Mobilization Forces"


def test_entity_facets_and_search(built_db):
    data = get_json(built_db, "/militia_news/entities.json?_search=Kataib&_shape=array")
    assert "Kataib Hezbollah" in {r["name"] for r in data}
    assert all("Kataib" in r["name"] or "Kataib" in (r["description"] or "") for r in data)
    facets = get_json(built_db, "/militia_news/entities.json")["facet_results"]
    assert {f["value"] for f in facets["reviewed"]["results"]} == {0, 1}


def test_quotes_facets(built_db):
    facets = get_json(built_db, "/militia_news/quotes.json?kind=speech")["facet_results"]
    assert {"speaker_entity_id", "verb", "outlet_id", "published_month"} <= set(facets)
    verbs = {f["value"]: f["count"] for f in facets["verb"]["results"]}
    assert verbs["say"] > verbs["tell"] > 0


def test_what_did_they_say(built_db):
    rows = get_json(built_db, "/militia_news/what_did_they_say.json?speaker=Kadhimi&_shape=array")
    quoted = [r for r in rows if r["how"] == "quoted"]
    assert quoted[0]["said"].startswith("There are ongoing mortar attacks to destabilize the situation")
    assert {r["outlet"] for r in quoted} == {"Rudaw"}
    assert {"Iraq must not interfere"} <= {r["said"] for r in rows if r["how"] == "reported"}
    assert quoted[0]["article"].startswith("/militia_news/articles/do-not-wage-war-against-your-people")


def test_most_quoted_by_outlet(built_db):
    rows = get_json(built_db, "/militia_news/most_quoted_by_outlet.json?_shape=array")
    guardian = [r for r in rows if r["outlet"] == "The Guardian"]
    assert guardian[0]["speaker"] == "Abu Hashem" and guardian[0]["quotations"] >= 12
