"""`kg ontology check|docs|diff`: the maintainers' tools for the ontology. Thin commands:
the work is in the `ontology` package; this module only reads the data from the store."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from graph.cli.options import store_option
from graph.cli.output import write_file
from graph.errors import InputError, KgError

_EXIT_COULD_NOT_RUN = 2


def load_store_graph(store: str | None):  # -> rdflib.Graph
    """The union of the store's named graphs as an rdflib Graph (N-Triples in between)."""
    import rdflib

    from graph.store import open_store
    from graph.store.formats import by_name

    nt = by_name("nt", "rdf")
    assert nt is not None
    buffer = io.BytesIO()
    open_store(store).dump(buffer, nt)
    graph = rdflib.Graph()
    if buffer.tell():
        graph.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graph


def _data_or_exit(store: str | None, no_data: bool, fmt: str):  # -> rdflib.Graph | None
    if no_data:
        return None
    try:
        return load_store_graph(store)
    except KgError as exc:
        message = (f"cannot read the data: {exc.message} "
                   "(or pass --no-data to check the ontology alone)")
        if fmt == "json":
            import json

            click.echo(json.dumps({"status": "could-not-run", "exit_code": 2, "error": message}))
        click.echo(f"kg: error: {message}", err=True)
        sys.exit(_EXIT_COULD_NOT_RUN)


@click.group("ontology")
def ontology_group() -> None:
    """Check, document and compare versions of the ontology (ontology/*.ttl)."""


@ontology_group.command("check")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json is for tools (CI annotations, editors).")
@click.option("--no-data", is_flag=True, help="Check the ontology alone, without the store.")
@click.option("--no-reasoner", is_flag=True, help="Skip HermiT (lint and shapes only).")
@click.option("-v", "--verbose", is_flag=True, help="Also list notes (unused properties, …).")
@click.option("--ontology", "ontology_path", type=click.Path(exists=True, file_okay=False,
              path_type=Path), default=None,
              help="Check the Turtle files of this directory instead of the shipped ontology/.")
def check_command(store: str | None, fmt: str, no_data: bool, no_reasoner: bool,
                  verbose: bool, ontology_path: Path | None) -> None:
    """Parse, lint, reason (HermiT) and validate the data against the shapes (pySHACL).

    Exit status: 0 clean, 1 errors found, 2 could not run (no Java, no store).
    """
    from ontology.check import run_check

    data = _data_or_exit(store, no_data, fmt)
    report = run_check(data, directory=ontology_path, use_reasoner=not no_reasoner)
    click.echo(report.to_json() if fmt == "json" else report.to_text(verbose=verbose))
    sys.exit(report.exit_code)


@ontology_group.command("docs")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="HTML file to write (default: standard output).")
def docs_command(output: Path | None) -> None:
    """Write the HTML documentation of the ontology (also served at the ontology IRI)."""
    from ontology.docs import render_html

    try:
        page = render_html()
    except SyntaxError as exc:  # rdflib reports bad Turtle as a SyntaxError subclass
        raise InputError(f"the ontology does not parse: {exc}; run `kg ontology check`") from exc
    if output is None:
        click.echo(page, nl=False)
        return
    write_file(output, lambda handle: handle.write(page.encode("utf-8")))


@ontology_group.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--no-data", is_flag=True,
              help="Compare the vocabularies only, without looking up affected data.")
def diff_command(old: str, new: str | None, store: str | None, fmt: str, no_data: bool) -> None:
    """Terms added, removed, deprecated or relabelled between OLD and NEW.

    OLD and NEW are Turtle files, directories, or git revisions (`HEAD~1` for the whole
    ontology at that commit, `HEAD~1:ontology/conflict.ttl` for one file). NEW defaults
    to the working tree. Removing a term the data still uses is an error (exit 1).
    """
    from ontology.diff import diff_vocabularies
    from ontology.revisions import RevisionError, load_revision

    try:
        old_graph = load_revision(old)
        new_graph = load_revision(new) if new else load_revision(None)
    except RevisionError as exc:
        raise InputError(str(exc)) from exc
    data = _data_or_exit(store, no_data, fmt)
    report = diff_vocabularies(old_graph, new_graph, data)
    click.echo(report.to_json() if fmt == "json" else report.to_text(verbose=True))
    sys.exit(report.exit_code)


def register(group: click.Group) -> None:
    group.add_command(ontology_group)
