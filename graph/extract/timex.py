"""Time expressions as written ("Friday", "two days ago", "overnight", "earlier this week",
"Wednesday, May 7, 2025", "the night of 16 September", "at 8:50 a.m. local time"),
resolved against the article's reported date and what earlier sentences set, with the
words and the precision kept.

The extent is TimeML's TIMEX3: a leading signal word ("on", "in", "since") is not part of
the expression ("on Thursday" -> "Thursday", "in 1991" -> "1991"); a modifier is
("early May", "late on Monday", "last week").

Conventions (tests/gold/FORMAT.md): a weekday is the latest such day on or before the
reported date; "this week" runs from that week's Monday to the reported date; "overnight"
is the night before (start the day before, end the reported date); "a year ago"/"last
year" is the previous calendar year. A date without a year takes the year its context set
("in 2013 ... on May 7") or else the latest such date on or before the reported date.
"The next day", "later that day" count from the previous resolved time of the article.
"Today" inside a quotation is the day of the quoted statement.

With an annotation, the normaliser's TIMEX values (SUTime, docDate = reported date) are
used where these rules find nothing (`annotated`)."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from graph.extract.rules import Rules, may_match

DAY, PART, WEEK, MONTH, YEAR, CLOCK = "Day", "PartOfDay", "Week", "Month", "Year", "TimeOfDay"
# a year written out this many sentences back still dates "on May 7"
_YEAR_REACH = 2


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
    clock: str = ""  # "08:50" for a clock time


@dataclass
class TimeContext:
    """What the article's earlier sentences set for the next one: the last resolved time
    ("the next day" counts from it) and the last year written out ("in 2013 ... on May 7")."""

    anchor: dt.date
    last: TimeExpr | None = None
    year: int | None = None
    year_age: int = _YEAR_REACH + 1  # sentences since `year` was written

    def advance(self, found: list[TimeExpr], years: list[tuple[int, int]]) -> None:
        self.year_age += 1
        if years:
            self.year, self.year_age = years[-1][1], 0
        points = [t for t in found if not t.duration]
        if points:
            self.last = points[-1]


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression from the annotator (TIMEX3 type and value)."""

    begin: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # "2022-09-16", "2022-W37", "2022-09-16TNI", "2022-09-16T08:50", "PXD"


@dataclass
class _Compiled:
    weekday: re.Pattern[str]
    date: re.Pattern[str]
    month_rel: re.Pattern[str]
    year: re.Pattern[str]
    clock: re.Pattern[str]
    part_of: re.Pattern[str]
    relative: list[tuple[re.Pattern[str], dict]]
    anchored: list[tuple[re.Pattern[str], dict]]
    # one scan that tells whether any relative / anchored pattern can match a sentence:
    # most sentences hold none, and thirty scans cost more than one
    any_relative: re.Pattern[str]
    any_anchored: re.Pattern[str]
    signal: re.Pattern[str]
    numbers: dict[str, int]
    not_year: re.Pattern[str]
    future: re.Pattern[str]
    months: list[str] = field(default_factory=list)


@lru_cache(maxsize=4)
def _compile(rules: Rules) -> _Compiled:
    t = rules.time
    days = "|".join(d.capitalize() for d in t["weekdays"])
    month_names = [m.capitalize() for m in t["months"]]
    abbrev = "|".join(t["month_abbreviations"])
    months = "|".join(month_names) + "|" + abbrev
    weekday = re.compile(
        r"(?:(?P<early>[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+)?"
        r"(?:(?P<on>on|last|this|next|by|since|until)\s+)?"
        rf"(?P<day>{days})(?:\s+(?P<part>morning|afternoon|evening|night))?\b")
    date = re.compile(
        # (a range of days, "September 14-16", "14-16 September", is one expression)
        rf"\b(?:(?:(?P<d1a>\d{{1,2}})\s*[-\u2013]\s*)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+"
        rf"(?:of\s+)?(?P<m1>{months})\.?|"
        rf"(?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
        r"(?:\s*[-\u2013]\s*(?P<d2b>\d{1,2})(?![\d:]))?)(?![\w:])"
        r"(?:,?\s+(?P<y>\d{4}))?\b|"
        rf"\b(?:(?P<mod3>early|late|mid-|mid)\s*)?(?P<m3>{months})\s+(?:of\s+)?(?P<y3>\d{{4}})\b|"
        rf"\b(?:(?:in|since|until|by|during|from)\s+)?(?:(?P<mod4>early|late|mid-|mid)\s*)"
        rf"?(?P<m4>{month_names and '|'.join(month_names)})\b(?!\s+\d)")
    month_rel = re.compile(
        rf"\b(?:(?P<last>last|this|next)\s+(?P<ma>{'|'.join(month_names)})\b|"
        rf"(?P<mb>{'|'.join(month_names)})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b)")
    year = re.compile(r"(?<![\w,.\-/])(?P<year>(?:19|20)\d\d)(?![\w\-/]|[.,]\d)")
    clock = re.compile(
        r"(?<![\w:.])(?P<h>\d{1,2})(?:[:.](?P<min>\d{2}))?\s*"
        r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
        r"(?:\s*\(?(?P<zone>local\s+time|(?:[A-Z][a-z]+\s+){1,2}time|GMT|UTC|[A-Z]{3,4})\b\)?)?|"
        r"(?<![\w:.])(?P<h24>[01]?\d|2[0-3])[:.]?(?P<min24>[0-5]\d)\s*"
        r"(?P<zone24>GMT|UTC|local\s+time|hrs|hours\s+local\s+time)\b")
    part_of = re.compile(
        r"(?:\b(?:in|on|during|at)\s+)?\bthe\s+(?P<part>" + "|".join(
            re.escape(p).replace(r"\ ", r"\s+") for p in sorted(t["part_of_day_phrases"],
                                                              key=len, reverse=True))
        + r")\s+of\s+$", re.IGNORECASE)
    relative = [(re.compile(r"\b(?:" + r["pattern"] + r")\b", re.IGNORECASE), r)
                for r in t["relative"]]
    anchored = [(re.compile(r"\b(?:" + r["pattern"] + r")\b", re.IGNORECASE), r)
                for r in t.get("anchored", [])]
    any_relative = _any_of([r["pattern"] for r in t["relative"]])
    any_anchored = _any_of([r["pattern"] for r in t.get("anchored", [])])
    signal = re.compile(r"^(?:" + "|".join(t["signals"]) + r")\s+(?=\S)", re.IGNORECASE)
    numbers = {k: int(v) for k, v in rules.casualties["numbers"].items()}
    not_year = re.compile(r"\s*(?:" + "|".join(t["not_after_year"]) + r")(?!\w)",
                          re.IGNORECASE)
    future = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in t["future"]) + r")\b[^.;]*$",
                        re.IGNORECASE)
    return _Compiled(weekday, date, month_rel, year, clock, part_of, relative, anchored,
                     any_relative, any_anchored, signal, numbers, not_year, future,
                     [m.lower() for m in t["months"]])


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """A pattern that matches where any of `patterns` does (their group names dropped,
    since several share one), framed by word boundaries as each of them is."""
    plain = [re.sub(r"\(\?P<\w+>", "(?:", p) for p in patterns] or ["(?!)"]
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in plain) + r")\b", re.IGNORECASE)


def _number(word: str | None, numbers: dict[str, int]) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else numbers.get(word.lower())


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_number(name: str, c: _Compiled) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(c.months, 1) if m.startswith(key))


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _quotes(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r'"[^"]{1,600}"', text)]


def find_times(text: str, anchor: dt.date, rules: Rules, context: TimeContext | None = None,
               annotated: Iterable[Timex] = ()) -> list[TimeExpr]:
    """Every resolvable time expression in `text` (one sentence), resolved against `anchor`
    and what `context` (the article's earlier sentences) set; `context` is advanced."""
    c = _compile(rules)
    ctx = context if context is not None else TimeContext(anchor)
    found: list[TimeExpr] = []

    def add(expr: TimeExpr | None) -> None:
        if expr is None:
            return
        expr = _extent(expr, text, c)
        if all(expr.end <= f.begin or expr.begin >= f.end for f in found):
            found.append(expr)

    # years written out in this sentence, where they stand ("in 2013", "May 7, 2013")
    years = _written_years(text, c)

    def year_for(pos: int) -> int | None:
        here = [y for p, y in years if p < pos]
        if here:
            return here[-1]
        return ctx.year if ctx.year is not None and ctx.year_age < _YEAR_REACH else None

    # a pattern whose words the sentence lacks is not scanned (most lack most of them)
    lowered = text.lower() if text.isascii() else None

    def scan(pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        return pattern.finditer(text) if may_match(pattern, text, lowered) else ()

    for m in scan(c.month_rel):
        add(_month_relative(m, anchor, c))
    for m in scan(c.date):
        add(_date(m, text, anchor, c, year_for))
    for m in scan(c.clock):
        add(_clock(m, rules))
    relative = [r for r in c.relative if may_match(r[0], text, lowered)]
    for pattern, spec in relative if len(relative) < 3 or c.any_relative.search(text) else ():
        for m in pattern.finditer(text):
            add(_relative(m, spec, anchor, c.numbers))
    for m in scan(c.weekday):
        add(_weekday(m, text, anchor, c.future))
    for m in scan(c.year):
        if not c.not_year.match(text, m.end()):
            y = int(m.group("year"))
            add(TimeExpr(m.start(), m.end(), m.group(), dt.date(y, 1, 1), dt.date(y, 12, 31),
                         YEAR, "time.year"))
    found.sort(key=lambda t: t.begin)
    found = _merge_weekday_dates(text, found)
    found = _part_of_day_phrases(text, found, c)
    # anchored expressions count from the previous resolved time
    anchored = [r for r in c.anchored if may_match(r[0], text, lowered)]
    for pattern, spec in anchored if len(anchored) < 3 or c.any_anchored.search(text) else ():
        for m in pattern.finditer(text):
            points = [t for t in found if not t.duration and not (
                t.begin < m.end() and m.start() < t.end)]
            before = [t for t in points if t.end <= m.start()]
            if spec.get("same_sentence"):
                base = min(points, key=lambda t: abs(t.begin - m.start())) if points else None
            else:
                base = before[-1] if before else ctx.last
            add(_anchored(m, spec, base, anchor))
    found.sort(key=lambda t: t.begin)
    found = [_clock_day(t, found, ctx, anchor) for t in found]
    found = _quoted_today(text, found)
    for timex in annotated:
        if _NUMBERED_PLACE.search(text, 0, timex.begin):
            continue  # "Hill 1428", "Height 1090", "Outpost 12": a name, not a year
        expr = _from_timex(timex, anchor)
        # without its signal word ("About an hour later"), as the rules' own expressions
        _add_annotated(found, _extent(expr, text, c) if expr is not None else None)
    found.sort(key=lambda t: t.begin)
    ctx.advance(found, years)
    return found


_NUMBERED_PLACE = re.compile(r"\b(?:[Hh]ill|[Hh]eights?|[Pp]oint|[Oo]utpost|[Pp]ost|[Rr]oute|"
                             r"[Hh]ighway|[Pp]eak|[Nn]o\.)\s+$")


def _add_annotated(found: list[TimeExpr], expr: TimeExpr | None) -> None:
    """The annotator's expression where it spans more than what the rules found ("the day
    before yesterday" over "yesterday"), or a written date the rules did not read."""
    if expr is None:
        return
    overlapping = [f for f in found if f.begin < expr.end and expr.begin < f.end]
    if not overlapping and not re.search(r"\d", expr.text):
        return  # alone, only a written date ("Oct. 5"): "night", "Jan" in a name are not
    if all(expr.begin <= f.begin and f.end <= expr.end and f.end - f.begin < expr.end - expr.begin
           for f in overlapping):
        for f in overlapping:
            found.remove(f)
        found.append(expr)


def _extent(expr: TimeExpr, text: str, c: _Compiled) -> TimeExpr:
    """TIMEX3 extent: drop a leading signal word ("on", "in", "since", "for")."""
    m = c.signal.match(expr.text)
    if not m:
        return expr
    begin = expr.begin + m.end()
    return replace(expr, begin=begin, text=text[begin:expr.end])


def _written_years(text: str, c: _Compiled) -> list[tuple[int, int]]:
    """(position, year) of years that set the context: "in 2013", "May 7, 2013",
    "April 2013" (not "the 2020 war" or "since 2021", which date a period, nor "the
    conflicts of 2021 and 2022", which names years without moving the story to one)."""
    out = []
    for m in re.finditer(r"\b(?:in|during)\s+(?:\w+\s+){0,2}?((?:19|20)\d\d)\b"
                         r"(?!\s*(?:and|or|to|-|\u2013)\s*(?:19|20)\d\d)|"
                         r"\b\d{1,2},?\s+((?:19|20)\d\d)\b", text, re.IGNORECASE):
        if re.search(r"\bsince\s+$", text[max(0, m.start() - 6):m.start()]):
            continue
        out.append((m.start(), int(m.group(1) or m.group(2))))
    return out


def _month_relative(m: re.Match[str], anchor: dt.date, c: _Compiled) -> TimeExpr | None:
    """"last April", "April last year", "in April last year"."""
    name = m.group("ma") or m.group("mb")
    month = _month_number(name, c)
    if m.group("rel"):
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    else:
        rel = m.group("last").lower()
        if rel == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif rel == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year
    start, stop = _month(year, month)
    return TimeExpr(m.start(), m.end(), m.group(), start, stop, MONTH, "time.month-relative")


def _date(m: re.Match[str], text: str, anchor: dt.date, c: _Compiled,
          year_for) -> TimeExpr | None:
    future = c.future
    month_name = m.group("m1") or m.group("m2") or m.group("m3") or m.group("m4")
    if month_name.lower() == "may" and m.group("m4") and not re.match(
            r"(?:in|since|until|by|during|from|early|late|mid)", m.group(), re.IGNORECASE):
        return None  # the verb "may"
    month = _month_number(month_name, c)
    planned = future is not None and future.search(text[max(0, m.start() - 80):m.start()])
    if m.group("m4"):
        year = year_for(m.start()) or (anchor.year if month <= anchor.month else anchor.year - 1)
        if planned and _month(year, month)[1] < anchor:
            # "would be submitted to parliament in January": the coming January
            year = anchor.year if month >= anchor.month else anchor.year + 1
        start, stop = _month(year, month)
        return TimeExpr(m.start(), m.end(), m.group(), start, stop, MONTH, "time.month")
    if m.group("m3"):
        start, stop = _month(int(m.group("y3")), month)
        return TimeExpr(m.start(), m.end(), m.group(), start, stop, MONTH, "time.month-year")
    # the first day, and the last of a range ("14-16 September", "September 14-16")
    day = int(m.group("d1a") or m.group("d1") or m.group("d2"))
    last = int(m.group("d2b") or (m.group("d1") if m.group("d1a") else None) or day)
    written = int(m.group("y")) if m.group("y") else None
    context_year = year_for(m.start())
    year = written or context_year or anchor.year
    try:
        when = dt.date(year, month, day)
        dt.date(year, month, last)  # a day the month has
    except ValueError:
        return None
    if written is None and context_year is None and when > anchor and not planned:
        when = when.replace(year=year - 1)
    elif written is None and when < anchor and planned:
        # "a summit planned for April 3", "is due to hand over the rest on 14 August"
        # (after "withdrew in August 2006"): the coming one
        with contextlib.suppress(ValueError):
            when = when.replace(year=anchor.year)
            if when < anchor:
                when = when.replace(year=anchor.year + 1)
    until = when.replace(day=last) if last > day else when  # "May 27-2": no range
    return TimeExpr(m.start(), m.end(), m.group(), when, until, DAY, "time.calendar-date")


_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|noted)\s+"
                            r"(?:(?:late|early)\s+)?(?:on\s+)?$", re.IGNORECASE)


def _weekday(m: re.Match[str], text: str, anchor: dt.date,
             future: re.Pattern[str] | None = None) -> TimeExpr:
    target = [d.lower() for d in calendar.day_name].index(m.group("day").lower())
    back = (anchor.weekday() - target) % 7
    if m.group("on") == "last" and back == 0:
        back = 7
    when = anchor - dt.timedelta(days=back)
    if m.group("on") == "next":
        when = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
    elif m.group("on") not in {"last", "this"} and future is not None and future.search(
            text[max(0, m.start() - 80):m.start()]) and not _SPEECH_BEFORE.search(
            text[max(0, m.start() - 30):m.start("day")]):
        # "envoys were invited to talks on Wednesday": the next such day
        when = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
    begin = m.start() if m.group("early") or m.group("on") in {"last", "this", "next"} \
        else m.start("day")
    early = (m.group("early") or "").lower()
    precision = PART if (early in {"early", "late"} or m.group("part")) else DAY
    return TimeExpr(begin, m.end(), text[begin:m.end()], when, when, precision, "time.weekday")


def _clock(m: re.Match[str], rules: Rules) -> TimeExpr:
    """"8:50 a.m. local time", "9 a.m. Moscow time", "0650 GMT": its day comes later."""
    if m.group("h24") is not None:
        hour, minute = int(m.group("h24")), int(m.group("min24"))
    else:
        hour, minute = int(m.group("h")) % 12, int(m.group("min") or 0)
        if m.group("ampm").lower().startswith("p"):
            hour += 12
    end = m.end()
    day = dt.date.min
    return TimeExpr(m.start(), end, m.group(), day, day, CLOCK, "time.clock",
                    clock=f"{hour:02d}:{minute:02d}")


def _clock_day(expr: TimeExpr, found: list[TimeExpr], ctx: TimeContext,
               anchor: dt.date) -> TimeExpr:
    """A clock time keeps the day the sentence gives it ("at 8:50 a.m. on Thursday"), else
    the previous resolved day, else the reported date."""
    if expr.precision != CLOCK or expr.start != dt.date.min:
        return expr
    days = [t for t in found if t.precision in {DAY, PART} and not t.duration]
    if days:
        day = min(days, key=lambda t: abs(t.begin - expr.begin)).start
    elif ctx.last is not None and ctx.last.precision in {DAY, PART, CLOCK} and \
            ctx.last.start <= anchor:
        # (a day still to come, "will speak again on May 12", dates no clock time told
        # after it: that is the report's day)
        day = ctx.last.start
    else:
        day = anchor
    return replace(expr, start=day, stop=day)


def _merge_weekday_dates(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """"Wednesday, May 7, 2025" is one expression: the date, its weekday a check."""
    out: list[TimeExpr] = []
    for expr in found:
        prev = out[-1] if out else None
        if prev is not None and prev.rule == "time.weekday" and \
                expr.rule == "time.calendar-date" and \
                re.fullmatch(r",?\s+(?:the\s+)?", text[prev.end:expr.begin]):
            when = expr.start
            weekday = [d.lower() for d in calendar.day_name].index(
                re.search(r"[A-Z][a-z]+day", prev.text).group().lower())  # type: ignore[union-attr]
            if when.weekday() != weekday and not re.search(r"\d{4}", expr.text):
                # the year its weekday fits ("Monday, May 7" in an article of 2019)
                for y in (when.year - 1, when.year + 1):
                    try:
                        if dt.date(y, when.month, when.day).weekday() == weekday:
                            when = dt.date(y, when.month, when.day)
                            break
                    except ValueError:
                        continue
            precision = PART if prev.precision == PART else DAY
            out[-1] = TimeExpr(prev.begin, expr.end, text[prev.begin:expr.end], when, when,
                               precision, "time.calendar-date")
            continue
        out.append(expr)
    return out


def _part_of_day_phrases(text: str, found: list[TimeExpr], c: _Compiled) -> list[TimeExpr]:
    """"the early morning hours of September 16", "the night of 16 September": the day,
    with part-of-day precision."""
    out = []
    for expr in found:
        if expr.precision == DAY:
            m = c.part_of.search(text, max(0, expr.begin - 60), expr.begin)
            if m and m.end() == expr.begin:
                begin = m.start("part")
                begin = text.rfind("the", 0, begin)
                expr = TimeExpr(begin, expr.end, text[begin:expr.end], expr.start, expr.stop,
                                PART, "time.part-of-day")
        out.append(expr)
    return out


def _anchored(m: re.Match[str], spec: dict, base: TimeExpr | None,
              anchor: dt.date) -> TimeExpr | None:
    """"the next day", "later that day", "two days later": from the previous time."""
    if base is None:
        if not spec.get("default_reported"):
            return None
        day = anchor
    else:
        day = base.start
    offset = spec.get("offset", 0)
    if "n" in m.groupdict() and m.group("n"):
        n = _number(m.group("n"), {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4,
                                  "five": 5, "six": 6, "seven": 7})
        if n is None:
            return None
        offset = n * (1 if offset >= 0 else -1)
    if spec.get("unit") == "year":
        if base is None:
            return None
        y = base.start.year + (-1 if "earlier" in m.group().lower() or "before" in
                               m.group().lower() or "previous" in m.group().lower() else 1)
        return TimeExpr(m.start(), m.end(), m.group(), dt.date(y, 1, 1), dt.date(y, 12, 31),
                        YEAR, spec["id"])
    when = day + dt.timedelta(days=offset)
    precision = spec.get("precision", DAY)
    return TimeExpr(m.start(), m.end(), m.group(), when, when, precision, spec["id"])


def _quoted_today(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """"Today" inside a quotation is the day of the quoted statement: the time the sentence
    gives outside the quotation."""
    quotes = _quotes(text)
    if not quotes:
        return found
    inside = {id(t) for t in found for b, e in quotes if b <= t.begin and t.end <= e}
    outside = [t for t in found if id(t) not in inside and not t.duration
               and t.precision in {DAY, PART}]
    if not outside:
        return found
    out = []
    for t in found:
        if id(t) in inside and t.rule == "time.today":
            day = min(outside, key=lambda o: abs(o.begin - t.begin)).start
            t = replace(t, start=day, stop=day)
        out.append(t)
    return out


def _from_timex(timex: Timex, anchor: dt.date) -> TimeExpr | None:
    """An annotator TIMEX whose value our rules did not produce ("the day before
    yesterday"), with our precision names."""
    v = timex.value
    try:
        if timex.type == "DURATION" or not v or v.startswith(("P", "X")):
            return None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = dt.date.fromisoformat(v)
            return TimeExpr(timex.begin, timex.end, timex.text, d, d, DAY, "time.annotator")
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|(\d{2}):(\d{2}))", v)
        if m:
            d = dt.date.fromisoformat(m.group(1))
            if m.group(3):
                return TimeExpr(timex.begin, timex.end, timex.text, d, d, CLOCK,
                                "time.annotator", clock=f"{m.group(3)}:{m.group(4)}")
            return TimeExpr(timex.begin, timex.end, timex.text, d, d, PART, "time.annotator")
        m = re.fullmatch(r"(\d{4})-W(\d{2})", v)
        if m:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return TimeExpr(timex.begin, timex.end, timex.text, monday,
                            min(monday + dt.timedelta(days=6), max(anchor, monday)), WEEK,
                            "time.annotator")
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            start, stop = _month(int(m.group(1)), int(m.group(2)))
            return TimeExpr(timex.begin, timex.end, timex.text, start, stop, MONTH,
                            "time.annotator")
        if re.fullmatch(r"\d{4}", v):
            y = int(v)
            return TimeExpr(timex.begin, timex.end, timex.text, dt.date(y, 1, 1),
                            dt.date(y, 12, 31), YEAR, "time.annotator")
    except ValueError:
        return None
    return None


def sentence_timexes(annotation: object, begin: int, end: int) -> list[Timex]:
    """The annotator's TIMEX expressions inside one sentence [begin, end) of the article,
    with offsets into the sentence (what `find_times(..., annotated=)` takes)."""
    if annotation is None:
        return []
    inside = annotation.timexes_in(begin, end)  # type: ignore[attr-defined]
    return [Timex(x.begin - begin, x.end - begin, x.text, x.type, x.value or "")
            for x in inside]


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
    if kind == "weekend":
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return expr(saturday, saturday + dt.timedelta(days=1), WEEK)
    if kind == "last_week":
        monday = _monday(anchor) - dt.timedelta(days=7)
        return expr(monday, monday + dt.timedelta(days=6), WEEK)
    if kind == "next_week":
        monday = _monday(anchor) + dt.timedelta(days=7)
        return expr(monday, monday + dt.timedelta(days=6), WEEK)
    if kind == "last_year":
        return expr(dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31), YEAR)
    if kind == "this_year":
        return expr(dt.date(anchor.year, 1, 1), anchor, YEAR)
    if kind == "last_month":
        last = anchor.replace(day=1) - dt.timedelta(days=1)
        return expr(last.replace(day=1), last, MONTH)
    if kind == "this_month":
        return expr(anchor.replace(day=1), anchor, MONTH)
    if kind == "next_month":
        first = (anchor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return expr(*_month(first.year, first.month), MONTH)
    if kind == "later_this_month":
        return expr(anchor, _month(anchor.year, anchor.month)[1], MONTH)
    if kind == "year":
        year = int(m.group("year"))
        return expr(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR)
    if kind == "today":
        return expr(anchor, anchor, DAY)
    if kind == "today_part":
        return expr(anchor, anchor, PART)
    if kind == "yesterday":
        return expr(anchor - dt.timedelta(days=1), anchor - dt.timedelta(days=1), DAY)
    if kind == "yesterday_part":
        return expr(anchor - dt.timedelta(days=1), anchor - dt.timedelta(days=1), PART)
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
    if kind == "months_ago":
        first = anchor.replace(day=1)
        for _ in range(n):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return expr(*_month(first.year, first.month), MONTH)
    if kind == "years_ago":
        y = anchor.year - n
        return expr(dt.date(y, 1, 1), dt.date(y, 12, 31), YEAR)
    if kind == "past_days":
        return expr(anchor - dt.timedelta(days=n), anchor, DAY, duration=True)
    return None
