"""Curated reference data from seeds/*.yml: the blog's labels and the outlets with their signals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError
from .text import fold


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
    alias_pattern: str  # a regex alternation of every outlet alias, longest first
    places: frozenset[str]  # folded names of places that open datelines
    any_house_format: re.Pattern[str]  # every outlet's signals and boilerplate: most lines match none
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


def load_reference(seeds_dir: Path) -> Reference:
    outlets = load_outlets(seeds_dir / "outlets.yml")
    by_alias = {alias: outlet.id for outlet in outlets.values() for alias in outlet.aliases}
    alternation = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    places = frozenset(fold(p) for p in load_yaml(seeds_dir / "places.yml").get("places") or [])
    signals = [s.pattern.pattern for o in outlets.values() for s in o.signals]
    boilerplate = [p.pattern for o in outlets.values() for p in o.boilerplate]
    return Reference(load_labels(seeds_dir / "labels.yml"), outlets, by_alias, alternation, places,
                     any_of(signals + boilerplate), any_of(boilerplate))


def any_of(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` does (none: never)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")
