"""One handler renders every KgError with its HTTP status; HTTP errors raised by Flask
(404, 405, 413) get the same plain-text shape; nothing else leaks out."""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from graph.errors import KgError

log = logging.getLogger("kg.server")


def error_response(status: int, message: str) -> Response:
    """A plain-text error answer (the message says what to do next)."""
    return Response(message.rstrip() + "\n", status=status,
                    content_type="text/plain; charset=utf-8")


def kg_error_response(exc: KgError) -> Response:
    """The answer to a KgError: its status, its message, and the headers the status
    calls for."""
    response = error_response(exc.http_status, exc.message)
    if exc.http_status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="conflict-kg"'
    # Every 503 is temporary (busy, an executor restarting, a store being written): tell
    # clients when to come back.
    retry_after = getattr(exc, "retry_after", None) or (
        2 if exc.http_status == 503 else None)
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


def register_error_handlers(app: Flask) -> None:
    app.errorhandler(KgError)(kg_error_response)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        messages = {
            404: "not found: no resource at this address",
            413: "the request body is larger than this server accepts (KG_MAX_BODY)",
        }
        status = exc.code or 500
        response = error_response(status, messages.get(status, exc.description or exc.name))
        for key, value in exc.get_headers():
            if key.lower() == "allow":
                response.headers[key] = value
        return response

    @app.errorhandler(Exception)
    def _bug(exc: Exception) -> Response:
        # A bug is a 500 with a generic message; the traceback goes to the error log only.
        log.exception("unhandled error")
        return error_response(500, "internal server error (logged on the server)")
