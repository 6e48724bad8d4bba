"""Fixtures shared by every test area: the corpus, a store built from it once per session,
the CLI runner, and a real `kg serve` process on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from bench.processes import die_with_parent, free_port, stop_group

ROOT = Path(__file__).resolve().parent.parent
# Builds of articles a test writes itself run the rule layer alone instead of starting a
# CoreNLP worker (a minute and 3 GB each); committed fixtures still give the corpus and
# tests/articles their annotations, and tests/annotate runs the real annotator.
os.environ.setdefault("KG_ANNOTATOR", "cached")
CORPUS = ROOT / "corpus"
TEST_DATA = Path(__file__).resolve().parent / "data"
KG = str(Path(sys.executable).with_name("kg"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def kg_cli():
    """The root click group with every command registered, as `kg` has it."""
    from graph import cli

    cli._register()
    return cli.cli


def build_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A store built from `corpus` by the real `kg build`, in a fresh temp directory."""
    path = tmp_path_factory.mktemp(name) / "store"
    subprocess.run([KG, "build", "--corpus", str(corpus), "--store", str(path), "-q"],
                   check=True, capture_output=True, text=True)
    return path


@pytest.fixture(scope="session")
def built_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from corpus/ by the real `kg build`, once per session. Read-only use."""
    return build_store(CORPUS, tmp_path_factory, "store")


@pytest.fixture(scope="session")
def built_store(built_store_path: Path):
    from graph.store import open_store

    return open_store(str(built_store_path))


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen
    log_path: Path | None = None

    def log(self) -> list[bytes]:
        """The server's stderr (error and access log) so far, line by line."""
        if self.log_path is None or not self.log_path.exists():
            return []
        return self.log_path.read_bytes().splitlines(keepends=True)

    def stop(self) -> None:
        stop_group(self.process, 10)


def start_server(store: str | Path, *, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()) -> LiveServer:
    """`kg serve` as a separate process group on a free loopback port, ready to answer."""
    port = free_port()
    # stderr goes to a file: a pipe nobody reads fills up with the access log after a few
    # hundred requests and then blocks the server.
    fd, name = tempfile.mkstemp(prefix="kg-serve-", suffix=".log")
    log_path = Path(name)
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            [KG, "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port),
             *args],
            env={**os.environ, **(env or {})}, start_new_session=True, preexec_fn=die_with_parent(),
            stdout=subprocess.DEVNULL, stderr=log,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = b"".join(server.log()).decode("utf-8", "replace")
            raise RuntimeError(f"kg serve exited: {stderr}")
        try:
            requests.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=1)
            return server
        except (requests.ConnectionError, requests.Timeout):
            # A first query can take longer than the poll's timeout on a busy machine.
            time.sleep(0.1)
    server.stop()
    raise RuntimeError("kg serve did not answer within 30 s")


@pytest.fixture(scope="session")
def live_server(built_store_path: Path) -> Iterator[LiveServer]:
    """The production server (`kg serve`) over the corpus store, read-only."""
    server = start_server(built_store_path)
    yield server
    server.stop()
