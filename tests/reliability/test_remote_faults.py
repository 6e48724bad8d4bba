"""A remote store (`oxigraph serve`, killed by pid) that goes away mid-build or mid-query:
a clear error, and every graph is either its old whole self or its new whole self."""

from __future__ import annotations

import os
import random
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import KG, start_server
from tests.reliability.helpers import (
    WriteWatch,
    assert_clean_error,
    drain_stderr,
    fingerprint_nquads,
    make_corpus,
    run_kg,
    start_oxigraph,
)

pytestmark = pytest.mark.remote

ATTEMPTS = 3
# Every (subject, object) pair of every triple: far past any timeout we would wait for.
SLOW_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?p ?b } GRAPH ?h { ?c ?q ?d } "
              "GRAPH ?i { ?e ?r ?f } FILTER(STR(?b) != STR(?f)) }")


def _per_graph(url: str) -> dict[str, tuple[str, int]]:
    """Each graph's content hash and size, read with the store's own dump (Graph Store
    GET)."""
    response = requests.get(url + "/store", headers={"Accept": "application/n-quads"},
                            timeout=60)
    assert response.status_code == 200, response.text[:300]
    found = fingerprint_nquads(response.content)
    return {g: (h, found.per_graph_count[g]) for g, h in found.per_graph.items()}


@pytest.mark.slow
def test_remote_store_killed_mid_build_leaves_whole_graphs(tmp_path) -> None:
    # Same file names, different texts: the same graph IRIs with different contents.
    corpora = {"a": make_corpus(tmp_path / "a", 12, variant=1, names="r"),
               "b": make_corpus(tmp_path / "b", 12, variant=2, names="r")}
    location = tmp_path / "oxigraph"
    versions: dict[str, dict[str, tuple[str, int]]] = {}
    for name in ("b", "a"):  # leaves "a" in the store
        server = start_oxigraph(location)
        try:
            done = run_kg("build", "--corpus", str(corpora[name]), "--store",
                          server.url + "/query", "-q")
            assert done.returncode == 0, done.stderr.decode()
            versions[name] = _per_graph(server.url)
        finally:
            server.kill()
    assert sorted(versions["a"]) == sorted(versions["b"])
    # Every article graph differs between the two builds (shared reference graphs do not).
    differing = [g for g in versions["a"] if versions["a"][g] != versions["b"][g]]
    assert len(differing) >= 24, f"only {len(differing)} graphs differ between the builds"

    seed = int(os.environ.get("KG_FAULT_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    failed_builds = 0
    mixed = 0
    target = "b"
    for _attempt in range(ATTEMPTS):
        server = start_oxigraph(location)
        # Killed as the build's 1st to 4th graph write starts through the relay: while
        # the graphs are being sent, not at a time guessed from another build.
        with WriteWatch(server.port, nth=rng.randint(1, 4)) as watch:
            build = subprocess.Popen([KG, "build", "--corpus", str(corpora[target]),
                                      "--store", watch.url + "/query", "-q"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            while not watch.reached.wait(0.05) and build.poll() is None:
                pass
            server.kill()
        out, err = build.communicate(timeout=120)
        # A store killed while the build writes is an error, never a quiet success.
        assert build.returncode != 0 or not watch.reached.is_set(), (
            f"seed {seed}: the build succeeded though the store died while it wrote")
        if build.returncode != 0:
            failed_builds += 1
            assert_clean_error(subprocess.CompletedProcess(build.args, build.returncode,
                                                           out, err), 1)
            message = err.decode()
            assert "cannot reach" in message or "refused" in message, message
        server = start_oxigraph(location)
        try:
            now = _per_graph(server.url)
        finally:
            server.kill()
        assert set(now) <= set(versions["a"]), f"seed {seed}: unknown graphs appeared"
        new = [g for g, h in now.items() if h == versions[target].get(g)]
        for graph, digest in now.items():
            assert digest in {versions["a"][graph], versions["b"][graph]}, (
                f"seed {seed}: graph {graph} ({digest[1]} triples) is neither its old "
                f"({versions['a'][graph][1]}) nor its new version ({versions['b'][graph][1]})")
        if 0 < len(new) < len(now):
            mixed += 1
        if len(new) == len(now):
            target = "a" if target == "b" else "b"
    assert failed_builds >= 1, f"seed {seed}: the store was never killed mid-build"
    print(f"remote kills: {ATTEMPTS}, builds interrupted: {failed_builds}, "
          f"left old and new graphs side by side: {mixed}")


@pytest.mark.slow
def test_remote_store_killed_mid_query_is_a_clear_error(tmp_path) -> None:
    corpus = make_corpus(tmp_path / "c", 3, variant=5)
    server = start_oxigraph(tmp_path / "oxigraph")
    try:
        done = run_kg("build", "--corpus", str(corpus), "--store", server.url + "/query", "-q")
        assert done.returncode == 0, done.stderr.decode()
        query = subprocess.Popen([KG, "query", SLOW_QUERY, "--store", server.url + "/query"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        assert query.poll() is None, "the slow query finished before the store was killed"
    finally:
        server.kill()
    out, err = query.communicate(timeout=60)
    assert_clean_error(subprocess.CompletedProcess(query.args, query.returncode, out, err), 1)
    assert "cannot reach" in err.decode() or "failed" in err.decode(), err.decode()


@pytest.mark.slow
def test_server_over_remote_store_survives_the_store_going_away(tmp_path) -> None:
    """`kg serve` in front of a remote store: a clear 5xx (not 500) while the store is
    gone, no hang, and answers again once the store is back."""
    corpus = make_corpus(tmp_path / "c", 3, variant=6)
    location = tmp_path / "oxigraph"
    store = start_oxigraph(location)
    port = store.port
    try:
        done = run_kg("build", "--corpus", str(corpus), "--store", store.url + "/query", "-q")
        assert done.returncode == 0, done.stderr.decode()
        kg = start_server(store.url + "/query", env={"KG_STORE_TIMEOUT": "20"})
    except BaseException:
        store.kill()
        raise
    drain_stderr(kg.process)
    try:
        answers: list[requests.Response | Exception] = []

        def slow() -> None:
            try:
                answers.append(requests.get(kg.url + "/sparql", params={"query": SLOW_QUERY},
                                            timeout=60))
            except requests.RequestException as exc:
                answers.append(exc)

        worker = threading.Thread(target=slow)
        worker.start()
        time.sleep(1.0)
        store.kill()
        worker.join(timeout=60)
        assert answers and isinstance(answers[0], requests.Response), answers
        assert answers[0].status_code in {502, 503, 504}, (answers[0].status_code,
                                                            answers[0].text[:300])
        gone = requests.get(kg.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"},
                            timeout=30)
        assert gone.status_code in {502, 503, 504}, gone.status_code
        assert "Traceback" not in gone.text
        store = start_oxigraph(location, port=port)
        back = requests.get(kg.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert back.status_code == 200, back.text[:300]
        assert back.json()["boolean"] is True
        assert kg.process.poll() is None
    finally:
        kg.stop()
        store.kill()


def test_oxigraph_binary_is_there() -> None:
    assert Path(KG).with_name("oxigraph").exists()
