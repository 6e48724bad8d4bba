"""Reading a query's form and binding values into it, on the text alone."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.errors import InputError, QuerySyntaxError
from graph.store.sparql_text import bind_values, shape, with_prefixes

IRI = ox.NamedNode("https://example.org/a")


@pytest.mark.parametrize(("sparql", "form"), [
    ("select * { ?s ?p ?o }", "SELECT"),
    ("# CONSTRUCT in a comment\nASK {}", "ASK"),
    ("BASE <http://x/> PREFIX a: <http://a/> PREFIX : <http://b/>\nDESCRIBE <x>", "DESCRIBE"),
    ("PREFIX select: <http://s/> CONSTRUCT WHERE { ?s select:p ?o }", "CONSTRUCT"),
])
def test_shape_skips_prologue_and_comments(sparql, form) -> None:
    assert shape(sparql).form == form


def test_updates_and_garbage_are_refused() -> None:
    with pytest.raises(InputError, match="update"):
        shape("PREFIX a: <http://a/> DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QuerySyntaxError):
        shape("hello")


def test_prefixes_added_only_when_used_and_undeclared() -> None:
    sparql = "PREFIX ckg: <http://mine/> SELECT * { ?s ckg:p ?o ; rdfs:label ?l }"
    text = with_prefixes(sparql, shape(sparql), {"ckg": "http://ours/", "rdfs": "http://r/",
                                                 "owl": "http://o/"})
    assert text == "PREFIX rdfs: <http://r/> " + sparql


def _run(sparql: str, **subs) -> list:
    store = ox.Store()
    store.add(ox.Quad(IRI, IRI, ox.Literal("x"), ox.DefaultGraph()))
    result = store.query(bind_values(sparql, shape(sparql), subs))
    return list(result) if not isinstance(result, ox.QueryBoolean) else [bool(result)]


@pytest.mark.parametrize("sparql", [
    "SELECT ?s (EXISTS { ?s ?p ?o } AS ?e) WHERE { ?s ?p ?o FILTER(1 < 2 && 3 > 2) }",
    "SELECT * # { a brace in a comment\n WHERE { ?s ?p ?o FILTER(?o != '}{') } ",
    "SELECT * { ?s ?p ?o . FILTER(STR(?o) != \"\"\"{\"\"\") }",
])
def test_values_go_into_the_where_group(sparql) -> None:
    assert len(_run(sparql, s=IRI)) == 1
    assert _run(sparql, s=ox.NamedNode("https://example.org/other")) == []


def test_construct_forms() -> None:
    assert len(_run("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", s=IRI)) == 1
    assert len(_run("CONSTRUCT WHERE { ?s ?p ?o }", s=IRI)) == 1
    assert _run("CONSTRUCT WHERE { ?s ?p ?o }", s=ox.NamedNode("https://example.org/b")) == []


def test_only_terms_can_be_bound() -> None:
    sparql = "ASK { ?s ?p ?o }"
    with pytest.raises(InputError, match="variable name"):
        bind_values(sparql, shape(sparql), {"s } DROP ALL {": IRI})
    with pytest.raises(InputError, match="only IRIs and literals"):
        bind_values(sparql, shape(sparql), {"s": ox.BlankNode()})
    with pytest.raises(InputError, match="WHERE"):
        bind_values("DESCRIBE ?s", shape("DESCRIBE ?s"), {"s": IRI})
