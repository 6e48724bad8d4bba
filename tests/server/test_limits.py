"""Limits and safety on a running `kg serve` with small limits: the query timeout stops a
query and the server keeps answering, overload is shed with 503 + Retry-After, SERVICE
and LOAD reach only allowlisted endpoints, bodies and results have a size limit, and every
request is in the structured access log."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.conftest import start_server
from tests.server.conftest import TOKEN

# Four-way cross product of the corpus graph: far more than 2 s of work.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ASK = "ASK { ?s ?p ?o }"


def _ask(url: str) -> requests.Response:
    return requests.get(url + "/sparql", params={"query": ASK}, timeout=30)


def test_a_query_past_the_timeout_is_stopped_and_the_server_keeps_serving(
        strict_server) -> None:
    started = time.monotonic()
    response = requests.post(strict_server.url + "/sparql", data={"query": SLOW}, timeout=30)
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert "KG_QUERY_TIMEOUT" in response.text
    assert elapsed < 10
    after = _ask(strict_server.url)
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_overload_is_shed_with_503_and_retry_after(strict_server) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(
            lambda _: requests.post(strict_server.url + "/sparql", data={"query": SLOW},
                                    timeout=30), range(4)))
    statuses = sorted(r.status_code for r in responses)
    assert 504 in statuses
    shed = [r for r in responses if r.status_code == 503]
    assert shed, statuses
    assert all(r.headers.get("Retry-After") for r in shed)
    assert _ask(strict_server.url).status_code == 200


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://169.254.169.254/latest> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?endpoint SERVICE ?endpoint { ?s ?p ?o } }",
    "PREFIX ex: <http://10.0.0.1/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
], ids=["iri", "silent", "variable", "prefixed"])
def test_service_to_other_endpoints_is_refused(strict_server, query: str) -> None:
    response = requests.post(strict_server.url + "/sparql", data={"query": query}, timeout=10)
    assert response.status_code == 400
    assert "SERVICE" in response.text and "KG_SERVICE_ALLOWLIST" in response.text


def test_service_keyword_inside_strings_and_iris_is_not_refused(strict_server) -> None:
    query = 'SELECT * WHERE { ?s <http://example.org/SERVICE> "SERVICE <http://x/>" } LIMIT 1'
    response = requests.post(strict_server.url + "/sparql", data={"query": query}, timeout=10)
    assert response.status_code == 200


def test_load_is_refused_unless_allowlisted(strict_server) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    refused = requests.post(strict_server.url + "/sparql", headers=auth, timeout=10,
                            data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"})
    assert refused.status_code == 400
    assert "LOAD" in refused.text
    # Allowlisted: the server tries (and fails, nothing listens there) instead of refusing.
    allowed = requests.post(strict_server.url + "/sparql", headers=auth, timeout=30,
                            data={"update": "LOAD <http://127.0.0.1:9/allowed/data.ttl>"})
    assert "KG_SERVICE_ALLOWLIST" not in allowed.text


def test_request_body_limit_is_413(strict_server) -> None:
    query = "ASK {}" + " " * 5000
    response = requests.post(strict_server.url + "/sparql", data=query.encode(), timeout=10,
                             headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert "KG_MAX_BODY" in response.text


def test_result_size_limit_stops_the_answer(strict_server) -> None:
    query = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 20000"
    response = requests.post(strict_server.url + "/sparql", data={"query": query},
                             timeout=30, stream=True)
    if response.status_code == 200:
        # Headers were already sent: the server breaks the chunked stream instead of
        # letting a truncated answer look complete.
        with pytest.raises(requests.exceptions.ChunkedEncodingError):
            b"".join(response.iter_content(65536))
    else:
        assert response.status_code == 413
        assert "KG_MAX_RESULT_BYTES" in response.text
    assert _ask(strict_server.url).status_code == 200


def test_access_log_is_structured(built_store_path: Path) -> None:
    server = start_server(built_store_path, env={"KG_QUERY_WORKERS": "1"})
    try:
        requests.get(server.url + "/sparql", params={"query": ASK}, timeout=30)
        requests.get(server.url + "/no/such/page", timeout=30)
    finally:
        server.stop()
    lines = [json.loads(line) for line in b"".join(server.log()).decode().splitlines()
             if line.startswith("{")]
    queries = [r for r in lines if r["path"] == "/sparql" and r["query_hash"]]
    assert queries and queries[-1]["status"] == 200
    assert set(queries[-1]) >= {"method", "path", "status", "duration_ms", "query_hash"}
    assert any(r["path"] == "/no/such/page" and r["status"] == 404 for r in lines)
