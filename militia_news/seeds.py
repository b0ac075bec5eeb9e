"""Stage 1, read seeds: the seed files of a folder, each read one line at a time into normalized lines."""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import BuildError
from .model import Line, Problem, SeedFile
from .text import normalize

def seed_files(seeds_dir: Path) -> tuple[list[Path], list[BuildError]]:
    """The seed text files of a folder, by name, and why each other `*.txt` entry is no seed file: never opened,
    as a directory, a named pipe (opening it would wait for a writer), a broken link or a link out of the folder."""
    paths, not_seeds = [], []
    for path in sorted(seeds_dir.glob("*.txt")):
        reason = why_not_a_seed_file(path, seeds_dir)
        if reason:
            not_seeds.append(BuildError(path.name, reason))
        else:
            paths.append(path)
    return paths, not_seeds


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed text files of a folder, by name."""
    return seed_files(seeds_dir)[0]


def why_not_a_seed_file(path: Path, seeds_dir: Path) -> str | None:
    """Why an entry of the seeds folder is not read as a seed file, if it is not one."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a symbolic link loop"
        if e.errno == errno.ENOENT and path.is_symlink():
            return "a broken symbolic link (what it points to does not exist)"
        return f"cannot read it: {e.strerror or e}"
    if path.is_symlink() and not path.resolve().is_relative_to(seeds_dir.resolve()):
        return "a symbolic link that leads out of the seeds folder; not followed"
    if stat.S_ISDIR(mode):
        return "a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a socket or a device)"
    return None


def open_seed(path: Path) -> BinaryIO:
    """A seed file opened for reading; never waits on a named pipe put in its place since it was listed."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise BuildError(path.name, "not a regular file")
    return os.fdopen(fd, "rb")


def raw_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a byte stream, one at a time, split at \\r\\n, \\r or \\n (without a last empty line)."""
    for raw in stream:
        if raw.endswith(b"\n"):
            raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
        yield from raw.split(b"\r")


def byte_lines(name: str, stream: BinaryIO) -> Iterator[tuple[str, bool]]:
    """Each line of an 8-bit stream decoded on its own: UTF-8, else Windows-1252 (Latin-1 where that fails);
    with whether it was not UTF-8. A NUL byte is binary data, not text."""
    for number, raw in enumerate(raw_lines(stream), 1):
        if b"\x00" in raw:
            raise BuildError(name, "binary data (NUL byte), not a text seed file", number)
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            yield raw.decode("utf-8"), False
        except UnicodeDecodeError:
            try:
                yield raw.decode("cp1252"), True
            except UnicodeDecodeError:
                yield raw.decode("latin-1"), True


def utf16_lines(name: str, stream: BinaryIO) -> Iterator[tuple[str, bool]]:
    """The lines of a UTF-16 stream (with BOM), split at \\r\\n, \\r or \\n."""
    try:
        yield from ((line, False) for line in io.TextIOWrapper(stream, encoding="utf-16", newline=""))
    except UnicodeDecodeError as e:
        raise BuildError(name, f"not valid UTF-16: {e.reason}") from None


def read_lines(path: Path) -> Iterator[Line | Problem]:
    """Every line of a seed file (normalized, its end stripped), numbered from 1, read one at a time, and what
    decoding met: UTF-8 (with or without BOM), or UTF-16 with BOM; a line that is not UTF-8 is read as
    Windows-1252, with a warning naming it. A file that cannot be read raises BuildError (naming the line)."""
    holds_text = False
    try:
        with open_seed(path) as stream:
            utf16 = stream.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            lines = utf16_lines(path.name, stream) if utf16 else byte_lines(path.name, stream)
            for number, (text, not_utf8) in enumerate(lines, 1):
                if not_utf8:
                    yield Problem(path.name, number, "warning",
                                  "not valid UTF-8; read the line as Windows-1252/Latin-1")
                line = Line(number, normalize(text).rstrip())
                holds_text = holds_text or bool(line.text.strip())
                yield line
    except OSError as e:
        raise BuildError(str(path), f"cannot read seed file: {e.strerror or e}") from None
    if not holds_text:
        yield Problem(path.name, None, "warning", "the file holds no text; no posts read from it")


def read_seed(path: Path) -> SeedFile:
    """A whole seed file at once (the build streams it: `read_lines`)."""
    items = list(read_lines(path))
    return SeedFile(path.name, tuple(item.text for item in items if isinstance(item, Line)),
                    tuple(item for item in items if isinstance(item, Problem)))
