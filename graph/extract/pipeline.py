"""One article through the extractor: sentences -> mentions, times, attribution frames,
events, casualty figures, relations and offices -> the article's named graph.

Headlines give entities only (they restate the body); captions give entities, relations
and their own dates, marked `ckg:fromCaption`, but no events (they describe a photo, not
the reported events); boilerplate gives nothing."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.corpus import Article
from graph.document import BOILERPLATE, CAPTION, HEADLINE, Sentence
from graph.extract.casualties import Figure, find_figures
from graph.extract.claims import Frame, clauses, direct_claimed, find_frames, speech_times
from graph.extract.discovery import discover_states
from graph.extract.entities import recognise
from graph.extract.events import HOSTILE, EventRecord, attach_relative_agents, find_events
from graph.extract.grammar import Parse
from graph.extract.kb import Entity, KnowledgeBase, load_kb
from graph.extract.linking import Discourse, MintedFact
from graph.extract.mentions import Mention, normalise
from graph.extract.relations import Office, Relation, find_offices, find_relations
from graph.extract.rules import Rules, get_rules, phrase_pattern
from graph.extract.timex import TimeContext, TimeExpr, find_times
from graph.extract.writer import Writer
from graph.iris import Minter
from graph.rdf import TripleSink

# Longest sentence the extractor reads (characters). News sentences are far shorter; the
# limit keeps pattern matching linear on hostile input (one 100 kB "sentence").
MAX_SENTENCE = 2000


@dataclass
class ConflictState:
    """The conflict the article is about, assembled from every sentence that names it."""

    participants: list[Entity] = field(default_factory=list)
    start: TimeExpr | None = None
    start_sentence: int | None = None
    weapons: list[str] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)


@dataclass
class ArticleResult:
    events: list[EventRecord] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[tuple[Frame, str, object, int]] = field(default_factory=list)
    relations: list[tuple[Relation, int, bool]] = field(default_factory=list)
    offices: list[tuple[Office, int]] = field(default_factory=list)
    times: list[tuple[TimeExpr, int, bool]] = field(default_factory=list)
    mentions: list[tuple[Entity, int]] = field(default_factory=list)
    conflict: ConflictState = field(default_factory=ConflictState)


def _free_spans(clause: tuple[int, int], frames: list[Frame]) -> list[tuple[int, int]]:
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


def analyse(article: Article, sentences: list[Sentence], kb: KnowledgeBase, rules: Rules,
            minter: Minter, annotation: Any = None) -> tuple[ArticleResult, Discourse]:
    """Everything the extractor reads from one article, before it is written as RDF.
    `annotation` (graph/annotate/types.Annotation of the article's text) gives the
    dependency parse that roles are read from; without it, roles come from position."""
    disc = Discourse(kb, minter, article.reported_date)
    result = ArticleResult()
    start_re = re.compile(
        r"\b" + phrase_pattern(rules.events["conflict_start"]["subjects"]) + r"\s+"
        + phrase_pattern(rules.events["conflict_start"]["cues"]) + r"\b", re.IGNORECASE)
    conflict_words = next(e for e in rules.events["event"] if e["class"] == "Conflict"
                          and not e.get("background"))
    conflict_re = re.compile(r"\b" + phrase_pattern(conflict_words["triggers"]) + r"\b",
                             re.IGNORECASE)
    discover_states([article.title] + [normalise(s.text) for s in sentences
                                       if s.role != BOILERPLATE
                                       and len(s.text) <= MAX_SENTENCE], disc, rules)
    seen_figures: dict[tuple[int, tuple[int, int]], Figure] = {}
    clock = TimeContext(article.reported_date)  # what earlier sentences set for time
    for sentence in sentences:
        if sentence.role == BOILERPLATE or len(sentence.text) > MAX_SENTENCE:
            continue  # a "sentence" this long is not prose (a capture gone wrong)
        text = normalise(sentence.text)
        n = sentence.index
        parse = Parse.from_annotation(annotation, sentence.begin, sentence.end) \
            if annotation is not None else None
        caption = sentence.role == CAPTION
        mentions = recognise(text, disc, rules)
        for m in mentions:
            for entity in m.entities if m.kind != "pair" else []:
                disc.note(entity, sentence.begin + m.begin)
                result.mentions.append((entity, n))
            if m.cue is not None and m.cue.is_state and m.kind in {"body", "force"}:
                disc.note(m.cue, sentence.begin + m.begin)
                result.mentions.append((m.cue, n))
        times = find_times(text, article.reported_date, rules, clock)
        result.times.extend((t, n, caption) for t in times)
        if sentence.role == HEADLINE:
            continue
        all_frames: list[Frame] = []
        spans: list[tuple[tuple[int, int], tuple[int, int], Frame | None]] = []
        if not caption:
            for clause in clauses(text):
                frames = find_frames(text, clause, mentions, disc, rules)
                all_frames.extend(frames)
                spans.extend((f.content, clause, f) for f in frames)
                spans.extend((s, clause, None) for s in _free_spans(clause, frames))
        for rel in find_relations(text, mentions, all_frames, disc, rules):
            result.relations.append((rel, n, caption))
        for office in find_offices(text, mentions, all_frames, disc, rules):
            result.offices.append((office, n))
            holder = office.holder
            if holder is not None and not holder.in_kb and office.of.is_state \
                    and not holder.state:
                # "Borovia's foreign minister, Ilya Marten": he speaks for Borovia
                holder.state = office.of.iri
                disc.facts.setdefault(holder.iri, []).append(
                    MintedFact("ckg:actsFor", office.of.iri, office.rule))
        if caption:
            continue
        # the conflict's start ("since fighting broke out two days ago")
        starts: set[int] = set()
        for cue in start_re.finditer(text):
            after = [t for t in times if t.begin >= cue.end() and t.begin - cue.end() < 25]
            if after:
                # "since fighting broke out two days ago" dates the conflict, not a clash
                # of its own; "Clashes broke out on Thursday" is both
                if re.search(r"\bsince\s+$", text[:cue.start()]):
                    starts.add(after[0].begin)
                if result.conflict.start is None:
                    result.conflict.start, result.conflict.start_sentence = after[0], n
        weapons = rules.weapon_words.find(text)
        speech = {t.begin for t in times for b, e in speech_times(text, rules)
                  if b <= t.begin < e}
        figure_times = [t for t in times if t.begin not in speech]
        for span, clause, frame in spans:
            if True:  # the conflict may be named inside a claim too ("in an escalating conflict")
                for _ in conflict_re.finditer(text, *span):
                    _note_conflict(result.conflict, text, span, mentions, weapons, n, disc)
                    break
            records = find_events(text, span, frame, mentions, times, weapons, n, disc, rules,
                                  conflict_starts=starts, speech=speech, parse=parse)
            attach_relative_agents(text, records, mentions)
            direct_claimed(records, frame, disc)
            referred = [r.reference for r in records]
            records = [_fold(record, result.events, disc) for record in records]
            _link_references(records, referred)
            found = find_figures(text, span, frame, mentions, figure_times, n, disc,
                                 rules, article.reported_date, clause=clause)
            # a joint statement ("according to both countries' agencies") claims the
            # figure its first frame found: one figure, a claim per claimant
            figures = [seen_figures.setdefault((n, f.span), f) for f in found]
            result.figures.extend(f for f in figures if any(f is g for g in found))
            if frame is not None and frame.accusation:
                accused_events = [r for r in records if r.cls in HOSTILE] or records
                when = [t for t in times if frame.verb_span[0] <= t.begin < frame.verb_span[1]]
                result.events.append(EventRecord(
                    "Accusation", frame.rule, 0.8, n, agent=frame.claimant,
                    target=frame.accused, time=when[0] if when else None,
                    accusation_of=accused_events))
            if frame is not None:
                for record in records:
                    result.claims.append((frame, "event", record, n))
                for figure in figures:
                    if frame.accusation:
                        figure.frame = None  # an accusation is about acts, not counts
                    else:
                        result.claims.append((frame, "figure", figure, n))
    if not result.conflict.participants and result.conflict.sentences:
        result.conflict.participants = disc.pair()
    return result, disc


def _fold(record: EventRecord, events: list[EventRecord], disc: Discourse) -> EventRecord:
    """The article's node for `record`: an earlier event it repeats (which takes what the
    repeat adds), or `record` itself, added to `events`."""
    from graph.extract.merge import absorb, fold_repeat

    earlier = fold_repeat(record, events, disc)
    if earlier is None:
        events.append(record)
        return record
    absorb(earlier, record)
    return earlier


def _link_references(records: list[EventRecord], reference: list[bool]) -> None:
    """"urged both sides to stick to the ceasefire": the appeal is about that agreement
    (`reference[i]`: records[i] was named as one that exists, before it was folded)."""
    referred = [r for r, ref in zip(records, reference, strict=True) if ref]
    for record in records:
        if record.cls == "Appeal":
            record.refers_to += [r for r in referred if r not in record.refers_to]


def _note_conflict(conflict: ConflictState, text: str, span: tuple[int, int],
                   mentions: list[Mention], weapons: list[tuple[int, int, str]], n: int,
                   disc: Discourse) -> None:
    conflict.sentences.add(n)
    states: list[Entity] = []
    for m in mentions:
        if span[0] <= m.begin < span[1]:
            for e in m.entities:
                state = disc.state_of(e)
                if state is not None and state.iri not in {s.iri for s in states}:
                    states.append(state)
    if len(states) >= 2 and not conflict.participants:
        conflict.participants = states[:2]
    if re.search(r"\binvolving\b|\bwith\b", text[span[0]:span[1]]):
        conflict.weapons.extend(w for b, e, w in weapons if span[0] <= b < span[1])


def extract_article(article: Article, sentences: list[Sentence], minter: Minter,
                    sink: TripleSink, annotation: Any = None) -> Counter[str]:
    """Extract one article into `sink` (its named graph); return counts by kind.
    `annotation` is the article's graph.annotate Annotation, or None (degraded mode)."""
    rules = get_rules()
    kb = load_kb(minter.base)
    result, disc = analyse(article, sentences, kb, rules, minter, annotation=annotation)
    return Writer(article, minter, sink, disc, rules).write(result)
