"""The W3C SPARQL 1.1 Protocol test suite, replayed over HTTP against a running `kg serve`
(updates enabled with a token): every query, update and `bad_*` case."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
import rdflib
import requests

from tests.server.conftest import TOKEN
from tests.server.w3c_protocol_cases import CASES, DATA_TRIPLE

SRX = "{http://www.w3.org/2005/sparql-results#}"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _update(url: str, text: str) -> None:
    response = requests.post(url, data=text.encode(), timeout=30, headers={
        **AUTH, "Content-Type": "application/sparql-update"})
    assert response.status_code == 204, response.text


def _setup(url: str, case: dict) -> None:
    if not case["graph_data"]:
        return
    _update(url, "DROP ALL")
    graphs = " ".join(
        f"GRAPH <{graph}> {{ {DATA_TRIPLE.format(n=name[4])} }}"
        for name, graph in case["graph_data"])
    _update(url, f"INSERT DATA {{ {graphs} }}")


def _boolean(response: requests.Response) -> bool:
    mimetype = response.headers["Content-Type"].split(";")[0]
    if mimetype == "application/sparql-results+json":
        return bool(response.json()["boolean"])
    assert mimetype == "application/sparql-results+xml", mimetype
    return ET.fromstring(response.content).find(f"{SRX}boolean").text == "true"


def _tabular_variables(response: requests.Response) -> list[str]:
    mimetype = response.headers["Content-Type"].split(";")[0]
    if mimetype == "application/sparql-results+json":
        return response.json()["head"]["vars"]
    if mimetype == "application/sparql-results+xml":
        root = ET.fromstring(response.content)
        return [v.get("name") for v in root.iter(f"{SRX}variable")]
    delimiter = "," if mimetype == "text/csv" else "\t"
    header = next(csv.reader(io.StringIO(response.text), delimiter=delimiter))
    return [name.lstrip("?") for name in header]


def _status_ok(status: int, expected: list) -> bool:
    return any(str(status)[0] == str(e)[0] for e in expected)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES])
def test_w3c_protocol_case(protocol_server, case: dict) -> None:
    endpoint = protocol_server.url + "/sparql"
    _setup(endpoint, case)
    for req in case["requests"]:
        target = endpoint + req["path"][len("/sparql/"):]
        body = req["body"].encode(req["encoding"]) if req.get("body") is not None else None
        headers = dict(req["headers"])
        if req["role"] == "update" or "update" in target:
            headers.update(AUTH)
        response = requests.request(req["method"], target, data=body, headers=headers,
                                    timeout=30, allow_redirects=False)
        assert _status_ok(response.status_code, req["status"]), (
            f"{req['method']} {target}: {response.status_code} {response.text[:300]}")
        if response.status_code >= 400:
            assert response.text.strip(), "an error answer must say what went wrong"
        fmt = req.get("format")
        if fmt == "boolean":
            value = _boolean(response)  # raises unless a well-formed boolean result
            if req.get("boolean") is not None:
                assert value == req["boolean"]
        elif fmt == "tabular":
            assert "value" in _tabular_variables(response)
        elif fmt == "RDF":
            mimetype = response.headers["Content-Type"].split(";")[0]
            # Parsing raises on a body that is not the RDF its Content-Type says.
            rdflib.Graph().parse(data=response.content, format={
                "text/turtle": "turtle", "application/n-triples": "nt",
                "application/rdf+xml": "xml"}[mimetype])
        elif fmt is not None:
            pytest.fail(f"unknown expected format {fmt}")


def test_bad_cases_answer_with_a_message_not_a_traceback(protocol_server) -> None:
    response = requests.post(protocol_server.url + "/sparql", data=b"ASK {}",
                             headers={"Content-Type": "text/plain"}, timeout=10)
    assert response.status_code == 415
    assert "application/sparql-query" in response.text
    assert "Traceback" not in response.text
