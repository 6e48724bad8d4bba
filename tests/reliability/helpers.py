"""Helpers for the reliability tests: synthetic corpora, store fingerprints, a listener
that records every connection made to it, a relay that tells when a build starts writing
to a store, and `kg` as a real subprocess."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import random
import re
import signal
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import pyoxigraph as ox

from bench.processes import die_with_parent
from tests.conftest import CORPUS, KG, free_port

ROOT = CORPUS.parent
OXIGRAPH = str(Path(KG).with_name("oxigraph"))

# Words swapped in copies of the seed articles so every copy is a different article.
_SWAPS = [("Kyrgyzstan", "Kazakhstan"), ("Tajikistan", "Uzbekistan"), ("Friday", "Monday"),
          ("Batken", "Osh"), ("ceasefire", "truce"), ("border", "frontier"),
          ("Moscow", "Astana"), ("soldiers", "troops")]


def seed_articles() -> list[tuple[str, dict[str, str]]]:
    """(text, tsv row) of each article of the default corpus."""
    with open(CORPUS / "articles.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [((CORPUS / row["file"]).read_text(encoding="utf-8"), row) for row in rows]


def make_corpus(target: Path, copies: int, *, variant: int = 0, repeat: int = 1,
                extra: dict[str, bytes] | None = None, names: str | None = None) -> Path:
    """A corpus of `copies` variations of each seed article. `variant` changes every text
    so two corpora with different variants build different graphs; `repeat` makes each
    article longer; `names` fixes the file names (so two variants share graph names).
    `extra` adds files (name -> raw bytes) listed in articles.tsv too."""
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(variant * 7919 + copies)
    rows: list[dict[str, str]] = []
    for n in range(copies):
        for i, (text, row) in enumerate(seed_articles()):
            body = text
            for old, new in rng.sample(_SWAPS, k=3):
                body = body.replace(old, new)
            body = "\n\n".join([body] * repeat)
            body += f"\n\nReport {variant}-{n}-{i} was filed on day {n % 28 + 1}.\n"
            name = f"{names or f'v{variant}'}-{n:04d}-{i}.txt"
            (target / name).write_text(body, encoding="utf-8")
            rows.append({**row, "file": name, "title": f"{row['title']} ({variant}/{n})"})
    for name, raw in (extra or {}).items():
        (target / name).write_bytes(raw)
        rows.append({"file": name, "title": f"extra {name}", "reported_date": "2022-09-16",
                     "publisher": "unknown", "url": "unknown", "note": ""})
    with open(target / "articles.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()), delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


_BNODE = re.compile(rb"_:[A-Za-z0-9_\-.]+")


@dataclass(frozen=True)
class Fingerprint:
    """What a store holds: graph names, quads per graph, a hash of the sorted N-Quads
    (blank-node labels blanked, since each load relabels them)."""

    graphs: tuple[str, ...]
    counts: tuple[int, ...]
    digest: str
    per_graph: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    per_graph_count: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def quads(self) -> int:
        return sum(self.counts)


def fingerprint_nquads(data: bytes) -> Fingerprint:
    """Fingerprint of an N-Quads document."""
    lines = sorted(_BNODE.sub(b"_:b", line) for line in data.splitlines() if line.strip())
    by_graph: dict[str, list[bytes]] = {}
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        by_graph.setdefault(graph, []).append(
            _BNODE.sub(b"_:b", str(ox.Triple(quad.subject, quad.predicate,
                                             quad.object)).encode()))
    names = tuple(sorted(by_graph))
    per_graph = {g: hashlib.sha256(b"\n".join(sorted(by_graph[g]))).hexdigest()
                 for g in names}
    return Fingerprint(names, tuple(len(by_graph[g]) for g in names),
                       hashlib.sha256(b"\n".join(lines)).hexdigest(), per_graph,
                       {g: len(by_graph[g]) for g in names})


def fingerprint_store(path: Path) -> Fingerprint:
    """Open the store with `kg export` (a separate process, as a user would) and
    fingerprint it. Fails the test if the store does not open cleanly."""
    done = run_kg("export", "--store", str(path), "--format", "nq", timeout=120)
    assert done.returncode == 0, f"the store does not open: {done.stderr.decode()}"
    return fingerprint_nquads(done.stdout)


def run_kg(*args: str, timeout: float = 120, env: dict[str, str] | None = None,
           ) -> subprocess.CompletedProcess[bytes]:
    """`kg ARGS` as a subprocess, output captured as bytes."""
    return subprocess.run([KG, *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, check=False)


def assert_clean_error(done: subprocess.CompletedProcess[bytes], exit_code: int = 1) -> str:
    """A failed command exits with `exit_code` and one clear `kg: error:` line, no traceback."""
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == exit_code, (done.returncode, err)
    assert "Traceback" not in err, err
    assert "kg: error:" in err, err
    return err


def live_generations(store: Path) -> list[str]:
    """Generation directories present in a store directory."""
    return sorted(p.name for p in (store / "gens").iterdir() if p.is_dir())


class _LoopbackThread:
    """A listening socket served by one thread: started on entry, stopped and closed on
    exit."""

    def __init__(self, run: Callable[[], None]) -> None:
        self.port = free_port()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", self.port))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


class RecordingListener(_LoopbackThread):
    """A TCP listener on a loopback port that records every connection (and the first
    bytes sent), so a test can prove the server never called out."""

    def __init__(self) -> None:
        self.connections: list[bytes] = []
        super().__init__(self._run)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    data = conn.recv(4096)
                except OSError:
                    data = b""
                self.connections.append(data)
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\n"
                                 b"Content-Length: 0\r\nConnection: close\r\n\r\n")


    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


class WriteWatch(_LoopbackThread):
    """A TCP relay on a loopback port in front of a store: it passes every byte both ways
    and sets `reached` once the `nth` write request (a Graph Store PUT or DELETE) has
    started through it. A test that kills the store then kills it while a build is
    writing, however fast or loaded the machine (a kill timed from an earlier build's
    duration once came before the first write)."""

    def __init__(self, upstream_port: int, nth: int) -> None:
        self.nth = nth
        self.writes = 0
        self.reached = threading.Event()
        self._upstream = upstream_port
        self._lock = threading.Lock()
        super().__init__(self._accept)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            try:
                store = socket.create_connection(("127.0.0.1", self._upstream), timeout=5)
            except OSError:
                client.close()  # the store is gone: the client sees its connection close
                continue
            for end in (client, store):
                end.settimeout(None)
            threading.Thread(target=self._pipe, args=(client, store, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(store, client, False),
                             daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket, requests: bool) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
                # A request's line comes first in its own send; a body (N-Triples) never
                # starts with a method name.
                if requests and data.startswith((b"PUT ", b"DELETE ")):
                    with self._lock:
                        self.writes += 1
                        if self.writes >= self.nth:
                            self.reached.set()
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    end.close()



@dataclass
class Oxigraph:
    """`oxigraph serve` on a loopback port over a directory, stopped by pid."""

    location: Path
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def start_oxigraph(location: Path, port: int | None = None) -> Oxigraph:
    """Start `oxigraph serve` and wait until it answers."""
    import time

    import requests

    port = port or free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=die_with_parent())
    server = Oxigraph(location, port, process)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("oxigraph serve exited at start")
        try:
            requests.get(server.url + "/query", params={"query": "ASK {}"}, timeout=1)
            return server
        except requests.ConnectionError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("oxigraph serve did not answer")


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path | None]:
    """A tmpfs of `size` mounted at `path` for the block; None when mounting is not
    permitted here (the caller skips)."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        yield None
        return
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def remount(path: Path, mode: str) -> None:
    """Remount a tmpfs `ro` or `rw`."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(path)], check=True,
                   capture_output=True)


def drain_stderr(process: subprocess.Popen[bytes], keep: int = 200) -> list[bytes]:
    """Read a server's stderr pipe in the background (the access log goes there: a pipe
    nobody reads fills up and blocks the server). Returns the list of the last lines."""
    tail: list[bytes] = []
    stream = process.stderr
    if stream is None:
        return tail

    def run() -> None:
        for line in stream:
            tail.append(line)
            if len(tail) > keep:
                del tail[: len(tail) - keep]

    threading.Thread(target=run, daemon=True).start()
    return tail
