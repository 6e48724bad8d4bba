"""The store layer: `open_store` picks the embedded or the remote implementation."""

from __future__ import annotations

from graph.config import RemoteOptions, store_spec
from graph.store.base import Dataset, QueryResult, Store
from graph.store.formats import RDF_FORMATS, RESULT_FORMATS, Format

__all__ = ["Dataset", "Format", "QueryResult", "RDF_FORMATS", "RESULT_FORMATS", "Store",
           "open_store"]


def is_remote(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def open_store(spec: str | None = None, *, create: bool = False,
               remote: RemoteOptions | None = None) -> Store:
    """Open the store named by `spec` (a directory or a SPARQL endpoint URL)."""
    location = store_spec(spec)
    if is_remote(location):
        from graph.store.remote import RemoteStore

        return RemoteStore(location, remote or RemoteOptions.from_env())
    from graph.store.embedded import EmbeddedStore

    return EmbeddedStore(location, create=create)
