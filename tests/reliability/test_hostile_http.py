"""A battery of named hostile requests against a live `kg serve`, one test per case.

Every answer is checked for leaks (no stack trace, no file path); requests that could
make the server call out are sent while a loopback listener records every connection,
to prove none left."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time

import pytest
import requests

from tests.reliability.conftest import MAX_BODY, TOKEN, HostileServer
from tests.reliability.helpers import RecordingListener

LEAKS = re.compile(r"Traceback|File \"|site-packages|(?:/[\w.-]+)+\.py\b|/tmp/|/work/|"
                   r"/root/|/home/|pytest-of")
PASSWD = "root:x:0:0"


def safe(response: requests.Response | http.client.HTTPResponse, body: bytes | None = None,
         ) -> str:
    """The body of an answer, checked: never a 500, never a trace or a server path."""
    status = response.status_code if isinstance(response, requests.Response) else response.status
    text = (response.content if isinstance(response, requests.Response) else body or b""
            ).decode("utf-8", "replace")
    assert status != 500, text[:500]
    assert not LEAKS.search(text), f"the answer leaks internals: {LEAKS.search(text)}"
    assert PASSWD not in text
    return text


def query(server: HostileServer, text: str, **kwargs: object) -> requests.Response:
    return requests.post(server.url + "/sparql", data={"query": text}, timeout=30,
                         **kwargs)  # type: ignore[arg-type]


def update(server: HostileServer, text: str, token: str | None = TOKEN) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.post(server.url + "/sparql", data={"update": text}, headers=headers,
                         timeout=30)


def raw_request(server: HostileServer, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """A request sent as is (no client-side normalisation of the path)."""
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body or None)
        response = conn.getresponse()
        data = response.read()
        safe(response, data)
        return response.status, data
    finally:
        conn.close()


# -- SERVICE and LOAD ------------------------------------------------------------------


@pytest.mark.parametrize("form", [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "select * where { service <{url}> { ?s ?p ?o } }",
    "PREFIX x: <{url}> SELECT * WHERE { SERVICE x:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { #comment\n SERVICE\t<{url}>{?s ?p ?o} }",
    "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "BASE <{url}> SELECT * WHERE { SERVICE <relative> { ?s ?p ?o } }",
], ids=["plain", "silent", "lowercase", "prefixed", "comment", "variable", "relative"])
def test_service_to_loopback_is_refused_and_never_called(hostile, form) -> None:
    with RecordingListener() as listener:
        response = query(hostile, form.replace("{url}", listener.url))
        time.sleep(0.3)
    assert response.status_code == 400, response.text[:300]
    assert "SERVICE" in safe(response) or "service" in response.text
    assert listener.connections == [], "the server called out to the SERVICE target"


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/sparql", "http://192.168.1.1/sparql", "http://172.16.0.1/sparql",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/sparql",
    "http://localhost/sparql", "http://0.0.0.0/sparql", "http://2130706433/sparql",
])
def test_service_to_private_address_is_refused(hostile, target) -> None:
    started = time.monotonic()
    response = query(hostile, f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}")
    assert response.status_code == 400, response.text[:300]
    # Refused before evaluation: no connection attempt to wait for.
    assert time.monotonic() - started < 5
    safe(response)


@pytest.mark.parametrize("form", [
    "LOAD <{url}data.ttl>",
    "LOAD SILENT <{url}data.ttl> INTO GRAPH <urn:x:g>",
    "load <{url}data.ttl>",
    "PREFIX x: <{url}> LOAD x:data.ttl",
], ids=["plain", "silent-into", "lowercase", "prefixed"])
def test_load_to_loopback_is_refused_and_never_called(hostile, form) -> None:
    with RecordingListener() as listener:
        response = update(hostile, form.replace("{url}", listener.url))
        time.sleep(0.3)
    assert response.status_code == 400, response.text[:300]
    safe(response)
    assert listener.connections == [], "the server fetched the LOAD target"


def test_load_to_private_address_is_refused(hostile) -> None:
    response = update(hostile, "LOAD <http://169.254.169.254/latest/meta-data/>")
    assert response.status_code == 400, response.text[:300]
    safe(response)


# -- updates and the token ---------------------------------------------------------------

MARK = "INSERT DATA { GRAPH <urn:x:reliability> { <urn:x:s> <urn:x:p> \"{v}\" } }"


def _marked(hostile: HostileServer, value: str) -> bool:
    response = requests.get(hostile.url + "/sparql", timeout=30,
                            headers={"Accept": "application/sparql-results+json"},
                            params={"query": f'ASK {{ GRAPH ?g {{ ?s <urn:x:p> "{value}" }} }}'})
    assert response.status_code == 200, response.text[:300]
    return bool(response.json()["boolean"])


def test_update_without_token_is_401(hostile) -> None:
    response = update(hostile, MARK.replace("{v}", "no-token"), token=None)
    assert response.status_code == 401, response.text[:300]
    safe(response)
    assert not _marked(hostile, "no-token")


def test_update_with_wrong_token_is_403(hostile) -> None:
    response = update(hostile, MARK.replace("{v}", "wrong-token"), token=TOKEN + "x")
    assert response.status_code == 403, response.text[:300]
    safe(response)
    assert not _marked(hostile, "wrong-token")


def test_update_with_token_prefix_is_403(hostile) -> None:
    response = update(hostile, MARK.replace("{v}", "prefix"), token=TOKEN[:-1])
    assert response.status_code == 403
    assert not _marked(hostile, "prefix")


def test_update_with_right_token_applies(hostile) -> None:
    response = update(hostile, MARK.replace("{v}", "right-token"))
    assert response.status_code in {200, 204}, response.text[:300]
    assert _marked(hostile, "right-token")


@pytest.mark.parametrize(("token", "status"), [(None, 401), (TOKEN + "x", 403), (TOKEN, 201)],
                         ids=["none", "wrong", "right"])
def test_graph_store_write_needs_the_token(hostile, token, status) -> None:
    headers = {"Content-Type": "text/turtle"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    graph = f"urn:x:gsp-{status}"
    response = requests.put(hostile.url + "/graph-store", params={"graph": graph},
                            data=b"<urn:x:a> <urn:x:b> <urn:x:c> .", headers=headers,
                            timeout=30)
    assert response.status_code in ({201, 204} if status == 201 else {status}), response.text
    safe(response)
    got = requests.get(hostile.url + "/graph-store", params={"graph": graph}, timeout=30,
                       headers={"Accept": "application/n-triples"})
    assert got.status_code == (200 if status == 201 else 404)


# -- path traversal ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/id/../../../../etc/passwd",
    "/id/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/data/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/data/id/..%2f..%2f..%2fetc%2fpasswd.ttl",
    "/page/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/graph/..%252f..%252fetc%252fpasswd",
    "/graph-store/..%2f..%2f..%2fetc%2fpasswd",
    "/dumps/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/dumps/%2e%2e%2f%2e%2e%2fCURRENT",
    "/ontology.%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/queries/..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "//etc/passwd",
])
def test_path_traversal_is_refused(hostile, path) -> None:
    status, body = raw_request(hostile, "GET", path)
    assert status in {400, 404, 405, 308, 301}, (status, body[:200])
    assert PASSWD.encode() not in body
    assert b"gens/" not in body


@pytest.mark.parametrize("graph", ["file:///etc/passwd", "../../etc/passwd",
                                   "http://127.0.0.1:1/x"])
def test_graph_store_graph_parameter_is_not_a_path(hostile, graph) -> None:
    response = requests.get(hostile.url + "/graph-store", params={"graph": graph}, timeout=30)
    assert response.status_code in {400, 404}, response.text[:200]
    assert PASSWD not in safe(response)


# -- sizes, nesting, encodings -------------------------------------------------------------


def test_over_long_iri_in_linked_data_path(hostile) -> None:
    status, _body = raw_request(hostile, "GET", "/id/state/" + "a" * 100_000)
    assert status in {400, 404, 414, 431}


def test_over_long_iri_in_query(hostile) -> None:
    response = query(hostile, f"ASK {{ <urn:x:{'a' * 500_000}> ?p ?o }}")
    assert response.status_code in {200, 400, 413}, response.status_code
    safe(response)


def test_over_long_query_by_get(hostile) -> None:
    long = "SELECT * WHERE { ?s ?p ?o " + "FILTER(?o != 1) " * 20_000 + "} LIMIT 1"
    try:
        response = requests.get(hostile.url + "/sparql", params={"query": long}, timeout=30)
    except requests.ConnectionError:
        pytest.fail("the server dropped the connection instead of answering 414")
    assert response.status_code in {400, 413, 414, 431}, response.status_code
    safe(response)


def test_over_long_query_by_post_past_the_body_limit(hostile) -> None:
    long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_BODY + 10)
    response = requests.post(hostile.url + "/sparql", data=long.encode(), timeout=30,
                             headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413, response.status_code
    safe(response)


@pytest.mark.parametrize(("kind", "text"), [
    ("groups", "SELECT * WHERE " + "{" * 20_000 + "}" * 20_000),
    ("parentheses", "SELECT * WHERE { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }"),
    ("optionals", "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000
     + "}" * 3000 + " }"),
    ("subqueries", "SELECT * WHERE { " + "{ SELECT * WHERE " * 2000 + "{}" + " }" * 2000
     + " }"),
    ("paths", "SELECT * WHERE { ?s " + "(" * 10_000 + "<urn:x:p>" + ")" * 10_000 + " ?o }"),
    ("unions", "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20_000) + " }"),
])
def test_deeply_nested_query(hostile, kind, text) -> None:
    response = query(hostile, text)
    assert response.status_code in {200, 400, 413, 503, 504}, (kind, response.status_code)
    safe(response)
    assert hostile.alive(), f"the server died on a deeply nested query ({kind})"


@pytest.mark.parametrize("path", [
    "/sparql?query=%ZZ%E0%A4",
    "/sparql?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%",
    "/sparql?query=%C0%AF%C0%AF",
    "/sparql?query=%FF%FE%00%00",
    "/id/%ff%fe%fd",
    "/page/id/%E0%A4",
    "/data/id/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd",
    "/graph-store?graph=%ZZ",
    "/queries/%ff",
])
def test_malformed_percent_encoding(hostile, path) -> None:
    status, _body = raw_request(hostile, "GET", path)
    assert status in {400, 404}, status


def test_malformed_percent_encoding_in_form_body(hostile) -> None:
    status, _body = raw_request(hostile, "POST", "/sparql", b"query=%ZZ%E0%A4%",
                                {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400, status


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/sparql-query; charset=utf-8", b"ASK { ?s ?p \"\xff\xfe\" }"),
    ("application/sparql-query; charset=latin-1", "ASK { ?s ?p \"caf\xe9\" }".encode("latin-1")),
    ("application/sparql-query; charset=utf-16", "ASK {}".encode("utf-16")),
    ("application/sparql-query; charset=ebcdic-nonsense", b"ASK {}"),
    ("application/x-www-form-urlencoded; charset=shift_jis", b"query=ASK {}"),
    ("application/sparql-query", b"\x00\x01\x02ASK {}"),
])
def test_wrong_charset_in_query_body(hostile, content_type, body) -> None:
    status, _data = raw_request(hostile, "POST", "/sparql", body,
                                {"Content-Type": content_type})
    assert status in {200, 400, 415}, status


def test_wrong_charset_in_upload(hostile) -> None:
    status, _data = raw_request(hostile, "PUT", "/graph-store?graph=urn:x:charset",
                                b"<urn:x:a> <urn:x:b> \"\xff\xfe\" .",
                                {"Content-Type": "text/turtle; charset=utf-8",
                                 "Authorization": f"Bearer {TOKEN}"})
    assert status in {400, 415}, status


def test_huge_upload_is_413(hostile) -> None:
    body = b"<urn:x:a> <urn:x:b> <urn:x:c> .\n" * (MAX_BODY // 30 + 10)
    response = requests.put(hostile.url + "/graph-store", params={"graph": "urn:x:huge"},
                            data=body, timeout=30,
                            headers={"Content-Type": "application/n-triples",
                                     "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413, response.status_code
    safe(response)


def test_huge_chunked_upload_is_413(hostile) -> None:
    """No Content-Length: the limit must hold on the bytes actually streamed."""
    chunk = b"<urn:x:a> <urn:x:b> <urn:x:c> .\n" * 1000

    def body():
        for _ in range(MAX_BODY // len(chunk) + 5):
            yield chunk

    try:
        response = requests.put(hostile.url + "/graph-store", params={"graph": "urn:x:chunk"},
                                data=body(), timeout=30,
                                headers={"Content-Type": "application/n-triples",
                                         "Authorization": f"Bearer {TOKEN}"})
    except requests.ConnectionError:
        # Closing the connection on an oversize stream is acceptable; storing it is not.
        response = None
    if response is not None:
        assert response.status_code == 413, response.status_code
        safe(response)
    got = requests.get(hostile.url + "/graph-store", params={"graph": "urn:x:chunk"},
                       timeout=30)
    assert got.status_code == 404


def test_huge_multipart_upload_is_413(hostile) -> None:
    body = b"<urn:x:a> <urn:x:b> <urn:x:c> .\n" * (MAX_BODY // 30 + 10)
    response = requests.post(hostile.url + "/graph-store", params={"graph": "urn:x:multi"},
                             files={"file": ("big.nt", body, "application/n-triples")},
                             headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert response.status_code == 413, response.status_code
    safe(response)


# -- billion laughs and remote contexts ----------------------------------------------------


def _upload(hostile: HostileServer, body: bytes, content_type: str,
            graph: str) -> requests.Response:
    return requests.put(hostile.url + "/graph-store", params={"graph": graph}, data=body,
                        headers={"Content-Type": content_type,
                                 "Authorization": f"Bearer {TOKEN}"}, timeout=60)


@pytest.mark.parametrize(("kind", "body"), [
    ("nested-blank-nodes", b"<urn:x:s> <urn:x:p> " + b"[ <urn:x:p> " * 100_000
     + b"<urn:x:o>" + b" ]" * 100_000 + b" ."),
    ("nested-collections", b"<urn:x:s> <urn:x:p> " + b"( " * 100_000 + b")" * 100_000 + b" ."),
    ("prefix-flood", b"".join(b"@prefix p%d: <urn:x:%s> .\n" % (i, b"a" * 100)
                              for i in range(8000)) + b"p1:a p1:b p1:c ."),
    ("long-collection", b"<urn:x:s> <urn:x:p> (" + b" 1" * 400_000 + b" ) ."),
    ("object-list", b"<urn:x:s> <urn:x:p> " + b"[], " * 200_000 + b"[] ."),
])
def test_turtle_billion_laughs(hostile, kind, body) -> None:
    """Small input, many triples or deep nesting: answered in bounded time, and readers
    are served meanwhile (the upload does not hold the server)."""
    answers: list[requests.Response] = []
    upload = threading.Thread(target=lambda: answers.append(
        _upload(hostile, body, "text/turtle", f"urn:x:laughs-{kind}")))
    started = time.monotonic()
    upload.start()
    time.sleep(0.5)
    reader = requests.get(hostile.url + "/sparql", params={"query": "ASK {}"}, timeout=30)
    read_took = time.monotonic() - started - 0.5
    upload.join(timeout=90)
    took = time.monotonic() - started
    assert answers, f"{kind}: no answer to the upload within 90 s"
    response = answers[0]
    assert response.status_code in {201, 204, 400, 413}, (kind, response.status_code)
    safe(response)
    assert reader.status_code == 200
    assert read_took < 5, f"{kind}: a reader waited {read_took:.1f} s behind the upload"
    assert took < 60, f"{kind}: the upload took {took:.1f} s"
    assert hostile.alive()


@pytest.mark.parametrize("doc", [
    {"@context": "{url}context.jsonld", "@id": "urn:x:s", "name": "x"},
    {"@context": ["{url}a.jsonld", {"name": "urn:x:name"}], "@id": "urn:x:s", "name": "x"},
    {"@context": {"@import": "{url}import.jsonld", "name": "urn:x:name"},
     "@id": "urn:x:s", "name": "x"},
    {"@context": {"name": {"@id": "urn:x:name", "@context": "{url}scoped.jsonld"}},
     "@id": "urn:x:s", "name": {"@value": "x"}},
], ids=["string", "array", "import", "scoped"])
def test_jsonld_remote_context_is_not_fetched(hostile, doc) -> None:
    with RecordingListener() as listener:
        body = json.dumps(doc).replace("{url}", listener.url).encode()
        response = _upload(hostile, body, "application/ld+json", "urn:x:jsonld")
        time.sleep(0.3)
    assert response.status_code in {201, 204, 400, 415}, response.status_code
    safe(response)
    assert listener.connections == [], "the server fetched a remote JSON-LD context"


def test_jsonld_remote_context_in_query_result_request_is_not_fetched(hostile) -> None:
    """A remote context in an update's INSERT DATA cannot exist, but LOAD of JSON-LD can:
    covered by the LOAD tests. Here: a JSON-LD body posted as a query is refused."""
    with RecordingListener() as listener:
        body = json.dumps({"@context": listener.url, "@id": "urn:x:s"}).encode()
        status, _data = raw_request(hostile, "POST", "/sparql", body,
                                    {"Content-Type": "application/ld+json"})
        time.sleep(0.2)
    assert status in {400, 415}
    assert listener.connections == []


# -- headers and errors --------------------------------------------------------------------


def _entity(hostile: HostileServer) -> str:
    response = requests.get(hostile.url + "/sparql", timeout=30, headers={"Accept": "text/csv"},
                            params={"query": "SELECT ?s WHERE { ?s a ckg:Article } LIMIT 1"})
    assert response.status_code == 200
    iri = response.text.splitlines()[1].strip()
    return "/" + iri.split("/", 3)[3].split("/", 1)[1] if "/id/" in iri else iri


@pytest.mark.parametrize("path", ["/", "/sparql", "/dumps/", "/page/{entity}", "/ontology.html",
                                  "/queries"])
def test_security_headers_on_html_pages(hostile, path) -> None:
    if "{entity}" in path:
        iri = _entity(hostile)
        path = "/page/" + iri.split("/id/", 1)[1] if "/id/" in iri else "/page/" + iri
        path = path if path.startswith("/page/id/") else "/page/id/" + path[len("/page/"):]
    response = requests.get(hostile.url + path, headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 200, (path, response.status_code)
    assert response.headers["Content-Type"].startswith("text/html"), path
    assert "Content-Security-Policy" in response.headers, path
    csp = response.headers["Content-Security-Policy"]
    assert "default-src" in csp and "*" not in csp.split("default-src", 1)[1].split(";")[0]
    assert response.headers.get("X-Content-Type-Options", "").lower() == "nosniff"
    safe(response)


@pytest.mark.parametrize(("method", "path", "kwargs"), [
    ("GET", "/sparql", {"params": {"query": "SELECT * WHERE { ?s ?p }"}}),
    ("GET", "/sparql", {"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}),
    ("GET", "/sparql", {"params": {"query": "ASK {}", "format": "../../etc/passwd"}}),
    ("GET", "/sparql", {"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}),
    ("POST", "/sparql", {"data": b"x", "headers": {"Content-Type": "image/png"}}),
    ("POST", "/sparql", {"data": {"update": "DROP ALL"}}),
    ("POST", "/sparql", {"data": {"query": "ASK {}", "update": "DROP ALL"}}),
    ("PUT", "/graph-store", {"params": {"graph": "urn:x:e"}, "data": b"<a> <b>",
                             "headers": {"Authorization": f"Bearer {TOKEN}",
                                         "Content-Type": "text/turtle"}}),
    ("PUT", "/graph-store", {"params": {"graph": "urn:x:e"}, "data": b"x",
                             "headers": {"Authorization": f"Bearer {TOKEN}",
                                         "Content-Type": "application/x-unknown"}}),
    ("DELETE", "/graph-store", {"params": {"graph": "urn:x:never"},
                                "headers": {"Authorization": f"Bearer {TOKEN}"}}),
    ("GET", "/data/id/nothing.ttl", {}),
    ("GET", "/queries/no-such-query", {}),
    ("GET", "/dumps/nothing.nq.gz", {}),
    ("PATCH", "/sparql", {}),
    ("GET", "/nowhere", {}),
])
def test_error_answers_leak_nothing(hostile, method, path, kwargs) -> None:
    response = requests.request(method, hostile.url + path, timeout=30, **kwargs)
    assert 400 <= response.status_code < 500, (method, path, response.status_code)
    safe(response)


def test_slowloris_header_does_not_block_others(hostile) -> None:
    """A client that opens a connection and never finishes its headers must not take the
    server down for everyone else."""
    host, port = hostile.url.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port)), timeout=5) for _ in range(20)]
    try:
        for sock in idle:
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        try:
            response = requests.get(hostile.url + "/sparql", params={"query": "ASK {}"},
                                    timeout=10)
        except requests.Timeout:
            pytest.fail("20 idle half-open connections keep every other client waiting")
        assert response.status_code == 200
        assert time.monotonic() - started < 10
    finally:
        for sock in idle:
            sock.close()


def test_nosniff_on_every_answer(hostile) -> None:
    for path in ("/page/id/nothing-here", "/sparql?query=ASK%7B%7D", "/nowhere"):
        response = requests.get(hostile.url + path, timeout=30)
        assert response.headers.get("X-Content-Type-Options", "").lower() == "nosniff", path


def test_server_survives_the_battery(hostile) -> None:
    assert hostile.alive()
    # An unhandled exception is logged with its traceback: none may have happened.
    for line in hostile.log:
        assert b"Traceback" not in line, b"".join(hostile.log)[-2000:].decode("utf-8", "replace")

