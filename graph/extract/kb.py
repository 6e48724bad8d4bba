"""The curated reference knowledge base (`graph/kb/*.ttl`): entities with labels, aliases,
demonyms, Wikidata links, and the state each acts for or lies in.

The Turtle files use IRIs relative to `{base}id/`, so the same files serve any
`KG_BASE_IRI`. The base is parsed once per process and per base."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from graph.errors import InputError
from graph.extract.namekey import MIN_KEYED, name_key
from graph.extract.rules import alternation
from ontology.namespaces import PREFIXES

CKG = PREFIXES["ckg"]
RDF_TYPE = PREFIXES["rdf"] + "type"
LABELS = (PREFIXES["skos"] + "prefLabel", PREFIXES["rdfs"] + "label")
ALT = PREFIXES["skos"] + "altLabel"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
SCHEMA = "https://schema.org/"


@dataclass(eq=False)  # identity: one object per IRI per process/article
class Entity:
    """An entity the extractor can link a mention to: from the base, or minted from text."""

    iri: str
    label: str
    classes: set[str]  # ontology class local names
    state: str | None = None  # IRI of the state it is, acts for, or lies in
    aliases: set[str] = field(default_factory=set)
    demonyms: list[str] = field(default_factory=list)
    in_kb: bool = True
    rule: str = "kb.link"
    # WGS84 coordinates and ISO 3166-1 country, for places the gazetteer locates
    lat: float | None = None
    lon: float | None = None
    country: str = ""
    # the day the entity began to act for its state (schema:startDate in the base: "the
    # Taliban" govern Afghanistan from August 2021; before, they fought its government)
    since: dt.date | None = None

    def acts_on(self, day: dt.date) -> bool:
        """Whether the entity acts for its state on `day`."""
        return self.since is None or day >= self.since

    def is_a(self, *names: str) -> bool:
        return bool(self.classes.intersection(names))

    @property
    def is_state(self) -> bool:
        return "State" in self.classes

    @property
    def is_place(self) -> bool:
        return bool(self.classes & PLACE_CLASSES) or self.is_state

    @property
    def is_actor(self) -> bool:
        return bool(self.classes & ACTOR_CLASSES)


PLACE_CLASSES = {"Country", "Region", "District", "City", "Village", "Exclave", "BorderArea",
                 "BorderCrossing", "Outpost", "Facility", "MilitaryBase", "School", "Place"}
ACTOR_CLASSES = {"State", "Organization", "Alliance", "StateBody", "BorderGuardService",
                 "SecurityService", "Ministry", "Government", "LocalAuthority", "Person",
                 "ArmedForce", "Population"}


@dataclass
class KnowledgeBase:
    """The parsed base: entities by IRI, and the indexes the recogniser needs."""

    entities: dict[str, Entity]
    triples: list[ox.Triple]
    names: dict[str, Entity]  # surface form (exact case) -> entity
    demonyms: dict[str, Entity]  # demonym (exact case) -> state
    name_regex: re.Pattern[str]
    demonym_regex: re.Pattern[str]
    # spelling-insensitive keys (graph/extract/namekey.py) of names of MIN_KEYED letters
    # or more, kept only when one entity has the key: "Rahmon" finds "Emomali Rakhmon"
    keys: dict[str, Entity] = field(default_factory=dict)

    def by_key(self, name: str) -> Entity | None:
        """The base entity a spelling variant names ("Tashiyev" -> Kamchybek Tashiev)."""
        if len(name) < MIN_KEYED:
            return None
        return self.keys.get(name_key(name))

    def by_label(self, label: str) -> Entity | None:
        return self.names.get(label)

    def state_named(self, name: str) -> Entity | None:
        entity = self.names.get(name)
        return entity if entity and entity.is_state else None

    def body_of(self, state: str, cls: str, day: dt.date | None = None) -> Entity | None:
        """The base's body of class `cls` acting for `state` (on `day`), if exactly one."""
        found = [e for e in self.entities.values() if cls in e.classes and e.state == state
                 and (day is None or e.acts_on(day))]
        return found[0] if len(found) == 1 else None


def kb_dir() -> Path:
    return Path(str(resources.files("graph"))) / "kb"


def _names_regex(names: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    body = alternation([(n[:1], re.escape(n).replace(r"\ ", r"[\s\-]+")) for n in ordered])
    # a name may follow a hyphen ("the Kyrgyzstan-Tajikistan border"), not a letter
    return re.compile(r"(?<![\w])" + body + r"(?![\w])")


@lru_cache(maxsize=4)
def load_kb(base: str) -> KnowledgeBase:
    """Parse every Turtle file of the base against `{base}id/`."""
    triples: list[ox.Triple] = []
    for path in sorted(kb_dir().glob("*.ttl")):
        try:
            triples.extend(ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(
                path=str(path), format=ox.RdfFormat.TURTLE, base_iri=f"{base}id/"))
        except SyntaxError as exc:
            raise InputError(f"reference base {path.name}: {exc}") from None
    props: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = {}
    for t in triples:
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode | ox.Literal):
            props.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    entities: dict[str, Entity] = {}
    for iri, p in props.items():
        classes = {o.value.removeprefix(CKG) for o in p.get(RDF_TYPE, [])
                   if o.value.startswith(CKG)}
        label = next((o.value for key in LABELS for o in p.get(key, [])), iri.rsplit("/", 1)[-1])
        state = None
        if "State" in classes:
            state = iri
        else:
            for key in ("forceOf", "actsFor", "inState"):
                if p.get(CKG + key):
                    state = p[CKG + key][0].value
                    break
        entities[iri] = Entity(
            iri=iri, label=label, classes=classes, state=state,
            aliases={o.value for key in (*LABELS, ALT) for o in p.get(key, [])},
            demonyms=[o.value for o in p.get(CKG + "demonym", [])],
            lat=_number(p.get(GEO + "lat")), lon=_number(p.get(GEO + "long")),
            since=_date(p.get(SCHEMA + "startDate")),
        )
    names: dict[str, Entity] = {}
    demonyms: dict[str, Entity] = {}
    for entity in sorted(entities.values(), key=lambda e: e.iri):
        for alias in entity.aliases:
            names.setdefault(re.sub(r"\s+", " ", alias), entity)
        for dem in entity.demonyms:
            demonyms.setdefault(dem, entity)
    keys: dict[str, Entity | None] = {}
    for surface, entity in names.items():
        if len(surface) >= MIN_KEYED and surface not in demonyms:
            key = name_key(surface)
            keys[key] = entity if keys.get(key, entity) is entity else None
    return KnowledgeBase(entities, triples, names, demonyms, _names_regex(list(names)),
                         _names_regex(list(demonyms)),
                         {k: e for k, e in keys.items() if e is not None})


def _date(values: list[ox.NamedNode | ox.Literal] | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(values[0].value) if values else None
    except ValueError:
        return None


def _number(values: list[ox.NamedNode | ox.Literal] | None) -> float | None:
    try:
        return float(values[0].value) if values else None
    except ValueError:
        return None
