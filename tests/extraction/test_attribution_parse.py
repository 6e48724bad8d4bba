"""Attribution read off the dependency parse, one construct per article in
tests/extraction/attribution/ (own sentences; their CoreNLP annotations are committed
fixtures, so no JVM is needed). Each test reads the frame from the parse alone and checks
the whole extractor with the annotation gives the same claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.annotate.types import Annotation
from graph.corpus import Article
from graph.document import segment
from graph.extract.claims import clauses, parse_frames
from graph.extract.entities import recognise
from graph.extract.grammar import Parse
from graph.extract.kb import load_kb
from graph.extract.linking import Discourse
from graph.extract.mentions import normalise
from graph.extract.pipeline import analyse
from graph.extract.rules import get_rules
from graph.iris import Minter
from tests.extraction.conftest import fixture_article

CONSTRUCTS = Path(__file__).parent / "attribution"


def _article(name: str) -> tuple[Article, Annotation]:
    return fixture_article(CONSTRUCTS, name)


def _parse_frames(name: str) -> list[tuple[str, str, str]]:
    """(claimant, verb, claimed text) of the frames the parse alone gives, sentence by
    sentence, as the pipeline would see them."""
    article, annotation = _article(name)
    rules = get_rules()
    minter = Minter("https://example.org/kg/")
    disc = Discourse(load_kb(minter.base), minter, article.reported_date)
    out = []
    for sentence in segment(article):
        text = normalise(sentence.text)
        mentions = recognise(text, disc, rules)
        for m in mentions:
            for entity in m.entities:
                disc.note(entity, sentence.begin + m.begin)
        parse = Parse.from_annotation(annotation, sentence.begin, sentence.end)
        assert parse is not None
        for clause in clauses(text):
            for f in parse_frames(text, clause, parse, mentions, disc, rules):
                out.append((f.claimant.label, f.verb, text[f.content[0]:f.content[1]].strip()))
                disc.last_of_class["attribution:claimant"] = f.claimant
    return out


def _claims(name: str) -> set[tuple[str, str, str]]:
    article, annotation = _article(name)
    minter = Minter("https://example.org/kg/")
    result, _ = analyse(article, segment(article), load_kb(minter.base), get_rules(), minter,
                        annotation=annotation)
    return {(f.claimant.label, f.verb, getattr(item, "cls", "CasualtyFigure"))
            for f, _, item, _ in result.claims}


@pytest.mark.parametrize(("name", "frame", "claim"), [
    pytest.param("sentence-final",
                 ("Border Troops of Tajikistan", "say",
                  "Kyrgyz troops shelled the village of Vorukh overnight, damaging several homes"),
                 ("Border Troops of Tajikistan", "say", "Shelling"),
                 id="reporter-after-its-claim"),
    pytest.param("relative-subject",
                 ("Border Guard Service of Kyrgyzstan", "say",
                  "Tajik troops had shelled an outpost"),
                 ("Border Guard Service of Kyrgyzstan", "say", "Shelling"),
                 id="subject-with-relative-clause"),
])
def test_frame_from_the_parse(name, frame, claim) -> None:
    assert frame in _parse_frames(name)
    assert claim in _claims(name)


def test_pronoun_subject_is_the_claimant_before() -> None:
    frames = _parse_frames("it-added")
    assert len(frames) == 2 and frames[0][0] == frames[1][0]
    assert frames[1][1:] == ("add", "two soldiers were wounded")


def test_inverted_reporter_with_the_annotation() -> None:
    assert ("Kassym-Jomart Tokayev", "say", "CasualtyFigure") in _claims("inverted")
