"""Wire copy reprinted by several outlets is one source: recorded as `ckg:duplicateOf`
the earliest copy, and counted once by the corroboration queries."""

from __future__ import annotations

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
    shared = rows(store, "SELECT * WHERE { ?s a ckg:Shelling }")
    assert shared
    for query in ("cq09-shared-statements", "corroboration"):
        args = ["query", query, "--store", str(store), "--format", "csv"]
        if query == "corroboration":
            args += ["--param", "min=2"]
        out = runner.invoke(kg_cli(), args)
        assert out.exit_code == 0, out.output
        header, *lines = out.output.splitlines()
        columns = header.split(",")
        assert "sources" in columns
        if query == "corroboration":
            # The wounded figure is in the wire story and in the herders report: two sources;
            # statements of the wire story alone are one source in three articles: absent.
            for line in lines:
                assert "Shelling" not in line
    cq09 = rows(store, f"""SELECT ?statement (COUNT(DISTINCT ?source) AS ?sources)
        (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
        GRAPH ?g {{ ?statement a ckg:Shelling ; ckg:supportedBy ?s . ?article a ckg:Article }}
        OPTIONAL {{ ?article ckg:duplicateOf ?o }} BIND(COALESCE(?o, ?article) AS ?source)
        }} GROUP BY ?statement""")
    assert cq09 and all(r["sources"] == "1" for r in cq09)
    assert any(int(r["articles"]) >= 2 for r in cq09)


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
