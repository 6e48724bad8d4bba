"""Wire copy reprinted by several outlets is one source: recorded as `ckg:duplicateOf`
the earliest copy, and counted once by the corroboration queries."""

from __future__ import annotations

import csv
import io

from tests.conftest import kg_cli
from tests.intake.helpers import STORY, graph_names, new_corpus, rows, wire, write_jsonl

OTHER = ("Herders in the upland pastures of Doltaria moved their flocks away from the "
         "frontier on Saturday, local officials said. At least four soldiers were wounded "
         "in the fighting, the Karvenian defence ministry said on Friday. The district "
         "governor said three villages had asked for protection after the shooting.")


def test_wire_copies_are_one_source(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    batch = write_jsonl(tmp_path / "wire.jsonl", [
        wire("Wire Service", "https://wire.example.net/frontier-clashes", date="2023-03-10"),
        # Reprints: a dateline in front, a credit line after, a later date.
        wire("Daily Courier", "https://courier.example.com/world/frontier",
             date="2023-03-10", lead="KARVENIA CITY (Wire) -", tail="Reporting by the desk."),
        wire("Evening Star", "https://star.example.org/frontier", date="2023-03-11",
             tail="This story has been corrected to fix a spelling."),
        # A report of its own that shares one sentence with the wire story.
        {"text": OTHER, "title": "Herders leave", "date": "2023-03-11",
         "publisher": "Valley Post", "url": "https://valley.example.org/herders"},
    ])
    result = runner.invoke(kg_cli(), ["import", str(batch), "--corpus", str(corpus),
                                      "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "2 near-duplicate(s) of another article" in result.output
    found = rows(store, """SELECT ?copy ?original ?p WHERE { ?copy ckg:duplicateOf ?original .
        ?original dcterms:publisher ?p }""")
    assert len(found) == 2 and {r["p"] for r in found} == {"Wire Service"}
    assert all("wire" not in r["copy"].lower() for r in found)
    # Corroboration: what only the wire story says is one source, however often reprinted.
    cq09 = _saved(runner, store, "cq09-shared-statements")
    shelling = [r for r in cq09 if r["kind"].endswith("#Shelling")]
    assert shelling and all(r["sources"] == "1" for r in shelling)
    assert any(int(r["articles"]) >= 2 for r in shelling)  # two copies of one date
    corroborated = _saved(runner, store, "corroboration", "--param", "min=2")
    assert not [r for r in corroborated if r["kind"].endswith("#Shelling")]
    assert all(int(r["sources"]) >= 2 for r in corroborated)


def _saved(runner, store, name: str, *args: str) -> list[dict[str, str]]:
    out = runner.invoke(kg_cli(), ["query", name, "--store", str(store), "--format", "csv",
                                   *args])
    assert out.exit_code == 0, out.output
    return list(csv.DictReader(io.StringIO(out.output)))


def test_different_reports_of_one_event_are_not_duplicates(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    batch = write_jsonl(tmp_path / "two.jsonl", [
        {"text": " ".join(STORY), "title": "Clashes", "date": "2023-03-09",
         "url": "https://ledger.example.org/clashes"},
        {"text": OTHER, "title": "Herders", "date": "2023-03-11",
         "url": "https://valley.example.org/herders"}])
    result = runner.invoke(kg_cli(), ["import", str(batch), "--corpus", str(corpus),
                                      "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "near-duplicate" not in result.output
    assert rows(store, "SELECT * WHERE { ?a ckg:duplicateOf ?b }") == []
    assert "duplicates" not in graph_names(store)
