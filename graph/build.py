"""The build: corpus -> one named graph per article -> the store, atomically."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.corpus import Article, Refusal, load_corpus
from graph.doclayer import document_triples
from graph.document import segment
from graph.errors import InputError
from graph.iris import Minter
from graph.rdf import TripleSink
from graph.store.base import Store


@dataclass
class BuildReport:
    articles: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    triples: int = 0
    statements: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.statements.items()))
        line = f"built {len(self.articles)} article(s), {self.triples} triples"
        if kinds:
            line += f" ({kinds})"
        if self.refused:
            line += f"; refused {len(self.refused)}: " + "; ".join(
                f"{r.file}: {r.reason}" for r in self.refused)
        return line


def article_graph(article: Article, minter: Minter) -> tuple[TripleSink, Counter[str]]:
    """All triples of one article's named graph, and counts of what was extracted."""
    sink = TripleSink()
    sentences = segment(article)
    document_triples(article, sentences, minter, sink)
    counts: Counter[str] = Counter(sentences=len(sentences))
    return sink, counts


def build_corpus(corpus: Path, store: Store, *, minter: Minter | None = None,
                 progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Build every article of `corpus` and replace the store's article graphs with them,
    all at once. Graphs that are not article graphs (uploads) are kept."""
    minter = minter or Minter()
    articles, refusals = load_corpus(corpus)
    report = BuildReport(refused=list(refusals))
    graphs: dict[str, list[ox.Triple]] = {}
    for i, article in enumerate(articles, start=1):
        try:
            sink, counts = article_graph(article, minter)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            report.refused.append(Refusal(article.file, f"extraction failed: {exc!r}"))
            continue
        graphs[minter.graph(article.slug)] = list(sink)
        report.articles.append(article.slug)
        report.triples += len(sink)
        report.statements.update(counts)
        if progress:
            progress(i, len(articles), article.slug)
    if not graphs and report.refused:
        raise InputError("no article could be built, the store is unchanged: "
                         + "; ".join(f"{r.file}: {r.reason}" for r in report.refused))
    store.replace_graphs(graphs, drop=minter.is_article_graph)
    return report
