"""Parsed articles: outlet, republisher, byline, dateline, dates, body, captions, rewrites."""

import re

import pytest
import sqlite_utils

from militia_news.articles import parse_post
from militia_news.model import SeedFile
from militia_news.posts import split_posts
from militia_news.reference import alias_alternation, load_reference

from .conftest import SEEDS

REF = load_reference()
FIELDS = "outlet_id, via_outlet_id, byline, dateline, published, published_text, published_inferred"


def article_at(db, seed_file: str, line: int) -> dict:
    return next(db.query(
        "select a.* from articles a join article_sources s on s.article_id = a.id "
        "where s.seed_file = ? and s.line_start = ?", [seed_file, line]))


def fields(row: dict) -> dict:
    return {k: row[k] for k in (f.strip() for f in FIELDS.split(","))}


def parse(text: str):
    posts, _ = split_posts(SeedFile("constructed.txt", tuple(text.split("\n"))), REF)
    return [parse_post(p, REF) for p in posts]


@pytest.mark.parametrize("seed_file, line, expected", [
    ("000_c035f8e90eaba482.txt", 447, {
        "outlet_id": "reuters", "via_outlet_id": None, "byline": "John Davison", "dateline": "BAGHDAD",
        "published": "2020-09-28", "published_text": "BAGHDAD, Sept 28 (Reuters)", "published_inferred": 1}),
    ("000_c035f8e90eaba482.txt", 287, {
        "outlet_id": "the-national", "via_outlet_id": "alkhaleej-today", "byline": "Hind Al Soulia",
        "dateline": "Riyadh", "published": "2020-10-07",
        "published_text": "Updated: October 7, 2020 04:20 PM", "published_inferred": 0}),
    ("003_15da29468eeff97d.txt", 302, {
        "outlet_id": "afp", "via_outlet_id": "cna", "byline": None, "dateline": "BAGHDAD",
        "published": "2020-01-15", "published_text": "15 Jan 2020 05:42AM", "published_inferred": 0}),
    ("000_c035f8e90eaba482.txt", 155, {
        "outlet_id": "the-guardian", "via_outlet_id": None, "byline": "Ghaith Abdul-Ahad", "dateline": None,
        "published": "2020-10-08", "published_text": "Last modified on Thu 8 Oct 2020 14.34 EDT",
        "published_inferred": 0}),
    ("000_c035f8e90eaba482.txt", 37, {
        "outlet_id": "asharq-al-awsat", "via_outlet_id": None, "byline": "Fadhel al-Nashmi", "dateline": "Baghdad",
        "published": None, "published_text": None, "published_inferred": 0}),
    ("003_15da29468eeff97d.txt", 405, {
        "outlet_id": "kurdistan-24", "via_outlet_id": None, "byline": None, "dateline": "ERBIL",
        "published": None, "published_text": None, "published_inferred": 0}),
    ("000_c035f8e90eaba482.txt", 515, {
        "outlet_id": "anadolu-agency", "via_outlet_id": None, "byline": None, "dateline": None,
        "published": "2020-09-27", "published_text": "Anadolu10:32 PM | September 27, 2020",
        "published_inferred": 0}),
])
def test_article_fields(db, seed_file, line, expected):
    assert fields(article_at(db, seed_file, line)) == expected


def test_whole_article_row(db):
    row = article_at(db, "003_15da29468eeff97d.txt", 106)
    body = row.pop("body")
    assert row == {
        "id": "babylon-the-great-meets-with-the-iraqi-horn-daniel-" + row["id"].rsplit("-", 1)[1],
        "blog_headline": "Babylon the Great Meets with the Iraqi Horn (Daniel)",
        "original_headline": "Trump meets Iraqi counterpart, first since Soleimani strike",
        "outlet_id": "associated-press",
        "via_outlet_id": None,
        "byline": None,
        "dateline": "BAGHDAD",
        "published": None,
        "published_month": None,
        "published_text": None,
        "published_inferred": 0,
        "word_count": len(body.split()),
        "entities": row["entities"],
        "headline_similarity": 0.235,
    }
    assert body.startswith("BAGHDAD (AP) — U.S. President Donald Trump hinted")
    assert body.endswith("“2020 is the year of ending the U.S. occupation.”")  # closing credit left out


def test_captions_are_kept_out_of_the_body(db):
    row = article_at(db, "000_c035f8e90eaba482.txt", 155)
    captions = list(db["captions"].rows_where("article_id = ?", [row["id"]], order_by="position"))
    assert captions[0]["text"] == "Iraqi men marching to a recruiting centre in west Baghdad in June 2014."
    assert captions[0]["credit"] == "Ghaith Abdul-Ahad/The Guardian"
    assert "Photograph:" not in row["body"]
    assert "recruiting centre in west Baghdad in June 2014" not in row["body"]


def test_boilerplate_stamps_and_footnotes_are_not_body(db):
    national = article_at(db, "000_c035f8e90eaba482.txt", 287)["body"]
    assert "These were the details of the news" not in national
    assert "Updated:" not in national and "The Nationala" not in national
    assert national.startswith("Riyadh – Iraqi populist cleric Muqtada Al Sadr threatened")
    memri = article_at(db, "003_15da29468eeff97d.txt", 1)["body"]
    assert "See MEMRI Special Dispatch" not in memri and "136gu_8rLxC" not in memri
    k24 = article_at(db, "003_15da29468eeff97d.txt", 405)["body"]
    assert "Twitter Ads info and privacy" not in k24 and "Read More:" not in k24


def test_body_is_paragraphs_joined_by_blank_lines_with_plain_spaces(db):
    for row in db.query("select body from articles"):
        assert "\u00a0" not in row["body"]
        assert "\n\n\n" not in row["body"]
        assert all(p == p.strip() and p for p in row["body"].split("\n\n"))


def test_headline_rewrites(db):
    row = article_at(db, "000_c035f8e90eaba482.txt", 155)
    rewrites = [(r["original"], r["rewritten"]) for r in
                db["headline_rewrites"].rows_where("article_id = ?", [row["id"]], order_by="position")]
    assert rewrites == [("its militias", "the Antichrist’s men"), ("", ": Revelation 13")]
    for r in db["headline_rewrites"].rows:
        blog = db["articles"].get(r["article_id"])["blog_headline"]
        assert blog[r["position"]: r["position"] + len(r["rewritten"])] == r["rewritten"]


def test_no_outlet_signal_leaves_outlet_empty_with_a_problem():
    [article] = parse("\n\n".join([
        "Antichrist speaks in Kufa",
        "Sadr speaks in Kufa",
        "The cleric addressed worshippers at Friday prayers, his office said in a statement on its website.",
    ]))
    assert article.outlet_id is None
    assert any("no outlet signal" in p.message for p in article.problems)


def test_original_headline_with_page_junk_names_the_outlet():
    [article] = parse("\n\n".join([
        "Babylon the Great Sends More Troops",
        "Pentagon sends more troops to Iraq | World news | The Guardian",
        "The Pentagon said on Monday it would send 3,000 more troops to the region to protect its bases.",
    ]))
    assert article.original_headline == "Pentagon sends more troops to Iraq | World news | The Guardian"
    assert article.outlet_id == "the-guardian"


def test_byline_naming_an_outlet_outweighs_an_outlet_the_article_cites():
    [article] = parse("\n\n".join([
        "Babylon the Great strikes the Antichrist’s men",
        "US strikes Iran-backed militia in Iraq",
        "By Lolita C. Baldor and Qassim Abdul-Zahra, Associated Press",
        "The U.S. military carried out airstrikes on Sunday against militia facilities, officials said.",
        "The strikes followed a drone attack on a base housing U.S. troops, according to Voice of America.",
    ]))
    assert (article.outlet_id, article.byline) == ("associated-press", "Lolita C. Baldor and Qassim Abdul-Zahra")


def test_outlet_aliases_match_whole_and_longest_first():
    pattern = re.compile(alias_alternation(["AP", "AFP", "Al Jazeera", "Al Jazeera English", "Al-Monitor"]))
    assert [m.group() for m in pattern.finditer("Al Jazeera English, AFP, Al-Monitor, AP and Al Jazeera")] == [
        "Al Jazeera English", "AFP", "Al-Monitor", "AP", "Al Jazeera"]
    [article] = parse("\n\n".join([
        "Antichrist’s men threaten the Great Satan",
        "Iraqi militia threatens US forces",
        "A commander of Kataib Hezbollah told Al Jazeera English on Monday that US forces must leave Iraq.",
    ]))
    assert article.outlet_id == "al-jazeera"


@pytest.mark.parametrize("stamp", [
    "Posted on March 12, 2023 by admin", "March 12, 2023 at 5:40 p.m.", "2023-03-12", "Updated: 12 March 2023 14:05 GMT",
    "Published date: 12 March 2023 11:22 UTC",
])
def test_stamp_lines_give_the_date_and_stay_out_of_the_body(stamp):
    [article] = parse("\n\n".join([
        "Babylon the Great strikes the Antichrist’s men",
        "US strikes Iran-backed militia in Iraq",
        stamp,
        "BAGHDAD (Reuters) - The U.S. military carried out airstrikes on Sunday against militia facilities.",
    ]))
    assert (article.published, article.published_text, article.published_inferred) == ("2023-03-12", stamp, False)
    assert article.body.startswith("BAGHDAD (Reuters)")


@pytest.mark.parametrize("stamp, published", [
    # stamps of outlets the project has never seen: the date finder reads them, no shape is listed for them
    ("Posted on 3 February 2019 at 14:05 CET by Jane Doe", "2019-02-03"),
    ("LAST UPDATED: MAR 3, 2019 | 10:04 AM", "2019-03-03"),
    ("Dec 7, 2026 · 4 min read", "2026-12-07"),
    ("Tuesday, 5 March 2019 – 9:23pm IST | Place: BAGHDAD | Agency: XNA", "2019-03-05"),
    ("Published March 5th, 2019 – 12:20 GMT via", "2019-03-05"),
    ("Sat 9 Mar 2019 08.15 AST", "2019-03-09"),
    ("Mar. 9, 2019 at 10:04 a.m. ET", "2019-03-09"),
    ("By Jane Doe and John Roe, Staff Writers | Published 2019-03-12T14:05:00Z", "2019-03-12"),
    # published, not updated, whichever comes first
    ("Published 9:15 AM GMT Tue, 5 March 2019 Updated 4:02 PM GMT Wed, 6 March 2019", "2019-03-05"),
    ("Updated: 14:10 GMT, 6 March 2019 | First published: 09:00 GMT, 5 March 2019", "2019-03-05"),
])
def test_a_date_finder_reads_stamps_of_any_outlet(stamp, published):
    [article] = parse("\n\n".join([
        "Babylon the Great strikes the Antichrist’s men",
        "US strikes Iran-backed militia in Iraq",
        stamp,
        "The U.S. military carried out airstrikes on Sunday against militia facilities, officials said.",
        "The strikes hit weapons depots near the Syrian border, a spokesman said on Monday.",
    ]))
    assert (article.published, article.published_text) == (published, stamp)
    assert article.body.startswith("The U.S. military")


@pytest.mark.parametrize("header, published, byline, dateline, body", [
    # to a photo credit before it
    (["JANE DOE/XNA via Example ImagesMarch 5, 2019",
      "Iraqi forces raided a militia depot on Monday, officials said."], "2019-03-05", None, None, "Iraqi forces"),
    # to the byline before it
    (["Jane DoeMarch 5, 2019", "Iraqi forces raided a militia depot on Monday, officials said."],
     "2019-03-05", "Jane Doe", None, "Iraqi forces"),
    # to the dateline after it, on the story's first line
    (["Mar. 5, 2019BAGHDAD — Iraqi forces raided a militia depot on Monday, officials said."],
     "2019-03-05", None, "BAGHDAD", "BAGHDAD — Iraqi forces"),
    # to the end of the standfirst
    (["The raid is the first on the group since the government vowed to rein in the militias.Tuesday 19/03/2019",
      "Iraqi forces raided a militia depot on Monday, officials said."],
     "2019-03-19", None, None, "The raid is the first on the group since the government vowed to rein in the militias."),
])
def test_a_date_glued_to_the_text_beside_it_is_found(header, published, byline, dateline, body):
    [article] = parse("\n\n".join([
        "Antichrist’s men lose their depot", "Iraqi forces raid militia depot", *header,
        "The militia did not comment on the raid, which came after weeks of rocket attacks on the capital.",
    ]))
    assert (article.published, article.byline, article.dateline) == (published, byline, dateline)
    assert article.body.startswith(body) and "2019" not in article.body


def test_dates_in_the_story_and_words_that_look_like_dates_do_not_date_it():
    """"on Monday", "the 2020 elections", "May" the name, "march" the verb, "3/4 of" are no dates; a full date in
    a sentence of the story, or in an embedded tweet's signature, is not the article's date."""
    [article] = parse("\n\n".join([
        "The Antichrist Calls His Men to March",
        "Sadr calls supporters to march before the 2020 elections",
        "Protesters will march on Monday ahead of the 2020 elections, and 3/4 of them back Sadr, May Hassan said.",
        "She left Baghdad on March 5, 2019.",
        "— Jane Doe (@janedoe) March 5, 2019",
        "The cleric repeated his call in a statement on Tuesday, his office said.",
    ]))
    assert article.published is None
    assert "She left Baghdad on March 5, 2019." in article.body


def test_a_blog_date_header_after_the_share_buttons_opens_the_next_post():
    [article] = parse("\n\n".join([
        "Antichrist’s men fire on the Green Zone",
        "Rockets hit Baghdad's Green Zone",
        "BAGHDAD - Three rockets hit the Green Zone on Sunday, the military said.",
        "No group claimed the attack, the third this month.",
        "Share this:",
        "Tuesday, March 5, 2019",
    ]))
    assert article.published is None


@pytest.mark.parametrize("tag, published", [("(Reuters)", "2023-02-03"), ("(AP)", "2023-03-02")])
def test_numeric_dates_read_in_the_outlets_order(tag, published):
    """Reuters (United Kingdom) writes 03/02/2023 for 3 February, the Associated Press (United States) for 2 March."""
    [article] = parse("\n\n".join([
        "Babylon the Great strikes the Antichrist’s men",
        "US strikes Iran-backed militia in Iraq",
        "Published: 03/02/2023",
        f"BAGHDAD {tag} - The U.S. military carried out airstrikes on Sunday against militia facilities.",
    ]))
    assert article.published == published


def test_short_paragraphs_and_truncated_headlines_are_kept(db):
    national = article_at(db, "000_c035f8e90eaba482.txt", 97)["body"]
    assert "\n\nNo injuries or damage were reported.\n\n" in national
    cna = article_at(db, "003_15da29468eeff97d.txt", 302)["body"]
    assert "Police and medical sources told AFP two Iraqi personnel members were wounded in the attack." in cna
    eg24 = article_at(db, "000_c035f8e90eaba482.txt", 71)
    assert eg24["original_headline"] == "Muqtada al-Sadr threatens an Iraqi politician who most likely issued a…"


def test_byline_with_its_outlet_after_a_bar():
    [article] = parse("\n\n".join([
        "The Antichrist’s Men Threaten the Great Satan",
        "Iraqi militias threaten to expel US troops by force",
        "By Qassim Abdul-Zahra and Samya Kullab | AP",
        "Iran-backed militias in Iraq on Wednesday threatened to use force to expel U.S. troops, officials said.",
    ]))
    assert (article.byline, article.outlet_id) == ("Qassim Abdul-Zahra and Samya Kullab", "associated-press")


def test_staff_byline_names_the_outlet_over_one_the_article_cites():
    [article] = parse("\n\n".join([
        "The Antichrist Calls for a Million-Man March (Revelation 13)",
        "Sadr calls for 'million-man' protest against US presence in Iraq",
        "Published date: 14 January 2020 11:22 UTC",
        "Middle East Eye staff",
        "Iraqi Shia cleric Muqtada al-Sadr has called for a protest against the presence of US troops in Iraq.",
        "Hadi al-Amiri welcomed the call. “We stand with Sayyed Muqtada,” he told Al Mayadeen TV.",
        "This article is available in French on Middle East Eye French edition.",
    ]))
    assert (article.outlet_id, article.byline, article.published) == (
        "middle-east-eye", "Middle East Eye staff", "2020-01-14")
    assert not article.body.endswith("French edition.")


def test_closing_credits_and_standards_line_are_not_body():
    [article] = parse("\n\n".join([
        "Babylon the Great Strikes the Antichrist’s Men",
        "US strikes Iran-backed militia facilities on Iraq-Syria border",
        "WASHINGTON (Reuters) - The United States carried out air strikes against Iran-backed militia on Sunday.",
        "Associated Press writer Bassem Mroue in Beirut contributed to this report.",
        "Our Standards: The Thomson Reuters Trust Principles.",
    ]))
    assert article.body == ("WASHINGTON (Reuters) - The United States carried out air strikes against "
                            "Iran-backed militia on Sunday.")


def test_a_bare_date_at_the_foot_of_the_page_dates_it_but_an_embedded_tweet_does_not():
    post = [
        "Iran’s Horn Warns the Iraqi Prime Minister",
        "Iraqi PM warned against crossing Iran-backed groups",
        "SULAIMANI, Kurdistan Region — Leaders of the ruling bloc warned the prime minister on Monday.",
        "4:18 PM – Jan 13, 2023",
        "The prime minister did not reply, his office said.",
    ]
    [article] = parse("\n\n".join(post))
    assert article.published is None
    [article] = parse("\n\n".join([*post, "Rudaw", "2023-02-06"]))
    assert (article.published, article.published_text, article.outlet_id) == (
        "2023-02-06", "2023-02-06", "rudaw")


def test_byline_ending_with_its_outlet_and_a_copyright_line():
    [article] = parse("\n\n".join([
        "Babylon the Great Kills the Iranian Horn’s General",
        "US airstrike at Baghdad airport kills Iran’s top general",
        "By QASSIM ABDUL-ZAHRA and ZEINA KARAM Associated Press",
        "BAGHDAD -- The United States killed Iran’s top general in an airstrike at Baghdad’s airport early Friday.",
        "Copyright © 2020 The Associated Press. All rights reserved. This material may not be published.",
    ]))
    assert (article.byline, article.outlet_id, article.dateline) == (
        "QASSIM ABDUL-ZAHRA and ZEINA KARAM", "associated-press", "BAGHDAD")
    assert "Copyright" not in article.body


def test_source_line_at_the_foot_names_the_outlet():
    [article] = parse("\n\n".join([
        "Antichrist Orders His Army to Be Ready (Revelation 6)",
        "Iraq’s Sadr orders Mahdi Army to be ready after Soleimani killing",
        "Powerful Shia cleric Muqtada al-Sadr has ordered his followers in the Mahdi Army to be ready.",
        "Source: Al Jazeera and news agencies",
    ]))
    assert (article.outlet_id, article.body) == (
        "al-jazeera", "Powerful Shia cleric Muqtada al-Sadr has ordered his followers in the Mahdi Army to be ready.")


@pytest.mark.parametrize("header, expected", [
    (["BAGHDAD, Jan. 5, 2020 (Xinhua) -- Iraq's parliament voted on Sunday to end the presence of foreign troops."],
     ("xinhua", "BAGHDAD", "2020-01-05")),
    (["Tehran, IRNA -- Iranian Foreign Minister Mohammad Javad Zarif said on Sunday the US had violated Iraq."],
     ("irna", "Tehran", None)),
    (["Posted by: admin | January 5, 2020",
      "BEIRUT (Sputnik) - Rockets hit near the U.S. embassy in Baghdad late Sunday, a security source said."],
     ("sputnik", "BEIRUT", "2020-01-05")),
])
def test_datelines_with_a_year_or_an_agency_after_a_comma_and_posted_by_stamps(header, expected):
    [article] = parse("\n\n".join(["Antichrist’s Men Strike Again", "Iraqi militia strikes again", *header]))
    assert (article.outlet_id, article.dateline, article.published) == expected


def test_a_promo_is_page_junk_and_a_sentence_without_its_stop_is_body():
    """A newsletter promo between paragraphs is left out; a paragraph that lost its stop stays in; a photo's
    present-tense caption between the date and the story stays out of the body (right under the headline it would
    read as a standfirst)."""
    [article] = parse("\n\n".join([
        "Antichrist’s men fire on the Green Zone",
        "Rockets hit Baghdad's Green Zone",
        "Wednesday 16th Sep 2020",
        "Iraqi security forces inspect the damage at the site hit by a rocket fired from the east of Baghdad",
        "BAGHDAD (Reuters) - Three rockets hit the Green Zone on Sunday, the military said.",
        "Sign up for our daily newsletter and get the latest news from Iraq in your inbox every morning",
        "The attack was the third this month and no group has claimed it so far according to the police",
        "Kataib Hezbollah denied any role in the attack on the Green Zone.",
    ]))
    assert article.body.split("\n\n") == [
        "BAGHDAD (Reuters) - Three rockets hit the Green Zone on Sunday, the military said.",
        "The attack was the third this month and no group has claimed it so far according to the police",
        "Kataib Hezbollah denied any role in the attack on the Green Zone.",
    ]


def test_a_news_sentence_above_the_story_is_body_and_a_caption_is_not():
    """Between the date and the story, a line in the past tense ("Gunmen killed …") is the story's first
    paragraph; a caption's present tense, its verbs in a relative clause ("that was damaged"), is not."""
    [article] = parse("\n\n".join([
        "Antichrist’s men strike north of Baghdad",
        "Gunmen kill three soldiers north of Baghdad",
        "Sunday 18th Oct 2020",
        "A man walks past a building that was damaged by a rocket in the east of Baghdad on Sunday morning",
        "Gunmen killed three soldiers at an army checkpoint north of Baghdad late on Saturday night",
        "The attack was the third on the checkpoint this month, the police said on Sunday.",
    ]))
    assert article.body.split("\n\n") == [
        "Gunmen killed three soldiers at an army checkpoint north of Baghdad late on Saturday night",
        "The attack was the third on the checkpoint this month, the police said on Sunday.",
    ]


def test_a_breadcrumb_is_page_junk_not_the_original_headline():
    """"HomeMiddle EastIraq" (a site's breadcrumb, its words glued) is neither headline nor body."""
    [article] = parse("\n\n".join([
        "Antichrist’s Ayatollah condemns the Saudi horn",
        "HomeMiddle EastIraq",
        "Iraq’s top cleric Sistani condemns Saudi executions as unjust aggression",
        "NAJAF (Reuters) - Iraq’s top Shi’ite cleric condemned the executions in a statement on Sunday.",
    ]))
    assert article.original_headline == "Iraq’s top cleric Sistani condemns Saudi executions as unjust aggression"
    assert "HomeMiddle" not in article.body


STORY = "Iraqi militias warned on Monday that US forces must leave the country before the end of the year."


def page(*lines: str) -> str:
    """A post in the blog's layout: its headline, the copied headline, then the given lines."""
    return "\n\n".join(["Antichrist’s men warn the Great Satan", "Iraqi militias warn US forces", *lines])


SOURCE_LINE = "source, copyright, domain or tag line"


@pytest.mark.parametrize("lines, outlet_id, signal", [
    # a lede opened by its outlet in brackets, no place before it
    (["(Axios) — " + STORY], "axios", "lede opened by the outlet"),
    # a source line's cue closing the story, and outlets of outlets.yml no page has shown yet
    ([STORY, "This story was originally published by The Conversation."], "the-conversation", SOURCE_LINE),
    ([STORY, "Source: Kurdistan24"], "kurdistan-24", SOURCE_LINE),
    ([STORY, "© 2024 The Independent"], "the-independent", SOURCE_LINE),
    ([STORY, "This article first appeared on Foreign Policy."], "foreign-policy", SOURCE_LINE),
    # a cue in capitals after a bar, and one naming the outlet with others
    (["Published: 12 March 2021 | AGENCY: PTI", STORY], "press-trust-of-india", SOURCE_LINE),
    ([STORY, "SOURCE: AL MAYADEEN AND NEWS AGENCIES"], "al-mayadeen", SOURCE_LINE),
    # a link to the outlet's site closing a stamp line
    (["Published 11:02 AM ET Tue, 3 March 2020 Forbes.com", STORY], "forbes", "link to the outlet's site"),
    # the outlet's name on a short line between headline and story (a field of the page) is a hint
    (["Gulf Times | Qatar", STORY], "gulf-times", "outlet named around the story"),
])
def test_an_outlet_no_page_has_shown_is_named_by_its_source_signals(lines, outlet_id, signal):
    [article] = parse(page(*lines))
    assert article.outlet_id == outlet_id
    assert [e.signal for e in article.evidence if e.field == "outlet"] == [signal]
    assert [article.body] == [line for line in lines if STORY in line]  # the source lines are not body


@pytest.mark.parametrize("credit", [
    "Ahmad Al-Rubaiye | AFP | Getty Images", "AFP via Getty Images", "(AFP Photo)", "AP Photo/Hadi Mizban", "Photo: AFP",
    "© Sabah Arar, AFP | Iraqi protesters gather in Tahrir Square in central Baghdad on Friday.",
])
def test_a_photo_credit_never_names_the_articles_outlet(credit):
    [article] = parse(page(credit, STORY))
    assert (article.outlet_id, article.body) == (None, STORY)
    [other] = parse(page(credit, STORY, "This article first appeared on Foreign Policy."))
    assert other.outlet_id == "foreign-policy"


@pytest.mark.parametrize("lines", [
    ["Trump tells Fox News he wants out", STORY],  # a sentence citing an outlet, not a field of the page
    [STORY, "— With AFP"], [STORY, "Additional reporting by Reuters and AFP"],  # the agencies a story drew on
])
def test_an_outlet_cited_or_credited_around_the_story_is_no_hint(lines):
    [article] = parse(page(*lines))
    assert (article.outlet_id, article.body) == (None, STORY)


def test_an_explicit_source_signal_outweighs_a_house_format():
    """A house format counts only where its outlet is alone; a page carrying wire copy still shows as the via."""
    guardian_stamp = "Last modified on Thu 8 Oct 2020 14.34 EDT"
    [alone] = parse(page(guardian_stamp, STORY))
    assert alone.outlet_id == "the-guardian"
    captions = [f"Iraqi fighters on the frontline near Falluja, August {year}. Photograph: Ghaith Abdul-Ahad/The Guardian"
                for year in (2014, 2015)]  # its house formats outweigh any one source line
    [republished] = parse(page(guardian_stamp, STORY, *captions,
                               "This article is republished from The Conversation under a Creative Commons license."))
    assert (republished.outlet_id, republished.via_outlet_id) == ("the-conversation", None)
    cna_stamps = ["(Updated: 15 Jan 2020 05:50AM)", "15 Jan 2020 05:42AM"]
    [carried] = parse(page(*cna_stamps, STORY, "Source: AFP"))
    assert (carried.outlet_id, carried.via_outlet_id) == ("afp", "cna")
    [cited] = parse(page(*cna_stamps, STORY, "(Updated: 15 Jan 2020 06:10AM)", "Article text by FRANCE 24"))
    assert cited.outlet_id == "france-24"


@pytest.mark.parametrize("header, byline, outlet", [
    (["Miriam Jackson | @mjackson", "February 9, 2020"], "Miriam Jackson", None),  # a social handle
    (["By Miriam Jackson 3 hours ago"], "Miriam Jackson", None),  # a relative time
    (["By Miriam Jackson, Senior Correspondent"], "Miriam Jackson", None),  # a role
    (["Miriam Jackson Staff", "February 9, 2020"], "Miriam Jackson", None),
    (["By Miriam Jackson for Al-Monitor", "February 9, 2020"], "Miriam Jackson", "al-monitor"),  # names the outlet
    (["MIRIAM JACKSON", "February 9, 2020"], "MIRIAM JACKSON", None),  # a name in capitals
    (["Miriam JacksonFebruary 9, 2020"], "Miriam Jackson", None),  # a name glued to its date
    (["By The Associated Press", "February 9, 2020"], "The Associated Press", "associated-press"),  # an outlet alone
    (["Dr. Baxtiyar Goran"], "Dr. Baxtiyar Goran", None),  # nameparser's title marks a name ("Baxtiyar Goran": none)
    (["Baxtiyar Goran Jr."], "Baxtiyar Goran Jr.", None),  # and its suffix
])
def test_a_bylines_decoration_is_not_its_name(header, byline, outlet):
    """A byline line's decoration is cut, in a regional paper's style the project has not seen: its handle, a
    relative time, a role, "for <an outlet>" (which names the outlet); a name in capitals, glued to its date, with a
    title or a suffix stands."""
    [article] = parse("\n\n".join([
        "The Antichrist’s Men Threaten the Great Satan", "Iraqi militias threaten to expel US troops by force", *header,
        "Iran-backed militias in Iraq on Wednesday threatened to use force to expel U.S. troops, officials said.",
    ]))
    assert (article.byline, article.outlet_id) == (byline, outlet)


def test_a_byline_with_its_handle_on_a_dev_page(dev_db):
    """"Natasha Turak | @NatashaTurak" above its stamp (dev11)."""
    assert article_at(sqlite_utils.Database(dev_db), "dev11.txt", 133)["byline"] == "Natasha Turak"


def test_a_stop_of_an_abbreviated_title_ends_no_caption():
    """A caption's text ends with a sentence's stop, not a title's (nameparser's, one list): "…, according to Brig.
    Gen. Yahya Rasool" is a sentence with no credit; "… of Arbaeen. Reuters" a caption."""
    assert REF.lines.caption_parts("Rockets hit the base overnight, according to Brig. Gen. Yahya Rasool") is None
    assert REF.lines.caption_parts("Pilgrims walk to Karbala ahead of the Shiite ritual of Arbaeen. Reuters") == (
        "Pilgrims walk to Karbala ahead of the Shiite ritual of Arbaeen.", "Reuters")


@pytest.mark.parametrize("lede", [
    "Gunmen attacked a checkpoint near Basra overnight, a Shafaq News correspondent in the city said.",
    "A reporter for Shafaq News saw smoke over the checkpoint near Basra on Friday morning.",
])
def test_the_outlets_own_reporter_names_it(lede):
    [article] = parse("\n\n".join(["Antichrist’s men strike in Basra", "Gunmen strike a Basra checkpoint", lede]))
    assert article.outlet_id == "shafaq-news"


def test_the_outlets_own_reporter_on_a_real_page(dev_db):
    """dev12's Reuters story says "…, a Reuters reporter said" and credits its photos to Reuters too."""
    assert article_at(sqlite_utils.Database(dev_db), "dev12.txt", 96)["outlet_id"] == "reuters"


def test_a_bulleted_line_is_no_headline(dev_db):
    """The bullets of a standfirst ("• New York City last experienced …") are list items, not the original headline."""
    [article] = parse("\n\n".join([
        "The Sixth Seal Is Coming", "Quake risk rises along the Zagros faults",
        "• Iran last had a magnitude 7 earthquake in 2017, seismologists say",
        "• Tehran sits on several active faults",
        "Tehran could be hit by a major earthquake within decades, a study by the University of Tehran found.",
    ]))
    assert article.original_headline == "Quake risk rises along the Zagros faults"
    assert article_at(sqlite_utils.Database(dev_db), "dev11.txt", 203)["original_headline"] == (
        "New York is overdue an earthquake from faults under city")


def test_a_caption_with_its_credit_glued_to_the_stop_is_no_headline(dev_db):
    [article] = parse("\n\n".join([
        "Babylon the Great Strikes Gaza", "Children among the dead after Gaza strike",
        "Mourners carry the bodies of the victims through Khan Younis on Friday.Adel Hana/Associated Press",
        "Israeli aircraft struck a house in Khan Younis on Friday, killing six people, health officials said.",
    ]))
    assert article.original_headline == "Children among the dead after Gaza strike"
    assert article_at(sqlite_utils.Database(dev_db), "dev14.txt", 87)["original_headline"] == (
        "3 Boys From Gaza Are Buried After Israeli Strike")
