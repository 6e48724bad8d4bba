"""`kg import`: a batch of articles (JSON Lines or CSV, a file or standard input) joins
the corpus, then the store is brought up to date with an incremental build."""

from __future__ import annotations

from pathlib import Path

import click

from graph.batch import FIELDS, batch_format, open_batch, parse_mapping, read_batch
from graph.build import build_corpus
from graph.cli.options import open_cli_store, store_option
from graph.cli.progress import progress_bar
from graph.corpus import Refusal
from graph.fingerprint import FileCache, cache_dir
from graph.intake import Intake
from graph.workers import default_jobs


@click.command("import")
@click.argument("batch", metavar="FILE.jsonl|FILE.csv|-")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None,
              help="Format of the batch (default: from its suffix; needed for -).")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
              help=f"Read our field OURS ({', '.join(FIELDS)}) from the batch's field THEIRS "
                   "(repeatable; dotted names reach into JSON objects: publisher=source.name).")
@click.option("--corpus", "corpus", type=click.Path(path_type=Path), default=Path("corpus"),
              show_default=True, help="Folder the articles join.")
@store_option
@click.option("--no-build", is_flag=True, help="Only add the articles to the corpus.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes extracting articles at once (default: one per core).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def import_command(batch: str, fmt: str | None, fields: tuple[str, ...], corpus: Path,
                   store: str | None, no_build: bool, jobs: int | None, quiet: bool) -> None:
    """Import a batch of articles: one JSON object per line, or one CSV row per article,
    with `text` (or `html`), `title`, `date`, `publisher` and `url`.

    Each article gets a stable file name in CORPUS (from its date and URL, or its text's
    hash) and a row in articles.tsv; importing the same items again changes nothing. An
    item that cannot be read (not JSON, no date, a date that does not parse, a page with
    no article text, a name taken by another text) is reported with its line and skipped.
    Then the articles that changed are built into the store, all at once.
    """
    mapping = parse_mapping(fields)
    kind = batch_format(batch, fmt)
    intake = Intake(corpus)
    stream = open_batch(batch)
    try:
        with progress_bar("importing", quiet=quiet) as advance:
            for n, item in enumerate(read_batch(stream, name=batch, fmt=kind, mapping=mapping),
                                     start=1):
                if isinstance(item, Refusal):
                    intake.report.refused.append(item)
                else:
                    intake.offer(item)
                advance(n, 0, item.source if not isinstance(item, Refusal) else item.file)
    finally:
        if batch != "-":
            stream.close()
    imported = intake.commit()
    line = imported.summary()
    refused = list(imported.refused)
    if not no_build:
        target = open_cli_store(store, create=True)
        with progress_bar("building", quiet=quiet) as advance:
            report = build_corpus(corpus, target, jobs=jobs or default_jobs(),
                                  cache=FileCache(cache_dir() / "sketches"),
                                  progress=lambda d, t, slug, _r: advance(d, t, slug))
        line += "; " + report.summary()
        refused += report.refused
    click.echo(line)
    for refusal in refused:
        click.echo(f"kg: refused {refusal.file}: {refusal.reason}", err=True)


def register(group: click.Group) -> None:
    group.add_command(import_command)
