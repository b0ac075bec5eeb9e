"""The reader pages over real HTTP: what an article, entity, statement and the home page show, from the db."""

import html
import json
import re
import urllib.parse
from html.parser import HTMLParser

import sqlite_utils
from hypothesis import given, strategies as st
from markupsafe import Markup

from militia_news.reader import MENTION, QUOTE, REPORTED, Span, highlighted

from .test_server import get


class ElementText(HTMLParser):
    """The text inside each element with an id, without the speaker notes (sup.said-by) nested in it."""

    def __init__(self):
        super().__init__()
        self.texts: dict[str, str] = {}
        self.open: list[tuple[str, str | None]] = []  # (tag, id) of each open element
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping or (tag == "sup" and "said-by" in (attrs.get("class") or "")):
            self.skipping += 1
        self.open.append((tag, attrs.get("id")))

    def handle_endtag(self, tag):
        while self.open:
            closed, _ = self.open.pop()
            if self.skipping:
                self.skipping -= 1
            if closed == tag:
                break

    def handle_data(self, data):
        if self.skipping:
            return
        for _, element_id in self.open:
            if element_id:
                self.texts[element_id] = self.texts.get(element_id, "") + data


def page(server: str, path: str) -> str:
    status, body = get(f"{server}{path}")
    assert status == 200, path
    return body.decode("utf-8")


def article_id(db, headline_start: str) -> str:
    [row] = db.query("select id from articles where blog_headline like ?", [headline_start + "%"])
    return row["id"]


def test_article_page_marks_every_statement_at_its_offsets(server, db):
    """Each quotation and reported clause is one element holding exactly body[char_start:char_end]."""
    key = article_id(db, "Antichrist’s men announce")
    [article] = db.query("select body from articles where id = ?", [key])
    parser = ElementText()
    parser.feed(page(server, f"/militia_news/articles/{key}"))
    quotes = list(db.query("select id, kind, char_start, char_end from quotes where article_id = ? "
                           "and kind in ('speech', 'reported')", [key]))
    assert len(quotes) >= 8
    for q in quotes:
        assert parser.texts[f"q{q['id']}"] == article["body"][q["char_start"]:q["char_end"]]


def test_article_page_reads_like_an_article(server, db):
    key = article_id(db, "Antichrist’s men announce")
    text = page(server, f"/militia_news/articles/{key}")
    # the two headlines, the blog's label marked and linked to the entity it stands for, the replaced words marked
    assert ('<ins class="rewrite" title="for “Iraqi militias”"><a href="/militia_news/entities/'
            'popular-mobilization-forces">Antichrist’s men</a></ins>') in text
    assert '<del class="rewrite" title="rewritten as “Antichrist’s men”">Iraqi militias</del>' in text
    # the outlet, linked, with what decided it
    assert '<a href="/militia_news/outlets/the-national">The National</a>' in text
    assert "house format: Updated: October 12, 2020 12:11 PM, 000_c035f8e90eaba482.txt line 153" in text
    # a quotation's speaker links to the entity page; a reported clause is marked apart
    assert re.search(r'<span class="quote" id="q\d+" data-speaker="Mohammed Mohi" [^>]*>The factions presented a '
                     r'conditional ceasefire</span><sup class="said-by quote"><a href="/militia_news/entities/'
                     r'mohammed-mohie">Mohammed Mohi</a> · tell</sup>', text)
    assert re.search(r'<span class="reported" id="q\d+" data-speaker="Mr Mohi" [^>]*>The militias did not give the '
                     r'government a deadline', text)
    # where it was found, the names it holds, its JSON
    assert "000_c035f8e90eaba482.txt, lines 97–" in text
    assert '<a href="/militia_news/entities/kataib-hezbollah">Kataib Hezbollah</a>' in text
    assert f'href="/militia_news/articles/{key}.json"' in text


def test_entity_page_says_what_it_said_and_who_it_is_named_with(server, db):
    text = page(server, "/militia_news/entities/muqtada-al-sadr")
    assert "<h1>Muqtada al-Sadr</h1>" in text
    [said] = db.query("select id, article_id from quotes where speaker_entity_id = 'muqtada-al-sadr' "
                      "and kind = 'speech' order by published desc, char_start limit 1")
    assert f'href="/militia_news/articles/{said["article_id"]}#q{said["id"]}"' in text
    [co] = db.query("select e.id, e.name, c.articles from co_mentions c join entities e "
                    "on e.id = case when c.entity_id = 'muqtada-al-sadr' then c.other_entity_id else c.entity_id end "
                    "where 'muqtada-al-sadr' in (c.entity_id, c.other_entity_id) order by c.articles desc, e.name "
                    "limit 1")
    assert f'<a href="/militia_news/entities/{co["id"]}">{html.escape(co["name"], quote=False)}</a> ' \
           f'<span class="count">{co["articles"]}</span>' in text
    assert "<li>Antichrist</li>" in text  # the blog's epithet
    assert '<span class="month">2020-10</span>' in text


def test_statement_page_lists_every_article_carrying_it(server, db):
    [statement] = db.query("select id from statements where article_count = 2 order by id limit 1")
    text = page(server, f"/militia_news/statements/{statement['id']}")
    carried = list(db.query("select article_id, id from quotes where statement_id = ?", [statement["id"]]))
    assert len(carried) == 2
    for q in carried:
        assert f'href="/militia_news/articles/{q["article_id"]}#q{q["id"]}"' in text


def test_home_page_gives_the_size_and_the_ways_in(server, db):
    text = page(server, "/")
    [size] = db.query("select count(*) as articles, (select count(*) from quotes where kind = 'speech') as quotes "
                      "from articles")
    assert f"<strong>{size['articles']}</strong> articles" in text
    assert f"<strong>{size['quotes']}</strong> direct quotations" in text
    places = db["places"].count
    assert f"<strong>{places}</strong> places</a> on the map" in text and "governments and places" not in text
    for row in db.query("select type, count(*) as n from entities where article_count > 0 group by type"):
        plural = "people" if row["type"] == "person" else row["type"] + "s"
        assert f"<strong>{row['n']}</strong> {plural}" in text, row
    assert 'action="/militia_news/search_everything"' in text
    assert 'href="/militia_news/what_did_they_say">What did a person or group say?</a>' in text
    assert 'href="/-/dashboards/overview"' in text and 'href="/militia_news.db?v=' in text
    assert "facet_counts" not in page(server, "/militia_news")  # internal tables hidden


def test_search_everything_links_a_quote_to_its_place_in_the_article(server):
    text = page(server, "/militia_news/search_everything?" + urllib.parse.urlencode({"q": "conditional ceasefire"}))
    assert re.search(r'<a class="hit-title" href="/militia_news/articles/[\w-]+#q\d+">', text)


def test_table_pages_fold_the_column_descriptions_and_show_body_snippets(server, db):
    text = page(server, "/militia_news/articles")
    assert '<details class="column-descriptions-fold"><summary>What the columns mean</summary>' in text
    [longest] = db.query("select body from articles order by length(body) desc limit 1")
    assert longest["body"][:200] in text and longest["body"][-200:] not in text


def test_crawl_markup_renders_as_inert_text(hostile_server):
    url, db = hostile_server
    [article] = sqlite_utils.Database(db).query("select id from articles")
    pages = [page(url, path) for path in (f"/militia_news/articles/{article['id']}", "/militia_news/articles",
                                          "/militia_news/quotes", "/militia_news/entities", "/",
                                          "/militia_news/search_everything?q=Antichrist+OR+strike+OR+act")]
    for text in pages:
        assert "<script>window.pwned" not in text and "onerror=\"window" not in text and "<svg onload" not in text
        assert 'href="javascript:' not in text and "<b onmouseover" not in text
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in pages[0]
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in pages[-1] and "<mark>Antichrist</mark>" in pages[-1]


TEXT = st.text(alphabet="ab <&>\"“”", min_size=0, max_size=40)


@given(TEXT, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from([REPORTED, QUOTE, MENTION])),
                      max_size=8))
def test_highlights_nest_and_keep_the_text(text, raw):
    """Whatever the spans, the HTML holds the text unchanged and its tags nest."""
    spans = [Span(min(a, b), max(a, b), layer, Markup(f"<i{layer}>"), Markup(f"</i{layer}>")) for a, b, layer in raw]
    rendered = str(highlighted(text, spans))
    assert html.unescape(re.sub(r"</?i\d>", "", rendered)) == text
    stack = []
    for closing, layer in re.findall(r"<(/?)i(\d)>", rendered):
        if closing:
            assert stack.pop() == layer
        else:
            stack.append(layer)
    assert not stack


def test_places_have_coordinates_and_lead_to_their_articles(server, db):
    """Datelines and named places get coordinates from the gazetteer; the map's popup links to the articles."""
    [baghdad] = db.query("select * from places where name = 'Baghdad'")
    assert (baghdad["country_code"], round(baghdad["latitude"]), round(baghdad["longitude"])) == ("IQ", 33, 44)
    assert json.loads(baghdad["popup"])["link"] == f"articles_at_place?place={baghdad['id']}"
    [dateline] = db.query("select a.dateline, p.name from article_places ap join articles a on a.id = ap.article_id "
                          "join places p on p.id = ap.place_id where ap.role = 'dateline' and a.dateline = 'ERBIL'")
    assert dateline["name"] == "Erbil"
    rows = json.loads(page(server, f"/militia_news/articles_at_place.json?place={baghdad['id']}&_shape=array"))
    assert {r["id"] for r in rows} == {r["article_id"] for r in db["article_places"].rows_where(
        "place_id = ?", [baghdad["id"]])}


def test_places_resolve_in_the_region_first(dev_db):
    """A dateline on a dev page, resolved to the place of that name in the region of places.yml."""
    rows = {(r["dateline"], r["name"], r["country_code"]) for r in sqlite_utils.Database(dev_db).query(
        "select a.dateline, p.name, p.country_code from article_places ap join articles a on a.id = ap.article_id "
        "join places p on p.id = ap.place_id where ap.role = 'dateline'")}
    assert ("JERUSALEM, Israel", "Jerusalem", "IL") in rows
    assert ("DUBAI, United Arab Emirates", "Dubai", "AE") in rows and ("ERBIL, Iraq", "Erbil", "IQ") in rows


def test_a_name_never_cuts_a_statement_nor_holds_its_note():
    """A name crossing a quotation's edge is left unlinked; the quotation keeps its whole highlight and note."""
    text = "Sadr al-Sadr said the militias would stop."
    quote = Span(5, 42, QUOTE, Markup('<span class="quote">'), Markup('</span><sup>Sadr</sup>'))
    crossing = Span(0, 12, MENTION, Markup('<a href="/e">'), Markup("</a>"))
    inside = Span(22, 30, MENTION, Markup('<a href="/m">'), Markup("</a>"))
    assert str(highlighted(text, [quote, crossing, inside])) == (
        'Sadr <span class="quote">al-Sadr said the <a href="/m">militias</a> would stop.</span><sup>Sadr</sup>')


def test_a_dateline_names_its_country():
    from militia_news.places import locate_dateline

    assert locate_dateline("TRIPOLI, Libya", ("IQ", "LB")).country_code == "LY"
    assert locate_dateline("TRIPOLI", ("IQ", "LB")).country_code == "LB"
