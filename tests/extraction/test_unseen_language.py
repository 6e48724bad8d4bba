"""Phrasings the corpus does not use, written for these tests from common news style:
states the reference base does not know, active-voice casualties, passive agents,
counterparts, the time of a statement versus the time of what it reports, hostile input."""

from __future__ import annotations

import datetime as dt
import time

from graph.corpus import Article
from graph.document import segment
from graph.extract.kb import load_kb
from graph.extract.pipeline import analyse
from graph.extract.rules import get_rules
from graph.iris import Minter


def _labels(result):
    return {e.label: e for e, _ in result.mentions}


def test_states_outside_the_base_are_learnt_from_context(extract) -> None:
    result = extract("Zelenia's defence ministry said Borovian troops shelled the Zelenian "
                     "village of Tashkor on Tuesday. The border between Zelenia and Borovia "
                     "is not demarcated.", "2023-05-12")
    found = _labels(result)
    assert found["Zelenia"].is_state and found["Borovia"].is_state
    assert found["Zelenia"].iri.endswith("/id/state/zelenia")
    assert found["Borovian forces"].state == found["Borovia"].iri
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert (shelling.agent.label, shelling.target.label, shelling.claimed) == (
        "Borovian forces", "Zelenia", True)
    assert ("Tashkor", "inState", "Zelenia") in {
        (r.subject.label, r.predicate, r.obj.label) for r, _, _ in result.relations}


def test_active_voice_and_bare_casualty_numbers(extract) -> None:
    result = extract("The shelling killed two civilians and wounded at least 12 people. "
                     "Guards fired on a patrol, wounding three. The death toll rose to 36.")
    assert {(f.kind, f.count, f.qualifier, f.population) for f in result.figures} == {
        ("Killed", 2, "Exactly", "Civilians"), ("Wounded", 12, "AtLeast", "People"),
        ("Wounded", 3, "Exactly", ""), ("Killed", 36, "Exactly", "")}


def test_thousands_separator(extract) -> None:
    (figure,) = extract("More than 1,200 people were injured.").figures
    assert (figure.count, figure.min) == (1200, 1201)


def test_passive_agent(extract) -> None:
    (event,) = extract("Two posts were shelled by Kyrgyz forces on Monday.").events
    assert (event.cls, event.agent.label) == ("Shelling", "Kyrgyz forces")


def test_counterpart_gets_the_same_office(extract) -> None:
    result = extract("Kyrgyz President Sadyr Japarov and his Tajik counterpart Emomali "
                     "Rahmon spoke by phone on Friday.")
    assert {(o.holder.label, o.office, o.of.label) for o, _ in result.offices} == {
        ("Sadyr Japarov", "President", "Kyrgyzstan"),
        ("Emomali Rahmon", "President", "Tajikistan")}
    (talks,) = result.events
    assert talks.cls == "Talks" and talks.time.text == "Friday"


def test_time_of_a_statement_is_not_the_time_of_the_event(extract) -> None:
    result = extract("Dozens were injured in clashes over water, officials said on Friday.",
                     "2021-05-01")
    assert [e.cls for e in result.events] == []  # undated generic clashes stay background
    assert all(f.period is None for f in result.figures)


def test_future_time_makes_an_event_planned(extract) -> None:
    (talks,) = extract("Kazakh and Uzbek negotiators will hold talks in Tashkent next week.",
                       "2023-05-12").events
    assert (talks.status, talks.place.label) == ("Planned", "Tashkent")


def test_denial_is_not_a_claim_of_the_event(extract) -> None:
    result = extract("Tajikistan denied shelling Kyrgyz villages.")
    assert result.claims == []


def test_hostile_input_stays_linear() -> None:
    text = ("A" * 200_000 + "\n" + "Tajik forces shelled the village of Dostuk, and " * 2000
            + ".\n")
    article = Article(slug="hostile", file="hostile.txt", title="x",
                      reported_date=dt.date(2022, 9, 16), text=text)
    minter = Minter("https://example.org/kg/")
    started = time.monotonic()
    analyse(article, segment(article), load_kb(minter.base), get_rules(), minter)
    assert time.monotonic() - started < 5
