"""The query fast path (server/fastpath.py) answers `GET /sparql?query=...` exactly as the
Flask view does: same status, headers and body, over the running server. A request with
one more (ignored) parameter is not simple and goes through the view, so each request is
sent both ways and the answers compared."""

from __future__ import annotations

import json

import pytest
import requests

from server.fastpath import simple_query
from tests.server.conftest import TOKEN

XML = "application/sparql-results+xml"
JSON = "application/sparql-results+json"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

CASES = {
    "ask-json": ("ASK {}", {"Accept": JSON}, None),
    "select-xml": ("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g LIMIT 3",
                   {"Accept": XML}, None),
    "select-csv-q": ("SELECT ?s WHERE { ?s a ?c } ORDER BY ?s LIMIT 5",
                     {"Accept": "text/csv;q=0.9, text/tab-separated-values"}, None),
    "select-format-over-browser": ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2",
                                   {"Accept": BROWSER}, "json"),
    "construct-no-accept": ("CONSTRUCT WHERE { ?s a ?c } LIMIT 4", {}, None),
    "construct-jsonld": ("CONSTRUCT WHERE { ?s a ?c } LIMIT 4",
                         {"Accept": "application/ld+json"}, None),
    # Larger than one executor chunk (64 kB): streamed, chunked, on both paths.
    "construct-streamed": ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                           {"Accept": "application/n-triples"}, None),
    "syntax-error": ("SELECT WHERE {", {"Accept": JSON}, None),
    "not-acceptable": ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"Accept": "text/turtle"},
                       None),
    "service-refused": ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }",
                        {"Accept": JSON}, None),
}


def _get(url: str, query: str, headers: dict[str, str], fmt: str | None,
         via_view: bool) -> requests.Response:
    params = {"query": query}
    if fmt:
        params["format"] = fmt
    if via_view:
        params["via"] = "view"
    return requests.get(url + "/sparql", params=params, headers=headers, timeout=30)


def _comparable(response: requests.Response) -> tuple[object, ...]:
    headers = {k: v for k, v in response.headers.items() if k.lower() != "date"}
    return response.status_code, response.reason, headers, response.content


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_fast_path_answers_as_the_view_does(live_server, case: str) -> None:
    query, headers, fmt = CASES[case]
    # The view first: the fast path only takes Accept headers the view has negotiated.
    by_view = _get(live_server.url, query, headers, fmt, via_view=True)
    fast = _get(live_server.url, query, headers, fmt, via_view=False)
    assert _comparable(fast) == _comparable(by_view)
    if case == "construct-streamed":
        assert fast.headers.get("Transfer-Encoding") == "chunked"
        assert len(fast.content) > 64 * 1024


def test_the_fast_path_logs_like_the_view(live_server) -> None:
    query = "ASK { ?s a ?c }"
    for via_view in (True, False, False):
        assert _get(live_server.url, query, {"Accept": JSON}, None, via_view).ok
    records = [json.loads(line) for line in live_server.log() if line.startswith(b"{")]
    ours = [r for r in records if r.get("path") == "/sparql" and r.get("query_hash")
            and r["status"] == 200][-3:]
    assert len(ours) == 3 and len({r["query_hash"] for r in ours}) == 1
    assert all(set(r) == {"method", "path", "status", "query_hash", "duration_ms"}
               for r in ours)


def test_the_fast_path_takes_only_simple_query_gets(built_store) -> None:
    """In process: which requests skip Flask (its before-request hooks do not run)."""
    from server import create_app

    app = create_app(built_store)
    through_flask: list[str] = []
    app.before_request(lambda: through_flask.append("x") and None)
    client = app.test_client()
    accept = {"Accept": JSON}
    client.get("/sparql", query_string={"query": "ASK {}"}, headers=accept)
    assert len(through_flask) == 1  # a first Accept header: negotiated by the view
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers=accept)
    assert response.status_code == 200 and response.json == {"head": {}, "boolean": True}
    assert len(through_flask) == 1  # answered by the fast path
    for request in (
        {"query_string": {"query": "ASK {}", "default-graph-uri": "http://example.org/g"}},
        {"query_string": {"query": "ASK {}", "via": "view"}},
        {"query_string": {"query": " "}},
        {"query_string": "query=ASK%20%7B%7D&query=ASK%20%7B%7D"},
        {"query_string": {"query": "ASK {}"}, "headers": {"Accept": XML}},  # first seen
    ):
        before = len(through_flask)
        client.get("/sparql", **{"headers": accept, **request})
        assert len(through_flask) == before + 1, request
    before = len(through_flask)
    client.post("/sparql", data={"query": "ASK {}"}, headers=accept)
    client.head("/sparql", query_string={"query": "ASK {}"}, headers=accept)
    assert len(through_flask) == before + 2
    app.extensions["kg_runner"].close()


@pytest.mark.parametrize(("environ", "expected"), [
    ({"QUERY_STRING": "query=ASK+%7B%7D"}, ("ASK {}", None)),
    ({"QUERY_STRING": "format=xml&query=ASK+%7B%7D"}, ("ASK {}", "xml")),
    ({"QUERY_STRING": "query=ASK+%7B%7D&format="}, ("ASK {}", None)),
    ({"QUERY_STRING": "query=%FF"}, ("%FF", None)),  # kept percent-encoded, as werkzeug does
    ({"QUERY_STRING": "query=ASK+%7B%7D", "REQUEST_METHOD": "POST"}, None),
    ({"QUERY_STRING": "query=ASK+%7B%7D", "PATH_INFO": "/sparql/"}, None),
    ({"QUERY_STRING": "query=ASK+%7B%7D", "CONTENT_LENGTH": "3"}, None),
    ({"QUERY_STRING": "query=ASK+%7B%7D", "HTTP_TRANSFER_ENCODING": "chunked"}, None),
    ({"QUERY_STRING": "update=CLEAR+ALL"}, None),
    ({"QUERY_STRING": ""}, None),
])
def test_simple_query_reading(environ: dict[str, str], expected) -> None:
    assert simple_query({"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", **environ}) == expected


def test_updates_never_take_the_fast_path(writable_server) -> None:
    """An update sent by GET is refused by the view (400), token or not."""
    response = requests.get(writable_server.url + "/sparql",
                            params={"update": "CLEAR ALL"},
                            headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert response.status_code == 400
    assert requests.get(writable_server.url + "/sparql",
                        params={"query": "ASK { ?s ?p ?o }"}, timeout=10).json()["boolean"]
