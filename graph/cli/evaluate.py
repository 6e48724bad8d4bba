"""`kg evaluate`: precision, recall and F1 of the extraction against the gold annotations."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from graph.build import build_corpus
from graph.cli.options import open_cli_store, store_option
from graph.evaluate import evaluate, load_gold, render
from graph.store import open_store


@click.command("evaluate")
@click.option("--corpus", "corpus", type=click.Path(path_type=Path), default=Path("corpus"),
              show_default=True, help="Corpus to build and score (ignored with --store).")
@click.option("--gold", "gold", type=click.Path(path_type=Path), default=Path("tests/gold"),
              show_default=True, help="Folder of gold annotations (*.toml).")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--brief", is_flag=True, help="Only the scores, not each miss.")
def evaluate_command(corpus: Path, gold: Path, store: str | None, fmt: str, brief: bool) -> None:
    """Score the extraction against hand-written gold annotations.

    Without --store, CORPUS is built into a temporary store first; with --store, the
    graphs already there are scored. Gold files for articles the store lacks are skipped.
    """
    golds = load_gold(gold)
    if store:
        evaluation = evaluate(open_cli_store(store), golds)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as tmp:
            target = open_store(str(Path(tmp) / "store"), create=True)
            build_corpus(corpus, target)
            evaluation = evaluate(target, golds)
            target.close()
    if fmt == "json":
        click.echo(json.dumps(evaluation.as_dict(), indent=2))
    else:
        click.echo(render(evaluation, details=not brief))


def register(group: click.Group) -> None:
    group.add_command(evaluate_command)
