"""`kg ontology check`: the shipped ontology and corpus pass; each broken fixture fails
with the right message and exit status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import kg_cli
from tests.ontology.helpers import FIXTURES, fixture_graph, store_from_fixture


def run(runner, *args: str):
    return runner.invoke(kg_cli(), ["ontology", "check", *args])


def test_shipped_ontology_and_corpus_store_pass(runner, built_store_path: Path) -> None:
    result = run(runner, "--store", str(built_store_path))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("OK: 0 error(s), 0 warning(s)")
    # every stage ran, within the time budget
    for stage in ("parse", "lint", "reason", "shapes"):
        assert f"{stage} " in result.output


def test_json_report_for_tools(runner, built_store_path: Path) -> None:
    result = run(runner, "--store", str(built_store_path), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["status"] == "clean"
    assert set(report["timings"]) == {"parse", "lint", "reason", "shapes"}
    assert sum(report["timings"].values()) < 10


def test_inconsistent_abox_names_the_individual_and_classes(runner, tmp_path: Path) -> None:
    store = store_from_fixture(tmp_path, "inconsistent-abox.ttl")
    result = run(runner, "--store", str(store))
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if "reason/inconsistent-data" in x)
    assert "id/event/bad" in line
    assert "ckg:Actor" in line and "ckg:Event" in line and "disjoint" in line


@pytest.mark.slow
def test_inconsistency_across_individuals_is_narrowed_down() -> None:
    from ontology.check import run_check

    report = run_check(fixture_graph("same-as-clash.ttl"))
    finding = next(f for f in report.errors if f.code == "inconsistent-data")
    named = finding.detail["individuals"].split()
    assert "https://w3id.org/conflict-kg/id/event/talks" in named
    assert "https://w3id.org/conflict-kg/id/state/kyrgyzstan" not in named


def test_shape_violation_gives_actionable_messages(runner, tmp_path: Path) -> None:
    store = store_from_fixture(tmp_path, "shape-violation.ttl")
    result = run(runner, "--store", str(store), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    shape_errors = {(f["term"], f["message"].split(":")[0]) for f in report["findings"]
                    if f["stage"] == "shapes" and f["severity"] == "error"}
    assert ("https://w3id.org/conflict-kg/id/claim/c1", "Claim has no ckg") in shape_errors
    assert ("https://w3id.org/conflict-kg/id/figure/f1",
            "Casualty figure has no number") in shape_errors
    # the reasoner has nothing to object to: only the shapes catch these
    assert not [f for f in report["findings"] if f["stage"] == "reason"]


def test_missing_label_in_the_ontology_fails(runner, ontology_copy: Path) -> None:
    shutil.copy(FIXTURES / "missing-label.ttl", ontology_copy / "extra.ttl")
    result = run(runner, "--no-data", "--ontology", str(ontology_copy))
    assert result.exit_code == 1, result.output
    assert "error   [lint/missing-label] ckg:Ambush: class has no rdfs:label" in result.output
    assert "[lint/missing-definition] ckg:Ambush" in result.output


def test_broken_turtle_is_reported_with_the_file(runner, ontology_copy: Path) -> None:
    (ontology_copy / "broken.ttl").write_text("@prefix ckg: <x#> .\nckg:A a [ ckg:B \n")
    result = run(runner, "--no-data", "--ontology", str(ontology_copy))
    assert result.exit_code == 1
    assert "[parse/syntax]" in result.output and "broken.ttl does not parse" in result.output


def test_data_using_an_undeclared_term_fails(tmp_path: Path) -> None:
    from rdflib import Literal, URIRef

    from ontology.check import run_check

    data = fixture_graph("shape-violation.ttl")
    data.add((URIRef("https://w3id.org/conflict-kg/id/figure/f1"),
              URIRef("https://w3id.org/conflict-kg/ontology#casualtyCount"), Literal(3)))
    report = run_check(data, use_reasoner=False)
    codes = {(f.code, f.term) for f in report.errors}
    assert ("undeclared-in-data", "https://w3id.org/conflict-kg/ontology#casualtyCount") in codes


def test_no_java_means_could_not_run(runner, monkeypatch, built_store_path: Path) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "java-that-does-not-exist")
    result = run(runner, "--store", str(built_store_path))
    assert result.exit_code == 2, result.output
    assert "Java not found" in result.output


def test_missing_store_means_could_not_run(runner, tmp_path: Path) -> None:
    result = run(runner, "--store", str(tmp_path / "nothing"))
    assert result.exit_code == 2
    assert "--no-data" in result.output


def test_reasoner_leaves_no_files_in_the_repository(tmp_path: Path) -> None:
    from ontology.reason import reason
    from ontology.sources import load_vocabulary

    repo = Path(__file__).resolve().parents[2]
    before = {p for p in repo.iterdir()}
    assert reason(load_vocabulary(), fixture_graph("shape-violation.ttl")) == []
    assert {p for p in repo.iterdir()} == before
