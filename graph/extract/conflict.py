"""The conflict the article is about: its sides, when it began ("since fighting broke out
two days ago"), the weapons it involves, and the sentences that name it. One node per
pair of states (graph.extract.merge.conflict_iri), built up over the whole article."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.rules import Rules, phrase_pattern
from graph.extract.timex import TimeExpr
from graph.extract.types import ConflictState, Offsets, SentenceReading

_SINCE_BEFORE = re.compile(r"\bsince\s+$")
# a conflict not had: "Cambodia does not want an armed conflict with any neighbour"
_UNWANTED = re.compile(r"\b(?:(?:does|did|do)\s+not|doesn't|didn't|don't|no\s+intention\s+of|"
                       r"never)\s+(?:want|wanted|seek|sought|start|starting|enter|entering)"
                       r"\b[^.;]{0,25}$|\b(?:avoid|avert|prevent)\w*\s+(?:an?\s+|any\s+)?"
                       r"(?:[\w\-]+\s+)?$", re.IGNORECASE)


@dataclass
class ConflictWords:
    """The rule file's words for the conflict as a whole and for its start, compiled."""

    start: re.Pattern[str]
    named: re.Pattern[str]
    # how far a past war's date may stand from the word (the past-war rule's windows)
    gap: int = 12
    wide: int = 40

    @classmethod
    def compile(cls, rules: Rules) -> ConflictWords:
        spec = rules.events["conflict_start"]
        start = re.compile(r"\b" + phrase_pattern(spec["subjects"]) + r"\s+"
                           + phrase_pattern(spec["cues"]) + r"\b", re.IGNORECASE)
        words = next(e for e in rules.events["event"] if e["class"] == "Conflict"
                     and not e.get("background"))
        named = re.compile(r"\b" + phrase_pattern(words["triggers"]) + r"\b", re.IGNORECASE)
        past = past_war_spec(rules)
        return cls(start, named, past["time_within"],
                   past.get("coarse_time_within", past["time_within"]))


@lru_cache(maxsize=4)
def conflict_words(rules: Rules) -> ConflictWords:
    """The conflict words of `rules`, compiled once (rules are compiled once per process)."""
    return ConflictWords.compile(rules)


def past_war_spec(rules: Rules) -> dict:
    return next(e for e in rules.events["event"] if e["class"] == "Conflict"
                and e.get("background"))


# a conflict dated this long before the report is a past one, not the one reported on
_PAST = dt.timedelta(days=30)


def past_date(text: str, times: list[TimeExpr], trigger: Offsets, anchor: dt.date,
              words: ConflictWords) -> TimeExpr | None:
    """The date of a past conflict the words at `trigger` name ("in a similar conflict on
    the border in April last year", "a conflict that killed scores of people in 2021"):
    a time beside them, or a year or month later in their clause, that ended well before
    the report. Such a conflict is an event of its own, not the one the article is
    about."""
    return next((t for t in times if not t.duration and t.stop < anchor - _PAST
                 and dates_war(text, t, trigger, words.gap, words.wide)), None)


def dates_war(text: str, t: TimeExpr, trigger: Offsets, gap: int, wide: int) -> bool:
    """`t` dates the war named at `trigger`: it stands within `gap` characters of it, or is
    a year, month or season later in its clause, within `wide` ("fought a war over the
    region from 1991 to 1994", "a brief border war in 1964")."""
    b, e = trigger
    return (b - gap <= t.end and t.begin <= e + gap) or (
        t.precision in {"Year", "Month", "Season"} and e <= t.begin <= e + wide
        and not re.search(r"[,;]", text[e:t.begin]))


def note_start(reading: SentenceReading, conflict: ConflictState, words: ConflictWords
               ) -> set[int]:
    """Record when the conflict began; return the offsets of times that date only the
    start ("since fighting broke out two days ago"), not a clash of their own ("Clashes
    broke out on Thursday" is both)."""
    text, starts = reading.text, set()
    for cue in words.start.finditer(text):
        after = [t for t in reading.times if t.begin >= cue.end() and t.begin - cue.end() < 25]
        if not after:
            continue
        if _SINCE_BEFORE.search(text[:cue.start()]):
            starts.add(after[0].begin)
        if conflict.start is None:
            conflict.start, conflict.start_sentence = after[0], reading.n
    return starts


def note_named(reading: SentenceReading, span: Offsets, conflict: ConflictState,
               words: ConflictWords, weapons: list[tuple[int, int, str]], disc: Discourse
               ) -> None:
    """A span that names the conflict ("in an escalating border conflict"): its sentence
    supports the conflict node, its two states are the sides, "involving tanks" its
    weapons. A claim may name it too."""
    named = [m for m in words.named.finditer(reading.text, *span)
             if past_date(reading.text, reading.times, m.span(), disc.anchor, words) is None
             and not _UNWANTED.search(reading.text, max(0, m.start() - 40), m.start())]
    if not named:
        return
    conflict.sentences.add(reading.n)
    states: list[Entity] = []
    for m in reading.mentions:
        if span[0] <= m.begin < span[1]:
            for e in m.entities:
                state = disc.state_of(e)
                if state is not None and state.iri not in {s.iri for s in states}:
                    states.append(state)
    if len(states) >= 2 and not conflict.participants:
        conflict.participants = states[:2]
    if re.search(r"\binvolving\b|\bwith\b", reading.text[span[0]:span[1]]):
        conflict.weapons.extend(w for b, e, w in weapons if span[0] <= b < span[1])
