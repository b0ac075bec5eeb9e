"""The analysis cache beside the db: what the pure stages made of each seed file, so that a rebuild analyses only
the files that are new or changed; and the world data the build derives from installed libraries (given names,
the gazetteer), remembered per user.

An entry is keyed by a file's name and content (SHA-256), in a folder named by the fingerprint of everything else
the analysis depends on: the package's code and data, the reference folder, Python and the libraries' versions.
Any change of those starts a new folder. An entry holds the file's pre-pass (its posts' article ids and fullness)
and its analysed chunks, with the lines of the copies they analysed: when another file now holds a fuller copy of
one of its articles, the file is analysed again. A build keeps the entries it used and removes the rest.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import shutil
import sys
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import Any, TypeVar

PACKAGE = Path(__file__).resolve().parent
HASHED_SUFFIXES = {".py", ".yml", ".yaml", ".json", ".txt", ".csv"}


def folder_digest(folder: Path, digest) -> None:
    """Feed every data or code file under `folder` (its path and bytes) to `digest`, in a fixed order."""
    for path in sorted(p for p in folder.rglob("*") if p.suffix in HASHED_SUFFIXES and p.is_file()
                       and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")


@cache
def code_fingerprint() -> bytes:
    """The package's code and data, Python's version and the installed versions of the package's dependencies."""
    digest = hashlib.sha256(sys.version.encode())
    folder_digest(PACKAGE, digest)
    for requirement in importlib.metadata.requires("militia-news") or ():
        name = requirement.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip()
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            pass  # an extra's dependency that is not installed
    return digest.digest()


def fingerprint(reference_dir: Path) -> str:
    """What the analysis of a file depends on besides the file: the code and the reference folder."""
    digest = hashlib.sha256(code_fingerprint())
    folder_digest(Path(reference_dir), digest)
    return digest.hexdigest()[:20]


T = TypeVar("T")


def user_cache_folder() -> Path:
    """Where world data is remembered: $XDG_CACHE_HOME (or ~/.cache)/militia-news/<code fingerprint>."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "militia-news" / code_fingerprint().hex()[:20]


def remembered(build: Callable[[], T]) -> Callable[[], T]:
    """A function of the installed code and libraries alone, computed once per process and once per installation:
    its value is pickled in the user's cache (a cache that cannot be written is done without)."""
    @cache
    @wraps(build)
    def value() -> T:
        path = user_cache_folder() / f"{build.__module__}.{build.__name__}.pickle"
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
        found = build()
        try:
            if not path.parent.is_dir():  # a new installation: the folders of earlier ones go
                for other in path.parent.parent.glob("*"):
                    shutil.rmtree(other, ignore_errors=True)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, lambda f: pickle.dump(found, f, pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
        return found
    return value


def file_key(path: Path) -> str:
    """A seed file's name and content, hashed: the file's entry in the cache."""
    digest = hashlib.sha256(path.name.encode("utf-8", "surrogateescape") + b"\0")
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def write_atomically(path: Path, write) -> None:
    """Write a file beside `path` with `write(file)`, then rename it over `path`: no reader sees half of it."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb") as f:
            write(f)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class AnalysisCache:
    """The entries of one fingerprint's folder. `folder=None` caches nothing (a build outside any cache)."""

    def __init__(self, folder: Path | None, read: bool = True):
        self.folder = folder
        self.read = read  # False: a full build, which writes every entry afresh
        if folder:
            folder.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str, kind: str) -> Path:
        return self.folder / f"{key}.{kind}.pickle"

    def copies(self, key: str) -> Any | None:
        """A file's pre-pass, if cached."""
        path = self.folder and self._path(key, "copies")
        if not (self.read and path and path.is_file()):
            return None
        with path.open("rb") as f:
            return pickle.load(f)

    def store_copies(self, key: str, copies: Any) -> None:
        if self.folder:
            write_atomically(self._path(key, "copies"), lambda f: pickle.dump(copies, f, pickle.HIGHEST_PROTOCOL))

    def chunks(self, key: str, chosen: frozenset[int]) -> Path | None:
        """The file of a file's analysed chunks (after its header, the lines analysed), if they analysed `chosen`."""
        path = self.folder and self._path(key, "chunks")
        if not (self.read and path and path.is_file()):
            return None
        with path.open("rb") as f:
            return path if pickle.load(f) == chosen else None

    def store_chunks(self, key: str, chosen: frozenset[int], spill: Path) -> None:
        """Keep a file's analysed chunks (as the worker spilled them) under its key, `chosen` first."""
        if self.folder:
            def write(f):
                pickle.dump(chosen, f, pickle.HIGHEST_PROTOCOL)
                with spill.open("rb") as chunks:
                    shutil.copyfileobj(chunks, f)
            write_atomically(self._path(key, "chunks"), write)

    def keep_only(self, keys: set[str]) -> None:
        """Remove the entries of other files and the folders of other fingerprints."""
        if not self.folder:
            return
        for path in self.folder.iterdir():
            if path.name.split(".", 1)[0] not in keys:
                path.unlink(missing_ok=True)
        for other in self.folder.parent.iterdir():
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
