"""Stage 3, parse article: headlines, byline, dateline, date, outlet, captions and clean body of a post."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from .dates import MONTH, latest_year_mentioned, opens_with_weekday, read_date, with_nearest_year
from .model import Article, Caption, FieldEvidence, Post, Problem
from .outlets import DASH, DATELINE_TAG, SOURCE, STAFF, Evidence, headline_trailer_outlet, outlet_evidence, resolve_outlet, tag_line_outlets
from .posts import HEADER_REACH, PARTNER_SIMILARITY
from .reference import Reference
from .rewrites import headline_rewrites
from .text import fold, has_words, similarity, slug, words
from .vocabulary import NAME_SUFFIXES, NOT_BYLINE_WORDS, PARTICLES, ROLE_TITLES

OPENING_WORDS = 16  # the words of a story that identify its article in every copy
MIN_BODY_WORDS = 4  # shorter lines are labels ("The tweeted poster."), not paragraphs
NEWS_AUXILIARY = re.compile(r"\b(?:has|have|had|was|were|will|would)\b")
RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:\w+\s+)?$")  # "a sign that reads", "that was damaged"
PAST_TENSE = re.compile(r"\b[a-z]{3,}ed\b(?!\s+by\b)")  # "Gunmen killed", not "hit by", "fired by"
PAST_TENSE_WORDS = 6  # a line's own verb stands among its first words
HEADER_BODY_PARAGRAPHS = 3  # the header (byline, stamps) may reach past a caption and a standfirst, not further
PLACE_WORD = r"[A-Z][A-Za-z’'.-]+"
PLACE = rf"{PLACE_WORD}(?: {PLACE_WORD}){{0,2}}"


DATELINE = re.compile(  # a lede's dateline: "BAGHDAD (AP) —", "ERBIL, Kurdistan Region –", "Baghdad, Aug 11 (Prensa Latina)"
    rf"^(?P<place>{PLACE}(?:, (?!{MONTH}\s)(?:{PLACE}))?)"
    rf"(?:,? (?P<date>{MONTH} \d{{1,2}}(?:, \d{{4}})?))?"
    rf"(?: \((?P<tag>[^()]{{1,40}})\))?"
    rf"(?P<sep>\s*(?:{DASH}|:)\s+|\s*[—–](?=[A-Z])|(?<=\))\s+(?=[A-Z]))(?P<rest>\S.*)$"
)


OUTLET_AFTER_BYLINE = rf"(?:\s*[,|]\s*|\s+{DASH}\s+)(?:the\s+)?[A-Z][\w .&’']*"  # ", Reuters", "| AP", "- The National"
DESK_BYLINE = re.compile(r"^[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){1,3}$")  # beside a date stamp: "FP Explainers"
STAFF_BYLINE = re.compile(  # "Middle East Eye staff", "Web Desk", "Explained Desk"
    rf"^(?:By:?\s+)?(?P<name>(?:[A-Z][\w’'-]*\s+){{1,4}}{STAFF}|(?:[A-Z][\w’'-]*\s+){{1,2}}[Dd]esk)$")
BYLINE_DECORATION = re.compile(  # what a byline line holds besides its names, to its end
    r"(?:\s*[,|·•]\s*|\s+[-–—]\s+|\s+)(?:"
    r"(?:[Uu]pdated\s+)?\d{1,2}\s+(?:sec|second|min|minute|hr|hour|day|week|month)s?\s+ago"  # "3 hours ago"
    r"|(?:[Tt]witter:?\s*|[Ff]ollow\s+)?@\w"  # a social handle: "| @NatashaTurak", "Twitter: @x"
    r"|(?<=,)\s*(?:[A-Z][\w-]*\s+){0,3}(?:[Ss]taff|[Ww]riter|[Rr]eporter|[Cc]orrespondent|[Ee]ditor|[Cc]olumnist|"
    r"[Cc]ontributor)s?\b"  # ", Senior Correspondent", "Matt Fagan, Staff writer, @x"
    r"|[Ss]taff$)"  # "Jane Roe Staff"
    r".*$")
BYLINE_FOR = re.compile(r"\s+for\s+(?P<institution>(?:the\s+)?[A-Z][^,|]*)$")  # "John Doe for Al-Monitor"
BYLINE_BY = re.compile(rf"^(?:By|BY):?\s+(?P<name>[A-Z][^–—|]{{1,80}}?)(?:{OUTLET_AFTER_BYLINE})?\s*(?:{DASH}\s*)?$")
PLACE_THEN_NAME = re.compile(rf"^(?P<place>{PLACE}(?:, {PLACE})?)\s+{DASH}\s+(?P<name>[^–—]+?)\s*$")
NAME_PLACE_TEXT = re.compile(rf"^(?P<name>[^–—]{{3,60}}?)\s+{DASH}\s+(?P<place>{PLACE}(?:, {PLACE})?)\s+{DASH}\s+(?P<rest>\S.*)$")


@dataclass(frozen=True)
class Dateline:
    place: str
    date_text: str | None
    tag: str | None
    text: str  # the dateline as it stands, for published_text


def is_name(text: str, ref: Reference, placed: bool = False) -> bool:
    """A personal name such as "Zhelwan Z. Wali" or "Fadhel al-Nashmi" standing alone; `placed`: where the page puts
    a byline (right above its date stamp), a name needs no given name or particle to mark it ("Baxtiyar Goran")."""
    if text.isupper():  # "MIRIAM JACKSON": a name in capitals needs its given name or particle, wherever it stands
        text, placed = text.title(), False
    parts = text.split()
    if not 2 <= len(parts) <= 5 or any(c.isdigit() for c in text):
        return False
    if ref.labels.search(text) or text in ref.outlet_by_alias or fold(text) in ref.places:
        return False
    capitals, marked = 0, fold(parts[0]) in ref.given_names  # a given name, a particle or an initial marks a name
    for k, part in enumerate(parts):
        base = part.rstrip(",")
        lowered = base.lower()
        if lowered in NOT_BYLINE_WORDS:
            return False
        if (lowered.split("-")[0] in PARTICLES or re.fullmatch(r"[A-Z]\.", base)
                or k == 0 and titled(parts)  # "Dr. Jane Roe", "Col. John Doe"
                or k == len(parts) - 1 and lowered.rstrip(".") in NAME_SUFFIXES):  # "Jane Roe Jr."
            marked = True
            continue
        if not re.fullmatch(r"[A-Z][\w’'-]*", base):
            return False
        capitals += 1
    return capitals >= 1 and (marked or placed and len(parts) <= 3)


def titled(parts: list[str]) -> bool:
    """A title (nameparser's) before two words of a name at least, none of them a title: "Dr. Jane Roe"; not "Prime
    Minister", "President Trump"."""
    return len(parts) >= 3 and [part.lower().rstrip(".,") in ROLE_TITLES for part in parts] == [True] + [False] * (
        len(parts) - 1)


def is_place(text: str, ref: Reference) -> bool:
    first = text.split(",")[0].strip()
    return first.isupper() or fold(first) in ref.places or fold(first) in ref.world_places


def read_dateline(text: str, ref: Reference) -> Dateline | None:
    """The dateline that opens a lede: "BAGHDAD (AP) —", "ERBIL, Kurdistan Region –", "BAGHDAD:"."""
    m = DATELINE.match(text)
    if not m:
        return None
    place, tag = m["place"], m["tag"]
    first, _, second = place.partition(", ")
    if not tag and second in ref.outlet_by_alias:
        place, tag = first, second  # "Tehran, IRNA --"
    separator = m["sep"].strip()
    if separator == ":" and not first.isupper():
        return None
    if not separator and tag not in ref.outlet_by_alias:
        return None  # "Baghdad, Aug 11 (Prensa Latina) A recount…": no dash only after an agency's tag
    if not (is_place(place, ref) or tag and first.isupper()):
        return None
    return Dateline(place, m["date"], tag, text[: m.start("rest")].strip(" –—-:"))


def line_kind(text: str, ref: Reference) -> str:
    """What a line is by its own shape, before the header is read."""
    lines = ref.lines
    text = lines.without_glued_junk(text)
    if lines.is_boilerplate(text):
        return "boilerplate"
    if lines.is_footnote(text):
        return "footnote"
    if lines.is_page_junk(text):
        return "junk"
    if lines.stamp(text):
        return "stamp"
    if lines.caption_parts(text):
        return "caption"
    if lines.is_closing_credit(text):
        return "credit"
    if tag_line_outlets(ref, text):
        return "tag"
    if lines.is_headline_like(text) or not has_words(text, MIN_BODY_WORDS):
        return "heading"
    return "body"


def pick_original_headline(blog: str, kinds: list[str], texts: list[str], ref: Reference) -> int | None:
    """A page title naming its outlet ("… — The Independent") near the top; else the line most like the blog
    headline; else the first title-like line before the body. Bylines, names and lines carrying the blog's labels
    (its own titles) are never original headlines."""
    reach = [i for i in range(1, min(len(texts), HEADER_REACH + 1))
             if kinds[i] == "heading" and ref.lines.is_headline_like(texts[i]) and not is_name(texts[i], ref)
             and not read_byline(texts[i], ref) and not ref.labels.search(texts[i])]
    titled = [i for i in reach if headline_trailer_outlet(ref, texts[i])]
    if titled:
        return titled[0]
    scored = [(similarity(blog, ref.lines.without_glued_junk(texts[i])), -i) for i in reach]
    if scored and max(scored)[0] >= PARTNER_SIMILARITY:
        return -max(scored)[1]
    body = [i for i in range(1, len(texts)) if kinds[i] == "body"]
    story_start = body[HEADER_BODY_PARAGRAPHS - 1] if len(body) >= HEADER_BODY_PARAGRAPHS else len(texts)
    before_body = [i for i in reach if i < story_start]  # a caption or summary may stand above the headline
    return before_body[0] if before_body else None


def paragraphs_among_headings(kinds: list[str], texts: list[str], original_index: int | None,
                              ref: Reference) -> list[str]:
    """Title-shaped lines that read as sentences are paragraphs (kind "paragraph"): inside the story, right under
    the original headline (a standfirst), or above the story when they tell news in a finite verb (not a photo
    caption's present tense)."""
    story = next((i for i, k in enumerate(kinds) if k == "body"), len(kinds))
    return [("paragraph" if k == "heading" and ref.lines.reads_as_sentence(t)
             and (i > story or original_index is not None and i == original_index + 1 or tells_news(t, ref))
             else k) for i, (k, t) in enumerate(zip(kinds, texts))]


def tells_news(text: str, ref: Reference) -> bool:
    """A news sentence's verb: an auxiliary or a reporting verb outside a relative clause ("has reportedly left",
    "vowed …, media reports"), or a past tense among the opening words ("Gunmen killed three soldiers"); not a
    photo caption's present tense and participles ("police inspect the site hit by a rocket fired from …", "a man
    walks past a building that was damaged", "a protester holds a sign that reads …")."""
    verbs = [*NEWS_AUXILIARY.finditer(text), *ref.speech.pattern.finditer(text)]
    opening = " ".join(text.split()[:PAST_TENSE_WORDS])
    return (any(not RELATIVE_BEFORE.search(text, 0, m.start()) for m in verbs)
            or bool(PAST_TENSE.search(opening)))


def parse_post(post: Post, ref: Reference) -> Article:
    """Everything the post tells about its article. Dates without a year are left for `infer_years`."""
    texts = [line.text for line in post.lines]
    numbers = [line.number for line in post.lines]
    blog = texts[0]
    kinds = ["blog headline"] + [line_kind(t, ref) for t in texts[1:]]
    glued_stamps = {}  # a date glued to a line of the header or the story's first line: "Oct. 29, 2018JERUSALEM — …"
    story = next((i for i, k in enumerate(kinds) if k == "body"), len(kinds))
    for i in range(1, min(story + 1, len(texts))):
        if kinds[i] in ("heading", "body", "caption") and (parts := ref.lines.glued_stamp(texts[i])):
            glued_stamps[i], texts[i] = parts
            kinds[i] = line_kind(texts[i], ref)
    top = texts[1: HEADER_REACH + 2]  # a photo's caption shown twice at the top of the page, above and in the story
    repeated = {t for t, n in Counter(texts[1:]).items()
                if t in top and (n > 1 or any(o != t and o.startswith(t) for o in top))}
    kinds = [("caption" if k == "body" and t in repeated and i <= HEADER_REACH + 1 else k)
             for i, (k, t) in enumerate(zip(kinds, texts))]
    glued_captions = {i: parts for i in range(1, len(texts)) if kinds[i] == "caption"
                      and (parts := ref.lines.glued_caption(texts[i]))}
    for i, (paragraph, _) in glued_captions.items():
        texts[i], kinds[i] = paragraph, "body"
    problems: list[Problem] = []

    original_index = pick_original_headline(blog, kinds, texts, ref)
    if original_index is not None:
        kinds[original_index] = "original headline"
    original = ref.lines.without_glued_junk(texts[original_index]) if original_index is not None else None

    kinds = paragraphs_among_headings(kinds, texts, original_index, ref)
    byline = dateline = None
    byline_line = dateline_line = 0
    body_texts: dict[int, str] = {}
    body_seen = 0
    for i in range(1, len(texts)):
        text = texts[i]
        in_header = body_seen < HEADER_BODY_PARAGRAPHS
        if in_header and kinds[i] == "stamp" and byline is None and ref.lines.stamp(text).rest:
            beside = ref.lines.stamp(text).rest  # "By Emanuel Fabian8 May 2021, 4:27 pm", "FP Explainers August 01, 2022"
            found = read_byline(beside, ref) or ((beside, None, None) if DESK_BYLINE.match(beside) else None)
            byline, byline_line = (found[0], i) if found else (None, 0)
            continue
        if in_header and kinds[i] in ("heading", "body") and byline is None:
            found = read_byline(text, ref) or ((text, None, None) if (
                i + 1 < len(kinds) and kinds[i + 1] == "stamp" and i > (original_index or 0)
                and is_name(text, ref, placed=True)) else None)
            if found:
                byline, place, rest = found
                byline_line = i
                if place and dateline is None:
                    dateline = Dateline(place, None, None, place)  # "Baghdad – Fadhel al-Nashmi"
                    dateline_line = i
                if rest is None:
                    kinds[i] = "byline"
                    continue
                body_texts[i] = rest
                kinds[i] = "body"
        if kinds[i] == "paragraph":  # a standfirst, or a paragraph that lost its stop: body, but not the story's opening
            body_texts.setdefault(i, text)
        if kinds[i] == "body":
            body_texts.setdefault(i, text)
            body_seen += 1
            if dateline is None and body_seen == 1:
                dateline = read_dateline(text, ref)
                dateline_line = i if dateline else 0

    captions = tuple(
        Caption(*(ref.lines.caption_parts(caption) or (caption, None)), numbers[i])
        for i, caption in sorted([(i, texts[i]) for i in range(1, len(texts)) if kinds[i] == "caption"]
                                 + [(i, parts[1]) for i, parts in glued_captions.items()])
    )
    paragraphs = (ref.lines.without_trailing_credit(body_texts[i]).strip() for i in sorted(body_texts))
    body = "\n\n".join(p for p in paragraphs if p)

    evidence = outlet_evidence(ref, [(numbers[i], texts[i], kinds[i]) for i in range(1, len(texts))])
    trailer = headline_trailer_outlet(ref, original)
    if trailer:
        evidence.append(Evidence(trailer, SOURCE, 10, numbers[original_index], "page title trailer", original))
    byline_outlet = byline and (outlet_opening(byline, ref) or byline_institution(texts[byline_line], ref))
    if byline_outlet:  # "By JTA", "BY WEATHERBOY TEAM METEOROLOGIST"
        evidence.append(Evidence(byline_outlet, SOURCE, 10, numbers[byline_line], "byline is the outlet",
                                 texts[byline_line]))
    if dateline and dateline.tag and dateline.tag in ref.outlet_by_alias:
        evidence.append(Evidence(ref.outlet_by_alias[dateline.tag], SOURCE, 10, numbers[dateline_line],
                                 DATELINE_TAG, texts[dateline_line]))
    outlet_id, via_outlet_id = resolve_outlet(ref, evidence)
    day_first = bool(outlet_id) and ref.outlets[outlet_id].country not in ref.lines.month_first_countries
    published, published_text, undated, date_signal, date_line = read_published(post, kinds, glued_stamps, dateline,
                                                                                 dateline_line, ref, day_first)
    decided = [FieldEvidence(name, value, e.signal, e.line, e.text)
               for name, value in (("outlet", outlet_id), ("via", via_outlet_id)) for e in evidence
               if value and e.outlet_id == value]
    if byline:
        decided.append(FieldEvidence("byline", byline, "byline", numbers[byline_line], texts[byline_line]))
    if dateline:
        decided.append(FieldEvidence("dateline", dateline.place, "dateline", numbers[dateline_line],
                                     texts[dateline_line]))
    if published_text:
        decided.append(FieldEvidence("published", published.isoformat() if published else undated.isoformat()[5:],
                                     date_signal, numbers[date_line], post.lines[date_line].text))

    if original is None:
        problems.append(Problem(post.seed_file, post.line_start, "warning",
                                "no original headline found after the blog headline; original_headline left empty"))
    if outlet_id is None:
        problems.append(Problem(post.seed_file, post.line_start, "warning",
                                "no outlet signal (dateline, credit, stamp or self reference) found; outlet left empty"))
    if published is None and undated is None:
        problems.append(Problem(post.seed_file, post.line_start, "warning",
                                "the text states no publication date; published left empty"))

    rewrites, headline_similarity = headline_rewrites(blog, original)
    article = Article(
        id=post.article_id,
        blog_headline=blog,
        original_headline=original,
        outlet_id=outlet_id,
        via_outlet_id=via_outlet_id,
        byline=byline,
        dateline=dateline.place if dateline else None,
        published=published.isoformat() if published else None,
        published_text=published_text,
        published_inferred=False,
        body=body,
        captions=captions,
        rewrites=rewrites,
        headline_similarity=headline_similarity,
        post=post,
        undated_day=undated,
        problems=problems,
        evidence=decided,
    )
    return article


def outlet_opening(byline: str, ref: Reference) -> str | None:
    """The outlet a byline is, or opens with, in any case: "JTA", "WEATHERBOY TEAM METEOROLOGIST"."""
    for name in ref.outlet_names.find(byline, any_case=True):
        if name.start == 0 and name.end >= 3 and byline[name.end: name.end + 1] in ("", " "):
            return name.outlet_id
    return None


def without_outlet(byline: str, ref: Reference) -> str:
    """The writers of a byline that ends with their outlet: "ZEINA KARAM Associated Press" -> "ZEINA KARAM"; empty for
    an outlet alone ("The Associated Press")."""
    m = re.search(rf"(?:^|\s+)(?:the\s+)?(?:{ref.alias_pattern})$", byline, re.I if byline.isupper() else 0)
    return byline[: m.start()] if m else byline


def without_decoration(text: str) -> str:
    """A byline line without what decorates its names: a relative time ("3 hours ago"), a social handle, a role
    ("Staff", ", Senior Correspondent") and the institution it writes for ("John Doe for Al-Monitor")."""
    decoration = BYLINE_DECORATION.search(text)
    text = text[: decoration.start()] if decoration and decoration.start() else text
    institution = BYLINE_FOR.search(text)
    return text[: institution.start()] if institution and institution.start() else text


def byline_institution(line: str, ref: Reference) -> str | None:
    """The outlet a byline line says its writer writes for: "By John Doe for Al-Monitor"."""
    decoration = BYLINE_DECORATION.search(line)
    m = BYLINE_FOR.search(line[: decoration.start() if decoration else len(line)])
    return m and ref.outlet_by_alias.get(m["institution"].strip())


def read_byline(text: str, ref: Reference) -> tuple[str, str | None, str | None] | None:
    """(byline, dateline place or None, rest of the line as body or None) from a header line."""
    staff = STAFF_BYLINE.match(text)
    if staff and not is_name(without_decoration(text).removeprefix("By ").removeprefix("BY "), ref):
        return staff["name"].rstrip("."), None, None  # a desk: "Middle East Eye staff"; not "Jane Roe Staff"
    text = without_decoration(text)
    m = BYLINE_BY.match(text)
    if m:  # the writers, without their outlet; an outlet alone stays: "By Reuters", "By The Associated Press"
        return without_outlet(m["name"].strip(), ref) or m["name"].strip(), None, None
    m = PLACE_THEN_NAME.match(text)
    if m and is_place(m["place"], ref) and is_name(m["name"], ref):
        return m["name"], m["place"], None
    m = NAME_PLACE_TEXT.match(text)
    if m and is_name(m["name"], ref) and is_place(m["place"], ref):
        return m["name"], m["place"], text[m.start("place"):]
    if is_name(text, ref):
        return text, None, None
    return None


PUBLISHED_SIGNALS = ("published stamp", "date stamp above the story", "updated stamp", "dateline date",
                     "date at the foot of the page")  # by rank, the first the strongest


def read_published(post: Post, kinds: list[str], glued_stamps: dict[int, str], dateline: Dateline | None,
                   dateline_line: int, ref: Reference, day_first: bool = False
                   ) -> tuple[date | None, str | None, date | None, str | None, int]:
    """(date, the text it was read from, a month and day still needing its year, the signal, the line index): of
    the dates the stamps state, one its cue says was published, else the first above the story, else one updated,
    else the dateline's, else one at the foot of the page. Never an embedded tweet's, nor a blog's date header
    closing the post (it opens the next one). `day_first`: the outlet writes numeric dates day first."""
    body_lines = [i for i, k in enumerate(kinds) if k == "body"] or [len(kinds)]
    header_end = min(body_lines[HEADER_BODY_PARAGRAPHS - 1] if len(body_lines) >= HEADER_BODY_PARAGRAPHS
                     else len(kinds), body_lines[-1])  # the header may reach past a caption and a standfirst
    candidates = []
    for i, line in enumerate(post.lines):
        stamp_text = glued_stamps.get(i) or (line.text if kinds[i] == "stamp" else None)
        if stamp_text is None:
            continue
        stamp = ref.lines.stamp(stamp_text)
        blog_header = i == len(post.lines) - 1 and i > body_lines[-1] and opens_with_weekday(stamp_text)
        if stamp.tweet and i > body_lines[0] or blog_header:
            continue
        for position, stated in enumerate(stamp.dates):
            rank = (0 if stated.cue == "published" else 2 if stated.cue == "updated" else 1 if i < header_end
                    else 4 if i > body_lines[-1] else None)
            if rank is not None:
                candidates.append((rank, i, position, stated.date.reading, stamp_text))
    if dateline and dateline.date_text:
        candidates.append((3, dateline_line, 0, dateline.date_text, dateline.text))
    for rank, i, _, date_text, source_text in sorted(candidates):
        found = read_date(date_text, day_first)
        if found is None:
            continue
        if found.has_year:
            return found.value, source_text, None, PUBLISHED_SIGNALS[rank], i
        return None, source_text, found.value, PUBLISHED_SIGNALS[rank], i
    return None, None, None, None, 0


def identify(post: Post, ref: Reference) -> Post:
    """The post with its article id: a slug of the blog headline and a hash of it with the opening words of the
    story, which every copy shares, whole or cut short, whatever page junk surrounds it."""
    opening: list[str] = []
    for line in post.lines[1:]:
        if len(opening) >= OPENING_WORDS:
            break
        if line_kind(line.text, ref) == "body":
            opening += [fold(w) for w in words(line.text)]
    key = "\n".join([fold(post.headline.text), " ".join(opening[:OPENING_WORDS])])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return dataclasses.replace(post, article_id=f"{slug(post.headline.text)}-{digest[:8]}")


def fullness(post: Post) -> tuple[int, int]:
    """How much of its article a copy holds: its lines (a headline or byline line counts as much as a paragraph),
    then its characters."""
    return len(post.lines), sum(len(line.text) for line in post.lines)


def infer_years(articles: list[Article], dated: list[date] | None = None) -> list[Article]:
    """Give dates stated without a year ("Sept 28 (Reuters)") the year nearest the file's other dates (`dated`:
    those stated with a year, when `articles` are not all of the file's posts)."""
    if dated is None:
        dated = [date.fromisoformat(a.published) for a in articles if a.published and not a.published_inferred]
    result = []
    for article in articles:
        undated = article.undated_day
        if undated is None:
            result.append(article)
            continue
        if dated:
            value = with_nearest_year(undated, dated)
            how = "the dates of the other posts in the file"
        else:
            year = latest_year_mentioned(article.body)
            value = with_nearest_year(undated, [date(year, 7, 1)]) if year else None
            how = "the latest year the article mentions"
        if value is None:
            article.problems.append(Problem(article.post.seed_file, article.post.line_start, "warning",
                                            f"{article.published_text!r} gives no year and none could be inferred; published left empty"))
            result.append(article)
            continue
        article.problems.append(Problem(article.post.seed_file, article.post.line_start, "warning",
                                        f"{article.published_text!r} gives no year; {value.year} inferred from {how}"))
        evidence = [dataclasses.replace(e, value=value.isoformat(), signal=f"{e.signal}; year inferred from {how}")
                    if e.field == "published" else e for e in article.evidence]
        result.append(dataclasses.replace(article, published=value.isoformat(), published_inferred=True, undated_day=None,
                                          evidence=evidence))
    return result
