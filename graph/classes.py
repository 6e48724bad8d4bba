"""The ontology's classes as the pages and tables need them: label, superclasses, and the
ACLED and CAMEO annotations of event classes. Read from `ontology/*.ttl` on first use (no
work at import time) and kept for the process: the ontology changes only with a release."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from ontology.namespaces import CKG, PREFIXES, ontology_files

_CLASSES = """
SELECT ?class ?label ?parent ?acled ?cameo WHERE {
  ?class a owl:Class . FILTER(isIRI(?class))
  OPTIONAL { ?class rdfs:label ?label FILTER(LANG(?label) = "en" || LANG(?label) = "") }
  OPTIONAL { ?class rdfs:subClassOf ?parent FILTER(isIRI(?parent)) }
  OPTIONAL { ?class ckg:acledEventType ?acled }
  OPTIONAL { ?class ckg:cameoCode ?cameo }
}"""

# What a thing is, for grouping counts and choosing the page layout.
KINDS = ("Event", "Claim", "CasualtyFigure", "Actor", "Place", "TimeExpression")


@dataclass
class ClassInfo:
    iri: str
    label: str
    parents: set[str] = field(default_factory=set)
    acled: list[str] = field(default_factory=list)
    cameo: list[str] = field(default_factory=list)


@dataclass
class ClassIndex:
    classes: dict[str, ClassInfo]

    def ancestors(self, iri: str) -> set[str]:
        """`iri` and every class above it."""
        seen: set[str] = set()
        todo = [iri]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            info = self.classes.get(current)
            if info:
                todo.extend(info.parents)
        return seen

    def is_a(self, iri: str, kind: str) -> bool:
        return CKG + kind in self.ancestors(iri)

    def kind(self, types: list[str] | set[str]) -> str | None:
        """The first of KINDS that one of `types` falls under."""
        for kind in KINDS:
            if any(self.is_a(t, kind) for t in types):
                return kind
        return None

    def label(self, iri: str) -> str:
        info = self.classes.get(iri)
        if info and info.label:
            return info.label
        return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def most_specific(self, types: list[str] | set[str]) -> str | None:
        """Of `types`, one that no other of them is a subclass of (ours first)."""
        ours = [t for t in types if t.startswith(CKG)] or list(types)
        for t in sorted(ours):
            if not any(o != t and t in self.ancestors(o) for o in ours):
                return t
        return None

    def acled_type(self, iri: str) -> tuple[str, str]:
        """(event type, sub-type) from the class's `ckg:acledEventType` ("Battles / Armed
        clash"), looking up the hierarchy; empty strings when there is none."""
        for cls in [iri, *sorted(self.ancestors(iri) - {iri})]:
            info = self.classes.get(cls)
            if info and info.acled:
                first = sorted(info.acled)[0]
                kind, _, sub = first.partition(" / ")
                return kind.strip(), sub.strip()
        return "", ""

    def cameo(self, iri: str) -> list[str]:
        info = self.classes.get(iri)
        return sorted(info.cameo) if info else []

    def subclasses(self, kind: str) -> list[str]:
        """Every class under ckg:`kind`, itself included, sorted by label."""
        found = [c for c in self.classes if self.is_a(c, kind)]
        return sorted(found, key=self.label)


@lru_cache(maxsize=1)
def class_index() -> ClassIndex:
    """The index of `ontology/*.ttl`."""
    store = ox.Store()
    for path in ontology_files():
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    classes: dict[str, ClassInfo] = {}
    for row in store.query(_CLASSES, prefixes=PREFIXES):  # type: ignore[union-attr]
        iri = row["class"].value
        info = classes.setdefault(iri, ClassInfo(iri, ""))
        if row["label"] is not None and not info.label:
            info.label = row["label"].value
        if row["parent"] is not None:
            info.parents.add(row["parent"].value)
        if row["acled"] is not None and row["acled"].value not in info.acled:
            info.acled.append(row["acled"].value)
        if row["cameo"] is not None and row["cameo"].value not in info.cameo:
            info.cameo.append(row["cameo"].value)
    return ClassIndex(classes)
