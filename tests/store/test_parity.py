"""The same questions to the embedded store and to a remote one give the same answers."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from graph.errors import QuerySyntaxError, StoreError
from graph.store import Dataset
from graph.store.formats import by_name
from ontology.namespaces import PREFIXES

CKG = PREFIXES["ckg"]
DCT = PREFIXES["dcterms"]
ARTICLE = "https://w3id.org/conflict-kg/id/article/2022-09-16_ceasefire-agreed"
GRAPH = "https://w3id.org/conflict-kg/graph/2022-09-16_ceasefire-agreed"

TITLES = "SELECT ?a ?t WHERE { ?a a ckg:Article ; dcterms:title ?t } ORDER BY ?a"


def _rows(result) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.items()} for row in result.rows()]


def test_select_uses_predeclared_prefixes(any_store) -> None:
    rows = _rows(any_store.query(TITLES))
    assert [r["a"] for r in rows] == sorted(r["a"] for r in rows)
    assert f"<{ARTICLE}>" in [r["a"] for r in rows]
    assert len(rows) == 2
    assert all(r["t"].startswith('"') for r in rows)


def test_variables_and_kinds(any_store) -> None:
    assert any_store.query(TITLES).variables == ["a", "t"]
    assert any_store.query("ASK { ?a a ckg:Article }").kind == "boolean"
    assert any_store.query("CONSTRUCT WHERE { ?a a ckg:Article }").kind == "graph"


@pytest.mark.parametrize("sparql", [
    pytest.param("# a comment with SELECT in it\nPREFIX x: <http://x/>\n"
                 "ASK { ?a a ckg:Article }", id="comment-and-prologue"),
    pytest.param("BASE <https://w3id.org/conflict-kg/>\nPREFIX ckg: <" + CKG + ">\n"
                 "ASK { ?a a <ontology#Article> }", id="base-and-own-prefix"),
])
def test_ask_after_prologue(any_store, sparql: str) -> None:
    assert any_store.query(sparql).boolean() is True


def test_construct_same_triples(built_store, remote_store) -> None:
    sparql = "CONSTRUCT { ?a dcterms:title ?t } WHERE { ?a a ckg:Article ; dcterms:title ?t }"
    embedded = set(built_store.query(sparql).triples())
    remote = set(remote_store.query(sparql).triples())
    assert len(embedded) == 2
    assert embedded == remote


def test_same_answers_everywhere(built_store, remote_store) -> None:
    sparql = ("SELECT ?a (COUNT(?s) AS ?n) WHERE { ?a a ckg:Article . "
              "?s a ckg:Sentence ; ?p ?a } GROUP BY ?a ORDER BY ?a")
    embedded = _rows(built_store.query(sparql))
    assert embedded, "the corpus has sentences pointing at their article"
    assert _rows(remote_store.query(sparql)) == embedded


@pytest.mark.parametrize("variable", ["a", "t"])
def test_substitutions_bind_typed_terms(built_store, remote_store, variable) -> None:
    # ?t binds a language-tagged literal, ?a an IRI; the binding happens before the
    # OPTIONAL and the grouping, as pyoxigraph's substitutions do.
    title = next(built_store.query("SELECT ?a ?t WHERE { ?a dcterms:title ?t }",
                                   substitutions={"a": ox.NamedNode(ARTICLE)}).rows())["t"]
    bound = {"a": ox.NamedNode(ARTICLE), "t": title}[variable]
    sparql = ("SELECT ?a ?t (COUNT(?s) AS ?sentences) WHERE { ?a dcterms:title ?t . "
              "OPTIONAL { ?s a ckg:Sentence ; ?p ?a } } GROUP BY ?a ?t")
    embedded = _rows(built_store.query(sparql, substitutions={variable: bound}))
    remote = _rows(remote_store.query(sparql, substitutions={variable: bound}))
    assert len(embedded) == 1 and embedded[0]["a"] == f"<{ARTICLE}>"
    assert int(embedded[0]["sentences"].split('"')[1]) > 1
    assert remote == embedded


def test_substituted_literal_cannot_break_out(any_store) -> None:
    hostile = ox.Literal('x" } } ; DROP ALL ; SELECT * { "')
    result = any_store.query("SELECT ?a ?t WHERE { ?a dcterms:title ?t }",
                             substitutions={"t": hostile})
    assert list(result.rows()) == []
    assert any_store.query("ASK { ?a a ckg:Article }").boolean() is True


def test_dataset_restricts_the_default_graph(any_store) -> None:
    only_one = Dataset(default_graphs=[GRAPH])
    rows = _rows(any_store.query("SELECT ?a WHERE { ?a a ckg:Article }", dataset=only_one))
    assert rows == [{"a": f"<{ARTICLE}>"}]


@pytest.mark.parametrize("name", ["json", "xml", "tsv", "csv"])
def test_result_formats_parse_to_the_same_rows(built_store, remote_store, name) -> None:
    fmt = by_name(name, "results")
    assert fmt is not None
    embedded = b"".join(built_store.query(TITLES).serialize(fmt))
    remote = b"".join(remote_store.query(TITLES).serialize(fmt))
    if name == "csv":  # CSV loses term types; compare the text
        assert remote.splitlines() == embedded.splitlines()
        return
    parse = by_name(name, "results").native  # type: ignore[union-attr]
    assert ([list(s) for s in ox.parse_query_results(remote, format=parse)]
            == [list(s) for s in ox.parse_query_results(embedded, format=parse)])


@pytest.mark.parametrize("name", ["ttl", "nt", "jsonld", "rdfxml"])
def test_graph_formats(built_store, remote_store, name) -> None:
    fmt = by_name(name, "rdf")
    assert fmt is not None
    sparql = "CONSTRUCT { ?a ?p ?o } WHERE { ?a a ckg:Article ; ?p ?o }"
    embedded = set(built_store.query(sparql).triples())
    remote = b"".join(remote_store.query(sparql).serialize(fmt))
    parsed = ox.parse(remote, format=fmt.native)  # type: ignore[arg-type]
    assert {q.triple for q in parsed} == embedded


def test_graph_result_refuses_a_results_format(any_store) -> None:
    fmt = by_name("json", "results")
    with pytest.raises(StoreError, match="cannot be written"):
        b"".join(any_store.query("CONSTRUCT WHERE { ?s a ckg:Article }").serialize(fmt))


def test_syntax_error_is_an_input_error(any_store) -> None:
    with pytest.raises(QuerySyntaxError):
        list(any_store.query("SELECT * WHERE { ?a ?b }").rows())


def test_graph_names_stats_and_dump_agree(built_store, remote_store) -> None:
    assert remote_store.graph_names() == built_store.graph_names()
    embedded, remote = built_store.stats(), remote_store.stats()
    for key in ("quads", "graphs", "classes"):
        assert remote[key] == embedded[key], key
    nq = by_name("nq", "rdf")
    assert nq is not None
    dumps = []
    for store in (built_store, remote_store):
        out = io.BytesIO()
        store.dump(out, nq)
        dumps.append(set(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)))
    assert len(dumps[0]) == embedded["quads"]
    assert dumps[1] == dumps[0]


def test_dump_one_graph_as_turtle(built_store, remote_store) -> None:
    ttl = by_name("ttl", "rdf")
    assert ttl is not None
    graphs = []
    for store in (built_store, remote_store):
        out = io.BytesIO()
        store.dump(out, ttl, graph=GRAPH)
        graphs.append(set(ox.parse(out.getvalue(), format=ox.RdfFormat.TURTLE)))
    assert graphs[0] and graphs[1] == graphs[0]


def _saved():
    from queries import all_queries

    return [pytest.param(q, id=q.name) for q in all_queries()]


@pytest.mark.parametrize("saved", _saved())
def test_saved_queries_answer_alike(built_store, remote_store, saved) -> None:
    from graph.params import bind
    from graph.store.sparql_text import paged

    text, terms = paged(saved.text, bind(saved, {}))  # as `kg query` runs it
    embedded = built_store.query(text, substitutions=terms)
    remote = remote_store.query(text, substitutions=terms)
    assert remote.kind == embedded.kind
    if embedded.kind == "solutions":
        key = lambda row: sorted((k, str(v)) for k, v in row.items())  # noqa: E731
        assert sorted(map(key, remote.rows())) == sorted(map(key, embedded.rows()))
    elif embedded.kind == "boolean":
        assert remote.boolean() == embedded.boolean()
    else:
        assert set(remote.triples()) == set(embedded.triples())
