"""Helpers for the extraction tests: run the real pipeline on a few sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.corpus import Article
from graph.document import segment
from graph.extract.kb import load_kb
from graph.extract.pipeline import ArticleResult, analyse
from graph.extract.rules import get_rules
from graph.iris import Minter


def run(text: str, date: str = "2022-09-16", title: str = "Test article") -> ArticleResult:
    """The extractor's findings for `text` as the body of an article reported on `date`."""
    article = Article(slug="unit-test", file="unit-test.txt", title=title,
                      reported_date=dt.date.fromisoformat(date), text=text)
    minter = Minter("https://example.org/kg/")
    result, _ = analyse(article, segment(article), load_kb(minter.base), get_rules(), minter)
    return result


@pytest.fixture()
def extract():
    return run


def labels(entities) -> set[str]:
    return {e.label for e in entities if e is not None}
