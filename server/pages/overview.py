"""The overview at `/`: what the graph holds (articles, their dates and publishers; events,
casualty figures, claims and entities by class), the latest events, and the label search
(`/search`, HTML or JSON suggestions for the search box).

The counts scan the whole store, so they are kept per store generation: a new build or
write makes a new generation and new counts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, redirect, render_template, request
from werkzeug.wrappers import Response as WerkzeugResponse

from graph.classes import class_index
from graph.errors import UsageError
from ontology.namespaces import CKG
from server.context import settings
from server.linked_data import page_href
from server.pages.cache import per_generation
from server.pages.event_index import event_index
from server.pages.label_index import label_index
from server.pages.labels import names
from server.pages.sparql import select, value

blueprint = Blueprint("overview", __name__)
MAX_QUERY_CHARS = 200


def _holdings() -> dict[str, Any]:
    index = class_index()
    counts = {value(r, "class") or "": int(r["n"].value) for r in select("overview-classes")}
    articles = select("overview-articles")[0]

    def by_kind(kind: str, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        rows = [{"iri": c, "label": index.label(c), "n": counts[c], "href": page_href(c)}
                for c in counts if index.is_a(c, kind) and c not in skip]
        return sorted(rows, key=lambda r: (-r["n"], r["label"]))

    figures = select("overview-casualties")
    kinds = names(value(r, "kind") or "" for r in figures)
    return {
        "articles": int(articles["articles"].value),
        "first": value(articles, "first"), "last": value(articles, "last"),
        "publishers": [(value(r, "publisher"), int(r["n"].value))
                       for r in select("overview-publishers")],
        "events": by_kind("Event", (CKG + "Event",)),
        "event_total": counts.get(CKG + "Event", 0),
        "claims": counts.get(CKG + "Claim", 0),
        "figure_total": counts.get(CKG + "CasualtyFigure", 0),
        "figures": [{"kind": kinds[value(r, "kind") or ""].label if value(r, "kind") else "",
                     "n": int(r["figures"].value), "lowest": value(r, "lowest"),
                     "highest": value(r, "highest")} for r in figures],
        "actors": by_kind("Actor", (CKG + "Actor",)),
        "places": by_kind("Place", (CKG + "Place",)),
    }


def holdings() -> dict[str, Any]:
    """What the graph holds, counted once per store generation."""
    return per_generation("holdings", _holdings)


@blueprint.route("/")
def overview() -> WerkzeugResponse:
    if "query" in request.args:
        # The query editor used to live here: a link carrying a query still opens it.
        return redirect("/query?" + urlencode(list(request.args.items(multi=True))), code=302)
    held = holdings()
    latest = event_index().latest(10)
    named = names(d.event for d in latest)
    events = [(named[d.event], d.start) for d in latest]
    html = render_template("overview.html", h=held, latest=events, license=settings().license)
    return Response(html, content_type="text/html; charset=utf-8")


def search_labels(text: str) -> list[dict[str, str]]:
    """Things whose label or alternative label starts with `text` (or has a word that
    does), best first."""
    prefix = " ".join(text.split()).lower()
    if not prefix:
        return []
    if len(prefix) > MAX_QUERY_CHARS:
        raise UsageError(f"the search text is longer than {MAX_QUERY_CHARS} characters")
    found = label_index().search(prefix)
    named = names(thing for thing, _ in found)
    out = []
    for thing_iri, match in found:
        thing = named[thing_iri]
        out.append({"iri": thing.iri, "label": thing.label, "match": match,
                    "type": thing.type_label, "href": thing.href})
    return out


@blueprint.route("/search")
def search() -> Response:
    text = request.args.get("q", "")
    found = search_labels(text)
    wanted = (request.args.get("format") or "").lower()
    if not wanted:
        best = request.accept_mimetypes.best_match(["text/html", "application/json"])
        wanted = "json" if best == "application/json" else "html"
    if wanted == "json":
        response = jsonify({"q": text, "results": found})
    elif wanted == "html":
        response = Response(render_template("search.html", q=text, results=found,
                                            license=settings().license),
                            content_type="text/html; charset=utf-8")
    else:
        raise UsageError(f"format={wanted} is not offered for search; use html or json")
    response.headers["Vary"] = "Accept"
    return response
