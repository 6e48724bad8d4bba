"""Wire-report constructs read by the rule layer, one per test, from own example sentences
(no parse: the `extract` fixture runs the pipeline without an annotation)."""

from __future__ import annotations

import pytest


def _claims(result) -> set[tuple[str, str, str]]:
    return {(f.claimant.label, f.verb, kind) for f, kind, *_ in result.claims}


def _article(text: str, date: str, title: str = "Test"):
    import datetime as dt

    from graph.corpus import Article

    return Article(slug="unit-test", file="unit-test.txt", title=title, text=text,
                   reported_date=dt.date.fromisoformat(date))


def _roles_of(text: str, date: str, title: str) -> dict[str, str]:
    """Each line piece of a page and its segment role."""
    from graph.document import segment

    return {s.text: s.role for s in segment(_article(text, date, title))}


def _state(entity) -> str | None:
    if entity is None:
        return None
    return (entity.iri if entity.is_state else entity.state or "").rsplit("/", 1)[-1]


def test_a_bare_army_before_anyone_spoke_is_the_datelines_state(extract) -> None:
    result = extract("ISLAMABAD, March 5 (Reuters) - Pakistani troops killed six militants in "
                     "a raid near the border on Tuesday, the army said.", "2024-03-05")
    assert _claims(result) == {("Pakistan", "say", "figure"), ("Pakistan", "say", "event")}
    (figure,) = result.figures
    assert (figure.count, figure.kind, figure.population) == (6, "Killed", "Soldiers")


def test_without_a_dateline_a_bare_army_names_no_claimant(extract) -> None:
    result = extract("Pakistani troops killed six militants in a raid near the border on "
                     "Tuesday, the army said.", "2024-03-05")
    assert result.claims == []


def test_a_dateline_town_gives_its_state(extract) -> None:
    result = extract("KHUJAND, Tajikistan (AP) - Two soldiers were wounded in a shootout at "
                     "the border on Sunday, the border service said.", "2022-01-30")
    assert {(f.claimant.label, kind) for f, kind, *_ in result.claims} == {
        ("Tajikistan", "figure"), ("Tajikistan", "event")}


def test_said_and_accused_with_one_subject_are_two_frames(extract) -> None:
    result = extract("Djibouti said on Thursday that nine of its soldiers had been killed in "
                     "fighting with Eritrean troops, and accused Asmara of launching an "
                     "unprovoked attack.", "2008-06-12")
    assert ("Djibouti", "say", "figure") in _claims(result)
    assert ("Djibouti", "accuse", "event") in _claims(result)
    (attack,) = [e for e in result.events if e.cls == "ArmedClash" and e.agent is not None]
    assert (_state(attack.agent), attack.claimed) == ("eritrea", True)
    (figure,) = result.figures
    assert (figure.count, _state(figure.side)) == (9, "djibouti")


def test_and_before_a_new_reporting_subject_cuts_the_clause(extract) -> None:
    result = extract("China urged both sides to show restraint, and Washington condemned "
                     "the shelling of the island by Borovian troops.", "2010-11-24")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.agent.label, appeal.claimed) == ("China", False)
    assert ("United States", "condemn", "event") in _claims(result)


def test_and_before_an_event_keeps_the_clause_whole(extract) -> None:
    # no reporting verb after the new subject: one clause, one claim by the ministry
    result = extract("The ministry of Kyrgyzstan said Tajik troops shelled a village, and "
                     "Tajik drones struck a school.", "2022-09-16")
    assert {f.claimant.label for f, *_ in result.claims} <= {
        "Ministry of Foreign Affairs of Kyrgyzstan", "Kyrgyzstan"}
    assert all(e.claimed for e in result.events)


@pytest.mark.parametrize(("sentence", "state"), [
    ("North Korea fired shells at the island. The North's military said the South had "
     "shelled its positions first.", "north-korea"),
    ("South Sudan said it would not withdraw. The South's army said Sudanese jets had "
     "bombed Bentiu.", "south-sudan"),
])
def test_the_north_or_the_south_is_the_state_named_so_before(
        extract, sentence: str, state: str) -> None:
    result = extract(sentence, "2010-11-23")
    assert state in {_state(f.claimant) for f, *_ in result.claims}


def test_the_north_names_no_state_when_none_begins_so(extract) -> None:
    result = extract("Kyrgyzstan said the North of the province was calm. Residents in the "
                     "North said they heard shots.", "2022-09-16")
    assert all(e.label != "North Korea" for e, _ in result.mentions)


@pytest.mark.parametrize(("sentence", "count", "population"), [
    ("The shelling killed two marines and wounded 16 others.", 2, "Soldiers"),
    ("Three sailors were killed when the patrol boat was hit.", 3, "Soldiers"),
    ("Five militants were killed in the clash.", 5, "Soldiers"),
])
def test_military_and_armed_group_nouns_are_counted(extract, sentence: str, count: int,
                                                    population: str) -> None:
    figures = extract(sentence).figures
    assert (figures[0].count, figures[0].population) == (count, population)


@pytest.mark.parametrize("sentence", [
    "The shelling of the island was one of the heaviest attacks on Borovian territory in "
    "decades.",
    "It was the worst violence since the 1950-53 war ended in an armistice.",
])
def test_a_class_compared_with_or_a_past_wars_end_is_no_event(extract, sentence: str) -> None:
    classes = [e.cls for e in extract(sentence, "2010-11-23").events]
    assert "CeasefireAgreement" not in classes and classes.count("ArmedClash") == 0


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Borovian jets bombed two villages in the border province on Monday.", "ArmedClash"),
    ("Doltarian border forces responded with heavy weapons against Borovian posts.",
     "ArmedClash"),
    ("Borovian commandos carried out a raid on a Doltarian outpost overnight.", "ArmedClash"),
])
def test_bombing_raids_and_armed_responses_are_attacks(extract, sentence: str,
                                                       cls: str) -> None:
    assert cls in [e.cls for e in extract(sentence, "2024-03-05").events]


def test_it_accused_is_the_claimant_named_before(extract) -> None:
    result = extract("Azerbaijan's defence ministry said 12 of its servicemen had been killed. "
                     "It accused Armenian forces of shelling frontline villages.", "2016-04-03")
    assert ("Ministry of Defence of Azerbaijan", "accuse", "event") in _claims(result)
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert (_state(shelling.agent), shelling.claimed) == ("armenia", True)


def test_a_bare_ministry_after_a_person_spoke_is_the_datelines_state(extract) -> None:
    result = extract("YEREVAN (AP) - Prime Minister Nikol Pashinyan said Azerbaijani troops had "
                     "shelled Jermuk. Two soldiers were killed in the shelling, the defence "
                     "ministry said.", "2022-09-13")
    assert ("Armenia", "say", "figure") in _claims(result)


@pytest.mark.parametrize(("sentence", "occupation"), [
    ("Police seized weapons, including rocket launchers, at the monastery.", False),
    ("Borovian troops seized the border town of Osk on Monday.", True),
])
def test_seizing_a_thing_is_no_occupation(extract, sentence: str, occupation: bool) -> None:
    classes = [e.cls for e in extract(sentence, "2023-09-25").events]
    assert ("Occupation" in classes) is occupation


@pytest.mark.parametrize(("sentence", "label"), [
    # a name with a particle is read whole
    ("Sudanese envoy Abdel Fattah al-Burhan said Ethiopian forces had shelled Gedaref on "
     "Thursday.", "Abdel Fattah al-Burhan"),
    # the UN Security Council is the organisation, not a state's body
    ("Cambodia asked the United Nations Security Council to convene an urgent meeting.",
     "United Nations Security Council"),
])
def test_names_read_whole(extract, sentence: str, label: str) -> None:
    assert label in {e.label for e, _ in extract(sentence, "2011-02-07").mentions}


@pytest.mark.parametrize("sentence", [
    "Sudanese soldiers were killed in an ambush by Ethiopian forces near the border.",
    "Azerbaijani troops launched a large-scale offensive along the line of contact.",
])
def test_ambushes_and_offensives_are_attacks(extract, sentence: str) -> None:
    assert "ArmedClash" in [e.cls for e in extract(sentence, "2020-12-17").events]


def _borders(result) -> set[frozenset[str]]:
    return {frozenset((r.subject.label, r.obj.label)) for r, *_ in result.relations
            if r.predicate == "borders"}


@pytest.mark.parametrize("sentence", [
    "A Tajik man was killed in a shooting on the Kyrgyz-Tajik border late on Monday.",
    "Clashes broke out on the border between Kyrgyzstan and Tajikistan on Monday.",
    "Kyrgyzstan and Tajikistan share a 970-kilometre border, much of it undemarcated.",
    "Kyrgyz and Tajik troops exchanged fire on their disputed border on Monday.",
    "Tajikistan fought a border war with Kyrgyzstan in 2022.",
    "Kyrgyzstan's 970-km border with Tajikistan is half undemarcated.",
])
def test_two_states_common_border(extract, sentence: str) -> None:
    assert _borders(extract(sentence)) == {frozenset(("Kyrgyzstan", "Tajikistan"))}


@pytest.mark.parametrize("sentence", [
    "Kyrgyz and Tajik border guards exchanged fire on Monday.",
    "Kyrgyzstan and Tajikistan fought their fiercest border battle in years.",
])
def test_border_as_a_modifier_states_no_border(extract, sentence: str) -> None:
    assert _borders(extract(sentence)) == set()


def test_a_speakers_state_is_a_recorded_statement() -> None:
    # "said X, a spokesman for the South's army": X acts for South Sudan, with the sentence
    # that says so (a StatementRecord, like every relation the text states)
    from graph.document import segment
    from graph.extract.pipeline import extract_article
    from graph.iris import Minter
    from graph.rdf import TripleSink

    article = _article("South Sudan said its troops held the town. Sudan's bombardment of "
                       "Bentiu killed five civilians on Tuesday, said Colonel Philip Aguer, "
                       "spokesman for the South's army.\n", "2012-04-11")
    minter = Minter("https://example.org/kg/")
    sink = TripleSink()
    extract_article(article, segment(article), minter, sink)
    triples = list(sink)
    records = {t.subject.value for t in triples if t.predicate.value.endswith("#subject")
               and "philip-aguer" in t.object.value}
    assert any(t.subject.value in records and t.predicate.value.endswith("#object")
               and t.object.value.endswith("/south-sudan") for t in triples)


@pytest.mark.parametrize(("sentence", "figures"), [
    ("No one was hurt in the second incident.", []),
    ("Sgt. Afrim Bunjaku, 35, was killed near the village.", [(1, "Killed")]),
    ("Two civilians, including a 12-year-old boy, were killed in the shelling.",
     [(2, "Killed")]),
    ("The missiles killed two children and injured three girls.",
     [(2, "Killed"), (3, "Injured")]),
    ("The group carried out a raid that killed 11 police officers.", [(11, "Killed")]),
    # official usage of some states for their own dead, and "neutralized" (killed, wounded
    # or captured): a figure of unspecified kind; targets are no people
    ("Five soldiers and a civilian were martyred in the shelling.",
     [(5, "Killed"), (1, "Killed")]),
    ('The army "neutralized" 76 regime soldiers and neutralized 54 targets.', [(76, "")]),
    # coordinated numbers with one noun after an active verb; "of STATE" after the people
    ("The guards opened fire, wounding five Kyrgyz and two Tajik border guards.",
     [(5, "Wounded"), (2, "Wounded")]),
    ("The fighting left 36 citizens of Kyrgyzstan dead.", [(36, "Killed")]),
    ("A resident of the village was wounded. Two villages were damaged.", [(1, "Wounded")]),
])
def test_numbers_that_count_or_do_not_count_casualties(extract, sentence: str,
                                                       figures: list) -> None:
    assert [(f.count, f.kind) for f in extract(sentence, "2023-09-25").figures] == figures


def test_the_x_side_reported_is_that_state(extract) -> None:
    result = extract("The Tajik side reported 41 dead.", "2022-09-25")
    assert _claims(result) == {("Tajikistan", "report", "figure")}


@pytest.mark.parametrize(("line", "furniture"), [
    ("Semini reported from Tirana, Albania. Gec reported from Belgrade, Serbia.", True),
    ("Associated Press writers Jean H. Lee and Sam Kim contributed.", True),
    ("Kyrgyz officials reported from the scene that two were killed.", False),
    ("Tajik troops contributed two battalions to the force.", False),
])
def test_closing_reporter_lines_are_furniture(line: str, furniture: bool) -> None:
    from graph.document import is_furniture

    assert is_furniture(line) is furniture


@pytest.mark.parametrize("sentence", [
    "Iranian missiles struck a village in Balochistan on Tuesday.",
    "Pakistan said it had carried out missile strikes on militant hideouts.",
])
def test_missile_attacks_are_shelling(extract, sentence: str) -> None:
    assert "Shelling" in [e.cls for e in extract(sentence, "2024-01-18").events]


def test_one_addressee_of_an_appeal_is_its_target(extract) -> None:
    result = extract("Washington urged Russia to halt the bombing of Georgia.", "2008-08-09")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.target.label, appeal.participants) == ("Russia", [])


@pytest.mark.parametrize("sentence", [
    "France called for an immediate ceasefire between Georgia and Russia.",
    "The bloc urged Kyrgyzstan and Tajikistan to settle their disputes through talks.",
])
def test_what_an_appeal_urges_has_not_happened(extract, sentence: str) -> None:
    assert [e.cls for e in extract(sentence, "2008-08-09").events] == ["Appeal"]


def test_an_appeal_keeps_the_agreement_it_refers_to(extract) -> None:
    result = extract("Russia and Belarus brokered a ceasefire on Friday. The CSTO urged both "
                     "countries to stick to the ceasefire.", "2022-09-17")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert [r.cls for r in appeal.refers_to] == ["CeasefireAgreement"]


def test_an_appeal_after_a_reporting_verb_is_the_speakers_own_act(extract) -> None:
    result = extract("North Korea shelled the island on Tuesday. The White House condemned "
                     "the attack and urged North Korea to halt its provocations.", "2010-11-24")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.claimed, appeal.target.label) == (False, "North Korea")


def test_the_attack_named_again_is_the_first_attack(extract) -> None:
    result = extract("North Korea shelled the island on Tuesday, killing two marines. South "
                     "Korea returned fire. Washington condemned the attack.", "2010-11-24")
    condemned = [kind for f, kind, obj, *_ in result.claims if f.verb == "condemn"]
    assert condemned == ["event"]
    ((_, _, event, _),) = [c for c in result.claims if c[0].verb == "condemn"]
    assert event.cls == "Shelling"


def _offices(result) -> set[tuple[str, str, str]]:
    return {(o.holder.label if o.holder else "", o.office, o.of.label) for o, _ in result.offices}


@pytest.mark.parametrize("sentence", [
    "Presidents of Kyrgyzstan and Tajikistan Sadyr Japarov and Emomali Rahmon signed the "
    "treaty on Thursday.",
    "The treaty was signed by the presidents of Kyrgyzstan and Tajikistan, Sadyr Japarov and "
    "Emomali Rahmon, on Thursday.",
])
def test_a_plural_title_pairs_its_states_and_names_in_order(extract, sentence: str) -> None:
    assert _offices(extract(sentence, "2025-03-13")) == {
        ("Sadyr Japarov", "President", "Kyrgyzstan"),
        ("Emomali Rahmon", "President", "Tajikistan")}


def test_a_title_without_a_state_is_of_the_datelines_state(extract) -> None:
    result = extract("KHARTOUM (AFP) - Prime Minister Abdalla Hamdok condemned the attack.",
                     "2020-12-17")
    assert _offices(result) == {("Abdalla Hamdok", "PrimeMinister", "Sudan")}


def test_the_head_of_a_bodys_counterpart_heads_the_other_states_body(extract) -> None:
    result = extract("Kamchybek Tashiev, head of the State Committee for National Security of "
                     "Kyrgyzstan, and his Tajik counterpart Saimumin Yatimov signed a "
                     "protocol.", "2022-09-25")
    assert ("Saimumin Yatimov", "HeadOfService",
            "State Committee for National Security of Tajikistan") in _offices(result)
    assert ("Kamchybek Tashiev", "HeadOfService",
            "State Committee for National Security of Kyrgyzstan") in _offices(result)


def test_a_victim_named_first_is_not_the_agent(extract) -> None:
    result = extract("A Tajik man was killed and four people were wounded in a shooting on "
                     "the border late on Monday.", "2019-09-17")
    (shooting,) = [e for e in result.events if e.cls in {"ArmedClash", "SmallArmsFire"}]
    assert shooting.agent is None


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Georgian forces had shot down several Russian aircraft, the ministry said.", "ArmedClash"),
    ("Moscow sent tanks and troops into South Ossetia on Friday.", "TroopBuildUp"),
])
def test_downing_aircraft_and_sending_troops(extract, sentence: str, cls: str) -> None:
    assert cls in [e.cls for e in extract(sentence, "2008-08-09").events]


def test_years_named_in_passing_set_no_year_for_later_dates(extract) -> None:
    result = extract("The treaty ends the conflicts of 2021 and 2022. The two sides met on "
                     "February 21 to agree the last segments.", "2025-03-13")
    (feb,) = [t for t, *_ in result.times if "February" in t.text]
    assert feb.start.year == 2025


def test_each_sides_account_of_an_act_is_its_own_event(extract) -> None:
    result = extract("Georgian President Mikheil Saakashvili said Georgian forces had shot "
                     "down several Russian aircraft. Russia's Defence Ministry said Georgian "
                     "troops had attacked Russian peacekeepers.", "2008-08-09")
    clashes = [e for e in result.events if e.cls == "ArmedClash"]
    assert sorted(_state(e.frame.claimant) for e in clashes) == ["georgia", "russia"]


def test_a_spokesman_for_an_official_of_a_province_acts_for_its_state(extract) -> None:
    result = extract("Pakistan's army said Afghan forces fired first. Afghan border forces came "
                     "under fire from Pakistani positions, said Ali Jan Ahmadi, a "
                     "spokesman for the governor of Kandahar Province.", "2022-12-11")
    speakers = {f.claimant.label: _state(f.claimant) for f, *_ in result.claims}
    assert speakers.get("Ali Jan Ahmadi") == "afghanistan"


def test_a_demonym_before_border_names_a_place_not_a_side(extract) -> None:
    result = extract("Pakistani troops raided a militant hideout near the Afghan border on "
                     "Tuesday.", "2024-03-05")
    (raid,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert raid.target is None or raid.target.label != "Afghanistan"


def test_a_surname_in_a_headline_pair_is_no_new_state(extract) -> None:
    result = extract("Tashiev and Yatimov sign protocol on withdrawal of troops. Chairman "
                     "Saimumin Yatimov arrived on Sunday.", "2022-09-25", title="x")
    assert all(not (e.is_state and e.label == "Yatimov") for e, _ in result.mentions)


def test_a_possessive_reporter_is_the_person_the_sentence_names(extract) -> None:
    result = extract("Foreign Secretary Vikram Misri said India's response was measured. "
                     "Pakistani Prime Minister Shehbaz Sharif chaired a meeting of the "
                     "National Security Committee on Thursday, his office said.", "2025-05-08")
    assert {f.claimant.label for f, _, _, n in result.claims if n == 1} == {"Shehbaz Sharif"}


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Indian and Pakistani troops exchanged heavy fire along the Line of Control overnight.",
     "ArmedClash"),
    ("Cambodian spokesman Phay Siphan said Thai artillery had damaged part of the temple.",
     "Shelling"),
])
def test_fire_with_a_modifier_and_artillery_as_subject(extract, sentence: str,
                                                       cls: str) -> None:
    assert cls in [e.cls for e in extract(sentence, "2011-02-07").events]




@pytest.mark.parametrize("sentence", [
    "The war claimed some 30,000 lives before a ceasefire in 1994.",
    "Armenia declared martial law after fighting broke out on Sunday.",
])
def test_claimed_lives_and_declared_law_report_nothing(extract, sentence: str) -> None:
    assert extract(sentence, "2020-09-27").claims == []


@pytest.mark.parametrize(("sentence", "figures"), [
    ("Two civilians, a woman and a child, were killed in the shelling.", [(2, "Killed")]),
    ("Scores of soldiers were killed or wounded in the offensive.", [(None, "")]),
    ("The missile killed all three crew members.", [(3, "Killed")]),
])
def test_appositions_unstated_kinds_and_all(extract, sentence: str, figures: list) -> None:
    assert [(f.count, f.kind) for f in extract(sentence, "2000-05-19").figures] == figures


def test_capturing_people_is_no_occupation(extract) -> None:
    result = extract("He said three Thai soldiers had been captured and Cambodian troops "
                     "captured a pilot.", "2008-10-16")
    assert "Occupation" not in [e.cls for e in result.events]


def test_a_name_in_a_relative_clause_is_not_the_subject(extract) -> None:
    result = extract("Russia, which has a military base in Armenia, called for an immediate "
                     "ceasefire.", "2020-09-27")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent.label == "Russia"


def test_a_dateline_of_two_states_names_no_home(extract) -> None:
    result = extract("YEREVAN/BAKU (Reuters) - Two soldiers were killed on Sunday, the defence "
                     "ministry said.", "2020-09-27")
    assert result.claims == []


@pytest.mark.parametrize("sentence", [
    "Armenia ordered a general mobilisation on Sunday.",
    "Brazil said additional troops were being deployed to the border state of Roraima.",
])
def test_mobilisation_and_deployments_are_build_ups(extract, sentence: str) -> None:
    assert "TroopBuildUp" in [e.cls for e in extract(sentence, "2023-12-10").events]


@pytest.mark.parametrize(("line", "furniture"), [
    ("Friday, 19 May, 2000, 12:41 GMT 13:41 UK", True),
    ("09.05.2020 14:35", True),
    ("Author: Aidai Erkebaeva", True),
    ("Dawn.com | PTI", True),
    ("Kyrgyz President Sadyr Japarov said on Friday.", False),
])
def test_page_dates_authors_and_outlet_lines_are_furniture(line: str, furniture: bool) -> None:
    from graph.document import is_furniture

    assert is_furniture(line) is furniture


def test_a_photo_credit_inside_a_caption_and_see_also_teasers_yield_nothing() -> None:
    from graph.document import BOILERPLATE

    roles = _roles_of("Headline\n\nBANGKOK - Thai troops fired.\n\nThai soldiers at an army "
                      "post on Oct 15, 2008. (Photo: Patipat Janthong)\n\nSee also:\n12 May 00 "
                      "| Africa\nEthiopia launches border offensive\n", "2008-10-16", "Headline")
    assert roles["(Photo: Patipat Janthong)"] == BOILERPLATE
    assert roles["Ethiopia launches border offensive"] == BOILERPLATE


@pytest.mark.parametrize(("sentence", "group"), [
    ("Bogota said its troops had come under fire from FARC positions on the Colombian side.",
     "FARC"),
    ("Officials blamed Jaish al-Adl, a Sunni militant group, for the raid on the police "
     "station.", "Jaish al-Adl"),
])
def test_armed_groups_named_without_a_group_noun_before_them(extract, sentence: str,
                                                             group: str) -> None:
    result = extract(sentence, "2008-03-03")
    assert group in {e.label for e, _ in result.mentions if e.is_a("ArmedForce")}


def test_a_quoted_first_person_appeal_is_the_speakers_own_act(extract) -> None:
    result = extract('"We urge the Indian side to avoid any action that could complicate '
                     'the situation," Chinese foreign ministry spokesman Zhao Lijian told a '
                     'news briefing.', "2021-01-25")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.agent.label, appeal.claimed) == ("China", False)
    assert all(kind != "event" for _, kind, *_ in result.claims)


def test_the_government_in_a_capital_is_that_states(extract) -> None:
    result = extract("Eritrea said it had pulled out. A statement from the government in "
                     "Asmara said Ethiopian troops had shelled Barentu.", "2000-05-19")
    assert {f.claimant.label for f, _, _, n in result.claims if n == 1} == {
        "Government of Eritrea"}


def test_two_times_in_one_sentence_are_two_clashes(extract) -> None:
    result = extract("The two sides fought in April 2016, and they clashed again on the "
                     "northern border in July 2016.", "2020-09-27")
    clashes = [e for e in result.events if e.cls == "ArmedClash"]
    assert sorted(e.time.start.month for e in clashes if e.time) == [4, 7]


def test_ethnic_adjectives_name_a_people_not_a_state(extract) -> None:
    result = extract("Unrest has grown since ethnic Albanian mayors took office in the north "
                     "of Kosovo.", "2023-09-25")
    assert "Albania" not in {e.label for e, _ in result.mentions}


def test_a_name_over_the_pages_own_date_is_its_author() -> None:
    from graph.document import BOILERPLATE

    roles = _roles_of("Protocol signed\n\nAnna Kapushenko\nPublished: 25/09/22 17:12\nBishkek "
                      "- 24.kg news agency\n\nThe two security chiefs signed a protocol on "
                      "Sunday.\n", "2022-09-25", "Protocol signed")
    assert roles["Anna Kapushenko"] == roles["Bishkek - 24.kg news agency"] == BOILERPLATE
    assert roles["The two security chiefs signed a protocol on Sunday."] != BOILERPLATE


@pytest.mark.parametrize(("sentence", "agent"), [
    ("Russian warplanes bombed the town of Gori on Saturday.", "russia"),
    ("The Indian Air Force shot down a Pakistani F-16 over Kashmir.", "india"),
])
def test_air_arms_of_a_state_are_its_forces(extract, sentence: str, agent: str) -> None:
    (attack,) = [e for e in extract(sentence, "2019-02-27").events if e.cls == "ArmedClash"]
    assert _state(attack.agent) == agent


def test_telephoning_a_counterpart_is_talks(extract) -> None:
    result = extract("Colombian President Alvaro Uribe telephoned Ecuadorean President Rafael "
                     "Correa on Saturday.", "2008-03-03")
    assert "Talks" in [e.cls for e in result.events]


def test_two_coordinated_appealers_make_an_appeal_each(extract) -> None:
    result = extract("The United States and China urged India and Pakistan to show restraint.",
                     "2019-02-27")
    assert sorted(e.agent.label for e in result.events if e.cls == "Appeal") == [
        "China", "United States"]


def test_coordinated_appealers_with_a_relative_clause_make_an_appeal_each(extract) -> None:
    result = extract("France and the United States, which co-chair the Minsk Group with Russia, "
                     "also called on Armenia and Azerbaijan to stop the fighting.", "2020-10-11")
    assert sorted(e.agent.label for e in result.events if e.cls == "Appeal") == [
        "France", "United States"]


def test_blaming_an_act_on_someone_accuses_them(extract) -> None:
    result = extract("South Korea says the North shelled the island. Seoul blamed the sinking "
                     "of the warship Cheonan on a North Korean torpedo attack.", "2010-11-24")
    assert ("South Korea", "blame", "event") in _claims(result)
    assert [e.target.label for e in result.events if e.cls == "Accusation"] == ["North Korea"]


def test_an_appeal_coordinated_after_a_report_is_the_reporters_own(extract) -> None:
    result = extract("The co-chairs of the OSCE Minsk Group said they were deeply concerned "
                     "and urged both sides to show restraint.", "2014-11-13")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.agent.label, appeal.claimed) == ("OSCE Minsk Group", False)


def test_a_pronoun_before_a_passive_trigger_suffered_the_act(extract) -> None:
    result = extract("Armenia's defence ministry said the helicopter had been on a training "
                     "flight. Spokesman Artsrun Hovhannisyan said it had been shot down over "
                     "territory held by Karabakh forces.", "2014-11-13")
    hostile = [e for e in result.events if e.cls == "ArmedClash"]
    assert hostile and all(e.agent is None or e.agent.label != "Artsrun Hovhannisyan"
                           for e in hostile)


def test_an_organisations_title_ties_an_official_found_otherwise(extract) -> None:
    result = extract("Asean Secretary-General Surin Pitsuwan urged both countries to exercise "
                     "restraint.", "2008-10-16")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent.state and appeal.agent.state.endswith("asean")


def test_its_before_a_title_is_the_organisation_named_last(extract) -> None:
    result = extract("The Organization of American States will hold an emergency session. "
                     "Its secretary general, Jose Miguel Insulza, called on Colombia and "
                     "Ecuador to settle the dispute.", "2008-03-03")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent.label == "Jose Miguel Insulza"
    assert appeal.agent.state and appeal.agent.state.endswith("/oas")


def test_firing_rifles_is_a_clash_and_a_second_subject_a_second_act(extract) -> None:
    result = extract("The Thai army said Cambodian troops had fired grenades and rifles at a "
                     "Thai patrol first, and Thai soldiers had only returned fire.",
                     "2008-10-16")
    acts = sorted((e.cls, _state(e.agent), _state(e.target)) for e in result.events)
    assert acts == [("ArmedClash", "cambodia", "thailand"),
                    ("ArmedClash", "thailand", "cambodia")]


def test_firing_rockets_stays_a_shelling(extract) -> None:
    result = extract("Kyrgyzstan's border service said Tajik forces fired rockets at the "
                     "village of Kok-Tash.", "2021-04-29")
    assert [e.cls for e in result.events] == ["Shelling"]


def test_an_army_spokesman_after_the_army_reported_speaks_for_its_state(extract) -> None:
    result = extract("The gunfight lasted an hour, according to the Thai army. Army spokesman "
                     "Col Sunsern Kaewkumnerd said Cambodian troops had opened fire first.",
                     "2008-10-16")
    (clash,) = [e for e in result.events if e.cls == "ArmedClash" and e.agent is not None]
    assert clash.frame is not None and clash.frame.claimant.label == "Sunsern Kaewkumnerd"
    assert _state(clash.frame.claimant) == "thailand"


def test_demanding_a_halt_is_an_appeal_and_the_halt_no_event(extract) -> None:
    result = extract("The UN Security Council voted to impose an arms embargo on Ethiopia and "
                     "Eritrea, demanding an immediate halt to the fighting.", "2000-05-19")
    assert [e.cls for e in result.events] == ["Appeal"]


def test_an_emergency_session_is_a_meeting(extract) -> None:
    result = extract("The Organization of American States will hold an emergency session in "
                     "Washington on Tuesday.", "2008-03-03")
    (meeting,) = [e for e in result.events if e.cls == "Meeting"]
    assert meeting.status == "Planned"


def test_gunfire_is_an_armed_clash(extract) -> None:
    result = extract("Kyrgyz servicemen shot at residents of Vorukh, according to the Tajik "
                     "border service.", "2019-09-17")
    (shooting,) = result.events
    assert (shooting.cls, _state(shooting.agent), shooting.claimed) == (
        "ArmedClash", "kyrgyzstan", True)


def test_fire_returned_with_howitzers_is_shelling(extract) -> None:
    result = extract("South Korean marines returned fire with self-propelled howitzers, the "
                     "Joint Chiefs of Staff said.", "2010-11-24")
    assert [e.cls for e in result.events] == ["Shelling"]


def test_fire_with_small_arms_and_mortars_stays_a_clash(extract) -> None:
    result = extract("Kyrgyzstan's Border Service said Tajik border guards had opened fire "
                     "with automatic weapons and mortars on Kyrgyz positions.", "2022-01-28")
    assert [e.cls for e in result.events] == ["ArmedClash"]


def test_firing_first_sending_shells_is_one_shelling(extract) -> None:
    result = extract("North Korea's military said South Korean troops had fired first, sending "
                     "shells into the North's waters.", "2010-11-24")
    assert [(e.cls, _state(e.agent)) for e in result.events] == [("Shelling", "south-korea")]


def test_shelling_a_town_and_attacking_troops_are_two_acts(extract) -> None:
    result = extract("Russia's Defence Ministry said Georgian troops had shelled Tskhinvali "
                     "and attacked Russian peacekeepers stationed there.", "2008-08-09")
    assert sorted(e.cls for e in result.events) == ["ArmedClash", "Shelling"]


@pytest.mark.parametrize("line", ["Page last updated at 12:41 GMT, Tuesday, 10 June 2008 "
                                  "13:41 UK", "Editor: Mu Xuequan"])
def test_page_update_and_editor_lines_are_furniture(line: str) -> None:
    text = f"Border clash\n\n{line}\n\nTroops clashed on the border on Monday.\n"
    assert _roles_of(text, "2008-06-10", "Border clash")[line] == "Boilerplate"


def test_exchanging_heavy_gunfire_makes_both_sides_participants(extract) -> None:
    result = extract("Iranian border guards and Taliban forces exchanged heavy gunfire on the "
                     "border on Saturday.", "2023-05-27")
    (clash,) = result.events
    assert (clash.cls, clash.agent, clash.target) == ("ArmedClash", None, None)


def test_the_shooting_named_again_is_the_clash_told_before(extract) -> None:
    result = extract("Kyrgyz and Tajik border guards exchanged fire near Ak-Sai on Monday. "
                     "Officials said the shooting stopped on Monday evening.", "2019-09-17")
    clashes = [e for e in result.events if e.cls == "ArmedClash"]
    assert len(clashes) == 1 and clashes[0].also == [1]


def test_a_body_giving_a_different_account_speaks_next(extract) -> None:
    result = extract("Kyrgyzstan's Border Guard Service said Tajik guards opened fire on a "
                     "patrol. Tajikistan's Border Troops gave a different version. Kyrgyz "
                     "servicemen had shot at residents of Vorukh, it said.", "2019-09-17")
    said = {(f.claimant.label, _state(e.agent)) for f, kind, e, _ in result.claims
            if kind == "event"}
    assert ("Border Troops of Tajikistan", "kyrgyzstan") in said


def test_according_to_the_service_is_the_service_named_before(extract) -> None:
    result = extract("Kyrgyzstan's Border Guard Service said two guards were wounded. "
                     "According to the service, the patrol came under fire from Tajik "
                     "troops.", "2014-08-13")
    said = {(f.claimant.label, f.verb) for f, kind, *_ in result.claims if kind == "event"}
    assert said == {("Border Guard Service of Kyrgyzstan", "according to")}


def test_a_negated_act_did_not_happen(extract) -> None:
    result = extract('"Our border guards showed restraint and did not open fire on anyone," '
                     'Kyrgyz Prime Minister Zhantoro Satybaldiyev told parliament.',
                     "2013-01-07")
    assert [e for e in result.events if e.cls == "ArmedClash"] == []
    assert result.claims == []


def test_a_victim_named_with_an_apposition_is_not_the_agent(extract) -> None:
    result = extract("Bakyt Aliev, a 45-year-old teacher from the village of Kapchygai, was "
                     "killed when a shell hit his house on Friday, officials said.",
                     "2022-09-20")
    assert all(e.agent is None or e.agent.label != "Bakyt Aliev" for e in result.events)


@pytest.mark.parametrize("sentence, cls", [
    ("Turkish artillery pounded targets inside Syria on Thursday.", "Shelling"),
    ("Israeli jets pounded targets in southern Lebanon on Thursday.", "ArmedClash"),
    ("A mortar bomb fired from Syria killed five Turkish civilians in Akcakale.", "Shelling"),
    ("Kyrgyz border guards fired warning shots at residents of Vorukh.", "ArmedClash"),
])
def test_pounding_mortar_bombs_and_warning_shots(extract, sentence: str, cls: str) -> None:
    assert cls in [e.cls for e in extract(sentence, "2012-10-04").events]


def test_negotiators_of_unknown_side_are_no_parties_of_talks(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan held talks in Batken on Thursday, led by "
                     "security chiefs Kamchybek Tashiev and Saimumin Yatimov.", "2024-12-13")
    (talks,) = [e for e in result.events if e.cls == "Talks"]
    assert all(not p.is_a("Person") or p.state for p in talks.participants)
    assert {p.label for p in talks.participants} >= {"Kyrgyzstan", "Tajikistan"}


def test_the_alliance_is_the_alliance_named_last_and_that_clause_addressee_the_target(
        extract) -> None:
    result = extract("NATO ambassadors held an emergency meeting in Brussels. The alliance "
                     "demanded that Syria stop its aggressive acts against Turkey.",
                     "2012-10-04")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.agent.label, _state(appeal.target)) == (
        "North Atlantic Treaty Organization", "syria")
    (meeting,) = [e for e in result.events if e.cls == "Meeting"]
    assert [p.label for p in meeting.participants] == ["North Atlantic Treaty Organization"]


def test_the_people_evacuated_are_no_parties(extract) -> None:
    result = extract("Hundreds of Kyrgyz residents were evacuated from Batken on Friday.",
                     "2022-09-16")
    (evacuation,) = result.events
    assert (evacuation.cls, evacuation.participants) == ("Evacuation", [])


def test_a_coordinated_appeal_before_a_final_reporter_is_reported_with_its_subject(
        extract) -> None:
    result = extract("Russian President Vladimir Putin spoke by phone with Kyrgyz President "
                     "Sadyr Japarov and Tajik President Emomali Rahmon on Monday and urged "
                     "them to settle the conflict peacefully, the Kremlin said.", "2022-09-20")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert _state(appeal.agent) == "russia" and appeal.claimed


@pytest.mark.parametrize("sentence, start", [
    ("Nigeria withdrew its troops in August 2006 and is due to hand over the rest of the "
     "peninsula on 14 August.", "2008-08-14"),
    ("The agreement would be submitted to both parliaments in January.", "2025-01-01"),
])
def test_a_planned_date_without_a_year_is_the_coming_one(extract, sentence: str,
                                                         start: str) -> None:
    date = "2008-06-10" if "Nigeria" in sentence else "2024-12-13"
    result = extract(sentence, date)
    planned = [t for t, *_ in result.times if t.text.endswith(("August", "January"))]
    assert planned and planned[-1].start.isoformat() == start


def test_a_capital_in_apposition_is_the_city(extract) -> None:
    result = extract("Our correspondent in the Cameroonian capital, Yaounde, said the army "
                     "had sent reinforcements.", "2008-06-10")
    cities = [e for e, _ in result.mentions if e.label == "Yaounde"]
    assert cities and all(e.is_a("City") and e.state.endswith("cameroon") for e in cities)


def test_agreeing_to_withdraw_forces_is_no_ceasefire(extract) -> None:
    result = extract("Officials from the two sides met at the border crossing and agreed to "
                     "withdraw additional forces from the area.", "2019-09-17")
    assert "CeasefireAgreement" not in [e.cls for e in result.events]


def test_charging_that_the_other_side_shelled_is_an_accusation(extract) -> None:
    result = extract("Azerbaijan's Defence Ministry charged that Armenian troops had shelled "
                     "its positions near the town of Tovuz.", "2020-07-13")
    (accusation,) = [e for e in result.events if e.cls == "Accusation"]
    assert _state(accusation.target) == "armenia"
    assert [e.cls for e in accusation.accusation_of] == ["Shelling"]


def test_one_side_is_not_agent_and_target_of_one_act(extract) -> None:
    result = extract("Pakistani jets shot down an Indian aircraft over Pakistani-administered "
                     "Kashmir, the Pakistani military said.", "2019-02-27")
    assert all(e.agent is None or e.target is None or _state(e.agent) != _state(e.target)
               for e in result.events)


def test_a_subdivision_named_in_english_is_found_under_its_iso_name(extract) -> None:
    result = extract("Clashes between the Congolese army and rebels near Rutshuru killed two "
                     "soldiers, according to North Kivu's military governor, Lieutenant "
                     "General Constant Ndima.", "2022-05-28")
    (kivu,) = [e for e, _ in result.mentions if e.label in {"North Kivu", "Nord-Kivu"}][:1]
    assert _state(kivu) == "democratic-republic-of-the-congo"
    claimants = {_state(f.claimant) for f, *_ in result.claims}
    assert claimants == {"democratic-republic-of-the-congo"}


def test_a_rocket_striking_a_school_is_shelling(extract) -> None:
    result = extract("A rocket struck the school in Batken on Friday, officials said.",
                     "2022-09-16")
    assert [e.cls for e in result.events] == ["Shelling"]


def test_people_who_fled_are_no_evacuation(extract) -> None:
    result = extract("More than 130,000 people have fled the border districts, the "
                     "emergencies ministry said.", "2022-09-16")
    assert "Evacuation" not in [e.cls for e in result.events]


def test_accusing_them_of_accuses_the_other_side(extract) -> None:
    result = extract("Kyrgyzstan's border service said Tajik forces had fired on a post. "
                     "Tajikistan's security committee said Kyrgyz troops were to blame, "
                     "accusing them of shooting at civilians in Vorukh.", "2021-04-29")
    accusations = [(_state(e.agent), _state(e.target)) for e in result.events
                   if e.cls == "Accusation"]
    assert ("tajikistan", "kyrgyzstan") in accusations


def test_a_known_armed_group_named_bare_acts(extract) -> None:
    result = extract("Hezbollah said in a statement that its fighters had fired rockets at "
                     "Israeli positions near Metula.", "2023-11-06")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert shelling.frame is not None and shelling.frame.claimant.label == "Hezbollah"


def test_fighters_of_a_named_group_make_it_an_armed_group(extract) -> None:
    result = extract("UFDD fighters attacked the town, and the UFDD later withdrew.",
                     "2008-02-05")
    assert any(e.is_a("ArmedForce") and e.label == "UFDD" for e, _ in result.mentions)


@pytest.mark.parametrize("sentence", [
    "Armenia's defence ministry said Azerbaijani troops had crossed into Armenia near the "
    "lake.",
    "Saudi officials said Saudi forces had retaken the mountain from the rebels.",
    "Peru said Ecuador had infiltrated troops into Peruvian territory.",
])
def test_incursions_and_retaking_ground_are_occupations(extract, sentence: str) -> None:
    assert "Occupation" in [e.cls for e in extract(sentence, "2021-05-14").events]


def test_a_strike_on_something_is_an_attack(extract) -> None:
    result = extract("An Israeli strike on a car in southern Lebanon killed three girls on "
                     "Sunday, Lebanon's state-run National News Agency reported.",
                     "2023-11-06")
    (strike,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert (_state(strike.agent), strike.claimed) == ("israel", True)


def test_its_officials_are_the_state_the_sentence_named(extract) -> None:
    result = extract("Tajikistan did not give a full toll, but its officials said one "
                     "civilian was killed in shelling by Kyrgyz forces of the town of Isfara.",
                     "2022-09-16")
    assert {(_state(f.claimant), kind) for f, kind, *_ in result.claims} == {
        ("tajikistan", "event"), ("tajikistan", "figure")}


def test_a_negative_quantifier_before_the_act_negates_it(extract) -> None:
    result = extract("Yemen's government said no Saudi aircraft had entered Yemeni airspace.",
                     "2009-11-05")
    assert [e for e in result.events if e.cls == "Occupation"] == []


def test_a_participle_appeal_after_a_final_reporter_is_the_reporters(extract) -> None:
    result = extract("Azerbaijan's defence ministry said its troops were on Azerbaijani "
                     "territory. Its units had taken up positions along the border, it said, "
                     "calling on Yerevan to refrain from provocations.", "2021-05-14")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (_state(appeal.agent), _state(appeal.target)) == ("azerbaijan", "armenia")


def test_an_as_clause_after_a_report_is_the_narrators(extract) -> None:
    result = extract("Peru said its troops had repelled an attack, as foreign ministers of "
                     "the Organization of American States prepared to meet in Washington.",
                     "1981-02-02")
    (meeting,) = [e for e in result.events if e.cls == "Meeting"]
    assert not meeting.claimed


def test_a_sponsor_named_in_an_adjective_is_no_party(extract) -> None:
    result = extract("Israel and the Iran-backed Hezbollah have traded fire almost daily "
                     "along the border.", "2023-11-06")
    (clash,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert "Iran" not in {p.label for p in clash.participants}


def test_an_act_naming_the_day_after_which_is_no_event(extract) -> None:
    result = extract("Israel and Hezbollah have traded fire since October 8, the day after the "
                     "Hamas attack on southern Israel.", "2023-11-06")
    assert [e.cls for e in result.events] == ["ArmedClash"]
    assert {p.label for p in result.events[0].participants} >= {"Israel", "Hezbollah"}


def test_a_summits_host_and_its_city_are_no_participants(extract) -> None:
    result = extract("Kyrgyz President Sadyr Japarov and Tajik President Emomali Rahmon "
                     "attended a summit of the Shanghai Cooperation Organization in the Uzbek "
                     "city of Samarkand.", "2022-09-16")
    (summit,) = [e for e in result.events if e.cls == "SummitAttendance"]
    assert {_state(p) for p in summit.participants} == {"kyrgyzstan", "tajikistan"}


def test_a_body_named_with_a_possessive_keeps_its_name_and_speaks_for_its_state(
        extract) -> None:
    result = extract("The Prosecutor General's Office of Kyrgyzstan said it had opened a "
                     "criminal case. According to the investigation, Tajik troops shelled the "
                     "village of Ak-Sai on September 14.", "2022-10-11")
    bodies = {e.label for e, _ in result.mentions if e.is_actor and not e.is_state}
    assert "Prosecutor General's Office of Kyrgyzstan" in bodies
    said = {(_state(f.claimant), f.verb) for f, kind, *_ in result.claims if kind == "event"}
    assert ("kyrgyzstan", "according to") in said


def test_saying_the_sides_should_hold_talks_is_the_speakers_appeal(extract) -> None:
    result = extract("OAS Secretary-General Jose Miguel Insulza said the two governments "
                     "should hold talks.", "2010-11-13")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.own and not appeal.claimed
    assert "Talks" not in [e.cls for e in result.events]


def test_fighting_resumed_is_a_clash_of_both_sides(extract) -> None:
    result = extract("Kyrgyz and Tajik troops agreed a truce on Thursday. Shooting resumed "
                     "hours later near the village of Maksat, according to a Kyrgyz border "
                     "official.", "2021-04-29")
    clashes = [e for e in result.events if e.cls == "ArmedClash"]
    # fighting of both sides that one side reports alleges nothing against the other: the
    # report is a claim on it, the fighting stays in the article's voice
    assert clashes and clashes[0].agent is None and not clashes[0].claimed
    assert any(kind == "event" and obj is clashes[0] for _, kind, obj, _ in result.claims)


def test_the_director_general_of_a_body_speaks_for_its_state(extract) -> None:
    result = extract('"Pakistani jets shot down two Indian aircraft," Director General of '
                     'the Inter-Services Public Relations (ISPR) Major General Asif Ghafoor '
                     'said on Twitter.', "2019-02-27")
    assert {(f.claimant.label, _state(f.claimant)) for f, *_ in result.claims} == {
        ("Asif Ghafoor", "pakistan")}


def test_according_to_inside_a_where_clause_claims_that_clause(extract) -> None:
    result = extract("The violence began on September 14 at the Kyrgyz border outpost of "
                     "Kojo-Aryk, where, according to Kyrgyzstan's Border Service, Tajik "
                     "servicemen opened fire on a Kyrgyz patrol.", "2022-09-15")
    fire = [e for e in result.events if e.cls == "ArmedClash" and e.agent is not None]
    assert fire and fire[0].claimed and _state(fire[0].agent) == "tajikistan"


def test_each_side_blaming_the_other_for_the_truces_collapse(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan agreed a truce on Wednesday. The truce held for "
                     "less than a day, and each side blamed the other for its collapse.",
                     "2022-09-15")
    violations = {(_state(e.agent), _state(e.target)) for e in result.events
                  if e.cls == "CeasefireViolation"}
    assert violations == {("kyrgyzstan", "tajikistan"), ("tajikistan", "kyrgyzstan")}


def test_a_build_up_reported_by_one_side_has_no_implied_target(extract) -> None:
    result = extract("The Kyrgyz border service reported that Tajik forces were moving "
                     "armored vehicles toward the border.", "2022-09-15")
    (build_up,) = [e for e in result.events if e.cls == "TroopBuildUp"]
    assert (_state(build_up.agent), build_up.target) == ("tajikistan", None)


def test_states_in_the_united_states_reports_nothing(extract) -> None:
    result = extract("France, which co-chairs the OSCE Minsk Group with Russia and the United "
                     "States, demanded that Azerbaijan withdraw its troops.", "2021-05-14")
    assert result.claims == []
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.agent.label, _state(appeal.target)) == ("France", "azerbaijan")


def test_he_was_quoted_as_saying_is_the_speaker_named_before(extract) -> None:
    result = extract("Iran's deputy police chief, General Qassem Rezaei, said Taliban forces "
                     "had opened fire on the post. Two Iranian border guards were killed and "
                     "two others wounded, he was quoted as saying by the official IRNA news "
                     "agency.", "2023-05-27")
    figures = {(f.claimant.label, kind) for f, kind, _, n in result.claims if n == 1}
    assert figures == {("Qassem Rezaei", "figure")}


def test_a_government_named_for_itself_ties_its_forces_and_bodies_to_its_state(extract) -> None:
    result = extract("Taliban forces attacked several Pakistani border posts on Saturday "
                     "night, the Taliban-run defence ministry said.", "2025-10-12")
    (attack,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert (_state(attack.agent), _state(attack.target)) == ("afghanistan", "pakistan")
    assert {(_state(f.claimant), kind) for f, kind, *_ in result.claims} == {
        ("afghanistan", "event")}


def test_a_state_before_a_governments_name_names_its_forces(extract) -> None:
    result = extract("Afghan Taliban forces fired mortar rounds at the border town of Chaman "
                     "on Sunday, Pakistan's military said.", "2022-12-11")
    forces = {e.label for e, _ in result.mentions if e.is_a("ArmedForce")}
    assert forces == {"Afghan forces"}


def test_a_count_before_a_name_is_no_part_of_it(extract) -> None:
    result = extract("Iranian border guards and Taliban forces clashed on Saturday. One "
                     "Taliban fighter was killed, the interior ministry in Kabul said.",
                     "2023-05-27")
    (figure,) = result.figures
    assert (figure.count, _state(figure.side)) == (1, "afghanistan")


def test_seizing_power_is_no_occupation(extract) -> None:
    result = extract("Relations have soured since the Taliban seized power in Kabul in "
                     "August 2021.", "2023-05-27")
    assert [e.cls for e in result.events] == []


def _holds_office_in(text: str, date: str) -> set[tuple[str, str]]:
    """(holder, state) of every holdsOfficeIn statement the build writes for `text`."""
    from graph.build import article_graph
    from graph.iris import Minter

    triples, _, _ = article_graph(_article(text, date), Minter("https://example.org/kg/"))
    labels = {t.subject.value: t.object.value for t in triples
              if t.predicate.value.endswith("#label") or t.predicate.value.endswith("/label")}
    return {(labels.get(t.subject.value, t.subject.value), t.object.value.rsplit("/", 1)[-1])
            for t in triples if t.predicate.value.endswith("#holdsOfficeIn")}


def test_the_head_of_a_states_body_holds_office_in_that_state() -> None:
    found = _holds_office_in("Kyrgyzstan's security chief held talks in Batken on Monday. "
                             "Head of the State Committee for National Security of Kyrgyzstan "
                             "Kamchybek Tashiev said the troops would be withdrawn.",
                             "2022-09-25")
    assert ("Kamchybek Tashiev", "kyrgyzstan") in found


def test_a_title_without_a_state_in_a_report_from_kosovo(extract) -> None:
    result = extract("PRISTINA, Kosovo (AP) - Gunmen attacked a police patrol on Sunday. "
                     "Police killed three of them, Interior Minister Xhelal Svecla said.",
                     "2023-09-25")
    assert {(o.holder.label if o.holder else None, o.office, o.of.label)
            for o, _ in result.offices} == {("Xhelal Svecla", "Minister", "Kosovo")}


def test_a_dateline_with_the_date_first_gives_its_state(extract) -> None:
    result = extract("December 16, 2020 (KHARTOUM) - Four soldiers were killed in an ambush "
                     "on Tuesday. Prime Minister Abdalla Hamdok condemned the attack.",
                     "2020-12-16")
    assert {(o.holder.label, o.of.label) for o, _ in result.offices} == {
        ("Abdalla Hamdok", "Sudan")}


def _offices(result) -> set[tuple[str | None, str, str]]:
    return {(o.holder.label if o.holder else None, o.office, o.of.label) for o, _ in result.offices}


def test_a_long_form_title_holds_the_name_after_its_state(extract) -> None:
    result = extract("President of the Republic of Tajikistan Emomali Rahmon and President of "
                     "the Kyrgyz Republic Sadyr Japarov met in Khujand today.", "2025-03-31")
    assert _offices(result) == {("Emomali Rahmon", "President", "Tajikistan"),
                                ("Sadyr Japarov", "President", "Kyrgyzstan")}


def test_a_plural_title_pairs_its_states_with_the_names_in_apposition(extract) -> None:
    result = extract("The Kyrgyz and Tajik foreign ministers, Zheenbek Kulubaev and Sirojiddin "
                     "Muhriddin, held talks in Khujand on Sunday.", "2025-03-31")
    assert _offices(result) == {("Zheenbek Kulubaev", "ForeignMinister", "Kyrgyzstan"),
                                ("Sirojiddin Muhriddin", "ForeignMinister", "Tajikistan")}


@pytest.mark.parametrize(("sentence", "count"), [
    pytest.param("A Tajik border guard was shot dead near Kulundu on Tuesday.", 1,
                 id="shot-dead"),
    pytest.param("Gunmen shot dead three workers near the border on Tuesday.", 3,
                 id="shot-dead-active"),
    pytest.param("Fifty-eight Pakistani soldiers were killed in the fighting.", 58,
                 id="hyphenated-number"),
    pytest.param("Two Chinese nationals working for a road company were shot dead on "
                 "Sunday.", 2, id="participle-after-the-people"),
])
def test_killed_figures_in_other_words(extract, sentence, count) -> None:
    (figure,) = extract(sentence, "2025-12-01").figures
    assert (figure.kind, figure.count) == ("Killed", count)


def test_an_acronym_in_brackets_names_the_body_before_it(extract) -> None:
    result = extract("DUSHANBE (Reuters) - Tajikistan's State Committee for National Security "
                     "(GKNB) said on Monday that gunmen had opened fire on Chinese workers from "
                     "Afghan territory. The GKNB said two workers were killed.", "2025-12-01")
    assert {(f.claimant.label, kind) for f, kind, *_ in result.claims} == {
        ("State Committee for National Security of Tajikistan", "event"),
        ("State Committee for National Security of Tajikistan", "figure")}


def test_a_body_of_a_states_body_is_that_states(extract) -> None:
    result = extract("The Border Troops of Tajikistan's State Committee for National Security "
                     "(SCNS) said Kyrgyz troops opened fire on Wednesday. The SCNS said two "
                     "Tajik border guards were wounded.", "2022-09-14")
    assert {_state(f.claimant) for f, *_ in result.claims} == {"tajikistan"}


def test_every_sentence_of_a_quotation_is_its_speakers(extract) -> None:
    result = extract('BISHKEK (Reuters) - "Tajik troops shelled the village of Ak-Sai on Monday. '
                     'Two Kyrgyz soldiers were wounded," the Kyrgyz border service said.',
                     "2022-09-14")
    assert {(_state(f.claimant), kind) for f, kind, *_ in result.claims} == {
        ("kyrgyzstan", "event"), ("kyrgyzstan", "figure")}


def test_a_quotation_opened_after_its_speaker_goes_on_in_his_name(extract) -> None:
    result = extract('The Kyrgyz border service said: "Tajik troops shelled the village of '
                     'Ak-Sai on Monday. Two Kyrgyz soldiers were wounded."', "2022-09-14")
    assert {(_state(f.claimant), kind) for f, kind, *_ in result.claims} == {
        ("kyrgyzstan", "event"), ("kyrgyzstan", "figure")}


def test_a_quoted_sentence_after_a_quotation_keeps_its_speaker(extract) -> None:
    result = extract('"Tajik troops shelled the village of Ak-Sai on Monday," the Kyrgyz border '
                     'service said. "Two Kyrgyz soldiers were wounded."', "2022-09-14")
    assert {(_state(f.claimant), kind) for f, kind, *_ in result.claims} == {
        ("kyrgyzstan", "event"), ("kyrgyzstan", "figure")}


def test_a_quote_mark_left_open_does_not_swallow_the_article(extract) -> None:
    text = ('"Tajik troops shelled the village of Ak-Sai on Monday. ' + " ".join(
        f"Sentence {i} is plain." for i in range(6)) + " Two Kyrgyz soldiers were wounded "
        "in Batken on Tuesday.")
    result = extract(text, "2022-09-14")
    assert [f.count for f in result.figures] == [2]
    assert result.claims == []


def test_it_said_adding_that_claims_what_was_added(extract) -> None:
    result = extract("BISHKEK (AKIpress) - Tajik border troops opened fire on Kyrgyz border "
                     "guards near Kok-Tash on Saturday, the Kyrgyz border service said. Five "
                     "Kyrgyz border guards were wounded, it said, adding that a Tajik mortar "
                     "round had hit a house in the village.", "2014-01-12")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert shelling.claimed and _state(shelling.frame.claimant) == "kyrgyzstan"


def test_a_denial_coordinated_after_a_report_claims_nothing(extract) -> None:
    result = extract("The Border Troops of Tajikistan said the two servicemen had lost their "
                     "way in fog, and denied that Tajik border guards had opened fire.",
                     "2023-11-22")
    assert result.events == [] and result.figures == [] and result.claims == []


@pytest.mark.parametrize(("sentence", "label", "cls"), [
    pytest.param("Shots were fired near the Kulundu checkpoint on Tuesday.",
                 "Kulundu checkpoint", "BorderCrossing", id="name-before-the-noun"),
    pytest.param("Guards at the Kok-Tash outpost returned fire on Tuesday.",
                 "Kok-Tash outpost", "Outpost", id="outpost"),
    pytest.param("The Kyrgyz outpost of Kojo-Aryk came under fire on Tuesday.",
                 "Kojo-Aryk", "Outpost", id="name-after-the-noun"),
])
def test_a_named_post_or_crossing_is_the_texts_own(extract, sentence, label, cls) -> None:
    entities = {e.label: e for e, _ in extract(sentence, "2022-06-15").mentions}
    assert cls in entities[label].classes


def test_fire_at_each_other_is_both_sides_without_direction(extract) -> None:
    result = extract("Thai and Cambodian troops fired artillery at each other across their "
                     "disputed border on Monday.", "2011-02-07")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert (shelling.agent, shelling.target) == (None, None)
    assert {_state(p) for p in shelling.participants} == {"thailand", "cambodia"}


def test_a_reporter_between_commas_reports_what_follows_it_too(extract) -> None:
    result = extract("Phnom Penh radio said Vietnamese troops had attacked the town of Kratie. "
                     "In the province of Takeo, the radio said, Cambodian forces had killed 300 "
                     "Vietnamese soldiers.", "1979-01-06")
    assert ("Phnom Penh radio", "say", "figure") in _claims(result)


def test_a_visit_that_is_due_is_the_coming_day() -> None:
    import datetime as dt

    from graph.extract.rules import get_rules
    from graph.extract.timex import find_times

    (day,) = find_times("The minister was due in Bangkok on Tuesday.", dt.date(2011, 2, 7),
                        get_rules())
    assert day.start == dt.date(2011, 2, 8)


def test_a_side_putting_its_own_losses_at_a_figure_reports_its_dead(extract) -> None:
    result = extract("Kyrgyzstan puts its own losses at 59 killed and 183 injured.", "2022-09-22")
    assert {(f.kind, f.count, _state(f.side)) for f in result.figures} == {
        ("Killed", 59, "kyrgyzstan"), ("Injured", 183, "kyrgyzstan")}
    assert {(f.claimant.label, f.verb) for f, *_ in result.claims} == {("Kyrgyzstan", "put")}


def test_border_guards_who_act_are_forces_and_who_speak_the_service(extract) -> None:
    acting = {e.label: e for e, _ in extract("Kyrgyz border guards opened fire on a Tajik "
                                             "patrol on Tuesday.", "2022-06-15").mentions}
    speaking = {e.label: e for e, _ in extract("Kyrgyz border guards said a Tajik patrol "
                                               "opened fire on Tuesday.", "2022-06-15").mentions}
    assert "ArmedForce" in acting["Kyrgyz forces"].classes
    assert "Border Guard Service of Kyrgyzstan" in speaking


def test_troops_named_in_the_claim_are_no_it_that_said_it(extract) -> None:
    result = extract("The Border Troops of Tajikistan said Kyrgyz troops had occupied a height "
                     "on Tajik territory. Tajik border guards returned fire, it said.",
                     "2022-09-14")
    assert {f.claimant.label for f, *_ in result.claims} == {"Border Troops of Tajikistan"}


def test_a_side_reporting_it_was_attacked_names_the_other_side(extract) -> None:
    result = extract("BISHKEK (AKIpress) - Tajikistan and Kyrgyzstan traded blame on Sunday. "
                     "Mortar shells were fired at Kyrgyz positions near Kok-Tash on Saturday, "
                     "the Kyrgyz border service said.", "2014-01-12")
    attacks = [e for e in result.events if e.cls in {"Shelling", "ArmedClash"} and e.claimed]
    assert {(_state(e.agent), _state(e.target)) for e in attacks} == {
        ("tajikistan", "kyrgyzstan")}


def test_an_attack_in_an_article_about_an_armed_group_names_no_state(extract) -> None:
    result = extract("Jaish al-Adl, a Sunni militant group, has waged an insurgency for years. "
                     "Shots were fired at Iranian border guards near Saravan on Friday, Iran's "
                     "interior ministry said, a day after Pakistan summoned Iran's envoy.",
                     "2024-01-18")
    attacks = [e for e in result.events if e.cls == "ArmedClash" and e.claimed]
    assert [_state(e.agent) for e in attacks] == [None]


def test_among_the_dead_was_a_named_victim(extract) -> None:
    result = extract("A Greek navy helicopter crashed near the islets on Tuesday. Among the dead "
                     "was the pilot, Lt. Cmdr. Christodoulos Karathanasis.", "1996-01-31")
    assert [(f.kind, f.count) for f in result.figures] == [("Killed", 1)]


def test_a_title_before_a_name_of_a_state_is_that_states(extract) -> None:
    result = extract("BISHKEK (Reuters) - President Moussa Traore of Mali met President Thomas "
                     "Sankara of Burkina Faso. Presidents Sadyr Japarov of Kyrgyzstan and "
                     "Emomali Rahmon of Tajikistan signed the treaty.", "2025-03-14")
    assert _offices(result) == {("Moussa Traore", "President", "Mali"),
                                ("Thomas Sankara", "President", "Burkina Faso"),
                                ("Sadyr Japarov", "President", "Kyrgyzstan"),
                                ("Emomali Rahmon", "President", "Tajikistan")}


def test_the_taliban_act_for_afghanistan_only_from_august_2021(extract) -> None:
    before = extract("QUETTA (Dawn) - Afghan authorities said Pakistani troops fired on villages "
                     "near Chaman. Taliban fighters attacked an Afghan army post in Kandahar on "
                     "Friday, the Afghan defence ministry said.", "2017-05-06")
    # in 2017 the Taliban fought the Afghan state: their attack is no act of it on itself
    attack = next(e for e in before.events if e.agent is not None and e.agent.label == "Taliban")
    assert _state(attack.target) == "afghanistan"
    assert "Government of Afghanistan" in {f.claimant.label for f, *_ in before.claims}
    after = extract("The Taliban said Pakistani troops fired on villages near Spin Boldak.",
                    "2025-10-12")
    assert {_state(f.claimant) for f, *_ in after.claims} == {"afghanistan"}


def test_a_title_with_its_own_state_word_keeps_it_beside_another_of_state(extract) -> None:
    # "King X of A and B-an President Y", "Emperor X of A and B's President Y": the second
    # title's adjective or possessive is its state, not the first title's "of A"
    result = extract("BAMAKO (AFP) - King Hassan II of Morocco and Algerian President Ahmed Ben "
                     "Bella agreed to a ceasefire, brokered by Emperor Haile Selassie of "
                     "Ethiopia and Mali's President Modibo Keita.", "1963-10-31")
    offices = _offices(result)
    assert ("Ahmed Ben Bella", "President", "Algeria") in offices
    assert ("Modibo Keita", "President", "Mali") in offices
    assert not {o for o in offices if o[0] in {"Ahmed Ben Bella", "Modibo Keita"}
                and o[2] in {"Morocco", "Ethiopia"}}


def test_a_broadcaster_named_after_a_capital_or_state_speaks_for_that_state(extract) -> None:
    result = extract("BAGHDAD (Reuters) - Tehran Radio said Iraqi jets had bombed Abadan. "
                     "Radio Hanoi said Chinese troops had shelled Lang Son.", "1980-09-23")
    claimants = {f.claimant.label: _state(f.claimant) for f, *_ in result.claims}
    assert claimants == {"Tehran Radio": "iran", "Radio Hanoi": "vietnam"}
    assert all(f.claimant.is_a("Organization") for f, *_ in result.claims)


def test_a_statement_broadcast_by_a_radio_is_not_the_radios_own(extract) -> None:
    result = extract("NAIROBI (AP) - A government statement broadcast by Radio Ethiopia said "
                     "Somali troops had shelled Jijiga.", "1977-08-10")
    assert {f.claimant.label for f, *_ in result.claims} == {"Ethiopia"}


def test_an_apposition_after_a_bodys_own_name_gives_its_state(extract) -> None:
    result = extract("BAMAKO (AFP) - Algerie Presse Service, the Algerian news agency, said "
                     "Moroccan artillery had shelled Algerian positions.", "1963-10-31")
    ((frame, *_),) = result.claims
    assert frame.claimant.label.startswith("Algerie Presse Service")
    assert _state(frame.claimant) == "algeria"


def test_a_monarch_acts_for_the_state_of_his_title(extract) -> None:
    # a monarch's title is no office type: he acts for the state it is of
    result = extract("BAMAKO (AFP) - King Hassan II of Morocco met Jordan's King Abdullah and "
                     "Emperor Haile Selassie.", "1963-10-31")
    people = {e.label: _state(e) for e, _ in result.mentions if e.is_a("Person")}
    assert people == {"Hassan II": "morocco", "Abdullah": "jordan", "Haile Selassie": ""}
    assert not result.offices


@pytest.mark.parametrize("sentence", [
    "Kyrgyz and Tajik border guards exchanged mortar fire near the village of Kok-Tash.",
    "An exchange of artillery fire across the border went on for an hour.",
])
def test_an_exchange_of_heavy_fire_is_a_shelling_of_both_sides(extract, sentence: str) -> None:
    (event,) = extract(sentence, "2015-08-22").events
    assert event.cls == "Shelling" and event.agent is None and event.target is None


def test_a_title_after_whose_is_of_the_state_before(extract) -> None:
    result = extract("BISHKEK (AFP) - Uzbekistan, whose 78-year-old President Islam Karimov has "
                     "ruled since 1991, sent troops.", "2016-08-25")
    assert _offices(result) == {("Islam Karimov", "President", "Uzbekistan")}


@pytest.mark.parametrize("sentence", [
    "Talks between deputy prime ministers of the two countries began on Thursday.",
    "The former president of Kyrgyzstan, Almazbek Atambayev, spoke.",
    "Vice President Kamala Harris of the United States spoke.",
])
def test_a_deputy_or_former_holder_holds_no_office(extract, sentence: str) -> None:
    assert not extract(sentence, "2016-08-25").offices


def test_a_place_claimed_by_both_countries_is_no_report(extract) -> None:
    result = extract("Tajik border guards opened fire on a Kyrgyz patrol on a hillside claimed "
                     "by both countries.", "2018-10-16")
    assert not result.claims
    (event,) = result.events
    assert (event.cls, _state(event.agent), _state(event.target)) == \
        ("ArmedClash", "tajikistan", "kyrgyzstan")


def test_a_build_up_has_an_agent_and_no_target(extract) -> None:
    result = extract("Kyrgyzstan has moved tanks and troops to areas near the state border of "
                     "the two countries, close to Tajikistan's Vorukh.", "2023-01-11")
    (event,) = result.events
    assert (event.cls, _state(event.agent), event.target, event.participants) == \
        ("TroopBuildUp", "kyrgyzstan", None, [])


def test_as_stated_in_the_note_is_the_notes_author(extract) -> None:
    result = extract("The Tajik Foreign Ministry accused Kyrgyz troops of shelling Vorukh. As "
                     "stated in the note, the Kyrgyz side has moved tanks to the border.",
                     "2023-01-11")
    assert ("Ministry of Foreign Affairs of Tajikistan", "state", "event") in _claims(result)


@pytest.mark.parametrize(("sentence", "agent", "target"), [
    ("A Kyrgyz post came under fire from Tajik positions.", "tajikistan", "kyrgyzstan"),
    ("Shots were fired at his car from the Tajik side on Monday.", "tajikistan", None),
    ("A mortar shell fired from Myanmar killed a Rohingya youth.", "myanmar", None),
])
def test_where_the_fire_came_from_is_who_fired(extract, sentence: str, agent: str,
                                               target: str | None) -> None:
    (event,) = extract(sentence, "2021-01-19").events
    assert (_state(event.agent), _state(event.target)) == (agent, target)


def test_the_opening_article_is_no_part_of_a_bodys_name(extract) -> None:
    result = extract("KIEV (Reuters) - The United Nations Security Council was due to hold an "
                     "emergency meeting on Monday.", "2018-11-26")
    (event,) = result.events
    assert [p.label for p in event.participants] == ["United Nations Security Council"]


def test_border_bodies_named_for_themselves_are_their_states(extract) -> None:
    result = extract("SHILLONG (PTI) - BSF troops fired on Bangladesh Rifles positions, "
                     "Border Guard Bangladesh said.", "2001-04-19")
    states = {e.label: _state(e) for e, _ in result.mentions if not e.is_state}
    assert states["Border Security Force"] == "india"
    assert states["Bangladesh Rifles"] == "bangladesh"
    assert states["Border Guard Bangladesh"] == "bangladesh"


def test_blame_for_a_confrontation_claims_one_clash_per_side(extract) -> None:
    result = extract("MANILA (AFP) - China and the Philippines blamed each other for Monday's "
                     "confrontation near the shoal.", "2024-06-19")
    clashes = {(_state(e.agent), _state(e.target), _state(e.frame.claimant) if e.frame else None)
               for e in result.events if e.cls == "ArmedClash"}
    assert clashes == {("china", "philippines", "philippines"),
                       ("philippines", "china", "china")}


def test_a_statement_read_on_radio_still_closes_the_sentence(extract) -> None:
    result = extract("DAKAR (AFP) - Its guards were attacked by armed Senegalese villagers, the "
                     "Mauritanian interior ministry said in a statement read on state radio on "
                     "Tuesday night.", "1989-04-26")
    (event,) = result.events
    assert (_state(event.agent), _state(event.frame.claimant)) == ("senegal", "mauritania")


@pytest.mark.parametrize(("sentence", "events"), [
    ("Iraqi forces destroyed 15 Iranian aircraft on the ground.",
     [("ArmedClash", "iraq", "iran")]),
    ("The blast destroyed 20 houses in the village.", []),
])
def test_destroying_the_other_sides_hardware_is_fighting(extract, sentence: str,
                                                        events: list) -> None:
    assert [(e.cls, _state(e.agent), _state(e.target))
            for e in extract(sentence, "1980-09-23").events] == events


def test_an_attack_named_again_takes_only_the_sides_of_its_own_phrase(extract) -> None:
    result = extract("KHARTOUM (AFP) - Ethiopian forces attacked a Sudanese army patrol near "
                     "Fashaga on Tuesday. Prime Minister Abdalla Hamdok condemned the attack "
                     "and said Sudan would not give up its land. Erdogan said he would speak "
                     "with Russian President Vladimir Putin about the attack.", "2020-12-16")
    attacks = [e for e in result.events if e.cls == "ArmedClash"]
    assert [(_state(e.agent), _state(e.target)) for e in attacks] == [("ethiopia", "sudan")]


@pytest.mark.parametrize(("sentence", "classes"), [
    ("Thai troops crossed into Cambodian territory and opened fire on Cambodian soldiers.",
     ["ArmedClash"]),
    ("Thai troops crossed into Cambodian territory on Monday.", ["Occupation"]),
    ('"Kyrgyz troops opened fire on our post," a Tajik official told Interfax by phone.',
     ["ArmedClash"]),
    ("The two foreign ministers spoke by phone on Monday.", ["Talks"]),
    ("The dispute must be settled at the negotiating table, he said.", []),
    ("Japarov said at a meeting in Batken on Monday that the state would pay.", []),
])
def test_what_is_part_of_an_act_or_of_a_report_is_no_event(extract, sentence: str,
                                                            classes: list) -> None:
    assert [e.cls for e in extract(sentence, "2008-10-16").events] == classes


@pytest.mark.parametrize("sentence", [
    '"Our soldiers only fired back to defend themselves," he told reporters.',
    "Chinese naval vessels were forced to fight back in self-defense.",
    "Several shots were fired at the car from the Tajik side.",
])
def test_firing_back_and_passive_firing_are_clashes(extract, sentence: str) -> None:
    assert [e.cls for e in extract(sentence, "2008-10-16").events] == ["ArmedClash"]


def test_according_to_a_capital_is_its_state(extract) -> None:
    result = extract("DUSHANBE (Reuters) - Two Kyrgyz border guards were wounded, according "
                     "to Bishkek.", "2022-09-14")
    assert _claims(result) == {("Kyrgyzstan", "according to", "figure")}



def test_a_call_to_fight_is_no_appeal(extract) -> None:
    result = extract("The group's leader called on Somalis to join a holy war against Ethiopia.",
                     "2006-12-25")
    assert not [e for e in result.events if e.cls == "Appeal"]


def test_a_phrase_opening_the_sentence_before_it_said_is_no_claim(extract) -> None:
    result = extract("MAE SAI, Thailand (AP) - Myanmar's junta gave a very different account. "
                     "In a statement on state radio, it said Thai shells had killed three "
                     "civilians in Tachileik.", "2001-02-11")
    assert ("Government of Myanmar", "say", "event") in _claims(result) or \
        ("Government of Myanmar", "say", "figure") in _claims(result)


def test_a_past_war_dated_by_its_years_later_in_the_clause(extract) -> None:
    result = extract("BAKU (Reuters) - Armenia and Azerbaijan fought a war over the region from "
                     "1991 to 1994, in which about 30,000 people were killed.", "2020-09-27")
    (war,) = [e for e in result.events if e.cls == "Conflict"]
    assert war.time is not None and war.time.start.year == 1991


@pytest.mark.parametrize(("sentence", "agent", "target"), [
    ("Algerian troops had repelled a Moroccan armoured column.", "algeria", "morocco"),
    ("Ecuador accused Peru of aggression against its outposts.", "peru", "ecuador"),
])
def test_repelling_and_aggression_are_attacks(extract, sentence: str, agent: str,
                                              target: str) -> None:
    clashes = [e for e in extract(sentence, "1981-02-02").events if e.cls == "ArmedClash"]
    assert [(_state(e.agent), _state(e.target)) for e in clashes] == [(agent, target)]


def test_aggression_that_might_come_is_no_attack(extract) -> None:
    result = extract("Pakistan would respond to any aggression, the minister said.",
                     "2017-05-06")
    assert not [e for e in result.events if e.cls == "ArmedClash"]


def test_clashes_that_name_their_other_side_need_no_date(extract) -> None:
    result = extract("DJIBOUTI (Reuters) - Nine Djiboutian soldiers were killed in clashes with "
                     "Eritrean troops, the defence ministry said on Thursday.", "2008-06-12")
    (clash,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert sorted(_state(p) for p in clash.participants) == ["djibouti", "eritrea"]


@pytest.mark.parametrize(("sentence", "cls"), [
    ("The Tajik side accused Kyrgyzstan of striking residential areas with drones.",
     "ArmedClash"),
    ("Morocco and Algeria fought on Wednesday. Each government accuses the other of firing "
     "the first shots.", "ArmedClash"),
    ("Somalia accused Ethiopia of invading its territory.", "Occupation"),
])
def test_what_a_side_is_accused_of_doing_is_the_claimed_event(extract, sentence: str,
                                                             cls: str) -> None:
    result = extract(sentence, "2022-09-17")
    assert cls in {kind_cls for _, kind, obj, _ in result.claims if kind == "event"
                   for kind_cls in [obj.cls]}


def test_an_act_told_again_without_its_agent_is_the_act_told_before(extract) -> None:
    result = extract("BISHKEK (Reuters) - Tajik forces shelled Kyrgyz villages on Friday. A "
                     "teacher was killed when a rocket struck a school.",
                     "2022-09-16")
    shellings = [e for e in result.events if e.cls == "Shelling"]
    assert len(shellings) == 1 and _state(shellings[0].agent) == "tajikistan"
    assert shellings[0].also


def test_an_inquiry_demanded_is_no_appeal(extract) -> None:
    result = extract("The Border Service sent a note of protest to the Tajik side and demanded "
                     "an investigation.", "2014-08-13")
    assert not [e for e in result.events if e.cls == "Appeal"]


def test_an_honorific_and_one_name_is_the_person_named_before(extract) -> None:
    result = extract("ADDIS ABABA (AFP) - Ethiopian Prime Minister Meles Zenawi said his country "
                     "had been forced into the conflict. Mr Meles said Ethiopian jets had "
                     "bombed the airport.", "2006-12-25")
    assert {f.claimant.label for f, *_ in result.claims} == {"Meles Zenawi"}


def test_a_role_after_a_body_named_for_itself_gives_the_bodys_state(extract) -> None:
    result = extract("SHILLONG (PTI) - BSF Director General Gurbachan Jagat told reporters that "
                     "BDR troops had fired on the post.", "2001-04-19")
    ((frame, *_),) = result.claims
    assert frame.claimant.label == "Gurbachan Jagat" and _state(frame.claimant) == "india"


def test_a_conflict_dated_long_before_the_report_is_a_past_war(extract) -> None:
    result = extract("Tajik troops shelled the Kyrgyz village of Dostuk on Friday, the Kyrgyz "
                     "border service said. More than 50 people were killed in a similar "
                     "conflict on the border in April last year.", "2022-09-17")
    (war,) = [e for e in result.events if e.cls == "Conflict"]
    assert (war.rule, war.time.start.isoformat(), war.sentence) == (
        "event.past-war", "2021-04-01", 1)
    assert 1 not in result.conflict.sentences  # not the conflict the report is about


def test_a_conflict_named_without_a_past_date_is_the_reports_own(extract) -> None:
    result = extract("Twenty-four people have been killed in the armed conflict on the "
                     "border with Tajikistan, the Kyrgyz health ministry said on Saturday.",
                     "2022-09-17")
    assert result.conflict.sentences == {0}
    assert not [e for e in result.events if e.cls == "Conflict"]


def test_a_past_war_between_two_other_states_keeps_its_own_sides(extract) -> None:
    result = extract("Djibouti accused Eritrea of attacking its troops at Ras Doumeira on "
                     "Tuesday. Eritrea fought a border war with Ethiopia from 1998 to 2000 "
                     "that killed some 80,000 people.", "2008-06-12")
    (war,) = [e for e in result.events if e.cls == "Conflict"]
    assert sorted(p.label for p in war.participants) == ["Eritrea", "Ethiopia"]


def test_a_past_war_told_by_its_toll_is_an_event(extract) -> None:
    result = extract("Armenia and Azerbaijan traded fire on Wednesday. Armenian-backed "
                     "forces took Nagorno-Karabakh from Azerbaijan in a war that claimed "
                     "some 30,000 lives.", "2014-11-13")
    (war,) = [e for e in result.events if e.cls == "Conflict"]
    assert sorted(p.label for p in war.participants) == ["Armenia", "Azerbaijan"]


def test_a_trailing_according_to_ends_where_the_next_clause_starts(extract) -> None:
    result = extract("In September 2022, the fighting on the border killed 63 Kyrgyz "
                     "citizens, according to official data, and more than 140,000 people "
                     "were evacuated from the Kyrgyz side.", "2023-11-22")
    assert result.claims == []


def test_a_headline_states_in_its_own_voice_what_the_body_attributes(extract) -> None:
    text = ("Thai artillery pounds Myanmar positions\n\nMAE SAI, Thailand (AP) - Thai "
            "artillery pounded Myanmar army positions across the border on Sunday, Thai "
            "officials said.\n")
    result = extract(text, "2001-02-11", title="Thai artillery pounds Myanmar positions")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert not shelling.claimed  # reported, as the headline says it
    assert ("Government of Thailand", "say", "event") in _claims(result)  # the claim stays


def test_a_headline_fight_between_two_sides_is_the_bodys_fight(extract) -> None:
    title = "Three Armenian soldiers killed in border shootout with Azerbaijan"
    text = (title + "\n\nYerevan (AFP) - Three Armenian soldiers were killed on Wednesday in a "
            "shootout with Azerbaijani forces on the border, Armenia's defence ministry "
            "said.\n")
    result = extract(text, "2021-07-28", title=title)
    (clash,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert not clash.claimed  # reported, as the headline says it
    assert ("Ministry of Defence of Armenia", "say", "event") in _claims(result)


def test_a_headline_that_attributes_keeps_the_bodys_claim(extract) -> None:
    text = ("Kyrgyzstan says Tajik troops shelled border villages\n\nBISHKEK (Reuters) - "
            "Tajik troops shelled Kyrgyz border villages on Friday, the Kyrgyz border "
            "service said.\n")
    result = extract(text, "2022-09-16",
                     title="Kyrgyzstan says Tajik troops shelled border villages")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert shelling.claimed


def test_a_definite_noun_names_the_body_named_before_it_spoke(extract) -> None:
    result = extract("A serviceman of the Border Service of Kyrgyzstan was wounded near "
                     "Kyzyl-Bel late on Monday. According to the service, a Kyrgyz border "
                     "detail came under small arms fire from Tajik positions.", "2023-08-15")
    assert ("Border Guard Service of Kyrgyzstan", "according to", "event") in _claims(result)
    (fire,) = [e for e in result.events if e.sentence == 1]
    assert (fire.cls, _state(fire.agent), _state(fire.target)) == (
        "ArmedClash", "tajikistan", "kyrgyzstan")


def test_its_before_a_noun_is_no_body_named_before(extract) -> None:
    result = extract("Djibouti's defence ministry said Eritrean troops opened fire on its "
                     "positions. Eritrea rejected the account. Its information ministry said "
                     "Djiboutian forces had attacked Eritrean troops.", "2008-06-12")
    assert ("Djibouti's defence ministry", "say", "event") not in {
        (f.claimant.label, f.verb, k) for f, k, _, n in result.claims if n == 2}


def test_a_cleft_names_the_agent(extract) -> None:
    result = extract("The Border Troops of Tajikistan gave a different account. It was the "
                     "Kyrgyz side that opened fire on a Tajik patrol, the agency said.",
                     "2023-08-15")
    (fire,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert (_state(fire.agent), _state(fire.target)) == ("kyrgyzstan", "tajikistan")


def test_each_sides_account_of_the_same_act_stays_its_own(extract) -> None:
    result = extract("Kyrgyz border guards returned fire on Tajik positions, the Kyrgyz "
                     "border service said. It was the Kyrgyz side that opened fire on a "
                     "Tajik patrol, the Tajik border troops said.", "2023-08-15")
    fires = [e for e in result.events if e.cls == "ArmedClash"]
    assert len(fires) == 2  # one claimed by each side, not folded into one


def test_a_person_seized_or_crossing_is_no_occupation(extract) -> None:
    result = extract("Kyrgyzstan's border service said a villager from Ak-Sai was missing. "
                     "It said he was seized by a Tajik border patrol on June 8. Tajik "
                     "officials said he had crossed into Tajik territory illegally.",
                     "2015-06-10")
    assert not [e for e in result.events if e.cls == "Occupation"]


def test_fighting_that_entered_a_third_day_entered_no_ground(extract) -> None:
    result = extract("Fighting between Armenian and Azerbaijani forces on their northern "
                     "border entered a third day on Tuesday.", "2020-07-14")
    assert not [e for e in result.events if e.cls == "Occupation"]


def test_an_attack_with_heavy_weapons_only_is_shelling(extract) -> None:
    result = extract("Syrian troops pounded the Lebanese border village of Qasr with "
                     "artillery and rockets on Monday.", "2025-03-17")
    assert [e.cls for e in result.events] == ["Shelling"]
    mixed = extract("Tajik border guards opened fire with automatic weapons and mortars on "
                    "Kyrgyz positions on Thursday.", "2022-01-28")
    assert [e.cls for e in mixed.events] == ["ArmedClash"]


def test_our_in_a_quotation_is_the_speakers_side(extract) -> None:
    result = extract("\"Our air defences shot down an Azerbaijani drone,\" said Shushan "
                     "Stepanyan, a spokeswoman for the Armenian defence ministry.",
                     "2020-07-14")
    (downing,) = result.events
    assert downing.agent is not None and downing.agent.label == "Shushan Stepanyan"


def test_two_like_bodies_blaming_each_other_are_one_per_side(extract) -> None:
    result = extract("Armenia and Azerbaijan reported fighting on their border. The two "
                     "defence ministries blamed each other for starting the fighting.",
                     "2020-07-14")
    accusations = {(_state(e.agent), _state(e.target)) for e in result.events
                   if e.cls == "Accusation"}
    assert accusations == {("armenia", "azerbaijan"), ("azerbaijan", "armenia")}


def test_an_accused_act_is_done_to_one_of_the_two_not_to_a_dating_clause(extract) -> None:
    result = extract("Thailand and Cambodia accused each other on Tuesday of violating a "
                     "ceasefire that took effect at midnight, hours after their leaders "
                     "agreed in Malaysia to halt five days of fighting.", "2025-07-29")
    violations = {(_state(e.agent), _state(e.target)) for e in result.events
                  if e.cls == "CeasefireViolation"}
    assert violations == {("cambodia", "thailand"), ("thailand", "cambodia")}
    assert not [e for e in result.events if e.cls == "ArmedClash" and e.claimed]


def test_a_sentence_that_only_names_the_reporter_claims_the_one_before(extract) -> None:
    result = extract("A serviceman of the Border Service of Kyrgyzstan was wounded in a "
                     "shootout near Kyzyl-Bel late on Monday. The press center of the "
                     "service reported.", "2023-08-15")
    assert ("Border Guard Service of Kyrgyzstan", "report", "event") in _claims(result)
    (shootout,) = result.events
    assert shootout.claimed
    passive = extract("Tajik troops shelled the village of Dostuk on Friday. This was "
                      "reported by the Border Service of Kyrgyzstan.", "2022-09-16")
    assert ("Border Guard Service of Kyrgyzstan", "report", "event") in _claims(passive)


def test_a_person_shot_by_a_side_is_that_sides_fire(extract) -> None:
    result = extract("In April, a Kyrgyz shepherd was shot and wounded by Tajik border "
                     "guards near Ak-Sai.", "2015-06-10")
    (fire,) = result.events
    assert (fire.cls, _state(fire.agent)) == ("ArmedClash", "tajikistan")


def test_pushing_them_back_is_fighting(extract) -> None:
    result = extract("Azerbaijani troops tried to seize an Armenian post near Tavush on "
                     "Sunday, but Armenian forces pushed them back, the ministry said.",
                     "2020-07-14")
    assert any(e.cls == "ArmedClash" and _state(e.agent) == "armenia" for e in result.events)


def test_a_demand_in_an_opening_when_clause_urges_nothing_after_its_comma(extract) -> None:
    result = extract("According to the Border Service of Kyrgyzstan, Tajik border guards "
                     "took up positions near Bulakbashy. When Kyrgyz border guards demanded "
                     "that they leave, the Tajik side opened fire, the service said.",
                     "2022-09-14")
    assert any(e.cls == "ArmedClash" and e.sentence == 1 and _state(e.agent) == "tajikistan"
               for e in result.events)


def test_the_body_named_again_by_its_words_not_the_last_of_its_kind(extract) -> None:
    result = extract("A Kyrgyz border guard was wounded near Bulakbashy on Wednesday, the "
                     "Border Service of Kyrgyzstan reported. The Border Troops of Tajikistan "
                     "accused Kyrgyz border guards of opening fire first. In the evening the "
                     "two sides agreed on a ceasefire, the Border Service said.", "2022-09-14")
    speakers = {f.claimant.label for f, _, _, n in result.claims if n == 2}
    assert speakers == {"Border Guard Service of Kyrgyzstan"}


def test_a_participle_after_a_report_and_its_adjunct_is_the_speakers_act(extract) -> None:
    result = extract("\"We are deeply concerned,\" the U.S. State Department said in a "
                     "statement, calling on Thailand and Cambodia to end the hostilities.",
                     "2025-12-08")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent is not None and _state(appeal.agent) == "united-states"


def test_the_officers_said_names_the_officers_who_spoke_before(extract) -> None:
    result = extract("The confrontation began early Tuesday, according to two Indian army "
                     "officers. Six Indian soldiers suffered minor injuries in the clash, the "
                     "officers said.", "2017-08-16")
    assert [n for f, kind, _, n in result.claims if kind == "figure"] == [1]


def test_he_opening_a_sentence_is_the_person_who_spoke_before(extract) -> None:
    result = extract("Cambodia does not want war, Prime Minister Hun Manet said. He called on "
                     "Thailand to settle the dispute through talks.", "2025-05-28")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent is not None and appeal.agent.label == "Hun Manet"


def test_borders_that_meet_are_no_meeting(extract) -> None:
    result = extract("A Cambodian soldier was killed at Chong Bok, a disputed area where the "
                     "borders of Thailand, Cambodia and Laos meet.", "2025-05-28")
    assert not [e for e in result.events if e.cls == "Meeting"]


def test_soldiers_counted_and_captured_are_people_not_ground(extract) -> None:
    result = extract("Armenia said one of its soldiers had been killed and 13 captured in "
                     "heavy fighting with Azerbaijani forces.", "2021-11-16")
    assert not [e for e in result.events if e.cls == "Occupation"]


def test_a_conflict_not_wanted_is_not_the_reports_conflict(extract) -> None:
    result = extract("Cambodia does not want an armed conflict with any neighbour, Prime "
                     "Minister Hun Manet said.", "2025-05-28")
    assert not result.conflict.sentences


def test_a_statement_posted_at_a_clock_time_still_closes_the_quotation(extract) -> None:
    result = extract("A Kyrgyz border guard was wounded near Bulakbashy, the Border Service "
                     "of Kyrgyzstan reported. \"The Tajik side is using mortars against our "
                     "positions,\" the Border Service said in a statement posted at 1 p.m.",
                     "2022-09-14")
    (shelling,) = [e for e in result.events if e.sentence == 1]
    assert (shelling.cls, shelling.claimed) == ("Shelling", True)  # mortars alone: shelling


def test_where_the_shots_came_from_is_who_fired(extract) -> None:
    result = extract("Kyrgyz border guards were wounded. The first shots came from the Tajik "
                     "side, the Kyrgyz border service said.", "2022-09-14")
    (fire,) = [e for e in result.events if e.sentence == 1]
    assert (_state(fire.agent), fire.claimed) == ("tajikistan", True)


def test_negotiators_meeting_hold_talks(extract) -> None:
    result = extract("The working groups of Kyrgyzstan and Tajikistan last met in the Kyrgyz "
                     "town of Batken last week.", "2021-03-26")
    assert [e.cls for e in result.events] == ["Talks"]


def test_what_a_meeting_discussed_is_no_talks_of_its_own(extract) -> None:
    result = extract("Prime Minister of Kyrgyzstan Mukhammedkalyi Abylgaziev and his Tajik "
                     "counterpart Kokhir Rasulzoda met in Batken on Thursday and discussed the "
                     "use of water and roads.", "2019-07-26")
    assert [e.cls for e in result.events] == ["Meeting"]


def test_settled_through_negotiations_is_no_talks(extract) -> None:
    result = extract("\"We are convinced that the border issue will be settled by peaceful "
                     "means, through negotiations,\" the Russian foreign ministry spokeswoman "
                     "said on Friday.", "2024-07-26")
    assert not [e for e in result.events if e.cls == "Talks"]


def test_a_shot_with_no_shooter_is_part_of_the_exchange_the_clause_names(extract) -> None:
    result = extract("A resident of the Tajik village of Chorkuh was shot dead on Wednesday "
                     "evening when a quarrel near Kok-Tash grew into an exchange of fire.",
                     "2019-03-14")
    assert [e.rule for e in result.events] == ["event.exchange-of-fire"]
    named = extract("A Kyrgyz border guard was shot dead by Tajik troops on Wednesday, and "
                    "an exchange of fire followed.", "2019-03-14")
    assert "event.small-arms-fire" in [e.rule for e in named.events]


@pytest.mark.parametrize(("sentence", "evacuation"), [
    pytest.param("Indian authorities moved residents of a dozen border villages to relief "
                 "camps on Thursday.", True, id="moved-residents"),
    pytest.param("Thai police moved about 1,000 students from schools near the border.", True,
                 id="moved-students"),
    pytest.param("Thousands of villagers were moved out of Jermuk overnight.", True,
                 id="passive-moved-out"),
    pytest.param("India moved troops and tanks to the border on Thursday.", False,
                 id="moved-troops"),
])
def test_people_moved_out_of_harms_way_are_evacuated(extract, sentence, evacuation) -> None:
    result = extract(sentence, "2001-04-19")
    assert ("Evacuation" in [e.cls for e in result.events]) is evacuation


def test_its_spokeswoman_speaks_for_the_body_that_reported_last(extract) -> None:
    result = extract("Armenia's Defence Ministry said Azerbaijani forces shelled Stepanakert "
                     "overnight. Its spokeswoman, Shushan Stepanyan, wrote on Facebook that "
                     "Azerbaijani forces had launched an offensive in the south.", "2020-10-11")
    assert ("Shushan Stepanyan", "actsFor", "Armenia") in {
        (r.subject.label, r.predicate, r.obj.label) for r, _, _ in result.relations}
    assert {e.frame.claimant.state for e in result.events if e.frame} == {
        "https://example.org/kg/id/state/armenia"}


def test_quotation_first_then_quoted_as_saying_by_an_agency(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought on the border. \"The Tajik side continues "
                     "to shell our positions,\" Kamchybek Tashiev was quoted as saying by Kyrgyz "
                     "news agency 24.kg.", "2022-09-16")
    assert ("Kamchybek Tashiev", "say", "event") in _claims(result)
    assert [(e.cls, e.claimed) for e in result.events if e.cls == "Shelling"] == [
        ("Shelling", True)]


@pytest.mark.parametrize("sentence", [
    pytest.param("Kyrgyzstan and Tajikistan have yet to demarcate their 970-km (600-mile) "
                 "border.", id="their-with-brackets"),
    pytest.param("India and China have clashed along the two countries' 3,488-km border.",
                 id="the-two-countries-possessive"),
])
def test_a_pairs_border_with_its_length(extract, sentence) -> None:
    result = extract(sentence, "2022-12-13")
    assert [r.predicate for r, _, _ in result.relations if r.predicate == "borders"] == [
        "borders"]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Kyrgyzstan and Tajikistan fought on the border. Russia, which has military "
                 "bases in both countries, called on them to stop fighting.",
                 {("Kyrgyzstan", "Russia"), ("Tajikistan", "Russia")}, id="in-both-countries"),
    pytest.param("France, which has its largest military base in Africa in Djibouti, backed "
                 "Djibouti.", {("Djibouti", "France")}, id="largest-base-in-africa-in"),
])
def test_a_state_that_has_bases_in_others_is_hosted_by_them(extract, text, expected) -> None:
    result = extract(text, "2022-09-16")
    assert {(r.subject.label, r.obj.label) for r, _, _ in result.relations
            if r.predicate == "hostsBaseOf"} == expected


def test_the_place_of_an_opening_adjunct_is_not_the_reporter(extract) -> None:
    result = extract("In Quito, Ecuador's Joint Command of the Armed Forces said Peruvian planes "
                     "had bombed Ecuadorean positions.", "1995-02-09")
    assert {f.claimant.label for f, *_ in result.claims} == {"Joint Command of Ecuador"}


@pytest.mark.parametrize(("sentence", "cls"), [
    pytest.param("Armenia said Azerbaijan had opened an artillery barrage on Armenian villages.",
                 "Shelling", id="artillery-barrage"),
    pytest.param("Armenia said Azerbaijani drones had struck an Armenian military post.",
                 "ArmedClash", id="drones-struck"),
    pytest.param("India said the Pakistani jets had targeted military installations on the "
                 "Indian side.", "ArmedClash", id="targeted-military-sites"),
])
def test_more_words_for_an_attack(extract, sentence, cls) -> None:
    assert cls in [e.cls for e in extract(sentence, "2022-09-14").events]


def test_targeted_sanctions_are_no_attack(extract) -> None:
    result = extract("The European Union targeted Russian banks with new sanctions.", "2022-09-14")
    assert [e.cls for e in result.events if e.cls == "ArmedClash"] == []


def test_a_side_that_shot_back_fought(extract) -> None:
    result = extract("Cambodia and Thailand clashed. The Royal Thai Army said Cambodian troops "
                     "opened fire first and that Thai soldiers shot back in self-defence.",
                     "2025-05-29")
    assert sorted(e.agent.label for e in result.events if e.cls == "ArmedClash"
                  and e.agent is not None) == ["Cambodian forces", "Thai forces"]


def test_a_second_that_clause_after_a_relative_clause_is_still_reported(extract) -> None:
    result = extract("Tajikistan and Kyrgyzstan clashed. Tajikistan's foreign ministry said that "
                     "the Kyrgyz side had tried to take the water intake, which is part of "
                     "Tajikistan's territory, and that Kyrgyz military units then opened fire "
                     "on Tajik villages.", "2021-04-30")
    (clash,) = [e for e in result.events if e.sentence == 1 and e.cls == "ArmedClash"]
    assert clash.claimed and clash.frame is not None
    assert clash.frame.claimant.label == "Ministry of Foreign Affairs of Tajikistan"


def test_the_speaker_of_a_quotation_is_he_not_the_side_he_quotes(extract) -> None:
    result = extract("India said it lost a jet. \"We have lost one MiG 21. Pakistan has claimed "
                     "that the pilot is in their custody,\" External Affairs Ministry "
                     "spokesperson Raveesh Kumar told reporters in New Delhi. He said a "
                     "Pakistani F-16 had been shot down by the IAF.", "2019-02-27")
    final = max(n for *_, n in result.claims)  # "He said a Pakistani F-16 ..."
    assert {f.claimant.label for f, _, _, n in result.claims if n == final} == {
        "Raveesh Kumar"}


def test_a_conflict_that_broke_out_this_morning_is_an_incident(extract) -> None:
    result = extract("A conflict broke out this morning on the Kyrgyz-Tajik border near the "
                     "village of Kok-Tash, the Border Service reported.", "2021-04-28")
    assert [e.cls for e in result.events] == ["ArmedClash"]
    # a conflict that broke out years before is the conflict, no clash of the day
    result = extract("A conflict broke out over the border in 1991, the Border Service said.",
                     "2021-04-28")
    assert "ArmedClash" not in [e.cls for e in result.events]


def test_a_bare_ministry_before_a_spokesman_is_the_ministry_that_spoke_last(extract) -> None:
    # the dateline's state is the fallback only: "Ethiopia's foreign ministry accused ...
    # ministry spokesman X told reporters" gives X the ministry's state, not Sudan's
    result = extract("KHARTOUM, Dec 31 - Ethiopia's foreign ministry on Thursday accused "
                     "Sudanese troops of attacking Ethiopian farmers. \"The Sudanese army has "
                     "seized our farms,\" ministry spokesman Dina Mufti told reporters.",
                     "2020-12-31")
    (mufti,) = {f.claimant for f, *_ in result.claims if f.claimant.label == "Dina Mufti"}
    assert _state(mufti) == "ethiopia"


def test_an_accusation_naming_the_attacker_stays_apart_from_the_attack_told(extract) -> None:
    # the article tells the ambush without its attacker; Khartoum's blame names one: the
    # blamed attack is Sudan's claim, not a fact added to the article's own event
    result = extract("KHARTOUM, Dec 31 - Four Sudanese soldiers were killed in an ambush near "
                     "the border on December 15. Khartoum blamed the attack on Ethiopian "
                     "forces.", "2020-12-31")
    clashes = [(_state(e.agent), e.claimed) for e in result.events if e.cls == "ArmedClash"]
    assert sorted(clashes, key=str) == sorted([(None, False), ("ethiopia", True)], key=str)


def test_the_before_the_noun_before_a_verb_names_no_act_told_before(extract) -> None:
    # "gunmen from across the border attacked farms": "the" belongs to "border"; the act
    # is a new one, not "the attack" blamed on Ethiopian forces a sentence before
    result = extract("KHARTOUM, Dec 31 - Four Sudanese soldiers were killed in an ambush on "
                     "December 15. Khartoum blamed the attack on Ethiopian forces. On Tuesday, "
                     "a Sudanese farmer was killed when gunmen from across the border attacked "
                     "farms near Barakat Noreen, officials in al-Qadarif said.", "2020-12-31")
    clashes = [e for e in result.events if e.cls == "ArmedClash"]
    assert len(clashes) == 3
    assert any(e.time is not None and e.time.text == "Tuesday" and e.agent is None
               and e.claimed for e in clashes)


def test_a_colon_dateline_gives_the_state_a_report_was_filed_from(extract) -> None:
    # South Asian papers open with "QUETTA: ..."; the place stays in the sentence, and
    # still tells whose army "the army" is
    result = extract("QUETTA: Afghan forces fired on a census team near Chaman on Friday, "
                     "killing nine Pakistani civilians, the army said.", "2017-05-06")
    assert ("Pakistan", "say", "event") in _claims(result)


def test_a_nominal_act_in_quotation_marks_takes_its_by_agent(extract) -> None:
    # the closing quote between the noun and "by" does not hide the agent; "Foreign Office
    # spokesman X" speaks for the state of the dateline
    result = extract("MUZAFFARABAD: Two Pakistani civilians were killed on Monday. Foreign "
                     "Office spokesman Nafees Zakaria condemned the \"unprovoked ceasefire "
                     "violations\" by Indian forces.", "2016-10-25")
    (violation,) = [e for e in result.events if e.cls == "CeasefireViolation"]
    assert (_state(violation.agent), _state(violation.target)) == ("india", "pakistan")


def test_a_place_before_a_body_word_gives_the_state_of_its_official(extract) -> None:
    # "Kandahar police chief X" serves the state Kandahar lies in, not the dateline's
    result = extract("QUETTA: Pakistani troops came under fire. Afghanistan rejected the "
                     "account, said Kandahar police chief General Abdul Raziq.", "2017-05-07")
    people = {e.label: e for e, _ in result.mentions if e.is_a("Person")}
    assert _state(people["Abdul Raziq"]) == "afghanistan"


@pytest.mark.parametrize("sentence, cls", [
    ("Two Sudanese bombers dropped eight bombs on a market in Bentiu on Monday.", "ArmedClash"),
    ("Kyrgyz border guards fired several shots at a car carrying Tajik villagers on "
     "Monday.", "ArmedClash"),
    ("Tajik troops had brought tanks, armoured personnel carriers and mortars up to the "
     "Kyrgyz border on Monday.", "TroopBuildUp"),
    ("About 1,500 Tajik villagers had been relocated from the Isfara district on Monday.",
     "Evacuation"),
])
def test_bombs_dropped_shots_fired_forces_brought_up_people_relocated(extract, sentence,
                                                                       cls) -> None:
    assert cls in {e.cls for e in extract(sentence, "2022-01-28").events}


def test_brought_without_troops_or_arms_is_no_build_up(extract) -> None:
    result = extract("Tajik officials brought the wounded to a hospital in Isfara on Monday.",
                     "2022-01-28")
    assert "TroopBuildUp" not in {e.cls for e in result.events}


def test_a_spokesman_in_apposition_accuses_and_is_the_next_he(extract) -> None:
    # "Lt Gen X, a spokesman for Cambodia's Defence Ministry, blamed Thailand": he is the
    # accuser (for Cambodia), so the "He said" after him is his, not the governor's before
    result = extract("BANGKOK - Si Sa Ket governor Somsak Suwansujarit said about 15,000 "
                     "residents had been moved to temporary shelters. In Phnom Penh, Lt Gen "
                     "Chhum Socheat, a spokesman for Cambodia's Defence Ministry, blamed "
                     "Thailand for starting the clashes. He said the shelling of the temple by "
                     "Thai troops had destroyed part of its wall.", "2011-02-06")
    assert {("Chhum Socheat", "blame", "event"), ("Chhum Socheat", "say", "event")} <= \
        _claims(result)
    (socheat,) = {f.claimant for f, *_ in result.claims if f.claimant.label == "Chhum Socheat"}
    assert _state(socheat) == "cambodia"


@pytest.mark.parametrize("sentence, agreed", [
    ("Armenia and Azerbaijan agreed on Tuesday to stop fighting after talks in Moscow.", True),
    ("Thailand and Cambodia agreed in Malaysia to halt all military action.", True),
    ("Russia urged Armenia and Azerbaijan to stop fighting.", False),
])
def test_agreeing_to_stop_fighting_with_words_between_is_a_ceasefire(extract, sentence,
                                                                     agreed) -> None:
    found = "CeasefireAgreement" in {e.cls for e in extract(sentence, "2016-04-05").events}
    assert found is agreed


def test_a_coordinated_said_keeps_its_subject_past_an_apposition(extract) -> None:
    # "..., and said six civilians, including two children, were killed": the commas of the
    # apposition do not make "and said" a reporter at the end of a claim
    result = extract("Baku has put its own military losses at 16 dead, and said six civilians, "
                     "including two children, were killed on Saturday in Armenian shelling of "
                     "villages in Azerbaijan's Aghdam region.", "2016-04-05")
    assert {("Azerbaijan", "say", "event"), ("Azerbaijan", "say", "figure")} <= _claims(result)


def test_they_after_an_opening_phrase_accuses_for_the_body_named_before(extract) -> None:
    result = extract("Tajikistan's Border Troops said two Tajik civilians were wounded. In a "
                     "statement issued on the evening of September 17, they accused Kyrgyz "
                     "border guards of firing at unarmed residents of Vorukh.", "2019-09-18")
    assert ("Border Troops of Tajikistan", "accuse", "event") in _claims(result)


def test_a_relative_clause_inside_the_subject_does_not_end_the_claim(extract) -> None:
    # "X and Y, who are both attending the summit, met on Friday, the service said": the
    # meeting is the service's claim; a relative clause at the end would be the article's
    result = extract("Japarov and Rahmon, who are both attending the summit, met on Friday, "
                     "the Kyrgyz border service said.", "2022-09-16")
    (meeting,) = [e for e in result.events if e.cls == "Meeting"]
    assert meeting.claimed


def test_the_press_center_said_is_the_body_named_before(extract) -> None:
    result = extract("The Tajik border troops said Kyrgyz guards fired on shepherds. Two Tajik "
                     "shepherds were wounded, the press center said.", "2018-06-27")
    assert ("Border Troops of Tajikistan", "say", "figure") in _claims(result)


@pytest.mark.parametrize("sentence", [
    "A first ceasefire, agreed by the two foreign ministers on Thursday evening, collapsed "
    "within hours.",
    "A verbal ceasefire reached by regional commanders on Friday night held for less than a "
    "day.",
])
def test_a_truce_that_failed_after_the_phrase_that_tells_how_it_was_made(extract,
                                                                         sentence) -> None:
    (truce,) = [e for e in extract(sentence, "2011-04-25").events
                if e.cls == "CeasefireAgreement"]
    assert truce.status == "Failed"


@pytest.mark.parametrize("sentence, cls", [
    ("Costa Rica sent about 70 more police officers to its northern border on Tuesday.",
     "TroopBuildUp"),
    ("Costa Rica accuses Nicaragua of sending about 50 soldiers onto Isla Calero.",
     "Occupation"),
    ("China said Indian troops had trespassed into Chinese territory.", "Occupation"),
    ("Costa Rica said some 50 Nicaraguan troops had set up camp on Isla Calero.", "Occupation"),
])
def test_forces_sent_to_the_border_or_onto_ground(extract, sentence, cls) -> None:
    found = {e.cls for e in extract(sentence, "2010-11-03").events}
    assert cls in found and ({"TroopBuildUp", "Occupation"} - {cls}).isdisjoint(found)


def test_a_note_sent_is_no_build_up(extract) -> None:
    assert not extract("Tajikistan sent a protest note to Bishkek on Monday.",
                       "2010-11-03").events


def test_an_unnamed_army_spokesman_speaks_for_the_datelines_army(extract) -> None:
    result = extract("NEW DELHI - An army spokesman said Pakistani troops had fired first on "
                     "Indian posts and that Indian soldiers had only retaliated.", "2016-09-29")
    assert ("Indian forces", "say", "event") in _claims(result)


@pytest.mark.parametrize("sentence", [
    "Pakistani troops responded in kind on Monday.",
    "Pakistani troops responded effectively and silenced the Indian posts on Monday.",
])
def test_a_side_that_responded_in_kind_fought(extract, sentence) -> None:
    (clash,) = [e for e in extract(sentence, "2016-09-29").events if e.cls == "ArmedClash"]
    assert _state(clash.agent) == "pakistan"


@pytest.mark.parametrize("sentence, appealers", [
    ("The four guarantors of the protocol, Argentina, Brazil, Chile and the United States, "
     "urged both countries to halt the fighting.",
     {"argentina", "brazil", "chile", "united-states"}),
    ("Argentina, Brazil, Chile and the United States urged both countries to halt the "
     "fighting.", {"argentina", "brazil", "chile", "united-states"}),
])
def test_each_of_a_list_of_appealers_appeals(extract, sentence, appealers) -> None:
    found = {_state(e.agent) for e in extract(sentence, "1995-01-27").events
             if e.cls == "Appeal"}
    assert found == appealers


def test_a_list_inside_the_subjects_apposition_makes_no_appealers(extract) -> None:
    # "The United States, one of the guarantors with Argentina, Brazil and Chile, urged":
    # the list describes the subject: one appeal (without a parse, by position)
    found = [e for e in extract("The United States, one of the four guarantors of the "
                                "protocol with Argentina, Brazil and Chile, urged both "
                                "governments to halt the fighting.", "1995-01-27").events
             if e.cls == "Appeal"]
    assert len(found) == 1


def test_an_apposition_after_the_reporter_is_the_articles_own(extract) -> None:
    # "..., the ministry said, the first death reported since Azerbaijani troops moved into
    # Armenian territory": the occupation is told in the article's voice
    result = extract("YEREVAN - An Armenian soldier was killed on Tuesday, Armenia's Defence "
                     "Ministry said, the first death reported since Azerbaijani troops moved "
                     "into Armenian territory on May 12.", "2021-05-25")
    (occupation,) = [e for e in result.events if e.cls == "Occupation"]
    assert not occupation.claimed


def test_a_side_that_gives_a_different_account_in_the_present_speaks_next(extract) -> None:
    # "Armenia gives a different account. Its Defense Ministry said ...": "its" is Armenia's
    result = extract("BAKU - Azerbaijan's Defence Ministry said Armenian forces had opened fire "
                     "on its positions. Armenia gives a different account. Its Defense Ministry "
                     "said Azerbaijani forces had shelled the towns of Jermuk, Goris and Kapan.",
                     "2022-09-13")
    assert ("Defense Ministry of Armenia", "say", "event") in _claims(result)


def test_its_secretariat_is_the_blocs_that_opens_the_sentence(extract) -> None:
    result = extract("The Collective Security Treaty Organization, of which both are members, "
                     "urged Bishkek and Dushanbe to settle the conflict peacefully, its "
                     "secretariat said.", "2022-09-16")
    assert ("Collective Security Treaty Organization", "say", "event") in _claims(result)


def test_saying_after_an_accusation_is_a_second_claim_about_the_accused(extract) -> None:
    result = extract("BISHKEK - The Kyrgyz border service accused Tajik forces of violating the "
                     "ceasefire, saying they had fired mortars at Kyrgyz positions near Kulundu.",
                     "2022-09-16")
    assert {("Border Guard Service of Kyrgyzstan", "accuse", "event"),
            ("Border Guard Service of Kyrgyzstan", "say", "event")} <= _claims(result)
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert _state(shelling.agent) == "tajikistan"


def test_an_agency_dateline_without_a_dash_tells_the_state_of_an_unmarked_title(
        extract) -> None:
    # PTI's "New Delhi, Dec 13 (PTI) Chinese troops ...": the dateline ends at the agency
    result = extract("New Delhi, Dec 13 (PTI) Chinese troops tried to cross the Line of "
                     "Actual Control on December 9 and were pushed back by Indian soldiers, "
                     "Defence Minister Rajnath Singh told Parliament on Tuesday.", "2022-12-13")
    assert _offices(result) == {("Rajnath Singh", "Minister", "India")}


@pytest.mark.parametrize(("appeal", "addressees"), [
    # a side that appeals for calm addresses no one the text names
    ("Senegalese President Abdou Diouf appealed for calm.", set()),
    # a third party appeals to the two sides
    ("France called for calm.", {"senegal", "mauritania"}),
])
def test_an_appeal_without_addressees_goes_to_the_sides_only_from_a_third_party(
        extract, appeal: str, addressees: set[str]) -> None:
    result = extract("DAKAR - Senegalese and Mauritanian villagers clashed on the border on "
                     f"Monday. {appeal}", "1989-04-26")
    (found,) = [e for e in result.events if e.cls == "Appeal"]
    assert {_state(p) for p in found.participants} == addressees


def test_a_negotiator_stands_for_his_state_among_the_participants(extract) -> None:
    result = extract("The talks between Kamchybek Tashiev and Tajik officials in Batken ended "
                     "on Friday.", "2022-09-25")
    (talks,) = [e for e in result.events if e.cls == "Talks"]
    assert sorted(_state(p) for p in talks.participants) == ["kyrgyzstan", "tajikistan"]
    assert not any(p.is_a("Person") for p in talks.participants)


def test_a_reporting_verb_in_a_relative_clause_without_that_reports_nothing(extract) -> None:
    # "a ceasefire the two armies had announced ... earlier": the armies announced the
    # ceasefire; the fighting stays the article's own
    result = extract("Fighting between Ugandan and Rwandan troops raged in Kisangani on "
                     "Thursday, despite a ceasefire the two armies had announced less than 24 "
                     "hours earlier.", "2000-06-08")
    assert result.claims == []
    assert "ArmedClash" in {e.cls for e in result.events}


@pytest.mark.parametrize(("sentence", "cls"), [
    ("BAKU - Azerbaijani units took urgent measures to suppress the firing points of the "
     "Armenian armed forces, the ministry said.", "ArmedClash"),
    ("QUITO - Ecuador said Peruvian helicopters had strafed Ecuadorean positions near the "
     "border on Tuesday.", "ArmedClash"),
    ("BANGKOK - More than 20,000 villagers in Surin have been moved to temporary shelters, "
     "provincial officials said.", "Evacuation"),
])
def test_phrases_of_firing_back_strafing_and_sheltering_are_events(
        extract, sentence: str, cls: str) -> None:
    assert cls in {e.cls for e in extract(sentence, "2022-01-28").events}


def test_a_sentence_final_pair_reporter_gives_each_side_a_claim(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan share a disputed border. Two people were "
                     "killed in a shootout between Kyrgyz and Tajik border guards near the "
                     "village of Tort-Kocho on Thursday, both sides said.", "2022-01-28")
    assert {(f.claimant.label, kind) for f, kind, *_ in result.claims} == {
        ("Kyrgyzstan", "event"), ("Tajikistan", "event"),
        ("Kyrgyzstan", "figure"), ("Tajikistan", "figure")}
    # what both sides state is no side's allegation: the clash keeps the article's voice
    (clash,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert not clash.claimed


def test_officials_from_both_countries_are_the_two_sides(extract) -> None:
    result = extract("Thailand and Cambodia both claim the temple. Thai and Cambodian troops "
                     "fought near the Preah Vihear temple on Friday, officials from both "
                     "countries said.", "2009-04-03")
    assert {f.claimant.label for f, *_ in result.claims} == {"Thailand", "Cambodia"}


def test_a_pair_that_is_the_reported_subject_is_no_final_reporter(extract) -> None:
    # "both sides" before the verb with a clause after it: a joint report, not a
    # sentence-final reporter of the words before a comma
    result = extract("Kyrgyzstan and Tajikistan share a disputed border. On Thursday, both "
                     "sides said the ceasefire was holding.", "2022-01-28")
    assert {f.claimant.label for f, *_ in result.claims} <= {"Kyrgyzstan", "Tajikistan"}


@pytest.mark.parametrize(("line", "dateline"), [
    ("NEW DELHI, JUNE 23, 2020 11:52 IST", True),   # a South Asian page's date line
    ("ISLAMABAD, October 12, 2025", True),
    ("Kyrgyzstan, Tajikistan 2022", False),          # no place in capitals
    ("KABUL, Afghanistan", False),                   # no date: a dateline wants its text
])
def test_a_date_line_after_a_place_in_capitals_is_the_dateline(line, dateline) -> None:
    from graph.document import is_dateline, is_furniture

    assert is_dateline(line) is dateline
    assert is_furniture(line) is dateline


def test_a_place_date_line_gives_unmarked_titles_its_state(extract) -> None:
    result = extract("NEW DELHI, JUNE 23, 2020 11:52 IST\n\nIndia and China held talks on "
                     "Monday. Meanwhile, defence minister Rajnath Singh arrived in Moscow on "
                     "Monday.", "2020-06-23")
    assert ("Rajnath Singh", "Minister", "India") in {
        (o.holder.label, o.office, o.of.label) for o, _ in result.offices if o.holder}


def test_a_casualty_apposition_may_hold_an_apposition_of_its_own(extract) -> None:
    result = extract("Twenty Indian soldiers, including the commanding officer of 16 Bihar, "
                     "Col. B. Santosh Babu, were killed in the clash with Chinese troops.",
                     "2020-06-23")
    assert [(f.count, f.kind, _state(f.side)) for f in result.figures] == [
        (20, "Killed", "india")]


@pytest.mark.parametrize("name", ["the Border Service of Kyrgyzstan",
                                  "the Kyrgyz Border Service"])
def test_a_base_body_whose_name_names_its_state_acts_for_it(extract, name) -> None:
    result = extract(f"{name[0].upper()}{name[1:]} said Tajik troops fired on a post.",
                     "2022-09-16")
    assert ("Border Guard Service of Kyrgyzstan", "Kyrgyzstan") in {
        (r.subject.label, r.obj.label) for r, *_ in result.relations
        if r.predicate == "actsFor"}


def test_a_bare_body_name_states_no_acts_for(extract) -> None:
    # "the border service" names no state: whose it is, the text does not say here
    result = extract("The border service said Tajik troops fired on a post.", "2022-09-16")
    assert not any(r.predicate == "actsFor" and r.subject.label.startswith("Border Guard")
                   for r, *_ in result.relations)


def test_a_spokesman_with_a_post_and_no_state_speaks_for_the_datelines(extract) -> None:
    result = extract("Srinagar, Nov 14 (PTI) Three Indian soldiers were killed on Friday. "
                     "Col Rajesh Kalia, a defence spokesman in Srinagar, accused Pakistan of "
                     "violating the ceasefire in the Uri sector.", "2020-11-14")
    (accusation,) = [e for e in result.events if e.cls == "Accusation"]
    assert (_state(accusation.agent), _state(accusation.target)) == ("india", "pakistan")


@pytest.mark.parametrize(("text", "org"), [
    ("Kyrgyzstan and Tajikistan fought on Friday. Stanislav Zas, the secretary general of "
     "the Collective Security Treaty Organization, called on Dushanbe and Bishkek to stop "
     "the fighting.", "csto"),
    ("Sudan and South Sudan fought on Friday. African Union Commission chairman Jean Ping "
     "called on Khartoum and Juba to halt the fighting.", "african-union"),
    ("Ethiopia and Eritrea fought on Friday. OAU Secretary-General Salim Ahmed Salim "
     "appealed to both countries to stop the fighting.", "oau"),
])
def test_an_organisations_officer_appeals_for_it(extract, text, org) -> None:
    (appeal,) = [e for e in extract(text, "2021-03-10").events if e.cls == "Appeal"]
    # the officer, acting for the organisation, or the organisation itself
    assert (appeal.agent.state or appeal.agent.iri).rsplit("/", 1)[-1] == org


def test_blame_for_starting_the_firing_gives_each_side_its_claimed_clash(extract) -> None:
    result = extract("India and Pakistan share a disputed border. The two sides blamed each "
                     "other for starting the firing.", "2020-11-14")
    clashes = {(_state(e.agent), _state(e.target)) for e in result.events
               if e.cls == "ArmedClash" and e.claimed}
    assert clashes == {("india", "pakistan"), ("pakistan", "india")}


def test_cross_border_firing_by_troops_has_its_agent(extract) -> None:
    result = extract("Two Pakistani soldiers were killed in cross-border firing by Indian "
                     "troops in the Lipa sector.", "2016-09-29")
    (clash,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert (_state(clash.agent), _state(clash.target)) == ("india", "pakistan")


@pytest.mark.parametrize(("text", "figure"), [
    ("Two Thai rangers, Pvt Sombat Saengkham and Pvt Anan Phuthong, were wounded by "
     "Cambodian fire.", (2, "Wounded")),
    ("An Armenian soldier, Sergeant Arman Hakobyan, was killed by Azerbaijani sniper fire.",
     (1, "Killed")),
])
def test_a_figure_whose_people_are_named_in_apposition_is_one_figure(extract, text,
                                                                       figure) -> None:
    assert [(f.count, f.kind) for f in extract(text, "2021-11-18").figures] == [figure]


def test_a_negotiator_without_a_state_across_from_one_side_stands_for_the_other(
        extract) -> None:
    result = extract("Thailand and Cambodia dispute the temple. Thai and Cambodian troops "
                     "clashed on Friday. Hor Namhong met Cambodian officials for talks on "
                     "Monday.", "2008-10-06")
    met = [e for e in result.events if e.cls in {"Talks", "Meeting"}]
    assert met and all({_state(p) for p in e.participants} == {"thailand", "cambodia"}
                       for e in met)


def test_a_letter_to_an_official_accusing_a_side_is_the_senders_accusation(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought last week. Tajikistan's foreign "
                     "ministry has sent a letter to UN Secretary-General Antonio Guterres "
                     "accusing Kyrgyzstan of violating the ceasefire.", "2022-09-28")
    (accusation,) = [e for e in result.events if e.cls == "Accusation"]
    assert (_state(accusation.agent), _state(accusation.target)) == ("tajikistan",
                                                                     "kyrgyzstan")


@pytest.mark.parametrize("sentence", [
    "The Border Service has not recorded a single violation of the ceasefire since May 1.",
    "Russia has sent no troops to the border.",
])
def test_an_act_negated_by_its_object_or_a_count_did_not_happen(extract, sentence) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in April. " + sentence, "2021-06-04")
    assert [e.cls for e in result.events if e.sentence == 1] == []


def test_the_countrys_ministry_is_the_state_of_the_actor_named_before(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought on Wednesday. Kyrgyz authorities "
                     "evacuated more than 9,000 people from the area, the country's "
                     "emergencies ministry said.", "2022-09-16")
    assert ("Kyrgyzstan", "event") in {(f.claimant.label, kind)
                                       for f, kind, *_ in result.claims}


def test_the_two_services_blamed_each_other(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought on Wednesday. The two services "
                     "blamed each other for the shooting.", "2022-07-20")
    assert sorted(_state(e.agent) for e in result.events if e.cls == "Accusation") == [
        "kyrgyzstan", "tajikistan"]


def test_a_state_body_the_base_lacks_is_not_the_states_one_known_body(extract) -> None:
    # the base knows one state body of China (its coast guard); a command or an agency
    # the text names is a body of its own, not that one
    result = extract("India and China traded blame on Monday. China's Western Theatre "
                     "Command said Indian troops had crossed the line.", "2020-09-11")
    labels = {e.label for e, _ in result.mentions}
    assert "China Coast Guard" not in labels


def test_a_bare_body_after_an_opening_city_is_of_the_citys_state(extract) -> None:
    result = extract("LIMA, Peru (UPI) -- Peru and Ecuador fought on Friday. In Quito, the "
                     "Defense Ministry said Peruvian helicopters had attacked Ecuadorean "
                     "posts.", "1995-01-28")
    assert {_state(f.claimant) for f, *_ in result.claims} == {"ecuador"}


def test_firing_and_shelling_coordinated_as_nouns_are_one_act(extract) -> None:
    result = extract("Indian troops carried out heavy firing and artillery shelling on "
                     "Pakistani posts in the Kotli sector on Tuesday.", "2019-03-06")
    assert [e.cls for e in result.events] == ["Shelling"]


def test_appealers_listed_before_their_apposition_each_appeal(extract) -> None:
    result = extract("Peru and Ecuador fought on Friday. Argentina, Brazil, Chile and the "
                     "United States, guarantors of the 1942 Rio Protocol, called on both "
                     "governments to stop the fighting.", "1995-01-28")
    assert sorted(e.agent.label for e in result.events if e.cls == "Appeal") == [
        "Argentina", "Brazil", "Chile", "United States"]


@pytest.mark.parametrize("sentence", [
    "Bangkok was open to talks, the foreign minister said.",
    "If the talks fail, there will be open war, the minister warned.",
])
def test_talks_only_thought_of_are_no_talks(extract, sentence) -> None:
    result = extract("Thailand and Cambodia fought in July. " + sentence, "2025-07-26")
    assert "Talks" not in [e.cls for e in result.events]


def test_a_meeting_on_the_sidelines_of_a_summit_is_no_attendance(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in September. Japarov and Rahmon met "
                     "on the sidelines of the Shanghai Cooperation Organisation summit in "
                     "Samarkand on Friday.", "2022-09-16")
    assert [e.cls for e in result.events if e.sentence == 1] == ["Meeting"]


def test_people_seized_are_no_ground_seized(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in May. Villagers seized four Tajik "
                     "men and held them overnight.", "2014-05-08")
    assert "Occupation" not in [e.cls for e in result.events]


def test_an_incident_to_be_investigated_is_no_new_clash(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan share a border. Officials of the two sides "
                     "agreed on Monday to investigate the incident jointly.", "2022-07-20")
    assert "ArmedClash" not in [e.cls for e in result.events]


def test_the_sides_blaming_each_other_are_the_pair_nearest_the_verb(extract) -> None:
    # the troops of the opening clause are no side of the accusation, and the clause keeps
    # its own exchange of fire
    result = extract("Thai and Cambodian troops traded fire on Thursday, as Thailand and "
                     "Cambodia blamed each other for the fighting.", "2025-07-24")
    assert sorted(_state(e.agent) for e in result.events if e.cls == "Accusation") == [
        "cambodia", "thailand"]
    assert False in [e.claimed for e in result.events if e.cls == "ArmedClash"]


def test_a_force_that_responds_fights(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in September. Our forces responded "
                     "and two soldiers were wounded, the Kyrgyz border service said.",
                     "2022-09-16")
    (clash,) = [e for e in result.events if e.sentence == 1]
    assert (clash.cls, _state(clash.agent), clash.claimed) == (
        "ArmedClash", "kyrgyzstan", True)


def test_a_ministry_that_responds_only_answers(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in September. The foreign ministry "
                     "responded to the note on Monday.", "2022-09-20")
    assert [e.cls for e in result.events if e.sentence == 1] == []


def test_a_force_that_responds_by_an_act_is_that_act_once(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in September. Kyrgyz border guards "
                     "responded by firing mortars at the Tajik posts on Monday.",
                     "2022-09-16")
    assert len([e for e in result.events if e.sentence == 1]) == 1


@pytest.mark.parametrize("reporter, speaker", [
    ("an army spokesman, Colonel Okon Edet, told reporters", "Okon Edet"),
    ("the Defence Minister, Sardar Swaran Singh, told parliament", "Sardar Swaran Singh"),
])
def test_a_name_and_its_post_set_off_by_commas_report_the_claim_before(
        extract, reporter, speaker) -> None:
    result = extract("Cameroonian gendarmes fired on Nigerian troops near Abana on Friday, "
                     + reporter + ".", "1994-02-21")
    assert {f.claimant.label for f, *_ in result.claims} == {speaker}
    assert [e.claimed for e in result.events] == [True]


def test_an_unnamed_armys_spokesman_after_a_different_account_is_of_that_side(
        extract) -> None:
    # the dateline's state is the other side: the account announced comes first
    result = extract("BISHKEK, Sept 15 (Reuters) - Kyrgyzstan said Tajik troops shelled its "
                     "posts. Tajikistan gave a different account. Kyrgyz troops had fired "
                     "first at a Tajik post, an army spokesman, Colonel Rustam Nazarov, told "
                     "reporters.", "2022-09-15")
    (nazarov,) = [f.claimant for f, *_ in result.claims if "Nazarov" in f.claimant.label]
    assert _state(nazarov) == "tajikistan"


def test_fighting_a_border_war_is_the_war_alone(extract) -> None:
    result = extract("Djibouti and Eritrea clashed on Tuesday. Eritrea fought a border war "
                     "with Ethiopia from 1998 to 2000 that killed some 80,000 people.",
                     "2008-06-12")
    assert [e.cls for e in result.events if e.sentence == 1] == ["Conflict"]


def test_a_report_in_a_relative_clause_claims_only_its_noun(extract) -> None:
    result = extract("Egypt and Libya clashed on Friday. Egypt fought Israel in 1973 and "
                     "then accepted U.S.-brokered agreements, which Libya denounced.",
                     "1977-07-25")
    assert [f.claimant.label for f, *_ in result.claims] == []


def test_a_comma_inside_a_number_after_the_verb_ends_no_report(extract) -> None:
    # "said more than 138,000 people ...": what follows the verb is the claim
    result = extract("Thai and Cambodian troops fought on Friday, as Bangkok said more than "
                     "138,000 people had been evacuated from border villages.", "2025-07-25")
    (evacuation,) = [e for e in result.events if e.cls == "Evacuation"]
    assert evacuation.claimed
    assert [e.claimed for e in result.events if e.cls == "ArmedClash"] == [False]


def test_a_name_in_a_whose_clause_is_not_the_subject(extract) -> None:
    result = extract("Thailand and Cambodia fought on Friday. Malaysian Prime Minister Anwar "
                     "Ibrahim, whose country holds the chair of the Association of Southeast "
                     "Asian Nations, called on both countries to halt the fighting.",
                     "2025-07-25")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert appeal.agent.label == "Anwar Ibrahim"


def test_armour_moved_to_the_border_is_a_build_up(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan clashed on Wednesday. The Tajik side claimed "
                     "that Kyrgyzstan had moved armoured personnel carriers to the border.",
                     "2023-01-19")
    (build_up,) = [e for e in result.events if e.cls == "TroopBuildUp"]
    assert (_state(build_up.agent), build_up.claimed) == ("kyrgyzstan", True)


def test_what_a_relative_clause_blames_is_the_noun_before_it(extract) -> None:
    # the main clause stays in the article's voice, the ambush is Khartoum's allegation
    result = extract("The Sudanese army has rushed reinforcements to al-Fashaga, days after "
                     "an ambush on its troops that Khartoum blamed on Ethiopian forces.",
                     "2020-12-18")
    assert {(e.cls, e.claimed) for e in result.events if e.cls != "Accusation"} == {
        ("TroopBuildUp", False), ("ArmedClash", True)}
    (ambush,) = [e for e in result.events if e.cls == "ArmedClash"]
    assert (_state(ambush.agent), _state(ambush.target)) == ("ethiopia", "sudan")


def test_the_cabinet_before_anyone_spoke_is_the_datelines_government(extract) -> None:
    result = extract("KHARTOUM, Dec 18 (Reuters) - Prime Minister Abdalla Hamdok discussed "
                     "the incident by telephone with Ethiopian Prime Minister Abiy Ahmed on "
                     "Wednesday, the cabinet said.", "2020-12-18")
    assert {_state(f.claimant) for f, *_ in result.claims} == {"sudan"}


def _offices(result) -> set[tuple[str, str, str]]:
    return {(o.holder.label if o.holder else "", o.office, o.of.label)
            for o, _ in result.offices}


def test_a_head_who_accuses_one_side_is_of_the_other(extract) -> None:
    result = extract("Ecuador and Peru fought on Friday. President Alberto Fujimori accused "
                     "Quito of violating the 1942 Rio de Janeiro Protocol.", "1995-01-27")
    assert _offices(result) == {("Alberto Fujimori", "President", "Peru")}


def test_its_before_a_title_is_the_state_that_spoke_before(extract) -> None:
    result = extract("Sudan said its troops held Heglig. South Sudan gave a different "
                     "account. Its President, Salva Kiir, said on Friday that he had ordered "
                     "his troops to pull out.", "2012-04-20")
    assert _offices(result) == {("Salva Kiir", "President", "South Sudan")}


def test_a_titled_name_with_a_possessive_is_a_person_not_a_state(extract) -> None:
    result = extract("Uganda and Tanzania fought on Monday. Kampala radio claimed Wednesday "
                     "that Ugandan President Idi Amin's forces had liberated 710 square miles "
                     "of land.", "1978-11-02")
    assert _offices(result) == {("Idi Amin", "President", "Uganda")}
    assert "Idi Amin" not in {e.label for e, _ in result.mentions if e.is_state}


def test_a_quotation_with_but_is_one_statement_of_its_speaker(extract) -> None:
    result = extract("Sudan and South Sudan fought on Monday. \"They dropped eight bombs on "
                     "Panthou this morning, but there were no casualties,\" Colonel Philip "
                     "Aguer, spokesman for the Sudan People's Liberation Army, told AFP.",
                     "2012-03-27")
    assert [(e.cls, e.claimed) for e in result.events if e.sentence == 1] == [
        ("ArmedClash", True)]


def test_losses_a_force_inflicts_are_fighting(extract) -> None:
    result = extract("Ethiopia and Eritrea fought on Friday. \"Our forces have inflicted a "
                     "crushing defeat on the invading army,\" Ethiopian government "
                     "spokeswoman Selome Tadesse told a news conference.", "1999-02-25")
    assert [(e.cls, e.claimed) for e in result.events if e.sentence == 1] == [
        ("ArmedClash", True)]  # "the invading army" is who was fought, no invasion


def test_losses_a_war_inflicts_on_an_economy_are_no_fighting(extract) -> None:
    result = extract("Ethiopia and Eritrea fought on Friday. The war inflicted heavy losses "
                     "on the economy.", "1999-02-25")
    assert [e.cls for e in result.events if e.sentence == 1] == []


@pytest.mark.parametrize("sentence, agent, target", [
    ("A Tajik guard was wounded on Friday evening by fire from the Kyrgyz side, the Tajik "
     "border service said.", "kyrgyzstan", "tajikistan"),
    ("A Kyrgyz villager was killed by gunfire from the Tajik side, the Kyrgyz border "
     "service said.", "tajikistan", "kyrgyzstan"),
])
def test_fire_from_a_side_is_its_act_on_those_it_hit(extract, sentence, agent, target) -> None:
    result = extract("Kyrgyzstan and Tajikistan clashed on Monday. " + sentence, "2022-09-16")
    (clash,) = [e for e in result.events if e.sentence == 1]
    assert (clash.cls, _state(clash.agent), _state(clash.target)) == (
        "ArmedClash", agent, target)


def test_drones_used_against_a_side_are_an_attack(extract) -> None:
    result = extract("Kyrgyzstan and Tajikistan clashed on Monday. Kyrgyzstan accused Tajik "
                     "forces of using drones against civilians.", "2022-09-16")
    (attack,) = [e for e in result.events if e.cls == "ArmedClash" and e.sentence == 1]
    assert (_state(attack.agent), attack.claimed) == ("tajikistan", True)


def test_a_place_in_a_relative_clause_is_not_the_appeals(extract) -> None:
    result = extract("Armenia and Azerbaijan clashed on Sunday. Russia, which has a military "
                     "base in Armenia and sells weapons to both countries, urged the two sides "
                     "to show restraint.", "2020-07-14")
    (appeal,) = [e for e in result.events if e.cls == "Appeal"]
    assert (appeal.target, sorted(p.label for p in appeal.participants)) == (
        None, ["Armenia", "Azerbaijan"])


def test_ground_a_side_says_its_troops_took_is_taken_from_the_other(extract) -> None:
    result = extract("Peru and Ecuador fought on Friday. In Lima, Peruvian President Alberto "
                     "Fujimori said Friday that his troops had captured Tiwintza.", "1995-02-25")
    (occupation,) = [e for e in result.events if e.cls == "Occupation"]
    assert (_state(occupation.target), occupation.claimed) == ("ecuador", True)


def test_it_after_an_opening_adjunct_is_the_last_speaker(extract) -> None:
    result = extract("Kyrgyzstan said Tajik troops burnt Ak-Tatyr. Tajikistan's Foreign "
                     "Ministry rejected the accusation. In a statement on Wednesday it said "
                     "Tajik forces had not set foot in Kyrgyz villages and accused Kyrgyz "
                     "troops of shelling the Tajik village of Ovchi-Kalacha.", "2022-09-22")
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert (_state(shelling.agent), shelling.claimed) == ("kyrgyzstan", True)
    assert [_state(e.agent) for e in result.events if e.cls == "Accusation"] == ["tajikistan"]


def test_a_title_after_an_opening_capital_is_of_the_capitals_state(extract) -> None:
    # the dateline's state is Chad; the sentence speaks from Paris
    result = extract("N'DJAMENA, Aug 3 (Reuters) - Libya and Chad fought on Tuesday. In Paris, "
                     "Defence Minister Charles Hernu said France would fly more missiles to "
                     "N'Djamena.", "1983-08-03")
    assert _offices(result) == {("Charles Hernu", "Minister", "France")}


def test_a_titled_name_runs_to_four_words_but_not_into_a_headlines_verb(extract) -> None:
    result = extract("Iraq and Kuwait clashed. Iraq's foreign minister, Murtada Said Abdul Baqi, "
                     "denied that his country had designs on Kuwaiti land. Saudi Arabia's "
                     "defense minister, Prince Sultan ibn Abdul Aziz, said Saudi troops had "
                     "entered Kuwait.", "1973-03-21")
    assert _offices(result) == {("Murtada Said Abdul Baqi", "ForeignMinister", "Iraq"),
                                ("Sultan ibn Abdul Aziz", "Minister", "Saudi Arabia")}
    headline = extract("Ecuador's President Sixto Duran Ballen Accuses Peru Of Aggression",
                       "1995-01-28")
    assert _offices(headline) == {("Sixto Duran Ballen", "President", "Ecuador")}


def test_a_claim_named_by_its_owners_noun_claims_what_follows_that(extract) -> None:
    result = extract("Peru and Ecuador fought on Friday. The government on Sunday night "
                     "rejected President Alberto Fujimori's claim that Peruvian troops had "
                     "captured Tiwintza.", "1995-02-13")
    assert _claims(result) == {("Alberto Fujimori", "claim", "event")}
    (occupation,) = [e for e in result.events if e.cls == "Occupation"]
    assert occupation.claimed


def test_appealers_listed_between_dashes_each_appeal(extract) -> None:
    result = extract("Peru and Ecuador fought on Friday. The four guarantors of the 1942 Rio "
                     "de Janeiro Protocol - Argentina, Brazil, Chile and the United States - "
                     "appealed from Brasilia on Sunday for an immediate ceasefire.", "1995-02-13")
    assert sorted(e.agent.label for e in result.events if e.cls == "Appeal") == [
        "Argentina", "Brazil", "Chile", "United States"]


def test_a_body_whose_own_name_begins_with_a_demonym_is_of_that_state(extract) -> None:
    # the dateline's state is the other side
    result = extract("QUITO (Reuters) - Peru and Ecuador fought on Friday. The Peruvian Joint "
                     "Command said Ecuadorean troops had shelled Peruvian posts.", "1995-02-13")
    assert {_state(f.claimant) for f, *_ in result.claims} == {"peru"}


@pytest.mark.parametrize("sentence", [
    "Kyrgyzstan said it had deployed extra troops to the border last night.",
    "Tajikistan said it was landing fresh troops on the island.",
])
def test_forces_brought_to_a_place_are_a_build_up(extract, sentence) -> None:
    result = extract("Kyrgyzstan and Tajikistan fought in May. " + sentence, "2022-09-16")
    assert [e.cls for e in result.events if e.sentence == 1] == ["TroopBuildUp"]


def test_the_countrys_title_is_of_the_state_that_spoke_before(extract) -> None:
    result = extract("TEGUCIGALPA, March 18 (AFP) - Honduras and Nicaragua clashed. "
                     "Nicaragua's defence minister, Humberto Ortega, said Sandinista troops had "
                     "attacked contra rebels. The country's interior minister, Tomas Borge, "
                     "told a rally in Managua that Nicaragua will never attack Honduras.",
                     "1988-03-18")
    assert ("Tomas Borge", "Minister", "Nicaragua") in _offices(result)


def test_the_rest_of_a_paragraph_opened_in_a_capital_speaks_from_there(extract) -> None:
    result = extract("N'DJAMENA, Aug 3 (Reuters) - Libya and Chad fought on Tuesday. In Paris, "
                     "Defence Minister Charles Hernu said France would fly more missiles. The "
                     "foreign minister, Claude Cheysson, called Libya's role unacceptable."
                     "\n\nInterior Minister Mahamat Itno said the town was calm.", "1983-08-03")
    assert _offices(result) == {("Charles Hernu", "Minister", "France"),
                                ("Claude Cheysson", "ForeignMinister", "France"),
                                ("Mahamat Itno", "Minister", "Chad")}
