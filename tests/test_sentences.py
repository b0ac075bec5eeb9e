"""Sentences: a stop before a capital ends one, unless it is an abbreviation's; a lede's dateline is one of its own."""

import pytest

from militia_news.sentences import sentences


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
])
def test_sentences(paragraph, expected):
    assert [paragraph[start:end] for start, end in sentences(paragraph)] == expected
