"""Fixtures: a real build of the project's own seeds, and helpers to build constructed ones."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import datasette.plugins  # noqa: F401 (first: it loads the project's plugin whole, before a test imports from it)
import pytest
import sqlite_utils

from militia_news.build import build
from militia_news.publish import RunningServer, free_port, serve_command
from militia_news.reference import REFERENCE_DIR

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV_PAGES = ROOT / "eval" / "dev" / "seeds"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """militia_news.db built from the real seeds."""
    out = tmp_path_factory.mktemp("build") / "militia_news.db"
    build(SEEDS, out)
    return out


@pytest.fixture(scope="session")
def db(built_db) -> sqlite_utils.Database:
    return sqlite_utils.Database(built_db)


def make_seeds(folder: Path, files: dict[str, str | bytes]) -> Path:
    """A folder of crawl pages holding the given files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def seeds_with(tmp_path):
    """Build a seeds folder from constructed seed files: seeds_with({"a.txt": "..."})."""
    return lambda files: make_seeds(tmp_path / "seeds", files)


@pytest.fixture
def reference_copy(tmp_path) -> Path:
    """A copy of the package's reference data, to edit."""
    return Path(shutil.copytree(REFERENCE_DIR, tmp_path / "reference"))


@pytest.fixture(scope="session")
def dev_db(tmp_path_factory) -> Path:
    """The db built from the dev crawl pages (eval/dev/seeds)."""
    out = tmp_path_factory.mktemp("dev") / "dev.db"
    build(DEV_PAGES, out)
    return out


@pytest.fixture(scope="session")
def server(built_db, tmp_path_factory):
    """The real site: `datasette serve` as `make serve` runs it, over HTTP on loopback.

    On teardown the db file must be byte for byte what it was: nothing the suite sends may write to it.
    """
    db = tmp_path_factory.mktemp("site") / "militia_news.db"
    shutil.copyfile(built_db, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    port = free_port()
    site = RunningServer(serve_command(db, port), f"http://127.0.0.1:{port}", timeout=30)
    yield site.url
    site.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before, "the served db changed"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failure (and screenshot it)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory):
    """A site built from a post whose every field carries markup and script."""
    folder = tmp_path_factory.mktemp("hostile")
    seeds = make_seeds(folder / "seeds", {"evil.txt": "\n\n".join([
        "Antichrist <script>window.pwned = 1</script> threatens the embassy",
        "Iraqi militia <img src=x onerror=\"window.pwned = 2\"> threatens the embassy",
        "BAGHDAD (Reuters) - “We will <script>window.pwned = 3</script> strike,” said <b onmouseover=alert(1)>Abu "
        "Ali</b> al-Askari, a spokesman, on Monday in a statement posted at javascript:alert(4).",
        "<a href=\"javascript:window.pwned = 5\">click</a> Kataib Hezbollah said it would <svg onload=alert(6)> act.",
        "A rocket hits the embassy. Photo: <script>window.pwned = 7</script>",
    ])})
    db = folder / "militia_news.db"
    build(seeds, db)
    port = free_port()
    site = RunningServer(serve_command(db, port), f"http://127.0.0.1:{port}", timeout=30)
    yield site.url, db
    site.close()
