"""Phrasings of news read by the rule layer, one per test, from own example sentences
(no parse: the `extract` fixture runs the pipeline without an annotation)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("sentence", "place"), [
    ("Kyrgyz and Tajik border guards clashed on Thursday in the disputed Batken region, "
     "officials said.", "Batken Region"),
    ("Armenian and Azerbaijani troops fought in the contested Nagorno-Karabakh region on "
     "Tuesday.", "Nagorno-Karabakh"),
    ("Indian and Pakistani soldiers exchanged fire in the disputed Kashmir region on "
     "Sunday.", "Kashmir"),
])
def test_an_adjective_before_the_place_name_keeps_it_the_events_place(
        extract, sentence: str, place: str) -> None:
    (event,) = extract(sentence).events
    assert (event.cls, event.place.label if event.place else None) == ("ArmedClash", place)



def test_a_clash_in_an_as_clause_takes_the_time_of_the_clause_before(extract) -> None:
    result = extract("Cambodian troops shelled a Thai village on Thursday, Thai officials said, "
                     "as the two neighbours fought their fiercest border battle in years.",
                     "2025-07-25")
    assert {(e.cls, e.time.text if e.time else None, e.claimed) for e in result.events} == {
        ("Shelling", "Thursday", True), ("ArmedClash", "Thursday", False)}
    (clash,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert {p.label for p in clash.participants} == {"Thailand", "Cambodia"}


def test_the_time_of_a_statement_dates_no_as_clause(extract) -> None:
    # "said on Friday, as ...": the day of the statement is not the day of the fighting
    result = extract("Thai officials said on Friday that Cambodian troops had shelled a village, "
                     "as the two neighbours fought their fiercest border battle in years.",
                     "2025-07-26")
    assert [e.cls for e in result.events] == ["Shelling"]


@pytest.mark.parametrize("sentence", [
    '"The shelling must stop," Kyrgyz Foreign Secretary Almaz Tokonov told reporters.',
    "Tajik troops shelled two border posts on Monday, Kyrgyz Deputy Foreign Secretary "
    "Almaz Tokonov said.",
])
def test_a_demonym_before_an_unlisted_title_gives_the_speaker_his_state(
        extract, sentence: str) -> None:
    result = extract(sentence)
    assert {(f.claimant.label, f.claimant.state.rsplit("/", 1)[-1] if f.claimant.state
             else None) for f, *_ in result.claims} == {("Almaz Tokonov", "kyrgyzstan")}


def test_a_speaker_named_without_a_title_has_no_state_from_the_sentence(extract) -> None:
    result = extract("Almaz Tokonov said Tajik troops shelled two border posts on Monday.")
    assert {(f.claimant.label, f.claimant.state) for f, *_ in result.claims} == {
        ("Almaz Tokonov", None)}
