"""`/graph-store`: the SPARQL 1.1 Graph Store HTTP Protocol.

* Indirect identification: `/graph-store?graph=IRI` or `/graph-store?default`.
* Direct identification: `/graph-store/{path}` names the graph `{KG_BASE_IRI}{path}`, so
  every graph the server mints (`{base}graph/...`) is addressable as
  `/graph-store/graph/...`.
* POST to `/graph-store` itself creates a graph `{base}graph/upload/{uuid}` and answers
  201 with its IRI in Location.

GET and HEAD are open; PUT, POST and DELETE need the bearer token. Every write is one new
store generation: an upload that does not parse, or fails half-way, changes nothing.
"""

from __future__ import annotations

import io
import uuid
from typing import Literal

import pyoxigraph as ox
from flask import Blueprint, Request, Response, request

from graph.errors import InputError, KgError, NotFoundError, UsageError
from graph.store.formats import RDF_FORMATS, Format, by_media_type, by_name
from server.context import settings, store, tables_after_write
from server.negotiation import content_type, negotiate
from server.protocol import UnsupportedMediaType, check_token, graph_iri

blueprint = Blueprint("graph_store", __name__)
METHODS = ["GET", "PUT", "POST", "DELETE"]
NQUADS = by_name("nq", "rdf")


class NotImplementedByStore(KgError):
    http_status = 501


def _iri(value: str) -> str:
    return graph_iri(value, "graph")


def _target(direct: str | None) -> str | None | Literal[False]:
    """The graph IRI, None for the default graph, or False for the store itself."""
    if direct is not None:
        return _iri(settings().base_iri + direct)
    has_graph, has_default = "graph" in request.args, "default" in request.args
    if has_graph and has_default:
        raise UsageError("use either ?graph=IRI or ?default, not both")
    if has_default:
        return None
    if has_graph:
        values = request.args.getlist("graph")
        if len(values) != 1 or not values[0]:
            raise UsageError("give exactly one graph=IRI")
        return _iri(values[0])
    return False


def _exists(graph: str | None) -> bool:
    return graph is None or graph in set(store().graph_names())


def _upload_format(mimetype: str | None, filename: str | None = None) -> Format:
    fmt = by_media_type(mimetype) if mimetype else None
    if fmt is None and filename and "." in filename:
        fmt = by_name(filename.rsplit(".", 1)[1], "rdf")
    if fmt is None or fmt.kind != "rdf":
        raise UnsupportedMediaType(
            f"cannot read RDF sent as {mimetype or '(no Content-Type)'}; send one of: "
            + ", ".join(f.media_type for f in RDF_FORMATS))
    return fmt


def _payload_quads(req: Request, graph: str | None) -> bytes:
    """The request's RDF (plain body or every part of a multipart form) as N-Quads in
    `graph`, parsed here so bad input is refused before the store is touched."""
    mimetype = (req.mimetype or "").lower()
    parts: list[tuple[bytes, Format]] = []
    if mimetype == "multipart/form-data":
        for storage in req.files.values():
            parts.append((storage.read(), _upload_format(storage.mimetype, storage.filename)))
        if not parts:
            raise UsageError("the multipart form holds no file parts")
    else:
        parts.append((req.get_data(cache=False), _upload_format(mimetype)))
    target: ox.NamedNode | ox.DefaultGraph = (ox.NamedNode(graph) if graph
                                              else ox.DefaultGraph())
    out = io.BytesIO()
    quads: list[ox.Quad] = []
    for data, fmt in parts:
        try:
            parsed = ox.parse(data, format=fmt.native, base_iri=graph or None)
            quads.extend(ox.Quad(q.subject, q.predicate, q.object, target) for q in parsed)
        except SyntaxError as exc:
            raise InputError(f"the {fmt.media_type} payload does not parse: {exc}") from exc
    assert NQUADS is not None
    ox.serialize(quads, out, format=ox.RdfFormat.N_QUADS)
    return out.getvalue()


def _load(graph: str | None, *, replace: bool) -> None:
    target = store()
    load = getattr(target, "load", None)
    if load is None:
        raise NotImplementedByStore("this server's store does not take Graph Store uploads; "
                                    "send them to the store itself")
    data = _payload_quads(request, graph)
    assert NQUADS is not None
    # Without the derived tables (9 s at 1M triples): written next, apart (server.tables).
    load(data, NQUADS, graph=graph, replace=replace, tables=False)
    tables_after_write()


def _get(graph: str | None) -> Response:
    if not _exists(graph):
        raise NotFoundError(f"no graph <{graph}> in this store")
    chosen = negotiate(request, "rdf")
    assert isinstance(chosen, Format)
    out = io.BytesIO()
    store().dump(out, chosen, graph=graph)
    response = Response(out.getvalue(), content_type=content_type(chosen))
    response.headers["Vary"] = "Accept"
    return response


def _delete(graph: str | None) -> Response:
    if not _exists(graph):
        raise NotFoundError(f"no graph <{graph}> in this store")
    # The IRI is a parsed term, written by pyoxigraph's own serializer.
    store().update("DROP DEFAULT" if graph is None
                   else f"DROP GRAPH {ox.NamedNode(graph)}")
    tables_after_write()
    return Response(status=204)


def _handle(direct: str | None) -> Response:
    graph = _target(direct)
    if request.method in {"GET", "HEAD"}:
        if graph is False:
            raise UsageError("name a graph: /graph-store?graph=IRI or /graph-store?default")
        return _get(graph or None)
    check_token(request, settings().update_token)
    if graph is False:
        if request.method != "POST":
            raise UsageError(f"{request.method} needs ?graph=IRI or ?default")
        new = settings().base_iri + f"graph/upload/{uuid.uuid4().hex}"
        _load(new, replace=False)
        response = Response(status=201)
        response.headers["Location"] = new
        return response
    name = graph or None
    if request.method == "DELETE":
        return _delete(name)
    existed = _exists(name)
    _load(name, replace=request.method == "PUT")
    return Response(status=204 if existed else 201)


@blueprint.route("/graph-store", methods=METHODS)
def indirect() -> Response:
    return _handle(None)


@blueprint.route("/graph-store/<path:rest>", methods=METHODS)
def direct(rest: str) -> Response:
    return _handle(rest)
