"""The pages a researcher reads instead of writing SPARQL: the overview at `/`, the
article reader, the timeline, the map, entity pages grouped by role, saved queries as
tables, and the CSV exports. Server-rendered HTML that works without JavaScript (scripts
only enhance); each page runs the internal queries of `queries/pages/`, with values
joined as typed terms, never pasted text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


PAGE_PATHS = ("/timeline", "/map", "/search", "/page/", "/queries")


def warm_caches(app: Flask) -> None:
    """Build the per-generation values of the pages (overview counts, event index, label
    index) in the background when a first reader arrives: on a large store they take
    seconds, and the overview, the timeline and the search box need them.

    Not at start-up: a server that only answers SPARQL and Graph Store requests never
    opens the store in its web process for pages (a warming thread there slowed a large
    Graph Store upload past its timeout in the hostile-input tests)."""
    import threading

    from flask import request

    from server.pages.cache import warm
    from server.pages.event_index import event_index
    from server.pages.label_index import label_index
    from server.pages.overview import holdings

    started = threading.Event()

    @app.before_request
    def _warm_on_first_page() -> None:
        if started.is_set():
            return
        path = request.path
        if path.startswith("/queries"):
            from server.saved import wants_html

            if not wants_html():
                # A saved query's answer as JSON, CSV…: no page, and the indices would
                # cost the web process ~150 MB at 1M triples (the server's memory peak).
                return
        if path == "/" or path.startswith(PAGE_PATHS):
            started.set()
            warm(app, holdings, event_index, label_index)
