"""How the pages sit on a desktop screen, in real Chromium: the articles table at a glance, the home page across the
screen, the article page's legend by its text and each caption once; and the map's popups count the articles
their links list."""

import json
import urllib.parse

from .test_browser import browser, page  # noqa: F401 (fixtures)
from .test_server import get

ROW_HEIGHT = 90  # px: a row of the articles table is at most three lines (a long headline)


def test_the_articles_table_fits_a_desktop_screen(page, server, db):  # noqa: F811 (fixture)
    page.goto(f"{server}/militia_news/articles")
    assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    headers = page.locator("table.rows-and-columns thead th").all_inner_texts()
    assert [h.split("\xa0")[0].strip() for h in headers] == ["blog_headline", "outlet_id", "published", "byline",
                                                             "body"]
    heights = page.locator("table.rows-and-columns tbody tr").evaluate_all(
        "rows => rows.map(row => row.getBoundingClientRect().height)")
    assert len(heights) == db["articles"].count and max(heights) <= ROW_HEIGHT
    first = page.locator("table.rows-and-columns tbody tr").first
    [headline] = db.execute("select blog_headline from articles order by published desc limit 1").fetchone()
    assert first.locator("td.col-blog_headline a").inner_text() == headline
    # the arrays and the long text stay in the API and on the article page
    status, body = get(f"{server}/militia_news/articles.json?_shape=array&_size=1")
    assert {"entities", "body", "published_text"} <= set(json.loads(body)[0])
    page.goto(f"{server}/militia_news/articles?_col=entities")  # and here, when asked for
    assert "entities" in page.locator("table.rows-and-columns thead").inner_text()


def test_the_home_page_uses_the_screen(page, server):  # noqa: F811 (fixture)
    page.goto(server)
    right = page.locator("section[aria-labelledby]").evaluate_all("sections => Math.max(...sections.map(s => s.getBoundingClientRect().right))")
    assert right >= 0.8 * page.viewport_size["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")


def test_the_article_pages_legend_is_by_its_text_and_each_caption_shown_once(page, server, db):  # noqa: F811
    [article] = db.execute("select article_id from captions group by article_id "
                           "having count(*) > count(distinct text || '|' || coalesce(credit, '')) limit 1").fetchone()
    page.goto(f"{server}/militia_news/articles/{urllib.parse.quote(article)}")
    legend, body = (page.locator(selector).bounding_box() for selector in (".legend", ".article-body"))
    assert legend["y"] + legend["height"] <= body["y"] <= legend["y"] + legend["height"] + 40
    shown = page.locator(".captions figcaption").all_inner_texts()
    assert len(shown) == len(set(shown)) == db.execute(
        "select count(distinct text || '|' || coalesce(credit, '')) from captions where article_id = ?",
        [article]).fetchone()[0]


def test_a_map_popup_counts_the_articles_its_link_lists(server, db):
    for place in db.query("select id, popup from places"):
        popup = json.loads(place["popup"])
        status, body = get(f"{server}/militia_news/{popup['link']}".replace("?", ".json?", 1) + "&_shape=array")
        listed = json.loads(body)
        assert status == 200 and popup["description"] == f"{len(listed)} article{'s' if len(listed) != 1 else ''}"
        assert len({r["id"] for r in listed}) == len(listed)
