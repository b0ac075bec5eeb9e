"""Fixtures: a real build of the project's own seeds, and helpers to build constructed ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils

from militia_news.build import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REFERENCE_FILES = sorted(SEEDS.glob("*.yml"))


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
    """A seeds folder holding the project's reference data and the given seed files."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in REFERENCE_FILES:
        shutil.copy(path, folder / path.name)
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
