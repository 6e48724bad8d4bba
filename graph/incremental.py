"""Incremental builds: which articles must be extracted again.

Every article graph carries the fingerprint of what made it (`<graph>
ckg:buildFingerprint "..."`, graph/fingerprint.py): the article's text and metadata, the
code, rules, reference base, curation and base IRI. A build reads the fingerprints the
store holds and extracts only the articles whose fingerprint differs or that the store
lacks; the others keep their graph as it is. Keeping the fingerprint inside the graph it
describes means it is replaced with the graph, all at once, on any store (embedded or
remote), and a build into another store starts from what that store holds."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from graph.corpus import Article
from graph.dedup import SHINGLE, SKETCH, sketch
from graph.fingerprint import FileCache, article_fingerprint, content_hash, inputs_digest, key
from graph.iris import Minter
from graph.store.base import Store
from ontology.namespaces import PREFIXES

FINGERPRINT = PREFIXES["ckg"] + "buildFingerprint"


@dataclass
class Plan:
    todo: list[Article] = field(default_factory=list)
    kept: list[Article] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)  # slug -> fingerprint


def stored_fingerprints(store: Store) -> dict[str, str]:
    """Graph name -> the fingerprint its graph was built with."""
    rows = store.query("SELECT ?g ?f WHERE { GRAPH ?g { ?g ckg:buildFingerprint ?f } }").rows()
    return {row["g"].value: row["f"].value for row in rows if "g" in row and "f" in row}


def plan(articles: list[Article], store: Store, minter: Minter, curation: Path | None, *,
         full: bool = False, settings: tuple[object, ...] = ()) -> Plan:
    """Split the corpus into articles to extract and articles whose graph is current;
    `settings` are what else decides a graph (the annotator's)."""
    inputs = inputs_digest(minter.base, curation, *settings)
    stored = {} if full else stored_fingerprints(store)
    result = Plan()
    for article in articles:
        fp = article_fingerprint(article, inputs)
        result.fingerprints[article.slug] = fp
        if stored.get(minter.graph(article.slug)) == fp:
            result.kept.append(article)
        else:
            result.todo.append(article)
    return result


def fingerprint_line(graph: str, fingerprint: str) -> bytes:
    """The fingerprint triple as an N-Quad in the graph it describes, appended to it."""
    return f'<{graph}> <{FINGERPRINT}> "{fingerprint}" <{graph}> .\n'.encode("ascii")


def sketches(articles: list[Article], cache: FileCache | None,
             known: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """The near-duplicate sketch of every article: those just computed (`known`), else
    from the cache (keyed by the text's hash), else computed and cached."""
    result: dict[str, tuple[int, ...]] = {}
    for article in articles:
        name = key("dedup-sketch", content_hash(article.text), SHINGLE, SKETCH)
        value = known.get(article.slug)
        new = value is not None
        if value is None and cache is not None:
            raw = cache.get(name)
            value = tuple(int(x) for x in raw.split()) if raw is not None else None
        if value is None:
            value, new = sketch(article.text), True
        if new and cache is not None:
            _put(cache, name, value)
        result[article.slug] = value
    return result


def _put(cache: FileCache, name: str, value: tuple[int, ...]) -> None:
    with suppress(OSError):  # a cache that cannot be written only costs time
        cache.put(name, " ".join(map(str, value)).encode("ascii"))
