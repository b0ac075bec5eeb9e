"""What a line of a copied page is, by its shape: caption, stamp, page junk, footnote, credit.

These are the generic layouts of news pages; what is particular to one outlet
lives in seeds/outlets.yml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import ends_sentence, words

CREDIT_WORDS = r"(?:Photograph|Photo|Picture|Image|Credit|Photo credit|Illustration|File photo)s?"
CAPTION_PATTERNS = (
    # "… in June 2014. Photograph: Ghaith Abdul-Ahad/The Guardian", "… 2019. Photo: AFP"
    re.compile(rf"^(?P<text>.+?[.!?”)])\s+{CREDIT_WORDS}:\s*(?P<credit>.+)$"),
    # "… Jun 23, 2018. (Photo: REUTERS/Alaa al-Marjani)", "The Al-Nujaba statement (Source:"
    re.compile(rf"^(?P<text>.+?)\s*\((?:{CREDIT_WORDS}|Source):?\s*(?P<credit>[^()]*)\)?\.?$"),
    # "… Baghdad, Iraq July 27, 2022. (Reuters Photo: Thaier Al-Sudani)"
    re.compile(rf"^(?P<text>.+?[.!?])\s*\((?P<credit>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)? {CREDIT_WORDS}:?[^()]*)\)$"),
    # "… toward Israel, on May 8, 2021. (MOHAMMED ABED / AFP)", "(REUTERS / Amir Cohen)"
    re.compile(r"^(?P<text>.{30,}?)\s*\((?P<credit>[^()/]{2,40}\s/\s[^()/]{2,40})\)$"),
    # "… in Tehran, on Sept. 25, 2021. – ATTA KENARE/AFP via Getty Images"
    re.compile(r"^(?P<text>.{30,}?[.!?”)])\s+[–—-]\s+(?P<credit>[A-Z][^–—]{1,60}/[^–—]{2,60})$"),
    # "Fire caused by explosive balloon (Kan News screenshot)"
    re.compile(r"^(?P<text>.+?)\s*\((?P<credit>[^()]{2,40}\s(?:screenshot|photo|file photo|handout))\)\.?$", re.I),
    # "… foreign troops in the country [Jonathan Ernst/Reuters]"
    re.compile(r"^(?P<text>.+?)\s*\[(?P<credit>[^\[\]]{2,60}/[^\[\]]{2,60})\]$"),
    # "… ahead of the Shiite ritual of Arbaeen. Reuters", "… 2020. US Department of Defence via AP"
    re.compile(
        r"^(?P<text>.{30,}(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bMr)(?<!\bDr)(?<!\bNo)(?<!\bLt)(?<!\bGen)(?<!\bCol)[.!?])\s+(?P<credit>[A-Z][\w’'.&-]*(?:[ /](?:[A-Z][\w’'.&-]*|via|of|and|for|de)){0,6})$"
    ),
)

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
ANY_CASE_MONTH = f"(?i:{MONTH})"  # "MAY 21, 2023" in an all-caps byline
DAY_MONTH_YEAR = rf"\d{{1,2}}(?:st|nd|rd|th)? {ANY_CASE_MONTH},? \d{{4}}"
MONTH_DAY_YEAR = rf"{ANY_CASE_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? |-)\d{{4}}"  # "July 31-2018" too
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"  # "11/29/2022", "01.01.17": month first unless the day shows
FULL_DATE = rf"(?:{MONTH_DAY_YEAR}|{DAY_MONTH_YEAR}|{ISO_DATE}|{NUMERIC_DATE})"
CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?"
# ", 5:40 PM", " | 14:05 GMT", " at 5:40 p.m.", " KSA 09:41 – GMT 06:41"
AT_CLOCK = rf"(?:\s*(?:[|,–—-]|\bat\b)?\s*(?:[A-Z]{{2,4}}\s+)?{CLOCK}){{0,2}}"
WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*,?"
STAMP_WORDS = (r"(?:Updated|Last [Uu]pdated?|Last modified(?: on)?|Published(?: date)?|Date published|Posted|"
               r"First published(?: on)?)")

# Lines that state when the page was published or updated; they are never body text.
STAMP_PATTERNS = (
    re.compile(rf"^\(?{STAMP_WORDS}(?: on)?:?\s*(?:{CLOCK},?\s*)?"  # "Updated 8:17 AM EDT, Thu October 25, 2018"
               rf"(?:{WEEKDAY}\s*)?(?P<date>{FULL_DATE}){AT_CLOCK}\)?(?:\s+by\s+[^.!?]{{1,60}})?$", re.I),
    # a byline glued to its date: "By Emanuel Fabian8 May 2021, 4:27 pm", "By David Sadler Last Updated Sep 30, 2022",
    # "BY WEATHERBOY TEAM METEOROLOGIST – MAY 21, 2023"
    re.compile(rf"^(?P<byline>By:?\s+[A-Z].{{1,80}}?)\s*(?:[|,–—-]\s*)?(?:{STAMP_WORDS}(?: on)?:?\s*)?"
               rf"(?:{WEEKDAY}\s*)?(?P<date>{FULL_DATE}){AT_CLOCK}$", re.I),
    re.compile(rf"^(?:{WEEKDAY}\s*)?(?P<date>{FULL_DATE}){AT_CLOCK}(?:\s*[–—-])?$"),
    # a byline without "By" before its date: "FP Explainers August 01, 2022 19:31:08 IST"
    re.compile(rf"^(?P<byline>[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){{1,3}})\s+(?P<date>{FULL_DATE}){AT_CLOCK}$"),
    # a date glued to the byline after it: "August 28, 2021Stuart Jenkins"
    re.compile(rf"^(?P<date>{FULL_DATE})(?P<byline>[A-Z][a-z]+(?: [A-Z][\w.’'-]+){{1,3}})$"),
    re.compile(rf"^(?:Posted|Published|Written) by:?\s+[^|]{{1,60}}?\s*[|,–—-]\s*(?:on\s+)?(?P<date>{FULL_DATE}){AT_CLOCK}$",
               re.I),
    re.compile(rf"^{CLOCK}\s*[|,–—-]?\s*(?P<date>{FULL_DATE})$"),
    re.compile(rf"^[A-Z][A-Za-z ]{{1,30}}?\s*{CLOCK}\s*\|\s*(?P<date>{FULL_DATE})$"),
)

PAGE_JUNK = (
    re.compile(r"^\d{1,2} MIN READ$"),
    re.compile(r"^(?:Read More|Read more|Related|Also read|Read also|RELATED|See also|Recommended)\s*:"),
    re.compile(r"^(?:More Headlines|Advertisement|Share this(?: article)?|Share|Tweet|Email|Print|Comments?)$"),
    re.compile(r"^Twitter Ads info and privacy$"),
    re.compile(r"^See [A-Z][\w .’'-]{1,60}’s other Tweets$|^See [A-Z][\w .’'-]{1,60}'s other Tweets$"),
    re.compile(r"^[*•·=_~-]{3,}$"),
    re.compile(r"^\S{30,}"),  # a pasted URL or tracking token
    re.compile(r"^[\w-]+-\d{2,4}x\d{2,4}(?:\.(?:jpe?g|png|gif|webp))?$"),  # an image's file name: "New-York-Quake-300x168"
    # a blog's comment form and share widgets
    re.compile(r"^You are commenting using your\b|^Fill in your details below\b|^Connecting to %s$|Log Out /\s*Change \)$"),
    re.compile(r"^(?:Google|Twitter|Facebook|WordPress\.com) (?:photo|picture|account)$|^Leave a (?:Reply|Comment)$"),
    re.compile(r"^(?:Like this|Share this|Related|Loading\.\.\.|Follow|Subscribe)(?::)?$", re.I),
    re.compile(r"^(?:[^,]{2,60} news, ){3,}[^,]{2,60} news$"),  # a page's tag list: "Iraq news, Iran news, …"
)
# An image file name or URL glued before a line's text: "https://i2.wp.com/…/mehdi_army.jpgFrom the Mahdi state…",
# "nuketerror-300x198GOP: We’re A Nation…", "Pakistan-Nuclear-TerrorismHafiz Saeed asks…"
GLUED_JUNK = re.compile(r"^(?:https?://\S+?\.(?:jpe?g|png|gif|webp)|[\w-]+-\d{2,4}x\d{2,4}|(?:[A-Z][a-z]+-){2,}[A-Z][a-z]+(?=[A-Z][a-z]))"
                        r"(?=[A-Z“‘\"'])")

FOOTNOTE = re.compile(r"^\[\d{1,3}\]")
CREDIT_NAME_WORD = r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn)-[A-Z][\w’'-]*|writers?|correspondents?|reporters?)"
CLOSING_CREDIT = re.compile(
    rf"^(?:(?:{CREDIT_NAME_WORD} ){{1,7}}(?:(?:in|from) (?:{CREDIT_NAME_WORD} ){{1,3}})?(?:reported|contributed)"
    rf"(?: to this (?:report|story|article))?(?: (?:from|in) [^.]+)?\.\s*)+$"
)
REPORTING_CREDIT = re.compile(r"\s*\((?:Reporting|Writing|Additional reporting) by [^()]+\)\s*$")


@lru_cache(maxsize=100_000)
def caption_parts(text: str) -> tuple[str, str | None] | None:
    """(caption, credit) if the line reads as a photo caption with its credit."""
    for pattern in CAPTION_PATTERNS:
        m = pattern.match(text)
        if m and len(words(m["text"])) >= 2:
            credit = m["credit"].strip(" ,.") or None
            return m["text"].strip(), credit
    return None


@lru_cache(maxsize=100_000)
def stamp_parts(text: str) -> tuple[str, str | None] | None:
    """(date, byline or None) of a publication or update stamp line; a byline glued to its date keeps "By"."""
    for pattern in STAMP_PATTERNS:
        m = pattern.match(text)
        if m:
            return m["date"], m.groupdict().get("byline")
    return None


def stamp_date(text: str) -> str | None:
    """The date part of a publication or update stamp line."""
    parts = stamp_parts(text)
    return parts[0] if parts else None


def without_glued_junk(text: str) -> str:
    """The line without an image file name or URL glued before it."""
    return GLUED_JUNK.sub("", text)


@lru_cache(maxsize=100_000)
def is_page_junk(text: str) -> bool:
    return any(p.search(text) for p in PAGE_JUNK)


def is_footnote(text: str) -> bool:
    return bool(FOOTNOTE.match(text))


def is_closing_credit(text: str) -> bool:
    return bool(CLOSING_CREDIT.match(text))


QUESTION_HEADLINE_WORDS = 16
INNER_SENTENCE_END = re.compile(r"\b(?P<word>\w{3,})\.[”\"’]?\s+(?=[A-Z“\"])")
ABBREVIATIONS = {"gen", "col", "sgt", "capt", "mrs", "sen", "rep", "gov", "lieut", "adm", "brig", "maj", "jan", "feb",
                 "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "vol",
                 "no", "st", "ave", "blvd", "dept", "univ", "est", "approx"}


@lru_cache(maxsize=100_000)
def is_headline_like(text: str) -> bool:
    """A short line that reads as a title: few words and no sentence-final punctuation but "?" or "!"; an image
    file name glued before it is ignored."""
    text = without_glued_junk(text)
    if len(text) > 240:
        return False
    n = len(words(text))
    if n < 2 or n > 30:
        return False
    if caption_parts(text) or stamp_date(text) or is_page_junk(text):
        return False
    if text[0].islower() or text.startswith(("[", "(", "#", "*")):
        return False
    if re.search(r"\S{40,}", text):  # page junk such as a pasted URL or token
        return False
    if text.rstrip().endswith((",", ";")):
        return False
    if any(m["word"].lower() not in ABBREVIATIONS for m in INNER_SENTENCE_END.finditer(text)):
        return False  # two sentences: “I think …,” said Armbruster.  The reason?
    if text.rstrip().endswith(("?", "!")):
        return n <= QUESTION_HEADLINE_WORDS  # "Who is Muqtada al-Sadr?", not a body sentence asking one
    return not ends_sentence(text.rstrip().removesuffix("…").removesuffix("..."))
