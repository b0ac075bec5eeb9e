"""Stage 6, write db: the schema declared as data, applied by `ensure_db_shape`, and the writers.

This is the only module that writes to the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from .entities import Entity
from .model import Article, Problem, ResolvedMention
from .reference import Reference
from .text import stable_int_id, words

TABLES: dict[str, dict] = {
    "outlets": {
        "columns": {"id": str, "name": str, "kind": str, "country": str, "aliases": str},
        "pk": "id",
        "not_null": {"name", "kind"},
    },
    "entities": {
        "columns": {"id": str, "name": str, "type": str, "description": str, "reviewed": int, "article_count": int},
        "pk": "id",
        "not_null": {"name", "type", "reviewed"},
    },
    "articles": {
        "columns": {
            "id": str, "blog_headline": str, "original_headline": str, "outlet_id": str, "via_outlet_id": str,
            "byline": str, "dateline": str, "published": str, "published_month": str, "published_text": str,
            "published_inferred": int, "body": str, "word_count": int, "entities": str,
            "headline_similarity": float,
        },
        "pk": "id",
        "not_null": {"blog_headline", "body", "published_inferred", "word_count"},
        "foreign_keys": [("outlet_id", "outlets", "id"), ("via_outlet_id", "outlets", "id")],
    },
    "article_sources": {
        "columns": {"article_id": str, "seed_file": str, "line_start": int, "line_end": int},
        "pk": ("seed_file", "line_start"),
        "not_null": {"article_id", "line_end"},
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "captions": {
        "columns": {"id": int, "article_id": str, "position": int, "text": str, "credit": str},
        "pk": "id",
        "not_null": {"article_id", "position", "text"},
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "headline_rewrites": {
        "columns": {"id": int, "article_id": str, "position": int, "original": str, "rewritten": str,
                    "entity_id": str},
        "pk": "id",
        "not_null": {"article_id", "position", "original", "rewritten"},
        "foreign_keys": [("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    },
    "entity_aliases": {
        "columns": {"entity_id": str, "alias": str, "kind": str},
        "pk": ("entity_id", "alias", "kind"),
        "foreign_keys": [("entity_id", "entities", "id")],
    },
    "mentions": {
        "columns": {"id": int, "article_id": str, "entity_id": str, "field": str, "caption_id": int, "surface": str,
                    "char_start": int, "char_end": int},
        "pk": "id",
        "not_null": {"article_id", "entity_id", "field", "surface", "char_start", "char_end"},
        "foreign_keys": [("article_id", "articles", "id"), ("entity_id", "entities", "id"),
                         ("caption_id", "captions", "id")],
    },
    "problems": {
        "columns": {"id": int, "seed_file": str, "line": int, "severity": str, "message": str},
        "pk": "id",
        "not_null": {"seed_file", "severity", "message"},
    },
}

INDEXES: dict[str, list[tuple[str, ...]]] = {
    "articles": [("outlet_id",), ("via_outlet_id",), ("published",), ("published_month",), ("byline",), ("dateline",)],
    "article_sources": [("article_id",)],
    "captions": [("article_id",), ("credit",)],
    "headline_rewrites": [("article_id",), ("rewritten",), ("original",), ("entity_id",)],
    "problems": [("seed_file", "line"), ("severity",)],
    "entities": [("type",), ("reviewed",)],
    "entity_aliases": [("entity_id",), ("kind",), ("alias",)],
    "mentions": [("article_id",), ("entity_id",), ("field",), ("caption_id",)],
    "outlets": [("kind",), ("country",)],
}

FTS: dict[str, list[str]] = {
    "articles": ["blog_headline", "original_headline", "body"],
    "entities": ["name", "description"],
    "entity_aliases": ["alias"],
}

VIEWS: dict[str, str] = {
    "co_mentions": """
        select a.entity_id as entity_id, b.entity_id as other_entity_id, count(*) as articles
        from (select distinct article_id, entity_id from mentions) a
        join (select distinct article_id, entity_id from mentions) b
          on a.article_id = b.article_id and a.entity_id < b.entity_id
        group by a.entity_id, b.entity_id
    """,
}


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create every table, foreign key, index and full-text index the schema declares."""
    for name, spec in TABLES.items():
        db[name].create(
            spec["columns"],
            pk=spec["pk"],
            not_null=spec.get("not_null"),
            foreign_keys=spec.get("foreign_keys"),
            if_not_exists=True,
        )
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db[name].create_index(columns, if_not_exists=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), ignore=True)


def finish(db: sqlite_utils.Database) -> None:
    """Full-text indexes over the finished tables, then statistics for the query planner."""
    for name, columns in FTS.items():
        db[name].enable_fts(columns, tokenize="porter", replace=True)
    db.analyze()


def write_outlets(db: sqlite_utils.Database, ref: Reference) -> None:
    db["outlets"].insert_all(
        {
            "id": o.id, "name": o.name, "kind": o.kind, "country": o.country,
            "aliases": json.dumps([a for a in o.aliases if a != o.name], ensure_ascii=False),
        }
        for o in sorted(ref.outlets.values(), key=lambda o: o.id)
    )


def write_entities(db: sqlite_utils.Database, entities: Iterable[Entity], surfaces: dict[str, set[str]]) -> None:
    """Every entity with its curated variants and epithets and the spellings the articles use."""
    db["entities"].insert_all(
        {"id": e.id, "name": e.name, "type": e.type, "description": e.description, "reviewed": int(e.reviewed),
         "article_count": 0}
        for e in sorted(entities, key=lambda e: e.id)
    )
    aliases = set()
    for e in entities:
        aliases |= {(e.id, v, "variant") for v in e.variants} | {(e.id, v, "epithet") for v in e.epithets}
        aliases |= {(e.id, s, "variant") for s in surfaces.get(e.id, ()) if s != e.name and s not in e.epithets}
    db["entity_aliases"].insert_all({"entity_id": i, "alias": a, "kind": k} for i, a, k in sorted(aliases))
    db.execute("update entities set article_count = "
               "(select count(distinct article_id) from mentions where mentions.entity_id = entities.id)")


def article_row(article: Article, article_entities: list[str]) -> dict:
    return {
        "id": article.id,
        "blog_headline": article.blog_headline,
        "original_headline": article.original_headline,
        "outlet_id": article.outlet_id,
        "via_outlet_id": article.via_outlet_id,
        "byline": article.byline,
        "dateline": article.dateline,
        "published": article.published,
        "published_month": article.published[:7] if article.published else None,
        "published_text": article.published_text,
        "published_inferred": int(article.published_inferred),
        "body": article.body,
        "word_count": len(words(article.body)),
        "entities": json.dumps(article_entities, ensure_ascii=False),
        "headline_similarity": article.headline_similarity,
    }


def problem_row(problem: Problem) -> dict:
    return {
        "id": stable_int_id(problem.seed_file, problem.line, problem.message),
        "seed_file": problem.seed_file,
        "line": problem.line,
        "severity": problem.severity,
        "message": problem.message,
    }


def write_seed_file(
    db: sqlite_utils.Database,
    articles: Iterable[tuple[Article, list[ResolvedMention]]],
    problems: Iterable[Problem],
    seen: set[str],
    names: dict[str, str],
) -> None:
    """Write one seed file's articles (new ones whole, known ones as another source) and its problems.

    `names` maps entity ids to canonical names, for articles.entities.
    """
    new, sources, captions, rewrites, problem_rows = [], [], [], [], [problem_row(p) for p in problems]
    mention_rows = []
    for article, mentions in articles:
        post = article.post
        sources.append({"article_id": article.id, "seed_file": post.seed_file,
                        "line_start": post.line_start, "line_end": post.line_end})
        if article.id in seen:
            continue
        seen.add(article.id)
        new.append(article_row(article, sorted({names[m.entity_id] for m in mentions})))
        caption_ids = [stable_int_id(article.id, "caption", i) for i in range(len(article.captions))]
        mention_rows.extend(
            {"id": stable_int_id(article.id, "mention", m.field, m.caption, m.start), "article_id": article.id,
             "entity_id": m.entity_id, "field": m.field,
             "caption_id": caption_ids[m.caption] if m.caption is not None else None,
             "surface": m.surface, "char_start": m.start, "char_end": m.end}
            for m in mentions
        )
        labelled = [m for m in mentions if m.field == "blog_headline"]
        captions.extend(
            {"id": stable_int_id(article.id, "caption", i), "article_id": article.id, "position": i,
             "text": c.text, "credit": c.credit}
            for i, c in enumerate(article.captions)
        )
        rewrites.extend(
            {"id": stable_int_id(article.id, "rewrite", r.position, r.original), "article_id": article.id,
             "position": r.position, "original": r.original, "rewritten": r.rewritten,
             "entity_id": next((m.entity_id for m in labelled
                                if r.position <= m.start and m.end <= r.position + len(r.rewritten)), None)}
            for r in article.rewrites
        )
        problem_rows.extend(problem_row(p) for p in article.problems)
    db["articles"].insert_all(new)
    db["article_sources"].insert_all(sources, replace=True)
    db["captions"].insert_all(captions)
    db["headline_rewrites"].insert_all(rewrites)
    db["mentions"].insert_all(mention_rows)
    db["problems"].insert_all(problem_rows, replace=True)
