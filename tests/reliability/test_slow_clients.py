"""Slow and stalled clients against a real `kg serve` (issue: an HTTP front that reads
requests without holding a thread): they cost the server a socket, never a thread, and
they are closed when they are too slow."""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LiveServer, start_server

HEADER_TIMEOUT = 3
MIN_BODY_RATE = 2000
MAX_IDLE = 40
ASK = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: t\r\n\r\n"
# The three places a request can stall: the request line, the headers, a declared body.
STALLS = (b"GET /sparql?query=ASK",
          b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: t\r\n",
          b"POST /sparql HTTP/1.1\r\nHost: t\r\nContent-Type: application/sparql-query\r\n"
          b"Content-Length: 100\r\n\r\nASK")


@pytest.fixture(scope="module")
def slow_front(built_store_path: Path) -> Iterator[LiveServer]:
    server = start_server(built_store_path, env={
        "KG_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "KG_MIN_BODY_RATE": str(MIN_BODY_RATE),
        "KG_MAX_IDLE": str(MAX_IDLE)})
    yield server
    server.stop()


def _address(server: LiveServer) -> tuple[str, int]:
    host, port = server.url.removeprefix("http://").split(":")
    assert host == "127.0.0.1"
    return host, int(port)


def _ask_new_connection(server: LiveServer) -> float:
    host, port = _address(server)
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=15)
    try:
        conn.request("GET", "/sparql?query=ASK%7B%7D",
                     headers={"Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        assert response.status == 200
        assert b"true" in response.read()
    finally:
        conn.close()
    return time.perf_counter() - started


def _read_until_closed(sock: socket.socket, seconds: float) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection (bounded in time)."""
    sock.settimeout(0.5)
    started = time.monotonic()
    received = b""
    while time.monotonic() - started < seconds:
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            continue
        except ConnectionResetError:
            break
        if not chunk:
            break
        received += chunk
    return received, time.monotonic() - started


def test_a_thousand_stalled_connections_do_not_delay_others(slow_front) -> None:
    host, port = _address(slow_front)
    stalled = []
    try:
        for n in range(1000):
            sock = socket.create_connection((host, port), timeout=5)
            sock.sendall(STALLS[n % 3])
            stalled.append(sock)
        latencies = sorted(_ask_new_connection(slow_front) for _ in range(150))
        p99 = latencies[int(len(latencies) * 0.99)]
        assert p99 < 0.1, f"p99 {p99 * 1000:.1f} ms beside 1,000 stalled connections"
    finally:
        for sock in stalled:
            sock.close()


@pytest.mark.parametrize("stall", STALLS[:2], ids=["request-line", "headers"])
def test_incomplete_headers_are_answered_408_and_closed(slow_front, stall) -> None:
    sock = socket.create_connection(_address(slow_front), timeout=5)
    try:
        sock.sendall(stall)
        received, elapsed = _read_until_closed(sock, HEADER_TIMEOUT + 10)
    finally:
        sock.close()
    assert received.startswith(b"HTTP/1.1 408 "), received[:100]
    assert HEADER_TIMEOUT - 0.5 <= elapsed <= HEADER_TIMEOUT + 3, elapsed


def test_headers_sent_byte_by_byte_are_cut_at_the_timeout(slow_front) -> None:
    """Activity does not extend the header timeout: it counts from the first byte."""
    sock = socket.create_connection(_address(slow_front), timeout=5)
    started = time.monotonic()
    closed = False
    try:
        for byte in (ASK[:-2] * 10)[:200]:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.1)
            if time.monotonic() - started > HEADER_TIMEOUT + 4:
                break
        received, _ = _read_until_closed(sock, 5)
    finally:
        sock.close()
    assert closed or received.startswith(b"HTTP/1.1 408 "), received[:100]
    assert time.monotonic() - started < HEADER_TIMEOUT + 10


def test_a_trickling_body_is_closed(slow_front) -> None:
    sock = socket.create_connection(_address(slow_front), timeout=5)
    started = time.monotonic()
    received = b""
    try:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: t\r\nContent-Type: "
                     b"application/sparql-query\r\nContent-Length: 10000\r\n\r\n")
        sock.settimeout(0.2)
        for _ in range(60):  # 10 bytes every 0.2 s: 50 B/s, far below the minimum
            try:
                sock.sendall(b"#" * 10)
                chunk = sock.recv(4096)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
            if not chunk:
                break
            received += chunk
    finally:
        sock.close()
    assert received.startswith(b"HTTP/1.1 408 ") or not received, received[:100]
    assert time.monotonic() - started < 8, "the trickling body was never cut"


def test_a_body_sent_in_pieces_at_a_normal_rate_is_served(slow_front) -> None:
    body = b"ASK {}" + b" " * 20000
    sock = socket.create_connection(_address(slow_front), timeout=10)
    try:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: t\r\nAccept: application/json\r\n"
                     b"Content-Type: application/sparql-query\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        for begin in range(0, len(body), 4000):  # 4 kB every 0.3 s: ~13 kB/s
            sock.sendall(body[begin:begin + 4000])
            time.sleep(0.3)
        received, _ = _read_until_closed(sock, 3)
    finally:
        sock.close()
    assert received.startswith(b"HTTP/1.1 200 "), received[:200]


def test_idle_keepalive_connections_are_bounded_oldest_closed_first(slow_front) -> None:
    host, port = _address(slow_front)
    idle = []
    try:
        for _ in range(MAX_IDLE * 2):
            conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", "/sparql?query=ASK%7B%7D")
            response = conn.getresponse()
            assert response.status == 200
            response.read()
            idle.append(conn)  # kept alive, idle
        # Beyond the bound, new clients are still accepted and served.
        assert _ask_new_connection(slow_front) < 5
        time.sleep(0.5)
        closed = []
        for conn in idle:
            assert conn.sock is not None
            conn.sock.settimeout(0.05)
            try:
                closed.append(conn.sock.recv(1) == b"")
            except TimeoutError:
                closed.append(False)
            except ConnectionResetError:
                closed.append(True)
    finally:
        for conn in idle:
            conn.close()
    assert sum(closed) >= MAX_IDLE - 5, closed
    # The oldest went first: once one is still open, the newer ones are too.
    first_open = closed.index(False)
    assert all(closed[:first_open]) and not any(closed[first_open + 5:]), closed
