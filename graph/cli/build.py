"""`kg build` and `kg add`: run the pipeline over a corpus (or one new article) and load
the result atomically."""

from __future__ import annotations

from pathlib import Path

import click

from graph.add import add_file
from graph.build import build_corpus
from graph.cli.options import open_cli_store, store_option
from graph.cli.progress import progress_bar
from graph.fingerprint import FileCache, cache_dir
from graph.workers import default_jobs

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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes extracting articles at once (default: one per core).")
@click.option("--full", is_flag=True,
              help="Extract every article again, not only those that changed.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def build_command(corpus: Path, store: str | None, curation: Path | None,
                  annotator: str | None, jobs: int | None, full: bool, quiet: bool) -> None:
    """Build the graph from CORPUS and replace the store's article graphs with it.

    Only articles whose text or metadata, or the rules, reference base, curation or code,
    changed since the store's last build are extracted again (--full: all). Saved pages
    (*.html) in CORPUS are read first: their text is written beside them and listed in
    articles.tsv. The store changes all at once: if the build fails, the previous content
    stays. Graphs that are not article graphs (uploads) are kept. An article that cannot
    be read or extracted is reported and skipped; the others are built.
    """
    target = open_cli_store(store, create=True)
    with progress_bar("building", quiet=quiet) as advance:
        report = build_corpus(corpus, target, curation=curation, jobs=jobs or default_jobs(),
                              full=full, cache=FileCache(cache_dir() / "sketches"),
                              annotator=annotator,
                              annotate_progress=lambda done, total: advance(
                                  done, total, "annotating"),
                              progress=lambda done, total, slug, _r: advance(done, total, slug))
    click.echo(report.summary())
    for refusal in report.refused:
        click.echo(f"kg: refused {refusal.file}: {refusal.reason}", err=True)


@click.command("add")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="The date the article reports (relative times resolve against it); "
                   "a saved page's own publication date is used without it.")
@click.option("--title", default=None, help="Title (default: the page's, else the file name).")
@click.option("--url", default=None, help="Where the article was published (default: the "
                                          "page's canonical URL).")
@click.option("--publisher", default=None, help="Who published it (default: the page's site).")
@_corpus_option
@store_option
@_curation_option
@_annotator_option
def add_command(file: Path, date: str | None, title: str | None, url: str | None,
                publisher: str | None, corpus: Path, store: str | None,
                curation: Path | None, annotator: str | None) -> None:
    """Add one article FILE (text, or a saved web page .html) to the corpus and build only
    its named graph.

    A page's main text, title, date, outlet and canonical URL are read from it (menus,
    related stories, comments left out); options given here win. The text is written into
    CORPUS (a page is kept beside it) and listed in its articles.tsv; the other articles'
    graphs are not touched. A file that cannot be read is refused and nothing changes.
    """
    target = open_cli_store(store, create=True)
    report = add_file(file, corpus, target, date=date, title=title, url=url,
                      publisher=publisher, curation=curation, annotator=annotator)
    click.echo(report.summary())


def register(group: click.Group) -> None:
    group.add_command(build_command)
    group.add_command(add_command)
