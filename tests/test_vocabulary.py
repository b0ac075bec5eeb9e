"""The name vocabulary: titles and suffixes are nameparser's, names.yml holds only what it lacks."""

from nameparser.config import CONSTANTS

from militia_news.reference import REFERENCE_DIR, load_yaml
from militia_news.extract.speakers import without_titles
from militia_news.vocabulary import ABBREVIATIONS, COURTESY_TITLES, ROLE_TITLES, TITLES, abbreviation


def test_names_yml_repeats_no_title_nameparser_has():
    """One piece of knowledge in one place: names.yml's roles and short titles are those nameparser lacks (or, short,
    that the lexicon takes for words: "Rev."); its courtesy titles and mention titles are a selection of nameparser's
    or titles it lacks; nameparser's titles reach every stage."""
    names = load_yaml(REFERENCE_DIR / "names.yml")
    nameparser = {t.strip() for t in CONSTANTS.titles}
    assert not set(names["roles"]) & nameparser
    assert not {t for t in names["abbreviated_titles"] if abbreviation(t.lower()) and t.lower() in nameparser}
    assert COURTESY_TITLES <= nameparser
    assert {"sayyid", "cleric", "gov"} <= TITLES - nameparser
    assert {"archbishop", "chancellor", "adviser", "lieutenant"} <= ROLE_TITLES
    assert {"Rep", "Sgt", "Capt", "Jr", "Lt", "Sen", "Gov"} <= ABBREVIATIONS
    assert not {"President", "General", "Imam", "Minister", "II"} & ABBREVIATIONS  # words, an honorific, a numeral


def test_a_speakers_titles_are_cut_and_a_courtesy_title_kept():
    assert without_titles("Archbishop Justin Welby") == "Justin Welby"  # nameparser's, not names.yml's
    assert without_titles("Rep. Jerry Nadler") == "Jerry Nadler"
    assert without_titles("National Security Adviser John Bolton") == "John Bolton"
    assert without_titles("Mr Al Sadr") == "Mr Al Sadr"
    assert without_titles("U.S. Secretary of State Mike Pompeo") == "Mike Pompeo"
    assert without_titles("Fire Chief John Doe") == "Fire Chief John Doe"  # "Fire" is no title: the phrase stays
