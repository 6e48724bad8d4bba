"""The clauses-and-frames stage: a sentence cut into clauses, each clause into the parts
attribution frames claim ("Armenia's Defence Ministry said [Azerbaijani troops had
shelled ...]") and the parts in the article's own voice. Events and figures are then
looked for span by span, so that each knows who, if anyone, claims it."""

from __future__ import annotations

from graph.extract.claims import Frame, clauses, find_frames
from graph.extract.linking import Discourse
from graph.extract.rules import Rules
from graph.extract.types import Framing, Offsets, SentenceReading, Span


def frame_sentence(reading: SentenceReading, disc: Discourse, rules: Rules) -> Framing:
    """Clauses, frames and the spans between them, in the order of the text."""
    out = Framing()
    text = reading.text
    for clause in clauses(text):
        frames = find_frames(text, clause, reading.mentions, disc, rules)
        out.frames.extend(frames)
        out.spans.extend(Span(f.content, clause, f) for f in frames)
        out.spans.extend(Span(s, clause) for s in free_spans(clause, frames))
    return out


def free_spans(clause: Offsets, frames: list[Frame]) -> list[Offsets]:
    """Parts of a clause no frame claims or reports with: the article's own voice."""
    cuts = sorted({span for f in frames for span in (f.content, f.verb_span)})
    spans, pos = [], clause[0]
    for b, e in cuts:
        if b > pos:
            spans.append((pos, b))
        pos = max(pos, e)
    if pos < clause[1]:
        spans.append((pos, clause[1]))
    return spans
