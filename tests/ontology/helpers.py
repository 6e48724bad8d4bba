"""Helpers for the ontology tests: fixture data loaded into a real on-disk store."""

from __future__ import annotations

from pathlib import Path

import rdflib

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


def fixture_graph(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURES / name, format="turtle")


def store_from_fixture(tmp_path: Path, name: str) -> Path:
    """A real embedded store holding the fixture's triples in one named graph."""
    from graph.store import open_store
    from graph.store.formats import by_name

    path = tmp_path / "store"
    store = open_store(str(path), create=True)
    turtle = by_name("ttl", "rdf")
    assert turtle is not None
    store.load((FIXTURES / name).read_bytes(), turtle,
               graph="https://w3id.org/conflict-kg/graph/fixture")
    store.close()
    return path
