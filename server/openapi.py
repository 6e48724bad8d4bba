"""An OpenAPI 3 description of the HTTP endpoints, served at `/openapi.json`.

It documents what a client may send (paths, parameters, bodies, media types) and what it
gets back. The hostile-input fuzz test reads it to generate requests, so a new endpoint
described here is fuzzed too. The document is built per request from the settings (the
body limit appears in it); nothing is computed at import time.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, json

from graph.store.formats import RDF_FORMATS, RESULT_FORMATS

blueprint = Blueprint("openapi", __name__)

RESULT_TYPES = [f.media_type for f in RESULT_FORMATS]
RDF_TYPES = [f.media_type for f in RDF_FORMATS]
RDF_SUFFIXES = [f.suffix for f in RDF_FORMATS]
FORMAT_NAMES = sorted({f.name for f in (*RESULT_FORMATS, *RDF_FORMATS)})


def _param(name: str, where: str, description: str, *, required: bool = False,
           schema: dict[str, Any] | None = None, many: bool = False) -> dict[str, Any]:
    base = schema or {"type": "string"}
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": {"type": "array", "items": base} if many else base,
            **({"explode": True} if many else {})}


def _errors(*codes: int) -> dict[str, Any]:
    text = {"description": "", "content": {"text/plain": {"schema": {"type": "string"}}}}
    meaning = {400: "bad request: the message says what is wrong (syntax errors give the "
                    "parser's position)",
               401: "a write without `Authorization: Bearer <token>`",
               403: "a write with a wrong token, or writes are off (no token configured)",
               404: "nothing is known about this resource",
               406: "none of the accepted media types is offered; the message lists them",
               413: "the request body is larger than the limit",
               415: "the body's media type is not one the endpoint reads",
               503: "busy (see Retry-After) or the query ran past the timeout"}
    return {str(c): {**text, "description": meaning[c]} for c in codes}


DATASET = [
    _param("default-graph-uri", "query", "IRI of a graph to use as the default graph",
           many=True, schema={"type": "string", "format": "uri"}),
    _param("named-graph-uri", "query", "IRI of a graph to offer as a named graph",
           many=True, schema={"type": "string", "format": "uri"}),
]
FORMAT = _param("format", "query", "result format, overrides Accept",
                schema={"type": "string", "enum": FORMAT_NAMES})
GRAPH = _param("graph", "query", "IRI of the named graph", schema={"type": "string",
                                                                    "format": "uri"})
DEFAULT = _param("default", "query", "the default graph", schema={"type": "string",
                                                                   "enum": [""]})
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]


def _sparql_path() -> dict[str, Any]:
    answers = {"200": {"description": "the answer, by content negotiation",
                       "content": {t: {} for t in RESULT_TYPES + RDF_TYPES + ["text/html"]}},
               **_errors(400, 406, 413, 415, 503)}
    form_schema = {"type": "object", "properties": {
        "query": {"type": "string"}, "update": {"type": "string"},
        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
        "using-graph-uri": {"type": "array", "items": {"type": "string"}},
        "using-named-graph-uri": {"type": "array", "items": {"type": "string"}}}}
    return {
        "get": {"summary": "SPARQL query by GET; without `query`, the query page (HTML) or "
                           "the service description (RDF)",
                "parameters": [_param("query", "query", "a SPARQL 1.1 query"), *DATASET,
                               FORMAT],
                "responses": answers},
        "post": {"summary": "SPARQL query or update by POST (form or direct body); "
                            "updates need the bearer token",
                 "parameters": [*DATASET, FORMAT],
                 "requestBody": {"required": True, "content": {
                     "application/x-www-form-urlencoded": {"schema": form_schema},
                     "application/sparql-query": {"schema": {"type": "string"}},
                     "application/sparql-update": {"schema": {"type": "string"}}}},
                 "security": [{}, *BEARER],
                 "responses": {**answers, "204": {"description": "update applied"},
                               **_errors(401, 403)}}}


def _graph_store_path(direct: bool) -> dict[str, Any]:
    params = ([_param("path", "path", "graph path under the server's base IRI",
                      required=True)] if direct else [GRAPH, DEFAULT])
    rdf_body = {"required": True, "content": {
        **{t: {"schema": {"type": "string"}} for t in RDF_TYPES},
        "multipart/form-data": {"schema": {"type": "object"}}}}
    read = {"200": {"description": "the graph", "content": {t: {} for t in RDF_TYPES}},
            **_errors(400, 404, 406)}
    write = {"201": {"description": "created"}, "204": {"description": "replaced"},
             **_errors(400, 401, 403, 413, 415, 503)}
    return {
        "parameters": params,
        "get": {"summary": "read a graph", "responses": read},
        "head": {"summary": "headers of a graph read", "responses": read},
        "put": {"summary": "replace a graph", "requestBody": rdf_body, "security": BEARER,
                "responses": write},
        "post": {"summary": "add to a graph", "requestBody": rdf_body, "security": BEARER,
                 "responses": write},
        "delete": {"summary": "remove a graph", "security": BEARER,
                   "responses": {"204": {"description": "removed"},
                                 **_errors(401, 403, 404)}},
    }


def _get(summary: str, content: list[str], *params: dict[str, Any],
         codes: tuple[int, ...] = (404,), status: str = "200") -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": list(params),
                    "responses": {status: {"description": summary,
                                           "content": {t: {} for t in content}},
                                  **_errors(*codes)}}}


def _path(description: str) -> dict[str, Any]:
    return _param("path", "path", description, required=True)


def document(max_body: int | None = None) -> dict[str, Any]:
    """The OpenAPI 3.0 document of the server's endpoints."""
    limit = f" Request bodies are limited to {max_body} bytes." if max_body else ""
    html = ["text/html"]
    return {
        "openapi": "3.0.3",
        "info": {"title": "conflict-kg SPARQL and Linked Data server", "version": "1",
                 "description": "SPARQL 1.1 Protocol, Graph Store HTTP Protocol, "
                                "dereferenceable IRIs (303 pattern), VoID and dumps." + limit},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/sparql": _sparql_path(),
            "/graph-store": _graph_store_path(direct=False),
            "/graph-store/{path}": _graph_store_path(direct=True),
            "/id/{path}": _get("a thing the graph names: 303 to its page or data",
                               [], _path("path under {base}id/"), status="303"),
            "/graph/{path}": _get("a named graph: 303 to its page or data", [],
                                  _path("path under {base}graph/"), status="303"),
            "/data/{path}": _get("RDF about a resource; a suffix picks the format",
                                 RDF_TYPES, _path("id/... or graph/..., optionally with "
                                                  "a suffix: " + ", ".join(RDF_SUFFIXES)),
                                 codes=(404, 406)),
            "/page/{path}": _get("HTML page about a resource", html,
                                 _path("id/... or graph/...")),
            "/ontology": _get("the ontology by content negotiation", RDF_TYPES + html,
                              codes=(406,)),
            "/ontology.{suffix}": _get("the ontology in one format", RDF_TYPES + html,
                                       _param("suffix", "path", "format suffix",
                                              required=True)),
            "/.well-known/void": _get("VoID description of the dataset", RDF_TYPES + html,
                                      codes=(406,)),
            "/dumps/": _get("list of dumps", html, codes=()),
            "/dumps/{name}": _get("a dump of the dataset or the ontology",
                                  ["application/gzip", *RDF_TYPES],
                                  _param("name", "path", "file name of the dump",
                                         required=True)),
            "/queries": _get("the saved queries", ["application/json", *html], FORMAT,
                             codes=()),
            "/queries/{name}": _get("one saved query, run with its parameters",
                                    RESULT_TYPES + RDF_TYPES + html,
                                    _param("name", "path", "saved query name",
                                           required=True), FORMAT,
                                    codes=(400, 404, 406, 503)),
            "/": _get("the overview: what the graph holds, latest events, search; a "
                      "`query` parameter redirects to the editor", html,
                      _param("query", "query", "a query for the editor (old links)"),
                      codes=()),
            "/query": _get("the query editor", html,
                           _param("query", "query", "SPARQL to open in the editor"),
                           _param("saved", "query", "a saved query to open"),
                           codes=(400, 404)),
            "/search": _get("things whose name starts with the text", [*html,
                                                                         "application/json"],
                            _param("q", "query", "the start of a name"),
                            _param("format", "query", "html or json",
                                   schema={"type": "string", "enum": ["html", "json"]}),
                            codes=(400,)),
            "/timeline": _get("dated events, earliest first", html,
                              _param("state", "query", "a state taking part (IRI or path)"),
                              _param("class", "query", "an event class (local name)"),
                              _param("status", "query", "claimed or stated",
                                     schema={"type": "string",
                                             "enum": ["claimed", "stated"]}),
                              _param("page", "query", "page number",
                                     schema={"type": "integer", "minimum": 0}),
                              codes=(400,)),
            "/map": _get("places with coordinates, sized by events", html, codes=()),
            "/exports/": _get("the tables offered as CSV", html, codes=()),
            "/exports/{name}.csv": _get("a table as CSV (events, casualties, claims)",
                                        ["text/csv"],
                                        _param("name", "path", "table name", required=True,
                                               schema={"type": "string", "enum": [
                                                   "events", "casualties", "claims"]}),
                                        codes=(404,)),
            "/openapi.json": _get("this document", ["application/json"], codes=()),
        },
    }


@blueprint.route("/openapi.json")
def openapi_json() -> Response:
    settings = current_app.config.get("KG_SETTINGS")
    limit = getattr(settings, "max_body_bytes", None)
    return Response(json.dumps(document(limit), indent=1),
                    content_type="application/json; charset=utf-8")
