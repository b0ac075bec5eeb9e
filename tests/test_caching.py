"""Every kind of response says how long it may be kept, and the caching proxy (the real nginx with
militia_news/deploy/nginx-cache.conf) keeps what may be kept: requested twice, the second is a HIT."""

import re
import shutil
from pathlib import Path

import pytest

from militia_news.bench import CachingProxy

from .test_hostile_site import fetch

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DAY = "public, max-age=86400"
RELEASE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def proxy(server, tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.skip("make test installs Debian's nginx")
    running = CachingProxy(server.removeprefix("http://"), tmp_path_factory.mktemp("cache-proxy"))
    yield running.url
    running.close()


@pytest.fixture(scope="module")
def article(db) -> str:
    return db.execute("select id from articles order by id limit 1").fetchone()[0]


PAGES = {  # one of each kind the site serves, and how long it may be kept
    "the home page": ("/", DAY),
    "the database page": ("/militia_news", DAY),
    "a table page": ("/militia_news/articles", DAY),
    "a table's JSON": ("/militia_news/articles.json?_shape=array", DAY),
    "a table's CSV": ("/militia_news/quotes.csv", DAY),
    "a table's CSV, streamed": ("/militia_news/quotes.csv?_stream=on&_size=max", DAY),
    "a canned query": ("/militia_news/what_did_they_say?speaker=Sadr", DAY),
    "a canned query's CSV": ("/militia_news/what_did_they_say.csv?speaker=Sadr", DAY),
    "an article's page": ("/militia_news/articles/{article}", DAY),
    "a query's JSON": ("/militia_news.json?sql=select+count(*)+from+articles", DAY),
    "the charts": ("/-/dashboards/overview", DAY),
    "the db at its plain URL": ("/militia_news.db", DAY),
    "a script of Datasette's": ("/-/static/table.js", DAY),
    "a row that does not exist": ("/militia_news/articles/no-such-article", DAY),
}


@pytest.mark.parametrize("kind", PAGES)
def test_each_kind_of_response_is_cached_as_long_as_it_says(proxy, article, kind):
    path, expected = PAGES[kind]
    url = proxy + path.format(article=article)
    status, headers, body, _ = fetch(url)
    assert status in (200, 404) and body
    assert headers["Cache-Control"] == expected
    status, headers, again, _ = fetch(url)
    assert headers["X-Cache-Status"] == "HIT" and again == body


def test_the_release_files_are_linked_at_hashed_urls_and_kept_for_a_year(proxy, built_db):
    """The style sheets and the db download, as the home page links them: each URL names its content's hash."""
    _, _, home, _ = fetch(proxy + "/")
    home = home.decode("utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
    assert any(re.fullmatch(r"/assets/militia\.css\?v=[0-9a-f]{16}", s) for s in sheets), sheets
    assert any(re.fullmatch(r"/-/static/app\.css\?[0-9a-f]{6}", s) for s in sheets), sheets
    [download] = re.findall(r'href="(/militia_news\.db\?v=[0-9a-f]{16})"', home)
    for path in [*sheets, download]:
        status, headers, body, _ = fetch(proxy + path)
        assert status == 200 and headers["Cache-Control"] == RELEASE, path
        assert fetch(proxy + path)[1]["X-Cache-Status"] == "HIT", path
    assert fetch(proxy + download)[2] == built_db.read_bytes()
    # an old hash is not the current file: kept only a day, as the plain URL
    assert fetch(proxy + "/assets/militia.css?v=0000000000000000")[1]["Cache-Control"] == DAY


@pytest.mark.parametrize("path, status", [
    ("/militia_news.json?sql=select+zeroblob(1000000000)", 400),  # past the value cap
    ("/militia_news.json?sql=select+*+from+no_such_table", 400),
])
def test_refusals_are_not_kept(proxy, path, status):
    for _ in range(2):
        answer, headers, _, _ = fetch(proxy + path)
        assert answer == status and headers["Cache-Control"] == "no-store"
        assert headers["X-Cache-Status"] == "MISS"


def test_a_write_method_is_refused_and_not_kept(server):
    status, headers, _, _ = fetch(server + "/militia_news/articles", "OPTIONS")
    assert status == 405 and headers["Cache-Control"] == "no-store"
