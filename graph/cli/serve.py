"""`kg serve`: serve the store over HTTP with gunicorn."""

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
@click.option("--keepalive", default=2, show_default=True, type=int,
              help="Seconds an idle kept-alive connection is held open.")
def serve_command(store: str | None, host: str, port: int, workers: int, threads: int | None,
                  keepalive: int) -> None:
    """Serve the graph: SPARQL on /sparql, Graph Store on /graph-store, Linked Data pages
    under /id/ and /graph/, the query page on /."""
    from server.settings import Settings
    from server.wsgi import KgServer

    if threads is None:
        threads = default_threads(Settings.from_env({}))
    spec = store_spec(store)
    open_cli_store(spec).close()  # fail here, with a clear message, if the store is unusable
    export_remote_env()  # the workers open the store themselves
    click.echo(f"serving {spec} on http://{host}:{port}/ (SPARQL: /sparql)", err=True)
    KgServer(spec, {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        # gunicorn's gthread worker, with kept-alive connections held briefly by the
        # thread that served them (server/worker.py).
        "worker_class": "server.worker.LingeringThreadWorker",
        # Connections beyond the threads wait in gunicorn's poller; a kept-alive or
        # not-yet-speaking connection holds no thread. A client that sends part of its
        # headers and stalls does hold one (gthread has no header read timeout): the
        # margin of threads over executors + queue is what keeps such clients from
        # blocking everyone, and the limits below keep each stalled request small.
        "worker_connections": max(1000, threads * 4),
        "keepalive": keepalive,
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 0,
    }).run()


def default_threads(settings: Settings) -> int:
    """HTTP threads per worker: comfortably more than the executors plus the waiting line,
    so overload is answered by the pool's admission control (503 + Retry-After) rather than
    by connections left unanswered. Threads are cheap: they wait on executor sockets."""
    return max(32, settings.query_workers + settings.queue_size + 8)


def register(group: click.Group) -> None:
    group.add_command(serve_command)
