"""Fuzz the HTTP interface from its OpenAPI description (`server/openapi.py`): random
parameters, paths, bodies, media types and tokens against a live `kg serve`. No 500, no
crash, no hang; every rejection is a 4xx (or 503/504 for busy and timed out)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.openapi import document
from tests.reliability.conftest import TOKEN
from tests.reliability.test_hostile_http import safe

DOC = document()
OPERATIONS = [(path, method, op) for path, item in DOC["paths"].items()
              for method, op in item.items() if method != "parameters"]

SPARQL_BITS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "?s", "?p", "?o",
               "GRAPH", "OPTIONAL", "FILTER", "(", ")", "UNION", "LIMIT 5", "ORDER BY",
               "<urn:x:a>", "ckg:Article", "a", ".", ";", ",", "\"x\"@en", "1", "*",
               "PREFIX", "BASE", "VALUES", "BIND", "AS", "COUNT(*)", "INSERT DATA", "DROP",
               "SERVICE", "<http://127.0.0.1:9/>", "\\u0000", "'''", "#", "\n"]
JUNK_TYPES = ["", "*/*", "text/html", "application/json", "image/png", "text/*;q=0",
              "application/sparql-results+json;q=0.1, text/csv", "garbage/;;;",
              "text/turtle; charset=ebcdic", "multipart/form-data; boundary=x"]
FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def _text() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=60),
                     st.lists(st.sampled_from(SPARQL_BITS), max_size=25).map(" ".join),
                     st.sampled_from(["", "..", "../../etc/passwd", "%", "%ff", "\x00",
                                      "id/state/kyrgyzstan", "a" * 5000, "ASK {}"]))


def _value(schema: dict) -> st.SearchStrategy[object]:
    if schema.get("type") == "array":
        return st.lists(_value(schema["items"]), max_size=3)
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), _text())
    return _text()


def _media_types(op: dict) -> list[str]:
    types: list[str] = []
    for answer in op.get("responses", {}).values():
        types.extend(answer.get("content", {}))
    return types


@st.composite
def requests_for(draw: st.DrawFn) -> dict[str, object]:
    path, method, op = draw(st.sampled_from(OPERATIONS))
    params = list(op.get("parameters", [])) + list(DOC["paths"][path].get("parameters", []))
    url_path = path
    query: dict[str, object] = {}
    for param in params:
        if param["in"] == "path":
            value = str(draw(_value(param["schema"])))
            encoded = quote(value, safe=draw(st.sampled_from(["", "/"])))
            url_path = url_path.replace("{" + param["name"] + "}", encoded or "x")
        elif param.get("required") or draw(st.booleans()):
            query[param["name"]] = draw(_value(param["schema"]))
    headers = {"Accept": draw(st.sampled_from(_media_types(op) + JUNK_TYPES))}
    token = draw(st.sampled_from([None, TOKEN, "wrong"]))
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = None
    if "requestBody" in op:
        content = list(op["requestBody"]["content"])
        media = draw(st.sampled_from(content + JUNK_TYPES))
        headers["Content-Type"] = media
        if media == "application/x-www-form-urlencoded":
            field = draw(st.sampled_from(["query", "update", "default-graph-uri", "x"]))
            body = f"{field}={quote(draw(_text()), safe='')}".encode()
        else:
            body = draw(st.one_of(st.binary(max_size=300), _text().map(
                lambda t: t.encode("utf-8", "surrogatepass"))))
    return {"method": method.upper(), "path": url_path, "params": query, "headers": headers,
            "data": body}


@pytest.mark.slow
@FUZZ
@given(request=requests_for())
def test_fuzz_openapi_operations(hostile, request) -> None:
    try:
        response = requests.request(request["method"], hostile.url + request["path"],
                                    params=request["params"], headers=request["headers"],
                                    data=request["data"], timeout=30, allow_redirects=False)
    except requests.Timeout:
        pytest.fail(f"no answer within 30 s: {request}")
    except requests.ConnectionError as exc:
        pytest.fail(f"the server dropped the connection: {exc} for {request}")
    assert response.status_code < 500 or response.status_code in {503, 504}, (
        response.status_code, response.text[:300], request)
    if response.status_code in {503, 504}:
        assert response.text.strip(), "a 503/504 without a message"
    safe(response)


def test_description_covers_every_route(built_store) -> None:
    """The OpenAPI document names every route the app serves, so the fuzzer reaches them."""
    from server import create_app
    from server.openapi import blueprint

    app = create_app(built_store)
    if "openapi" not in app.blueprints:
        app.register_blueprint(blueprint)
    described = set(DOC["paths"])
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule.startswith("/static/"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule).replace("{rest}", "{path}")
        assert path in described or path.rstrip("/") in described, f"{rule.rule} undescribed"
    client = app.test_client()
    response = client.get("/openapi.json")
    assert response.status_code == 200
    served = response.get_json()
    assert served["openapi"].startswith("3.")
    assert set(served["paths"]) == described
