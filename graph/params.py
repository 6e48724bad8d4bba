"""Turning user-supplied parameter values into typed RDF terms (never query text)."""

from __future__ import annotations

import datetime as dt
import re

import pyoxigraph as ox

from graph.config import base_iri
from graph.errors import UsageError
from ontology.namespaces import PREFIXES
from queries import Param, SavedQuery

XSD = PREFIXES["xsd"]


_RELATIVE = re.compile(r"^(?:id|graph)/[A-Za-z0-9._~%/-]+$")


def to_term(param: Param, raw: str) -> ox.NamedNode | ox.Literal:
    """The typed term for one raw value. An `iri` may be written `<...>`, as a prefixed
    name (`ckg:Tank`) or as a path under the base IRI (`id/state/kyrgyzstan`), so saved
    defaults follow `KG_BASE_IRI`."""
    value = raw.strip()
    try:
        if param.kind == "iri":
            if value.startswith("<") and value.endswith(">"):
                value = value[1:-1]
            prefix, sep, local = value.partition(":")
            if sep and prefix in PREFIXES and not local.startswith("//"):
                value = PREFIXES[prefix] + local
            elif _RELATIVE.match(value):
                value = base_iri() + value
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value):
                raise ValueError("not an absolute IRI")
            return ox.NamedNode(value)
        if param.kind == "date":
            return ox.Literal(dt.date.fromisoformat(value).isoformat(),
                              datatype=ox.NamedNode(XSD + "date"))
        if param.kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        if param.kind == "decimal":
            return ox.Literal(str(float(value)), datatype=ox.NamedNode(XSD + "decimal"))
        if param.kind == "boolean":
            if value.lower() not in {"true", "false"}:
                raise ValueError("expected true or false")
            return ox.Literal(value.lower(), datatype=ox.NamedNode(XSD + "boolean"))
        return ox.Literal(value)
    except ValueError as exc:
        raise UsageError(f"parameter {param.name}: {raw!r} is not a valid {param.kind} "
                         f"({exc})") from None


def bind(query: SavedQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Typed terms for the query's parameters: given values, else declared defaults."""
    known = {p.name: p for p in query.params}
    unknown = set(given) - set(known)
    if unknown:
        listed = ", ".join(sorted(known)) or "none"
        raise UsageError(f"{query.name} has no parameter {', '.join(sorted(unknown))} "
                         f"(parameters: {listed})")
    terms: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, param in known.items():
        raw = given.get(name, param.default)
        if raw is not None:
            terms[name] = to_term(param, raw)
    return terms
