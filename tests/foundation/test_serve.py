"""`kg serve` is a real HTTP server (waitress) answering SPARQL with the corpus content."""

from __future__ import annotations

import shutil

from SPARQLWrapper import JSON, POST, SPARQLWrapper

from tests.conftest import CORPUS, kg_cli, start_server


def _titles(url: str, method: str = "GET") -> set[str]:
    client = SPARQLWrapper(url + "/sparql")
    client.setMethod(POST if method == "POST" else "GET")
    client.setQuery("SELECT ?t WHERE { ?a a ckg:Article ; dcterms:title ?t }")
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    return {b["t"]["value"] for b in answer["results"]["bindings"]}


def test_serves_corpus_over_http(live_server) -> None:
    expected = {"Kyrgyzstan and Tajikistan border conflict escalates",
                "Cease-fire agreed with Tajikistan after border conflict: Kyrgyzstan"}
    assert _titles(live_server.url) == expected
    assert _titles(live_server.url, "POST") == expected


def test_server_names_itself(live_server) -> None:
    import requests

    response = requests.get(live_server.url + "/sparql", params={"query": "ASK {}"}, timeout=10)
    assert response.status_code == 200
    assert response.headers.get("Server") == "conflict-kg"


def test_rebuild_is_served_without_restart(runner, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = tmp_path / "store"
    build = ["build", "--corpus", str(corpus), "--store", str(store)]
    assert runner.invoke(kg_cli(), build).exit_code == 0
    server = start_server(store)
    try:
        assert len(_titles(server.url)) == 2
        lines = (corpus / "articles.tsv").read_text(encoding="utf-8").splitlines()
        (corpus / "articles.tsv").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
        assert runner.invoke(kg_cli(), build).exit_code == 0
        assert _titles(server.url) == {"Kyrgyzstan and Tajikistan border conflict escalates"}
    finally:
        server.stop()
