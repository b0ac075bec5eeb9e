"""Hostile input the whole build must survive: too many quotations, a file name that is not UTF-8, new names that
would take each other's ids depending on file order."""

import os
import subprocess
import sys

import pytest
import sqlite_utils

from militia_news import database
from militia_news.build import build
from militia_news.extract.names import Entity

from .conftest import ROOT, make_seeds

POST = "\n\n".join([
    "Antichrist warns the militias",
    "Sadr warns the militias",
    "BAGHDAD (Reuters) - The cleric said on Sunday the “armed factions must obey the state and its forces,” "
    "his office said.",
])


def spokesman_post(speaker: str, day: str) -> str:
    return "\n\n".join([
        f"Antichrist’s spokesman speaks on {day}",
        f"Militia spokesman speaks on {day}",
        f"BAGHDAD (Reuters) - “The armed factions must obey the state and its forces,” {speaker}, a spokesman for "
        f"the brigade, said on {day}. {speaker} added that the group would not disarm.",
    ])


def test_an_article_with_ten_thousand_quotations_keeps_its_first_4096_and_the_build_goes_on(tmp_path):
    quotations = "\n\n".join(f"“word {n},” he said." for n in range(10_000))
    many = "\n\n".join(["Antichrist speaks ten thousand times", "Sadr speaks ten thousand times",
                        "BAGHDAD (Reuters) - The cleric spoke on Monday.", quotations])
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST, "many.txt": many})
    build(seeds, tmp_path / "out.db", strict=True)
    db = sqlite_utils.Database(tmp_path / "out.db")
    assert {r["seed_file"] for r in db["article_sources"].rows} == {"good.txt", "many.txt"}
    article_id = next(db.query("select article_id from article_sources where seed_file = 'many.txt'"))["article_id"]
    kept = [r["text"] for r in db.query("select text from quotes where article_id = ? order by id", [article_id])]
    assert kept == [f"word {n}" for n in range(database.MAX_QUOTES)]
    assert list(db.query("select line, severity, message from problems where seed_file = 'many.txt' and message "
                         "like '%quotations%'")) == [
        {"line": 1, "severity": "warning",
         "message": "10,000 quotations in one article: kept the first 4,096, dropped 5,904"}]
    assert db.execute("select count(*) from quotes q join article_sources s using (article_id) "
                      "where s.seed_file = 'good.txt'").fetchone()[0] == 1


def test_a_file_name_that_is_not_utf8_is_stored_with_escapes_and_its_file_built(tmp_path):
    seeds = make_seeds(tmp_path / "seeds", {"good.txt": POST})
    with open(os.path.join(os.fsencode(seeds), b"bad\xff.txt"), "wb") as bad:
        bad.write(POST.replace("Sunday", "Monday").encode("utf-8"))
    out = tmp_path / "out.db"
    result = subprocess.run([sys.executable, str(ROOT / "build_db.py"), "--seeds", str(seeds), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    db = sqlite_utils.Database(out)
    assert sorted(r["seed_file"] for r in db["article_sources"].rows) == ["bad\\xff.txt", "good.txt"]
    assert db["articles"].count == 2
    assert "bad\\xff.txt" in {r["seed_file"] for r in db["problems"].rows}  # its article states no date


@pytest.mark.parametrize("first, second, entity_id", [
    ("KARIM Basrawi", "Karim Basrawi", "karim-basrawi"),  # one entity: the spelling with fewer capitals names it
    ("Kareem Basrawi", "Karim Basrawi", "kareem-basrawi"),  # one key: the first spelling in code-point order
])
def test_new_entity_ids_do_not_depend_on_file_order_or_unrelated_files(tmp_path, first, second, entity_id):
    a, b = spokesman_post(first, "Sunday"), spokesman_post(second, "Monday")
    build(make_seeds(tmp_path / "ab", {"a.txt": a, "b.txt": b}), tmp_path / "ab.db")
    build(make_seeds(tmp_path / "ba", {"a.txt": b, "b.txt": a, "c.txt": POST}), tmp_path / "ba.db")
    ab, ba = sqlite_utils.Database(tmp_path / "ab.db"), sqlite_utils.Database(tmp_path / "ba.db")
    mapping = "select distinct surface, entity_id from mentions where surface like '%Basrawi' order by 1"
    assert list(ab.query(mapping)) == list(ba.query(mapping))
    assert {r["entity_id"] for r in ab.query(mapping)} == {entity_id}
    for sql in ("select * from entities where reviewed = 0", "select * from quotes where speaker like '%Basrawi'",
                "select id, entities from articles where entities like '%Basrawi%'"):
        assert list(ab.query(sql + " order by 1")) == list(ba.query(sql + " order by 1")), sql


def test_new_names_sharing_a_slug_take_ids_from_their_keys_not_their_order():
    curated = Entity("karim-basrawi", "Karim Basrawi", "person", None, True)
    new = [Entity(f"new:{key}", "Karim Basrawi", "person", None, False) for key in ("krm bsrw 1", "krm bsrw 2")]
    ids = database.new_entity_ids([*new, curated])
    assert ids == database.new_entity_ids([curated, *new[::-1]])
    assert len(set(ids.values())) == 2 and all(i.startswith("karim-basrawi-") for i in ids.values())
    alone = database.new_entity_ids(new[::-1])  # no curated clash: the key that sorts first keeps the bare slug
    assert alone == {"new:krm bsrw 1": "karim-basrawi", "new:krm bsrw 2": ids["new:krm bsrw 2"]}
