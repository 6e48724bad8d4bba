"""Reading just enough of a SPARQL query's text to send it to a remote store: its form
(SELECT, ASK, CONSTRUCT, DESCRIBE), the prefixes it declares, and where its WHERE group
opens, so our prefixes can be prepended and parameters bound with a VALUES block.

A remote store cannot take pyoxigraph `substitutions`; the VALUES block is built from
typed terms (N-Triples syntax, which SPARQL accepts), never from user text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import InputError, QuerySyntaxError
from graph.sparql_lex import Token, tokens

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

_VARNAME = re.compile(r"^\w+$")


@dataclass(frozen=True)
class QueryShape:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    declared: frozenset[str]  # prefix names declared in the prologue
    body_start: int  # offset of the first token after the prologue

    @property
    def kind(self) -> str:
        """The result kind as the store layer names it."""
        return {"SELECT": "solutions", "ASK": "boolean"}.get(self.form, "graph")


def shape(sparql: str) -> QueryShape:
    """Form and declared prefixes of a query, skipping its prologue and comments."""
    declared: set[str] = set()
    stream = tokens(sparql)
    for token in stream:
        word = token.text.upper()
        if word == "BASE":
            next(stream, None)
            continue
        if word == "PREFIX":
            name = next(stream, None)
            next(stream, None)  # the namespace IRI
            if name is not None:
                declared.add(name.text.rstrip(":"))
            continue
        if word in FORMS:
            return QueryShape(word, frozenset(declared), token.start)
        if word in {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE",
                    "COPY", "WITH"}:
            raise InputError("this is a SPARQL update, not a query: send it as an update")
        break
    raise QuerySyntaxError("SPARQL syntax error: expected SELECT, ASK, CONSTRUCT or "
                           "DESCRIBE after the prologue")


def with_prefixes(sparql: str, query_shape: QueryShape, prefixes: Mapping[str, str]) -> str:
    """The query with PREFIX lines for the given prefixes it uses but does not declare."""
    used = {t.text.split(":", 1)[0] for t in tokens(sparql[query_shape.body_start:])
            if t.kind == "pname"}
    missing = [p for p in prefixes if p in used and p not in query_shape.declared]
    # On the first line, so the line numbers in a store's error messages stay right.
    head = "".join(f"PREFIX {p}: <{prefixes[p]}> " for p in missing)
    return head + sparql


def values_block(substitutions: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """`VALUES (?a ?b) { (<x> "y") }` from typed terms: the text is the terms' N-Triples
    form, which escapes anything a literal may hold."""
    names, cells = [], []
    for name, term in substitutions.items():
        if not _VARNAME.match(name):
            raise InputError(f"{name!r} is not a SPARQL variable name")
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise InputError(f"parameter {name}: only IRIs and literals can be bound, "
                             f"not {type(term).__name__}")
        names.append(f"?{name}")
        cells.append(str(term))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(cells)}) }}"


def bind_values(sparql: str, query_shape: QueryShape,
                substitutions: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES block first in its WHERE group, so the values join the
    pattern before OPTIONAL, FILTER, GROUP BY or projection see it (a trailing VALUES
    would only join after aggregation)."""
    if not substitutions:
        return sparql
    block = values_block(substitutions)
    body = list(tokens(sparql[query_shape.body_start:]))
    offset = query_shape.body_start
    groups = _top_level_groups(body)
    if query_shape.form == "CONSTRUCT" and body[1:2] and body[1].text == "{":
        groups = groups[1:]  # the first group is the template
    elif query_shape.form == "CONSTRUCT" and groups:
        # Short form `CONSTRUCT WHERE { T }`: spell out the template so the pattern can
        # hold the VALUES block.
        open_, close = groups[0]
        template = sparql[offset + body[open_].start:offset + body[close].end]
        where = next(t for t in body if t.text.upper() == "WHERE")
        at = offset + where.start
        sparql = sparql[:at] + template + " " + sparql[at:]
        offset += len(template) + 1
    if not groups:
        raise InputError("parameters can only be bound in a query with a WHERE clause")
    open_brace = body[groups[0][0]]
    at = offset + open_brace.end
    return sparql[:at] + " " + block + " " + sparql[at:]


def _top_level_groups(body: list[Token]) -> list[tuple[int, int]]:
    """Index pairs of the `{`…`}` groups that are not nested in braces or parentheses
    (a SELECT expression may hold `EXISTS { … }`)."""
    groups: list[tuple[int, int]] = []
    depth = parens = 0
    opened = -1
    for i, token in enumerate(body):
        if token.kind not in {"open", "close"}:
            continue
        if token.text == "(" and depth == 0:
            parens += 1
        elif token.text == ")" and depth == 0:
            parens -= 1
        elif token.text == "{":
            if depth == 0 and parens == 0:
                opened = i
            depth += 1
        elif token.text == "}":
            depth -= 1
            if depth == 0 and opened >= 0:
                groups.append((opened, i))
                opened = -1
    return groups


# The parameters of a paged saved query: SPARQL cannot bind a LIMIT or an OFFSET to a
# variable, so these two become the query's solution modifiers instead of VALUES.
PAGE_PARAMS = ("limit", "offset")


def paged(sparql: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal]
          ) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
    """A saved query that declares `limit` (and `offset`) answers one page: `LIMIT n
    OFFSET m` is appended, written from the typed integers (never from user text), and the
    two leave the values to bind. Any other query comes back unchanged."""
    rest = dict(substitutions)
    if "limit" not in rest:
        return sparql, rest
    limit = _count(rest.pop("limit"), "limit")
    offset = _count(rest.pop("offset"), "offset") if "offset" in rest else 0
    if limit < 1:
        raise InputError("parameter limit: give a number of rows from 1")
    return f"{sparql.rstrip()}\nLIMIT {limit} OFFSET {offset}\n", rest


def _count(term: ox.NamedNode | ox.Literal, name: str) -> int:
    if not isinstance(term, ox.Literal) or term.datatype.value != XSD_INTEGER:
        raise InputError(f"parameter {name}: expected an integer")
    value = int(term.value)
    if value < 0:
        raise InputError(f"parameter {name}: {value} is negative; give a number from 0")
    return value


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
