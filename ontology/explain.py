"""Find the individuals behind an inconsistency. HermiT only says "inconsistent", so:
first suspect the usual causes (an individual in two disjoint classes, a functional
property with two values, a literal outside a property's datatype) and confirm each
suspect by reasoning over it alone; otherwise bisect the individuals of the data."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ontology.findings import ERROR, Finding, short
from ontology.reason import reasoner_input, run_hermit

# Datatypes whose values also belong to a wider range (xsd:integer values are decimals).
_WIDER = {XSD.integer: {XSD.decimal}, XSD.nonNegativeInteger: {XSD.integer, XSD.decimal},
          XSD.string: {RDF.PlainLiteral}, RDF.langString: {RDF.PlainLiteral}}


@dataclass(frozen=True)
class Suspect:
    subjects: tuple[URIRef | BNode, ...]
    message: str


def explain_inconsistency(vocabulary: Graph, data: Graph, *, budget: float = 60.0) -> list[Finding]:
    """Findings naming the individuals and terms that make vocabulary + data inconsistent."""
    deadline = time.monotonic() + budget
    groups = subject_groups(data)
    for suspect in suspects(vocabulary, data):
        if time.monotonic() > deadline:
            break
        if not _consistent(vocabulary, groups, suspect.subjects):
            return [Finding(ERROR, "reason", "inconsistent-data",
                            f"the data is inconsistent with the ontology: {suspect.message}",
                            str(suspect.subjects[0]),
                            detail={"individuals": " ".join(str(s) for s in suspect.subjects)})]
    culprits = _bisect(vocabulary, groups, sorted(groups, key=str), deadline)
    names = ", ".join(short(str(s)) for s in culprits[:10])
    more = f" and {len(culprits) - 10} more" if len(culprits) > 10 else ""
    return [Finding(ERROR, "reason", "inconsistent-data",
                    "the data is inconsistent with the ontology; the contradiction involves "
                    f"{len(culprits)} individual(s): {names}{more}. Compare their types and "
                    "property values with the ontology's disjointness, functional properties "
                    "and ranges",
                    str(culprits[0]) if culprits else None,
                    detail={"individuals": " ".join(str(s) for s in culprits)})]


def subject_groups(data: Graph) -> dict[URIRef | BNode, Graph]:
    """Each subject's triples plus the types of the nodes it points to (their context)."""
    groups: dict[URIRef | BNode, Graph] = defaultdict(Graph)
    for s, p, o in data:
        if not isinstance(s, URIRef | BNode):
            continue
        groups[s].add((s, p, o))
        if isinstance(o, URIRef | BNode):
            for t in data.objects(o, RDF.type):
                groups[s].add((o, RDF.type, t))
    return dict(groups)


def _consistent(vocabulary: Graph, groups: dict[URIRef | BNode, Graph],
                subjects: tuple[URIRef | BNode, ...] | list[URIRef | BNode]) -> bool:
    part = Graph()
    for subject in subjects:
        if subject in groups:
            part += groups[subject]
    return run_hermit(reasoner_input(vocabulary, part)).consistent


def _bisect(vocabulary: Graph, groups: dict[URIRef | BNode, Graph],
            subjects: list[URIRef | BNode], deadline: float) -> list[URIRef | BNode]:
    """Halve the individuals while one half alone is still inconsistent."""
    current = subjects
    while len(current) > 1 and time.monotonic() < deadline:
        half = len(current) // 2
        first, second = current[:half], current[half:]
        if not _consistent(vocabulary, groups, first):
            current = first
        elif not _consistent(vocabulary, groups, second):
            current = second
        else:
            break  # the contradiction needs individuals from both halves
    return current


def suspects(vocabulary: Graph, data: Graph) -> Iterator[Suspect]:
    """Likely causes, cheapest to confirm first."""
    yield from _disjoint_types(vocabulary, data)
    yield from _functional_clashes(vocabulary, data)
    yield from _datatype_clashes(vocabulary, data)


def _superclasses(vocabulary: Graph) -> dict[URIRef, set[URIRef]]:
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for child, parent in vocabulary.subject_objects(RDFS.subClassOf):
        if isinstance(child, URIRef) and isinstance(parent, URIRef):
            parents[child].add(parent)
    closure: dict[URIRef, set[URIRef]] = {}

    def up(cls: URIRef) -> set[URIRef]:
        if cls not in closure:
            closure[cls] = {cls}
            for parent in parents.get(cls, ()):
                closure[cls] |= up(parent)
        return closure[cls]

    for cls in list(parents):
        up(cls)
    return defaultdict(set, closure)


def _disjoint_pairs(vocabulary: Graph) -> set[frozenset[URIRef]]:
    pairs: set[frozenset[URIRef]] = set()
    for a, b in vocabulary.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            pairs.add(frozenset((a, b)))
    for node in vocabulary.subjects(RDF.type, OWL.AllDisjointClasses):
        members = vocabulary.value(node, OWL.members)
        if members is None:
            continue
        items = [m for m in Collection(vocabulary, members) if isinstance(m, URIRef)]
        pairs |= {frozenset((a, b)) for i, a in enumerate(items) for b in items[i + 1:]}
    return pairs


def _disjoint_types(vocabulary: Graph, data: Graph) -> Iterator[Suspect]:
    supers = _superclasses(vocabulary)
    pairs = _disjoint_pairs(vocabulary)
    domains = {p: d for p, d in vocabulary.subject_objects(RDFS.domain) if isinstance(d, URIRef)}
    ranges = {p: r for p, r in vocabulary.subject_objects(RDFS.range) if isinstance(r, URIRef)}
    why: dict[object, dict[URIRef, str]] = defaultdict(dict)
    for s, p, o in data:
        if p == RDF.type and isinstance(o, URIRef):
            why[s].setdefault(o, f"typed {short(str(o))}")
        if p in domains:
            why[s].setdefault(domains[p], f"subject of {short(str(p))}")
        if p in ranges and isinstance(o, URIRef | BNode):
            why[o].setdefault(ranges[p], f"object of {short(str(p))}")
    for individual, reasons in why.items():
        if not isinstance(individual, URIRef | BNode):
            continue
        closure: dict[URIRef, str] = {}
        for cls, reason in reasons.items():
            for sup in supers.get(cls, {cls}) | {cls}:
                closure.setdefault(sup, reason)
        for pair in pairs:
            a, b = sorted(pair, key=str)
            if a in closure and b in closure:
                yield Suspect((individual,), (
                    f"{short(str(individual))} would be both {short(str(a))} "
                    f"({closure[a]}) and {short(str(b))} ({closure[b]}), which are disjoint"))


def _functional_clashes(vocabulary: Graph, data: Graph) -> Iterator[Suspect]:
    for prop in vocabulary.subjects(RDF.type, OWL.FunctionalProperty):
        values: dict[object, set[object]] = defaultdict(set)
        for s, o in data.subject_objects(prop):
            values[s].add(o)
        for subject, objects in values.items():
            if len(objects) > 1 and isinstance(subject, URIRef | BNode):
                shown = ", ".join(short(str(v)) for v in sorted(objects, key=str))
                involved = (subject, *(v for v in objects if isinstance(v, URIRef | BNode)))
                yield Suspect(involved, (
                    f"{short(str(subject))} has {len(objects)} values for the functional "
                    f"property {short(str(prop))}: {shown}"))


def _datatype_clashes(vocabulary: Graph, data: Graph) -> Iterator[Suspect]:
    for prop, rng in vocabulary.subject_objects(RDFS.range):
        if not (isinstance(rng, URIRef) and str(rng).startswith((str(XSD), str(RDF)))):
            continue
        for s, o in data.subject_objects(prop):
            if not isinstance(o, Literal) or not isinstance(s, URIRef | BNode):
                continue
            datatype = o.datatype or (RDF.langString if o.language else XSD.string)
            if datatype != rng and rng not in _WIDER.get(datatype, set()):
                yield Suspect((s,), (
                    f"{short(str(s))} has {short(str(prop))} \"{o}\" of type "
                    f"{short(str(datatype))}, outside the range {short(str(rng))}"))
