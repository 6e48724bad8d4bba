"""The conflict the article is about: its sides, when it began ("since fighting broke out
two days ago"), the weapons it involves, and the sentences that name it. One node per
pair of states (graph.extract.merge.conflict_iri), built up over the whole article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.rules import Rules, phrase_pattern
from graph.extract.types import ConflictState, Offsets, SentenceReading

_SINCE_BEFORE = re.compile(r"\bsince\s+$")


@dataclass
class ConflictWords:
    """The rule file's words for the conflict as a whole and for its start, compiled."""

    start: re.Pattern[str]
    named: re.Pattern[str]

    @classmethod
    def compile(cls, rules: Rules) -> ConflictWords:
        spec = rules.events["conflict_start"]
        start = re.compile(r"\b" + phrase_pattern(spec["subjects"]) + r"\s+"
                           + phrase_pattern(spec["cues"]) + r"\b", re.IGNORECASE)
        words = next(e for e in rules.events["event"] if e["class"] == "Conflict"
                     and not e.get("background"))
        named = re.compile(r"\b" + phrase_pattern(words["triggers"]) + r"\b", re.IGNORECASE)
        return cls(start, named)


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
    if words.named.search(reading.text, *span) is None:
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
