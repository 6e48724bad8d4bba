"""`kg evaluate`: precision, recall and F1 of the extraction against the gold annotations."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from graph.build import build_corpus
from graph.cli.options import open_cli_store, store_option
from graph.corpus import read_metadata, slug_for
from graph.errors import InputError
from graph.evaluate import Evaluation, evaluate, load_gold, render
from graph.store import open_store

GOLD_ROOT = Path("tests/gold")


def default_gold(corpus: Path) -> Path:
    """The gold of the corpus's split: tests/gold/<name>/ for an article folder named like
    a split (tests/articles/dev -> tests/gold/dev), else tests/gold/ (the corpus's gold)."""
    split = GOLD_ROOT / corpus.name
    return split if corpus.name and split.is_dir() else GOLD_ROOT


def _build_reasons(corpus: Path, golds: list[dict], refused: dict[str, str]) -> dict[str, str]:
    """Why each gold article may be missing from a build of `corpus`, by slug."""
    listed = {slug_for((row.get("file") or "").strip()) for row in read_metadata(corpus)}
    reasons = {slug_for(file): f"{file}: {reason}" for file, reason in refused.items()}
    for gold in golds:
        slug = slug_for(gold["article"])
        if slug not in listed and slug not in reasons:
            reasons[slug] = (f"{gold['article']} is not listed in {corpus / 'articles.tsv'} "
                             "(wrong --corpus or --gold?)")
    return reasons


@click.command("evaluate")
@click.option("--corpus", "corpus", type=click.Path(path_type=Path), default=Path("corpus"),
              show_default=True, help="Corpus to build and score (ignored with --store).")
@click.option("--gold", "gold", type=click.Path(path_type=Path), default=None,
              help="Folder of gold annotations (*.toml). Default: the corpus's split, "
                   "tests/gold/<corpus folder name>/ if it exists (tests/articles/test -> "
                   "tests/gold/test), else tests/gold.")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--brief", is_flag=True, help="Only the scores, not each miss.")
def evaluate_command(corpus: Path, gold: Path | None, store: str | None, fmt: str,
                     brief: bool) -> None:
    """Score the extraction against hand-written gold annotations.

    Without --store, CORPUS is built into a temporary store first; with --store, the
    graphs already there are scored. A gold file whose article has no graph (not in the
    corpus, refused, or failed to extract) fails the evaluation: exit 1, with the reason.
    """
    gold_dir = gold if gold is not None else (GOLD_ROOT if store else default_gold(corpus))
    golds = load_gold(gold_dir)
    if store:
        evaluation = evaluate(open_cli_store(store), golds)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as tmp:
            target = open_store(str(Path(tmp) / "store"), create=True)
            report = build_corpus(corpus, target)
            refused = {r.file: r.reason for r in report.refused}
            evaluation = evaluate(target, golds, reasons=_build_reasons(corpus, golds, refused))
            target.close()
    if fmt == "json":
        click.echo(json.dumps(evaluation.as_dict(), indent=2))
    else:
        click.echo(render(evaluation, details=not brief))
    _fail_if_incomplete(evaluation, gold_dir)


def _fail_if_incomplete(evaluation: Evaluation, gold_dir: Path) -> None:
    if evaluation.complete:
        return
    missing = "; ".join(f"{slug} ({reason})" for slug, reason in evaluation.unbuilt)
    raise InputError(f"{len(evaluation.unbuilt)} article(s) with gold in {gold_dir} were not "
                     f"built, so the scores leave them out: {missing}")


def register(group: click.Group) -> None:
    group.add_command(evaluate_command)
