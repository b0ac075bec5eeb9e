"""Stage 1, read seeds: decode a seed file into normalized lines."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import BuildError
from .model import Problem, SeedFile
from .text import normalize

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed text files of a folder, by name."""
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())


def decode(name: str, data: bytes) -> tuple[str, list[Problem]]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1 with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as e:
            raise BuildError(name, f"not valid UTF-16: {e.reason}") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BuildError(name, "binary data (NUL byte), not a text seed file", line)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problem = Problem(name, line, "warning", "not valid UTF-8; read the file as Windows-1252/Latin-1")
        try:
            return data.decode("cp1252"), [problem]
        except UnicodeDecodeError:
            return data.decode("latin-1"), [problem]


def read_seed(path: Path) -> SeedFile:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BuildError(str(path), f"cannot read seed file: {e.strerror or e}") from None
    text, problems = decode(path.name, data)
    lines = tuple(line.rstrip() for line in LINE_BREAK.split(normalize(text)))
    if not any(line.strip() for line in lines):
        problems.append(Problem(path.name, None, "warning", "the file holds no text; no posts read from it"))
    return SeedFile(path.name, lines, tuple(problems))
