"""The build meets the targets on the seed gold: every field, entities and quotes."""

from militia_news.evaluate import evaluate

from .conftest import ROOT


def test_seed_gold_scores(built_db):
    report = evaluate(built_db, ROOT / "eval" / "gold")
    scores = {name: (right, total) for name, _, right, total in report.rows()}
    assert scores["post split recall"] == (20, 20)
    assert scores["post split precision"] == (20, 20)
    for name in ("blog_headline", "original_headline", "outlet", "via", "byline", "dateline", "published"):
        assert scores[name] == (20, 20), report.fields[name].misses
    assert report.entity_recall.value >= 0.97, report.entity_recall.misses
    assert report.entity_precision.value >= 0.90, report.entity_precision.misses
    assert report.quote_recall.value >= 0.97, report.quote_recall.misses
    assert report.quote_precision.value >= 0.97, report.quote_precision.misses
    assert report.speaker_accuracy.value >= 0.95, report.speaker_accuracy.misses
