"""`kg import`: batches as news databases export them, from a file or standard input,
with field names mapped; stable file names; a second import changes nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import kg_cli
from tests.intake.helpers import STORY, graph_names, new_corpus, page, rows, write_jsonl

TITLES = "SELECT ?f ?t ?d ?p ?u WHERE { ?a ckg:sourceFile ?f ; dcterms:title ?t ; " \
         "ckg:reportedDate ?d . OPTIONAL { ?a dcterms:publisher ?p } " \
         "OPTIONAL { ?a schema:url ?u } } ORDER BY ?f"

ITEMS = [
    {"text": " ".join(STORY), "title": "Frontier clashes", "date": "2023-03-09",
     "publisher": "Northern Ledger", "url": "https://ledger.example.org/2023/03/09/clashes"},
    {"html": page("Talks planned", paragraphs=STORY[2:]), "date": "2023-03-11",
     "publisher": "Valley Post"},
    {"text": "Herders in the upland pastures of Doltaria moved their flocks away from the "
             "frontier after the shooting, local officials said on Saturday.",
     "title": "Herders leave", "date": "2023-03-11T17:40:00+02:00"},
]


def _snapshot(corpus: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(corpus.iterdir())}


def test_jsonl_import_builds_and_a_second_import_changes_nothing(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    batch = write_jsonl(tmp_path / "export.jsonl", ITEMS)
    args = ["import", str(batch), "--corpus", str(corpus), "--store", str(store)]
    first = runner.invoke(kg_cli(), args)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("imported 3 article(s); built 3 article(s)")
    found = rows(store, TITLES)
    # Names from the date and the URL's words (and a hash of the URL), else the text's hash.
    names = [r["f"] for r in found]
    assert names[0].startswith("2023-03-09_clashes-") and names[0].endswith(".txt")
    assert {r["t"] for r in found} == {"Frontier clashes", "Talks planned", "Herders leave"}
    talks = next(r for r in found if r["t"] == "Talks planned")
    assert talks["p"] == "Valley Post"  # the item's field wins over the page's site name
    assert (corpus / talks["f"].replace(".txt", ".html")).is_file()  # page kept beside
    before, generation = _snapshot(corpus), (store / "CURRENT").read_text()
    second = runner.invoke(kg_cli(), args)
    assert second.exit_code == 0, second.output
    assert second.output.startswith("imported 0 article(s), 3 already in the corpus unchanged;"
                                    " built 0 article(s), 0 triples; 3 unchanged article(s) kept")
    assert _snapshot(corpus) == before
    assert rows(store, TITLES) == found
    assert (store / "CURRENT").read_text() == generation  # not even rewritten


def test_csv_from_stdin_with_field_names_mapped(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["story", "headline", "when", "outlet_name", "permalink"])
    writer.writerow([" ".join(STORY), "Frontier clashes, CSV", "2023-03-09", "Ledger",
                     "https://ledger.example.org/csv/clashes"])
    writer.writerow(["Herders in the upland pastures moved their flocks, officials said.",
                     "Herders, CSV", "Sat, 11 Mar 2023 10:00:00 +0000", "Post", ""])
    result = runner.invoke(kg_cli(), [
        "import", "-", "--format", "csv", "--corpus", str(corpus), "--store", str(store),
        "--field", "text=story", "--field", "date=when", "--field", "publisher=outlet_name",
        "--field", "url=permalink"], input=out.getvalue().encode("utf-8"))
    assert result.exit_code == 0, result.output
    found = rows(store, TITLES)
    assert [(r["t"], r["d"], r.get("p")) for r in found] == [
        ("Frontier clashes, CSV", "2023-03-09", "Ledger"),
        ("Herders, CSV", "2023-03-11", "Post")]
    assert found[1]["f"].startswith("2023-03-11_")  # no URL: the text's hash
    assert "import-stdin" not in " ".join(graph_names(store))


def test_common_export_names_and_nested_fields_need_no_mapping(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    batch = write_jsonl(tmp_path / "api.jsonl", [
        {"content": " ".join(STORY), "headline": "API story", "publishedAt": "2023-03-09",
         "source": {"id": None, "name": "Ledger API"},
         "link": "https://ledger.example.org/api/story"}])
    result = runner.invoke(kg_cli(), ["import", str(batch), "--corpus", str(corpus),
                                      "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert [(r["t"], r["p"]) for r in rows(store, TITLES)] == [("API story", "Ledger API")]


def test_bad_mapping_is_a_usage_error(runner, tmp_path) -> None:
    batch = write_jsonl(tmp_path / "x.jsonl", [json.dumps({"text": "x"})])
    result = runner.invoke(kg_cli(), ["import", str(batch), "--field", "body",
                                      "--corpus", str(new_corpus(tmp_path / "c"))])
    assert result.exit_code == 2 and "expected OURS=THEIRS" in result.output
