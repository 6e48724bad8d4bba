"""One article through the extractor, stage by stage (the types that pass between them
are in graph/extract/types.py):

    segment    graph.document.segment         the article's sentences and their roles
    mentions   graph.extract.reading          parse, entities and times of a sentence
    frames     graph.extract.framing          clauses and attribution frames
    roles      graph.extract.roles            agent, target, place from the parse
    findings   graph.extract.findings         events, casualty figures, claims per span
    merge      graph.extract.merge            one node per event, IRIs
    write      graph.extract.writer           the article's named graph

Relations and offices are read per sentence beside the frames (graph.extract.relations),
the conflict as a whole across the article (graph.extract.conflict).

Headlines give entities, and the voice of the body's events they restate (a headline
states in the article's own voice what the body may attribute); captions give entities, relations
and their own dates, marked `ckg:fromCaption`, but no events (they describe a photo, not
the reported events); boilerplate gives nothing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.corpus import Article
from graph.document import BODY, BOILERPLATE, CAPTION, HEADLINE, Sentence, is_dateline
from graph.extract.attribution import remember
from graph.extract.claims import reported_back
from graph.extract.conflict import ConflictWords, conflict_words, note_named, note_start
from graph.extract.discovery import colon_dateline, dateline_names, discover_states, home_state
from graph.extract.findings import ArticleFindings, SentenceTimes, find_in_span
from graph.extract.framing import frame_sentence
from graph.extract.kb import KnowledgeBase, load_kb
from graph.extract.linking import Discourse
from graph.extract.mentions import normalise
from graph.extract.merge import stated_again
from graph.extract.quotations import QuotationRun
from graph.extract.reading import read_sentence
from graph.extract.relations import find_offices, find_relations
from graph.extract.rules import Rules, get_rules
from graph.extract.timex import TimeContext
from graph.extract.types import ArticleResult, ConflictState, Framing, SentenceReading
from graph.extract.writer import Writer
from graph.iris import Minter
from graph.rdf import TripleSink

__all__ = ["MAX_SENTENCE", "ArticleResult", "ConflictState", "analyse", "extract_article"]

# Longest sentence the extractor reads (characters). News sentences are far shorter; the
# limit keeps pattern matching linear on hostile input (one 100 kB "sentence").
MAX_SENTENCE = 2000


def analyse(article: Article, sentences: list[Sentence], kb: KnowledgeBase, rules: Rules,
            minter: Minter, annotation: Any = None) -> tuple[ArticleResult, Discourse]:
    """Everything the extractor reads from one article, before it is written as RDF.
    `annotation` (graph/annotate/types.Annotation of the article's text) gives the
    dependency parse that roles are read from; without it, roles come from position."""
    disc = Discourse(kb, minter, article.reported_date)
    result = ArticleResult()
    words = conflict_words(rules)
    prose = [s for s in sentences if s.role != BOILERPLATE and len(s.text) <= MAX_SENTENCE]
    discover_states([article.title] + [normalise(s.text) for s in prose], disc, rules)
    disc.dateline = dateline_names([s.text for s in sentences if s.role == BOILERPLATE
                                    and is_dateline(s.text)]) or colon_dateline(
        [s for s in prose if s.role == BODY][:2])
    disc.home = home_state(disc)
    found = ArticleFindings(events=result.events)
    clock = TimeContext(article.reported_date)  # what earlier sentences set for time
    quotation = QuotationRun()
    headlines: list[SentenceReading] = []
    for sentence in prose:  # a "sentence" too long is not prose (a capture gone wrong)
        disc.paragraph = article.text.rfind("\n", 0, sentence.begin) + 1
        reading, named = read_sentence(sentence, annotation, disc, rules, clock)
        n, caption = reading.n, sentence.role == CAPTION
        result.mentions.extend((entity, n) for entity in named)
        result.times.extend((t, n, caption) for t in reading.times)
        result.mention_spans.extend((m, n) for m in reading.mentions)
        result.sentence_begins[n] = sentence.begin
        if sentence.role == HEADLINE:
            headlines.append(reading)
            continue
        framing = Framing() if caption else frame_sentence(reading, disc, rules)
        for frame in framing.frames:
            # a speaker only the frame found ("..., said Colonel X, spokesman for ...") is
            # named by this sentence too
            if not any(frame.claimant is entity for entity in named):
                result.mentions.append((frame.claimant, n))
        _relations_and_offices(reading, framing, caption, result, disc, rules)
        if caption:
            continue
        # a sentence inside a quotation waits for the one that says who spoke
        for ready, its_framing in quotation.step(reading, framing):
            _events_figures_claims(ready, its_framing, words, found, result, disc, rules,
                                   article)
    for ready, its_framing in quotation.finish():
        _events_figures_claims(ready, its_framing, words, found, result, disc, rules, article)
    for reading in headlines:
        _headline_voice(reading, result, disc, rules, article)
    if not result.conflict.participants and result.conflict.sentences:
        result.conflict.participants = disc.pair()
    return result, disc


def _reported_back(reading: SentenceReading, result: ArticleResult, disc: Discourse,
                   rules: Rules) -> bool:
    """"A border guard was wounded in a shootout late on Monday. The press center of the
    service reported.": the second sentence claims what the first stated (its events and
    figures); True if it was such a sentence."""
    frame = reported_back(reading.text, reading.mentions, disc, rules)
    if frame is None:
        return False
    told = [r.sentence for r in result.events] + [f.sentence for f in result.figures]
    before = max((n for n in told if n < reading.n), default=None)
    if before is None or reading.n - before > 2:
        return False
    remember(disc, frame.claimant)
    for record in result.events:
        if record.sentence == before and record.frame is None and not record.earlier:
            record.claimed, record.frame = True, frame
            result.claims.append((frame, "event", record, reading.n))
    for figure in result.figures:
        if figure.sentence == before and figure.frame is None:
            figure.frame = frame
            result.claims.append((frame, "figure", figure, reading.n))
    return True


def _headline_voice(reading: SentenceReading, result: ArticleResult, disc: Discourse,
                    rules: Rules, article: Article) -> None:
    """A headline states in the article's own voice what its body may only attribute
    ("Thai artillery pounds Myanmar positions" over "..., Thai officials said"): the body's
    event it names is reported, its claims kept. The headline adds no event of its own."""
    framing = frame_sentence(reading, disc, rules)
    times = SentenceTimes.of(reading, set(), rules)
    weapons = rules.weapon_words.find(reading.text)
    for part in framing.spans:
        if part.frame is not None:
            continue  # "Kyrgyzstan says Tajik troops shelled ...": still a claim
        span = find_in_span(reading, part, times, weapons, ArticleFindings(), disc, rules,
                            article.reported_date)
        for record in span.events:
            told = stated_again(record, result.events, disc)
            if told is not None:
                told.claimed = False


def _relations_and_offices(reading: SentenceReading, framing: Framing, caption: bool,
                           result: ArticleResult, disc: Discourse, rules: Rules) -> None:
    text, n, mentions = reading.text, reading.n, reading.mentions
    for rel in find_relations(text, mentions, framing.frames, disc, rules):
        result.relations.append((rel, n, caption))
    for office in find_offices(text, mentions, framing.frames, disc, rules):
        result.offices.append((office, n))
        holder = office.holder
        if holder is not None and not holder.in_kb and office.of.is_state \
                and not holder.state:
            # "Borovia's foreign minister, Ilya Marten": he speaks for Borovia
            disc.acts_for(holder, office.of.iri, office.rule)


def _events_figures_claims(reading: SentenceReading, framing: Framing, words: ConflictWords,
                           found: ArticleFindings, result: ArticleResult, disc: Discourse,
                           rules: Rules, article: Article) -> None:
    starts = note_start(reading, result.conflict, words)
    times = SentenceTimes.of(reading, starts, rules)
    weapons = rules.weapon_words.find(reading.text)
    if not framing.frames and _reported_back(reading, result, disc, rules):
        return
    for part in framing.spans:
        # the conflict may be named inside a claim too ("in an escalating conflict")
        note_named(reading, part.span, result.conflict, words, weapons, disc)
        span = find_in_span(reading, part, times, weapons, found, disc, rules,
                            article.reported_date)
        result.figures.extend(span.figures)
        if span.accusation is not None:
            result.events.append(span.accusation)
        result.claims.extend(span.claims)


def extract_article(article: Article, sentences: list[Sentence], minter: Minter,
                    sink: TripleSink, annotation: Any = None) -> Counter[str]:
    """Extract one article into `sink` (its named graph); return counts by kind.
    `annotation` is the article's graph.annotate Annotation, or None (degraded mode)."""
    rules = get_rules()
    kb = load_kb(minter.base)
    result, disc = analyse(article, sentences, kb, rules, minter, annotation=annotation)
    return Writer(article, minter, sink, disc, rules).write(result)
