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
    # SUTime on (normalised TIMEX3 against the docDate each article passes). One CRF model
    # (the 3-class PERSON/LOCATION/ORGANIZATION one trained on the most data) instead of
    # the default three: a third of the NER time, and what it loses is MISC on demonyms,
    # which the rule layer reads from its own lists. The fine-grained labels (COUNTRY,
    # CITY, STATE_OR_PROVINCE, NATIONALITY, TITLE, ...) stay: gazetteer linking uses them.
    "ner.model": "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz",
    "ner.useSUTime": "true",
    "ner.applyFineGrained": "true",
    "ner.buildEntityMentions": "true",
    # Coreference, statistical (dependency-based mentions; "neural" needs the constituency
    # parser, "deterministic" does not exist in 4.5.10). Candidate antecedents are limited
    # to the 15 mentions before (100 with a string match) instead of 50 (500): a quarter
    # less CPU per article and as many chains on our articles; 8 loses pronoun reporters
    # ("the Border Service ... it said").
    "coref.algorithm": "statistical",
    "coref.maxMentionDistance": "15",
    "coref.maxMentionDistanceWithStringMatch": "100",
    # Quote attribution needs coref mentions; it names the speaker mention.
    "quote.attributeQuotes": "true",
    "outputFormat": "json",
}

# Threads inside the Java worker (documents annotated at once).
DEFAULT_THREADS = 2
# Heap for the worker: the models take about 3 GB.
DEFAULT_HEAP = "4g"


# What the worker is given differs from the article text in one way (same length, same
# offsets): the space that ends a dateline is a newline, so the dateline is a sentence of
# its own. Glued to the lead ("NEW DELHI, Dec 13 (PTI) Chinese troops tried ..."), the
# parser made the dateline's place the subject of the lead's verbs.
TEXT_PREPARATION = "dateline-own-sentence"


def fingerprint() -> str:
    """A short stable id of the annotator and its settings (part of every cache key)."""
    blob = json.dumps({"corenlp": CORENLP_VERSION, "schema": SCHEMA_VERSION,
                       "properties": PROPERTIES, "text": TEXT_PREPARATION}, sort_keys=True)
    return f"corenlp-{CORENLP_VERSION}-s{SCHEMA_VERSION}-" + hashlib.sha256(
        blob.encode()).hexdigest()[:12]
