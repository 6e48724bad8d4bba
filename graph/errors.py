"""One exception root for the project. Each subclass carries the CLI exit code and the
HTTP status it maps to, so the CLI and the server render every user error the same way."""

from __future__ import annotations


class KgError(Exception):
    """A user-facing error: the message says what went wrong and what to do next."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(KgError):
    """The command or request was malformed (bad option, unknown query name)."""

    exit_code = 2
    http_status = 400


class InputError(KgError):
    """The input data is unusable: an article that is not UTF-8, broken Turtle, bad query."""

    exit_code = 1
    http_status = 400


class NotFoundError(KgError):
    exit_code = 1
    http_status = 404


class StoreError(KgError):
    """The store cannot be used: missing, not a store, locked, unreachable."""

    exit_code = 1
    http_status = 503


class StoreLockedError(StoreError):
    """Another writer holds the store; retry when it is done."""


class QuerySyntaxError(InputError):
    """A SPARQL query or update that does not parse; the message carries the position."""


class AnnotatorError(KgError):
    """The linguistic annotator (Stanford CoreNLP) cannot run: no Java, no jars, or the
    worker died; the message says what to install or run."""

    exit_code = 1
    http_status = 503


class DocumentError(AnnotatorError):
    """The annotator failed on one document (also when it ran alone); the worker goes on
    with the others, and that article is built with the rule layer alone."""
