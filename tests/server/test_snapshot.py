"""The in-memory read snapshot (`KG_MEMORY_SNAPSHOT=on`) on a real `kg serve`: the same
answers as from disk, and never an answer from a copy of an older generation."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from queries import all_queries
from tests.conftest import LiveServer
from tests.server.conftest import TOKEN, _serve_copy

CSV = {"Accept": "text/csv"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:snapshot> { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def snapshot_server(built_store_path: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # No result cache: every answer below is computed by an executor.
    yield from _serve_copy(built_store_path, tmp_path_factory, "snapshot", {
        "KG_UPDATE_TOKEN": TOKEN, "KG_MEMORY_SNAPSHOT": "on", "KG_CACHE_BYTES": "0"})


def _rows(server: LiveServer, query: str) -> list[str]:
    response = requests.post(server.url + "/sparql", data={"query": query}, headers=CSV,
                             timeout=60)
    assert response.status_code == 200, response.text[:300]
    return sorted(response.text.splitlines())


def _count(server: LiveServer) -> str:
    response = requests.post(server.url + "/sparql", data={"query": COUNT}, headers=CSV,
                             timeout=60)
    assert response.status_code == 200, response.text[:300]
    return response.text.splitlines()[1].strip()


def test_answers_equal_those_from_disk(snapshot_server, live_server) -> None:
    time.sleep(2)  # the copy of a small store is ready within this
    for saved in all_queries():
        if saved.params or "bnode" in saved.text.lower():
            continue
        assert _rows(snapshot_server, saved.text) == _rows(live_server, saved.text), saved.name


def test_a_new_generation_is_answered_at_once(snapshot_server) -> None:
    assert _count(snapshot_server) == "0"
    update = requests.post(snapshot_server.url + "/sparql", timeout=30,
                           data={"update": "INSERT DATA { GRAPH <urn:x:snapshot> "
                                           "{ <urn:x:s> <urn:x:p> <urn:x:o> } }"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert update.status_code == 204, update.text
    # Every executor, whether or not its copy of the new generation is ready yet.
    for _ in range(6):
        assert _count(snapshot_server) == "1"
    time.sleep(2)
    for _ in range(6):
        assert _count(snapshot_server) == "1"


def test_the_size_of_a_generation_skips_a_file_renamed_while_it_is_read(tmp_path,
                                                                       monkeypatch) -> None:
    # the statement counts are written to a temporary file and renamed beside the store;
    # a size taken at that moment must not fail the snapshot's loading
    import os

    from server import snapshot

    (tmp_path / "kept").write_bytes(b"x" * 10)
    (tmp_path / "counts.jsonl.tmp").write_bytes(b"y" * 5)
    listed = list(os.scandir(tmp_path))
    (tmp_path / "counts.jsonl.tmp").unlink()
    monkeypatch.setattr(snapshot.os, "scandir", lambda path: iter(listed))
    assert snapshot.disk_size(tmp_path) == 10
