"""`kg ontology docs` renders every term; `kg ontology diff` sees each kind of change and
refuses the removal of a term the data still uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from tests.conftest import kg_cli
from tests.ontology.helpers import ONTOLOGY, store_from_fixture

CKG = "https://w3id.org/conflict-kg/ontology#"


def test_docs_page_has_an_anchor_for_every_term_of_the_model(runner, tmp_path: Path) -> None:
    out = tmp_path / "ontology.html"
    result = runner.invoke(kg_cli(), ["ontology", "docs", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    model_terms = set(re.findall(r"ckg:([A-Za-z]+)", (ONTOLOGY / "MODEL.md").read_text()))
    anchors = set(re.findall(r'id="([A-Za-z]+)"', page))
    assert model_terms - anchors == set()
    assert "CC BY" in page or "creativecommons.org/licenses/by/4.0" in page
    assert "<dt>CAMEO code</dt><dd>194</dd>" in page  # ckg:Shelling


def test_render_html_is_cached_until_a_file_changes(ontology_copy: Path) -> None:
    from ontology.docs import docs_etag, render_html

    first = render_html(ontology_copy)
    assert render_html(ontology_copy) is first
    etag = docs_etag(ontology_copy)
    conflict = ontology_copy / "conflict.ttl"
    conflict.write_text(conflict.read_text().replace('"armed clash"@en', '"armed fight"@en'))
    assert docs_etag(ontology_copy) != etag
    assert "armed fight" in render_html(ontology_copy)


def _variant(tmp_path: Path, name: str, edit) -> Path:
    from ontology.sources import load_vocabulary

    graph = load_vocabulary(ONTOLOGY)
    edit(graph)
    path = tmp_path / name
    graph.serialize(path, format="turtle", encoding="utf-8")
    return path


def test_diff_reports_each_kind_of_change(runner, tmp_path: Path) -> None:
    def edit(g):
        g.remove((URIRef(CKG + "Evacuation"), None, None))  # removed, unused
        g.add((URIRef(CKG + "Ambush"), RDF.type, OWL.Class))  # added
        g.add((URIRef(CKG + "Ambush"), RDFS.label, Literal("ambush", lang="en")))
        g.add((URIRef(CKG + "Occupation"), OWL.deprecated, Literal(True)))
        g.add((URIRef(CKG + "Occupation"), DCTERMS.isReplacedBy, URIRef(CKG + "ArmedClash")))
        g.set((URIRef(CKG + "Talks"), RDFS.label, Literal("negotiations", lang="en")))

    new = _variant(tmp_path, "new.ttl", edit)
    result = runner.invoke(kg_cli(), ["ontology", "diff", str(ONTOLOGY / "conflict.ttl"),
                                      str(new), "--no-data", "--format", "json"])
    report = json.loads(result.output)
    seen = {(f["code"], f.get("term_short")) for f in report["findings"]}
    assert ("added", "ckg:Ambush") in seen
    assert ("removed", "ckg:Evacuation") in seen
    assert ("deprecated", "ckg:Occupation") in seen
    assert ("relabelled", "ckg:Talks") in seen
    assert ("version-not-bumped", None) in seen
    deprecated = next(f for f in report["findings"] if f["code"] == "deprecated")
    assert "use ckg:ArmedClash" in deprecated["message"]
    assert result.exit_code == 0  # nothing in use was removed


def test_removing_a_term_the_data_uses_is_an_error(runner, tmp_path: Path) -> None:
    store = store_from_fixture(tmp_path, "shape-violation.ttl")  # uses ckg:CasualtyFigure
    new = _variant(tmp_path, "new.ttl",
                   lambda g: g.remove((URIRef(CKG + "CasualtyFigure"), None, None)))
    result = runner.invoke(kg_cli(), ["ontology", "diff", str(ONTOLOGY / "conflict.ttl"),
                                      str(new), "--store", str(store)])
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if "removed-but-used" in x)
    assert "ckg:CasualtyFigure" in line and "1 data triple(s)" in line
    assert "id/figure/f1" in line


def test_diff_against_a_git_revision(runner) -> None:
    # The first commit has no ontology files: everything is new since then.
    first = __import__("subprocess").run(
        ["git", "-C", str(ONTOLOGY), "rev-list", "--max-parents=0", "HEAD"],
        capture_output=True, text=True, check=True).stdout.split()[0]
    result = runner.invoke(kg_cli(), ["ontology", "diff", first, "--no-data"])
    assert result.exit_code == 0, result.output
    assert "[diff/added] ckg:Event: class added" in result.output


def test_diff_of_an_unknown_revision_is_a_clear_error(runner) -> None:
    result = runner.invoke(kg_cli(), ["ontology", "diff", "no-such-revision-xyz", "--no-data"])
    assert result.exit_code == 1
    assert "expected a file, a directory or a git revision" in result.output
