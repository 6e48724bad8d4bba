"""Headers every answer gets: CORS on the read endpoints, security headers on HTML, and the
structured access log (one JSON line per request: method, path, status, duration, query
hash)."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable

from flask import Flask, Response, g, request

# Scripts and styles come from this server only (YASGUI is served locally, never a CDN).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
WRITE_METHODS = {"PUT", "DELETE", "PATCH"}


class AccessLog:
    """One JSON line per request on stderr (the server's error log), written
    whole under a lock and flushed at once.

    Not the logging module: its per-record work (caller lookup, record object, handler
    chain) cost a tenth of a millisecond per request, as much as a small query."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def write(self, record: dict[str, object]) -> None:
        line = json.dumps(record) + "\n"
        with self._lock:
            stream = sys.stderr  # looked up each time: tests and servers redirect it
            stream.write(line)
            stream.flush()

    def when_sent(self, record: dict[str, object], started: float) -> Callable[[], None]:
        """A callback that writes `record` with the time since `started`: called when the
        answer's body has been sent."""

        def _write() -> None:
            record["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
            self.write(record)

        return _write


def is_read(method: str, path: str, operation: str | None) -> bool:
    """Whether a request only reads (CORS is offered on reads only)."""
    if method in WRITE_METHODS:
        return False
    if method == "POST":
        return path == "/sparql" and operation == "query"
    return True


# Every answer to a read, whatever its type: CORS for browsers on other origins.
READ_HEADERS = (("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Expose-Headers", "Content-Type, Location, Link, ETag"))
NOSNIFF = ("X-Content-Type-Options", "nosniff")


def access_log(app: Flask) -> AccessLog:
    """The app's access log (one per app)."""
    return app.extensions.setdefault("kg_access_log", AccessLog())


def finish_response(response: Response, log: AccessLog, *, method: str, path: str,
                    operation: str | None, query_hash: str | None,
                    started: float, cache: str | None = None,
                    stages: dict[str, object] | None = None) -> Response:
    """Add the headers every answer gets and log the request once its body is sent."""
    headers = response.headers
    headers.setdefault(*NOSNIFF)
    if response.mimetype == "text/html":
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
    if is_read(method, path, operation):
        for key, value in READ_HEADERS:
            headers[key] = value
        if method == "OPTIONS":
            headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            headers["Access-Control-Max-Age"] = "86400"
    # Logged when the body has been sent, so a streamed answer counts whole.
    record: dict[str, object] = {"method": method, "path": path,
                                 "status": response.status_code, "query_hash": query_hash}
    if cache:
        record["cache"] = cache  # "hit" or "revalidated": answered without running it
    if stages:
        record["stages"] = stages
        headers["Server-Timing"] = server_timing(stages)
    response.call_on_close(log.when_sent(record, started))
    return response


def server_timing(stages: dict[str, object]) -> str:
    """The stages of a query as a `Server-Timing` header (milliseconds; the executor's
    lane and whether it answered from its memory copy or from disk as the engine's
    description), so a client can tell where a slow answer spent its time."""
    parts = [f"{name.removesuffix('_ms')};dur={value}" for name, value in stages.items()
             if name.endswith("_ms")]
    where = " ".join(str(stages[k]) for k in ("lane", "source") if k in stages)
    return ", ".join(parts) + (f', where;desc="{where}"' if where else "")


def register_headers(app: Flask) -> None:
    log = access_log(app)

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _headers(response: Response) -> Response:
        # The request proxy is resolved once: every attribute through it is a lookup.
        req = request._get_current_object()  # type: ignore[attr-defined]
        return finish_response(response, log, method=req.method, path=req.path,
                               operation=g.get("operation"), query_hash=g.get("query_hash"),
                               started=g.get("started") or time.perf_counter(),
                               cache=g.get("cache"), stages=g.get("stages"))
