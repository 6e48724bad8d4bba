"""The remote store: any SPARQL 1.1 server (Protocol + Graph Store Protocol), such as
Virtuoso, Fuseki, GraphDB, Neptune or `oxigraph serve`.

Queries go through SPARQLWrapper as form-encoded POSTs (Virtuoso hangs on a raw
`application/sparql-query` body). Graphs are written with one Graph Store PUT each, so a
graph is replaced whole or not at all. Across graphs there is no transaction: a failure
midway through a rebuild leaves the graphs already sent replaced and the rest as they
were; the error says so and running the build again finishes the job.

The remote store is expected to present the union of its named graphs as the default
graph, as the embedded store does (Virtuoso and GraphDB do by default; start
`oxigraph serve --union-default-graph`; set `unionDefaultGraph` in Fuseki).
"""

from __future__ import annotations

import ast
import http.client
import io
import re
import socket
import urllib.error
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from SPARQLWrapper import DIGEST, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from graph.config import RemoteOptions
from graph.errors import QuerySyntaxError, StoreError
from graph.store.base import Dataset, Term
from graph.store.formats import Format, by_media_type, by_name
from graph.store.sparql_text import bind_values, shape, with_prefixes
from ontology.namespaces import PREFIXES

CHUNK = 64 * 1024

# Graphs a Virtuoso instance keeps for itself (its RDF views, bundled ontologies); they are
# not the project's data, so listing, counting and dumping leave them out.
SYSTEM_GRAPHS = re.compile(
    r"^(http://www\.openlinksw\.com/schemas/|http://www\.w3\.org/ns/ldp#$"
    r"|http://www\.w3\.org/2002/07/owl#$|urn:activitystreams-owl:map$"
    r"|http://localuriqaserver/|http://localhost:\d+/(DAV|sparql)|http://[^/]+/DAV/)"
)

_JSON = by_name("json", "results")
_NT = by_name("nt", "rdf")
assert _JSON is not None and _NT is not None
# What we can read back when the store cannot write the requested format: pyoxigraph
# parses these (it has no CSV results parser).
_PARSEABLE_RESULTS = ("application/sparql-results+json", "application/sparql-results+xml",
                      "text/tab-separated-values")
_PARSEABLE_RDF = ("application/n-triples", "text/turtle", "application/rdf+xml")


def default_endpoints(query_url: str, options: RemoteOptions) -> tuple[str, str | None]:
    """Update and Graph Store URLs: the options', else guessed from well-known layouts."""
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    update, gsp = query_url, None
    if path.endswith("/query"):  # oxigraph serve; Fuseki serves GSP at /data instead
        base = path[: -len("/query")]
        update, gsp = at(base + "/update"), at(base + "/store")
    elif path.endswith("/sparql") and options.user:  # Virtuoso's authenticated endpoints
        update, gsp = at(path + "-auth"), at(path + "-graph-crud-auth")
    elif path.endswith("/sparql"):
        gsp = at(path + "-graph-crud")
    elif re.search(r"/repositories/[^/]+$", path):  # GraphDB, RDF4J
        update, gsp = at(path + "/statements"), at(path + "/rdf-graphs/service")
    return options.update_url or update, options.graph_store_url or gsp


class RemoteResult:
    """A remote answer with the interface of the embedded one. The request is sent when
    the answer is first read, asking for the format the reader wants."""

    def __init__(self, store: RemoteStore, sparql: str, dataset: Dataset | None,
                 kind: str) -> None:
        self._store = store
        self._sparql = sparql
        self._dataset = dataset
        self.kind = kind
        self._parsed: Any = None

    @property
    def variables(self) -> list[str]:
        if self.kind != "solutions":
            return []
        return [v.value for v in self._read().variables]

    def _read(self) -> Any:
        """The answer parsed by pyoxigraph, fetched once."""
        if self._parsed is None:
            wanted = _JSON if self.kind != "graph" else _NT
            assert wanted is not None
            fmt, response = self._store._send_query(self._sparql, self._dataset, wanted)
            self._parsed = _parse(fmt, response, self.kind)
        return self._parsed

    def serialize(self, fmt: Format) -> Iterator[bytes]:
        if self.kind == "graph" and fmt.kind != "rdf":
            raise StoreError(f"a graph result cannot be written as {fmt.media_type}")
        if self.kind != "graph" and fmt.kind != "results":
            raise StoreError(f"a {self.kind} result cannot be written as {fmt.media_type}")
        if self._parsed is None:
            got, response = self._store._send_query(self._sparql, self._dataset, fmt)
            if got == fmt:
                # The store wrote the format itself: pass its bytes through as they come.
                while chunk := response.read(CHUNK):
                    yield chunk
                return
            self._parsed = _parse(got, response, self.kind)
        out = io.BytesIO()
        if self.kind == "graph":
            ox.serialize(self._parsed, out, format=fmt.native)
        else:
            self._parsed.serialize(out, format=fmt.native)
        data = out.getvalue()
        for start in range(0, len(data), CHUNK):
            yield data[start:start + CHUNK]

    def rows(self) -> Iterator[dict[str, Term]]:
        assert self.kind == "solutions"
        solutions = self._read()
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            yield {name: solution[name] for name in names if solution[name] is not None}

    def boolean(self) -> bool:
        assert self.kind == "boolean"
        return bool(self._read())

    def triples(self) -> Iterator[ox.Triple]:
        assert self.kind == "graph"
        for item in self._read():
            yield item if isinstance(item, ox.Triple) else item.triple


def _parse(fmt: Format, response: IO[bytes], kind: str) -> Any:
    try:
        if kind == "graph":
            return list(ox.parse(response, format=fmt.native))
        return ox.parse_query_results(response, format=fmt.native)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"the remote store sent a {fmt.media_type} answer that does not "
                         f"parse: {exc}") from exc


class RemoteStore:
    """A SPARQL 1.1 server reached over HTTP. Thread-safe: no state besides settings."""

    def __init__(self, query_url: str, options: RemoteOptions | None = None) -> None:
        self.options = options or RemoteOptions()
        if self.options.auth not in {"basic", "digest"}:
            raise StoreError(f"unknown authentication {self.options.auth!r}: use basic or "
                             "digest (--auth, KG_STORE_AUTH)")
        self.query_url = query_url
        self.update_url, self.gsp_url = default_endpoints(query_url, self.options)
        self.description = f"remote store at {query_url}"
        self._session = requests.Session()
        if self.options.user:
            password = self.options.password or ""
            self._session.auth = (requests.auth.HTTPDigestAuth(self.options.user, password)
                                  if self.options.auth == "digest"
                                  else (self.options.user, password))
        self._session.headers.update(self.options.headers)

    # -- queries ------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        dataset: Dataset | None = None,
        substitutions: Mapping[str, Term] | None = None,
        base_iri: str | None = None,
    ) -> RemoteResult:
        query_shape = shape(sparql)
        text = bind_values(sparql, query_shape, substitutions or {})  # type: ignore[arg-type]
        text = with_prefixes(text, query_shape, PREFIXES)
        if base_iri:
            text = f"BASE {ox.NamedNode(base_iri)} {text}"
        return RemoteResult(self, text, dataset, query_shape.kind)

    def _send_query(self, sparql: str, dataset: Dataset | None,
                    fmt: Format) -> tuple[Format, IO[bytes]]:
        """POST the query asking for `fmt` first; the format the store answered in and
        the open response."""
        client = SPARQLWrapper(self.query_url)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setOnlyConneg(True)  # no format=/output= parameters, only Accept
        client.setTimeout(int(self.options.timeout))
        with warnings.catch_warnings():
            # The form was checked by `shape`; SPARQLWrapper's own guess may only warn.
            warnings.simplefilter("ignore")
            client.setQuery(sparql)
        for graph in dataset.default_graphs if dataset else ():
            client.addParameter("default-graph-uri", graph)
        for graph in dataset.named_graphs if dataset else ():
            client.addParameter("named-graph-uri", graph)
        if self.options.user:
            client.setCredentials(self.options.user, self.options.password or "")
            if self.options.auth == "digest":
                client.setHTTPAuth(DIGEST)
        for name, value in self.options.headers.items():
            client.addCustomHttpHeader(name, value)
        fallbacks = _PARSEABLE_RDF if fmt.kind == "rdf" else _PARSEABLE_RESULTS
        accept = [fmt.media_type] + [f"{m};q=0.5" for m in fallbacks if m != fmt.media_type]
        client.addCustomHttpHeader("Accept", ", ".join(accept))
        try:
            response = client.query().response
        except QueryBadFormed as exc:
            raise QuerySyntaxError(f"{self.query_url} refused the query: "
                                   f"{_server_message(exc)}") from None
        except Unauthorized:
            raise self._auth_error(self.query_url) from None
        except EndPointNotFound:
            raise StoreError(f"no SPARQL endpoint at {self.query_url} (HTTP 404): check the "
                             "URL given to --store / KG_STORE") from None
        except (EndPointInternalError, URITooLong) as exc:
            raise StoreError(f"{self.query_url} failed to answer: "
                             f"{_server_message(exc)}") from None
        except SPARQLWrapperException as exc:
            raise StoreError(f"{self.query_url}: {exc}") from None
        except urllib.error.HTTPError as exc:
            if exc.code == 403:
                raise self._auth_error(self.query_url) from None
            raise StoreError(f"{self.query_url} answered HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise self._unreachable(self.query_url, exc) from None
        got = by_media_type(response.headers.get("Content-Type", ""))
        if got is None or got.kind != fmt.kind:
            got = _sniff(fmt.kind)
        return got, response

    # -- writes -------------------------------------------------------------------------

    def update(self, sparql: str, *, dataset: Dataset | None = None,
               base_iri: str | None = None) -> None:
        form: list[tuple[str, str]] = [("update", sparql)]
        if base_iri:
            form[0] = ("update", f"BASE {ox.NamedNode(base_iri)} {sparql}")
        for graph in dataset.default_graphs if dataset else ():
            form.append(("using-graph-uri", graph))
        for graph in dataset.named_graphs if dataset else ():
            form.append(("using-named-graph-uri", graph))
        self._send("POST", self.update_url, data=form, what="the update")

    def replace_graphs(
        self,
        graphs: Mapping[str, Iterable[ox.Triple]],
        *,
        drop: Callable[[str], bool] | None = None,
    ) -> None:
        """One Graph Store PUT per graph (each replaced whole), then a DELETE for every
        graph `drop` selects that is not being replaced. Not atomic across graphs: on a
        failure the graphs already sent stay replaced; the error lists them."""
        gsp = self.gsp_url
        if gsp is None:
            raise StoreError(f"no Graph Store URL for {self.query_url}: pass --gsp-url "
                             "(KG_STORE_GSP_URL) to write to this store")
        stale = [g for g in self.graph_names() if drop is not None and drop(g)
                 and g not in graphs]
        done: list[str] = []
        try:
            for name, triples in graphs.items():
                body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
                # N-Triples is Turtle, and every Graph Store implementation reads Turtle
                # (Virtuoso 7 does not know the N-Triples media type).
                self._send("PUT", gsp, params={"graph": name}, data=body,
                           headers={"Content-Type": "text/turtle; charset=utf-8"},
                           what=f"replacing graph <{name}>")
                done.append(name)
            for name in stale:
                self._send("DELETE", gsp, params={"graph": name}, ok_missing=True,
                           what=f"removing graph <{name}>")
                done.append(name)
        except StoreError as exc:
            if not done:
                raise StoreError(f"{exc.message}; nothing was changed") from None
            raise StoreError(f"{exc.message}; {len(done)} graph(s) were already replaced "
                             "and the others are unchanged: run the command again") from None

    def _send(self, method: str, url: str, *, what: str, ok_missing: bool = False,
              **kwargs: Any) -> requests.Response:
        try:
            response = self._session.request(method, url, timeout=self.options.timeout,
                                              **kwargs)
        except requests.RequestException as exc:
            raise self._unreachable(url, exc) from None
        if response.status_code in {401, 403}:
            raise self._auth_error(url)
        if response.status_code == 404 and ok_missing:
            return response
        if response.status_code == 400:
            raise QuerySyntaxError(f"{url} refused {what}: {_first_line(response.text)}")
        if response.status_code >= 300:
            raise StoreError(f"{url} failed {what} (HTTP {response.status_code}): "
                             f"{_first_line(response.text)}")
        return response

    # -- reading the whole store ----------------------------------------------------------

    def _select(self, sparql: str, **subs: Term) -> Iterator[dict[str, Term]]:
        return self.query(sparql, substitutions=subs).rows()

    def graph_names(self) -> list[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        names = {row["g"].value for row in rows if isinstance(row.get("g"), ox.NamedNode)}
        return sorted(n for n in names if not SYSTEM_GRAPHS.match(n))

    def _count(self, graph: str) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                            g=ox.NamedNode(graph))
        return sum(int(row["n"].value) for row in rows)

    def _quads(self, graph: str | None) -> Iterator[ox.Quad]:
        names = [graph] if graph is not None else self.graph_names()
        for name in names:
            expected = self._count(name)
            rows = self._select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                                g=ox.NamedNode(name))
            node = ox.NamedNode(name)
            seen = 0
            for row in rows:
                seen += 1
                yield ox.Quad(row["s"], row["p"], row["o"], node)  # type: ignore[arg-type]
            if seen < expected:
                # Stores cap answers silently (Virtuoso's ResultSetMaxRows); a dump
                # that is missing triples must not pass for a backup.
                raise StoreError(f"{self.query_url} sent {seen} of the {expected} triples "
                                 f"of <{name}>: raise the store's result row limit "
                                 "(Virtuoso: [SPARQL] ResultSetMaxRows) and dump again")

    def dump(self, output: IO[bytes], fmt: Format, *, graph: str | None = None) -> None:
        """The named graphs (or one of them). The default graph is left out: stores
        differ on what it is (Virtuoso's is the union of everything)."""
        quads = self._quads(graph)
        if fmt.is_dataset:
            ox.serialize(quads, output, format=fmt.native)
        else:
            ox.serialize((q.triple for q in quads), output,
                         format=fmt.native)

    def stats(self) -> dict[str, object]:
        names = self.graph_names()
        quads = sum(self._count(name) for name in names)
        classes: dict[str, int] = {}
        if names:
            # One query over all our graphs, so an entity typed in several graphs counts
            # once; the graph list comes from the store, as terms, never from user text.
            graphs = " ".join(str(ox.NamedNode(n)) for n in names)
            rows = self.query("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { "
                              f"VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s a ?class }} }} "
                              "GROUP BY ?class").rows()
            classes = {row["class"].value: int(row["n"].value) for row in rows}
        ordered = dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])))
        return {"store": self.description, "generation": None, "quads": quads,
                "graphs": len(names), "classes": ordered}

    def close(self) -> None:
        self._session.close()

    # -- errors -------------------------------------------------------------------------

    def _auth_error(self, url: str) -> StoreError:
        who = f"user {self.options.user!r}" if self.options.user else "no credentials"
        return StoreError(f"{url} refused access ({who}, {self.options.auth} auth): check "
                          "--user/--password/--auth (KG_STORE_USER, KG_STORE_PASSWORD, "
                          "KG_STORE_AUTH)")

    def _unreachable(self, url: str, exc: BaseException) -> StoreError:
        reason = getattr(exc, "reason", None) or exc
        if isinstance(reason, socket.timeout | TimeoutError):
            reason = f"no answer within {self.options.timeout:g} s"
        return StoreError(f"cannot reach the store at {url} ({_first_line(str(reason))}): "
                          "check that it is running and the URL (--store / KG_STORE)")


def _sniff(kind: str) -> Format:
    """A store that mislabels its answer: assume the format we asked for first."""
    fmt = by_name("json" if kind == "results" else "nt", kind)
    assert fmt is not None
    return fmt


def _server_message(exc: SPARQLWrapperException) -> str:
    # SPARQLWrapper keeps the response body only inside its message, as a bytes repr.
    text = str(exc)
    _, sep, body = text.partition("Response:\n")
    if sep:
        try:
            raw = ast.literal_eval(body.strip())
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        except (ValueError, SyntaxError):
            text = body
    return _first_line(text)


def _first_line(text: str, limit: int = 300) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = " ".join(lines[:2]) if lines else "(no message)"
    return line if len(line) <= limit else line[: limit - 1] + "…"
