"""The query page at `/`: YASGUI served from this server (never a CDN) with our prefixes
and the saved queries as examples; a plain form when the assets are not installed.

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


def render_query_page() -> Response:
    """The page itself (also what a browser gets from GET /sparql without a query)."""
    examples = _examples()
    config = {
        "endpoint": "/sparql",
        "prefixes": PREFIXES,
        "examples": examples,
        "defaultQuery": DEFAULT_QUERY,
        "localSpaces": local_spaces(),
    }
    # "</" is escaped so a query text can never close the script element.
    config_json = json.dumps(config).replace("</", "<\\/")
    html = render_template("query.html", has_yasgui=has_yasgui(), examples=examples,
                           config_json=config_json, endpoint="/sparql",
                           default_query=DEFAULT_QUERY, license=settings().license)
    return Response(html, content_type="text/html; charset=utf-8")


@blueprint.route("/")
def index() -> Response:
    return render_query_page()
