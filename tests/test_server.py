"""The served site over real HTTP: read-only, time-limited, exports, counts from the inspect file."""

import json
import shutil
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from militia_news.publish import RunningServer, free_port


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def sql(server: str, query: str) -> tuple[int, dict]:
    status, body = get(f"{server}/militia_news.json?" + urllib.parse.urlencode({"sql": query, "_shape": "objects"}))
    return status, json.loads(body)


def counts(server: str) -> dict:
    _, data = sql(server, "select (select count(*) from outlets) o, (select count(*) from articles) a, "
                          "(select group_concat(name) from sqlite_master) s")
    return data["rows"][0]


@pytest.mark.parametrize("statement", [
    "insert into outlets (id, name, kind) values ('x', 'x', 'x')",
    "update outlets set name = 'hacked'",
    "delete from articles",
    "drop table outlets",
    "attach database ':memory:' as other",
    "pragma writable_schema = 1",
    "select load_extension('/usr/lib/x86_64-linux-gnu/libsqlite3.so')",
    "create table evil (x)",
])
def test_writes_through_sql_are_refused(server, statement):
    before = counts(server)
    status, data = sql(server, statement)
    assert status == 400 and data["ok"] is False
    assert counts(server) == before


@pytest.mark.parametrize("method, path", [
    ("POST", "/militia_news/outlets"),
    ("POST", "/militia_news/search_articles"),
    ("POST", "/militia_news/-/create"),
    ("PUT", "/militia_news/articles"),
    ("DELETE", "/militia_news/outlets/reuters"),
])
def test_write_methods_are_refused(server, method, path):
    before = counts(server)
    request = urllib.request.Request(f"{server}{path}", data=b"name=x", method=method)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405
    assert counts(server) == before


def test_runaway_query_is_cut_by_the_time_limit(server):
    started = time.monotonic()
    status, data = sql(server, "with recursive c(x) as (select 1 union all select x + 1 from c) "
                               "select count(*) from c")
    assert status == 400 and "too long" in data["error"].lower()
    assert time.monotonic() - started < 15


def test_db_is_downloadable_and_counts_come_from_inspect(server, built_db):
    status, body = get(f"{server}/militia_news.db")
    assert status == 200 and body[:16] == b"SQLite format 3\x00"
    status, body = get(f"{server}/-/databases.json")
    [database] = json.loads(body)
    assert database["is_mutable"] is False


def test_csv_stream_of_a_whole_table(server):
    status, body = get(f"{server}/militia_news/mentions.csv?_stream=on&_size=max")
    lines = body.decode("utf-8").strip().splitlines()
    _, data = sql(server, "select count(*) as n from mentions")
    assert status == 200 and len(lines) - 1 >= data["rows"][0]["n"]
    assert lines[0].startswith("id,article_id,entity_id,field")


def test_every_table_and_view_exports_json_and_csv(server):
    _, data = sql(server, "select name from sqlite_master where type in ('table', 'view') "
                          "and name not like '%_fts%' and name not like 'sqlite_%'")
    for name in (r["name"] for r in data["rows"]):
        status, body = get(f"{server}/militia_news/{name}.json?_shape=array&_size=1")
        assert status == 200 and isinstance(json.loads(body), list), name
        status, body = get(f"{server}/militia_news/{name}.csv?_size=1")
        assert status == 200 and body, name


def test_row_page_links_to_quotes_mentions_captions_and_rewrites(server):
    status, body = get(f"{server}/militia_news/articles.json?_shape=array&original_headline__startswith=%E2%80%98A+threat")
    article = json.loads(body)[0]["id"]
    status, body = get(f"{server}/militia_news/articles/{article}.json?_extras=foreign_key_tables")
    tables = {t["other_table"]: t["count"] for t in json.loads(body)["foreign_key_tables"]}
    assert tables["quotes"] >= 30 and tables["captions"] == 7 and tables["mentions"] > 50
    assert tables["headline_rewrites"] == 2


def test_another_database_served_with_the_plugin_keeps_datasettes_own_row_page(built_db, tmp_path):
    """The plugin is installed for every Datasette of the environment: a db that is not this dataset (here one
    without its views) gets Datasette's row page, not an error."""
    other = tmp_path / "other.db"
    shutil.copyfile(built_db, other)
    with sqlite3.connect(other) as conn:
        conn.execute("drop view said")
        [article_id] = conn.execute("select id from articles order by id limit 1").fetchone()
    port = free_port()
    site = RunningServer([sys.executable, "-m", "datasette", "serve", str(other), "--port", str(port)],
                         f"http://127.0.0.1:{port}", timeout=30)
    try:
        with urllib.request.urlopen(f"{site.url}/other/articles/{article_id}") as response:
            page = response.read().decode()
        assert response.status == 200 and article_id in page and "reader-main" not in page
    finally:
        site.close()
