"""Loading RDF files into a store: restoring a `kg export` dump, or adding any N-Quads,
TriG, Turtle or N-Triples file. Each named graph in the file replaces the store's graph of
that name whole; the embedded store takes them all in one generation (all or nothing)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from graph.errors import InputError, UsageError
from graph.store.base import Store
from graph.store.formats import Format, by_name


def _format_for(path: Path, name: str | None) -> Format:
    chosen = by_name(name or path.suffix.lstrip("."), "rdf")
    if chosen is None:
        raise UsageError(f"cannot tell the format of {path.name}: pass --format "
                         "(nq, trig, ttl, nt, jsonld or rdfxml)")
    return chosen


def load_file(store: Store, path: Path, *, fmt: str | None = None,
              graph: str | None = None) -> dict[str, int]:
    """Parse `path` and replace the store's graphs with the ones it holds. Triples outside
    a named graph go to `graph`, which a triple format needs. Returns triples per graph."""
    chosen = _format_for(path, fmt)
    target = ox.NamedNode(graph) if graph else None
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    try:
        for quad in ox.parse(path=path, format=chosen.native):
            name = quad.graph_name
            if isinstance(name, ox.DefaultGraph):
                if target is None:
                    raise UsageError(f"{path.name} has triples outside any named graph: "
                                     "pass --graph IRI to load them into one")
                name = target
            if not isinstance(name, ox.NamedNode):
                raise InputError(f"{path.name}: a graph named by a blank node cannot be "
                                 "loaded; name it with an IRI")
            graphs[name.value].append(quad.triple)
    except SyntaxError as exc:
        raise InputError(f"{path.name} does not parse as {chosen.name}: {exc}; nothing "
                         "was loaded") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    if not graphs:
        raise InputError(f"{path.name} holds no triples; nothing was loaded")
    store.replace_graphs(graphs)
    return {name: len(triples) for name, triples in sorted(graphs.items())}
