"""The build: corpus -> one named graph per article -> the store, atomically.

Each article graph holds the document layer (article, sentences), what the extractor
found (graph/extract/), the reference-base description of every entity the article
mentions (labels, aliases, Wikidata links), and the maintainers' curation decisions that
concern it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph import incremental
from graph.annotate.corpus import AnnotationReport, annotate_articles, mode_from_env
from graph.annotate.settings import fingerprint as annotator_fingerprint
from graph.annotate.types import Annotation
from graph.corpus import Article, Refusal, load_corpus
from graph.curation import Decision, apply_decisions, load_decisions
from graph.dedup import duplicates_graph, find_duplicates
from graph.doclayer import document_triples
from graph.document import segment
from graph.errors import InputError
from graph.extract.kb import load_kb
from graph.extract.pipeline import extract_article
from graph.extract.rules import get_rules
from graph.fingerprint import FileCache
from graph.intake import ingest_pages
from graph.iris import DUPLICATES_SLUG, Minter
from graph.rdf import TripleSink
from graph.store.base import SerializedGraph, Store
from graph.workers import build_all

# statement kinds shown in the summary, in this order
KINDS = ("entity", "event", "claim", "casualty", "relation", "office", "time")


@dataclass
class BuildReport:
    articles: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    triples: int = 0
    statements: Counter[str] = field(default_factory=Counter)
    curated: int = 0
    annotation: AnnotationReport = field(default_factory=AnnotationReport)
    unchanged: int = 0  # articles whose graph was current and kept as it is
    duplicates: int = 0

    def summary(self) -> str:
        kinds = ", ".join(f"{self.statements[k]} {k}" for k in KINDS if self.statements[k])
        line = f"built {len(self.articles)} article(s), {self.triples} triples"
        if kinds:
            line += f" ({kinds})"
        if self.unchanged:
            line += f"; {self.unchanged} unchanged article(s) kept"
        if self.duplicates:
            line += f"; {self.duplicates} near-duplicate(s) of another article"
        if self.curated:
            line += f"; {self.curated} curation decision(s) applied"
        if self.annotation.degraded:
            line += (f"; {self.annotation.degraded} without annotation "
                     "(rule layer alone)")
        if self.refused:
            line += f"; refused {len(self.refused)}: " + "; ".join(
                f"{r.file}: {r.reason}" for r in self.refused)
        return line


def reference_graph(minter: Minter) -> list[ox.Triple]:
    """The reference knowledge base as its own named graph: curated by maintainers, not
    said by any article, so it stays out of the article graphs (which hold what each
    article says about an entity, with its type and label)."""
    graph = minter.reference_graph()
    sink = TripleSink()
    sink.add(graph, "rdf:type", "prov:Entity")
    sink.add(graph, "rdfs:label", "Reference knowledge base (curated)", lang="en")
    sink.add(graph, "dcterms:description",
             "States, alliances, bases, officials, bodies and places with their labels, "
             "aliases, demonyms and verified Wikidata links, as maintainers keep them in "
             "graph/kb/*.ttl.", lang="en")
    return list(sink) + load_kb(minter.base).triples


def article_graph(article: Article, minter: Minter, decisions: list[Decision] | None = None,
                  annotation: Annotation | None = None
                  ) -> tuple[list[ox.Triple], Counter[str], int]:
    """All triples of one article's named graph, counts of what was extracted, and how
    many curation decisions applied. `annotation` is the article's linguistic annotation
    (graph/annotate), or None to run the rule layer alone."""
    sink = TripleSink()
    sentences = segment(article)
    document_triples(article, sentences, minter, sink)
    counts: Counter[str] = Counter(sentences=len(sentences))
    counts.update(extract_article(article, sentences, minter, sink, annotation=annotation))
    triples = list(sink)  # without duplicates already: only a decision may add one
    applied = 0
    if decisions:
        triples, applied = apply_decisions(triples, decisions, minter.article(article.slug))
    return (list(dict.fromkeys(triples)) if applied else triples), counts, applied


ProgressFn = Callable[[int, int, str, "BuildReport"], None]
AnnotateProgressFn = Callable[[int, int], None]


def annotation_settings(mode: str) -> tuple[str, ...]:
    """What of the annotator decides an article's graph: whether it runs, and its version
    and settings (a change of either re-extracts the corpus). "cached" (never start Java)
    is a setting of its own, so a later build that may annotate extracts again what a
    cached-only build had to build without its annotation."""
    if mode == "off":
        return ("annotator", "off")
    return ("annotator", "cached" if mode == "cached" else "run", annotator_fingerprint())


def stamp(graph: SerializedGraph, name: str, fingerprint: str, mode: str,
          annotation: Annotation | None) -> None:
    """Append its build fingerprint (graph/incremental.py) to an article's graph. One
    built without the annotation its build meant to make gets a fingerprint no build
    computes, so the next build annotates and extracts it again (a cached-only build
    asked for no more)."""
    if annotation is None and mode in {"auto", "require"}:
        fingerprint += "-degraded"
    graph.data += incremental.fingerprint_line(name, fingerprint)
    graph.count += 1


def build_corpus(corpus: Path, store: Store, *, minter: Minter | None = None,
                 progress: ProgressFn | None = None,
                 curation: Path | None = None, jobs: int = 1, full: bool = False,
                 cache: FileCache | None = None, annotator: str | None = None,
                 annotate_progress: AnnotateProgressFn | None = None) -> BuildReport:
    """Build the articles of `corpus` that changed since the store's last build (all of
    them with `full`), on `jobs` processes, and replace the store's article graphs with
    the result, all at once. Graphs that are not article graphs (uploads) are kept.

    The articles to extract are annotated first, all in one batch (cache, then the
    fixtures in `corpus/annotations/`, then the CoreNLP worker); `annotator` is the mode
    of graph.annotate.corpus (auto, require, cached, off; default KG_ANNOTATOR or auto).
    The annotator's mode and settings are part of every article's fingerprint, and an
    article built without its annotation (degraded) is extracted again next time."""
    minter = minter or Minter()
    decisions = load_decisions(curation, minter.base)
    page_refusals = ingest_pages(corpus)  # saved pages in the folder become text files
    articles, refusals = load_corpus(corpus)
    report = BuildReport(refused=page_refusals + list(refusals))
    mode = mode_from_env(annotator)
    todo = incremental.plan(articles, store, minter, curation, full=full,
                            settings=annotation_settings(mode))
    report.unchanged = len(todo.kept)
    annotations = dict(zip((a.slug for a in todo.todo),
                           annotate_articles(todo.todo, corpus, mode=mode,
                                             progress=annotate_progress,
                                             report=report.annotation), strict=True))
    graphs: dict[str, Iterable[ox.Triple]] = {}
    sketches: dict[str, tuple[int, ...]] = {}
    done: list[Article] = list(todo.kept)
    by_slug = {a.slug: a for a in todo.todo}

    def warm() -> None:  # loaded before the workers fork, so each starts with them
        load_kb(minter.base)
        get_rules()

    for i, built in enumerate(build_all(todo.todo, minter, decisions, jobs=jobs, warm=warm,
                                        annotations=annotations), start=1):
        article = by_slug[built.slug]
        if built.graph is None:
            report.refused.append(Refusal(article.file, built.error or "extraction failed"))
        else:
            name = minter.graph(article.slug)
            report.triples += len(built.graph)  # what the article says, not the stamp
            stamp(built.graph, name, todo.fingerprints[built.slug], mode,
                  annotations.get(built.slug))
            graphs[name] = built.graph
            report.articles.append(article.slug)
            report.statements.update(built.counts)
            report.curated += built.applied
            done.append(article)
            if built.sketch is not None:
                sketches[article.slug] = built.sketch
        if progress:
            progress(i, len(todo.todo), article.slug, report)
    if not graphs and not todo.kept and report.refused:
        raise InputError("no article could be built, the store is unchanged: "
                         + "; ".join(f"{r.file}: {r.reason}" for r in report.refused))
    graphs[minter.reference_graph()] = reference_graph(minter)
    duplicates = find_duplicates(done, incremental.sketches(done, cache, sketches))
    report.duplicates = len(duplicates)
    if duplicates:  # else the graph is dropped with the other stale ones
        graphs[minter.graph(DUPLICATES_SLUG)] = duplicates_graph(duplicates, minter)
    keep = {minter.graph(a.slug) for a in todo.kept}
    if not report.articles and {g for g in store.graph_names() if minter.is_article_graph(g)
                                } == keep | set(graphs):
        return report  # nothing changed: the store is left as it is, not rewritten
    store.replace_graphs(graphs, drop=lambda g: minter.is_article_graph(g) and g not in keep)
    return report
