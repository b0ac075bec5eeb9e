"""The build as a whole: duplicates merged, stable ids, atomic replacement, clear errors."""

import hashlib
import subprocess
import sys

import sqlite_utils

from militia_news import database
from militia_news.build import build

from .conftest import ROOT, SEEDS, make_seeds

SEED_000 = (SEEDS / "000_c035f8e90eaba482.txt").read_text(encoding="utf-8")
SEED_003 = (SEEDS / "003_15da29468eeff97d.txt").read_text(encoding="utf-8")


def ids(path) -> set[str]:
    return {r["id"] for r in sqlite_utils.Database(path).query("select id from articles")}


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "build_db.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def test_copied_seed_file_adds_sources_not_articles(tmp_path, built_db):
    seeds = make_seeds(tmp_path / "seeds", {"000_c035f8e90eaba482.txt": SEED_000, "003_15da29468eeff97d.txt": SEED_003,
                                            "archive-page-2.txt": SEED_000})
    build(seeds, tmp_path / "out.db")
    db = sqlite_utils.Database(tmp_path / "out.db")
    assert ids(tmp_path / "out.db") == ids(built_db)
    assert db["articles"].count == 20
    sources = list(db.query("select seed_file from article_sources where line_start = 447 order by seed_file"))
    assert [s["seed_file"] for s in sources] == ["000_c035f8e90eaba482.txt", "archive-page-2.txt"]


def test_posts_repeated_across_many_files_give_the_rows_of_one_copy(tmp_path, built_db):
    """Six archive pages repeating the two seed files: analysed in worker processes, which skip posts
    they analysed before, the articles, mentions and quotes are those of the two files alone."""
    pages = {f"page-{n}-{k}.txt": seed for n in range(3) for k, seed in enumerate((SEED_000, SEED_003))}
    build(make_seeds(tmp_path / "seeds", pages), tmp_path / "out.db")
    many, two = sqlite_utils.Database(tmp_path / "out.db"), sqlite_utils.Database(built_db)
    for table in ("articles", "mentions", "quotes", "captions", "headline_rewrites", "entities", "statements"):
        assert list(many[table].rows_where(order_by="id")) == list(two[table].rows_where(order_by="id")), table
    sadr = "select count(*) from mentions where entity_id = 'muqtada-al-sadr'"
    assert many.execute(sadr).fetchone()[0] == two.execute(sadr).fetchone()[0] > 0
    assert many.execute("select count(distinct seed_file) from article_sources").fetchone()[0] == 6


def test_same_post_twice_in_one_file_is_one_article(tmp_path):
    first_post = "\n".join(SEED_000.split("\n")[:35])
    seeds = make_seeds(tmp_path / "seeds", {"page.txt": first_post + "\n\n" + first_post + "\n"})
    build(seeds, tmp_path / "out.db")
    db = sqlite_utils.Database(tmp_path / "out.db")
    assert db["articles"].count == 1
    assert [r["line_start"] for r in db.query("select line_start from article_sources order by 1")] == [1, 37]


def test_ids_survive_renaming_and_reordering(tmp_path, built_db):
    seeds = make_seeds(tmp_path / "seeds", {"a-renamed.txt": SEED_003, "b-renamed.txt": SEED_000})
    build(seeds, tmp_path / "out.db")
    assert ids(tmp_path / "out.db") == ids(built_db)


def test_two_builds_are_identical(tmp_path):
    for name in ("one.db", "two.db"):
        build(SEEDS, tmp_path / name)
    dumps = [list(sqlite_utils.Database(tmp_path / n).conn.iterdump()) for n in ("one.db", "two.db")]
    assert dumps[0] == dumps[1]


def test_failed_build_leaves_the_old_db_untouched(tmp_path):
    out = tmp_path / "militia_news.db"
    assert run_cli("--seeds", SEEDS, "--out", out).returncode == 0
    before = sha256(out)
    seeds = make_seeds(tmp_path / "bad", {"good.txt": SEED_000, "zz-broken.txt": b"Antichrist\n\nhead\x00er\n"})
    result = run_cli("--seeds", seeds, "--out", out, "--strict")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: zz-broken.txt:3: binary data (NUL byte), not a text seed file"]
    assert sha256(out) == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_missing_seeds_folder_is_a_one_line_error(tmp_path):
    result = run_cli("--seeds", tmp_path / "nowhere", "--out", tmp_path / "x.db")
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere'}: seeds folder not found"
    assert "Traceback" not in result.stderr


def test_cli_reports_what_it_built(tmp_path):
    result = run_cli("--seeds", SEEDS, "--out", tmp_path / "x.db")
    assert result.stdout.strip().startswith(f"{tmp_path / 'x.db'}: 20 articles from 20 posts in 2 seed files")


def test_outlets_come_from_reference_data(db):
    assert db["outlets"].get("the-national") == {
        "id": "the-national", "name": "The National", "kind": "newspaper", "country": "United Arab Emirates",
        "domain": "thenationalnews.com", "aliases": '["The National News", "The National (Abu Dhabi)", "The National UAE"]',
    }


def test_two_articles_whose_quote_ids_meet_are_kept_apart(tmp_path):
    """Quote ids are an article's hash above its quotes' reading order; should two articles' hashes meet, the
    later article id takes a salted hash and every quote keeps its row and its place."""
    db = sqlite_utils.Database(tmp_path / "clash.db")
    database.ensure_db_shape(db)
    database.start_staging(db)
    shared = database.quote_id_base("article-a")
    rows = [{"id": shared | place, "article_id": article, "text": f"{article} {place}", "kind": "speech",
             "char_start": place, "char_end": place + 1}
            for article in ("article-b", "article-a") for place in range(3)]
    database.stage_rows(db, "quotes", [{c: row.get(c) for c in database.TABLES["quotes"]["columns"]} for row in rows])
    database.separate_quote_ids(db)
    staged = {r[0]: (r[1], r[2]) for r in db.execute("select text, id >> ?, id & 7 from temp.staged_quotes",
                                                     [database.QUOTE_ORDER_BITS])}
    assert {staged[f"article-a {p}"] for p in range(3)} == {(shared >> database.QUOTE_ORDER_BITS, p) for p in range(3)}
    moved = {staged[f"article-b {p}"][0] for p in range(3)}
    assert moved == {database.quote_id_base("article-b", 1) >> database.QUOTE_ORDER_BITS}
    assert [staged[f"article-b {p}"][1] for p in range(3)] == [0, 1, 2]
