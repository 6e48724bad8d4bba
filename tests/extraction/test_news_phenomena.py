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

