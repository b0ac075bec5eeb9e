"""Reported speech: what people are said to have said without quotation marks.

A statement is a reporting frame and its content clause, within one sentence (layer.py):

    X said (that) C          X told Y (that) C           X said in a statement on Monday that C
    X urged Y to C           X called for C               X called on Y to C
    X announced he was …     X expressed concern that C   X cautioned against C    Insisting C, X said …
    C, X said.               C, said X.                   According to X, C        C, according to X.

The verbs and their frames are data (speech.yml). A content clause runs to the sentence's end, or to where a
second frame starts ("…, and warned that …", "…, adding that …"). Not statements: a verb of thought, a
question, a hypothetical ("would say"), a noun ("Sadr's calls for calm"), content wholly inside quotation
marks (a direct quotation, found by quotes.py) and a frame with no content clause ("declined to comment").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import lemminflect

from ..reference import SpeechVerbs
from .layer import sentences
from .speakers import (ASIDE, AUXILIARY, DOCUMENTS, FINITE, FIRST_VERB, HEAD_OF, INTRODUCTORY, LEADING_CONJUNCTION, MEMBER_AFTER,
                       PARTICIPLE, PEOPLE, PERSON, RELATIVE, Speaker, from_phrase, mentions_between, named, possessive,
                       without_titles)
from ..vocabulary import SPEAKER_TITLES

ADVERB_OPENERS = (r"(?:in|on|at|during|after|before|via|through|from|by|as|with|along|amid|late|early|last|this|earlier|"
                  r"later|yesterday|today|again|also|previously|repeatedly|publicly|privately|separately|recently|"
                  r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# What may stand between a verb and its "that": "in a statement on Monday", "late Friday". Each phrase opens with
# one of the openers (at a word's start, not "in which", a relative clause) and runs over up to ten words that
# are not openers, so a phrase ends only where the next one opens: every text splits into phrases one way.
ADVERBIALS = (rf"(?:\s*+(?:,\s*+)?(?<![\w-]){ADVERB_OPENERS}(?!\s+which\b)"
              rf"(?:\s+(?!{ADVERB_OPENERS})[^\s,.;:“”\"]++){{0,10}})*")
ADVERBIAL = re.compile(ADVERBIALS + r"\s*+(?:,\s*+)?(?=that\b)")
THAT = re.compile(r"\s*,?\s*that\s+")
NOUN_OBJECT = re.compile(  # "demanded early elections", "ordered investigations into …"; not "ordered him", "threatened Araji"
    r"\s+(?!(?:that|to|not|him|her|them|us|me|it|himself|themselves|in|on|at|of|for|with|by|from|as|about|into|"
    r"during|after|before|and|or|but|responsibility|comment|anonymity|any|he|she|they|we)\b)(?=[a-z“‘\"])")
LEADING_AND = re.compile(r"(?:[\s,]*(?:and|but)\s+|[\s,]+)?")  # what joins a second clause to the first
AS_SAID = re.compile(r"^\s*As\s+(?P<who>[^,]{1,60}?)\s+(?:has\s+|had\s+|have\s+)?$")  # "As she explained, C"
AS_SPEAKER = re.compile(  # who says "As X explained, C": a name, a pronoun, a person or a document; not "As its subtitle hints"
    rf"\A(?:(?-i:[A-Z])|(?:he|she|they|we|I)$|.*\b(?:{PERSON}|{DOCUMENTS}|statement)$)", re.I)
AS_SAID_REST = re.compile(r"^[^.;“”\"]{0,120}?,\s+(?=[a-z“])")  # the "as" clause ends at a comma before a clause
FORM_BEFORE = re.compile(r"\w++\Z")  # the verb's form, ending where the verb ends
LOOK_BACK = 80  # characters the look-backs before a verb read: what they seek ends at the verb, a few words long
NOUN = "noun:"  # marks a frame found by a noun ("warnings that …") in a sentence's list of frames
NOUN_POSITION = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|amid|of|despite|after|following|over|new|recent)|[’']s)\s+$",
                           re.I)
NOUN_THAT = re.compile(  # "warnings that", "reports in the Gaza Strip from the so-called “balloon units” that"
    r"(?:\s+(?:in|on|by)\s+[^,.;:“”\"]{1,50}?)?(?:\s+(?:from|by)\s+(?P<source>[^,.;:]{1,60}?))?\s+that\s+")
NAME_WORD = r"(?:[\w.-]|[’'](?!s\b))*+"  # the rest of a name's word, up to its possessive "’s"
POSSESSOR = re.compile(rf"(?<![\w.’'])(?P<who>[A-Z]{NAME_WORD}(?:\s+(?:al-|[A-Z]){NAME_WORD}){{0,4}}?)[’']s\s+(?:\w+\s+)?$")
PASSIVE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?$")
APPOSITION_BEFORE = re.compile(  # "Avichay Adraee, a spokesman for the IDF, confirmed": a subject, not "C, said X"
    r"(?:^|[.;]\s)\s*(?!(?:In|On|At|After|Before|During|For)\b)[A-Z][\w’'.-]*(?:\s+(?:al-)?[A-Z][\w’'.-]*){0,4},\s+"
    r"(?:a|an|the)\s[^,]+,\s*$")
ROLE_APPOSITIVE = re.compile(rf"\s*(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,3}}?{PERSON}\b")  # "a member of …"
CLOSING_SUBJECT = re.compile(rf"[A-Z]|(?<![\w’'])(?:the|an?|he|she|they|it|two|three|several|some|{PEOPLE})$")  # who says "C, X said"
SPEAKER_AFTER = re.compile(rf"^\s+(?:[^,.;]*?[A-Z]|[^,.;]*?\b{PERSON}\b)")  # "…, said a police officer"
DIRECTED = re.compile(r"(?:not\s+)?to\s+(?!(?:comment|respond|elaborate|confirm|speak)\b)")  # not a request for comment
AGENT = re.compile(r"\s+by\s+(?P<who>(?:the\s+)?[A-Z][^,.;:]{1,60}?)(?=\s+(?:after|before|on|in|at|during|over|for)\b|[,.;:]|$)")
RELATIVE_PRONOUN = re.compile(r"\b(?:who|whom|whose|which|that)\b")
NO_SUBJECT = re.compile(r"(?:who|whom|whose|which|that|and|or|but|nor)\b")  # what opens no closing verb's subject
INVERTING = re.compile(r"says|said|writes|wrote|adds|added")  # the verbs that follow their content
ADVERB_OR_AUXILIARY = re.compile(rf"(?<![a-z])[a-z]+ly|{AUXILIARY}|also|then")
NAME_CLOSES = re.compile(r"\s*(?:[.;]|$|,\s+(?:the|a|an)\s[^,]*$)")  # "…says Muqtada al-Sadr, the Shia leader whose …."
INVERTED_CLAUSE_WORDS = 8  # a clause before "says X" without its comma is a whole one
APPOSITION_NAME_WORDS = 5  # a name before its appositive is short
CLAUSE_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}\b)")  # a comma between words, not in "3,500"
INVERTED = re.compile(r"(?P<who>\s+(?:[A-Z]|the\s|an?\s)[^,.;:“”\"]{1,60}),\s+\S.*$")  # "…, says Kathryn Miles, author of …"
FRAME_GOES_ON = re.compile(r"\s*,\s*(?:\w+ing|and|but|while|whereas|as|who|which|according)\b")  # "…, adding that"
CLOSING_TAIL = re.compile(  # what may follow the verb of "C, X said": a listener and adverbials, nothing more
    r"(?:\s+(?:them|him|her|reporters|journalists|(?:the\s+)?[A-Z][\w.&’'-]*(?:\s(?:of\s)?[A-Z][\w.&’'-]*){0,4}))?"
    + ADVERBIALS
    + r"(?:\s*(?:[.;!?][”\"’]?|[”\"’])?\s*$|" + FRAME_GOES_ON.pattern + ")")
ON = re.compile(r"\s+(?:up)?on\s+(?P<listener>[^.;:“”\"]{1,100}?\s)?(?=(?:not\s+)?to\s)")
FOR = re.compile(ADVERBIALS + r"(?:\s*\([^()]{1,30}\))?\s+for\s+")  # "called on Tuesday (Jan 14) for …"
NOT_AFTER_PREPOSITION = "".join(rf"(?<!\b{p})" for p in ("in", "on", "at", "by", "as", "via", "with", "from", "amid", "after"))
PRONOUN_CLAUSE = re.compile(  # the same adverbials, then a clause opened by a pronoun: "said in February he backed …"
    ADVERBIALS + NOT_AFTER_PREPOSITION  # not "reporting on his meeting": its object
    + r"(?:\s*+,)?\s+(?=(?:he|she|it|they|we|there|his|her|its|their)\s)")
PRONOUN_SUBJECT = re.compile(  # a subject pronoun and its verb open the clause: "declared on Sunday he will not run"
    ADVERBIALS + NOT_AFTER_PREPOSITION
    + rf"(?:\s*+,)?\s+(?=(?:he|she|it|they|we|I|there)(?:\s+(?:too|also|still|now|[a-z]+ly))?\s+"
    rf"(?:{AUXILIARY}|can|could|may|might|must|should|shall|do|does|did|[a-z]+n[’']t|[a-z]{{2,}}ed|[a-z]{{2,}}s)\b)")
OBJECT = re.compile(  # "told the Gaza border community that"; not ", asked about plans to withdraw"
    r"(?!\s*(?:about|on|in|of|at|with|anonymity)\b)\s*(?:[^.;:“”\"]{0,100}?\s)??(?=(?:that|to|not\s+to)\s)")
LISTENER = re.compile(r"\s+(?:them|him|her|us|me|you|reporters|journalists|the media|the press|supporters|followers|"
                      r"(?:the\s+)?[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})(?=[\s:,])")  # "telling them …", "told Al Jazeera:"
CLAUSE_START = re.compile(  # a content clause opening right after "said": "said political parties could …", "said at
    # least 20 were wounded" (a quantity, not a place)
    r"\s+(?!(?:in|on|at(?!\s+(?:least|most)\b)|to|of|for|with|about|during|after|before|from|by|as|and|or|but|so|it\s+was|this|"
    r"that\s+the\s+statement|nothing|no\s+more|yes|no|responsibility|credit)\b)(?=[\w“‘\"])")
INTRODUCTION = re.compile(rf"^\s*{INTRODUCTORY}\b(?:\W+\w+){{0,5}}\W*$")  # "In a statement, the group said.": no content
CLAUSE_AFTER = re.compile(r"\s+(?:he|she|it|they|we|i|there|this|these|those|his|her|their|its|if|whether)\b",
                          re.I)  # "…, said she wouldn’t move back home": a clause, not who spoke
CLOSING = re.compile(  # a few words close it: "…, said Lt. Col. Rob Shuford of …" (a title's stop is masked)
    r"(?P<who>(?:(?:\s+|\s*,\s*)[^\s,.;:“”\"]+){0,16}?)\s*[.;!]?[”\"’]?\s*$")
HYPOTHETICAL = re.compile(r"\b(?:would|could|might|may|will|should|must|cannot|can|(?<!on )to|not|never|if)\s+"
                          r"(?:(?:not|never|also|only|even|yet|\w+ly)\s+)?$",
                          re.I)  # "would say", "declined to say"; not "went on to say"
QUOTE_ATTRIBUTION = re.compile(  # “…,” said X; not “villainous” and said; not “… attacks.” ISIS is threatening to
    r"(?:[,!?]{1,2}|\.(?!”?\s*(?:[\w’'.-]+\s+){1,3}(?:is|are|was|were|has|have|had)\s))[”\"’]\s*(?!and\b|but\b)"
    r"(?:[\w’'.()-]+,?\s+){0,10}")
QUOTED_TAIL = re.compile(  # "“…” during an interview on Rudaw TV": a short phrase, no clause ("while talks go on")
    rf"[”\"’]?\s*+(?:,\s*+)?(?:(?:during|in|on|at|via|through)\s(?:(?!{AUXILIARY}\s)[^\s“”\"]++\s?){{1,8}})?$")
CONTENT_END = re.compile(r"[.;!?]?[”\"’]?\s*$")
CLAUSE_AND = re.compile(r"\b(?:and|but)\s+(?=(?:the|a|an)\s+[^,]{1,40}$)")  # a second clause's subject follows
SUBJECT_BREAK = re.compile(r"[;:“”\"(]|\b(?:and|but|while|as|after|before|when|because|since|although)\s+$|\bwhich\s+")
RELATIVE_SUBJECT = re.compile(  # a relative clause whose subject says the rest: "which he said", "that officials say"
    rf"\b(?:which|that|who|what)\s+(?P<who>he|she|they|it|{PEOPLE}|[A-Z][\w’'-]+)\s+"
    r"(?:also\s+|had\s+|has\s+)?$")  # "which geologists suggest has …"
LISTED = re.compile(  # between the first and the last of a subject's list: "A, B's leader C and D", "A, as well as B"
    r"(?:,\s+(?!(?:who|whose|which|where|when|[a-z]+ing)\b)[^,;:.]{1,60}?){0,8}?"  # the items, no aside among them
    r"(?:,?\s+(?:and|as well as|along with)|,\s+as well as)"
    r"\s[^,;:]{0,60}(?:,\s[^,;:]{0,20})?$")  # the last, a title after a comma: "…, as well as Chairman of X, Gen. B"
PARTITIVE = re.compile(r"\bwith\s+(?:some|many|most|several|others|one|a few)(?:\s+of\s+them)?\s+$")  # "…, with some threatening"
PRONOUN_AND = re.compile(r"^\s*(?P<pronoun>He|She|he|she)\s+and\s+(?P<other>(?:an?|another|other|his|her|the)\s[^,]{3,60})$")
PLURAL_BEFORE_PARTICIPLE = re.compile(  # a plural noun phrase right before a participle, after its preposition
    rf"\b(?:from|by|of|among|amid|with|including)\s+(?P<who>(?:[\w’'-]+\s+){{0,3}}?(?:{PEOPLE}))\s+$")
RELATIVE_REST = re.compile(r"\s+(?!(?:upon|on|for|to|of|in|at|with|about)\b)[a-z]")  # "which he said was …"
MIN_CONTENT_WORDS = 3
MAX_SENTENCE = 1500  # characters: a longer "sentence" is no prose (a list, a table, a crawl artefact) and holds none
MIN_QUOTE_WORDS = 4  # a quotation this long is someone's words, not a scare-quoted phrase
INFINITIVE_OBJECT_WORDS = 6  # the listener before an infinitive is short, its appositive aside
AUXILIARIES = {"has", "have", "had", "was", "is", "were", "are", "also", "reportedly", "previously", "yesterday",
               "today", "tonight", "then", "later", "earlier", "again", "once", "further", "already", "repeatedly",
               "publicly", "bluntly", "recently"}
INTRODUCTION_LEAD = re.compile(rf"^\s*{INTRODUCTORY}\b[^,]{{0,120}},")  # "On Tuesday, Al-Sadr urged …"
NOUN_BEFORE = re.compile(  # "the calls", "40 demands", "a since-deleted report": a noun
    r"(?:\b(?:the|a|an|this|that|these|those|his|her|its|their|our|such|previous|initial|unconfirmed|"
    r"(?-i:news|media|press))(?:\s+[a-z]+-[\w-]+)?|\d)\s+$",
    re.I)
NESTED_SUBJECT = re.compile(  # the subject of a reporting verb opening a content clause: "that Mr Sadr called"
    r"(?:(?!\b(?:and|but|or|while|as|after|before|because|when|if|since)\b)[^,;:“”\"]){1,60}?\s")
PREPOSITION = re.compile(r"\b(?:of|in|on|at|for|to|from|by|with|about|amid|after|before)\b", re.I)
AUXILIARY_AFTER = re.compile(rf"\s+(?:does|do|did|can|could|may|might|{AUXILIARY})\b")  # "the report does not"
AFTER_A_VERB = re.compile(r"\b[a-z]{3,}ed\s+$")  # "received orders", "issued warnings"
PREPOSITION_BEFORE = re.compile(  # "of reports", "with said nations", "ramp up calls": no verb
    r"\b(?:with|of|from|in|on|for|at|by|about|amid|up)\s+$", re.I)  # (but "by noting that")
WHAT_BEFORE = re.compile(r"\bwhat\s+\w+\s+$", re.I)  # "what he calls": a name for something, no statement
RELATIVE_THAT = re.compile(rf"\s+that\s+(?:{AUXILIARY}|[a-z]+ed)\b")  # "remarks that sparked …": a noun's relative clause
INFINITIVE = re.compile(  # "to" before a verb: not "to the press", "to President Salih", "to 60 percent"
    r"(?:not\s+)?to\s+(?!(?:the|a|an|his|her|its|their|this|these|those|our|my|your|him|them|us|me|reporters|"
    r"journalists)\b)[a-z]")
CLAUSE_VERB = re.compile(  # what makes words a clause: a pronoun subject, an auxiliary, a past form, "Iraq needs"
    rf"\b(?:I|we|you|they|he|she|it|{AUXILIARY}|be|been|can|could|may|might|must|should|shall|do|does|did|"
    r"[a-z]+n[’']t|[a-z]{2,}ed)\b|(?<![\w’'-])[A-Z][\w’'-]*+\s[a-z]{2,}s\b")  # not "178,000 jobs", "its campaign against the rebels"
LOWER_WORD = re.compile(  # a word after its space, as FIRST_VERB finds one, not after a determiner ("the left wing")
    "".join(rf"(?<!\b{d})" for d in ("the", "The", "a", "A", "an", "An", "his", "her", "its", "their", "this", "that"))
    + r"\s([a-z]+)\b")
AGAINST = re.compile(r"(?:\s+[\w’'-]+){0,3}?\s+against\s+")  # "cautioned (Y) against C"


@dataclass(frozen=True)
class Statement:
    start: int  # of the content clause, in the paragraph
    end: int
    speaker: Speaker | None
    verb: str


def content_end(paragraph: str, start: int, end: int) -> int:
    """The end of a content clause that runs to `end`: before the sentence's final stop and closing marks."""
    m = CONTENT_END.search(paragraph[start:end])
    return start + m.start() if m else end


def inside(spans, paragraph: str, start: int, end: int) -> bool:
    """Whether [start, end) is one quotation, its marks, a comma or stop and an adverbial tail aside ("that “we will
    arm …” during an interview on Rudaw TV")."""
    return any(s.start - 1 <= start and (end <= s.end + 2 or start <= s.start and s.end <= end
                                         and len(paragraph[s.start:s.end].split()) >= MIN_QUOTE_WORDS
                                         and QUOTED_TAIL.match(paragraph, s.end, end)) for s in spans)


def in_quotation(spans, position: int) -> bool:
    """Whether a position is inside one of a paragraph's quotations (`spans`: in order, apart)."""
    k = bisect_right(spans, position, key=lambda s: s.start) - 1
    return k >= 0 and position < spans[k].end


def ending_between(spans, start: int, end: int):
    """The quotations (in order, apart) whose closing mark stands after `start` and at or before `end`."""
    k = bisect_right(spans, start, key=lambda s: s.end)
    while k < len(spans) and spans[k].end <= end:
        yield spans[k]
        k += 1


def reported_in_paragraph(paragraph: str, spans, context: dict, speech: SpeechVerbs) -> list[Statement]:
    """The statements of one paragraph; `spans` are its direct quotations, `context` the speaker context."""
    if not (speech.pattern.search(paragraph) or speech.noun_pattern.search(paragraph) or "ccording to" in paragraph):
        return []
    found: list[Statement] = []
    for s_start, s_end in sentences(paragraph):
        sentence = paragraph[s_start:s_end]
        if sentence.rstrip(" ”\"’").endswith("?") or len(sentence) > MAX_SENTENCE:
            continue  # a question; no prose
        found += sentence_statements(paragraph, s_start, s_end, spans, context, speech)
    return found


def frames(paragraph: str, s_start: int, s_end: int, spans, speech: SpeechVerbs) -> list[tuple[int, int, str]]:
    """(start, end, base verb) of each reporting verb or cue of a sentence, outside quotations."""
    text = paragraph[s_start:s_end]
    found = []
    for m in speech.pattern.finditer(text):
        form = m.group(1)
        if not speech.is_speech(form) or in_quotation(spans, s_start + m.start()):
            continue
        lead = text[max(0, m.start() - LOOK_BACK): m.start()]
        if (used_as_noun(text, m) or HYPOTHETICAL.search(lead) or WHAT_BEFORE.search(lead)
                or form in (speech.lemma(form), speech.lemma(form) + "s") and AUXILIARY_AFTER.match(text, m.end())
                and not RELATIVE_SUBJECT.search(lead)  # "the report does not"; not "which they say will"
                or modifies_subject(text, m)):
            continue  # "Sadr’s calls for calm", "the report involved"; "would say", "declined to say"
        if not THAT.match(text, m.end()) and any(
                QUOTE_ATTRIBUTION.fullmatch(paragraph[q.end - 1: s_start + m.start()])
                and not mixed(paragraph[s_start: q.start], speech) for q in ending_between(spans, s_start, s_start + m.start())):
            continue  # “…,” said X / “…,” X told Reuters: the direct quotation's attribution
        found.append((s_start + m.start(), s_start + m.end(), speech.lemma(form)))
    for m in speech.cue_pattern.finditer(text):
        if not in_quotation(spans, s_start + m.start()):
            found.append((s_start + m.start(), s_start + m.end(), speech.cues[m.group(1).lower()]))
    for m in speech.noun_pattern.finditer(text):
        noun = m.group(1)
        as_noun = noun not in speech.base or NOUN_POSITION.search(  # "amid reports", "Sadr’s claims"
            text, max(0, m.start() - LOOK_BACK), m.start())
        if as_noun and NOUN_THAT.match(text, m.end()) and not in_quotation(spans, s_start + m.start()):
            found = [f for f in found if f[0] != s_start + m.start()]
            found.append((s_start + m.start(), s_start + m.end(), NOUN + speech.nouns[noun]))
    return sorted(found)


def used_as_noun(text: str, m: re.Match[str]) -> bool:
    """A form of a reporting verb that is a noun here: after a possessive, a determiner or a preposition ("Sadr’s
    calls", "the report", "in remarks", "in order to"), a plural after a verb ("received orders"), or before its
    relative clause ("remarks that sparked …")."""
    lead, form = text[max(0, m.start() - LOOK_BACK): m.start()], m.group(1)
    return (lead[-3:] in ("’s ", "'s ") or bool(NOUN_BEFORE.search(lead))
            or bool(PREPOSITION_BEFORE.search(lead)) and not form.endswith("ing")
            or form.endswith("s") and bool(AFTER_A_VERB.search(lead) or RELATIVE_THAT.match(text, m.end())))


def modifies_subject(text: str, m: re.Match[str]) -> bool:
    """A participle inside the sentence's subject, its verb still to come: "Sirens warning of incoming rockets were
    not activated" (but "Officials warning that …" opens a clause, and "…, warning of …" follows a verb)."""
    lead = text[: m.start()]
    return (m.group(1).endswith("ing") and 0 < len(lead.split()) <= 4 and not lead.rstrip().endswith(",")
            and not FIRST_VERB.search(lead) and not PREPOSITION.search(lead) and not THAT.match(text, m.end())
            and bool(FINITE.search(text, m.end())))


def mixed(lead: str, speech: SpeechVerbs) -> bool:
    """Whether a quotation's attribution also reports the words before it: "Hamas, which controls the Gaza Strip,
    was “responsible for …,” the IDF said" (a clause of its own opens the sentence, with no frame of its own)."""
    lead = lead.rstrip(" “\"")
    return len(lead.split()) >= MIN_CONTENT_WORDS and not lead.endswith((":", ",")) and not speech.pattern.search(lead)


def sentence_statements(paragraph: str, s_start: int, s_end: int, spans, context: dict,
                        speech: SpeechVerbs) -> list[Statement]:
    found_frames = frames(paragraph, s_start, s_end, spans, speech)
    # a frame bounds the content before it only if it opens a content clause of its own ("…, and warned that …")
    clauses = [None if verb == "according to" or verb.startswith(NOUN) else content_start(paragraph, v_end, s_end, verb, speech)
               for _, v_end, verb in found_frames]  # where each verb's content clause starts, read once
    opens = [verb == "according to" or verb.startswith(NOUN) or clause is not None
             for (_, _, verb), clause in zip(found_frames, clauses)]
    statements: list[Statement] = []
    subject: Speaker | None = None  # the sentence's speaker, for "…, adding that …"
    said_until = s_start  # the end of the last frame that gave a statement: "A, the Observer reported, and B, …"
    inner: dict[int, int] = {}  # a frame inside another's content clause: where its own clause starts
    for k, (v_start, v_end, verb) in enumerate(found_frames):
        later = [found_frames[n][0] for n in range(k + 1, len(found_frames)) if opens[n]]
        that = THAT.match(paragraph, v_end, s_end) if not verb.startswith(NOUN) and verb != "according to" else None
        clause = that.end() if that else clauses[k]
        while clause is not None and later and NESTED_SUBJECT.fullmatch(paragraph, clause, later[0]):
            inner[later.pop(0)] = clause  # "He noted that Mr Sadr called for …", "Witnesses said the gunmen shouted that …"
        next_frame = later[0] if later else s_end
        context = {**context, "position": context["paragraph_offset"] + v_start,
                   "sentence": context["paragraph_offset"] + s_start}  # what a pronoun or description may refer to
        if verb == "according to":
            after_last = max([said_until] + [st.end for st in statements])
            statement = according_to(paragraph, after_last, s_end, v_start, v_end, next_frame, context)
        elif verb.startswith(NOUN):
            statement = noun_frame(paragraph, s_start, s_end, v_start, v_end, verb.removeprefix(NOUN), next_frame,
                                   context)
        else:
            statement = verb_frame(paragraph, inner.get(v_start, s_start), s_end, v_start, v_end, verb, next_frame, spans,
                                   context, speech, subject, statements)
        if statement is None:
            continue
        if statement.speaker is not None:
            subject = statement.speaker
        for part in and_that(paragraph, statement):  # "told X that A and that B": two statements
            if (len(paragraph[part.start: part.end].split()) >= MIN_CONTENT_WORDS
                    and not inside(spans, paragraph, part.start, part.end)):
                statements.append(part)
                said_until = max(said_until, v_end)
    return statements


def and_that(paragraph: str, statement: Statement) -> list[Statement]:
    """A content clause holding ", and that …" is two statements of one speaker."""
    parts, start = [], statement.start
    for m in re.finditer(r",?\s+and\s+that\s+", paragraph[statement.start: statement.end]):
        parts.append(Statement(start, statement.start + m.start(), statement.speaker, statement.verb))
        start = statement.start + m.end()
    return [*parts, Statement(start, statement.end, statement.speaker, statement.verb)]


def noun_frame(paragraph: str, s_start: int, s_end: int, v_start: int, v_end: int, verb: str, next_frame: int,
               context: dict) -> Statement | None:
    """Sadr’s warnings that C / reports from X that C: the speaker is the possessor or the source named."""
    m = NOUN_THAT.match(paragraph, v_end, s_end)
    owner = POSSESSOR.search(paragraph, s_start, v_start)
    if owner:
        speaker = from_phrase(owner["who"], owner.start("who"), verb, paragraph, **context)
    elif m["source"]:
        speaker = from_phrase(m["source"], m.start("source"), verb, paragraph, **context)
    else:
        speaker = None
    start = m.end()
    return Statement(start, content_end(paragraph, start, min(next_frame, s_end)), speaker, verb)


def according_to(paragraph: str, s_start: int, s_end: int, v_start: int, v_end: int, next_frame: int,
                 context: dict) -> Statement | None:
    """According to X, C / C, according to X. / C1, according to X, C2 (the whole sentence). `s_start` is where
    the sentence starts, or where the statement before it in the sentence ends ("A, the Observer reported, and
    B, according to X")."""
    s_start += len(LEADING_AND.match(paragraph, s_start)[0])
    rest = paragraph[v_end:s_end]
    comma = rest.find(",")
    before = paragraph[s_start:v_start].rstrip()
    told = what_said(context["speech"].pattern.pattern).match(rest)  # "according to what a local source told X"
    speaker = (from_phrase(told["who"], v_end + told.start("who"), "according to", paragraph, **context) if told
               else from_phrase(rest[:comma] if comma >= 0 else rest, v_end, "according to", paragraph, **context))
    if before.strip(" ,"):
        if not before.endswith(","):  # "… hit a vehicle at the airport according to the Security Media Cell."
            return Statement(s_start, s_start + len(before), speaker, "according to") if comma < 0 else None
        if comma >= 0 and rest[comma + 1:].strip(" .”\"’") and next_frame >= s_end:
            # "Kadhimi’s strategy, according to the official, is …"; not "X, according to the statement, warned that"
            return Statement(s_start, content_end(paragraph, s_start, min(next_frame, s_end)), speaker, "according to")
        return Statement(s_start, s_start + len(before) - 1, speaker, "according to")
    if comma < 0:
        return None
    start = v_end + comma + 1
    start += len(paragraph[start:]) - len(paragraph[start:].lstrip())
    return Statement(start, content_end(paragraph, start, min(next_frame, s_end)), speaker, "according to")


def verb_frame(paragraph: str, s_start: int, s_end: int, v_start: int, v_end: int, verb: str, next_frame: int,
               spans, context: dict, speech: SpeechVerbs, subject: Speaker | None,
               statements: list[Statement]) -> Statement | None:
    """One reporting verb: its speaker (before it, or after it in "C, said X") and its content clause."""
    if paragraph[v_start].isupper() and not paragraph[s_start:v_start].strip():
        return opening_participle(paragraph, s_end, v_end, verb, next_frame, context, speech)
    after = paragraph[v_end:s_end]
    before = paragraph[s_start:v_start]
    outer = nesting_attribution(paragraph, s_start, v_start, v_end, after, verb, statements, speech, context)
    if outer:
        return outer
    first = max(statements[-1].end, s_start) if statements else s_start
    as_said = AS_SAID.match(before) if not statements else None
    as_said = as_said if as_said and AS_SPEAKER.match(as_said["who"]) else None
    rest = AS_SAID_REST.search(after) if as_said else None
    if rest:  # "As she explained when …, there’s a much larger number of faults …"
        speaker = from_phrase(as_said["who"], s_start + as_said.start("who"), verb, paragraph, **context)
        start = v_end + rest.end()
        return Statement(start, content_end(paragraph, start, min(next_frame, s_end)), speaker, verb)
    named_after = inverted_without_comma(paragraph, first, v_start, v_end, s_end, verb, context)
    if named_after:  # "The future of Iraq … is endangered by sectarian hostility says Muqtada al-Sadr, the …"
        return named_after
    relative = RELATIVE_SUBJECT.search(before) if speech.has(verb, "bare") or speech.has(verb, "pronoun") else None
    if relative and RELATIVE_REST.match(after):  # "…, which he said was an entirely home-made product."
        speaker = from_phrase(relative["who"], s_start + relative.start("who"), verb, paragraph, **context)
        start = content_start(paragraph, v_end, s_end, verb, speech) or v_end + len(after) - len(after.lstrip())
        return Statement(start, content_end(paragraph, start, min(next_frame, s_end)), speaker, verb)
    if "," in paragraph[first:v_start] and not THAT.match(after):
        if (after.startswith(",") and len(before[before.rstrip().rfind(",") + 1:].split()) <= 4
                and not FRAME_GOES_ON.match(after) and closes(paragraph, v_start, v_end, verb, speech)):
            # A vote for his movement, he said, would mean …: the whole sentence
            parenthesis = before.rstrip().rfind(",")
            speaker = from_phrase(before[parenthesis + 1:], s_start + parenthesis + 1, verb, paragraph, **context)
            return Statement(first, content_end(paragraph, first, min(next_frame, s_end)), speaker, verb)
        forward = content_start(paragraph, v_end, s_end, verb, speech) is not None and " that " in after
        introduction_only = len(before[: before.rstrip().rfind(",")].split()) < MIN_CONTENT_WORDS  # "Thus, the army"
        auxiliary_only = before[before.rstrip().rfind(",") + 1:].split()
        auxiliary_only = bool(auxiliary_only) and all(w in AUXILIARIES for w in auxiliary_only)  # "X, whose …, had said"
        inverted = (not before[before.rstrip().rfind(",") + 1:].strip() and bool(SPEAKER_AFTER.search(after[:60]))
                    and not APPOSITION_BEFORE.search(before))
        # "C, said X": X names or describes someone ("the Kurdish media network Rudaw", "a police officer")
        goes_on = FRAME_GOES_ON.match(after)  # "C, he said, noting that …": the rest is a frame of its own
        closing = ((CLOSING.match("") if goes_on else CLOSING.match(after) or (INVERTED.match(after) if inverted else None))
                   if closes(paragraph, v_start, v_end, verb, speech)
                   and not CLAUSE_AFTER.match(after)
                   and not forward and not auxiliary_only and not introduction_only
                   and (inverted or CLOSING_TAIL.match(after)) else None)  # "told the Washington Post that …" opens a clause
        if closing:  # C, X said. / C, said X. / C, X said on Monday. / C, says X, author of …
            return closing_frame(paragraph, first, v_start, v_end, verb, closing, context)
    passive = PASSIVE.search(before) and not paragraph[v_start:v_end].endswith("ing")  # "which were accused of …"
    speaker = None if passive else speaker_before(paragraph, s_start, v_start, verb, context, subject)
    start = content_start(paragraph, v_end, s_end, verb, speech)
    directed = (speech.has(verb, "object") and speech.has(verb, "infinitive") and start is not None
                and DIRECTED.match(paragraph, start)  # "The public was asked to demonstrate", "were urged not to"
                and (not speech.has(verb, "on") or ON.match(paragraph, v_end)))  # "called on to"; "called to" summons
    if passive and start is not None and not THAT.match(paragraph, v_end) and not speech.has(verb, "of") and not directed:
        return None  # "was reported felt in Vermont": no statement; but "it was reported that C", "accused of C"
    if start is None:  # a frame with no content: still the sentence's speaker, unless a participle ("slogans condemning …")
        return None if paragraph[v_start:v_end].endswith("ing") else Statement(v_end, v_end, speaker, verb)
    end = content_end(paragraph, start, min(next_frame, s_end))
    end = trim_to_conjunction(paragraph, start, end, next_frame < s_end)
    agent = AGENT.search(paragraph, start, end) if passive else None
    if agent:  # "Abadi was asked to form a government by President Salih": Salih asked
        speaker = from_phrase(agent["who"], agent.start("who"), verb, paragraph, **context)
        end = agent.start()
    return Statement(start, end, speaker, verb)


def opening_participle(paragraph: str, s_end: int, v_end: int, verb: str, next_frame: int, context: dict,
                       speech: SpeechVerbs) -> Statement | None:
    """"Insisting it wasn't rehearsed, the mayor said …": a participle opening its sentence reports the content of
    its own frame, up to the comma before the main clause, whose subject speaks ("Speaking to reporters, X said"
    has none)."""
    start = content_start(paragraph, v_end, s_end, verb, speech)
    if start is None:
        return None
    main = next_frame if next_frame < s_end else None
    commas = [m.start() for m in CLAUSE_COMMA.finditer(paragraph, start, main or s_end)]
    if not commas:
        return None
    comma = commas[-1] if main else commas[0]
    if main is None:
        verb_after = FIRST_VERB.search(paragraph, comma + 1, s_end)
        main = verb_after.start() + 1 if verb_after else None
    speaker = speaker_before(paragraph, comma + 1, main, verb, context, None, own_subject=True) if main else None
    return Statement(start, comma, speaker, verb)


def closes(paragraph: str, v_start: int, v_end: int, verb: str, speech: SpeechVerbs) -> bool:
    """Whether a verb may follow its content ("C, X said."): a finite form of a verb of frame closing, not a
    participle ("…, reporting on his meeting") nor a verb with its infinitive ("…, armed groups continue to gather")."""
    return (speech.has(verb, "closing") and not paragraph[v_start:v_end].endswith("ing")
            and not INFINITIVE.match(paragraph, v_end + 1))


def nesting_attribution(paragraph: str, s_start: int, v_start: int, v_end: int, after: str, verb: str,
                        statements: list[Statement], speech: SpeechVerbs, context: dict) -> Statement | None:
    """"Iraq has requested C1, stating C2, the Associated Press reported.": a closing attribution that the
    statement before it ran over reports the whole sentence; that statement ends at its comma."""
    last = statements[-1] if statements else None
    if not (last and last.start < v_start < last.end and closes(paragraph, v_start, v_end, verb, speech)) or PASSIVE.search(paragraph, 0, v_start):
        return None  # "…, though no casualties were immediately reported"
    comma = paragraph.rfind(",", last.start, v_start)
    subject = paragraph[comma + 1:v_start].split()
    if (comma < 0 or not 0 < len(subject) <= APPOSITION_NAME_WORDS or not CLOSING_TAIL.match(after)
            or not CLOSING_SUBJECT.match(subject[0])):  # "…, with no fatalities reported"
        return None
    first = s_start + len(LEADING_AND.match(paragraph, s_start)[0])
    closing = CLOSING.match("")
    outer = closing_frame(paragraph, first, v_start, v_end, verb, closing, context)
    if outer is None:
        return None
    statements[-1] = Statement(last.start, comma, last.speaker, last.verb)
    return Statement(outer.start, comma, outer.speaker, verb)


def inverted_without_comma(paragraph: str, first: int, v_start: int, v_end: int, s_end: int, verb: str,
                           context: dict) -> Statement | None:
    """"C says X, …" with the comma before "says" missing: a whole clause before the verb (an auxiliary of its own,
    no comma, no relative clause) and a person's name right after it, then a comma or the sentence's end."""
    lead = paragraph[first:v_start]
    name = next((m for m in context["mentions"] if m.start == v_end + 1 and context["types"].get(m.entity_id) == "person"),
                None)
    last_word = (lead.split() or [""])[-1]
    if (not name or not INVERTING.fullmatch(paragraph[v_start:v_end]) or "," in lead
            or len(lead.split()) < INVERTED_CLAUSE_WORDS or not FINITE.search(lead) or RELATIVE_PRONOUN.search(lead)
            or last_word[:1].isupper() or last_word.lower() in SPEAKER_TITLES or ADVERB_OR_AUXILIARY.fullmatch(last_word)
            or not NAME_CLOSES.match(paragraph, name.end, s_end)):  # not "the prime minister says Abadi, his predecessor, was …"
        return None
    return Statement(first, first + len(lead.rstrip()), named(paragraph[name.start:name.end], name, verb, "person"), verb)


def closing_frame(paragraph: str, first: int, v_start: int, v_end: int, verb: str, closing: re.Match[str],
                  context: dict) -> Statement | None:
    """C, X said. The speaker is the comma-separated piece before the verb (or after it, "C, said X"); an
    appositive after a name ("Mr Mohi, a spokesman, said") goes with it; the content is what precedes."""
    lead = paragraph[first:v_start]
    conjunction = LEADING_CONJUNCTION.match(paragraph, first)
    start = conjunction.end() if conjunction else first  # "But it’s not just …, says X."
    context = {**context, "position": context["paragraph_offset"] + first}  # "he" is named before, not inside, C
    cuts = [m.start() for m in CLAUSE_COMMA.finditer(lead)]
    segments = [(cuts[n - 1] + 1 if n else 0, cut) for n, cut in enumerate(cuts)] + [(cuts[-1] + 1, len(lead))]
    if len(segments) > 1 and not lead[segments[-1][0]:segments[-1][1]].strip():
        if closing["who"].strip():  # "C, said X."
            speaker = from_phrase(closing["who"].split(",")[0], v_end, verb, paragraph, **context)
            end = first + cuts[-1]
            return Statement(start, end, speaker, verb) if not INTRODUCTION.match(paragraph[first:end]) else None
        segments = segments[:-1]  # "C, Mr Mohi, a spokesman, said.": the comma closes the appositive
    subject_index = len(segments) - 1
    last = lead[segments[-1][0]:segments[-1][1]]
    named_before = len(lead[segments[-2][0]:segments[-2][1]].split()) <= APPOSITION_NAME_WORDS if subject_index else False
    if subject_index >= 2 and (re.match(r"\s*(?:a|an|the)\s", last, re.I) and named_before or last.strip().isdigit()):
        subject_index -= 1  # "…, Mr Mohi, a spokesman, said.", "…, Sadr, 47, said."; not "…, the Observer reported"
    elif subject_index >= 1 and ROLE_APPOSITIVE.match(last):
        name = next((m for m in context["mentions"] if m.end == first + segments[-2][1]
                     and context["types"].get(m.entity_id) == "person"), None)
        if name:  # "C Ali Al Bayati, a member of the commission, said.": the name closing C, its comma missing
            end = len(paragraph[:name.start].rstrip(" ,"))
            speaker = named(paragraph[name.start:first + segments[-1][1]].strip(" ,"), name, verb, "person")
            return Statement(start, end, speaker, verb) if end - start > 0 else None
    if subject_index < 1:
        return None
    subject_start, subject_end = segments[subject_index][0], segments[-1][1]
    phrase = lead[subject_start:subject_end]
    if not phrase.strip() and closing["who"].strip():  # "C, said X."
        phrase, offset = closing["who"], v_end
    else:
        offset = first + subject_start
    if len(phrase.split()) > 12 or NO_SUBJECT.match(last.strip()):
        return None  # "…, which seems happy to forget its past gripes with Sadr.", "…, and observation posts."
    speaker = from_phrase(phrase, offset, verb, paragraph, **context)
    end = first + segments[subject_index - 1][1]
    return Statement(start, end, speaker, verb) if end > start and not INTRODUCTION.match(paragraph[first:end]) else None


def trim_to_conjunction(paragraph: str, start: int, end: int, before_frame: bool) -> int:
    """A clause that a second frame follows ends before its ", and" / ", adding" / ","."""
    if not before_frame:
        return end
    text = paragraph[start:end]
    m = re.search(r"(?:,\s*(?:and|but)?|\s+and)\s*(?:\w+\s+)?$", text)
    return start + m.start() if m else end


def speaker_before(paragraph: str, s_start: int, v_start: int, verb: str, context: dict,
                   subject: Speaker | None, own_subject: bool = False) -> Speaker | None:
    """The subject of a verb: a name in its clause before it (a person before an organization, as for quotations),
    else the phrase before it; a participle ("…, adding that") keeps the sentence's speaker (with `own_subject`,
    only what stands before the verb counts)."""
    lead = paragraph[s_start:v_start]
    if PARTICIPLE.match(paragraph[v_start:]) and PARTITIVE.search(lead):  # "…, with some threatening to": some of the subject
        return sentence_subject(paragraph, s_start, v_start, verb, context)
    doers = PLURAL_BEFORE_PARTICIPLE.search(lead) if PARTICIPLE.match(paragraph[v_start:]) else None
    if doers:  # "amid threats from Iran-backed militia groups promising to …": the groups promise
        return from_phrase(doers["who"], s_start + doers.start("who"), verb, paragraph, **context)
    if PARTICIPLE.match(paragraph[v_start:]) and (not lead.strip() or lead.rstrip().endswith(",")):
        quoted_by = quotation_attribution(context["speech"].pattern.pattern).search(lead)
        if subject is None and quoted_by:  # "“…,” he said, adding that …": who said the quotation
            return from_phrase(quoted_by["who"], s_start + quoted_by.start("who"), verb, paragraph, **context)
        return subject or (None if own_subject else sentence_subject(paragraph, s_start, v_start, verb, context))
    breaks = [m for m in SUBJECT_BREAK.finditer(lead) if not enclosed(lead, m)]
    clause = CLAUSE_AND.search(lead)  # "The ministry denied the report and the prime minister says …"
    if clause and FIRST_VERB.search(lead, 0, clause.start()):
        breaks.append(clause)
    breaks += reported_that(context["speech"].pattern.pattern).finditer(lead)
    breaks.sort(key=lambda m: m.end())  # "…, noting that Iran’s foreign ministry had called for …": the ministry
    if breaks:
        lead_start = breaks[-1].end()
        if not lead[lead_start:].strip():
            # "… and warned that": the same speaker
            return subject or (None if own_subject else sentence_subject(paragraph, s_start, v_start, verb, context))
        lead = lead[lead_start:]
        offset = s_start + lead_start
    else:
        offset = s_start
    if INTRODUCTION_LEAD.match(lead):
        cut = lead.index(",") + 1  # "On Tuesday, Al-Sadr urged …"
        lead, offset = lead[cut:], offset + cut
    relative = RELATIVE.search(lead)  # "a source … who spoke to Anadolu Agency … said": not the agency
    named_here = [m for m in mentions_between(offset, offset + relative.start() if relative else v_start,
                                              context["mentions"])
                  if not possessive(paragraph, m) and paragraph[m.start - 1: m.start] != "("]
    types = context["types"]
    head = HEAD_OF.match(lead.strip(" ,"))
    if head and not any(types.get(m.entity_id) == "person" and "," in paragraph[offset:m.start] for m in named_here):
        return from_phrase(lead, offset, verb, paragraph, **context)  # "The followers of Muqtada al-Sadr have vowed"
    together = coordinated(paragraph, lead, offset, named_here, verb, context)
    if together:
        return together
    for kind in ("person", "organization"):
        of_kind = [m for m in named_here if types.get(m.entity_id) == kind]
        if of_kind and not (kind == "organization" and MEMBER_AFTER.match(paragraph, of_kind[0].end, v_start)):
            return named(lead.strip(" ,"), of_kind[0], verb, kind)
    segments = [x for x in lead.split(",")]
    while len(segments) > 1 and (not segments[-1].strip() or ASIDE.match(segments[-1].strip())
                                 or PARTICIPLE.match(segments[-1].strip())
                                 or set(segments[-1].lower().split()) <= AUXILIARIES):
        segments.pop()  # "A senior official, who spoke on condition of anonymity, said …", "…, has said"
    phrase = segments[-1] if len(segments) == 1 else pick_subject(segments)
    words_ = phrase.split()
    while len(words_) > 1 and words_[-1].lower() in AUXILIARIES:
        words_.pop()  # "The group has", "He also"
    phrase = " ".join(words_)
    if not phrase.strip():
        return subject
    local = lead.find(phrase.strip())
    return from_phrase(phrase, offset + max(local, 0), verb, paragraph, **context) or subject


def enclosed(lead: str, m: re.Match[str]) -> bool:
    """A break inside an aside that closes before the verb: "Hamas, which rules Gaza, said", "(November 7)"."""
    if m.group().startswith("("):
        return ")" in lead[m.end():]
    return m.group().startswith("which") and lead[: m.start()].rstrip().endswith(",") and "," in lead[m.end():]


def sentence_subject(paragraph: str, s_start: int, v_start: int, verb: str, context: dict) -> Speaker | None:
    """The subject opening the sentence, for a later verb that has none of its own ("The cleric reversed his
    decision … and announced that …", "…, vowing to …"): what stands before the sentence's first verb."""
    m = FIRST_VERB.search(paragraph, s_start, v_start) or next(
        (w for w in LOWER_WORD.finditer(paragraph, s_start, v_start) if irregular_past(w.group(1))), None)
    if not m:
        return None
    return speaker_before(paragraph, s_start, m.start() + 1, verb, context, None, own_subject=True)


@lru_cache(maxsize=4096)
def irregular_past(word: str) -> bool:
    """A past form not in -ed (lemminflect's): "spoke", "told", "wrote", "met"."""
    return any(word in lemminflect.getInflection(lemma, tag="VBD")
               for lemma in lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ()))


def coordinated(paragraph: str, lead: str, offset: int, named_here, verb: str, context: dict) -> Speaker | None:
    """Two speakers joined as one subject: "Mark Esper, as well as … Gen. Mark Milley, told journalists",
    "Iraqi Hezbollah and al-Nujaba threatened", "He and another committee member said": both, linked to neither."""
    types = context["types"]
    speakers = [m for m in named_here if types.get(m.entity_id) == "person" or types.get(m.entity_id) == "organization"
                and not MEMBER_AFTER.match(paragraph, m.end, offset + len(lead))]  # not "the parliament speaker"'s
    if len(speakers) >= 2:
        first = speakers[0]
        last = next((m for m in speakers[:0:-1] if LISTED.match(paragraph, first.end, m.start)
                     and not context["speech"].pattern.search(paragraph, first.end, m.start)), None)
        if last:  # of the names between, those of the first's kind are listed too; the others describe ("his office")
            listed = [first] + [m for m in speakers[1:] if m.start < last.start
                                and types[m.entity_id] == types[first.entity_id]] + [last]
            names = [without_titles(m.surface) for m in listed]
            return Speaker(", ".join(names[:-1]) + " and " + names[-1], None, verb, "organization", lead.strip(" ,"))
    m = PRONOUN_AND.match(lead)
    if m and not speakers:
        first = from_phrase(m["pronoun"], offset + m.start("pronoun"), verb, paragraph, **context)
        if first and first.entity_id:
            return Speaker(f"{first.text} and {m['other'].strip()}", None, verb, "organization", lead.strip(" ,"))
    return None


@lru_cache(maxsize=8)
def quotation_attribution(verbs: str) -> re.Pattern[str]:
    """The attribution of a quotation that a participle continues: "“…,” he said, adding …"."""
    return re.compile(r"[”\"]\s*(?P<who>[^,“”\"]{1,80}?)\s+" + verbs + r"[^,“”\"]{0,40},\s*$")


@lru_cache(maxsize=8)
def what_said(verbs: str) -> re.Pattern[str]:
    """"what X told Y" after "according to": X is the source."""
    return re.compile(r"\s+what\s+(?P<who>[^,.;:]{1,60}?)\s+" + verbs)


@lru_cache(maxsize=8)
def reported_that(verbs: str) -> re.Pattern[str]:
    """A reporting verb (`verbs`: their pattern) and its "that": a later verb's subject stands after the "that"."""
    return re.compile(verbs + r"[^.;“”\"]{0,40}?\bthat\s+")


def pick_subject(segments: list[str]) -> str:
    """The subject among comma-separated pieces: the last, unless it is an appositive of the one before
    ("Mr Mohi, a spokesman, said"): then the first that is not an introduction ("On Monday, …")."""
    last = segments[-1].strip()
    if re.match(r"^(?:a|an|the)\s", last, re.I) and len(segments) > 1 and segments[-2].strip():
        candidate = segments[-2].strip()
        if not re.match(rf"^{INTRODUCTORY}\b", candidate) and not PARTICIPLE.match(candidate):
            return candidate
    return last


def content_start(paragraph: str, v_end: int, s_end: int, verb: str, speech: SpeechVerbs) -> int | None:
    """Where the content clause after a verb begins, by the verb's frames (speech.yml)."""
    after = paragraph[v_end:s_end]
    m = speech.attitude.match(after) if speech.has(verb, "attitude") else None
    if m:  # "expressed concern that C"
        return v_end + m.end()
    m = ADVERBIAL.match(after) if not speech.frames.get(verb, frozenset()) <= {"for", "on"} or not speech.frames.get(verb) \
        else None  # "called early by X as a response to protests that …": "call" takes no that-clause
    if m:
        that = THAT.match(after, m.end())
        if that:
            return v_end + that.end()
    if speech.has(verb, "on"):
        m = ON.match(after)  # "called on Iraqis to vote"
        if m and short_object(m["listener"] or ""):
            return v_end + m.end()
    if speech.has(verb, "for"):
        m = FOR.match(after)  # "called for C", "called on Tuesday (Jan 14) for C"
        if m:
            return v_end + m.end()
    if speech.has(verb, "object") or speech.has(verb, "infinitive"):
        m = OBJECT.match(after) if speech.has(verb, "object") else re.match(r"\s*(?:[A-Z]?[a-z]+\s+){0,2}?(?=to\s)", after)
        if m:
            rest = after[m.end():]
            if rest.startswith("that ") and (speech.has(verb, "bare") or not speech.has(verb, "infinitive")):
                return v_end + m.end() + 5  # "told X that C"; not "ordered a strike that killed …"
            if (INFINITIVE.match(rest) and speech.has(verb, "infinitive") and short_object(after[:m.end()])
                    and not after.startswith(",")):  # not "on high alert, and ready to respond"
                return v_end + m.end()
    m = AGAINST.match(after) if speech.has(verb, "against") else None
    if m:  # "cautioned against C"
        return v_end + m.end()
    for preposition in ("of", "with"):  # "accused Y of C", "were accused of C", "threatened Y with C"
        m = re.match(rf"\s*(?:[^.;:“”\"]{{1,80}}?\s+)?{preposition}\s+", after) if speech.has(verb, preposition) else None
        if m:
            return v_end + m.end()
    m = NOUN_OBJECT.match(after) if speech.has(verb, "noun") else None
    if m:
        return v_end + m.end()
    if speech.has(verb, "object"):
        m = LISTENER.match(after)
        if m and speech.has(verb, "bare") and CLAUSE_START.match(after, m.end()):
            return v_end + m.end() + len(CLAUSE_START.match(after, m.end())[0])  # "telling them their message …"
        return None  # "X told reporters." with no clause
    form = FORM_BEFORE.search(paragraph, max(0, v_end - LOOK_BACK), v_end)
    participle = (form and form[0].endswith("ing") and paragraph[max(0, form.start() - LOOK_BACK): form.start()].rstrip().endswith(",")
                  and speech.has(verb, "closing"))  # "…, stating the strike was …"; not "…, calling it …"
    m = PRONOUN_SUBJECT.match(after) if speech.has(verb, "pronoun") else None
    if m:  # "announced he was withdrawing"
        return v_end + m.end()
    if not speech.has(verb, "bare") and not participle:
        return None  # "condemned the incident", "claimed responsibility": an object; but "…, stating the strike was …"
    m = CLAUSE_START.match(after)
    if not (m and (not after[m.end():].startswith(("“", '"')) or quoted_inside(after))):
        m = PRONOUN_CLAUSE.match(after)  # "said in February he backed …"
    if m and (CLAUSE_VERB.search(after, m.start(), clause_end(after, m.end()))
              or not (form[0].endswith("ing") or after[m.end():][:1].isdigit())):
        return v_end + m.end()  # "said political parties could …"; not "added 178,000 jobs", "continuing its campaign"
    return None


def clause_end(text: str, start: int) -> int:
    """Where the clause opening at `start` ends: its first comma between words, else the text's end."""
    comma = CLAUSE_COMMA.search(text, start)
    return comma.start() if comma else len(text)


def short_object(text: str) -> bool:
    """Whether the words between a verb and its infinitive are a listener ("ordered the fighters of X, a wing of
    his party, to withdraw"), not a noun phrase of its own ("ordered investigations into forces in the area to …")."""
    return len(re.sub(r",[^,]*,", " ", text).split()) <= INFINITIVE_OBJECT_WORDS


def quoted_inside(after: str) -> bool:
    """Content opening with a quotation that does not run to its end: a mixed statement."""
    text = after.strip().rstrip(".")
    return text.startswith(("“", '"')) and not text.endswith(("”", '"'))
