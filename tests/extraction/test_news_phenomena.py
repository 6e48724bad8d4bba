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
