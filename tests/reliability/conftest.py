"""Fixtures of the reliability tests: a writable `kg serve` with a token, small limits and
a short timeout, over a copy of the corpus store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import LiveServer, start_server

TOKEN = "reliability-token-7f3a"
MAX_BODY = 1024 * 1024
TIMEOUT = 3


@dataclass
class HostileServer:
    url: str
    server: LiveServer

    @property
    def log(self) -> list[bytes]:
        """The server's stderr so far (tracebacks of unhandled errors would be there)."""
        return self.server.log()

    def alive(self) -> bool:
        """The process runs and answers a trivial query."""
        if self.server.process.poll() is not None:
            return False
        response = requests.get(self.url + "/sparql", params={"query": "ASK {}"}, timeout=30)
        return response.status_code == 200


@pytest.fixture(scope="session")
def hostile(built_store_path: Path, tmp_path_factory: pytest.TempPathFactory,
            ) -> Iterator[HostileServer]:
    """`kg serve` with updates on (bearer token), a 1 MB body limit and a 3 s timeout."""
    store = tmp_path_factory.mktemp("hostile") / "store"
    shutil.copytree(built_store_path, store)
    server = start_server(store, env={"KG_UPDATE_TOKEN": TOKEN, "KG_MAX_BODY": str(MAX_BODY),
                                      "KG_QUERY_TIMEOUT": str(TIMEOUT)})
    yield HostileServer(server.url, server)
    alive = server.process.poll() is None
    server.stop()
    assert alive, "the server died during the hostile-input tests"
