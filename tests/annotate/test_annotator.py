"""The real annotator end to end on short articles written for these tests: what the rule
layer reads from it (offsets, lemmas, the UD parse, SUTime against the article's date,
coreference, quotes) and the worker's life cycle."""

from __future__ import annotations

import os

import pytest

from graph.annotate import Annotator
from graph.annotate.cache import AnnotationCache
from graph.annotate.worker import Worker
from graph.errors import DocumentError

pytestmark = pytest.mark.annotator

# Non-ASCII on purpose: an en dash, curly quotes and apostrophe, a Cyrillic name and one
# character outside the BMP (two UTF-16 units in Java, one code point here).
ARTICLE = (
    "Border guards trade fire – two soldiers killed\n"
    "Two Karvenian soldiers were killed by Doltarian troops near the village of Ostrel "
    "on Friday, the Karvenian defence ministry said.\n"
    "It said the attack began early on Friday morning and that Doltaria’s troops fired "
    "mortars.\n"
    "“We will respond,” said Anna Petrova, the ministry’s spokeswoman 🙂, adding that "
    "talks in Москва would resume two days later.\n"
)
DATE = "2023-03-10"  # a Friday


@pytest.fixture(scope="module")
def annotation(annotator: Annotator):
    return annotator.annotate(ARTICLE, DATE)


def _token(annotation, text, occurrence=0):
    found = [t for t in annotation.tokens if t.text == text]
    return found[occurrence]


def test_offsets_are_code_points_of_the_text(annotation) -> None:
    assert annotation.text == ARTICLE
    for token in annotation.tokens:
        assert ARTICLE[token.begin:token.end] == token.text
    # after the emoji (2 UTF-16 units), offsets still agree with Python's string
    moscow = _token(annotation, "Москва")
    assert ARTICLE.index("Москва") == moscow.begin
    assert [t.text for t in annotation.tokens if t.text in {"–", "“", "”"}] == ["–", "“", "”"]


def test_newlines_end_sentences(annotation) -> None:
    lines = [ln for ln in ARTICLE.splitlines() if ln]
    assert len(annotation.sentences) == len(lines)
    for sentence, line in zip(annotation.sentences, lines, strict=True):
        assert ARTICLE[sentence.begin:sentence.end] == line.rstrip()


def test_passive_agent_from_the_parse(annotation) -> None:
    killed = _token(annotation, "killed", 1)
    assert killed.lemma == "kill" and killed.pos == "VBN"
    subject = annotation.children(killed, "nsubj:pass")
    assert [t.text for t in subject] == ["soldiers"]
    agent = [t for t in annotation.children(killed, "obl") if t.text == "troops"]
    assert agent, [(t.text, t.rel) for t in annotation.children(killed)]
    assert any(a.rel == "obl:agent" and a.head == killed.index for a in agent[0].enhanced)
    assert [t.text for t in annotation.children(agent[0], "case")] == ["by"]


def test_time_normalised_against_the_reported_date(annotation) -> None:
    values = {x.text: x.value for x in annotation.timexes}
    assert values["Friday"] == "2023-03-10"
    later = [x for x in annotation.timexes if "two days later" in x.text or x.text == "two days"]
    assert later, values
    friday = _token(annotation, "Friday")
    assert annotation.timex_of(friday) is not None


def test_entities_and_coreference(annotation) -> None:
    labels = {m.text: m.ner for m in annotation.entities}
    assert labels.get("Anna Petrova") == "PERSON"
    it = _token(annotation, "It")
    chain = annotation.chain_of(it)
    assert chain is not None
    assert "ministry" in chain.representative.text


def test_quote_and_its_speaker(annotation) -> None:
    assert len(annotation.quotes) == 1
    quote = annotation.quotes[0]
    assert quote.text == "“We will respond,”"
    assert ARTICLE[quote.begin:quote.end] == quote.text
    assert quote.speaker is not None and "Petrova" in quote.speaker


def test_tokens_in_a_document_layer_span(annotation) -> None:
    begin = ARTICLE.index("Two Karvenian")
    end = ARTICLE.index(" near the village")
    assert [t.text for t in annotation.tokens_in(begin, end)][:3] == ["Two", "Karvenian",
                                                                       "soldiers"]
    assert annotation.tokens_in(begin, end)[-1].text == "troops"


def test_second_request_is_a_cache_hit(annotator: Annotator, annotation) -> None:
    before = annotator.annotated
    again = annotator.annotate(ARTICLE, DATE)
    assert again == annotation
    assert annotator.annotated == before


def test_corrupt_cache_entry_is_annotated_again(annotator: Annotator,
                                                annotator_cache: AnnotationCache,
                                                annotation) -> None:
    path = annotator_cache.path(ARTICLE, DATE)
    path.write_bytes(path.read_bytes()[:100])  # a torn write
    before = annotator.annotated
    again = annotator.annotate(ARTICLE, DATE)
    assert annotator.annotated == before + 1
    assert again.tokens == annotation.tokens
    assert annotator_cache.get(ARTICLE, DATE) == again  # the entry is whole again


def test_another_date_is_another_annotation(annotator: Annotator) -> None:
    text = "Shelling resumed on Friday.\n"
    a, b = annotator.annotate_many([(text, "2023-03-10"), (text, "2023-03-17")])
    assert a.timexes[0].value == "2023-03-10"
    assert b.timexes[0].value == "2023-03-17"


def test_worker_stops_by_its_pid() -> None:
    # the life cycle does not depend on the models: a tokenizer-only pipeline starts fast
    worker = Worker(threads=1, properties={"annotators": "tokenize,ssplit",
                                           "outputFormat": "json"})
    with worker:
        assert worker.process is not None
        pid = worker.process.pid
        [doc] = worker.run([("Fighting broke out.", None)])
        assert doc["sentences"][0]["tokens"][0]["word"] == "Fighting"
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_document_the_annotator_fails_on_costs_only_itself() -> None:
    # A real CoreNLP failure on one document of a batch: the middle text does not fit in
    # a small heap (OutOfMemoryError, also when annotated again alone); the worker goes on
    # and the documents around it are annotated.
    worker = Worker(threads=2, heap="64m", properties={"annotators": "tokenize,ssplit"})
    with worker:
        found = dict(worker.iter_run([("Fighting broke out on Friday.", "2022-09-16"),
                                      ("Shells fell. " * 400_000, "2022-09-16"),
                                      ("Calm returned.", "2022-09-16")]))
        assert isinstance(found[1], DocumentError)
        assert "document 1" in found[1].message and "OutOfMemoryError" in found[1].message
        assert found[0]["sentences"][0]["tokens"][0]["word"] == "Fighting"
        assert found[2]["sentences"][0]["tokens"][0]["word"] == "Calm"
        with pytest.raises(DocumentError):
            worker.run([("Shells fell. " * 400_000, None)])
        [after] = worker.run([("Still up.", None)])  # the same process
        assert after["sentences"][0]["tokens"][0]["word"] == "Still"
        assert worker._log is not None
        worker._log.flush()
        worker._log.seek(0)
        log = worker._log.read().decode()
    assert "document 1 failed beside others; again alone" in log  # retried on its own
    assert "document 1 failed alone" in log
