"""Helpers for the extraction tests: run the real pipeline on a few sentences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.annotate.cache import read_matching
from graph.annotate.corpus import fixture_path
from graph.annotate.types import Annotation
from graph.corpus import Article, load_corpus
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


def fixture_article(folder: Path, name: str) -> tuple[Article, Annotation]:
    """The article of `folder` whose slug ends in `name`, with its committed annotation
    fixture (made by `kg annotate`; a missing or stale one fails with how to remake it)."""
    articles, _ = load_corpus(folder)
    article = next(a for a in articles if name in a.slug)
    annotation = read_matching(fixture_path(folder, article), article.text,
                               article.reported_date.isoformat())
    assert annotation is not None, (
        f"fixture for {article.slug} missing or stale: run "
        f"`kg annotate --corpus {folder}`")
    return article, annotation


@pytest.fixture()
def extract():
    return run


def labels(entities) -> set[str]:
    return {e.label for e in entities if e is not None}
