"""Stage 2, split posts: find where each blog post starts in a seed file.

A post starts at the blog's own headline: a short, headline-like line that
opens a block and either carries one of the blog's prophetic labels
(labels.yml in the reference data) or is followed closely by a near copy of itself, the
original headline it rewrites, or directly by a title under its picture. The original headline never starts a post.
A page may cut a post after its headline: a title-case title alone between a paragraph and the next post's
headline is such a post.
"""

from __future__ import annotations


from .model import Line, Post, Problem, SeedFile
from .reference import Reference
from .text import similarity

HEADER_REACH = 5  # how many lines after a blog headline its original headline may stand
PARTNER_SIMILARITY = 0.3  # a labelled headline's original: at least this alike
UNLABELLED_SIMILARITY = 0.6  # an unlabelled headline needs a closer copy to count as the blog's


def non_blank_lines(seed: SeedFile) -> list[Line]:
    return [Line(n, text.strip()) for n, text in enumerate(seed.lines, 1) if text.strip()]


def opens_block(seed: SeedFile, line: Line) -> bool:
    return line.number == 1 or not seed.lines[line.number - 2].strip()


def near_copy(lines: list[Line], k: int, threshold: float, ref: Reference) -> int | None:
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


def pictured_title(lines: list[Line], k: int, ref: Reference) -> int | None:
    """Index of the line after lines[k] if it is a title under its picture, the image's file name glued before
    it ("nuketerror-300x198GOP: We’re A Nation…"): the copied article's headline, below the blog's."""
    if k + 1 < len(lines):
        title = lines[k + 1].text
        if ref.lines.first("glued junk", title) and ref.lines.is_headline_like(title) and not ref.labels.search(title):
            return k + 1
    return None


def find_starts(seed: SeedFile, lines: list[Line], ref: Reference) -> list[int]:
    starts: list[int] = []
    originals: set[int] = set()
    for k, line in enumerate(lines):
        if k in originals or not opens_block(seed, line) or not ref.lines.is_headline_like(line.text):
            continue
        if k > 0 and k - 1 in starts:
            continue  # a post has more than its headline: the headline repeated, or a second labelled title
        if ref.labels.search(line.text):
            partner = near_copy(lines, k, PARTNER_SIMILARITY, ref)
        else:
            partner = near_copy(lines, k, UNLABELLED_SIMILARITY, ref) or pictured_title(lines, k, ref)
            if partner is None or (starts and k - starts[-1] <= HEADER_REACH):
                continue  # an unlabelled headline needs its near copy, and not within the last post's header
        starts.append(k)
        if partner is not None:
            originals.add(partner)
    return sorted(starts + [k for k in range(1, len(lines) - 1) if cut_to_headline(seed, lines, k, starts, originals, ref)])


def cut_to_headline(seed: SeedFile, lines: list[Line], k: int, starts: list[int], originals: set[int],
                    ref: Reference) -> bool:
    """Whether lines[k] is a post cut to its headline: a title-case title alone in its block between a
    paragraph and the next post's headline ("Another Man Shot Outside the Te")."""
    title = lines[k].text
    capitalized = [w for w in title.split() if len(w) > 3]
    return (k + 1 in starts and k - 1 not in starts and k not in originals and opens_block(seed, lines[k])
            and title != lines[k + 1].text  # not a headline shown twice
            and opens_block(seed, lines[k + 1]) and len(capitalized) >= 3 and all(w[0].isupper() for w in capitalized)
            and ref.lines.is_headline_like(title) and not ref.lines.is_headline_like(lines[k - 1].text))


def split_posts(seed: SeedFile, ref: Reference) -> tuple[list[Post], list[Problem]]:
    """The posts of a seed file, and what was skipped."""
    lines = non_blank_lines(seed)
    if not lines:
        return [], []
    starts = find_starts(seed, lines, ref)
    problems = []
    if not starts:
        problems.append(Problem(seed.name, lines[0].number, "warning",
                                "no blog headline found in the file; none of its lines was read as a post"))
        return [], problems
    if starts[0] > 0:
        problems.append(Problem(
            seed.name, lines[0].number, "warning",
            f"skipped {starts[0]} line(s) before the first blog headline (line {lines[starts[0]].number})",
        ))
    posts = []
    for i, k in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        block = tuple(lines[k:end])
        posts.append(Post(seed.name, block[0].number, block[-1].number, block))
    return posts, problems
