"""Extraction quality cannot silently drop: F1 per kind, measured by `kg evaluate`'s
library against the hand-written gold, must stay at or above the figures below.

Three sets are held separately (tests/gold/FORMAT.md): the corpus (the rules were written
against it), the dev split tests/articles/dev/ (rules may be tuned on it) and the test
split tests/articles/test/ (only scored: a rule is never written because one of its
articles missed). Every gold article of a set must be built. Raise a floor when the
extractor improves; lowering one needs a reason in the commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build_corpus
from graph.evaluate import Evaluation, evaluate, load_gold
from graph.store import open_store
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "gold"
DEV = ROOT / "tests" / "articles" / "dev"
TEST = ROOT / "tests" / "articles" / "test"

# F1 floors per kind: the figures measured on 2026-12-04 02:34 UTC (all kinds: corpus 0.99,
# dev 0.84 over 371 articles, test 0.81 over 16), rounded down a little, because the
# extractor is changing under them. That day the dev split grew by fifty-five articles
# (eleven batches, each scored before any rule read it: README, "Quality"); on the 316
# articles of the day before the event floor's figure rose from 0.720 to 0.736, with the
# new, harder ones in the split it is 0.726 (event floor 0.71 -> 0.72). Dev office fell
# from 0.871 to 0.860 with them (their officials: ranks and posts of the period, states the
# base does not know), not from a weaker extractor: the floor follows the grown split.
# The test split (sixteen articles, never tuned on) moved from event 0.669 to 0.673.
# Later that day (2026-12-04 05:10 UTC, 401 dev articles with thirty more): dev event 0.736,
# claim 0.798 (floors 0.72 -> 0.73, 0.78 -> 0.79); test claim 0.746 -> 0.758 (floor 0.74 ->
# 0.75), test event 0.678, test relation 0.815 (the sides weighed by who fights cost it one
# relation, the other side's office of an untied title gained it back).
CORPUS_FLOOR = {"entity": 0.97, "relation": 1.00, "office": 1.00, "event": 1.00,
                "claim": 1.00, "casualty": 1.00, "time": 0.92}
DEV_FLOOR = {"entity": 0.86, "relation": 0.81, "office": 0.85, "event": 0.73,
             "claim": 0.79, "casualty": 0.92, "time": 0.91}
TEST_FLOOR = {"entity": 0.83, "relation": 0.81, "office": 0.87, "event": 0.67,
              "claim": 0.75, "casualty": 0.91, "time": 0.91}


def _built(folder: Path, tmp_path_factory: pytest.TempPathFactory):
    store = open_store(str(tmp_path_factory.mktemp(folder.name) / "store"), create=True)
    build_corpus(folder, store)
    return store


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory):
    return _built(DEV, tmp_path_factory)


@pytest.fixture(scope="module")
def test_store(tmp_path_factory: pytest.TempPathFactory):
    return _built(TEST, tmp_path_factory)


def _check(ev: Evaluation, floor: dict[str, float], folder: Path) -> None:
    assert ev.unbuilt == [], f"gold articles not built: {ev.unbuilt}"
    assert len(ev.articles) == len(list(folder.glob("*.txt")))
    below = {kind: round(ev.scores[kind].f1, 3) for kind, f in floor.items()
             if ev.scores[kind].f1 + 1e-9 < f}
    assert below == {}, f"F1 below the floor: {below} (floors {floor})"


def test_corpus_quality_floor(built_store) -> None:
    ev = evaluate(built_store, load_gold(GOLD))
    _check(ev, CORPUS_FLOOR, ROOT / "corpus")


def test_dev_quality_floor(dev_store) -> None:
    _check(evaluate(dev_store, load_gold(GOLD / "dev")), DEV_FLOOR, DEV)


def test_test_split_quality_floor(test_store) -> None:
    _check(evaluate(test_store, load_gold(GOLD / "test")), TEST_FLOOR, TEST)


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
