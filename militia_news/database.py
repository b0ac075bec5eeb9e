"""Stage 6, write db: the schema declared as data, applied by `ensure_db_shape`, and the writers.

This is the only module that writes to the database.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from collections.abc import Iterable

import sqlite_utils

from .extract.names import Entity
from .model import Article, Post, Problem, ResolvedMention
from .reference import Reference
from .extract.quotes import Quote
from .text import file_name_text, fold, slug, stable_int_id, words

TABLES: dict[str, dict] = {
    "outlets": {
        "columns": {"id": str, "name": str, "kind": str, "country": str, "domain": str, "aliases": str},
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
        "columns": {"id": int, "article_id": str, "position": int, "original_position": int, "original": str,
                    "rewritten": str, "entity_id": str},
        "pk": "id",
        "not_null": {"article_id", "position", "original_position", "original", "rewritten"},
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
    "statements": {
        "columns": {"id": int, "text": str, "speaker": str, "speaker_entity_id": str, "first_published": str,
                    "article_count": int, "outlet_count": int},
        "pk": "id",
        "not_null": {"text", "article_count", "outlet_count"},
        "foreign_keys": [("speaker_entity_id", "entities", "id")],
    },
    "quotes": {
        "columns": {"id": int, "article_id": str, "text": str, "speaker": str, "speaker_entity_id": str,
                    "speaker_description": str, "verb": str, "kind": str, "char_start": int, "char_end": int,
                    "statement_id": int, "outlet_id": str, "published": str, "published_month": str},
        "pk": "id",
        "not_null": {"article_id", "text", "kind", "char_start", "char_end"},
        "foreign_keys": [("article_id", "articles", "id"), ("speaker_entity_id", "entities", "id"),
                         ("statement_id", "statements", "id"), ("outlet_id", "outlets", "id")],
    },
    "evidence": {
        "columns": {"id": int, "article_id": str, "field": str, "value": str, "signal": str, "seed_file": str,
                    "line": int, "text": str},
        "pk": "id",
        "not_null": {"article_id", "field", "value", "signal"},
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "places": {
        "columns": {"id": str, "name": str, "country_code": str, "latitude": float, "longitude": float,
                    "population": int, "geonameid": int, "article_count": int, "popup": str},
        "pk": "id",
        "not_null": {"name", "country_code", "latitude", "longitude"},
    },
    "article_places": {
        "columns": {"article_id": str, "place_id": str, "role": str, "surface": str, "char_start": int,
                    "char_end": int},
        "pk": ("article_id", "place_id", "role"),
        "not_null": {"surface"},
        "foreign_keys": [("article_id", "articles", "id"), ("place_id", "places", "id")],
    },
    "facet_counts": {
        "columns": {"table_name": str, "column_name": str, "facet_type": str, "value": str, "count": int},
        "pk": ("table_name", "column_name", "facet_type", "value"),
        "not_null": {"count"},
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
    "evidence": [("article_id",), ("field",), ("signal",)],
    "entities": [("type",), ("reviewed",)],
    "entity_aliases": [("entity_id",), ("kind",), ("alias",)],
    "mentions": [("article_id",), ("entity_id",), ("field",), ("caption_id",)],
    "quotes": [("article_id",), ("speaker_entity_id",), ("verb",), ("kind",), ("statement_id",), ("speaker",),
               ("outlet_id",), ("published_month",), ("published",)],
    "statements": [("speaker_entity_id",), ("first_published",)],
    "outlets": [("kind",), ("country",)],
    "places": [("country_code",)],
    "article_places": [("place_id",), ("role",)],
}

FTS: dict[str, list[str]] = {
    "articles": ["blog_headline", "original_headline", "body"],
    "entities": ["name", "description"],
    "entity_aliases": ["alias"],
    "quotes": ["text", "speaker"],
}

VIEWS: dict[str, str] = {
    "said": """
        select *, case kind when 'speech' then 'quoted' else 'reported' end as how
        from quotes where kind in ('speech', 'reported')
    """,
    "entity_names": """
        select id as entity_id, name, 'name' as kind from entities
        union all select entity_id, alias, kind from entity_aliases
    """,
    "co_mentions": """
        select a.entity_id as entity_id, b.entity_id as other_entity_id, count(*) as articles
        from (select distinct article_id, entity_id from mentions) a
        join (select distinct article_id, entity_id from mentions) b
          on a.article_id = b.article_id and a.entity_id < b.entity_id
        group by a.entity_id, b.entity_id
    """,
}


def prepare_for_bulk_writes(db: sqlite_utils.Database) -> None:
    """No journal, no fsync: the build writes a temporary file that is renamed into place only when complete."""
    db.execute("pragma journal_mode = off")
    db.execute("pragma synchronous = off")


def ensure_db_shape(db: sqlite_utils.Database, indexes: bool = True) -> None:
    """Create every table, foreign key, view and index the schema declares. A bulk load passes
    `indexes=False` and calls this again once its rows are in: building an index once beats keeping it
    up to date through every insert."""
    for name, spec in TABLES.items():
        db[name].create(
            spec["columns"],
            pk=spec["pk"],
            not_null=spec.get("not_null"),
            foreign_keys=spec.get("foreign_keys"),
            if_not_exists=True,
        )
    for name, table_indexes in INDEXES.items() if indexes else ():
        for columns in table_indexes:
            db[name].create_index(columns, if_not_exists=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), ignore=True)


def write_statements(db: sqlite_utils.Database) -> None:
    """One row per distinct quotation, from the quotes that share its statement id."""
    db["statements"].insert_all(db.query("""
        select q.statement_id as id, min(q.text) as text,
               coalesce(max(e.name), max(q.speaker)) as speaker,
               max(q.speaker_entity_id) as speaker_entity_id, min(a.published) as first_published,
               count(distinct q.article_id) as article_count, count(distinct a.outlet_id) as outlet_count
        from quotes q join articles a on a.id = q.article_id
        left join entities e on e.id = q.speaker_entity_id
        where q.statement_id is not null
        group by q.statement_id
        order by q.statement_id
    """))


STAGED = ("articles", "article_sources", "captions", "headline_rewrites", "mentions", "quotes", "evidence", "problems",
          "places", "article_places")


def start_staging(db: sqlite_utils.Database) -> None:
    """A temporary table `staged_<table>` for each staged table, with its columns but no keys, that takes
    each seed file's rows as they come. Most ids are hashes, so rows come in random key order: inserted
    straight into their tables they split B-tree pages all over the file (about twice the time at 20,000
    posts). sqlite-utils cannot insert into a temporary table, hence plain executemany."""
    for table in STAGED:
        db.execute(f"create temp table [staged_{table}] as select * from main.[{table}] where 0")


def stage_rows(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    """Append rows to a staged table, in its declared column order (plain values: nothing to convert)."""
    columns = list(TABLES[table]["columns"])
    db.conn.executemany(f"insert into temp.[staged_{table}] values ({', '.join('?' * len(columns))})",
                        ([row[c] for c in columns] for row in rows))


def separate_quote_ids(db: sqlite_utils.Database) -> None:
    """Two articles whose hashes meet in the quote ids' high bits (about 1 in 400 builds of 100,000 articles):
    each after the first, in article id order, takes its hash salted until the high bits are its own."""
    clashes = db.execute(f"select id >> {QUOTE_ORDER_BITS} from temp.staged_quotes group by 1 "
                         "having count(distinct article_id) > 1").fetchall()
    for (high,) in clashes:
        articles = [r[0] for r in db.execute("select distinct article_id from temp.staged_quotes where id >> ? = ? "
                                             "order by article_id", [QUOTE_ORDER_BITS, high])]
        for article_id in articles[1:]:
            salt = 1
            while db.execute("select 1 from temp.staged_quotes where id >> ? = ?",
                             [QUOTE_ORDER_BITS, quote_id_base(article_id, salt) >> QUOTE_ORDER_BITS]).fetchone():
                salt += 1
            db.execute("update temp.staged_quotes set id = ? | (id & ?) where article_id = ?",
                       [quote_id_base(article_id, salt), (1 << QUOTE_ORDER_BITS) - 1, article_id])


def load_staged(db: sqlite_utils.Database) -> None:
    """Move the staged rows into their tables in key order (a repeated key keeps its last row), then
    build the indexes once, which beats keeping them up to date through every insert."""
    separate_quote_ids(db)
    with db.conn:
        for table in STAGED:
            pk = TABLES[table]["pk"]
            order = ", ".join(f"[{c}]" for c in ((pk,) if isinstance(pk, str) else pk))
            db.execute(f"insert or replace into main.[{table}] select * from temp.[staged_{table}] "
                       f"order by {order}, rowid")
            db.execute(f"drop table temp.[staged_{table}]")
    ensure_db_shape(db)


def write_facet_counts(db: sqlite_utils.Database, facets: dict[str, list]) -> None:
    """The value counts of the site's default facets over each whole table (`facets`: metadata.yml's
    facets by table, a column name or {"array": column}). Only text columns: the counts' `value` is text."""
    for table, table_facets in facets.items():
        columns = TABLES[table]["columns"] if table in TABLES else db[table].columns_dict  # a view's, as declared
        for facet in table_facets:
            if isinstance(facet, dict) and columns.get(facet.get("array")) is str:
                column = facet["array"]
                sql = f"""select '{table}' as table_name, '{column}' as column_name, 'array' as facet_type,
                                 j.value as value, count(distinct [{table}].rowid) as count
                          from [{table}], json_each([{table}].[{column}]) j group by j.value order by j.value"""
            elif isinstance(facet, str) and columns.get(facet) is str:
                sql = f"""select '{table}' as table_name, '{facet}' as column_name, 'column' as facet_type,
                                 [{facet}] as value, count(*) as count
                          from [{table}] where [{facet}] is not null group by [{facet}] order by [{facet}]"""
            else:
                continue
            db["facet_counts"].insert_all(db.query(sql))


def finish(db: sqlite_utils.Database) -> None:
    """Full-text indexes over the finished tables, then statistics for the query planner."""
    for name, columns in FTS.items():
        db[name].enable_fts(columns, tokenize="porter", replace=True)
    db.analyze()


def write_place_counts(db: sqlite_utils.Database) -> None:
    """Each place's article count, and the popup its map marker shows: its name, its count, a link to its
    articles, each once (the canned query articles_at_place, relative to the table page the map is on)."""
    db.execute("""update places set article_count =
        (select count(distinct article_id) from article_places where article_places.place_id = places.id)""")
    db.execute("""update places set popup = json_object('title', name || ' (' || country_code || ')',
        'description', article_count || ' article' || case article_count when 1 then '' else 's' end,
        'link', 'articles_at_place?place=' || id)""")


def write_outlets(db: sqlite_utils.Database, ref: Reference) -> None:
    db["outlets"].insert_all(
        {
            "id": o.id, "name": o.name, "kind": o.kind, "country": o.country, "domain": o.domain,
            "aliases": json.dumps([a for a in o.aliases if a != o.name], ensure_ascii=False),
        }
        for o in sorted(ref.outlets.values(), key=lambda o: o.id)
    )


NEW_ENTITY = "new:"  # how a new name's provisional id begins (entities.provisional_id)


def new_entity_ids(entities: list[Entity]) -> dict[str, str]:
    """The ids of the new names, by provisional id: the slug of the name; where that slug is a curated id or another
    new name's, the name whose key sorts first keeps the bare slug and the others add a hash of their key. A
    function of the set of names: the same whatever the order of the files, and unchanged by unrelated ones."""
    taken = {e.id for e in entities if not e.id.startswith(NEW_ENTITY)}
    ids = {}
    for e in sorted((e for e in entities if e.id.startswith(NEW_ENTITY)), key=lambda e: e.id):
        entity_id, salt = slug(e.name), 0
        while entity_id in taken:
            entity_id, salt = f"{slug(e.name)}-{stable_int_id(e.id, salt) % 16 ** 6:06x}", salt + 1
        taken.add(entity_id)
        ids[e.id] = entity_id
    return ids


def rename_new_entities(db: sqlite_utils.Database, ids: dict[str, str], names: dict[str, str]) -> None:
    """Put the new names' ids in place of their provisional ones, in the rows written file by file, with what
    depends on them: the statement ids of their quotations and the entity names of the articles that name them
    (written when not all spellings were known). `names` maps every entity id, provisional or not, to its name."""
    named: dict[str, set[str]] = defaultdict(set)
    for article_id, entity_id in db.execute(
            "select article_id, entity_id from mentions where article_id in "
            f"(select article_id from mentions where entity_id like '{NEW_ENTITY}%')"):
        named[article_id].add(names[entity_id])
    speech = db.execute(f"select id, speaker_entity_id, text from quotes where speaker_entity_id like '{NEW_ENTITY}%' "
                        "and kind = 'speech'").fetchall()
    with db.conn:
        db.conn.executemany("update articles set entities = ? where id = ?",
                            [(json.dumps(sorted(n), ensure_ascii=False), a) for a, n in named.items()])
        db.conn.executemany("update quotes set statement_id = ? where id = ?",
                            [(stable_int_id("statement", ids[e], statement_key(t)), i) for i, e, t in speech])
        for table, column in (("mentions", "entity_id"), ("quotes", "speaker_entity_id"),
                              ("headline_rewrites", "entity_id")):
            db.conn.executemany(f"update {table} set {column} = ? where {column} = ?",
                                [(new, provisional) for provisional, new in ids.items()])


def write_entities(db: sqlite_utils.Database, entities: Iterable[Entity], surfaces: dict[str, set[str]]) -> None:
    """Every entity with its curated variants and epithets and the spellings the articles use; the new names
    get their ids here, once every file is read (`new_entity_ids`)."""
    entities = list(entities)
    ids = new_entity_ids(entities)
    rename_new_entities(db, ids, {e.id: e.name for e in entities})
    entities = [dataclasses.replace(e, id=ids.get(e.id, e.id)) for e in entities]
    surfaces = {ids.get(entity_id, entity_id): spellings for entity_id, spellings in surfaces.items()}
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
    db.execute("update entities set article_count = (select count(*) from ("
               "select article_id from mentions where mentions.entity_id = entities.id union "
               "select article_id from quotes where quotes.speaker_entity_id = entities.id))")


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


def statement_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


QUOTE_ORDER_BITS = 12  # of a quote id: the quote's place in its article's reading order
MAX_QUOTES = 1 << QUOTE_ORDER_BITS  # an article's quotes past the 4,096th in reading order are dropped, with a warning


def quote_id_base(article_id: str, salt: int = 0) -> int:
    """The high bits of an article's quote ids: its hash (salted when two articles' hashes meet)."""
    return stable_int_id(article_id, "quotes", *([salt] if salt else [])) >> (52 - (53 - QUOTE_ORDER_BITS)) \
        << QUOTE_ORDER_BITS


def numbered_quotes(article: Article, quotes: list[Quote]) -> list[tuple[Quote, int]]:
    """An article's first `MAX_QUOTES` quotes in reading order (by offset, then kind, then end), with ids that sort
    them so: the article's hash in the high bits, each quote's place in the low ones; the same on every build,
    below 2**53."""
    base = quote_id_base(article.id)
    ordered = sorted(quotes, key=lambda q: (q.start, q.kind != "speech", q.end))
    return [(quote, base | place) for place, quote in enumerate(ordered[:MAX_QUOTES])]


def quote_row(article: Article, quote: Quote, quote_id: int) -> dict:
    return {
        "id": quote_id,
        "article_id": article.id,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_entity_id": quote.speaker_entity_id,
        "speaker_description": quote.speaker_description,
        "verb": quote.verb,
        "kind": quote.kind,
        "char_start": quote.start,
        "char_end": quote.end,
        "statement_id": stable_int_id("statement", quote.speaker_entity_id or "", statement_key(quote.text))
        if quote.kind == "speech" else None,
        "outlet_id": article.outlet_id,
        "published": article.published,
        "published_month": article.published[:7] if article.published else None,
    }


def problem_row(problem: Problem) -> dict:
    seed_file = file_name_text(problem.seed_file)
    return {
        "id": stable_int_id(seed_file, problem.line, problem.message),
        "seed_file": seed_file,
        "line": problem.line,
        "severity": problem.severity,
        "message": problem.message,
    }


def source_row(post: Post) -> dict:
    return {"article_id": post.article_id, "seed_file": file_name_text(post.seed_file),
            "line_start": post.line_start, "line_end": post.line_end}


def write_sources(db: sqlite_utils.Database, posts: Iterable[Post]) -> None:
    """Where each post of a seed file was found."""
    stage_rows(db, "article_sources", [source_row(p) for p in posts])


def write_seed_file(
    db: sqlite_utils.Database,
    articles: Iterable[tuple[Article, list[ResolvedMention], list[Quote]]],
    problems: Iterable[Problem],
    names: dict[str, str],
) -> None:
    """Write one seed file's new articles, with their captions, rewrites, mentions and quotes, and its problems.

    `names` maps entity ids to canonical names, for articles.entities.
    """
    new, captions, rewrites, problem_rows = [], [], [], [problem_row(p) for p in problems]
    mention_rows, quote_rows, evidence_rows, place_rows, article_place_rows = [], [], [], [], []
    for article, mentions, quotes in articles:
        place_rows.extend(
            {"id": m.place.id, "name": m.place.name, "country_code": m.place.country_code,
             "latitude": m.place.latitude, "longitude": m.place.longitude, "population": m.place.population,
             "geonameid": m.place.geonameid, "article_count": 0, "popup": None} for m in article.places)
        article_place_rows.extend(
            {"article_id": article.id, "place_id": m.place.id, "role": m.role, "surface": m.surface,
             "char_start": m.start, "char_end": m.end} for m in article.places)
        new.append(article_row(article, sorted({names[m.entity_id] for m in mentions})))
        caption_ids = [stable_int_id(article.id, "caption", i) for i in range(len(article.captions))]
        mention_rows.extend(
            {"id": stable_int_id(article.id, "mention", m.field, m.caption, m.start), "article_id": article.id,
             "entity_id": m.entity_id, "field": m.field,
             "caption_id": caption_ids[m.caption] if m.caption is not None else None,
             "surface": m.surface, "char_start": m.start, "char_end": m.end}
            for m in mentions
        )
        numbered = numbered_quotes(article, quotes)
        quote_rows.extend(quote_row(article, q, i) for q, i in numbered)
        if len(numbered) < len(quotes):
            problem_rows.append(problem_row(Problem(
                article.post.seed_file, article.post.line_start, "warning",
                f"{len(quotes):,} quotations in one article: kept the first {MAX_QUOTES:,}, "
                f"dropped {len(quotes) - MAX_QUOTES:,}")))
        labelled = [m for m in mentions if m.field == "blog_headline"]
        captions.extend(
            {"id": caption_id, "article_id": article.id, "position": i, "text": c.text, "credit": c.credit}
            for i, (caption_id, c) in enumerate(zip(caption_ids, article.captions))
        )
        rewrites.extend(
            {"id": stable_int_id(article.id, "rewrite", r.position, r.original), "article_id": article.id,
             "position": r.position, "original_position": r.original_position, "original": r.original,
             "rewritten": r.rewritten,
             "entity_id": next((m.entity_id for m in labelled
                                if r.position <= m.start and m.end <= r.position + len(r.rewritten)), None)}
            for r in article.rewrites
        )
        problem_rows.extend(problem_row(p) for p in article.problems)
        evidence_rows.extend(
            {"id": stable_int_id(article.id, "evidence", e.field, e.signal, e.line), "article_id": article.id,
             "field": e.field, "value": e.value, "signal": e.signal,
             "seed_file": file_name_text(article.post.seed_file), "line": e.line, "text": e.text}
            for e in dict.fromkeys(article.evidence)
        )
    for table, rows in (("articles", new), ("captions", captions), ("headline_rewrites", rewrites),
                        ("mentions", mention_rows), ("quotes", quote_rows), ("evidence", evidence_rows),
                        ("places", place_rows), ("article_places", article_place_rows)):
        stage_rows(db, table, rows)
    stage_rows(db, "problems", problem_rows)
