"""`kg build`: the document layer, and a store that changes all at once or not at all."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph.store import open_store
from tests.conftest import CORPUS, kg_cli


def _copy_corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _rows(store, sparql, **subs):
    return [{k: v.value for k, v in row.items()}
            for row in store.query(sparql, substitutions=subs).rows()]


def test_one_named_graph_per_article_and_one_for_the_reference_base(built_store) -> None:
    graphs = built_store.graph_names()
    assert sorted(g.rsplit("/", 1)[1] for g in graphs) == [
        "2022-09-16_border-conflict-escalates", "2022-09-16_ceasefire-agreed", "reference-kb"]


def test_reference_data_stays_out_of_article_graphs(built_store) -> None:
    """An article graph holds what the article says; aliases and Wikidata links of the base's
    entities come from the curated reference graph (an entity found only in the text keeps
    the article's names for it in the article's graph)."""
    rows = _rows(built_store, """
        SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s skos:altLabel|ckg:wikidata ?o }
          FILTER EXISTS { GRAPH ?r { ?s a ?type } FILTER(STRENDS(STR(?r), "/reference-kb")) } }
        GROUP BY ?g""")
    assert [r["g"].rsplit("/", 1)[1] for r in rows] == ["reference-kb"]


def test_article_metadata_from_tsv(built_store) -> None:
    rows = _rows(built_store, """
        SELECT ?title ?date ?file WHERE { GRAPH ?g { ?a a ckg:Article ; dcterms:title ?title ;
              ckg:reportedDate ?date ; ckg:sourceFile ?file } } ORDER BY ?file""")
    assert [r["file"] for r in rows] == ["2022-09-16_border-conflict-escalates.txt",
                                          "2022-09-16_ceasefire-agreed.txt"]
    assert {r["date"] for r in rows} == {"2022-09-16"}
    assert rows[0]["title"] == "Kyrgyzstan and Tajikistan border conflict escalates"


def test_sentence_offsets_point_into_the_text(built_store) -> None:
    rows = _rows(built_store, """
        SELECT ?text ?b ?e ?anchor WHERE { ?s a ckg:Sentence ; nif:referenceContext ?a ;
            nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor . ?a nif:isString ?text }""")
    assert len(rows) > 30
    for row in rows:
        assert row["text"][int(row["b"]):int(row["e"])] == row["anchor"]
    corpus_text = (CORPUS / "2022-09-16_ceasefire-agreed.txt").read_text(encoding="utf-8")
    assert any(r["text"] == corpus_text for r in rows)


def test_sentences_are_split(built_store) -> None:
    anchors = {r["t"] for r in _rows(
        built_store, "SELECT ?t WHERE { ?s a ckg:Sentence ; nif:anchorOf ?t }")}
    # Each sentence of a paragraph is its own node, not the whole paragraph.
    assert "Neither mentioned the conflict in their speeches at the event." in anchors
    assert ("The fighting has been going on between the two countries for the past two days."
            in anchors)


@pytest.mark.parametrize(("snippet", "role"), [
    ("- Advertisement -", "Boilerplate"),
    ("Latest", "Boilerplate"),
    ("Deadly Israeli Strike in Damascus: What Syria Reports", "Boilerplate"),
    ("Analysis", "Boilerplate"),
    ("(AP File Photo)", "Caption"),
    ("Kyrgyzstan and Tajikistan border conflict escalates", "Headline"),
    ("Neither mentioned the conflict in their speeches at the event.", "BodyText"),
])
def test_segment_roles(built_store, snippet, role) -> None:
    rows = _rows(built_store, "SELECT ?r ?t WHERE { ?s nif:anchorOf ?t ; ckg:segmentRole ?r }",
                 t=ox.Literal(snippet))
    assert [r["r"].rsplit("#", 1)[1] for r in rows] == [role]


def test_failed_build_keeps_previous_content(runner, tmp_path) -> None:
    corpus = _copy_corpus(tmp_path)
    store_path = tmp_path / "store"
    first = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store_path)])
    assert first.exit_code == 0, first.output
    before = sorted(str(q) for q in _all_quads(store_path))

    # Every article unreadable: the build must refuse and leave the store as it was.
    for txt in corpus.glob("*.txt"):
        txt.write_bytes(b"\xff\xfe broken \x00")
    second = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store_path)])
    assert second.exit_code == 1
    assert "not UTF-8" in second.output and "store is unchanged" in second.output
    assert sorted(str(q) for q in _all_quads(store_path)) == before


def test_bad_article_is_skipped_others_built(runner, tmp_path) -> None:
    corpus = _copy_corpus(tmp_path)
    (corpus / "2022-09-16_ceasefire-agreed.txt").write_bytes(b"caf\xe9 latin-1 text")
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus),
                                      "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "built 1 article(s)" in result.output
    assert "refused 1" in result.output and "2022-09-16_ceasefire-agreed.txt" in result.output


def test_empty_article_refused(runner, tmp_path) -> None:
    corpus = _copy_corpus(tmp_path)
    (corpus / "2022-09-16_ceasefire-agreed.txt").write_text("  \n\n")
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus),
                                      "--store", str(tmp_path / "s")])
    assert "the article has no text" in result.output


def test_rebuild_mints_the_same_iris(runner, tmp_path, built_store_path) -> None:
    corpus = _copy_corpus(tmp_path)
    # Reverse the order of articles.tsv: IRIs must not depend on it.
    lines = (corpus / "articles.tsv").read_text(encoding="utf-8").splitlines()
    (corpus / "articles.tsv").write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n",
                                         encoding="utf-8")
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus),
                                      "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert _canonical(tmp_path / "s") == _canonical(built_store_path)


def test_uploaded_graphs_survive_a_rebuild(runner, tmp_path) -> None:
    corpus = _copy_corpus(tmp_path)
    store_path = tmp_path / "s"
    runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store_path)])
    store = open_store(str(store_path))
    store.update("INSERT DATA { GRAPH <urn:x:notes> { <urn:x:a> <urn:x:b> 'kept' } }")
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store_path)])
    assert result.exit_code == 0
    assert "urn:x:notes" in open_store(str(store_path)).graph_names()


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl", "nt"])
def test_export_round_trips(runner, built_store_path, tmp_path, fmt) -> None:
    out = tmp_path / f"dump.{fmt}"
    result = runner.invoke(kg_cli(), ["export", "--store", str(built_store_path),
                                      "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt in {"nq", "trig"}:
        dataset = rdflib.Dataset()
        dataset.parse(out, format={"nq": "nquads", "trig": "trig"}[fmt])
        assert len(list(dataset.quads())) == len(_all_quads(built_store_path))
    else:
        graph = rdflib.Graph().parse(out, format={"ttl": "turtle", "nt": "nt"}[fmt])
        assert len(graph) > 100


def test_export_to_stdout(runner, built_store_path) -> None:
    result = runner.invoke(kg_cli(), ["export", "--store", str(built_store_path)])
    assert result.exit_code == 0
    assert result.output.count("\n") == len(_all_quads(built_store_path))


def _all_quads(store_path: Path) -> list:
    out = io.BytesIO()
    from graph.store.formats import by_name

    open_store(str(store_path)).dump(out, by_name("nq", "rdf"))
    return [line for line in out.getvalue().decode().splitlines() if line]


def _canonical(store_path: Path) -> list[str]:
    return sorted(_all_quads(store_path))


def test_load_restores_an_export_into_a_new_store(runner, built_store_path, tmp_path) -> None:
    dump = tmp_path / "backup.trig"
    assert runner.invoke(kg_cli(), ["export", "--store", str(built_store_path), "--format",
                                    "trig", "-o", str(dump)]).exit_code == 0
    result = runner.invoke(kg_cli(), ["load", str(dump), "--store", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert "into 3 graph(s)" in result.output
    assert _canonical(tmp_path / "new") == _canonical(built_store_path)


def test_load_replaces_named_graphs_whole_and_keeps_the_others(runner, built_store_path,
                                                               tmp_path) -> None:
    store = tmp_path / "s"
    shutil.copytree(built_store_path, store)
    notes = tmp_path / "notes.nt"
    for text in ("one", "two"):
        notes.write_text(f'<urn:x:a> <urn:x:b> "{text}" .\n', encoding="utf-8")
        result = runner.invoke(kg_cli(), ["load", str(notes), "--store", str(store),
                                          "--graph", "urn:x:notes"])
        assert result.exit_code == 0, result.output
    rows = _rows(open_store(str(store)), "SELECT ?o WHERE { GRAPH <urn:x:notes> { ?s ?p ?o } }")
    assert rows == [{"o": "two"}]
    assert len(open_store(str(store)).graph_names()) == 4


@pytest.mark.parametrize(("content", "args", "code", "message"), [
    pytest.param("<a> <b> .", ["--format", "ttl"], 1, "does not parse", id="broken-turtle"),
    pytest.param("<urn:x:a> <urn:x:b> <urn:x:c> .", ["--format", "nt"], 2,
                 "pass --graph", id="triples-without-graph"),
    pytest.param("", ["--format", "nq"], 1, "holds no triples", id="empty"),
    pytest.param("x", [], 2, "cannot tell the format", id="unknown-suffix"),
])
def test_load_refuses_bad_input_and_changes_nothing(runner, built_store_path, tmp_path,
                                                    content, args, code, message) -> None:
    store = tmp_path / "s"
    shutil.copytree(built_store_path, store)
    before = _canonical(store)
    bad = tmp_path / "input.data"
    bad.write_text(content, encoding="utf-8")
    result = runner.invoke(kg_cli(), ["load", str(bad), "--store", str(store), *args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert _canonical(store) == before
