"""The events-figures-claims stage: what one span of a sentence states (events with their
roles, casualty figures), folded into what the article stated before, and, inside a frame,
the claims its claimant makes and the accusation it levels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.extract.casualties import Figure, find_figures
from graph.extract.claims import Frame, direct_claimed, speech_times
from graph.extract.events import HOSTILE, attach_relative_agents, find_events
from graph.extract.linking import Discourse
from graph.extract.merge import fold_into
from graph.extract.rules import Rules
from graph.extract.timex import TimeExpr
from graph.extract.types import EventRecord, SentenceReading, Span, SpanFindings

# what a state's agency in a hostile act weighs in the choice of the article's two sides,
# against one for each time it is named
SIDE_WEIGHT = 3

# reporting verbs that accuse whatever they report of the other side (FORMAT.md: an
# Accusation only for accuse, blame and charge)
_ACCUSING = {"accuse", "blame", "charge"}


@dataclass
class SentenceTimes:
    """A sentence's times sorted by what they may date: `speech` (offsets of times that
    date a statement, "said on Friday"), `starts` (offsets that date only a period's or
    the conflict's start), and `figures` (times a casualty figure may take)."""

    speech: set[int]
    starts: set[int]
    figures: list[TimeExpr]

    @classmethod
    def of(cls, reading: SentenceReading, starts: set[int], rules: Rules) -> SentenceTimes:
        spans = speech_times(reading.text, rules)
        speech = {t.begin for t in reading.times for b, e in spans if b <= t.begin < e}
        return cls(speech, starts, [t for t in reading.times if t.begin not in speech])


@dataclass
class ArticleFindings:
    """What the article has stated so far: events (one per event, repeats folded in) and
    figures (one per figure, however many frames claim it)."""

    events: list[EventRecord] = field(default_factory=list)
    seen_figures: dict[tuple[int, tuple[int, int]], Figure] = field(default_factory=dict)


_MUTUAL_FIGHTING = {"event.exchange-of-fire", "event.clash", "event.exchange-of-shelling"}
_SHOTS = {"event.small-arms-fire"}


def _between_sides(record: EventRecord, disc: Discourse) -> bool:
    """An armed clash of the two sides, neither of them its agent."""
    if record.cls != "ArmedClash" or record.agent is not None or record.target is not None:
        return False
    sides = {(disc.state_of(p) or p).iri for p in record.participants}
    return len(sides) >= 2


def blamed_for_the_last_act(frame: Frame, events: list[EventRecord], n: int,
                            disc: Discourse) -> list[EventRecord]:
    """"Both sides blamed each other." with nothing said of what for: each side blames
    the other for the hostile act the article told last (of its class: one claimed act
    per side)."""
    last = next((e for e in reversed(events) if e.cls in HOSTILE and not e.earlier
                 and e.cls != "TroopBuildUp"), None)
    if last is None:
        return []
    claimant = disc.state_of(frame.claimant) or frame.claimant
    return [EventRecord(last.cls, frame.rule, 0.6, n, frame=frame, claimed=True,
                        agent=frame.accused, target=claimant, time=last.time)]


def find_in_span(reading: SentenceReading, part: Span, times: SentenceTimes,
                 weapons: list[tuple[int, int, str]], found: ArticleFindings,
                 disc: Discourse, rules: Rules, anchor: dt.date) -> SpanFindings:
    """Events, figures, the accusation and the claims of one span."""
    text, n, frame = reading.text, reading.n, part.frame
    out = SpanFindings()
    records = find_events(text, part.span, frame, reading.mentions, reading.times, weapons,
                          n, disc, rules, conflict_starts=times.starts, speech=times.speech,
                          parse=reading.parse, actor=part.actor)
    attach_relative_agents(text, records, reading.mentions)
    if any(r.rule in _MUTUAL_FIGHTING for r in records):
        # "A resident was shot dead ... when a quarrel grew into an exchange of fire": a
        # shot with no shooter is part of the fighting the clause names
        records = [r for r in records if not (r.rule in _SHOTS and r.agent is None)]
    for record in records:
        record.mutual = part.mutual
        if part.joint or (_between_sides(record, disc) and frame is not None
                          and frame.accused is None and not frame.accusation):
            # what both sides state is stated, not alleged; and fighting between the two
            # sides that one side reports ("clashes broke out between Kyrgyz and Tajik
            # border guards, the service said") alleges nothing against the other: the
            # report keeps its claim, the fighting the article's voice
            record.claimed = False
    if not records and frame is not None and frame.accusation and frame.accused is not None \
            and frame.content[0] == frame.content[1] and \
            not text[frame.content[0]:].strip(" .;\"'\u201d"):
        records = blamed_for_the_last_act(frame, found.events, n, disc)
    direct_claimed([r for r in records if not r.earlier], frame, disc)
    out.events = fold_into(records, found.events, disc)
    for record in records:
        if record.cls in HOSTILE and not record.earlier:
            # who fights names the article's sides better than who is named most (a
            # mediator named often, a side named mostly by its adjective); not whom an
            # act hit, which may be the state a place lies in (Kisangani, Congo, in a war
            # of Uganda and Rwanda)
            disc.weigh_side(record.agent, SIDE_WEIGHT)
    stated = find_figures(text, part.span, frame, reading.mentions, times.figures, n, disc,
                          rules, anchor, clause=part.clause)
    # a joint statement ("according to both countries' agencies") claims the figure its
    # first frame found: one figure, a claim per claimant
    figures = [found.seen_figures.setdefault((n, f.span), f) for f in stated]
    out.figures = [f for f in figures if any(f is g for g in stated)]
    if frame is None:
        return out
    when = [t for t in reading.times if frame.verb_span[0] <= t.begin < frame.verb_span[1]]
    if frame.accusation:
        told = [r for r in out.events if not r.earlier]
        accused = [r for r in told if r.cls in HOSTILE] or told
        out.accusation = EventRecord(
            "Accusation", frame.rule, 0.8, n, agent=frame.claimant, target=frame.accused,
            time=when[0] if when else None, accusation_of=accused)
    elif frame.verb in _ACCUSING:
        # "Doltaria's Defense Ministry charged that Karvenian troops had shelled its
        # positions": an accusation of the side whose act it alleges
        mine = disc.state_of(frame.claimant)
        accused = [r for r in out.events if not r.earlier and r.cls in HOSTILE
                   and r.agent is not None and disc.state_of(r.agent) is not None
                   and disc.state_of(r.agent) is not mine]
        if accused:
            out.accusation = EventRecord(
                "Accusation", frame.rule, 0.8, n, agent=frame.claimant,
                target=disc.state_of(accused[0].agent), time=when[0] if when else None,
                accusation_of=accused)
    # an accusation claims what it accuses of, not the agreement it names in passing
    # (a speaker's own appeal, "We urge ...", is claimed by no one: see events.find_events)
    claimed = out.accusation.accusation_of if out.accusation is not None else [
        r for r in out.events if not r.earlier and not r.own]
    out.claims.extend((frame, "event", record, n) for record in claimed)
    for figure in figures:
        if frame.accusation:
            figure.frame = None  # an accusation is about acts, not counts
        else:
            out.claims.append((frame, "figure", figure, n))
    return out
