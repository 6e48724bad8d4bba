"""A paged saved query over a real `kg serve`: `limit` and `offset` give one page of the
sorted answer, the default is the first 1000 rows, and a bad page is a 400."""

from __future__ import annotations

import pytest
import requests

TIMEOUT = 30
JSON = {"Accept": "application/sparql-results+json"}


def _rows(server, **params: str) -> list[dict]:
    response = requests.get(f"{server.url}/queries/cq12-timeline", params=params,
                            headers=JSON, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def test_pages_are_slices_of_the_whole_answer(live_server) -> None:
    whole = _rows(live_server, limit="100000")
    assert len(whole) > 4
    assert _rows(live_server) == whole[:1000]
    assert _rows(live_server, limit="2") == whole[:2]
    assert _rows(live_server, limit="3", offset="2") == whole[2:5]
    assert _rows(live_server, offset=str(len(whole))) == []


@pytest.mark.parametrize("params", [
    pytest.param({"limit": "0"}, id="no-rows"),
    pytest.param({"limit": "-5"}, id="negative-limit"),
    pytest.param({"offset": "-1"}, id="negative-offset"),
    pytest.param({"limit": "ten"}, id="not-a-number"),
])
def test_a_bad_page_is_a_usage_error(live_server, params) -> None:
    response = requests.get(f"{live_server.url}/queries/cq12-timeline", params=params,
                            headers=JSON, timeout=TIMEOUT)
    assert response.status_code == 400
    assert "limit" in response.text or "offset" in response.text
