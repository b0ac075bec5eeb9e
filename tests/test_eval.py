"""make eval: the seed gold targets hold, and README's evaluation table is what the scorer says today."""

import filecmp

from militia_news.evaluate import README_END, README_START, evaluation, gold_sets, score

from .conftest import ROOT


def test_the_scorer_is_the_independent_one_verbatim():
    shared = ROOT.parent / "shared" / "eval" / "score.py"
    if shared.exists():  # beside a checkout of the workplace; a bare clone has only its own copy
        assert filecmp.cmp(shared, ROOT / "eval" / "score.py", shallow=False)


def test_seed_gold_scores(built_db):
    tally, misses = score(built_db, ROOT / "eval" / "gold")
    figures = {metric: right / total for metric, (right, total) in tally.items()}
    for field in ("segmentation_recall", "segmentation_precision", "blog_headline", "original_headline", "outlet",
                  "via", "byline", "dateline", "published", "quote_recall", "quote_precision"):
        assert figures[field] == 1.0, [m for m in misses if m[0] == field]
    assert figures["entity_recall"] >= 0.95
    assert figures["entity_precision"] >= 0.95
    assert figures["speaker_accuracy"] >= 0.92


def test_readme_table_is_what_make_eval_prints(built_db, dev_db):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    written = readme[readme.index(README_START) + len(README_START): readme.index(README_END)].strip()
    assert written == evaluation(gold_sets(built_db, dev_db))[0], "run make eval to update README"
