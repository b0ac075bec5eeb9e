"""What a line of a copied page is, by its shape: stamp, caption, credit, footnote, page junk, boilerplate.

The shapes are data: the registry of line formats (line_formats.yml in the reference folder) lists them all,
the generic ones and those particular to one outlet. `LineFormats` compiles the registry and answers what a
line is; the post splitter, the article parser and the outlet resolver all ask it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import ends_sentence, words

KINDS = ("stamp", "caption", "credit", "photo credit", "footnote", "junk", "boilerplate", "glued junk",
         "trailing credit")
FRAGMENT = re.compile(r"\{([A-Z_]+)\}")
GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9”)][.!?])(?=[A-Z][a-z])")  # "…the government.Supporters of…"
GLUED_PARAGRAPH_WORDS = 12
QUESTION_HEADLINE_WORDS = 16
PARAGRAPH_WORDS = 12  # a line without its stop this long, in sentence case, is a paragraph, not a title
PARAGRAPH_CAPITALS = 0.3  # the share of capitalized words below which a line reads in sentence case
INNER_SENTENCE_END = re.compile(r"\b(?P<word>\w{3,})[”\"’]?\.[”\"’]?\s+(?=[A-Z“\"])")
ABBREVIATIONS = {"gen", "col", "sgt", "capt", "mrs", "sen", "rep", "gov", "lieut", "adm", "brig", "maj", "jan", "feb",
                 "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "vol",
                 "no", "st", "ave", "blvd", "dept", "univ", "est", "approx"}


@dataclass(frozen=True)
class LineFormat:
    """One shape of line: what it is (`kind`, or None for a shape that only names its outlet), and the outlet
    it is particular to, with the role and weight of that evidence."""

    kind: str | None
    pattern: re.Pattern[str]
    outlet: str | None = None
    role: str = "source"
    weight: int = 5
    note: str = ""


def expand(pattern: str, fragments: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    """A pattern with every {NAME} replaced by its fragment (fragments may use fragments)."""
    def replace(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in fragments:
            return m.group(0)
        if name in seen:
            raise ValueError(f"fragment {name} refers to itself")
        return expand(fragments[name], fragments, (*seen, name))
    return FRAGMENT.sub(replace, pattern)


class LineFormats:
    """The registry of line formats, compiled; its questions are cached per line."""

    def __init__(self, formats: list[LineFormat], fragments: dict[str, str],
                 month_first_countries: frozenset[str] = frozenset()):
        self.formats = tuple(formats)
        self.month_first_countries = month_first_countries
        self.fragments = {name: expand(pattern, fragments) for name, pattern in fragments.items()}
        self.clock_first = re.compile(f"^{self.fragments['CLOCK']}")
        self.weekday_first = re.compile(f"^{self.fragments['WEEKDAY']}")
        self.by_kind = {kind: tuple(f for f in formats if f.kind == kind) for kind in KINDS}
        self.house_formats = tuple(f for f in formats if f.outlet)
        self.caption_parts = lru_cache(maxsize=100_000)(self._caption_parts)
        self.stamp_parts = lru_cache(maxsize=100_000)(self._stamp_parts)
        self.is_page_junk = lru_cache(maxsize=100_000)(self._is_page_junk)
        self.is_headline_like = lru_cache(maxsize=100_000)(self._is_headline_like)

    def first(self, kind: str, text: str) -> re.Match[str] | None:
        for f in self.by_kind[kind]:
            m = f.pattern.search(text)
            if m:
                return m
        return None

    def is_(self, kind: str, text: str) -> bool:
        return self.first(kind, text) is not None

    def _caption_parts(self, text: str) -> tuple[str, str | None] | None:
        """(caption, credit) if the line reads as a photo caption with its credit."""
        for f in self.by_kind["caption"]:
            m = f.pattern.search(text)
            if m and len(words(m["text"])) >= 2:
                return m["text"].strip(), m["credit"].strip(" ,.") or None
        return None

    def glued_caption(self, text: str) -> tuple[str, str] | None:
        """(paragraph, caption) of a paragraph with a photo caption glued to its end, no space between:
        "… in the government.Supporters of … July 27, 2022. (Reuters Photo: Thaier Al-Sudani)"."""
        parts = self.caption_parts(text)
        if not parts:
            return None
        joins = list(GLUED_SENTENCE.finditer(parts[0]))
        if not joins:
            return None
        paragraph, caption = text[: joins[-1].end()], text[joins[-1].end():]
        if len(words(paragraph)) < GLUED_PARAGRAPH_WORDS or len(words(caption)) < 4:
            return None
        return paragraph, caption

    def photo_credit(self, text: str) -> str | None:
        """Whom a caption or a credit line of its own credits the photo to: "Matt Fagan/NorthJersey.com"."""
        parts = self.caption_parts(text)
        if parts:
            return parts[1]
        m = self.first("photo credit", text)
        return m["credit"].strip() if m else None

    def _stamp_parts(self, text: str) -> tuple[str, str | None] | None:
        """(date, byline or None) of a publication or update stamp line; a byline glued to its date keeps "By"."""
        m = self.first("stamp", text)
        return (m["date"], m.groupdict().get("byline")) if m else None

    def stamp_date(self, text: str) -> str | None:
        parts = self.stamp_parts(text)
        return parts[0] if parts else None

    def without_glued_junk(self, text: str) -> str:
        """The line without an image file name or URL glued before it."""
        m = self.first("glued junk", text)
        return text[m.end():] if m else text

    def without_trailing_credit(self, text: str) -> str:
        """A paragraph without the bracketed credit that closes it: "… (Reporting by …)"."""
        m = self.first("trailing credit", text)
        return text[: m.start()] if m else text

    def _is_page_junk(self, text: str) -> bool:
        return self.is_("junk", text)

    def is_boilerplate(self, text: str) -> bool:
        return self.is_("boilerplate", text)

    def is_footnote(self, text: str) -> bool:
        return self.is_("footnote", text)

    def is_closing_credit(self, text: str) -> bool:
        return self.is_("credit", text) or self.is_("photo credit", text)

    def is_tweet_time(self, text: str) -> bool:
        """A stamp opening with its clock, "4:18 PM – Jan 13, 2023": an embedded tweet's time."""
        return bool(self.clock_first.match(text))

    def is_weekday_date(self, text: str) -> bool:
        """A date opening with its weekday, "Sunday, July 30, 2023": a blog's date header."""
        return bool(self.weekday_first.match(text))

    def reads_as_sentence(self, text: str) -> bool:
        """A title-shaped line that is a paragraph missing its stop: long, in sentence case, no question or label
        ("Projectile landed in open area of border community Nahal Oz with no damage or injuries reported")."""
        found = words(self.without_glued_junk(text))
        capitalized = sum(w[0].isupper() for w in found)
        return (len(found) >= PARAGRAPH_WORDS and capitalized < PARAGRAPH_CAPITALS * len(found)
                and not text.rstrip().endswith(("?", "!", ":")))

    def _is_headline_like(self, text: str) -> bool:
        """A short line that reads as a title: few words and no sentence-final punctuation but "?" or "!"; an image
        file name glued before it is ignored."""
        text = self.without_glued_junk(text)
        if len(text) > 240:
            return False
        n = len(words(text))
        if n < 2 or n > 30:
            return False
        if self.caption_parts(text) or self.stamp_date(text) or self.is_page_junk(text):
            return False
        if text[0].islower() or text.startswith(("[", "(", "#", "*")):
            return False
        if re.search(r"\S{40,}", text):  # page junk such as a pasted URL or token
            return False
        if text.rstrip().endswith((",", ";")):
            return False
        if any(m["word"].lower() not in ABBREVIATIONS for m in INNER_SENTENCE_END.finditer(text)):
            return False  # two sentences: “I think …,” said Armbruster.  The reason?
        if text.rstrip().endswith(("?", "!")):
            return n <= QUESTION_HEADLINE_WORDS  # "Who is Muqtada al-Sadr?", not a body sentence asking one
        return not ends_sentence(text.rstrip().removesuffix("…").removesuffix("..."))
