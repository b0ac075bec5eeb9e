"""What a line of a copied page is, by its shape: caption, credit, footnote, page junk, boilerplate; and by its
dates: a stamp.

The shapes are data: the registry of line formats (line_formats.yml in the reference folder) lists them all,
the generic ones and those particular to one outlet. Stamps are no shapes: the date finder (dates.py) finds a
line's dates, and a short line whose main content they are is a stamp. `LineFormats` compiles the registry and
answers what a line is; the post splitter, the article parser and the outlet resolver all ask it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import GLUE, MONTH_WORD, FoundDate, find_dates, is_date_word, opens_with_clock, without_time_words
from .text import ends_sentence, has_words, words

KINDS = ("caption", "credit", "photo credit", "footnote", "junk", "boilerplate", "glued junk",
         "trailing credit")
FRAGMENT = re.compile(r"\{([A-Z_]+)\}")
GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9”)][.!?])(?=[A-Z][a-z])")  # "…the government.Supporters of…"
GLUED_PARAGRAPH_WORDS = 12
QUESTION_HEADLINE_WORDS = 16
PARAGRAPH_WORDS = 12  # a line without its stop this long, in sentence case, is a paragraph, not a title
PARAGRAPH_CAPITALS = 0.3  # the share of capitalized words below which a line reads in sentence case
INNER_SENTENCE_END = re.compile(r"\b(?P<word>\w{3,})[”\"’]?\.[”\"’]?\s+(?=[A-Z“\"])")
STAMP_WORDS = 24  # a longer line is no stamp: a stamp is a date with a few words beside it
STAMP_OTHER_WORDS = 6  # the words a stamp line may hold besides its dates: a byline, a place, an outlet
STAMP_PROSE_WORDS = 1  # of them, in lower case ("via", "4 min read"); more are a sentence, a headline or a caption
GLUED_DATE_CHARS = 40  # how far from a line's start or end a date glued to it may begin or end
STAMP_SEPARATORS = " .|,;:–—-·•()[]"  # what parts a stamp's dates from the words beside them
HANDLE = re.compile(r"@\w")  # an embedded tweet's signature names its author's handle


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


@dataclass(frozen=True)
class StampDate:
    """A date of a stamp line, and what its cue word says it is: "published", "updated" or None (no cue)."""

    date: FoundDate
    cue: str | None


@dataclass(frozen=True)
class Stamp:
    """A line whose main content is a date: its dates, what else it holds (a byline, a place, a credit: `rest`),
    and whether it is an embedded tweet's time or signature."""

    dates: tuple[StampDate, ...]
    rest: str
    tweet: bool


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

    def __init__(self, formats: list[LineFormat], month_first_countries: frozenset[str] = frozenset(),
                 date_cues: dict[str, list[str]] | None = None, abbreviations: frozenset[str] = frozenset()):
        self.formats = tuple(formats)
        self.abbreviations = frozenset(a.lower() for a in abbreviations)  # vocabulary.py's: a stop after one ends nothing
        self.month_first_countries = month_first_countries
        cues = {kind: "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
                for kind, forms in (date_cues or {}).items()}
        cue_words = "|".join(f"(?P<{kind}>{forms})" for kind, forms in cues.items()) or "(?!)"
        self.date_cue = re.compile(rf"(?:(?<![A-Za-z])|{GLUE.pattern})(?i:{cue_words})\b")  # "STEVENSPublished:" too
        self.by_kind = {kind: tuple(f for f in formats if f.kind == kind) for kind in KINDS}
        self.house_formats = tuple(f for f in formats if f.outlet)
        self.caption_parts = lru_cache(maxsize=100_000)(self._caption_parts)
        self.stamp = lru_cache(maxsize=100_000)(self._stamp)
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
            if m and len(words(m["text"])) >= 2 and not self.ends_with_abbreviation(m["text"]):
                return m["text"].strip(), m["credit"].strip(" ,.") or None
        return None

    def ends_with_abbreviation(self, text: str) -> bool:
        """Whether a text's last stop is an abbreviation's ("… said Lt. Gen"): it ends no sentence."""
        last = text.rstrip().rsplit(None, 1)[-1]
        return last.endswith(".") and last.rstrip(".").lstrip("(“\"‘'").lower() in self.abbreviations

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

    def _stamp(self, text: str) -> Stamp | None:
        """The line as a stamp: a short line whose main content is a full date or two, with their cue words
        ("Published", "Updated"), times, separators and a few other words: "Updated 8:17 AM EDT, Thu October 25,
        2018", "By Emanuel Fabian8 May 2021, 4:27 pm", "Friday, 18 March 2011 – 9:23pm IST | Place: NEW YORK"."""
        if has_words(text, STAMP_WORDS + 1) or self.too_wordy_for_a_stamp(text):
            return None
        found = find_dates(text)
        if not found:
            return None
        bounds = [0, *(edge for d in found for edge in (d.start, d.end)), len(text)]
        between = [text[bounds[k]: bounds[k + 1]] for k in range(0, len(bounds), 2)]  # the text around the dates
        dates = []
        for before, date in zip(between, found):
            cues = [m.lastgroup for m in self.date_cue.finditer(before)]
            dates.append(StampDate(date, cues[-1] if cues else None))
        rest = " ".join(p for p in (without_time_words(self.date_cue.sub(" ", piece)).strip(STAMP_SEPARATORS)
                                    for piece in between) if p)
        if self.too_wordy_for_a_stamp(rest) or MONTH_WORD.search(rest):  # a period: "February 23 – March 1, 2022"
            return None
        if ends_sentence(text) and any(w[0].islower() and not is_date_word(w) for w in words(rest)):
            return None  # a sentence: "She left January 5, 2020."
        return Stamp(tuple(dates), rest, opens_with_clock(text) or bool(HANDLE.search(rest)))

    def too_wordy_for_a_stamp(self, text: str) -> bool:
        """More words besides dates, times and cue words than a stamp holds beside them: a sentence, a caption."""
        other = [w for w in words(self.date_cue.sub(" ", text)) if not is_date_word(w)]
        return len(other) > STAMP_OTHER_WORDS or sum(w[0].islower() for w in other) > STAMP_PROSE_WORDS

    def glued_stamp(self, text: str) -> tuple[str, str] | None:
        """(stamp, rest of the line) of a line with a date glued to its start or end, no space between:
        "Oct. 29, 2018JERUSALEM — Thousands …", "… the Sadrists’ reform agenda.Thursday 13/01/2022"."""
        glue = [m.start() for m in GLUE.finditer(text)]
        for point in (p for p in glue if p >= len(text) - GLUED_DATE_CHARS):
            if self.is_bare_stamp(text[point:]):
                return text[point:], text[:point]
        for point in (p for p in glue if p <= GLUED_DATE_CHARS):
            if self.is_bare_stamp(text[:point]):
                return text[:point], text[point:]
        return None

    def is_bare_stamp(self, text: str) -> bool:
        """A date with its cue words and times alone: "Thursday 13/01/2022", "Oct. 29, 2018"."""
        stamp = self.stamp(text)
        return bool(stamp) and not stamp.rest

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
        if n < 2 or n > 30 or text[0].islower() or text.startswith(("[", "(", "#", "*", "•", "●", "▪")):
            return False
        question = text.rstrip().endswith(("?", "!"))
        if not question and ends_sentence(text.rstrip().removesuffix("…").removesuffix("...")):
            return False  # a sentence (the cheap tests first: most lines of a page are paragraphs)
        if self.caption_parts(text) or self.is_page_junk(text) or self.stamp(text):
            return False
        if re.search(r"\S{40,}", text):  # page junk such as a pasted URL or token
            return False
        if text.rstrip().endswith((",", ";")):
            return False
        if any(m["word"].lower() not in self.abbreviations for m in INNER_SENTENCE_END.finditer(text)):
            return False  # two sentences: “I think …,” said Armbruster.  The reason?
        return not question or n <= QUESTION_HEADLINE_WORDS  # "Who is Muqtada al-Sadr?", not a body sentence asking one
