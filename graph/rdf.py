"""Small helpers to write triples with the project's prefixes (pyoxigraph terms)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache

import pyoxigraph as ox

from ontology.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
# the datatypes as terms, made once: a build writes tens of thousands of typed literals
_BOOLEAN, _INTEGER, _DECIMAL, _DATETIME, _DATE = (
    ox.NamedNode(XSD + name) for name in ("boolean", "integer", "decimal", "dateTime", "date"))
_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)


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
        return ox.Literal("true" if value else "false", datatype=_BOOLEAN)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_INTEGER)
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=_DECIMAL)
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=_DATETIME)
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=_DATE)
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
        elif isinstance(obj, _TERMS):
            o = obj
        else:
            o = literal(obj, lang=lang)
        self._triples[ox.Triple(s, curie(predicate), o)] = None

    def link(self, subject: str, predicate: str, target: str | None) -> None:
        """A triple whose object is an IRI (or CURIE); None is skipped."""
        if target is not None:  # add() in short: the writer links more than it labels
            s = curie(subject) if isinstance(subject, str) else subject
            self._triples[ox.Triple(s, curie(predicate), curie(target))] = None

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)
