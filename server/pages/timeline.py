"""`/timeline`: dated events on a date axis, by their resolved interval and its precision
("a year ago" drawn as a year, "Friday" as a day), filtered by state, class and claimed vs
stated, each item linking to its event and its sentence. Paged; no script needed. The
filtering runs over the event index (`server.pages.event_index`), kept per generation."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from graph.classes import class_index
from graph.errors import NotFoundError, UsageError
from ontology.namespaces import CKG
from server.context import settings
from server.linked_data import iri_for
from server.pages.entity import event_facts
from server.pages.event_index import event_index
from server.pages.evidence import support
from server.pages.labels import names
from server.pages.sparql import Bound, select

blueprint = Blueprint("timeline", __name__)
PAGE_SIZE = 50
STATUSES = {"claimed": CKG + "Claimed", "stated": CKG + "Reported"}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _filters(args: Any) -> tuple[dict[str, Bound], dict[str, str]]:
    """Bindings for the timeline query from the query string, checked."""
    bound: dict[str, Bound] = {}
    chosen: dict[str, str] = {}
    cls = args.get("class", "")
    if cls:
        full = cls if cls.startswith(CKG) else CKG + cls.removeprefix("ckg:")
        if full not in class_index().subclasses("Event"):
            raise UsageError(f"class={cls!r} is no event class of the ontology")
        bound["wantClass"] = ox.NamedNode(full)
        chosen["class"] = full
    state = args.get("state", "")
    if state:
        try:
            full = state if state.startswith(("http://", "https://")) else iri_for(
                state.lstrip("/"))
            bound["wantState"] = ox.NamedNode(full)
        except (ValueError, NotFoundError):
            raise UsageError(f"state={state!r} is not an IRI or a path under the base "
                             "IRI") from None
        chosen["state"] = full
    status = args.get("status", "")
    if status:
        if status not in STATUSES:
            raise UsageError(f"status={status!r}: use claimed or stated")
        bound["wantStatus"] = ox.NamedNode(STATUSES[status])
        chosen["status"] = status
    return bound, chosen


def _page(args: Any) -> int:
    raw = args.get("page", "0") or "0"
    if not raw.isdigit() or int(raw) > 10_000:
        raise UsageError(f"page={raw!r}: give a page number from 0 to 10000")
    return int(raw)


@blueprint.route("/timeline")
def timeline() -> Response:
    bound, chosen = _filters(request.args)
    page = _page(request.args)
    found = event_index().matching(
        bound["wantClass"].value if "wantClass" in bound else None,
        bound["wantState"].value if "wantState" in bound else None,
        bound["wantStatus"].value if "wantStatus" in bound else None)
    shown = found[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    more = len(found) > (page + 1) * PAGE_SIZE
    events = [d.event for d in shown]
    named = names(events)
    facts = event_facts(events)
    evidence = support(events)
    items = []
    for d in shown:
        f = facts.get(d.event, {})
        start = _day(f.get("start") or d.start)
        end = _day(f.get("end")) or start
        items.append({"event": named[d.event], "facts": f, "start": start, "end": end,
                      "evidence": evidence.get(d.event, [])})
    _place_on_axis(items)
    index = class_index()
    classes = [(c, index.label(c)) for c in index.subclasses("Event") if c != CKG + "Event"]
    states = names(r["state"].value for r in select("states"))
    keep = {k: (v.rsplit("#", 1)[-1] if k == "class" else v) for k, v in chosen.items()}
    html = render_template(
        "timeline.html", items=items, page=page, more=more, total=len(found),
        first=page * PAGE_SIZE + 1, classes=classes,
        states=sorted(states.values(), key=lambda n: n.label), chosen=chosen,
        prev_url="?" + urlencode({**keep, "page": page - 1}) if page else None,
        next_url="?" + urlencode({**keep, "page": page + 1}) if more else None,
        axis=_axis_label(items), license=settings().license)
    return Response(html, content_type="text/html; charset=utf-8")


def _place_on_axis(items: list[dict[str, Any]]) -> None:
    """Left and width (in % of this page's date range) of each item's interval."""
    days = [d for i in items for d in (i["start"], i["end"]) if d]
    if not days:
        return
    low, high = min(days), max(days)
    span = max((high - low).days + 1, 1)
    for i in items:
        if not i["start"]:
            continue
        left = (i["start"] - low).days / span * 100
        width = ((i["end"] - i["start"]).days + 1) / span * 100
        i["left"], i["width"] = round(left, 2), round(max(width, 0.5), 2)


def _axis_label(items: list[dict[str, Any]]) -> tuple[str, str] | None:
    days = [d for i in items for d in (i["start"], i["end"]) if d]
    return (min(days).isoformat(), max(days).isoformat()) if days else None
