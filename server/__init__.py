"""The HTTP face of the graph: a Flask app factory that receives its store."""

from __future__ import annotations

from typing import Any

from flask import Flask

from graph.store.base import Store


def create_app(store: Store, config: dict[str, Any] | None = None) -> Flask:
    """A Flask app serving `store`. No work happens at import time; tests build their own."""
    from server.errors import register_error_handlers
    from server.settings import Settings
    from server.sparql import sparql

    app = Flask(__name__)
    app.config["KG_SETTINGS"] = Settings.from_env(config or {})
    app.extensions["kg_store"] = store
    register_error_handlers(app)
    app.register_blueprint(sparql)
    return app
