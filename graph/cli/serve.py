"""`kg serve`: serve the store over HTTP with gunicorn."""

from __future__ import annotations

import click

from graph.cli.options import export_remote_env, open_cli_store, store_option
from graph.config import store_spec


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the server private to this machine.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int,
              help="Worker processes (each opens the store read-only).")
@click.option("--threads", default=8, show_default=True, type=int,
              help="Threads per worker (requests in flight; queries themselves run in "
                   "KG_QUERY_WORKERS executor processes per worker).")
def serve_command(store: str | None, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the graph: SPARQL on /sparql, Graph Store on /graph-store, Linked Data pages
    under /id/ and /graph/, the query page on /."""
    from server.wsgi import KgServer

    spec = store_spec(store)
    open_cli_store(spec).close()  # fail here, with a clear message, if the store is unusable
    export_remote_env()  # the workers open the store themselves
    click.echo(f"serving {spec} on http://{host}:{port}/ (SPARQL: /sparql)", err=True)
    KgServer(spec, {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 0,
    }).run()


def register(group: click.Group) -> None:
    group.add_command(serve_command)
