"""Reporting and appeal constructs of wire copy, one per test, from own example sentences
(no parse: the `extract` fixture runs the pipeline without an annotation)."""

from __future__ import annotations

import pytest


def _label(entity) -> str | None:
    return entity.label if entity is not None else None


def _claimants(result, sentence: int) -> set[str]:
    return {f.claimant.label for f, _, _, n in result.claims if n == sentence}


def _events(result, cls: str) -> list:
    return [e for e in result.events if e.cls == cls]


def test_the_spokesman_is_the_unnamed_spokesman_who_spoke_before(extract) -> None:
    result = extract("Pakistani forces captured Indian positions in the Chhamb sector, a "
                     "Pakistani military spokesman said in Rawalpindi. The spokesman accused "
                     "Indian troops of bombing residential areas of Karachi.", "1971-12-08")
    assert ("Pakistan", "accuse") in {(f.claimant.label, f.verb) for f, *_ in result.claims}


def test_a_reporting_word_after_a_determiner_is_a_noun(extract) -> None:
    # "the Indian reports": what he dismissed, not India reporting
    result = extract("Pakistani forces captured Chhamb, a Pakistani military spokesman said. "
                     "He dismissed the Indian reports as fabrication and said more than 200 "
                     "Indian soldiers had been killed at Chhamb.", "1971-12-08")
    assert _claimants(result, 1) == {"Pakistan"}
    assert "report" not in {f.verb for f, *_ in result.claims}


def test_a_clause_joined_by_while_is_more_of_the_report(extract) -> None:
    result = extract("Indian troops captured Chachro, All India Radio said. The radio said "
                     "Indian units had crossed the border south of Jammu, while Indian Air "
                     "Force jets attacked the airfields at Sargodha.", "1971-12-08")
    clash = _events(result, "ArmedClash")
    assert [(e.claimed, _label(e.frame.claimant) if e.frame else None) for e in clash] == [
        (True, "India")]


def test_a_clause_dated_from_another_event_is_the_reporters_context(extract) -> None:
    result = extract("Pakistan said on Wednesday it had shot down two Indian military aircraft "
                     "inside its airspace, a day after Indian warplanes struck a camp near "
                     "Balakot.", "2019-02-27")
    assert sorted((_label(e.agent), e.claimed) for e in _events(result, "ArmedClash")) == [
        ("Indian forces", False), ("Pakistan", True)]


@pytest.mark.parametrize("verb", ["offered", "called for", "rejected"])
def test_talks_offered_or_refused_are_no_talks(extract, verb) -> None:
    result = extract(f"Prime Minister Imran Khan said Pakistan had retaliated and {verb} talks.",
                     "2019-02-27")
    assert not _events(result, "Talks")


def test_a_dated_act_without_agent_is_not_one_told_before_undated(extract) -> None:
    result = extract("Pakistani jets struck Indian positions. He said the strike followed a "
                     "bombing on February 14 that killed 40 Indian policemen in Pulwama.",
                     "2019-02-27")
    assert len(_events(result, "ArmedClash")) == 2


def test_exchanged_heavy_artillery_fire_is_a_shelling_of_both(extract) -> None:
    result = extract("Indian jets struck Pakistani positions on Tuesday. Along the LoC, the two "
                     "armies exchanged heavy artillery and mortar fire overnight.", "2019-02-28")
    assert [sorted(p.label for p in e.participants) for e in _events(result, "Shelling")] == [
        ["India", "Pakistan"]]


def test_a_post_of_the_government_before_anyone_spoke_is_of_the_dateline(extract) -> None:
    result = extract("ADDIS ABABA (Reuters) - Ethiopia and Eritrea fought on Monday. Ethiopian "
                     "troops captured the Eritrean town of Tesseney, the government spokeswoman "
                     "said on Tuesday.", "2000-05-30")
    assert {f.claimant.label for f, *_ in result.claims} == {"Ethiopia"}


def test_agreed_to_stop_all_firing_is_a_ceasefire(extract) -> None:
    result = extract("India and Pakistan agreed on Saturday to stop all firing and military "
                     "action on land, in the air and at sea.", "2025-05-10")
    assert [e.status for e in _events(result, "CeasefireAgreement")] == ["Occurred"]


@pytest.mark.parametrize("sentence", [
    "Vietnam has asked the UN Security Council to condemn the attacks.",
    "Vietnam wrote to the UN Security Council, asking it to convene.",
    "Vietnam requested the UN Security Council to send observers.",
])
def test_asking_a_body_to_act_is_an_appeal_to_it(extract, sentence) -> None:
    result = extract("China and Vietnam fought on Saturday. " + sentence, "1979-02-19")
    appeals = _events(result, "Appeal")
    assert [(_label(e.agent), _label(e.target)) for e in appeals] == [
        ("Vietnam", "United Nations Security Council")]
    assert not result.claims  # what the council is asked to do is nobody's report
    assert not _events(result, "Meeting")


def test_asking_a_reporter_is_no_appeal(extract) -> None:
    result = extract("Reporters asked the minister about the clash.", "1979-02-19")
    assert not _events(result, "Appeal")


def test_a_meeting_asked_for_is_not_held(extract) -> None:
    result = extract("Cambodia asked the United Nations Security Council to convene an urgent "
                     "meeting.", "2025-07-25")
    assert [e.cls for e in result.events] == ["Appeal"]


def test_an_appeal_coordinated_after_a_report_is_the_reporters_act(extract) -> None:
    result = extract("Armenia said one of its soldiers had been killed in fighting with "
                     "Azerbaijani forces, and asked Russia to help defend its territory.",
                     "2021-11-16")
    appeal, = _events(result, "Appeal")
    assert (_label(appeal.agent), _label(appeal.target), appeal.claimed) == (
        "Armenia", "Russia", False)


def test_appealed_to_names_its_addressee(extract) -> None:
    result = extract("Kuwait had appealed to the Arab League to secure an Iraqi withdrawal.",
                     "1973-03-21")
    assert [_label(e.target) for e in _events(result, "Appeal")] == ["Arab League"]


def test_a_body_that_reports_an_attack_is_of_the_side_attacked(extract) -> None:
    result = extract("NEW DELHI, Oct. 22 (Reuters) - Chinese troops attacked Indian positions near "
                     "Walong, a Defence Ministry spokesman said today.", "1962-10-22")
    assert {f.claimant.label for f, *_ in result.claims} == {"Defence Ministry of India"}


def test_a_broadcaster_of_a_capital_of_the_period_gives_an_account(extract) -> None:
    result = extract("NEW DELHI, Oct. 22 (Reuters) - Chinese troops attacked Walong, a Defence "
                     "Ministry spokesman said. Peking radio gave a very different account. It "
                     "said Indian troops had launched attacks on Chinese frontier guards.",
                     "1962-10-22")
    assert _claimants(result, 3) == {"Peking radio"}


def test_they_of_a_subordinate_clause_are_the_main_clauses_troops(extract) -> None:
    result = extract("Chinese troops attacked Indian positions near Walong on Sunday night, a day "
                     "after they overran Indian posts in the Namka Chu sector, a Defence Ministry "
                     "spokesman said.", "1962-10-22")
    occupation, = _events(result, "Occupation")
    assert (_label(occupation.agent), _label(occupation.place)) == ("Chinese forces", "Namka Chu")


def test_who_heard_the_fire_did_not_fire(extract) -> None:
    result = extract("Monitors from the OSCE said they had heard heavy mortar fire in Tskhinvali "
                     "overnight.", "2008-08-02")
    assert [e.agent for e in _events(result, "Shelling")] == [None]


def test_a_military_spokesman_is_of_the_state_the_report_was_filed_from(extract) -> None:
    result = extract("TEL AVIV, Jan. 9 (UPI) -- Israeli and Syrian tanks fought a duel yesterday. "
                     "A military spokesman said Israeli jets later bombed Syrian artillery "
                     "batteries.", "1973-01-09")
    assert {f.claimant.label for f, *_ in result.claims} == {"Israel"}


@pytest.mark.parametrize("sentence", [
    "Israeli and Syrian tanks fought a duel across the Golan Heights cease-fire line.",
    "Israeli and Syrian tanks fought a duel, the U.N. Truce Supervision Organization said.",
])
def test_a_line_or_body_named_after_a_truce_is_no_truce(extract, sentence) -> None:
    assert not _events(extract(sentence, "1973-01-09"), "CeasefireAgreement")


def test_a_ceasefire_along_a_line_is_still_one(extract) -> None:
    result = extract("India and Pakistan agreed to a ceasefire along the Line of Control.",
                     "2003-11-26")
    assert _events(result, "CeasefireAgreement")


def test_forces_moved_up_are_a_build_up_and_people_moved_an_evacuation(extract) -> None:
    result = extract("Egypt had moved an armoured brigade into the triangle last week. "
                     "Authorities moved 2,000 villagers to safety.", "1992-12-09")
    assert [(e.cls, _label(e.agent)) for e in result.events] == [
        ("TroopBuildUp", "Egypt"), ("Evacuation", None)]


def test_a_build_up_is_not_made_by_where_the_troops_came_from(extract) -> None:
    result = extract("Britain flew a further Gurkha battalion from Singapore to Kuching last "
                     "week.", "1964-06-25")
    assert [_label(e.agent) for e in _events(result, "TroopBuildUp")] == ["United Kingdom"]


def test_an_act_the_clause_measures_from_is_another_act(extract) -> None:
    result = extract("Indian troops struck Pakistani posts on Wednesday night. The strikes came "
                     "after an attack on an Indian Army camp in Uri on September 18.",
                     "2016-09-29")
    clashes = _events(result, "ArmedClash")
    assert len(clashes) == 2
    assert {(_label(e.place), e.time.text if e.time else None) for e in clashes} == {
        (None, "Wednesday night"), ("Uri", "September 18")}


def test_a_verb_of_a_relative_clause_is_no_talks(extract) -> None:
    result = extract("Razak called the raid naked aggression by a neighbour who talks of peace.",
                     "1964-06-25")
    assert not _events(result, "Talks")


def test_talks_without_agreement_on_a_ceasefire_make_none(extract) -> None:
    result = extract("Talks in Tokyo between Indonesia and Malaysia broke down on Saturday "
                     "without agreement on a ceasefire.", "1964-06-25")
    assert not _events(result, "CeasefireAgreement")


def test_an_addressee_with_a_title_and_name_is_still_asked(extract) -> None:
    result = extract("Malaysia had asked the United Nations Secretary-General, U Thant, to send "
                     "observers to the border.", "1964-06-25")
    assert [(_label(e.agent), _label(e.target)) for e in _events(result, "Appeal")] == [
        ("Malaysia", "United Nations")]


def test_a_reporter_with_its_acronym_still_reports(extract) -> None:
    result = extract("SEOUL, Oct. 11 (Yonhap) -- North Korean soldiers fired at the balloons, the "
                     "Joint Chiefs of Staff (JCS) said in a statement.", "2014-10-11")
    assert {f.claimant.label for f, *_ in result.claims} == {"South Korea"}


def test_traded_machine_gun_fire_is_an_exchange_of_fire(extract) -> None:
    result = extract("Thai and Cambodian troops traded machine-gun fire on Friday.", "2011-04-27")
    assert [e.rule for e in _events(result, "ArmedClash")] == ["event.exchange-of-fire"]


def test_and_it_accused_shares_the_reporters_subject(extract) -> None:
    result = extract("Chad's army said on Wednesday it had beaten back a rebel column that "
                     "crossed from Sudan's Darfur region, and it accused Khartoum of shelling "
                     "Chadian positions.", "2006-03-22")
    assert {(f.claimant.label, f.verb) for f, *_ in result.claims} == {
        ("Chadian forces", "say"), ("Chadian forces", "accuse")}


def test_the_army_after_the_other_sides_denial_is_the_army_that_spoke(extract) -> None:
    result = extract("Chad's army said it had beaten back a rebel column near Adre. Sudan denied "
                     "any role. Rebels attacked a garrison outside Adre early on Tuesday, the "
                     "army said in a statement.", "2006-03-22")
    assert _claimants(result, 2) == {"Chadian forces"}


def test_a_rank_and_surname_are_the_person_named_before(extract) -> None:
    result = extract("Kenyan army spokesman Colonel David Obonyo said the militants struck at "
                     "dawn. \"Our soldiers fought back,\" Col Obonyo told journalists.",
                     "2016-01-16")
    assert {f.claimant.label for f, *_ in result.claims} == {"David Obonyo"}


def test_a_quoted_violation_of_a_named_truce_is_a_violation(extract) -> None:
    result = extract("Ethiopia and Somalia agreed a ceasefire on Saturday. Ethiopia said Somali "
                     "troops had committed a \"deliberate violation\" of the Khartoum truce.",
                     "1964-02-18")
    violation, = _events(result, "CeasefireViolation")
    assert (_label(violation.agent), violation.claimed) == ("Somali forces", True)


def test_a_violation_of_an_understanding_is_no_ceasefire_violation(extract) -> None:
    result = extract("Eritrea accused Yemen of building a garrison on the island in violation of "
                     "an understanding between the two countries.", "1995-12-18")
    assert not _events(result, "CeasefireViolation")


def test_the_capital_an_agreement_is_named_after_is_no_side(extract) -> None:
    result = extract("Armenia and Azerbaijan fought on Friday. Armenian troops committed a "
                     "breach of the Moscow truce, Baku said.", "2016-04-06")
    violation, = _events(result, "CeasefireViolation")
    assert _label(violation.target) == "Azerbaijan"


def test_such_an_incident_refers_back(extract) -> None:
    result = extract("Tajik border guards and Taliban fighters exchanged fire in Darvoz district "
                     "late on Tuesday, the second such incident on the border this year.",
                     "2024-10-16")
    assert len(_events(result, "ArmedClash")) == 1


def test_incidents_to_be_prevented_are_none(extract) -> None:
    result = extract("Local commanders met on the bridge on Wednesday morning and agreed to "
                     "prevent further incidents.", "2024-10-16")
    assert not _events(result, "ArmedClash")


def test_fire_returned_in_the_same_clause_is_the_other_sides_act(extract) -> None:
    result = extract("Taliban fighters opened fire on a Tajik border patrol near Nulvand at "
                     "about 10:30 p.m., and the patrol returned fire.", "2024-10-16")
    assert sorted(_label(e.agent) for e in _events(result, "ArmedClash")) == [
        "Tajikistan", "Taliban forces"]


def test_own_troops_of_a_spokesman_of_a_named_army_are_his_states(extract) -> None:
    result = extract("\"Pakistan Army resorted to unprovoked firing at 6.30 am in Keran sector. "
                     "Own troops retaliated strongly,\" said an Indian army spokesman.",
                     "2017-07-18")
    assert sorted((_label(e.agent), _label(e.frame.claimant) if e.frame else None)
                  for e in _events(result, "ArmedClash")) == [
        ("India", "India"), ("Pakistani forces", "India")]


def test_the_militarys_media_wing_is_a_body_of_the_dateline(extract) -> None:
    result = extract("PESHAWAR: Two soldiers were killed when Afghan forces opened fire on "
                     "Pakistani border posts late on Sunday, the military's media wing said on "
                     "Monday.", "2024-09-09")
    assert {f.claimant.label for f, *_ in result.claims} == {"Pakistan"}


def test_a_statement_quoted_by_an_agency_is_the_reporters_adjunct(extract) -> None:
    result = extract("Kyrgyz servicemen fired at a Tajik patrol, the Tajik Border Troops said in "
                     "a statement quoted by the Khovar news agency.", "2019-09-27")
    clash, = _events(result, "ArmedClash")
    assert (clash.claimed, _label(clash.agent)) == (True, "Kyrgyz forces")


def _figures(result) -> list[tuple[str, int | None, str]]:
    return [(f.kind, f.count, f.population) for f in result.figures]


def test_a_named_soldier_killed_and_another_wounded_are_two_figures(extract) -> None:
    result = extract("Kyrgyz servicemen fired at a Tajik patrol, killing Private Firdavs "
                     "Rahimov, 22, and wounding another soldier.", "2019-09-27")
    assert _figures(result) == [("Killed", 1, "Soldiers"), ("Wounded", 1, "Soldiers")]


def test_another_takes_the_people_counted_before(extract) -> None:
    result = extract("Shelling killed two civilians and injured another in the village.",
                     "2019-09-27")
    assert _figures(result) == [("Killed", 2, "Civilians"), ("Injured", 1, "Civilians")]


def test_another_before_a_number_is_no_count_of_one(extract) -> None:
    assert _figures(extract("Another 20 soldiers were killed.", "2019-09-27")) == [
        ("Killed", 20, "Soldiers")]


def test_the_day_of_fighting_after_a_reporter_is_the_articles_apposition(extract) -> None:
    result = extract("QUITO/LIMA, Jan 27 (Reuters) - Peruvian helicopter gunships attacked three "
                     "Ecuadorean army posts on Friday, Ecuador's government said, in a second "
                     "day of fighting.", "1995-01-27")
    clash, = _events(result, "ArmedClash")
    assert (clash.claimed, _label(clash.frame.claimant)) == (True, "Government of Ecuador")


@pytest.mark.parametrize("verb", ["drove them off", "fought off", "beat off"])
def test_driving_attackers_off_is_fighting_them(extract, verb) -> None:
    result = extract(f"Ecuadorean troops {verb} the Peruvian helicopters.", "1995-01-27")
    assert [_label(e.agent) for e in _events(result, "ArmedClash")] == ["Ecuadorian forces"]


def test_an_attack_only_threatened_is_no_event(extract) -> None:
    result = extract("\"We will respond to every attack on our people,\" the army spokesman "
                     "said.", "2025-07-26")
    assert not result.events


def test_an_aircraft_model_is_no_armed_group(extract) -> None:
    result = extract("Thailand and Cambodia fought on Thursday. The Royal Thai Army said F-16 "
                     "fighter jets had struck Cambodian artillery positions at dawn.",
                     "2025-07-26")
    clash = [e for e in _events(result, "ArmedClash") if e.sentence == 1]
    assert [_label(e.agent) for e in clash] == ["Thailand"]


def test_an_army_unit_by_its_own_name_reports_for_the_side_hit(extract) -> None:
    result = extract("Two Thai soldiers, Sgt Maj Anusorn Chanthep and Pte Thanakrit Boonmee, were "
                     "killed by Cambodian rocket fire near the Chong Chom checkpoint on Monday, "
                     "the Second Army Region said.", "2025-12-09")
    assert {f.claimant.label for f, *_ in result.claims} == {"Second Army Region of Thailand"}


def test_a_place_struck_is_the_object_of_the_verb(extract) -> None:
    result = extract("Pakistani troops shelled Poonch and Rajouri districts of Jammu and Kashmir "
                     "overnight.", "2025-05-10")
    assert [_label(e.place) for e in _events(result, "Shelling")] == ["Poonch"]


def test_the_subject_before_a_relative_clause_accuses(extract) -> None:
    result = extract("Ethiopia and Eritrea fought on Sunday. Eritrea, which gained independence "
                     "from Ethiopia in 1993, accuses Addis Ababa of occupying its land.",
                     "2016-06-15")
    assert [(_label(e.agent), _label(e.target)) for e in _events(result, "Accusation")] == [
        ("Eritrea", "Ethiopia")]


def test_a_ministry_statement_is_the_ministrys(extract) -> None:
    result = extract("LAGOS, May 19 (Reuters) - Five Nigerian soldiers were killed, the Ministry "
                     "of External Affairs said today. The soldiers died on Saturday when "
                     "Cameroonian troops opened fire on a Nigerian army patrol boat, a ministry "
                     "statement said.", "1981-05-19")
    clash, = _events(result, "ArmedClash")
    assert _label(clash.frame.claimant) == "Ministry of External Affairs of Nigeria"


def test_the_attack_named_again_elsewhere_is_the_attack_told(extract) -> None:
    result = extract("Cameroonian troops opened fire on a Nigerian army patrol boat near Ikang on "
                     "Saturday. The minister summoned Cameroon's ambassador in Lagos yesterday and "
                     "handed him a note describing the attack as barbaric.", "1981-05-19")
    assert len(_events(result, "ArmedClash")) == 1


def test_driving_an_offensive_back_is_fighting_it(extract) -> None:
    result = extract("The Ethiopian army launched a major offensive early on Sunday, and Eritrean "
                     "defence forces drove it back by the afternoon.", "2016-06-15")
    assert sorted(_label(e.agent) for e in _events(result, "ArmedClash")) == [
        "Eritrean forces", "Ethiopian forces"]


def test_a_forces_acronym_in_brackets_is_that_force(extract) -> None:
    result = extract("Sudan and South Sudan fought in April. In Khartoum, the spokesman of the "
                     "Sudanese Armed Forces (SAF) denied the reports. South Sudanese troops had "
                     "attacked SAF positions near Kharasana on Friday, he said.", "2012-11-19")
    clash, = [e for e in _events(result, "ArmedClash") if e.sentence == 2]
    assert _label(clash.target) == "Sudanese forces"


def test_an_acronym_that_is_not_the_forces_initials_is_not_the_force(extract) -> None:
    result = extract("The United Nations Interim Force in Lebanon (UNIFIL) urged both sides to "
                     "show restraint.", "2023-11-06")
    assert not [m for m, _ in result.mention_spans if m.text == "UNIFIL"]


def test_an_incident_a_document_concerns_was_told_before(extract) -> None:
    result = extract("BEIJING, Aug. 3 (Xinhua) -- On Wednesday, the Foreign Ministry released a "
                     "document concerning the incident.", "2017-08-03")
    assert not _events(result, "ArmedClash")


def test_an_incident_that_begins_a_report_is_told(extract) -> None:
    result = extract("According to the service, the incident began at about 10 p.m. when "
                     "residents of Maksat and the Tajik village of Kulundu clashed over a canal.",
                     "2019-09-27")
    assert _events(result, "ArmedClash")


def test_its_office_is_the_subjects_not_a_places_owners(extract) -> None:
    result = extract("ISLAMABAD, Jan 18 (Reuters) - Pakistan carried out missile and drone strikes "
                     "on militant hideouts in Iran's Sistan-Baluchestan province early on "
                     "Thursday, its foreign office said.", "2024-01-18")
    assert {f.claimant.label for f, *_ in result.claims} == {"Pakistan"}


def test_a_regime_by_its_own_name_is_a_side_of_the_article(extract) -> None:
    result = extract("Delegations of the Islamic Emirate of Afghanistan and Pakistan began talks "
                     "in Istanbul on Saturday, hosted by Turkey and mediated by Qatar. The "
                     "Islamic Emirate said Pakistani forces shelled Spin Boldak. Turkey urged "
                     "calm. The Islamic Emirate and Pakistan traded accusations.", "2025-10-26")
    shelling, = _events(result, "Shelling")
    assert _label(shelling.target) == "Afghanistan"


def test_a_speaker_apposed_as_a_government_spokeswoman_is_of_the_dateline(extract) -> None:
    result = extract("ADDIS ABABA (Reuters) - At least 44 people were killed and 135 wounded in "
                     "Mekele, said Selome Tadesse, a government spokeswoman.", "1998-06-06")
    assert {f.claimant.state.rsplit("/", 1)[-1] for f, *_ in result.claims} == {"ethiopia"}


def test_slightly_wounded_is_a_figure(extract) -> None:
    result = extract("One Tajik border guard was slightly wounded, he said.", "2015-01-27")
    assert [(k, n) for k, n, _ in _figures(result)] == [("Wounded", 1)]


@pytest.mark.parametrize("sentence", [
    "Baku has put its own military losses at 16 dead.",
    "Baku put Azerbaijani losses since Jan. 26 at 16 dead.",
])
def test_losses_a_side_puts_at_a_number_are_its_claim(extract, sentence) -> None:
    result = extract("Armenia and Azerbaijan fought in April. " + sentence, "2016-04-05")
    assert [(k, n) for k, n, _ in _figures(result)] == [("Killed", 16)]
    assert {(f.claimant.label, f.verb) for f, *_ in result.claims} == {("Azerbaijan", "put")}


def test_a_person_by_one_of_his_names_reports_at_the_head_of_a_sentence(extract) -> None:
    result = extract("BEIJING, March 22 (Xinhua) -- Foreign Ministry spokesman Li Zhaoxing told a "
                     "briefing that Vietnam must bear full responsibility. Li said three armed "
                     "Vietnamese ships had attacked Chinese ships near Chigua Reef on March 14.",
                     "1988-03-22")
    assert _claimants(result, 2) == {"Li Zhaoxing"}


@pytest.mark.parametrize(("sentence", "appeals"), [
    ("A Tajik patrol came up to the fields and demanded that the farmers leave the land.", []),
    ("Students marched on the embassy, demanding a firm response.", []),
    ("Turkey demanded that Syria stop its attacks.", [("Turkey", "Syria")]),
])
def test_a_demand_is_an_appeal_only_to_a_side_named(extract, sentence, appeals) -> None:
    result = extract(sentence, "2017-05-18")
    assert [(_label(e.agent), _label(e.target)) for e in _events(result, "Appeal")] == appeals


@pytest.mark.parametrize("sentence", [
    "Bashir said there would be no talks until Heglig was liberated.",
    "Kiir told U.N. Secretary-General Ban Ki-moon by telephone that the army would leave.",
    "China was willing to settle disputes through peaceful negotiations.",
])
def test_talks_refused_a_call_reported_or_a_way_of_settling_are_no_talks(extract,
                                                                          sentence) -> None:
    assert not _events(extract(sentence, "2012-04-13"), "Talks")


@pytest.mark.parametrize("sentence", [
    "The crowd seized more than 30 people, among them four border guards.",
    "The crowd then seized four employees of the Batken district administration.",
])
def test_people_seized_are_no_ground_taken(extract, sentence) -> None:
    assert not _events(extract(sentence, "2013-01-07"), "Occupation")


def test_a_body_asked_for_assistance_is_appealed_to(extract) -> None:
    result = extract("Armenia and Azerbaijan fought. Armenia had formally asked the Collective "
                     "Security Treaty Organization for military assistance.", "2022-09-14")
    assert [(_label(e.agent), _label(e.target)) for e in _events(result, "Appeal")] == [
        ("Armenia", "Collective Security Treaty Organization")]


def test_an_appeal_after_an_accusation_is_the_accusers_act(extract) -> None:
    result = extract("The Somali Prime Minister, Abdirizak Haji Hussein, accused Kenya of \"a "
                     "campaign of terror\" against the Somali people and called on the "
                     "Organisation of African Unity to send observers.", "1967-03-14")
    assert [(_label(e.agent), _label(e.target)) for e in _events(result, "Appeal")] == [
        ("Abdirizak Haji Hussein", "Organization of African Unity")]


def test_a_shot_fired_by_a_sniper_is_fire_at_the_victim(extract) -> None:
    result = extract("YEREVAN - Private Arman Hakobyan was fatally wounded by a shot fired by an "
                     "Azerbaijani sniper on June 13, the Ministry of Defense of Armenia said.",
                     "2017-06-14")
    assert [(_label(e.agent), _label(e.target)) for e in _events(result, "ArmedClash")] == [
        ("Azerbaijan", "Armenia")]


def test_a_claimed_act_told_again_by_the_same_side_is_one_act(extract) -> None:
    result = extract("Armenia and Azerbaijan fought in May. An Armenian soldier was killed by "
                     "Azerbaijani gunfire on Tuesday, Armenia's Defence Ministry said. Private "
                     "Arsen Grigoryan was hit by a sniper's bullet near Verin Shorzha on Tuesday "
                     "and died, the ministry said.", "2021-05-25")
    assert [e.sentence for e in _events(result, "ArmedClash") if e.sentence > 0] == [1]


def test_a_since_phrase_with_the_acts_place_and_toll_is_an_earlier_clash(extract) -> None:
    result = extract("Tensions have run high since a violent clash between the two armies in "
                     "the Galwan Valley on June 15 in which 20 Indian soldiers were killed.",
                     "2020-09-11")
    (clash,) = _events(result, "ArmedClash")
    assert clash.earlier and clash.time is not None and clash.time.start.day == 15


def test_a_since_phrase_naming_a_period_is_no_clash(extract) -> None:
    result = extract("India and China held talks on Friday. The checkpoints had been closed "
                     "since the clashes of April 2021.", "2025-04-08")
    assert not _events(result, "ArmedClash")


@pytest.mark.parametrize("reporter", ["A communique", "A communique read on national radio"])
def test_a_bare_or_broadcast_communique_is_the_statement_of_who_spoke_last(extract,
                                                                           reporter) -> None:
    result = extract("Chadian troops have captured the town of Aouzou, the Chadian government "
                     f"said on Sunday. {reporter} said Chadian units attacked the town from "
                     "three directions.", "1987-08-09")
    assert _claimants(result, 1) == {"Government of Chad"}


def test_troops_that_have_taken_a_town_occupy_it(extract) -> None:
    result = extract("The Peruvian War Ministry said its troops had taken the town of Santa "
                     "Rosa. Officials said the troops took part in a parade.", "1941-07-28")
    assert [(e.sentence, _label(e.place)) for e in _events(result, "Occupation")] == [
        (0, "Santa Rosa")]


def test_the_two_neighbours_are_the_sides_that_share_a_border_not_a_third_party(
        extract) -> None:
    result = extract("Djibouti said Eritrea attacked its positions at Ras Doumeira on Tuesday. "
                     "France said it would help Djibouti. France has 2,900 troops in Djibouti, "
                     "and France flew supplies to the front. The two neighbours also clashed "
                     "over the same promontory in 1999.", "2008-06-17")
    (earlier,) = [e for e in _events(result, "ArmedClash") if e.sentence == 3]
    assert {p.label for p in earlier.participants} == {"Djibouti", "Eritrea"}



def test_fighting_told_before_and_the_two_sides_blamed_each_other_stays_the_articles(
        extract) -> None:
    result = extract("Armenian and Azerbaijani troops exchanged fire near Sotk on Tuesday "
                     "night, and the two sides blamed each other for the incident.",
                     "2021-07-28")
    told = [e for e in _events(result, "ArmedClash") if not e.claimed]
    assert [(_label(e.place), e.time.text if e.time else None) for e in told] == [
        ("Sotk", "Tuesday night")]
    assert len([e for e in _events(result, "ArmedClash") if e.claimed]) == 2


def test_an_accusation_of_lying_about_a_raid_alleges_no_raid(extract) -> None:
    result = extract("Colombian aircraft bombed a rebel camp inside Ecuador on Saturday. "
                     "Colombia and Ecuador have accused each other of lying about the raid.",
                     "2008-03-06")
    assert not [e for e in _events(result, "ArmedClash") if e.claimed]
    assert len(_events(result, "Accusation")) == 2


def test_a_speakers_word_for_an_act_told_before_is_that_act(extract) -> None:
    result = extract("Colombian aircraft bombed a rebel camp inside Ecuador on Saturday. "
                     "\"This was not hot pursuit, it was a massacre,\" Ecuador's President "
                     "Rafael Correa said on Wednesday.", "2008-03-06")
    (raid,) = _events(result, "ArmedClash")
    assert _label(raid.agent) == "Colombian forces" and raid.also == [1]


def test_an_act_blamed_for_its_toll_is_alleged_of_its_agent(extract) -> None:
    result = extract("Burma and Thailand traded fire on Saturday. Burma's ruling council "
                     "blamed the shelling of Tachileik by Thai artillery for the deaths of "
                     "three Burmese civilians.", "2001-02-13")
    (shelling,) = _events(result, "Shelling")
    assert shelling.claimed and _label(shelling.frame.claimant) == "Myanmar"
    assert _label(shelling.agent) == "Thai forces"
    assert [(_label(e.agent), _label(e.target)) for e in _events(result, "Accusation")] == [
        ("Myanmar", "Thai forces")]


def test_a_speaker_apposed_to_a_post_of_a_place_speaks_for_its_state(extract) -> None:
    result = extract("Pakistani and Afghan forces clashed at Torkham. Attaullah Khogyani, the "
                     "spokesman for the Nangarhar governor, told reporters in Jalalabad that "
                     "Pakistani forces had fired mortar shells at Afghan border posts.",
                     "2016-06-14")
    (frame, *_), = [c for c in result.claims if c[3] == 1]
    assert frame.claimant.state.endswith("/afghanistan")


def test_coordinated_munitions_fired_by_a_force_are_its_fire(extract) -> None:
    result = extract("Artillery shells and BM-21 rockets fired by Cambodian troops landed in "
                     "Kantharalak district, the army said.", "2011-02-05")
    (shelling,) = _events(result, "Shelling")
    assert _label(shelling.agent) == "Cambodian forces" and shelling.target is None


def test_the_army_command_of_a_datelined_report_is_the_home_states(extract) -> None:
    result = extract("AMMAN, Jordan (UPI) -- Jordanian tanks struck a column of Syrian armor "
                     "near Ramtha on Tuesday, the army command said.", "1970-09-22")
    assert {f.claimant.label for f, *_ in result.claims} == {"Jordan"}


def test_a_titled_persons_troops_are_no_new_state(extract) -> None:
    result = extract("Jordan and Syria fought near Ramtha. Damascus Radio accused King "
                     "Hussein's troops of shelling refugee camps in Amman.", "1970-09-22")
    assert not [e for e, _ in result.mentions if e.is_state and "Hussein" in e.label]


@pytest.mark.parametrize(("text", "agent"), [
    ("An Egyptian general was killed on Sunday by Israeli fire.", "Israel"),
    ("A Kyrgyz patrol came under heavy Tajik fire near Kok-Tash.", "Tajikistan"),
])
def test_a_victim_of_a_sides_fire_is_its_attack(extract, text, agent) -> None:
    (clash,) = _events(extract(text, "1969-03-10"), "ArmedClash")
    assert _label(clash.agent) == agent


def test_a_fire_that_broke_out_is_no_attack(extract) -> None:
    assert not extract("A fire broke out in the market on Sunday.", "1969-03-10").events


def test_guns_that_returned_the_fire_fired_back(extract) -> None:
    result = extract("Egyptian guns opened fire on Israeli posts on Saturday and Israeli "
                     "artillery returned the fire.", "1969-03-10")
    assert ("Israeli forces", "Shelling") in {(_label(e.agent), e.cls) for e in result.events}


def test_an_accusers_agentless_detail_after_its_accusation_is_the_same_act(extract) -> None:
    result = extract("Ghana on Saturday accused Togolese troops of shelling its border town of "
                     "Aflao. The shelling lasted about 20 minutes, the foreign ministry said. "
                     "It said mortar bombs had hit the town's market.", "1994-01-08")
    (shelling,) = _events(result, "Shelling")
    assert 2 in shelling.also


def test_the_sides_are_who_fights_not_a_mediator_named_more_often(extract) -> None:
    result = extract("Cambodian troops shelled Thai villages on Monday. Malaysia said it was "
                     "concerned. Malaysia urged restraint. Thai forces fired back on Tuesday. "
                     "The two countries also clashed in 2011.", "2025-12-15")
    (earlier,) = [e for e in _events(result, "ArmedClash") if e.sentence == 4]
    assert {p.label for p in earlier.participants} == {"Thailand", "Cambodia"}


def test_a_minister_who_spoke_in_a_capital_acts_for_its_state(extract) -> None:
    result = extract("Thai and Cambodian troops clashed on Friday. Indonesia urged both "
                     "countries to show restraint, Foreign Minister Marty Natalegawa said in "
                     "Jakarta.", "2011-02-05")
    speakers = {f.claimant.label: f.claimant for f, *_ in result.claims}
    assert speakers["Marty Natalegawa"].state.endswith("/indonesia")


def test_the_people_of_a_side_named_with_the_are_that_side(extract) -> None:
    result = extract("Argentina said the Chileans had fired first. Several hundred Chileans "
                     "marched in Santiago.", "1965-11-08")
    (clash,) = _events(result, "ArmedClash")
    assert _label(clash.agent) == "Chile"
    assert [s for e, s in result.mentions if e.label == "Chile"] == [0]


def test_whoever_came_under_fire_is_never_the_one_who_fired(extract) -> None:
    result = extract("Interior Minister Bernardo Leighton said the Chilean patrol came under "
                     "fire from about 90 Argentine gendarmes on Saturday.", "1965-11-08")
    (clash,) = _events(result, "ArmedClash")
    assert (_label(clash.agent), _label(clash.target)) == ("Argentina", "Chile")


def test_a_gendarmerie_is_a_body_of_the_state_its_adjective_names(extract) -> None:
    result = extract("Chile and Argentina traded fire. The Argentine National Gendarmerie "
                     "said the Chileans had fired first.", "1965-11-08")
    (body,) = [e for e, _ in result.mentions if "Gendarmerie" in e.label]
    assert body.state.endswith("/argentina")


@pytest.mark.parametrize("text", [
    "The Algerian army said 30 Algerian soldiers were killed and put Moroccan losses at "
    "seven dead and 18 wounded.",
    "The army said 30 Algerian soldiers were killed. It put Moroccan losses in the battle at "
    "seven dead and 18 wounded.",
])
def test_a_count_put_after_what_was_said_is_claimed_with_put(extract, text) -> None:
    result = extract("ALGIERS (AP) - Morocco and Algeria fought near Tinjoub. " + text,
                     "1963-10-15")
    verbs = [f.verb for f, kind, figure, _ in result.claims if kind == "figure"]
    assert verbs.count("put") == 2 and verbs.count("say") == 1


def test_our_troops_came_under_fire_is_the_other_sides_attack_on_the_speakers(
        extract) -> None:
    result = extract("Cambodia and Thailand agreed to a ceasefire. \"Our troops came under fire "
                     "first,\" Thai army spokesman Winthai Suvaree said.", "2025-07-28")
    (clash,) = _events(result, "ArmedClash")
    assert (_label(clash.agent), _label(clash.target)) == ("Cambodia", "Thailand")


def test_his_spokesman_speaks_for_whom_he_acts_for(extract) -> None:
    result = extract("Kyrgyz and Tajik troops clashed on Friday. U.N. Secretary-General "
                     "Antonio Guterres called on Kyrgyzstan and Tajikistan to respect the "
                     "cease-fire, his spokesman Stephane Dujarric said.", "2022-09-17")
    speakers = {f.claimant.label: f.claimant for f, *_ in result.claims}
    assert speakers["Stephane Dujarric"].state.endswith("/united-nations")


def test_a_spokesperson_based_in_a_sides_town_speaks_for_it(extract) -> None:
    result = extract("A soldier was killed in the shelling of forward posts by Pakistani "
                     "troops in Poonch. \"Indian Army is retaliating befittingly,\" said Lt Col "
                     "Devender Anand, the Jammu-based defence spokesperson.", "2020-06-13")
    speakers = {f.claimant.label: f.claimant for f, *_ in result.claims}
    assert speakers["Devender Anand"].state.endswith("/india")
    assert ("Indian forces", True) in {(_label(e.agent), e.claimed)
                                       for e in _events(result, "ArmedClash")}


def test_each_army_blamed_the_other_is_a_mutual_blame(extract) -> None:
    result = extract("Indian and Pakistani troops traded fire in Poonch on Friday. Each army "
                     "blamed the other for initiating the firing.", "2020-06-13")
    assert {(_label(e.agent), _label(e.target)) for e in _events(result, "Accusation")} == {
        ("India", "Pakistan"), ("Pakistan", "India")}


def test_residents_moved_to_community_bunkers_are_evacuated(extract) -> None:
    result = extract("Residents of Salotri and Degwar have been moved to community bunkers as "
                     "a precaution, the deputy commissioner said.", "2020-06-13")
    assert _events(result, "Evacuation")


def test_a_rank_or_post_before_a_name_is_no_part_of_it(extract) -> None:
    result = extract("Indian and Pakistani troops traded fire. Residents were moved to bunkers, "
                     "Poonch Deputy Commissioner Rahul Yadav said. Havildar Deepak Kumar was "
                     "killed, the army said.", "2020-06-13")
    people = {e.label for e, _ in result.mentions if e.is_a("Person")}
    assert "Rahul Yadav" in people and not any(p.startswith(("Commissioner", "Deputy", "Havildar"))
                                              for p in people)


def test_both_sides_blamed_each_other_for_nothing_named_is_the_act_just_told(extract) -> None:
    result = extract("A Kyrgyz villager was hit by a bullet during a firefight with Tajik "
                     "border guards late on January 18. Both sides blamed each other.",
                     "2023-01-31")
    alleged = {(_label(e.agent), _label(e.frame.claimant)) for e in _events(result, "ArmedClash")
               if e.claimed}
    assert alleged == {("Tajikistan", "Kyrgyzstan"), ("Kyrgyzstan", "Tajikistan")}
    assert len(_events(result, "Accusation")) == 2


def test_its_forces_are_of_the_side_the_clause_named_not_the_reporters(extract) -> None:
    result = extract("BISHKEK, (Kabar) - Kyrgyz and Tajik guards clashed on Tuesday. The Tajik "
                     "side broke the truce on Wednesday, when its servicemen shelled the Kyrgyz "
                     "outpost near Samarkandek with mortars, the Border Service said.",
                     "2021-11-17")
    (shelling,) = _events(result, "Shelling")
    assert _label(shelling.agent) == "Tajikistan" and shelling.claimed


def test_talks_with_someone_are_between_the_subject_and_them(extract) -> None:
    result = extract("Jordan and Syria fought near Ramtha. A mission led by Sudan's President "
                     "Jaafar Nimeiri met King Hussein of Jordan in Amman on Monday night and flew "
                     "on to Damascus on Tuesday for talks with Syria's President Nureddin "
                     "al-Atassi.", "1970-09-22")
    (talks,) = _events(result, "Talks")
    assert {p.label for p in talks.participants} == {"Sudan", "Syria"}


def test_forces_that_captured_others_took_people_not_ground(extract) -> None:
    result = extract("Thai and Cambodian troops clashed. Cambodian army spokesman Chhum Socheat "
                     "said two Thai soldiers were killed and that Cambodian forces had captured "
                     "about 10 others.", "2009-04-03")
    assert not _events(result, "Occupation")
