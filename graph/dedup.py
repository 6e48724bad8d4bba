"""Near-duplicate articles: the same wire story published by several outlets.

Each text is cut into overlapping runs of five words (shingles), hashed (CRC-32, the same
on every machine and run); the 128 smallest hashes are the text's sketch. Two texts
whose sketches agree on most of the smallest hashes of their union share most of their
shingles: the estimated Jaccard similarity. Candidate pairs are those sharing one of
their 8 smallest hashes, so the work grows with the corpus, not with its square.

Pairs at or above `THRESHOLD` are joined into groups; in each group the first article
(earliest reported date, then name) is the original, and every other one is recorded as
`ckg:duplicateOf` it in the build's own named graph (not in the article graphs, which
hold only what each article says and do not change when another article arrives).
Corroboration queries count a group once."""

from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from graph.corpus import Article
from graph.iris import DUPLICATES_SLUG, Minter
from graph.rdf import TripleSink

SHINGLE = 5
SKETCH = 128
ANCHORS = 8
# Wire copy reprinted with another headline, a dropped closing paragraph or an outlet's
# own tagline stays above 0.6; two reports of the same event written apart share short
# phrases, not runs of five words, and stay far below.
THRESHOLD = 0.6
# Shingles in the anchors of more texts than this are a template ("said in a statement
# on"), not evidence: their bucket is skipped rather than compared pair by pair, which
# bounds the work at MAX_BUCKET² / 2 comparisons per bucket. Real wire copy is reprinted
# by tens of outlets; a larger group is still found through its other anchors.
MAX_BUCKET = 100

_WORD = re.compile(r"\w+")


def sketch(text: str) -> tuple[int, ...]:
    """The smallest shingle hashes of a text, sorted."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = {zlib.crc32(s.encode("utf-8", "surrogatepass")) for s in shingles}
    return tuple(heapq.nsmallest(SKETCH, hashes))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two texts behind the sketches."""
    return _similarity(frozenset(a), frozenset(b))


def _similarity(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH, a | b)
    return sum(1 for h in union if h in a and h in b) / len(union)


@dataclass(frozen=True)
class Duplicate:
    copy: str  # slug
    original: str  # slug
    similarity: float


def find_duplicates(articles: Iterable[Article],
                    sketches: dict[str, tuple[int, ...]] | None = None) -> list[Duplicate]:
    """Every article that is a near-copy of an earlier one, with the group's original."""
    order = sorted(articles, key=lambda a: (a.reported_date, a.slug))
    rank = {a.slug: i for i, a in enumerate(order)}
    sk = sketches if sketches is not None else {a.slug: sketch(a.text) for a in order}
    buckets: dict[int, list[str]] = defaultdict(list)
    for a in order:
        for h in sk[a.slug][:ANCHORS]:
            buckets[h].append(a.slug)
    parent = {a.slug: a.slug for a in order}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    best: dict[str, float] = {}
    checked: set[tuple[str, str]] = set()
    sets = {slug: frozenset(value) for slug, value in sk.items()}
    for members in buckets.values():
        if len(members) < 2 or len(members) > MAX_BUCKET:
            continue
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                pair = (x, y) if rank[x] < rank[y] else (y, x)
                if pair in checked or (root(x) == root(y) and x in best and y in best):
                    continue  # already grouped: no need to know how similar
                checked.add(pair)
                score = _similarity(sets[x], sets[y])
                if score >= THRESHOLD:
                    rx, ry = root(x), root(y)
                    if rx != ry:
                        first, second = (rx, ry) if rank[rx] < rank[ry] else (ry, rx)
                        parent[second] = first
                    for slug in pair:
                        best[slug] = max(best.get(slug, 0.0), score)
    return [Duplicate(a.slug, root(a.slug), round(best[a.slug], 2)) for a in order
            if root(a.slug) != a.slug]


def duplicates_graph(duplicates: list[Duplicate], minter: Minter) -> list[ox.Triple]:
    """The build's record of near-duplicates: `copy ckg:duplicateOf original`."""
    sink = TripleSink()
    graph = minter.graph(DUPLICATES_SLUG)
    sink.add(graph, "rdf:type", "prov:Entity")
    sink.add(graph, "rdfs:label", "Near-duplicate articles (found by the build)", lang="en")
    sink.add(graph, "dcterms:description",
             "Articles whose text is a near-copy of an earlier article (wire copy "
             "syndicated by several outlets), estimated Jaccard similarity of five-word "
             f"shingles at least {THRESHOLD}.", lang="en")
    for dup in duplicates:
        sink.link(minter.article(dup.copy), "ckg:duplicateOf", minter.article(dup.original))
    return list(sink)
