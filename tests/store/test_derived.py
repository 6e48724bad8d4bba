"""The derived tables of a generation (`graph/store/derived.py`): the saved queries that
read them answer the same rows as the same queries grouped at query time; a build or a
load writes them with the generation, and after a small write (SPARQL Update, Graph Store
upload) `kg serve` has them written for the new generation (`server/tables.py`), so a
table never answers from an older generation's rows."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from graph.params import bind
from graph.store.derived import KINDS, MAX_ROWS, PLACE_KINDS, TABLES, saved_text
from graph.store.embedded import EmbeddedStore
from queries import find
from tests.conftest import KG, ROOT, build_store, start_server
from tests.server.conftest import TOKEN

CKG = "https://w3id.org/conflict-kg/ontology#"


def _kg_json(store: Path, *args: str) -> list[dict]:
    done = subprocess.run([KG, "query", *args, "--store", str(store), "--format", "json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)["results"]["bindings"]


def _table(store: Path, name: str = "statement-counts") -> Path:
    live = EmbeddedStore(store).live_generation_path()
    assert live is not None
    return live / TABLES[name].file


@pytest.fixture()
def store_copy(built_store_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(built_store_path, path)
    return path


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dev articles: statements stated by several articles, nodes with two rules."""
    return build_store(ROOT / "tests" / "articles" / "dev", tmp_path_factory, "dev")


@pytest.mark.parametrize("args", [
    ("cq09-shared-statements", "--param", "limit=100000"),
    ("cq09-shared-statements", "--param", "limit=7", "--param", "offset=5"),
    ("corroboration",),
    ("corroboration", "--param", "min=1"),
    ("corroboration", "--param", "min=3"),
    ("cq13-support",),
    ("cq13-support", "--param", "limit=9", "--param", "offset=20"),
    ("cq07-weapons", "--param", "limit=100000"),
    ("cq07-weapons", "--param", "limit=3", "--param", "offset=4"),
    ("cq04-places",),
])
@pytest.mark.parametrize("which", ["corpus", "dev"])
def test_table_answers_the_rows_of_the_grouping(store_copy: Path, dev_store: Path,
                                                tmp_path: Path, which: str,
                                                args: tuple[str, ...]) -> None:
    """The same saved query, once through its table and once grouped and sorted at query
    time (the table removed, as in a generation written before it existed): the same
    rows in the same order."""
    if which == "dev":
        store_copy = tmp_path / "dev"
        shutil.copytree(dev_store, store_copy)
    query = find(args[0])
    assert query is not None
    table = query.meta["derived"].split()[0]
    assert _table(store_copy, table).is_file()
    given = dict(a.split("=", 1) for a in args[2::2])
    text, _ = saved_text(query.text, query.meta, bind(query, given), EmbeddedStore(store_copy))
    through_table = _kg_json(store_copy, *args)
    # the table was read, not bypassed (a page of more than MAX_ROWS rows runs as written:
    # the dev split's whole list of shared statements is longer than that)
    assert "# rows:" not in text or len(through_table) >= MAX_ROWS
    _table(store_copy, table).unlink()
    grouped = _kg_json(store_copy, *args)
    assert through_table == grouped
    assert through_table or args[-1] == "min=3"
    if which == "dev" and args == ("corroboration",):
        assert len(through_table) > 10  # the dev split has corroborated statements
    if args == ("corroboration",):
        assert through_table and all(int(r["sources"]["value"]) >= 2 for r in through_table)


def test_a_named_statement_is_evaluated_as_written(store_copy: Path) -> None:
    query = find("cq13-support")
    assert query is not None
    given = {"predicate": "ckg:memberOf"}
    text, _ = saved_text(query.text, query.meta, bind(query, given), EmbeddedStore(store_copy))
    assert "# rows: records" in text
    assert _kg_json(store_copy, "cq13-support", "--param", "predicate=ckg:memberOf")


def test_kinds_are_those_the_queries_list() -> None:
    for name in ("cq09-shared-statements", "corroboration"):
        query = find(name)
        assert query is not None
        block = re.search(r"VALUES \?kind \{([^}]*)\}", query.text)
        assert block is not None
        assert tuple(block.group(1).replace("ckg:", "").split()) == KINDS


def test_place_kinds_are_those_cq04_lists() -> None:
    query = find("cq04-places")
    assert query is not None
    block = re.search(r"VALUES \?kind \{([^}]*)\}", query.text)
    assert block is not None
    assert tuple(block.group(1).replace("ckg:", "").split()) == PLACE_KINDS


def test_cq04_table_stands_in_for_the_parts_it_holds(dev_store: Path) -> None:
    """Read through its table, cq04 keeps none of the patterns that compute the rows the
    table holds (those are what took seconds at a million triples)."""
    query = find("cq04-places")
    assert query is not None
    text, _ = saved_text(query.text, query.meta, bind(query, {}), EmbeddedStore(dev_store))
    assert "locatedIn+" not in text and "rdf:subject" not in text
    assert text.count("VALUES (?") == len(TABLES["places"].parts)


def _statement(graph: str, article: str, sentence: str) -> str:
    return (f"<{graph}> {{ <{article}> a <{CKG}Article> . "
            f"<urn:test:shelling> a <{CKG}Shelling> ; <{CKG}supportedBy> <{sentence}> . }}")


def _corroborated(url: str) -> list[str]:
    answer = requests.get(url + "/queries/corroboration", params={"format": "json"},
                          timeout=60).json()
    return [r["statement"]["value"] for r in answer["results"]["bindings"]
            if "statement" in r]


def test_an_update_gets_tables_of_its_own_generation(store_copy: Path) -> None:
    """A SPARQL Update over HTTP makes its generation without tables (none is carried
    over from the generation it started from); the first saved query that needs one has
    them written for that generation, and the rows read through them are the rows of the
    query grouped at query time in the updated store."""
    before = _table(store_copy)
    server = start_server(store_copy, env={"KG_UPDATE_TOKEN": TOKEN})
    try:
        update = "INSERT DATA { " + " ".join(
            "GRAPH " + _statement(f"urn:test:graph{i}", f"urn:test:article{i}",
                                  f"urn:test:sentence{i}")
            for i in (1, 2)) + " }"
        done = requests.post(server.url + "/sparql", data={"update": update},
                             headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
        assert done.status_code == 204, done.text
        after = _table(store_copy)
        assert after.parent != before.parent  # a new generation
        assert "urn:test:shelling" in _corroborated(server.url)
        for name in TABLES.values():
            assert (after.parent / name.file).is_file(), name.file
    finally:
        server.stop()
    assert "urn:test:shelling" in after.read_text(encoding="utf-8")
    assert "urn:test:shelling" not in before.read_text(encoding="utf-8")
    args = ("cq09-shared-statements", "--param", "limit=100000")
    through_table = _kg_json(store_copy, *args)
    assert any(r.get("statement", {}).get("value") == "urn:test:shelling"
               for r in through_table)
    after.unlink()
    assert _kg_json(store_copy, *args) == through_table


def test_every_write_path_writes_the_table(store_copy: Path, tmp_path: Path) -> None:
    """A statement two new articles state is corroborated right after the update that
    adds it, no longer after a Graph Store upload replaces one of them, and again after
    `kg load` brings it back."""
    server = start_server(store_copy, env={"KG_UPDATE_TOKEN": TOKEN})
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        assert "urn:test:shelling" not in _corroborated(server.url)
        update = "INSERT DATA { " + " ".join(
            "GRAPH " + _statement(f"urn:test:graph{i}", f"urn:test:article{i}",
                                  f"urn:test:sentence{i}")
            for i in (1, 2)) + " }"
        done = requests.post(server.url + "/sparql", data={"update": update}, headers=auth,
                             timeout=60)
        assert done.status_code == 204, done.text
        assert "urn:test:shelling" in _corroborated(server.url)
        put = requests.put(server.url + "/graph-store", params={"graph": "urn:test:graph2"},
                           data=f"<urn:test:article2> a <{CKG}Article> .",
                           headers={**auth, "Content-Type": "text/turtle"}, timeout=60)
        assert put.status_code in {200, 201, 204}, put.text
        assert "urn:test:shelling" not in _corroborated(server.url)
    finally:
        server.stop()
    dump = tmp_path / "back.trig"
    dump.write_text(_statement("urn:test:graph2", "urn:test:article2", "urn:test:sentence2"),
                    encoding="utf-8")
    subprocess.run([KG, "load", str(dump), "--store", str(store_copy)], check=True,
                   capture_output=True, text=True)
    rows = _kg_json(store_copy, "corroboration")
    assert "urn:test:shelling" in [r["statement"]["value"] for r in rows if "statement" in r]
