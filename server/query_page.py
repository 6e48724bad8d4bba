"""The query page at `/query` (the overview at `/` sends links carrying a query here):
YASGUI served from this server (never a CDN) with our prefixes and the saved queries as
examples; a plain form when the assets are not installed.

The saved-queries pages (`/queries/NAME`) belong to `server.saved`, registered by the app
factory when present."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, Response, render_template

from ontology.namespaces import CKG, PREFIXES
from server.context import settings

blueprint = Blueprint("query_page", __name__)

STATIC = Path(__file__).resolve().parent / "static"
YASGUI_JS = STATIC / "vendor" / "yasgui" / "yasgui.min.js"
DEFAULT_QUERY = """SELECT ?class (COUNT(?s) AS ?n)
WHERE { ?s a ?class }
GROUP BY ?class
ORDER BY DESC(?n)
LIMIT 25"""


def has_yasgui() -> bool:
    """Whether `make assets` has installed the editor."""
    return YASGUI_JS.is_file()


def local_spaces() -> list[tuple[str, str]]:
    """IRI prefixes this server answers for, with the local path each maps to."""
    base = settings().base_iri
    spaces = [(base, "/")]
    if not CKG.startswith(base):
        spaces.append((CKG.split("#")[0], "/ontology"))
    return spaces


def _examples() -> list[dict[str, str]]:
    try:
        from queries import all_queries

        saved = all_queries()
    except (ImportError, OSError, ValueError):
        saved = []
    return [{"name": q.name, "title": q.title, "question": q.question, "text": q.text}
            for q in saved]


def render_query_page(initial: str | None = None) -> Response:
    """The page itself (also what a browser gets from GET /sparql without a query), with
    `initial` in the editor when given."""
    examples = _examples()
    first = initial or DEFAULT_QUERY
    config = {
        "endpoint": "/sparql",
        "prefixes": PREFIXES,
        "examples": examples,
        "defaultQuery": first,
        "localSpaces": local_spaces(),
    }
    # "</" is escaped so a query text can never close the script element.
    config_json = json.dumps(config).replace("</", "<\\/")
    html = render_template("query.html", has_yasgui=has_yasgui(), examples=examples,
                           config_json=config_json, endpoint="/sparql",
                           default_query=first, license=settings().license)
    return Response(html, content_type="text/html; charset=utf-8")


@blueprint.route("/query")
def index() -> Response:
    """The editor, opening on `?query=TEXT` or on the saved query `?saved=NAME` with its
    parameters bound (the saved-query pages link here)."""
    from flask import request

    initial = request.args.get("query")
    saved = request.args.get("saved")
    if saved:
        from graph.errors import NotFoundError
        from queries import find
        from server.saved import bound_text

        query = find(saved)
        if query is None:
            raise NotFoundError(f"no saved query named {saved!r}; GET /queries lists them")
        given = {k: v for k, v in request.args.items()
                 if k not in {"saved", "query"} and v.strip()}
        initial = bound_text(query, given, derived=False)
    return render_query_page(initial)
