"""The wider crawl: each rule written for the dev pages (eval/dev/seeds) asserts the field it fixes on a real page.

The dev pages find what the rules miss; no rule is keyed to one of their lines, so each case below is one page of
a layout or house format the crawl repeats.
"""

import re
import subprocess
import sys

import pytest
import sqlite_utils

from militia_news.build import build
from militia_news.reference import load_reference

from .conftest import DEV_PAGES, ROOT, make_seeds

FIELDS = ("outlet_id", "via_outlet_id", "byline", "dateline", "published")


def article_at(db: sqlite_utils.Database, seed_file: str, line: int) -> dict:
    [row] = db.query("select a.* from articles a join article_sources s on s.article_id = a.id "
                     "where s.seed_file = ? and s.line_start = ?", [seed_file, line])
    return row


@pytest.mark.parametrize("page, line, expected", [
    # a byline glued to its date; a byline that is an outlet's name
    ("dev02.txt", 46, {"outlet_id": "jewish-telegraphic-agency", "byline": "JTA", "published": "2020-02-03"}),
    # the same, day-first, and a house format of The Times of Israel
    ("dev03.txt", 163, {"outlet_id": "times-of-israel", "byline": "Emanuel Fabian", "published": "2021-05-08"}),
    # a mixed-case dateline closed by an agency's tag, no dash: "Baghdad, Aug 11 (Prensa Latina) A recount…"
    ("dev01.txt", 125, {"outlet_id": "prensa-latina", "dateline": "Baghdad", "published": "2018-08-11"}),
    # a lede opened by the outlet's name in brackets: "[BestSyndication News] Earthquakes…"
    ("dev06.txt", 143, {"outlet_id": "bestsyndication-news"}),
    # a line naming the outlet's domain: "USGS.gov"
    ("dev08.txt", 63, {"outlet_id": "united-states-geological-survey"}),
    # an agency's dateline tag carried by a paper named on the page: the agency, via the paper
    ("dev04.txt", 15, {"outlet_id": "associated-press", "via_outlet_id": "the-brunswick-news",
                       "dateline": "DUBAI, United Arab Emirates"}),
    # a house stamp beats "told Reuters" (an interview given to a wire is not the wire's article)
    ("dev06.txt", 89, {"outlet_id": "the-daily-beast", "byline": "Dan Ladden-Hall", "published": "2023-04-06"}),
    # a numeric stamp with a zone, after a standfirst and a caption
    ("dev10.txt", 181, {"outlet_id": "politico", "published": "2022-11-29"}),
    # a staff byline and a date with a trailing dash below a photo shown twice
    ("dev07.txt", 46, {"outlet_id": "al-monitor", "byline": "Al-Monitor Staff", "published": "2022-02-08"}),
    # "Name, Staff writer, @handle", and a caption credited to the paper's own photographer "Matt Fagan/NorthJersey.com"
    ("dev10.txt", 83, {"byline": "Matt Fagan", "outlet_id": "northjersey-com"}),
    # a photo credit on a line of its own naming a broadcaster: "Photo: CBN News"
    ("dev02.txt", 202, {"outlet_id": "cbn-news", "dateline": "JERUSALEM, Israel"}),
    # a map's source in its caption (a survey) does not outweigh the page's own tag line
    ("dev08.txt", 41, {"outlet_id": "new-york-state-geological-survey"}),
    # a clock before the date: "Updated 8:17 AM EDT, Thu October 25, 2018"
    ("dev09.txt", 3, {"outlet_id": "cnn", "byline": "Ian Lee", "dateline": "Jerusalem", "published": "2018-10-25"}),
    # a byline without "By" before its date and clock with seconds
    ("dev06.txt", 1, {"byline": "FP Explainers", "published": "2022-08-01"}),
    # an ordinal day-first date with its weekday: "Wednesday 16th Sep 2020"
    ("dev02.txt", 108, {"published": "2020-09-16"}),
    # "Last Update: Friday, 8 June 2018 KSA 09:41 – GMT 06:41"
    ("dev01.txt", 55, {"published": "2018-06-08"}),
    # a date glued to the byline after it: "August 28, 2021Stuart Jenkins"
    ("dev02.txt", 1, {"byline": "Stuart Jenkins", "published": "2021-08-28"}),
    # a desk byline beside its date names the outlet whose desk it is (a house format)
    ("dev06.txt", 1, {"outlet_id": "firstpost", "byline": "FP Explainers"}),
    ("dev05.txt", 29, {"outlet_id": "the-indian-express"}),
    # a dateline whose dash touches the next word: "ERBIL, Iraq—Two injured Iraqi soldiers …"
    ("dev04.txt", 27, {"outlet_id": "the-daily-beast", "dateline": "ERBIL, Iraq", "published": "2017-01-01"}),
    # a byline that opens with the outlet's name, in capitals: "BY WEATHERBOY TEAM METEOROLOGIST – MAY 21, 2023"
    ("dev10.txt", 222, {"outlet_id": "weatherboy", "byline": "WEATHERBOY TEAM METEOROLOGIST", "published": "2023-05-21"}),
    # house formats: a caption credit "(photo credit: REUTERS)", a series title, a keyword line
    ("dev05.txt", 1, {"outlet_id": "the-jerusalem-post"}),
    ("dev03.txt", 211, {"outlet_id": "meir-amit-intelligence-and-terrorism-information-center",
                        # a numeric date of an outlet outside the US reads day first: "Published: 02/03/2022"
                        "published": "2022-03-02"}),
    # two stamps on one line: "Posted: Sep 09, 2020 9:17 AM MDT Updated: Sep 09, 2020 3:09 PM MDT"
    ("dev09.txt", 114, {"published": "2020-09-09"}),
    ("dev04.txt", 51, {"outlet_id": "fair-observer"}),
    # a name alone right above its date stamp is the byline, whatever its given name ("Baxtiyar Goran"); a desk alone
    ("dev01.txt", 95, {"byline": "Baxtiyar Goran", "published": "2018-07-31"}),
    ("dev10.txt", 39, {"byline": "Web Desk"}),
    ("dev05.txt", 29, {"byline": "Explained Desk"}),
    # an interview the outlet itself gave: "As she explained when National Geographic caught up with her"
    ("dev06.txt", 33, {"outlet_id": "national-geographic", "byline": "Simon Worrall"}),
    # a date cue glued to the byline before it: "By WILLIAM K. STEVENSPublished: October 24, 1989"
    ("dev04.txt", 64, {"byline": "WILLIAM K. STEVENS", "published": "1989-10-24"}),
    # a blog's weekday date header closing a post after its share buttons opens the next post: no date here
    ("dev08.txt", 63, {"published": None}),
    # a lede opened by its outlet in brackets with no place before it: "(Newser) – Vladimir Putin on Sunday …"
    ("dev11.txt", 75, {"outlet_id": "newser"}),
    # a source line's cue, the outlet in capitals: "Article text by FRANCE 24" (the photo's credit above the
    # headline, "© Sabah Arar, AFP | A fire truck …", names no outlet)
    ("dev14.txt", 30, {"outlet_id": "france-24"}),
    # a cue in a field after a bar: "Friday, 18 March 2011 – 9:23pm IST | Place: NEW YORK | Agency: ANI"
    ("dev12.txt", 74, {"outlet_id": "asian-news-international"}),
    # the outlet's site closing its stamp line, "… Updated 9:54 AM ET Tue, 15 May 2018 CNBC.com"; the photo credit
    # under it, "HAIDAR HAMDANI | AFP | Getty Images", names no outlet
    ("dev11.txt", 133, {"outlet_id": "cnbc", "published": "2018-05-14"}),
])
def test_dev_page_fields(dev_db, page, line, expected):
    article = article_at(sqlite_utils.Database(dev_db), page, line)
    assert {field: article[field] for field in expected} == expected


@pytest.mark.parametrize("page, line, expected", [
    # published, not updated, on one line, each date after its clock
    ("dev11.txt", 133, {"published": "2018-05-14"}),  # Published 11:45 AM ET Mon, 14 May 2018 Updated 9:54 AM ET …
    ("dev11.txt", 203, {"published": "2017-09-01"}),  # Published: 15:50 EDT, 1 September 2017 | Updated: …
    # a stamp with other words beside its date: "Friday, 18 March 2011 – 9:23pm IST | Place: NEW YORK | Agency: ANI"
    ("dev12.txt", 74, {"published": "2011-03-18"}),
    ("dev14.txt", 119, {"published": "2018-12-04"}),  # Published December 4th, 2018 – 12:20 GMT via
    ("dev12.txt", 191, {"published": "2016-05-06"}),  # Updated 5:20 AM ET, Fri May 6, 2016(CNN)
    # a date glued to the byline before it, to a photo credit, to the standfirst's end, to the lede's dateline
    ("dev11.txt", 181, {"byline": "Miriam Jackson", "published": "2020-02-09"}),  # Miriam JacksonFebruary 9, 2020
    ("dev15.txt", 112, {"published": "2021-10-08"}),  # AHMAD AL-RUBAYE/AFP via Getty ImagesOctober 8, 2021
    ("dev12.txt", 283, {"published": "2022-01-13"}),  # … the Sadrists’ reform agenda.Thursday 13/01/2022
    ("dev14.txt", 87, {"dateline": "JERUSALEM", "published": "2018-10-29"}),  # Oct. 29, 2018JERUSALEM — Thousands …
])
def test_later_dev_page_dates(dev_db, page, line, expected):
    """The dev pages released after the date rules were written (dev11–dev15), where the checkout has them."""
    if not (DEV_PAGES / page).exists():
        pytest.skip(f"{page} is not among this checkout's dev pages")
    article = article_at(sqlite_utils.Database(dev_db), page, line)
    assert {field: article[field] for field in expected} == expected


def test_dev_page_original_headlines_come_from_the_fullest_copy(dev_db):
    """The post is on two pages: the copy with more lines (here the one with its original headline) is the article."""
    assert article_at(sqlite_utils.Database(dev_db), "dev02.txt", 13)["original_headline"] == (
        "Earthquakes Can Happen in More Places Than You Think")


@pytest.mark.parametrize("page, line, original", [
    # an image URL glued before the headline is dropped
    ("dev04.txt", 40, "From the Mahdi state to the Caliphate state!"),
    # a page title naming its outlet wins over a heading above it
    ("dev04.txt", 1, "‘The Near Future Of Iraq Is Dark’: Warning From Muqtada al-Sadr – The Shia Cleric Whose Word "
                     "Is Law To Millions Of His Countrymen — The Independent"),
    # a blog headline followed by a second labelled title of the blog's: one post, its original headline further down
    ("dev07.txt", 20, "Iraq: Al-Baghdadi challenges Moqtada al-Sadr"),
    # an unlabelled blog headline above the copied title under its picture, the image's file name glued to it
    ("dev09.txt", 104, "GOP: We’re A Nation At War Against Islamic Terrorism"),
    # a photo credit "HAIDAR HAMDANI | AFP | Getty Images" is not the headline (nor a title naming its outlet)
    ("dev11.txt", 133, "Cleric who fought US troops is winning Iraq’s election: Meet Moqtada al Sadr"),
    # a photo caption credited "(Kan News screenshot)" is not the headline
    ("dev02.txt", 86, "Escalation: Explosive Balloons, Israel Strikes Hamas, Hamas Launches Rockets “As Warning To "
                      "Israel”"),
])
def test_dev_page_original_headlines(dev_db, page, line, original):
    assert article_at(sqlite_utils.Database(dev_db), page, line)["original_headline"] == original


def test_dev_page_posts(dev_db):
    db = sqlite_utils.Database(dev_db)
    starts = {(r["seed_file"], r["line_start"]) for r in db["article_sources"].rows}
    # question and lower-case labelled headlines; a labelled line is never the previous post's original headline
    assert {("dev05.txt", 29), ("dev06.txt", 1), ("dev07.txt", 20), ("dev08.txt", 89)} <= starts
    # a comment form ("You are commenting using your account. Log Out / Change )") and a repeated headline are not
    assert not {("dev01.txt", 39), ("dev03.txt", 149), ("dev08.txt", 97)} & starts
    # a post cut to its title-case headline before the next post is a post; a widget's heading ("Top Tri-State News
    # Photos") is not
    assert ("dev01.txt", 173) in starts
    assert not {("dev07.txt", 90), ("dev09.txt", 37)} & starts


def test_evidence_says_what_decided_each_field(dev_db):
    db = sqlite_utils.Database(dev_db)
    article = article_at(db, "dev04.txt", 15)
    rows = {(r["field"], r["value"], r["signal"], r["line"]) for r in
            db["evidence"].rows_where("article_id = ?", [article["id"]])}
    assert ("outlet", "associated-press", "dateline tag", 19) in rows
    assert ("via", "the-brunswick-news", "source, copyright, domain or tag line", 18) in rows
    assert ("dateline", "DUBAI, United Arab Emirates", "dateline", 19) in rows
    article = article_at(db, "dev02.txt", 46)
    [published] = db["evidence"].rows_where("article_id = ? and field = 'published'", [article["id"]])
    assert (published["value"], published["line"], published["text"]) == (
        "2020-02-03", 52, "By JTAFebruary 3, 2020, 4:22 pm")
    # every decided outlet has its evidence
    assert not list(db.query("select id from articles where outlet_id is not null and id not in "
                             "(select article_id from evidence where field = 'outlet')"))


def test_outlets_named_or_linked_around_the_story(dev_db):
    """A link to the outlet's site between headline and story decides; its name on a short line there is a hint."""
    db = sqlite_utils.Database(dev_db)
    rows = [(r["value"], r["signal"], r["line"]) for r in db["evidence"].rows_where(
        "article_id = ? and field = 'outlet'", [article_at(db, "dev11.txt", 133)["id"]])]
    assert rows == [("cnbc", "link to the outlet's site", 139)]
    rows = {(r["value"], r["signal"], r["text"]) for r in db["evidence"].rows_where(
        "article_id = ? and field = 'outlet'", [article_at(db, "dev08.txt", 3)["id"]])}
    assert ("brooklyn-eagle", "outlet named around the story", "By Brooklyn Eagle") in rows


def test_photo_credits_in_their_own_shapes_are_captions(dev_db):
    """A credit after a bar ("… today. | Photo: Reuters") or before the caption ("© Sabah Arar, AFP | A fire truck …")
    is a photo caption's, out of the body, and names no outlet."""
    db = sqlite_utils.Database(dev_db)
    for page, line, credit, outlet_id in [("dev12.txt", 225, "Reuters", None), ("dev14.txt", 30, "Sabah Arar, AFP", "france-24")]:
        article = article_at(db, page, line)
        [caption] = db["captions"].rows_where("article_id = ?", [article["id"]])
        assert (caption["credit"], article["outlet_id"]) == (credit, outlet_id)
        assert caption["text"] not in article["body"]


def test_house_formats_name_no_other_outlet_on_the_dev_pages(dev_db):
    """A house format names an outlet only if it is that outlet's alone: run over every line of the dev pages,
    it matches only in articles the build gives to that outlet (or to the wire it carries)."""
    ref = load_reference()
    db = sqlite_utils.Database(dev_db)
    outlet_of = {}
    for row in db.query("select s.seed_file, s.line_start, s.line_end, a.outlet_id, a.via_outlet_id "
                        "from article_sources s join articles a on a.id = s.article_id"):
        for number in range(row["line_start"], row["line_end"] + 1):
            outlet_of[(row["seed_file"], number)] = {row["outlet_id"], row["via_outlet_id"]}
    for page in sorted(DEV_PAGES.glob("*.txt")):
        for number, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for house_format in ref.house_formats:
                if house_format.pattern.search(text.strip()):
                    assert house_format.outlet in outlet_of.get((page.name, number), set()), (
                        page.name, number, house_format.note)


def test_a_folder_of_pages_builds_with_the_packaged_reference(tmp_path):
    pages = make_seeds(tmp_path / "pages", {p.name: p.read_bytes() for p in sorted(DEV_PAGES.glob("*.txt"))[:2]})
    build(pages, tmp_path / "out.db")
    assert sqlite_utils.Database(tmp_path / "out.db")["articles"].count > 10


def test_a_plain_install_builds(tmp_path):
    """After a plain (non-editable) install, the package alone builds: reference data and metadata ship in it."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(ROOT)], check=True, capture_output=True)
    pages = make_seeds(tmp_path / "pages", {"page.txt": (DEV_PAGES / "dev04.txt").read_bytes()})
    script = ("import sys; from pathlib import Path; from militia_news.build import build; "
              "import militia_news; assert 'site' in militia_news.__file__, militia_news.__file__; "
              "print(build(Path(sys.argv[1]), Path(sys.argv[2])).articles)")
    result = subprocess.run([sys.executable, "-c", script, pages, tmp_path / "out.db"], cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 5
    assert re.search(r"thenationalnews\.com", (target / "militia_news" / "data" / "outlets.yml").read_text())


def test_a_post_whole_on_one_page_and_cut_short_on_another_is_one_article(tmp_path):
    """The dev pages hold "Real Risk, Few Precautions" on two archive pages; cut a copy shorter still: one article
    with every source, the fullest text, and the id the short copy alone already had."""
    page = (DEV_PAGES / "dev08.txt").read_text(encoding="utf-8")
    lines = page.splitlines()
    post = "\n".join(lines[28:39])  # the post at line 29, whole as this page has it
    assert post.startswith("Real Risk, Few Precautions")
    short = "\n".join(lines[28:35]) + " and if it did, it would probably cause far"
    alone = make_seeds(tmp_path / "alone", {"a.txt": short})
    build(alone, tmp_path / "alone.db")
    [short_row] = sqlite_utils.Database(tmp_path / "alone.db")["articles"].rows
    both = make_seeds(tmp_path / "both", {"a.txt": short, "b.txt": post + "\n\n" + short})
    build(both, tmp_path / "both.db")
    db = sqlite_utils.Database(tmp_path / "both.db")
    [row] = db["articles"].rows
    assert row["id"] == short_row["id"]
    assert len(row["body"]) > len(short_row["body"]) and row["body"].startswith(short_row["body"][:200])
    assert sorted((s["seed_file"], s["line_start"]) for s in db["article_sources"].rows) == [
        ("a.txt", 1), ("b.txt", 1), ("b.txt", 13)]


def body_entities(db: sqlite_utils.Database, seed_file: str, line: int) -> dict[str, tuple[str, str, int]]:
    """entity id -> (name, type, reviewed) of the entities an article's body names."""
    article = article_at(db, seed_file, line)
    return {r["id"]: (r["name"], r["type"], r["reviewed"]) for r in db.query(
        "select distinct e.* from mentions m join entities e on e.id = m.entity_id "
        "where m.article_id = ? and m.field = 'body'", [article["id"]])}


@pytest.mark.parametrize("page, line, expected, absent", [
    # a world given name opens a person ("Kathryn Miles"); titles before a name are not part of it
    ("dev06.txt", 33, {"kathryn-miles": ("Kathryn Miles", "person", 0)}, []),
    ("dev09.txt", 114, {"michael-tarullo": ("Michael Tarullo", "person", 0)},
     ["monmouth-university-geology-professor-michael-tarullo"]),
    # a name ending a paragraph is not run into the next one; an org word ends an organization's name even
    # after a place ("Morris Plains Police Department")
    ("dev10.txt", 83, {"jason-kohn": ("Jason Kohn", "person", 0),
                       "morris-plains-police-department": ("Morris Plains Police Department", "organization", 0)},
     ["police-department"]),
    # the outlet in a dateline tag ("Jerusalem (CNN)") is the article's outlet, not an entity it names
    ("dev09.txt", 3, {"israel-defense-forces": ("Israel Defense Forces", "organization", 1)}, ["cnn"]),
    # places of the world gazetteer and geographic names are not people: "San Andreas", "Hudson River"
    ("dev02.txt", 13, {}, ["san-andreas", "san-diego"]),
    # a surname speaking alone is a person ("said Robinson"); an organization then a title opens a new name
    ("dev07.txt", 135, {"robinson": ("Robinson", "person", 0)}, []),
    ("dev10.txt", 83, {"butler-police": ("Butler Police", "organization", 0),
                       "mike-moeller": ("Mike Moeller", "person", 0)}, []),
    # a curated name written with a possessive: "the People’s Liberation Army", "Israel’s Air Force"
    ("dev10.txt", 181, {"peoples-liberation-army": ("People's Liberation Army", "organization", 1)},
     ["liberation-army"]),
    # a possessive parts two organizations, "Columbia University’s Lamont-Doherty Earth Observatory", but not an
    # office named after its holder's title, "The Monmouth County Sheriff’s Department"
    ("dev07.txt", 76, {"columbia-university": ("Columbia University", "organization", 0),
                       "lamont-doherty-earth-observatory": ("Lamont-Doherty Earth Observatory", "organization", 1)},
     []),
    ("dev09.txt", 114, {"monmouth-county-sheriffs-department": ("Monmouth County Sheriff’s Department", "organization",
                                                                0)}, []),
    # a line of two sentences ending in a colon is an introduction, not a heading ("…“Newsmaker of the Day”. Here are
    # his words:"); "Senate" closes an organization's name
    ("dev09.txt", 104, {"kvml": ("KVML", "organization", 1),
                        "united-states-senate": ("United States Senate", "organization", 0)}, []),
    # a paragraph with a photo caption glued to its end stays in the body ("…government.Supporters of …")
    ("dev05.txt", 29, {"nouri-al-maliki": ("Nouri al-Maliki", "person", 1)}, []),
    # a standfirst repeated further down is body there, not a caption
    ("dev05.txt", 29, {"saddam-hussein": ("Saddam Hussein", "person", 1)}, []),
    # a bloc named by a curated alliance's word: "Prime Minister Haider al-Abadi’s al-Nasr bloc"
    ("dev01.txt", 125, {"victory-alliance": ("Victory Alliance", "organization", 1)}, ["nasr"]),
    # a name followed by "treaty" is the treaty's: "the 1987 Intermediate-range Nuclear Forces treaty"
    ("dev10.txt", 163, {}, ["intermediate-range-nuclear-forces", "nuclear-forces"]),
])
def test_dev_page_entities(dev_db, page, line, expected, absent):
    found = body_entities(sqlite_utils.Database(dev_db), page, line)
    assert {k: found.get(k) for k in expected} == expected
    assert not set(absent) & set(found)


def speech(db: sqlite_utils.Database, seed_file: str, line: int, start: str) -> dict:
    article = article_at(db, seed_file, line)
    [row] = [q for q in db["quotes"].rows_where("article_id = ? and kind = 'speech'", [article["id"]])
             if q["text"].startswith(start)]
    return row


@pytest.mark.parametrize("page, line, start, speaker, entity, description", [
    # a description naming its speaker gives the name; the description is kept apart
    ("dev04.txt", 15, "Why has Muqtada al-Sadr sold himself", "Keyhan", "kayhan", "the hard-line Iranian newspaper Keyhan"),
    # "The paper also warned that if al-Sadr …": the paper's publisher, not the name after "that"
    ("dev04.txt", 15, "his popularity will fall", "Keyhan", "kayhan", "The paper"),
    # "The passage read:" after "a quote from … Herman Khan, … Stanley Kubrick’s film": the writer
    ("dev10.txt", 163, "My guess is that nuclear weapons", "Herman Khan", "herman-khan", "The passage"),
    # a paragraph ending in a colon introduces the quotation after it
    ("dev05.txt", 126, "At about 4:30 in the morning", "John E. Ebel", "john-e-ebel", None),
    # a quotation whose closing mark was lost ends at ", Mr Al Sadr said,"
    ("dev01.txt", 175, "Some politicians believe", "Mr Al Sadr", "muqtada-al-sadr", None),
    # two quotations in one sentence, each with its own lead-in; a title before a name is its description
    ("dev09.txt", 3, "Based on what we know", "Ayelet Shaked", "ayelet-shaked", "Justice Minister Ayelet Shaked"),
    ("dev09.txt", 3, "It would not have been right", "an unnamed minister", None, None),
    # a closing mark misplaced before its verb, with no opening mark: “…, ”reported the Israel Defense Force.
    ("dev02.txt", 181, "As fireworks lit up the skies", "Israel Defense Force", "israel-defense-forces",
     "the Israel Defense Force"),
    # "…,” adding that Hamas would “…”: the sentence's subject speaks, not the name after "that"
    ("dev09.txt", 3, "bear the consequences", "Israel", "israeli-government", None),
    # a quotation opening with its speaker's name: “Hello, I’m Marco Rubio. …”
    ("dev09.txt", 104, "Hello, I’m Marco Rubio", "Marco Rubio", "marco-rubio", None),
    # "a nuclear facility in Fordo, adding that “…”": a word after "in" is a place, not a person speaking
    ("dev03.txt", 1, "there’s more to come soon", "Kazem Gharibabadi", "kazem-gharibabadi",
     "Iran’s Ambassador to the IAEA, Kazem Gharibabadi"),
    # "the army said in a statement": the armed force named last
    ("dev02.txt", 181, "Hamas is responsible and bears", "Israel Defense Force", "israel-defense-forces", "the army"),
])
def test_dev_page_speakers(dev_db, page, line, start, speaker, entity, description):
    row = speech(sqlite_utils.Database(dev_db), page, line, start)
    assert (row["speaker"], row["speaker_entity_id"], row["speaker_description"]) == (speaker, entity, description)


def test_a_standfirst_or_a_paragraph_without_its_stop_is_body(dev_db):
    """A long line in sentence case is a paragraph though it lacks its stop: the standfirst under an original
    headline ("At least 3 blazes burn …; balloon-borne attacks come amid …") and a paragraph mid-story ("…
    Morristown police said they received no calls from residents"); the dateline and byline are still read."""
    db = sqlite_utils.Database(dev_db)
    article = article_at(db, "dev03.txt", 163)
    assert article["body"].startswith("At least 3 blazes burn in the Be’eri nature reserve; balloon-borne attacks")
    assert (article["byline"], article["original_headline"]) == (
        "Emanuel Fabian", "Gaza incendiary balloons spark 10 fires in south for a third day")
    article = article_at(db, "dev10.txt", 83)
    assert "\n\nSaturday’s earthquake was so minor that Morristown police said they received no calls" in article["body"]


def test_a_line_format_is_one_line_of_data(tmp_path, reference_copy):
    """What a line is lives in line_formats.yml alone: one added line makes a page's desk line both junk and
    evidence of its outlet."""
    page = "\n\n".join([
        "Antichrist warns the militias",
        "Sadr warns the militias",
        "Newsroom of the Daily Planet",
        "BAGHDAD - The cleric said on Sunday that armed factions must obey the state and its forces.",
    ])
    seeds = make_seeds(tmp_path / "seeds", {"page.txt": page})
    build(seeds, tmp_path / "before.db", reference_copy)
    before = next(sqlite_utils.Database(tmp_path / "before.db")["articles"].rows)
    formats = reference_copy / "line_formats.yml"
    formats.write_text(formats.read_text() + "  - {kind: junk, outlet: reuters, role: page, weight: 5, "
                                             "pattern: '^Newsroom of the Daily Planet$'}\n")
    build(seeds, tmp_path / "after.db", reference_copy)
    after = next(sqlite_utils.Database(tmp_path / "after.db")["articles"].rows)
    assert (before["outlet_id"], after["outlet_id"]) == (None, "reuters")
    assert "Newsroom" not in after["body"]
