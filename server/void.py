"""`/.well-known/void` (the VoID description of the dataset) and `/dumps/` (the dataset as
gzipped N-Quads and TriG, the ontology as Turtle and RDF/XML).

Statistics and dump files are derived from the store, so they are computed once per store
generation and cached (a write makes a new generation, and with it new numbers)."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, send_file

from graph.errors import NotFoundError
from graph.store.base import Store
from graph.store.formats import Format, by_name
from graph.store.statistics import CLASSES, COUNTS, PROPERTIES, WIKIDATA_LINKS
from ontology.namespaces import CKG, PREFIXES
from server.context import generation_key, settings, store
from server.negotiation import content_type, negotiate
from server.vocabulary import ontology_bytes

blueprint = Blueprint("void", __name__)
VOID = PREFIXES["void"]
DCTERMS = PREFIXES["dcterms"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
WIKIDATA = PREFIXES["wd"]
DUMPS = {
    "dataset.nq.gz": ("nq", True),
    "dataset.trig": ("trig", False),
}
ONTOLOGY_DUMPS = {"ontology.ttl": "ttl", "ontology.rdf": "rdfxml"}

# The same queries the build runs to keep a generation's statistics (graph/store/
# statistics.py): a remote store has no such file, so the server asks them itself.

_cache_lock = threading.Lock()
_void_cache: dict[str, dict[str, object]] = {}


def _count(st: Store, query: str, **bind: ox.Literal) -> int:
    for row in st.query(query, substitutions=bind or None).rows():
        return int(row["n"].value)
    return 0


def statistics(st: Store, base: str) -> dict[str, object]:
    """Counts for VoID over the union default graph (what queries see)."""
    space = ox.Literal(base + "id/")
    return {
        "triples": _count(st, COUNTS["triples"]),
        "entities": _count(st, COUNTS["entities"], space=space),
        "distinctSubjects": _count(st, COUNTS["distinctSubjects"]),
        "distinctObjects": _count(st, COUNTS["distinctObjects"]),
        "classes": [(r["c"].value, int(r["n"].value)) for r in st.query(CLASSES).rows()
                    if isinstance(r["c"], ox.NamedNode)],
        "properties": [(r["p"].value, int(r["n"].value)) for r in st.query(PROPERTIES).rows()],
        "wikidata": [(r["p"].value, int(r["n"].value)) for r in st.query(
            WIKIDATA_LINKS, substitutions={"wd": ox.Literal(WIKIDATA)}).rows()],
    }


def _cached_statistics() -> dict[str, object]:
    key = generation_key()
    with _cache_lock:
        if key in _void_cache and key != "remote":
            return _void_cache[key]
    st = store()
    kept = getattr(st, "precomputed_statistics", None)
    # Written with the generation (graph.store.statistics); computed here for a remote
    # store or a generation written before they were kept.
    stats = (kept(settings().base_iri) if kept else None) or statistics(
        st, settings().base_iri)
    with _cache_lock:
        _void_cache.clear()
        _void_cache[key] = stats
    return stats


def void_triples(root: str, base: str, license_iri: str,
                 stats: dict[str, object]) -> list[ox.Triple]:
    """The VoID graph; `root` is this server's public URL (endpoint and dumps live there)."""
    def v(name: str) -> ox.NamedNode:
        return ox.NamedNode(VOID + name)

    def integer(n: object) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))

    dataset = ox.NamedNode(root + ".well-known/void#dataset")
    out = [
        ox.Triple(dataset, RDF_TYPE, v("Dataset")),
        ox.Triple(dataset, ox.NamedNode(DCTERMS + "title"),
                  ox.Literal("conflict-kg: a knowledge graph of armed conflict from news",
                             language="en")),
        ox.Triple(dataset, ox.NamedNode(DCTERMS + "license"), ox.NamedNode(license_iri)),
        ox.Triple(dataset, v("sparqlEndpoint"), ox.NamedNode(root + "sparql")),
        ox.Triple(dataset, v("uriSpace"), ox.Literal(base + "id/")),
        ox.Triple(dataset, v("vocabulary"), ox.NamedNode(CKG.rstrip("#"))),
    ]
    for name in (*DUMPS, *ONTOLOGY_DUMPS):
        out.append(ox.Triple(dataset, v("dataDump"), ox.NamedNode(root + "dumps/" + name)))
    for key in ("triples", "entities", "distinctSubjects", "distinctObjects"):
        out.append(ox.Triple(dataset, v(key), integer(stats[key])))
    classes = stats["classes"]
    properties = stats["properties"]
    assert isinstance(classes, list) and isinstance(properties, list)
    out.append(ox.Triple(dataset, v("classes"), integer(len(classes))))
    out.append(ox.Triple(dataset, v("properties"), integer(len(properties))))
    for iri, n in classes:
        part = ox.BlankNode()
        out += [ox.Triple(dataset, v("classPartition"), part),
                ox.Triple(part, v("class"), ox.NamedNode(iri)),
                ox.Triple(part, v("entities"), integer(n))]
    for iri, n in properties:
        part = ox.BlankNode()
        out += [ox.Triple(dataset, v("propertyPartition"), part),
                ox.Triple(part, v("property"), ox.NamedNode(iri)),
                ox.Triple(part, v("triples"), integer(n))]
    wikidata = ox.NamedNode("http://www.wikidata.org/")
    links = stats["wikidata"]
    assert isinstance(links, list)
    for iri, n in links:
        linkset = ox.BlankNode()
        out += [ox.Triple(dataset, v("subset"), linkset),
                ox.Triple(linkset, RDF_TYPE, v("Linkset")),
                ox.Triple(linkset, v("subjectsTarget"), dataset),
                ox.Triple(linkset, v("objectsTarget"), wikidata),
                ox.Triple(linkset, v("linkPredicate"), ox.NamedNode(iri)),
                ox.Triple(linkset, v("triples"), integer(n))]
    return out


@blueprint.route("/.well-known/void")
def void() -> Response:
    chosen = negotiate(request, "rdf")
    assert isinstance(chosen, Format)
    conf = settings()
    triples = void_triples(request.url_root, conf.base_iri, conf.license, _cached_statistics())
    out = io.BytesIO()
    assert isinstance(chosen.native, ox.RdfFormat)
    prefixes = ({"void": VOID, "dcterms": DCTERMS, "xsd": PREFIXES["xsd"]}
                if chosen.native in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None)
    ox.serialize(triples, out, format=chosen.native, prefixes=prefixes)
    response = Response(out.getvalue(), content_type=content_type(chosen))
    response.headers["Vary"] = "Accept"
    return response


def _dump_dir() -> Path:
    path = Path(tempfile.gettempdir()) / f"conflict-kg-dumps-{os.getuid()}-{os.getpid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


_dump_lock = threading.Lock()


def _dataset_dump(name: str) -> Path:
    """The dump file for the live generation, written on first request."""
    fmt_name, gzipped = DUMPS[name]
    fmt = by_name(fmt_name, "rdf")
    assert fmt is not None
    key = generation_key()
    folder = _dump_dir() / key
    path = folder / name
    with _dump_lock:
        if key == "remote" or not path.is_file():
            for old in _dump_dir().iterdir():
                if old.name != key:
                    shutil.rmtree(old, ignore_errors=True)
            folder.mkdir(exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with open(tmp, "wb") as raw:
                if gzipped:
                    with gzip.GzipFile(filename=name[:-3], mode="wb", fileobj=raw,
                                       mtime=0) as zipped:
                        store().dump(zipped, fmt)  # type: ignore[arg-type]  # a binary file
                else:
                    store().dump(raw, fmt)
            os.replace(tmp, path)
    return path


@blueprint.route("/dumps/")
def dumps_index() -> Response:
    html = render_template("dumps.html", dataset=list(DUMPS), ontology=list(ONTOLOGY_DUMPS),
                           license=settings().license)
    return Response(html, content_type="text/html; charset=utf-8")


@blueprint.route("/dumps/<name>")
def dump(name: str) -> Response:
    if name in DUMPS:
        fmt = by_name(DUMPS[name][0], "rdf")
        assert fmt is not None
        mimetype = "application/gzip" if DUMPS[name][1] else content_type(fmt)
        return send_file(_dataset_dump(name), mimetype=mimetype, as_attachment=False,
                         download_name=name, conditional=True, etag=True)
    if name in ONTOLOGY_DUMPS:
        fmt = by_name(ONTOLOGY_DUMPS[name], "rdf")
        assert fmt is not None
        return Response(ontology_bytes(fmt), content_type=content_type(fmt))
    raise NotFoundError(f"no dump {name}; offered: " + ", ".join([*DUMPS, *ONTOLOGY_DUMPS]))
