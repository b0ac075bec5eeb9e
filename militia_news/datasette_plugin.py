"""Datasette plugin for the published site.

- The reader: the article, entity and statement pages and the home page get their data from `reader`
  (templates in militia_news/templates); the articles table shows a snippet of each body.
- SQL functions for the canned queries: `name_key` (names compared case, accents and hyphens aside) and
  `fts_query` (a search as FTS5 reads it, or as plain words where FTS5 cannot parse it).
- Read-only: any method but GET and HEAD gets 405 (Datasette 0.65 answers a POST with a 500).
- Hostile requests: a query's values, columns and rows are capped, so no request fills the server's memory;
  repeated facets redirect to the URL without the repeats and too many are refused, since each is a query; a row
  key spelled otherwise than the site's links spell it is not found (one URL a row); every response carries a
  content security policy, nosniff and no framing, and no `Vary: Cookie, Authorization` (there is no login).
- Facets on an unfiltered table read the counts the build wrote to `facet_counts` (the db is immutable,
  so they cannot go stale) instead of grouping every row on every page load; filtered pages count live.
  The results are the same as upstream's, which is what the two facet classes below copy.
- Caching: every response says how long it may be kept (`cache_control`), and the proxy keeps it so: the release's
  files at the URLs naming their content's hash (the style sheets, the db) for the release's life, any other answer
  the URL alone decides for a day, a refusal or an error not at all.
- Array facets de-duplicate by (primary key, value). Datasette 0.65's array facet de-duplicates
  `distinct j.value, inner.*`, every column of every row: on articles that sorts every body, seconds per
  page on a large db.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import weakref
from functools import cache, lru_cache
from json.encoder import encode_basestring_ascii
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import datasette.handle_exception
from datasette import hookimpl
from datasette.facets import ArrayFacet, ColumnFacet, DateFacet
from datasette.handle_exception import handle_exception as default_handle_exception
from datasette.views.base import DatasetteError
from datasette.plugins import pm
from datasette.database import QueryInterrupted
from datasette.utils import (escape_sqlite, path_with_added_args, path_with_removed_args, tilde_decode, tilde_encode,
                             urlsafe_components)

from markupsafe import Markup

from . import reader
from .database import statement_key
from .publish import STATIC

READ_METHODS = {"GET", "HEAD"}
FACET_PARAMETERS = {"_facet", "_facet_array", "_facet_date"}  # one per facet class
MAX_FACETS = 8  # facets one URL may ask for (a table's default facets come on top): each is a query
MAX_VALUE_BYTES = 250_000  # the longest string or blob a query may make: 16 times the longest article body
MAX_COLUMNS = 64  # the most columns a query may return: 4 times the widest table
MAX_RESULT_BYTES = 10_000_000  # a query's output (output_bytes); sending it takes 5 times that: 1,000 articles, 4.7 MB
NUMBER_BYTES = 24  # the most a number takes in JSON
HTML_ESCAPED, HTML_ESCAPE_BYTES = "<>&\"'", 4  # what a page escapes, and the bytes each adds (&lt; &#34;)
CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*+")  # an integer key as the site's links write it
MAP_TILES = "https://*.tile.openstreetmap.org"  # datasette-cluster-map's default tile layer
SCRIPTS = "'self' 'unsafe-inline'"  # Datasette's templates and plugins write inline scripts
CHARTS_PATH = "/-/dashboards"  # datasette-dashboards: vega compiles its expressions with Function()
SITE_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY")]
LOGIN_HEADERS = {b"cookie", b"authorization"}  # no page depends on them: the site has no login
COUNTS_TABLE = "facet_counts"  # written by the build: the default facets' counts over each whole table
UNFILTERED = re.compile(r"\sfrom\s+\S+\s*$", re.I)
STYLE_SHEET, STYLE_SHEET_URL = STATIC / "militia.css", "/assets/militia.css"  # the static folder is served at /assets/
DAY = b"public, max-age=86400"  # the data changes only with a release, which so reaches every reader within a day
RELEASE = b"public, max-age=31536000, immutable"  # a file at a URL naming its content's hash: the same as long
NO_STORE = b"no-store"  # a refusal or an error, which the next request may not meet (a time limit, a method)
DECIDED_BY_URL = {200, 301, 304, 404}  # answers that, on the immutable db, depend on nothing but the URL


ROW_PAGES = {"articles": reader.article_page, "entities": reader.entity_page, "statements": reader.statement_page}
SNIPPET = 240  # characters of a body shown in a table's cell
LINK_COLUMNS = {"link", "article"}  # a canned query's column holding a path on this site
MARKED_COLUMNS = {"title", "snippet"}  # a canned query's column holding a search hit, its matches marked


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """The reader's data for the article, entity and statement pages and the home page."""
    if view_name == "row" and table in ROW_PAGES:
        async def row_page():
            db = datasette.get_database(database)
            if not await reader.holds_dataset(db):
                return {}  # another database served beside it: Datasette's own row page
            [key] = urlsafe_components(request.url_vars["pks"])
            return {"reader": await ROW_PAGES[table](db, reader.Links(datasette.urls, database), key)}
        return row_page
    if template == "index.html":
        async def home_page():
            name = next(name for name in datasette.databases if name != "_internal")
            return {"reader": {**await reader.home_page(datasette.get_database(name)), "database": name,
                               "queries": datasette.metadata("queries", database=name) or {},
                               "download": hashed_url(datasette, datasette.urls.database(name) + ".db")}}
        return home_page
    return {}


@hookimpl
def render_cell(value, column, table, database, datasette):
    """A body in a table's cell is a snippet (the article page has it whole); a search hit's link is a link, its
    matches marked."""
    if table == "articles" and column == "body" and isinstance(value, str) and len(value) > SNIPPET:
        return value[:SNIPPET].rsplit(" ", 1)[0] + " …"
    if table is None and column in LINK_COLUMNS and isinstance(value, str) and value.startswith(f"/{database}/"):
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(value), value)
    if table is None and column in MARKED_COLUMNS and isinstance(value, str):
        return reader.marked(value)
    return None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            send = with_site_headers(send, scope["path"], is_hashed_url(datasette, scope))
            refusal = await refused(datasette, scope)
            if refusal:
                status, message, headers = refusal
                await send({"type": "http.response.start", "status": status,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *headers]})
                await send({"type": "http.response.body", "body": f"{status}: {message}\n".encode()})
                return
            await app(scope, receive, send)

        return guarded

    return wrap


def content_security_policy(scripts: str) -> bytes:
    """Everything from this site but the map's tiles; no plugins, no framing, forms only to here."""
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: {MAP_TILES}", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors 'none'",
    ]).encode()


SITE_POLICY, CHARTS_POLICY = content_security_policy(SCRIPTS), content_security_policy(f"{SCRIPTS} 'unsafe-eval'")


def with_site_headers(send, path: str, hashed: bool):
    """`send` with the content security policy, SITE_HEADERS and the cache policy (`hashed`: the request is for a
    release's file at its hashed URL) on every response, and LOGIN_HEADERS taken out of its Vary."""
    policy = CHARTS_POLICY if path.startswith(CHARTS_PATH) else SITE_POLICY

    async def sending(message):
        if message["type"] == "http.response.start":
            headers = []
            for name, value in message.get("headers", []):
                if name.lower() == b"vary":
                    value = b", ".join(part.strip() for part in value.split(b",")
                                       if part.strip() and part.strip().lower() not in LOGIN_HEADERS)
                    if not value:
                        continue
                if name.lower() != b"cache-control":
                    headers.append((name, value))
            caching = cache_control(message["status"], hashed, {name.lower() for name, _ in headers})
            message = {**message, "headers": [*headers, (b"content-security-policy", policy), *SITE_HEADERS,
                                              (b"cache-control", caching)]}
        await send(message)

    return sending


def cache_control(status: int, hashed: bool, header_names: set[bytes]) -> bytes:
    """How long a response may be kept: a release's file at its hashed URL for the release's life (RELEASE), any
    other answer the URL decides for a day (DAY), a refusal, an error or a response setting a cookie not at all."""
    if status not in DECIDED_BY_URL or b"set-cookie" in header_names:
        return NO_STORE
    return RELEASE if hashed else DAY


@cache
def content_hash(path: Path) -> str:
    """The first 16 hex digits of the file's SHA-256: what its URL carries (`?v=`), so a new release is a new URL."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def hashed_urls(datasette) -> dict[str, str]:
    """Path -> the query string naming its content: our style sheet, Datasette's (`app.css?<hash>`) and each
    immutable db's download (its hash from the inspect file)."""
    urls = {STYLE_SHEET_URL: f"v={content_hash(STYLE_SHEET)}",
            datasette.urls.static("app.css"): datasette.app_css_hash()}
    for name, db in datasette.databases.items():
        if not db.is_mutable and db.path:
            urls[datasette.urls.database(name) + ".db"] = f"v={db.hash[:16]}"
    return urls


def hashed_url(datasette, path: str) -> str:
    """`path` with the query string naming its content, where the site has one for it."""
    query = hashed_urls(datasette).get(path)
    return f"{path}?{query}" if query else path


def is_hashed_url(datasette, scope) -> bool:
    """Whether a request asks for one of `hashed_urls` with the query naming its current content."""
    query = scope.get("query_string", b"").decode("latin-1")
    return bool(query) and hashed_urls(datasette).get(routed_path(scope)) == query


@hookimpl
def extra_css_urls(datasette):
    """The site's style sheet, at its hashed URL."""
    return [hashed_url(datasette, STYLE_SHEET_URL)]


async def refused(datasette, scope) -> tuple[int, str, list] | None:
    """(status, message, headers) for a request the site does not serve as asked, else None: a write method, a
    row key spelled otherwise than the site spells it, `_json=` on a query, repeated facets (redirected to the URL
    without the repeats) or too many."""
    if scope["method"] not in READ_METHODS:
        return 405, "this site is read-only", [(b"allow", b"GET, HEAD")]
    path = routed_path(scope)
    if not await is_canonical_row_path(datasette, path):
        return 404, "not found", []
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    if {"sql", "_json"} <= {name for name, _ in pairs}:
        return 400, "_json= parses the JSON columns of tables and canned queries, not of a query's own values", []
    facets = [pair for pair in pairs if pair[0] in FACET_PARAMETERS]
    if len(set(facets)) > MAX_FACETS:
        return 400, f"a page may ask for at most {MAX_FACETS} facets", []
    if len(set(facets)) < len(facets):
        return 301, "facets repeated", [(b"location", f"{path}?{urlencode(without_repeated_facets(pairs))}".encode())]
    return None


def routed_path(scope) -> str:
    """The path as Datasette routes it: the raw one, its escapes kept."""
    if scope.get("raw_path"):
        return scope["raw_path"].decode("ascii").partition("?")[0]
    return scope["path"]


def without_repeated_facets(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The query's parameters in order, each facet once."""
    seen, kept = set(), []
    for pair in pairs:
        if pair[0] in FACET_PARAMETERS:
            if pair in seen:
                continue
            seen.add(pair)
        kept.append(pair)
    return kept


async def is_canonical_row_path(datasette, path: str) -> bool:
    """False for a row page whose key is not spelled as the site's links spell it: one component per primary key,
    tilde-encoded as Datasette encodes it, an integer key in plain decimal, and no extension but a format the
    site renders. Any other spelling (`7e0`, `+7`, `07`, `7.0`, `id,x`) would be a second URL for the row, or an
    error. True for any other path."""
    parts = path.split("/")
    if len(parts) != 4 or parts[1] not in datasette.databases:
        return True
    db, table = datasette.databases[parts[1]], tilde_decode(parts[2])
    if not await db.table_exists(table):
        return True
    key, dot, extension = parts[3].partition(".")
    if dot and extension not in {*datasette.renderers, "csv"}:
        return False
    pks, values = await db.primary_keys(table) or ["rowid"], urlsafe_components(key)
    if len(values) != len(pks) or ",".join(map(tilde_encode, values)) != key:
        return False
    types = {column.name: column.type.upper() for column in await db.table_column_details(table)}  # rowid: none
    return all(CANONICAL_INTEGER.fullmatch(value) for pk, value in zip(pks, values) if "INT" in types.get(pk, "INT"))


@hookimpl
def prepare_connection(conn):
    """The canned queries' functions; cap what one query can make the server hold: a value's length, the columns,
    the rows' total size."""
    conn.create_function("name_key", 1, name_key, deterministic=True)
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, MAX_COLUMNS)
    conn.row_factory = CappedRows()


@hookimpl
def prepare_jinja2_environment(env):
    """`marked`: a search hit's text with its matches marked (the search results page)."""
    env.filters["marked"] = reader.marked


@lru_cache(maxsize=100_000)
def name_key(name: str | None) -> str | None:
    """How the canned queries compare names: their folded words, as statements are keyed, so that case, accents
    and punctuation do not count ("al sadr" is "Al-Sadr", "kadhimi" "Kadhimi")."""
    return None if name is None else statement_key(str(name))


PROBES = threading.local()  # each SQL thread's FTS5 tables to try a search on
PLAIN_WORD = re.compile(r'[^\s"]++')  # a search's words, as written between spaces and double quotes


def fts_query(search: str | None) -> str:
    """The search as FTS5 reads it (`Sadr OR Kadhimi`, `"civil war"`, `milit*`) where FTS5 can parse it, else its
    words each quoted (`Sadr's march` is `"Sadr's" "march"`), so that no search is an error; a blank one matches
    nothing."""
    plain_words = " ".join(f'"{word}"' for word in PLAIN_WORD.findall(search or ""))
    for candidate in (search or "", plain_words):
        if candidate.strip() and parses(candidate):
            return candidate
    return '""'


def parses(search: str) -> bool:
    """Whether FTS5 reads the search without error on two tables of one column each, of different names: a search
    naming a column (`body: x`) fails on one, as it would on some table the site searches."""
    if not hasattr(PROBES, "conn"):
        PROBES.conn = sqlite3.connect(":memory:")
        PROBES.conn.executescript("create virtual table one using fts5(a); create virtual table two using fts5(b);")
    try:
        for table in ("one", "two"):
            PROBES.conn.execute(f"select * from {table} where {table} match ?", [search]).fetchall()
    except sqlite3.OperationalError:
        return False
    return True


def output_bytes(value) -> int:
    """At least the bytes a value takes in Datasette's JSON (its CustomJSONEncoder: a blob as text if it is UTF-8,
    else in base64) and in an HTML page (escaped)."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return len(value) * 4 // 3
    if isinstance(value, str):
        return len(encode_basestring_ascii(value)) + HTML_ESCAPE_BYTES * sum(map(value.count, HTML_ESCAPED))
    return NUMBER_BYTES


class CappedRows:
    """A connection's row factory: sqlite3.Row, as Datasette's, but a query whose values would pass
    MAX_RESULT_BYTES of output stops with an error before the server holds more or renders them."""

    def __init__(self):
        self.fetched = weakref.WeakKeyDictionary()  # cursor: its rows' values so far, in output_bytes

    def __call__(self, cursor, values):
        names = sum(len(column[0]) for column in cursor.description)  # JSON objects and HTML cells repeat them
        fetched = self.fetched[cursor] = self.fetched.get(cursor, 0) + names + sum(map(output_bytes, values))
        if fetched > MAX_RESULT_BYTES:
            raise sqlite3.OperationalError(f"result too big: a query may return {MAX_RESULT_BYTES // 10**6} MB; "
                                           "ask for fewer rows (_size=) or columns")
        return sqlite3.Row(cursor, values)


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    """A value past MAX_VALUE_BYTES (SQLite's "string or blob too big") is the query's fault: 400, as any other SQL
    error, where a table page would answer 500."""
    if isinstance(exception, sqlite3.DataError):
        refusal = DatasetteError(str(exception), title="Invalid SQL", status=400)
        return default_handle_exception(datasette, request, refusal)
    return None


# Datasette 0.65's error page prints each error's traceback with rich when rich is installed, and rich raises when
# that happens outside an `except` block, as for a path no route matches ("/db/table/x/y"): its 404 became a 500.
# The server still logs each request with its status.
datasette.handle_exception.rich = None


def facet_column(config: dict) -> str:
    """The column a facet's config (`_facet=column` or `_facet={"column": …}`) counts."""
    return config.get("column") or config["simple"]


class CountedFacet:
    """What both facet classes share, after Datasette 0.65's: for each configured column, its rows (the
    build's counts or live ones), its values and its result. Subclasses give the rest."""

    facet_type: str  # "column" or "array", as in facet_counts
    facet_param: str  # the query-string parameter that turns the facet on

    async def facet_results(self):
        results, timed_out = [], []
        facet_size = self.get_facet_size()
        for source_and_config in self.get_configs():
            column = facet_column(source_and_config["config"])
            rows = await self.rows(column, facet_size + 1)
            if rows is None:
                timed_out.append(column)
                continue
            results.append({
                "name": column, "type": self.type, "hideable": source_and_config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {self.facet_param: column})),
                "results": await self.values(column, rows.rows[:facet_size]), "truncated": len(rows) > facet_size,
            })
        return results, timed_out

    def get_configs(self):
        """Each column's first config: a facet the URL repeats, or asks for on top of the table's default, is
        counted once."""
        configs = {}
        for source_and_config in super().get_configs():
            configs.setdefault(facet_column(source_and_config["config"]), source_and_config)
        return list(configs.values())

    async def rows(self, column: str, limit: int):
        """The column's top values and counts: the build's on an unfiltered table, else live ones; None if
        counting live timed out."""
        database = self.ds.databases[self.database]
        try:
            if (not self.params and self.table and UNFILTERED.search(self.sql)
                    and await database.table_exists(COUNTS_TABLE)):
                rows = await database.execute(
                    f"select value, count from {COUNTS_TABLE} where table_name = :table and column_name = :column "
                    f"and facet_type = :type order by count desc, value limit {limit}",
                    {"table": self.table, "column": column, "type": self.facet_type})
                if rows.rows:
                    return rows
            return await database.execute(await self.live_sql(column, limit), self.params, truncate=False,
                                          custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        except QueryInterrupted:
            return None


class CountedColumnFacet(CountedFacet, ColumnFacet):
    """ColumnFacet that reads an unfiltered table's counts from `facet_counts`."""

    facet_type, facet_param = "column", "_facet"

    async def live_sql(self, column: str, limit: int) -> str:
        return (f"select {escape_sqlite(column)} as value, count(*) as count from ({self.sql}) "
                f"where {escape_sqlite(column)} is not null group by {escape_sqlite(column)} "
                f"order by count desc, value limit {limit}")

    async def values(self, column: str, rows) -> list[dict]:
        pairs = self.get_querystring_pairs()
        expanded = (await self.ds.expand_foreign_keys(self.database, self.table, column,
                                                      [row["value"] for row in rows]) if self.table else {})
        column_qs = f"{column}__exact" if column.startswith("_") else column
        values = []
        for row in rows:
            selected = (column_qs, str(row["value"])) in pairs
            toggle = (path_with_removed_args(self.request, {column_qs: str(row["value"])}) if selected
                      else path_with_added_args(self.request, {column_qs: row["value"]}))
            values.append({
                "value": row["value"], "label": expanded.get((column, row["value"]), row["value"]),
                "count": row["count"], "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                "selected": selected,
            })
        return values


class KeyedArrayFacet(CountedFacet, ArrayFacet):
    """ArrayFacet that de-duplicates each row's values by (primary key, value), not by the whole row, and
    reads an unfiltered table's counts from `facet_counts`."""

    facet_type, facet_param = "array", "_facet_array"

    async def live_sql(self, column: str, limit: int) -> str:
        pks = await self.ds.databases[self.database].primary_keys(self.table) if self.table else []
        key = ", ".join(f"inner.{escape_sqlite(pk)}" for pk in pks) or "inner.rowid"
        return (f"select value, count(*) as count from (select distinct {key}, j.value as value "
                f"from ({self.sql}) as inner, json_each(inner.{escape_sqlite(column)}) j) "
                f"group by value order by count desc, value limit {limit}")

    async def values(self, column: str, rows) -> list[dict]:
        pairs = self.get_querystring_pairs()
        values = []
        for row in rows:
            value = str(row["value"])
            selected = (f"{column}__arraycontains", value) in pairs
            change = path_with_removed_args if selected else path_with_added_args
            values.append({
                "value": value, "label": value, "count": row["count"], "selected": selected,
                "toggle_url": self.ds.absolute_url(self.request, change(self.request, {f"{column}__arraycontains": value})),
            })
        return values


@hookimpl
def startup(datasette):
    """Take over from Datasette's default facet classes (plugins load before the defaults, so do it here)."""
    if pm.has_plugin("datasette.facets"):
        pm.unregister(name="datasette.facets")
        pm.register(_Facets, "militia_news.facets")


class _Facets:
    @staticmethod
    @hookimpl
    def register_facet_classes():
        return [CountedColumnFacet, DateFacet, KeyedArrayFacet]


