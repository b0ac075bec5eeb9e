"""The site in real headless Chromium (Debian's, driven by Playwright): what a researcher clicks through."""

import re
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="make test installs Debian's chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update"]
SCREENSHOTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def test_home_page_says_what_the_dataset_is(page, server):
    page.goto(server)
    body = page.inner_text("body")
    assert "prophecy blog" in body and "Cite as" in body
    assert "CC BY 4.0" in body
    page.get_by_role("link", name="the database page").click()
    page.wait_for_url(re.compile(r"/militia_news$"))
    assert page.get_by_role("link", name="articles", exact=True).is_visible()


def test_articles_facets_outlet_then_entity(page, server):
    page.goto(f"{server}/militia_news/articles")
    assert page.locator("h3").first.inner_text() == "20 rows sorted by published descending"
    facets = page.inner_text(".facet-results")
    assert "outlet_id" in facets and "entities" in facets and "published_month" in facets
    page.locator(".facet-info[data-column=outlet_id] a", has_text="The National").click()
    page.wait_for_url(re.compile(r"outlet_id=the-national"))
    assert page.locator("h3").first.inner_text().startswith('3 rows where outlet_id = "the-national"')
    page.locator(".facet-info[data-column=entities] a", has_text="Mustafa al-Kadhimi").first.click()
    page.wait_for_url(re.compile(r"entities__arraycontains=Mustafa"))
    headlines = page.inner_text("table.rows-and-columns")
    assert "Antichrist’s men announce conditional ceasefire" in headlines
    assert "Antichrist backs down" not in headlines


def test_ranked_search(page, server):
    page.goto(f"{server}/militia_news/search_articles")
    page.fill("input[name=q]", "ceasefire")
    page.locator("input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"q=ceasefire"))
    first_row = page.locator("table.rows-and-columns tbody tr").first.inner_text()
    assert "Iraqi militias announce conditional ceasefire against US troops" in first_row
    assert page.locator("table.rows-and-columns tbody tr").first.locator("mark").inner_text() == "ceasefire"


def test_article_page_then_the_speakers_page(page, server):
    """An article reads as one: its two headlines with the rewrite marked, a highlighted quotation whose speaker
    leads to the entity page, which lists what he said and whom he is named with."""
    page.goto(f"{server}/militia_news/articles?_search=ceasefire")
    page.locator("table.rows-and-columns tbody tr td.col-blog_headline a").first.click()
    page.wait_for_url(re.compile(r"/militia_news/articles/antichrists-men-announce"))
    assert page.locator("h1 ins.rewrite").inner_text() == "Antichrist’s men"
    assert page.locator("h2.original-headline del.rewrite").inner_text() == "Iraqi militias"
    quote = page.locator("span.quote", has_text="The factions presented a conditional ceasefire")
    assert quote.is_visible()
    page.locator("sup.said-by.quote a", has_text="Mohammed Mohi").first.click()
    page.wait_for_url(re.compile(r"/militia_news/entities/mohammed-mohie$"))
    assert "The factions presented a conditional ceasefire" in page.inner_text("ol.said")
    assert "Kataib Hezbollah" in page.locator("aside section", has_text="Named with it most often").inner_text()
    page.go_back()
    page.get_by_role("link", name="quotes", exact=True).click()
    page.wait_for_url(re.compile(r"/militia_news/quotes\?article_id="))
    table = page.inner_text("table.rows-and-columns")
    assert "The factions presented a conditional ceasefire" in table and "Mohammed Mohie" in table


def test_home_search_box_finds_a_quotation(page, server):
    page.goto(server)
    page.fill("#search-q", "conditional ceasefire")
    page.locator("form.search-everything input[type=submit]").click()
    page.wait_for_url(re.compile(r"/militia_news/search_everything\?q=conditional"))
    said = page.inner_text("section.search-results:has(#said-results)")
    assert "Mohammed Mohie (quoted)" in said and "conditional ceasefire" in said
    page.locator("#said-results + ol.hits a.hit-title").first.click()
    page.wait_for_url(re.compile(r"/militia_news/articles/.+#q\d+$"))


def test_article_fits_a_phone(browser, server, db):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    [article] = db.query("select id from articles order by length(body) desc limit 1")
    phone.goto(f"{server}/militia_news/articles/{article['id']}")
    assert phone.locator(".article-body p").first.is_visible()
    assert phone.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    context.close()


def test_crawl_markup_runs_nothing_in_the_browser(page, hostile_server):
    url, db = hostile_server
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/militia_news/articles", "/militia_news/quotes", "/",
                 "/militia_news/search_everything?q=Antichrist+OR+strike+OR+act"):
        page.goto(f"{url}{path}")
    [article] = sqlite_utils.Database(db).query("select id from articles")
    page.goto(f"{url}/militia_news/articles/{article['id']}")
    page.locator(".article-body").hover()
    assert page.evaluate("window.pwned === undefined") and not dialogs
    assert "<script>window.pwned = 1</script>" in page.inner_text("h1")


def test_map_draws_its_markers_without_tiles(page, server):
    """The places table is a map (datasette-cluster-map); its markers draw with no map tiles (no network here)."""
    page.route(re.compile(r"tile\.openstreetmap\.org"), lambda route: route.abort())
    page.goto(f"{server}/militia_news/places")
    page.wait_for_selector(".leaflet-marker-icon", timeout=20000)
    assert page.locator(".leaflet-marker-icon").count() >= 1
    assert "Baghdad" in page.inner_text("table.rows-and-columns")


def test_dashboard_draws_its_charts(page, server):
    page.goto(f"{server}/-/dashboards/overview")
    page.wait_for_selector("#card-articles-per-month svg, #card-articles-per-month canvas", timeout=20000)
    assert "Articles per month of publication" in page.inner_text("body")
