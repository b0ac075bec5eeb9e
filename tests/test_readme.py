"""README's examples run as written against the built db: sqlite3 CLI, Python, pandas, and the JSON API over HTTP."""

import ast
import json
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest

from militia_news.release import write_dist

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def block(language: str, containing: str) -> str:
    [found] = [b for b in code_blocks(language) if containing in b]
    return found


def run(args: list[str], cwd) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, cwd=cwd).stdout


@pytest.mark.skipif(not shutil.which("sqlite3"), reason="make test installs the sqlite3 CLI")
def test_sqlite3_cli_example(built_db):
    out = run(["bash", "-c", block("bash", "sqlite3 -header")], built_db.parent)
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows[0][:2] == ["The", "National"] and rows[0][-1] == "3"
    assert ["Reuters", "1"] in [[r[0], r[-1]] for r in rows]


def test_python_example(built_db):
    out = run([sys.executable, "-c", block("python", "became")], built_db.parent).splitlines()
    assert out[0] == ("The National: 'Iraq: Sadr calls on supporters to crackdown on anti-government protests' "
                      "became 'Iraq: Antichrist calls on supporters to crackdown on anti-government protests'")
    assert [line.split(":")[0] for line in out] == ["The National", "The Guardian", "The National"]


def said_counts(db, limit: int = -1) -> dict[str, int]:
    """What each speaker said, quoted and reported, counted from the quotes table, most first."""
    return {r["name"]: r["n"] for r in db.query(
        "select e.name, count(*) as n from quotes q join entities e on e.id = q.speaker_entity_id "
        f"where q.kind in ('speech', 'reported') group by e.name order by n desc, e.name limit {limit}")}


def test_pandas_example(built_db, db):
    out = run([sys.executable, "-c", block("python", "read_sql_query")], built_db.parent).splitlines()
    counts = {" ".join(line.split()[:-1]): int(line.split()[-1]) for line in out[1:]}
    everyone = said_counts(db)  # the same count as the site's facet, charts and queries
    assert {name: everyone[name] for name in counts} == counts
    assert sorted(counts.values(), reverse=True) == list(everyone.values())[:5]
    assert max(counts, key=counts.get) == "Muqtada al-Sadr"


@pytest.fixture(scope="module")
def release(built_db, tmp_path_factory):
    """`make dist` run into a scratch folder: its parent is where README's examples run."""
    root = tmp_path_factory.mktemp("release")
    write_dist(built_db, root / "dist")
    return root


def test_duckdb_parquet_example(release, db):
    out = run([sys.executable, "-c", block("python", "duckdb")], release)
    top = ast.literal_eval(out)  # a printed list of (speaker, statements) tuples
    assert top == list(said_counts(db, 5).items())


def test_pandas_parquet_example(release, db):
    out = run([sys.executable, "-c", block("python", "read_parquet")], release).splitlines()
    months = [(line.split()[0], int(line.split()[1])) for line in out[1:]]
    assert months == [(r["month"], r["n"]) for r in db.query(
        "select coalesce(published_month, 'undated') as month, count(*) as n from articles "
        "group by published_month order by published_month is null, published_month")]
    assert months[-1] == ("undated", db["articles"].count_where("published is null"))


def test_fts_example(built_db):
    rows = sqlite3.connect(built_db).execute(block("sql", "articles_fts")).fetchall()
    assert rows[0][0] == "Antichrist’s men announce conditional ceasefire against US troops"


def test_json_api_examples_against_the_running_server(server, tmp_path):
    command = block("bash", "what_did_they_say").strip().replace("http://127.0.0.1:8001", server)
    rows = [r for r in json.loads(run(["bash", "-c", command], tmp_path)) if r["how"] == "quoted"]
    assert rows[0]["said"].startswith("There are ongoing mortar attacks to destabilize the situation")
    assert {r["outlet"] for r in rows} == {"Rudaw"}
    command = block("bash", "_stream=on").strip().replace("http://127.0.0.1:8001", server)
    run(["bash", "-c", command], tmp_path)
    lines = (tmp_path / "quotes.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,article_id,text,speaker") and len(lines) > 150


def test_readme_opens_with_the_two_commands():
    first_block = code_blocks("bash")[0]
    assert README.index(first_block) < README.index("\n## ")
    assert [line.split()[:2] for line in first_block.strip().splitlines()] == [["make", "serve"], ["make", "test"]]


def test_readme_and_docs_link_only_within_the_repository():
    """Every relative link of README and docs/ names a file of the repository; none leads outside it."""
    for document in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
            if not target.startswith("https://"):
                path = (document.parent / target).resolve()
                assert path.is_relative_to(ROOT) and path.exists(), (document.name, target)
    assert "../shared" not in README


def test_readme_figures_say_their_set_and_hold(built_db, dev_db):
    """A figure of README names the set it is on, and is what the build gives on it."""
    import sqlite_utils

    [(seeds_undated, seeds_total, dev_undated, dev_total)] = re.findall(
        r"(\d+) of the (\d+) seed articles have no date, (\d+) of the (\d+)\s+dev articles \(dev01–dev15\)", README)
    for db_path, undated, total in ((built_db, seeds_undated, seeds_total), (dev_db, dev_undated, dev_total)):
        db = sqlite_utils.Database(db_path)
        assert (int(undated), int(total)) == (db["articles"].count_where("published is null"), db["articles"].count)


def test_extraction_example():
    out = run([sys.executable, "-c", block("python", "militia_news.extract(")], ROOT)
    assert out.strip() == "reported Kataib Hezbollah kataib-hezbollah warn 'it would strike US bases'"
