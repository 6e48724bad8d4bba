"""A saved query as a page: its question, a form for its parameters, the answer as a
table (IRIs as labelled links to their pages), paged, and links to the same answer as
CSV or JSON and to the editor with the query loaded. The query runs in the query runner
like every other, so the server's timeout and size limits hold."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from flask import Response, render_template, request

from graph.errors import UsageError
from queries import SavedQuery
from server.cache import Cached, cacheable, request_key
from server.context import result_cache, runner, settings, store
from server.pages.labels import names
from server.sparql import run_query
from server.sparqlscan import scan

PAGE_SIZE = 100


def _page() -> int:
    raw = request.args.get("page", "0") or "0"
    if not raw.isdigit() or int(raw) > 100_000:
        raise UsageError(f"page={raw!r}: give a page number from 0")
    return int(raw)


def _answer(text: str) -> bytes:
    """The query's answer as SPARQL JSON, through the result cache: turning the pages of
    one table, or reading it again, runs the query once per generation (a cq04 table
    cost its whole query on every view: up to 1 s at 1M triples on a busy machine). The
    page itself is rendered afresh every time; only the answer it shows is kept."""
    cache = result_cache()
    generation = getattr(store(), "generation", None)
    key = request_key(text, [], [], "json", "page")
    toks = scan(text)
    keep = generation is not None and cache.enabled and cacheable(text, toks)
    found = cache.get(generation, key) if keep and generation is not None else None
    if found is not None:
        return found.body
    fmt, body = run_query(settings(), runner(), text, (("json", None), ("ttl", None)),
                          default_graphs=[], named_graphs=[], toks=toks)
    raw = body if isinstance(body, bytes) else b"".join(body)
    if keep and generation is not None:
        cache.put(generation, key, Cached(fmt.kind, fmt.name, raw))
    return raw


def render_saved(query: SavedQuery, given: dict[str, str], text: str) -> Response:
    page = _page()
    answer = json.loads(_answer(text))
    columns: list[str] = answer.get("head", {}).get("vars", [])
    bindings: list[dict[str, Any]] = answer.get("results", {}).get("bindings", [])
    total = len(bindings)
    shown = bindings[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    named = names(cell["value"] for row in shown for cell in row.values()
                  if cell.get("type") == "uri")
    rows = [[_cell(row.get(c), named) for c in columns] for row in shown]
    params = {k: v for k, v in given.items() if k != "page" and v.strip()}
    here = request.path
    html = render_template(
        "saved_result.html", q=query, params=params, columns=columns, rows=rows,
        total=total, page=page, page_size=PAGE_SIZE,
        prev_url=f"{here}?{urlencode({**params, 'page': page - 1})}" if page else None,
        next_url=(f"{here}?{urlencode({**params, 'page': page + 1})}"
                  if (page + 1) * PAGE_SIZE < total else None),
        csv_url=f"{here}?{urlencode({**params, 'format': 'csv'})}",
        json_url=f"{here}?{urlencode({**params, 'format': 'json'})}",
        editor_url=f"/query?{urlencode({'saved': query.name, **params})}",
        license=settings().license)
    response = Response(html, content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


def _cell(cell: dict[str, Any] | None, named: dict[str, Any]) -> dict[str, Any]:
    if cell is None:
        return {"text": ""}
    if cell.get("type") == "uri":
        thing = named.get(cell["value"])
        return {"link": thing} if thing else {"text": cell["value"]}
    return {"text": cell.get("value", "")}
