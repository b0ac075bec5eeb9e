"""The build scores full marks on the seed gold for every field the foundation covers."""

from militia_news.evaluate import evaluate

from .conftest import ROOT


def test_seed_gold_scores(built_db):
    report = evaluate(built_db, ROOT / "eval" / "gold")
    scores = {name: (right, total) for name, _, right, total in report.rows()}
    assert scores["post split recall"] == (20, 20)
    assert scores["post split precision"] == (20, 20)
    for name in ("blog_headline", "original_headline", "outlet", "via", "byline", "dateline", "published"):
        assert scores[name] == (20, 20), report.fields[name].misses
