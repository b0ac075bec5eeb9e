"""Text helpers shared by the stages: normalization, tokens, slugs, stable ids."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice

NON_BREAKING_SPACE = re.compile("[\u00a0\u2007\u202f]")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
SPACE_RUN = re.compile(r"[^\S\r\n]{2,}|[^\S\r\n ]")  # two or more spaces or tabs, or one tab: one space

TOKEN = re.compile(r"\w(?:[\w’'.-]*\w)?|[^\w\s]")
WORD = re.compile(r"\w(?:[\w’'.-]*\w)?")
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$|[\"”’')\]]*[.!?…]$")


def normalize(text: str) -> str:
    """NFC, one plain space for any run of spaces, tabs or non-breaking spaces, no zero-width characters. No
    pattern of the build ever sees two spaces in a row, so none can try every way of splitting a long run."""
    text = ZERO_WIDTH.sub("", NON_BREAKING_SPACE.sub(" ", unicodedata.normalize("NFC", text)))
    return SPACE_RUN.sub(" ", text)


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """A comparison key: lower case, no accents, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def speaker_key(name: str) -> str:
    """How a speaker's name is looked up: as written (case and all: "US", not "us"), no leading "the", no dots,
    single spaces ("The U.S." -> "US")."""
    return re.sub(r"^[Tt]he\s+", "", " ".join(name.split())).replace(".", "")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def has_words(text: str, n: int) -> bool:
    """Whether the text holds at least `n` words (it stops reading at the nth)."""
    return next(islice(WORD.finditer(text), n - 1, None), None) is not None


def tokens(text: str) -> list[re.Match[str]]:
    """Word and punctuation tokens, with their offsets."""
    return list(TOKEN.finditer(text))


def similarity(a: str, b: str) -> float:
    """How alike two headlines are, 0..1, by their folded words in order."""
    wa = [fold(w).replace(".", "") for w in words(a)]
    wb = [fold(w).replace(".", "") for w in words(b)]
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text.rstrip()))


def slug(text: str, max_length: int = 60) -> str:
    value = fold(text).replace("'", "")
    value = re.sub(r"[^a-z0-9]+", "-", value).strip("-")
    if len(value) > max_length:
        value = value[:max_length].rsplit("-", 1)[0]
    return value or "untitled"


def file_name_text(name: str) -> str:
    """A file name as text that SQLite and hashing take: bytes that are not UTF-8 (which the file system hands
    over as lone surrogates) shown as backslash escapes, "bad\\xff.txt". Any other name is returned as it is."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def stable_int_id(*parts: object) -> int:
    """An integer id from content, the same on every build; below 2**53 so JavaScript reads it exactly."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:7], "big") >> 4  # the first 13 hex digits
