"""The result cache on a real `kg serve`: a repeated request is answered from the cache with
the same bytes, one character of difference is a miss, a write empties it, and GET answers
carry an ETag that a revalidating client turns into a 304."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import LiveServer
from tests.server.conftest import TOKEN, _serve_copy

QUERY = "SELECT ?a ?t WHERE { ?a a ckg:Article ; dcterms:title ?t } ORDER BY ?t"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def cached_server(built_store_path: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from _serve_copy(built_store_path, tmp_path_factory, "cache",
                           {"KG_UPDATE_TOKEN": TOKEN})


# requests sent to each server's /sparql so far, to know how many log lines to wait for
_SENT: dict[str, int] = {}


def _sparql(server: LiveServer, method: str, **kwargs: object) -> requests.Response:
    if server.url not in _SENT:  # what the fixture itself asked before the first test
        time.sleep(0.5)
        _SENT[server.url] = len(_logged_marks(server))
    _SENT[server.url] += 1
    return requests.request(method, server.url + "/sparql", timeout=30, **kwargs)


def _logged_marks(server: LiveServer) -> list[str | None]:
    marks = []
    for line in server.log():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("path") == "/sparql":
            marks.append(record.get("cache"))
    return marks


def _get(server: LiveServer, query: str, **headers: str) -> requests.Response:
    return _sparql(server, "GET", params={"query": query}, headers={**JSON, **headers})


def _cache_marks(server: LiveServer) -> list[str | None]:
    """The `cache` field of every /sparql access-log line so far, oldest first."""
    # A line is written once the answer's last byte is sent, which the client may see
    # first: wait until every request sent has its line (a fixed pause was too short on
    # a loaded machine)
    deadline = time.monotonic() + 15
    while True:
        marks = _logged_marks(server)
        if len(marks) >= _SENT.get(server.url, 0) or time.monotonic() > deadline:
            return marks
        time.sleep(0.05)


def test_repeated_request_is_a_hit_with_the_same_bytes(cached_server) -> None:
    first = _get(cached_server, QUERY)
    second = _get(cached_server, QUERY)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.headers["ETag"] == second.headers["ETag"]
    # Two connections: the first one's line may be written after the second's.
    assert sorted(_cache_marks(cached_server)[-2:], key=str) == [None, "hit"]


def test_one_character_of_difference_is_a_miss(cached_server) -> None:
    _get(cached_server, QUERY)
    _cache_marks(cached_server)  # its line first: the next one is then the last
    other = _get(cached_server, QUERY + " ")
    assert other.status_code == 200
    assert _cache_marks(cached_server)[-1] is None
    assert other.headers["ETag"] != _get(cached_server, QUERY).headers["ETag"]


def test_accept_is_part_of_the_key(cached_server) -> None:
    as_json = _get(cached_server, QUERY)
    as_csv = _get(cached_server, QUERY, Accept="text/csv")
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    assert as_json.headers["ETag"] != as_csv.headers["ETag"]
    assert as_csv.content != as_json.content


def test_if_none_match_is_answered_304(cached_server) -> None:
    first = _get(cached_server, QUERY)
    tag = first.headers["ETag"]
    assert "must-revalidate" in first.headers["Cache-Control"]
    again = _get(cached_server, QUERY, **{"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == tag
    assert _get(cached_server, QUERY, **{"If-None-Match": '"other"'}).status_code == 200


def test_post_is_cached_without_an_etag(cached_server) -> None:
    def post() -> requests.Response:
        return _sparql(cached_server, "POST", data={"query": QUERY + " #p"}, headers=JSON)

    assert post().status_code == 200
    _cache_marks(cached_server)  # the miss's line first: the hit's is then the last
    second = post()
    assert second.status_code == 200 and "Cache-Control" not in second.headers
    assert _cache_marks(cached_server)[-1] == "hit"


def test_nondeterministic_queries_are_not_cached(cached_server) -> None:
    query = "SELECT (RAND() AS ?r) WHERE {}"
    first, second = _get(cached_server, query), _get(cached_server, query)
    assert first.status_code == second.status_code == 200
    assert "ETag" not in second.headers
    assert first.content != second.content


def test_a_write_empties_the_cache_and_changes_the_etag(cached_server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:cache> { ?s ?p ?o } }"
    before = _get(cached_server, count)
    assert before.json()["results"]["bindings"][0]["n"]["value"] == "0"
    update = _sparql(cached_server, "POST",
                     data={"update": "INSERT DATA { GRAPH <urn:x:cache> "
                                     "{ <urn:x:s> <urn:x:p> <urn:x:o> } }"},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert update.status_code == 204, update.text
    after = _get(cached_server, count, **{"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.json()["results"]["bindings"][0]["n"]["value"] == "1"
    assert after.headers["ETag"] != before.headers["ETag"]


def test_service_inside_an_iri_does_not_turn_the_cache_off(cached_server) -> None:
    """Regression: the check for SERVICE matched the Service Description namespace in a
    PREFIX line (every query sent with the full prologue), so nothing was cached."""
    query = ("PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>\n"
             "# no SERVICE here\nASK { ?s a ckg:Article }")
    assert _get(cached_server, query).status_code == 200
    _cache_marks(cached_server)  # the miss's line first: the hit's is then the last
    assert _get(cached_server, query).headers.get("ETag")
    assert _cache_marks(cached_server)[-1] == "hit"


def test_a_streamed_answer_is_kept_once_complete(cached_server) -> None:
    """An answer larger than one 64 kB chunk leaves the executor as a stream; it is kept
    when the stream has ended (it used to be kept only when it fitted in one chunk)."""
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    first = _get(cached_server, query)
    assert first.status_code == 200 and len(first.content) > 64 * 1024
    _cache_marks(cached_server)  # the miss's line first: the hit's is then the last
    second = _get(cached_server, query)
    assert second.content == first.content
    assert _cache_marks(cached_server)[-1] == "hit"
