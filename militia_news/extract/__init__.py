"""Stages 4 and 5, find entities and find quotes: the names of any news text and what its people said.

The extraction's own package: `layer` (sentences, and the abbreviations whose stops end none), `names` (entities
known and new), `quotes` (quotations and their speakers), `reported` (reported speech), `speakers` (who speaks).
The build runs `analyse_text` on each article; `extract` is the same extraction for a text of one's own, and
`python -m militia_news.extract FILE…` writes it as JSON lines, one line a file (`militia_news.extract(text)`
calls `extract`):

    {"file": …, "names": [{"surface", "start", "end", "entity_id", "new_name", "type", "field"}, …],
     "statements": [{"kind", "text", "start", "end", "speaker", "speaker_entity_id", "speaker_type", "verb"}, …]}

Offsets are into the text as given (names in the headline carry field "original_headline" and offsets into it).
A name the reference data does not hold has no entity_id; its `new_name` is how the build would list it.
"""

from __future__ import annotations

import json
import sys
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import click

from .names import EntityIndex, article_mentions, load_entities, provisional_id
from ..model import ResolvedMention
from .quotes import Quote, find_quotes
from ..reference import Reference, load_reference


@contextmanager
def stage(cpu: dict[str, float], name: str) -> Iterator[None]:
    """Add the CPU seconds of the block to `cpu[name]`."""
    started = time.process_time()
    try:
        yield
    finally:
        cpu[name] = cpu.get(name, 0.0) + time.process_time() - started


@dataclass(frozen=True)
class Text:
    """What the extraction reads of an article: its body, headlines and captions."""

    body: str
    original_headline: str | None = None
    blog_headline: str = ""
    captions: tuple = ()


def analyse_text(article, index: EntityIndex, ref: Reference, cpu: dict[str, float] | None = None
                 ) -> tuple[list[ResolvedMention], list[Quote], dict[str, tuple[str, str]]]:
    """The names in an article (or a Text) linked to their entities (a new name by a provisional id), its quotes
    and statements, and its new names (`cpu`: where each stage's CPU seconds are added up)."""
    mentions, types, new_names = [], {}, {}
    cpu = {} if cpu is None else cpu
    with stage(cpu, "find entities"):
        found_names = article_mentions(article, index, ref)
    for m in found_names:
        found = m.found
        if found.entity_id:
            entity_id, types[found.entity_id] = found.entity_id, index.entities[found.entity_id].type
        else:
            entity_id = provisional_id(found.new_name)
            new_names.setdefault(entity_id, (found.new_name, found.new_type))
            types[entity_id] = found.new_type
        mentions.append(ResolvedMention(entity_id, m.field, m.caption, found.surface, found.start, found.end))
    with stage(cpu, "find quotes"):
        quotes = find_quotes(article.body, mentions, types, ref.speech, index.governments)
    return mentions, quotes, new_names


@cache
def package_reference() -> tuple[Reference, EntityIndex]:
    ref = load_reference()
    return ref, load_entities(ref)


def extract(text: str, headline: str | None = None) -> dict[str, list[dict]]:
    """The names and statements of one news text (and its headline), with the package's reference data."""
    ref, index = package_reference()
    mentions, quotes, new_names = analyse_text(Text(text, headline), index, ref)

    def entity(entity_id: str | None) -> tuple[str | None, str | None, str | None]:
        """(entity id, new name, type) of a mention's or speaker's entity."""
        if entity_id is None:
            return None, None, None
        if entity_id in new_names:
            return None, *new_names[entity_id]
        return entity_id, None, index.entities[entity_id].type

    names = []
    for m in mentions:
        entity_id, new_name, kind = entity(m.entity_id)
        names.append({"surface": m.surface, "start": m.start, "end": m.end, "entity_id": entity_id,
                      "new_name": new_name, "type": kind, "field": m.field})
    statements = []
    for q in quotes:
        speaker_id, _, speaker_type = entity(q.speaker_entity_id)
        statements.append({"kind": q.kind, "text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker,
                           "speaker_entity_id": speaker_id, "speaker_type": speaker_type, "verb": q.verb})
    return {"names": names, "statements": statements}


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--headline", is_flag=True, help="Read each file's first line as its headline.")
def main(files: tuple[Path, ...], headline: bool) -> None:
    """Write the names and statements of each news text FILE (UTF-8) as one JSON line."""
    for path in files:
        text = path.read_text(encoding="utf-8")
        title = None
        if headline:
            title, _, text = text.partition("\n")
        sys.stdout.write(json.dumps({"file": str(path), **extract(text, title)}, ensure_ascii=False) + "\n")


class CallableModule(types.ModuleType):
    """This module, callable: `militia_news.extract(text)` is `militia_news.extract.extract(text)`, and
    `python -m militia_news.extract` runs its command."""

    def __call__(self, text: str, headline: str | None = None) -> dict[str, list[dict]]:
        return extract(text, headline)


sys.modules[__name__].__class__ = CallableModule
