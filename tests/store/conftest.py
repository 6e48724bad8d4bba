"""Stores for the store tests: the embedded one built by `kg build`, and `oxigraph serve`
built by `kg build --store http://…`, so one test can run against both."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.config import RemoteOptions
from graph.store.remote import RemoteStore
from tests.conftest import CORPUS, KG
from tests.store.servers import StoreProcess, start_oxigraph


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreProcess]:
    """`oxigraph serve` on a free loopback port, built from corpus/ by the real CLI."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    try:
        subprocess.run([KG, "build", "--corpus", str(CORPUS), "--store", server.query_url,
                        "-q"], check=True, capture_output=True, text=True, timeout=60)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def remote_store(oxigraph_server: StoreProcess) -> RemoteStore:
    return RemoteStore(oxigraph_server.query_url, RemoteOptions())


@pytest.fixture(params=[
    pytest.param("embedded", id="embedded"),
    pytest.param("remote", id="oxigraph-serve", marks=pytest.mark.remote),
])
def any_store(request: pytest.FixtureRequest):
    """The same corpus in the embedded store and in a remote one."""
    if request.param == "embedded":
        return request.getfixturevalue("built_store")
    return request.getfixturevalue("remote_store")


@pytest.fixture()
def fresh_oxigraph(tmp_path: Path) -> Iterator[StoreProcess]:
    """An empty `oxigraph serve` for tests that write."""
    server = start_oxigraph(tmp_path / "db")
    yield server
    server.stop()
