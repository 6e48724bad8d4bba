"""The mentions stage: one sentence read into its normalised text, its dependency parse
(when the article was annotated), the entities it mentions and its time expressions.

Every entity a sentence mentions is noted in the article's `Discourse`, so that later
sentences can refer back to it ("the two countries", "the ministry")."""

from __future__ import annotations

from typing import Any

from graph.document import Sentence
from graph.extract.entities import recognise
from graph.extract.gazetteer_ner import sentence_names
from graph.extract.grammar import Parse
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.mentions import normalise
from graph.extract.rules import Rules
from graph.extract.timex import TimeContext, find_times, sentence_timexes
from graph.extract.types import SentenceReading


def read_sentence(sentence: Sentence, annotation: Any, disc: Discourse, rules: Rules,
                  clock: TimeContext) -> tuple[SentenceReading, list[Entity]]:
    """The sentence read, and the entities it mentions (in order, with repeats)."""
    text = normalise(sentence.text)
    parse = Parse.from_annotation(annotation, sentence.begin, sentence.end) \
        if annotation is not None else None
    mentions = recognise(text, disc, rules,
                         sentence_names(annotation, sentence.begin, sentence.end))
    named: list[Entity] = []
    for m in mentions:
        for entity in m.entities if m.kind != "pair" else []:
            disc.note(entity, sentence.begin + m.begin)
            named.append(entity)
        if m.cue is not None and m.cue.is_state and m.kind in {"body", "force"}:
            disc.note(m.cue, sentence.begin + m.begin)
            named.append(m.cue)
    times = find_times(text, disc.anchor, rules, clock,
                       sentence_timexes(annotation, sentence.begin, sentence.end))
    return SentenceReading(sentence, text, parse, mentions, times), named
