"""Stage 5, find quotes: direct quotations in an article body, their speakers and reporting verbs.

A quotation is the text between quotation marks within one paragraph; a mark
left open runs to the end of its paragraph (never further), and a closing mark
with no opening one starts at the paragraph's start. The attribution is read
from the clause after the quotation (“…,” he said) or, failing that, the clause
before it (Salih said: “…”). Pronouns and descriptions resolve to the last
fitting named speaker; a paragraph that only continues a quotation keeps the
previous speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import name_key
from .model import ResolvedMention
from .text import words

OPENING = "“"
QUOTATION_MARK = re.compile('[“”"]')
VERBS = {
    "said": "say", "says": "say", "say": "say", "saying": "say", "told": "tell", "tells": "tell", "telling": "tell",
    "added": "add", "adds": "add", "wrote": "write", "writes": "write", "writing": "write", "tweeted": "tweet",
    "tweets": "tweet", "warned": "warn", "warns": "warn", "asked": "ask", "asks": "ask", "stressed": "stress",
    "explained": "explain", "noted": "note", "recalled": "recall", "claimed": "claim", "claims": "claim",
    "declared": "declare", "announced": "announce", "insisted": "insist", "urged": "urge", "replied": "reply",
    "decried": "decry", "read": "read", "reads": "read", "stated": "state", "states": "state",
    "described": "describe", "called": "call", "calls": "call", "posted": "post", "commented": "comment",
    "argued": "argue", "continued": "continue", "remarked": "remark", "threatened": "threaten",
    "vowed": "vow", "believed": "believe", "hoped": "hope", "accused": "accuse", "reiterated": "reiterate",
    "condemned": "condemn", "demanded": "demand", "interjected": "interject", "reiterates": "reiterate",
    "reminded": "remind", "remind": "remind", "threaten": "threaten", "telling": "tell", "quoted": "say",
    "tweeting": "tweet", "responded": "respond", "says": "say", "explains": "explain", "adding": "add",
}
# What may follow the verb of an attribution after a quoted sentence: “….” Mohie asked / X told Rudaw / X said on Monday
ATTRIBUTION_TAIL = re.compile(r"$|[.,;!?]|(?:in|on|at|to|during|after|before|from|via|through|late|early)\b|[A-Z]")
VERB = re.compile(r"\b(" + "|".join(sorted(VERBS, key=len, reverse=True)) + r")\b")
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "organization", "him": "person"}
TITLE_CUES = re.compile(r"(?:titled|title|entitled|headlined|headline|poster|banner|slogan|hashtag|page)\s*,?\s*$", re.I)
ANONYMITY = re.compile(r"\b(anonymity|anonymous|not authori[sz]ed|declined to be named|requested anonymity)\b", re.I)
ATTRIBUTION_REACH = 160  # characters of a clause read for an attribution
SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bGen)(?<!\bLt)(?<!\bCol)(?<!\bSt)(?<!\bNo)(?<!\bGov)(?<!\bSen)"
    r"[.!?][”\"’)]*\s+(?=[A-Z“\"‘])"
)
TRAILING_VERBS = {"went", "on", "to", "also", "further", "then", "later", "again", "has", "had", "have", "was", "is",
                  "were", "are", "would", "will"}
STATEMENT_BY = re.compile(r"^(?:an?|the)\s+(?:[\w-]+\s+)?statement\b", re.I)
INTRODUCTION = re.compile(r"^(?:In|On|At|During|After|Before|Following|Ahead|Asked|According|Echoing|Referring|With|"
                          r"Despite|Under|Within|Addressing|Speaking|Reiterating)\b")
INDEFINITE = re.compile(r"^(?:an?|another|one|two|three|several|some|many|other|western|senior|local)\b", re.I)
DEFINITE_PERSON = re.compile(r"^the\s+(?:[\w-]+\s+){0,2}(?:premier|cleric|president|spokes\w+|leader|minister|"
                             r"secretary|commander|chief|prime minister|general|ayatollah)(?:\s+of\b.*)?$", re.I)
DEFINITE_GROUP = re.compile(r"^(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:statement|group|movement|militia|party|"
                            r"office|ministry|organi[sz]ation|brigades?|faction)$", re.I)
ASIDE = re.compile(r"^(?:who|whose|which|speaking|citing|requesting|asking)\b", re.I)  # a clause set off by commas
CONJUNCTION = re.compile(r"^(?:and|but|or|while|as|so|then|if|that|which|when)\b", re.I)
ADVERBS = {"further", "also", "then", "later", "again", "previously", "reportedly", "once", "had", "has", "have"}
ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<who>[^,.;:“”\"]+)")  # “…,” according to X / According to X, …
RECALLED = re.compile(r"\b(?:recalled|quoted|remembered|heard)\s+(?P<name>[A-Z][^,.;]*?)\s+(?:as\s+)?saying\b")


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_entity_id: str | None
    verb: str | None
    kind: str  # speech, fragment or title


@dataclass(frozen=True)
class Span:
    start: int  # of the text, inside the marks
    end: int
    open_mark: bool  # the text had its opening mark
    close_mark: bool


def paragraphs(body: str) -> list[tuple[int, str]]:
    result, offset = [], 0
    for paragraph in body.split("\n\n"):
        result.append((offset, paragraph))
        offset += len(paragraph) + 2
    return result


def is_opening_straight(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in " \t([—–-/"


def quoted_spans(paragraph: str) -> list[Span]:
    """The quoted stretches of one paragraph, by the positions of its double quotation marks."""
    marks = []
    for m in QUOTATION_MARK.finditer(paragraph):
        i, c = m.start(), m.group()
        opening = c == OPENING or (c == '"' and is_opening_straight(paragraph, i))
        marks.append((i, "open" if opening else "close"))
    spans, opened = [], None
    for i, kind in marks:
        if kind == "open":
            if opened is None:
                opened = i
        elif opened is not None:
            spans.append(Span(opened + 1, i, True, True))
            opened = None
        elif not spans and paragraph[:i].strip():
            spans.append(Span(0, i, False, True))  # the opening mark is missing in the source
    if opened is not None:
        spans.append(Span(opened + 1, len(paragraph), True, False))
    return spans


def clean(paragraph: str, span: Span) -> tuple[int, int]:
    """Offsets of the quoted words without surrounding spaces and a trailing comma."""
    start, end = span.start, span.end
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and (paragraph[end - 1].isspace() or paragraph[end - 1] == ","):
        end -= 1
    return start, end


def clause_after(paragraph: str, end: int, next_start: int) -> str:
    text = paragraph[end + 1: next_start - 1 if next_start else None][:ATTRIBUTION_REACH]
    sentence_end = SENTENCE_BREAK.search(text)  # not at "U.S." or "Gen."
    return text[: sentence_end.start() + 1] if sentence_end else text


def sentence_start(paragraph: str, position: int, spans: list[Span]) -> int:
    """Where the sentence holding `position` starts, ignoring full stops inside quotations."""
    start = 0
    for m in SENTENCE_BREAK.finditer(paragraph[: position + 1]):
        if not any(s.start <= m.start() < s.end for s in spans):
            start = m.end()
    return start


@dataclass(frozen=True)
class Speaker:
    text: str
    entity_id: str | None
    verb: str
    kind: str = "person"  # person or organization: what a later pronoun may refer to


@dataclass(frozen=True)
class Event:
    position: int  # offset in the body
    speaker: Speaker


def mentions_between(start: int, end: int, mentions):
    return [m for m in mentions if start <= m.start and m.end <= end]


def possessive(paragraph: str, m: ResolvedMention) -> bool:
    return paragraph[m.end: m.end + 2] in ("’s", "'s") or paragraph[m.end: m.end + 1] == "’"


def recent(events: list[Event], before: int, kinds: tuple[str, ...]) -> Speaker | None:
    for event in reversed(events):
        if event.position < before and event.speaker.kind in kinds:
            return event.speaker
    return None


def from_phrase(phrase: str, offset: int, verb: str, paragraph: str, mentions, types, events: list[Event],
                people: dict[str, str], position: int) -> Speaker | None:
    """The speaker a phrase names: a name, a pronoun, a definite description or an anonymous source."""
    phrase = phrase.strip(" ,:“”\"’‘")
    if not re.search(r"\w", phrase):
        return None
    trimmed = phrase.split()
    while len(trimmed) > 1 and trimmed[-1] in TRAILING_VERBS:
        trimmed.pop()
    phrase = " ".join(trimmed)
    first = phrase.split()[0].lower()
    if first in PRONOUNS:
        kinds = {"person": ("person",), "organization": ("organization",)}.get(PRONOUNS[first], ("organization", "person"))
        found = recent(events, position, kinds)
        return Speaker(phrase.split()[0], found.entity_id if found else None, verb, found.kind if found else "person")
    inside = mentions_between(offset, offset + len(phrase), mentions)
    organization = [m for m in inside if types.get(m.entity_id) == "organization"]
    if organization and STATEMENT_BY.match(phrase):
        return Speaker(phrase, organization[0].entity_id, verb, "organization")
    if INDEFINITE.match(phrase) or ANONYMITY.search(phrase):
        return Speaker(phrase, None, verb, "organization" if STATEMENT_BY.match(phrase) else "person")
    person = [m for m in inside if types.get(m.entity_id) == "person" and not possessive(paragraph, m)]
    if person:
        return Speaker(phrase, person[0].entity_id, verb, "person")
    if DEFINITE_PERSON.match(phrase):
        found = recent(events, position, ("person",))
        if found and found.entity_id:
            return Speaker(phrase, found.entity_id, verb, "person")
    if organization:
        return Speaker(phrase, organization[0].entity_id, verb, "organization")
    if DEFINITE_GROUP.match(phrase):
        found = recent(events, position, ("organization",))
        return Speaker(phrase, found.entity_id if found else None, verb, "organization")
    key = name_key(phrase)
    if key and len(phrase.split()) <= 3 and key[-1] in people:
        return Speaker(phrase, people[key[-1]], verb, "person")
    if len(words(phrase)) > 12 or CONJUNCTION.match(phrase):
        return None
    return Speaker(phrase, None, verb, "person")


def attribution_after(paragraph: str, span: Span, next_start: int, context: dict) -> Speaker | None:
    """“…,” X said / “…,” said X / “…,” he told Al Jazeera / “…,” according to X."""
    clause = clause_after(paragraph, span.end, next_start)
    offset = span.end + 1
    rest = clause.lstrip(" ,")
    according = ACCORDING_TO.match(rest)
    if according:
        who_offset = offset + len(clause) - len(rest) + according.start("who")
        return from_phrase(according["who"], who_offset, "say", paragraph, **context)
    verb = VERB.search(clause)
    if not verb:
        return None
    before = clause[: verb.start()]
    lemma = VERBS[verb.group(1)]
    recalled = RECALLED.search(clause)
    if recalled:
        return from_phrase(recalled["name"], offset + recalled.start("name"), "say", paragraph, **context)
    if not before.strip(" ,”\"’"):
        after = clause[verb.end():]
        phrase = re.split(r"[,.;:(]| who | whose | in | on | at | after | during ", after, maxsplit=1)[0]
        return from_phrase(phrase, offset + verb.end() + (len(after) - len(after.lstrip())), lemma, paragraph, **context)
    phrase = before.strip(" ,”\"’")
    if paragraph[span.end - 1] in ".!?" and not ATTRIBUTION_TAIL.match(clause[verb.end():].lstrip()):
        return None  # “… a first step.” Hakim also urged calm: a new sentence with its own object
    if CONJUNCTION.match(phrase) and "," in phrase:
        phrase = phrase.rsplit(",", 1)[1].strip()  # “…” and that worse attacks could follow, Mr Mohi said
    if CONJUNCTION.match(phrase) or len(words(phrase)) > 12:
        return None
    phrase = phrase.split(",")[0]
    phrase_offset = offset + clause.find(phrase)
    words_ = phrase.split()
    while words_ and words_[-1].lower() in ADVERBS:
        words_.pop()
    return from_phrase(" ".join(words_), phrase_offset, lemma, paragraph, **context)


def bracketed(paragraph: str, m: ResolvedMention) -> bool:
    """A name alone in brackets, as a dateline's outlet tag "BAGHDAD (Reuters) -": not the sentence's subject."""
    return paragraph[m.start - 1: m.start] == "(" and paragraph[m.end: m.end + 1] == ")"


def attribution_before(paragraph: str, span: Span, spans: list[Span], context: dict) -> Speaker | None:
    """X said: “…” / X told Al Jazeera that “…” / he said “…”: the sentence's subject before its verb; or
    "According to X, …"."""
    quote_start = span.start - 1
    start = sentence_start(paragraph, quote_start, spans)
    text = paragraph[start:quote_start]
    verbs = [v for v in VERB.finditer(text) if not any(s.start <= start + v.start() < s.end for s in spans)]
    if not verbs:
        according = ACCORDING_TO.search(text)  # "According to X, a spokesman, the militia “…”"
        if according and "," in text[according.end():]:
            return from_phrase(according["who"], start + according.start("who"), "say", paragraph, **context)
        return None
    verb = verbs[-1]
    lemma = VERBS[verb.group(1)]
    lead = text[: verb.start()].split()
    while lead and lead[-1].lower().strip(",") in ADVERBS:
        lead.pop()
    mentions, types = context["mentions"], context["types"]
    if lead and lead[-1].lower() in PRONOUNS:
        return from_phrase(lead[-1], start + verb.start() - len(lead[-1]) - 1, lemma, paragraph, **context)
    subject_start = start
    if INTRODUCTION.match(text) and "," in text[: verb.start()]:
        subject_start = start + text.index(",") + 1  # "In a news conference with Salih, Trump said"
    outside = [m for m in mentions_between(subject_start, start + verb.start(), mentions)
               if not any(s.start <= m.start < s.end for s in spans) and not bracketed(paragraph, m)]
    people = [m for m in outside if types.get(m.entity_id) == "person" and not possessive(paragraph, m)]
    people = people or [m for m in outside if types.get(m.entity_id) == "person"]  # "Al-Sadr’s message asked"
    if people:
        return Speaker(people[0].surface, people[0].entity_id, lemma, "person")
    organizations = [m for m in outside if types.get(m.entity_id) == "organization" and not possessive(paragraph, m)]
    if organizations:
        return Speaker(organizations[0].surface, organizations[0].entity_id, lemma, "organization")
    segments = [segment.strip() for segment in text[: verb.start()].split(",") if segment.strip()] or [""]
    while len(segments) > 1 and ASIDE.match(segments[-1]):
        segments.pop()  # "A senior official, who spoke on condition of anonymity, said:"
    subject = segments[-1]
    subject_offset = start + text.find(subject) if subject else start
    return from_phrase(subject, subject_offset, lemma, paragraph, **context)


def quote_kind(text: str, before: str) -> str:
    if TITLE_CUES.search(before):
        return "title"
    if len(words(text)) < 4:
        return "fragment"
    return "speech"


def find_quotes(body: str, mentions: list[ResolvedMention], types: dict[str, str]) -> list[Quote]:
    """Every quotation in the body with its speaker, in order."""
    quotes: list[Quote] = []
    events: list[Event] = []
    people: dict[str, str] = {}
    last: Speaker | None = None
    for offset, paragraph in paragraphs(body):
        spans = quoted_spans(paragraph)
        local = [ResolvedMention(m.entity_id, m.field, m.caption, m.surface, m.start - offset, m.end - offset)
                 for m in mentions if m.field == "body" and offset <= m.start < offset + len(paragraph)]
        for m in local:
            if types.get(m.entity_id) in ("person", "organization") and not any(s.start <= m.start < s.end for s in spans):
                events.append(Event(offset + m.start, Speaker(m.surface, m.entity_id, "say", types[m.entity_id])))
                key = name_key(m.surface)
                if types[m.entity_id] == "person" and key:
                    people[key[-1]] = m.entity_id
        context = {"mentions": local, "types": types, "events": events, "people": people, "position": 0}
        found: list[Speaker | None] = []
        for k, span in enumerate(spans):
            context["position"] = offset + span.start
            later = [s for s in spans[k + 1:] if len(words(paragraph[s.start:s.end])) >= 4]  # not “recruiting officer”
            next_start = later[0].start if later else 0
            speaker = attribution_after(paragraph, span, next_start, context) if span.close_mark else None
            if speaker is None and span.open_mark:
                speaker = attribution_before(paragraph, span, spans, context)
            found.append(speaker)
        for k, span in enumerate(spans):
            speaker = found[k]
            if speaker is None:  # “A,” he said. “B.” and continuation paragraphs share the speaker
                neighbours = [s for s in found[:k][::-1] + found[k + 1:] if s]
                speaker = neighbours[0] if neighbours else (last if span.start <= 1 else None)
            start, end = clean(paragraph, span)
            if start >= end:
                continue
            text = paragraph[start:end]
            kind = quote_kind(text, paragraph[max(0, span.start - 30): max(0, span.start - 1)])
            quotes.append(Quote(text, offset + start, offset + end, speaker.text if speaker else None,
                                speaker.entity_id if speaker else None, speaker.verb if speaker else None, kind))
            if speaker is not None and kind == "speech":
                last = speaker
                events.append(Event(offset + span.start, speaker))
    return quotes
