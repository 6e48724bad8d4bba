"""RDF for the document layer: the article and its sentences (NIF 2.0 + our terms).
Every later statement points at these sentence IRIs."""

from __future__ import annotations

from graph.corpus import Article
from graph.document import Sentence
from graph.iris import Minter
from graph.rdf import TripleSink, curie


def document_triples(article: Article, sentences: list[Sentence], minter: Minter,
                     sink: TripleSink) -> None:
    art = minter.article(article.slug)
    sink.add(art, "rdf:type", "ckg:Article")
    sink.add(art, "rdf:type", "schema:NewsArticle")
    sink.add(art, "rdf:type", "nif:Context")
    sink.add(art, "dcterms:title", article.title, lang="en")
    sink.add(art, "rdfs:label", article.title, lang="en")
    sink.add(art, "dcterms:identifier", article.slug)
    sink.add(art, "ckg:reportedDate", article.reported_date)
    sink.add(art, "ckg:sourceFile", article.file)
    sink.add(art, "dcterms:publisher", article.publisher)
    if article.url:
        sink.link(art, "schema:url", article.url)
    sink.add(art, "nif:isString", article.text)
    sink.add(art, "nif:beginIndex", 0)
    sink.add(art, "nif:endIndex", len(article.text))
    sink.add(minter.graph(article.slug), "prov:wasDerivedFrom", curie(art))

    previous: str | None = None
    for sentence in sentences:
        s = minter.sentence(article.slug, sentence.index)
        sink.add(s, "rdf:type", "ckg:Sentence")
        sink.add(s, "rdf:type", "nif:Sentence")
        sink.add(s, "nif:referenceContext", curie(art))
        sink.add(s, "ckg:inArticle", curie(art))
        sink.add(s, "nif:beginIndex", sentence.begin)
        sink.add(s, "nif:endIndex", sentence.end)
        sink.add(s, "nif:anchorOf", sentence.text)
        sink.add(s, "ckg:sentenceIndex", sentence.index)
        sink.link(s, "ckg:segmentRole", f"ckg:{sentence.role}")
        sink.add(s, "rdfs:label", f"{article.slug} sentence {sentence.index}")
        if previous:
            sink.link(previous, "nif:nextSentence", s)
            sink.link(s, "nif:previousSentence", previous)
        previous = s
