"""make eval: score built databases against the hand-made gold (format: eval/GUIDELINES.md).

The scoring rules are those of eval/score.py, the independent scorer the project is checked with (a verbatim
copy of it): this module only runs it on the seed gold and the dev gold and prints one table, and the misses.

    python -m militia_news.evaluate --seeds-db militia_news.db --dev-db eval/dev.db [--misses] [--readme README.md]
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import click

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
GOLD_SETS = {"seeds": EVAL / "gold", "dev": EVAL / "dev" / "gold"}
README_START, README_END = "<!-- make eval: start -->", "<!-- make eval: end -->"
# The scorer's metrics, in the order the table shows them, with the name a reader sees.
MEASURES = {
    "segmentation_recall": "posts split: recall",
    "segmentation_precision": "posts split: precision",
    "blog_headline": "blog headline",
    "original_headline": "original headline",
    "outlet": "outlet",
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


def score(db_path: Path, gold_dir: Path) -> tuple[dict[str, tuple[int, int]], list[tuple]]:
    """{metric: (right, total)} and the misses (metric, file, line, what) of one db against one gold folder."""
    module = scorer()
    module.MISSES.clear()
    tally = module.score(module.Db(str(db_path)), module.Gold(str(gold_dir)))
    return tally, list(module.MISSES)


def cell(right: int, total: int) -> str:
    return f"{right / total:.1%} ({right}/{total})" if total else "–"


def gold_size(gold_dir: Path) -> str:
    files = [p for p in gold_dir.glob("*.yml") if p.name != "variants.yml"]
    posts = sum(len(re.findall(r"^- line:|^  - line:", p.read_text(encoding="utf-8"), re.M)) for p in files)
    return f"{len(files)} files, {posts} posts"


def table(tallies: dict[str, dict[str, tuple[int, int]]]) -> str:
    """One markdown table: a row per measure, a column per gold set."""
    sets = list(tallies)
    lines = ["| measure | " + " | ".join(f"{s} ({gold_size(GOLD_SETS[s])})" for s in sets) + " |",
             "|---|" + "---|" * len(sets)]
    for metric, label in MEASURES.items():
        lines.append(f"| {label} | " + " | ".join(cell(*tallies[s].get(metric, (0, 0))) for s in sets) + " |")
    return "\n".join(lines)


def evaluation(dbs: dict[str, Path]) -> tuple[str, dict[str, list[tuple]]]:
    """The table for the given dbs ({gold set: db}), and each set's misses."""
    tallies, misses = {}, {}
    for name, db in dbs.items():
        tallies[name], misses[name] = score(db, GOLD_SETS[name])
    return table(tallies), misses


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
    """Score the seed and dev builds against their gold, by the rules of eval/score.py."""
    text, missed = evaluation({"seeds": seeds_db, "dev": dev_db})
    click.echo(text)
    if misses:
        for name, rows in missed.items():
            for metric, seed_file, line, what in rows:
                click.echo(f"{name} {seed_file}:{line} {metric}: {what}")
    if readme:
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), text), encoding="utf-8")


if __name__ == "__main__":
    main()
