"""The pipeline end to end through `kg build` / `kg add` and queries on the built store:
the graph shape of ontology/MODEL.md, provenance, determinism, curation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.store import open_store
from tests.conftest import CORPUS, kg_cli

BASE = "https://w3id.org/conflict-kg/"


def _rows(store, sparql):
    return [{k: v.value for k, v in row.items()} for row in store.query(sparql).rows()]


def _copy(tmp_path: Path, name: str = "corpus") -> Path:
    target = tmp_path / name
    shutil.copytree(CORPUS, target)
    return target


def test_accusation_is_a_claim_not_a_fact(built_store) -> None:
    rows = _rows(built_store, """
        SELECT DISTINCT ?g ?status ?verb ?allegation ?accuser WHERE { GRAPH ?g {
          ?acc a ckg:Accusation ; ckg:agent ?accuser ; ckg:accusationOf ?shelling .
          ?shelling a ckg:Shelling ; ckg:assertionStatus ?status ; ckg:agent ?force .
          ?force ckg:forceOf ?state .
          ?claim a ckg:Claim ; ckg:claims ?shelling ; ckg:claimant ?accuser ;
                 ckg:reportingVerb ?verb ; ckg:isAllegation ?allegation } }""")
    assert len({r["g"] for r in rows}) == 2  # both articles report it, one IRI
    assert {(r["status"], r["verb"], r["allegation"], r["accuser"]) for r in rows} == {
        (BASE.replace("conflict-kg/", "conflict-kg/ontology#") + "Claimed", "accuse", "true",
         BASE + "id/state/tajikistan")}


def test_both_sides_claims_stand(built_store) -> None:
    rows = _rows(built_store, """
        SELECT DISTINCT ?claimant ?agent WHERE {
          ?c a ckg:Claim ; ckg:claimant ?claimant ; ckg:claims ?e .
          ?e a ckg:ArmedClash ; ckg:agent ?agent ; ckg:assertionStatus ckg:Claimed }""")
    pairs = {(r["claimant"].rsplit("/", 1)[-1], r["agent"].rsplit("/", 1)[-1]) for r in rows}
    assert ("kyrgyzstan", "tajikistan") in pairs and ("tajikistan", "kyrgyzstan") in pairs


def test_every_extracted_node_has_provenance(built_store) -> None:
    missing = _rows(built_store, """
        SELECT ?x WHERE { GRAPH ?g {
          ?x a ?t . VALUES ?t { ckg:Event ckg:Claim ckg:CasualtyFigure ckg:TimeExpression
                                ckg:StatementRecord ckg:OfficeHolding }
          FILTER NOT EXISTS { ?x ckg:supportedBy ?s . ?s a ckg:Sentence ;
                              nif:beginIndex ?b ; nif:endIndex ?e }
          FILTER NOT EXISTS { ?x ckg:extractionRule ?rule ; ckg:confidence ?c } } }""")
    assert missing == []
    counts = _rows(built_store, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x ckg:supportedBy ?s }")
    assert int(counts[0]["n"]) > 100


def test_boilerplate_gives_nothing_and_caption_is_marked(built_store) -> None:
    boiler = _rows(built_store, """
        SELECT ?x WHERE { ?x ckg:supportedBy ?s . ?s ckg:segmentRole ckg:Boilerplate }""")
    assert boiler == []
    # the teasers name Iran, Syria, Israel, Greece, Ukraine: none becomes an entity
    assert not built_store.query("""ASK { ?a schema:mentions ?e . ?e rdfs:label ?l
        FILTER(REGEX(?l, "Iran|Syria|Israel|Greece|Ukraine|Damascus")) }""").boolean()
    caption = _rows(built_store, """
        SELECT ?x ?flag WHERE { ?x ckg:supportedBy ?s ; ckg:fromCaption ?flag .
          ?s ckg:segmentRole ckg:Caption }""")
    assert caption and all(r["flag"] == "true" for r in caption)
    dated = _rows(built_store, """
        SELECT ?start WHERE { ?t a ckg:TimeExpression ; ckg:fromCaption true ;
                                 ckg:resolvedStart ?start }""")
    assert [r["start"] for r in dated] == ["2021-05-05"]
    # no event comes from the caption
    assert _rows(built_store, """SELECT ?e WHERE { ?e a ckg:Event ; ckg:supportedBy ?s .
        ?s ckg:segmentRole ckg:Caption }""") == []


def test_casualty_figures_differ_between_articles(built_store) -> None:
    rows = _rows(built_store, """
        SELECT ?g ?kind ?count ?vague WHERE { GRAPH ?g { ?f a ckg:CasualtyFigure ;
          ckg:casualtyKind ?kind ; ckg:period ?p . OPTIONAL { ?f ckg:count ?count }
          OPTIONAL { ?f ckg:vagueQuantity ?vague } ?p ckg:text ?text
          FILTER(CONTAINS(?text, "two days ago")) } }""")
    values = {(r["g"].rsplit("/", 1)[-1][11:], r["kind"].rsplit("#")[-1],
               r.get("count") or r.get("vague")) for r in rows}
    assert ("border-conflict-escalates", "Injured", "27") in values
    assert ("ceasefire-agreed", "Wounded", "dozens") in values
    shared = _rows(built_store, """SELECT ?f (COUNT(DISTINCT ?g) AS ?n) WHERE {
        GRAPH ?g { ?f a ckg:CasualtyFigure ; ckg:count 3 ; ckg:qualifier ckg:AtLeast } }
        GROUP BY ?f""")
    assert [int(r["n"]) for r in shared] == [2]  # "at least three" in both: one figure


def test_relations_have_statement_records(built_store) -> None:
    rows = _rows(built_store, """
        SELECT ?s ?o WHERE { ?r a ckg:StatementRecord ; rdf:subject ?s ;
          rdf:predicate ckg:memberOf ; rdf:object ?o ; ckg:supportedBy ?sent .
          ?sent nif:anchorOf ?text FILTER(CONTAINS(?text, "members")) }""")
    assert {r["s"].rsplit("/", 1)[-1] for r in rows} == {"kyrgyzstan", "tajikistan"}


def _iris(store) -> set[str]:
    return {r["x"] for r in _rows(store, "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x ?p ?o } }")}


def test_rebuild_and_reordered_corpus_mint_the_same_iris(tmp_path, runner, built_store) -> None:
    corpus = _copy(tmp_path)
    index = corpus / "articles.tsv"
    lines = index.read_text(encoding="utf-8").splitlines()
    index.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert _iris(open_store(str(store))) == _iris(built_store)


def test_kg_add_builds_only_the_new_graph(tmp_path, runner) -> None:
    corpus = _copy(tmp_path)
    store = tmp_path / "store"
    assert runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store",
                                    str(store)]).exit_code == 0
    before = open_store(str(store))
    old = {g: len(_rows(before, f"SELECT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"))
           for g in before.graph_names()}
    before.close()
    new = tmp_path / "2021-05-01_osh-talks.txt"
    new.write_text("Kyrgyz and Uzbek foreign ministers held talks in Osh on Friday. "
                   "Two Kyrgyz soldiers were wounded overnight, the Kyrgyz defence ministry "
                   "said.\n", encoding="utf-8")
    result = runner.invoke(kg_cli(), ["add", str(new), "--date", "2021-05-01", "--title",
                                      "Osh talks", "--corpus", str(corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "built 1 article(s)" in result.output
    assert (corpus / new.name).read_text(encoding="utf-8") == new.read_text(encoding="utf-8")
    assert "2021-05-01_osh-talks.txt\tOsh talks\t2021-05-01" in (
        corpus / "articles.tsv").read_text(encoding="utf-8")
    after = open_store(str(store))
    graphs = after.graph_names()
    assert BASE + "graph/2021-05-01_osh-talks" in graphs
    for g, n in old.items():
        assert len(_rows(after, f"SELECT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")) == n
    talks = _rows(after, f"""SELECT ?date WHERE {{ GRAPH <{BASE}graph/2021-05-01_osh-talks> {{
        ?e a ckg:Talks ; ckg:startDate ?date ; ckg:place <{BASE}id/city/osh> }} }}""")
    assert talks == [{"date": "2021-04-30"}]
    # the corpus now rebuilds with the added article: its graph is current already
    assert "built 0 article(s), 0 triples; 3 unchanged article(s) kept" in runner.invoke(
        kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store)]).output
    assert "built 3 article(s)" in runner.invoke(kg_cli(), [
        "build", "--corpus", str(corpus), "--store", str(store), "--full"]).output


def test_kg_add_refuses_non_utf8_and_changes_nothing(tmp_path, runner) -> None:
    corpus = _copy(tmp_path)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Gefechte in Osh, sagte der Grenzdienst: Stra\xdfe".encode("latin-1"))
    index_before = (corpus / "articles.tsv").read_text(encoding="utf-8")
    result = runner.invoke(kg_cli(), ["add", str(bad), "--date", "2022-09-16", "--corpus",
                                      str(corpus), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output
    assert (corpus / "articles.tsv").read_text(encoding="utf-8") == index_before
    assert not (corpus / "latin1.txt").exists()


def test_build_reports_a_bad_article_and_builds_the_rest(tmp_path, runner) -> None:
    corpus = _copy(tmp_path)
    (corpus / "bad.txt").write_bytes(b"\xff\xfe broken")
    with open(corpus / "articles.tsv", "a", encoding="utf-8") as handle:
        handle.write("bad.txt\tBad\t2022-09-16\tunknown\tunknown\t\n")
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store",
                                      str(tmp_path / "store")])
    assert result.exit_code == 0
    summary = result.output.splitlines()[0]
    assert summary.startswith("built 2 article(s)")
    for kind in ("entity", "event", "claim", "casualty", "relation", "office", "time"):
        assert f" {kind}" in summary
    assert "refused 1: bad.txt: bad.txt: not UTF-8" in summary


CURATION = """
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<curation/no-enclave> a prov:Activity ;
    ckg:curatedBy <person/dana-reviewer> ;
    ckg:curationNote "Not what the map shows." ;
    rdf:subject <exclave/vorukh> ; rdf:predicate ckg:enclavedIn ;
    rdf:object <region/batken-region> .
<curation/sughd> a prov:Activity ;
    ckg:curatedBy <person/dana-reviewer> ;
    rdf:subject <region/batken-region> ; rdf:predicate ckg:borders ;
    rdf:object <region/sughd-region> ; ckg:correctedObject <region/osh-region> .
<person/dana-reviewer> rdfs:label "Dana Reviewer" .
"""


def test_curation_rejects_and_corrects_and_records_the_person(tmp_path, runner) -> None:
    curation = tmp_path / "curation.ttl"
    curation.write_text(CURATION, encoding="utf-8")
    store = tmp_path / "store"
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(CORPUS), "--store", str(store),
                                      "--curation", str(curation)])
    assert result.exit_code == 0, result.output
    assert "4 curation decision(s) applied" in result.output
    s = open_store(str(store))
    # The article graphs no longer state it (the curated reference base may still).
    assert not s.query(f"ASK {{ GRAPH ?g {{ <{BASE}id/exclave/vorukh> ckg:enclavedIn ?x }} "
                       f"FILTER(?g != <{BASE}graph/reference-kb>) }}").boolean()
    rows = _rows(s, """SELECT ?who ?name ?note ?record WHERE { GRAPH ?g {
        ?d a prov:Activity ; ckg:curatedBy ?who ; prov:invalidated ?record .
        ?who rdfs:label ?name . OPTIONAL { ?d ckg:curationNote ?note } } }""")
    assert {(r["name"], r.get("note")) for r in rows} == {("Dana Reviewer",
                                                          "Not what the map shows.")}
    corrected = _rows(s, f"""SELECT DISTINCT ?o ?who WHERE {{ GRAPH ?g {{
        <{BASE}id/region/batken-region> ckg:borders ?o .
        ?r rdf:subject <{BASE}id/region/batken-region> ; rdf:predicate ckg:borders ;
           rdf:object ?o ; ckg:curatedBy ?who }} }}""")
    assert corrected == [{"o": BASE + "id/region/osh-region",
                          "who": BASE + "id/person/dana-reviewer"}]


def test_curation_without_a_person_is_refused(tmp_path, runner) -> None:
    curation = tmp_path / "curation.ttl"
    curation.write_text(CURATION.replace("ckg:curatedBy <person/dana-reviewer> ;", "", 1),
                        encoding="utf-8")
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(CORPUS), "--store",
                                      str(tmp_path / "store"), "--curation", str(curation)])
    assert result.exit_code == 1
    assert "has no ckg:curatedBy" in result.output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_kg_evaluate_prints_scores(runner, fmt) -> None:
    result = runner.invoke(kg_cli(), ["evaluate", "--corpus", str(CORPUS), "--format", fmt])
    assert result.exit_code == 0, result.output
    for kind in ("entity", "relation", "office", "event", "claim", "casualty", "time"):
        assert kind in result.output
