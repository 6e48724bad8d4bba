"""The dated events of the store, in date order, with what the timeline filters on (class,
state, claimed or stated): built from three scans once per store generation, so a
timeline page is a slice of a list, whatever the size of the store."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ontology.namespaces import CKG
from server.pages.cache import per_generation
from server.pages.sparql import select, value


@dataclass
class Dated:
    event: str
    start: str
    assertion: str | None
    classes: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)


@dataclass
class EventIndex:
    dated: list[Dated]  # by start, then IRI

    def matching(self, event_class: str | None, state: str | None,
                 assertion: str | None) -> list[Dated]:
        return [d for d in self.dated
                if (event_class is None or event_class in d.classes)
                and (state is None or state in d.states)
                and (assertion is None or d.assertion == assertion)]

    def latest(self, n: int) -> list[Dated]:
        return list(reversed(self.dated[-n:]))

    def first_from(self, day: str) -> int:
        """Position of the first event starting on or after `day`."""
        return bisect_left([d.start for d in self.dated], day)


def _build() -> EventIndex:
    by_event: dict[str, Dated] = {}
    for row in select("event-index"):
        start = value(row, "from")
        if start:
            by_event[row["event"].value] = Dated(row["event"].value, start[:10],
                                                 value(row, "assertion"))
    for row in select("event-index-classes"):
        item = by_event.get(row["event"].value)
        if item:
            item.classes.add(row["eventClass"].value)
    for row in select("event-index-states"):
        item = by_event.get(row["event"].value)
        if item:
            item.states.add(row["state"].value)
    for item in by_event.values():
        item.classes.discard(CKG + "Event")
    return EventIndex(sorted(by_event.values(), key=lambda d: (d.start, d.event)))


def event_index() -> EventIndex:
    return per_generation("event-index", _build)
