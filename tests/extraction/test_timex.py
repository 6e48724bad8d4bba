"""Time expressions resolved against the reported date, words and precision kept; the
extent is TimeML's TIMEX3 (no leading signal word)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.rules import get_rules
from graph.extract.timex import TimeContext, Timex, find_times

ANCHOR = dt.date(2021, 4, 30)  # a Friday


@pytest.mark.parametrize(("sentence", "text", "start", "end", "precision"), [
    pytest.param("Shooting resumed on Wednesday.", "Wednesday", "2021-04-28", "2021-04-28",
                 "Day", id="weekday"),
    pytest.param("Officials said Friday that talks went on.", "Friday", "2021-04-30",
                 "2021-04-30", "Day", id="weekday-is-reported-day"),
    pytest.param("Guards clashed late on Thursday night.", "late on Thursday night",
                 "2021-04-29", "2021-04-29", "PartOfDay", id="part-of-day"),
    pytest.param("The dispute flared three days ago.", "three days ago", "2021-04-27",
                 "2021-04-27", "Day", id="days-ago"),
    pytest.param("The two sides fought on April 14-16 near the canal.", "April 14-16",
                 "2021-04-14", "2021-04-16", "Day", id="range-of-days"),
    pytest.param("Talks were held on 27-28 April in Isfara.", "27-28 April", "2021-04-27",
                 "2021-04-28", "Day", id="range-of-days-first"),
    pytest.param("Two villages were shelled overnight.", "overnight", "2021-04-29",
                 "2021-04-30", "PartOfDay", id="overnight"),
    pytest.param("A soldier died earlier this week.", "earlier this week", "2021-04-26",
                 "2021-04-30", "Week", id="this-week"),
    pytest.param("Leaders met last week in the capital.", "last week", "2021-04-19",
                 "2021-04-25", "Week", id="last-week"),
    pytest.param("A similar standoff happened last year.", "last year", "2020-01-01",
                 "2020-12-31", "Year", id="last-year"),
    pytest.param("Water talks failed a year ago.", "a year ago", "2020-01-01", "2020-12-31",
                 "Year", id="a-year-ago"),
    pytest.param("Grazing rights were agreed last month.", "last month", "2021-03-01",
                 "2021-03-31", "Month", id="last-month"),
    pytest.param("The photo was taken on 12 March 2019.", "12 March 2019", "2019-03-12",
                 "2019-03-12", "Day", id="calendar-date"),
    pytest.param("Fighting lasted for the past three days.", "the past three days",
                 "2021-04-27", "2021-04-30", "Day", id="duration"),
])
def test_resolves(sentence, text, start, end, precision) -> None:
    found = find_times(sentence, ANCHOR, get_rules())
    assert [(t.text, t.start.isoformat(), t.stop.isoformat(), t.precision) for t in found] == [
        (text, start, end, precision)]


def test_no_time_in_plain_sentence() -> None:
    assert find_times("The border has never been fully demarcated.", ANCHOR, get_rules()) == []


def test_weekday_never_after_the_reported_date() -> None:
    (found,) = find_times("Residents fled on Saturday.", ANCHOR, get_rules())
    assert found.start == dt.date(2021, 4, 24)


@pytest.mark.parametrize(("sentence", "text", "start", "end", "precision"), [
    pytest.param("The war broke out in 1991.", "1991", "1991-01-01", "1991-12-31", "Year",
                 id="year-without-signal"),
    pytest.param("It was the worst toll since the 2020 war.", "2020", "2020-01-01",
                 "2020-12-31", "Year", id="year-as-modifier"),
    pytest.param("Shots rang out on Wednesday, April 28, 2021, residents said.",
                 "Wednesday, April 28, 2021", "2021-04-28", "2021-04-28", "Day",
                 id="weekday-and-date-are-one"),
    pytest.param("Guards clashed on Monday night.", "Monday night", "2021-04-26", "2021-04-26",
                 "PartOfDay", id="weekday-night"),
    pytest.param("The attack began in the early morning hours of April 29.",
                 "the early morning hours of April 29", "2021-04-29", "2021-04-29",
                 "PartOfDay", id="early-morning-hours-of"),
    pytest.param("Shots were heard on the night of 28 April.", "the night of 28 April",
                 "2021-04-28", "2021-04-28", "PartOfDay", id="night-of"),
    pytest.param("A similar clash happened in April last year.", "April last year",
                 "2020-04-01", "2020-04-30", "Month", id="month-last-year"),
    pytest.param("A similar clash happened last March.", "last March", "2021-03-01",
                 "2021-03-31", "Month", id="last-month-name"),
    pytest.param("Tensions rose in early April.", "early April", "2021-04-01", "2021-04-30",
                 "Month", id="early-month"),
    pytest.param("Talks will resume later this month.", "later this month", "2021-04-30",
                 "2021-04-30", "Month", id="later-this-month"),
    pytest.param("Guards came under fire this morning.", "this morning", "2021-04-30",
                 "2021-04-30", "PartOfDay", id="this-morning"),
    pytest.param("The attack happened earlier in the day.", "earlier in the day",
                 "2021-04-30", "2021-04-30", "Day", id="earlier-in-the-day"),
    pytest.param("Clashes continued over the weekend.", "the weekend", "2021-04-24",
                 "2021-04-25", "Week", id="the-weekend"),
    pytest.param("By evening the guns had fallen silent.", "evening", "2021-04-30",
                 "2021-04-30", "PartOfDay", id="by-evening"),
])
def test_resolves_timex3(sentence, text, start, end, precision) -> None:
    found = find_times(sentence, ANCHOR, get_rules())
    assert [(t.text, t.start.isoformat(), t.stop.isoformat(), t.precision) for t in found] == [
        (text, start, end, precision)]


def test_a_count_is_not_a_year() -> None:
    assert find_times("Some 2000 troops and 1,500 people moved 2010 km.", ANCHOR,
                      get_rules()) == []


def _article(*sentences: str) -> list[list[tuple[str, str, str]]]:
    context = TimeContext(ANCHOR)
    return [[(t.text, t.start.isoformat(), t.precision)
             for t in find_times(s, ANCHOR, get_rules(), context)] for s in sentences]


def test_date_without_year_takes_the_year_its_context_set() -> None:
    assert _article("In 2013, the two sides fought near the village.",
                    "On May 7, guards exchanged fire.") == [
        [("2013", "2013-01-01", "Year")], [("May 7", "2013-05-07", "Day")]]


def test_date_without_year_and_no_context_is_the_latest_before_the_report() -> None:
    assert _article("On May 7, guards exchanged fire.") == [[("May 7", "2020-05-07", "Day")]]


def test_next_day_and_later_that_day_count_from_the_previous_time() -> None:
    assert _article("Talks began on Monday.", "Later that day, shelling resumed.",
                    "The next day the truce collapsed.") == [
        [("Monday", "2021-04-26", "Day")], [("Later that day", "2021-04-26", "Day")],
        [("The next day", "2021-04-27", "Day")]]


def test_the_next_day_without_an_earlier_time_is_not_resolved() -> None:
    assert _article("The next day the truce collapsed.") == [[]]


def test_clock_time_keeps_its_day_with_finer_precision() -> None:
    (clock, day) = find_times("The attack started at 8:50 a.m. local time on Wednesday.",
                              ANCHOR, get_rules())
    assert (clock.text, clock.start.isoformat(), clock.precision, clock.clock) == (
        "8:50 a.m. local time", "2021-04-28", "TimeOfDay", "08:50")
    assert day.text == "Wednesday"


def test_clock_time_alone_is_on_the_reported_day() -> None:
    (clock,) = find_times("The truce took effect from 9 a.m. Moscow time.", ANCHOR,
                          get_rules())
    assert (clock.text, clock.start, clock.clock) == ("9 a.m. Moscow time", ANCHOR, "09:00")


def test_today_inside_a_quotation_is_the_day_of_the_statement() -> None:
    found = find_times('"Today we were attacked," the minister said on Tuesday.', ANCHOR,
                       get_rules())
    assert [(t.text, t.start.isoformat()) for t in found] == [
        ("Today", "2021-04-27"), ("Tuesday", "2021-04-27")]


def test_annotator_timex_fills_what_the_rules_miss() -> None:
    text = "Shelling resumed the day before yesterday."
    b = text.index("the day")
    (found,) = find_times(text, ANCHOR, get_rules(), annotated=[
        Timex(b, len(text) - 1, "the day before yesterday", "DATE", "2021-04-28")])
    assert (found.text, found.start.isoformat(), found.precision) == (
        "the day before yesterday", "2021-04-28", "Day")


@pytest.mark.parametrize(("sentence", "text", "start", "precision"), [
    pytest.param("Explosions were heard earlier this evening.", "earlier this evening",
                 "2021-04-30", "PartOfDay", id="earlier-this-evening"),
    pytest.param("Earlier on Wednesday, explosions were heard.", "Earlier on Wednesday",
                 "2021-04-28", "Day", id="earlier-on-weekday"),
    pytest.param("Envoys were invited to talks in Moscow on Tuesday.", "Tuesday", "2021-05-04",
                 "Day", id="future-weekday"),
])
def test_modifiers_and_future_weekdays(sentence, text, start, precision) -> None:
    found = find_times(sentence, ANCHOR, get_rules())
    assert [(t.text, t.start.isoformat(), t.precision) for t in found] == [
        (text, start, precision)]


def test_a_day_after_is_the_day_before_the_sentence_time() -> None:
    found = find_times("The army said on Thursday it was fighting back, a day after troops "
                       "seized the area.", ANCHOR, get_rules())
    assert [(t.text, t.start.isoformat()) for t in found] == [
        ("Thursday", "2021-04-29"), ("a day after", "2021-04-28")]


def test_a_year_earlier_counts_from_the_year_before_it() -> None:
    found = find_times("The rebels were defeated in 2013 after seizing the city a year earlier.",
                       ANCHOR, get_rules())
    assert [(t.text, t.start.isoformat(), t.precision) for t in found] == [
        ("2013", "2013-01-01", "Year"), ("a year earlier", "2012-01-01", "Year")]


def test_dawn_takes_the_sentence_day() -> None:
    found = find_times("Fighting broke out at dawn on Wednesday.", ANCHOR, get_rules())
    assert [(t.text, t.start.isoformat(), t.precision) for t in found] == [
        ("dawn", "2021-04-28", "PartOfDay"), ("Wednesday", "2021-04-28", "Day")]


def test_annotator_words_alone_are_not_times() -> None:
    text = "Talks went on for a night, said Ali Jan Ahmadi."
    found = find_times(text, ANCHOR, get_rules(), annotated=[
        Timex(text.index("night"), text.index("night") + 5, "night", "TIME", "2021-04-30TNI"),
        Timex(text.index("Jan"), text.index("Jan") + 3, "Jan", "DATE", "2021-01")])
    assert found == []


def test_into_the_night_is_that_days_night() -> None:
    found = find_times("Fighting began on Monday morning and continued into the night.", ANCHOR,
                       get_rules())
    assert [(t.text, t.start.isoformat(), t.precision) for t in found] == [
        ("Monday morning", "2021-04-26", "PartOfDay"), ("the night", "2021-04-26", "PartOfDay")]


def test_a_planned_date_is_the_coming_one() -> None:
    (found,) = find_times("Leaders will attend a summit planned for March 3.", ANCHOR,
                          get_rules())
    assert found.start.isoformat() == "2022-03-03"


def test_an_hour_later_is_the_day_of_the_time_before() -> None:
    ctx = TimeContext(ANCHOR)
    rules = get_rules()
    find_times("Guards fired on a patrol at about 4 p.m. on Wednesday.", ANCHOR, rules, ctx)
    (later,) = find_times("About an hour later, mortars were fired.", ANCHOR, rules, ctx)
    assert (later.text, later.start.isoformat(), later.precision) == (
        "an hour later", "2021-04-28", "TimeOfDay")


def test_the_annotators_expression_loses_its_signal_word_too() -> None:
    sentence = "About an hour later, mortars were fired."
    wider = Timex(begin=0, end=19, text="About an hour later", type="DATE", value="2021-04-30")
    ctx = TimeContext(ANCHOR)
    find_times("Guards fired on a patrol on Wednesday.", ANCHOR, get_rules(), ctx)
    (later,) = find_times(sentence, ANCHOR, get_rules(), ctx, annotated=[wider])
    assert (later.text, later.start.isoformat()) == ("an hour later", "2021-04-28")


def test_days_earlier_counts_back_from_the_previous_time() -> None:
    ctx = TimeContext(ANCHOR)
    find_times("Fighting broke out on Thursday.", ANCHOR, get_rules(), ctx)
    (earlier,) = find_times("A truce agreed three days earlier collapsed.", ANCHOR,
                            get_rules(), ctx)
    assert (earlier.text, earlier.start) == ("three days earlier", dt.date(2021, 4, 26))


def test_a_clock_time_after_a_day_still_to_come_is_the_reported_day() -> None:
    ctx = TimeContext(ANCHOR)
    find_times("The commanders will speak again on May 12.", ANCHOR, get_rules(), ctx)
    (clock,) = find_times("At about 8.30 p.m., drones struck near the town.", ANCHOR,
                          get_rules(), ctx)
    assert clock.start == ANCHOR


def test_the_same_evening_is_the_previous_days_evening() -> None:
    ctx = TimeContext(ANCHOR)
    find_times("The two ministers spoke on April 29.", ANCHOR, get_rules(), ctx)
    (evening,) = find_times("They agreed a ceasefire the same evening.", ANCHOR, get_rules(),
                            ctx)
    assert (evening.start, evening.precision) == (dt.date(2021, 4, 29), "PartOfDay")


def test_a_meeting_to_be_convened_on_a_day_is_the_coming_one() -> None:
    (day,) = find_times("Cambodia asked Thailand to convene the commission in Phnom Penh "
                        "on June 14.", dt.date(2025, 5, 31), get_rules())
    assert day.start == dt.date(2025, 6, 14)
