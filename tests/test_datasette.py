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
    assert set(facets) == {"outlet_id", "via_outlet_id", "published_month"}
    outlets = {f["value"]: f["count"] for f in facets["outlet_id"]["results"]}
    assert outlets["the-national"] == 3 and outlets["al-jazeera"] == 2
    months = {f["value"]: f["count"] for f in facets["published_month"]["results"]}
    assert months["2020-10"] == 3 and months["2020-01"] == 3


def test_ranked_search_query(built_db):
    data = get_json(built_db, "/militia_news/search_articles.json?q=ceasefire&_shape=array")
    assert data[0]["original_headline"] == "Iraqi militias announce conditional ceasefire against US troops"
    assert "[ceasefire]" in data[0]["snippet"]
    data = get_json(built_db, "/militia_news/search_articles.json?q=Sadr%27s+march&_shape=array")
    assert len(data) >= 2


def test_foreign_keys_show_outlet_names(built_db):
    data = get_json(built_db, "/militia_news/articles.json?outlet_id=reuters&_labels=on&_shape=array")
    assert data[0]["outlet_id"] == {"value": "reuters", "label": "Reuters"}
