"""Where in the article each extracted node was read, as NIF 2.0 phrases: a
`nif:Phrase` with `nif:referenceContext` the article, `nif:beginIndex`/`nif:endIndex`
(code points into the article text, like the sentences), `nif:anchorOf` the words and
`itsrdf:taIdentRef` the node they denote. So a reader can mark the text in place from the
graph alone, without searching it again.

The extractor's stages keep offsets into their sentence; the sentence's own begin turns
them into offsets into the article. A phrase's IRI is made of its article and offsets,
so a rebuild mints the same IRIs and two nodes read from the same words (the two claims
of "A and B accused each other") share one phrase. The phrase's `rdf:type nif:Phrase` is
not written: the ontology entails it (`rdfs:domain` of `itsrdf:taIdentRef`), and at five
triples a phrase instead of six the graph grows a sixth less."""

from __future__ import annotations

from graph.rdf import TripleSink

_EDGE = " \t\n,;:"


class Spans:
    """The phrases of one article, collected while its findings are written."""

    def __init__(self, text: str, article_iri: str, sentence_begins: dict[int, int]) -> None:
        self.text = text
        self.article_iri = article_iri
        self.begins = sentence_begins
        self.nodes: dict[tuple[int, int], set[str]] = {}

    def add(self, node: str, sentence: int, offsets: tuple[int, int]) -> None:
        """`node` was read from `offsets` of sentence `sentence`; ignored when the stage
        kept no offsets (an empty span) or the sentence is unknown."""
        start = self.begins.get(sentence)
        b, e = offsets
        if start is None or not node or e <= b or b < 0:
            return
        begin, end = start + b, start + e
        if end > len(self.text) or not self.text[begin:end].strip():
            return
        # spaces and clause punctuation a pattern took along (", it said") are not words
        words = self.text[begin:end]
        begin += len(words) - len(words.lstrip(_EDGE))
        end -= len(words) - len(words.rstrip(_EDGE))
        self.nodes.setdefault((begin, end), set()).add(node)

    def write(self, sink: TripleSink) -> int:
        """Write every phrase (in offset order); return how many."""
        for (begin, end), nodes in sorted(self.nodes.items()):
            phrase = f"{self.article_iri}/span/{begin}-{end}"
            sink.link(phrase, "nif:referenceContext", self.article_iri)
            sink.add(phrase, "nif:beginIndex", begin)
            sink.add(phrase, "nif:endIndex", end)
            sink.add(phrase, "nif:anchorOf", self.text[begin:end])
            for node in sorted(nodes):
                sink.link(phrase, "itsrdf:taIdentRef", node)
        return len(self.nodes)
