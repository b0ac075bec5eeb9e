"""The small dataclasses the pipeline stages pass to each other."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Problem:
    """Something the build could not read or decide, and what it did about it."""

    seed_file: str
    line: int | None
    severity: str  # "warning" or "error"
    message: str


@dataclass(frozen=True)
class Line:
    """One non-blank line of a seed file: its 1-based number and its normalized text."""

    number: int
    text: str


@dataclass(frozen=True)
class SeedFile:
    """A decoded seed file: its name, its lines (normalized) and what decoding met."""

    name: str
    lines: tuple[str, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Post:
    """One blog post: its place in a seed file and its non-blank lines, the blog headline first."""

    seed_file: str
    line_start: int
    line_end: int
    lines: tuple[Line, ...]
    article_id: str = ""  # set once the post is identified: the same for every copy of its article

    @property
    def headline(self) -> Line:
        return self.lines[0]

    def header_only(self) -> Post:
        """The same post without its body lines, to pass between processes cheaply."""
        return dataclasses.replace(self, lines=self.lines[:1])


@dataclass(frozen=True)
class Caption:
    text: str
    credit: str | None
    line: int


@dataclass(frozen=True)
class FieldEvidence:
    """What decided one field of an article: the rule, and the line and text it matched."""

    field: str  # outlet, via, byline, dateline, published
    value: str
    signal: str
    line: int
    text: str


@dataclass(frozen=True)
class Rewrite:
    original: str
    rewritten: str
    position: int  # character offset of `rewritten` in the blog headline
    original_position: int = 0  # character offset of `original` in the original headline


@dataclass
class Article:
    """What the parser read from one post."""

    id: str
    blog_headline: str
    original_headline: str | None
    outlet_id: str | None
    via_outlet_id: str | None
    byline: str | None
    dateline: str | None
    published: str | None
    published_text: str | None
    published_inferred: bool
    body: str
    captions: tuple[Caption, ...]
    rewrites: tuple[Rewrite, ...]
    headline_similarity: float | None
    post: Post
    undated_day: date | None = None  # a month and day stated without a year, for `infer_years`
    problems: list[Problem] = field(default_factory=list)
    evidence: list[FieldEvidence] = field(default_factory=list)
    places: tuple = ()  # where the news happens (places.PlaceMention): its dateline and the places it names


@dataclass(frozen=True)
class ResolvedMention:
    """A name found in an article, linked to its entity."""

    entity_id: str
    field: str
    caption: int | None
    surface: str
    start: int
    end: int
