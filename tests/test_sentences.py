"""Sentences: a stop before a capital ends one, unless it is an abbreviation's; a lede's dateline is one of its own."""

import pytest

from militia_news.extract.layer import masked_abbreviations, sentences, unmasked


@pytest.mark.parametrize("paragraph, expected", [
    ("Brig. Gen. Yahya Rasool said the strike hit a depot. Nobody was hurt.",
     ["Brig. Gen. Yahya Rasool said the strike hit a depot.", "Nobody was hurt."]),
    ("The vote is set for Oct. 10 in the U.S. Embassy’s view, said Lt.-Gen. J. Smith. He left.",
     ["The vote is set for Oct. 10 in the U.S. Embassy’s view, said Lt.-Gen. J. Smith.", "He left."]),
    ("KIRKUK (Shafaq News) – Gunmen attacked a checkpoint. “We will respond,” a police officer said.",
     ["KIRKUK (Shafaq News) –", "Gunmen attacked a checkpoint.", "“We will respond,” a police officer said."]),
    ("NASIRIYAH, Iraq — Protesters burned tyres!Police fired tear gas?",  # a mark glued to the next word
     ["NASIRIYAH, Iraq —", "Protesters burned tyres!", "Police fired tear gas?"]),
    ("Photo by a reporter in the capital.Khalil Hamra/Associated Press",
     ["Photo by a reporter in the capital.", "Khalil Hamra/Associated Press"]),
    ("Muqtada al-Sadr — the cleric — said it. US President Joe Biden did not.",
     ["Muqtada al-Sadr — the cleric — said it.", "US President Joe Biden did not."]),
    ("Crowds chanted “Yes to peace… No to war!” in the square.",
     ["Crowds chanted “Yes to peace… No to war!” in the square."]),
    # nameparser's titles and suffixes written short: a local paper's style the project has not seen
    ("“Nobody was hurt,” said Sgt. Maria Lopez Jr. of the state police. Rep. Jerry Nadler agreed.",
     ["“Nobody was hurt,” said Sgt. Maria Lopez Jr. of the state police.", "Rep. Jerry Nadler agreed."]),
])
def test_sentences(paragraph, expected):
    assert [paragraph[start:end] for start, end in sentences(paragraph)] == expected


def test_an_abbreviations_stops_are_masked_offset_for_offset():
    """What reads a paragraph for phrases sees no stop in "Rep.", "U.S." or "Lt.-Gen." (nameparser's titles written
    short, dotted initials), and the paragraph comes back as written; a sentence's own stop stays."""
    paragraph = "“We will vote,” said a U.S. official, Rep. Jerry Nadler, and Lt.-Gen. J. Smith. He left."
    masked = masked_abbreviations(paragraph)
    assert len(masked) == len(paragraph) and unmasked(masked) == paragraph
    assert masked.count(".") == 2  # "Smith." and "left."
