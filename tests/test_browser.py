"""The site in real headless Chromium (Debian's, driven by Playwright): what a researcher clicks through."""

import re
import shutil
from pathlib import Path

import pytest

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
    page.locator("a", has_text="militia_news").first.click()
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
    assert "[ceasefire]" in first_row


def test_article_row_links_to_its_quotes(page, server):
    page.goto(f"{server}/militia_news/articles?_search=ceasefire")
    page.locator("table.rows-and-columns tbody tr td.type-pk a").first.click()
    page.wait_for_url(re.compile(r"/militia_news/articles/antichrists-men-announce"))
    page.locator("li", has_text="from article_id in quotes").locator("a").click()
    page.wait_for_url(re.compile(r"/militia_news/quotes\?article_id="))
    table = page.inner_text("table.rows-and-columns")
    assert "The factions presented a conditional ceasefire" in table and "Mohammed Mohie" in table


def test_dashboard_draws_its_charts(page, server):
    page.goto(f"{server}/-/dashboards/overview")
    page.wait_for_selector("#card-articles-per-month svg, #card-articles-per-month canvas", timeout=20000)
    assert "Articles per month of publication" in page.inner_text("body")
