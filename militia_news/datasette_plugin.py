"""Datasette plugin for the published site.

- The reader: the article, entity and statement pages and the home page get their data from `reader`
  (templates in militia_news/templates); the articles table shows a snippet of each body.
- Read-only: any method but GET, HEAD and OPTIONS gets 405 (Datasette 0.65 answers a POST with a 500).
- Facets on an unfiltered table read the counts the build wrote to `facet_counts` (the db is immutable,
  so they cannot go stale) instead of grouping every row on every page load; filtered pages count live.
  The results are the same as upstream's, which is what the two facet classes below copy.
- Array facets de-duplicate by (primary key, value). Datasette 0.65's array facet de-duplicates
  `distinct j.value, inner.*`, every column of every row: on articles that sorts every body, seconds per
  page on a large db.
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.facets import ArrayFacet, ColumnFacet, DateFacet
from datasette.plugins import pm
from datasette.database import QueryInterrupted
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args, urlsafe_components

from markupsafe import Markup

from . import reader

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
COUNTS_TABLE = "facet_counts"  # written by the build: the default facets' counts over each whole table
UNFILTERED = re.compile(r"\sfrom\s+\S+\s*$", re.I)


ROW_PAGES = {"articles": reader.article_page, "entities": reader.entity_page, "statements": reader.statement_page}
SNIPPET = 240  # characters of a body shown in a table's cell
LINK_COLUMNS = {"link", "article"}  # a canned query's column holding a path on this site


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """The reader's data for the article, entity and statement pages and the home page."""
    if view_name == "row" and table in ROW_PAGES:
        async def row_page():
            [key] = urlsafe_components(request.url_vars["pks"])
            links = reader.Links(datasette.urls, database)
            return {"reader": await ROW_PAGES[table](datasette.get_database(database), links, key)}
        return row_page
    if template == "index.html":
        async def home_page():
            name = next(name for name in datasette.databases if name != "_internal")
            return {"reader": {**await reader.home_page(datasette.get_database(name)), "database": name,
                               "queries": datasette.metadata("queries", database=name) or {}}}
        return home_page
    return {}


@hookimpl
def render_cell(value, column, table, database, datasette):
    """A body in a table's cell is a snippet (the article page has it whole); a search hit's link is a link."""
    if table == "articles" and column == "body" and isinstance(value, str) and len(value) > SNIPPET:
        return value[:SNIPPET].rsplit(" ", 1)[0] + " …"
    if table is None and column in LINK_COLUMNS and isinstance(value, str) and value.startswith(f"/{database}/"):
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(value), value)
    return None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": b"405: this site is read-only\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap


class CountedFacet:
    """What both facet classes share, after Datasette 0.65's: for each configured column, its rows (the
    build's counts or live ones), its values and its result. Subclasses give the rest."""

    facet_type: str  # "column" or "array", as in facet_counts
    facet_param: str  # the query-string parameter that turns the facet on

    async def facet_results(self):
        results, timed_out = [], []
        facet_size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
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


