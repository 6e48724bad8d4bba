"""Linked Data on a running `kg serve`: the 303 pattern, RDF by Accept and by suffix, HTML
pages with supporting sentences and Wikidata links, 404s, the ontology namespace, VoID,
dumps, CORS and security headers."""

from __future__ import annotations

import gzip
import html
import re

import pytest
import rdflib
import requests

from tests.server.conftest import TOKEN

BASE = "https://w3id.org/conflict-kg/"
ARTICLE = "id/article/2022-09-16_ceasefire-agreed"
CKG = rdflib.Namespace(BASE + "ontology#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


@pytest.mark.parametrize(("accept", "location"), [
    ("text/html", f"/page/{ARTICLE}"),
    ("text/turtle", f"/data/{ARTICLE}.ttl"),
    ("application/ld+json", f"/data/{ARTICLE}.jsonld"),
    ("application/n-triples", f"/data/{ARTICLE}.nt"),
    ("application/rdf+xml", f"/data/{ARTICLE}.rdf"),
])
def test_iris_answer_303_by_accept(live_server, accept: str, location: str) -> None:
    response = requests.get(f"{live_server.url}/{ARTICLE}", headers={"Accept": accept},
                            allow_redirects=False, timeout=10)
    assert response.status_code == 303
    assert response.headers["Location"] == location


@pytest.mark.parametrize(("suffix", "parser"), [
    ("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")])
def test_rdf_documents_by_suffix(live_server, suffix: str, parser: str) -> None:
    response = requests.get(f"{live_server.url}/data/{ARTICLE}.{suffix}", timeout=10)
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format=parser)
    article = rdflib.URIRef(BASE + ARTICLE)
    assert (article, rdflib.RDF.type, CKG.Article) in graph
    # Incoming links are part of the document too (sentences point at their article).
    assert any(graph.subjects(CKG.inArticle, article))


def test_html_page_shows_label_types_properties_and_incoming(live_server) -> None:
    response = requests.get(f"{live_server.url}/{ARTICLE}", timeout=10)
    assert response.url.endswith(f"/page/{ARTICLE}")
    html = response.text
    assert "Cease-fire agreed with Tajikistan" in html
    assert 'href="/ontology#Article"' in html
    assert 'href="/page/id/article/2022-09-16_ceasefire-agreed/sentence/1"' in html
    assert "Incoming links" in html
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_page_lists_a_value_stated_by_two_articles_once(live_server) -> None:
    """Regression: both article graphs type Kyrgyzstan as a state, and the page showed
    every such value twice."""
    html = requests.get(f"{live_server.url}/page/id/state/kyrgyzstan", timeout=10).text
    assert html.count('href="/ontology#State"') == 2  # once under the title, once in the table
    assert html.count("wd:Q813") == 2  # owl:sameAs and ckg:wikidata


def test_unknown_iris_are_404(live_server) -> None:
    for path in ("/id/state/atlantis", "/page/id/state/atlantis",
                 "/data/id/state/atlantis.ttl", "/graph/nothing"):
        assert requests.get(live_server.url + path, timeout=10).status_code == 404, path


def test_graph_iris_dereference(live_server) -> None:
    page = requests.get(f"{live_server.url}/graph/2022-09-16_ceasefire-agreed", timeout=10)
    assert page.status_code == 200
    assert "/graph-store/graph/2022-09-16_ceasefire-agreed" in page.text


def test_page_shows_supporting_sentences_and_wikidata(writable_server) -> None:
    data = f"""
    @prefix ckg: <{CKG}> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    <{BASE}id/state/testland> a ckg:State ; ckg:borders <{BASE}id/state/otherland> ;
        owl:sameAs <http://www.wikidata.org/entity/Q813> .
    <{BASE}id/claim/t1> a ckg:Claim ; ckg:claimant <{BASE}id/state/testland> ;
        ckg:supportedBy <{BASE}id/article/t/sentence/0> .
    <{BASE}id/statement/t2> a ckg:StatementRecord ; rdf:subject <{BASE}id/state/testland> ;
        rdf:predicate ckg:borders ; rdf:object <{BASE}id/state/otherland> ;
        ckg:supportedBy <{BASE}id/article/t/sentence/1> .
    <{BASE}id/article/t/sentence/0> nif:anchorOf "Testland said so on Friday." .
    <{BASE}id/article/t/sentence/1> nif:anchorOf "Testland borders Otherland." .
    """
    put = requests.put(writable_server.url + "/graph-store/graph/test-support", data=data,
                       headers={"Content-Type": "text/turtle",
                                "Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert put.status_code == 201, put.text
    state = requests.get(writable_server.url + "/page/id/state/testland", timeout=10).text
    assert "Testland borders Otherland." in state
    assert "http://www.wikidata.org/entity/Q813" in state
    claim = requests.get(writable_server.url + "/page/id/claim/t1", timeout=10).text
    assert "Testland said so on Friday." in claim


def test_ontology_namespace_by_accept_and_suffix(live_server) -> None:
    html = requests.get(live_server.url + "/ontology", headers={"Accept": "text/html"},
                        timeout=10)
    assert html.headers["Content-Type"].startswith("text/html")
    turtle = requests.get(live_server.url + "/ontology", headers={"Accept": "text/turtle"},
                          timeout=10)
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (rdflib.URIRef(BASE + "ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in graph
    rdfxml = requests.get(live_server.url + "/ontology.rdf", timeout=10)
    assert len(rdflib.Graph().parse(data=rdfxml.content, format="xml")) == len(graph)


def test_void_describes_the_dataset(live_server) -> None:
    response = requests.get(live_server.url + "/.well-known/void", timeout=30)
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    dataset = next(graph.subjects(rdflib.RDF.type, VOID.Dataset))
    count = requests.get(live_server.url + "/sparql", timeout=10, params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert int(graph.value(dataset, VOID.triples)) == int(
        count["results"]["bindings"][0]["n"]["value"])
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(
        live_server.url + "/sparql")
    classes = {graph.value(p, VOID["class"]) for p in graph.objects(dataset,
                                                                     VOID.classPartition)}
    assert CKG.Article in classes
    assert len(list(graph.objects(dataset, VOID.propertyPartition))) > 3
    dumps = {str(d) for d in graph.objects(dataset, VOID.dataDump)}
    assert live_server.url + "/dumps/dataset.nq.gz" in dumps


def test_dumps(live_server) -> None:
    nq = requests.get(live_server.url + "/dumps/dataset.nq.gz", timeout=60)
    dataset = rdflib.Dataset()
    dataset.parse(data=gzip.decompress(nq.content), format="nquads")
    graphs = {str(g.identifier) for g in dataset.graphs()}
    assert BASE + "graph/2022-09-16_ceasefire-agreed" in graphs
    trig = requests.get(live_server.url + "/dumps/dataset.trig", timeout=60)
    assert trig.headers["Content-Type"].startswith("application/trig")
    for name, parser in (("ontology.ttl", "turtle"), ("ontology.rdf", "xml")):
        response = requests.get(live_server.url + "/dumps/" + name, timeout=10)
        assert len(rdflib.Graph().parse(data=response.content, format=parser)) > 10


def test_cors_on_read_endpoints(live_server) -> None:
    for path in (f"/data/{ARTICLE}.ttl", "/.well-known/void", "/ontology"):
        response = requests.get(live_server.url + path, timeout=30)
        assert response.headers["Access-Control-Allow-Origin"] == "*", path


def test_a_phrase_page_is_labelled_by_its_words(live_server) -> None:
    query = ("PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
             "SELECT ?p ?a WHERE { ?p nif:referenceContext ?c ; nif:anchorOf ?a } LIMIT 1")
    response = requests.get(f"{live_server.url}/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"}, timeout=10)
    (row,) = response.json()["results"]["bindings"]
    phrase, words = row["p"]["value"], row["a"]["value"]
    path = phrase.split("/conflict-kg/", 1)[1]
    page = requests.get(f"{live_server.url}/page/{path}", timeout=10)
    assert page.status_code == 200
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page.text, re.S)
    assert title is not None and html.unescape(re.sub(r"<[^>]+>", "", title.group(1))
                                               ).strip() == words
