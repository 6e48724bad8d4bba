"""Deterministic IRIs for what the extractor finds, from the defining parts of each thing
(type, participants' states, place, resolved date, status), never from article order: the
same event reported by two articles, or twice in one, gets one IRI. Also the small
coreference step that folds an under-specified repeat ("their attacks") into the event
the article described before."""

from __future__ import annotations

import datetime as dt

from graph.extract.casualties import Figure
from graph.extract.events import HOSTILE, EventRecord
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.timex import TimeExpr
from graph.iris import Minter


def _state_key(entity: Entity | None, disc: Discourse) -> str:
    if entity is None:
        return ""
    state = disc.state_of(entity)
    return (state or entity).iri


def event_iri(record: EventRecord, disc: Discourse, minter: Minter) -> str:
    """One IRI per real-world event: type, sides, place, start date, status, count."""
    parts = sorted({_state_key(p, disc) for p in record.participants})
    accused = sorted({e.cls for e in record.accusation_of})
    date = record.time.start.isoformat() if record.time else ""
    return minter.hashed(
        "event", record.cls, _state_key(record.agent, disc), _state_key(record.target, disc),
        "|".join(parts), record.place.iri if record.place else "", date, record.status,
        record.count or "", "|".join(accused))


def conflict_iri(participants: list[Entity], disc: Discourse, minter: Minter) -> str:
    """The conflict between the same states is one conflict, whoever reports it."""
    return minter.hashed("event", "Conflict", "|".join(sorted(_state_key(p, disc)
                                                               for p in participants)))


def figure_period(figure: Figure, anchor: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The period a figure covers: "since two days ago" runs to the reported date."""
    if figure.period is None:
        return None, None
    return figure.period.start, figure.period.stop


def figure_iri(figure: Figure, disc: Discourse, minter: Minter, anchor: dt.date) -> str:
    """Same kind, value, qualifier, side, population, place and period: one figure."""
    first, last = figure_period(figure, anchor)
    start = first.isoformat() if first else ""
    end = last.isoformat() if last else ""
    return minter.hashed(
        "casualtyfigure", figure.kind, figure.count if figure.count is not None else "",
        figure.vague.lower(), figure.qualifier, _state_key(figure.side, disc),
        figure.population, figure.place.iri if figure.place else "", start, end)


def time_iri(slug: str, sentence: int, expr: TimeExpr, minter: Minter) -> str:
    """A time expression as written is one occurrence in one sentence."""
    return minter.hashed("time", slug, sentence, expr.begin, expr.text)


def claim_iri(claimant: Entity, verb: str, claimed: str, minter: Minter) -> str:
    return minter.hashed("claim", claimant.iri, verb, claimed)


def office_iri(holder: Entity | None, office: str, of: Entity, minter: Minter) -> str:
    return minter.hashed("officeholding", holder.iri if holder else "", office, of.iri)


def fold_repeat(record: EventRecord, previous: list[EventRecord], disc: Discourse
                ) -> EventRecord | None:
    """An earlier event of the article that `record` merely repeats: same hostile type and
    agent, while `record` names no target, place or time of its own ("The Tajik forces
    reportedly used tanks ... in their attacks")."""
    if record.cls not in HOSTILE or record.agent is None or record.target or record.place \
            or record.time:
        return None
    agent = _state_key(record.agent, disc)
    for earlier in reversed(previous):
        if earlier.cls == record.cls and _state_key(earlier.agent, disc) == agent:
            return earlier
    return None
