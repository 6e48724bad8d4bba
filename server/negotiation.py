"""Choosing the response format from the one format table (`graph.store.formats`):
`format=` overrides, else the Accept header with its q-values, else the table's first
entry. Aliases in the table (application/json, text/plain, ...) are offered too."""

from __future__ import annotations

from flask import Request
from werkzeug.datastructures import MIMEAccept

from graph.errors import KgError
from graph.store.formats import RDF_FORMATS, RESULT_FORMATS, Format, by_name

HTML = "text/html"


class NotAcceptable(KgError):
    http_status = 406


def _table(kind: str) -> tuple[Format, ...]:
    return RESULT_FORMATS if kind == "results" else RDF_FORMATS


def offered_text(kind: str) -> str:
    """What we can answer for `kind`, for 406 messages."""
    return ", ".join(f"{f.media_type} (format={f.name})" for f in _table(kind))


def format_override(request: Request) -> str | None:
    """The `format=` parameter from the URL or a form body."""
    value = request.args.get("format")
    if value is None and request.method == "POST" and request.mimetype == (
            "application/x-www-form-urlencoded"):
        value = request.form.get("format")
    return value or None


def _media_types(kind: str, *, html: bool = False) -> list[str]:
    offered = [f.media_type for f in _table(kind)]
    offered += [a for f in _table(kind) for a in f.aliases if "/" in a]
    if html:
        offered.insert(0, HTML)
    return offered


def negotiate(request: Request, kind: str, *, html: bool = False) -> Format | str:
    """The format for a `kind` ("results" or "rdf") answer, or "text/html" when `html` is
    offered and preferred. Raises NotAcceptable listing the offers."""
    override = format_override(request)
    if override:
        if html and override.lower() in {"html", HTML}:
            return HTML
        # Short names, aliases, media types, and media subtypes ("rdf+xml", "ld+json")
        # as some clients send them.
        chosen = (by_name(override, kind) or by_name("application/" + override, kind)
                  or by_name("text/" + override, kind))
        if chosen is None:
            raise NotAcceptable(f"format={override} is not offered for this answer; offered: "
                                + offered_text(kind))
        return chosen
    if not request.accept_mimetypes or not request.headers.get("Accept", "").strip():
        return _table(kind)[0]
    # Media type parameters other than q (e.g. "text/turtle; charset=utf-8") do not
    # change which format is meant.
    accept = MIMEAccept([(value.split(";")[0].strip(), q)
                         for value, q in request.accept_mimetypes])
    best = accept.best_match(_media_types(kind, html=html))
    if best is None:
        raise NotAcceptable(f"none of the media types in Accept ({request.headers['Accept']}) "
                            f"is offered; offered: {offered_text(kind)}"
                            + (", text/html" if html else ""))
    if best == HTML:
        return HTML
    chosen = by_name(best, kind)
    assert chosen is not None  # best_match only returns offered types
    return chosen


def negotiate_or_none(request: Request, kind: str) -> tuple[str | None, str | None]:
    """(format name, None) or (None, the 406 message): for answers whose kind is only known
    after the engine has parsed the query."""
    try:
        chosen = negotiate(request, kind)
    except NotAcceptable as exc:
        return None, exc.message
    assert isinstance(chosen, Format)
    return chosen.name, None


def content_type(fmt: Format) -> str:
    """The Content-Type header for `fmt` (UTF-8 is stated for every text format)."""
    return f"{fmt.media_type}; charset=utf-8"
