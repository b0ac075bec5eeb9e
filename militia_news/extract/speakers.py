"""Who spoke: a speaker named, described or referred to by a pronoun, resolved against the speakers and
names before it. Shared by direct quotations and reported speech (quotes.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass

from .names import name_key
from ..model import ResolvedMention
from .layer import unmasked
from ..text import speaker_key, words
from ..vocabulary import HONORIFICS, ROLE_TITLES, SPEAKER_TITLES, TITLE_PIECES

PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "organization", "him": "person"}
ANONYMITY = re.compile(r"\b(anonymity|anonymous|not authori[sz]ed|declined to be named|requested anonymity)\b", re.I)
TRAILING_VERBS = {"went", "on", "to", "also", "further", "then", "later", "again", "has", "had", "have", "was", "is",
                  "were", "are", "would", "will"}
STATEMENT_BY = re.compile(r"^(?:an?|the)\s+(?:[\w-]+\s+)?statement\b", re.I)
INDEFINITE = re.compile(r"^(?:an?|another|one|two|three|several|some|many|other|western|senior|local)\b", re.I)
DEFINITE = re.compile(r"^the\s+(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+)(?:\s+of\b.*)?$", re.I)  # "the prime minister of Iraq"
PERSON_TITLES = ROLE_TITLES | HONORIFICS | {"head"}  # "the cleric", "the imam", "the head of …": someone named before
DOCUMENTS = (r"(?P<noun>report|update|passage|book|paper|newspaper|document|letter|tweet|post|message|memo|study|"
             r"article|website|resolution|speech|sermon|fatwa|estimate|analysis|assessment)")
AUTHORED = re.compile(rf"^(?:an?|the|this|that|one|another)\s+(?:[\w-]+\s+){{0,3}}?{DOCUMENTS}\b", re.I)
BY_AUTHOR = re.compile(r"\s+(?:by|from)\s+(?:the\s+)?")  # "an estimate by the U.S. Geological Survey"
DOCUMENT = re.compile(rf"^(?:the|this|that|its|his|her|their|a later)\s+(?:[\w-]+\s+){{0,2}}{DOCUMENTS}$", re.I)
OWNED_DOCUMENT = re.compile(rf"^(?P<owner>.+?)[’']s?\s+(?:[\w-]+\s+){{0,2}}{DOCUMENTS}$", re.I)  # "Al-Sadr’s message"
# a person's writings; the other documents are an organization's
WRITINGS = {"passage", "book", "letter", "tweet", "post", "message", "article", "speech", "sermon", "fatwa"}
ADVERB = re.compile(r"(?<![a-z])[a-z]{3,}ly")  # "bluntly", "reportedly": not part of who spoke
DEFINITE_GROUP = re.compile(r"^(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:statement|group|movement|militia|party|"
                            r"office|ministry|organi[sz]ation|brigades?|faction)$", re.I)
ARMED_FORCE = re.compile(r"the\s+(?:army|military|armed forces)", re.I)
ARMED_NAME = re.compile(r"\b(?:army|military|defen[cs]e forces?|armed forces)\b", re.I)  # "Israel Defense Forces"
CONJUNCTION = re.compile(r"^(?:and|but|or|while|as|so|then|if|that|which|when)\b", re.I)

# Nouns for people who speak, the one list each speaker rule reads: plurals ("officials", "seismologists",
# "militia groups") and the singular roles of sources ("a spokesman", "an official").
PEOPLE = r"(?<![a-z])[a-z]{3,}(?:ials|ers|ists|ians|ants|ents|ors|ives|ies|ees|ces)|sources|police|people|groups"
PERSON = (rf"(?:{PEOPLE}|spokes(?:man|woman|person)|official|officer|member|source|commander|leader|speaker|representative|"
          r"scientist|seismologist|researcher|expert|analyst|witness|resident)")
HEAD_OF = re.compile(  # people described by what they belong to: the speakers are they, not the name after "of"
    r"^(?:the\s+|an?\s+|some\s+|several\s+|many\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,2}?"
    rf"(?P<head>{PEOPLE}|spokes(?:man|woman|person)|official|member|source)\s+(?:of|for|from|at|in|with|close to)\s",
    re.I)  # but "the leader of X, Qais al-Khazali": a named leader speaks
MEMBER_AFTER = re.compile(  # "a Sadrist Movement spokesperson", "Hamas officials", "Israel Defense Forces (IDF) spokesperson"
    rf"\)?\s+(?:\([A-Z]{{2,6}}\)\s+)?(?:[a-z]+\s+)?{PERSON}\b")
PLURAL = re.compile(rf"\b(?:{PEOPLE}|and)\b")
RELATIVE = re.compile(r"\s+(?:who|whose|which)\s+")
ASIDE = re.compile(r"^(?:who|whose|which|speaking|citing|requesting|asking)\b", re.I)  # a clause set off by commas

DATELINE_DASH = re.compile(r"[^–—]{1,40}\s[–—]\s+(?=[A-Z])")
AUXILIARY = r"(?:has|have|had|was|is|were|are|will|would)"
FINITE = re.compile(rf"\s{AUXILIARY}\s")  # a verb still to come: "Sirens warning of … were not activated"
FIRST_VERB = re.compile(  # "The preacher has …", "Sadr released"; not "armed" in "armed groups have …"
    rf"\s{AUXILIARY}\b|\s[a-z]+ed\b(?!(?:\s+[a-z]+){{0,2}}\s+{AUXILIARY}\b)")
PLURAL_SUBJECT = re.compile(rf"(?<![\w’'-])(?:[\w’'-]++\s+){{0,8}}(?:{PEOPLE})")  # "Some Iraqi officials"; not "Reuters"
LEADING_CONJUNCTION = re.compile(r"(?:But|And|Yet|So)\s+(?=[a-z])")  # "But they said"
# What opens an introductory phrase or clause before a sentence's subject, the one list quotations and reported
# speech read: prepositions, adverbs of time and sequence, participles of speech, and the subordinating
# conjunctions, after "And" or "even" ("And even if Clinton becomes president, Obama said …": Obama speaks)
INTRODUCTORY_WORDS = (r"In|On|At|During|After|Before|Following|Ahead|Asked|According|Echoing|Referring|With|Despite|"
                      r"Under|Within|Addressing|Speaking|Reiterating|Meanwhile|However|Earlier|Later|Last|Additionally|"
                      r"Separately|Also|Since|Thus|Still|Yet|Instead|Therefore|Moreover|Furthermore|Indeed|Ultimately|"
                      r"Finally|Now|Then|Recently|Previously|Again|So|If|Though|Although|While|When|Whenever|Because|"
                      r"Unless|Until|Once|Whereas|As|Whether")
INTRODUCTORY = rf"(?:(?:(?:And|But|Or|Yet)\s+(?:even\s+)?|Even\s+)(?i:{INTRODUCTORY_WORDS})|(?:{INTRODUCTORY_WORDS}))"
PARTICIPLE = re.compile(r"^\w+ing\b")  # "saying", "adding", "going on to say": continues the sentence's subject


@dataclass(frozen=True)
class Speaker:
    text: str  # the name, without titles and appositives; else the description
    entity_id: str | None
    verb: str
    kind: str = "person"  # person or organization: what a later pronoun may refer to
    description: str | None = None  # the phrase that named or described the speaker, where it says more


def named(phrase: str, m: ResolvedMention, verb: str, kind: str) -> Speaker:
    """The speaker a mention inside a phrase names: its name without leading titles, the phrase kept as the
    description ("the hard-line Iranian newspaper Keyhan" -> Keyhan)."""
    name = without_titles(m.surface)
    return Speaker(name, m.entity_id, verb, kind, phrase if phrase != name else None)


def without_titles(name: str) -> str:
    """"Justice Minister Ayelet Shaked" -> "Ayelet Shaked", "National Security Adviser John Bolton" -> "John Bolton":
    a compound title ends in a title, and two words at least stay; "Mr Al Sadr" stays."""
    parts = name.split()
    folded = [part.lower().strip(".") for part in parts]
    last = -1
    for k in range(len(parts) - 2):
        if folded[k] not in TITLE_PIECES:
            break
        if folded[k] in SPEAKER_TITLES:
            last = k
    return " ".join(parts[last + 1:])


def antecedent(found: Speaker, verb: str) -> Speaker:
    """A pronoun's speaker: the nearest fitting one before it, its name or description."""
    return Speaker(found.text, found.entity_id, verb, found.kind, found.description)


@dataclass(frozen=True)
class Event:
    position: int  # offset in the body
    speaker: Speaker
    possessive: bool = False  # a name in the possessive ("Kubrick’s film"): an antecedent, never an author
    mention: bool = False  # a name in the text, not someone found speaking


def mentions_between(start: int, end: int, mentions):
    return [m for m in mentions if start <= m.start and m.end <= end]


def possessive(paragraph: str, m: ResolvedMention) -> bool:
    return paragraph[m.end: m.end + 2] in ("’s", "'s") or paragraph[m.end: m.end + 1] == "’"


def add_event(events: list[Event], event: Event) -> None:
    """Keep `events` in the order of their positions, the later found after the earlier at one position."""
    insort(events, event, key=lambda e: e.position)


def recent(events: list[Event], before: int, kinds: tuple[str, ...], named_only: bool = False,
           own: bool = False, called: re.Pattern[str] | None = None) -> Speaker | None:
    """The nearest speaker or name of these kinds before a position (if `named_only`, a name not in the
    possessive; if `own`, anyone not in the possessive; if `called`, one whose name it finds); of two at one
    position, the later found (a speaker over the name it was found by). `events` are in position order."""
    for k in range(bisect_left(events, before, key=lambda e: e.position) - 1, -1, -1):
        event = events[k]
        if event.speaker.kind in kinds and not (own and event.possessive) and (
                not named_only or event.speaker.entity_id and not event.possessive) and (
                called is None or called.search(event.speaker.text)):
            return event.speaker
    return None


def recent_plural_speaker(events: list[Event], before: int) -> Speaker | None:
    """The nearest speaker before a position that is several people ("two Iraqi officials", "Sadr and Amiri"):
    what "they said" refers to before any organization merely named."""
    plural = [e for e in events if e.position < before and not e.mention and PLURAL.search(e.speaker.text)]
    return max(plural, key=lambda e: e.position).speaker if plural else None


def plural_subject_before(paragraph: str, sentence: int | None, speech) -> str | None:
    """The subject of the sentence before, in the same paragraph, if it is several people: what "they said"
    refers to ("Some Iraqi officials dismissed … But they said …"); `speech`: the reporting verbs."""
    if not sentence:
        return None
    previous = re.split(r"[.!?][”\"’]?\s+(?=[A-Z“])", paragraph[:sentence].rstrip())[-1]
    verbs = [m.start() for m in (FIRST_VERB.search(previous), speech.pattern.search(previous) if speech else None) if m]
    subject = previous[: min(verbs)].strip() if verbs else ""
    return subject if PLURAL_SUBJECT.fullmatch(subject) else None


def from_phrase(phrase: str, offset: int, verb: str, paragraph: str, mentions, types, events: list[Event],
                people: dict[str, str], position: int, sentence: int | None = None, paragraph_offset: int = 0,
                governments: dict[str, str] | None = None, speech=None, **_) -> Speaker | None:
    """The speaker a phrase names: a name, a pronoun, a definite description or an anonymous source. A pronoun's
    antecedent stands before the quotation; a description's ("the paper", "the statement") before the sentence
    that holds it (`sentence`), whose own names are what it speaks of."""
    before_sentence = position if sentence is None else sentence
    phrase = unmasked(phrase)  # "Rep. Jerry Nadler", "The U.S.": found where an abbreviation's stop is masked
    offset += len(phrase) - len(phrase.lstrip(" ,:’‘•“”\""))  # `offset` is where the phrase starts, spaces and all
    phrase = re.sub(r"\s*[“”\"]\s*", " ", phrase).strip(" ,:’‘•")  # the chief’s “recruiting officer”
    phrase = re.sub(r"(?<![A-Z])\.$", "", phrase)  # "…, according to Israeli rescue services."; not "U.S."
    phrase = RELATIVE.split(phrase)[0]  # "a source … who spoke to Anadolu Agency on the condition that …"
    dateline = DATELINE_DASH.match(phrase)  # "BAGHDAD, Sept 28 (Reuters) – Washington": the dateline is no one
    if dateline and not re.search(r"\b[a-z]", paragraph[: offset + dateline.end()]):  # opening the paragraph
        offset += dateline.end()
        phrase = phrase[dateline.end():]
    if not re.search(r"\w", phrase):
        return None
    trimmed = phrase.split()
    while len(trimmed) > 1 and (trimmed[-1] in TRAILING_VERBS or ADVERB.fullmatch(trimmed[-1])):
        trimmed.pop()  # "the hard-line Iranian newspaper Keyhan bluntly"
    phrase = " ".join(trimmed)
    conjunction = LEADING_CONJUNCTION.match(phrase)
    if conjunction:
        offset, phrase = offset + conjunction.end(), phrase[conjunction.end():]
    first = phrase.split()[0].lower()
    if first in PRONOUNS:
        kinds = {"person": ("person",), "organization": ("organization",)}.get(PRONOUNS[first], ("organization", "person"))
        if first == "they":
            subject = plural_subject_before(paragraph, before_sentence - paragraph_offset if sentence is not None else None,
                                            speech)
            if subject:
                return Speaker(subject, None, verb, "person")
        found = (recent_plural_speaker(events, position) if first == "they" else None) or recent(events, position, kinds)
        return antecedent(found, verb) if found else Speaker(phrase.split()[0], None, verb, "person")
    key = name_key(phrase)
    government = (governments or {}).get(speaker_key(phrase))
    if government and not (key and key[-1] in people):  # "Washington warned"; not after "Denzel Washington"
        return Speaker(phrase, government, verb, "organization")
    inside = [m for m in mentions_between(offset, offset + len(phrase), mentions) if not possessive(paragraph, m)]
    organization = [m for m in inside if types.get(m.entity_id) == "organization"]
    if organization and STATEMENT_BY.match(phrase):
        return Speaker(phrase, organization[0].entity_id, verb, "organization")
    authored = AUTHORED.match(phrase)
    noun_start, noun_end = (offset + authored.start("noun"), offset + authored.end("noun")) if authored else (0, 0)
    authors = [m for m in inside if types.get(m.entity_id) in ("person", "organization") and authored
               and (m.end <= noun_start or BY_AUTHOR.fullmatch(paragraph, noun_end, m.start))]
    if authors:  # "an estimate by the U.S. Geological Survey", "a new Defense Department study"; not "a study of Hamas"
        return named(phrase, authors[0], verb, types[authors[0].entity_id])
    if INDEFINITE.match(phrase) or ANONYMITY.search(phrase):
        return Speaker(phrase, None, verb, "organization" if STATEMENT_BY.match(phrase) else "person")
    head = HEAD_OF.match(phrase)
    if head and not any(offset + head.start("head") > m.start for m in inside):
        return Speaker(phrase, None, verb, "person")  # "The followers of Muqtada al-Sadr", "Seismologists at …"
    owned = OWNED_DOCUMENT.match(phrase)
    owners = [m for m in mentions_between(offset, offset + len(phrase), mentions)
              if owned and m.end <= offset + owned.end("owner") and types.get(m.entity_id) in ("person", "organization")]
    if owners:  # "Al-Sadr’s message asked …": whose message it is
        return named(phrase, owners[-1], verb, types[owners[-1].entity_id])
    person = [m for m in inside if types.get(m.entity_id) == "person"]
    if person:  # of several, the head of the phrase, its last words: "Channel 9 Meteorologist Jane Roe"
        head = next((m for m in person if not paragraph[m.end: offset + len(phrase)].strip(" .")), person[0])
        return named(phrase, head, verb, "person")
    if organization and MEMBER_AFTER.match(paragraph, organization[-1].end, offset + len(phrase)):
        return Speaker(phrase, None, verb, "person")  # "Israel Defense Forces (IDF) spokesperson": someone unnamed
    definite = DEFINITE.match(phrase)
    if definite and definite["head"].lower() in PERSON_TITLES:  # "the cleric": the last person named, not one in the possessive
        found = recent(events, before_sentence, ("person",), own=True)
        if found and found.entity_id:
            return Speaker(found.text, found.entity_id, verb, "person", phrase)
    if organization:
        return named(phrase, organization[0], verb, "organization")
    document = DOCUMENT.match(phrase)
    if document:  # "the report read", "The passage read:", "The paper also warned": its author or publisher
        first = "person" if document["noun"].lower() in WRITINGS else "organization"
        found = (recent(events, before_sentence, (first,), named_only=True)
                 or recent(events, before_sentence, ("organization", "person"), named_only=True))
        if found:
            return Speaker(found.text, found.entity_id, verb, found.kind, phrase)
    if ARMED_FORCE.fullmatch(phrase):  # "the army said": the armed force named last
        found = recent(events, before_sentence, ("organization",), called=ARMED_NAME)
        if found:
            return Speaker(found.text, found.entity_id, verb, "organization", phrase)
    if DEFINITE_GROUP.match(phrase) and not re.search(r"\s[A-Z]", phrase):  # "the group"; not "the Gazan ministry"
        found = recent(events, before_sentence, ("organization",))
        return Speaker(found.text if found else phrase, found.entity_id if found else None, verb, "organization",
                       phrase if found else None)
    if key and len(phrase.split()) <= 3 and key[-1] in people:
        return Speaker(phrase, people[key[-1]], verb, "person")
    if len(words(phrase)) > 12 or CONJUNCTION.match(phrase):
        return None
    return Speaker(phrase, None, verb, "person")


def introducer(paragraph: str, mentions: list[ResolvedMention], types: dict[str, str]) -> Speaker | None:
    """The person (else organization) a paragraph ending in a colon names last: the author of the quotation
    that follows ("… as chronicled by John E. Ebel, director of the Weston observatory:")."""
    for kind in ("person", "organization"):
        named_here = [m for m in mentions if types.get(m.entity_id) == kind and not possessive(paragraph, m)]
        if named_here:
            return Speaker(without_titles(named_here[-1].surface), named_here[-1].entity_id, "write", kind)
    return None
