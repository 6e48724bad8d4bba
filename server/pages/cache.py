"""Values derived from the whole store (counts, the event index, the label index), kept
per store generation: a build or a write makes a new generation, and with it new values.
One slot per name; the value of an older generation is dropped when the new one is made."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app

from server.context import generation_key

T = TypeVar("T")
log = logging.getLogger("kg.server")
_lock = threading.Lock()
_computing: dict[str, threading.Lock] = {}


def per_generation(name: str, compute: Callable[[], T]) -> T:
    """The value called `name` for the store's current generation, computed once: a
    request arriving while another computes it waits for that one."""
    cache: dict[str, tuple[str, object]] = current_app.extensions.setdefault(
        "kg_page_cache", {})
    key = generation_key()
    held = cache.get(name)
    if held is not None and held[0] == key:
        return held[1]  # type: ignore[return-value]
    with _lock:
        one = _computing.setdefault(name, threading.Lock())
    with one:
        held = cache.get(name)
        if held is not None and held[0] == key:
            return held[1]  # type: ignore[return-value]
        value = compute()
        cache[name] = (key, value)
    return value


def warm(app: Flask, *computations: Callable[[], object]) -> threading.Thread:
    """Compute the per-generation values in a background thread, so that the first
    reader of a large store does not wait for them."""

    def run() -> None:
        with app.app_context():
            for compute in computations:
                try:
                    compute()
                except Exception:  # noqa: BLE001 - a page computes it again and reports
                    log.exception("warming the page caches failed")

    thread = threading.Thread(target=run, name="kg-page-cache", daemon=True)
    thread.start()
    return thread
