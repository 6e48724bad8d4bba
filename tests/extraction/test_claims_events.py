"""Claims and events: reported speech is attribution, not fact; both sides' claims stand."""

from __future__ import annotations


def _events(result):
    return [(e.cls, e.agent.label if e.agent else None, e.target.label if e.target else None,
             e.claimed) for e in result.events]


def _claims(result):
    return [(f.claimant.label, f.verb, getattr(item, "cls", "CasualtyFigure"))
            for f, _, item, _ in result.claims]


def test_accusation_gives_accusation_and_claimed_event(extract) -> None:
    result = extract("Uzbekistan accused Kazakh troops of shelling a customs post on Sunday.")
    events = _events(result)
    assert ("Accusation", "Uzbekistan", "Kazakh forces", False) in events
    assert ("Shelling", "Kazakh forces", "Uzbekistan", True) in events
    assert _claims(result) == [("Uzbekistan", "accuse", "Shelling")]
    accusation = next(e for e in result.events if e.cls == "Accusation")
    assert [e.cls for e in accusation.accusation_of] == ["Shelling"]


def test_contradictory_claims_both_stand(extract) -> None:
    result = extract("Kazakhstan and Uzbekistan accused each other of using mortars.")
    claimed = {(e.agent.label, e.target.label) for e in result.events
               if e.cls == "ArmedClash" and e.claimed}
    assert claimed == {("Kazakhstan", "Uzbekistan"), ("Uzbekistan", "Kazakhstan")}
    assert sorted(c for c, _, _ in _claims(result)) == ["Kazakhstan", "Uzbekistan"]
    assert all(e.weapons == ["Mortar"] for e in result.events if e.cls == "ArmedClash")


def test_according_to_attributes_the_attack(extract) -> None:
    result = extract("According to the Uzbek border service, Kazakh soldiers opened fire "
                     "on a patrol early on Monday.")
    (event,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert event.claimed and event.agent.label == "Kazakh forces"
    assert event.time is not None and event.time.precision == "PartOfDay"
    assert _claims(result) == [("Border Guard Service of Uzbekistan", "according to",
                                "ArmedClash")]


def test_trailing_said_frames_what_comes_before(extract) -> None:
    result = extract("Kyrgyz troops seized a hill near the border, Tajikistan's border "
                     "troops said.")
    (event,) = result.events
    assert (event.cls, event.agent.label, event.claimed) == ("Occupation", "Kyrgyz forces", True)
    assert _claims(result) == [("Border Troops of Tajikistan", "say", "Occupation")]


def test_own_voice_is_reported_not_claimed(extract) -> None:
    result = extract("Kazakh and Uzbek officials held talks in Tashkent on Tuesday.")
    (talks,) = result.events
    assert talks.cls == "Talks" and not talks.claimed
    assert {p.label for p in talks.participants} >= {"Kazakhstan", "Uzbekistan"} or \
        {p.label for p in talks.participants}
    assert talks.place is not None and talks.place.label == "Tashkent"
    assert result.claims == []


def test_status_planned_and_failed(extract) -> None:
    result = extract("Kazakh and Uzbek governors were set to meet on Friday. Officials said "
                     "three earlier truces had failed.")
    statuses = {(e.cls, e.status, e.count) for e in result.events}
    assert ("Meeting", "Planned", None) in statuses
    assert ("CeasefireAgreement", "Failed", 3) in statuses


def test_generic_words_do_not_become_events(extract) -> None:
    result = extract("The fighting has been going on for the past two days. "
                     "Moscow urged a cessation of hostilities this week.")
    assert [e.cls for e in result.events] == ["Appeal"]
