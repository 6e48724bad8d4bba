"""Serving the app: `kg serve` builds it in each worker process (after the fork, since
the query executors it starts belong to that process) and runs it under `server.front`."""

from __future__ import annotations

from typing import Any

from server.front import FrontLimits, serve


def make_app(store_spec: str) -> Any:
    """The WSGI app over the store named by `store_spec`."""
    from graph.store import open_store
    from server import create_app

    return create_app(open_store(store_spec))


def run(store_spec: str, *, host: str, port: int, workers: int, threads: int,
        keepalive: float) -> None:
    """Serve the store until SIGTERM or Ctrl-C."""
    from server.settings import Settings

    settings = Settings.from_env({})
    serve(lambda: make_app(store_spec), host=host, port=port, workers=workers,
          threads=threads, max_body=settings.max_body_bytes,
          limits=FrontLimits.from_env(keepalive))
