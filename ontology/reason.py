"""Run HermiT (bundled with owlready2) over the vocabulary plus the built data.

owlready2 does not read Turtle, so the graphs go through rdflib as N-Triples into a
private temporary directory. HermiT is told to ignore datatypes outside the OWL 2 map
(xsd:date). An inconsistency comes back without any explanation; `ontology.explain`
finds the individuals behind it."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from ontology.findings import ERROR, Finding

# rdf: reification terms are reserved in OWL 2 DL: the statement records use them, but
# the reasoner must not (they would be read as user properties and break the DL profile).
_RESERVED_PREDICATES = {RDF.subject, RDF.predicate, RDF.object}
_RESERVED_TYPES = {RDF.Statement}
_ONTOLOGY_IRI = "https://w3id.org/conflict-kg/ontology/check"


class ReasonerUnavailable(Exception):
    """HermiT could not be started (no Java, broken install): the check could not run."""


@dataclass
class Outcome:
    """Result of one HermiT run: consistent or not, and unsatisfiable classes if consistent."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    seconds: float = 0.0


def java_executable() -> str:
    """The Java launcher owlready2 will use; raises ReasonerUnavailable when there is none."""
    import owlready2

    configured = str(owlready2.JAVA_EXE)
    found = shutil.which(configured)
    if not found:
        raise ReasonerUnavailable(
            f"Java not found (`{configured}` is not on PATH): install a Java runtime "
            "(e.g. `apt-get install openjdk-17-jre-headless`) to run the HermiT reasoner")
    return found


def reasoner_input(vocabulary: Graph, data: Graph | None = None) -> Graph:
    """The vocabulary plus the data, without the reserved rdf: reification triples."""
    merged = Graph()
    for source in (vocabulary, data):
        if source is None:
            continue
        for s, p, o in source:
            if p in _RESERVED_PREDICATES or (p == RDF.type and o in _RESERVED_TYPES):
                continue
            merged.add((s, p, o))
    return merged


def run_hermit(graph: Graph) -> Outcome:
    """Classify `graph` with HermiT; report consistency and unsatisfiable named classes."""
    import owlready2
    from owlready2.base import OwlReadyInconsistentOntologyError, OwlReadyJavaError

    java_executable()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ckg-hermit-") as workdir:
        path = Path(workdir) / "input.nt"
        graph.serialize(destination=str(path), format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            onto = world.get_ontology(_ONTOLOGY_IRI)
            with open(path, "rb") as handle:
                onto.load(fileobj=handle, format="ntriples")
            try:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                               ignore_unsupported_datatypes=True)
            except OwlReadyInconsistentOntologyError:
                return Outcome(False, [], time.perf_counter() - started)
            except OwlReadyJavaError as exc:
                raise ReasonerUnavailable(f"HermiT failed to run: {_one_line(exc)}") from exc
            except FileNotFoundError as exc:
                raise ReasonerUnavailable(f"Java could not be started: {exc}") from exc
            unsat = sorted(str(c.iri) for c in world.inconsistent_classes()
                           if getattr(c, "iri", None))
            return Outcome(True, unsat, time.perf_counter() - started)
        finally:
            world.close()


def reason(vocabulary: Graph, data: Graph | None = None, *,
           explain_budget: float = 60.0) -> list[Finding]:
    """Findings of the reasoning stage: unsatisfiable classes, or the inconsistency with the
    terms and individuals that cause it. Raises ReasonerUnavailable when Java is missing."""
    from ontology.explain import explain_inconsistency

    outcome = run_hermit(reasoner_input(vocabulary, data))
    findings = [Finding(ERROR, "reason", "unsatisfiable-class",
                        "class is unsatisfiable (no individual can belong to it): check its "
                        "parents and disjointness axioms", iri)
                for iri in outcome.unsatisfiable]
    if outcome.consistent:
        return findings
    if data is None or not run_hermit(reasoner_input(vocabulary)).consistent:
        return [Finding(ERROR, "reason", "inconsistent-ontology",
                        "the ontology itself is inconsistent (without any data): check the "
                        "axioms changed last (disjointness, functional properties, individuals)")]
    return explain_inconsistency(vocabulary, data, budget=explain_budget)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:500] or type(exc).__name__
