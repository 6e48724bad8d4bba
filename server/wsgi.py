"""Running the app under gunicorn (the production WSGI server)."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class KgServer(BaseApplication):
    """gunicorn with our options and an app built after the workers fork."""

    def __init__(self, store_spec: str, options: dict[str, Any]) -> None:
        self.store_spec = store_spec
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        from graph.store import open_store
        from server import create_app

        return create_app(open_store(self.store_spec))
