"""The `kg` command as a user drives it: help everywhere, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import KG, kg_cli


def _commands(group, prefix=()):
    import click

    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_console_script_answers_help() -> None:
    """Smoke test: every console script of the distribution runs with --help."""
    from importlib.metadata import distribution

    scripts = [ep.name for ep in distribution("conflict-kg").entry_points
               if ep.group == "console_scripts"]
    assert "kg" in scripts
    for script in scripts:
        done = subprocess.run([str(Path(KG).with_name(script)), "--help"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Usage:" in done.stdout


@pytest.mark.parametrize("command", list(_commands(kg_cli())), ids=" ".join)
def test_every_command_has_help(runner, command) -> None:
    result = runner.invoke(kg_cli(), [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_query_text_json(runner, built_store_path) -> None:
    result = runner.invoke(kg_cli(), [
        "query", "--store", str(built_store_path), "--format", "json",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["results"]["bindings"][0]["n"]["value"] == "2"


def test_query_file_and_table(runner, built_store_path, tmp_path) -> None:
    rq = tmp_path / "titles.rq"
    rq.write_text("SELECT ?title WHERE { ?a a ckg:Article ; dcterms:title ?title } ORDER BY ?title")
    result = runner.invoke(kg_cli(), ["query", "--store", str(built_store_path), str(rq)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].strip() == "title"
    assert "Cease-fire agreed with Tajikistan after border conflict: Kyrgyzstan" in result.output
    assert lines[-1] == "(2 rows)"


def test_query_construct_turtle(runner, built_store_path) -> None:
    result = runner.invoke(kg_cli(), [
        "query", "--store", str(built_store_path), "--format", "turtle",
        "CONSTRUCT { ?a dcterms:title ?t } WHERE { ?a dcterms:title ?t }"])
    assert result.exit_code == 0, result.output
    import rdflib

    graph = rdflib.Graph().parse(data=result.output, format="turtle")
    assert len(graph) == 2


@pytest.mark.parametrize(("args", "code", "message"), [
    pytest.param(["query", "SELECT ?x WHERE { ?x ?y }"], 1, "SPARQL syntax error", id="syntax"),
    pytest.param(["query", "no-such-saved-query"], 2, "neither a saved query", id="unknown-name"),
    pytest.param(["query", "missing.rq"], 2, "no query file", id="missing-file"),
    pytest.param(["query", "--format", "turtle", "SELECT * WHERE {}"], 2, "does not fit",
                 id="format-mismatch"),
    pytest.param(["query"], 2, "give a query", id="no-query"),
    # Regression: a name longer than any file name made the file lookup raise.
    pytest.param(["query", "a" * 3000], 2, "neither a saved query", id="name-too-long"),
    pytest.param(["query", "b" * 3000 + ".rq"], 2, "no query file", id="file-name-too-long"),
])
def test_query_errors(runner, built_store_path, args, code, message) -> None:
    result = runner.invoke(kg_cli(), [args[0], "--store", str(built_store_path), *args[1:]])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_store_is_one_line_error(tmp_path) -> None:
    done = subprocess.run([KG, "stats", "--store", str(tmp_path / "nothing")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"kg: error: no store at {tmp_path / 'nothing'}: run `kg build --store "
        f"{tmp_path / 'nothing'}` first"]


def test_not_a_store_directory(runner, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = runner.invoke(kg_cli(), ["stats", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not a conflict-kg store" in result.output


def test_bad_option_is_usage_error(runner) -> None:
    result = runner.invoke(kg_cli(), ["export", "--format", "yaml"])
    assert result.exit_code == 2


def test_stats(runner, built_store_path) -> None:
    result = runner.invoke(kg_cli(), ["stats", "--store", str(built_store_path)])
    assert result.exit_code == 0, result.output
    assert "graphs:  3" in result.output  # two articles and the reference base
    assert "ckg:Article" in result.output and "ckg:Sentence" in result.output
