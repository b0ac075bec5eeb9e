"""Curated reference data from seeds/*.yml: the blog's labels and the outlets with their signals."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError
from .text import fold

BOILERPLATE_WEIGHT = 10  # a republisher's boilerplate names the page it was copied from


@dataclass(frozen=True)
class Signal:
    pattern: re.Pattern[str]
    role: str  # "source" or "page"
    weight: int
    note: str


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    signals: tuple[Signal, ...]
    boilerplate: tuple[re.Pattern[str], ...]
    carries_wire_copy: bool

    @property
    def is_aggregator(self) -> bool:
        return self.kind == "aggregator"

    @property
    def is_wire(self) -> bool:
        return self.kind == "wire agency"


@dataclass(frozen=True)
class Reference:
    labels: re.Pattern[str]
    outlets: dict[str, Outlet]
    outlet_by_alias: dict[str, str]
    alias_pattern: str  # a regex matching any outlet alias, the longest first
    places: frozenset[str]  # folded names of listed places: they open datelines and are never names
    house_formats: tuple[tuple[str, Signal], ...]  # (outlet id, signal): every signal, boilerplate as one
    any_boilerplate: re.Pattern[str]  # every outlet's republisher boilerplate


def load_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except FileNotFoundError:
        raise BuildError(str(path), "reference file not found") from None
    except yaml.YAMLError as e:
        line = e.problem_mark.line + 1 if getattr(e, "problem_mark", None) else None
        raise BuildError(str(path), f"not valid YAML: {getattr(e, 'problem', e)}", line) from None
    if not isinstance(data, dict):
        raise BuildError(str(path), "expected a mapping at the top level", 1)
    return data


def compile_pattern(path: Path, pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise BuildError(str(path), f"{where}: bad regular expression {pattern!r}: {e}") from None


def load_labels(path: Path) -> re.Pattern[str]:
    entries = load_yaml(path).get("labels") or []
    patterns = [entry["pattern"] for entry in entries]
    for pattern in patterns:
        compile_pattern(path, pattern, "label")
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def load_outlets(path: Path) -> dict[str, Outlet]:
    outlets = {}
    for entry in load_yaml(path).get("outlets") or []:
        outlet_id = entry["id"]
        if outlet_id in outlets:
            raise BuildError(str(path), f"outlet {outlet_id!r} is listed twice")
        signals = tuple(
            Signal(
                compile_pattern(path, s["pattern"], outlet_id),
                s.get("role", "source"),
                int(s.get("weight", 5)),
                s.get("note", ""),
            )
            for s in entry.get("signals") or []
        )
        boilerplate = tuple(compile_pattern(path, p, outlet_id) for p in entry.get("boilerplate") or [])
        aliases = tuple(dict.fromkeys([entry["name"], *(entry.get("aliases") or [])]))
        outlets[outlet_id] = Outlet(
            outlet_id,
            entry["name"],
            entry.get("kind", "news site"),
            entry.get("country"),
            aliases,
            signals,
            boilerplate,
            bool(entry.get("carries_wire_copy", False)),
        )
    return outlets


def house_formats(outlets: dict[str, Outlet]) -> tuple[tuple[str, Signal], ...]:
    """Every outlet's signals, and its boilerplate as one page signal. Searched one by one: an alternation
    of them all is slower, as it tries every unanchored pattern at every position of a line."""
    found = []
    for outlet in outlets.values():
        found += [(outlet.id, signal) for signal in outlet.signals]
        if outlet.boilerplate:
            pattern = any_of([p.pattern for p in outlet.boilerplate])
            found.append((outlet.id, Signal(pattern, "page", BOILERPLATE_WEIGHT, "republisher boilerplate")))
    return tuple(found)


def alias_alternation(aliases: Iterable[str]) -> str:
    """A regex matching any of the aliases, the longest first, written as a trie ("A(?:FP|P|l Jazeera)") so
    that a position of a text is rejected on its first letter instead of being tried against every alias."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of an alias
    return _trie_pattern(trie) if trie else "(?!)"


def _trie_pattern(node: dict) -> str:
    """One trie node: its longer continuations first, its end last, so the longest alias wins."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return f"(?:{'|'.join(branches)})"


def load_reference(seeds_dir: Path) -> Reference:
    outlets = load_outlets(seeds_dir / "outlets.yml")
    by_alias: dict[str, str] = {}
    for outlet in outlets.values():
        for alias in outlet.aliases:
            if by_alias.setdefault(alias, outlet.id) != outlet.id:
                raise BuildError(str(seeds_dir / "outlets.yml"), f"alias {alias!r} names both {by_alias[alias]!r} and {outlet.id!r}")
    places = frozenset(fold(p) for p in load_yaml(seeds_dir / "places.yml").get("places") or [])
    boilerplate = [p.pattern for o in outlets.values() for p in o.boilerplate]
    return Reference(load_labels(seeds_dir / "labels.yml"), outlets, by_alias, alias_alternation(by_alias), places,
                     house_formats(outlets), any_of(boilerplate))


def any_of(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` does (none: never)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")
