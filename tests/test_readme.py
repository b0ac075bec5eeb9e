"""README's query examples run as written against the built db: the real sqlite3 CLI and Python."""

import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


@pytest.fixture
def in_db_folder(built_db, monkeypatch):
    monkeypatch.chdir(built_db.parent)
    return built_db.parent


@pytest.mark.skipif(not shutil.which("sqlite3"), reason="the sqlite3 CLI is installed by make test's bootstrap")
def test_sqlite3_cli_example(in_db_folder):
    [example] = [b for b in code_blocks("bash") if b.lstrip().startswith("sqlite3")]
    out = subprocess.run(["bash", "-c", example], capture_output=True, text=True, check=True, cwd=in_db_folder).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows[0][:2] == ["The", "National"] and rows[0][-1] == "3"
    assert ["Reuters", "1"] in [[r[0], r[-1]] for r in rows]


def test_python_example(in_db_folder):
    [example] = code_blocks("python")
    out = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True, check=True,
                         cwd=in_db_folder).stdout.splitlines()
    assert out[0] == ("The National: 'Iraq: Sadr calls on supporters to crackdown on anti-government protests' "
                      "became 'Iraq: Antichrist calls on supporters to crackdown on anti-government protests'")
    assert [line.split(":")[0] for line in out] == ["The National", "The Guardian", "The National"]


def test_fts_example(built_db):
    import sqlite3

    [example] = code_blocks("sql")
    rows = sqlite3.connect(built_db).execute(example).fetchall()
    assert rows[0][0] == "Antichrist’s men announce conditional ceasefire against US troops"
