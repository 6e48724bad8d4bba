"""Backup and restore: `kg export`, then a load into an empty store, gives an isomorphic
dataset, graph by graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from graph.store.formats import by_name
from tests.reliability.helpers import run_kg


def _has_kg_load() -> bool:
    return run_kg("load", "--help").returncode == 0


def _restore(dump: Path, fmt: str, target: Path) -> str:
    """Load `dump` into a new empty store at `target`; returns how it was loaded."""
    if _has_kg_load():
        done = run_kg("load", str(dump), "--store", str(target))
        assert done.returncode == 0, done.stderr.decode()
        return "kg load"
    from graph.store.embedded import EmbeddedStore

    store = EmbeddedStore(target, create=True)
    chosen = by_name(fmt, "rdf")
    assert chosen is not None
    with open(dump, "rb") as handle:
        store.load(handle, chosen, graph=None)
    store.close()
    return "EmbeddedStore.load"


def _dataset(path: Path, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(path, format={"nq": "nquads", "trig": "trig"}[fmt])
    return ds


def _graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    graphs: dict[str, rdflib.Graph] = {}
    for graph in ds.graphs():
        name = str(graph.identifier)
        if len(graph) or name != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
            copy = rdflib.Graph()
            for triple in graph:
                copy.add(triple)
            graphs[name] = copy
    return {k: v for k, v in graphs.items() if len(v)}


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_export_then_load_into_empty_store_is_isomorphic(built_store_path, tmp_path,
                                                         fmt) -> None:
    backup = tmp_path / f"backup.{fmt}"
    done = run_kg("export", "--store", str(built_store_path), "--format", fmt,
                  "-o", str(backup))
    assert done.returncode == 0, done.stderr.decode()
    restored = tmp_path / "restored"
    _restore(backup, fmt, restored)
    again = tmp_path / f"again.{fmt}"
    done = run_kg("export", "--store", str(restored), "--format", fmt, "-o", str(again))
    assert done.returncode == 0, done.stderr.decode()

    original, copy = _graphs(_dataset(backup, fmt)), _graphs(_dataset(again, fmt))
    assert len(original) >= 2, "the backup holds no named graphs"
    assert sorted(original) == sorted(copy)
    for name, graph in original.items():
        assert len(graph) == len(copy[name]), name
        assert isomorphic(graph, copy[name]), f"graph {name} differs after restore"


def test_restore_into_non_empty_directory_is_refused(built_store_path, tmp_path) -> None:
    """A restore never lands on top of something that is not a store."""
    backup = tmp_path / "backup.nq"
    assert run_kg("export", "--store", str(built_store_path), "-o", str(backup)).returncode == 0
    target = tmp_path / "not-a-store"
    target.mkdir()
    (target / "precious.txt").write_text("keep me")
    from graph.errors import StoreError
    from graph.store.embedded import EmbeddedStore

    with pytest.raises(StoreError):
        EmbeddedStore(target, create=True)
    if _has_kg_load():
        done = run_kg("load", str(backup), "--store", str(target))
        assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert (target / "precious.txt").read_text() == "keep me"
    assert sorted(p.name for p in target.iterdir()) == ["precious.txt"]
