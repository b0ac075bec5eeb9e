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
    "describes": "describe", "describe": "describe",
}
# What may follow the verb of an attribution after a quoted sentence: “….” Mohie asked / X told Rudaw / X said on Monday
ATTRIBUTION_TAIL = re.compile(r"$|[.,;!?]|(?:in|on|at|to|during|after|before|from|via|through|late|early)\b|[A-Z]")
VERB = re.compile(r"\b(" + "|".join(sorted(VERBS, key=len, reverse=True)) + r")\b")
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "organization", "him": "person"}
TITLE_AFTER = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}(?:tool|app|website|system|program(?:me)?|campaign|hashtag|series|"
                         r"slogan|poster|banner|book|film|documentary)\b")  # the “Did you feel it?” web reporting system
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
                             r"secretary|commander|chief|prime minister|general|ayatollah|head|director|envoy|"
                             r"ambassador|scientist|professor|author|seismologist|geologist)(?:\s+of\b.*)?$", re.I)
DOCUMENT = re.compile(r"^(?:the|this|that|its|his|her|their|a later)\s+(?:[\w-]+\s+){0,2}(?P<noun>report|update|"
                      r"passage|book|paper|newspaper|document|letter|tweet|post|message|memo|study|article|website)$",
                      re.I)
WRITINGS = {"passage", "book", "letter", "tweet", "post", "message", "article"}  # a person's; the rest an organization's
ADVERB = re.compile(r"[a-z]{3,}ly")  # "bluntly", "reportedly": not part of who spoke
SPEAKER_TITLES = {"gen", "general", "lt", "col", "maj", "brig", "adm", "sgt", "capt", "president", "premier",
                  "minister", "secretary", "prime", "defense", "defence", "foreign", "justice", "interior", "chief",
                  "police", "professor", "prof", "grand", "ayatollah", "sheikh", "sayyid", "sayyed", "crown", "prince",
                  "king", "spokesman", "spokeswoman", "spokesperson", "commander", "u.s", "us", "senator", "sen",
                  "rep", "governor", "gov", "mayor", "judge", "deputy", "former", "senior", "state", "army"}
DEFINITE_GROUP = re.compile(r"^(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:statement|group|movement|militia|party|"
                            r"office|ministry|organi[sz]ation|brigades?|faction)$", re.I)
ASIDE = re.compile(r"^(?:who|whose|which|speaking|citing|requesting|asking)\b", re.I)  # a clause set off by commas
PARTICIPLE = re.compile(r"^\w+ing\b")  # "saying", "adding", "going on to say": continues the sentence's subject
CONJUNCTION = re.compile(r"^(?:and|but|or|while|as|so|then|if|that|which|when)\b", re.I)
ADVERBS = {"further", "also", "then", "later", "again", "previously", "reportedly", "once", "had", "has", "have"}
ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<who>[^,.;:“”\"]+)")  # “…,” according to X / According to X, …
RECALLED = re.compile(r"\b(?:recalled|quoted|remembered|heard|cited)\s+(?!as\s)(?P<name>[A-Za-z][^,.;“”\"]*?)\s+(?:as\s+)?saying\b")


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_entity_id: str | None
    verb: str | None
    kind: str  # speech, fragment or title
    speaker_description: str | None = None  # the words describing the speaker, as written


@dataclass(frozen=True)
class Span:
    start: int  # of the text, inside the marks
    end: int
    open_mark: bool  # the text had its opening mark
    close_mark: bool


OPEN_ATTRIBUTION = re.compile(r",\s+(?=(?:Mr|Mrs|Ms|Dr|[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3}\s+"
                              r"(?:said|says|told|added|wrote|warned)\b[,.])")


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
        opening = c == OPENING or (c in '"”' and is_opening_straight(paragraph, i)
                                   and paragraph[i + 1: i + 2].isalnum())  # ”we can’t …,”: a closing mark used to open
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
        inside = OPEN_ATTRIBUTION.search(paragraph, opened + 1)
        if inside:  # “Some politicians believe …, Mr Al Sadr said, in …: the closing mark was lost
            spans.append(Span(opened + 1, inside.start(), True, True))
        else:
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
    """"Justice Minister Ayelet Shaked" -> "Ayelet Shaked", "Gen. Mark Milley" -> "Mark Milley"; "Mr Al Sadr" stays."""
    parts = name.split()
    while len(parts) > 2 and parts[0].lower().strip(".") in SPEAKER_TITLES:
        parts.pop(0)
    return " ".join(parts)


def antecedent(found: Speaker, pronoun: str, verb: str) -> Speaker:
    """A pronoun's speaker: the nearest fitting one before it, its name or description."""
    return Speaker(found.text, found.entity_id, verb, found.kind, found.description)


@dataclass(frozen=True)
class Event:
    position: int  # offset in the body
    speaker: Speaker
    possessive: bool = False  # a name in the possessive ("Kubrick’s film"): an antecedent, never an author


def mentions_between(start: int, end: int, mentions):
    return [m for m in mentions if start <= m.start and m.end <= end]


def possessive(paragraph: str, m: ResolvedMention) -> bool:
    return paragraph[m.end: m.end + 2] in ("’s", "'s") or paragraph[m.end: m.end + 1] == "’"


def recent(events: list[Event], before: int, kinds: tuple[str, ...], named_only: bool = False) -> Speaker | None:
    """The last speaker or name of these kinds before a position (if `named_only`, a name not in the possessive)."""
    for event in reversed(events):
        if event.position < before and event.speaker.kind in kinds and (
                not named_only or event.speaker.entity_id and not event.possessive):
            return event.speaker
    return None


def from_phrase(phrase: str, offset: int, verb: str, paragraph: str, mentions, types, events: list[Event],
                people: dict[str, str], position: int, sentence: int | None = None, **_) -> Speaker | None:
    """The speaker a phrase names: a name, a pronoun, a definite description or an anonymous source. A pronoun's
    antecedent stands before the quotation; a description's ("the paper", "the statement") before the sentence
    that holds it (`sentence`), whose own names are what it speaks of."""
    before_sentence = position if sentence is None else sentence
    phrase = re.sub(r"\s*[“”\"]\s*", " ", phrase).strip(" ,:’‘•")  # the chief’s “recruiting officer”
    if not re.search(r"\w", phrase):
        return None
    trimmed = phrase.split()
    while len(trimmed) > 1 and (trimmed[-1] in TRAILING_VERBS or ADVERB.fullmatch(trimmed[-1])):
        trimmed.pop()  # "the hard-line Iranian newspaper Keyhan bluntly"
    phrase = " ".join(trimmed)
    first = phrase.split()[0].lower()
    if first in PRONOUNS:
        kinds = {"person": ("person",), "organization": ("organization",)}.get(PRONOUNS[first], ("organization", "person"))
        found = recent(events, position, kinds)
        return antecedent(found, first, verb) if found else Speaker(phrase.split()[0], None, verb, "person")
    inside = [m for m in mentions_between(offset, offset + len(phrase), mentions) if not possessive(paragraph, m)]
    organization = [m for m in inside if types.get(m.entity_id) == "organization"]
    if organization and STATEMENT_BY.match(phrase):
        return Speaker(phrase, organization[0].entity_id, verb, "organization")
    if INDEFINITE.match(phrase) or ANONYMITY.search(phrase):
        return Speaker(phrase, None, verb, "organization" if STATEMENT_BY.match(phrase) else "person")
    person = [m for m in inside if types.get(m.entity_id) == "person"]
    if person:
        return named(phrase, person[0], verb, "person")
    if DEFINITE_PERSON.match(phrase):
        found = recent(events, before_sentence, ("person",))
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
    if DEFINITE_GROUP.match(phrase):
        found = recent(events, before_sentence, ("organization",))
        return Speaker(found.text if found else phrase, found.entity_id if found else None, verb, "organization",
                       phrase if found else None)
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
    if next_start and CONJUNCTION.match(rest):
        return None  # “A,” and Times of Israel cited a minister as saying, “B”: the lead-in of the next quotation
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
        if re.match(r"\s+that\b", after):
            return None  # “…,” adding that Hamas would …: the sentence goes on, its subject spoke
        phrase = re.split(r"[,.;:(]| who | whose | in | on | at | after | during ", after, maxsplit=1)[0]
        return from_phrase(phrase, offset + verb.end() + (len(after) - len(after.lstrip())), lemma, paragraph, **context)
    phrase = before.strip(" ,”\"’")
    if paragraph[span.end - 1] in ".!?" and not ATTRIBUTION_TAIL.match(clause[verb.end():].lstrip()):
        return None  # “… a first step.” Hakim also urged calm: a new sentence with its own object
    if CONJUNCTION.match(phrase) and "," in phrase:
        phrase = phrase.rsplit(",", 1)[1].strip()  # “…” and that worse attacks could follow, Mr Mohi said
    if CONJUNCTION.match(phrase) or len(words(phrase)) > 12:
        return None
    segments = [x for x in phrase.split(",") if x.strip()]
    named_segments = [x for x in segments if mentions_between(offset + clause.find(x.strip()),
                                                               offset + clause.find(x.strip()) + len(x.strip()),
                                                               context["mentions"])]
    phrase = (named_segments or segments[-1:] or [phrase])[0].strip()  # “…,” a city in Gaza, security sources said
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
    earlier = [s.end for s in spans if start <= s.end < quote_start and VERB.search(paragraph[s.end:quote_start])]
    if earlier:  # “A,” and Times of Israel cited an unnamed minister as saying, “B.”: B's own lead-in
        start = earlier[-1] + 1
    text = paragraph[start:quote_start]
    recalled = RECALLED.search(text)
    if recalled:
        return from_phrase(recalled["name"], start + recalled.start("name"), "say", paragraph, **context)
    context = {**context, "sentence": context["paragraph_offset"] + sentence_start(paragraph, quote_start, spans)}
    verbs = [v for v in VERB.finditer(text) if not any(s.start <= start + v.start() < s.end for s in spans)]
    if not verbs:
        according = ACCORDING_TO.search(text)  # "According to X, a spokesman, the militia “…”"
        if according and "," in text[according.end():]:
            return from_phrase(according["who"], start + according.start("who"), "say", paragraph, **context)
        return None
    verb = verbs[-1]
    reporting = [v for v in verbs if re.match(r"\s+that\b", text[v.end():])]
    if reporting and reporting[0] is not verb:
        verb = reporting[0]  # "The paper also warned that if al-Sadr continued …, “…”": what follows "that" is said
    if PARTICIPLE.match(verb.group(1)) and text[: verb.start()].rstrip().endswith(",") and len(verbs) > 1:
        verb = verbs[0]  # "The statement accused …, saying “…”": the sentence's subject speaks
    according = list(ACCORDING_TO.finditer(text))
    if according and according[-1].start() > verb.end() and "," in text[according[-1].end():]:
        who = according[-1]  # "…, observers said, … in which, according to a close friend, “…”"
        return from_phrase(who["who"], start + who.start("who"), "say", paragraph, **context)
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
        return named(people[0].surface, people[0], lemma, "person")
    organizations = [m for m in outside if types.get(m.entity_id) == "organization" and not possessive(paragraph, m)]
    if organizations:
        return named(organizations[0].surface, organizations[0], lemma, "organization")
    segments = [segment.strip() for segment in text[: verb.start()].split(",") if segment.strip()] or [""]
    while len(segments) > 1 and (ASIDE.match(segments[-1]) or PARTICIPLE.match(segments[-1])):
        segments.pop()  # "A senior official, who spoke on condition of anonymity, said:", "He …, going on to say"
    subject = segments[-1]
    subject_offset = start + text.find(subject) if subject else start
    return from_phrase(subject, subject_offset, lemma, paragraph, **context)


def quote_kind(text: str, before: str, after: str = "") -> str:
    if TITLE_CUES.search(before) or TITLE_AFTER.match(after):
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
    introduced: Speaker | None = None  # who a paragraph ending in a colon introduces: "as chronicled by X:"
    for offset, paragraph in paragraphs(body):
        spans = quoted_spans(paragraph)
        local = [ResolvedMention(m.entity_id, m.field, m.caption, m.surface, m.start - offset, m.end - offset)
                 for m in mentions if m.field == "body" and offset <= m.start < offset + len(paragraph)]
        for m in local:
            if types.get(m.entity_id) in ("person", "organization") and not any(s.start <= m.start < s.end for s in spans):
                events.append(Event(offset + m.start, Speaker(without_titles(m.surface), m.entity_id, "say",
                                                              types[m.entity_id]), possessive(paragraph, m)))
                key = name_key(m.surface)
                if types[m.entity_id] == "person" and key:
                    people[key[-1]] = m.entity_id
        context = {"mentions": local, "types": types, "events": events, "people": people, "position": 0,
                   "paragraph_offset": offset}
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
                speaker = neighbours[0] if neighbours else (
                    (introduced or last) if span.start <= 1 else None)
            start, end = clean(paragraph, span)
            if start >= end:
                continue
            text = paragraph[start:end]
            kind = quote_kind(text, paragraph[max(0, span.start - 30): max(0, span.start - 1)],
                              paragraph[span.end + 1: span.end + 30])
            quotes.append(Quote(text, offset + start, offset + end, speaker.text if speaker else None,
                                speaker.entity_id if speaker else None, speaker.verb if speaker else None, kind,
                                speaker.description if speaker else None))
            if speaker is not None and kind == "speech":
                last = speaker
                events.append(Event(offset + span.start, speaker))
        introduced = introducer(paragraph, local, types) if paragraph.rstrip().endswith(":") and not spans else None
    return quotes


def introducer(paragraph: str, mentions: list[ResolvedMention], types: dict[str, str]) -> Speaker | None:
    """The person (else organization) a paragraph ending in a colon names last: the author of the quotation
    that follows ("… as chronicled by John E. Ebel, director of the Weston observatory:")."""
    for kind in ("person", "organization"):
        named_here = [m for m in mentions if types.get(m.entity_id) == kind and not possessive(paragraph, m)]
        if named_here:
            return Speaker(without_titles(named_here[-1].surface), named_here[-1].entity_id, "write", kind)
    return None
