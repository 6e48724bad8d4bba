"""The commonest SPARQL request, `GET /sparql?query=...`, answered without Flask's request
machinery.

Why: a trivial query through the Flask view spent about a third of a millisecond in
request and response objects, context locals and hooks, more than the engine takes to
answer it (`bench/results/serve.md`). Scripts and SPARQL clients send this request
shape far more than any other.

What it answers: a GET on /sparql with no body whose URL carries exactly one `query` and at
most one `format`, and whose `format=` and Accept header a request through the Flask view
has already negotiated (the view caches its choice; `server.sparql.negotiated_before`).
Anything else (POST, HEAD, dataset parameters, any other parameter, an Accept header seen
for the first time, an empty query) goes to the Flask app unchanged. So the protocol's
rules stay in one place (`server.protocol`, `server.negotiation`); this module repeats
only the reading of the simplest request and answers with what the view would: the same
query runner, the same headers (`server.headers.finish_response`), the same errors
(`server.errors`) and the same access log. `tests/server/test_fast_path.py` sends each
request both ways and compares the answers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl

from flask import Flask

from graph.errors import KgError
from server.errors import error_response, kg_error_response
from server.headers import NOSNIFF, READ_HEADERS, AccessLog, access_log, finish_response
from server.negotiation import content_type
from server.sparql import negotiated_before, query_hash, run_query

log = logging.getLogger("kg.server")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def simple_query(environ: dict[str, Any]) -> tuple[str, str | None] | None:
    """(query text, format= value) when the request is a plain GET /sparql?query=..., else
    None."""
    if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != "/sparql":
        return None
    if environ.get("CONTENT_LENGTH") or environ.get("HTTP_TRANSFER_ENCODING"):
        return None
    try:
        # Decoded as werkzeug decodes request.args (invalid bytes stay percent-encoded).
        pairs = parse_qsl(str(environ.get("QUERY_STRING", "")).encode("latin-1").decode(),
                          keep_blank_values=True, errors="werkzeug.url_quote")
    except (UnicodeError, ValueError):
        return None
    text: str | None = None
    override: str | None = None
    for key, value in pairs:
        if key == "query" and text is None:
            text = value
        elif key == "format" and override is None:
            override = value
        else:
            return None
    if text is None or not text.strip():
        return None
    return text, override or None


class _Answer:
    """The body of an answer, and the access-log line written once it has been sent (or
    the client went away)."""

    def __init__(self, chunks: Iterable[bytes], done: Callable[[], None]) -> None:
        self.chunks = chunks
        self.done = done

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.chunks)

    def close(self) -> None:
        try:
            close = getattr(self.chunks, "close", None)
            if close is not None:
                close()  # a streaming answer gives its executor back (or replaces it)
        finally:
            self.done()


class QueryFastPath:
    """WSGI middleware in front of the Flask app: answers the simple query GETs itself and
    hands every other request to `app`."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.next: WSGIApp = app.wsgi_app
        self.log: AccessLog = access_log(app)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any],
                 ) -> Iterable[bytes]:
        simple = simple_query(environ)
        if simple is None:
            return self.next(environ, start_response)
        text, override = simple
        formats = negotiated_before(override, environ.get("HTTP_ACCEPT"))
        if formats is None:
            return self.next(environ, start_response)
        started = time.perf_counter()
        digest = query_hash(text)
        try:
            fmt, body = run_query(self.app.config["KG_SETTINGS"],
                                  self.app.extensions["kg_runner"], text, formats,
                                  default_graphs=[], named_graphs=[])
        except KgError as exc:
            return self._answer_with(kg_error_response(exc), environ, start_response,
                                     digest, started)
        except Exception:
            log.exception("unhandled error")
            return self._answer_with(
                error_response(500, "internal server error (logged on the server)"),
                environ, start_response, digest, started)
        headers = [("Content-Type", content_type(fmt))]
        if isinstance(body, bytes):
            headers.append(("Content-Length", str(len(body))))
            chunks: Iterable[bytes] = [body]
        else:
            chunks = body
        # What the view's Response plus finish_response give a non-HTML read, written
        # directly (werkzeug's header objects are part of what this path saves).
        headers += [("Vary", "Accept"), NOSNIFF, *READ_HEADERS]
        start_response("200 OK", headers)
        return _Answer(chunks, self.log.when_sent(
            {"method": "GET", "path": "/sparql", "status": 200, "query_hash": digest},
            started))

    def _answer_with(self, response: Any, environ: dict[str, Any],
                     start_response: Callable[..., Any], digest: str,
                     started: float) -> Iterable[bytes]:
        finish_response(response, self.log, method="GET", path="/sparql",
                        operation="query", query_hash=digest, started=started)
        return response(environ, start_response)
