"""Time expressions resolved against the reported date, words and precision kept."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.rules import get_rules
from graph.extract.timex import find_times

ANCHOR = dt.date(2021, 4, 30)  # a Friday


@pytest.mark.parametrize(("sentence", "text", "start", "end", "precision"), [
    pytest.param("Shooting resumed on Wednesday.", "on Wednesday", "2021-04-28", "2021-04-28",
                 "Day", id="weekday"),
    pytest.param("Officials said Friday that talks went on.", "Friday", "2021-04-30",
                 "2021-04-30", "Day", id="weekday-is-reported-day"),
    pytest.param("Guards clashed late on Thursday night.", "late on Thursday night",
                 "2021-04-29", "2021-04-29", "PartOfDay", id="part-of-day"),
    pytest.param("The dispute flared three days ago.", "three days ago", "2021-04-27",
                 "2021-04-27", "Day", id="days-ago"),
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
    pytest.param("Fighting lasted for the past three days.", "for the past three days",
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
