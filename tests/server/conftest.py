"""Servers for the server tests: the shared read-only `live_server` (tests/conftest.py),
a writable one with an update token over a copy of the built store, and a strict one
with small limits for the timeout, overload and size tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LiveServer, start_server

TOKEN = "test-token-5f0c"


def _serve_copy(built_store_path: Path, tmp_path_factory: pytest.TempPathFactory, name: str,
                env: dict[str, str]) -> Iterator[LiveServer]:
    """`kg serve` with `env` over its own copy of the corpus store, stopped afterwards."""
    path = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(built_store_path, path)
    server = start_server(path, env=env)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def writable_server(built_store_path: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`kg serve` with KG_UPDATE_TOKEN over its own copy of the corpus store."""
    yield from _serve_copy(built_store_path, tmp_path_factory, "writable",
                           {"KG_UPDATE_TOKEN": TOKEN})


@pytest.fixture(scope="session")
def strict_server(built_store_path: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Small limits: 2 s timeout, one executor, a waiting line of one, 4 kB bodies, and
    no result cache (every request here is meant to reach the executor)."""
    yield from _serve_copy(built_store_path, tmp_path_factory, "strict", {
        "KG_CACHE_BYTES": "0",
        "KG_UPDATE_TOKEN": TOKEN, "KG_QUERY_TIMEOUT": "2", "KG_QUERY_WORKERS": "1",
        "KG_QUEUE_SIZE": "1", "KG_MAX_BODY": "4096", "KG_MAX_RESULT_BYTES": "200000",
        "KG_SERVICE_ALLOWLIST": "http://127.0.0.1:9/allowed/",
    })


@pytest.fixture(scope="session")
def protocol_server(built_store_path: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A writable server of its own for the W3C suites, which DROP ALL between cases."""
    yield from _serve_copy(built_store_path, tmp_path_factory, "protocol",
                           {"KG_UPDATE_TOKEN": TOKEN})
