"""The linguistic layer: Stanford CoreNLP 4.5.10 annotations of an article, as named types.

Get an article's annotation (the date is CoreNLP's docDate: SUTime normalises "Friday",
"two days ago" against it)::

    from graph.annotate import annotate, annotate_many, Annotator

    a = annotate(article.text, article.reported_date)        # one article
    many = annotate_many([(t1, d1), (t2, d2)])              # one worker for all
    with Annotator() as annotator:                           # keep the worker between calls
        a = annotator.annotate(text, "2022-09-16")

Results are cached under `data/cache/annotations/` (`KG_ANNOTATION_CACHE`), keyed on text, date
and annotator settings; the build also reads committed fixtures
(`<corpus>/annotations/<slug>.json.gz`, see `graph.annotate.corpus`), so the rule layer and
its tests need no Java when the fixtures are current. `graph.annotate.corpus.annotate_articles`
is what `kg build` uses (cache + fixtures + worker, degraded mode when Java is missing).

Reading an `Annotation` (graph/annotate/types.py). Offsets are code points of
`article.text`, the same as `graph.document.Sentence.begin/end`::

    for s in sentences:                                  # document-layer sentences
        for tok in a.tokens_in(s.begin, s.end):
            tok.text, tok.lemma, tok.pos, tok.ner        # "shelled", "shell", "VBD", "O"
            tok.rel, a.parent(tok)                       # basic UD relation and head Token
            a.children(tok, "obl:")                      # dependents (exact rel or prefix:)
            tok.enhanced                                 # enhanced++ arcs (Arc(head, rel))
            a.timex_of(tok)                              # Timex(type, value, text, begin, end)
    a.entities          # EntityMention(text, ner, begin, end, first, last, normalized)
    a.corefs            # CorefChain(mentions=(Mention(...), ...)).representative
    a.quotes            # Quote(text, begin, end, speaker, speaker_begin, canonical)
    a.sentences         # CoreNLP's own sentences (a newline always ends one)

Token indices (`Token.index`, `Token.head`, `first`/`last` of spans, `last` exclusive) are
positions in the whole article from 0. CoreNLP runs as a separate local Java process
(graph/annotate/worker.py), never inside ours: it is GPL-3.0.

Errors: `graph.errors.AnnotatorError` (exit 1) when Java or the CoreNLP jars are missing
(`make annotator` fetches them with mvn) or the worker dies."""

from __future__ import annotations

from graph.annotate.service import Annotator, annotate, annotate_many
from graph.annotate.types import (
    Annotation,
    Arc,
    CorefChain,
    EntityMention,
    Mention,
    Quote,
    Sentence,
    Timex,
    Token,
)

__all__ = [
    "Annotation", "Annotator", "Arc", "CorefChain", "EntityMention", "Mention", "Quote",
    "Sentence", "Timex", "Token", "annotate", "annotate_many",
]
