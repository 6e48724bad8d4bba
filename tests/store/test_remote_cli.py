"""`kg` against a remote store (`oxigraph serve`): build, query, export, stats, and the
way a rebuild replaces graphs."""

from __future__ import annotations

import json
import shutil
import subprocess

import pyoxigraph as ox
import pytest
import requests

from graph.config import RemoteOptions
from graph.store import open_store
from graph.store.remote import RemoteStore, default_endpoints
from tests.conftest import CORPUS, KG, kg_cli

pytestmark = pytest.mark.remote

UPLOAD = "https://example.org/upload/notes"
STALE = "https://w3id.org/conflict-kg/graph/2001-01-01_gone"


def test_query_json(runner, oxigraph_server) -> None:
    result = runner.invoke(kg_cli(), [
        "query", "--store", oxigraph_server.query_url, "--format", "json",
        "SELECT ?a WHERE { ?a a ckg:Article } ORDER BY ?a"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    assert [b["a"]["value"].rsplit("/", 1)[1] for b in bindings] == [
        "2022-09-16_border-conflict-escalates", "2022-09-16_ceasefire-agreed"]


def test_query_table_and_turtle(runner, oxigraph_server) -> None:
    table = runner.invoke(kg_cli(), ["query", "--store", oxigraph_server.query_url,
                                     "SELECT ?a WHERE { ?a a ckg:Article }"])
    assert table.exit_code == 0 and "(2 rows)" in table.output
    turtle = runner.invoke(kg_cli(), ["query", "--store", oxigraph_server.query_url, "-f",
                                      "turtle", "CONSTRUCT WHERE { ?a a ckg:Article }"])
    assert turtle.exit_code == 0, turtle.output
    assert len(list(ox.parse(turtle.output.encode(), format=ox.RdfFormat.TURTLE))) == 2


def test_export_and_stats_match_the_embedded_store(runner, oxigraph_server, built_store_path,
                                                    tmp_path) -> None:
    dumps = []
    for store in (str(built_store_path), oxigraph_server.query_url):
        out = tmp_path / f"{len(dumps)}.nq"
        result = runner.invoke(kg_cli(), ["export", "--store", store, "-o", str(out)])
        assert result.exit_code == 0, result.output
        dumps.append(set(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)))
    assert dumps[0] and dumps[1] == dumps[0]
    stats = [runner.invoke(kg_cli(), ["stats", "--store", s]).output
             for s in (str(built_store_path), oxigraph_server.query_url)]
    assert f"quads:   {len(dumps[0])}" in stats[1]
    assert stats[1].split("\n", 1)[1] == stats[0].split("\n", 1)[1]  # all but the store line


def test_rebuild_replaces_article_graphs_and_keeps_uploads(fresh_oxigraph, built_store) -> None:
    url = fresh_oxigraph.query_url
    store = RemoteStore(url, RemoteOptions())
    note = ox.Triple(ox.NamedNode("https://example.org/n"), ox.NamedNode(PRED), ox.Literal("x"))
    old = ox.Triple(ox.NamedNode("https://example.org/o"), ox.NamedNode(PRED), ox.Literal("y"))
    store.replace_graphs({UPLOAD: [note], STALE: [old]})
    assert store.graph_names() == [UPLOAD, STALE]
    for _ in range(2):  # twice: the second build replaces, it does not add
        done = subprocess.run([KG, "build", "--corpus", str(CORPUS), "--store", url, "-q"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    names = store.graph_names()
    # two articles, the reference base, the upload
    assert UPLOAD in names and STALE not in names and len(names) == 4
    assert store.stats()["quads"] == built_store.stats()["quads"] + 1


PRED = "https://example.org/p"


def test_update_through_the_update_endpoint(fresh_oxigraph) -> None:
    store = RemoteStore(fresh_oxigraph.query_url, RemoteOptions())
    store.update(f"INSERT DATA {{ GRAPH <{UPLOAD}> {{ <https://example.org/s> <{PRED}> 1 }} }}")
    assert store.query(f"ASK {{ ?s <{PRED}> 1 }}").boolean() is True
    assert store.graph_names() == [UPLOAD]


@pytest.mark.parametrize(("url", "update", "gsp"), [
    ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h/ds/query", "http://h/ds/update", "http://h/ds/store"),
    ("http://h/repositories/kg", "http://h/repositories/kg/statements",
     "http://h/repositories/kg/rdf-graphs/service"),
    ("http://h/sparql", "http://h/sparql", "http://h/sparql-graph-crud"),
    ("http://h/other", "http://h/other", None),
])
def test_default_endpoints(url, update, gsp) -> None:
    assert default_endpoints(url, RemoteOptions()) == (update, gsp)


def test_virtuoso_with_credentials_uses_its_auth_endpoints() -> None:
    options = RemoteOptions(user="dba", password="x", auth="digest")
    assert default_endpoints("http://h:8890/sparql", options) == (
        "http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth")
    explicit = RemoteOptions(update_url="http://u", graph_store_url="http://g")
    assert default_endpoints("http://h/query", explicit) == ("http://u", "http://g")


def test_options_override_the_environment(runner, fresh_oxigraph, monkeypatch,
                                          built_store) -> None:
    base = fresh_oxigraph.query_url.rsplit("/", 1)[0]
    monkeypatch.setenv("KG_STORE_GSP_URL", base + "/nowhere")
    failed = runner.invoke(kg_cli(), ["build", "--store", fresh_oxigraph.query_url, "-q"])
    assert failed.exit_code == 1
    assert "/nowhere" in failed.output and "nothing was changed" in failed.output
    done = runner.invoke(kg_cli(), ["build", "--store", fresh_oxigraph.query_url,
                                    "--gsp-url", base + "/store", "-q"])
    assert done.exit_code == 0, done.output
    answer = requests.post(fresh_oxigraph.query_url,
                           data={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"},
                           headers={"Accept": "application/sparql-results+json"}, timeout=10)
    count = answer.json()["results"]["bindings"][0]["n"]["value"]
    assert int(count) == built_store.stats()["quads"]


def test_incremental_build_sends_only_what_changed(fresh_oxigraph, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    url = fresh_oxigraph.query_url

    def build(store: str) -> str:
        done = subprocess.run([KG, "build", "--corpus", str(corpus), "--store", store, "-q"],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert build(url).startswith("built 2 article(s)")
    assert build(url).startswith("built 0 article(s), 0 triples; 2 unchanged")
    article = corpus / "2022-09-16_ceasefire-agreed.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nTalks were held in Osh.\n",
                       encoding="utf-8")
    assert build(url).startswith("built 1 article(s)")
    local = tmp_path / "local"
    build(str(local))
    embedded = open_store(str(local))
    remote = RemoteStore(url, RemoteOptions())
    assert remote.graph_names() == embedded.graph_names()
    assert remote.stats()["quads"] == embedded.stats()["quads"]
