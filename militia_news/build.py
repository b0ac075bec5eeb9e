"""The whole pipeline: read seeds → split posts → parse articles → find entities → find quotes → write db.

Every stage up to the writer is a pure function of one seed file, so files are analysed in worker
processes while this process writes, in file order. A pre-pass first finds each article's fullest copy (the same
post is often found whole on one archive page and cut short on another): only that copy is analysed. The database is written beside its target and
renamed over it only when complete.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import database
from .articles import fullness, identify, infer_years, parse_post
from .entities import EntityIndex, NewEntities, article_mentions, load_entities, provisional_id
from .errors import BuildError
from .model import Article, Post, Problem, ResolvedMention
from .places import find_places
from .posts import split_posts
from .publish import default_facets
from .quotes import Quote, find_quotes
from .reference import REFERENCE_DIR, Reference, load_reference
from .seeds import read_seed, seed_paths


@dataclass(frozen=True)
class BuildResult:
    seed_files: int
    posts: int
    articles: int
    problems: int
    skipped: tuple[Problem, ...] = ()  # the files that could not be read, one error each


@dataclass
class AnalysedFile:
    """One seed file through every pure stage. New names carry provisional entity ids."""

    path: Path
    posts: list[Post]  # every post, header only, with its article id
    articles: list[tuple[Article, list[ResolvedMention], list[Quote]]]
    new_names: dict[str, tuple[str, str]]  # provisional id -> (name, type)
    problems: list[Problem]
    unreadable: bool = False  # skipped: its one problem says why


def file_posts(path: Path, ref: Reference) -> tuple[list[Post], list[Problem], Problem | None]:
    """The posts of a seed file with their article ids, what splitting met, and why the file cannot be read."""
    try:
        seed = read_seed(path)
    except BuildError as e:
        return [], [], Problem(path.name, e.line, "error", f"{e.message}; file skipped")
    posts, problems = split_posts(seed, ref)
    return [identify(post, ref) for post in posts], [*seed.problems, *problems], None


def copies_in_file(path: Path, ref: Reference) -> list[tuple[str, tuple[int, int], int]]:
    """(article id, fullness, line) of every post of a file: the pre-pass that picks each article's fullest copy."""
    return [(post.article_id, fullness(post), post.line_start) for post in file_posts(path, ref)[0]]


def analyse_file(path: Path, ref: Reference, index: EntityIndex, chosen: frozenset[int], strict: bool = False
                 ) -> AnalysedFile:
    """Every pure stage over one seed file. Only the posts at the `chosen` lines (the fullest copy of their
    article) are searched for names and quotes; every post is parsed, as their dates help infer the file's
    missing years. A file that cannot be read is skipped with an error row, or stops the build when `strict`."""
    posts, problems, unreadable = file_posts(path, ref)
    if unreadable:
        if strict:
            raise BuildError(str(path.name), unreadable.message.removesuffix("; file skipped"), unreadable.line)
        return AnalysedFile(path, [], [], {}, [unreadable], True)
    articles, new_names = [], {}
    for article in infer_years([parse_post(post, ref) for post in posts]):
        if article.post.line_start not in chosen:
            continue
        article.post = article.post.header_only()  # the writer needs where it was found, not its lines again
        mentions, types = [], {}
        for m in article_mentions(article, index, ref):
            found = m.found
            if found.entity_id:
                entity_id, types[found.entity_id] = found.entity_id, index.entities[found.entity_id].type
            else:
                entity_id = provisional_id(found.new_name)
                new_names.setdefault(entity_id, (found.new_name, found.new_type))
                types[entity_id] = found.new_type
            mentions.append(ResolvedMention(entity_id, m.field, m.caption, found.surface, found.start, found.end))
        articles.append((article, mentions, find_quotes(article.body, mentions, types, ref.speech, index.governments)))
    return AnalysedFile(path, [post.header_only() for post in posts], articles, new_names, problems)


def fullest_copies(copies: Iterable[tuple[Path, list[tuple[str, tuple[int, int], int]]]]) -> dict[str, frozenset[int]]:
    """For each file, the lines of the posts that are their article's fullest copy (the first, on a tie)."""
    best: dict[str, tuple[tuple[int, int], str, int]] = {}
    for path, rows in copies:
        for article_id, size, line in rows:
            if article_id not in best or size > best[article_id][0]:
                best[article_id] = (size, path.name, line)
    chosen: dict[str, set[int]] = defaultdict(set)
    for _, name, line in best.values():
        chosen[name].add(line)
    return {name: frozenset(lines) for name, lines in chosen.items()}


_worker: tuple[Reference, EntityIndex, bool] | None = None  # set before the pool forks: workers inherit it


def _copies_in_worker(path: Path) -> list[tuple[str, tuple[int, int], int]]:
    return copies_in_file(path, _worker[0])


def _analyse_in_worker(task: tuple[Path, frozenset[int]]) -> AnalysedFile:
    ref, index, strict = _worker
    return analyse_file(task[0], ref, index, task[1], strict)


def analysed_files(paths: list[Path], ref: Reference, index: EntityIndex, strict: bool) -> Iterator[AnalysedFile]:
    """The files analysed in order, in worker processes when there are several files and cores: first the
    pre-pass that finds each article's fullest copy, then the analysis of those copies."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < 4 or workers < 2:
        chosen = fullest_copies((path, copies_in_file(path, ref)) for path in paths)
        yield from (analyse_file(path, ref, index, chosen.get(path.name, frozenset()), strict) for path in paths)
        return
    global _worker
    _worker = (ref, index, strict)  # loaded once; forked workers share it instead of loading it again
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        chosen = fullest_copies(zip(paths, pool.imap(_copies_in_worker, paths, chunksize=4)))
        tasks = [(path, chosen.get(path.name, frozenset())) for path in paths]
        yield from pool.imap(_analyse_in_worker, tasks, chunksize=1)


def link_new_names(analysed: AnalysedFile, new_entities: NewEntities) -> set[str]:
    """Replace provisional ids with the ids of the build's registry of new names; return those ids."""
    ids = {pid: new_entities.resolve(name, kind) for pid, (name, kind) in analysed.new_names.items()}
    for k, (article, mentions, quotes) in enumerate(analysed.articles):
        mentions = [dataclasses.replace(m, entity_id=ids[m.entity_id]) if m.entity_id in ids else m for m in mentions]
        quotes = [dataclasses.replace(q, speaker_entity_id=ids[q.speaker_entity_id]) if q.speaker_entity_id in ids
                  else q for q in quotes]
        analysed.articles[k] = (article, mentions, quotes)
    return set(ids.values())


def remove_stale_temporaries(out: Path) -> None:
    """Temporary databases left by builds that were killed (their process is gone)."""
    for path in out.parent.glob(f".{out.name}.*.tmp"):
        pid = path.name.removeprefix(f".{out.name}.").removesuffix(".tmp")
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            path.unlink(missing_ok=True)


def build(seeds_dir: Path, out: Path, reference_dir: Path = REFERENCE_DIR, strict: bool = False,
          on_file: Callable[[Path], None] | None = None) -> BuildResult:
    """Build the database at `out` from the pages in `seeds_dir` and the reference data in `reference_dir`.
    It is written beside `out` and renamed over it only when complete. A page that cannot be read is skipped
    (an error row in `problems`), or, when `strict`, stops the build with the old db untouched."""
    seeds_dir, out = Path(seeds_dir), Path(out)
    if not seeds_dir.is_dir():
        raise BuildError(str(seeds_dir), "seeds folder not found")
    ref = load_reference(reference_dir)
    paths = seed_paths(seeds_dir)
    if not paths:
        raise BuildError(str(seeds_dir), "no seed files (*.txt) in the folder")
    if not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
        raise BuildError(str(out), "cannot write the database: its folder is missing or not writable")
    remove_stale_temporaries(out)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        try:
            db = sqlite_utils.Database(temporary, recreate=True)
        except (OSError, sqlite3.Error) as e:
            raise BuildError(str(out), f"cannot write the database: {e}") from None
        database.prepare_for_bulk_writes(db)
        database.ensure_db_shape(db, indexes=False)
        database.start_staging(db)
        database.write_outlets(db, ref)
        index = load_entities(ref)
        new_entities = NewEntities(index)
        surfaces: dict[str, set[str]] = defaultdict(set)
        names = {e.id: e.name for e in index.entities.values()}
        posts, articles, skipped = 0, 0, []
        for analysed in analysed_files(paths, ref, index, strict):
            skipped += analysed.problems if analysed.unreadable else []
            linked = link_new_names(analysed, new_entities)
            names.update({i: new_entities.entities[i].name for i in linked if i not in names})
            for article, mentions, _ in analysed.articles:
                article.places = find_places(article, ref)  # here, so the gazetteer is held once, not per worker
                for m in mentions:
                    surfaces[m.entity_id].add(m.surface)
            database.write_seed_file(db, analysed.articles, analysed.problems, names)
            articles += len(analysed.articles)
            database.write_sources(db, analysed.posts)
            posts += len(analysed.posts)
            if on_file:
                on_file(analysed.path)
        database.load_staged(db)
        database.write_entities(db, [*index.entities.values(), *new_entities.entities.values()], surfaces)
        database.write_place_counts(db)
        database.write_statements(db)
        database.write_facet_counts(db, default_facets())
        database.finish(db)
        result = BuildResult(len(paths), posts, articles, db["problems"].count, tuple(skipped))
        db.close()
        os.replace(temporary, out)
        return result
    finally:
        temporary.unlink(missing_ok=True)
