"""The whole pipeline: read seeds → split posts → parse articles → find entities → find quotes → write db.

Every stage up to the writer is a pure function of one seed file, which is read as a stream and handed on in
chunks of posts, so no process ever holds a whole file. Files are analysed in worker processes while this process
writes, in file order. A pre-pass first finds each article's fullest copy (the same post is often found whole on one
archive page and cut short on another): only that copy is analysed. The database is written beside its target and
renamed over it only when complete. Each file's analysis is cached beside the db, so a rebuild analyses only what
changed (cache.py).
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import pickle
import shutil
import signal
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import sqlite_utils

from . import database
from .cache import AnalysisCache, file_key, fingerprint
from .articles import fullness, identify, infer_years, parse_post
from .extract.names import EntityIndex, NewEntities, load_entities
from .errors import BuildError
from .extract import analyse_text, stage
from .model import Article, Post, Problem, ResolvedMention
from .places import find_places, load_gazetteer
from .posts import split_lines
from .publish import default_facets
from .extract.quotes import Quote
from .reference import REFERENCE_DIR, Reference, load_reference
from .seeds import read_lines, seed_files

CHUNK_POSTS = 100  # posts handed to the writer at a time: all a process holds of a file
EXTRACTION_BUDGET = 5.0  # seconds one article's names and quotes may take; a runaway pattern is cut short


@dataclass(frozen=True)
class BuildResult:
    seed_files: int
    posts: int
    articles: int
    problems: int
    skipped: tuple[Problem, ...] = ()  # the files and entries that could not be read, one error each
    stage_cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage, over every process
    cached_files: int = 0  # files whose analysis came from the cache


@dataclass(frozen=True)
class FileCopies:
    """What the pre-pass keeps of a seed file: (article id, fullness, line) of each post, or why it cannot be read."""

    copies: list[tuple[str, tuple[int, int], int]]
    unreadable: BuildError | None = None


@dataclass
class AnalysedChunk:
    """Up to CHUNK_POSTS posts of one seed file through every pure stage. New names carry provisional entity ids."""

    path: Path
    posts: list[Post] = field(default_factory=list)  # every post, header only, with its article id
    articles: list[tuple[Article, list[ResolvedMention], list[Quote]]] = field(default_factory=list)
    new_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # provisional id -> (name, type)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # the file is skipped: its one problem says why
    last: bool = False  # the file's last chunk
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds each stage took on these posts
    cached: bool = False  # taken from the cache, not analysed by this build

    def add(self, article: Article, mentions: list[ResolvedMention], quotes: list[Quote],
            new_names: dict[str, tuple[str, str]]) -> None:
        self.articles.append((article, mentions, quotes))
        for provisional, name in new_names.items():
            self.new_names.setdefault(provisional, name)


class OverBudget(Exception):
    """An article's names and quotes took longer than EXTRACTION_BUDGET to find."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the block once `seconds` have passed (`re` checks for signals as it matches). Only in
    the main thread, where signals are handled; the previous SIGALRM handler and timer are restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise OverBudget

    outer_timer = signal.getitimer(signal.ITIMER_REAL)
    outer_handler = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler or signal.SIG_DFL)
        if outer_timer[0]:  # it goes on with what was left of it (and still fires if that ran out meanwhile)
            signal.setitimer(signal.ITIMER_REAL, max(outer_timer[0] - (time.monotonic() - started), 1e-6),
                             outer_timer[1])


def file_posts(path: Path, ref: Reference, posts: Path | None = None) -> Iterator[Post | Problem]:
    """The posts of a seed file with their article ids, as it is read, and what reading and splitting met; from
    `posts`, the pre-pass's record of them, when it has one. Raises BuildError if the file cannot be read."""
    if posts and posts.is_file():
        yield from unpickled(posts)
        return
    for item in split_lines(path.name, read_lines(path), ref):
        yield identify(item, ref) if isinstance(item, Post) else item


def unpickled(path: Path) -> Iterator:
    """The objects pickled one after another in a file, one at a time."""
    with path.open("rb") as f:
        while f.peek(1):
            yield pickle.load(f)


def copies_in_file(path: Path, ref: Reference, posts: Path | None = None) -> FileCopies:
    """(article id, fullness, line) of every post of a file: the pre-pass that picks each article's fullest copy.
    With `posts`, what it split (posts and problems) is written there, so the analysis need not split it again."""
    found = []
    try:
        with posts.open("wb") if posts else nullcontext() as out:
            for item in file_posts(path, ref):
                if out:
                    pickle.dump(item, out, pickle.HIGHEST_PROTOCOL)
                if isinstance(item, Post):
                    found.append((item.article_id, fullness(item), item.line_start))
    except BuildError as e:
        return FileCopies([], e)
    return FileCopies(found)


def published_dates(path: Path, ref: Reference, posts: Path | None = None) -> list[date]:
    """The dates the posts of a file state with their year: what a date without one takes its year from."""
    articles = (parse_post(post, ref) for post in file_posts(path, ref, posts) if isinstance(post, Post))
    return [date.fromisoformat(a.published) for a in articles if a.published and not a.published_inferred]


def skipped_file(path: Path, error: BuildError, strict: bool) -> AnalysedChunk:
    """A file that cannot be read: its error row, or the build stops when `strict`."""
    if strict:
        raise BuildError(path.name, error.message, error.line)
    return AnalysedChunk(path, problems=[Problem(path.name, error.line, "error", f"{error.message}; file skipped")],
                         unreadable=True, last=True)


def analyse_article(post: Post, index: EntityIndex, ref: Reference, dated: Callable[[], list[date]],
                    cpu: dict[str, float]) -> tuple[Article, list[ResolvedMention], list[Quote], dict[str, tuple[str, str]]]:
    """A post parsed (a date without its year takes the year nearest `dated()`, the file's dates), with its names
    and quotes, and its new names. Names and quotes that take longer than EXTRACTION_BUDGET to find are left out."""
    with stage(cpu, "parse article"):
        article = parse_post(post, ref)
        if article.undated_day:
            [article] = infer_years([article], dated())
    with stage(cpu, "find places"):
        article.places = find_places(article, ref)
    article.post = article.post.header_only()  # the writer needs where it was found, not its lines again
    try:
        with time_budget(EXTRACTION_BUDGET):
            return article, *analyse_text(article, index, ref, cpu)
    except OverBudget:
        article.problems.append(Problem(post.seed_file, post.line_start, "warning", f"finding names and quotes took "
                                        f"over {EXTRACTION_BUDGET:g} s; the article is kept without them"))
        return article, [], [], {}


def analyse_file(path: Path, ref: Reference, index: EntityIndex, chosen: frozenset[int],
                 unreadable: BuildError | None = None, strict: bool = False, posts: Path | None = None
                 ) -> Iterator[AnalysedChunk]:
    """Every pure stage over one seed file as it is read (or over `posts`, the pre-pass's record of it), in chunks
    of CHUNK_POSTS posts. Only the posts at the `chosen` lines (the fullest copy of their article) are analysed. A
    file that cannot be read (`unreadable`: as the pre-pass found it) is skipped with an error row, or stops the
    build when `strict`."""
    if unreadable:
        yield skipped_file(path, unreadable, strict)
        return
    chunk = AnalysedChunk(path)
    dated = cache(lambda: published_dates(path, ref, posts))  # read only for a date without its year
    try:
        for item in file_posts(path, ref, posts):
            if isinstance(item, Problem):
                chunk.problems.append(item)
                continue
            chunk.posts.append(item.header_only())
            if item.line_start in chosen:
                chunk.add(*analyse_article(item, index, ref, dated, chunk.cpu))
            if len(chunk.posts) == CHUNK_POSTS:
                yield chunk
                chunk = AnalysedChunk(path)
    except BuildError as e:  # the file changed since the pre-pass
        yield skipped_file(path, e, strict)
        return
    chunk.last = True
    yield chunk


def fullest_copies(files: Iterable[tuple[Path, FileCopies]]) -> dict[str, frozenset[int]]:
    """For each file, the lines of the posts that are their article's fullest copy (the first, on a tie)."""
    best: dict[str, tuple[tuple[int, int], str, int]] = {}
    for path, found in files:
        for article_id, size, line in found.copies:
            if article_id not in best or size > best[article_id][0]:
                best[article_id] = (size, path.name, line)
    chosen: dict[str, set[int]] = defaultdict(set)
    for _, name, line in best.values():
        chosen[name].add(line)
    return {name: frozenset(lines) for name, lines in chosen.items()}


@dataclass(frozen=True)
class FileTask:
    """One seed file on its way through the workers: its cache key (None if it cannot be read), where the
    pre-pass records its posts, and where its analysed chunks are spilled."""

    path: Path
    key: str | None
    posts: Path
    spill: Path


def prepass(task: FileTask, ref: Reference, analyses: AnalysisCache) -> tuple[FileCopies, float]:
    """A file's pre-pass, from the cache when it holds the file, and the CPU seconds it took."""
    started = time.process_time()
    found = analyses.copies(task.key) if task.key else None
    if found is None:
        found = copies_in_file(task.path, ref, task.posts)
        if task.key and not found.unreadable:
            analyses.store_copies(task.key, found)
    return found, time.process_time() - started


def analysis(task: FileTask, chosen: frozenset[int], unreadable: BuildError | None, ref: Reference,
             index: EntityIndex, strict: bool, analyses: AnalysisCache) -> tuple[Path, bool]:
    """(file of a file's analysed chunks, whether it is the cache's): from the cache when it analysed the same
    copies, else analysed now, spilled chunk by chunk (neither the worker nor the writer holds a whole file) and
    cached."""
    cached = analyses.chunks(task.key, chosen) if task.key and not unreadable else None
    if cached:
        return cached, True
    with task.spill.open("wb") as out:
        for chunk in analyse_file(task.path, ref, index, chosen, unreadable, strict, task.posts):
            pickle.dump(chunk, out, pickle.HIGHEST_PROTOCOL)
    task.posts.unlink(missing_ok=True)
    if task.key and not unreadable:
        analyses.store_chunks(task.key, chosen, task.spill)
    return task.spill, False


_worker: tuple[Reference, EntityIndex, bool, AnalysisCache] | None = None  # set before the pool forks


def _prepass_in_worker(task: FileTask) -> tuple[FileCopies, float]:
    ref, _, _, analyses = _worker
    return prepass(task, ref, analyses)


def _analyse_in_worker(job: tuple[FileTask, frozenset[int], BuildError | None]) -> tuple[Path, bool]:
    ref, index, strict, analyses = _worker
    return analysis(*job, ref, index, strict, analyses)


def spilled_chunks(path: Path, spill: Path, cached: bool) -> Iterator[AnalysedChunk]:
    """The chunks of a file, one at a time, from a spill (removed once read) or the cache (kept)."""
    chunks = unpickled(spill)
    if cached:
        next(chunks)  # the cached entry's header: the lines it analysed
    for chunk in chunks:
        chunk.path = path  # the folder may have moved since the entry was cached
        if cached:
            chunk.cpu, chunk.cached = {}, True  # not this build's work
        yield chunk
    if not cached:
        spill.unlink()


def file_tasks(paths: list[Path], spills: Path) -> list[FileTask]:
    tasks = []
    for i, path in enumerate(paths):
        try:
            key = file_key(path)
        except OSError:
            key = None  # the pre-pass says why it cannot be read
        tasks.append(FileTask(path, key, spills / f"{i}.posts", spills / f"{i}.chunks"))
    return tasks


def analysed_files(paths: list[Path], ref: Reference, index: EntityIndex, strict: bool, spills: Path,
                   analyses: AnalysisCache, cpu: dict[str, float]) -> Iterator[AnalysedChunk]:
    """The files analysed in order, chunk by chunk, in worker processes when there are several files and cores
    (their chunks pass through files in the folder `spills`): first the pre-pass that finds each article's fullest
    copy, then the analysis of those copies. Files the cache holds are neither split nor analysed again. The
    pre-pass's CPU seconds are added to `cpu` (each chunk carries those of its analysis)."""
    spills.mkdir(exist_ok=True)
    tasks = file_tasks(paths, spills)
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < 4 or workers < 2:
        prepasses = [prepass(task, ref, analyses) for task in tasks]
        found = [copies for copies, _ in prepasses]
        cpu["read and split"] = sum(seconds for _, seconds in prepasses)
        for task, chosen, copies in zip(tasks, chosen_lines(paths, found), found):
            spill, cached = analysis(task, chosen, copies.unreadable, ref, index, strict, analyses)
            yield from spilled_chunks(task.path, spill, cached)
    else:
        global _worker
        _worker = (ref, index, strict, analyses)  # loaded once; forked workers share it instead of loading it again
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            prepasses = list(pool.imap(_prepass_in_worker, tasks, chunksize=4))
            found = [copies for copies, _ in prepasses]
            cpu["read and split"] = sum(seconds for _, seconds in prepasses)
            jobs = [(task, chosen, f.unreadable) for task, chosen, f in zip(tasks, chosen_lines(paths, found), found)]
            for task, (spill, cached) in zip(tasks, pool.imap(_analyse_in_worker, jobs, chunksize=1)):
                yield from spilled_chunks(task.path, spill, cached)
    analyses.keep_only({task.key for task in tasks if task.key})


def chosen_lines(paths: list[Path], found: list[FileCopies]) -> list[frozenset[int]]:
    """For each file, from the pre-pass: the lines of the posts to analyse."""
    chosen = fullest_copies(zip(paths, found))
    return [chosen.get(path.name, frozenset()) for path in paths]


def link_new_names(analysed: AnalysedChunk, new_entities: NewEntities) -> set[str]:
    """Replace provisional ids with the ids of the build's registry of new names; return those ids."""
    ids = {pid: new_entities.resolve(name, kind) for pid, (name, kind) in analysed.new_names.items()}
    for k, (article, mentions, quotes) in enumerate(analysed.articles):
        mentions = [dataclasses.replace(m, entity_id=ids[m.entity_id]) if m.entity_id in ids else m for m in mentions]
        quotes = [dataclasses.replace(q, speaker_entity_id=ids[q.speaker_entity_id]) if q.speaker_entity_id in ids
                  else q for q in quotes]
        analysed.articles[k] = (article, mentions, quotes)
    return set(ids.values())


def cache_folder(out: Path, reference_dir: Path) -> Path:
    """Where the analysis cache of the db at `out` is kept: beside it, in a folder per fingerprint."""
    return out.with_name(f".{out.name}.cache") / fingerprint(reference_dir)


def remove_stale_temporaries(out: Path) -> None:
    """Temporary databases and chunk folders left by builds that were killed (their process is gone)."""
    for path in out.parent.glob(f".{out.name}.*.tmp"):
        pid = path.name.removeprefix(f".{out.name}.").removesuffix(".tmp").removesuffix(".chunks")
        if not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def build(seeds_dir: Path, out: Path, reference_dir: Path = REFERENCE_DIR, strict: bool = False,
          on_file: Callable[[Path], None] | None = None, full: bool = False) -> BuildResult:
    """Build the database at `out` from the pages in `seeds_dir` and the reference data in `reference_dir`.
    It is written beside `out` and renamed over it only when complete. A page that cannot be read, or an entry
    that is no page (a directory, a pipe, a link out of the folder), is skipped (an error row in `problems`), or,
    when `strict`, stops the build with the old db untouched. Files analysed by an earlier build into the same
    `out`, with the same code and reference data, are taken from its cache (cache.py) unless `full`."""
    seeds_dir, out = Path(seeds_dir), Path(out)
    if not seeds_dir.is_dir():
        raise BuildError(str(seeds_dir), "seeds folder not found")
    cpu: dict[str, float] = {}
    with stage(cpu, "load reference"):
        ref = load_reference(reference_dir)
    paths, not_seeds = seed_files(seeds_dir)
    if not paths and not not_seeds:
        raise BuildError(str(seeds_dir), "no seed files (*.txt) in the folder")
    if strict and not_seeds:
        raise not_seeds[0]
    if not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
        raise BuildError(str(out), "cannot write the database: its folder is missing or not writable")
    remove_stale_temporaries(out)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    spills = out.with_name(f".{out.name}.{os.getpid()}.chunks.tmp")
    try:
        try:
            db = sqlite_utils.Database(temporary, recreate=True)
        except (OSError, sqlite3.Error) as e:
            raise BuildError(str(out), f"cannot write the database: {e}") from None
        database.prepare_for_bulk_writes(db)
        database.ensure_db_shape(db, indexes=False)
        database.start_staging(db)
        database.write_outlets(db, ref)
        with stage(cpu, "load reference"):
            index = load_entities(ref)
            load_gazetteer()  # before the workers fork: they share it
        gc.freeze()  # the reference data lasts the whole build: the collector never scans it again, workers share it
        new_entities = NewEntities(index)
        surfaces: dict[str, set[str]] = defaultdict(set)
        names = {e.id: e.name for e in index.entities.values()}
        skipped = [Problem(e.path, None, "error", f"skipped: {e.message}") for e in not_seeds]
        database.write_seed_file(db, [], skipped, names)
        posts, articles, cached = 0, 0, 0
        analyses = AnalysisCache(cache_folder(out, reference_dir), read=not full)
        with closing(analysed_files(paths, ref, index, strict, spills, analyses, cpu)) as chunks:  # on a failure, workers stop now
            for chunk in chunks:
                for name, seconds in chunk.cpu.items():
                    cpu[name] = cpu.get(name, 0.0) + seconds
                skipped += chunk.problems if chunk.unreadable else []
                with stage(cpu, "write db"):
                    linked = link_new_names(chunk, new_entities)
                    names.update({i: new_entities.entities[i].name for i in linked if i not in names})
                with stage(cpu, "write db"):
                    for _, mentions, _ in chunk.articles:
                        for m in mentions:
                            surfaces[m.entity_id].add(m.surface)
                    database.write_seed_file(db, chunk.articles, chunk.problems, names)
                    database.write_sources(db, chunk.posts)
                articles += len(chunk.articles)
                posts += len(chunk.posts)
                cached += chunk.cached and chunk.last
                if chunk.last and on_file:
                    on_file(chunk.path)
        with stage(cpu, "write db"):
            database.load_staged(db)
            database.write_entities(db, [*index.entities.values(), *new_entities.entities.values()], surfaces)
            database.write_place_counts(db)
            database.write_statements(db)
            database.write_facet_counts(db, default_facets())
            database.finish(db)
        result = BuildResult(len(paths), posts, articles, db["problems"].count, tuple(skipped), cpu, cached)
        db.close()
        os.replace(temporary, out)
        return result
    finally:
        temporary.unlink(missing_ok=True)
        shutil.rmtree(spills, ignore_errors=True)
