"""The `kg` command. Each command module is thin: it parses options and calls one
function of the library; errors are KgError subclasses rendered here in one place."""

from __future__ import annotations

import sys

import click

from graph.errors import KgError


class KgGroup(click.Group):
    """Renders KgError as one line on stderr with the error's exit code, no traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc.message}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflict-kg", prog_name="kg")
def cli() -> None:
    """conflict-kg: a knowledge graph of armed conflict built from news articles.

    Build the graph from a corpus, query it, export it, and serve it over SPARQL.
    """


def _register() -> None:
    from graph.cli import annotate, build, data, evaluate, intake, query, serve

    for module in (annotate, build, data, evaluate, intake, query, serve):
        module.register(cli)
    try:
        from graph.cli import ontology
    except ImportError:  # the ontology tools are optional in a partial checkout
        return
    ontology.register(cli)


def main() -> None:
    _register()
    cli()
