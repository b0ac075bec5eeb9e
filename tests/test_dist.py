"""make dist: the release folder holds the db, a CSV per table and view, the data dictionary and checksums."""

import csv
import hashlib

from militia_news.publish import write_dist


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
    assert {p.stem for p in (out / "csv").glob("*.csv")} >= {"articles", "quotes", "co_mentions", "problems"}
    dictionary = (out / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "| `speaker_entity_id` | The canonical speaker" in dictionary
