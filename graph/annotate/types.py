"""The annotation of one article as named types: tokens, sentences, the dependency parse,
named entities, temporal expressions, coreference chains and quotations.

Every offset (`begin`, `end`) counts Unicode code points of the article text as the corpus
reader returns it (`Article.text`), the same convention as the document layer's
`graph.document.Sentence.begin/end`, so `annotation.text[t.begin:t.end] == t.text`.
Token indices are positions in the whole article, from 0 (`Token.index`); a token's
sentence is `Token.sentence` and its place in that sentence `Token.position` (from 0).

An `Annotation` is plain data (frozen dataclasses, tuples): it can be cached, compared,
serialised with `to_dict()` / `Annotation.from_dict()` and shared between threads."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# The serialised form's version: bump it when a field is added, removed or changes meaning
# (it is part of the cache key, so old cache entries and fixtures are re-made, not misread).
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Arc:
    """One edge of the enhanced++ dependency graph: `head` (article token index, None for
    the root) governs the token with relation `rel` (e.g. "nmod:of", "nsubj:xsubj")."""

    head: int | None
    rel: str


@dataclass(frozen=True)
class Token:
    index: int          # position in the article, from 0
    sentence: int       # index of its Sentence, from 0
    position: int       # position in its sentence, from 0
    text: str           # exactly as in the article text (text[begin:end])
    word: str           # the tokenizer's normalised form (e.g. '"' for a curly quote)
    lemma: str
    pos: str            # Penn Treebank tag (NNP, VBD, ...)
    ner: str            # CoreNLP NER label (PERSON, COUNTRY, CITY, DATE, ..., "O")
    begin: int
    end: int
    head: int | None    # article index of the head token (basic UD tree); None for the root
    rel: str            # basic UD relation to the head ("root" for the root)
    enhanced: tuple[Arc, ...] = ()   # enhanced++ UD arcs into this token
    timex: int | None = None         # index into Annotation.timexes, if inside one
    normalized: str | None = None    # normalised value of a NUMBER/MONEY/DATE/... token

    @property
    def is_root(self) -> bool:
        return self.head is None


@dataclass(frozen=True)
class Sentence:
    """A sentence as the annotator split it (newlines always end a sentence)."""

    index: int
    begin: int
    end: int
    first: int   # article index of its first token
    last: int    # article index one past its last token

    @property
    def token_range(self) -> range:
        return range(self.first, self.last)


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 temporal expression normalised by SUTime against the article's date.
    `value` is the TIMEX3 value ("2022-09-16", "2022-W37", "2022-09-16TNI", "PAST_REF",
    "P2D"); the extent (begin/end, first/last tokens) is SUTime's: it may include "on"
    or "early" that TimeML would leave out, so rules narrow it where they need to."""

    tid: str
    type: str            # DATE, TIME, DURATION or SET
    value: str | None
    alt_value: str | None
    text: str
    begin: int
    end: int
    first: int
    last: int


@dataclass(frozen=True)
class EntityMention:
    """A named entity (or number, date, title ...) found by the NER annotator."""

    text: str
    ner: str
    begin: int
    end: int
    first: int
    last: int
    normalized: str | None = None
    timex: int | None = None       # index into Annotation.timexes for a DATE/TIME mention
    confidence: float | None = None


@dataclass(frozen=True)
class Mention:
    """A mention in a coreference chain."""

    id: int
    text: str
    type: str          # PROPER, NOMINAL, PRONOMINAL, LIST
    number: str        # SINGULAR, PLURAL, UNKNOWN
    gender: str
    animacy: str
    sentence: int
    first: int
    last: int
    head: int          # article index of the mention's head token
    begin: int
    end: int
    representative: bool


@dataclass(frozen=True)
class CorefChain:
    id: int
    mentions: tuple[Mention, ...]

    @property
    def representative(self) -> Mention:
        return next((m for m in self.mentions if m.representative), self.mentions[0])


@dataclass(frozen=True)
class Quote:
    """A quotation (with its quotation marks) and whom the quote annotator attributes it
    to. `speaker` is the attributed mention's text (None when unknown); `canonical` is
    the name that mention stands for when the annotator resolved one."""

    index: int
    text: str
    begin: int
    end: int
    first: int
    last: int
    speaker: str | None = None
    speaker_begin: int | None = None   # code-point span of the speaker mention
    speaker_end: int | None = None
    canonical: str | None = None
    sieve: str | None = None           # which attribution rule found the speaker


@dataclass(frozen=True)
class Annotation:
    """Everything the annotator says about one article's text."""

    text: str
    reported_date: str | None
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    timexes: tuple[Timex, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    corefs: tuple[CorefChain, ...] = ()
    quotes: tuple[Quote, ...] = ()
    settings: str = ""   # the annotator and its settings that made it (see settings.py)
    _children: dict[int, tuple[int, ...]] = field(default_factory=dict, compare=False,
                                                   repr=False)

    # -- lookups ------------------------------------------------------------------------
    @cached_property
    def _begins(self) -> list[int]:
        return [t.begin for t in self.tokens]

    @cached_property
    def _ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    def tokens_in(self, begin: int, end: int) -> tuple[Token, ...]:
        """Tokens lying wholly inside the code-point span [begin, end) (e.g. a document-
        layer sentence: `annotation.tokens_in(s.begin, s.end)`)."""
        lo = bisect_left(self._begins, begin)
        hi = bisect_right(self._ends, end)
        return self.tokens[lo:max(lo, hi)]

    def tokens_overlapping(self, begin: int, end: int) -> tuple[Token, ...]:
        """Tokens that share at least one code point with [begin, end)."""
        lo = bisect_right(self._ends, begin)
        hi = bisect_left(self._begins, end)
        return self.tokens[lo:max(lo, hi)]

    def token_at(self, offset: int) -> Token | None:
        """The token covering code point `offset`, if any."""
        found = self.tokens_overlapping(offset, offset + 1)
        return found[0] if found else None

    def sentence_of(self, token: Token) -> Sentence:
        return self.sentences[token.sentence]

    def sentence_tokens(self, sentence: Sentence | int) -> tuple[Token, ...]:
        s = self.sentences[sentence] if isinstance(sentence, int) else sentence
        return self.tokens[s.first:s.last]

    def parent(self, token: Token) -> Token | None:
        """The head of `token` in the basic UD tree (None for a root)."""
        return None if token.head is None else self.tokens[token.head]

    def children(self, token: Token, rel: str | None = None) -> tuple[Token, ...]:
        """Dependents of `token` in the basic UD tree, in text order; only those with
        relation `rel` (exact, e.g. "obl", or a prefix ending in ":", e.g. "obl:") if given."""
        if not self._children:
            table: dict[int, list[int]] = {}
            for t in self.tokens:
                if t.head is not None:
                    table.setdefault(t.head, []).append(t.index)
            self._children.update({k: tuple(v) for k, v in table.items()})
        kids = (self.tokens[i] for i in self._children.get(token.index, ()))
        if rel is None:
            return tuple(kids)
        if rel.endswith(":"):
            return tuple(k for k in kids if k.rel.startswith(rel) or k.rel == rel[:-1])
        return tuple(k for k in kids if k.rel == rel)

    def ancestors(self, token: Token) -> Iterator[Token]:
        """Heads of `token` upwards to the sentence root."""
        seen = {token.index}
        current = self.parent(token)
        while current is not None and current.index not in seen:
            yield current
            seen.add(current.index)
            current = self.parent(current)

    def subtree(self, token: Token) -> tuple[Token, ...]:
        """`token` and everything it dominates in the basic tree, in text order."""
        out, stack = [], [token]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(self.children(t))
        return tuple(sorted(out, key=lambda t: t.index))

    def span_of(self, tokens: tuple[Token, ...] | list[Token]) -> tuple[int, int]:
        """Code-point (begin, end) covering `tokens`."""
        return min(t.begin for t in tokens), max(t.end for t in tokens)

    def timex_of(self, token: Token) -> Timex | None:
        return None if token.timex is None else self.timexes[token.timex]

    def timexes_in(self, begin: int, end: int) -> tuple[Timex, ...]:
        return tuple(x for x in self.timexes if begin <= x.begin and x.end <= end)

    def entities_in(self, begin: int, end: int) -> tuple[EntityMention, ...]:
        return tuple(m for m in self.entities if begin <= m.begin and m.end <= end)

    def quotes_in(self, begin: int, end: int) -> tuple[Quote, ...]:
        """Quotes overlapping [begin, end)."""
        return tuple(q for q in self.quotes if q.begin < end and begin < q.end)

    def chain_of(self, token: Token) -> CorefChain | None:
        """The coreference chain with a mention headed by `token`."""
        return self._chain_by_head.get(token.index)

    @cached_property
    def _chain_by_head(self) -> dict[int, CorefChain]:
        return {m.head: c for c in self.corefs for m in c.mentions}

    # -- serialised form ----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (compact: tokens as rows); `from_dict` reads it back."""
        return {
            "schema": SCHEMA_VERSION,
            "settings": self.settings,
            "reported_date": self.reported_date,
            "text": self.text,
            "tokens": [[t.sentence, t.begin, t.end, t.word, t.lemma, t.pos, t.ner,
                        -1 if t.head is None else t.head, t.rel,
                        [[-1 if a.head is None else a.head, a.rel] for a in t.enhanced],
                        -1 if t.timex is None else t.timex, t.normalized]
                       for t in self.tokens],
            "sentences": [[s.begin, s.end, s.first, s.last] for s in self.sentences],
            "timexes": [[x.tid, x.type, x.value, x.alt_value, x.begin, x.end, x.first, x.last]
                        for x in self.timexes],
            "entities": [[m.ner, m.begin, m.end, m.first, m.last, m.normalized,
                          -1 if m.timex is None else m.timex, m.confidence]
                         for m in self.entities],
            "corefs": [[c.id, [[m.id, m.type, m.number, m.gender, m.animacy, m.sentence,
                                m.first, m.last, m.head, m.begin, m.end, m.representative]
                               for m in c.mentions]] for c in self.corefs],
            "quotes": [[q.begin, q.end, q.first, q.last, q.speaker, q.speaker_begin,
                        q.speaker_end, q.canonical, q.sieve] for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        """Inverse of `to_dict`; raises ValueError on a different schema or bad data."""
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"annotation schema {data.get('schema')!r}, "
                             f"expected {SCHEMA_VERSION}")
        text = data["text"]
        tokens = []
        positions: dict[int, int] = {}
        for i, row in enumerate(data["tokens"]):
            (sent, b, e, word, lemma, pos, ner, head, rel, enh, timex, norm) = row
            position = positions.get(sent, 0)
            positions[sent] = position + 1
            tokens.append(Token(
                i, sent, position, text[b:e], word, lemma, pos, ner, b, e,
                None if head < 0 else head, rel,
                tuple(Arc(None if h < 0 else h, r) for h, r in enh),
                None if timex < 0 else timex, norm))
        sentences = tuple(Sentence(i, *row) for i, row in enumerate(data["sentences"]))
        timexes = tuple(Timex(tid, typ, val, alt, text[b:e], b, e, f, la)
                        for tid, typ, val, alt, b, e, f, la in data["timexes"])
        entities = tuple(EntityMention(text[b:e], ner, b, e, f, la, norm,
                                       None if tx < 0 else tx, conf)
                         for ner, b, e, f, la, norm, tx, conf in data["entities"])
        corefs = tuple(CorefChain(cid, tuple(
            Mention(mid, text[b:e], typ, num, gen, anim, sent, f, la, head, b, e, rep)
            for mid, typ, num, gen, anim, sent, f, la, head, b, e, rep in mentions))
            for cid, mentions in data["corefs"])
        quotes = tuple(Quote(i, text[b:e], b, e, f, la, spk, sb, se, canon, sieve)
                       for i, (b, e, f, la, spk, sb, se, canon, sieve)
                       in enumerate(data["quotes"]))
        return cls(text, data.get("reported_date"), tuple(tokens), sentences, timexes,
                   entities, corefs, quotes, data.get("settings", ""))
