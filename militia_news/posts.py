"""Stage 2, split posts: find where each blog post starts in a seed file.

A post starts at the blog's own headline: a short, headline-like line that
opens a block and either carries one of the blog's prophetic labels
(labels.yml in the reference data) or is followed closely by a near copy of itself, the
original headline it rewrites, or directly by a title under its picture. The original headline never starts a post.
A page may cut a post after its headline: a title-case title alone between a paragraph and the next post's
headline is such a post.

Whether a line starts a post depends on the HEADER_REACH lines after it at most, so a file is split as it is read:
a post is handed on once the next one starts, and only its lines and those few are held.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import Line, Post, Problem, SeedFile
from .reference import Reference
from .text import similarity

HEADER_REACH = 5  # how many lines after a blog headline its original headline may stand
PARTNER_SIMILARITY = 0.3  # a labelled headline's original: at least this alike
UNLABELLED_SIMILARITY = 0.6  # an unlabelled headline needs a closer copy to count as the blog's


class Window:
    """The non-blank lines of a file (stripped) as they are read, indexed from the file's first: the lines
    before `start` are let go. Problems met reading them wait in `problems`."""

    def __init__(self, lines: Iterable[Line | Problem]):
        self.source = iter(lines)
        self.held: list[Line] = []
        self.start = 0
        self.first_number: int | None = None  # the number of the file's first non-blank line
        self.problems: list[Problem] = []

    def __len__(self) -> int:
        """How many non-blank lines were read so far."""
        return self.start + len(self.held)

    def __getitem__(self, k: int) -> Line:
        return self.held[k - self.start]

    def span(self, start: int, end: int) -> tuple[Line, ...]:
        return tuple(self.held[start - self.start:end - self.start])

    def read_to(self, k: int) -> None:
        """Read on until line k is held or the file ends."""
        while len(self) <= k:
            item = next(self.source, None)
            if item is None:
                return
            if isinstance(item, Problem):
                self.problems.append(item)
            elif text := item.text.strip():
                self.held.append(Line(item.number, text))
                self.first_number = self.first_number or item.number

    def let_go_before(self, k: int) -> None:
        if k > self.start:
            del self.held[:k - self.start]
            self.start = k


def opens_block(lines: Window, k: int) -> bool:
    """Whether lines[k] is the file's first non-blank line or follows a blank one."""
    return k == 0 or lines[k - 1].number + 1 < lines[k].number


def near_copy(lines: Window, k: int, threshold: float, ref: Reference) -> int | None:
    """Index of the headline-like line after lines[k], within reach, most like it (if alike enough). A line
    carrying one of the blog's labels is the blog's own headline, never an original one."""
    best, best_score = None, threshold
    for j in range(k + 1, min(k + 1 + HEADER_REACH, len(lines))):
        candidate = lines[j].text
        if candidate == lines[k].text or not ref.lines.is_headline_like(candidate) or ref.labels.search(candidate):
            continue
        score = similarity(ref.lines.without_glued_junk(lines[k].text), ref.lines.without_glued_junk(candidate))
        if score >= best_score:
            best, best_score = j, score
    return best


def pictured_title(lines: Window, k: int, ref: Reference) -> int | None:
    """Index of the line after lines[k] if it is a title under its picture, the image's file name glued before
    it ("nuketerror-300x198GOP: We’re A Nation…"): the copied article's headline, below the blog's."""
    if k + 1 < len(lines):
        title = lines[k + 1].text
        if ref.lines.first("glued junk", title) and ref.lines.is_headline_like(title) and not ref.labels.search(title):
            return k + 1
    return None


def headline_at(lines: Window, k: int, last: int | None, originals: set[int], ref: Reference
                ) -> tuple[bool, int | None]:
    """Whether lines[k] is a blog headline (`last`: the one before), and the original headline it rewrites."""
    text = lines[k].text
    if k in originals or not opens_block(lines, k) or not ref.lines.is_headline_like(text):
        return False, None
    if k > 0 and last == k - 1:
        return False, None  # a post has more than its headline: the headline repeated, or a second labelled title
    if ref.labels.search(text):
        return True, near_copy(lines, k, PARTNER_SIMILARITY, ref)
    partner = near_copy(lines, k, UNLABELLED_SIMILARITY, ref) or pictured_title(lines, k, ref)
    if partner is None or (last is not None and k - last <= HEADER_REACH):
        return False, None  # an unlabelled headline needs its near copy, and not within the last post's header
    return True, partner


def cut_to_headline(lines: Window, k: int, last: int | None, originals: set[int], ref: Reference) -> bool:
    """Whether lines[k], right before a blog headline (`last`: the one before), is a post cut to its headline:
    a title-case title alone in its block between a paragraph and that headline ("Another Man Shot Outside
    the Te")."""
    title = lines[k].text
    capitalized = [w for w in title.split() if len(w) > 3]
    return (k > 0 and last != k - 1 and k not in originals and opens_block(lines, k)
            and title != lines[k + 1].text  # not a headline shown twice
            and opens_block(lines, k + 1) and len(capitalized) >= 3 and all(w[0].isupper() for w in capitalized)
            and ref.lines.is_headline_like(title) and not ref.lines.is_headline_like(lines[k - 1].text))


def split_lines(name: str, lines: Iterable[Line | Problem], ref: Reference) -> Iterator[Post | Problem]:
    """The posts of a seed file as its lines are read, and what was skipped; the problems that come with the
    lines pass through."""
    window = Window(lines)
    last: int | None = None  # the last blog headline found
    originals: set[int] = set()  # the lines ahead that are original headlines
    opened: int | None = None  # where the post being read starts
    k = 0
    while True:
        window.read_to(k + HEADER_REACH)
        yield from window.problems
        window.problems.clear()
        if k >= len(window):
            break
        starts, partner = headline_at(window, k, last, originals, ref)
        if starts:
            for start in ([k - 1] if cut_to_headline(window, k - 1, last, originals, ref) else []) + [k]:
                if opened is not None:
                    yield post_of(name, window, opened, start)
                elif start > 0:
                    yield Problem(name, window.first_number, "warning", f"skipped {start} line(s) before the "
                                  f"first blog headline (line {window[start].number})")
                opened = start
            last = k
            if partner is not None:
                originals.add(partner)
        originals.discard(k - 1)
        window.let_go_before(min(k - 1, k if opened is None else opened))
        k += 1
    if opened is not None:
        yield post_of(name, window, opened, len(window))
    elif len(window):
        yield Problem(name, window.first_number, "warning",
                      "no blog headline found in the file; none of its lines was read as a post")


def post_of(name: str, lines: Window, start: int, end: int) -> Post:
    block = lines.span(start, end)
    return Post(name, block[0].number, block[-1].number, block)


def split_posts(seed: SeedFile, ref: Reference) -> tuple[list[Post], list[Problem]]:
    """The posts of a whole seed file, and what was skipped."""
    items = list(split_lines(seed.name, (Line(n, text) for n, text in enumerate(seed.lines, 1)), ref))
    return [i for i in items if isinstance(i, Post)], [i for i in items if isinstance(i, Problem)]
