"""`kg add`: one article (a text file or a saved page) joins the corpus and only its
named graph is built. Nothing is written, to the corpus or the store, unless the article
can be read and built."""

from __future__ import annotations

from pathlib import Path

from graph.annotate.corpus import AnnotationReport, annotate_articles, mode_from_env
from graph.build import (
    BuildReport,
    annotation_settings,
    article_graph,
    reference_graph,
    stamp,
)
from graph.corpus import article_from_row, read_text, slug_for
from graph.curation import load_decisions
from graph.errors import InputError
from graph.fingerprint import article_fingerprint, inputs_digest
from graph.intake import Intake, Item, prepare
from graph.iris import Minter
from graph.pages import looks_like_html
from graph.store.base import SerializedGraph, Store

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


def file_item(source: Path, *, date: str | None, title: str | None, url: str | None,
              publisher: str | None) -> Item:
    """The item a file on disk offers: a saved page by its suffix or content, else text
    (strictly UTF-8)."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise InputError(f"{source.name}: cannot read ({exc.strerror})") from exc
    is_page = source.suffix.lower() in PAGE_SUFFIXES or (
        source.suffix.lower() != ".txt" and looks_like_html(raw))
    stem = slug_for(source.name)
    item = Item(source=source.name, date=date, title=title, url=url, publisher=publisher,
                name=stem, note="added with kg add")
    if is_page:
        item.html, item.note = raw, f"text extracted from {stem}.html"
    else:
        item.text = read_text(source)
    return item


def add_file(source: Path, corpus: Path, store: Store, *, date: str | None = None,
             title: str | None = None, url: str | None = None, publisher: str | None = None,
             minter: Minter | None = None, curation: Path | None = None,
             annotator: str | None = None) -> BuildReport:
    """Add one file to the corpus and build only its named graph (and the reference
    graph); metadata given here wins over what a page says. The article is annotated
    first (`annotator`: the mode of graph.annotate.corpus)."""
    minter = minter or Minter()
    intake = Intake(corpus)
    prepared = prepare(file_item(source, date=date, title=title, url=url, publisher=publisher))
    if prepared.file in intake.listed or intake.check(prepared) != "added":
        raise InputError(f"{prepared.file} is already in {corpus}: rename the file, or edit "
                         "articles.tsv and run `kg build`")
    article = article_from_row(prepared.row, prepared.text)
    decisions = load_decisions(curation, minter.base)
    mode = mode_from_env(annotator)
    annotation_report = AnnotationReport()
    annotation = annotate_articles([article], corpus, mode=mode, report=annotation_report)[0]
    triples, counts, applied = article_graph(article, minter, decisions, annotation)
    name = minter.graph(article.slug)
    graph = SerializedGraph.of(triples, name)
    stamp(graph, name, article_fingerprint(
        article, inputs_digest(minter.base, curation, *annotation_settings(mode))),
        mode, annotation)
    store.replace_graphs({name: graph, minter.reference_graph(): reference_graph(minter)})
    intake.place(prepared)
    intake.commit()
    report = BuildReport(articles=[article.slug], triples=len(triples), curated=applied,
                         annotation=annotation_report)
    report.statements.update(counts)
    return report
