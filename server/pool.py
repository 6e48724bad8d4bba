"""Where queries run: a small pool of executor processes (embedded store) that can be killed
when a query passes the timeout, or the store itself (any other store, e.g. a remote
endpoint that enforces its own limits).

Both runners answer `run(job)` with the result kind, the chosen format and an iterator of
bytes; errors found before the first byte (syntax, 406, timeout, overload) are raised as
KgError so the server can answer them with a proper status.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Protocol

from graph.errors import KgError, StoreError
from graph.store.base import Dataset, Store
from graph.store.formats import by_name
from server.executor import Job, format_for

# How long a newly started executor may take to open the store and say it is ready.
STARTUP_GRACE = 15.0


class QueryTimeout(KgError):
    http_status = 504


class Overloaded(KgError):
    """Every executor is busy and the waiting line is full: come back shortly."""

    http_status = 503
    retry_after = 2


class ExecutorDied(KgError):
    """The executor process died under a query; a fresh one replaces it."""

    http_status = 503
    retry_after = 1


class QueryFailed(KgError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.http_status = status


# kind, format name, and the bytes: a list when complete, an iterator while streaming
Answer = tuple[str, str, list[bytes] | Iterator[bytes]]


class Runner(Protocol):
    def run(self, job: Job) -> Answer: ...

    def close(self) -> None: ...


# A query shape whose runs took this long or more is heavy: it may not take the short lane.
HEAVY_SECONDS = 0.25
# The main lanes' niceness beside short lanes (KG_MAIN_LANE_NICE): when the cores are
# busy, a quick query in a short lane (and the HTTP front) gets the CPU before the heavy
# ones in the main lanes. On the 1M-triple mix with 4 clients (alternating rounds, same
# run): median latency 40.2 -> 19.8 ms and 11.2 -> 12.5 queries/s. The price: on a machine
# shared with other work, the heavy queries also yield to that work.
MAIN_LANE_NICE = 10


def main_lane_nice_from_env() -> int:
    raw = os.environ.get("KG_MAIN_LANE_NICE", "").strip()
    return max(0, min(19, int(raw))) if raw.lstrip("-").isdigit() else MAIN_LANE_NICE
_COMMENT = re.compile(r"(?m)(^|\s)#[^\n]*")
_SPACE = re.compile(r"\s+")


def query_shape(text: str) -> str:
    """What repeated runs of one question share: the text without comments (a `#` at the
    start of a line or after a space; one inside an IRI stays) and with spaces collapsed.
    Only used to predict cost, never to share answers."""
    return _SPACE.sub(" ", _COMMENT.sub(" ", text)).strip()


# A query shape whose last executor run took at most this much CPU time is tried once in
# the front process itself (`ExecutorPool._inline`), and kept there while its runs there
# take at most this much. CPU time, not wall time: on busy cores the wall time of a 0.5 ms
# lookup passed 5 ms now and then, which sent it back to the executors for good.
INLINE_SECONDS = 0.005


class QueryCosts:
    """The last observed duration of each query shape in an executor, and the CPU time of
    its last whole answer in an executor and in the front (bounded: forgotten when
    full)."""

    MAX = 4096

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}
        self._cpu: dict[str, float] = {}
        self._inline: dict[str, float] = {}
        self._lock = threading.Lock()

    def heavy(self, shape: str) -> bool:
        return self._seconds.get(shape, 0.0) >= HEAVY_SECONDS

    def inline(self, shape: str) -> bool:
        """Whether to run the shape in the front: its runs there were quick, or it has not
        run there yet and its executor runs were quick. (A shape that was quick from an
        executor's memory copy but not from the front's disk view, like q3 at 1.2 against
        29 ms, stays with the executors.)"""
        there = self._inline.get(shape)
        if there is not None:
            return there <= INLINE_SECONDS
        return self._cpu.get(shape, 1.0) <= INLINE_SECONDS

    def record(self, shape: str, seconds: float, *, cpu: float | None = None,
               inline: bool = False) -> None:
        """`seconds` of an executor run, or with `inline` the CPU seconds of a run in the
        front; `cpu`: the CPU seconds of an executor's whole answer."""
        with self._lock:
            if len(self._seconds) + len(self._inline) >= self.MAX:
                self._seconds.clear()
                self._cpu.clear()
                self._inline.clear()
            if inline:
                self._inline[shape] = seconds
                return
            self._seconds[shape] = seconds
            if cpu is not None:
                self._cpu[shape] = cpu


class _Executor:
    """One executor process and our end of its socket."""

    def __init__(self, store_path: str, *, lane: str = "main", snapshot: str = "off",
                 nice: int = 0) -> None:
        self.lane = lane  # "main", or "short": kept for queries expected to be quick
        self.snapshot = snapshot
        parent_sock, child_sock = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.executor", "--fd", str(child_sock.fileno()),
             "--snapshot", snapshot, "--nice", str(nice), store_path],
            pass_fds=(child_sock.fileno(),), stdin=subprocess.DEVNULL,
        )
        child_sock.close()
        self.conn = Connection(parent_sock.detach())
        self._poll = select.poll()  # kept: cheaper than a new selector on every wait
        self._poll.register(self.conn.fileno(), select.POLLIN)
        self.ready = False

    def readable(self, timeout: float) -> bool:
        """Whether a message (or the end of the socket) arrives within `timeout` s.

        Waiting without sleeping first (spinning) was tried: on two cores it took a core
        from the HTTP threads and the client, and doubled the latency of small queries."""
        return timeout > 0 and bool(self._poll.poll(math.ceil(timeout * 1000)))

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise StoreError("a query executor did not start in time")
        message = self.conn.recv()
        if message[0] != "ready":
            raise StoreError(f"a query executor failed to start: {message!r}")
        self.ready = True

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.conn.close()
        # Reap in the background; a killed process exits at once.
        threading.Thread(target=self.process.wait, daemon=True).start()


class ExecutorPool:
    """`size` executor processes over the store at `store_path`, a bounded waiting line in
    front of them, and a deadline on every query.

    Scheduling: with two executors or more, those beyond one per core (at least one) are
    short lanes. A query whose earlier runs (of the same shape: the text without comments
    and extra spaces) took `HEAVY_SECONDS` or more may not take them, so a millisecond
    question never waits behind a line of seconds-long ones; a query never seen before
    counts as short. With the memory snapshot in `auto` mode the short lanes answer from
    disk, which keeps copies of the graph to one per core (short queries take milliseconds
    either way). The main lanes run at a lower CPU priority (`KG_MAIN_LANE_NICE`), so on
    busy cores the short lanes and the front come first. A shape whose runs took a few
    milliseconds at most (`INLINE_SECONDS`) is answered in the front process itself
    (`_inline`): under the 4-client mix at 1M triples the point lookups q1 and q7 took
    6.2 and 5.9 ms there through an executor (oxigraph serve: 2.5 and 2.3 ms), 3.9 and
    3.7 ms answered in the front (oxigraph: 3.1 and 2.9 ms; `python -m bench.stages`)."""

    def __init__(self, store_path: str, *, size: int, queue_size: int, timeout: float,
                 snapshot: str = "off", front_store: Store | None = None) -> None:
        self.store_path = store_path
        self.front_store = front_store  # the front's own read-only view, for `_inline`
        self.timeout = timeout
        self.queue_size = queue_size
        self.snapshot = snapshot
        self._idle: list[_Executor] = []  # most recently used last
        self._waiting = 0
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)
        self._closed = False
        self._all: set[_Executor] = set()
        self.costs = QueryCosts()
        size = max(1, size)
        # Executors beyond one per core are short lanes; at least one when there are two.
        from server.settings import usable_cores

        short = 0 if size < 2 else max(1, size - usable_cores())
        self._main_nice = main_lane_nice_from_env() if short else 0
        for index in range(size):
            lane = "short" if index >= size - short else "main"
            self._idle.append(self._spawn(lane))

    def _spawn(self, lane: str) -> _Executor:
        snapshot = "off" if lane == "short" and self.snapshot == "auto" else self.snapshot
        executor = _Executor(self.store_path, lane=lane, snapshot=snapshot,
                             nice=self._main_nice if lane == "main" else 0)
        with self._lock:
            self._all.add(executor)
        return executor

    def _release(self, executor: _Executor) -> None:
        with self._freed:
            self._idle.append(executor)
            self._freed.notify_all()

    def _replace(self, dead: _Executor) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)
        if not self._closed:
            self._release(self._spawn(dead.lane))

    def _take(self, heavy: bool) -> _Executor | None:
        """An idle executor this query may use (lock held): the most recently used main
        one (its caches are warm), else the short lane unless the query is heavy."""
        for executor in reversed(self._idle):
            if executor.lane == "main":
                self._idle.remove(executor)
                return executor
        if not heavy:
            for executor in reversed(self._idle):
                self._idle.remove(executor)
                return executor
        return None

    def _acquire(self, deadline: float, heavy: bool = False) -> _Executor:
        with self._freed:
            if self._waiting >= self.queue_size:
                raise Overloaded("the server is busy (every query executor is in use and the "
                                 "waiting line is full); retry in a moment")
            self._waiting += 1
            try:
                while True:
                    executor = self._take(heavy)
                    if executor is not None:
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Overloaded("the server is busy: no query executor became free "
                                         "before the timeout; retry in a moment")
                    self._freed.wait(remaining)
            finally:
                self._waiting -= 1
        try:
            # A replacement process may still be starting (a cold Python start under load
            # takes a second or more); that is the server's time, not the query's.
            executor.wait_ready(max(STARTUP_GRACE, deadline - time.monotonic()))
        except (StoreError, OSError, EOFError):
            self._replace(executor)
            raise
        return executor

    def _receive(self, executor: _Executor, deadline: float) -> tuple[object, ...]:
        remaining = deadline - time.monotonic()
        try:
            if remaining > 0 and executor.readable(remaining):
                return executor.conn.recv()
        except (EOFError, OSError):
            # The process died under this query (out of memory, a crash in the engine).
            # It is replaced at once, so this is the server's trouble and retryable: 503
            # (with Retry-After), not a 500.
            self._replace(executor)
            raise ExecutorDied("the query executor stopped unexpectedly (out of memory?) "
                               "and was restarted; the query was not completed; retry, or "
                               "simplify the query if it happens again") from None
        self._replace(executor)
        raise QueryTimeout(f"the query was stopped after {self.timeout:g} s "
                           "(KG_QUERY_TIMEOUT); simplify it or add a LIMIT")

    def run(self, job: Job) -> Answer:
        """Send `job` to a free executor and return its answer as it streams. Waiting for
        a free executor is bounded by the timeout too (then 503); the query itself gets
        the whole timeout from the moment it is sent (then 504)."""
        shape = query_shape(job.query)
        if self.front_store is not None and self.costs.inline(shape):
            return self._inline(job, shape)
        asked = time.monotonic()
        executor = self._acquire(asked + self.timeout, self.costs.heavy(shape))
        started = time.monotonic()
        deadline = started + self.timeout
        try:
            executor.conn.send(job)
        except OSError:
            self._replace(executor)
            raise ExecutorDied("the query executor stopped unexpectedly and was restarted; "
                               "retry in a moment") from None
        try:
            message = self._receive(executor, deadline)
        except QueryTimeout:
            self.costs.record(shape, self.timeout)
            raise
        if message[0] == "error":
            self._release(executor)
            raise QueryFailed(int(message[1]), str(message[2]))  # type: ignore[call-overload]
        _ok, kind, fmt_name, chunk, done, engine_ms, cpu_ms, source = message
        job.stages.update({"wait_ms": round((started - asked) * 1000, 2),
                           "executor_ms": round((time.monotonic() - started) * 1000, 2),
                           "engine_ms": engine_ms, "cpu_ms": cpu_ms, "lane": executor.lane,
                           "source": source})
        if done:
            self.costs.record(shape, time.monotonic() - started,
                              cpu=float(cpu_ms) / 1000)  # type: ignore[arg-type]
            self._release(executor)
            return str(kind), str(fmt_name), [chunk]  # type: ignore[list-item]
        return str(kind), str(fmt_name), self._stream(executor, chunk, deadline,  # type: ignore[arg-type]
                                                      shape, started)

    def _inline(self, job: Job, shape: str) -> Answer:
        """Run a query known to take milliseconds in the front process, from its own
        read-only view of the live generation: no hop to an executor and back (two
        process wake-ups, which cost 0.4-3 ms each under the mix on two busy cores). The
        engine releases the GIL while it evaluates. Such a query cannot be stopped by
        the timeout; only shapes whose earlier runs took at most INLINE_SECONDS of CPU come
        here, and one that takes more here goes back to the executors."""
        assert self.front_store is not None
        began, cpu = time.monotonic(), time.thread_time()
        try:
            result = self.front_store.query(job.query, base_iri=job.base_iri,
                                            dataset=Dataset(job.default_graphs,
                                                            job.named_graphs))
            fmt = format_for(job, result.kind)
            chunks = list(result.serialize(fmt))
        except KgError:
            raise
        except Exception as exc:
            raise QueryFailed(500, f"query evaluation failed: {exc}") from exc
        finally:
            # In this thread: the engine evaluates in it, with the GIL released.
            self.costs.record(shape, time.thread_time() - cpu, inline=True)
        if sum(len(c) for c in chunks) > job.max_bytes:
            raise QueryFailed(413, f"the answer is larger than {job.max_bytes} bytes "
                                   "(KG_MAX_RESULT_BYTES): add a LIMIT")
        job.stages.update({"engine_ms": round((time.monotonic() - began) * 1000, 2),
                           "cpu_ms": round((time.thread_time() - cpu) * 1000, 2),
                           "lane": "front", "source": "disk"})
        return result.kind, fmt.name, chunks

    def _stream(self, executor: _Executor, first: bytes, deadline: float, shape: str,
                started: float) -> Iterator[bytes]:
        finished = False
        try:
            yield first
            while True:
                message = self._receive(executor, deadline)
                if message[0] == "error":
                    finished = True
                    self._release(executor)
                    # Headers are gone: breaking the chunked stream tells the client.
                    raise QueryFailed(int(message[1]), str(message[2]))  # type: ignore[call-overload]
                _tag, chunk, done = message
                yield chunk  # type: ignore[misc]
                if done:
                    finished = True
                    self.costs.record(shape, time.monotonic() - started)
                    self._release(executor)
                    return
        finally:
            if not finished and executor.conn.closed is False:
                # The client went away or the deadline passed mid-answer: the executor may
                # still be writing, so it cannot be reused.
                self._replace(executor)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            executors = list(self._all)
            self._all.clear()
        for executor in executors:
            executor.kill()


class InlineRunner:
    """Runs queries on the store in the request thread: for stores that are not on this
    machine's disk (a remote endpoint has its own timeout) and for in-process tests."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def run(self, job: Job) -> Answer:
        result = self.store.query(job.query, base_iri=job.base_iri,
                                  dataset=Dataset(job.default_graphs, job.named_graphs))
        key, name = (("rdf", job.rdf_format) if result.kind == "graph"
                     else ("results", job.results_format))
        fmt = by_name(name, key) if name else None
        if fmt is None:
            raise QueryFailed(406, job.not_acceptable.get(key, "not acceptable"))
        chunks = list(result.serialize(fmt))  # consumed here, in the thread that queried
        return result.kind, fmt.name, chunks

    def close(self) -> None:
        pass


def make_runner(store: Store, *, size: int, queue_size: int, timeout: float,
                snapshot: str = "off") -> Runner:
    """An executor pool for the embedded store, the inline runner for anything else."""
    from graph.store.embedded import EmbeddedStore

    if isinstance(store, EmbeddedStore):
        return ExecutorPool(str(store.root), size=size, queue_size=queue_size,
                            timeout=timeout, snapshot=snapshot, front_store=store)
    return InlineRunner(store)
