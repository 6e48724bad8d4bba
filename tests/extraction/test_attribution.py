"""Attribution wherever it sits: sentence-final and inverted reporters, pronoun and
definite reporters across sentences, "was quoted as saying", the range of reporting
verbs; background reports are no claim by anyone."""

from __future__ import annotations

import pytest


def _claims(result):
    return sorted({(f.claimant.label, f.verb, getattr(item, "cls", "CasualtyFigure"))
                   for f, _, item, _ in result.claims})


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Kyrgyz troops shelled the village of Dostuk, the Tajik border service said "
                 "in a statement.", ("Border Troops of Tajikistan", "say", "Shelling"),
                 id="sentence-final-in-a-statement"),
    pytest.param("Two civilians were killed, said Kyrgyz President Sadyr Japarov.",
                 ("Sadyr Japarov", "say", "CasualtyFigure"), id="inverted-reporter"),
    pytest.param("Uzbek troops shelled a border post, Kazakh President Kassym-Jomart "
                 "Tokayev told reporters in Astana.",
                 ("Kassym-Jomart Tokayev", "tell", "Shelling"), id="told-reporters-in-place"),
    pytest.param("Kazakh President Kassym-Jomart Tokayev told parliament that Uzbek troops "
                 "shelled a border post.", ("Kassym-Jomart Tokayev", "tell", "Shelling"),
                 id="told-parliament-that"),
    pytest.param("Tajik President Emomali Rahmon was quoted by state media as saying that "
                 "Kyrgyz troops shelled the village of Vorukh.",
                 ("Emomali Rahmon", "say", "Shelling"), id="quoted-as-saying"),
    pytest.param("The Kyrgyz border service, which guards the frontier, said Tajik troops "
                 "shelled an outpost.", ("Border Guard Service of Kyrgyzstan", "say",
                                                     "Shelling"),
                 id="subject-with-relative-clause"),
    pytest.param("The Tajik border service spokesman, Rustam Nazarov, said Kyrgyz troops "
                 "shelled an outpost.", ("Rustam Nazarov", "say", "Shelling"),
                 id="appositive-name-speaks"),
    pytest.param("Tajikistan's security committee charged that Kyrgyz soldiers had opened "
                 "fire on the village of Chorkuh.",
                 ("State Committee for National Security of Tajikistan", "charge",
                  "ArmedClash"), id="charged-that"),
])
def test_reporter_where_it_sits(extract, text, expected) -> None:
    assert expected in _claims(extract(text))


@pytest.mark.parametrize("verb", ["stressed", "underlined", "noted", "warned", "alleged",
                                  "insisted", "confirmed", "announced", "condemned"])
def test_reporting_verbs(extract, verb) -> None:
    result = extract(f"The Tajik border service {verb} that Kyrgyz troops shelled an outpost.")
    assert [(f.claimant.label, what) for f, what, _, _ in result.claims] == [
        ("Border Troops of Tajikistan", "event")]


@pytest.mark.parametrize(("second", "claimant"), [
    pytest.param("Two civilians were wounded, it said.", "Border Guard Service of Kyrgyzstan",
                 id="it-said"),
    pytest.param("It said two civilians were wounded.", "Border Guard Service of Kyrgyzstan",
                 id="it-said-first"),
    pytest.param("The statement added that two civilians were wounded.",
                 "Border Guard Service of Kyrgyzstan", id="the-statement-added"),
    pytest.param("Two civilians were wounded, the service said.",
                 "Border Guard Service of Kyrgyzstan", id="the-service-said"),
])
def test_reporter_across_sentences(extract, second, claimant) -> None:
    result = extract("Kyrgyzstan's border service said Tajik troops shelled an outpost. "
                     + second)
    figures = [(f.claimant.label, item.count) for f, what, item, _ in result.claims
               if what == "figure"]
    assert figures == [(claimant, 2)]


def test_he_said_is_the_last_person_who_spoke(extract) -> None:
    result = extract("Kyrgyz President Sadyr Japarov said Tajik troops shelled an outpost. "
                     "Two soldiers were killed, he said.")
    assert ("Sadyr Japarov", "say", "CasualtyFigure") in _claims(result)


def test_accused_of_with_a_long_accused_and_a_second_claim(extract) -> None:
    result = extract("Tajikistan accused the army of the Kyrgyz Republic of shelling border "
                     "villages and claimed that two Tajik civilians were killed.")
    claims = _claims(result)
    assert ("Tajikistan", "accuse", "Shelling") in claims
    assert ("Tajikistan", "claim", "CasualtyFigure") in claims
    (shelling,) = [e for e in result.events if e.cls == "Shelling"]
    assert shelling.agent is not None and shelling.agent.label != "Tajikistan"


def test_after_reports_of_shooting_is_no_claim(extract) -> None:
    result = extract("Kyrgyz guards were put on alert after reports of fresh shooting near "
                     "the border.")
    assert result.claims == []


def test_a_warning_without_a_number_is_no_figure(extract) -> None:
    result = extract("Kyrgyz officials warned that the toll would rise.")
    assert result.figures == []


def test_inverted_reporter_after_a_quotation(extract) -> None:
    result = extract('"Kyrgyz soldiers opened fire first," said Tajik President Emomali Rahmon.')
    assert ("Emomali Rahmon", "say", "ArmedClash") in _claims(result)


def test_a_surname_is_the_person_named_before(extract) -> None:
    result = extract("Kazakh Foreign Minister Murat Nurtleu said talks were held. The two "
                     "countries agreed to a ceasefire on Saturday, Nurtleu said earlier.")
    assert ("Murat Nurtleu", "say", "CeasefireAgreement") in _claims(result)


def test_while_separates_two_statements(extract) -> None:
    result = extract("Kazakhstan urged calm, while Uzbekistan said Kazakh troops shelled a "
                     "border post.")
    assert _claims(result) == [("Uzbekistan", "say", "Shelling")]


def _claimant_states(result):
    return {(f.claimant.label, f.claimant.state.rsplit("/", 1)[-1] if f.claimant.state
             else None) for f, _, _, _ in result.claims}


def test_an_inverted_speaker_acts_for_the_body_of_his_apposition(extract) -> None:
    result = extract("Two Kyrgyz soldiers were killed, said Colonel Aibek Osmonov, spokesman "
                     "for the Kyrgyz border service.")
    assert ("Aibek Osmonov", "kyrgyzstan") in _claimant_states(result)


def test_a_speaker_for_the_ministry_acts_for_the_claimant_before(extract) -> None:
    result = extract("Tajikistan's defence ministry said Kyrgyz troops shelled an outpost. "
                     '"They fired first," said Colonel Rustam Nazarov, a spokesman for the '
                     "ministry.")
    assert ("Rustam Nazarov", "tajikistan") in _claimant_states(result)


def test_the_appositive_speaker_of_a_body_acts_for_its_state(extract) -> None:
    result = extract("The Tajik border service spokesman, Rustam Nazarov, said Kyrgyz troops "
                     "shelled an outpost.")
    assert ("Rustam Nazarov", "tajikistan") in _claimant_states(result)


def test_statement_posted_on_a_channel_is_an_adjunct(extract) -> None:
    result = extract("Kyrgyz troops shelled an outpost, the Tajik border service said in a "
                     "statement posted on Telegram.")
    assert _claims(result) == [("Border Troops of Tajikistan", "say", "Shelling")]


def test_adding_that_is_a_second_claim_of_the_reporter(extract) -> None:
    result = extract("Two soldiers were killed, Tajikistan's border service said, adding that "
                     "Kyrgyz troops had shelled an outpost.")
    assert _claims(result) == [("Border Troops of Tajikistan", "add", "Shelling"),
                               ("Border Troops of Tajikistan", "say", "CasualtyFigure")]
    assert all(e.claimed for e in result.events)


def test_a_denied_act_is_neither_claimed_nor_stated(extract) -> None:
    result = extract("Tajikistan denied that its troops had shelled Kyrgyz villages.")
    assert result.claims == [] and result.events == []


def test_quoted_as_saying_after_its_claim(extract) -> None:
    result = extract("Tajik troops attacked Kyrgyz positions, Kyrgyz President Sadyr Japarov "
                     "was quoted as saying by state media.")
    assert ("Sadyr Japarov", "say", "ArmedClash") in _claims(result)


def test_said_in_a_video_address(extract) -> None:
    result = extract("Tajik troops shelled Kyrgyz villages, Kyrgyz President Sadyr Japarov "
                     "said in a video address.")
    assert ("Sadyr Japarov", "say", "Shelling") in _claims(result)


def test_according_to_estimates_has_no_source(extract) -> None:
    result = extract("According to unofficial estimates, Tajik troops shelled ten villages.")
    assert result.claims == []
