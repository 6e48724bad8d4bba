"""`/sparql`: the SPARQL 1.1 Protocol. Queries by GET, POST form and POST direct run in the
query runner (killable executor processes for the embedded store); updates by POST form
and POST direct need the bearer token and make a new store generation each. GET without
a query answers a browser with the query page and an RDF client with the Service
Description."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator

from flask import Blueprint, Request, Response, g, request

from graph.errors import UsageError
from graph.sparql_lex import Token
from graph.store.formats import Format, by_name
from ontology.namespaces import PREFIXES
from server.cache import Cached, Key, ResultCache, cacheable, etag, matches, request_key
from server.context import result_cache, runner, settings, store, tables_after_write
from server.executor import Job
from server.negotiation import HTML, content_type, format_override, negotiate, negotiate_or_none
from server.pool import Runner
from server.protocol import Operation, check_token, read_operation
from server.settings import Settings
from server.sparqlscan import add_using_clauses, check_remote_access, scan

blueprint = Blueprint("sparql", __name__)


def query_hash(text: str) -> str:
    """A short stable id of a query text, for the access log."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Negotiated formats by (format= override, Accept header): the choice depends on nothing
# else, clients send the same few headers again and again, and werkzeug's Accept matching
# costs about a third of a millisecond per query. Bounded, so odd headers cannot grow it.
_NEGOTIATED: dict[tuple[str | None, str | None], tuple[tuple[str | None, str | None], ...]] = {}
_NEGOTIATED_MAX = 512
_negotiated_lock = threading.Lock()


Formats = tuple[tuple[str | None, str | None], ...]


def _query_formats(req: Request) -> Formats:
    """((results format, 406 message), (rdf format, 406 message)) for this request."""
    key = (format_override(req), req.headers.get("Accept"))
    found = _NEGOTIATED.get(key)
    if found is None:
        found = (negotiate_or_none(req, "results"), negotiate_or_none(req, "rdf"))
        with _negotiated_lock:
            if len(_NEGOTIATED) >= _NEGOTIATED_MAX:
                _NEGOTIATED.clear()
            _NEGOTIATED[key] = found
    return found


def endpoint_iri(conf: Settings | None = None) -> str:
    """The base IRI of queries and updates: the endpoint's public IRI."""
    return (conf or settings()).base_iri + "sparql"


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    op = read_operation(request)
    g.operation = op.kind
    if op.kind == "none":
        return _describe_service()
    g.query_hash = query_hash(op.text)
    if op.kind == "update":
        return _update(op)
    return _query(op)


def _query(op: Operation) -> Response:
    if not op.text.strip():
        raise UsageError("the query is empty: pass it as query=... or in the POST body")
    return answer_query(op.text, default_graphs=op.default_graphs,
                        named_graphs=op.named_graphs)


def answer_query(text: str, *, default_graphs: list[str] | None = None,
                 named_graphs: list[str] | None = None) -> Response:
    """Run a query in the query runner (timeout, size limit, SERVICE check) and answer it
    in the negotiated format: the one path of /sparql and the saved queries."""
    default_graphs, named_graphs = default_graphs or [], named_graphs or []
    cache = result_cache()
    generation = getattr(store(), "generation", None)
    toks = scan(text)
    if generation is None or not cache.enabled or not cacheable(text, toks):
        fmt, body = run_query(settings(), runner(), text, _query_formats(request),
                              default_graphs=default_graphs, named_graphs=named_graphs,
                              toks=toks)
        response = Response(body, content_type=content_type(fmt))
        response.headers["Vary"] = "Accept"
        return response
    key = request_key(text, default_graphs, named_graphs, format_override(request),
                      request.headers.get("Accept"))
    tag = etag(generation, key)
    revalidating = request.method in {"GET", "HEAD"}
    if revalidating and matches(request.headers.get("If-None-Match"), tag):
        g.cache = "revalidated"
        return _cache_headers(Response(status=304), tag, revalidating)
    found = cache.get(generation, key)
    kept = by_name(found.fmt_name, found.kind) if found is not None else None
    if found is not None and kept is not None:
        g.cache = "hit"
        return _cache_headers(Response(found.body, content_type=content_type(kept)), tag,
                              revalidating)
    fmt, body = run_query(settings(), runner(), text, _query_formats(request),
                          default_graphs=default_graphs, named_graphs=named_graphs,
                          toks=toks)
    if isinstance(body, bytes):
        cache.put(generation, key, Cached(fmt.kind, fmt.name, body))
    else:
        body = _kept_when_complete(body, cache, generation, key, fmt)
    return _cache_headers(Response(body, content_type=content_type(fmt)), tag, revalidating)


def _kept_when_complete(chunks: Iterator[bytes], cache: ResultCache, generation: str,
                        key: Key, fmt: Format) -> Iterator[bytes]:
    """The streamed answer, passed on chunk by chunk and kept in the cache once it has
    ended normally (an answer larger than the cache keeps is only passed on)."""
    kept: list[bytes] | None = []
    size = 0
    try:
        for chunk in chunks:
            if kept is not None:
                size += len(chunk)
                if size > cache.max_entry:
                    kept = None
                else:
                    kept.append(chunk)
            yield chunk
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()  # gives the executor back, or replaces it if the client went away
    if kept is not None:
        cache.put(generation, key, Cached(fmt.kind, fmt.name, b"".join(kept)))


def _cache_headers(response: Response, tag: str, revalidating: bool) -> Response:
    response.headers["Vary"] = "Accept"
    response.headers["ETag"] = tag
    if revalidating:
        # Caches may keep the answer but must ask again (a write can change it at any
        # time); asking again with If-None-Match costs a 304, not a query.
        response.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def run_query(conf: Settings, query_runner: Runner, text: str, formats: Formats, *,
              default_graphs: list[str], named_graphs: list[str],
              toks: list[Token] | None = None) -> tuple[Format, bytes | Iterator[bytes]]:
    """The format of the answer and its bytes: whole (sent with Content-Length) when the
    executor had them in one piece, else an iterator (sent chunked) as they stream.
    `toks`: the text's tokens, when the caller has scanned it."""
    check_remote_access(text, conf.service_allowlist, default_prefixes=PREFIXES, toks=toks)
    (results_name, results_406), (rdf_name, rdf_406) = formats
    job = Job(query=text, default_graphs=default_graphs, named_graphs=named_graphs,
              base_iri=endpoint_iri(conf),
              results_format=results_name, rdf_format=rdf_name,
              not_acceptable={k: v for k, v in (("results", results_406), ("rdf", rdf_406))
                              if v},
              max_bytes=conf.max_result_bytes)
    began = time.perf_counter()
    kind, fmt_name, chunks = query_runner.run(job)
    if job.stages:
        # Where a request's time goes: the front before the hop, the pool's wait for an
        # executor, the executor's round trip to the first chunk, the engine inside it.
        job.stages["front_ms"] = round((began - g.get("started", began)) * 1000, 2)
        g.stages = job.stages
    fmt = by_name(fmt_name, "rdf" if kind == "graph" else "results")
    assert fmt is not None
    return fmt, (b"".join(chunks) if isinstance(chunks, list) else chunks)


def _update(op: Operation) -> Response:
    conf = settings()
    check_token(request, conf.update_token)
    check_remote_access(op.text, conf.service_allowlist, default_prefixes=PREFIXES)
    text = add_using_clauses(op.text, op.default_graphs, op.named_graphs)
    store().update(text, base_iri=endpoint_iri())
    tables_after_write()
    return Response(status=204)


def _describe_service() -> Response:
    from server.query_page import render_query_page
    from server.service_description import service_description

    chosen = negotiate(request, "rdf", html=True)
    if chosen == HTML:
        return render_query_page()
    assert not isinstance(chosen, str)
    body = service_description(request.url_root.rstrip("/") + "/sparql", chosen,
                               writable=bool(settings().update_token))
    response = Response(body, content_type=content_type(chosen))
    response.headers["Vary"] = "Accept"
    return response

