"""Entity pages grouped by role. For an actor: the events where it (or a body, force or
official acting for it) is agent, target, mediator or participant, with dates; claims it
made and claims about it; casualty figures on its side; offices; who speaks for it. For a
place: what happened there and in the places inside it. Every row is labelled and carries
its sentences and articles; the raw properties stay below, folded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from graph.classes import class_index
from ontology.namespaces import CKG
from server.pages.event_index import Dated, event_index
from server.pages.evidence import Evidence, support
from server.pages.labels import Named, names, predicate_label
from server.pages.sparql import Row, iri, select, select_for, value

PAGE_SIZE = 50
ROLE_ORDER = ("agent", "target", "mediator", "participant")


@dataclass
class EventRow:
    event: Named
    date: str | None
    roles: list[str] = field(default_factory=list)
    via: list[Named] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


SECTION_ROWS = 25  # the queries ask for one more, to tell that there are more


@dataclass
class Section:
    title: str
    ident: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    more: str | None = None  # where to read them all

    def __post_init__(self) -> None:
        if len(self.rows) > SECTION_ROWS:
            self.rows = self.rows[:SECTION_ROWS]
            self.more = ""


@dataclass
class EntityView:
    kind: str | None
    events: list[EventRow] = field(default_factory=list)
    events_title: str = ""
    page: int = 0
    more: bool = False
    sections: list[Section] = field(default_factory=list)


def event_facts(events: list[str]) -> dict[str, dict[str, Any]]:
    """Resolved dates (with precision and the words as written) and status per event."""
    facts: dict[str, dict[str, Any]] = {}
    for row in select_for("event-facts", "event", [iri(e) for e in events]):
        f = facts.setdefault(row["event"].value, {})
        start = value(row, "start")
        # The earliest start wins; of equal starts, the one that says its precision.
        if start and (not f.get("start") or start < f["start"] or (
                start == f["start"] and value(row, "precision") and not f.get("said"))):
            f["said"] = value(row, "precision")
            f["start"], f["end"] = start, value(row, "end") or start
            precision = value(row, "precision")
            f["precision"] = (precision.rsplit("#", 1)[-1].removesuffix("Precision")
                              if precision else "Day")
            f["time_text"] = value(row, "timeText")
        status = value(row, "status")
        if status:
            f["status"] = status.rsplit("#", 1)[-1]
    return facts


def _events(rows: list[Row], via_key: str) -> list[EventRow]:
    by_event: dict[str, EventRow] = {}
    order: list[str] = []
    for row in rows:
        e = row["event"].value
        if e not in by_event:
            order.append(e)
            by_event[e] = EventRow(Named(e, e), value(row, "date"))
        item = by_event[e]
        role = value(row, "role")
        if role:
            name = role.rsplit("#", 1)[-1]
            if name not in item.roles:
                item.roles.append(name)
        via = value(row, via_key)
        if via and via not in [v.iri for v in item.via]:
            item.via.append(Named(via, via))
    named = names([*order, *(v.iri for i in by_event.values() for v in i.via)])
    facts = event_facts(order)
    evidence = support(order)
    out = []
    for e in order:
        item = by_event[e]
        item.event = named[e]
        item.via = [named[v.iri] for v in item.via]
        # ckg:participant is the super-property: say it only when nothing more specific.
        specific = [r for r in item.roles if r != "participant"]
        item.roles = sorted(specific or item.roles, key=ROLE_ORDER.index) \
            if all(r in ROLE_ORDER for r in item.roles) else item.roles
        item.facts = facts.get(e, {})
        item.evidence = evidence.get(e, [])
        out.append(item)
    return out


def _labelled_rows(rows: list[Row], keys: tuple[str, ...], node_key: str) -> list[dict[str, Any]]:
    """Rows whose IRI cells are Named and whose node carries its evidence (the first
    SECTION_ROWS + 1: one more tells the page that there are more)."""
    rows = rows[:SECTION_ROWS + 1]
    iris = [row[k].value for row in rows for k in keys if k in row]
    named = names(iris)
    evidence = support(row[node_key].value for row in rows if node_key in row)
    out = []
    for row in rows:
        cell: dict[str, Any] = {}
        for key, term in row.items():
            cell[key] = named.get(term.value) if key in keys else term.value
        cell["evidence"] = evidence.get(row[node_key].value, []) if node_key in row else []
        out.append(cell)
    return out


def _word(term_iri: str | None) -> str:
    return predicate_label(term_iri) if term_iri else ""


def entity_view(this: str, types: list[str], page: int = 0) -> EntityView | None:
    """What the role-grouped part of the page of `this` shows (None for other things)."""
    index = class_index()
    is_actor = any(index.is_a(t, "Actor") for t in types)
    is_place = any(index.is_a(t, "Place") for t in types)
    is_state = CKG + "State" in types
    if not (is_actor or is_place):
        return None
    view = EntityView(kind="actor" if is_actor else "place", page=page)
    bound = {"this": iri(this)}
    offset = page * PAGE_SIZE
    speakers = select("entity-speakers", bound) if is_actor else []
    if is_actor:
        # The entity and those acting for it are found first, then their events: a query
        # joining both in one UNION was evaluated over the whole store.
        acting = [this] + [r["speaker"].value for r in speakers if r["for"].value == this
                           and value(r, "how") in (CKG + "actsFor", CKG + "forceOf")]
        view.events_title = "Events it takes part in"
        listed = event_index().by_state.get(this) if is_state else None
        if listed is not None:
            # Officials speaking for it count too: the index has their events under it.
            rows = _state_event_rows(listed[offset:offset + PAGE_SIZE + 1], set(acting) | {
                r["speaker"].value for r in speakers if r["for"].value == this})
        else:
            rows = select_for("entity-events", "via", [iri(a) for a in acting],
                              limit=PAGE_SIZE * 4 + 1, offset=offset * 4)
    else:
        rows = select_for("place-events", "at", [iri(p) for p in _places_within(this)],
                          limit=PAGE_SIZE + 1, offset=offset)
        view.events_title = "What happened here and in places inside it"
    distinct = list(dict.fromkeys(r["event"].value for r in rows))
    view.more = len(distinct) > PAGE_SIZE or len(rows) > (PAGE_SIZE * 4 if is_actor
                                                           else PAGE_SIZE)
    keep = set(distinct[:PAGE_SIZE])
    view.events = _events([r for r in rows if r["event"].value in keep],
                          "via" if is_actor else "at")
    if is_actor:
        speaking = [this] + [r["speaker"].value for r in speakers if r["for"].value == this]
        claims_by = select_for("entity-claims-by", "claimant", [iri(a) for a in speaking])
        section = Section("Claims it made", "claims-by", _labelled_rows(
            claims_by, ("claim", "claimant", "what"), "claim"))
        if section.more is not None:
            section.more = "/queries/claimant-claims?" + urlencode({"claimant": this})
        view.sections.append(section)
        about = select_for("entity-claims-about", "party", [iri(a) for a in acting])
        section = Section("Claims about it", "claims-about", _labelled_rows(
            about, ("claim", "claimant", "what"), "claim"))
        for row in section.rows:
            row["role_word"] = _word(row.get("role"))
        view.sections.append(section)
    figures = select("entity-figures", bound)
    fig = Section("Casualty figures on its side" if is_actor else "Casualty figures here",
                  "figures", _labelled_rows(figures, ("figure", "kind", "reportedBy",
                                                      "qualifier"), "figure"))
    for row in fig.rows:
        row["how_word"] = "side" if str(row.get("how", "")).endswith("side") else "place"
    view.sections.append(fig)
    if is_actor:
        view.sections.append(Section("Offices", "offices", _labelled_rows(
            select("entity-offices", bound), ("holding", "holder", "office", "of"), "holding")))
        spoken = Section("Who speaks or acts for it, and for whom it does", "speakers",
                         _labelled_rows(speakers, ("speaker", "for"), "speaker"))
        for row in spoken.rows:
            row["how_word"] = _word(row.get("how"))
            row["evidence"] = []
        view.sections.append(spoken)
    if is_place:
        inside = Section("Places inside it", "inside", _labelled_rows(
            select("place-inside", bound), ("inner",), "inner"))
        for row in inside.rows:
            row["how_word"] = _word(row.get("how"))
            row["evidence"] = []
        view.sections.append(inside)
    return view


def _state_event_rows(listed: list[Dated], acting: set[str]) -> list[Row]:
    """Rows like entity-events.rq's for events a state takes part in, taken from the event
    index (which has them in date order already): only their roles are looked up."""
    dates = {d.event: d.start for d in listed}
    rows: list[Row] = []
    for row in select_for("event-roles", "event", [iri(d.event) for d in listed]):
        if row["party"].value in acting:
            out = {"event": row["event"], "role": row["role"], "via": row["party"]}
            start = dates.get(row["event"].value)
            if start:
                out["date"] = ox.Literal(start)
            rows.append(out)
    order = {d.event: i for i, d in enumerate(listed)}
    rows.sort(key=lambda r: order[r["event"].value])
    return rows


def _places_within(this: str, depth: int = 2, most: int = 2000) -> list[str]:
    """`this` and the places inside it, `depth` levels down."""
    found = [this]
    level = [this]
    for _ in range(depth):
        rows = select_for("place-within", "this", [iri(p) for p in level])
        level = [r["at"].value for r in rows if r["at"].value not in found]
        found.extend(level)
        if not level or len(found) >= most:
            break
    return found[:most]


def is_article(types: list[str]) -> bool:
    return CKG + "Article" in types
