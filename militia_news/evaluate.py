"""make eval: score built databases against the hand-made gold (format: eval/GUIDELINES.md).

The scoring rules are those of eval/score.py, the independent scorer the project is checked with (a verbatim
copy of it): this module only runs it on the seed gold and the dev gold and prints one table, and the misses.

    python -m militia_news.evaluate --seeds-db militia_news.db --dev-db eval/dev.db [--misses] [--readme README.md]
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path
from types import ModuleType

import click

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
# The dev pages in two halves: dev01–dev10, the pages the rules were written from, and dev11–dev15, released
# after the rules were written. A change that lifts one half and not the other was fitted to it.
DEV_HALVES = {"dev01–dev10": re.compile(r"dev(0\d|10)\.yml"), "dev11–dev15": re.compile(r"dev1[1-5]\.yml")}
README_START, README_END = "<!-- make eval: start -->", "<!-- make eval: end -->"
# The scorer's metrics, in the order the table shows them, with the name a reader sees.
MEASURES = {
    "segmentation_recall": "posts split: recall",
    "segmentation_precision": "posts split: precision",
    "blog_headline": "blog headline",
    "original_headline": "original headline",
    "outlet": "outlet",
    "outlet_recall": "outlet: of those known, named rightly",
    "outlet_precision": "outlet: of those named, right",
    "outlet_stated": "outlet: of those the text states",
    "via": "via (republisher)",
    "byline": "byline",
    "dateline": "dateline",
    "published": "published",
    "quote_recall": "direct quotes: recall",
    "quote_precision": "direct quotes: precision",
    "speaker_accuracy": "direct quotes: speaker",
    "reported_recall": "reported speech: recall",
    "reported_precision": "reported speech: precision",
    "reported_speaker": "reported speech: speaker",
    "entity_recall": "entities: recall",
    "entity_precision": "entities: precision",
}


@cache
def scorer() -> ModuleType:
    """eval/score.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("militia_news_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(db_path: Path, gold_dir: Path, only: re.Pattern | None = None
          ) -> tuple[dict[str, tuple[int, int]], list[tuple]]:
    """{metric: (right, total)} and the misses (metric, file, line, what) of one db against one gold folder,
    or against those of its gold files whose names match `only` (with the folder's variants)."""
    module = scorer()
    module.MISSES.clear()
    with tempfile.TemporaryDirectory() as chosen:
        if only is not None:
            for path in gold_dir.glob("*.yml"):
                if path.name == "variants.yml" or only.fullmatch(path.name):
                    shutil.copy(path, chosen)
            gold_dir = Path(chosen)
        tally = module.score(module.Db(str(db_path)), module.Gold(str(gold_dir)))
    return tally, list(module.MISSES)


def cell(right: int, total: int) -> str:
    return f"{right / total:.1%} ({right}/{total})" if total else "–"


def gold_size(gold_dir: Path, only: re.Pattern | None) -> str:
    files = [p for p in gold_dir.glob("*.yml") if p.name != "variants.yml" and (only is None or only.fullmatch(p.name))]
    posts = sum(len(re.findall(r"^- line:|^  - line:", p.read_text(encoding="utf-8"), re.M)) for p in files)
    return f"{len(files)} files, {posts} posts"


def table(tallies: dict[str, dict[str, tuple[int, int]]], sizes: dict[str, str]) -> str:
    """One markdown table: a row per measure, a column per gold set."""
    sets = list(tallies)
    lines = ["| measure | " + " | ".join(f"{s} ({sizes[s]})" for s in sets) + " |",
             "|---|" + "---|" * len(sets)]
    for metric, label in MEASURES.items():
        lines.append(f"| {label} | " + " | ".join(cell(*tallies[s].get(metric, (0, 0))) for s in sets) + " |")
    return "\n".join(lines)


def gold_sets(seeds_db: Path, dev_db: Path) -> dict[str, tuple[Path, Path, re.Pattern | None]]:
    """{column: (db, gold folder, which gold files)}: the seeds, then the two dev halves."""
    return {"seeds": (seeds_db, EVAL / "gold", None),
            **{half: (dev_db, EVAL / "dev" / "gold", files) for half, files in DEV_HALVES.items()}}


def evaluation(sets: dict[str, tuple[Path, Path, re.Pattern | None]]) -> tuple[str, dict[str, list[tuple]]]:
    """The table for the given gold sets, and each set's misses."""
    tallies, misses = {}, {}
    for name, (db, gold_dir, only) in sets.items():
        tallies[name], misses[name] = score(db, gold_dir, only)
    return table(tallies, {name: gold_size(gold_dir, only) for name, (_, gold_dir, only) in sets.items()}), misses


def with_table(readme: str, text: str) -> str:
    """README's text with the evaluation table between its markers replaced."""
    start, end = readme.index(README_START) + len(README_START), readme.index(README_END)
    return f"{readme[:start]}\n{text}\n{readme[end:]}"


@click.command()
@click.option("--seeds-db", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="The db built from seeds/.")
@click.option("--dev-db", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="The db built from eval/dev/seeds/.")
@click.option("--misses", is_flag=True, help="List every miss: file:line, measure, expected, got.")
@click.option("--readme", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Write the table into this README, between its make-eval markers.")
def main(seeds_db: Path, dev_db: Path, misses: bool, readme: Path | None) -> None:
    """Score the seed and dev builds against their gold, by the rules of eval/score.py: the seeds, dev01–dev10
    and dev11–dev15 (the dev pages released after the rules were written), each a column."""
    text, missed = evaluation(gold_sets(seeds_db, dev_db))
    click.echo(text)
    if misses:
        for name, rows in missed.items():
            for metric, seed_file, line, what in rows:
                click.echo(f"{name} {seed_file}:{line} {metric}: {what}")
    if readme:
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), text), encoding="utf-8")


if __name__ == "__main__":
    main()
