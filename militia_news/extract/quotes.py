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

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .names import name_key
from ..model import ResolvedMention
from ..reference import SpeechVerbs, default_speech
from .reported import reported_in_paragraph, used_as_noun
from .layer import ABBREVIATION_STOP, masked_abbreviations, unmasked
from .speakers import (
    add_event,
    ASIDE,
    PARTICIPLE,
    CONJUNCTION,
    INTRODUCTORY,
    PRONOUNS,
    Event,
    Speaker,
    from_phrase,
    introducer,
    mentions_between,
    named,
    possessive,
    without_titles,
)
from ..text import words

OPENING = "“"
QUOTATION_MARK = re.compile('[“”"]')
DOUBLED_SINGLE = re.compile("''|‘‘|’’")  # two single marks standing for a double one
TRANSCRIPT_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.’' -]{1,40}[A-Z.]):\s+(?=[A-Z])")  # "PENCE: …", "SEN. KAINE: …"
TRANSCRIPT_SPEAKERS = 2  # a transcript's paragraphs open with the labels of two speakers at least
COLON_LABEL = re.compile(r"\s*(?P<who>[^:“”\"]{2,80}?)\s*:\s*")  # "Kathleen Parker, The Washington Post: “…”"
SIGNATURE = re.compile(  # "— Esther Tapia", "– Esther Tapia, Phoenix": who signed the words before
    r"\s*[—–]\s*(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})(?:,\s*[A-Z][^—–“”\"]{0,60})?\s*")
# What may follow the verb of an attribution after a quoted sentence: “….” Mohie asked / X told Rudaw / X said on Monday
ATTRIBUTION_TAIL = re.compile(r"$|[.,;!?]|(?:in|on|at|to|during|after|before|from|via|through|late|early)\b|[A-Z]")
TITLE_AFTER = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}(?:tool|app|website|system|program(?:me)?|campaign|hashtag|series|"
                         r"slogan|poster|banner|book|film|documentary)\b")  # the “Did you feel it?” web reporting system
TITLE_CUES = re.compile(r"(?:titled|title|entitled|headlined|headline|poster|banner|slogan|hashtag|page)\s*,?\s*$", re.I)
SELF_INTRODUCTION = re.compile(r"(?:(?:Hello|Hi|Good (?:morning|afternoon|evening))[,!.]?\s+)?(?:I[’']m|I am|My name is)\s+")
NAME_ENDS = re.compile(r"[.,!]|\s+and\b")
LISTENER_BEFORE = re.compile(r"\b(?:told|telling|tells|tell)\s+(?:the\s+)?$")
LISTENER_REACH = 20  # characters before a name where LISTENER_BEFORE may stand
AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had)\b")
TITLE_CASE_WORDS = 6  # a quoted name or title in title case is at most this long
ATTRIBUTION_REACH = 160  # characters of a clause read for an attribution
SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]*\s+(?=[A-Z“\"‘])")  # an abbreviation's stop is masked (sentences.py)
INTRODUCTION = re.compile(rf"^{INTRODUCTORY}\b")
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


@lru_cache(maxsize=8)
def open_attribution(verbs: str) -> re.Pattern[str]:
    """Where a quotation that lost its closing mark ends: ", Mr Al Sadr said,", ", Rep. Jerry Nadler said," (`verbs`:
    an alternation; a title's stop is masked)."""
    return re.compile(rf",\s+(?=[A-Z][\w’'-]*+{ABBREVIATION_STOP}?(?:\s+[A-Z][\w’'-]+){{0,3}}\s+(?:{verbs})\b[,.])")


def with_doubled_single_marks_as_double(paragraph: str) -> str:
    """Two single marks written for a double one (''…'', ‘‘…’’: The New York Times's archive) as one double mark and a
    space, offset for offset: an opening mark before the quoted words, a closing one after them."""
    if "''" not in paragraph and "‘‘" not in paragraph and "’’" not in paragraph:
        return paragraph
    chars = list(paragraph)
    for m in DOUBLED_SINGLE.finditer(paragraph):
        i = m.start()
        opening = m.group() == "‘‘" or m.group() == "''" and is_opening_straight(paragraph, i) and paragraph[i + 2: i + 3].isalnum()
        chars[i: i + 2] = [" ", "“"] if opening else ["”", " "]
    return "".join(chars)


def transcript_labels(body: str, places: set[int]) -> dict[int, re.Match[str]]:
    """The paragraphs of a transcript, by offset, and the label opening each ("PENCE: …", "KAINE: …"): only where
    two speakers' labels open paragraphs of their own words (no quotation marks); a place (`places`: where the body's
    places start) is a dateline's ("BAGHDAD: …")."""
    labels = {offset: label for offset, paragraph in paragraphs(body)
              if (label := TRANSCRIPT_LABEL.match(paragraph)) and not QUOTATION_MARK.search(paragraph)
              and offset not in places}
    return labels if len({label["label"] for label in labels.values()}) >= TRANSCRIPT_SPEAKERS else {}


def signed(quotes: list[Quote], unattributed: list[int], speaker: Speaker) -> None:
    """The quotations of the paragraph before a signature ("— Esther Tapia") that had no speaker are the signer's."""
    for k in unattributed:
        quotes[k] = dataclasses.replace(quotes[k], speaker=unmasked(speaker.text), speaker_entity_id=speaker.entity_id,
                                        verb=speaker.verb)


def paragraphs(body: str) -> list[tuple[int, str]]:
    result, offset = [], 0
    for paragraph in body.split("\n\n"):
        result.append((offset, paragraph))
        offset += len(paragraph) + 2
    return result


def is_opening_straight(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in " \t([—–-/"


def quoted_spans(paragraph: str, speech: SpeechVerbs) -> list[Span]:
    """The quoted stretches of one paragraph, by the positions of its double quotation marks."""
    marks = []
    for m in QUOTATION_MARK.finditer(paragraph):
        i, c = m.start(), m.group()
        opening = c == OPENING or (c in '"”' and is_opening_straight(paragraph, i) and paragraph[i + 1: i + 2].isalnum()
                                   and (c == '"' or QUOTATION_MARK.search(paragraph, i + 1) is not None))
        # ”we can’t …,”: a closing mark used to open, if a mark closes it; “…, ”reported X: a misplaced closing mark
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
        inside = open_attribution(speech.pattern.pattern).search(paragraph, opened + 1)
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
    sentence_end = SENTENCE_BREAK.search(text)
    return text[: sentence_end.start() + 1] if sentence_end else text


def sentence_start(paragraph: str, position: int, spans: list[Span]) -> int:
    """Where the sentence holding `position` starts, ignoring full stops inside quotations."""
    start = 0
    for m in SENTENCE_BREAK.finditer(paragraph[: position + 1]):
        if not any(s.start <= m.start() < s.end for s in spans):
            start = m.end()
    return start


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
    signature = SIGNATURE.fullmatch(clause)
    if signature:  # “…” — Esther Tapia
        return from_phrase(signature["who"], offset + signature.start("who"), "write", paragraph, **context)
    speech = context["speech"]
    verb = next((v for v in speech.pattern.finditer(clause) if not used_as_noun(clause, v)), None)
    if not verb:  # "“…,” Trump said in remarks": said; "in order to": no verb
        return None
    before = clause[: verb.start()]
    lemma = speech.lemma(verb.group(1))
    recalled = RECALLED.search(clause)
    if recalled:
        return from_phrase(recalled["name"], offset + recalled.start("name"), "say", paragraph, **context)
    if not before.strip(" ,”\"’"):
        after = clause[verb.end():]
        if re.match(r"\s+that\b", after):
            return None  # “…,” adding that Hamas would …: the sentence goes on, its subject spoke
        phrase = re.split(r"[,.;:(]| who | whose | in | on | at | after | during ", after, maxsplit=1)[0]
        return from_phrase(phrase, offset + verb.end(), lemma, paragraph, **context)  # from_phrase skips the space
    phrase = before.strip(" ,”\"’")
    if paragraph[span.end - 1] in ".!?" and (not ATTRIBUTION_TAIL.match(clause[verb.end():].lstrip())
                                             or AUXILIARY.search(phrase)):
        return None  # “… a first step.” Hakim also urged calm / ISIS is threatening to …: a new sentence
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
    start = sentence = sentence_start(paragraph, quote_start, spans)
    speech = context["speech"]
    earlier = [s.end for s in spans if start <= s.end < quote_start and speech.pattern.search(paragraph[s.end:quote_start])]
    shared_subject = earlier and re.match(r"[”\"’\s,]*(?:and|but|then)\s+(?:\w+\s+)??(\w+)", paragraph[earlier[-1]:])
    if earlier and not (shared_subject and shared_subject[1].lower() in speech.base):
        start = earlier[-1] + 1  # “A,” and Times of Israel cited a minister as saying, “B.”: B's own lead-in
    text = paragraph[start:quote_start]
    recalled = RECALLED.search(text)
    if recalled:
        return from_phrase(recalled["name"], start + recalled.start("name"), "say", paragraph, **context)
    context = {**context, "sentence": context["paragraph_offset"] + sentence}
    verbs = [v for v in speech.pattern.finditer(text)
             if not any(s.start <= start + v.start() < s.end for s in spans) and not used_as_noun(text, v)]
    if not verbs:
        according = ACCORDING_TO.search(text)  # "According to X, a spokesman, the militia “…”"
        if according and "," in text[according.end():]:
            return from_phrase(according["who"], start + according.start("who"), "say", paragraph, **context)
        label = COLON_LABEL.fullmatch(text)  # "Kathleen Parker, The Washington Post: “…”": a name, its colon
        if label and any(context["types"].get(m.entity_id) in ("person", "organization") for m in mentions_between(
                start + label.start("who"), start + label.end("who"), context["mentions"])):
            return from_phrase(label["who"], start + label.start("who"), "say", paragraph, **context)
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
    lemma = speech.lemma(verb.group(1))
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


def is_title_case(text: str) -> bool:
    """A short span with every longer word capitalized and no sentence mark: a name, “Newsmaker of the Day”."""
    found = words(text)
    return (len(found) <= TITLE_CASE_WORDS and not re.search(r"[.,;:!?]\s*$", text)
            and all(w[0].isupper() for w in found if len(w) > 3))


def quote_kind(text: str, before: str, after: str = "") -> str:
    if TITLE_CUES.search(before) or TITLE_AFTER.match(after) or is_title_case(text):
        return "title"
    if len(words(text)) < 4:
        return "fragment"
    return "speech"


def self_introduced(paragraph: str, span, mentions: list[ResolvedMention], types: dict[str, str]) -> Speaker | None:
    """The speaker a quotation names in its opening words: “Hello, I’m Marco Rubio. …”."""
    opening = SELF_INTRODUCTION.match(paragraph, clean(paragraph, span)[0])
    name = opening and next((m for m in mentions if m.start == opening.end() and types.get(m.entity_id) == "person"
                             and NAME_ENDS.match(paragraph, m.end)), None)  # not “I’m Joe Biden’s worst nightmare”
    return Speaker(without_titles(name.surface), name.entity_id, "say", "person") if name else None


def next_long_spans(paragraph: str, spans: list[Span]) -> list[Span | None]:
    """For each quotation, the next one of four words or more (not “recruiting officer”), if any."""
    following: list[Span | None] = []
    nearest = None
    for span in reversed(spans):
        following.append(nearest)
        if len(words(paragraph[span.start:span.end])) >= 4:
            nearest = span
    return following[::-1]


def nearest_found(found: list[Speaker | None]) -> list[Speaker | None]:
    """For each quotation, the speaker of the nearest other quotation of its paragraph that has one: the last
    before it, else the first after it."""
    before, after = [], []
    last = None
    for speaker in found:
        before.append(last)
        last = speaker or last
    last = None
    for speaker in reversed(found):
        after.append(last)
        last = speaker or last
    return [b or a for b, a in zip(before, after[::-1])]


def quote_row(paragraph: str, start: int, end: int, offset: int, speaker: Speaker | None, verb: str | None,
              kind: str) -> Quote:
    """A quotation or statement of a paragraph as written (its abbreviations' stops unmasked) at `offset` in the body."""
    return Quote(paragraph[start:end], offset + start, offset + end, unmasked(speaker.text) if speaker else None,
                 speaker.entity_id if speaker else None, verb, kind,
                 unmasked(speaker.description) if speaker and speaker.description else None)


def find_quotes(body: str, mentions: list[ResolvedMention], types: dict[str, str], speech: SpeechVerbs | None = None,
                governments: dict[str, str] | None = None) -> list[Quote]:
    """Every quotation in the body with its speaker, and every reported statement (kind 'reported'), in order
    (`speech`: the reporting verbs, the package's own by default; `governments`: the government each country or
    capital speaks for, by speaker key)."""
    speech = speech or default_speech()
    types = {entity: "organization" if kind == "government" else kind for entity, kind in types.items()}  # speaks as one
    quotes: list[Quote] = []
    events: list[Event] = []
    people: dict[str, str] = {}
    last: Speaker | None = None
    introduced: Speaker | None = None  # who a paragraph ending in a colon introduces: "as chronicled by X:"
    in_body = sorted((m for m in mentions if m.field == "body"), key=lambda m: m.start)
    starts = [m.start for m in in_body]
    labels = transcript_labels(body, {m.start for m in in_body if types.get(m.entity_id) == "place"})
    unattributed: list[int] = []  # the quotations of the paragraph before that named no speaker: a signature's
    for offset, written in paragraphs(body):
        # read with an abbreviation's stops masked ("said Rep. Jerry Nadler") and ''…'' as “…”, offset for offset
        paragraph = with_doubled_single_marks_as_double(masked_abbreviations(written))
        label = labels.get(offset)
        spans = [Span(label.end(), len(paragraph.rstrip()), False, False)] if label else quoted_spans(paragraph, speech)
        first_event = len(events)
        local = [ResolvedMention(m.entity_id, m.field, m.caption, m.surface, m.start - offset, m.end - offset)
                 for m in in_body[bisect_left(starts, offset): bisect_left(starts, offset + len(paragraph))]]
        for m in local:
            if (types.get(m.entity_id) in ("person", "organization") and not any(s.start <= m.start < s.end for s in spans)
                    and not LISTENER_BEFORE.search(paragraph, max(0, m.start - LISTENER_REACH), m.start)):
                # "sources told AFP. They …": not AFP
                add_event(events, Event(offset + m.start, Speaker(without_titles(m.surface), m.entity_id, "say",
                                                                  types[m.entity_id]), possessive(paragraph, m), True))
                key = name_key(m.surface)
                if types[m.entity_id] == "person" and key:
                    people[key[-1]] = m.entity_id
        context = {"mentions": local, "types": types, "events": events, "people": people, "position": 0,
                   "paragraph_offset": offset, "speech": speech, "governments": governments or {}}
        signature = SIGNATURE.fullmatch(paragraph) if not spans else None
        if signature:  # "— Esther Tapia" below the words she wrote
            signed(quotes, unattributed, from_phrase(signature["who"], signature.start("who"), "write", paragraph,
                                                     **context))
        unattributed = []
        found: list[Speaker | None] = []
        long_after = next_long_spans(paragraph, spans)
        for k, span in enumerate(spans):
            context["position"] = offset + span.start
            next_start = long_after[k].start if long_after[k] else 0
            speaker = attribution_after(paragraph, span, next_start, context) if span.close_mark else None
            if (speaker is None or speaker.verb == "report") and span.open_mark:
                # “…,” USA Today reported: who reported it is not who said it, if the sentence names a speaker
                speaker = attribution_before(paragraph, span, spans, context) or speaker
            found.append(speaker)
        if label:  # "PENCE: …": the label names who speaks
            found = [from_phrase(label["label"].title(), label.start("label"), "say", paragraph, **context)]
        for k, (span, neighbour) in enumerate(zip(spans, nearest_found(found))):
            speaker = found[k] or neighbour
            named_here = speaker is not None
            if speaker is None:  # a continuation paragraph keeps the speaker: “A,” he said. / “B.”
                speaker = ((introduced or last) if span.start <= 1 else None) or self_introduced(paragraph, span, local, types)
            start, end = clean(paragraph, span)
            if start >= end:
                continue
            kind = quote_kind(paragraph[start:end], paragraph[max(0, span.start - 30): max(0, span.start - 1)],
                              paragraph[span.end + 1: span.end + 30])
            if not named_here and kind == "speech":
                unattributed.append(len(quotes))
            quotes.append(quote_row(written, start, end, offset, speaker, speaker.verb if speaker else None, kind))
            if speaker is not None and kind == "speech":
                last = speaker
                add_event(events, Event(offset + span.start, speaker))
        statements = reported_in_paragraph(paragraph, spans, context, speech)
        # a name inside what someone is reported to have said is not who a later "he said" refers to
        events[first_event:] = [e for e in events[first_event:] if not (e.mention and any(
            offset + st.start <= e.position < offset + st.end for st in statements))]
        for statement in statements:
            speaker = statement.speaker
            quotes.append(quote_row(written, statement.start, statement.end, offset, speaker, statement.verb, "reported"))
            if speaker is not None:
                add_event(events, Event(offset + statement.start, speaker))
        introduced = introducer(paragraph, local, types) if paragraph.rstrip().endswith(":") and not spans else None
    return sorted(quotes, key=lambda q: (q.start, q.kind))


