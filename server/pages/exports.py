"""`/exports/`: the event, casualty-figure and claim tables as CSV (`graph.exports`), the
same tables `kg export --table NAME` writes."""

from __future__ import annotations

import io

from flask import Blueprint, Response, render_template

from graph.errors import NotFoundError
from graph.exports import TABLES, table, write_csv
from server.context import settings, store

blueprint = Blueprint("exports", __name__)


@blueprint.route("/exports/")
def listing() -> Response:
    html = render_template("exports.html", tables=list(TABLES), license=settings().license)
    return Response(html, content_type="text/html; charset=utf-8")


@blueprint.route("/exports/<name>.csv")
def export_csv(name: str) -> Response:
    if name not in TABLES:
        raise NotFoundError(f"no table named {name!r}; /exports/ lists them")
    out = io.StringIO()
    write_csv(out, table(store(), name))
    response = Response(out.getvalue(), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
