"""`kg export`, `kg load` and `kg stats`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli.options import open_cli_store, store_option
from graph.cli.output import write_file
from graph.store.formats import by_name


@click.command("export")
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(["nq", "trig", "ttl", "nt"]),
              default="nq", show_default=True,
              help="nq and trig keep the named graphs; ttl and nt write their union.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--graph", "graph", default=None, help="Export only this named graph.")
@click.option("--table", "table_name", type=click.Choice(["events", "casualties", "claims"]),
              default=None, help="Write this table as CSV instead of RDF (see the README).")
def export_command(store: str | None, fmt: str, output: Path | None, graph: str | None,
                   table_name: str | None) -> None:
    """Dump the store (a backup: `kg load` or any SPARQL store reads it back), or one of
    its tables as CSV (`--table events|casualties|claims`)."""
    source = open_cli_store(store)
    if table_name is not None:
        from graph.exports import table, write_csv

        data = table(source, table_name)
        if output is None:
            write_csv(sys.stdout, data)
            return
        write_file(output, lambda handle: handle.write(_csv_bytes(data)))
        return
    chosen = by_name(fmt, "rdf")
    assert chosen is not None
    if output is None:
        source.dump(sys.stdout.buffer, chosen, graph=graph)
        sys.stdout.buffer.flush()
        return
    write_file(output, lambda handle: source.dump(handle, chosen, graph=graph))


@click.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@click.option("--format", "-f", "fmt", default=None,
              type=click.Choice(["nq", "trig", "ttl", "nt", "jsonld", "rdfxml"]),
              help="Format of FILE (default: from its suffix).")
@click.option("--graph", "graph", default=None, metavar="IRI",
              help="Named graph for triples outside any graph (needed for ttl and nt).")
def load_command(file: Path, store: str | None, fmt: str | None, graph: str | None) -> None:
    """Load FILE (a `kg export` dump, or any RDF file) into the store.

    Each named graph in FILE replaces the store's graph of that name, whole; other graphs
    stay. Into an empty or new store this restores a backup.
    """
    from graph.restore import load_file

    loaded = load_file(open_cli_store(store, create=True), file, fmt=fmt, graph=graph)
    click.echo(f"loaded {sum(loaded.values())} triples into {len(loaded)} graph(s)")


@click.command("stats")
@store_option
def stats_command(store: str | None) -> None:
    """Triples, graphs and entities per class."""
    stats = open_cli_store(store).stats()
    click.echo(f"store:   {stats['store']}")
    click.echo(f"quads:   {stats['quads']}")
    click.echo(f"graphs:  {stats['graphs']}")
    classes = stats.get("classes") or {}
    assert isinstance(classes, dict)
    if classes:
        click.echo("entities per class:")
        import pyoxigraph as ox

        from graph.table import short

        for cls, n in classes.items():
            click.echo(f"  {n:>7}  {short(ox.NamedNode(cls))}")


def register(group: click.Group) -> None:
    group.add_command(export_command)
    group.add_command(load_command)
    group.add_command(stats_command)


def _csv_bytes(data: object) -> bytes:
    import io

    from graph.exports import Table, write_csv

    assert isinstance(data, Table)
    out = io.StringIO()
    write_csv(out, data)
    return out.getvalue().encode("utf-8")
