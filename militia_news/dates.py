"""Publication dates: read with python-dateutil, with the year inferred where the text omits it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
YEAR_FIRST = re.compile(r"\s*\d{4}\b")


@dataclass(frozen=True)
class ReadDate:
    value: date
    has_year: bool


def read_date(text: str, day_first: bool = False) -> ReadDate | None:
    """The date a short date text states; has_year is False where the text gives none. `day_first` reads a numeric
    date such as 02/03/2022 as 2 March."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", re.sub(r"\bSept\b", "Sep", text))
    day_first = day_first and not YEAR_FIRST.match(cleaned)  # 2023-03-12 is year, month, day everywhere
    try:
        first = dateutil_parser.parse(cleaned, default=datetime(1904, 2, 29), fuzzy=True, dayfirst=day_first)
        second = dateutil_parser.parse(cleaned, default=datetime(1908, 2, 29), fuzzy=True, dayfirst=day_first)
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
