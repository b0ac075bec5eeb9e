"""Datasette plugin for the published site.

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
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
COUNTS_TABLE = "facet_counts"  # written by the build: the default facets' counts over each whole table
UNFILTERED = re.compile(r"\sfrom\s+\S+\s*$", re.I)


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


async def facet_rows(facet, column: str, facet_type: str, live_sql: str):
    """A facet's top values and counts: the build's on an unfiltered table, else `live_sql`'s; None if it
    timed out."""
    database = facet.ds.databases[facet.database]
    limit = facet.get_facet_size() + 1
    try:
        if not facet.params and facet.table and UNFILTERED.search(facet.sql) and await database.table_exists(COUNTS_TABLE):
            rows = await database.execute(
                f"select value, count from {COUNTS_TABLE} where table_name = :table and column_name = :column "
                f"and facet_type = :type order by count desc, value limit {limit}",
                {"table": facet.table, "column": column, "type": facet_type})
            if rows.rows:
                return rows
        return await database.execute(live_sql, facet.params, truncate=False,
                                      custom_time_limit=facet.ds.setting("facet_time_limit_ms"))
    except QueryInterrupted:
        return None


class CountedColumnFacet(ColumnFacet):
    """ColumnFacet (Datasette 0.65's, copied) that reads an unfiltered table's counts from `facet_counts`."""

    async def facet_results(self):
        results, timed_out = [], []
        pairs = self.get_querystring_pairs()
        facet_size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            sql = (f"select {escape_sqlite(column)} as value, count(*) as count from ({self.sql}) "
                   f"where {escape_sqlite(column)} is not null group by {escape_sqlite(column)} "
                   f"order by count desc, value limit {facet_size + 1}")
            rows = await facet_rows(self, column, "column", sql)
            if rows is None:
                timed_out.append(column)
                continue
            shown = rows.rows[:facet_size]
            expanded = (await self.ds.expand_foreign_keys(self.database, self.table, column,
                                                          [row["value"] for row in shown]) if self.table else {})
            column_qs = f"{column}__exact" if column.startswith("_") else column
            values = []
            for row in shown:
                selected = (column_qs, str(row["value"])) in pairs
                toggle = (path_with_removed_args(self.request, {column_qs: str(row["value"])}) if selected
                          else path_with_added_args(self.request, {column_qs: row["value"]}))
                values.append({
                    "value": row["value"], "label": expanded.get((column, row["value"]), row["value"]),
                    "count": row["count"], "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                    "selected": selected,
                })
            results.append({
                "name": column, "type": self.type, "hideable": source_and_config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                "results": values, "truncated": len(rows) > facet_size,
            })
        return results, timed_out


class KeyedArrayFacet(ArrayFacet):
    """ArrayFacet that de-duplicates each row's values by (primary key, value), not by the whole row, and
    reads an unfiltered table's counts from `facet_counts`."""

    async def facet_results(self):
        pks = await self.ds.databases[self.database].primary_keys(self.table) if self.table else []
        key = ", ".join(f"inner.{escape_sqlite(pk)}" for pk in pks) or "inner.rowid"
        results, timed_out = [], []
        facet_size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            sql = (f"select value, count(*) as count from (select distinct {key}, j.value as value "
                   f"from ({self.sql}) as inner, json_each(inner.{escape_sqlite(column)}) j) "
                   f"group by value order by count desc, value limit {facet_size + 1}")
            rows = await facet_rows(self, column, "array", sql)
            if rows is None:
                timed_out.append(column)
                continue
            values = []
            for row in rows.rows[:facet_size]:
                value = str(row["value"])
                selected = (f"{column}__arraycontains", value) in pairs
                change = path_with_removed_args if selected else path_with_added_args
                values.append({
                    "value": value, "label": value, "count": row["count"], "selected": selected,
                    "toggle_url": self.ds.absolute_url(
                        self.request, change(self.request, {f"{column}__arraycontains": value})),
                })
            results.append({
                "name": column, "type": self.type, "results": values, "truncated": len(rows) > facet_size,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_array": column})),
            })
        return results, timed_out


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


