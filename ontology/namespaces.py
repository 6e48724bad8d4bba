"""The one prefix map of the project: graph, server, saved queries and docs all use it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# The vocabulary namespace is fixed: data minted under any KG_BASE_IRI uses the same terms.
CKG = "https://w3id.org/conflict-kg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/conflict-kg/ontology"

PREFIXES: dict[str, str] = {
    "ckg": CKG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "oa": "http://www.w3.org/ns/oa#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "wd": "http://www.wikidata.org/entity/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}


def sparql_prologue(prefixes: dict[str, str] | None = None) -> str:
    """PREFIX declarations for the whole map, for query editors and saved queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or PREFIXES).items())


def ontology_dir() -> Path:
    """Directory holding the ontology's Turtle files (works installed or from a checkout)."""
    return Path(str(resources.files("ontology")))


def ontology_files() -> list[Path]:
    """Every Turtle file the ontology consists of, shapes included, in a stable order."""
    return sorted(ontology_dir().glob("*.ttl"))
