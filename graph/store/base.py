"""The store interface every part of the project uses: build, server, queries, checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Protocol

import pyoxigraph as ox

from graph.store.formats import Format

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class SerializedGraph:
    """One named graph's triples already written as N-Quads (each line in that graph).
    Iterating parses them, so any store takes it as triples; the embedded store loads the
    bytes of many such graphs in one bulk load, without a Python object per triple."""

    __slots__ = ("data", "count")

    def __init__(self, data: bytes, count: int) -> None:
        self.data = data
        self.count = count

    @classmethod
    def of(cls, triples: Iterable[ox.Triple], graph: str) -> SerializedGraph:
        """`triples` written as N-Quads in the named graph `graph`."""
        name = ox.NamedNode(graph)
        quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
        return cls(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", len(quads))

    def __iter__(self) -> Iterator[ox.Triple]:
        for quad in ox.parse(self.data, format=ox.RdfFormat.N_QUADS):
            yield quad.triple

    def __len__(self) -> int:
        return self.count


@dataclass
class Dataset:
    """The RDF dataset a request names; empty means the union of all named graphs."""

    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)

    @property
    def is_union_default(self) -> bool:
        return not self.default_graphs and not self.named_graphs


class QueryResult(Protocol):
    """A query answer. Consume it in the thread that produced it (pyoxigraph requires it)."""

    @property
    def kind(self) -> str:
        """"solutions", "boolean" or "graph"."""
        ...

    @property
    def variables(self) -> list[str]:
        """SELECT variables (a remote answer is fetched when first read)."""
        ...

    def serialize(self, fmt: Format) -> Iterator[bytes]:
        """The answer in `fmt`, in chunks, serialized by the store's own writer."""
        ...

    def rows(self) -> Iterator[dict[str, Term]]:
        """SELECT solutions as dicts of variable name to term (unbound variables absent)."""
        ...

    def boolean(self) -> bool: ...

    def triples(self) -> Iterator[ox.Triple]: ...


class Store(Protocol):
    """Load, replace, query, update, dump. Implementations: embedded (pyoxigraph on disk),
    remote (any SPARQL 1.1 Protocol + Graph Store Protocol server)."""

    description: str

    def query(
        self,
        sparql: str,
        *,
        dataset: Dataset | None = None,
        substitutions: Mapping[str, Term] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult: ...

    def update(self, sparql: str, *, dataset: Dataset | None = None,
               base_iri: str | None = None) -> None: ...

    def replace_graphs(
        self,
        graphs: Mapping[str, Iterable[ox.Triple]],
        *,
        drop: Callable[[str], bool] | None = None,
    ) -> None:
        """Replace each named graph whole, and remove graphs for which `drop` is true.
        All or nothing: on failure the previous content stays as it was."""
        ...

    def graph_names(self) -> list[str]: ...

    def dump(self, output: IO[bytes], fmt: Format, *, graph: str | None = None) -> None: ...

    def stats(self) -> dict[str, object]: ...

    def close(self) -> None: ...
