"""The SPARQL 1.1 Service Description of `/sparql`, in any RDF format of the table."""

from __future__ import annotations

import io

import pyoxigraph as ox

from graph.store.formats import Format, by_name
from ontology.namespaces import PREFIXES

SD = PREFIXES["sd"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
FORMATS_NS = "http://www.w3.org/ns/formats/"
# The W3C names of the result and RDF formats we serialize (ns/formats).
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML",
               "csv": "SPARQL_Results_CSV", "tsv": "SPARQL_Results_TSV",
               "ttl": "Turtle", "nt": "N-Triples", "nq": "N-Quads", "trig": "TriG",
               "jsonld": "JSON-LD", "rdfxml": "RDF_XML"}


def service_description(endpoint_url: str, fmt: Format, *, writable: bool) -> bytes:
    """The description of the endpoint at `endpoint_url`, serialized as `fmt`."""
    sd = {name: ox.NamedNode(SD + name) for name in (
        "Service", "endpoint", "supportedLanguage", "SPARQL11Query", "SPARQL11Update",
        "resultFormat", "feature", "UnionDefaultGraph", "BasicFederatedQuery",
        "defaultDataset", "Dataset", "defaultGraph", "Graph")}
    service = ox.BlankNode()
    dataset = ox.BlankNode()
    default_graph = ox.BlankNode()
    comment = ox.NamedNode(PREFIXES["rdfs"] + "comment")
    triples = [
        ox.Triple(service, RDF_TYPE, sd["Service"]),
        ox.Triple(service, sd["endpoint"], ox.NamedNode(endpoint_url)),
        ox.Triple(service, sd["supportedLanguage"], sd["SPARQL11Query"]),
        # The default graph is the union of all named graphs unless a request names its
        # own dataset (default-graph-uri / named-graph-uri, or FROM / FROM NAMED).
        ox.Triple(service, sd["feature"], sd["UnionDefaultGraph"]),
        ox.Triple(service, sd["defaultDataset"], dataset),
        ox.Triple(dataset, RDF_TYPE, sd["Dataset"]),
        ox.Triple(dataset, sd["defaultGraph"], default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd["Graph"]),
        ox.Triple(service, comment, ox.Literal(
            "The default graph is the union of all named graphs, unless the request names "
            "a dataset. SERVICE and LOAD reach only allowlisted endpoints. Updates need a "
            "bearer token.", language="en")),
    ]
    if writable:
        triples.append(ox.Triple(service, sd["supportedLanguage"], sd["SPARQL11Update"]))
    for name, local in FORMAT_IRIS.items():
        if by_name(name, "results") or by_name(name, "rdf"):
            triples.append(ox.Triple(service, sd["resultFormat"],
                                     ox.NamedNode(FORMATS_NS + local)))
    out = io.BytesIO()
    assert isinstance(fmt.native, ox.RdfFormat)
    ox.serialize(triples, out, format=fmt.native,
                 prefixes={"sd": SD, "rdfs": PREFIXES["rdfs"]}
                 if fmt.native in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None)
    return out.getvalue()
