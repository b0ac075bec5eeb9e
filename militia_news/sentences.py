"""Sentences of a paragraph: a stop, a question or an exclamation mark (and its closing quotes or brackets) before a
space and a capital, a digit or an opening mark; or a stop glued to the next sentence ("airstrike.Khalil").

A stop after an abbreviation (names.yml: titles, months, "No.", "Inc."), a single capital ("J.") or dotted
initials ("U.S.") ends no sentence; a lede's dateline is a sentence of its own. One pass of one linear pattern over the paragraph.
"""

from __future__ import annotations

import re

from .vocabulary import ABBREVIATIONS

BOUNDARY = re.compile(
    r"(?<![.!?])(?P<stop>[.!?]++[”\"’')\]]*+)(?:\s++(?=[“”\"‘'„«(\[]?[A-Z0-9])|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]))")
LONGEST_ABBREVIATION = 12  # "Lt.-Gen", "U.S.A": how far back a stop's word is looked for
PLACE_IN_CAPITALS = r"[A-Z][A-Z.’'-]++(?: [A-Z][A-Z.’'-]++){0,3}+(?:, [A-Z][\w.’'-]*+(?: [A-Z][\w.’'-]*+){0,2}+)?+"
PLACE = r"[A-Z][\w.’'-]*+(?: [A-Z][\w.’'-]*+){0,2}+"
TAG, DASH = r",? \([^()]{1,40}\)", r"(?: ?[—–]| --?)"
DATELINE = re.compile(  # "BAGHDAD (AP) —", "BAGHDAD (Reuters)", "BAGHDAD —", "Erbil (Kurdistan 24) –": a sentence of its own
    rf"(?<![\w.’'-])(?:{PLACE_IN_CAPITALS}(?:{TAG}{DASH}?+|{DASH})|{PLACE}{TAG}{DASH}) (?=[A-Z“\"‘])")
INITIALS = re.compile(r"(?:[A-Za-z]\.)*+[A-Z]")  # "J", "U.S", "U.N", "L.A"


def ends_no_sentence(word: str) -> bool:
    """Whether a stop after `word` is an abbreviation's."""
    word = word.rsplit("-", 1)[-1]  # "Lt.-Gen" -> "Gen", "Anti-U.S" -> "U.S"
    return word in ABBREVIATIONS or bool(INITIALS.fullmatch(word))


def sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, without the spaces between them."""
    found, start = [], len(paragraph) - len(paragraph.lstrip())
    if dateline := DATELINE.match(paragraph, start):
        found.append((start, dateline.end() - 1))
        start = dateline.end()
    for m in BOUNDARY.finditer(paragraph, start):
        before = paragraph[max(start, m.start() - LONGEST_ABBREVIATION):m.start()].rsplit(None, 1)
        if m.group("stop") == "." and before and ends_no_sentence(before[-1].lstrip("(“\"‘'")):
            continue
        found.append((start, m.end("stop")))
        start = m.end()
    if paragraph[start:].strip():
        found.append((start, len(paragraph.rstrip())))
    return found
