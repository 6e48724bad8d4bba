"""`kg query`: run a saved query, a .rq file or SPARQL text and print the answer."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli.options import open_cli_store, store_option
from graph.errors import UsageError
from graph.params import bind
from graph.store.derived import saved_text
from graph.store.formats import by_name
from graph.store.sparql_text import bind_values, shape
from graph.table import render_table
from queries import all_queries, find
from queries import parse as parse_query_file

OUTPUT_FORMATS = ("table", "json", "xml", "csv", "tsv", "turtle", "nt", "jsonld")


def _is_file(path: Path) -> bool:
    """Whether `path` names a file; text too long to be a path is not one."""
    try:
        return path.is_file()
    except OSError:  # ENAMETOOLONG and the like: SPARQL text, not a path
        return False


def resolve(query: str, params: dict[str, str], store: object = None) -> tuple[str, dict]:
    """Query text and bound parameters for a saved-query name, a file path or SPARQL
    (a saved query that reads a table of `store`'s generation reads it there)."""
    saved = find(query)
    if saved is not None:
        return saved_text(saved.text, saved.meta, bind(saved, params), store)
    path = Path(query)
    if query.endswith(".rq") or ("\n" not in query and _is_file(path)):
        if not _is_file(path):
            raise UsageError(f"no query file {query[:200]}")
        # A file is read like a saved query: its header's parameters and defaults apply.
        try:
            from_file = parse_query_file(path)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        return saved_text(from_file.text, from_file.meta, bind(from_file, params), store)
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        names = ", ".join(q.name for q in all_queries()[:8])
        raise UsageError(f"{query[:200]!r} is neither a saved query, a file, nor SPARQL; "
                         f"`kg query --list` shows the saved ones ({names}, ...)")
    if params:
        raise UsageError("--param applies to saved queries only")
    return query, {}


@click.command("query")
@click.argument("query", required=False)
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
              show_default=True, help="Output format.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a saved query's parameter (repeatable).")
@click.option("--list", "list_", is_flag=True, help="List the saved queries and exit.")
def query_command(query: str | None, store: str | None, fmt: str, params: tuple[str, ...],
                  list_: bool) -> None:
    """Run QUERY: a saved query's name (see --list), a .rq file, or SPARQL text."""
    if list_:
        for saved in all_queries():
            click.echo(f"{saved.name:<28} {saved.title}")
            for p in saved.params:
                default = f" = {p.default}" if p.default else ""
                click.echo(f"{'':<30}--param {p.name} ({p.kind}{default}) {p.doc}".rstrip())
        return
    if not query:
        raise UsageError("give a query name, a .rq file or SPARQL text (or --list)")
    given = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param {item!r}: expected NAME=VALUE")
        given[name.strip()] = value
    resolve(query, given)  # a bad name or parameter is reported before the store opens
    opened = open_cli_store(store)
    text, terms = resolve(query, given, opened)
    # Bound as `/queries/NAME` binds them (a VALUES block first in the WHERE group), not
    # as the engine's substitutions: one binding, so both answer at the same speed, and
    # the saved texts are written for it. With substitutions the engine did not start
    # from the bound place in events-in-place and cq11 (8-10 s at a million triples
    # from disk against 0.5-1.2 s).
    result = opened.query(bind_values(text, shape(text), terms) if terms else text)
    out = sys.stdout.buffer
    if fmt == "table":
        click.echo(render_table(result), nl=False)
        return
    kind = "rdf" if result.kind == "graph" else "results"
    chosen = by_name({"turtle": "ttl"}.get(fmt, fmt), kind)
    if chosen is None:
        raise UsageError(f"--format {fmt} does not fit a {result.kind} result; use "
                         + ("turtle, nt or jsonld" if kind == "rdf" else "json, xml, csv or tsv"))
    for chunk in result.serialize(chosen):
        out.write(chunk)
    out.flush()


def register(group: click.Group) -> None:
    group.add_command(query_command)
