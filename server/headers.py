"""Headers every answer gets: CORS on the read endpoints, security headers on HTML, and the
structured access log (one JSON line per request: method, path, status, duration, query
hash)."""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import Flask, Response, g, request

access_log = logging.getLogger("kg.access")

# Scripts and styles come from this server only (YASGUI is served locally, never a CDN).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
WRITE_METHODS = {"PUT", "DELETE", "PATCH"}


def _setup_access_log() -> None:
    if not access_log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
        access_log.propagate = False


def _is_read() -> bool:
    if request.method in WRITE_METHODS:
        return False
    if request.method == "POST":
        return request.path == "/sparql" and g.get("operation") == "query"
    return True


def register_headers(app: Flask) -> None:
    _setup_access_log()

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Referrer-Policy", "same-origin")
        if _is_read():
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = "Content-Type, Location, Link"
            if request.method == "OPTIONS":
                response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
                response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
                response.headers["Access-Control-Max-Age"] = "86400"
        record = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "query_hash": g.get("query_hash"),
        }
        started = g.get("started", time.perf_counter())

        def _log() -> None:
            record["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
            access_log.info(json.dumps(record))

        # Logged when the body has been sent, so a streamed answer counts whole.
        response.call_on_close(_log)
        return response
