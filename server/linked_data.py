"""Dereferenceable IRIs, with the 303 pattern.

Every IRI the graph mints lives under `KG_BASE_IRI` (`{base}id/...` for things,
`{base}graph/...` for named graphs). The server maps a request path to an IRI by that base,
whatever host it runs on: `GET /id/state/kyrgyzstan` is about `{base}id/state/kyrgyzstan`.

* `/id/...` and `/graph/...` name things, not documents: they answer `303 See Other`,
  to `/page/id/...` for HTML and to `/data/id/....ttl` (or .jsonld, .nt, .rdf, .nq, .trig)
  for RDF, chosen from Accept.
* `/data/{path}.{suffix}` is the RDF document (outgoing and incoming triples), in the
  format of the suffix; `/data/{path}` negotiates by Accept.
* `/page/{path}` is the HTML page.
An IRI the store says nothing about is 404 at every one of these addresses.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, render_template, request
from markupsafe import Markup, escape
from werkzeug.wrappers import Response as WerkzeugResponse

from graph.errors import NotFoundError
from graph.store.formats import RDF_FORMATS, Format
from ontology.namespaces import CKG, PREFIXES
from server.context import settings, store
from server.describe import DESCRIBE, describe, exists
from server.negotiation import HTML, content_type, negotiate

blueprint = Blueprint("linked_data", __name__)
SPACES = ("id", "graph")


def iri_for(path: str) -> str:
    """The IRI a local path stands for: `{base}{path}`. A path that makes no valid IRI
    (a space, a quote, a control character, bytes that were not UTF-8) names nothing the
    graph can hold: 404, before any lookup."""
    iri = settings().base_iri + path
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise NotFoundError(f"nothing can be known about {path!r}: it does not make a "
                            "valid IRI under this server's base") from None
    return iri


def local_path(iri: str) -> str | None:
    """The local path serving `iri`, when this server is the IRI's home."""
    base = settings().base_iri
    if iri.startswith(base):
        return "/" + iri[len(base):]
    if iri.startswith(CKG.split("#")[0]):
        return "/ontology" + iri[len(CKG.split("#")[0]):]
    return None


def curie(iri: str) -> str:
    """`prefix:local` when a project prefix covers the IRI, else the IRI."""
    best = ""
    name = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, name = namespace, prefix
    local = iri[len(best):]
    if best and local and all(c.isalnum() or c in "_-." for c in local):
        return f"{name}:{local}"
    return iri


def page_href(iri: str) -> str:
    """Where a browser should go for `iri`: our HTML page when we serve it."""
    href = local_path(iri)
    if href is None:
        return iri
    return "/page" + href if href.startswith(("/id/", "/graph/")) else href


def render_term(term: object, label: str | None = None) -> Markup:
    """A term as HTML: IRIs as links (local when ours), literals with language or type."""
    if isinstance(term, ox.NamedNode):
        text = label or curie(term.value)
        return Markup('<a href="{}" title="{}">{}</a>').format(
            page_href(term.value), term.value, text)
    if isinstance(term, ox.Literal):
        out: Markup = escape(term.value)
        if term.language:
            out += Markup(' <span class="types">@{}</span>').format(term.language)
        elif term.datatype.value != PREFIXES["xsd"] + "string":
            out += Markup(' <span class="types">({})</span>').format(curie(term.datatype.value))
        return out
    return Markup("<span class='types'>{}</span>").format(str(term))


def _document_redirect(path: str) -> WerkzeugResponse:
    iri = iri_for(path)
    if not exists(store(), iri):
        raise NotFoundError(f"nothing is known about <{iri}>")
    chosen = negotiate(request, "rdf", html=True)
    target = (f"/page/{path}" if chosen == HTML
              else f"/data/{path}.{chosen.suffix}")  # type: ignore[union-attr]
    response = redirect(target, code=303)
    response.headers["Vary"] = "Accept"
    return response


@blueprint.route("/id/<path:rest>")
def thing(rest: str) -> WerkzeugResponse:
    return _document_redirect(f"id/{rest}")


@blueprint.route("/graph/<path:rest>")
def graph(rest: str) -> WerkzeugResponse:
    return _document_redirect(f"graph/{rest}")


def _split_suffix(path: str) -> tuple[str, Format | None]:
    if "." in path.rsplit("/", 1)[-1]:
        stem, suffix = path.rsplit(".", 1)
        fmt = next((f for f in RDF_FORMATS if f.suffix == suffix), None)
        if fmt is not None:
            return stem, fmt
    return path, None


@blueprint.route("/data/<path:rest>")
def data(rest: str) -> Response:
    path, fmt = _split_suffix(rest)
    if path.split("/", 1)[0] not in SPACES:
        raise NotFoundError(f"/data/ serves /id/... and /graph/... resources, not {path}")
    iri = iri_for(path)
    if not exists(store(), iri):
        raise NotFoundError(f"nothing is known about <{iri}>")
    if fmt is None:
        chosen = negotiate(request, "rdf")
        assert isinstance(chosen, Format)
        fmt = chosen
    result = store().query(DESCRIBE, substitutions={"this": ox.NamedNode(iri)})
    body = b"".join(result.serialize(fmt))
    response = Response(body, content_type=content_type(fmt))
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = f'<{iri}>; rel="describes"'
    return response


@blueprint.route("/page/<path:rest>")
def page(rest: str) -> Response:
    if rest.split("/", 1)[0] not in SPACES:
        raise NotFoundError(f"/page/ serves /id/... and /graph/... resources, not {rest}")
    iri = iri_for(rest)
    if not exists(store(), iri):
        raise NotFoundError(f"nothing is known about <{iri}>")
    desc = describe(store(), iri)
    formats = [(f.name, f"/data/{rest}.{f.suffix}") for f in RDF_FORMATS]
    from server.pages.views import human_view

    html = render_template(
        "resource.html", d=desc, term=render_term, curie=curie, href=page_href,
        formats=formats,
        graph_store_url=f"/graph-store/{rest}" if desc.graph_size is not None else None,
        license=settings().license, **human_view(desc, request.args),
    )
    return Response(html, content_type="text/html; charset=utf-8")
