"""Extraction quality cannot silently drop: F1 per kind, measured by `kg evaluate`'s
library against the hand-written gold, must stay at or above the figures below.

Two sets are held separately: the corpus (the rules were written against it) and the
held-out test articles in tests/articles/ (never used to write rules). Raise a floor when
the extractor improves; lowering one needs a reason in the commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build_corpus
from graph.evaluate import Evaluation, evaluate, load_gold
from graph.store import open_store
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "gold"
HELD_OUT = ROOT / "tests" / "articles"

# F1 floors per kind (current figures, rounded down to two decimals)
CORPUS_FLOOR = {"entity": 1.00, "relation": 1.00, "office": 1.00, "event": 1.00,
                "claim": 1.00, "casualty": 1.00, "time": 0.94}
HELD_OUT_FLOOR = {"entity": 0.77, "relation": 0.69, "office": 0.62, "event": 0.73,
                  "claim": 0.76, "casualty": 1.00, "time": 0.86}


@pytest.fixture(scope="module")
def held_out_store(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(str(tmp_path_factory.mktemp("held-out") / "store"), create=True)
    build_corpus(HELD_OUT, store)
    return store


def _check(ev: Evaluation, floor: dict[str, float], expected_articles: int) -> None:
    assert len(ev.articles) == expected_articles
    below = {kind: round(ev.scores[kind].f1, 3) for kind, f in floor.items()
             if ev.scores[kind].f1 + 1e-9 < f}
    assert below == {}, f"F1 below the floor: {below} (floors {floor})"


def test_corpus_quality_floor(built_store) -> None:
    ev = evaluate(built_store, load_gold(GOLD))
    _check(ev, CORPUS_FLOOR, 2)


def test_held_out_quality_floor(held_out_store) -> None:
    ev = evaluate(held_out_store, load_gold(GOLD))
    _check(ev, HELD_OUT_FLOOR, len(list(Path(HELD_OUT).glob("*.txt"))))


def test_evaluation_counts_misses_and_false_statements(built_store) -> None:
    # A gold file that asks for something the article does not say must show a miss, and
    # an empty gold must turn every extracted statement into a false one.
    golds = [g for g in load_gold(GOLD) if g["article"] == "2022-09-16_ceasefire-agreed.txt"]
    assert golds
    altered = dict(golds[0])
    altered["casualty"] = [*golds[0]["casualty"], {
        "kind": "Killed", "count": 99, "vague": "", "qualifier": "Exactly", "sentence": "x"}]
    altered["entity"] = []
    ev = evaluate(built_store, [altered])
    assert ev.scores["casualty"].fn == 1
    assert any("99" in what for _, kind, what in ev.misses if kind == "casualty")
    assert ev.scores["entity"].tp == 0 and ev.scores["entity"].fp > 10
