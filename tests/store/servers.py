"""External SPARQL stores for the tests: `oxigraph serve` and a private Virtuoso 7, each
on a free loopback port, started as their own process group and stopped by its id."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.processes import VIRTUOSO_INI, die_with_parent, stop_group
from tests.conftest import free_port

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_SKIP = ("virtuoso-t is not installed: run `sudo bash .ci/install-system-packages` "
                 "(Debian package virtuoso-opensource) to enable the Virtuoso tests")


@dataclass
class StoreProcess:
    query_url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        stop_group(self.process, 20)


def _wait(server: StoreProcess, timeout: float) -> StoreProcess:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.query_url} exited: {server.log.read_text()[-2000:]}")
        try:
            answer = requests.post(server.query_url, data={"query": "ASK {}"}, timeout=2)
            if answer.status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"{server.query_url} did not answer within {timeout:g} s")


def start_oxigraph(location: Path) -> StoreProcess:
    """`oxigraph serve` presenting the union of its named graphs as the default graph,
    like the embedded store and Virtuoso."""
    port = free_port()
    log = location.with_suffix(".log")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=die_with_parent())
    return _wait(StoreProcess(f"http://127.0.0.1:{port}/query", process, log), 30)


def start_virtuoso(directory: Path) -> StoreProcess:
    """A private Virtuoso on loopback with a new database in `directory` (user dba,
    password dba); initialising it takes a few seconds."""
    assert VIRTUOSO is not None
    directory.mkdir(parents=True, exist_ok=True)
    return _run_virtuoso(directory)


def _run_virtuoso(directory: Path) -> StoreProcess:
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port,
                                       threads=4, buffers=10000, dirty=6000,
                                       max_rows=1000000, max_seconds=60), encoding="utf-8")
    log = directory / "stdout.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"],
                                   cwd=directory, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True, preexec_fn=die_with_parent())
    return _wait(StoreProcess(f"http://127.0.0.1:{http_port}/sparql", process, log), 120)
