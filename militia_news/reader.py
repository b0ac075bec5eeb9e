"""The reader: what the site's article, entity, statement and home pages show, read from the db.

Pure reads over a Datasette database; every string from the crawl is escaped here or by the templates (both
autoescape), and every highlight comes from the db's offsets, never from searching the text again. Spans nest:
a mention inside a quotation inside a reported clause; a span that would cross the one it opens in is cut at
that one's end (a mention is left out instead).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from datasette.utils import tilde_encode
from markupsafe import Markup, escape

REPORTED, QUOTE, MENTION, REWRITE = 0, 1, 2, 3  # layers, outermost first
LIST_LIMIT = 100  # rows of a list on a page; the table pages hold the rest
CO_MENTIONS_SHOWN = 15


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    layer: int
    open: Markup
    close: Markup


def nested(spans: list[Span]) -> list[Span]:
    """The spans ordered to open outermost first, each inside the one it opens in. Statements and rewrites nest
    first (one crossing another is cut at that one's end); a name is kept only inside a single span, holding
    none, and never overlapping another name: a link never holds a statement's note nor another link."""
    kept: list[Span] = []
    open_spans: list[Span] = []
    for span in sorted((s for s in spans if s.layer != MENTION), key=lambda s: (s.start, s.layer, -s.end)):
        while open_spans and open_spans[-1].end <= span.start:
            open_spans.pop()
        if open_spans and span.end > open_spans[-1].end:
            span = replace(span, end=open_spans[-1].end)
        if span.end > span.start:
            kept.append(span)
            open_spans.append(span)
    names: list[Span] = []
    for name in sorted((s for s in spans if s.layer == MENTION and s.end > s.start), key=lambda s: (s.start, -s.end)):
        crosses = any(s.start < name.end and name.start < s.end and not (s.start <= name.start and name.end <= s.end)
                      for s in kept + names)
        if not crosses:
            names.append(name)
    return sorted(kept + names, key=lambda s: (s.start, -s.end, s.layer))


def highlighted(text: str, spans: list[Span], offset: int = 0) -> Markup:
    """`text` (which starts at `offset` of the field the spans index) as HTML, with the spans inside it."""
    end = offset + len(text)
    inside = nested([replace(s, start=max(s.start, offset), end=min(s.end, end)) for s in spans
                     if s.start < end and s.end > offset])
    html, position, open_spans = [], offset, []
    for span in inside + [Span(end, end, -1, Markup(), Markup())]:
        while open_spans and open_spans[-1].end <= span.start:
            closing = open_spans.pop()
            html += [escape(text[position - offset: closing.end - offset]), closing.close]
            position = closing.end
        html.append(escape(text[position - offset: span.start - offset]))
        html.append(span.open)
        position = span.start
        open_spans.append(span)
    return Markup("").join(html)


@dataclass(frozen=True)
class Links:
    """Paths of the site's row pages in one database."""

    urls: object  # Datasette's url builder
    database: str

    def row(self, table: str, key: object) -> str:
        return self.urls.row(self.database, table, tilde_encode(str(key)))

    def link(self, table: str, key: object, label: str) -> Markup:
        """A link to a row's page; the label alone without a key."""
        if key is None or key == "":
            return escape(label)
        return Markup('<a href="{}">{}</a>').format(self.row(table, key), label)

    def entity(self, entity_id: str | None, label: str) -> Markup:
        return self.link("entities", entity_id, label)


def quote_spans(quotes: list[dict], links: Links) -> list[Span]:
    """A direct quotation or a reported clause, marked, with its speaker and verb after it."""
    spans = []
    for q in quotes:
        kind = "quote" if q["kind"] == "speech" else "reported"
        speaker = q["speaker"] or "speaker unknown"
        title = f"{speaker} ({q['verb']})" if q["verb"] else speaker
        spans.append(Span(
            q["char_start"], q["char_end"], QUOTE if kind == "quote" else REPORTED,
            Markup('<span class="{}" id="q{}" data-speaker="{}" title="{}">').format(kind, q["id"], speaker, title),
            Markup('</span><sup class="said-by {}">{}{}</sup>').format(
                kind, links.entity(q["speaker_entity_id"], speaker),
                Markup(" · {}").format(q["verb"]) if q["verb"] else "")))
    return spans


def mention_spans(mentions: list[dict], links: Links) -> list[Span]:
    return [Span(m["char_start"], m["char_end"], MENTION,
                 Markup('<a class="mention" href="{}">').format(links.row("entities", m["entity_id"])),
                 Markup("</a>")) for m in mentions]


def paragraphs(body: str, spans: list[Span]) -> list[Markup]:
    result, offset = [], 0
    for paragraph in body.split("\n\n"):
        result.append(highlighted(paragraph, spans, offset))
        offset += len(paragraph) + 2
    return result


def headline_html(text: str | None, rewrites: list[dict], own: bool, links: Links) -> Markup | None:
    """A headline with the blog's rewrites marked: in the blog's (`own`), what it wrote; in the original, what it
    replaced."""
    if not text:
        return None
    spans = []
    for r in rewrites:
        start = r["position"] if own else r["original_position"]
        words = r["rewritten"] if own else r["original"]
        if not words:
            continue
        other = r["original"] if own else r["rewritten"]
        title = (f"for “{other}”" if other else "added by the blog") if own else (
            f"rewritten as “{other}”" if other else "left out by the blog")
        tag = "ins" if own else "del"
        link = links.row("entities", r["entity_id"]) if own and r["entity_id"] else None
        spans.append(Span(start, start + len(words), REWRITE,
                          Markup('<{} class="rewrite" title="{}">').format(tag, title) + (
                              Markup('<a href="{}">').format(link) if link else Markup()),
                          (Markup("</a>") if link else Markup()) + Markup(f"</{tag}>")))
    return highlighted(text, spans)


MARKS = re.compile("(</?mark>)")  # what the search queries put around a match (FTS5's highlight and snippet)


def marked(text: str | None) -> Markup:
    """A search hit's text, escaped, with the matches its query marked as <mark> elements; the marks are taken to
    open and close in turn, so the HTML nests whatever the text holds."""
    html, inside = [], False
    for piece in MARKS.split(text or ""):
        if piece == ("</mark>" if inside else "<mark>"):
            html.append(Markup(piece))
            inside = not inside
        elif not MARKS.fullmatch(piece):
            html.append(escape(piece))
    return Markup("").join(html + [Markup("</mark>")] * inside)


DATASET_RELATIONS = {"articles", "entities", "statements", "said"}  # what the reader's pages read


async def holds_dataset(db) -> bool:
    """Whether a served database is this dataset (and not another db served with the plugin installed)."""
    return DATASET_RELATIONS <= {*await db.table_names(), *await db.view_names()}


async def rows(db, sql: str, params: dict) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params)).rows]


async def article_page(db, links: Links, article_id: str) -> dict:
    """Everything the article page shows."""
    params = {"id": article_id}
    [article] = await rows(db, """
        select a.*, o.name as outlet_name, v.name as via_name from articles a
        left join outlets o on o.id = a.outlet_id left join outlets v on v.id = a.via_outlet_id
        where a.id = :id""", params)
    rewrites = await rows(db, "select * from headline_rewrites where article_id = :id order by position", params)
    quotes = await rows(db, "select * from said where article_id = :id order by char_start", params)
    mentions = await rows(db, "select * from mentions where article_id = :id and field = 'body'", params)
    evidence = await rows(db, "select * from evidence where article_id = :id order by field, line", params)
    spans = quote_spans(quotes, links) + mention_spans(mentions, links)
    by_field: dict[str, list[dict]] = {}
    for e in evidence:
        by_field.setdefault(e["field"], []).append(e)
    return {
        "article": article,
        "blog_headline_html": headline_html(article["blog_headline"], rewrites, True, links),
        "original_headline_html": headline_html(article["original_headline"], rewrites, False, links),
        "paragraphs": paragraphs(article["body"], spans),
        "outlet_html": links.link("outlets", article["outlet_id"], article["outlet_name"]) if article["outlet_id"] else None,
        "via_html": links.link("outlets", article["via_outlet_id"], article["via_name"]) if article["via_outlet_id"] else None,
        "sources": await rows(db, "select * from article_sources where article_id = :id order by seed_file, line_start",
                              params),
        "captions": await rows(db, """select text, credit from captions where article_id = :id
            group by text, credit order by min(position)""", params),  # a caption the page repeats, once
        "evidence": by_field,
        "quote_counts": {how: sum(1 for q in quotes if q["how"] == how) for how in ("quoted", "reported")},
        "named": await rows(db, """select e.id, e.name, e.type, count(*) as mentions from mentions m
            join entities e on e.id = m.entity_id where m.article_id = :id
            group by e.id order by e.type, mentions desc, e.name""", params),
        "shared": await rows(db, """select s.id, s.text, s.speaker, s.speaker_entity_id, s.article_count,
            s.outlet_count from statements s where s.article_count > 1
            and s.id in (select statement_id from quotes where article_id = :id) order by s.article_count desc""", params),
        "row_json": json.dumps(article, ensure_ascii=False, indent=2),
    }


async def entity_page(db, links: Links, entity_id: str) -> dict:
    """Everything the entity page shows."""
    params = {"id": entity_id}
    [entity] = await rows(db, "select * from entities where id = :id", params)
    months = await rows(db, """select a.published_month as month, count(distinct a.id) as articles from mentions m
        join articles a on a.id = m.article_id where m.entity_id = :id and a.published_month is not null
        group by month order by month""", params)
    most = max((m["articles"] for m in months), default=1)
    return {
        "entity": entity,
        "aliases": await rows(db, "select alias, kind from entity_aliases where entity_id = :id order by kind, alias",
                              params),
        "surfaces": await rows(db, """select surface, count(*) as times from mentions where entity_id = :id
            group by surface order by times desc, surface limit 30""", params),
        "articles": await rows(db, f"""select a.id, a.blog_headline, a.original_headline, a.published,
            o.name as outlet from articles a left join outlets o on o.id = a.outlet_id
            where a.id in (select article_id from mentions where entity_id = :id)
            order by a.published is null, a.published desc, a.id limit {LIST_LIMIT}""", params),
        "said": await rows(db, f"""select q.id, q.text, q.how, q.verb, q.published, q.article_id, a.blog_headline,
            o.name as outlet from said q join articles a on a.id = q.article_id
            left join outlets o on o.id = q.outlet_id where q.speaker_entity_id = :id
            order by q.published is null, q.published desc, q.char_start limit {LIST_LIMIT}""", params),
        "said_count": (await rows(db, """select count(*) as statements, coalesce(sum(how = 'quoted'), 0) as quoted,
            coalesce(sum(how = 'reported'), 0) as reported from said where speaker_entity_id = :id""", params))[0],
        "article_count": (await rows(db, """select count(*) as articles, coalesce(sum(published is null), 0) as undated
            from articles where id in (select article_id from mentions where entity_id = :id)""", params))[0],
        "co_mentioned": await rows(db, f"""select e.id, e.name, e.type, c.articles from (
              select other_entity_id as other, articles from co_mentions where entity_id = :id
              union all select entity_id, articles from co_mentions where other_entity_id = :id) c
            join entities e on e.id = c.other order by c.articles desc, e.name limit {CO_MENTIONS_SHOWN}""", params),
        "timeline": [{**m, "width": round(100 * m["articles"] / most)} for m in months],
    }


async def statement_page(db, links: Links, statement_id: str) -> dict:
    """The statement and every article and outlet that carried it, by date."""
    params = {"id": int(statement_id)}
    [statement] = await rows(db, "select * from statements where id = :id", params)
    return {"statement": statement, "carried": await rows(db, """select q.id as quote_id, q.article_id, q.published,
        a.blog_headline, o.name as outlet from quotes q join articles a on a.id = q.article_id
        left join outlets o on o.id = q.outlet_id where q.statement_id = :id
        order by q.published is null, q.published, a.id""", params)}


async def home_page(db) -> dict:
    """The dataset's size, for the landing page: its articles (how many undated), what was said (the view said),
    the entities named, by type, and the places."""
    [size] = await rows(db, """select
        (select count(*) from articles) as articles,
        (select count(*) from articles where published is null) as undated,
        (select count(distinct outlet_id) from articles) as outlets,
        (select count(*) from said where how = 'quoted') as quotations,
        (select count(*) from said where how = 'reported') as reported,
        (select count(distinct speaker_entity_id) from said) as speakers,
        (select count(*) from places) as places,
        (select min(published) from articles) as first_published,
        (select max(published) from articles) as last_published""", {})
    types = await rows(db, """select type, count(*) as entities from entities where article_count > 0
        group by type order by entities desc, type""", {})
    return {"size": size, "entity_types": types}
