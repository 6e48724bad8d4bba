"""`kg build`: run the pipeline over a corpus and load the result atomically."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.build import build_corpus
from graph.cli.options import store_option
from graph.store import open_store


@click.command("build")
@click.option("--corpus", "corpus", type=click.Path(path_type=Path), default=Path("corpus"),
              show_default=True, help="Folder with the articles and their articles.tsv.")
@store_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def build_command(corpus: Path, store: str | None, quiet: bool) -> None:
    """Build the graph from CORPUS and replace the store's article graphs with it.

    The store changes all at once: if the build fails, the previous content stays.
    Graphs that are not article graphs (uploads) are kept.
    """
    target = open_store(store, create=True)
    show = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int, slug: str) -> None:
        if show:
            click.echo(f"\r[{done}/{total}] {slug[:60]:<60}", err=True, nl=False)

    report = build_corpus(corpus, target, progress=progress)
    if show:
        click.echo("", err=True)
    click.echo(report.summary())
    if report.refused:
        for refusal in report.refused:
            click.echo(f"kg: refused {refusal.file}: {refusal.reason}", err=True)


def register(group: click.Group) -> None:
    group.add_command(build_command)
