"""Reading a SPARQL 1.1 Protocol request: which operation (query or update), its text, and
the dataset it names. Every malformed request of the W3C protocol suite is refused here
with a 4xx and a message saying what a correct request looks like."""

from __future__ import annotations

import hmac
import io
from dataclasses import dataclass, field
from typing import IO, cast

import pyoxigraph as ox
from flask import Request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from graph.errors import KgError, UsageError

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


class UnsupportedMediaType(KgError):
    http_status = 415


class Unauthorized(KgError):
    http_status = 401


class Forbidden(KgError):
    http_status = 403


@dataclass
class Operation:
    kind: str  # "query", "update" or "none" (GET without a query: page or description)
    text: str = ""
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


def cap_unsized_body(environ: dict[str, object], limit: int | None) -> None:
    """Read a body sent without Content-Length (chunked) here, at most `limit` + 1 bytes,
    and refuse it (413) past `limit`; otherwise hand it on as a body of known length.

    Werkzeug checks a declared Content-Length against the limit, but silently cuts a
    chunked stream at the limit, so a reader would get (and store) a truncated body. After
    this, every reader (forms, multipart, plain bodies) sees either the whole body or a
    413. Must run before anything touches `request.stream`."""
    if limit is None or environ.get("CONTENT_LENGTH"):
        return
    encoding = str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
    if "chunked" not in encoding:
        return
    read = cast(IO[bytes], environ["wsgi.input"]).read
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = read(min(65536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise RequestEntityTooLarge()
    body = b"".join(chunks)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)


def _one(params: MultiDict[str, str], name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise UsageError(f"the request has {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def _utf8_body(request: Request, what: str) -> str:
    charset = (request.mimetype_params.get("charset") or "utf-8").lower()
    if charset not in {"utf-8", "utf8"}:
        raise UnsupportedMediaType(f"the {what} must be sent as UTF-8 (got charset={charset})")
    try:
        return request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"the {what} is not valid UTF-8: {exc}") from exc


def read_operation(request: Request) -> Operation:
    """The protocol operation a GET or POST on /sparql carries."""
    if request.method in {"GET", "HEAD"}:
        params: MultiDict[str, str] = request.args
        if "update" in params:
            raise UsageError("updates cannot be sent with GET: POST them as "
                             f"{UPDATE_TYPE} or as a form with update=...")
        query = _one(params, "query")
        kind = "query" if query is not None else "none"
        return _with_dataset(Operation(kind, query or ""), params, "query")
    mimetype = (request.mimetype or "").lower()
    if mimetype == FORM:
        params = MultiDict(list(request.args.items(multi=True))
                           + list(request.form.items(multi=True)))
        query, update = _one(params, "query"), _one(params, "update")
        if query is not None and update is not None:
            raise UsageError("the form has both 'query' and 'update'; send one")
        if update is not None:
            return _with_dataset(Operation("update", update), params, "update")
        if query is None:
            raise UsageError("the form has no 'query' or 'update' field")
        return _with_dataset(Operation("query", query), params, "query")
    if mimetype == QUERY_TYPE:
        return _with_dataset(Operation("query", _utf8_body(request, "query")), request.args,
                             "query")
    if mimetype == UPDATE_TYPE:
        return _with_dataset(Operation("update", _utf8_body(request, "update")), request.args,
                             "update")
    raise UnsupportedMediaType(
        f"POST a query as {FORM} (query=...) or {QUERY_TYPE}, an update as {FORM} "
        f"(update=...) or {UPDATE_TYPE}; got Content-Type: {request.mimetype or '(none)'}")


def graph_iri(value: str, parameter: str) -> str:
    """`value` checked as an absolute IRI (400 otherwise): dataset parameters name graphs,
    and the engine would fail on anything else deep inside a query."""
    try:
        return ox.NamedNode(value).value
    except ValueError as exc:
        raise UsageError(f"{parameter}={value!r} is not an absolute IRI ({exc}); name "
                         "graphs by IRI, e.g. http://example.org/graph") from None


def _iris(params: MultiDict[str, str], parameter: str) -> list[str]:
    return [graph_iri(value, parameter) for value in params.getlist(parameter)]


def _with_dataset(op: Operation, params: MultiDict[str, str], kind: str) -> Operation:
    if kind == "query":
        if params.getlist("using-graph-uri") or params.getlist("using-named-graph-uri"):
            raise UsageError("using-graph-uri/using-named-graph-uri are for updates; a query "
                             "names its dataset with default-graph-uri/named-graph-uri")
        op.default_graphs = _iris(params, "default-graph-uri")
        op.named_graphs = _iris(params, "named-graph-uri")
    else:
        op.default_graphs = _iris(params, "using-graph-uri")
        op.named_graphs = _iris(params, "using-named-graph-uri")
    return op


def check_token(request: Request, token: str | None) -> None:
    """Writes need `Authorization: Bearer <KG_UPDATE_TOKEN>`; without a token configured
    they are switched off."""
    if not token:
        raise Forbidden("updates and uploads are switched off on this server: start it "
                        "with KG_UPDATE_TOKEN set to enable them")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("this operation needs 'Authorization: Bearer <token>' "
                           "(the server's KG_UPDATE_TOKEN)")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Forbidden("the bearer token is not the server's update token")
