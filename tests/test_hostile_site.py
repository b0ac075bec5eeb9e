"""The served site against hostile requests, over real HTTP: a forged host through the caching proxy, queries
that would fill memory, repeated facets, malformed row keys, and the headers every response carries."""

import http.client
import json
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from militia_news.bench import CachingProxy
from militia_news.datasette_plugin import MAX_COLUMNS, MAX_RESULT_BYTES, MAX_VALUE_BYTES
from militia_news.publish import RunningServer, free_port, serve_command

from .test_browser import CHROMIUM, browser, page  # noqa: F401 (fixtures)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MEMORY_MB = 100  # what one request may make the server allocate
FAST_S = 5  # what a refused or de-duplicated request may take


def serve(built_db: Path, folder: Path) -> RunningServer:
    """The real site, as `make serve` runs it, in a process of its own."""
    db = folder / "militia_news.db"
    shutil.copyfile(built_db, db)
    port = free_port()
    return RunningServer(serve_command(db, port), f"http://127.0.0.1:{port}", timeout=30)


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory):
    running = serve(built_db, tmp_path_factory.mktemp("hostile-site"))
    yield running
    running.close()


@pytest.fixture
def fresh_site(built_db, tmp_path):
    """A site no request has been made to: memory an earlier one freed would hide what the next one takes."""
    running = serve(built_db, tmp_path)
    yield running
    running.close()


@pytest.fixture(scope="module")
def ids(built_db) -> dict:
    db = sqlite_utils.Database(built_db)
    return {"statement": db.execute("select id from statements order by id limit 1").fetchone()[0],
            "article": db.execute("select id from articles order by length(body) desc limit 1").fetchone()[0]}


def fetch(url: str, method: str = "GET", timeout: float = 30) -> tuple[int, http.client.HTTPMessage, bytes, str]:
    """(status, headers, body, final URL after redirects)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=timeout) as response:
            return response.status, response.headers, response.read(), response.url
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read(), url


def sql_url(site_url: str, query: str) -> str:
    return f"{site_url}/militia_news.json?" + urllib.parse.urlencode({"sql": query})


# 9. A forged host never reaches the cache


@pytest.fixture(scope="module")
def proxy(site, tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.skip("make test installs Debian's nginx")
    running = CachingProxy(site.url.removeprefix("http://"), tmp_path_factory.mktemp("proxy"))
    yield running
    running.close()


FORGED = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", "X-Forwarded-Port": "443",
          "Forwarded": "host=evil.example;proto=https", "X-Forwarded-For": "203.0.113.9"}


def forged_request(proxy_url: str, target: str, host: str) -> None:
    """A request with a forged Host (or request-line host) and forwarding headers; closed unanswered or not."""
    netloc = urllib.parse.urlsplit(proxy_url).netloc
    connection = http.client.HTTPConnection(netloc, timeout=30)
    try:
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host)
        for name, value in FORGED.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.getresponse().read()
    except (http.client.HTTPException, ConnectionError):
        pass  # closed without an answer
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["/militia_news/articles?_facet=outlet_id&_size=5",
                                  "/militia_news/articles.json?_facet=outlet_id&_size=5"])
def test_a_forged_host_never_reaches_the_cache(proxy, path):
    netloc = urllib.parse.urlsplit(proxy.url).netloc
    forged_request(proxy.url, path, "evil.example")
    forged_request(proxy.url, path, netloc)
    forged_request(proxy.url, f"http://evil.example{path}", netloc)
    status, headers, body, _ = fetch(proxy.url + path)
    assert status == 200 and headers["X-Cache-Status"] == "HIT"  # what a forged request left, if anything
    served = str(headers).encode() + body
    assert b"evil.example" not in served and b"https://" + netloc.encode() not in served
    assert f"{proxy.url}/militia_news/articles.json?" in headers["Link"]
    if ".json?" in path:
        assert json.loads(body)["next_url"].startswith(f"{proxy.url}/militia_news/articles.json?")


# 10. No request fills the server's memory


def peak_growth_mb(pid: int, request) -> float:
    """How far the process's resident memory peaked above where it stood, while `request()` ran."""
    def status_kb(field: str) -> int:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        return int(next(line for line in lines if line.startswith(f"{field}:")).split()[1])

    Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current size
    baseline = status_kb("VmRSS")
    request()
    return (status_kb("VmHWM") - baseline) / 1024


ROWS = "with recursive n(i) as (select 1 union all select i + 1 from n limit 1000) "  # a page's most rows
LONGEST = MAX_VALUE_BYTES - 1


@pytest.mark.parametrize("query", [
    "select zeroblob(100000000)",
    "select zeroblob(1000000000)",
    ROWS + f"select zeroblob({LONGEST}) from n",  # many rows, each under the value cap
    ROWS + f"select printf('%.*c', {LONGEST // 2}, 'é') from n",  # text that JSON escapes sixfold
    "select " + ", ".join([f"zeroblob({LONGEST})"] * MAX_COLUMNS),  # one row, as wide and long as allowed
])
def test_a_query_that_would_fill_memory_is_refused_quickly(fresh_site, query):
    fetch(sql_url(fresh_site.url, "select 1"))  # warm: templates and connections loaded
    answers = []
    started = time.monotonic()
    growth = peak_growth_mb(fresh_site.process.pid, lambda: answers.append(fetch(sql_url(fresh_site.url, query))))
    status, _, body, _ = answers[0]
    assert status == 400 and "too big" in json.loads(body)["error"]
    assert time.monotonic() - started < FAST_S
    assert growth < MEMORY_MB


ROW_SHARE = MAX_RESULT_BYTES // 1000 - 100  # a row's share of the cap, less its column's name and quotes


@pytest.mark.parametrize("query", [
    ROWS + f"select printf('%.*c', {ROW_SHARE // 6}, 'é') as v from n",  # JSON writes each 'é' in six bytes
    ROWS + f"select printf('%.*c', {ROW_SHARE // 5}, '&') as v from n",  # a page writes each '&' in five
])
@pytest.mark.parametrize("page", [".json?", "?"])
def test_the_largest_answer_the_caps_allow_fits_in_memory(fresh_site, query, page):
    fetch(sql_url(fresh_site.url, "select 1").replace(".json?", page))  # warm
    url = sql_url(fresh_site.url, query).replace(".json?", page)
    answers = []
    assert peak_growth_mb(fresh_site.process.pid, lambda: answers.append(fetch(url))) < MEMORY_MB
    assert answers[0][0] == 200


def test_a_filter_making_a_value_past_the_cap_is_a_bad_request(site):
    where = urllib.parse.quote("length(zeroblob(100000000)) > 0")
    for page in ("articles.json", "articles"):
        status, _, body, _ = fetch(f"{site.url}/militia_news/{page}?_where={where}")
        assert status == 400 and b"too big" in body


def test_json_columns_of_a_query_are_not_parsed(site):
    """`_json=` parses a column's JSON into objects many times its size: a query could make them as it likes."""
    status, _, body, _ = fetch(sql_url(site.url, "select '[[],[],[]]' as j") + "&_json=j")
    assert status == 400 and b"_json" in body
    status, _, body, _ = fetch(f"{site.url}/militia_news/articles.json?_json=entities&_shape=array&_size=1")
    assert status == 200 and isinstance(json.loads(body)[0]["entities"], list)


def test_the_largest_pages_and_the_download_still_work(site, ids, built_db):
    status, _, body, _ = fetch(f"{site.url}/militia_news/articles/{ids['article']}")
    assert status == 200 and b"article-body" in body
    status, _, body, _ = fetch(f"{site.url}/militia_news.db")
    assert status == 200 and body == built_db.read_bytes()
    for table in ("articles", "quotes", "mentions", "evidence"):
        status, _, body, _ = fetch(f"{site.url}/militia_news/{table}.csv?_stream=on&_size=max")
        assert status == 200 and body.count(b"\n") > 1, table
        status, _, body, _ = fetch(f"{site.url}/militia_news/{table}.json?_size=max&_shape=array")
        assert status == 200 and json.loads(body), table


# 11. Repeated facets are answered once


def test_repeated_facets_are_answered_once(site):
    """Once each, even where the table's default facets already hold the column (outlet_id on articles)."""
    repeated = "&".join(["_facet=outlet_id", "_facet_array=entities"] * 1000)
    for page in ("articles", "articles.json"):
        started = time.monotonic()
        status, _, body, url = fetch(f"{site.url}/militia_news/{page}?{repeated}&_size=3", timeout=FAST_S * 4)
        assert status == 200 and time.monotonic() - started < FAST_S
        assert urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query) == [
            ("_facet", "outlet_id"), ("_facet_array", "entities"), ("_size", "3")]
        assert len(body) < 1_000_000
    assert set(json.loads(body)["facet_results"]) == {"outlet_id", "via_outlet_id", "published_month", "entities"}
    html = fetch(url.replace("/articles.json?", "/articles?"))[2]
    assert html.count(b'id="facet-outlet_id"') == html.count(b'id="facet-entities"') == 1


def test_too_many_facets_are_refused(site, db):
    many = "&".join(f"_facet={column}" for column in db["articles"].columns_dict if column != "body")
    started = time.monotonic()
    status, _, body, _ = fetch(f"{site.url}/militia_news/articles.json?{many}")
    assert status == 400 and b"facets" in body and time.monotonic() - started < FAST_S


# 12. A row has one URL; a malformed key is not found


@pytest.mark.parametrize("path", ["statements/{statement}e0", "statements/{statement}.0", "statements/+{statement}",
                                  "statements/0{statement}", "statements/{statement}e0.json",
                                  "articles/{article},x", "articles/~{first:02X}{rest}", "articles/{article}/more"])
def test_a_malformed_row_key_is_not_found(site, ids, path):
    article = ids["article"]
    url = f"{site.url}/militia_news/" + path.format(**ids, first=ord(article[0]), rest=article[1:])
    status, _, body, _ = fetch(url)
    assert status == 404, body[:500]


@pytest.mark.parametrize("path", ["statements/{statement}", "statements/{statement}.json", "articles/{article}",
                                  "articles/{article}.json"])
def test_a_row_key_as_the_site_writes_it_is_found(site, ids, path):
    status, _, _, _ = fetch(f"{site.url}/militia_news/" + path.format(**ids))
    assert status == 200


# 13. Headers on every response; OPTIONS is refused like every method but GET and HEAD


@pytest.mark.parametrize("path", ["/", "/militia_news/articles", "/militia_news/articles.json",
                                  "/militia_news/articles.csv", "/militia_news.db", "/assets/militia.css",
                                  "/militia_news/no_such_table"])
def test_every_response_carries_the_security_headers(site, path):
    for method in ("GET", "HEAD"):
        status, headers, _, _ = fetch(site.url + path, method)
        assert status in (200, 404)
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
        vary = (headers["Vary"] or "").lower()
        assert "cookie" not in vary and "authorization" not in vary


@pytest.mark.parametrize("path", ["/", "/militia_news/articles", "/militia_news/articles.json"])
def test_options_is_refused(site, path):
    status, headers, _, _ = fetch(site.url + path, "OPTIONS")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="make test installs Debian's chromium")
def test_pages_run_under_the_content_security_policy(page, site, ids):  # noqa: F811 (fixture)
    """Every kind of page renders with nothing refused by the policy: the reader's pages, a table with facets,
    the map (datasette-cluster-map), the charts (datasette-dashboards) and a query."""
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: violations.append(str(error)))
    page.route(re.compile(r"tile\.openstreetmap\.org"), lambda route: route.abort())
    page.goto(site.url)
    page.goto(f"{site.url}/militia_news/articles/{ids['article']}")
    page.goto(f"{site.url}/militia_news/statements/{ids['statement']}")
    page.goto(f"{site.url}/militia_news/articles?_facet=outlet_id")
    page.goto(f"{site.url}/militia_news?sql=select+1")
    page.goto(f"{site.url}/militia_news/search_everything?q=Sadr")
    page.goto(f"{site.url}/militia_news/places")
    page.wait_for_selector(".leaflet-marker-icon", timeout=20000)
    page.goto(f"{site.url}/-/dashboards/overview")
    page.wait_for_selector("#card-articles-per-month svg, #card-articles-per-month canvas", timeout=20000)
    assert not violations
