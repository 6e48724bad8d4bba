"""The Graph Store HTTP Protocol on /graph-store against a running `kg serve`: indirect and
direct identification, multipart uploads, auth, and writes that are whole or nothing."""

from __future__ import annotations

import rdflib
import requests

from tests.server.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TTL = {"Content-Type": "text/turtle; charset=utf-8"}
BASE = "https://w3id.org/conflict-kg/"
ALICE = '<http://example.org/alice> <http://xmlns.com/foaf/0.1/name> "Alice" .\n'
BOB = '<http://example.org/bob> <http://xmlns.com/foaf/0.1/name> "Bob" .\n'


def _graph(response: requests.Response) -> rdflib.Graph:
    assert response.status_code == 200, response.text
    return rdflib.Graph().parse(data=response.text, format="turtle")


def test_put_get_post_delete_indirect(writable_server) -> None:
    url = writable_server.url + "/graph-store"
    name = {"graph": "http://example.org/g/people"}
    created = requests.put(url, params=name, data=ALICE, headers={**TTL, **AUTH}, timeout=30)
    assert created.status_code == 201
    assert len(_graph(requests.get(url, params=name, headers={"Accept": "text/turtle"},
                                   timeout=30))) == 1
    replaced = requests.put(url, params=name, data=BOB, headers={**TTL, **AUTH}, timeout=30)
    assert replaced.status_code == 204
    names = {str(o) for o in _graph(requests.get(url, params=name, timeout=30)).objects()}
    assert names == {"Bob"}
    merged = requests.post(url, params=name, data=ALICE, headers={**TTL, **AUTH}, timeout=30)
    assert merged.status_code == 204
    assert len(_graph(requests.get(url, params=name, timeout=30))) == 2
    assert requests.head(url, params=name, timeout=30).status_code == 200
    assert requests.delete(url, params=name, headers=AUTH, timeout=30).status_code == 204
    assert requests.get(url, params=name, timeout=30).status_code == 404
    assert requests.delete(url, params=name, headers=AUTH, timeout=30).status_code == 404


def test_multipart_post_adds_every_part(writable_server) -> None:
    url = writable_server.url + "/graph-store"
    name = {"graph": "http://example.org/g/multipart"}
    files = [("a", ("alice.ttl", ALICE, "text/turtle")),
             ("b", ("bob.nt", BOB, "application/n-triples"))]
    response = requests.post(url, params=name, files=files, headers=AUTH, timeout=30)
    assert response.status_code == 201, response.text
    assert len(_graph(requests.get(url, params=name, timeout=30))) == 2


def test_post_to_the_store_creates_a_minted_graph(writable_server) -> None:
    url = writable_server.url + "/graph-store"
    response = requests.post(url, data=ALICE, headers={**TTL, **AUTH}, timeout=30)
    assert response.status_code == 201
    location = response.headers["Location"]
    assert location.startswith(BASE + "graph/upload/")
    assert len(_graph(requests.get(url, params={"graph": location}, timeout=30))) == 1
    # Direct identification: the minted graph under its local path.
    direct = writable_server.url + "/graph-store/" + location[len(BASE):]
    assert len(_graph(requests.get(direct, timeout=30))) == 1


def test_direct_identification_of_an_article_graph(writable_server) -> None:
    direct = writable_server.url + "/graph-store/graph/2022-09-16_ceasefire-agreed"
    graph = _graph(requests.get(direct, headers={"Accept": "text/turtle"}, timeout=30))
    titles = list(graph.objects(None, rdflib.DCTERMS.title))
    assert [str(t) for t in titles] == [
        "Cease-fire agreed with Tajikistan after border conflict: Kyrgyzstan"]


def test_writes_need_the_token(writable_server, live_server) -> None:
    url = writable_server.url + "/graph-store"
    name = {"graph": "http://example.org/g/auth"}
    missing = requests.put(url, params=name, data=ALICE, headers=TTL, timeout=30)
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = requests.put(url, params=name, data=ALICE, timeout=30,
                         headers={**TTL, "Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    # The shared server has no token configured: writes are switched off.
    off = requests.put(live_server.url + "/graph-store", params=name, data=ALICE,
                       headers={**TTL, **AUTH}, timeout=30)
    assert off.status_code == 403
    assert "KG_UPDATE_TOKEN" in off.text
    update = requests.post(live_server.url + "/sparql", data={"update": "CLEAR ALL"},
                           timeout=30)
    assert update.status_code == 403


def test_bad_upload_changes_nothing(writable_server) -> None:
    url = writable_server.url + "/graph-store"
    name = {"graph": "http://example.org/g/atomic"}
    assert requests.put(url, params=name, data=ALICE, headers={**TTL, **AUTH},
                        timeout=30).status_code == 201
    broken = BOB + "<http://example.org/x> <http://example.org/p> ."
    response = requests.put(url, params=name, data=broken, headers={**TTL, **AUTH},
                            timeout=30)
    assert response.status_code == 400
    assert "parse" in response.text
    names = {str(o) for o in _graph(requests.get(url, params=name, timeout=30)).objects()}
    assert names == {"Alice"}
    unknown = requests.put(url, params=name, data=ALICE, timeout=30,
                           headers={"Content-Type": "application/x-yaml", **AUTH})
    assert unknown.status_code == 415


def test_sparql_update_is_seen_by_the_next_query(writable_server) -> None:
    endpoint = writable_server.url + "/sparql"
    insert = ('INSERT DATA { GRAPH <http://example.org/g/update> { '
              '<http://example.org/carol> <http://xmlns.com/foaf/0.1/name> "Carol" } }')
    assert requests.post(endpoint, data={"update": insert}, headers=AUTH,
                         timeout=30).status_code == 204
    ask = requests.get(endpoint, timeout=30, params={
        "query": 'ASK { ?s <http://xmlns.com/foaf/0.1/name> "Carol" }'})
    assert ask.json()["boolean"] is True
