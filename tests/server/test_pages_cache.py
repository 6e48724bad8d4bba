"""The pages beside the result cache, on a real writable `kg serve`: a saved query's table
(HTML) and its SPARQL answer share one URL, so a cached or revalidated answer must never
stand in for the page; and the page values kept per store generation (the overview's
counts) follow a write like the cached answers do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import LiveServer
from tests.server.conftest import TOKEN, _serve_copy

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/sparql-results+json"}
SAVED = "/queries/cq11-batken"
ARTICLES = re.compile(r"<strong>(\d+)</strong> news article")
NEW_ARTICLE = "https://w3id.org/conflict-kg/id/article/2023-01-02_cache-test"


@pytest.fixture(scope="module")
def server(built_store_path: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from _serve_copy(built_store_path, tmp_path_factory, "pages-cache",
                           {"KG_UPDATE_TOKEN": TOKEN})


def _get(server: LiveServer, path: str, headers: dict[str, str]) -> requests.Response:
    return requests.get(server.url + path, headers=headers, timeout=30)


def _articles(server: LiveServer) -> int:
    page = _get(server, "/", HTML)
    assert page.status_code == 200
    found = ARTICLES.search(page.text)
    assert found, page.text[:500]
    return int(found.group(1))


def test_the_table_page_is_never_answered_from_the_cache(server) -> None:
    answer = _get(server, SAVED, JSON)
    assert answer.status_code == 200 and "ETag" in answer.headers
    assert "results" in answer.json()
    tag = answer.headers["ETag"]
    assert _get(server, SAVED, {**JSON, "If-None-Match": tag}).status_code == 304
    # The browser's request at the same URL, even carrying the answer's ETag, gets the
    # table: the page is not the cached answer.
    page = _get(server, SAVED, {**HTML, "If-None-Match": tag})
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "<table" in page.text and "ETag" not in page.headers
    again = _get(server, SAVED, JSON)
    assert again.content == answer.content and again.headers["ETag"] == tag


def test_a_write_moves_the_overview_and_the_answers_together(server) -> None:
    before = _articles(server)
    tag = _get(server, SAVED, JSON).headers["ETag"]
    update = requests.post(
        server.url + "/sparql",
        data={"update": f"INSERT DATA {{ GRAPH <urn:x:pages-cache> {{ <{NEW_ARTICLE}> a "
                        "<https://w3id.org/conflict-kg/ontology#Article> } }"},
        headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert update.status_code == 204, update.text
    assert _articles(server) == before + 1
    after = _get(server, SAVED, {**JSON, "If-None-Match": tag})
    assert after.status_code == 200 and after.headers["ETag"] != tag


def test_the_table_page_shows_the_live_generation(server) -> None:
    """The answer a table page shows is kept per generation: a second view is the same
    table, and a write shows in the next one."""
    path = "/queries/describe-entity?entity=urn:x:pages-cache-entity"
    first = _get(server, path, HTML)
    assert first.status_code == 200 and "pages-cache-value" not in first.text
    assert _get(server, path, HTML).text == first.text
    update = requests.post(
        server.url + "/sparql",
        data={"update": "INSERT DATA { GRAPH <urn:x:pages-cache> { "
                        "<urn:x:pages-cache-entity> <urn:x:p> \"pages-cache-value\" } }"},
        headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert update.status_code == 204, update.text
    assert "pages-cache-value" in _get(server, path, HTML).text
