"""Fixtures for the saved-query tests: run a saved query by name over a real built store,
read the gold annotations, and a second store built from the dev test articles."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import build_store

TESTS = Path(__file__).resolve().parent.parent
GOLD = TESTS / "gold"
# the dev split of the test articles (tests/articles/dev/) and its gold
OTHER_ARTICLES = TESTS / "articles" / "dev"
OTHER_GOLD = GOLD / "dev"
CORPUS_ARTICLES = ("2022-09-16_border-conflict-escalates", "2022-09-16_ceasefire-agreed")

Row = dict[str, str]


def term_text(term: object) -> str:
    """A term as a plain string: the IRI or the literal's lexical form."""
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return term.value
    return str(term)


def run_saved(store, name: str, **params: str) -> list[Row]:
    """Rows of the saved query `name`, its parameters bound by the engine's substitutions:
    the reference that the VALUES block of `kg query` and `/queries/NAME` is held to."""
    from graph.params import bind
    from graph.store.sparql_text import paged
    from queries import find

    query = find(name)
    assert query is not None, f"no saved query {name}"
    text, terms = paged(query.text, bind(query, params))
    result = store.query(text, substitutions=terms)
    return [{k: term_text(v) for k, v in row.items()} for row in result.rows()]


@pytest.fixture(scope="session")
def saved(built_store) -> Callable[..., list[Row]]:
    """`saved(name, **params)`: the answer of a saved query over the corpus store."""
    return lambda name, **params: run_saved(built_store, name, **params)


def gold(slug: str) -> dict:
    with (GOLD / f"{slug}.toml").open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="session")
def corpus_gold() -> dict[str, dict]:
    return {slug: gold(slug) for slug in CORPUS_ARTICLES}


@pytest.fixture(scope="session")
def other_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by the real `kg build` from tests/articles/dev/ (no corpus article)."""
    return build_store(OTHER_ARTICLES, tmp_path_factory, "other-store")


@pytest.fixture(scope="session")
def other_store(other_store_path: Path):
    from graph.store import open_store

    return open_store(str(other_store_path))


def local(iri: str) -> str:
    """The local name of an IRI (after # or the last /)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def article_slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
