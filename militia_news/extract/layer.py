"""Sentences of a paragraph: a stop, a question or an exclamation mark (and its closing quotes or brackets) before a
space and a capital, a digit or an opening mark; or a stop glued to the next sentence ("airstrike.Khalil").

A stop after an abbreviation (vocabulary.py: nameparser's titles written short, months, "No.", "Inc."), a single
capital ("J.") or dotted initials ("U.S.") ends no sentence; a lede's dateline is a sentence of its own. One pass of
one linear pattern over the paragraph. What reads a paragraph for phrases reads it with its abbreviations' stops
masked, offset for offset (`masked_abbreviations`).
"""

from __future__ import annotations

import re

from ..vocabulary import ABBREVIATIONS

BOUNDARY = re.compile(
    r"(?<![.!?])(?P<stop>[.!?]++[”\"’')\]]*+)(?:\s++(?=[“”\"‘'„«(\[]?[A-Z0-9])|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]))")
LONGEST_ABBREVIATION = 12  # "Lt.-Gen", "U.S.A": how far back a stop's word is looked for
PLACE_IN_CAPITALS = r"[A-Z][A-Z.’'-]++(?: [A-Z][A-Z.’'-]++){0,3}+(?:, [A-Z][\w.’'-]*+(?: [A-Z][\w.’'-]*+){0,2}+)?+"
PLACE = r"[A-Z][\w.’'-]*+(?: [A-Z][\w.’'-]*+){0,2}+"
TAG, DASH = r",? \([^()]{1,40}\)", r"(?: ?[—–]| --?)"
DATELINE = re.compile(  # "BAGHDAD (AP) —", "BAGHDAD (Reuters)", "BAGHDAD —", "Erbil (Kurdistan 24) –": a sentence of its own
    rf"(?<![\w.’'-])(?:{PLACE_IN_CAPITALS}(?:{TAG}{DASH}?+|{DASH})|{PLACE}{TAG}{DASH}) (?=[A-Z“\"‘])")
INITIALS = re.compile(r"(?:[A-Za-z]\.)*+[A-Z]")  # "J", "U.S", "U.N", "L.A"
ABBREVIATED_WORD = re.compile(r"(?<!\S)[^\s.]++(?:\.[^\s.]++)*+\.(?=\s)")  # "Rep.", "U.S.", "Lt.-Gen." before a space
ABBREVIATION_STOP = "\ue000"  # a private-use character: what an abbreviation's stop is masked with


def ends_no_sentence(word: str) -> bool:
    """Whether a stop after `word` is an abbreviation's."""
    word = word.rsplit("-", 1)[-1]  # "Lt.-Gen" -> "Gen", "Anti-U.S" -> "U.S"
    return word in ABBREVIATIONS or bool(INITIALS.fullmatch(word))


def abbreviation_before(text: str, stop: int, start: int = 0) -> bool:
    """Whether the stop at `stop` follows an abbreviation (the text read from `start`): "Rep.", "Oct.", "U.S."."""
    before = text[max(start, stop - LONGEST_ABBREVIATION):stop].rsplit(None, 1)
    return bool(before) and ends_no_sentence(before[-1].lstrip("(“\"‘'"))


def masked_abbreviations(paragraph: str) -> str:
    """The paragraph with the stops of each abbreviation ("Rep. Jerry Nadler", "Oct. 10", "U.S. officials") masked,
    offset for offset: no pattern that reads the paragraph takes one for a sentence's or a phrase's end."""
    words = [m for m in ABBREVIATED_WORD.finditer(paragraph) if abbreviation_before(paragraph, m.end() - 1)]
    if not words:
        return paragraph
    chars = list(paragraph)
    for word in words:
        for k in range(word.start(), word.end()):
            if chars[k] == ".":
                chars[k] = ABBREVIATION_STOP
    return "".join(chars)


def unmasked(text: str) -> str:
    """A masked text as written."""
    return text.replace(ABBREVIATION_STOP, ".")


def sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, without the spaces between them."""
    found, start = [], len(paragraph) - len(paragraph.lstrip())
    if dateline := DATELINE.match(paragraph, start):
        found.append((start, dateline.end() - 1))
        start = dateline.end()
    for m in BOUNDARY.finditer(paragraph, start):
        if m.group("stop") == "." and abbreviation_before(paragraph, m.start(), start):
            continue
        found.append((start, m.end("stop")))
        start = m.end()
    if paragraph[start:].strip():
        found.append((start, len(paragraph.rstrip())))
    return found
