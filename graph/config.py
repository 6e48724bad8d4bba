"""Settings read from the environment, with the defaults the README documents."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_BASE_IRI = "https://w3id.org/conflict-kg/"
DEFAULT_STORE = "data/store"


def base_iri() -> str:
    """Base under which the build mints IRIs (`KG_BASE_IRI`), always ending with '/'."""
    base = os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI).strip() or DEFAULT_BASE_IRI
    return base if base.endswith("/") else base + "/"


def store_spec(explicit: str | None = None) -> str:
    """Store location: an explicit option, else `KG_STORE`, else `data/store`."""
    return explicit or os.environ.get("KG_STORE") or DEFAULT_STORE


@dataclass(frozen=True)
class RemoteOptions:
    """How to reach a remote SPARQL 1.1 store besides its query URL."""

    update_url: str | None = None
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # or "digest" (Virtuoso)
    timeout: float = 60.0
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> RemoteOptions:
        return cls(
            update_url=os.environ.get("KG_STORE_UPDATE_URL") or None,
            graph_store_url=os.environ.get("KG_STORE_GSP_URL") or None,
            user=os.environ.get("KG_STORE_USER") or None,
            password=os.environ.get("KG_STORE_PASSWORD") or None,
            auth=os.environ.get("KG_STORE_AUTH", "basic"),
            timeout=_seconds(os.environ.get("KG_STORE_TIMEOUT", "60")),
        )


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        from graph.errors import UsageError

        raise UsageError(f"KG_STORE_TIMEOUT={raw!r}: expected a number of seconds above 0")
    return value
