"""The whole pipeline: read seeds → split posts → parse articles → write db, atomically."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import database
from .articles import infer_years, parse_post
from .errors import BuildError
from .posts import split_posts
from .reference import load_reference
from .seeds import read_seed, seed_paths


@dataclass(frozen=True)
class BuildResult:
    seed_files: int
    posts: int
    articles: int
    problems: int


def build(seeds_dir: Path, out: Path, on_file: Callable[[Path], None] | None = None) -> BuildResult:
    """Build the database at `out`. It is written beside `out` and renamed over it only when complete."""
    seeds_dir, out = Path(seeds_dir), Path(out)
    if not seeds_dir.is_dir():
        raise BuildError(str(seeds_dir), "seeds folder not found")
    ref = load_reference(seeds_dir)
    paths = seed_paths(seeds_dir)
    if not paths:
        raise BuildError(str(seeds_dir), "no seed files (*.txt) in the folder")
    if not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
        raise BuildError(str(out), "cannot write the database: its folder is missing or not writable")
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        db = sqlite_utils.Database(temporary, recreate=True)
        database.ensure_db_shape(db)
        database.write_outlets(db, ref)
        seen: set[str] = set()
        posts = 0
        for path in paths:
            seed = read_seed(path)
            found, problems = split_posts(seed, ref.labels)
            articles = infer_years([parse_post(post, ref) for post in found])
            database.write_seed_file(db, articles, [*seed.problems, *problems], seen)
            posts += len(found)
            if on_file:
                on_file(path)
        database.finish(db)
        result = BuildResult(len(paths), posts, len(seen), db["problems"].count)
        db.close()
        os.replace(temporary, out)
        return result
    finally:
        temporary.unlink(missing_ok=True)
