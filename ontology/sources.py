"""Reading the ontology's Turtle files: the vocabulary (OWL) and the SHACL shapes, kept
apart because the reasoner must not see the shapes and the shapes validate the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

from ontology.findings import ERROR, Finding
from ontology.namespaces import ontology_dir

_SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)


@dataclass
class Sources:
    """The parsed ontology files: `vocabulary` merges every OWL file, `shapes` every shapes file."""

    vocabulary: Graph = field(default_factory=Graph)
    shapes: Graph = field(default_factory=Graph)
    vocabulary_files: list[Path] = field(default_factory=list)
    shapes_files: list[Path] = field(default_factory=list)


def is_shapes_graph(graph: Graph) -> bool:
    """A file is a shapes file when it declares any SHACL shape."""
    return any(next(graph.subjects(RDF.type, kind), None) is not None for kind in _SHAPE_TYPES)


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file; raises rdflib's syntax error (with the line) when broken."""
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def load_sources(directory: Path | None = None) -> tuple[Sources, list[Finding]]:
    """Parse every `*.ttl` under the ontology directory; a broken file is a finding, and the
    others are still read so the rest of the check can run."""
    root = directory or ontology_dir()
    sources = Sources()
    findings: list[Finding] = []
    files = sorted(root.glob("*.ttl"))
    if not files:
        findings.append(Finding(ERROR, "parse", "no-files",
                                f"no *.ttl files in {root}: the ontology is missing"))
    for path in files:
        try:
            graph = parse_turtle(path)
        except Exception as exc:  # rdflib raises several unrelated types for bad syntax
            findings.append(Finding(ERROR, "parse", "syntax",
                                    f"{path.name} does not parse: {_one_line(exc)}",
                                    detail={"file": str(path)}))
            continue
        if is_shapes_graph(graph):
            sources.shapes += graph
            sources.shapes_files.append(path)
        else:
            sources.vocabulary += graph
            sources.vocabulary_files.append(path)
    if files and not sources.vocabulary_files and not findings:
        findings.append(Finding(ERROR, "parse", "no-vocabulary",
                                f"no OWL vocabulary file in {root} (only shapes)"))
    return sources, findings


def load_vocabulary(directory: Path | None = None) -> Graph:
    """The merged vocabulary of the shipped ontology (shapes left out); raises on bad syntax."""
    root = directory or ontology_dir()
    merged = Graph()
    for path in sorted(root.glob("*.ttl")):
        graph = parse_turtle(path)
        if not is_shapes_graph(graph):
            merged += graph
    return merged


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
