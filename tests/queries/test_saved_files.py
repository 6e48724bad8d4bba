"""The saved query files themselves, and `kg query --list/--param`."""

from __future__ import annotations

import re

import pytest

from graph.store.sparql_text import PAGE_PARAMS
from queries import all_queries, find
from tests.conftest import kg_cli

QUERIES = all_queries()
COMPETENCY = [q for q in QUERIES if q.name.startswith("cq")]


def test_one_query_per_competency_question() -> None:
    numbers = sorted(int(q.name[2:4]) for q in COMPETENCY)
    assert numbers == list(range(1, 15))
    everyday = {"describe-entity", "events-in-place", "events-between", "article-statements",
                "claimant-claims", "corroboration", "contradictions", "casualty-totals"}
    assert everyday <= {q.name for q in QUERIES}


@pytest.mark.parametrize("query", [pytest.param(q, id=q.name) for q in QUERIES])
def test_header_and_parameters(query) -> None:
    assert query.title and query.title != query.name
    assert query.question.endswith("?") or query.question.endswith(")")
    assert query.examples and all(e.startswith(f"kg query {query.name}")
                                  for e in query.examples)
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    select = body[body.upper().index("SELECT"):body.upper().index("WHERE")]
    for param in query.params:
        if param.name in PAGE_PARAMS:
            # A page is the query's LIMIT and OFFSET, not a value bound in the pattern.
            assert param.kind == "integer" and "ORDER BY" in body.upper(), param.name
            continue
        # The engine binds only projected variables, and a parameter must narrow the
        # answer: it is projected and used in the pattern.
        assert f"?{param.name}" in select, param.name
        assert body.count(f"?{param.name}") >= 2, param.name
    # Answers come from the graph: no instance IRIs written into a query.
    assert "w3id.org/conflict-kg/id/" not in body
    assert not re.search(r"<https?://[^>]*/id/", body)


def test_cli_list(runner) -> None:
    result = runner.invoke(kg_cli(), ["query", "--list"])
    assert result.exit_code == 0, result.output
    for query in QUERIES:
        assert query.name in result.output
    assert "--param alliance (iri = id/alliance/csto)" in result.output


def test_cli_param(runner, built_store_path) -> None:
    result = runner.invoke(kg_cli(), ["query", "cq11-batken", "--store", str(built_store_path),
                                      "--param", "place=id/region/batken-region",
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("place,what,type,where")
    assert "Batken" in result.output


def test_cli_paged_query(runner, built_store_path) -> None:
    """A paged saved query answers the page asked for: `limit` rows from `offset`, in the
    order of the whole answer."""
    def rows(*params: str) -> list[str]:
        args = ["query", "cq12-timeline", "--store", str(built_store_path), "--format", "csv"]
        for param in params:
            args += ["--param", param]
        result = runner.invoke(kg_cli(), args)
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[1:]

    whole = rows("limit=100000")
    assert len(whole) > 4
    assert rows("limit=2") == whole[:2]
    assert rows("limit=3", "offset=2") == whole[2:5]
    assert rows() == whole[:1000]
    result = runner.invoke(kg_cli(), ["query", "cq12-timeline", "--store",
                                      str(built_store_path), "--param", "limit=-1"])
    assert result.exit_code != 0 and "limit" in result.output


@pytest.mark.parametrize(("args", "words"), [
    pytest.param(["--param", "nope=1"], "has no parameter nope", id="unknown"),
    pytest.param(["--param", "place"], "expected NAME=VALUE", id="no-value"),
    pytest.param(["--param", "place=two words"], "not a valid iri", id="bad-iri"),
])
def test_cli_param_errors(runner, built_store_path, args, words) -> None:
    result = runner.invoke(kg_cli(), ["query", "cq11-batken", "--store",
                                      str(built_store_path), *args])
    assert result.exit_code == 2
    assert words in result.output


def test_relative_iris_follow_the_base(monkeypatch) -> None:
    from graph.params import to_term

    param = find("cq11-batken").params[0]  # type: ignore[union-attr]
    monkeypatch.setenv("KG_BASE_IRI", "https://example.org/kg/")
    assert to_term(param, "id/region/batken-region").value == \
        "https://example.org/kg/id/region/batken-region"
    assert to_term(param, "ckg:Tank").value.endswith("ontology#Tank")


@pytest.mark.parametrize("name", ["corroboration", "events-between"])
def test_query_run_by_file_path_honours_its_header_defaults(runner, built_store_path,
                                                            name) -> None:
    """A saved query named by its path answers like one named by its name (the header's
    parameter defaults were ignored, so both returned no rows by path)."""
    store = ["--store", str(built_store_path), "--format", "csv"]
    by_name = runner.invoke(kg_cli(), ["query", name, *store])
    by_path = runner.invoke(kg_cli(), ["query", str(find(name).path), *store])
    assert by_name.exit_code == 0 and by_path.exit_code == 0, by_path.output
    assert len(by_name.output.splitlines()) > 1
    assert by_path.output == by_name.output
