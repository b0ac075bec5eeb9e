"""Score a built database against hand-made gold annotations (format: eval/GUIDELINES.md)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from .entities import name_key
from .text import normalize

FIELDS = ("blog_headline", "original_headline", "outlet", "via", "byline", "dateline", "published")

ARTICLE_QUERY = """
select s.line_start, a.*, o.name as outlet, v.name as via
from article_sources s
join articles a on a.id = s.article_id
left join outlets o on o.id = a.outlet_id
left join outlets v on v.id = a.via_outlet_id
where s.seed_file = ?
"""


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, note: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(note)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


ENTITY_QUERY = """
select distinct e.id, e.name from mentions m join entities e on e.id = m.entity_id
where m.article_id = ? and m.field != 'blog_headline' and e.type in ('person', 'organization')
"""
ALIAS_QUERY = "select alias from entity_aliases where entity_id = ? and kind = 'variant'"


@dataclass
class Report:
    split_recall: Score = field(default_factory=Score)
    split_precision: Score = field(default_factory=Score)
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    entity_recall: Score = field(default_factory=Score)
    entity_precision: Score = field(default_factory=Score)
    quote_recall: Score = field(default_factory=Score)
    quote_precision: Score = field(default_factory=Score)
    speaker_accuracy: Score = field(default_factory=Score)

    def rows(self) -> list[tuple[str, float, int, int]]:
        rows = [("post split recall", self.split_recall), ("post split precision", self.split_precision)]
        rows += [(name, score) for name, score in self.fields.items()]
        rows += [("entity recall", self.entity_recall), ("entity precision", self.entity_precision)]
        rows += [("quote recall", self.quote_recall), ("quote precision", self.quote_precision),
                 ("quote speaker accuracy", self.speaker_accuracy)]
        return [(name, s.value, s.right, s.total) for name, s in rows]


def load_gold(gold_dir: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.yml"))
            if p.name != "variants.yml"]


def evaluate(db_path: Path, gold_dir: Path) -> Report:
    report = Report()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    for gold in load_gold(gold_dir):
        predicted = {row["line_start"]: row for row in conn.execute(ARTICLE_QUERY, [gold["file"]])}
        gold_lines = {post["line"] for post in gold["posts"]}
        for line in sorted(gold_lines):
            report.split_recall.add(line in predicted, f"{gold['file']}:{line} not split as a post")
        for line in sorted(predicted):
            report.split_precision.add(line in gold_lines, f"{gold['file']}:{line} split as a post but is none")
        for post in gold["posts"]:
            row = predicted.get(post["line"])
            for name in FIELDS:
                expected = post.get(name)
                expected = normalize(expected) if isinstance(expected, str) else expected
                got = row[name] if row is not None else "<no post>"
                if name == "published" and row is not None:
                    got = (got, bool(row["published_inferred"]))
                    expected = (expected, bool(post.get("published_inferred", False)))
                report.fields[name].add(got == expected, f"{gold['file']}:{post['line']} {name}: {got!r} != {expected!r}")
            if row is not None and "entities" in post:
                score_entities(report, conn, row["id"], post, gold["file"])
            if row is not None and "quotes" in post:
                score_quotes(report, conn, row["id"], post, gold["file"])
    conn.close()
    return report


def score_entities(report: Report, conn: sqlite3.Connection, article_id: str, post: dict, seed_file: str) -> None:
    """Per-article recall and precision of people and organizations.

    A gold name matches a predicted entity when it folds to the same key as the
    entity's name or one of its variants ("KDP" is a variant of Kurdistan Democratic Party).
    """
    predicted = {}
    for row in conn.execute(ENTITY_QUERY, [article_id]):
        forms = [row["name"], *(r["alias"] for r in conn.execute(ALIAS_QUERY, [row["id"]]))]
        predicted[row["name"]] = {name_key(f) for f in forms}
    expected = {name_key(normalize(n)): n for n in post["entities"]}
    for key, name in expected.items():
        found = any(key in keys for keys in predicted.values())
        report.entity_recall.add(found, f"{seed_file}:{post['line']} entity missed: {name}")
    for name, keys in predicted.items():
        report.entity_precision.add(bool(keys & expected.keys()), f"{seed_file}:{post['line']} entity not in gold: {name}")


QUOTE_QUERY = """
select q.text, q.speaker, q.speaker_entity_id, e.name as entity_name from quotes q
left join entities e on e.id = q.speaker_entity_id
where q.article_id = ? and q.kind = 'speech' order by q.char_start
"""


def entity_keys(conn: sqlite3.Connection, entity_id: str, name: str) -> set[tuple[str, ...]]:
    return {name_key(f) for f in [name, *(r["alias"] for r in conn.execute(ALIAS_QUERY, [entity_id]))]}


def speaker_right(conn: sqlite3.Connection, quote: sqlite3.Row, gold_speaker: str | None) -> bool:
    """A named gold speaker needs that entity; an anonymous or descriptive one a speaker with no entity."""
    if gold_speaker is None:
        return quote["speaker"] is None
    gold_key = name_key(normalize(gold_speaker))
    known = conn.execute("select 1 from entities where name = ? union select 1 from entity_aliases where alias = ?",
                         [gold_speaker, gold_speaker]).fetchone()
    if known:
        return quote["speaker_entity_id"] is not None and gold_key in entity_keys(
            conn, quote["speaker_entity_id"], quote["entity_name"])
    return quote["speaker"] is not None and quote["speaker_entity_id"] is None


def score_quotes(report: Report, conn: sqlite3.Connection, article_id: str, post: dict, seed_file: str) -> None:
    """A gold quote is found by a quote whose text starts with its `start`; quotes under 4 words are not scored."""
    predicted = [q for q in conn.execute(QUOTE_QUERY, [article_id]) if len(q["text"].split()) >= 4]
    gold = [g for g in post["quotes"] if len(normalize(g["start"]).split()) >= 4]
    matched = set()
    for g in gold:
        start = normalize(g["start"])
        hit = next((i for i, q in enumerate(predicted) if q["text"].startswith(start) and i not in matched), None)
        report.quote_recall.add(hit is not None, f"{seed_file}:{post['line']} quote missed: {start!r}")
        if hit is not None:
            matched.add(hit)
            q = predicted[hit]
            report.speaker_accuracy.add(speaker_right(conn, q, g["speaker"]),
                                        f"{seed_file}:{post['line']} speaker of {start!r}: {q['speaker']!r} "
                                        f"({q['entity_name']}) != {g['speaker']!r}")
    for i, q in enumerate(predicted):
        report.quote_precision.add(i in matched, f"{seed_file}:{post['line']} quote not in gold: {q['text'][:60]!r}")


@click.command()
@click.argument("db_path", type=click.Path(exists=True, path_type=Path))
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--misses", is_flag=True, help="List every miss.")
def main(db_path: Path, gold_dir: Path, as_json: bool, misses: bool) -> None:
    """Score DB_PATH against the gold annotations in GOLD_DIR."""
    report = evaluate(db_path, gold_dir)
    if as_json:
        click.echo(json.dumps({name: {"score": round(v, 4), "right": r, "total": t} for name, v, r, t in report.rows()},
                              indent=2))
        return
    click.echo(f"{'measure':<28} {'score':>7} {'right':>6} {'total':>6}")
    for name, value, right, total in report.rows():
        click.echo(f"{name:<28} {value:>7.1%} {right:>6} {total:>6}")
    if misses:
        scores = [report.split_recall, report.split_precision, *report.fields.values(), report.entity_recall,
                  report.entity_precision, report.quote_recall, report.quote_precision, report.speaker_accuracy]
        for note in (m for s in scores for m in s.misses):
            click.echo(f"miss: {note}")


if __name__ == "__main__":
    main()
