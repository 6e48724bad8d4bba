"""The HTTP face of the graph: a Flask app factory that receives its store.

Routes live in one module per concept: `sparql` (SPARQL 1.1 Protocol), `graph_store`
(Graph Store HTTP Protocol), `linked_data` (dereferenceable IRIs), `vocabulary` (the
ontology), `void` (VoID and dumps), `query_page` (the query editor at /query), `pages.*` (the
overview at /, timeline, map, exports; the reader and entity pages through
`linked_data`). `saved`
(saved queries under /queries/) is registered when present.
"""

from __future__ import annotations

import atexit
import importlib
from typing import Any

from flask import Flask

from graph.store.base import Store


def create_app(store: Store, config: dict[str, Any] | None = None) -> Flask:
    """A Flask app serving `store`. No work happens at import time; tests build their own.

    `config` overrides settings read from the environment (see `server.settings`)."""
    from server.errors import register_error_handlers
    from server.headers import register_headers
    from server.pool import make_runner
    from server.settings import Settings

    settings = Settings.from_env(config or {})
    app = Flask(__name__)
    app.config["KG_SETTINGS"] = settings
    # Werkzeug refuses larger bodies with 413 before a view reads them.
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body_bytes
    app.extensions["kg_store"] = store
    from server.snapshot import mode_from_env

    runner = make_runner(store, size=settings.query_workers, queue_size=settings.queue_size,
                         timeout=settings.query_timeout, snapshot=mode_from_env())
    app.extensions["kg_runner"] = runner
    from server.cache import ResultCache

    app.extensions["kg_cache"] = ResultCache(settings.cache_bytes)
    atexit.register(runner.close)
    from graph.store.embedded import EmbeddedStore

    if isinstance(store, EmbeddedStore):
        from server.tables import TableWriter

        tables = TableWriter(store.root)
        app.extensions["kg_tables"] = tables
        atexit.register(tables.close)
    register_error_handlers(app)

    from flask import request

    from server.protocol import cap_unsized_body

    @app.before_request
    def _cap_chunked_body() -> None:
        cap_unsized_body(request.environ, settings.max_body_bytes)

    register_headers(app)
    for name in ("query_page", "sparql", "graph_store", "linked_data", "vocabulary", "void",
                 "openapi", "pages.overview", "pages.timeline", "pages.placemap",
                 "pages.exports"):
        module = importlib.import_module(f"server.{name}")
        app.register_blueprint(module.blueprint)
    try:
        saved = importlib.import_module("server.saved")
    except ModuleNotFoundError as exc:
        if exc.name != "server.saved":
            raise
    else:
        app.register_blueprint(saved.blueprint)
    from server.pages import warm_caches

    warm_caches(app)
    return app
