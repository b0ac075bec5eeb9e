"""The name vocabulary (data/names.yml): the words names are made of and the words that are never names.

One list for every stage that reads names: entity discovery, speakers, bylines. It is the language's, not a
crawl's, so it is read from the package whatever `--reference` folder the build is given.
"""

from __future__ import annotations

from .reference import REFERENCE_DIR, load_yaml

_NAMES = load_yaml(REFERENCE_DIR / "names.yml")


def _words(key: str) -> frozenset[str]:
    return frozenset(_NAMES[key])


ATTACHED_PARTICLES = _words("attached_particles")  # al-Sadr, el-Sisi
PARTICLES = ATTACHED_PARTICLES | _words("particles")  # Abu Ali, bin Salman, van Dyke
CONNECTORS = _words("connectors")  # lower-case words inside a name
TITLES = _words("courtesy_titles") | _words("titles")  # Mr, Sheikh, Gen., President: before a name, not in its key
ROLE_TITLES = TITLES | _words("roles")  # and roles before a new name: Defense Minister Benny Gantz
SPEAKER_TITLES = _words("titles") | _words("roles") | _words("title_words")  # cut from a speaker's name (not Mr)
ABBREVIATED_TITLES = _words("abbreviated_titles")  # written with a stop that ends no sentence (case as written)
ABBREVIATIONS = ABBREVIATED_TITLES | _words("abbreviations")  # every word whose stop ends no sentence
HONORIFICS = _words("honorifics")  # kept in the name: Imam Hussein
ORGANIZATION_WORDS = _words("organization_words")
GEOGRAPHY_WORDS = _words("geography_words")
FACILITY_WORDS = _words("facility_words")
DOCUMENT_WORDS = _words("document_words")  # after a run: the name of a treaty or plan, not of a body
SENTENCE_WORDS = _words("sentence_words")
TIME_WORDS = _words("time_words")
NOT_NAME_WORDS = SENTENCE_WORDS | TIME_WORDS | _words("not_name_words")
NOT_BYLINE_WORDS = _words("not_byline_words")
EVENT_WORDS = _words("event_words")  # "meeting", "talks": what a name before them is a party to
