"""Datasette plugin for the published site.

- Read-only: any method but GET, HEAD and OPTIONS gets 405 (Datasette 0.65 answers a POST with a 500).
- Array facets de-duplicate by (primary key, value). Datasette 0.65's array facet de-duplicates
  `distinct j.value, inner.*`, every column of every row: on articles that sorts every body, seconds per
  page on a large db. On an unfiltered table the counts come from `array_facet_counts`, which the build
  writes (the db is immutable, so they cannot go stale). The results are the same as upstream's.
"""

from __future__ import annotations


import re

from datasette import hookimpl
from datasette.facets import ArrayFacet, ColumnFacet, DateFacet
from datasette.plugins import pm
from datasette.database import QueryInterrupted
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
COUNTS_TABLE = "array_facet_counts"  # written by the build: each array column's values over the whole table
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


class KeyedArrayFacet(ArrayFacet):
    """ArrayFacet that de-duplicates each row's values by (primary key, value), not by the whole row."""

    async def facet_results(self):
        pks = await self.ds.databases[self.database].primary_keys(self.table) if self.table else []
        key = ", ".join(f"inner.{escape_sqlite(pk)}" for pk in pks) or "inner.rowid"
        results, timed_out = [], []
        facet_size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        database = self.ds.databases[self.database]
        precomputed = not self.params and UNFILTERED.search(self.sql) and await database.table_exists(COUNTS_TABLE)
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            if precomputed:
                sql = (f"select value, count from {COUNTS_TABLE} where table_name = :table and column_name = :column "
                       f"order by count desc, value limit {facet_size + 1}")
                params = {"table": self.table, "column": column}
            else:
                sql = (f"select value, count(*) as count from (select distinct {key}, j.value as value "
                       f"from ({self.sql}) as inner, json_each(inner.{escape_sqlite(column)}) j) "
                       f"group by value order by count desc, value limit {facet_size + 1}")
                params = self.params
            try:
                rows = await database.execute(sql, params, truncate=False,
                                              custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
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
        return [ColumnFacet, DateFacet, KeyedArrayFacet]


