"""The query executor: a child process that runs SPARQL queries over the embedded store and
streams the serialized answer back over a socket.

Why a process: pyoxigraph cannot cancel a query, and a result object must be consumed in
the thread that created it. A query that runs past the timeout is stopped by killing the
process that runs it (`server.pool` then starts a fresh one); the server process itself
never evaluates a query and keeps answering.

Wire protocol (multiprocessing `Connection` over a socketpair, one job at a time):

    parent -> child  Job
    child -> parent  ("ok", kind, format_name, chunk, done, engine_ms, cpu_ms, source)
                                                           first chunk of the answer, the
                                                           time to it in the executor and
                                                           the CPU time of it, and
                                                           "memory" or "disk"
                     ("data", chunk, done)                 the following chunks
                     ("error", http_status, message)       instead of, or after, "ok"
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from graph.errors import KgError
from graph.store.base import Dataset
from graph.store.formats import RDF_FORMATS, RESULT_FORMATS, Format, by_name

if TYPE_CHECKING:
    from server.snapshot import Snapshots

CHUNK = 64 * 1024
# After a job this long, freed memory goes back to the system (see `_trimmer`); after a
# shorter one, when no other job came within IDLE_TRIM_SECONDS.
TRIM_AFTER_SECONDS = 0.25
IDLE_TRIM_SECONDS = 1.0


@dataclass
class Job:
    """One query and how its answer is wanted (formats chosen by the server for each
    result kind, since the kind is only known once the engine has parsed the query)."""

    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    base_iri: str | None = None
    results_format: str | None = None  # short name, or None when not acceptable
    rdf_format: str | None = None
    not_acceptable: dict[str, str] = field(default_factory=dict)  # kind -> message
    max_bytes: int = 256 * 1024 * 1024
    # Filled in by the server as the job runs (not sent): milliseconds per stage, for the
    # access log.
    stages: dict[str, object] = field(default_factory=dict)


class ResultTooLarge(KgError):
    http_status = 413


class _Sink:
    """The file object pyoxigraph writes to: sends 64 kB chunks as they fill, so memory
    stays flat and the first bytes leave before the whole answer is computed."""

    def __init__(self, conn: Connection, kind: str, fmt: Format, max_bytes: int,
                 began: float, cpu: float, source: str) -> None:
        self.conn, self.kind, self.fmt, self.max_bytes = conn, kind, fmt, max_bytes
        self.began, self.cpu, self.source = began, cpu, source
        self.buffer = bytearray()
        self.total = 0
        self.started = False

    def write(self, data: bytes) -> int:
        self.total += len(data)
        if self.total > self.max_bytes:
            raise ResultTooLarge(
                f"the answer is larger than {self.max_bytes} bytes (KG_MAX_RESULT_BYTES): "
                "add a LIMIT, or ask for fewer variables")
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self._send(done=False)
        return len(data)

    def flush(self) -> None:
        pass

    def _send(self, *, done: bool) -> None:
        chunk = bytes(self.buffer)
        self.buffer.clear()
        if not self.started:
            engine_ms = round((time.perf_counter() - self.began) * 1000, 2)
            cpu_ms = round((time.thread_time() - self.cpu) * 1000, 2)
            self.conn.send(("ok", self.kind, self.fmt.name, chunk, done, engine_ms, cpu_ms,
                            self.source))
            self.started = True
        else:
            self.conn.send(("data", chunk, done))

    def close(self) -> None:
        self._send(done=True)


def format_for(job: Job, kind: str) -> Format:
    table, name = ((RDF_FORMATS, job.rdf_format) if kind == "graph"
                   else (RESULT_FORMATS, job.results_format))
    key = "rdf" if kind == "graph" else "results"
    fmt = by_name(name, key) if name else None
    if fmt is None:
        message = job.not_acceptable.get(key) or (
            "none of the requested media types is offered for this result; offered: "
            + ", ".join(f.media_type for f in table))
        raise _NotAcceptable(message)
    return fmt


class _NotAcceptable(KgError):
    http_status = 406


def run_job(store: object, job: Job, conn: Connection,
            snapshots: Snapshots | None = None) -> None:
    """Run one job and send its answer (or its error) on `conn`: from the memory copy of
    the live generation when one is ready, else from disk."""
    from graph.store.embedded import EmbeddedResult, EmbeddedStore, query_store

    assert isinstance(store, EmbeddedStore)
    sink: _Sink | None = None
    started, cpu = time.perf_counter(), time.thread_time()
    try:
        dataset = Dataset(job.default_graphs, job.named_graphs)
        memory = snapshots.store_for(store.generation) if snapshots else None
        if memory is not None:
            result = EmbeddedResult(query_store(memory, job.query, base_iri=job.base_iri,
                                                dataset=dataset), None)
        else:
            result = store.query(job.query, base_iri=job.base_iri, dataset=dataset)
        fmt = format_for(job, result.kind)
        sink = _Sink(conn, result.kind, fmt, job.max_bytes, started, cpu,
                     "disk" if memory is None else "memory")
        raw = result._raw  # the pyoxigraph object: serialized natively, in this thread
        raw.serialize(sink, format=fmt.native)  # type: ignore[arg-type]  # a file-like sink
        sink.close()
    except KgError as exc:
        conn.send(("error", exc.http_status, exc.message))
    except Exception as exc:
        # pyoxigraph reports evaluation failures (bad SERVICE answer, wrapped sink errors)
        # as OSError/RuntimeError/ValueError; the sink's own errors arrive wrapped too.
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, KgError):
            conn.send(("error", cause.http_status, cause.message))
        elif sink is not None and sink.total > sink.max_bytes:
            conn.send(("error", 413, f"the answer is larger than {sink.max_bytes} bytes "
                                     "(KG_MAX_RESULT_BYTES): add a LIMIT"))
        else:
            conn.send(("error", 500, f"query evaluation failed: {exc}"))


def _trimmer() -> Callable[[int], object]:
    """glibc's `malloc_trim(0)`, or a no-op where there is none. The engine allocates
    through malloc, which keeps freed memory for reuse: after one large GROUP BY (cq09 at
    1M triples) an executor held ~100 MB more for good; trimming took 2-14 ms and gave it
    back, which keeps the server within its memory budget."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda *_: None


def serve(fd: int, store_path: str, snapshot: str = "off") -> None:
    """The executor's loop: one job after another until the parent closes the socket."""
    from graph.store.embedded import EmbeddedStore
    from server.snapshot import Snapshots, max_bytes_from_env

    # The server process handles Ctrl-C and SIGTERM; executors just die with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    store = EmbeddedStore(store_path)
    trim = _trimmer()

    def after_copy() -> None:
        # Once the copy answers, the disk store's caches (filled by the answers from disk
        # meanwhile) and the freed buffers of loading the copy are given back: the main
        # executors held 504 and 572 MB through the timed rounds of a benchmark run at 1M
        # triples without this, 506 and 508 MB with it. The disk store is opened again,
        # without them, in 30-40 ms.
        store.close()
        trim(0)

    snapshots = (Snapshots(store, snapshot, max_bytes_from_env(), after_copy=after_copy)
                 if snapshot != "off" else None)
    if snapshots is not None:
        snapshots.store_for(store.generation)  # start copying now, not at the first query
    conn.send(("ready", os.getpid()))
    idle_trim = False
    while True:
        try:
            if idle_trim and not conn.poll(IDLE_TRIM_SECONDS):
                trim(0)  # nothing to do for a second: nobody waits for it
                idle_trim = False
            job = conn.recv()
        except (EOFError, OSError):
            return
        started = time.monotonic()
        run_job(store, job, conn, snapshots)
        idle_trim = time.monotonic() - started < TRIM_AFTER_SECONDS
        if not idle_trim:
            trim(0)  # after the answer left: the next job waits, the client does not


def main() -> None:
    parser = argparse.ArgumentParser(description="conflict-kg query executor (internal)")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--snapshot", choices=("auto", "on", "off"), default="off")
    parser.add_argument("--nice", type=int, default=0,
                        help="added niceness: the main lanes yield the CPU to short lanes")
    parser.add_argument("store")
    args = parser.parse_args()
    if args.nice > 0:
        os.nice(args.nice)
    # Die with the server: a parent killed with SIGKILL cannot stop us itself.
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    serve(args.fd, args.store, args.snapshot)


if __name__ == "__main__":
    main()
