"""Incremental builds: a rebuild takes unchanged pages from the cache beside the db and writes the db a full build
writes, to the byte of its dump, after pages are added, changed and removed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from militia_news.build import build, cache_folder
from militia_news.reference import REFERENCE_DIR

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "eval" / "dev" / "seeds"


def dump(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


def entry_times(out: Path) -> dict[str, int]:
    """When each cached entry (by its file's key and kind) was last written."""
    return {p.name: p.stat().st_mtime_ns for p in cache_folder(out, REFERENCE_DIR).iterdir()}


def test_a_rebuild_after_adding_changing_and_removing_pages_equals_a_full_build(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("dev03.txt", "dev04.txt", "dev05.txt", "dev06.txt"):
        shutil.copy(DEV / name, seeds / name)
    out = tmp_path / "incremental" / "militia_news.db"
    out.parent.mkdir()
    build(seeds, out)
    before = entry_times(out)

    fuller = (DEV / "dev03.txt").read_text(encoding="utf-8").replace(
        "\nLeave a Reply", "\nThe agency said it would report to its board next week.\n\nLeave a Reply", 1)
    (seeds / "dev90.txt").write_text(fuller, encoding="utf-8")  # a new page: dev03's posts, its first one fuller
    shutil.copy(DEV / "dev07.txt", seeds / "dev07.txt")  # a new page
    changed = (seeds / "dev04.txt").read_text(encoding="utf-8").replace("Iraq", "Iraq’s", 1)
    (seeds / "dev04.txt").write_text(changed, encoding="utf-8")  # a changed page
    (seeds / "dev05.txt").unlink()  # a removed page
    build(seeds, out)
    after = entry_times(out)

    full = tmp_path / "full" / "militia_news.db"
    full.parent.mkdir()
    build(seeds, full, full=True)
    assert dump(out) == dump(full)

    with sqlite3.connect(out) as conn:  # the fuller copy is the one the db holds, and both copies are its sources
        [(article_id,)] = conn.execute("select id from articles where body like '%report to its board next week%'")
        files = conn.execute("select seed_file from article_sources where article_id = ? order by 1", [article_id])
        assert [f for (f,) in files] == ["dev03.txt", "dev90.txt"]

    unchanged = [name for name in before if name in after and before[name] == after[name]]
    assert len(unchanged) == 3  # dev06's pre-pass and analysis, and dev03's pre-pass (its analysis is redone)
    assert not [name for name in after if name not in before and not name.endswith((".copies.pickle", ".chunks.pickle"))]
    assert len(after) == 2 * 5  # an entry per page of the folder: removed pages' entries are gone


def run_build(seeds: Path, out: Path, cache_home: str) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": cache_home}
    subprocess.run([sys.executable, str(ROOT / "build_db.py"), "--seeds", str(seeds), "--out", str(out), "-q"],
                   env=env, check=True)


def test_world_data_is_remembered_per_installation_and_optional(tmp_path):
    """The gazetteer and given names are derived from the installed libraries once, then read back; a cache that
    cannot be written changes nothing but the time."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(DEV / "dev12.txt", seeds)
    run_build(seeds, tmp_path / "first.db", str(tmp_path / "cache"))
    [folder] = (tmp_path / "cache" / "militia-news").iterdir()
    assert {p.name for p in folder.iterdir()} == {
        "militia_news.places.gazetteer.pickle", "militia_news.places.countries.pickle",
        "militia_news.reference.world_given_names.pickle", "militia_news.reference.world_places.pickle"}
    run_build(seeds, tmp_path / "second.db", str(tmp_path / "cache"))
    run_build(seeds, tmp_path / "uncached.db", "/proc/no-cache-here")
    assert dump(tmp_path / "first.db") == dump(tmp_path / "second.db") == dump(tmp_path / "uncached.db")
    with sqlite3.connect(tmp_path / "second.db") as conn:  # the gazetteer read back places the news
        assert conn.execute("select count(*) from article_places").fetchone()[0] > 0
