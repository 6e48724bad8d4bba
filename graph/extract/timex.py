"""Time expressions as written ("on Friday", "two days ago", "overnight", "earlier this
week", "a year ago", "May 5, 2021"), resolved against the article's reported date, with
the original words and the precision kept.

Conventions (tests/gold/FORMAT.md): a weekday is the latest such day on or before the
reported date; "this week" runs from that week's Monday to the reported date; "overnight"
is the night before (start the day before, end the reported date); "a year ago"/"last
year" is the previous calendar year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.rules import Rules

DAY, PART, WEEK, MONTH, YEAR = "Day", "PartOfDay", "Week", "Month", "Year"


@dataclass(frozen=True)
class TimeExpr:
    begin: int
    end: int
    text: str
    start: dt.date
    stop: dt.date
    precision: str
    rule: str
    duration: bool = False  # "for the past two days": how long, not when


@dataclass
class _Compiled:
    weekday: re.Pattern[str]
    date: re.Pattern[str]
    relative: list[tuple[re.Pattern[str], dict]]
    numbers: dict[str, int]


@lru_cache(maxsize=4)
def _compile(rules: Rules) -> _Compiled:
    days = "|".join(d.capitalize() for d in rules.time["weekdays"])
    months = "|".join(m.capitalize() for m in rules.time["months"])
    weekday = re.compile(
        r"(?:(?P<early>early|late)\s+)?(?:(?P<on>on|last|this|by|since|until)\s+)?"
        rf"(?P<day>{days})(?:\s+(?P<part>morning|afternoon|evening|night))?\b")
    date = re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{months})|(?P<m2>{months})\s+(?P<d2>\d{{1,2}}))"
        r"(?:,?\s+(?P<y>\d{4}))?\b|"
        rf"\b(?:in\s+)?(?P<m3>{months})\s+(?P<y3>\d{{4}})\b|"
        rf"\b(?:in|since|until|by|early|late|mid-)\s+(?P<m4>{months})\b(?!\s+\d)")
    relative = [(re.compile(r"\b(?:" + r["pattern"] + r")\b", re.IGNORECASE), r)
                for r in rules.time["relative"]]
    numbers = {k: int(v) for k, v in rules.casualties["numbers"].items()}
    return _Compiled(weekday, date, relative, numbers)


def _number(word: str | None, numbers: dict[str, int]) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else numbers.get(word.lower())


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def find_times(text: str, anchor: dt.date, rules: Rules) -> list[TimeExpr]:
    """Every resolvable time expression in `text`, resolved against `anchor`."""
    c = _compile(rules)
    found: list[TimeExpr] = []

    def add(expr: TimeExpr) -> None:
        if all(expr.end <= f.begin or expr.begin >= f.end for f in found):
            found.append(expr)

    for m in c.date.finditer(text):
        month_name = m.group("m1") or m.group("m2") or m.group("m3") or m.group("m4")
        month = [x.lower() for x in calendar.month_name].index(month_name.lower())
        if m.group("m4"):
            year = anchor.year if month <= anchor.month else anchor.year - 1
            last = calendar.monthrange(year, month)[1]
            add(TimeExpr(m.start(), m.end(), m.group(), dt.date(year, month, 1),
                         dt.date(year, month, last), MONTH, "time.month"))
            continue
        if m.group("m3"):
            year = int(m.group("y3"))
            last = calendar.monthrange(year, month)[1]
            add(TimeExpr(m.start(), m.end(), m.group(), dt.date(year, month, 1),
                         dt.date(year, month, last), MONTH, "time.month-year"))
            continue
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y")) if m.group("y") else anchor.year
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if not m.group("y") and when > anchor:
            when = when.replace(year=year - 1)
        add(TimeExpr(m.start(), m.end(), m.group(), when, when, DAY, "time.calendar-date"))
    for pattern, spec in c.relative:
        for m in pattern.finditer(text):
            expr = _relative(m, spec, anchor, c.numbers)
            if expr is not None:
                add(expr)
    for m in c.weekday.finditer(text):
        target = [d.lower() for d in calendar.day_name].index(m.group("day").lower())
        back = (anchor.weekday() - target) % 7
        if m.group("on") == "last" and back == 0:
            back = 7
        when = anchor - dt.timedelta(days=back)
        begin = m.start() if m.group("early") or m.group("on") in {"on", "last", "this"} \
            else m.start("day")
        if m.group("on") in {"by", "since", "until"}:
            begin = m.start("day")
        precision = PART if (m.group("early") or m.group("part")) else DAY
        add(TimeExpr(begin, m.end(), text[begin:m.end()], when, when, precision,
                     "time.weekday"))
    found.sort(key=lambda t: t.begin)
    return found


def _relative(m: re.Match[str], spec: dict, anchor: dt.date,
              numbers: dict[str, int]) -> TimeExpr | None:
    kind, rule = spec["kind"], spec["id"]
    words = m.group()

    def expr(start: dt.date, stop: dt.date, precision: str, duration: bool = False) -> TimeExpr:
        return TimeExpr(m.start(), m.end(), words, start, stop, precision, rule, duration)

    if kind == "overnight":
        return expr(anchor - dt.timedelta(days=1), anchor, PART)
    if kind == "week":
        return expr(_monday(anchor), anchor, WEEK)
    if kind == "last_week":
        monday = _monday(anchor) - dt.timedelta(days=7)
        return expr(monday, monday + dt.timedelta(days=6), WEEK)
    if kind == "next_week":
        monday = _monday(anchor) + dt.timedelta(days=7)
        return expr(monday, monday + dt.timedelta(days=6), WEEK)
    if kind == "last_year":
        return expr(dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31), YEAR)
    if kind == "last_month":
        last = anchor.replace(day=1) - dt.timedelta(days=1)
        return expr(last.replace(day=1), last, MONTH)
    if kind == "this_month":
        return expr(anchor.replace(day=1), anchor, MONTH)
    if kind == "year":
        year = int(m.group("year"))
        return expr(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR)
    if kind == "today":
        return expr(anchor, anchor, DAY)
    if kind == "yesterday":
        return expr(anchor - dt.timedelta(days=1), anchor - dt.timedelta(days=1), DAY)
    groups = m.groupdict()
    n = _number(groups.get("n") or groups.get("n2"), numbers)
    if n is None:
        return None
    if kind == "days_ago":
        day = anchor - dt.timedelta(days=n)
        return expr(day, day, DAY)
    if kind == "weeks_ago":
        monday = _monday(anchor - dt.timedelta(days=7 * n))
        return expr(monday, monday + dt.timedelta(days=6), WEEK)
    if kind == "past_days":
        return expr(anchor - dt.timedelta(days=n), anchor, DAY, duration=True)
    return None
