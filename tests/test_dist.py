"""make dist: the release folder holds the db, a CSV and a Parquet file per table and view, a validated data package,
the data dictionary, CITATION.cff and checksums."""

import csv
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from militia_news.release import write_dist

from .conftest import ROOT


def test_release_folder(built_db, tmp_path, db):
    out = tmp_path / "dist"
    write_dist(built_db, out)
    sums = dict(reversed(line.split("  ")) for line in (out / "SHA256SUMS").read_text().splitlines())
    for relative, digest in sums.items():
        assert hashlib.sha256((out / relative).read_bytes()).hexdigest() == digest
    assert "militia_news.db" in sums and "DATA_DICTIONARY.md" in sums
    with open(out / "csv" / "quotes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == db["quotes"].count
    assert any(r["speaker_entity_id"] == "muqtada-al-sadr" and r["text"].startswith("The skies, land") for r in rows)
    assert {p.stem for p in (out / "csv").glob("*.csv")} >= {"articles", "quotes", "co_mentions", "problems",
                                                              "facet_counts"}  # every table the schema documents
    dictionary = (out / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "| `speaker_entity_id` | The canonical speaker" in dictionary


def test_parquet_data_package_and_citation(built_db, tmp_path, db):
    import pyarrow.parquet as pq
    import yaml

    out = tmp_path / "dist"
    write_dist(built_db, out)
    quotes = pq.read_table(out / "parquet" / "quotes.parquet")
    assert quotes.num_rows == db["quotes"].count
    assert str(quotes.schema.field("char_start").type) == "int64" and str(quotes.schema.field("text").type) == "string"
    assert str(pq.read_table(out / "parquet" / "co_mentions.parquet").schema.field("articles").type) == "int64"
    articles = pq.read_table(out / "parquet" / "articles.parquet")
    assert str(articles.schema.field("published").type) == "date32[day]"
    [dated] = db.query("select id, published from articles where published is not null order by id limit 1")
    ids, dates = articles.column("id").to_pylist(), articles.column("published").to_pylist()
    assert dates[ids.index(dated["id"])].isoformat() == dated["published"]
    assert str(quotes.schema.field("published").type) == "date32[day]"
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    [quotes_resource] = [r for r in package["resources"] if r["name"] == "quotes"]
    [speaker] = [f for f in quotes_resource["schema"]["fields"] if f["name"] == "speaker_entity_id"]
    assert speaker["description"].startswith("The canonical speaker")
    types = {(r["name"], f["name"]): f["type"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert types["articles", "published"] == types["statements", "first_published"] == "date"
    assert types["articles", "published_month"] == types["quotes", "published_month"] == "yearmonth"
    assert {"fields": ["speaker_entity_id"], "reference": {"resource": "entities", "fields": ["id"]}} in \
        quotes_resource["schema"]["foreignKeys"]
    result = subprocess.run([str(Path(sys.executable).with_name("frictionless")), "validate", "--json",
                             "datapackage.json"], cwd=out, capture_output=True, text=True)
    assert json.loads(result.stdout)["valid"] is True, result.stdout[-2000:]
    cff = yaml.safe_load((out / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"] == "militia-news" and cff["type"] == "dataset"


def test_the_package_builds_without_setuptools_warnings(tmp_path):
    """Every folder of data files (data/, templates/, static/, deploy/) is declared with its files: building the
    package, editable as `make install` does or as a wheel, warns of none."""
    source = shutil.copytree(ROOT, tmp_path / "source", ignore=shutil.ignore_patterns(
        ".*", "*.db", "build", "dist", "*.egg-info", "test-artifacts", "__pycache__"))
    out = tmp_path / "out"
    for hook in ("build_editable", "build_wheel"):
        result = subprocess.run([sys.executable, "-W", "always", "-c",
                                 f"from setuptools import build_meta; build_meta.{hook}({str(out)!r})"],
                                cwd=source, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "Warning" not in result.stdout + result.stderr, (result.stdout + result.stderr)[-3000:]
    wheel = zipfile.ZipFile(next(out.glob("*.whl")))
    assert {"militia_news/templates/index.html", "militia_news/static/militia.css",
            "militia_news/deploy/nginx-cache.conf", "militia_news/data/outlets.yml"} <= set(wheel.namelist())


def test_make_help_names_everything_the_release_holds(built_db, tmp_path):
    out = tmp_path / "dist"
    write_dist(built_db, out)
    help_text = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    dist = help_text[help_text.index("make dist"):help_text.index("make clean")]
    for entry in out.iterdir():
        if entry != out / built_db.name:
            assert (f"{entry.name}/" if entry.is_dir() else entry.name) in dist, entry.name
