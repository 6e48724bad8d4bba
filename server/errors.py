"""One handler renders every KgError with its HTTP status; nothing else leaks out."""

from __future__ import annotations

from flask import Flask, Response

from graph.errors import KgError


def error_response(status: int, message: str) -> Response:
    return Response(message.rstrip() + "\n", status=status,
                    content_type="text/plain; charset=utf-8")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(KgError)
    def _kg_error(exc: KgError) -> Response:
        return error_response(exc.http_status, exc.message)
