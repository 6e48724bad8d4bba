"""The build: corpus -> one named graph per article -> the store, atomically.

Each article graph holds the document layer (article, sentences), what the extractor
found (graph/extract/), the reference-base description of every entity the article
mentions (labels, aliases, Wikidata links), and the maintainers' curation decisions that
concern it."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.annotate.corpus import AnnotationReport, annotate_articles
from graph.annotate.types import Annotation
from graph.corpus import (
    TSV_COLUMNS,
    Article,
    Refusal,
    article_url,
    load_corpus,
    parse_date,
    read_text,
    slug_for,
)
from graph.curation import Decision, apply_decisions, load_decisions
from graph.doclayer import document_triples
from graph.document import segment
from graph.errors import InputError
from graph.extract.kb import load_kb
from graph.extract.pipeline import extract_article
from graph.iris import REFERENCE_SLUG, Minter
from graph.rdf import TripleSink
from graph.store.base import Store

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

    def summary(self) -> str:
        kinds = ", ".join(f"{self.statements[k]} {k}" for k in KINDS if self.statements[k])
        line = f"built {len(self.articles)} article(s), {self.triples} triples"
        if kinds:
            line += f" ({kinds})"
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
    triples = list(sink)
    applied = 0
    if decisions:
        triples, applied = apply_decisions(triples, decisions, minter.article(article.slug))
    return list(dict.fromkeys(triples)), counts, applied


ProgressFn = Callable[[int, int, str, "BuildReport"], None]
AnnotateProgressFn = Callable[[int, int], None]


def build_corpus(corpus: Path, store: Store, *, minter: Minter | None = None,
                 progress: ProgressFn | None = None,
                 curation: Path | None = None, annotator: str | None = None,
                 annotate_progress: AnnotateProgressFn | None = None) -> BuildReport:
    """Build every article of `corpus` and replace the store's article graphs with them,
    all at once. Graphs that are not article graphs (uploads) are kept.

    Articles are annotated first, all in one batch (cache, then the fixtures in
    `corpus/annotations/`, then the CoreNLP worker); `annotator` is the mode of
    graph.annotate.corpus (auto, require, cached, off; default KG_ANNOTATOR or auto)."""
    minter = minter or Minter()
    decisions = load_decisions(curation, minter.base)
    articles, refusals = load_corpus(corpus)
    report = BuildReport(refused=list(refusals))
    annotations = annotate_articles(articles, corpus, mode=annotator,
                                    progress=annotate_progress, report=report.annotation)
    graphs: dict[str, list[ox.Triple]] = {}
    for i, (article, annotation) in enumerate(zip(articles, annotations, strict=True),
                                              start=1):
        try:
            triples, counts, applied = article_graph(article, minter, decisions, annotation)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            report.refused.append(Refusal(article.file, f"extraction failed: {exc!r}"))
            if progress:
                progress(i, len(articles), article.slug, report)
            continue
        graphs[minter.graph(article.slug)] = triples
        report.articles.append(article.slug)
        report.triples += len(triples)
        report.statements.update(counts)
        report.curated += applied
        if progress:
            progress(i, len(articles), article.slug, report)
    if not graphs and report.refused:
        raise InputError("no article could be built, the store is unchanged: "
                         + "; ".join(f"{r.file}: {r.reason}" for r in report.refused))
    graphs[minter.reference_graph()] = reference_graph(minter)
    store.replace_graphs(graphs, drop=minter.is_article_graph)
    return report


def add_article(source: Path, corpus: Path, store: Store, *, date: str, title: str | None = None,
                url: str | None = None, publisher: str | None = None,
                minter: Minter | None = None, curation: Path | None = None,
                annotator: str | None = None) -> BuildReport:
    """Copy one article into the corpus, list it in articles.tsv, and rebuild only its
    named graph. Nothing is written if the article cannot be read or built (the
    annotator's mode as for build_corpus)."""
    minter = minter or Minter()
    reported = parse_date(date, what=source.name)
    text = read_text(source)  # refuses non-UTF-8 before anything is copied
    index = corpus / "articles.tsv"
    if not corpus.is_dir():
        raise InputError(f"no corpus folder at {corpus}: create it or pass --corpus")
    name = source.name
    slug = slug_for(name)
    if slug == REFERENCE_SLUG:
        raise InputError(f"{name}: the name {REFERENCE_SLUG} is reserved for the reference "
                         "knowledge base's graph; rename the file")
    existing = [line.split("\t", 1)[0] for line in
                index.read_text(encoding="utf-8").splitlines()[1:]] if index.is_file() else []
    target = corpus / name
    if name in existing or (target.exists() and target.resolve() != source.resolve()):
        raise InputError(f"{name} is already in {corpus}: rename the file, or edit "
                         "articles.tsv and run `kg build`")
    article = Article(slug=slug, file=name, title=(title or slug).strip(), reported_date=reported,
                      text=text, publisher=publisher, url=article_url(url, what=name))
    decisions = load_decisions(curation, minter.base)
    annotation_report = AnnotationReport()
    annotation = annotate_articles([article], corpus, mode=annotator,
                                   report=annotation_report)[0]
    triples, counts, applied = article_graph(article, minter, decisions, annotation)
    store.replace_graphs({minter.graph(slug): triples,
                          minter.reference_graph(): reference_graph(minter)})
    if target.resolve() != source.resolve():
        shutil.copyfile(source, target)
    _append_row(index, article)
    report = BuildReport(articles=[slug], triples=len(triples), curated=applied,
                         annotation=annotation_report)
    report.statements.update(counts)
    return report


def _clean_cell(value: str | None) -> str:
    return " ".join((value or "").split())


def _append_row(index: Path, article: Article) -> None:
    if not index.is_file():
        index.write_text("\t".join(TSV_COLUMNS) + "\n", encoding="utf-8")
    content = index.read_text(encoding="utf-8")
    row = [article.file, _clean_cell(article.title), article.reported_date.isoformat(),
           _clean_cell(article.publisher) or "unknown", _clean_cell(article.url) or "unknown",
           "added with kg add"]
    with open(index, "a", encoding="utf-8") as handle:
        if content and not content.endswith("\n"):
            handle.write("\n")
        handle.write("\t".join(row) + "\n")
