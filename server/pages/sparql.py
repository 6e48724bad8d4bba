"""Running the internal page queries (`queries/pages/*.rq`) against the app's store.

Values join a query as VALUES blocks written from typed terms (`graph.store.sparql_text`),
so nothing a request carries becomes query text; paging adds LIMIT/OFFSET from integers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from graph.classes import class_index
from graph.store.base import Store, Term
from graph.store.sparql_text import bind_values, shape
from queries import internal
from server.context import store

Row = dict[str, Term]
Bound = ox.NamedNode | ox.Literal


def values_rows(var: str, terms: Iterable[Bound]) -> str:
    """`VALUES ?var { <a> <b> }` from typed terms (their N-Triples form escapes them)."""
    cells = " ".join(str(t) for t in terms)
    return f"VALUES ?{var} {{ {cells} }}"


def _with_values(text: str, block: str) -> str:
    # The block goes first in the WHERE group, like bind_values does for one row.
    at = shape(text).body_start
    brace = text.index("{", at)
    return text[:brace + 1] + " " + block + " " + text[brace + 1:]


def event_classes_block() -> str:
    """`VALUES ?eventClass { ... }`: every event class of the ontology. The store holds no
    ontology, and data may type an event by its class alone (ckg:Shelling, not also
    ckg:Event), so queries that need "an event" join this block."""
    return values_rows("eventClass", (ox.NamedNode(c) for c in class_index().subclasses("Event")))


def _text(name: str) -> str:
    text = internal(name if "/" in name else f"pages/{name}")
    if "?eventClass" in text:
        text = _with_values(text, event_classes_block())
    return text


def select(name: str, bindings: Mapping[str, Bound] | None = None, *,
           limit: int | None = None, offset: int = 0, source: Store | None = None,
           ) -> list[Row]:
    """Rows of the internal query `pages/NAME` (or `exports/NAME`) with `bindings` joined."""
    text = _text(name)
    if bindings:
        text = bind_values(text, shape(text), dict(bindings))
    if limit is not None:
        text += f"\nLIMIT {int(limit)} OFFSET {int(offset)}"
    return list((source or store()).query(text).rows())


def select_for(name: str, var: str, terms: Iterable[Bound], *, limit: int | None = None,
               offset: int = 0, source: Store | None = None) -> list[Row]:
    """Rows of `NAME` for every term of `terms` bound to `?var` (one query, VALUES)."""
    terms = list(dict.fromkeys(terms))
    if not terms:
        return []
    text = _with_values(_text(name), values_rows(var, terms))
    if limit is not None:
        text += f"\nLIMIT {int(limit)} OFFSET {int(offset)}"
    return list((source or store()).query(text).rows())


def value(row: Row, key: str) -> str | None:
    term = row.get(key)
    return term.value if term is not None else None


def iri(value_: str) -> ox.NamedNode:
    return ox.NamedNode(value_)
