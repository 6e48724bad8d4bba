"""Saved queries over HTTP: `GET /queries` lists them (JSON or HTML), `GET /queries/NAME`
runs one with parameters from the query string (`?place=id/region/batken-region`), in
the same formats and with the same negotiation as `/sparql`.

Parameter values become typed terms (`graph.params`) and join the query as a VALUES block
written from those terms (`graph.store.sparql_text.bind_values`): user text never becomes
query text. The bound query then runs like any `/sparql` query, in the query runner, so
the server's timeout and result-size limits hold for saved queries too."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template_string, request, url_for

from graph.errors import NotFoundError, UsageError
from graph.params import bind
from graph.store.sparql_text import bind_values, shape
from queries import SavedQuery, all_queries, find
from server.sparql import answer_query

blueprint = Blueprint("saved", __name__)

# Query-string keys that steer the answer rather than bind a parameter.
RESERVED = frozenset({"format"})

_LIST_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Saved queries · conflict-kg</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>Saved queries</h1>
<p>Run one with <code>GET /queries/NAME?param=value&amp;format=json|xml|csv|tsv</code>, or from
the command line with <code>kg query NAME --param name=value</code>.
An IRI parameter takes a full IRI, a prefixed name (<code>ckg:Tank</code>) or a path under
the base IRI (<code>id/state/kyrgyzstan</code>).</p>
{% for q in queries %}
<section id="{{ q.name }}">
<h2><a href="{{ q.url }}">{{ q.name }}</a>: {{ q.title }}</h2>
<p>{{ q.question }}</p>
{% if q.params %}<ul>
{% for p in q.params %}<li><code>{{ p.name }}</code> ({{ p.kind }}{% if p.default %},
default <code>{{ p.default }}</code>{% endif %}){% if p.doc %}: {{ p.doc }}{% endif %}</li>
{% endfor %}</ul>{% endif %}
<p><a href="{{ q.url }}?format=csv">CSV</a> · <a href="{{ q.url }}?format=json">JSON</a></p>
<details><summary>SPARQL</summary><pre>{{ q.text }}</pre></details>
</section>
{% endfor %}
</body>
</html>
"""


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
        response = Response(render_template_string(_LIST_PAGE, queries=listed),
                            content_type="text/html; charset=utf-8")
    else:
        response = jsonify({"queries": listed})
    response.headers["Vary"] = "Accept"
    return response


def bound_text(query: SavedQuery, given: dict[str, str]) -> str:
    """The saved query with its parameters joined as a VALUES block of typed terms."""
    terms = bind(query, given)
    return bind_values(query.text, shape(query.text), terms)


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
    return answer_query(bound_text(query, _given_params()))
