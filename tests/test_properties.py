"""Property-based tests: random seed-like text never crashes a stage, and every offset slices its text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from militia_news.articles import infer_years, parse_post
from militia_news.extract.names import article_mentions, load_entities
from militia_news.model import SeedFile
from militia_news.posts import split_posts
from militia_news.extract.quotes import find_quotes
from militia_news.reference import load_reference

from .conftest import SEEDS

REF = load_reference()
INDEX = load_entities(REF)
SEED_LINES = [line for path in sorted(SEEDS.glob("*.txt"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

seed_line = st.sampled_from(SEED_LINES)
label_line = st.builds(lambda a, b: f"{a} Antichrist {b}", st.text(max_size=30), st.text(max_size=30))
quote_line = st.builds(lambda a, b, c: f"{a} “{b}” {c} said", st.text(max_size=60), st.text(max_size=80),
                       st.sampled_from(["Sadr", "he", "Mr Al Sadr", "a source", "Kataib Hezbollah", "”", "“"]))
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)
line = st.one_of(seed_line, seed_line, label_line, quote_line, noise)
separator = st.sampled_from(["\n\n", "\n", "\n\n\n", "\n \n"])


@st.composite
def seed_text(draw) -> str:
    lines = draw(st.lists(line, min_size=1, max_size=40))
    return "".join(part + draw(separator) for part in lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed_text())
def test_every_stage_survives_and_offsets_slice(text):
    seed = SeedFile("random.txt", tuple(text.split("\n")))
    posts, _ = split_posts(seed, REF)
    articles = infer_years([parse_post(post, REF) for post in posts])
    for article in articles:
        fields = {"body": article.body, "blog_headline": article.blog_headline,
                  "original_headline": article.original_headline or ""}
        mentions = article_mentions(article, INDEX, REF)
        for m in mentions:
            source = article.captions[m.caption].text if m.field == "caption" else fields[m.field]
            assert source[m.found.start:m.found.end] == m.found.surface
        for quote in find_quotes(article.body, [], {}):
            assert article.body[quote.start:quote.end] == quote.text
            assert "\n\n" not in quote.text  # a quotation never runs past its paragraph
        for rewrite in article.rewrites:
            assert article.blog_headline[rewrite.position:rewrite.position + len(rewrite.rewritten)] == rewrite.rewritten
