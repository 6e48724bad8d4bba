"""The committed annotation fixtures: current for every article folder, and their offsets
line up with the document layer's sentences (curly quotes, dashes and all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.annotate.cache import read_matching
from graph.annotate.corpus import fixture_path
from graph.corpus import load_corpus
from graph.document import is_dateline, segment

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = sorted({p.parent for base in (ROOT / "corpus", ROOT / "tests" / "articles")
                  for p in base.glob("**/articles.tsv")})
ARTICLES = [(folder, article) for folder in FOLDERS for article in load_corpus(folder)[0]]


def test_there_are_article_folders() -> None:
    assert ROOT / "corpus" in FOLDERS
    assert len(ARTICLES) >= 6


@pytest.mark.parametrize(("folder", "article"), ARTICLES,
                         ids=[f"{f.relative_to(ROOT)}/{a.slug}" for f, a in ARTICLES])
def test_fixture_is_current_and_lines_up_with_the_document_layer(folder, article) -> None:
    path = fixture_path(folder, article)
    annotation = read_matching(path, article.text, article.reported_date.isoformat())
    assert annotation is not None, (
        f"{path} is missing or stale (other text, date or annotator settings): "
        f"run `kg annotate --corpus {folder.relative_to(ROOT)}`")
    for token in annotation.tokens:
        assert article.text[token.begin:token.end] == token.text
    covered = 0
    for sentence in segment(article):
        inside = annotation.tokens_in(sentence.begin, sentence.end)
        touching = annotation.tokens_overlapping(sentence.begin, sentence.end)
        assert inside == touching, (
            f"tokens straddle the boundary of sentence {sentence.index} "
            f"{sentence.text[:60]!r}: {[t.text for t in touching if t not in inside]}")
        assert inside, f"no token in sentence {sentence.index} {sentence.text[:60]!r}"
        # the tokens spell the sentence, minus white space
        assert "".join(t.text for t in inside) == "".join(sentence.text.split())
        covered += len(inside)
    assert covered <= len(annotation.tokens)
    # an annotator sentence never spans two lines, nor a dateline and the lead
    for s in annotation.sentences:
        assert "\n" not in article.text[s.begin:s.end]
    for sentence in segment(article):
        if is_dateline(sentence.text):
            assert any(sentence.begin <= s.begin and s.end <= sentence.end
                       for s in annotation.sentences), sentence.text


def test_non_ascii_text_is_covered() -> None:
    """At least one fixture has curly quotes and an en dash, and they are tokens with the
    right offsets (UTF-16 offsets from Java converted to code points)."""
    seen = set()
    for folder, article in ARTICLES:
        annotation = read_matching(fixture_path(folder, article), article.text,
                                   article.reported_date.isoformat())
        if annotation is None:
            continue
        for token in annotation.tokens:
            for ch in "“”’–":
                if ch in token.text:
                    assert article.text[token.begin:token.end] == token.text
                    seen.add(ch)
    assert {"“", "”"} <= seen
