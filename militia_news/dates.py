"""Dates: the full dates a line states, found by dateparser's search and read with python-dateutil; the year of a
date stated without one inferred from the dates around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateparser.languages.loader import default_loader
from dateparser.search import search_dates
from dateparser.timezones import timezone_info_list
from dateutil import parser as dateutil_parser

ENGLISH = default_loader.get_locale("en").info  # dateparser's English: month and weekday names, am/pm, fillers
MONTH_NAMES = sorted({form for month in ("january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december") for form in ENGLISH[month]},
                     key=len, reverse=True)
WEEKDAY_NAMES = sorted({form for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
                        for form in ENGLISH[day] if len(form) >= 3}, key=len, reverse=True)
TIME_ZONES = frozenset(name for group in timezone_info_list for name, _ in group["timezones"])
FILLERS = frozenset(w for w in ENGLISH["skip"] if w.isalpha())  # "on", "at", "of", "the": words a date carries
TIME_WORDS = frozenset([*WEEKDAY_NAMES, *ENGLISH["am"], *ENGLISH["pm"]])
TIME_UNITS = frozenset(form for unit in ("year", "month", "week", "day", "hour", "minute", "second", "ago")
                       for form in ENGLISH[unit] if len(form) >= 2)  # "4 min read", "3 hours ago"
DATE_WORDS = TIME_WORDS | TIME_UNITS | FILLERS | frozenset(MONTH_NAMES)

MONTH = "(?:" + "|".join(m.title() for m in MONTH_NAMES) + r")\.?"  # "Aug", "Sept.", "January", as datelines write them
MONTH_WORD = re.compile(r"(?i:\b|(?<=[a-z]))(?i:" + "|".join(MONTH_NAMES) + r")(?![a-z])")  # "ImagesOctober" too
WEEKDAY_FIRST = re.compile(r"^(?i:" + "|".join(WEEKDAY_NAMES) + r")\b")
ABBREVIATED_MONTH = re.compile(r"\b((?i:" + "|".join(m for m in MONTH_NAMES if len(m) <= 4) + r"))\.")  # "Oct."
NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}([./-])\d{1,2}\1\d{2,4}(?!\d)")  # 10/06/2018, 01.01.17, 2023-03-12
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
YEAR_FIRST = re.compile(r"\s*\d{4}\b")
DOTTED_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.])")  # 14.34, read as 14:34
DOTTED_AM_PM = re.compile(r"(?i:\b[ap](\.)m(\.)?)")  # a.m., read as am
CLOCK = re.compile(r"(?i:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?)")
CLOCK_FIRST = re.compile(r"^\d{1,2}[:.]\d{2}\b")
# Where a date touches the text beside it: "ImagesOctober", "JTAFebruary", "Fabian8", "2018JERUSALEM",
# "2016(CNN)", "agenda.Thursday", "[1],January".
GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Z(])"
                  r"|(?<=[.;)])(?=[A-Z])|(?<=,)(?=[A-Za-z])")
FINDER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"]}
search_dates("1 January 2000", languages=["en"], settings=FINDER_SETTINGS)  # the finder's data is compiled on its
# first search: once here, before the build forks its workers, which then share it


@dataclass(frozen=True)
class FoundDate:
    """A full date found in a line: where it stands (offsets into the line) and its text as the finder read it."""

    start: int
    end: int
    reading: str


@dataclass(frozen=True)
class ReadDate:
    value: date
    has_year: bool


def may_hold_a_date(text: str) -> bool:
    """Whether a line may state a full date: a numeric date, or a month's name with a year (cheap, before the
    finder)."""
    return bool(NUMERIC_DATE.search(text) or YEAR.search(text) and MONTH_WORD.search(text))


def unglued(text: str) -> tuple[str, list[int]]:
    """The text as the finder reads it, with the offset in `text` of each of its characters (and of its end): a
    space at each glue point, single spaces, no stop after a month's abbreviation ("Oct. 29") or in "a.m.", a colon
    in a dotted clock ("14.34")."""
    text = DOTTED_CLOCK.sub(r"\1:\2", text)
    glue = {m.start() for m in GLUE.finditer(text)}
    stops = {m.end() - 1 for m in ABBREVIATED_MONTH.finditer(text)}
    stops |= {m.start(k) for m in DOTTED_AM_PM.finditer(text) for k in (1, 2) if m.group(k)}
    chars: list[str] = []
    offsets: list[int] = []
    for k, char in enumerate(text):
        if k in glue:
            chars.append(" ")
            offsets.append(k)
        if k in stops or char.isspace() and chars and chars[-1] == " ":
            continue
        chars.append(" " if char.isspace() else char)
        offsets.append(k)
    return "".join(chars), [*offsets, len(text)]


@lru_cache(maxsize=100_000)
def find_dates(text: str) -> tuple[FoundDate, ...]:
    """The full dates a line states, in order: a day, a month by its name and a four-digit year, or a numeric date
    with its separators ("1884 08 10" is not one); dates glued to the text beside them are found too."""
    if not may_hold_a_date(text):
        return ()
    readable, offsets = unglued(text)
    found, position = [], 0
    for reading, _ in search_dates(readable, languages=["en"], settings=FINDER_SETTINGS) or ():
        start = readable.find(reading, position)
        if start < 0:
            continue
        position = start + len(reading)
        if may_hold_a_date(reading):
            found.append(FoundDate(offsets[start], offsets[position - 1] + 1, reading))
    return tuple(found)


def is_date_word(word: str) -> bool:
    """A word a date or its time is written with: a number, a month, a weekday, "am", "on", "min", a time zone."""
    return any(c.isdigit() for c in word) or word.replace(".", "").lower() in DATE_WORDS or word in TIME_ZONES


def without_time_words(text: str) -> str:
    """The text without the times of day, time zones and weekday names that go with its dates."""
    kept = [token for token in CLOCK.sub(" ", text).split()
            if (core := token.strip(".,;:|()–—-")) not in TIME_ZONES
            and core.replace(".", "").lower() not in TIME_WORDS]
    return " ".join(kept)


def opens_with_clock(text: str) -> bool:
    """A line opening with its time of day: "4:18 PM – Jan 13, 2023", an embedded tweet's time."""
    return bool(CLOCK_FIRST.match(text))


def opens_with_weekday(text: str) -> bool:
    """A line opening with its weekday: "Sunday, July 30, 2023", a blog's date header."""
    return bool(WEEKDAY_FIRST.match(text))


def read_date(text: str, day_first: bool = False) -> ReadDate | None:
    """The date a short date text states; has_year is False where the text gives none. `day_first` reads a numeric
    date such as 02/03/2022 as 2 March."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", re.sub(r"\bSept\b", "Sep", text))
    day_first = day_first and not YEAR_FIRST.match(cleaned)  # 2023-03-12 is year, month, day everywhere
    try:
        first = dateutil_parser.parse(cleaned, default=datetime(1904, 2, 29), fuzzy=True, dayfirst=day_first,
                                       ignoretz=True)
        second = dateutil_parser.parse(cleaned, default=datetime(1908, 2, 29), fuzzy=True, dayfirst=day_first,
                                        ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return ReadDate(first.date(), first.year == second.year)



def with_nearest_year(month_day: date, around: list[date]) -> date:
    """The month and day in the year that puts it nearest the given dates (their median)."""
    anchor = sorted(around)[len(around) // 2]
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(month_day.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: abs((d - anchor).days))


def latest_year_mentioned(text: str) -> int | None:
    years = [int(y) for y in YEAR.findall(text)]
    return max(years) if years else None
