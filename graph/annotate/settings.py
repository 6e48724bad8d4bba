"""What the annotator runs: CoreNLP's version and the pipeline's properties.

Everything here is part of the cache key (`fingerprint()`): changing a property or the
CoreNLP version re-annotates every article on the next build, and committed fixtures made
with other settings are ignored (and reported stale by `kg annotate --check`)."""

from __future__ import annotations

import hashlib
import json

from graph.annotate.types import SCHEMA_VERSION

CORENLP_VERSION = "4.5.10"

# Why each setting (measured figures in the README, "The annotator"):
PROPERTIES: dict[str, str] = {
    "annotators": "tokenize,ssplit,pos,lemma,ner,depparse,coref,quote",
    # A headline, a caption and every paragraph are lines of their own: a newline always
    # ends a sentence, as in the document layer.
    "ssplit.newlineIsSentenceBreak": "always",
    # SUTime on (normalised TIMEX3 against the docDate each article passes); the
    # fine-grained labels (COUNTRY, CITY, STATE_OR_PROVINCE, TITLE, ...) are what the
    # gazetteer linking needs. The KBP-style extra regexner is off (it is slow and
    # labels nothing the rules use).
    "ner.useSUTime": "true",
    "ner.applyFineGrained": "true",
    "ner.buildEntityMentions": "true",
    # Coreference: see the README for the measured options.
    "coref.algorithm": "statistical",
    # Quote attribution needs coref mentions; it names the speaker mention.
    "quote.attributeQuotes": "true",
    "outputFormat": "json",
}

# Threads inside the Java worker (documents annotated at once).
DEFAULT_THREADS = 2
# Heap for the worker: models take about 3 GB with statistical coref.
DEFAULT_HEAP = "4g"


def fingerprint() -> str:
    """A short stable id of the annotator and its settings (part of every cache key)."""
    blob = json.dumps({"corenlp": CORENLP_VERSION, "schema": SCHEMA_VERSION,
                       "properties": PROPERTIES}, sort_keys=True)
    return f"corenlp-{CORENLP_VERSION}-s{SCHEMA_VERSION}-" + hashlib.sha256(
        blob.encode()).hexdigest()[:12]
