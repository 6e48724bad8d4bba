"""Roles from the dependency parse, one construct per article in tests/extraction/constructs/
(own sentences; their CoreNLP annotations are committed fixtures, so no JVM is needed).

Each test runs the real extractor with the article's annotation and, where the construct
is one that word order gets wrong, also without it, to show what the parse changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.annotate.types import Annotation
from graph.corpus import Article
from graph.document import segment
from graph.extract.grammar import Parse, first_match, follow, voice
from graph.extract.kb import load_kb
from graph.extract.pipeline import ArticleResult, analyse
from graph.extract.rules import get_rules
from graph.iris import Minter
from tests.extraction.conftest import fixture_article

CONSTRUCTS = Path(__file__).parent / "constructs"


def _article(name: str) -> tuple[Article, Annotation]:
    return fixture_article(CONSTRUCTS, name)


def _run(name: str, *, parsed: bool = True) -> ArticleResult:
    article, annotation = _article(name)
    minter = Minter("https://example.org/kg/")
    result, _ = analyse(article, segment(article), load_kb(minter.base), get_rules(), minter,
                        annotation=annotation if parsed else None)
    return result


def _roles(result: ArticleResult) -> list[tuple[str, str | None, str | None]]:
    return [(e.cls, e.agent.label if e.agent else None, e.target.label if e.target else None)
            for e in result.events]


def _parse(name: str) -> tuple[Parse, str]:
    article, annotation = _article(name)
    sentence = next(s for s in segment(article))
    parse = Parse.from_annotation(annotation, sentence.begin, sentence.end)
    assert parse is not None
    return parse, sentence.text


# ------------------------------------------------------------------ the grammar layer
def test_paths_walk_enhanced_relations_down_and_up() -> None:
    parse, text = _parse("passive-by")  # "Two Kazakh border posts were shelled by Uzbek troops"
    verb = parse.head_of(text.index("shelled"), text.index("shelled") + 7)
    assert verb is not None and voice(parse, verb.i) == "passive"
    (by,) = follow(parse, verb.i, "obl:agent")
    assert parse.token(by).word == "troops"
    (subject,) = follow(parse, verb.i, "nsubj:pass")
    assert parse.token(subject).word == "posts"
    # a bare relation does not match a subtype that changes its meaning
    assert follow(parse, verb.i, "nsubj") == []
    # up then down: from the agent back to the verb's subject
    assert follow(parse, by, "^obl:agent/nsubj:pass") == [subject]


def test_first_match_tries_paths_in_order_and_head_of_a_phrase() -> None:
    parse, text = _parse("open-fire-on")  # "Uzbek forces opened fire on a Kazakh outpost."
    head = parse.head_of(text.index("opened"), text.index("fire") + 4)
    assert head is not None and head.word == "opened" and voice(parse, head.i) == "active"
    path, (outpost,) = first_match(parse, head.i, ["obl:against", "obl:on"]) or ("", [0])
    assert path == "obl:on" and parse.token(outpost).word == "outpost"


# ------------------------------------------------------------------ voice
def test_passive_by_phrase_is_the_agent() -> None:
    assert _roles(_run("passive-by")) == [("Shelling", "Uzbek forces", "Kazakhstan")]
    # without the parse, the "by" phrase after the trigger still names the agent (by
    # position alone the victims named first would be)
    assert _roles(_run("passive-by", parsed=False)) == [
        ("Shelling", "Uzbek forces", "Kazakhstan")]


def test_killed_in_shelling_by_troops() -> None:
    assert _roles(_run("killed-in-shelling-by")) == [("Shelling", "Azerbaijani forces", None)]


def test_victim_named_first_is_not_the_agent() -> None:
    # "Armenian civilians were killed by Azerbaijani shelling."
    assert _roles(_run("victim-first")) == [("Shelling", "Azerbaijan", "Armenia")]


# ------------------------------------------------------------------ prepositions
def test_opened_fire_on() -> None:
    assert _roles(_run("open-fire-on")) == [("ArmedClash", "Uzbek forces", "Kazakhstan")]


def test_an_attack_on_a_post_by_troops() -> None:
    assert _roles(_run("attack-on")) == [("ArmedClash", "Kazakh forces", "Uzbekistan")]


@pytest.mark.parametrize(("name", "roles"), [
    # "a shell fired from Myanmar", "shots were fired ... from the Tajik side": where the
    # fire came from is who fired, not the target
    ("shell-fired-from", [("Shelling", "Myanmar", None)]),
    ("shots-fired-from-side", [("ArmedClash", "Tajikistan", "Kyrgyzstan")]),
])
def test_where_fire_came_from_is_its_agent(name: str, roles: list) -> None:
    assert _roles(_run(name)) == roles


def test_strikes_against() -> None:
    # "Azerbaijani drones" are Azerbaijan's forces
    assert _roles(_run("strikes-against")) == [("ArmedClash", "Azerbaijani forces", "Armenia")]


def test_came_under_fire_from() -> None:
    # "Armenian positions came under fire from Azerbaijani forces on Tuesday."
    assert _roles(_run("under-fire-from")) == [
        ("ArmedClash", "Azerbaijani forces", "Armenia")]
    # without the parse, the "from" phrase after the trigger says the same
    assert _roles(_run("under-fire-from", parsed=False)) == [
        ("ArmedClash", "Azerbaijani forces", "Armenia")]


# ------------------------------------------------------------------ nominalisations
def test_the_shelling_of_x_by_y() -> None:
    assert _roles(_run("shelling-of-by")) == [("Shelling", "Azerbaijani forces", "Armenia")]


def test_possessor_of_the_noun_is_the_agent() -> None:
    # "Azerbaijan's bombardment of Armenian border villages lasted for hours."
    assert _roles(_run("possessive-bombardment")) == [("Shelling", "Azerbaijan", "Armenia")]
    assert _roles(_run("possessive-bombardment", parsed=False)) == [
        ("Shelling", None, "Armenia")]


# ------------------------------------------------------------------ ceasefire semantics
def test_accused_of_breaking_a_ceasefire_is_a_violation_not_an_agreement() -> None:
    result = _run("accused-of-violating")
    assert ("CeasefireViolation", "Azerbaijan", "Armenia") in _roles(result)
    assert "CeasefireAgreement" not in {e.cls for e in result.events}
    (violation,) = [e for e in result.events if e.cls == "CeasefireViolation"]
    assert violation.claimed
    (accusation,) = [e for e in result.events if e.cls == "Accusation"]
    assert accusation.accusation_of == [violation]


def test_appeal_to_stick_to_the_ceasefire_refers_to_the_agreement() -> None:
    result = _run("stick-to-ceasefire")
    (agreement,) = [e for e in result.events if e.cls == "CeasefireAgreement"]
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent is not None and appeal.agent.label == "Russia"
    assert appeal.refers_to == [agreement]
    assert agreement.time is not None and agreement.time.text.endswith("Monday")
    assert agreement.also == [appeal.sentence]  # the second sentence names it again


@pytest.mark.parametrize("name", ["truce-held-a-day", "truce-collapsed"])
def test_a_truce_that_did_not_last_failed(name: str) -> None:
    result = _run(name)
    (agreement,) = [e for e in result.events if e.cls == "CeasefireAgreement"]
    assert agreement.status == "Failed"
    assert {p.label for p in agreement.participants} == {"Kyrgyzstan", "Tajikistan"}


# ------------------------------------------------------------------ one event, one node
def test_lead_and_body_state_one_shelling() -> None:
    result = _run("lead-and-body")
    (shelling,) = result.events
    assert (shelling.cls, shelling.agent.label, shelling.target.label) == (
        "Shelling", "Azerbaijani forces", "Armenia")
    assert shelling.place is not None and shelling.place.label == "Jermuk"
    assert shelling.time is not None and shelling.time.text == "overnight"
    assert shelling.sentence == 0 and shelling.also == [1]


# ------------------------------------------------------------------ background
def test_a_dated_past_war_is_one_earlier_conflict_not_a_clash() -> None:
    result = _run("past-war")
    (war,) = result.events
    assert war.cls == "Conflict" and war.time is not None and war.time.start.year == 2020
    assert {p.label for p in war.participants} == {"Armenia", "Azerbaijan"}


def test_since_a_return_to_power_dates_no_clash() -> None:
    assert _run("since-return-to-power").events == []


# ------------------------------------------------------------------ more constructs
def test_fired_rockets_at_and_returned_fire() -> None:
    # "Cambodian troops fired rockets at Thai villages on Thursday, and Thai forces
    # returned fire.": a side's act with no object is against the other side
    roles = _roles(_run("returned-fire"))
    assert ("Shelling", "Cambodian forces", "Thailand") in roles
    assert ("ArmedClash", "Thai forces", "Cambodia") in roles


def test_rockets_slammed_into_a_place_of_the_other_side() -> None:
    result = _run("rockets-slammed")
    assert _roles(result) == [("Shelling", "Cambodia", "Thailand")]
    assert result.events[0].place is not None


def test_an_act_coordinated_before_the_reporting_verb_is_the_source_own() -> None:
    # "X urged both sides to stand down and said he had spoken with Y"
    result = _run("urged-and-said")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent is not None and appeal.agent.label == "Anwar Ibrahim"
    assert not appeal.claimed
    (talks,) = [e for e in result.events if e.cls == "Talks"]
    # (the speaker takes part for his state)
    assert talks.claimed and "Malaysia" in {p.label for p in talks.participants}


def test_the_claimant_who_brokered_a_ceasefire_takes_part() -> None:
    # "Russia said it had brokered a ceasefire between Armenia and Azerbaijan."
    (agreement,) = _run("brokered-ceasefire").events
    assert {p.label for p in agreement.participants} == {"Russia", "Armenia", "Azerbaijan"}


def test_a_clash_and_a_strike_in_one_clause_are_two_events() -> None:
    # "The fighting began on Wednesday, when India struck camps in Pakistan."
    result = _run("fighting-began-when-struck")
    clashes = [e for e in result.events if e.cls == "ArmedClash"]
    assert {(e.agent.label if e.agent else None, e.target.label if e.target else None)
            for e in clashes} == {(None, None), ("India", "Pakistan")}
    (both,) = [e for e in clashes if e.agent is None]
    assert {p.label for p in both.participants} == {"India", "Pakistan"}


def test_that_attack_with_nothing_before_it_is_no_event() -> None:
    assert _run("denied-that-attack").events == []


def test_three_wars_since_independence_are_counted_not_dated() -> None:
    (wars,) = _run("three-wars").events
    assert (wars.cls, wars.count, wars.time) == ("Conflict", 3, None)
    assert {p.label for p in wars.participants} == {"India", "Pakistan"}


def test_agreed_to_halt_firing_is_an_agreement() -> None:
    (agreement,) = _run("agreed-to-halt").events
    assert agreement.cls == "CeasefireAgreement" and agreement.status == "Occurred"
    assert {p.label for p in agreement.participants} == {"India", "Pakistan"}


def test_a_truce_accepted_in_a_relative_clause_is_an_agreement_that_failed() -> None:
    result = _run("truce-that-was-accepted")
    (agreement,) = [e for e in result.events if e.cls == "CeasefireAgreement"]
    assert agreement.time is not None and agreement.time.text.endswith("Saturday")
    assert agreement.status == "Failed" and agreement.also == [1]
    (violation,) = [e for e in result.events if e.cls == "CeasefireViolation"]
    assert violation.agent is not None and violation.agent.label == "Ecuador"
    assert violation.time is None  # Saturday dates the agreement, not the breach
    # the accusation claims the breach only
    assert [item.cls for _, _, item, _ in result.claims] == ["CeasefireViolation"]


def test_one_side_fighting_is_that_side_act() -> None:
    (clash,) = _run("it-was-fighting").events
    assert clash.cls == "ArmedClash" and clash.status == "Ongoing"
    assert clash.agent is not None and clash.participants == []


def test_two_sides_as_one_subject_fight_each_other() -> None:
    # "Peruvian and Ecuadorean troops fought on Monday"
    (clash,) = _run("both-sides-troops-fought").events
    assert clash.agent is None and clash.target is None
    assert len({p.label for p in clash.participants}) == 2


def test_accused_of_seizing_part_of_a_village_of_no_known_state() -> None:
    # the object names a place the reference base does not place in a state: the
    # accuser's side is the target, as in any accusation
    result = _run("accused-of-seizing-part")
    assert ("Occupation", "Tajik forces", "Kyrgyzstan") in _roles(result)


def test_both_sides_using_mortars_is_the_clash_itself() -> None:
    # "The clashes erupted on Thursday near the village of Kok-Tash, with both sides
    # using mortars.": one clash, with the weapon
    (clash,) = _run("both-sides-using-mortars").events
    assert clash.cls == "ArmedClash" and clash.weapons == ["Mortar"]
    assert clash.place is not None and clash.place.label == "Kok-Tash"


def test_an_accusation_and_its_restatement_are_one_shelling() -> None:
    result = _run("accusation-then-restated")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert (shelling.agent.label, shelling.target.label) == ("Congolese forces", "Rwanda")
    assert shelling.also == [1] and shelling.place is not None
    (accusation,) = [e for e in result.events if e.cls == "Accusation"]
    assert accusation.accusation_of == [shelling]


def test_a_when_clause_after_since_is_dated_by_its_time() -> None:
    # "The clash was the worst since last April, when fighting near ... killed dozens."
    result = _run("since-when-dated")
    dated = [e for e in result.events if e.time is not None]
    assert [(e.cls, e.time.start.month) for e in dated] == [("ArmedClash", 4)]


def test_since_a_similar_clash_last_month_is_an_earlier_clash() -> None:
    result = _run("since-a-clash-last-month")
    (earlier,) = [e for e in result.events if e.earlier]
    assert earlier.cls == "ArmedClash" and not earlier.claimed
    assert earlier.time is not None and earlier.time.start.month == 8
    assert {p.label for p in earlier.participants} == {"Kyrgyzstan", "Tajikistan"}
    assert all(earlier not in a.accusation_of for a in result.events if a.cls == "Accusation")


def test_a_river_the_annotator_tags_as_a_place_is_no_town() -> None:
    result = _run("river-not-a-town")
    assert not [e for e, _ in result.mentions if e.label.startswith("San Juan")]
    assert {e.label for e, _ in result.mentions} >= {"Costa Rica"}


def test_a_speaker_with_a_role_apposition_speaks_for_its_bodys_state() -> None:
    # "Enayatullah Khwarazmi, spokesman for the Ministry of Defense, said ...": the
    # annotator names him; the body his apposition names gives his state
    result = _run("speaker-role-apposition")
    frames = [f for f, *_ in result.claims if f.claimant.label == "Enayatullah Khwarazmi"]
    assert frames and frames[0].claimant.state is not None
    assert frames[0].claimant.state.endswith("/afghanistan")


def test_a_union_is_named_again_by_what_it_unites() -> None:
    # "the Union of Islamic Courts" ... "the Islamic Courts": one organisation, so the
    # appeal to "Ethiopia and the Islamic Courts" has two addressees and no target
    (appeal,) = [e for e in _run("union-named-again").events if e.cls == "Appeal"]
    assert appeal.target is None
    assert sorted(p.label for p in appeal.participants) == ["Ethiopia", "Union of Islamic Courts"]


def test_a_numbered_hill_is_a_name_not_a_year() -> None:
    # "... bombed Lao positions on Hill 1428 ...": the annotator reads 1428 as a year
    result = _run("numbered-hill")
    assert not [t for t, _, _ in result.times if "1428" in t.text]


def test_heads_of_a_pair_of_bodies_each_head_their_own() -> None:
    # "Head of the SCNS (acronym) of Kyrgyzstan NAME": the acronym and the state between
    # the body and the name; "NAME and NAME, the heads of the national security
    # committees of the two countries"; "the heads of the border services of A and B"
    # (unnamed, one per state); "the presidents of the two countries, NAME and NAME" (each
    # name with the state it acts for, the pair naming no order)
    offices = {(o.holder.label if o.holder else None, o.office, o.of.label, s)
               for o, s in _run("heads-of-pair-bodies").offices}
    kg_body = "State Committee for National Security of Kyrgyzstan"
    tj_body = "State Committee for National Security of Tajikistan"
    assert ("Kamchybek Tashiev", "HeadOfService", kg_body, 2) in offices
    assert ("Saimumin Yatimov", "HeadOfService", tj_body, 2) in offices
    assert {o for o in offices if o[3] == 3} == {
        ("Kamchybek Tashiev", "HeadOfService", kg_body, 3),
        ("Saimumin Yatimov", "HeadOfService", tj_body, 3)}
    assert {o for o in offices if o[3] == 4} == {
        (None, "HeadOfService", "Border Guard Service of Kyrgyzstan", 4),
        (None, "HeadOfService", "Border Troops of Tajikistan", 4)}
    assert {o for o in offices if o[3] == 5} == {
        ("Sadyr Japarov", "President", "Kyrgyzstan", 5),
        ("Emomali Rahmon", "President", "Tajikistan", 5)}


def test_a_victim_in_a_relative_clause_is_no_agent(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought on the border. Mourners in Ak-Sai buried "
                     "Bakyt Toktosunov, a teacher who was killed when a shell hit his house.",
                     "2022-09-23")
    assert [e.agent for e in result.events if e.cls == "Shelling"] == [None]


def test_who_responded_with_an_attack_made_it() -> None:
    # "The Eritrean air force responded within hours with an air raid on Mekele": the raid
    # hangs from "responded" by "with"; its subject is the agent
    assert ("ArmedClash", "Eritrean forces", "Ethiopia") in _roles(_run("responded-with-raid"))


def test_ground_taken_from_a_side_is_taken_from_the_target() -> None:
    # "Armed men seized a hill from Djiboutian soldiers": with verbs of taking, "from"
    # names whom the ground was taken from, not who acted (as it does for fire: "a shell
    # fired from Myanmar")
    roles = [r for r in _roles(_run("taken-from")) if r[0] == "Occupation"]
    assert ("Occupation", None, "Djiboutian forces") in roles
    assert ("Occupation", None, "Ethiopia") in roles
    assert not any(agent for _, agent, _ in roles)


def test_a_province_before_a_title_makes_no_office_of_the_state() -> None:
    # "Balochistan Home Minister X" in a report filed from Quetta: a minister of the
    # province, so no minister's office of Pakistan the dateline would give him
    result = _run("provincial-minister")
    assert not [o for o, _ in result.offices if o.holder is not None
                and o.holder.label == "Mir Sarfraz Bugti"]


def test_troops_a_speakers_possessive_owns_act_for_the_speaker() -> None:
    # "Azerbaijan says its troops captured several hills", "the ministry said its soldiers
    # had fired": the parse's subject is an unnamed noun; the possessive names whose
    roles = _roles(_run("own-side-troops"))
    assert ("Occupation", "Azerbaijan", "Armenian forces") in roles
    assert ("ArmedClash", "Ministry of Defence of Armenia", "Azerbaijan") in roles


def test_a_sides_dated_account_after_a_dated_blame_is_its_claim_told_again() -> None:
    # "exchanged fire on Tuesday night, and the two sides blamed each other" ... "said
    # Azerbaijani troops had fired at its positions at about 11 p.m.": the same act
    result = _run("dated-blame-account")
    alleged = [e for e in result.events if e.cls == "ArmedClash" and e.claimed
               and e.agent is not None and e.agent.label.startswith("Azerbaijan")]
    assert len(alleged) == 1 and alleged[0].also == [1]


def test_a_rank_without_its_stop_is_no_part_of_the_name_and_speakers_find_their_state(
        ) -> None:
    # "army spokesman Col Sansern Kaewkamnerd told reporters in Bangkok", "Lt Gen
    # Thawatchai Samutsakorn, the Second Army Region commander, said"
    result = _run("rank-without-stop")
    people = {e.label: e for e, _ in result.mentions if e.is_a("Person")}
    assert set(people) == {"Sansern Kaewkamnerd", "Thawatchai Samutsakorn"}
    assert all(p.state and p.state.endswith("/thailand") for p in people.values())


def test_a_violated_ceasefire_agreed_on_a_day_is_an_agreement_of_that_day() -> None:
    # "The Kyrgyz side has violated the ceasefire agreed by the heads of the border
    # services ... on the evening of September 14, the Border Troops ... reported"
    result = _run("violated-ceasefire-agreed-on")
    (agreement,) = [e for e in result.events if e.cls == "CeasefireAgreement"]
    (violation,) = [e for e in result.events if e.cls == "CeasefireViolation"]
    assert agreement.time is not None and agreement.time.start.day == 14
    assert violation.time is None and violation.agent.label == "Kyrgyzstan"
