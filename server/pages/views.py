"""What the Linked Data page of an IRI shows above its raw properties: the reader for an
article, the role-grouped view for an actor or place, labels for incoming links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from graph.errors import UsageError
from server.describe import Description
from server.pages.entity import entity_view, is_article
from server.pages.labels import names
from server.pages.reader import read_article

MAX_PAGE = 10_000


def _page(args: Mapping[str, str]) -> int:
    raw = args.get("page", "0") or "0"
    if not raw.isdigit() or int(raw) > MAX_PAGE:
        raise UsageError(f"page={raw!r}: give a page number from 0 to {MAX_PAGE}")
    return int(raw)


def human_view(desc: Description, args: Mapping[str, str]) -> dict[str, Any]:
    """Template values: `reader`, `roles` (either may be None) and `incoming_names`."""
    types = [v.term.value for v in desc.types if isinstance(v.term, ox.NamedNode)]
    reader = read_article(desc.iri) if is_article(types) else None
    roles = None if reader else entity_view(desc.iri, types, _page(args))
    unlabelled = [v.term.value for _, v in desc.incoming
                  if v.label is None and isinstance(v.term, ox.NamedNode)]
    return {"reader": reader, "roles": roles, "incoming_names": names(unlabelled)}
