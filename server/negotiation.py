"""Choosing the response format: `format=` overrides, else the Accept header's q-values,
from the one format table."""

from __future__ import annotations

from flask import Request

from graph.errors import KgError
from graph.store.formats import RDF_FORMATS, RESULT_FORMATS, Format, by_name


class NotAcceptable(KgError):
    http_status = 406


def choose(request: Request, kind: str) -> Format:
    """The format for a result of `kind` ("results" or "rdf")."""
    table = RESULT_FORMATS if kind == "results" else RDF_FORMATS
    override = request.args.get("format") or request.form.get("format") if request.method == "POST" else request.args.get("format")
    if override:
        chosen = by_name(override, kind)
        if chosen is None:
            raise NotAcceptable(f"format={override} is not offered for this result; offered: "
                                + ", ".join(f.name for f in table))
        return chosen
    offered = [f.media_type for f in table]
    if not request.accept_mimetypes or request.accept_mimetypes.best in (None, "*/*") and len(
            request.accept_mimetypes) <= 1:
        return table[0]
    best = request.accept_mimetypes.best_match(offered)
    if best is None:
        # Aliases such as application/json or text/plain.
        for mime, _q in request.accept_mimetypes:
            chosen = by_name(mime, kind)
            if chosen is not None:
                return chosen
        raise NotAcceptable("none of the requested media types is offered; offered: "
                            + ", ".join(offered))
    chosen = by_name(best, kind)
    assert chosen is not None
    return chosen
