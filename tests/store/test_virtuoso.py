"""Virtuoso 7 as the remote store: its own instance on loopback, `/sparql` for queries and
digest-authenticated `/sparql-graph-crud-auth` for the Graph Store writes."""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from graph.config import RemoteOptions
from graph.store.formats import by_name
from graph.store.remote import RemoteStore
from ontology.namespaces import PREFIXES
from tests.conftest import CORPUS, KG
from tests.store.servers import VIRTUOSO, VIRTUOSO_SKIP, StoreProcess, start_virtuoso

pytestmark = [pytest.mark.remote,
              pytest.mark.skipif(VIRTUOSO is None, reason=VIRTUOSO_SKIP)]

DBA = {"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba", "KG_STORE_AUTH": "digest"}


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreProcess]:
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def _kg(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KG_STORE")}
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=120,
                          env={**clean, **env})


def test_build_query_export_against_virtuoso(virtuoso, built_store) -> None:
    url = virtuoso.query_url
    for _ in range(2):  # the second build replaces the graphs, it does not add to them
        done = _kg("build", "--corpus", str(CORPUS), "--store", url, "-q", **DBA)
        assert done.returncode == 0, done.stderr
    store = RemoteStore(url, RemoteOptions(user="dba", password="dba", auth="digest"))
    # Virtuoso's own graphs (RDF views, service description) are not listed.
    assert store.graph_names() == built_store.graph_names()
    assert store.stats()["quads"] == built_store.stats()["quads"]

    sparql = ("SELECT ?a ?t WHERE { ?a a ckg:Article ; dcterms:title ?t } ORDER BY ?a")
    assert list(store.query(sparql).rows()) == list(built_store.query(sparql).rows())
    article = next(built_store.query(sparql).rows())["a"]
    bound = list(store.query(sparql, substitutions={"a": article}).rows())
    assert [row["a"] for row in bound] == [article]

    nq = by_name("nq", "rdf")
    assert nq is not None
    dumps = []
    for source in (built_store, store):
        out = io.BytesIO()
        source.dump(out, nq)
        dumps.append(set(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)))
    # Virtuoso stores xsd:boolean as an integer: those literals come back changed; every
    # other quad must come back exactly.
    boolean = PREFIXES["xsd"] + "boolean"
    changed = {q for q in dumps[0] - dumps[1]
               if isinstance(q.object, ox.Literal) and q.object.datatype.value == boolean}
    assert dumps[0] and dumps[0] - dumps[1] == changed
    assert len(dumps[1]) == len(dumps[0])

    table = _kg("query", "--store", url, "ASK { ?a a ckg:Article }")
    assert table.returncode == 0 and table.stdout.strip() == "true", table.stderr
    stats = _kg("stats", "--store", url)
    assert stats.returncode == 0 and "graphs:  3" in stats.stdout, stats.stderr


def test_virtuoso_wrong_password_changes_nothing(virtuoso) -> None:
    store = RemoteStore(virtuoso.query_url, RemoteOptions())
    before = store.stats()
    # --full: an incremental build of an unchanged corpus writes nothing, so it would never
    # meet the refusal this test is about
    done = _kg("build", "--corpus", str(CORPUS), "--store", virtuoso.query_url, "-q", "--full",
               **{**DBA, "KG_STORE_PASSWORD": "wrong"})
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "refused access (user 'dba', digest auth)" in (
        done.stderr)
    assert store.stats() == before


def test_virtuoso_syntax_error(virtuoso) -> None:
    done = _kg("query", "--store", virtuoso.query_url, "SELECT * WHERE { ?a ?b }")
    assert done.returncode == 1 and "refused the query" in done.stderr
