"""Server settings: environment variables, overridable by the app factory's config."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Settings:
    update_token: str | None = None  # KG_UPDATE_TOKEN; updates are off without it
    query_timeout: float = 30.0  # KG_QUERY_TIMEOUT seconds
    max_body_bytes: int = 10 * 1024 * 1024  # KG_MAX_BODY
    max_result_rows: int = 100_000  # KG_MAX_RESULTS

    @classmethod
    def from_env(cls, overrides: dict[str, Any]) -> Settings:
        env = {
            "update_token": os.environ.get("KG_UPDATE_TOKEN") or None,
            "query_timeout": float(os.environ.get("KG_QUERY_TIMEOUT", "30")),
            "max_body_bytes": int(os.environ.get("KG_MAX_BODY", str(10 * 1024 * 1024))),
            "max_result_rows": int(os.environ.get("KG_MAX_RESULTS", "100000")),
        }
        names = {f.name for f in fields(cls)}
        env.update({k: v for k, v in overrides.items() if k in names})
        return cls(**env)
