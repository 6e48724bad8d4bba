"""The pages a researcher reads instead of writing SPARQL: the overview at `/`, the
article reader, the timeline, the map, entity pages grouped by role, saved queries as
tables, and the CSV exports. Server-rendered HTML that works without JavaScript (scripts
only enhance); each page runs the internal queries of `queries/pages/`, with values
joined as typed terms, never pasted text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def warm_caches(app: Flask) -> None:
    """Build the per-generation values of the pages (overview counts, event index, label
    index) in the background as the app starts: on a large store they take seconds."""
    from server.pages.cache import warm
    from server.pages.event_index import event_index
    from server.pages.label_index import label_index
    from server.pages.overview import holdings

    warm(app, holdings, event_index, label_index)
