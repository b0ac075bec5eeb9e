"""Which outlet wrote a copied article, and which site it passed through, from the text's own signals."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .reference import Reference
from .text import words

SOURCE, PAGE = "source", "page"
DASH = r"(?:[—–]|-{1,2})"
DATELINE_TAG = "dateline tag"
STAFF = r"(?:[Ss]taff(?: [Ww]riters?| [Rr]eporters?)?(?: and [Aa]gencies)?|[Nn]ewsroom|[Nn]ews [Dd]esk|[Ww]eb [Dd]esk)\.?"
DOMAIN_LINE = re.compile(r"^(?:https?://)?(?:www\.)?(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/?$")  # "USGS.gov"
TAG_LINE_JUNK = 2  # a source tag line may carry this many stray characters ("The Nationala")
LISTED = re.compile(r"(?:\s*[,&/]\s*|\s+)(?:and\s+)?", re.I)  # between outlets listed together: "Reuters, AFP and AP"
DECISIVE = 10  # an explicit source signal: a dateline tag, a source line, a byline or lede naming it, a link to it
FIELD_NAME_WEIGHT = 3  # the outlet's name on a short line above or below the story: a hint
FIELD_WORDS = 10  # a line this short is a field of the page (a stamp, a source), not a sentence citing an outlet
PHOTO_CREDIT_WEIGHT = 1  # decides only when nothing else names an outlet; never makes a via
NOT_FIELDS = frozenset({"footnote", "boilerplate", "paragraph"})  # lines around the story that never name its outlet


@dataclass(frozen=True)
class Evidence:
    outlet_id: str
    role: str
    weight: int
    line: int
    signal: str  # the rule that matched: "dateline tag", "byline", a house format's note, …
    text: str  # the line it matched
    house: bool = False  # a house format of the outlet (line_formats.yml), not a source the text states


@lru_cache(maxsize=8)
def mention_pattern(alias_pattern: str) -> re.Pattern[str]:
    """Self references: an interview given to the outlet ("told Al Jazeera", "in an interview with Rudaw", "when
    National Geographic caught up with her"), news it found itself ("Al-Monitor has learned") or its own people on
    the spot ("a Reuters reporter said", "a correspondent for NRT Arabic in Baghdad reports"). "According to Reuters" and "USA Today reported" cite another outlet,
    so they are not evidence of whose article it is."""
    return re.compile(
        rf"\b(?i:told|speaking (?:to|with)|spoke (?:to|with)|in an? (?:phone |telephone |exclusive )?interview with|"
        rf"in a statement to|in comments to)\s+(?:the\s+)?(?P<a>{alias_pattern})\b"
        rf"|(?<![\w-])(?P<b>{alias_pattern}) (?:has learned|learned|caught up with|interviewed)\b"
        rf"|\b(?i:an?) (?P<c>{alias_pattern}) (?i:reporter|correspondent|photographer|journalist|cameraman)\b"
        rf"|\b(?i:correspondent|reporter) (?i:for|with) (?:the )?(?P<d>{alias_pattern})\b"
    )


@lru_cache(maxsize=8)
def byline_pattern(alias_pattern: str) -> re.Pattern[str]:
    """A byline that names the writer's outlet: "By Lolita C. Baldor and Qassim Abdul-Zahra, Associated Press",
    "By ZEINA KARAM Associated Press", "Middle East Eye staff"."""
    return re.compile(rf"^By:?\s+[A-Z].*?(?:\s*(?:,|\||[–—-])\s*|\s+)(?:the\s+)?(?P<a>{alias_pattern})\.?\s*$"
                      rf"|^(?:By:?\s+)?(?:the\s+)?(?P<staff>{alias_pattern})\s+{STAFF}$")


@lru_cache(maxsize=8)
def opener_pattern(alias_pattern: str) -> re.Pattern[str]:
    """A lede opened by its outlet's name in brackets: "[BestSyndication News] Earthquakes are…", "(CNN) —"."""
    return re.compile(rf"^[\[(](?:the\s+)?(?P<a>{alias_pattern})[\])]\s*(?:{DASH}\s*)?\S", re.I)


def cited_outlets(ref: Reference, text: str) -> list[str]:
    """The outlets a source line names right after its cue (source_cues of outlets.yml), in any case: "Article
    text by FRANCE 24", "Copyright © 2020 The Associated Press", "… | Agency: ANI", "Source: Reuters and AFP"."""
    for field in text.split("|"):
        field = field.strip()
        cue = ref.source_cue.match(field)
        if not cue:
            continue
        rest, listed, reach = field[cue.end():], [], 0
        for name in ref.outlet_names.find(rest, any_case=True):
            between = rest[reach: name.start]
            opens_or_follows = LISTED.fullmatch(between) if listed else not between
            if not opens_or_follows:
                break
            listed.append(name.outlet_id)
            reach = name.end
        if listed:
            return listed
    return []


def tag_line_outlets(ref: Reference, text: str) -> list[str]:
    """The outlets a source tag line names: those of a source line; the outlet whose web address the line is
    ("USGS.gov"); its name alone, or with a few stray characters."""
    cited = cited_outlets(ref, text)
    if cited:
        return cited
    m = DOMAIN_LINE.match(text)
    if m:
        return [n.outlet_id for n in ref.outlet_names.find(m["domain"]) if n.by_domain and n.end == len(m["domain"])]
    for cut in range(TAG_LINE_JUNK + 1):
        candidate = text[: len(text) - cut] if cut else text
        outlet_id = ref.outlet_by_alias.get(candidate)
        if outlet_id and len(candidate) >= 4:
            return [outlet_id]
    return []


def named_around_story(ref: Reference, number: int, text: str, kind: str) -> list[Evidence]:
    """A line between the original headline and the story, or after the story, that links to an outlet's site
    ("Published … Updated … CNBC.com") names it decisively; a field of the page that names it (a short line
    reporting no speech, not a sentence citing it: "Reuters Feb 6, 2020") gives a hint."""
    if kind in NOT_FIELDS:
        return []
    field = kind != "junk" and len(words(text)) <= FIELD_WORDS and not ref.speech.pattern.search(text)
    evidence = []
    for name in ref.outlet_names.find(text):
        if name.by_domain:
            evidence.append(Evidence(name.outlet_id, SOURCE, DECISIVE, number, "link to the outlet's site", text))
        elif field:
            evidence.append(Evidence(name.outlet_id, SOURCE, FIELD_NAME_WEIGHT, number, "outlet named around the story",
                                     text))
    return evidence


def around_story(kinds: list[str]) -> set[int]:
    """The indexes of the lines between the original headline (or the blog's) and the story's first paragraph,
    and of those after its last."""
    body = [i for i, kind in enumerate(kinds) if kind == "body"]
    start = kinds.index("original headline") + 1 if "original headline" in kinds else 0
    first, last = (body[0], body[-1]) if body else (len(kinds), len(kinds))
    return set(range(start, first)) | set(range(last + 1, len(kinds)))


def headline_trailer_outlet(ref: Reference, headline: str | None) -> str | None:
    """The outlet a page title names after its separators ("… – News – The Daily News – Jacksonville, NC")."""
    if not headline:
        return None
    segments = re.split(r"\s+[–—|-]\s+", headline)
    for segment in segments[1:]:
        outlet_id = ref.outlet_by_alias.get(segment.strip())
        if outlet_id:
            return outlet_id
    return None


def credited_outlet(ref: Reference, credit: str | None) -> str | None:
    """The newsroom a photo credit names as the photographer's employer ("Matt Fagan/NorthJersey.com", "CBN News").
    Not a wire agency, whose photos any paper buys, nor a body whose maps and images everyone reuses."""
    for part in re.split(r"\s*/\s*|\s+via\s+", credit or ""):
        outlet_id = ref.outlet_by_alias.get(part.strip(" .,()"))
        if outlet_id and ref.outlets[outlet_id].is_newsroom:
            return outlet_id
    return None


def outlet_evidence(ref: Reference, lines: list[tuple[int, str, str]]) -> list[Evidence]:
    """Evidence from every line (number, text, kind): outlet house formats, boilerplate, source tag
    lines, bylines that name an outlet, mentions, outlets named or linked around the story, and the outlet's
    own photo credits. A photo credit never names the article's outlet otherwise."""
    evidence = []
    mentions, bylines = mention_pattern(ref.alias_pattern), byline_pattern(ref.alias_pattern)
    openers = opener_pattern(ref.alias_pattern)
    around = around_story([kind for _, _, kind in lines])
    for index, (number, text, kind) in enumerate(lines):
        evidence += [Evidence(f.outlet, f.role, f.weight, number, f"house format: {f.note}", text, house=True)
                     for f in ref.house_formats if f.pattern.search(text)]
        if kind in ("caption", "credit"):
            credited = credited_outlet(ref, ref.lines.photo_credit(text))
            if credited:
                evidence.append(Evidence(credited, SOURCE, PHOTO_CREDIT_WEIGHT, number, "photo credit of the outlet's own", text))
            continue
        tagged = tag_line_outlets(ref, text)
        byline = bylines.match(text)
        opener = openers.match(text)
        if tagged:
            evidence += [Evidence(outlet_id, SOURCE, DECISIVE, number, "source, copyright, domain or tag line", text)
                         for outlet_id in tagged]
        elif byline:
            evidence.append(Evidence(ref.outlet_by_alias[byline["a"] or byline["staff"]], SOURCE, DECISIVE, number,
                                     "byline naming the outlet", text))
        elif opener:
            evidence.append(Evidence(ref.outlet_named(opener["a"]), SOURCE, DECISIVE, number,
                                     "lede opened by the outlet", text))
        elif index in around:
            evidence += named_around_story(ref, number, text, kind)
        for m in mentions.finditer(text):
            evidence.append(Evidence(ref.outlet_by_alias[m["a"] or m["b"] or m["c"] or m["d"]], SOURCE, 2, number,
                                     "the outlet's own reporting (an interview given to it, its reporter)", text))
    return evidence


def shows_page(ref: Reference, e: Evidence) -> bool:
    """Evidence of whose page the blog copied that can make a via: an aggregator's, or a page carrying wire copy."""
    outlet = ref.outlets[e.outlet_id]
    return outlet.is_aggregator or e.role == PAGE and outlet.carries_wire_copy


def resolve_outlet(ref: Reference, evidence: list[Evidence]) -> tuple[str | None, str | None]:
    """(outlet_id, via_outlet_id) from the evidence.

    A republishing aggregator (kind `aggregator`) is the via. An explicit source signal (weight DECISIVE)
    outweighs a house format: a house format counts only where no such signal names another outlet, and then
    only shows the page of an outlet that carries wire copy. Of the rest, an outlet whose page formats show is
    the outlet, unless it is not named in the text, carries wire copy and a wire agency is named: then the agency
    is the outlet and the page the via. Without page formats, the best-attested source wins, but a wire agency's
    dateline tag beats a paper named on the page, which is then the via.
    """
    stated = {e.outlet_id for e in evidence
              if e.weight >= DECISIVE and not e.house and not ref.outlets[e.outlet_id].is_aggregator}
    if stated:
        evidence = [e for e in evidence if not e.house or e.outlet_id in stated or shows_page(ref, e)]
    source, page = defaultdict(int), defaultdict(int)
    first_seen: dict[str, int] = {}
    for e in evidence:
        (page if e.role == PAGE else source)[e.outlet_id] += e.weight
        first_seen.setdefault(e.outlet_id, e.line)

    def best(scores: dict[str, int]) -> str | None:
        return min(scores, key=lambda o: (-scores[o], first_seen[o])) if scores else None

    aggregators = {o: w for o, w in page.items() if ref.outlets[o].is_aggregator}
    via = best(aggregators)
    page = {o: w for o, w in page.items() if o not in aggregators}
    source = {o: w for o, w in source.items() if not ref.outlets[o].is_aggregator}
    page_outlet, source_outlet = best(page), best(source)
    wire_tags = {e.outlet_id for e in evidence if e.signal == DATELINE_TAG and ref.outlets[e.outlet_id].is_wire}
    if source_outlet and source_outlet not in wire_tags and wire_tags and page_outlet is None:
        carrier = source_outlet if source[source_outlet] > PHOTO_CREDIT_WEIGHT else None
        return best({o: source[o] for o in wire_tags}), via or carrier  # "DUBAI (AP) —" carried by a paper

    if page_outlet is None or page_outlet == source_outlet:
        return source_outlet or page_outlet, via
    if source_outlet is None or page_outlet in source:
        combined = {o: page.get(o, 0) + source.get(o, 0) for o in set(page) | set(source)}
        return best(combined), via
    if ref.outlets[source_outlet].is_wire and ref.outlets[page_outlet].carries_wire_copy:
        return source_outlet, via or page_outlet
    if source[source_outlet] > page[page_outlet] or source_outlet in stated and page_outlet not in stated:
        return source_outlet, via
    return page_outlet, via
