"""`/queries` and `/queries/NAME` over a real `kg serve` process, with a real HTTP client."""

from __future__ import annotations

import csv
import io

import pytest
import requests

from queries import all_queries
from tests.conftest import kg_cli
from tests.queries.conftest import run_saved, term_text

TIMEOUT = 30


def test_list_as_json(live_server) -> None:
    response = requests.get(live_server.url + "/queries", timeout=TIMEOUT,
                            headers={"Accept": "application/json"})
    assert response.status_code == 200
    listed = {q["name"]: q for q in response.json()["queries"]}
    assert set(listed) == {q.name for q in all_queries()}
    cq01 = listed["cq01-csto"]
    assert cq01["question"].startswith("Which states are members of the CSTO")
    assert cq01["params"] == [{"name": "alliance", "kind": "iri", "default": "id/alliance/csto",
                               "doc": cq01["params"][0]["doc"]}]
    assert cq01["url"] == "/queries/cq01-csto"


def test_list_as_html_for_browsers(live_server) -> None:
    response = requests.get(live_server.url + "/queries", timeout=TIMEOUT,
                            headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert 'href="/queries/cq11-batken"' in response.text
    assert "&lt;" in response.text or "<pre>" in response.text  # query text is escaped


def _concatenated(value: str) -> str:
    """A GROUP_CONCAT value with its parts in a fixed order: SPARQL leaves their order to
    the engine, and the server's in-memory copy of the store walks the data in another
    order than the store on disk."""
    if " | " in value:
        return " | ".join(sorted(value.split(" | ")))
    parts = value.split(" ")
    if len(parts) > 1 and all(p.startswith("http") for p in parts):
        return " ".join(sorted(parts))
    return value


def _sorted_rows(rows):
    return sorted(tuple(sorted((k, _concatenated(v)) for k, v in r.items())) for r in rows)


@pytest.mark.parametrize("name", ["cq01-csto", "cq05-casualties", "cq10-disagreements",
                                  "corroboration", "casualty-totals"])
def test_http_answer_equals_cli_answer(live_server, built_store, name: str) -> None:
    """Defaults bound over HTTP (VALUES) and by the engine's substitutions agree."""
    response = requests.get(f"{live_server.url}/queries/{name}", timeout=TIMEOUT,
                            params={"format": "json"})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    over_http = [{k: v["value"] for k, v in b.items()} for b in bindings]
    assert over_http
    assert _sorted_rows(over_http) == _sorted_rows(run_saved(built_store, name))


# Saved queries whose parameter restricts the pattern they start from, each with a value
# that the corpus store answers with rows.
BOUND = [("events-in-place", {"place": "id/state/kyrgyzstan"}),
         ("claimant-claims", {"claimant": "id/state/kyrgyzstan"}),
         ("claimant-claims", {"claimant": "id/borderguardservice/kyrgyzstan"}),
         ("cq11-batken", {"place": "id/region/batken-region"})]


def _filled(rows) -> list[dict[str, str]]:
    """CSV rows without their empty cells (an unbound variable), as the engine's rows."""
    return [{k: v for k, v in row.items() if v} for row in rows]


@pytest.mark.parametrize(("name", "params"), BOUND)
def test_bound_parameter_same_rows_over_http_cli_and_engine(live_server, built_store,
                                                            built_store_path, runner,
                                                            name: str, params: dict) -> None:
    """A parameter bound by `/queries/NAME` and by `kg query NAME --param` (both a VALUES
    block) gives the rows the engine's own substitutions give."""
    response = requests.get(f"{live_server.url}/queries/{name}", timeout=TIMEOUT,
                            params=params, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    over_http = _filled(csv.DictReader(io.StringIO(response.text)))
    args = ["query", name, "--store", str(built_store_path), "--format", "csv"]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    result = runner.invoke(kg_cli(), args)
    assert result.exit_code == 0, result.output
    from_cli = _filled(csv.DictReader(io.StringIO(result.output)))
    reference = run_saved(built_store, name, **params)
    assert reference, f"{name} {params} has no rows on the corpus store"
    assert _sorted_rows(over_http) == _sorted_rows(reference)
    assert _sorted_rows(from_cli) == _sorted_rows(reference)


def test_parameters_from_the_query_string(live_server, built_store) -> None:
    response = requests.get(live_server.url + "/queries/cq14-spokespeople", timeout=TIMEOUT,
                            params={"state": "id/state/tajikistan"},
                            headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["stateLabel"] for r in rows} == {"Tajikistan"}
    expected = run_saved(built_store, "cq14-spokespeople", state="id/state/tajikistan")
    assert len(rows) == len(expected)


def test_dates_and_integers_are_typed(live_server) -> None:
    url = live_server.url + "/queries/events-between"
    rows = requests.get(url, params={"from": "2021-01-01", "to": "2021-12-31",
                                     "format": "json"}, timeout=TIMEOUT).json()
    starts = {b["start"]["value"] for b in rows["results"]["bindings"]}
    assert starts and all(s.startswith("2021") for s in starts)
    none = requests.get(live_server.url + "/queries/corroboration",
                        params={"min": "3", "format": "json"}, timeout=TIMEOUT).json()
    assert none["results"]["bindings"] == []


@pytest.mark.parametrize(("path", "params", "status", "words"), [
    pytest.param("/queries/no-such-query", {}, 404, "GET /queries", id="unknown-query"),
    # Regression: a name longer than a file name may be made the lookup fail with a 500.
    pytest.param("/queries/" + "a" * 3000, {}, 404, "GET /queries", id="name-too-long"),
    pytest.param("/queries/cq01-csto", {"place": "x"}, 400, "no parameter place",
                 id="unknown-parameter"),
    pytest.param("/queries/cq11-batken", {"place": "not an iri"}, 400, "not a valid iri",
                 id="bad-iri"),
    pytest.param("/queries/cq11-batken", {"place": '<x> } ; DROP ALL #'}, 400,
                 "not a valid iri", id="injection-attempt"),
    pytest.param("/queries/events-between", {"from": "last tuesday"}, 400,
                 "not a valid date", id="bad-date"),
    pytest.param("/queries/corroboration", {"min": "two"}, 400, "not a valid integer",
                 id="bad-integer"),
    pytest.param("/queries/cq01-csto", {"format": "nope"}, 406, "format=nope",
                 id="bad-format"),
])
def test_bad_requests(live_server, path, params, status, words) -> None:
    response = requests.get(live_server.url + path, params=params, timeout=TIMEOUT)
    assert response.status_code == status
    assert words in response.text
    assert "Traceback" not in response.text


def test_repeated_parameter_is_refused(live_server) -> None:
    response = requests.get(live_server.url + "/queries/cq11-batken?place=id/state/kyrgyzstan"
                            "&place=id/state/tajikistan", timeout=TIMEOUT)
    assert response.status_code == 400
    assert "given 2 times" in response.text


def test_string_parameter_cannot_escape(built_store) -> None:
    """A value full of SPARQL syntax is one literal, not query text."""
    from graph.params import to_term
    from graph.store.sparql_text import values_block
    from queries import Param

    term = to_term(Param("x", "string", None), '"} ; DROP ALL ; #')
    assert term_text(term) == '"} ; DROP ALL ; #'
    block = values_block({"x": term})
    rows = list(built_store.query(f"SELECT ?x WHERE {{ {block} }}").rows())
    assert [term_text(r["x"]) for r in rows] == ['"} ; DROP ALL ; #']
