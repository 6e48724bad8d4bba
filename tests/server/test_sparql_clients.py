"""Real SPARQL clients against a running `kg serve`: SPARQLWrapper for every query form and
result format, rdflib's SPARQLStore, and content negotiation from the one format table."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import rdflib
import requests
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from graph.store.formats import RDF_FORMATS, RESULT_FORMATS

TITLES = "SELECT ?title WHERE { ?a a ckg:Article ; dcterms:title ?title } ORDER BY ?title"
ASK_ARTICLE = "ASK { ?a a ckg:Article }"
CONSTRUCT = "CONSTRUCT { ?a dcterms:title ?t } WHERE { ?a a ckg:Article ; dcterms:title ?t }"
DESCRIBE = "DESCRIBE ?a WHERE { ?a a ckg:Article }"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def _wrapper(url: str, query: str, fmt: str, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_in_every_results_format(live_server, fmt: str, method: str) -> None:
    result = _wrapper(live_server.url, TITLES, fmt, method).query()
    converted = result.convert()
    if fmt == JSON:
        titles = [b["title"]["value"] for b in converted["results"]["bindings"]]
    elif fmt == XML:
        titles = [lit.firstChild.data for lit in converted.getElementsByTagName("literal")]
    else:
        delimiter = "," if fmt == CSV else "\t"
        rows = list(csv.reader(io.StringIO(converted.decode()), delimiter=delimiter))
        titles = [row[0].strip('"').split('"@')[0] for row in rows[1:]]
    assert len(titles) == 2
    assert any("Cease-fire agreed" in t for t in titles)


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask_in_json_and_xml(live_server, fmt: str) -> None:
    converted = _wrapper(live_server.url, ASK_ARTICLE, fmt, GET).query().convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    else:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML, XML])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_graph_results_in_every_rdf_format(live_server, query: str, fmt: str) -> None:
    result = _wrapper(live_server.url, query, fmt, POST).query()
    if fmt in {JSONLD, RDFXML, XML}:
        # SPARQLWrapper converts these with a deprecated rdflib class; parse the body.
        graph = rdflib.Graph().parse(data=result.response.read(),
                                     format="json-ld" if fmt == JSONLD else "xml")
    else:
        converted = result.convert()
        graph = converted if isinstance(converted, rdflib.Graph) else rdflib.Graph().parse(
            data=converted, format={TURTLE: "turtle", N3: "n3"}[fmt])
    titles = {str(o) for o in graph.objects(None, rdflib.DCTERMS.title)}
    assert len(titles) == 2


def test_rdflib_sparqlstore_reads_the_endpoint(live_server) -> None:
    store = SPARQLStore(live_server.url + "/sparql", returnFormat="xml")
    graph = rdflib.Graph(store=store)
    rows = list(graph.query(
        "SELECT ?title WHERE { ?a a <https://w3id.org/conflict-kg/ontology#Article> ; "
        "<http://purl.org/dc/terms/title> ?title }"))
    assert len(rows) == 2
    assert all(isinstance(row[0], rdflib.Literal) for row in rows)


CONNEG_CASES = [
    pytest.param(f, how, id=f"{f.name}-{how}")
    for f in RESULT_FORMATS + RDF_FORMATS
    for how in ("accept", "accept-q", "format-param", "alias")
    if how != "alias" or any("/" in a for a in f.aliases)
]


@pytest.mark.parametrize(("fmt", "how"), CONNEG_CASES)
def test_content_negotiation_from_the_table(live_server, fmt, how: str) -> None:
    query = TITLES if fmt.kind == "results" else CONSTRUCT
    params: dict[str, str] = {"query": query}
    headers: dict[str, str] = {}
    if how == "accept":
        headers["Accept"] = fmt.media_type
    elif how == "accept-q":
        # The preferred type wins over a listed but lower-quality one.
        headers["Accept"] = f"image/png;q=0.1, text/html;q=0.2, {fmt.media_type};q=0.9"
    elif how == "format-param":
        params["format"] = fmt.name
        headers["Accept"] = "image/png"  # format= overrides Accept
    else:
        headers["Accept"] = next(a for a in fmt.aliases if "/" in a)
    response = requests.get(live_server.url + "/sparql", params=params, headers=headers,
                            timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].split(";")[0] == fmt.media_type
    body = response.content
    if fmt.name == "json":
        assert len(json.loads(body)["results"]["bindings"]) == 2
    elif fmt.name == "xml":
        assert len(ET.fromstring(body).findall(f".//{SRX}result")) == 2
    elif fmt.name in {"csv", "tsv"}:
        assert len(body.decode().strip().splitlines()) == 3
    else:
        parser = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                  "jsonld": "json-ld", "rdfxml": "xml"}[fmt.name]
        dataset = rdflib.Dataset()
        dataset.parse(data=body, format=parser)
        assert len(list(dataset.quads((None, rdflib.DCTERMS.title, None, None)))) == 2


def test_unacceptable_accept_is_406_listing_the_offers(live_server) -> None:
    response = requests.get(live_server.url + "/sparql", params={"query": TITLES},
                            headers={"Accept": "image/png"}, timeout=10)
    assert response.status_code == 406
    for fmt in RESULT_FORMATS:
        assert fmt.media_type in response.text


def test_unknown_format_parameter_is_406(live_server) -> None:
    response = requests.get(live_server.url + "/sparql",
                            params={"query": TITLES, "format": "yaml"}, timeout=10)
    assert response.status_code == 406
    assert "format=json" in response.text


def test_service_description_for_rdf_clients_and_page_for_browsers(live_server) -> None:
    sd = requests.get(live_server.url + "/sparql", headers={"Accept": "text/turtle"},
                      timeout=10)
    assert sd.status_code == 200
    graph = rdflib.Graph().parse(data=sd.text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, SD.feature, SD.UnionDefaultGraph) in graph
    assert (None, SD.endpoint, rdflib.URIRef(live_server.url + "/sparql")) in graph
    page = requests.get(live_server.url + "/sparql",
                        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                        timeout=10)
    assert page.headers["Content-Type"].startswith("text/html")
    assert "SPARQL query" in page.text


def test_union_default_graph_unless_a_dataset_is_named(live_server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ckg:Article }"
    union = requests.get(live_server.url + "/sparql", params={"query": count}, timeout=10)
    assert union.json()["results"]["bindings"][0]["n"]["value"] == "2"
    one = requests.get(live_server.url + "/sparql", timeout=10, params={
        "query": count,
        "default-graph-uri": "https://w3id.org/conflict-kg/graph/2022-09-16_ceasefire-agreed"})
    assert one.json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_syntax_error_is_400_with_the_parsers_position(live_server) -> None:
    response = requests.get(live_server.url + "/sparql",
                            params={"query": "SELECT * WHERE { ?s ?p }"}, timeout=10)
    assert response.status_code == 400
    assert "1:" in response.text and "syntax" in response.text.lower()


def test_cors_on_queries(live_server) -> None:
    response = requests.get(live_server.url + "/sparql", params={"query": ASK_ARTICLE},
                            headers={"Origin": "https://example.org"}, timeout=10)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = requests.options(live_server.url + "/sparql", timeout=10, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
