"""Casualty figures and relations between entities."""

from __future__ import annotations


def _figures(result):
    return [(f.kind, f.count, f.vague, f.qualifier, f.population,
             f.side.label if f.side else None, f.place.label if f.place else None)
            for f in result.figures]


def test_numbers_qualifiers_and_vague_quantities(extract) -> None:
    result = extract("The clashes have left at least five dead and dozens injured.")
    assert _figures(result) == [("Killed", 5, "", "AtLeast", "", None, None),
                                ("Injured", None, "dozens", "", "", None, None)]
    assert result.figures[1].min == 24


def test_more_than_is_exclusive(extract) -> None:
    (figure,) = extract("More than 40 people were wounded.").figures
    assert (figure.qualifier, figure.min, figure.population) == ("AtLeast", 41, "People")


def test_population_side_reporter_and_place(extract) -> None:
    result = extract("Two civilians were killed and four others wounded, officials in the "
                     "Tajik city of Khujand said; three Kyrgyz soldiers died on Sunday.")
    figures = _figures(result)
    assert ("Killed", 2, "", "Exactly", "Civilians", None, "Khujand") in figures
    assert ("Wounded", 4, "", "Exactly", "Civilians", None, "Khujand") in figures
    assert ("Killed", 3, "", "Exactly", "Soldiers", "Kyrgyzstan", None) in figures
    reported = {f.count: f.frame.claimant.label if f.frame else None for f in result.figures}
    assert reported == {2: "Khujand authorities", 4: "Khujand authorities", 3: None}


def test_no_figure_from_distances_or_dates(extract) -> None:
    result = extract("The village lies 40 kilometers from Osh and was hit two days ago.")
    assert result.figures == []


def _relations(result):
    return {(r.subject.label, r.predicate, r.obj.label) for r, _, _ in result.relations}


def test_alliance_membership_and_leadership(extract) -> None:
    result = extract("Armenia and Belarus are members of the CSTO, a Russian-led bloc.")
    assert _relations(result) >= {
        ("Armenia", "memberOf", "Collective Security Treaty Organization"),
        ("Belarus", "memberOf", "Collective Security Treaty Organization"),
        ("Collective Security Treaty Organization", "ledBy", "Russia")}


def test_hosting_bases_with_a_pair_of_states(extract) -> None:
    result = extract("Kazakhstan and Uzbekistan traded accusations. Both host Russian "
                     "military bases.")
    assert {("Kazakhstan", "hostsBaseOf", "Russia"), ("Uzbekistan", "hostsBaseOf", "Russia")} \
        <= _relations(result)


def test_borders_exclave_and_containment(extract) -> None:
    result = extract("Osh Region, which borders Jalal-Abad Region, lies in the south. "
                     "Batken province has a Tajik exclave called Sarvan.")
    relations = _relations(result)
    assert ("Osh Region", "borders", "Jalal-Abad Region") in relations
    assert ("Sarvan", "inState", "Tajikistan") in relations
    assert ("Sarvan", "enclavedIn", "Batken Region") in relations


def test_unnamed_officials_hold_offices(extract) -> None:
    result = extract("Kazakh and Uzbek foreign ministers spoke by phone.")
    assert {(o.holder, o.office, o.of.label) for o, _ in result.offices} == {
        (None, "ForeignMinister", "Kazakhstan"), (None, "ForeignMinister", "Uzbekistan")}
