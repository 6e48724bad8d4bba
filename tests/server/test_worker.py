"""Kept-alive connections under the server's gunicorn worker (server/worker.py): a thread
that has answered keeps the connection a moment for the next request, and every way a
client can use a connection still gets its answers in order."""

from __future__ import annotations

import http.client
import socket
import time
from urllib.parse import urlencode, urlsplit

from server.worker import LINGER


def _path(query: str) -> str:
    return "/sparql?" + urlencode({"query": query})


def _connection(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)


def _ask(conn: http.client.HTTPConnection, query: str) -> bytes:
    conn.request("GET", _path(query), headers={"Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200, body
    assert response.getheader("Connection", "").lower() != "close"
    return body


def test_requests_back_to_back_stay_on_one_connection(live_server) -> None:
    conn = _connection(live_server.url)
    _ask(conn, "ASK {}")
    sock = conn.sock
    for i in range(50):
        assert _ask(conn, f"ASK {{ FILTER({i} >= 0) }}") == b'{"head":{},"boolean":true}'
    assert conn.sock is sock  # never closed and reopened
    conn.close()


def test_a_client_pausing_past_the_linger_is_still_served(live_server) -> None:
    conn = _connection(live_server.url)
    sock = None
    for _ in range(3):
        _ask(conn, "ASK { ?s ?p ?o }")
        sock = sock or conn.sock
        time.sleep(LINGER * 4)  # back in gunicorn's poller meanwhile
    assert conn.sock is sock
    conn.close()


def test_pipelined_requests_are_answered_in_order(live_server) -> None:
    parts = urlsplit(live_server.url)
    queries = ["ASK { FILTER(false) }", "ASK {}", "SELECT (1 AS ?one) {}"]
    request = b"".join(
        (f"GET {_path(q)} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
         "Accept: application/sparql-results+json\r\n\r\n").encode() for q in queries)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        deadline = time.monotonic() + 10
        while received.count(b"HTTP/1.1 200") < 3 or not received.endswith(b"}}"):
            assert time.monotonic() < deadline, received
            chunk = sock.recv(65536)
            assert chunk, received
            received += chunk
    assert received.index(b'"boolean":false') < received.index(b'"boolean":true') \
        < received.index(b'"one"')


def test_connection_close_is_honoured(live_server) -> None:
    parts = urlsplit(live_server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall((f"GET {_path('ASK {}')} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                      "Connection: close\r\n\r\n").encode())
        received = b""
        while chunk := sock.recv(65536):  # ends: the server closes its side
            received += chunk
    assert received.startswith(b"HTTP/1.1 200") and b"true" in received


def test_many_connections_at_once_are_all_answered(live_server) -> None:
    """More kept-alive connections than the worker has threads (32 by default)."""
    conns = [_connection(live_server.url) for _ in range(48)]
    for _ in range(2):
        for conn in conns:
            _ask(conn, "ASK {}")
    for conn in conns:
        conn.close()
