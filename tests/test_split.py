"""Splitting seed files into posts: the gold lines, the hard cases, and layouts the seeds lack."""

import yaml

from militia_news.model import SeedFile
from militia_news.posts import split_posts
from militia_news.reference import load_reference
from militia_news.seeds import read_seed

from .conftest import ROOT, SEEDS

REF = load_reference()


def posts_of(text: str):
    return split_posts(SeedFile("constructed.txt", tuple(text.split("\n"))), REF)[0]


def gold_lines(seed_file: str) -> list[int]:
    gold = yaml.safe_load((ROOT / "eval" / "gold" / seed_file.replace(".txt", ".yml")).read_text())
    return [post["line"] for post in gold["posts"]]


def test_seed_posts_split_at_the_gold_lines(db):
    for seed_file in ("000_c035f8e90eaba482.txt", "003_15da29468eeff97d.txt"):
        starts = [row["line_start"] for row in db.query(
            "select line_start from article_sources where seed_file = ? order by line_start", [seed_file])]
        assert starts == gold_lines(seed_file)


def test_post_ends_before_the_next_blog_headline():
    posts, _ = split_posts(read_seed(SEEDS / "000_c035f8e90eaba482.txt"), REF)
    by_start = {p.line_start: p for p in posts}
    assert by_start[1].line_end == 35
    assert by_start[37].line_end == 69
    assert by_start[515].line_end == 547  # the last line has no newline


def test_stray_second_title_line_does_not_start_a_post(db):
    row = next(db.query("select a.* from articles a join article_sources s on s.article_id = a.id "
                        "where s.seed_file = '000_c035f8e90eaba482.txt' and s.line_start = 447"))
    assert row["original_headline"] == "Threat to evacuate U.S. diplomats from Iraq raises fear of war"
    assert "Donald Trump of Iraq" not in row["body"]


def test_caption_and_update_stamp_before_the_original_headline(db):
    row = next(db.query("select a.* from articles a join article_sources s on s.article_id = a.id "
                        "where s.seed_file = '003_15da29468eeff97d.txt' and s.line_start = 302"))
    assert row["original_headline"] == "Iraq’s Sadr calls for anti-US protests amid new rocket attack"
    assert not row["body"].startswith("Iraqi Shiite cleric Moqtada Al-Sadr in Najaf")


def test_post_without_original_headline(db):
    row = next(db.query("select a.* from articles a join article_sources s on s.article_id = a.id "
                        "where s.seed_file = '003_15da29468eeff97d.txt' and s.line_start = 140"))
    assert row["original_headline"] is None
    assert row["body"].startswith("Baghdad, Iraq – Leaders of several Iraqi Shia armed groups")
    problems = [p["message"] for p in db["problems"].rows_where("seed_file = ? and line = ?",
                                                                ["003_15da29468eeff97d.txt", 140])]
    assert any("no original headline" in m for m in problems)


def test_other_labels_start_posts():
    text = "\n\n".join([
        "The Russian Horn Moves Into Syria",
        "Russia moves into Syria",
        "MOSCOW (Reuters) - Russian forces moved on Tuesday into a base, officials said.",
        "The Sixth Seal Opens In Iraq",
        "Earthquake opens in Iraq",
        "BAGHDAD (AP) — An earthquake struck northern Iraq on Monday, officials said.",
    ])
    posts = posts_of(text)
    assert [p.line_start for p in posts] == [1, 7]
    assert [line.text for line in posts[1].lines][1] == "Earthquake opens in Iraq"


def test_unlabelled_rewrite_is_found_by_its_near_copy():
    text = "\n\n".join([
        "Iran’s Prince Defies Washington Again",
        "Iran’s leader defies Washington again",
        "TEHRAN (AFP) — Iran’s supreme leader on Friday rejected talks with the United States, state media said.",
        "A second short paragraph closes the post.",
        "The Antichrist Returns To Najaf",
        "Sadr returns to Najaf",
        "NAJAF, Iraq (AP) — The cleric returned on Sunday.",
    ])
    assert [p.line_start for p in posts_of(text)] == [1, 9]


def test_headline_like_lines_inside_a_post_do_not_split_it():
    text = "\n\n".join([
        "Antichrist warns the militias",
        "Sadr warns the militias",
        "The cleric spoke on Sunday in Najaf, his office said in a statement.",
        "PERENNIAL RISK",
        "Al-Sadr says Iraq won’t become ‘foreign colony’",
        "Firebrand Shia cleric Muqtada al-Sadr said on Sunday that Iraq will not become a foreign colony.",
    ])
    posts = posts_of(text)
    assert len(posts) == 1 and posts[0].line_end == 11


def test_a_possessive_horn_labels_a_headline():
    text = "\n\n".join([
        "Antichrist’s men defy the prime minister",
        "Iraqi militias defy the prime minister",
        "BAGHDAD (AP) — Armed factions paraded through the capital on Tuesday, officials said.",
        "Iran’s Horn Warns the Iraqi Prime Minister",
        "Iraqi PM warned against crossing Iran-backed groups",
        "SULAIMANI, Kurdistan Region — Leaders of the ruling bloc warned the prime minister on Monday.",
    ])
    posts = posts_of(text)
    assert [(p.line_start, p.headline.text) for p in posts] == [
        (1, "Antichrist’s men defy the prime minister"), (7, "Iran’s Horn Warns the Iraqi Prime Minister")]


def test_a_post_cut_to_its_headline_before_the_next_post():
    """A page may end a post after its title-case headline, before the next post; a paragraph cut short there
    (sentence case) is the previous post's last line."""
    text = "\n\n".join([
        "Antichrist Threatens the Embassy",
        "Sadr threatens US embassy in Baghdad",
        "BAGHDAD (Reuters) - Shiite cleric Moqtada al-Sadr threatened on Monday to march on the embassy.",
        "Another Man Shot Outside the Te",
        "Antichrist Rejects Iraqi Alliance",
        "Sadr rejects Maliki's call for a majority government",
        "BAGHDAD (Reuters) - Moqtada al-Sadr rejected on Friday the call of former prime minister Nouri al-Maliki",
        "The populist preacher has defied his clerical rivals and opted to campaign alongside the communi",
        "Antichrist Calls for Calm",
        "Sadr calls for calm in Baghdad",
        "BAGHDAD (Reuters) - Moqtada al-Sadr called for calm on Saturday after clashes in the capital.",
    ])
    assert [p.headline.text for p in posts_of(text)] == [
        "Antichrist Threatens the Embassy", "Another Man Shot Outside the Te", "Antichrist Rejects Iraqi Alliance",
        "Antichrist Calls for Calm"]
