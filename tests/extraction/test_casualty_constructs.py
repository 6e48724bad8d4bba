"""Casualty figures in the constructs news writes them in: elliptical, coordinated, in
appositions and lists, named victims; the side from the victims' adjective."""

from __future__ import annotations

import pytest


def _figures(result):
    return [(f.kind, f.count, f.vague, f.qualifier, f.population,
             f.side.label if f.side else None) for f in result.figures]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Mortar fire hit the town, killing two and injuring dozens.",
                 [("Killed", 2, "", "Exactly", "", None),
                  ("Injured", None, "dozens", "", "", None)], id="killing-two-injuring-dozens"),
    pytest.param("The rockets killed two soldiers and injured dozens.",
                 [("Killed", 2, "", "Exactly", "Soldiers", None),
                  ("Injured", None, "dozens", "", "Soldiers", None)],
                 id="killed-and-injured-dozens"),
    pytest.param("The clashes left three dead, with more than 150 injured.",
                 [("Killed", 3, "", "Exactly", "", None),
                  ("Injured", 150, "", "AtLeast", "", None)], id="with-more-than-n-injured"),
    pytest.param("Twenty Indian soldiers, including a colonel, were killed in the clash.",
                 [("Killed", 20, "", "Exactly", "Soldiers", "India")],
                 id="apposition-including"),
    pytest.param("Fifty servicemen, including 42 soldiers and 8 border guards, were killed.",
                 [("Killed", 50, "", "Exactly", "Soldiers", None),
                  ("Killed", 42, "", "Exactly", "Soldiers", None),
                  ("Killed", 8, "", "Exactly", "BorderGuards", None)], id="list-in-apposition"),
    pytest.param("Four civilians and six border guards were wounded.",
                 [("Wounded", 4, "", "Exactly", "Civilians", None),
                  ("Wounded", 6, "", "Exactly", "BorderGuards", None)], id="coordinated"),
    pytest.param("Three Armenian soldiers and two Azerbaijani servicemen were killed.",
                 [("Killed", 3, "", "Exactly", "Soldiers", "Armenia"),
                  ("Killed", 2, "", "Exactly", "Soldiers", "Azerbaijan")],
                 id="coordinated-sides-from-adjectives"),
    pytest.param("The toll rose: 36 Kyrgyz and 19 Tajik citizens were killed.",
                 [("Killed", 36, "", "Exactly", "People", "Kyrgyzstan"),
                  ("Killed", 19, "", "Exactly", "People", "Tajikistan")],
                 id="coordinated-demonyms"),
    pytest.param("Five Azerbaijani and three Armenian soldiers were wounded.",
                 [("Wounded", 5, "", "Exactly", "Soldiers", "Azerbaijan"),
                  ("Wounded", 3, "", "Exactly", "Soldiers", "Armenia")],
                 id="coordinated-demonyms-share-the-noun"),
    pytest.param("Aziz Karimov, a 35-year-old teacher, was killed.",
                 [("Killed", 1, "", "Exactly", "People", None)], id="named-victim"),
    pytest.param("Troops shelled the town, killing Raj Kumar Thapa, a senior district official.",
                 [("Killed", 1, "", "Exactly", "People", None)], id="killing-a-named-victim"),
    pytest.param("Seventeen soldiers who were critically injured at the site later died.",
                 [("Killed", 17, "", "Exactly", "Soldiers", None)], id="injured-who-later-died"),
    pytest.param("Kyrgyzstan had lost two soldiers, with 10 others wounded.",
                 [("Killed", 2, "", "Exactly", "Soldiers", None),
                  ("Wounded", 10, "", "Exactly", "Soldiers", None)], id="lost-and-others"),
    pytest.param("The attack killed four Armenian soldiers and wounded six more.",
                 [("Killed", 4, "", "Exactly", "Soldiers", "Armenia"),
                  ("Wounded", 6, "", "Exactly", "Soldiers", None)], id="six-more"),
    pytest.param("The shelling left one civilian dead and five wounded.",
                 [("Killed", 1, "", "Exactly", "Civilians", None),
                  ("Wounded", 5, "", "Exactly", "Civilians", None)],
                 id="elliptical-takes-the-neighbours-noun"),
    pytest.param("A 12-year-old boy was killed when a shell hit his home.",
                 [("Killed", 1, "", "Exactly", "People", None)], id="a-boy"),
    pytest.param("The fighting killed 31 people, among them 11 civilians.",
                 [("Killed", 31, "", "Exactly", "People", None),
                  ("Killed", 11, "", "Exactly", "Civilians", None)], id="among-them"),
    pytest.param("At least 12 people, including three children, were killed.",
                 [("Killed", 12, "", "AtLeast", "People", None),
                  ("Killed", 3, "", "Exactly", "Civilians", None)], id="numbered-part"),
    pytest.param("The health ministry put the number of wounded at 44.",
                 [("Wounded", 44, "", "Exactly", "", None)], id="number-of-wounded-at"),
    pytest.param("The toll rose to 55.", [("Killed", 55, "", "Exactly", "", None)],
                 id="toll-rose-to"),
    pytest.param("The toll is the highest since the 2020 war.", [], id="toll-without-number"),
    pytest.param("A civilian was killed and three others injured.",
                 [("Killed", 1, "", "Exactly", "Civilians", None),
                  ("Injured", 3, "", "Exactly", "Civilians", None)], id="one-and-others"),
])
def test_figures(extract, text, expected) -> None:
    assert _figures(extract(text)) == expected


def test_a_toll_that_would_rise_is_no_figure(extract) -> None:
    assert extract("Armenian officials warned that the toll would rise.").figures == []


def test_inverted_reporter_reports_the_figure(extract) -> None:
    result = extract("The shelling on Tuesday killed at least five civilians, said Colonel "
                     "Philip Aguer, spokesman for the army.")
    assert [(f.claimant.label, item.count) for f, what, item, _ in result.claims
            if what == "figure"] == [("Philip Aguer", 5)]


def test_a_year_after_its_month_is_no_count(extract) -> None:
    result = extract("The fighting of September 2022 left 63 dead on the Kyrgyz side alone.",
                     "2024-07-26")
    assert not [f for f in result.figures if f.count == 2022]


def test_one_person_named_with_an_of_phrase_is_one_figure(extract) -> None:
    result = extract("A resident of the Tajik village of Chorkuh was shot dead on Wednesday. "
                     "A serviceman of the Border Service was wounded in a shootout.",
                     "2019-03-14")
    assert [(f.kind, f.count, f.population) for f in result.figures] == [
        ("Killed", 1, "Civilians"), ("Wounded", 1, "Soldiers")]
    part = extract("Two of the soldiers were killed.", "2019-03-14")
    assert [(f.count, f.population) for f in part.figures] == [(2, "Soldiers")]


@pytest.mark.parametrize("sentence", [
    pytest.param("Kyrgyzstan's Health Ministry put the toll on its side at 24 dead and 87 "
                 "wounded.", id="toll-on-its-side"),
    pytest.param("Thailand's health ministry put the death toll on the Thai side at 15.",
                 id="toll-on-the-demonym-side"),
    pytest.param("Chad's defence ministry put the Libyan losses at 1,700 dead.",
                 id="demonym-losses"),
])
def test_putting_a_toll_at_a_number_is_a_claim_of_it(extract, sentence) -> None:
    result = extract(sentence)
    assert result.figures
    assert {(f.verb, kind) for f, kind, *_ in result.claims} == {("put", "figure")}


@pytest.mark.parametrize(("sentence", "part"), [
    pytest.param("At least 13 people were killed, eight of them civilians.", 8,
                 id="n-of-them"),
    pytest.param("Nine civilians were killed, among them four women.", 4, id="among-them"),
])
def test_a_numbered_part_of_a_figure_is_a_figure_of_its_own(extract, sentence, part) -> None:
    counts = [f.count for f in extract(sentence).figures]
    assert len(counts) == 2 and part in counts


def test_a_second_figure_after_a_comma_is_no_part_of_the_first(extract) -> None:
    figures = extract("Two soldiers were killed, 14 civilians were wounded.").figures
    assert sorted((f.kind, f.count) for f in figures) == [("Killed", 2), ("Wounded", 14)]


def test_the_number_of_people_killed_risen_to_a_figure(extract) -> None:
    figures = extract("The number of people killed in the fighting has risen to 81.").figures
    assert [(f.kind, f.count) for f in figures] == [("Killed", 81)]


def test_a_figure_with_a_part_before_suffered_injuries(extract) -> None:
    figures = extract("11 soldiers, including seven Indians, suffered injuries.").figures
    assert sorted(f.count for f in figures) == [7, 11]


def test_a_part_of_them_inside_the_figure_keeps_the_whole(extract) -> None:
    # "13 Cambodians, eight of them civilians, had been killed": the whole and its part
    counts = {(f.kind, f.count) for f in extract(
        "The Cambodian defence ministry said 13 Cambodians, eight of them civilians, had been "
        "killed.", "2025-07-28").figures}
    assert counts == {("Killed", 13), ("Killed", 8)}


def test_among_the_dead_are_n_people_is_a_figure(extract) -> None:
    result = extract("Kyrgyz troops shelled villages near Isfara on Friday. Among the dead "
                     "are 14 civilians, the committee said.", "2022-09-19")
    assert [(f.count, f.kind, f.population) for f in result.figures] == [
        (14, "Killed", "Civilians")]


def test_a_shared_verb_with_two_conjuncts_of_their_own_nouns_is_two_figures(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in September. That war killed 63 "
                     "Kyrgyz citizens and 41 Tajik citizens.", "2025-04-02")
    assert sorted((f.count, f.kind) for f in result.figures) == [(41, "Killed"),
                                                                 (63, "Killed")]
