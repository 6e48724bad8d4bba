"""Deterministic IRIs for what the extractor finds, from the defining parts of each thing
(type, participants' states, place, resolved date, status), never from article order: the
same event reported by two articles, or twice in one, gets one IRI. Also the small
coreference step that folds an under-specified repeat ("their attacks") into the event
the article described before."""

from __future__ import annotations

import datetime as dt

from graph.extract.casualties import Figure
from graph.extract.events import GENERIC_ATTACKS, HOSTILE
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.timex import TimeExpr
from graph.extract.types import EventRecord
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


def fold_into(records: list[EventRecord], events: list[EventRecord], disc: Discourse
              ) -> list[EventRecord]:
    """The article's node for each of `records`: the earlier event it repeats (which
    takes what the repeat adds, see `absorb`), or the record itself, added to `events`.
    A record that can only refer back ("that attack") and has nothing to refer to is
    dropped. An appeal of the same span refers to an agreement the span names as
    existing ("urged both sides to stick to the ceasefire")."""
    out: list[EventRecord] = []
    referred: list[EventRecord] = []
    for record in records:
        earlier = fold_repeat(record, events, disc)
        alleged = earlier is not None and _names_whom_the_article_did_not(earlier, record)
        if alleged:
            earlier = None  # the side's version of the act stands as its own event
        if earlier is None and record.anaphoric and not alleged:
            continue  # "denied any role in that attack": an event the article did not state
        if earlier is None:
            events.append(record)
            node = record
        else:
            absorb(earlier, record)
            node = earlier
        out.append(node)
        if record.reference:
            referred.append(node)
    for node in out:
        if node.cls == "Appeal":
            node.refers_to += [r for r in referred if r not in node.refers_to]
    return out


def fold_repeat(record: EventRecord, previous: list[EventRecord], disc: Discourse
                ) -> EventRecord | None:
    """The earlier event of the article that `record` states again, if any. A repeat
    has the same type and count and no part that differs (agent, target, place, day,
    status, sides) and is one of:
    - the same act told again with its sides: lead and body ("killed in overnight
      shelling by Azerbaijani forces" ... "Azerbaijani troops had shelled Armenian
      positions"), unless one of them is what a mutual accusation alleges;
    - an event named again with a definite article or possessive ("the truce collapsed"
      after "brokered a ceasefire", "in their attacks");
    - a hostile act by the same agent with nothing of its own (no target, place, time);
    - a past war, or an earlier event a period is measured from, dated the same ("the
      2020 war", "fought a war in 2020")."""
    if record.cls == "Accusation":
        return None  # one per act of accusing; what is alleged is folded on its own
    if not record.claimed and not record.mutual and record.trigger != (0, 0):
        # the same words read again for a second reporter of a joint statement ("...,
        # both sides said"): one event
        same = next((e for e in previous if e.sentence == record.sentence
                     and e.trigger == record.trigger and e.cls == record.cls
                     and not e.claimed and _no_conflict(e, record, disc)), None)
        if same is not None:
            return same
    if (record.definite or record.anaphoric) and _bare(record) and \
            record.rule in GENERIC_ATTACKS and not record.participants:
        # "condemned the attack": the article's first attack, whatever it was called
        # ("North Korea shelled the island ... Washington condemned the attack")
        # (an attack, not a build-up: "the raid" after "kept moving troops")
        first = next((e for e in previous if e.cls in HOSTILE and e.cls != "TroopBuildUp"
                      and not e.earlier and not e.mutual and _directed(e)), None)
        if first is not None:
            return first
    if (record.definite or record.anaphoric) and record.rule in GENERIC_ATTACKS and \
            not record.participants and not record.mutual:
        # "Hamdok condemned the attack and said Sudan would ...", "the strike killed two
        # children": a part the sentence around it gave the reference does not make it a
        # new attack, as long as it does not contradict the first one
        first = next((e for e in previous if e.cls == record.cls and not e.earlier
                      and not e.mutual and _directed(e) and _no_conflict(e, record, disc)),
                     None)
        if first is None and record.agent is None:
            # "handed the ambassador in Lagos a note describing the attack as barbaric":
            # where and when the sentence puts its other acts do not make "the attack" new
            first = next((e for e in previous if e.cls == record.cls and not e.earlier
                          and not e.mutual and _directed(e)
                          and _compatible(e.target, record.target, disc)
                          and not _other_tellers(e, record, disc)), None)
        if first is not None:
            return first
    if (record.definite or record.anaphoric) and record.rule in _GENERIC_FIGHTING and \
            record.agent is None and record.target is None and record.place is None:
        # "the shooting stopped by midday", "the fighting", "the gunfight" after the
        # clash was told: that clash, whatever its sides
        told = [e for e in previous if e.cls == record.cls and not e.earlier
                and not e.mutual and _compatible_time(e, record)]
        # a dated "the fighting erupted on Saturday" names a directed act told before
        # only if it adds no time of its own
        first = next((e for e in told if not _directed(e)),
                     told[0] if told and record.time is None else None)
        if first is not None:
            return first
    for earlier in reversed(previous):
        if _compatible_parts(earlier, record, disc) and _repeats(earlier, record, disc,
                                                                  previous):
            return earlier
    if record.cls in HOSTILE and record.agent is None and not record.participants \
            and not record.mutual and not record.earlier and (
                not record.claimed or _same_teller(record, previous, disc)):
        # "was killed when a rocket struck the school", "about 170 shells were fired at
        # the island": an act told again with its agent left out, what it hit or where
        # agreeing with one told before
        # (a dated act is not one told before without a date: "after a suicide bombing on
        # February 14 killed 40 policemen" is no part of this morning's strikes)
        same = next((e for e in reversed(previous) if e.cls == record.cls and not e.earlier
                     and e.agent is not None and _no_conflict(e, record, disc)
                     and (record.time is None or e.time is not None)), None)
        if same is not None:
            return same
    return None


# rules whose trigger names fighting in general ("the fighting", "the shooting", "the
# exchange of fire"): definite, they name the clash told before
_GENERIC_FIGHTING = {"event.clash", "event.exchange-of-fire", "event.small-arms-fire"}


def stated_again(record: EventRecord, events: list[EventRecord], disc: Discourse
                 ) -> EventRecord | None:
    """The first of `events` that `record` (a headline's) names: same class, a side in
    common and none contradicting."""
    if not _directed(record):
        # "Three Armenian soldiers killed in border shootout with Azerbaijan": a fight
        # between sides names the body's fight between the same sides
        sides = {_state_key(p, disc) for p in record.participants}
        if len(sides) < 2:
            return None
        return next((e for e in events if e.cls == record.cls and not _directed(e)
                     and not e.earlier and not e.mutual and sides <= {
                         _state_key(p, disc) for p in e.participants}), None)
    return next((e for e in events if e.cls == record.cls and _directed(e)
                 and not e.earlier and not e.mutual and _no_conflict(e, record, disc)
                 and (record.agent is None or e.agent is not None)
                 and (record.target is None or e.target is not None)), None)


def _compatible_time(a: EventRecord, b: EventRecord) -> bool:
    return a.time is None or b.time is None or not (
        a.time.start > b.time.stop or b.time.start > a.time.stop)


def _repeats(a: EventRecord, b: EventRecord, disc: Discourse,
             previous: list[EventRecord]) -> bool:
    if a.agent is not None and b.agent is not None and a.target is not None \
            and b.target is not None:
        # what each side of a mutual accusation alleges stands apart from the acts the
        # article tells in its own voice ("accused each other of using tanks" ... "X
        # opened fire on Y"), but is that side's own account told before, if one is
        # ("the Kyrgyz service said Tajik troops fired first" ... "Bishkek and Dushanbe
        # blamed each other for the shooting": tests/gold/FORMAT.md, mutual statements)
        if not (a.mutual or b.mutual) or a.frame is b.frame:
            return True
        # (an account after the blame that dates its act tells an act of its own:
        # "earlier accused each other of using tanks" ... "once again opened fire early on
        # Friday")
        # (unless the blame's own sentence dated the act and the account's time falls in
        # it: "exchanged fire on Tuesday night, and the two sides blamed each other" ...
        # "had fired at Tajik border guards at about 11 p.m.")
        if a.mutual == b.mutual or (a.mutual and b.time is not None
                                    and not _dated_by_sentence(a, b, previous)):
            return False
        return a.frame is not None and b.frame is not None and a.claimed and b.claimed \
            and _state_key(a.frame.claimant, disc) == _state_key(b.frame.claimant, disc)
    if b.definite or b.reference or b.anaphoric:
        return True
    if a.cls == "CeasefireAgreement" and not _directed(a) and not _directed(b):
        return True  # the sides' ceasefire named again ("agreed to a full ceasefire")
    if b.cls in HOSTILE and b.agent is not None and b.target is None and b.place is None \
            and b.time is None:
        return True
    return (b.cls == "Conflict" or (a.earlier and b.earlier)) and a.time is not None \
        and b.time is not None and a.time.start == b.time.start \
        and a.time.stop == b.time.stop


def _dated_by_sentence(a: EventRecord, b: EventRecord, previous: list[EventRecord]) -> bool:
    """`b`'s time falls within the time an act of `a`'s sentence was dated by."""
    return b.time is not None and any(
        e.sentence == a.sentence and e.time is not None and e.cls == a.cls
        and e.time.start <= b.time.start and b.time.stop <= e.time.stop for e in previous)


def _compatible_parts(a: EventRecord, b: EventRecord, disc: Discourse) -> bool:
    if a.cls != b.cls or (a.count or None) != (b.count or None):
        return False
    if _other_tellers(a, b, disc):
        return False  # each side's own account of an act is a claim of its own
    if not (_compatible(a.agent, b.agent, disc) and _compatible(a.target, b.target, disc)):
        return False
    # a participants-only event ("hostilities between the two") is not a directed act
    if _directed(a) != _directed(b) and (a.participants or b.participants):
        return False
    if a.place is not None and b.place is not None and a.place.iri != b.place.iri:
        return False
    if not _compatible_time(a, b):
        return False
    if a.status != b.status and not (a.cls in {"CeasefireAgreement"} and {
            a.status, b.status} <= {"Occurred", "Failed"}):
        return False
    sides_a = {_state_key(p, disc) for p in a.participants}
    sides_b = {_state_key(p, disc) for p in b.participants}
    return not (sides_a and sides_b and not (sides_a <= sides_b or sides_b <= sides_a))


def _same_teller(record: EventRecord, previous: list[EventRecord], disc: Discourse) -> bool:
    """A claimed act told again by the side that told it just before ("An Armenian soldier
    was killed by Azerbaijani fire, the ministry said ... He was hit by a sniper's bullet
    near Verin Shorzha, the ministry said")."""
    # (the last of its class: "accused Togolese troops of shelling Aflao ... It said mortar
    # bombs had hit the market", an accusation and its claims recorded in between)
    last = next((e for e in reversed(previous) if e.cls == record.cls), None)
    return last is not None and last.claimed and \
        last.frame is not None and record.frame is not None and \
        _state_key(last.frame.claimant, disc) == _state_key(record.frame.claimant, disc)


def _directed(record: EventRecord) -> bool:
    return record.agent is not None or record.target is not None


def _no_conflict(a: EventRecord, b: EventRecord, disc: Discourse) -> bool:
    """No part of `b` contradicts `a`, nor does its teller (each side's own account of an
    act is a claim of its own)."""
    return _compatible(a.agent, b.agent, disc) and _compatible(a.target, b.target, disc) \
        and (a.place is None or b.place is None or a.place.iri == b.place.iri) \
        and _compatible_time(a, b) and not _other_tellers(a, b, disc)


def _other_tellers(a: EventRecord, b: EventRecord, disc: Discourse) -> bool:
    return a.frame is not None and b.frame is not None and a.claimed and b.claimed and \
        a.cls in HOSTILE and _directed(a) and _directed(b) and \
        _state_key(a.frame.claimant, disc) != _state_key(b.frame.claimant, disc)


def _names_whom_the_article_did_not(earlier: EventRecord, record: EventRecord) -> bool:
    """A side's accusation names the agent of an act the article tells without one ("an
    ambush killed four Sudanese soldiers ... Khartoum blamed the attack on Ethiopian
    forces"): the side's version is a claimed event of its own, the article's stays as
    told (a fact is not made out of a claim)."""
    return record.claimed and record.agent is not None and earlier.agent is None \
        and not earlier.claimed and earlier.cls in HOSTILE and record.frame is not None \
        and record.frame.accusation


def _bare(record: EventRecord) -> bool:
    return record.agent is None and record.target is None and record.place is None \
        and record.time is None


def _compatible(x: Entity | None, y: Entity | None, disc: Discourse) -> bool:
    return x is None or y is None or _state_key(x, disc) == _state_key(y, disc)


def absorb(earlier: EventRecord, record: EventRecord) -> None:
    """`earlier` takes what the repeat adds: a part it lacked, weapons, participants, a
    status the repeat states ("the truce collapsed"), the repeat's sentence as support."""
    earlier.agent = earlier.agent or record.agent
    earlier.target = earlier.target or record.target
    earlier.place = earlier.place or record.place
    if earlier.time is None and record.time is not None:
        earlier.time, earlier.time_sentence = record.time, record.time_sentence \
            if record.time_sentence is not None else record.sentence
    earlier.weapons = list(dict.fromkeys(earlier.weapons + record.weapons))
    if len(earlier.participants) < 2:
        # the first statement's sides stand; a repeat names others in passing ("after
        # talks mediated by Washington")
        known = {p.iri for p in earlier.participants}
        sides = {x.iri for x in (earlier.agent, earlier.target) if x is not None}
        sides |= {x.state for x in (earlier.agent, earlier.target) if x is not None
                  and x.state}
        earlier.participants += [p for p in record.participants if p.iri not in known
                                 and not (p.iri in sides or p.state in sides)]
    if earlier.status == "Occurred" and record.status in {"Failed", "Ongoing"}:
        earlier.status = record.status
    # the article's own statement of an act makes it a fact; its naming the act again
    # with nothing of its own ("the attack", "its offensive") presupposes the act, it does
    # not state it (a dated "the September 18 attack on Uri" does)
    earlier.claimed = earlier.claimed and (record.claimed or (
        (record.definite or record.anaphoric) and record.time is None
        and record.place is None))
    earlier.reference = earlier.reference and record.reference
    earlier.confidence = max(earlier.confidence, record.confidence)
    earlier.refers_to += [r for r in record.refers_to if r not in earlier.refers_to]
    if record.sentence != earlier.sentence and record.sentence not in earlier.also:
        earlier.also.append(record.sentence)
