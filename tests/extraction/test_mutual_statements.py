"""Mutual and joint statements: one directed claim (and claimed event) per side; a joint
source is one claimant per side."""

from __future__ import annotations

import pytest

SETUP = "Armenian and Azerbaijani troops clashed on the border on Monday. "


def _directed(result, cls):
    return {(e.agent.label, e.target.label) for e in result.events
            if e.cls == cls and e.claimed and e.agent and e.target}


def _claimants(result):
    return sorted((f.claimant.label, f.accused.label if f.accused else None)
                  for f, _, _, _ in result.claims)


@pytest.mark.parametrize(("sentence", "cls"), [
    pytest.param("Armenia and Azerbaijan blamed each other for the fighting.", "ArmedClash",
                 id="blamed-each-other"),
    pytest.param("Armenia and Azerbaijan accused one another of violating the ceasefire.",
                 "CeasefireViolation", id="accused-one-another"),
    pytest.param("Armenia and Azerbaijan traded accusations over the shelling of border "
                 "villages.", "Shelling", id="traded-accusations"),
    pytest.param("Armenia and Azerbaijan exchanged accusations of shelling border "
                 "villages.", "Shelling", id="exchanged-accusations"),
    pytest.param(SETUP + "Both sides blamed the other for starting the fighting.", "ArmedClash",
                 id="both-blamed-the-other"),
])
def test_each_side_accuses_the_other(extract, sentence, cls) -> None:
    result = extract(sentence)
    assert _directed(result, cls) == {("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")}
    assert _claimants(result) == [("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")]
    accusations = {(e.agent.label, e.target.label) for e in result.events
                   if e.cls == "Accusation"}
    assert accusations == {("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")}


def test_each_side_says_the_other_started_the_fighting(extract) -> None:
    result = extract(SETUP + "Each side says the other started the fighting.")
    assert _directed(result, "ArmedClash") == {("Armenia", "Azerbaijan"),
                                               ("Azerbaijan", "Armenia")}


def test_each_side_said_the_other_opened_fire(extract) -> None:
    result = extract(SETUP + "Each side said the other opened fire first.")
    assert _directed(result, "ArmedClash") == {("Armenia", "Azerbaijan"),
                                               ("Azerbaijan", "Armenia")}
    assert _claimants(result) == [("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")]


def test_according_to_both_countries_agencies_has_two_claimants(extract) -> None:
    result = extract(SETUP + "Two soldiers were killed, according to both countries' "
                     "security agencies.")
    (figure,) = result.figures
    assert figure.count == 2
    assert sorted(f.claimant.label for f, what, item, _ in result.claims
                  if what == "figure" and item is figure) == ["Armenia", "Azerbaijan"]


def test_both_sides_said_is_a_claim_of_each(extract) -> None:
    result = extract(SETUP + "Both sides said talks would resume on Friday.")
    assert sorted(f.claimant.label for f, _, item, _ in result.claims
                  if item.cls == "Talks") == ["Armenia", "Azerbaijan"]


def test_each_accused_the_other(extract) -> None:
    result = extract("Armenia and Azerbaijan each accused the other of opening fire first.")
    assert _directed(result, "ArmedClash") == {("Armenia", "Azerbaijan"),
                                               ("Azerbaijan", "Armenia")}


def test_mutual_blame_after_each_sides_account_claims_those_accounts(extract) -> None:
    # each side's account told before is the claimed event of its blame, listed once
    result = extract(
        "BISHKEK (Reuters) - Tajik servicemen fired on a Kyrgyz patrol on Sunday, the Kyrgyz "
        "border service said. Tajikistan's border troops said Kyrgyz guards had fired on a "
        "Tajik patrol. Bishkek and Dushanbe blamed each other for the shooting.", "2015-01-12")
    clashes = [e for e in result.events if e.cls == "ArmedClash"]
    assert len(clashes) == 2
    assert len([e for e in result.events if e.cls == "Accusation"]) == 2


def test_an_account_after_the_blame_that_dates_its_act_is_an_act_of_its_own(extract) -> None:
    result = extract(
        "BISHKEK (Reuters) - Kyrgyzstan and Tajikistan earlier accused each other of opening fire. "
        "Kyrgyzstan's border guard service said Tajik forces once again opened fire on its "
        "outposts early on Friday.", "2022-09-16")
    directed = [(_side(e.agent), _side(e.target)) for e in result.events
                if e.cls == "ArmedClash"]
    assert directed.count(("tajikistan", "kyrgyzstan")) == 2


def _side(entity) -> str:
    return (entity.iri if entity.is_state else entity.state or "").rsplit("/", 1)[-1] \
        if entity is not None else ""


def test_what_else_a_mutual_blame_names_takes_no_part(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan traded accusations at the United Nations "
                     "General Assembly on Friday over last week's fighting on their border, "
                     "the worst since the Soviet Union broke up in 1991.", "2022-09-24")
    clashes = [e for e in result.events if e.cls == "ArmedClash" and e.claimed]
    assert clashes and all(not e.participants for e in clashes)


def test_blame_for_an_escalation_is_for_the_fighting_not_a_war_that_dates_it(extract) -> None:
    result = extract("Armenia and Azerbaijan reported fighting on their border on Tuesday. "
                     "Each side blamed the other for the escalation, the worst since last "
                     "year's war.", "2021-11-16")
    blamed = {e.cls for e in result.events if e.sentence == 1 and e.claimed}
    assert blamed == {"ArmedClash"}


@pytest.mark.parametrize("text", [
    pytest.param("Armenia and Azerbaijan agreed a ceasefire on Sunday. By the evening the two "
                 "sides blamed each other for violating it.", id="next-sentence-mutual"),
    pytest.param("A ceasefire took effect at noon, and within hours Armenia and Azerbaijan "
                 "accused each other of breaking it.", id="same-sentence"),
])
def test_violating_it_is_the_ceasefire_just_named(extract, text) -> None:
    result = extract(text)
    assert _directed(result, "CeasefireViolation") == {("Armenia", "Azerbaijan"),
                                                       ("Azerbaijan", "Armenia")}


def test_violating_it_far_from_any_ceasefire_is_no_violation(extract) -> None:
    # "it" a paragraph after the truce, or with no truce at all, stands for something else
    result = extract("Armenia and Azerbaijan agreed a ceasefire on Sunday. Fighting went on "
                     "near Jermuk. Villagers fled the area. Armenia accused Azerbaijan of "
                     "violating it.")
    assert not [e for e in result.events if e.cls == "CeasefireViolation"]
    result = extract("Armenia said the new border line was fair and accused Azerbaijan of "
                     "violating it.")
    assert not [e for e in result.events if e.cls == "CeasefireViolation"]


def test_each_accused_the_other_of_crossing_the_line_of_actual_control(extract) -> None:
    result = extract("India and China blamed each other for the clash. Each side accused the "
                     "other of crossing the Line of Actual Control.")
    assert _directed(result, "Occupation") == {("India", "China"), ("China", "India")}


def test_fighting_that_each_country_blamed_on_the_other(extract) -> None:
    # mutual blame in a relative clause on the act: one accusation and claim per side
    result = extract("Peruvian and Ecuadorean troops clashed for a second day on Friday in "
                     "fighting that each country blamed on the other.", "1995-01-27")
    blamed = {(f.claimant.label, f.verb) for f, *_ in result.claims}
    assert blamed == {("Peru", "blame"), ("Ecuador", "blame")}
    assert sorted((e.agent.label, e.target.label) for e in result.events
                  if e.cls == "Accusation" and e.agent and e.target) == [
        ("Ecuador", "Peru"), ("Peru", "Ecuador")]
