"""Slow-client figures: trivial queries on new connections beside N connections that stall
mid-request (a third in the request line, a third in the headers, a third in a declared
body), and how many of the stalled connections the server has closed some seconds later.

    python -m bench.slow_clients --store DIR [--counts 80,1000]

Run against `kg serve` and `oxigraph serve-read-only` on the same generation, in the same
run; `bench.load` includes it in its report."""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bench.processes import die_with_parent, free_port, stop_group

STALLS = (b"GET /sparql?query=ASK",
          b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: b\r\n",
          b"POST /sparql HTTP/1.1\r\nHost: b\r\nContent-Type: application/sparql-query\r\n"
          b"Content-Length: 100\r\n\r\nASK")


def _ask(host: str, port: int, path: str) -> float | None:
    """Seconds for `ASK {}` on a new connection; None without an answer within 15 s."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=15)
    try:
        conn.request("GET", path + "?query=ASK%7B%7D",
                     headers={"Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        response.read()
        return time.perf_counter() - started if response.status == 200 else None
    except OSError:
        return None
    finally:
        conn.close()


def _closed(sock: socket.socket) -> bool:
    sock.settimeout(0.01)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except TimeoutError:
        return False
    except OSError:
        return True


def measure(url: str, count: int, requests: int = 200, wait_closed: float = 15.0,
            ) -> dict[str, Any]:
    """Trivial-query latency beside `count` stalled connections, and how many of those
    the server closed within `wait_closed` seconds."""
    parts = urllib.parse.urlsplit(url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
    stalled: list[socket.socket] = []
    try:
        for n in range(count):
            try:
                sock = socket.create_connection((host, port), timeout=5)
                sock.sendall(STALLS[n % len(STALLS)])
            except OSError:
                break  # the server accepts no more connections: say how many it took
            stalled.append(sock)
        latencies = [_ask(host, port, path) for _ in range(requests)]
        answered = sorted(x for x in latencies if x is not None)
        started = time.monotonic()
        while time.monotonic() - started < wait_closed:
            time.sleep(1)
        closed = sum(1 for sock in stalled if _closed(sock))
    finally:
        for sock in stalled:
            sock.close()

    def at(q: float) -> float | None:
        if not answered:
            return None
        return round(answered[min(len(answered) - 1, int(q * len(answered)))] * 1000, 2)

    return {"stalled": count, "opened": len(stalled), "requests": requests,
            "answered": len(answered),
            "p50_ms": at(0.5), "p99_ms": at(0.99),
            f"stalled_closed_after_{wait_closed:g}s": closed}


def start_oxigraph(store: Path) -> tuple[str, subprocess.Popen[bytes]]:
    generation = (store / "CURRENT").read_text(encoding="ascii").strip()
    port = free_port()
    binary = str(Path(sys.executable).with_name("oxigraph"))
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store / "gens" / generation),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        start_new_session=True,
        preexec_fn=die_with_parent(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _ask("127.0.0.1", port, "/query") is None:
        time.sleep(0.2)
    return url, process


def compare(our_url: str, store: Path, counts: list[int]) -> dict[str, Any]:
    """The figures for our server (already running at `our_url`) and for `oxigraph
    serve` started here on the same store."""
    result: dict[str, Any] = {"kg serve": [measure(our_url, n) for n in counts]}
    url, process = start_oxigraph(store)
    try:
        result["oxigraph serve"] = [measure(url, n) for n in counts]
    finally:
        stop_group(process, 10)
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = ["| server | stalled connections | ASK {} p50 ms | p99 ms | answered | "
             "stalled ones closed by the server 15 s later |", "|---|---:|---:|---:|---:|---:|"]
    for server, rows in result.items():
        for row in rows:
            closed = next(v for k, v in row.items() if k.startswith("stalled_closed"))
            opened = row.get("opened", row["stalled"])
            stalled = (row["stalled"] if opened == row["stalled"]
                       else f"{row['stalled']} (only {opened} accepted)")
            lines.append(f"| {server} | {stalled} | {row['p50_ms']} | {row['p99_ms']} "
                         f"| {row['answered']}/{row['requests']} | {closed} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--counts", default="80,1000")
    args = parser.parse_args(argv)
    from bench.load import Server

    server = Server(args.store, {})
    try:
        result = compare(server.url + "/sparql", args.store,
                         [int(c) for c in args.counts.split(",")])
    finally:
        server.stop()
    print(json.dumps(result, indent=1))
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
