"""The one table of result and RDF formats: media type, short name, file suffix and the
pyoxigraph format that serializes it. Content negotiation, `format=`, the CLI's
`--format` and dumps all read this table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str  # short name used by `format=` and `--format`
    media_type: str
    suffix: str
    kind: str  # "results" (SELECT/ASK) or "rdf" (CONSTRUCT/DESCRIBE, dumps)
    # A QueryResultsFormat when kind is "results", an RdfFormat when kind is "rdf". Typed
    # loosely: the kind, checked at run time, is what tells them apart.
    native: Any
    aliases: tuple[str, ...] = ()

    @property
    def is_dataset(self) -> bool:
        """Whether the format can carry named graphs (N-Quads, TriG)."""
        return self.kind == "rdf" and self.name in {"nq", "trig"}


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "srj", "results",
           ox.QueryResultsFormat.JSON, ("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", "results",
           ox.QueryResultsFormat.XML, ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv", "results", ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", "tsv", "results", ox.QueryResultsFormat.TSV),
)

RDF_FORMATS: tuple[Format, ...] = (
    # Turtle is valid N3: N3 clients (SPARQLWrapper's N3 mode) are answered with Turtle.
    Format("ttl", "text/turtle", "ttl", "rdf", ox.RdfFormat.TURTLE,
           ("application/x-turtle", "turtle", "n3", "text/n3", "text/rdf+n3")),
    Format("nt", "application/n-triples", "nt", "rdf", ox.RdfFormat.N_TRIPLES,
           ("text/plain", "ntriples")),
    Format("nq", "application/n-quads", "nq", "rdf", ox.RdfFormat.N_QUADS, ("nquads",)),
    Format("trig", "application/trig", "trig", "rdf", ox.RdfFormat.TRIG),
    Format("jsonld", "application/ld+json", "jsonld", "rdf", ox.RdfFormat.JSON_LD,
           ("json-ld",)),
    Format("rdfxml", "application/rdf+xml", "rdf", "rdf", ox.RdfFormat.RDF_XML,
           ("xml", "rdf")),
)

ALL_FORMATS = RESULT_FORMATS + RDF_FORMATS


def by_name(name: str, kind: str) -> Format | None:
    """A format of `kind` by short name, suffix, alias or media type (case-insensitive)."""
    wanted = name.strip().lower()
    for fmt in RESULT_FORMATS if kind == "results" else RDF_FORMATS:
        if wanted in {fmt.name, fmt.suffix, fmt.media_type, *fmt.aliases}:
            return fmt
    return None


def by_media_type(media_type: str) -> Format | None:
    base = media_type.split(";")[0].strip().lower()
    for fmt in ALL_FORMATS:
        if base == fmt.media_type or base in fmt.aliases:
            return fmt
    return None
