"""Events from trigger words (graph/rules/events.toml), with their roles filled from the
mentions around the trigger: agent before, target after, participants for talks and
agreements, place, time, weapons, status and count. Inside an attribution frame the event
is claimed by the frame's source, and an accusation's accused party is the agent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.extract.claims import Frame, hearsay
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.mentions import Mention
from graph.extract.rules import Rules
from graph.extract.timex import TimeExpr

HOSTILE = {"ArmedClash", "Shelling", "SmallArmsFire", "Occupation", "CeasefireViolation",
           "TroopBuildUp"}
BILATERAL = {"CeasefireAgreement", "Talks", "Meeting"}
_PLACE_PREP = re.compile(r"\b(?:in|at|near|outside|inside|of|into|across)\s+(?:the\s+|its\s+|"
                         r"their\s+)?(?:\w+ern\s+)?$", re.IGNORECASE)
_NUMBER = re.compile(r"\b(\w+)\s+(?:previous\s+|prior\s+|earlier\s+|separate\s+|more\s+|"
                     r"other\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)
_SOURCE_PRONOUN = re.compile(r"\b(?:its|their|his|her|they|it)\b", re.IGNORECASE)
_SINGULAR_POSSESSIVE = re.compile(r"\b(?:its|his|her)\b", re.IGNORECASE)


@dataclass
class EventRecord:
    """An event as one sentence states it, before merging across sentences and articles."""

    cls: str
    rule: str
    confidence: float
    sentence: int
    agent: Entity | None = None
    target: Entity | None = None
    participants: list[Entity] = field(default_factory=list)
    place: Entity | None = None
    time: TimeExpr | None = None
    weapons: list[str] = field(default_factory=list)
    status: str = "Occurred"
    count: int | None = None
    frame: Frame | None = None
    claimed: bool = False
    accusation_of: list[EventRecord] = field(default_factory=list)
    iri: str = ""
    trigger: tuple[int, int] = (0, 0)
    also: list[int] = field(default_factory=list)  # later sentences that repeat it


def _actor_mentions(mentions: list[Mention], begin: int, end: int) -> list[Mention]:
    return [m for m in mentions if begin <= m.begin and m.end <= end and
            (m.kind == "pair" or (m.entity is not None and m.entity.is_actor))]


@lru_cache(maxsize=2)
def _status_patterns(rules: Rules) -> list[tuple[str, re.Pattern[str]]]:
    return [(status, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b",
                                re.IGNORECASE))
            for status, words in rules.events["status"].items()]


def _status(text: str, begin: int, end: int, trig: tuple[int, int], rules: Rules) -> str:
    window = text[max(begin, trig[0] - 25):min(end, trig[1] + 45)]
    for status, pattern in _status_patterns(rules):
        if pattern.search(window):
            return status
    return "Occurred"


def _count(text: str, begin: int, trig: int, rules: Rules) -> int | None:
    m = _NUMBER.search(text[begin:trig])
    if not m:
        return None
    word = m.group(1).lower()
    if word.isdigit():
        return int(word)
    value = rules.casualties["numbers"].get(word)
    return int(value) if value and value > 1 else None


def _place(text: str, mentions: list[Mention], begin: int, end: int,
           used: set[str]) -> Entity | None:
    """The most specific named place the clause puts the event in."""
    best: Entity | None = None
    for m in mentions:
        if not (begin <= m.begin and m.end <= end) or m.entity is None or not m.entity.is_place:
            continue
        if m.kind in {"body", "force", "demonym", "capital"} or m.entity.iri in used:
            continue
        if not _PLACE_PREP.search(text[max(begin, m.begin - 40):m.begin]):
            continue
        if text.startswith("'s", m.end):
            continue
        if best is None or (best.is_state and not m.entity.is_state):
            best = m.entity
    return best


def _time(times: list[TimeExpr], begin: int, end: int, trig: int,
          skip: set[int], text: str = "") -> TimeExpr | None:
    # "since independence in 1991" dates a period's start, not the event
    inside = [t for t in times if begin <= t.begin and t.end <= end and not t.duration
              and t.begin not in skip
              and not (text and _SINCE.search(text[max(begin, t.begin - 40):t.begin]))]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.begin - trig))


def find_events(text: str, span: tuple[int, int], frame: Frame | None,
                mentions: list[Mention], times: list[TimeExpr], weapons: list[tuple[int, int, str]],
                sentence: int, disc: Discourse, rules: Rules, *,
                conflict_starts: set[int], speech: set[int] | None = None) -> list[EventRecord]:
    """The events triggered inside `span` (a clause, or a frame's claimed content)."""
    begin, end = span
    state_of = disc.state_of
    hits = [(b, e, spec) for b, e, spec in rules.triggers.find(text, begin, end)]
    span_weapons = [w for b, e, w in weapons if begin <= b and e <= end]
    classes_here = {spec["class"] for _, _, spec in hits if not spec.get("needs")}
    records: dict[str, EventRecord] = {}
    claimed = frame is not None or hearsay(text, span, rules)
    for b, e, spec in hits:
        cls = spec["class"]
        if spec.get("needs") == "weapon":
            if not any(b < wb <= e + 60 for wb, _, _ in weapons if wb < end):
                continue
            if classes_here & HOSTILE:
                continue  # "using heavy weaponry to shell": the shelling is the event
        if spec.get("needs") == "time" and not (frame is not None and frame.accusation):
            near = [t for t in times if begin <= t.begin < end and not t.duration
                    and t.begin not in conflict_starts and t.begin not in (speech or set())
                    and not _SINCE.search(text[max(begin, t.begin - 40):t.begin])]
            if not near or cls in records:
                continue
            # "urged a cessation of hostilities": the object of another event, not one
            if any(0 < b - oe <= 30 for ob, oe, o in hits if not o.get("needs")):
                continue
        if cls == "Conflict":
            continue  # the conflict as a whole is handled once per article
        record = records.get(cls)
        if record is None:
            record = EventRecord(cls, spec["id"], 0.7, sentence, frame=frame, claimed=claimed,
                                 trigger=(b, e))
            records[cls] = record
        else:
            continue
        roles = spec.get("roles", "agent-target")
        before = [m for m in _actor_mentions(mentions, begin, b)]
        after = [m for m in _actor_mentions(mentions, e, end)]
        used: set[str] = set()
        record.place = _place(text, mentions, begin, end, set())
        if record.place is not None:
            used.add(record.place.iri)
        if roles in {"agent-target", "agent"}:
            agent = _agent(text, before, frame, begin, b, disc)
            record.agent = agent
            if agent is not None:
                used.add(agent.iri)
        if record.agent is None and roles in {"agent-target", "agent"}:
            # passive: "an outpost was shelled by Tajik forces"
            by = re.match(r"\s+(?:\w+\s+){0,4}?by\s+(?:the\s+)?", text[e:end])
            agent_m = next((m for m in after if by and m.begin == e + by.end()
                            and m.entity is not None), None)
            if agent_m is not None and agent_m.entity is not None:
                record.agent = agent_m.entity
                used.add(agent_m.entity.iri)
                after = [m for m in after if m is not agent_m]
        if roles == "agent-target":
            record.target = _target(text, record.agent, after, frame, e, end, mentions, disc)
            if record.target is not None:
                used.add(record.target.iri)
        if roles in {"participants", "agent"}:
            # an agent's addressees come after the trigger ("urged X and Y to ...")
            pool = before + after if roles == "participants" else after
            record.participants = _participants(text, pool, frame if roles == "participants"
                                                else None, begin, end, disc, exclude=used)
            if roles == "agent" and cls == "Appeal" and not record.participants:
                record.participants = [s for s in disc.pair()
                                       if record.agent is None or
                                       s.iri != (state_of(record.agent) or record.agent).iri]
            used.update(p.iri for p in record.participants)
        if record.target is None and roles == "agent-target" and record.place is not None:
            owner = state_of(record.place)
            if owner is not None and (record.agent is None or
                                      owner.iri != (state_of(record.agent) or owner).iri):
                record.target = owner
        record.time = _time(times, begin, end, b, conflict_starts | (speech or set()), text)
        if record.time is None and frame is not None and frame.accused is None:
            record.time = _time(times, frame.verb_span[0], frame.verb_span[1], b,
                                conflict_starts)
        record.weapons = list(dict.fromkeys(span_weapons))
        record.status = _status(text, begin, end, (b, e), rules)
        if record.time is not None and record.time.start > disc.anchor and \
                record.status == "Occurred":
            record.status = "Planned"  # "talks next week": not yet happened
        if cls in {"CeasefireAgreement", "CeasefireViolation", "Meeting", "Talks"}:
            record.count = _count(text, begin, b, rules)
        if spec.get("needs") == "time" and not record.participants:
            record.participants = disc.pair()
        if cls in BILATERAL and len({(state_of(p) or p).iri for p in record.participants}) < 2:
            # "two cease-fire agreements have failed": between the sides of the conflict
            known = {(state_of(p) or p).iri for p in record.participants}
            record.participants += [s for s in disc.pair() if s.iri not in known]
        if frame is not None and record.agent is not None and frame.accused is None:
            record.confidence = 0.65
    return list(records.values())


def _agent(text: str, before: list[Mention], frame: Frame | None, begin: int, trig: int,
           disc: Discourse) -> Entity | None:
    if frame is not None and frame.accused is not None:
        return frame.accused
    # a pronoun right before the trigger points back to the source ("they were evacuating")
    head = text[begin:trig]
    candidates = [m for m in before if m.kind != "pair" and m.entity is not None
                  and not text.startswith("'s", m.end)]
    pronoun = None
    for p in _SOURCE_PRONOUN.finditer(head):
        pronoun = p
    if frame is not None and pronoun is not None and (
            not candidates or candidates[-1].end < begin + pronoun.start()):
        return frame.claimant
    if candidates:
        return candidates[-1].entity
    # "Moscow, which urged": the antecedent of a relative pronoun
    which = re.search(r"(\S+),\s+which\s+$", text[:trig])
    if which:
        return None
    return None


def _target(text: str, agent: Entity | None, after: list[Mention], frame: Frame | None,
            trig_end: int, end: int, mentions: list[Mention], disc: Discourse) -> Entity | None:
    agent_state = disc.state_of(agent) if agent else None
    for m in after:
        if m.kind == "pair" or m.entity is None:
            continue
        state = disc.state_of(m.entity)
        if agent_state is not None and state is not None and state.iri == agent_state.iri:
            continue
        return m.entity
    tail = text[trig_end:end]
    if frame is not None and re.search(r"\b(?:its|their)\b", tail, re.IGNORECASE):
        return disc.state_of(frame.claimant) or frame.claimant
    if frame is not None and frame.accused is not None:
        return frame.claimant  # "X accused Y of shelling": X's side was shelled
    claimant_state = disc.state_of(frame.claimant) if frame is not None else None
    if claimant_state is not None and agent_state is not None and \
            claimant_state.iri != agent_state.iri:
        return claimant_state  # a side reporting the other's attack reports it on itself
    return None


def _participants(text: str, actors: list[Mention], frame: Frame | None, begin: int, end: int,
                  disc: Discourse, exclude: set[str]) -> list[Entity]:
    found: dict[str, Entity] = {}
    for i, m in enumerate(actors):
        if re.match(r"\s+summits?\b", text[m.end:m.end + 10]):
            continue  # "the SCO summit": the host organisation, not a participant
        nxt = actors[i + 1] if i + 1 < len(actors) else None
        if m.kind in {"demonym", "name"} and nxt is not None and nxt.entity is not None \
                and m.entity is not None and disc.state_of(nxt.entity) is m.entity \
                and not re.search(r",|\band\b", text[m.end:nxt.begin]):
            continue  # "Kyrgyz President Sadyr Japarov": the demonym qualifies the person
        for entity in m.entities:
            if entity.iri not in exclude:
                found.setdefault(entity.iri, entity)
    if frame is not None and _SINGULAR_POSSESSIVE.search(text[begin:end]):
        found.setdefault(frame.claimant.iri, frame.claimant)  # "its leadership was in touch"
    # "in talks with his Tajik counterpart": the demonym names the other side
    return list(found.values())


def attach_relative_agents(text: str, records: list[EventRecord], mentions: list[Mention]
                           ) -> None:
    """"Moscow, which urged ...": the agent is the mention before ", which"."""
    for record in records:
        if record.agent is not None:
            continue
        m = re.search(r",\s+which\s+(?:\w+\s+){0,2}$", text[:record.trigger[0]])
        if not m:
            continue
        antecedent = [x for x in mentions if x.end <= m.start() and x.entity is not None]
        if antecedent and antecedent[-1].end == m.start():
            record.agent = antecedent[-1].entity
