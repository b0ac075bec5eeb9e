"""Stage 4, find entities: curated people and organizations, their spellings and epithets, and new names.

Names are compared by a folded key per word: lower case, no accents or
apostrophes, no al-/el- particle, "-isation" spelt "-ization", transliteration
pairs merged (q/k, dh/z, th/t, kh/k, sh/s), vowels after the first letter
dropped and doubled letters collapsed, so "Moqtada Al-Sadr" and "Muqtada
al-Sadr" share a key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from difflib import SequenceMatcher
from dataclasses import dataclass, field
from typing import NamedTuple

from ..reference import Reference, load_yaml
from ..text import fold, slug, speaker_key
from ..vocabulary import (ATTACHED_PARTICLES, CONNECTORS, DOCUMENT_WORDS, EVENT_WORDS, FACILITY_WORDS, GEOGRAPHY_WORDS, HONORIFICS, NOT_NAME_WORDS,
                         ORGANIZATION_WORDS, ROLE_TITLES, SENTENCE_WORDS, TIME_WORDS, TITLES)

JOINED_NAMES = ("-", "/", "–")  # what joins two names into a pair: "Salih-Trump", "Sadr/Amiri"
EVENT_AFTER = re.compile(rf" (?:{'|'.join(sorted(EVENT_WORDS))})\b")  # "… meeting": the name before is a party
WORD = re.compile(r"[^\W\d_][^\W_]*(?:[’'][^\W\d_]+)*|\d+[^\W_]*")
JOINER = re.compile(r"^[ \t\-‐]*$")  # what may stand between the words of one name (never a line break)


def says(form: str, ref: Reference) -> bool:
    """A person's verb of speech (frame "names" in speech.yml) in the singular ("said", "says", "told"), not a
    plural's ("Critics say")."""
    base = ref.speech.base.get(form)
    return bool(base) and ref.speech.has(base, "names") and form != base


SPEECH_AFTER = re.compile(r",?\s+(\w+)")  # "Robinson said": the word after, if a reporting verb (speech.yml)
SPEECH_BEFORE = re.compile(r"\b(\w+)\s+$")  # "said Robinson"
DOCUMENT_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(DOCUMENT_WORDS))})\b")
PLACE_CUE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside)\s+$")
PLACE_CUE_AFTER = re.compile(r"\s+(?:neighbou?rhood|area|district|province|governorate|city|town|village|region|camp|base)\b")
QUALIFIED = re.compile(r"(?<![\w.’'-])[A-Z][\w.’'-]*+(?<![’']s)\s+$")  # "British embassy": another country's
BLOC = re.compile(r"\s+(?:parliamentary |political |electoral )?(?:bloc|coalition|list)\b")
ORDINAL = re.compile(r"(?<!\d)\d++(?:st|nd|rd|th)")
LONGEST_NAME = 12  # words: a longer run of capitalized words is a title-cased line, not one name
DATELINE_TAG = re.compile(r"^[^.“\"\n]{0,80}?[(\[][^()\[\]\n]{1,40}[)\]]")  # "BAGHDAD, Aug 11 (Prensa Latina)"
PERSON_CUES_BEFORE = re.compile(
    r"(?:spokes(?:man|woman|person)|activist|leader|member|chair(?:man|woman)?|commander|official|analyst|"
    r"cleric|writer|volunteer|pilgrim|officer|lawmaker|MP|minister|adviser|advisor|head|deputy|chief|"
    r"secretary-general|said|told|by|colonel|sheikh|Mr|Mrs|Ms|Dr)\W{1,3}$"
)
PERSON_CUES_AFTER = re.compile(
    r"^(?:,\s+(?:a|an|the|who|whose|head|leader|chair|spokes\w+|deputy|secretary-general|member)\b|"
    r",?\s+(?:said|says|told|added|wrote|tweeted|warned|stressed|explained|noted|asked|has|had)\b|\s+of the\b)"
)


TITLES_OR_PARTICLES = TITLES | ATTACHED_PARTICLES
NAME_CONNECTORS = frozenset(CONNECTORS | ATTACHED_PARTICLES)
SENTENCE_OR_TIME = SENTENCE_WORDS | TIME_WORDS


@lru_cache(maxsize=200_000)
def fold_letters(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if c.isalnum() and not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The folded key of one word of a name; empty for a particle."""
    w = fold_letters(word)
    if w in ATTACHED_PARTICLES or w == "the" or not w:
        return ""
    if w.isdigit():
        return w
    if len(word) <= 5 and word.isupper():
        return "=" + w  # an acronym matches only itself
    if w.endswith("isation"):
        w = w[:-7] + "ization"  # British and American spelling: "Organisation", "Mobilization"
    for a, b in (("dh", "z"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ph", "f"), ("ck", "k"),
                 ("q", "k"), ("c", "k")):
        w = w.replace(a, b)
    first = "a" if w[0] in "aeiouy" else w[0]
    rest = re.sub(r"[aeiouy]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", first + rest)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str
    folded: str


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, str]:
    """(key, folded letters) of one word."""
    return word_key(word), fold_letters(word)


def tokenize(text: str, lower_words: frozenset[str] | None = None) -> list[Token]:
    """The words of a text with their offsets and keys. Given `lower_words`, a lower-case word is kept
    only if it is one of them (words names hold: "al", "of", "army" in "Mahdi army"); a skipped word
    still parts two names, because the gap it leaves is not `adjacent`."""
    found = []
    for m in WORD.finditer(text):
        word = m.group()
        if word.endswith(("’s", "'s")) and len(word) > 2:
            word = word[:-2]  # a possessive is not part of the name
        if lower_words is not None and word[0].islower() and word.lower() not in lower_words:
            continue
        start = m.start()
        found.append(Token(word, start, start + len(word), *word_keys(word)))
    return found


@lru_cache(maxsize=100_000)
def name_key(name: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(name) if t.key and t.folded not in TITLES)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    description: str | None
    reviewed: bool
    variants: tuple[str, ...] = ()
    epithets: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    surname_default: bool = False
    speaks_as: tuple[str, ...] = ()  # a government's country and capital, as speakers




@dataclass
class EntityIndex:
    entities: dict[str, Entity]
    names: dict[tuple[str, ...], str] = field(default_factory=dict)  # full-name key -> entity id
    prefixes: set[tuple[str, ...]] = field(default_factory=set)  # every leading part of a key in names
    lower_words: frozenset[str] = NAME_CONNECTORS  # lower-case words a name may hold
    surnames: dict[str, list[str]] = field(default_factory=dict)  # surname key -> person ids
    surname_spellings: dict[str, set[str]] = field(default_factory=dict)  # person id -> folded surnames
    epithets: list[tuple[str, str]] = field(default_factory=list)  # (epithet, entity id), longest first
    generic: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    longest: int = 1
    places: set[tuple[str, ...]] = field(default_factory=set)  # listed places, folded words without particles
    place_prefixes: set[tuple[str, ...]] = field(default_factory=set)  # every leading part of a place
    given_names: frozenset[str] = frozenset()  # folded; a capitalized run opening with one reads as a person
    governments: dict[str, str] = field(default_factory=dict)  # speaker key of a country or capital -> government

    def add_place(self, place: str) -> None:
        """A place by its exact spelling (the al- particle aside), never the loose key names use."""
        words = tuple(t.folded for t in tokenize(place) if t.folded not in ATTACHED_PARTICLES)
        if words:
            self.places.add(words)
            self.place_prefixes.update(words[:n] for n in range(1, len(words) + 1))

    def add(self, entity: Entity) -> None:
        self.entities[entity.id] = entity
        for form in (entity.name, *entity.variants):
            key = name_key(form)
            if len(key) == 1:
                key = ("=" + fold_letters(form),)  # one word: only its own spelling
            self.lower_words |= {w.lower() for w in WORD.findall(form)}  # news may lower-case any of them
            if key:
                self.names.setdefault(key, entity.id)
                self.prefixes.update(key[:n] for n in range(1, len(key)))
                self.longest = max(self.longest, len(key))
        if entity.type == "person":
            for form in (entity.name, *entity.variants):
                key = name_key(form)
                if len(key) < 2:
                    continue
                if entity.id not in self.surnames.setdefault(key[-1], []):
                    self.surnames[key[-1]].append(entity.id)
                surname = [t for t in tokenize(form) if t.key and t.folded not in TITLES][-1]
                self.surname_spellings.setdefault(entity.id, set()).add(surname.folded)
        self.epithets.extend((e, entity.id) for e in entity.epithets)
        self.epithets.sort(key=lambda pair: -len(pair[0]))
        self.generic.extend((re.compile(rf"\b{re.escape(g)}\b", re.I), entity.id) for g in entity.generic)
        self.governments.update((speaker_key(name), entity.id) for name in entity.speaks_as)


def load_entities(ref: Reference) -> EntityIndex:
    """Curated entities from the reference folder's entities.yml, and every outlet as an organization."""
    curated = load_yaml(ref.folder / "entities.yml")
    not_names = NOT_NAME_WORDS | ROLE_TITLES | ORGANIZATION_WORDS | FACILITY_WORDS | CONNECTORS  # more often not a name
    index = EntityIndex({}, given_names=frozenset(n for n in ref.given_names if n not in not_names))
    for entry in curated.get("entities") or []:
        index.add(Entity(
            slug(entry["name"]), entry["name"], entry["type"], entry.get("description"), True,
            tuple(entry.get("variants") or ()), tuple(entry.get("epithets") or ()),
            tuple(entry.get("generic") or ()), bool(entry.get("surname_default")), tuple(entry.get("speaks_as") or ()),
        ))
    for place in ref.places:
        index.add_place(place)
    for outlet in ref.outlets.values():
        if outlet.id not in index.entities:
            index.add(Entity(outlet.id, outlet.name, "organization", f"news outlet ({outlet.kind}, {outlet.country})",
                             True, tuple(a for a in outlet.aliases if a != outlet.name)))
    return index


@dataclass(frozen=True)
class Found:
    """A name found in a text: a known entity's id, or a new name with its proposed type."""

    entity_id: str | None
    surface: str
    start: int
    end: int
    new_name: str | None = None
    new_type: str | None = None


def fold_case(text: str) -> str:
    """Lower case with one apostrophe, offset for offset with `text` (unchanged where lower-casing would not be)."""
    folded = text.lower().replace("’", "'")
    return folded if len(folded) == len(text) else text


def adjacent(text: str, a: Token, b: Token, possessive: bool = False) -> bool:
    """Whether two words can belong to one name: only spaces or hyphens between, or the dot of an initial or title;
    with `possessive`, a possessive too (a curated "People’s Liberation Army", "Israel’s Air Force")."""
    gap = text[a.end: b.start]
    if gap == " " or gap == "-" or possessive and gap in ("’s ", "'s "):
        return True
    abbreviation = (len(a.text) == 1 and a.text.isupper()) or a.folded in TITLES
    return bool(JOINER.match(gap) or (abbreviation and re.fullmatch(r"\.\s?", gap)))


def joined(text: str, tokens: list[Token]) -> bool:
    return all(adjacent(text, a, b) for a, b in zip(tokens, tokens[1:]))


def match_known(text: str, tokens: list[Token], i: int, index: EntityIndex) -> tuple[str, int, int] | None:
    """(entity id, first token, token after) of the longest curated name starting at token i."""
    j = i
    while j < len(tokens) and j - i < LONGEST_NAME and (tokens[j].folded in ATTACHED_PARTICLES
                                                       or tokens[j].folded in TITLES and tokens[j].text[0].isupper()):
        j += 1
    if j >= len(tokens) or not tokens[j].text[0].isupper():
        return None
    best = None
    keys, used = [], []
    k = j
    while k < len(tokens) and len(keys) < index.longest:
        if used and not adjacent(text, tokens[used[-1]], tokens[k], possessive=True):
            break
        if tokens[k].key:
            keys.append(tokens[k].key)
            prefix = tuple(keys)
            if len(keys) == 1:
                particle_start = next((p for p in range(i, j) if tokens[p].folded in ATTACHED_PARTICLES), j)
                for start in (particle_start, k):
                    single = index.names.get(("=" + fold_letters(text[tokens[start].start: tokens[k].end]),))
                    if single and joined(text, tokens[start: k + 1]):
                        best = (single, i if j > i and joined(text, tokens[i:k + 1]) else start, k + 1)
                        break
            used.append(k)
            entity_id = index.names.get(prefix)
            if entity_id:
                best = (entity_id, i if j > i and joined(text, tokens[i:j + 1]) else j, k + 1)
            if prefix not in index.prefixes:
                break
        else:
            used.append(k)
        k += 1
    return best


def place_at(text: str, tokens: list[Token], i: int, index: EntityIndex) -> int | None:
    """The token after the longest listed place that starts at token i ("Sadr City", "al-Kadhimiya")."""
    words: tuple[str, ...] = ()
    end = None
    for k in range(i, len(tokens)):
        if k > i and not adjacent(text, tokens[k - 1], tokens[k]):
            break
        if tokens[k].folded in ATTACHED_PARTICLES:
            continue
        words += (tokens[k].folded,)
        if words in index.places:
            end = k + 1
        if words not in index.place_prefixes:
            break
    return end


def canonical_new_name(surface: str) -> str:
    """A new name in the guidelines' form: "Sattar Al Souaidi" -> "Sattar al-Souaidi"."""
    return re.sub(r"\b(?:Al|al|El|el)[\s-]+(?=[A-Z])", "al-", surface).strip()


def office_of(text: str, tokens: list[Token], j: int) -> bool:
    """Whether token j is the last word of a name that runs on past a possessive, an office named after its
    holder's title: "Monmouth County Sheriff’s Department", "the Attorney General’s Office"."""
    last = j + 1 == len(tokens) or not (tokens[j + 1].text[0].isupper() and adjacent(text, tokens[j], tokens[j + 1]))
    return (tokens[j].folded in ORGANIZATION_WORDS and tokens[j].text[0].isupper() and last
            and adjacent(text, tokens[j - 1], tokens[j], possessive=True) and tokens[j - 1].folded in ROLE_TITLES)


def propose(text: str, tokens: list[Token], i: int, ref: Reference, given_names: frozenset[str],
            common_words: frozenset[str]) -> tuple[str, str, int, int, int] | None:
    """(name, type, start, end, token after) for capitalized words that read as a person or organization.
    `common_words` are the text's words written in lower case: capitalized, they are no surname."""
    j = i
    while j < len(tokens):
        if j - i > LONGEST_NAME:
            return None
        t = tokens[j]
        lowered = t.folded
        if j > i and not adjacent(text, tokens[j - 1], t) and not office_of(text, tokens, j):
            break
        if not (t.text[0].isupper() or ORDINAL.fullmatch(t.text) or (j > i and lowered in CONNECTORS)):
            break
        if lowered == "the" and tokens[j - 1].folded not in {"of", "for", "against"}:
            break
        j += 1
    while j > i and tokens[j - 1].folded in CONNECTORS:
        j -= 1
    if j - i == 1:  # one word: a bloc's name ("Sairoon list"), or a surname speaking ("said Robinson")
        word = tokens[i]
        if word.folded in ROLE_TITLES or word.folded in NOT_NAME_WORDS or word.folded in ORGANIZATION_WORDS:
            return None
        if BLOC.match(text, word.end):
            return word.text, "organization", word.start, word.end, i + 1
        after = SPEECH_AFTER.match(text, word.end)
        before = SPEECH_BEFORE.search(text[max(0, word.start - 16): word.start])
        speaking = (after and says(after[1], ref)) or (before and says(before[1], ref))
        alone = i == 0 or not (tokens[i - 1].text[0].isupper() and adjacent(text, tokens[i - 1], word))
        alone = alone and word.folded not in common_words and not word.text.endswith("s")  # not "Critics", "Observers"
        alone = alone and not PLACE_CUE_BEFORE.search(text, max(0, word.start - 12), word.start)  # "in Fordo, adding"
        if (speaking and alone and word.key and word.folded not in FACILITY_WORDS | GEOGRAPHY_WORDS
                and fold(word.text) not in ref.places and fold(word.text) not in ref.world_places):
            return word.text, "person", word.start, word.end, i + 1
        return None
    run = tokens[i:j]
    orgs = [p for p, t in enumerate(run) if t.folded in ORGANIZATION_WORDS]
    role = next((p for p, t in enumerate(run) if orgs and p > orgs[0] and (
        t.folded in ROLE_TITLES or t.folded in given_names and p + 1 < len(run) and p - 1 in orgs)), None)
    if role is not None:  # "Butler Police Lt. Mike Moeller", "Baghdad University Khaled Abdelilah": the
        # organization, then a title or a given name right after its last word opens a new name
        end = max(p for p in orgs if p < role)
        return canonical_new_name(text[run[0].start: run[end].end]), "organization", run[0].start, run[end].end, i + end + 1
    office = len(run) >= 2 and office_of(text, tokens, j - 1)  # "Sheriff’s Department": the title names the office
    titles = [] if office else [p for p, t in enumerate(run[:4]) if t.folded in ROLE_TITLES]
    titled = bool(titles)
    if titles:
        run = run[titles[-1] + 1:]
    while run and run[0].folded in SENTENCE_OR_TIME:
        run = run[1:]
    run = first_name_of_list(run, ref.places)
    if not run:
        return None
    after_run = i + next(k for k in range(j - i) if tokens[i + k] is run[-1]) + 1
    if len(run) == 1 and run[0].folded not in NOT_NAME_WORDS and BLOC.match(text[run[0].end:]):
        return run[0].text, "organization", run[0].start, run[0].end, after_run
    if sum(1 for t in run if t.key) < 2:
        return None
    surface = text[run[0].start: run[-1].end]
    words = [t.folded for t in run]
    if fold(surface) in ref.places or fold(surface) in ref.world_places or surface.isupper():
        return None
    opened, closed = text[max(0, run[0].start - 1): run[0].start], text[run[-1].end: run[-1].end + 1]
    if opened and closed and opened in "‘“\"" and closed in "’”\"":
        return None  # a quoted title: ‘Call for Transnational Jihad’
    if words[0] in HONORIFICS and len(run) == 2:
        return canonical_new_name(surface), "person", run[0].start, run[-1].end, after_run
    if DOCUMENT_AFTER.match(text, run[-1].end):
        return None  # "the Intermediate-range Nuclear Forces treaty": a document's name
    if words[-1] in ORGANIZATION_WORDS or (len(words) >= 3 and words[-1] not in FACILITY_WORDS
                                           and any(w in ORGANIZATION_WORDS for w in words)):
        return canonical_new_name(surface), "organization", run[0].start, run[-1].end, after_run
    if any(w in GEOGRAPHY_WORDS for w in words):
        return None  # "Hudson River", "Rocky Mountains", "Morris County": a place
    if len(run) > 4 or any(w in NOT_NAME_WORDS and t.text != "A"  # an initial ("John A. Doe") is no "a"
                           or w in ORGANIZATION_WORDS or w in ref.places or w in FACILITY_WORDS for t, w in zip(run, words)):
        return None
    before, after = text[max(0, run[0].start - 40): run[0].start], text[run[-1].end: run[-1].end + 40]
    if PLACE_CUE_AFTER.match(after):
        return None
    has_particle = any(w in {"al", "el", "abu", "bin", "ibn"} for w in words[:-1])
    given = words[0] in given_names and not any(w in common_words for w in words[1:])  # not "Ann Earthquake"
    if titled or has_particle or given or PERSON_CUES_BEFORE.search(before) or PERSON_CUES_AFTER.match(after):
        return canonical_new_name(surface), "person", run[0].start, run[-1].end, after_run
    return None


def first_name_of_list(run: list[Token], places: frozenset[str]) -> list[Token]:
    """"Iraqi Ummah Party and Sattar Al Souaidi" is two names: keep the first."""
    words = [t.folded for t in run]
    for k, word in enumerate(words):
        if 0 < k < len(words) - 1:
            before, after = words[:k], words[k + 1:]
            if word == "and" and (before[-1] in ORGANIZATION_WORDS or before[-1] in NOT_NAME_WORDS or after[0] == "the"
                                  or not any(w in ORGANIZATION_WORDS for w in after)):
                return run[:k]
            if word == "of" and not any(w in ORGANIZATION_WORDS for w in before) and any(
                    w in ORGANIZATION_WORDS or w in FACILITY_WORDS for w in after):  # "Matthew Bunn of … School"
                return run[:k]
            if word == "in" and " ".join(after) in places:
                return run[:k]
    return run


def find_names(text: str, index: EntityIndex, ref: Reference, people: dict[str, str]) -> list[Found]:
    """Names in one text. `people` maps surname keys to persons named in full so far in the article."""
    found: list[Found] = []
    taken = [False] * (len(text) + 1)
    folded = fold_case(text)  # the blog title-cases its headlines: "The Antichrist’s Men Threaten…"
    for epithet, entity_id in index.epithets:
        needle = fold_case(epithet)
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            if not any(taken[start:end]):
                found.append(Found(entity_id, text[start:end], start, end))
                taken[start:end] = [True] * (end - start)
            start = folded.find(needle, end)
    tokens = [t for t in tokenize(text, index.lower_words) if not taken[t.start]]
    common_words = frozenset(t.folded for t in tokens if t.text.islower())
    i = 0
    while i < len(tokens):
        if not tokens[i].text[0].isupper() and tokens[i].folded not in ATTACHED_PARTICLES \
                and not ORDINAL.fullmatch(tokens[i].text):
            i += 1
            continue
        if tokens[i].folded in SENTENCE_OR_TIME and not (
                i + 1 < len(tokens) and tokens[i + 1].text[0].isupper() and adjacent(text, tokens[i], tokens[i + 1])):
            i += 1  # "The", "In", "Monday" alone: no name starts here
            continue
        known = match_known(text, tokens, i, index)
        place_end = place_at(text, tokens, i, index)
        if place_end and (known[2] <= place_end if known else not (
                place_end < len(tokens) and tokens[place_end].text[0].isupper()
                and adjacent(text, tokens[place_end - 1], tokens[place_end]))):
            i = place_end  # "Sadr City", "al-Kadhimiya": a place, not Sadr or Kadhimi; "Basra Operations Command" goes on
            continue
        if known:
            entity_id, first, after = known
            start, end = tokens[first].start, tokens[after - 1].end
            found.append(Found(entity_id, text[start:end], start, end))
            entity = index.entities[entity_id]
            key = name_key(text[start:end])
            if entity.type == "person" and len(key) >= 2:
                people[key[-1]] = entity_id
            i = after
            continue
        token = tokens[i]
        if (token.text[0].isupper() or ORDINAL.fullmatch(token.text)) and token.key:
            proposal = propose(text, tokens, i, ref, index.given_names, common_words)
            if proposal and proposal[4] == i + 1 and proposal[1] == "person" and (
                    people.get(token.key) or default_for_surname(index, token.key, token.text)):
                proposal = None  # "Sadr said": a surname of someone named before, or of a curated person
            pair = proposal and proposal[1] == "person" and known_pair(text, tokens, i, proposal[4], index, people)
            if pair:  # "the Salih-Trump meeting": two names the build knows, each its own mention
                found += [Found(entity_id, text[tokens[a].start:tokens[b - 1].end], tokens[a].start, tokens[b - 1].end)
                          for entity_id, a, b in pair]
                i = proposal[4]
                continue
            if proposal and proposal[1] == "person" and EVENT_AFTER.match(text, proposal[3]):
                proposal = None  # "the Hamid Jabouri talks": a party to an event, not a person's name
            if proposal and any(match_known(text, tokens, k, index) for k in range(i + 1, proposal[4])):
                proposal = None  # a curated name inside the run: let it match where it starts
                if not people.get(token.key) and not default_for_surname(index, token.key, token.text):
                    i += 1
                    continue
            if proposal:
                name, kind, start, end, after = proposal
                found.append(Found(None, text[start:end], start, end, name, kind))
                key = name_key(name)
                if kind == "person":
                    people[key[-1]] = "new:" + name
                i = after
                continue
            surname = None
            if token.folded not in NOT_NAME_WORDS and token.folded not in ref.places:
                surname = people.get(token.key) or default_for_surname(index, token.key, token.text)
            first = i
            while first > 0 and i - first < LONGEST_NAME and tokens[first - 1].folded in TITLES_OR_PARTICLES \
                    and tokens[first - 1].text[0].isupper() and adjacent(text, tokens[first - 1], tokens[first]):
                first -= 1
            standalone = first == 0 or not (tokens[first - 1].text[0].isupper()
                                             and adjacent(text, tokens[first - 1], tokens[first]))
            if surname and (first < i or standalone):
                start = tokens[first].start
                if surname.startswith("new:"):
                    found.append(Found(None, text[start:token.end], start, token.end, surname[4:], "person"))
                else:
                    found.append(Found(surname, text[start:token.end], start, token.end))
        i += 1
    for pattern, entity_id in index.generic:
        for m in pattern.finditer(text):
            qualified = QUALIFIED.search(text[max(0, m.start() - 30): m.start()])
            if not qualified and not any(taken[m.start(): m.end()]) and not any(f.start <= m.start() < f.end for f in found):
                found.append(Found(entity_id, m.group(), m.start(), m.end()))
    return sorted(found, key=lambda f: (f.start, f.end))


def known_pair(text: str, tokens: list[Token], first: int, after: int, index: EntityIndex,
               people: dict[str, str]) -> list[tuple[str, int, int]] | None:
    """(entity id, first token, token after) of each part of tokens[first:after] if they are names the build knows
    joined by hyphens or slashes ("Salih-Trump"): a curated name, or the surname of someone named before or of a
    curated person."""
    cuts = [k for k in range(first + 1, after) if text[tokens[k - 1].end: tokens[k].start] in JOINED_NAMES]
    found = []
    for start, end in zip([first, *cuts], [*cuts, after]):
        match = match_known(text, tokens, start, index)
        key = tokens[start].key
        entity_id = (match[0] if match and match[2] == end else None) or (
            end - start == 1 and key and (people.get(key) or default_for_surname(index, key, tokens[start].text)))
        if not entity_id or entity_id.startswith("new:"):
            return None
        found.append((entity_id, start, end))
    return found if len(found) > 1 else None


def default_for_surname(index: EntityIndex, key: str, word: str) -> str | None:
    """The person a bare surname stands for with no one named in full before it: the curated default, else
    the only person with that surname, else the only one who spells it so ("Abadi", not "Obaidi")."""
    holders = [h for h in index.surnames.get(key, [])
               if SequenceMatcher(None, fold_letters(word), fold_letters(index.entities[h].name.split()[-1])).ratio() >= 0.75]
    defaults = [h for h in holders if index.entities[h].surname_default]
    if defaults:
        return defaults[0]
    if len(holders) > 1:
        holders = [h for h in holders if fold_letters(word) in index.surname_spellings[h]]
    return holders[0] if len(holders) == 1 else None


@dataclass(frozen=True)
class ArticleMention:
    field: str  # body, original_headline, blog_headline or caption
    caption: int | None  # the caption's position, for field "caption"
    found: Found


def article_mentions(article, index: EntityIndex, ref: Reference) -> list[ArticleMention]:
    """Every name in the article's headlines, body and captions, in reading order; not an outlet's tag in the
    dateline ("ERBIL (Kurdistan 24) –", "[BestSyndication News] …"), which names the article's source."""
    people: dict[str, str] = {}
    texts = [("original_headline", None, article.original_headline or ""), ("body", None, article.body)]
    texts += [("caption", i, c.text) for i, c in enumerate(article.captions)]
    texts.append(("blog_headline", None, article.blog_headline))
    tag = DATELINE_TAG.match(article.body)
    return [ArticleMention(name, caption, f) for name, caption, text in texts
            for f in find_names(text, index, ref, people)
            if (f.entity_id or not name.endswith("headline"))  # title case hides what is a name
            and not (name == "body" and tag and f.end <= tag.end() and f.entity_id in ref.outlets)]


def provisional_id(name: str) -> str:
    """An id for a new name until the writer gives it its own (database.new_entity_ids): its folded key, case
    aside ("KARIM Basrawi" is "Karim Basrawi": a word in capitals is no acronym here)."""
    return "new:" + " ".join(name_key(name.lower()))


class NewEntities:
    """Names the reference data lacks (reviewed = 0), grouped by provisional id. A group's name is the spelling
    resolved in the most files, then the one with the fewest capitals, then the first in code-point order: like
    the id the writer gives it, it does not depend on the order of the files."""

    def __init__(self, index: EntityIndex):
        self.index = index
        self.files: dict[tuple[str, str], int] = {}  # (name, type) -> how many files it was resolved for
        self.entities: dict[str, Entity] = {}  # by provisional id

    def resolve(self, name: str, kind: str) -> str:
        """The curated id of a curated name, else the provisional id of its group; called once a file for a group."""
        key = name_key(name)
        if key in self.index.names:
            return self.index.names[key]
        entity_id = provisional_id(name)
        self.files[name, kind] = self.files.get((name, kind), 0) + 1
        best = self.entities.get(entity_id)
        if best is None or self.rank(name, kind) < self.rank(best.name, best.type):
            self.entities[entity_id] = Entity(entity_id, name, kind, None, False)
        return entity_id

    def rank(self, name: str, kind: str) -> tuple:
        """Where a spelling stands as its group's name, the best first."""
        return -self.files[name, kind], sum(c.isupper() for c in name), name, kind
