"""The name vocabulary: the words names are made of and the words that are never names.

One list for every stage that reads names: entity discovery, speakers, bylines, sentence breaks. Titles and name
suffixes are nameparser's (its config CONSTANTS); data/names.yml holds only what nameparser lacks, the pieces of
its compound titles that in news name other things, and the project's own word lists. It is the language's, not a
crawl's, so it is read from the package whatever `--reference` folder the build is given.
"""

from __future__ import annotations

import re

import lemminflect
from nameparser.config import CONSTANTS as NAMEPARSER

from .reference import REFERENCE_DIR, load_yaml

_NAMES = load_yaml(REFERENCE_DIR / "names.yml")
SINGLE_SYLLABLE = re.compile(r"[^aeiouy]*+[aeiouy]*+[^aeiouy]*+")  # "capt", "sgt", "prof"; not "imam", "swami"
LONGEST_ABBREVIATED_TITLE = 4  # "Capt", "Prof"; not "Cheikh", "Druid"


def _words(key: str) -> frozenset[str]:
    return frozenset(_NAMES[key])


def is_word(word: str) -> bool:
    """A word of the language's lexicon (lemminflect's), not an abbreviation ("rep", "sgt")."""
    return any(lemminflect.getAllLemmas(word, upos=upos) for upos in ("NOUN", "VERB", "ADJ", "ADV"))


def abbreviation(word: str) -> bool:
    """Whether a title is written short, with a stop: a few letters, one syllable at most, no word of the lexicon."""
    return (word.isalpha() and 1 < len(word) <= LONGEST_ABBREVIATED_TITLE and bool(SINGLE_SYLLABLE.fullmatch(word))
            and not is_word(word))


ATTACHED_PARTICLES = _words("attached_particles")  # al-Sadr, el-Sisi
PARTICLES = ATTACHED_PARTICLES | _words("particles")  # Abu Ali, bin Salman, van Dyke
CONNECTORS = _words("connectors")  # lower-case words inside a name
HONORIFICS = _words("honorifics")  # kept in the name: Imam Hussein
_NAMEPARSER_TITLES = frozenset(t.strip() for t in NAMEPARSER.titles if t.strip().replace("-", "").isalpha())
COURTESY_TITLES = _words("courtesy_titles")  # Mr, Dr: kept in a speaker's name ("Mr Al Sadr")
TITLES = COURTESY_TITLES | _words("titles")  # held by a mention before its name, never by its key: Sheikh, Gen.
NAME_SUFFIXES = frozenset(s for s in NAMEPARSER.suffix_not_acronyms if not NAMEPARSER.regexes.roman_numeral.match(s)
                          and s.isalpha()) - COURTESY_TITLES  # after a name: "Jr.", "Sr.", "Esq." (but "Dr." a title)
# titles before a name, never part of it: nameparser's, less the pieces of its compound titles that in news name
# other things ("National", "Security", "Army"), its suffixes and the honorifics; with the roles it lacks ("Justice")
ROLE_TITLES = TITLES | (_NAMEPARSER_TITLES - _words("not_titles") - NAME_SUFFIXES - HONORIFICS) | _words("roles")
SPEAKER_TITLES = (ROLE_TITLES - COURTESY_TITLES) | _words("title_words")  # cut from a speaker's name
# the words a compound title is made of before its last title: "National Security Adviser", "Secretary of State"
TITLE_PIECES = SPEAKER_TITLES | _NAMEPARSER_TITLES | frozenset(NAMEPARSER.conjunctions)
# words written with a stop that ends no sentence (case as written): the titles and suffixes written short
# ("Rep.", "Lt.", "Jr."), capitalized, those nameparser lacks or the lexicon takes for words ("Sen.", "Rev."), and
# the other abbreviations ("Oct.", "No.", "Inc.")
ABBREVIATIONS = frozenset(w.capitalize() for w in _NAMEPARSER_TITLES | NAME_SUFFIXES if abbreviation(w)) | _words(
    "abbreviated_titles") | _words("abbreviations")
ORGANIZATION_WORDS = _words("organization_words")
GEOGRAPHY_WORDS = _words("geography_words")
FACILITY_WORDS = _words("facility_words")
DOCUMENT_WORDS = _words("document_words")  # after a run: the name of a treaty or plan, not of a body
SENTENCE_WORDS = _words("sentence_words")
TIME_WORDS = _words("time_words")
NOT_NAME_WORDS = SENTENCE_WORDS | TIME_WORDS | _words("not_name_words")
NOT_BYLINE_WORDS = _words("not_byline_words")
EVENT_WORDS = _words("event_words")  # "meeting", "talks": what a name before them is a party to
