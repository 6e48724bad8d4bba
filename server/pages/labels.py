"""Names for the IRIs a page shows: every row is labelled, never a bare hash IRI.

A thing's label is its `rdfs:label` (or `skos:prefLabel`, `schema:name`,
`dcterms:title`); a statement record is named by what it states ("Kyrgyzstan member of
CSTO"); a sentence by its number; anything else by its class and the end of its IRI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from graph.classes import class_index
from ontology.namespaces import CKG, PREFIXES
from server.linked_data import curie, page_href
from server.pages.sparql import iri, select_for, value


@dataclass
class Named:
    iri: str
    label: str
    types: list[str] = field(default_factory=list)

    @property
    def href(self) -> str:
        return page_href(self.iri)

    @property
    def kind(self) -> str | None:
        return class_index().kind(self.types)

    @property
    def type_label(self) -> str:
        specific = class_index().most_specific(self.types)
        return class_index().label(specific) if specific else ""

    def link(self) -> Markup:
        return Markup('<a href="{}" title="{}">{}</a>').format(self.href, self.iri, self.label)


def _fallback(target: str, types: list[str]) -> str:
    if "/sentence/" in target:
        return "sentence " + target.rsplit("/", 1)[-1]
    specific = class_index().most_specific(types)
    if specific:
        return f"{class_index().label(specific)} {target.rsplit('/', 1)[-1]}"
    if target.startswith(CKG):
        # An individual of the vocabulary (ckg:Killed, ckg:AtLeast): its name in words.
        return predicate_label(target)
    short = curie(target)
    return short if short != target else target.rsplit("/", 1)[-1] or target


def predicate_label(predicate: str) -> str:
    """'member of' for ckg:memberOf: the property's label words."""
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    words = "".join(" " + c.lower() if c.isupper() else c for c in local).strip()
    return words if predicate.startswith((CKG, PREFIXES["rdfs"], PREFIXES["skos"])) \
        else curie(predicate)


def names(iris: Iterable[str]) -> dict[str, Named]:
    """A label for each IRI (one query for all of them, one more for statement records)."""
    wanted = [i for i in dict.fromkeys(iris) if i]
    if not wanted:
        return {}
    labels: dict[str, str] = {}
    types: dict[str, list[str]] = {i: [] for i in wanted}
    records: dict[str, tuple[str, str, str]] = {}
    for row in select_for("labels", "x", [iri(i) for i in wanted]):
        x = row["x"].value
        label = value(row, "label")
        if label:
            labels.setdefault(x, label)
        t = value(row, "type")
        if t and t not in types[x]:
            types[x].append(t)
        if "subject" in row and x not in records:
            records[x] = (row["subject"].value, row["predicate"].value, row["object"].value)
    parts = names([p for s, _, o in records.values() for p in (s, o)]) if records else {}
    out: dict[str, Named] = {}
    for x in wanted:
        label = labels.get(x)
        if label is None and x in records:
            s, p, o = records[x]
            label = " ".join((parts[s].label if s in parts else s, predicate_label(p),
                              parts[o].label if o in parts else o))
        out[x] = Named(x, label or _fallback(x, types[x]), types[x])
    return out
