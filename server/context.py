"""The app's collaborators, looked up from the current app: its store, its settings and
its query runner. Views import these instead of reaching into `current_app` themselves."""

from __future__ import annotations

from typing import cast

from flask import current_app

from graph.store.base import Store
from server.cache import ResultCache
from server.pool import Runner
from server.settings import Settings
from server.tables import TableWriter


def store() -> Store:
    return cast(Store, current_app.extensions["kg_store"])


def settings() -> Settings:
    return cast(Settings, current_app.config["KG_SETTINGS"])


def runner() -> Runner:
    return cast(Runner, current_app.extensions["kg_runner"])


def table_writer() -> TableWriter | None:
    """Writes a generation's derived tables after a small write (embedded store only)."""
    return cast("TableWriter | None", current_app.extensions.get("kg_tables"))


def tables_after_write() -> None:
    """After a small write of this server: its generation's tables, in the background."""
    writer = table_writer()
    live = getattr(store(), "live_generation_path", None)
    path = live() if writer is not None and live is not None else None
    if writer is not None and path is not None:
        writer.request(path)


def result_cache() -> ResultCache:
    return cast(ResultCache, current_app.extensions["kg_cache"])


def generation_key() -> str:
    """Changes whenever the store's content may have changed (a new generation); caches of
    derived documents (VoID, dumps) are keyed on it."""
    gen = getattr(store(), "generation", None)
    return str(gen) if gen is not None else "remote"
