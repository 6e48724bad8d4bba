"""The events of the store, dated ones in date order, with what the timeline filters on
(class, state, claimed or stated) and the events of each state: built from three scans
once per store generation, so a timeline page, or the events of a state's page, is a
slice of a list whatever the size of the store."""

from __future__ import annotations

from dataclasses import dataclass, field

from ontology.namespaces import CKG
from server.pages.cache import per_generation
from server.pages.sparql import select, value


@dataclass
class Dated:
    event: str
    start: str | None  # None: the text gives no time
    assertion: str | None
    classes: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)


@dataclass
class EventIndex:
    dated: list[Dated]  # by start, then IRI
    undated: list[Dated] = field(default_factory=list)  # by IRI
    by_state: dict[str, list[Dated]] = field(default_factory=dict)  # dated, then undated

    def matching(self, event_class: str | None, state: str | None,
                 assertion: str | None) -> list[Dated]:
        return [d for d in self.dated
                if (event_class is None or event_class in d.classes)
                and (state is None or state in d.states)
                and (assertion is None or d.assertion == assertion)]

    def latest(self, n: int) -> list[Dated]:
        return list(reversed(self.dated[-n:]))



def _build() -> EventIndex:
    by_event: dict[str, Dated] = {}
    for row in select("event-index-classes"):
        event = row["event"].value
        item = by_event.setdefault(event, Dated(event, None, None))
        item.classes.add(row["eventClass"].value)
    for row in select("event-index"):
        start = value(row, "from")
        found = by_event.get(row["event"].value)
        if start and found:
            found.start, found.assertion = start[:10], value(row, "assertion")
    for row in select("event-index-states"):
        found = by_event.get(row["event"].value)
        if found:
            found.states.add(row["state"].value)
    for item in by_event.values():
        item.classes.discard(CKG + "Event")
    dated = sorted((d for d in by_event.values() if d.start),
                   key=lambda d: (d.start or "", d.event))
    undated = sorted((d for d in by_event.values() if not d.start), key=lambda d: d.event)
    by_state: dict[str, list[Dated]] = {}
    for item in dated + undated:
        for state in item.states:
            by_state.setdefault(state, []).append(item)
    return EventIndex(dated, undated, by_state)


def event_index() -> EventIndex:
    return per_generation("event-index", _build)
