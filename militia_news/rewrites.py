"""How the blog's headline differs from the original it rewrites: a word-level diff."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .model import Rewrite
from .text import fold, similarity, tokens

MIN_SIMILARITY = 0.3  # below this the blog wrote a new headline rather than rewriting one
SCRIPTURE_TAIL = re.compile(
    r"\s*[:,–—-]?\s*\(?\b(?:Revelation|Daniel|Ezekiel|Isaiah|Jeremiah|Zechariah|Joel|Matthew|Psalms?)"
    r"(?:\s+\d{1,3}(?::\d{1,3}(?:-\d{1,3})?)?)?\)?\s*$"
)


def span(text: str, toks: list[re.Match[str]], i: int, j: int) -> tuple[str, int]:
    if i == j:
        return "", (toks[i].start() if i < len(toks) else len(text))
    return text[toks[i].start(): toks[j - 1].end()], toks[i].start()


def split_scripture(original: str, rewritten: str, position: int, original_position: int) -> list[Rewrite]:
    """A replaced span that ends in a scripture reference is a label swap plus an appended reference."""
    m = SCRIPTURE_TAIL.search(rewritten)
    if not m or m.start() == 0:
        return [Rewrite(original, rewritten, position, original_position)]
    head = rewritten[: m.start()]
    return [Rewrite(original, head, position, original_position),
            Rewrite("", rewritten[m.start():], position + m.start(), original_position + len(original))]


def headline_rewrites(blog: str, original: str | None) -> tuple[tuple[Rewrite, ...], float | None]:
    """The spans where the blog headline departs from the original, and how alike the two are."""
    if not original:
        return (), None
    score = round(similarity(blog, original), 3)
    if score < MIN_SIMILARITY:
        return (), score
    blog_tokens, original_tokens = tokens(blog), tokens(original)
    matcher = SequenceMatcher(
        None,
        [fold(t.group()).replace(".", "") for t in original_tokens],
        [fold(t.group()).replace(".", "") for t in blog_tokens],
        autojunk=False,
    )
    rewrites: list[Rewrite] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before, original_position = span(original, original_tokens, i1, i2)
        after, position = span(blog, blog_tokens, j1, j2)
        rewrites.extend(split_scripture(before, after, position, original_position))
    return tuple(rewrites), score
