"""The data that passes between the extractor's stages, as named types.

    segment      graph.document.segment          -> list[Sentence]
    mentions     graph.extract.reading           -> SentenceReading (parse, mentions, times)
    frames       graph.extract.framing           -> Framing (clauses cut into Spans, Frames)
    roles        graph.extract.roles             -> ParsedRoles (per trigger, from the parse)
    findings     graph.extract.findings          -> SpanFindings (EventRecords, Figures,
                 (events, casualties, claims)       claim links) per Span
    merge        graph.extract.merge             -> one EventRecord per event of the article
    write        graph.extract.writer            <- ArticleResult

`graph.extract.pipeline.analyse` runs them in this order over one article. This module
imports nothing at run time (the types it names are only annotations), so every stage can
import it without an import circle."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.document import Sentence
    from graph.extract.casualties import Figure
    from graph.extract.claims import Frame
    from graph.extract.grammar import Parse
    from graph.extract.kb import Entity
    from graph.extract.mentions import Mention
    from graph.extract.relations import Office, Relation
    from graph.extract.timex import TimeExpr

Offsets = tuple[int, int]  # character span in a sentence's (normalised) text


@dataclass
class SentenceReading:
    """One sentence as the mentions stage read it: its text, parse, mentions and times."""

    sentence: Sentence
    text: str  # normalised (graph.extract.mentions.normalise): same offsets as the original
    parse: Parse | None  # None without an annotation (positional rules only)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)

    @property
    def n(self) -> int:
        return self.sentence.index


@dataclass
class Span:
    """A part of a clause: the content a frame claims, or text in the article's own voice
    (`frame` None)."""

    span: Offsets
    clause: Offsets
    frame: Frame | None = None
    mutual: bool = False  # one of the frames of "A and B accused each other of ..."
    joint: bool = False  # one side's frame of "..., both sides said": what both state
    # the subject of a predicate coordinated after a report ("X said it was concerned [and
    # urged both sides ...]"): the span is X's own act, so X acts in it
    actor: Entity | None = None


@dataclass
class Framing:
    """A sentence cut into clauses and attribution frames."""

    spans: list[Span] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)


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
    refers_to: list[EventRecord] = field(default_factory=list)  # "stick to the ceasefire"
    reference: bool = False  # names an agreement that already exists, does not state one
    time_sentence: int | None = None  # the sentence `time` is in, when not `sentence`
    definite: bool = False  # "the truce", "their attacks": names an event told before
    anaphoric: bool = False  # "that attack": only ever an event told before
    mutual: bool = False  # alleged in a mutual accusation ("accused each other of ...")
    earlier: bool = False  # named as the start of a period ("since a clash last month")
    own: bool = False  # the speaker's own act inside a quotation ("We urge ...")
    iri: str = ""
    trigger: Offsets = (0, 0)
    also: list[int] = field(default_factory=list)  # later sentences that repeat it


@dataclass
class SpanFindings:
    """What one span yields: its events (already folded into the article's), figures,
    the accusation its frame makes, and the claims."""

    events: list[EventRecord] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    accusation: EventRecord | None = None
    claims: list[tuple[Frame, str, object, int]] = field(default_factory=list)


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
    """Everything the extractor read from one article, handed to the writer."""

    events: list[EventRecord] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[tuple[Frame, str, object, int]] = field(default_factory=list)
    relations: list[tuple[Relation, int, bool]] = field(default_factory=list)
    offices: list[tuple[Office, int]] = field(default_factory=list)
    times: list[tuple[TimeExpr, int, bool]] = field(default_factory=list)
    mentions: list[tuple[Entity, int]] = field(default_factory=list)
    conflict: ConflictState = field(default_factory=ConflictState)
    # Where things were read, for the NIF spans the writer emits: each mention as found
    # (offsets into its sentence) and where each sentence begins in the article text.
    mention_spans: list[tuple[Mention, int]] = field(default_factory=list)
    sentence_begins: dict[int, int] = field(default_factory=dict)
