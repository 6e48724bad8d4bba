"""Page furniture yields nothing: datelines, credit lines, pointers to other stories, photo
credits, bylines and the page's own timestamps."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.corpus import Article
from graph.document import BODY, BOILERPLATE, segment


def _roles(text: str) -> list[tuple[str, str]]:
    article = Article(slug="t", file="t.txt", title="Guards clash on the border",
                      reported_date=dt.date(2025, 5, 7), text=text)
    return [(s.role, s.text) for s in segment(article)]


@pytest.mark.parametrize(("line", "rest"), [
    pytest.param("KHUJAND, Tajikistan — Guards traded fire.", "Guards traded fire.",
                 id="place-country-dash"),
    pytest.param("DUSHANBE (Reuters) - Guards traded fire.", "Guards traded fire.",
                 id="place-agency"),
    pytest.param("BISHKEK, Sept 16 (Reuters) - Guards traded fire.", "Guards traded fire.",
                 id="place-date-agency"),
    pytest.param("Yerevan, May 7 (AFP) - Guards traded fire.", "Guards traded fire.",
                 id="mixed-case-with-agency"),
    pytest.param("BAKU -- Guards traded fire.", "Guards traded fire.", id="double-hyphen"),
    pytest.param("NAIROBI, Aug 10 (Reuter) - Guards traded fire.", "Guards traded fire.",
                 id="agency-in-the-singular"),
    pytest.param("New Delhi, Dec 13 (PTI) Guards traded fire.", "Guards traded fire.",
                 id="agency-without-a-dash"),
    pytest.param("DUSHANBE, December 1, 2025, Asia-Plus -- Guards traded fire.",
                 "Guards traded fire.", id="agency-after-the-date"),
])
def test_dateline_is_furniture_and_the_sentence_stays(line, rest) -> None:
    roles = _roles(line)
    assert roles[0][0] == BOILERPLATE and rest not in roles[0][1]
    assert roles[1] == (BODY, rest)


def test_a_capitalised_subject_with_a_dash_is_no_dateline() -> None:
    roles = _roles("Kyrgyz forces - and their Tajik rivals - traded fire.")
    assert [r for r, _ in roles] == [BODY]


@pytest.mark.parametrize("line", [
    pytest.param("(Reporting by Jane Roe in Bishkek; Editing by Tom Poe)", id="credit"),
    pytest.param("Additional reporting by Ann Lee", id="additional-reporting"),
    pytest.param("Read more: Why the border keeps flaring", id="read-more"),
    pytest.param("READ MORE", id="read-more-marker"),
    pytest.param("Photo: AFP", id="photo-credit"),
    pytest.param("Photograph by Jane Roe / Reuters", id="photograph-by"),
    pytest.param("AFP via Getty Images", id="getty"),
    pytest.param("By Jane Roe and John Doe, Reuters", id="byline"),
    pytest.param("By JANE ROE", id="byline-caps"),
    pytest.param("Updated 10:32 GMT", id="updated"),
    pytest.param("Published 7 May 2025", id="published"),
    pytest.param("Last updated: May 7, 2025 at 14:05", id="last-updated"),
    pytest.param("Wednesday, May 7, 2025", id="date-line"),
    # web pages' own header lines
    pytest.param("Jane Roe, Central Asia correspondent, and agencies", id="correspondent"),
    pytest.param("WRITER: Jane Roe", id="writer-label"),
    pytest.param("World News | Written by Jane Roe | Updated: May 7, 2025 4:05 pm IST",
                 id="piped-byline-and-update"),
    pytest.param("Jane Roe | Published May 7, 2025 | Updated about 3 hours ago",
                 id="piped-published"),
    pytest.param("Publication date 7 May 2025 | 18:04 ICT", id="publication-date"),
    pytest.param("Wed 7 May 2025 15.20 BST", id="abbreviated-weekday"),
    pytest.param("TNN / May 7, 2025, 05:42 IST", id="agency-slash-date"),
])
def test_furniture_lines(line) -> None:
    assert _roles("Guards traded fire on Monday.\n\n" + line) == [
        (BODY, "Guards traded fire on Monday."), (BOILERPLATE, line)]


def test_credit_at_the_end_of_a_paragraph_is_cut_off() -> None:
    assert _roles("The truce held. (Reporting by Jane Roe; Editing by Tom Poe)") == [
        (BODY, "The truce held."),
        (BOILERPLATE, "(Reporting by Jane Roe; Editing by Tom Poe)")]


def test_by_starting_a_sentence_is_prose() -> None:
    roles = _roles("By Friday the guns had fallen silent.")
    assert roles == [(BODY, "By Friday the guns had fallen silent.")]


def test_dateline_place_and_page_dates_give_no_event_place_or_time(extract) -> None:
    result = extract("Updated 10:32 GMT\n\nKHUJAND, Tajikistan — Kyrgyz troops shelled the "
                     "village of Vorukh on Tuesday.\n\n(Reporting by Jane Roe; Editing by "
                     "Tom Poe)", date="2025-05-07")
    (event,) = [e for e in result.events if e.cls == "Shelling"]
    assert event.place is not None and event.place.label == "Vorukh"
    assert [t.start for t, _, _ in result.times] == [dt.date(2025, 5, 6)]
    assert "Khujand" not in {e.label for e, _ in result.mentions}


def test_wire_page_furniture_around_a_report() -> None:
    text = ("By Jane Roe and John Doe\nAssociated Press\n\nNEW DELHI/BEIJING (Reuters) - "
            "Guards traded fire.\n\nAP writer Ann Lee in Tallinn, Estonia, contributed to "
            "this report.\n\nRead more:\n- Explainer: Why the border keeps flaring")
    assert [(r, t) for r, t in _roles(text) if r == BODY] == [(BODY, "Guards traded fire.")]


@pytest.mark.parametrize("line", [
    pytest.param("Copyright 1995 by United Press International.", id="copyright"),
    pytest.param("All rights reserved.", id="rights-reserved"),
    pytest.param("SOURCE: AL JAZEERA AND NEWS AGENCIES", id="source-line"),
    pytest.param("Written by Jane Roe based on reporting by John Doe", id="written-by"),
    pytest.param("Used with the permission of Radio Free Europe/Radio Liberty", id="permission"),
    pytest.param("NEWSPAPER SECTION: News", id="section-line"),
    pytest.param("The agency's website contains only a portion of the news stories offered to "
                 "subscribers.", id="agency-website-notice"),
])
def test_rights_and_source_lines(line) -> None:
    assert _roles("Guards traded fire on Monday.\n\n" + line)[-1] == (BOILERPLATE, line)


def test_dateline_that_opens_with_a_date() -> None:
    assert _roles("April 11, 2012 (KHARTOUM) - Guards traded fire.") == [
        (BOILERPLATE, "April 11, 2012 (KHARTOUM) -"), (BODY, "Guards traded fire.")]


def test_a_clock_time_with_its_zone_does_not_end_a_sentence() -> None:
    assert _roles("The truce began at 9 a.m. Moscow time, officials said.") == [
        (BODY, "The truce began at 9 a.m. Moscow time, officials said.")]


def test_a_clock_time_with_its_day_does_not_end_a_sentence() -> None:
    assert _roles("Talks will open at 6 p.m. Saturday, officials said. Shelling went on.") == [
        (BODY, "Talks will open at 6 p.m. Saturday, officials said."),
        (BODY, "Shelling went on.")]
    assert [r for r, _ in _roles("The truce began at 8 a.m. Saturday was quiet.")] == [
        BODY, BODY]


def test_a_clock_time_before_the_clauses_subject_does_not_end_a_sentence() -> None:
    text = ("According to the service, at around 6 a.m. Tajik border guards occupied "
            "positions near Bulakbashy. The talks ended at 5 p.m. The next round is due in "
            "May.")
    assert [t for _, t in _roles(text)] == [
        "According to the service, at around 6 a.m. Tajik border guards occupied positions "
        "near Bulakbashy.", "The talks ended at 5 p.m.", "The next round is due in May."]


@pytest.mark.parametrize("dateline", [
    "BISHKEK, September 16. /TASS/.",
    'DUSHANBE, 11.01.2023 /NIAT "Khovar"/.',
    "Bishkek, September 18, 2024 / Kabar /.",
])
def test_dateline_with_the_agency_between_slashes(dateline: str) -> None:
    assert _roles(dateline + " Guards traded fire.") == [
        (BOILERPLATE, dateline), (BODY, "Guards traded fire.")]


def test_a_teaser_in_the_middle_of_a_page_ends_where_the_report_goes_on() -> None:
    roles = _roles("Guards traded fire on Monday.\n\nRead more:\n\nArmenia, Azerbaijan trade "
                   "blame over border clashes\n\nRussia, which has a military alliance with "
                   "Armenia, called on both sides to stop firing immediately.\n")
    assert [r for r, _ in roles] == [BODY, BOILERPLATE, BOILERPLATE, BODY]


def test_a_list_of_teasers_at_the_end_stays_furniture() -> None:
    roles = _roles("Guards traded fire on Monday.\n\nRelated\n\nWhy the border keeps flaring\n\n"
                   "Kyrgyz and Tajik leaders meet in Moscow\n")
    assert [r for r, _ in roles] == [BODY, BOILERPLATE, BOILERPLATE, BOILERPLATE]


@pytest.mark.parametrize("line", [
    "News / Tajikistan / Security",
    "Home › National",
    "Home > World",
    "Associated Press Writer",
    "(With inputs from PTI)",
    "Tags: Batken, border, Tajikistan",
])
def test_page_furniture_lines_of_web_pages(line: str) -> None:
    assert _roles("Guards traded fire on Monday.\n\n" + line + "\n\nThe army said so.\n") == [
        (BODY, "Guards traded fire on Monday."), (BOILERPLATE, line), (BODY, "The army said so.")]


def test_authors_joined_by_and_over_the_page_date_are_a_byline() -> None:
    roles = _roles("Rockets fly at Ta Krabey\n\nVong Sokheng and Meas Sokchea\n\n"
                   "Wednesday, 27 April 2011\n\nGuards traded fire on Monday.\n")
    assert (BOILERPLATE, "Vong Sokheng and Meas Sokchea") in roles


def test_a_line_with_a_slash_in_a_sentence_stays_the_report() -> None:
    roles = _roles("Guards traded fire on Monday.\n\nThe army and/or police said so.\n")
    assert [r for r, _ in roles] == [BODY, BODY]


def test_a_sentence_ends_after_kilometres() -> None:
    roles = _roles("Azerbaijani units advanced about 3.5 km. Armenia asked for help.\n")
    assert [t for _, t in roles] == ["Azerbaijani units advanced about 3.5 km.",
                                     "Armenia asked for help."]
