"""Saved queries over HTTP: `GET /queries` lists them (JSON or HTML), `GET /queries/NAME`
runs one with parameters from the query string (`?place=id/region/batken-region`), in
the same formats and with the same negotiation as `/sparql`.

Parameter values become typed terms (`graph.params`) and join the query as a VALUES block
written from those terms (`graph.store.sparql_text.bind_values`): user text never becomes
query text. The bound query then runs like any `/sparql` query, in the query runner, so
the server's timeout and result-size limits hold for saved queries too."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from graph.errors import NotFoundError, UsageError
from graph.params import bind
from graph.store.derived import saved_text
from graph.store.sparql_text import bind_values, shape
from queries import SavedQuery, all_queries, find
from server.context import settings, store, table_writer
from server.sparql import answer_query

blueprint = Blueprint("saved", __name__)

# Query-string keys that steer the answer rather than bind a parameter.
RESERVED = frozenset({"format"})



def describe(query: SavedQuery) -> dict[str, Any]:
    """A saved query as the listing shows it."""
    return {
        "name": query.name,
        "title": query.title,
        "question": query.question,
        "params": [{"name": p.name, "kind": p.kind, "default": p.default, "doc": p.doc}
                   for p in query.params],
        "examples": list(query.examples),
        "url": url_for("saved.run", name=query.name),
        "text": query.text,
    }


@blueprint.route("/queries", methods=["GET"])
@blueprint.route("/queries/", methods=["GET"])
def listing() -> Response:
    """Every saved query: JSON for programs, an HTML page for browsers."""
    listed = [describe(q) for q in all_queries()]
    wanted = (request.args.get("format") or "").lower()
    if wanted not in {"", "json", "html"}:
        raise UsageError(f"format={wanted} is not offered for the list of saved queries; "
                         "use json or html")
    if not wanted:
        best = request.accept_mimetypes.best_match(["application/json", "text/html"])
        wanted = "html" if best == "text/html" else "json"
    if wanted == "html":
        response = Response(render_template("queries.html", queries=listed,
                                            license=settings().license),
                            content_type="text/html; charset=utf-8")
    else:
        response = jsonify({"queries": listed})
    response.headers["Vary"] = "Accept"
    return response


def bound_text(query: SavedQuery, given: dict[str, str], *, derived: bool = True) -> str:
    """The saved query with its parameters joined as a VALUES block of typed terms (and,
    for a paged one, its page: as LIMIT and OFFSET, or, when `derived`, read from the
    store's per-statement table if the query reads it; the editor shows the query as
    written instead)."""
    writer = table_writer()
    text, terms = saved_text(query.text, query.meta, bind(query, given),
                             store() if derived else None,
                             writer.written if writer is not None else None)
    return bind_values(text, shape(text), terms)


def _given_params() -> dict[str, str]:
    given: dict[str, str] = {}
    for key in request.args:
        if key in RESERVED:
            continue
        values = request.args.getlist(key)
        if len(values) > 1:
            raise UsageError(f"parameter {key} is given {len(values)} times; give it once")
        given[key] = values[0]
    return given


@blueprint.route("/queries/<name>", methods=["GET"])
def run(name: str) -> Response:
    """Run the saved query NAME with the query string's parameters."""
    query = find(name)
    if query is None:
        raise NotFoundError(f"no saved query named {name!r}; GET /queries lists them")
    given = _given_params()
    if wants_html():
        from server.pages.saved_table import render_saved

        return render_saved(query, given, bound_text(query, _without_page(given)))
    return answer_query(bound_text(query, given))


def wants_html() -> bool:
    """A browser asking for the page (`format=html`, or text/html preferred in Accept over
    every results format; `*/*` alone keeps the SPARQL JSON answer)."""
    wanted = (request.args.get("format") or "").lower()
    if wanted:
        return wanted in {"html", "text/html"}
    from graph.store.formats import RESULT_FORMATS

    offered = [f.media_type for f in RESULT_FORMATS] + ["text/html"]
    return request.accept_mimetypes.best_match(offered) == "text/html"


def _without_page(given: dict[str, str]) -> dict[str, str]:
    """The parameters of the HTML form: its page number and empty fields left out."""
    return {k: v for k, v in given.items() if k != "page" and v.strip()}
