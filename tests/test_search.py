"""The home page's search (the canned query search_everything) over real HTTP and in Chromium: the entities whose
name or alias matches first, by mentions, then the articles, then what people said in four words or more, each
group by bm25; FTS5 queries work, and a search FTS5 cannot parse is searched as plain words."""

import json
import re
import sqlite3
import urllib.parse

import pytest

from .test_browser import browser, page  # noqa: F401 (fixtures)
from .test_server import get


def search(server: str, q: str) -> list[dict]:
    status, body = get(f"{server}/militia_news/search_everything.json?" + urllib.parse.urlencode(
        {"q": q, "_shape": "array"}))
    assert status == 200, body[:500]
    return json.loads(body)


def kinds_in_order(rows: list[dict]) -> list[str]:
    return [kind for i, kind in enumerate(r["kind"] for r in rows) if i == 0 or rows[i - 1]["kind"] != kind]


def fts_ids(built_db, table: str, match: str) -> list:
    """The rows a full-text match finds, best first: what the search's group of that table should hold."""
    key = {"articles": "id", "quotes": "id"}[table]
    return [row[0] for row in sqlite3.connect(built_db).execute(
        f"select {table}.{key} from {table}_fts join {table} on {table}.rowid = {table}_fts.rowid "
        f"where {table}_fts match ? order by rank", [match])]


def test_sadr_finds_the_person_first_then_the_articles_then_what_was_said(server, built_db, db):
    rows = search(server, "Sadr")
    assert kinds_in_order(rows) == ["entity", "article", "said"]
    assert re.sub(r"</?mark>", "", rows[0]["title"]) == "Muqtada al-Sadr"
    assert rows[0]["link"] == "/militia_news/entities/muqtada-al-sadr"
    entities = [r["link"].rsplit("/", 1)[1] for r in rows if r["kind"] == "entity"]
    mentions = {e: db.execute("select count(*) from mentions where entity_id = ?", [e]).fetchone()[0]
                for e in entities}
    assert entities == sorted(entities, key=lambda e: -mentions[e])  # most mentioned first
    articles = [r["link"].rsplit("/", 1)[1] for r in rows if r["kind"] == "article"]
    assert articles == fts_ids(built_db, "articles", "Sadr")  # every article, by bm25
    assert len(articles) == 19
    said = [r for r in rows if r["kind"] == "said"]
    assert said and all("<mark>" in r["snippet"] or "Sadr" in r["title"] for r in said)
    for r in said:
        quote_id = int(r["link"].rsplit("#q", 1)[1])
        [text, kind] = db.execute("select text, kind from quotes where id = ?", [quote_id]).fetchone()
        assert kind in ("speech", "reported") and len(text.split()) >= 4
    ranked = [int(r["link"].rsplit("#q", 1)[1]) for r in said]
    assert ranked == [q for q in fts_ids(built_db, "quotes", "Sadr") if q in set(ranked)]  # by bm25


def test_an_organization_named_outranks_a_person_described_by_it(server):
    rows = search(server, "Kataib Hezbollah")
    entities = [re.sub(r"</?mark>", "", r["title"]) for r in rows if r["kind"] == "entity"]
    assert entities[0] == "Kataib Hezbollah" and "Mohammed Mohie" not in entities
    assert kinds_in_order(rows)[0] == "entity"


def test_fts5_queries_work(server, built_db):
    either = search(server, "Sadr OR Kadhimi")
    names = {re.sub(r"</?mark>", "", r["title"]) for r in either if r["kind"] == "entity"}
    assert {"Muqtada al-Sadr", "Mustafa al-Kadhimi"} <= names
    assert [r["link"].rsplit("/", 1)[1] for r in either if r["kind"] == "article"] == fts_ids(
        built_db, "articles", "Sadr OR Kadhimi")
    phrase = [r["link"].rsplit("/", 1)[1] for r in search(server, '"civil war"') if r["kind"] == "article"]
    assert phrase == fts_ids(built_db, "articles", '"civil war"')
    for article in phrase:
        [text] = sqlite3.connect(built_db).execute("select blog_headline || ' ' || coalesce(original_headline, '') "
                                                   "|| ' ' || body from articles where id = ?", [article]).fetchone()
        assert "civil war" in text.lower()
    assert len(phrase) < len([r for r in search(server, "civil war") if r["kind"] == "article"])


@pytest.mark.parametrize("q, words", [("Sadr's march", '"Sadr\'s" "march"'), ('"militias Sadr', '"militias" "Sadr"'),
                                      ("body: Sadr", '"body:" "Sadr"'), ("al-Sadr", '"al-Sadr"'),
                                      ("Sadr AND", '"Sadr" "AND"')])
def test_a_search_fts5_cannot_parse_is_searched_as_plain_words(server, q, words):
    assert search(server, q) == search(server, words)
    assert search(server, q)


def test_a_blank_search_finds_nothing_and_is_no_error(server):
    assert search(server, "") == search(server, "   ") == []


def test_the_results_page_marks_the_matches_and_shows_no_sql_unless_asked(page, server):  # noqa: F811 (fixture)
    page.goto(server)
    page.fill("#search-q", "Sadr")
    page.locator("form.search-everything input[type=submit]").click()
    page.wait_for_url(re.compile(r"/militia_news/search_everything\?q=Sadr"))
    headings = page.locator("section.search-results h2").all_inner_texts()
    assert headings == ["People, organizations and governments", "Articles", "What people said"]
    first = page.locator("ol.hits a.hit-title").first
    assert first.inner_text() == "Muqtada al-Sadr" and first.locator("mark").inner_text() == "Sadr"
    assert page.locator("#article-results + ol.hits li").count() == 19
    assert page.locator("#article-results + ol.hits p.snippet mark").count() >= 19
    body = page.inner_text("body")
    assert "articles_fts" not in body and "bm25(" not in body
    page.locator("details.search-sql summary").click()
    assert "bm25(articles_fts)" in page.inner_text("details.search-sql")


def test_the_results_page_fits_a_phone(browser, server):  # noqa: F811 (fixture)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    phone.goto(f"{server}/militia_news/search_everything?q=Sadr")
    assert phone.locator("ol.hits a.hit-title").first.is_visible()
    assert phone.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    context.close()
