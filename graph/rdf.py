"""Small helpers to write triples with the project's prefixes (pyoxigraph terms)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache

import pyoxigraph as ox

from ontology.namespaces import PREFIXES

XSD = PREFIXES["xsd"]


@lru_cache(maxsize=65536)
def curie(name: str) -> ox.NamedNode:
    """`ckg:Article` -> NamedNode; full IRIs pass through. (Cached: the writer names the
    same predicates and classes tens of thousands of times per build.)"""
    if name.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(name)
    prefix, _, local = name.partition(":")
    return ox.NamedNode(PREFIXES[prefix] + local)


def literal(value: object, *, lang: str | None = None) -> ox.Literal:
    """A typed literal for Python values (str, int, float, bool, date, datetime)."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if lang:
        return ox.Literal(str(value), language=lang)
    return ox.Literal(str(value))


class TripleSink:
    """Collects the triples of one named graph, without duplicates, in insertion order."""

    def __init__(self) -> None:
        self._triples: dict[ox.Triple, None] = {}

    def add(self, subject: str | ox.NamedNode | ox.BlankNode, predicate: str,
            obj: object, *, lang: str | None = None) -> None:
        if obj is None:
            return
        s = curie(subject) if isinstance(subject, str) else subject
        o: ox.NamedNode | ox.BlankNode | ox.Literal
        if isinstance(obj, str):  # the common case first: a label, a text, a class
            o = curie(obj) if predicate == "rdf:type" else (
                ox.Literal(obj, language=lang) if lang else ox.Literal(obj))
        elif isinstance(obj, ox.NamedNode | ox.BlankNode | ox.Literal):
            o = obj
        else:
            o = literal(obj, lang=lang)
        self._triples[ox.Triple(s, curie(predicate), o)] = None

    def link(self, subject: str, predicate: str, target: str | None) -> None:
        """A triple whose object is an IRI (or CURIE); None is skipped."""
        if target is not None:
            self.add(subject, predicate, curie(target))

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)
