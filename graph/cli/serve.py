"""`kg serve`: serve the store over HTTP (server.front)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from graph.cli.options import export_remote_env, open_cli_store, store_option
from graph.config import store_spec

if TYPE_CHECKING:
    from server.settings import Settings


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the server private to this machine.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int,
              help="Worker processes (each opens the store read-only).")
@click.option("--threads", default=None, type=int,
              help="Threads per worker, i.e. requests in flight. Default: "
                   "max(32, KG_QUERY_WORKERS + KG_QUEUE_SIZE + 8), so every request the "
                   "query pool would admit or shed (503) reaches it instead of waiting "
                   "unanswered in the socket backlog.")
@click.option("--keepalive", default=15, show_default=True, type=int,
              help="Seconds an idle kept-alive connection is held open (it holds no "
                   "thread; at most KG_MAX_IDLE are kept, the oldest closed first).")
def serve_command(store: str | None, host: str, port: int, workers: int, threads: int | None,
                  keepalive: int) -> None:
    """Serve the graph: SPARQL on /sparql, Graph Store on /graph-store, Linked Data pages
    under /id/ and /graph/, the query page on /."""
    from server.settings import Settings
    from server.wsgi import run

    if threads is None:
        threads = default_threads(Settings.from_env({}))
    spec = store_spec(store)
    open_cli_store(spec).close()  # fail here, with a clear message, if the store is unusable
    export_remote_env()  # the workers open the store themselves
    click.echo(f"serving {spec} on http://{host}:{port}/ (SPARQL: /sparql)", err=True)
    run(spec, host=host, port=port, workers=workers, threads=threads, keepalive=keepalive)


def default_threads(settings: Settings) -> int:
    """HTTP threads per worker: comfortably more than the executors plus the waiting line,
    so overload is answered by the pool's admission control (503 + Retry-After) rather than
    by connections left unanswered. Threads are cheap: they wait on executor sockets."""
    return max(32, settings.query_workers + settings.queue_size + 8)


def register(group: click.Group) -> None:
    group.add_command(serve_command)
