"""The clauses-and-frames stage: a sentence cut into clauses, each clause into the parts
attribution frames claim ("Armenia's Defence Ministry said [Azerbaijani troops had
shelled ...]") and the parts in the article's own voice. Events and figures are then
looked for span by span, so that each knows who, if anyone, claims it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from graph.extract.claims import Frame, clauses, find_frames
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.rules import Rules, phrase_pattern
from graph.extract.types import Framing, Offsets, SentenceReading, Span


def frame_sentence(reading: SentenceReading, disc: Discourse, rules: Rules) -> Framing:
    """Clauses, frames and the spans between them, in the order of the text."""
    out = Framing()
    text = reading.text
    before: tuple[Offsets, list[Frame]] | None = None
    for clause in clauses(text, rules):
        frames = _appeal_after(text, _denied_after(text, find_frames(
            text, clause, reading.mentions, disc, rules, reading.parse), rules))
        if not frames and before is not None:
            frames = _continued(text, clause, *before, rules.reporting["say"]["id"])
        before = (clause, frames)
        out.frames.extend(frames)
        out.spans.extend(Span(f.content, clause, f, mutual=_mutual(f, frames),
                              joint=_joint(f, frames)) for f in frames)
        out.spans.extend(Span(s, clause, actor=_coordinated_actor(s, frames, text))
                         for s in free_spans(clause, frames, text))
    return out


_WHILE = re.compile(r",\s+(?:while|whereas)\s+")


def _continued(text: str, clause: Offsets, previous: Offsets, frames: list[Frame],
               say_rule: str) -> list[Frame]:
    """"The radio said Indian units had crossed the border, while Indian jets attacked the
    airfields": a clause joined by "while" to a report that runs to it, with no reporter
    of its own, is more of what the reporter said."""
    if not _WHILE.fullmatch(text, previous[1], clause[0]):
        return []
    lead = [f for f in frames if not f.accusation and f.rule == say_rule
            and f.verb_span[1] <= f.content[0]
            and f.content[1] >= len(text[:previous[1]].rstrip(' ,"'))]
    return [replace(lead[0], content=clause)] if len(lead) == 1 else []


_AND = re.compile(r",?\s+and\s+(?:also\s+|then\s+|\w+ly\s+)?[a-z]")


@lru_cache(maxsize=2)
def _coordinated_denial(rules: Rules) -> re.Pattern[str]:
    return re.compile(r",?\s+(?:and|but)\s+(?:also\s+|flatly\s+|strongly\s+)?(?:"
                      + phrase_pattern(rules.reporting["deny"]["verbs"]) + r")\b",
                      re.IGNORECASE)


def _denied_after(text: str, frames: list[Frame], rules: Rules) -> list[Frame]:
    """"X said the men had lost their way in fog, and denied that its guards had opened
    fire": the report ends where the denial begins; what is denied is claimed by nobody
    (a frame with nothing claimed that takes the words out of the article's own voice)."""
    out = []
    spec = rules.reporting["deny"]
    for f in frames:
        m = _coordinated_denial(rules).search(text, f.content[0], f.content[1]) \
            if f.verb != spec["lemma"] else None
        if m is None:
            out.append(f)
            continue
        end = f.content[1]
        f.content = (f.content[0], m.start())
        out += [f, Frame(f.claimant, spec["lemma"], spec["id"], (end, end), (m.start(), end))]
    return out


# "..., and asked Russia to help", "... and urged the council to act": a second predicate
# of the reporter, an act of its own
_AND_APPEAL = re.compile(r",?\s+and\s+(?:also\s+|then\s+|later\s+)?(?:asked|urged|called\s+on|"
                         r"called\s+upon|appealed\s+to|requested)\s+(?=[A-Z]|the\b)")


def _appeal_after(text: str, frames: list[Frame]) -> list[Frame]:
    """"Armenia said one of its soldiers had been killed ..., and asked Russia to help
    defend its territory": the report ends where its reporter's appeal begins; the appeal
    is the reporter's act, in the article's voice."""
    for f in frames:
        if f.content[0] < f.verb_span[1]:
            continue
        # ("accused Kenya of a campaign of terror and called on the OAU to send observers":
        # an accusation ends where its accuser's appeal begins too)
        m = _AND_APPEAL.search(text, f.content[0], f.content[1])
        if m is not None and text.count('"', f.content[0], m.start()) % 2 == 0:
            f.content = (f.content[0], m.start())
    return frames


def _coordinated_actor(span: Offsets, frames: list[Frame], text: str) -> Entity | None:
    """The claimant whose report ends where this span starts with "and <verb>": the
    span's predicate shares the report's subject."""
    for f in frames:
        if f.content[1] == span[0] and _AND.match(text, span[0]) and (
                not f.accusation or _AND_APPEAL.match(text, span[0])):
            return f.claimant
        adjunct = _REPORT_ADJUNCT.match(text, span[0]) if f.verb_span[1] == span[0] else None
        if f.verb_span[1] <= span[0] and _REPORT_ADJUNCT.fullmatch(
                text, f.verb_span[1], span[0]) and _ING_CLAUSE.match(
                    text, adjunct.end() if adjunct else span[0]):
            # "..., it said, calling on Yerevan to refrain from ...", "... said in a
            # statement, calling on Thailand and Cambodia to end the hostilities"
            return f.claimant
    return None


# what may stand between a reporting verb and its participle clause: "in a statement",
# "on Tuesday", "late on Friday"
_REPORT_ADJUNCT = re.compile(r"(?:\s+(?:in|on|at|late|early|later|earlier)\b[^,;]{0,40})?"
                             r"[\s,]*")
# a participle clause right after a reporter ("..., it said, calling on ...")
_ING_CLAUSE = re.compile(r"[\s,]*(?:[a-z]+ly\s+)?[a-z]+ing\b")


def free_spans(clause: Offsets, frames: list[Frame], text: str = "") -> list[Offsets]:
    """Parts of a clause no frame claims or reports with: the article's own voice. A
    predicate coordinated before the reporting verb is the source's own act, not part of
    the report ("X urged both sides to stand down and said he had spoken with Y")."""
    cuts = sorted({span for f in frames for span in (f.content, _reporting(f, text))})
    spans, pos = [], clause[0]
    for b, e in cuts:
        if b > pos:
            spans.append((pos, b))
        pos = max(pos, e)
    if pos < clause[1]:
        spans.append((pos, clause[1]))
    return spans


def _reporting(frame: Frame, text: str) -> Offsets:
    b, e = frame.verb_span
    if not text or frame.accusation:
        return b, e
    last_and = text.rfind(" and ", b, e)
    if last_and < 0 or "," not in text[b:last_and] and len(text[b:last_and].split()) < 6:
        return b, e  # "Kyrgyzstan and Tajikistan said": two sources, no predicate
    return last_and, e


def _mutual(frame: Frame, frames: list[Frame]) -> bool:
    """One side of "A and B accused each other of ...": another frame claims the same
    content with the roles swapped."""
    return frame.accused is not None and any(
        g is not frame and g.content == frame.content and g.accused is not None
        and g.claimant.iri == frame.accused.iri for g in frames)


def _joint(frame: Frame, frames: list[Frame]) -> bool:
    """One side's frame of a joint statement ("..., both sides said", "Kyrgyzstan and
    Tajikistan said"): the other side says the same, accusing no one, so what both state
    is no side's claim alone (the claims are kept, the events stay in the article's
    voice)."""
    if frame.accused is not None or frame.accusation or not frame.claimant.is_state:
        return False
    return any(g is not frame and g.content == frame.content and g.accused is None
               and not g.accusation and g.claimant.is_state
               and g.claimant.iri != frame.claimant.iri for g in frames)
