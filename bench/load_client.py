"""The load client: N threads sending queries over keep-alive connections for a fixed time,
recording status, latency and Retry-After of every answer. Also the server's peak memory,
read from /proc over its whole process tree (server, workers, query executors).

Loopback only: the client refuses any other host."""

from __future__ import annotations

import contextlib
import http.client
import os
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


@dataclass
class Sample:
    name: str
    status: int  # 0: no answer (connection error or client timeout)
    seconds: float
    retry_after: bool
    detail: str = ""  # start of the body of an answer other than 200


@dataclass
class Run:
    """The samples of one phase and its wall time."""

    clients: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)

    def select(self, names: set[str] | None = None) -> list[Sample]:
        return [s for s in self.samples if names is None or s.name in names]

    def summary(self, names: set[str] | None = None) -> dict[str, object]:
        chosen = self.select(names)
        ok = sorted(s.seconds for s in chosen if s.status == 200)
        statuses: dict[str, int] = {}
        for sample in chosen:
            statuses[str(sample.status)] = statuses.get(str(sample.status), 0) + 1
        shed = [s for s in chosen if s.status == 503]
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "requests": len(chosen),
            "ok": len(ok),
            "throughput_qps": round(len(ok) / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": _pct(ok, 50),
            "p95_ms": _pct(ok, 95),
            "p99_ms": _pct(ok, 99),
            "statuses": statuses,
            "errors": sum(n for code, n in statuses.items() if code not in {"200", "503",
                                                                             "504"}),
            "no_answer": statuses.get("0", 0),
            "shed_503": len(shed),
            "shed_with_retry_after": sum(1 for s in shed if s.retry_after),
        }


def _pct(values: list[float], pct: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0] * 1000, 2)
    cut = statistics.quantiles(values, n=100, method="inclusive")
    return round(cut[pct - 1] * 1000, 2)


class Client:
    """One keep-alive connection to the server; reconnects after an error."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError("the load client only talks to a server on this machine")
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def query(self, name: str, text: str) -> Sample:
        body = urlencode({"query": text}).encode()
        started = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port,
                                                       timeout=self.timeout)
            self.conn.request("POST", "/sparql", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
            response = self.conn.getresponse()
            data = response.read()
            status, retry = response.status, response.getheader("Retry-After") is not None
            detail = "" if status == 200 else data[:160].decode("utf-8", "replace")
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            status, retry, detail = 0, False, repr(exc)[:160]
        return Sample(name, status, time.monotonic() - started, retry, detail)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_clients(url: str, clients: int, seconds: float,
                pick: Callable[[int, int], tuple[str, str]], *, timeout: float = 60.0,
                max_requests: int = 200_000) -> Run:
    """`clients` threads, each sending `pick(client, n)` queries back to back for
    `seconds` (requests already sent are answered; at most `max_requests` in all)."""
    run = Run(clients, seconds)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    sent = [0]

    def worker(index: int) -> None:
        client = Client(url, timeout)
        n = 0
        local: list[Sample] = []
        try:
            while time.monotonic() < stop_at:
                with lock:
                    if sent[0] >= max_requests:
                        break
                    sent[0] += 1
                name, text = pick(index, n)
                local.append(client.query(name, text))
                n += 1
        finally:
            client.close()
            with lock:
                run.samples.extend(local)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 30)
    run.seconds = time.monotonic() - started
    return run


def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _role(pid: int) -> str:
    """What a process of `kg serve`'s tree is, from its command line: the front, a query
    executor (a main lane with a memory copy, a short lane on disk), the derived-tables
    writer."""
    try:
        argv = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return "gone"
    words = [a.decode("utf-8", "replace") for a in argv]
    if "server.executor" in words:
        snapshot = words[words.index("--snapshot") + 1] if "--snapshot" in words else "off"
        return "main executor" if snapshot != "off" else "short executor"
    if "graph.store.derive" in words:
        return "tables writer"
    return "front"


def tree_rss_by_process(pid: int) -> dict[int, int]:
    """Resident memory in bytes of `pid` and of each of its descendants."""
    page = os.sysconf("SC_PAGE_SIZE")
    rss = {}
    for current in _tree(pid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            rss[current] = int((Path("/proc") / str(current) / "statm").read_text()
                               .split()[1]) * page
    return rss


def tree_cpu_seconds(pid: int) -> float:
    """User and system CPU seconds used so far by `pid` and its living descendants."""
    total = 0
    for current in _tree(pid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (Path("/proc") / str(current) / "stat").read_text().rsplit(")", 1)[1]
            total += int(fields.split()[11]) + int(fields.split()[12])
    return total / os.sysconf("SC_CLK_TCK")


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of `pid` and all its descendants."""
    return sum(tree_rss_by_process(pid).values())


class PeakMemory:
    """Samples the server tree's RSS every `interval` seconds in the background: the peak
    of the sum, and per `phase` (set by the caller as its run goes on) the peak with what
    each process held at that moment, so the moment that makes the peak can be named."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.phase = "start"
        # phase -> {"mb": the peak of the sum, "at": UTC, "processes": {role: [MB, ...]}}
        self.phases: dict[str, dict[str, object]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        roles: dict[int, str] = {}
        while not self._stop.is_set():
            by_pid = tree_rss_by_process(self.pid)
            total = sum(by_pid.values())
            self.peak = max(self.peak, total)
            phase = self.phase
            seen = self.phases.get(phase)
            if seen is None or round(total / 1e6) > int(seen["mb"]):  # type: ignore[call-overload]
                processes: dict[str, list[int]] = {}
                for pid, rss in sorted(by_pid.items()):
                    role = roles.get(pid) or roles.setdefault(pid, _role(pid))
                    processes.setdefault(role, []).append(round(rss / 1e6))
                self.phases[phase] = {"mb": round(total / 1e6),
                                      "at": time.strftime("%H:%M:%S", time.gmtime()),
                                      "processes": processes}
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
