"""Stores that cannot be used give one line naming the problem and exit code 1."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.config import RemoteOptions
from graph.errors import StoreError, StoreLockedError
from graph.store.embedded import EmbeddedStore
from graph.store.remote import RemoteStore
from tests.conftest import CORPUS, KG, free_port


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=60, env=_env())


def _one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), done.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("command", [
    ("stats",), ("query", "ASK {}"), ("export",), ("build", "--corpus", str(CORPUS), "-q"),
])
def test_unreachable_remote_store(command) -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    _one_line_error(_kg(*command, "--store", url), "cannot reach the store", "127.0.0.1")


class _Locked(http.server.BaseHTTPRequestHandler):
    """A store that wants credentials it is never given (Basic realm)."""

    def _deny(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="SPARQL"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_DELETE = _deny

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def auth_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Locked)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.mark.remote
@pytest.mark.parametrize("command", [
    ("stats",), ("query", "ASK {}"), ("build", "--corpus", str(CORPUS), "-q"),
])
def test_wrong_credentials(auth_server, command) -> None:
    done = subprocess.run([KG, *command, "--store", auth_server, "--user", "me"],
                          capture_output=True, text=True, timeout=60,
                          env={**_env(), "KG_STORE_PASSWORD": "wrong"})
    _one_line_error(done, "refused access", "user 'me'", "--password")


def test_wrong_credentials_on_write(auth_server) -> None:
    store = RemoteStore(auth_server, RemoteOptions(user="me", password="wrong",
                                                   graph_store_url=auth_server + "-crud"))
    with pytest.raises(StoreError, match="refused access"):
        store.update("CLEAR ALL")


def test_unknown_auth_scheme() -> None:
    with pytest.raises(StoreError, match="basic or digest"):
        RemoteStore("http://127.0.0.1:1/sparql", RemoteOptions(auth="kerberos"))


def test_directory_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    for command in (("stats",), ("build", "--corpus", str(CORPUS), "-q")):
        _one_line_error(_kg(*command, "--store", str(tmp_path)), "is not a conflict-kg store")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]  # nothing written into it


def test_file_instead_of_a_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    path.write_text("not a store", encoding="utf-8")
    for command in (("stats",), ("query", "ASK {}"), ("build", "--corpus", str(CORPUS), "-q")):
        _one_line_error(_kg(*command, "--store", str(path)), "is a file")
    assert path.read_text(encoding="utf-8") == "not a store"


_HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(30)
"""


def test_store_locked_by_another_writer(tmp_path: Path) -> None:
    store = tmp_path / "store"
    build = _kg("build", "--corpus", str(CORPUS), "--store", str(store), "-q")
    assert build.returncode == 0, build.stderr
    before = (store / "CURRENT").read_text(encoding="ascii")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(store / "write.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        # --full: a build that finds nothing changed would not write at all.
        _one_line_error(_kg("build", "--corpus", str(CORPUS), "--store", str(store), "-q",
                            "--full"), "being written by another process", str(store))
        with pytest.raises(StoreLockedError):
            EmbeddedStore(store).replace_graphs({"https://example.org/g": []})
        reading = _kg("stats", "--store", str(store))  # readers are not blocked
        assert reading.returncode == 0 and "graphs:  3" in reading.stdout
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert (store / "CURRENT").read_text(encoding="ascii") == before


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("KG_STORE")}
