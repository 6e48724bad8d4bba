"""Writing extracted statements with their provenance: every node carries the sentences
that support it (`ckg:supportedBy`), the rule that produced it (`ckg:extractionRule`) and
a confidence; every plain relation triple also gets a `ckg:StatementRecord`.

A node stated by several sentences is written once, with every sentence, every rule and
the highest confidence, so the graph has one confidence per node."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph.corpus import Article
from graph.iris import Minter
from graph.rdf import TripleSink, curie


@dataclass
class _Support:
    sentences: set[int] = field(default_factory=set)
    rules: set[str] = field(default_factory=set)
    confidence: float = 0.0
    caption: bool = False


class Emitter:
    """The article's named graph under construction, with provenance bookkeeping."""

    def __init__(self, article: Article, minter: Minter, sink: TripleSink) -> None:
        self.article = article
        self.minter = minter
        self.sink = sink
        self.article_iri = minter.article(article.slug)
        self.support: dict[str, _Support] = {}
        self.counts: Counter[str] = Counter()
        self._kinds: dict[str, str] = {}

    def sentence_iri(self, index: int) -> str:
        return self.minter.sentence(self.article.slug, index)

    def supported(self, node: str, kind: str, sentence: int, rule: str, confidence: float,
                  *, caption: bool = False) -> None:
        """Record that `sentence` supports `node` (written out in `finish`)."""
        support = self.support.setdefault(node, _Support())
        support.sentences.add(sentence)
        support.rules.add(rule)
        support.confidence = max(support.confidence, confidence)
        support.caption = support.caption or caption
        self._kinds.setdefault(node, kind)

    def statement(self, subject: str, predicate: str, obj: str, sentence: int, rule: str,
                  confidence: float, *, caption: bool = False, kind: str = "relation") -> str:
        """A relation triple between entities, and its StatementRecord."""
        self.sink.link(subject, predicate, obj)
        record = self.minter.hashed("statement", subject, curie(predicate).value, obj,
                                    self.article.slug)
        self.sink.add(record, "rdf:type", "ckg:StatementRecord")
        self.sink.link(record, "rdf:subject", subject)
        self.sink.link(record, "rdf:predicate", predicate)
        self.sink.link(record, "rdf:object", obj)
        self.sink.link(record, "ckg:inArticle", self.article_iri)
        self.supported(record, kind, sentence, rule, confidence, caption=caption)
        return record

    def finish(self) -> Counter[str]:
        """Write the provenance of every node; return counts of statements by kind."""
        for node, support in sorted(self.support.items()):
            for index in sorted(support.sentences):
                self.sink.link(node, "ckg:supportedBy", self.sentence_iri(index))
            for rule in sorted(support.rules):
                self.sink.add(node, "ckg:extractionRule", rule)
            self.sink.add(node, "ckg:confidence", round(support.confidence, 2))
            self.sink.link(node, "prov:wasDerivedFrom", self.article_iri)
            if support.caption:
                self.sink.add(node, "ckg:fromCaption", True)
            self.counts[self._kinds[node]] += 1
        return self.counts
