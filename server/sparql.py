"""`/sparql`: SPARQL 1.1 queries by GET, POST form and POST direct."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from graph.errors import UsageError
from graph.store.base import Dataset, Store
from server.negotiation import choose

sparql = Blueprint("sparql", __name__)


def _store() -> Store:
    return current_app.extensions["kg_store"]


def _query_text() -> tuple[str | None, Dataset]:
    if request.method == "GET":
        args = request.args
        query = args.get("query")
    else:
        content_type = (request.mimetype or "").lower()
        if content_type == "application/x-www-form-urlencoded":
            args = request.form
            query = args.get("query")
        elif content_type == "application/sparql-query":
            args = request.args
            query = request.get_data(as_text=True)
        else:
            raise UsageError("POST a query as application/x-www-form-urlencoded or "
                             "application/sparql-query")
    dataset = Dataset(default_graphs=args.getlist("default-graph-uri"),
                      named_graphs=args.getlist("named-graph-uri"))
    return query, dataset


@sparql.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    query, dataset = _query_text()
    if not query:
        raise UsageError("no query: pass it as ?query=... or in the POST body")
    result = _store().query(query, dataset=dataset)
    fmt = choose(request, "rdf" if result.kind == "graph" else "results")
    return Response(result.serialize(fmt), content_type=fmt.media_type + (
        "; charset=utf-8" if not fmt.media_type.endswith("xml") else ""))
