"""What the Linked Data page of one IRI shows: label, types, properties with their values,
incoming links, the sentences that support each statement, Wikidata links. Every lookup
binds the IRI with `substitutions`; no request text reaches the query strings.
(pyoxigraph binds only variables a SELECT projects, hence `?this` in every projection.)"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.store.base import Store, Term
from ontology.namespaces import CKG, PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
WIKIDATA = PREFIXES["wd"]
LABEL_PATH = "rdfs:label|skos:prefLabel|schema:name|dcterms:title"

EXISTS = "ASK { { ?this ?p ?o } UNION { ?s ?p ?this } }"
# DISTINCT: the default graph is the union of the article graphs, and two articles saying
# the same thing must show it once.
OUTGOING = "SELECT DISTINCT ?this ?p ?o WHERE { ?this ?p ?o } ORDER BY ?p ?o LIMIT 2000"
# No ORDER BY: sorting every incoming link of a node with thousands of them took half a
# second in the 1M-triple store; the 500 shown are sorted in Python instead.
INCOMING = "SELECT DISTINCT ?this ?s ?p WHERE { ?s ?p ?this } LIMIT 500"
# Labels of the IRIs the page shows, joined as a VALUES block of typed terms. (A query
# over every neighbour of the IRI took 39 s for a state with 3,000 incoming links in the
# 1M-triple store; this looks up only what is shown.)
# A node with no label of its own but a text (a NIF phrase: the words of a mention,
# trigger or figure) is labelled by that text rather than by its offsets.
LABELS = f"""SELECT ?x (COALESCE(SAMPLE(?l), SAMPLE(?a)) AS ?label) WHERE {{
  {{ ?x {LABEL_PATH} ?l }} UNION {{ ?x nif:anchorOf ?a FILTER NOT EXISTS {{ ?x {LABEL_PATH} ?n }} }}
}} GROUP BY ?x"""
# Sentences behind this node (events, claims, figures carry ckg:supportedBy themselves)
# and behind each plain triple about it (recorded as a ckg:StatementRecord).
SUPPORT = """SELECT DISTINCT ?this ?p ?o ?sentence ?text WHERE {
  { BIND(ckg:supportedBy AS ?p) ?this ckg:supportedBy ?sentence . BIND(?sentence AS ?o) }
  UNION
  { ?record rdf:subject ?this ; rdf:predicate ?p ; rdf:object ?o ;
            ckg:supportedBy ?sentence . }
  OPTIONAL { ?sentence nif:anchorOf ?text }
}"""
DESCRIBE = """CONSTRUCT { ?this ?p ?o . ?s ?q ?this }
WHERE { { ?this ?p ?o } UNION { ?s ?q ?this } }"""
GRAPH_SIZE = "SELECT ?this (COUNT(*) AS ?n) WHERE { GRAPH ?this { ?s ?p ?o } } GROUP BY ?this"


@dataclass
class Value:
    term: Term
    label: str | None = None
    support: list[tuple[str, str | None]] = field(default_factory=list)  # (sentence, text)


@dataclass
class Description:
    iri: str
    label: str
    types: list[Value]
    properties: list[tuple[str, list[Value]]]  # predicate IRI, values
    incoming: list[tuple[str, Value]]  # predicate IRI, subject
    wikidata: list[str]
    node_support: list[tuple[str, str | None]]
    graph_size: int | None = None


def _bind(iri: str) -> dict[str, Term]:
    return {"this": ox.NamedNode(iri)}


def exists(store: Store, iri: str) -> bool:
    """Whether the store says anything about `iri` (as subject, object or graph name)."""
    if store.query(EXISTS, substitutions=_bind(iri)).boolean():
        return True
    return iri in set(store.graph_names())


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            return iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri


def _rows(store: Store, query: str, iri: str) -> Iterator[dict[str, Term]]:
    yield from store.query(query, substitutions=_bind(iri)).rows()


def _labels(store: Store, iris: list[str]) -> dict[str, str]:
    if not iris:
        return {}
    cells = " ".join(str(ox.NamedNode(i)) for i in dict.fromkeys(iris))
    query = LABELS.replace("WHERE {", "WHERE { VALUES ?x { " + cells + " }", 1)
    return {row["x"].value: row["label"].value
            for row in store.query(query).rows() if "label" in row}


def describe(store: Store, iri: str) -> Description:
    """Everything the page of `iri` shows."""
    outgoing = list(_rows(store, OUTGOING, iri))
    incoming_rows = sorted(_rows(store, INCOMING, iri),
                           key=lambda r: (r["p"].value, str(r["s"])))
    labels = _labels(store, [iri] + [r["o"].value for r in outgoing
                                     if isinstance(r["o"], ox.NamedNode)]
                     + [r["s"].value for r in incoming_rows if isinstance(r["s"], ox.NamedNode)])
    support: dict[tuple[str, Term], list[tuple[str, str | None]]] = {}
    node_support: list[tuple[str, str | None]] = []
    for row in _rows(store, SUPPORT, iri):
        sentence = row["sentence"].value
        text = row["text"].value if "text" in row else None
        if row["p"].value == CKG + "supportedBy":
            node_support.append((sentence, text))
        support.setdefault((row["p"].value, row["o"]), []).append((sentence, text))
    by_predicate: dict[str, list[Value]] = {}
    types: list[Value] = []
    wikidata: list[str] = []
    for row in outgoing:
        p, o = row["p"].value, row["o"]
        value = Value(o, labels.get(o.value) if isinstance(o, ox.NamedNode) else None,
                      support.get((p, o), []))
        if p == RDF_TYPE:
            types.append(value)
        by_predicate.setdefault(p, []).append(value)
        if isinstance(o, ox.NamedNode) and o.value.startswith(WIKIDATA) \
                and o.value not in wikidata:
            wikidata.append(o.value)
    incoming = [(row["p"].value, Value(row["s"], labels.get(row["s"].value)))
                for row in incoming_rows]
    graph_size = None
    if iri in set(store.graph_names()):
        for row in _rows(store, GRAPH_SIZE, iri):
            graph_size = int(row["n"].value)
    return Description(
        iri=iri, label=labels.get(iri) or local_name(iri), types=types,
        properties=sorted(by_predicate.items()), incoming=incoming, wikidata=wikidata,
        node_support=node_support, graph_size=graph_size,
    )
