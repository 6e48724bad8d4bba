"""Server settings: environment variables, overridable by the app factory's config."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from graph.config import base_iri


def _env_list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name, "")
    return tuple(item.strip() for item in raw.replace(",", " ").split() if item.strip())


def usable_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        return os.cpu_count() or 1


def default_query_workers() -> int:
    """One executor per core, plus two for the short lane.

    Queries are CPU-bound, and each executor is a process with its own store caches (and,
    with the memory snapshot, its own copy of the graph): on two cores, four executors all
    taking any query gave 0.86-0.90 of `oxigraph serve`'s throughput, three gave 0.99 and
    two 1.12 (bench/results/serve.md, before the snapshot). The short-lane executors take
    only queries expected to be quick (`server.pool`), so they cost little CPU and keep
    small questions from waiting for the per-core ones."""
    return usable_cores() + 2


@dataclass(frozen=True)
class Settings:
    base_iri: str = "https://w3id.org/conflict-kg/"  # KG_BASE_IRI
    update_token: str | None = None  # KG_UPDATE_TOKEN; updates and uploads are off without it
    query_timeout: float = 30.0  # KG_QUERY_TIMEOUT seconds
    max_body_bytes: int = 10 * 1024 * 1024  # KG_MAX_BODY
    max_result_bytes: int = 256 * 1024 * 1024  # KG_MAX_RESULT_BYTES
    # KG_QUERY_WORKERS: executor processes per server process
    query_workers: int = field(default_factory=default_query_workers)
    queue_size: int = 32  # KG_QUEUE_SIZE: requests that may wait for an executor
    cache_bytes: int = 64 * 1024 * 1024  # KG_CACHE_BYTES: result cache bound (0: off)
    # KG_SERVICE_ALLOWLIST: IRI prefixes that SERVICE and LOAD may reach (space/comma list)
    service_allowlist: tuple[str, ...] = ()
    license: str = "https://creativecommons.org/licenses/by/4.0/"  # KG_LICENSE

    @classmethod
    def from_env(cls, overrides: dict[str, Any]) -> Settings:
        """Settings from the environment; keys of `overrides` named like fields win."""
        env: dict[str, Any] = {
            "base_iri": base_iri(),
            "update_token": os.environ.get("KG_UPDATE_TOKEN") or None,
            "query_timeout": float(os.environ.get("KG_QUERY_TIMEOUT", "30")),
            "max_body_bytes": int(os.environ.get("KG_MAX_BODY", str(10 * 1024 * 1024))),
            "max_result_bytes": int(os.environ.get("KG_MAX_RESULT_BYTES",
                                                   str(256 * 1024 * 1024))),
            "query_workers": int(os.environ.get("KG_QUERY_WORKERS")
                                 or default_query_workers()),
            "queue_size": int(os.environ.get("KG_QUEUE_SIZE", "32")),
            "cache_bytes": int(os.environ.get("KG_CACHE_BYTES", str(64 * 1024 * 1024))),
            "service_allowlist": _env_list("KG_SERVICE_ALLOWLIST"),
            "license": os.environ.get("KG_LICENSE", cls.license),
        }
        names = {f.name for f in fields(cls)}
        env.update({k: v for k, v in overrides.items() if k in names})
        if not str(env["base_iri"]).endswith("/"):
            env["base_iri"] = str(env["base_iri"]) + "/"
        return cls(**env)
