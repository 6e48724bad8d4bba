"""`kg build` and `kg add`: run the pipeline over a corpus (or one new article) and load
the result atomically."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.build import KINDS, BuildReport, add_article, build_corpus
from graph.cli.options import open_cli_store, store_option

_corpus_option = click.option(
    "--corpus", "corpus", type=click.Path(path_type=Path), default=Path("corpus"),
    show_default=True, help="Folder with the articles and their articles.tsv.")
_annotator_option = click.option(
    "--annotator", "annotator", type=click.Choice(["auto", "require", "cached", "off"]),
    default=None, help="Linguistic annotation (Stanford CoreNLP): auto annotates what is not "
    "cached and degrades with a warning if Java is missing; require makes that an error; "
    "cached never starts Java; off skips it (default: KG_ANNOTATOR or auto).")
_curation_option = click.option(
    "--curation", "curation", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Curation decisions to apply (default: graph/curation.ttl).")


@click.command("build")
@_corpus_option
@store_option
@_curation_option
@_annotator_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def build_command(corpus: Path, store: str | None, curation: Path | None,
                  annotator: str | None, quiet: bool) -> None:
    """Build the graph from CORPUS and replace the store's article graphs with it.

    The store changes all at once: if the build fails, the previous content stays.
    Graphs that are not article graphs (uploads) are kept. An article that cannot be read
    or extracted is reported and skipped; the others are built.
    """
    target = open_cli_store(store, create=True)
    show = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int, slug: str, report: BuildReport) -> None:
        if show:
            statements = sum(report.statements[k] for k in KINDS)
            click.echo(f"\r[{done}/{total}] {statements} statements, "
                       f"{len(report.refused)} refused  {slug[:40]:<40}", err=True, nl=False)

    def annotating(done: int, total: int) -> None:
        if show:
            click.echo(f"\rannotating [{done}/{total}]", err=True, nl=False)

    report = build_corpus(corpus, target, progress=progress, curation=curation,
                          annotator=annotator, annotate_progress=annotating)
    if show:
        click.echo("", err=True)
    click.echo(report.summary())
    for refusal in report.refused:
        click.echo(f"kg: refused {refusal.file}: {refusal.reason}", err=True)


@click.command("add")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--date", "date", required=True, metavar="YYYY-MM-DD",
              help="The date the article reports (relative times resolve against it).")
@click.option("--title", default=None, help="Title (default: the file name).")
@click.option("--url", default=None, help="Where the article was published.")
@click.option("--publisher", default=None, help="Who published it.")
@_corpus_option
@store_option
@_curation_option
@_annotator_option
def add_command(file: Path, date: str, title: str | None, url: str | None,
                publisher: str | None, corpus: Path, store: str | None,
                curation: Path | None, annotator: str | None) -> None:
    """Add one article FILE to the corpus and build only its named graph.

    The file is copied into CORPUS and listed in its articles.tsv; the other articles'
    graphs are not touched. A file that is not UTF-8 is refused and nothing changes.
    """
    target = open_cli_store(store, create=True)
    report = add_article(file, corpus, target, date=date, title=title, url=url,
                         publisher=publisher, curation=curation, annotator=annotator)
    click.echo(report.summary())


def register(group: click.Group) -> None:
    group.add_command(build_command)
    group.add_command(add_command)
