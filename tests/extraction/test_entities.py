"""Entity recognition and linking: the reference base, demonyms, and entities found only
from their context, minted with a type and a label from the text."""

from __future__ import annotations

from tests.extraction.conftest import labels


def _entities(result):
    return {e.label: e for e, _ in result.mentions}


def test_links_base_names_aliases_and_demonyms(extract) -> None:
    result = extract("Uzbek officials met President Emomali Rahmonov in Dushanbe on Monday.")
    found = _entities(result)
    assert {"Uzbekistan", "Emomali Rahmon", "Dushanbe"} <= set(found)
    assert found["Emomali Rahmon"].in_kb  # linked through the alias "Rahmonov"


def test_mints_village_from_context_with_its_state(extract) -> None:
    result = extract("Troops entered the Tajik village of Chorku before dawn.")
    found = _entities(result)
    assert "Chorku" in found
    village = found["Chorku"]
    assert village.classes == {"Village"} and not village.in_kb
    assert village.iri == "https://example.org/kg/id/village/chorku"
    assert ("Chorku", "inState", "Tajikistan") in {
        (r.subject.label, r.predicate, r.obj.label) for r, _, _ in result.relations}


def test_mints_district_named_before_its_noun(extract) -> None:
    found = _entities(extract("Residents of Leilek district were moved to safety."))
    assert found["Leilek"].classes == {"District"}


def test_mints_official_from_title(extract) -> None:
    result = extract("Kazakh Foreign Minister Mukhtar Tileuberdi urged restraint.")
    found = _entities(result)
    assert found["Mukhtar Tileuberdi"].classes == {"Person"}
    assert [(o.holder.label if o.holder else None, o.office, o.of.label)
            for o, _ in result.offices] == [("Mukhtar Tileuberdi", "ForeignMinister", "Kazakhstan")]


def test_bodies_and_forces_are_tied_to_their_state(extract) -> None:
    result = extract("The Tajik border service said Kyrgyz troops had crossed the line.")
    found = _entities(result)
    assert found["Border Troops of Tajikistan"].is_a("BorderGuardService")
    assert found["Kyrgyz forces"].is_a("ArmedForce")
    relations = {(r.subject.label, r.predicate, r.obj.label) for r, _, _ in result.relations}
    assert ("Kyrgyz forces", "actsFor", "Kyrgyzstan") in relations


def test_capital_stands_for_its_state_only_when_it_acts(extract) -> None:
    acting = _entities(extract("Moscow called for calm on Tuesday."))
    assert "Russia" in acting and "Moscow" not in acting
    located = _entities(extract("Delegations gathered in Moscow on Tuesday."))
    assert "Moscow" in located


def test_people_killed_are_not_a_body(extract) -> None:
    result = extract("Three Kyrgyz border guards were wounded on Sunday.")
    assert "Border Guard Service of Kyrgyzstan" not in labels(e for e, _ in result.mentions)
