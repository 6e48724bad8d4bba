"""Each stage of the extractor on its own (graph/extract/types.py names what passes between
them), from the committed annotation fixtures of tests/extraction/constructs/."""

from __future__ import annotations

import subprocess
import sys

from graph.document import BODY, segment
from graph.extract.framing import frame_sentence
from graph.extract.kb import load_kb
from graph.extract.linking import Discourse
from graph.extract.merge import fold_into
from graph.extract.reading import read_sentence
from graph.extract.rules import get_rules
from graph.extract.timex import TimeContext
from graph.extract.types import EventRecord, SentenceReading
from graph.iris import Minter
from tests.extraction.test_roles_from_parse import _article


def _read(name: str) -> tuple[list[SentenceReading], Discourse]:
    article, annotation = _article(name)
    minter = Minter("https://example.org/kg/")
    disc = Discourse(load_kb(minter.base), minter, article.reported_date)
    clock = TimeContext(article.reported_date)
    readings = [read_sentence(s, annotation, disc, get_rules(), clock)[0]
                for s in segment(article) if s.role == BODY]
    return readings, disc


def test_reading_gives_parse_mentions_and_times() -> None:
    (reading,), _ = _read("passive-by")
    assert reading.parse is not None and reading.parse.token(1).word == "Two"
    assert [m.text for m in reading.mentions] == ["Kazakh", "Uzbek troops"]
    assert [t.text for t in reading.times] == ["overnight"]


def test_framing_cuts_the_claimed_content_from_the_reporter() -> None:
    (lead, body), disc = _read("lead-and-body")
    framing = frame_sentence(lead, disc, get_rules())
    (frame,) = framing.frames
    assert frame.claimant.label == "Defence Ministry of Armenia" and frame.verb == "say"
    claimed = [p for p in framing.spans if p.frame is frame]
    assert [lead.text[slice(*p.span)] for p in claimed] == [
        "At least ten Armenian soldiers were killed in overnight shelling by Azerbaijani "
        "forces"]


def test_merge_folds_a_restatement_and_keeps_other_acts_apart() -> None:
    (reading,), disc = _read("under-fire-from")
    armenia, azerbaijan = (disc.kb.entities[i] for i in sorted(
        e.iri for e in disc.kb.entities.values() if e.label in {"Armenia", "Azerbaijan"}))
    events: list[EventRecord] = []
    first = EventRecord("Shelling", "t", 0.7, 0, agent=azerbaijan, target=armenia)
    again = EventRecord("Shelling", "t", 0.7, 2, agent=azerbaijan, target=armenia)
    other = EventRecord("Shelling", "t", 0.7, 3, agent=armenia, target=azerbaijan)
    assert fold_into([first], events, disc) == [first]
    assert fold_into([again, other], events, disc) == [first, other]
    assert events == [first, other] and first.also == [2]


def test_writer_does_not_import_the_pipeline() -> None:
    # the stages import downwards only: writing needs no knowledge of the pipeline
    code = ("import sys, graph.extract.writer; "
            "print('graph.extract.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
