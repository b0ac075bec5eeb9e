"""The whole pipeline: read seeds → split posts → parse articles → write db, atomically."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import database
from .articles import infer_years, parse_post
from .entities import NewEntities, article_mentions, load_entities
from .errors import BuildError
from .model import ResolvedMention
from .posts import split_posts
from .quotes import find_quotes
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
        index = load_entities(seeds_dir, ref)
        new_entities = NewEntities(index)
        surfaces: dict[str, set[str]] = defaultdict(set)
        seen: set[str] = set()
        posts = 0
        for path in paths:
            seed = read_seed(path)
            found, problems = split_posts(seed, ref.labels)
            articles = infer_years([parse_post(post, ref) for post in found])
            linked = []
            for article in articles:
                mentions = [
                    ResolvedMention(new_entities.resolve(m.found), m.field, m.caption, m.found.surface,
                                    m.found.start, m.found.end)
                    for m in article_mentions(article, index, ref)
                ]
                for m in mentions:
                    surfaces[m.entity_id].add(m.surface)
                types = {m.entity_id: index.entities[m.entity_id].type for m in mentions}
                linked.append((article, mentions, find_quotes(article.body, mentions, types)))
            names = {e.id: e.name for e in index.entities.values()}
            database.write_seed_file(db, linked, [*seed.problems, *problems], seen, names)
            posts += len(found)
            if on_file:
                on_file(path)
        database.write_entities(db, index.entities.values(), surfaces)
        database.write_statements(db)
        database.finish(db)
        result = BuildResult(len(paths), posts, len(seen), db["problems"].count)
        db.close()
        os.replace(temporary, out)
        return result
    finally:
        temporary.unlink(missing_ok=True)
