"""Statistics of a store generation (VoID counts, `kg stats`, the overview page), computed
once when the generation is written and kept beside its data.

Why at write time: the counts are aggregates over every triple (COUNT DISTINCT subjects,
objects, per class, per property), seconds of work at a million triples. A generation never
changes once live, so the numbers are computed once by the writer instead of by every
server process after every restart.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.config import base_iri
from ontology.namespaces import PREFIXES

FILE = "kg-statistics.json"
VERSION = 1
WIKIDATA = PREFIXES["wd"]

COUNTS = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    # pyoxigraph binds only projected variables: ?space is projected and grouped on.
    "entities": "SELECT ?space (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
                "FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(?space))) } GROUP BY ?space",
    "distinctSubjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    "distinctObjects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
}
CLASSES = ("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c "
           "ORDER BY DESC(?n) ?c")
PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p"
WIKIDATA_LINKS = ("SELECT ?wd ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o "
                  "FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(?wd))) } GROUP BY ?wd ?p "
                  "ORDER BY ?p")


def _rows(store: ox.Store, query: str, **bind: ox.Literal) -> list[Any]:
    found = store.query(query, use_default_graph_as_union=True,
                        substitutions={ox.Variable(k): v for k, v in bind.items()} or None)
    assert isinstance(found, ox.QuerySolutions)
    return list(found)


def _count(store: ox.Store, query: str, **bind: ox.Literal) -> int:
    for row in _rows(store, query, **bind):
        return int(row["n"].value)
    return 0


def compute(store: ox.Store, base: str) -> dict[str, Any]:
    """Every statistic of `store` over the union default graph (what queries see)."""
    space = ox.Literal(base + "id/")
    return {
        "version": VERSION,
        "base": base,
        "quads": len(store),
        "graphs": sum(1 for _ in store.named_graphs()),
        "triples": _count(store, COUNTS["triples"]),
        "entities": _count(store, COUNTS["entities"], space=space),
        "distinctSubjects": _count(store, COUNTS["distinctSubjects"]),
        "distinctObjects": _count(store, COUNTS["distinctObjects"]),
        "classes": [(r["c"].value, int(r["n"].value)) for r in _rows(store, CLASSES)
                    if isinstance(r["c"], ox.NamedNode)],
        "properties": [(r["p"].value, int(r["n"].value)) for r in _rows(store, PROPERTIES)],
        "wikidata": [(r["p"].value, int(r["n"].value)) for r in _rows(
            store, WIKIDATA_LINKS, wd=ox.Literal(WIKIDATA))],
    }


def write_statistics(store: ox.Store, generation_dir: Path) -> None:
    """Compute the statistics of a generation being written and keep them in its
    directory (the engine ignores files it did not make)."""
    stats = compute(store, base_iri())
    tmp = generation_dir / (FILE + ".tmp")
    tmp.write_text(json.dumps(stats), encoding="utf-8")
    os.replace(tmp, generation_dir / FILE)


def read_statistics(generation_dir: Path, base: str | None = None) -> dict[str, Any] | None:
    """The statistics kept with a generation, or None (older generation, other base)."""
    try:
        stats = json.loads((generation_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stats, dict) or stats.get("version") != VERSION:
        return None
    if base is not None and stats.get("base") != base:
        return None
    for key in ("classes", "properties", "wikidata"):
        stats[key] = [tuple(pair) for pair in stats.get(key, [])]
    return stats
