"""One real CoreNLP worker for the whole session of annotator tests: loading its models is
the slow part (20-60 s), so the tests share it through a session-scoped Annotator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.annotate import Annotator
from graph.annotate.cache import AnnotationCache


@pytest.fixture(scope="session")
def annotator_cache(tmp_path_factory: pytest.TempPathFactory) -> AnnotationCache:
    return AnnotationCache(tmp_path_factory.mktemp("annotations"))


@pytest.fixture(scope="session")
def annotator(annotator_cache: AnnotationCache) -> Iterator[Annotator]:
    with Annotator(cache=annotator_cache) as a:
        yield a


@pytest.fixture()
def empty_cache(tmp_path: Path) -> AnnotationCache:
    return AnnotationCache(tmp_path / "cache")
