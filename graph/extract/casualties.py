"""Casualty figures: "at least three dead", "27 injuries", "dozens wounded", "31 people had
been injured", "a civilian was killed and three others injured", "two Tajik border guards
were killed" -> kind, count or vague quantity with bounds, qualifier, side, population,
place, period and reporter."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.claims import Frame
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.mentions import NAME, Mention
from graph.extract.rules import Rules, may_match, norm_key, phrase_pattern
from graph.extract.timex import TimeExpr


@dataclass
class Figure:
    kind: str  # Killed, Wounded, Injured, or "" (unspecified "casualties")
    count: int | None
    vague: str
    min: int | None
    max: int | None
    qualifier: str  # AtLeast, Exactly, Approximately, AtMost, or ""
    side: Entity | None
    population: str
    place: Entity | None
    period: TimeExpr | None
    period_since: bool
    frame: Frame | None
    sentence: int
    span: tuple[int, int]
    rule: str
    iri: str = ""


@dataclass
class _Compiled:
    figures: list[re.Pattern[str]]  # passive/nominal, active ("killing two"), death toll
    number_words: str  # alternation of the number words ("two|three|...")
    kinds: dict[str, str]
    qualifiers: dict[str, str]
    exclusive: set[str]
    vague: dict[str, dict]
    numbers: dict[str, int]
    parts: re.Pattern[str]  # ", including 11 civilians" after a figure
    # a word every figure pattern needs (a kind, an active verb, "toll", "left"): a span
    # without one states no figure, and the patterns need not run
    cue: re.Pattern[str] | None = None


@lru_cache(maxsize=2)
def _compile(rules: Rules) -> _Compiled:
    cas = rules.casualties
    kinds = {norm_key(w): k for k, words in cas["kinds"].items() if k != "id" for w in words}
    kinds.update({norm_key(w): k for w, k in cas["active"].items()})
    quals = {norm_key(w): k for k, words in cas["qualifiers"].items() if k != "exclusive"
             for w in words}
    numbers = {k: int(v) for k, v in cas["numbers"].items()}
    # "Fifty-eight Pakistani soldiers": a ten and a unit joined by a hyphen
    tens = [w for w, n in numbers.items() if 20 <= n <= 90 and n % 10 == 0]
    units = [w for w, n in numbers.items() if 1 <= n <= 9 and w not in {"a", "an"}]
    numbers.update({f"{t}-{u}": numbers[t] + numbers[u] for t in tens for u in units})
    number_words = [w for w in numbers if w not in {"a", "an"}]
    qual = r"(?:(?P<qual>" + phrase_pattern(list(quals)) + r")\s+)?"
    amount = (r"(?:(?P<vague>" + phrase_pattern(list(cas["vague"])) + r")|(?P<num>\d{1,3}"
              r"(?:,\d{3})+|\d+|" + phrase_pattern(number_words) + r")|(?P<art>an?))")
    kind_words = phrase_pattern(list(kinds))
    # "were killed", "had been wounded", and an apposition before them ("20 soldiers,
    # including a colonel, were killed")
    # ("13 Cambodians, eight of them civilians, had been killed": the part is a figure of
    # its own, read by `parts`)
    # (with an apposition of its own: "including the commanding officer of 16 Bihar, Col.
    # B. Santosh Babu,")
    appos = (r"(?P<appos>\s*,\s+(?:including|among\s+them|most\s+of\s+them)\s+[^,;]{1,80},"
             r"(?:\s+(?:[A-Z]|an?\s|the\s)[^,;]{0,50},(?=\s+(?:\w+\s+){0,2}(?:were|was|had|have)\b))?"
             r"|\s*,\s+(?:an?|the)\s+[^,;]{1,60}?,"
             # the counted people named ("Two Thai rangers, Pvt Sombat Saengkham and Pvt
             # Anan Phuthong, were wounded")
             r"|\s*,\s+[A-Z][\w.'\-]*(?:\s+(?:and\s+)?[A-Z][\w.'\-]*){1,7},"
             r"|\s*,\s+(?:\d+|" + phrase_pattern(number_words) + r")\s+of\s+them\s+[^,;]{1,60},)?")
    # ("11 soldiers, including seven Indians, suffered injuries")
    # ("One Tajik border guard was slightly wounded")
    chain = (r"(?:,?\s+(?:had|have|has|were|was|are|is|been|being|reportedly|also|since|"
             r"suffered|sustained|slightly|lightly|seriously|severely|badly|critically|"
             r"gravely|fatally|mortally))*")
    figure = re.compile(
        r"(?<![\w\-])" + qual + amount +
        r"(?P<mid>(?:\s+(?!(?:" + kind_words + r"|and|or|but)\b)[\w'\-]+){0,4}?)"
        # "Two Chinese nationals working for a road company were shot dead"
        r"(?:\s+(?:working|serving|stationed|deployed|employed)\s+(?:for|with|in|at|on)\s+"
        r"[^,;.]{1,60}?)?"
        # "A serviceman of the Border Service was wounded", "A resident of the Tajik
        # village of Chorkuh was shot dead"
        r"(?P<of>\s+(?:of|from)(?:\s+(?!(?:" + kind_words + r"|and|or|but|who|which)\b)"
        r"[\w'\-]+){1,7}?)?"
        + appos + chain + r"\s+(?P<kind>" + kind_words + r")(?![\w])", re.IGNORECASE)
    population_words = [w for words in rules.actors["population"].values() for w in words]
    active_words = phrase_pattern(list(cas["active"]))
    active = re.compile(
        # a verb in quotation marks ('Turkey "neutralized" 76 soldiers') is still the verb
        r"(?<![\w\-])(?P<kind>" + active_words + r"|left)\"?\s+" + qual + amount +
        r"(?P<mid>(?:\s+[\w'\-]+){0,3}?\s+" + phrase_pattern(
            population_words + cas["person_nouns"]) + r"(?![\w])"
        # "killing 63 citizens of Kyrgyzstan", "left 36 citizens of Kyrgyzstan dead"
        r"(?:\s+(?:of|from)\s+(?:the\s+)?(?-i:[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?))?)"
        r"(?:\s+(?P<left>dead|injured|wounded))?",
        re.IGNORECASE)
    toll = re.compile(
        # ("the number of Cambodian soldiers killed since Friday")
        r"\b(?:death\s+toll|toll|number\s+of\s+(?:(?:[A-Z][\w\-]+\s+)?(?:people|those|civilians|soldiers|"
        r"servicemen|citizens)\s+)?(?P<tkind>dead|deaths|killed|wounded|injured|"
        r"injuries|casualties))\b[^.;]{0,40}?\b(?:to|at|of|reached|is|was|hit|stood\s+at)\s+"
        r"(?:(?P<qual>" + phrase_pattern(list(quals)) + r")\s+)?(?P<num>\d+|"
        + phrase_pattern(number_words) + r")(?P<mid>(?:\s+" + phrase_pattern(population_words)
        + r")?)(?P<vague>(?!x)x)?(?P<art>(?!x)x)?", re.IGNORECASE)
    # "killing two and injuring dozens", "killed two soldiers and injured dozens": the
    # number alone, its people elided
    bare = re.compile(
        r"(?<![\w\-])(?P<kind>" + active_words + r")\s+" + qual +
        r"(?:(?P<vague>" + phrase_pattern(list(cas["vague"])) + r")|(?P<num>\d+|"
        + phrase_pattern(number_words) + r"))(?P<mid>(?:\s+(?:others|more))?)"
        r"(?P<art>(?!x)x)?(?=\s*(?:[,.;:]|\band\b|\bwith\b|\bin\b|$))", re.IGNORECASE)
    # "four civilians and six border guards were wounded": the first of coordinated figures
    # takes the kind of the last
    coord = re.compile(
        r"(?<![\w\-])" + qual + amount + r"(?P<mid>(?:\s+(?!(?:and|" + kind_words + r"|had|have|"
        r"has|were|was|are|is|been)\b)[\w'\-]+){1,3}?)\s*,?\s+and\s+"
        r"(?=(?:" + phrase_pattern(list(quals)) + r"\s+)?(?:\d[\d,]*|" + phrase_pattern(
            number_words) + r"|an?)\b(?:\s+(?!and\b)[\w'\-]+){0,4}?" + appos.replace(
            "?P<appos>", "?:") + chain + r"\s+(?P<kind>" + kind_words + r")(?![\w]))",
        re.IGNORECASE)
    # a named victim: "X, a 35-year-old teacher, was killed", "killing X, a senior official"
    victim = re.compile(
        r"(?P<victim>" + NAME + r"),\s+(?P<art>an?)\s+(?P<mid>(?:\d+-year-old\s+)?"
        r"(?:[\w\-]+\s+){0,3}?[\w\-]+),\s+(?:was|had\s+been|has\s+been)\s+"
        r"(?:(?:shot|found)\s+)?(?P<kind>" + kind_words + r")(?![\w])"
        r"(?P<qual>(?!x)x)?(?P<vague>(?!x)x)?(?P<num>(?!x)x)?")
    # "Sgt. Afrim Bunjaku, 35, was killed": a named victim with his age
    victim_age = re.compile(
        r"(?P<victim>" + NAME + r"),\s+(?P<age>\d{1,3})(?P<mid>),\s+(?:was|had\s+been|has\s+been)"
        r"\s+(?:(?:shot|found)\s+)?(?P<kind>" + kind_words + r")(?![\w])"
        r"(?P<qual>(?!x)x)?(?P<vague>(?!x)x)?(?P<num>(?!x)x)?(?P<art>(?!x)x)?")
    victim_active = re.compile(
        r"(?<![\w\-])(?P<kind>" + active_words + r")\s+(?P<victim>" + NAME + r"),\s+"
        r"(?P<art>an?)\s+(?P<mid>(?:\d+-year-old\s+)?(?:[\w\-]+\s+){0,3}?[\w\-]+)"
        r"(?=\s*(?:[,.;]|$))(?P<qual>(?!x)x)?(?P<vague>(?!x)x)?(?P<num>(?!x)x)?")
    # "killing Private Firdavs Rahimov, 22": a named victim with his age after the verb
    victim_active_age = re.compile(
        r"(?<![\w\-])(?P<kind>" + active_words + r")\s+(?P<victim>" + NAME + r"),\s+"
        r"(?P<age>\d{1,3})(?P<mid>)(?=\s*(?:[,.;]|\s+and\b|$))"
        r"(?P<qual>(?!x)x)?(?P<vague>(?!x)x)?(?P<num>(?!x)x)?(?P<art>(?!x)x)?")
    # "killing one soldier and wounding another": one more of the people just counted
    another_active = re.compile(
        r"(?<![\w\-])(?P<kind>" + active_words + r")\s+(?P<art>another)"
        r"(?P<mid>(?:\s+(?!and\b|in\b|on\b|at\b)[a-z][\w\-]*){0,2})"
        r"(?=\s*(?:[,.;]|\s+and\b|\s+in\b|\s+on\b|\s+at\b|$))"
        r"(?P<qual>(?!x)x)?(?P<vague>(?!x)x)?(?P<num>(?!x)x)?")
    # ", including 11 civilians", ", among them four women", ", 14 of them civilians"
    part_number = r"(?:\d+|" + phrase_pattern(number_words) + r")"
    parts = re.compile(
        r",\s+(?=(?:including|among)\s|" + part_number + r"\s+of\s+them\s)(?:(?:including|"
        r"among\s+them|among\s+whom)\s+)?(?P<num>" + part_number + r")(?:\s+of\s+them"
        r"(?:\s+(?:were|are))?)?(?P<mid>(?:\s+[\w'\-]+){0,2}?\s+" + phrase_pattern(
            population_words + cas["person_nouns"]) + r")(?![\w])", re.IGNORECASE)
    cue = re.compile(r"(?:" + kind_words + r"|" + active_words + r"|toll|left)(?![\w])",
                     re.IGNORECASE)
    # "Among the dead was the pilot, Lt. Cmdr. Christodoulos Karathanasis": a named victim
    among = re.compile(
        r"\b[Aa]mong\s+the\s+(?P<kind>dead|killed|wounded|injured)(?:\s*,\s*[^,]{1,80},)?\s+"
        r"(?:was|is)\s+(?:(?:the|a|an)\s+)?(?P<mid>(?:[a-z][\w\-]*\s+){0,3}?[a-z][\w\-]*,\s+|)"
        r"(?:(?:[A-Z][a-z]{0,6}\.|[A-Z][a-z]+)\s+){0,3}?(?P<victim>" + NAME + r")"
        r"(?P<qual>(?!x)x)?(?P<vague>(?!x)x)?(?P<num>(?!x)x)?(?P<art>(?!x)x)?")
    # "Among the dead are 14 civilians": a count of people the figure's kind names first
    among_count = re.compile(
        r"\b[Aa]mong\s+the\s+(?P<kind>dead|killed|wounded|injured)\s+(?:are|were)\s+" + qual +
        amount + r"(?P<mid>(?:\s+[\w'\-]+){0,2}?\s+" + phrase_pattern(
            population_words + cas["person_nouns"]) + r")(?![\w])", re.IGNORECASE)
    # "wounding five Kyrgyz and two Tajik border guards": two figures, the noun of the
    # second conjunct shared (the first pattern takes the first conjunct, the second the
    # second; the verb is read by both)
    people = phrase_pattern(population_words + cas["person_nouns"])
    conjunct = r"(?:\d+|" + phrase_pattern(number_words) + r")\s+(?-i:[A-Z][\w\-]+)"
    active_first = re.compile(
        r"(?<![\w\-])(?P<kind>" + active_words + r")\s+" + qual + amount +
        r"(?P<mid>\s+(?-i:[A-Z][\w\-]+))(?=\s+and\s+" + conjunct + r"\s+" + people + r"(?![\w]))",
        re.IGNORECASE)
    active_second = re.compile(
        r"(?<![\w\-])(?P<kind>" + active_words + r")\s+" + conjunct + r"\s+and\s+"
        r"(?P<second>)" + qual + amount + r"(?P<mid>\s+(?-i:[A-Z][\w\-]+)\s+" + people +
        r")(?![\w])",
        re.IGNORECASE)
    # "killed 63 Kyrgyz citizens and 41 Tajik citizens": the second figure, the verb shared
    # and each conjunct with its own noun (the first is the `active` pattern's)
    active_pair = re.compile(
        r"(?<![\w\-])(?P<kind>" + active_words + r")\s+(?:\d+|" + phrase_pattern(number_words)
        + r")(?:\s+[\w'\-]+){0,2}?\s+" + people + r"\s+and\s+(?P<second>)" + qual + amount
        + r"(?P<mid>(?:\s+[\w'\-]+){0,2}?\s+" + people + r")(?![\w])", re.IGNORECASE)
    return _Compiled([active_first, active_second, active, victim, victim_age,
                      victim_active, bare, toll, coord, figure, among, among_count,
                      active_pair, victim_active_age, another_active],
                     phrase_pattern(number_words), kinds, quals,
                     {norm_key(w) for w in cas["qualifiers"]["exclusive"]},
                     {norm_key(k): v for k, v in cas["vague"].items()}, numbers, parts, cue)


_MILITARY_RANK = re.compile(r"(?:Private|Pvt\.?|Pte\.?|Corporal|Cpl\.?|Sergeant|Sgt\.?|"
                            r"(?:Senior\s+|Junior\s+)?Lieutenant|Lt\.?|Captain|Capt\.?|"
                            r"Major|Maj\.?|Colonel|Col\.?|Sepoy|Naik|Havildar|Rifleman|"
                            r"Lance\s+Corporal|Warrant\s+Officer|Ensign)\s")
# "lost their way", "lost contact with", "losing ground": no one was lost
_LOST_SOMETHING = re.compile(r"\s+(?:their|his|her|its|the|a|an|contact|control|track|touch|"
                             r"sight|ground|patience|hope|interest)\b", re.IGNORECASE)


def _not_a_count(text: str, m: re.Match[str], numbers: str) -> bool:
    """A number that counts no casualties: "No one was hurt" (the "one" of "no one"), an
    age in apposition ("Sgt. Afrim Bunjaku, 35, was killed"), a victim the figure before
    already counts ("two civilians, including a 12-year-old boy, were killed")."""
    before = text[max(0, m.start() - 30):m.start()]
    if re.search(r"\b(?:no|not\s+a\s+single)\s+$", before, re.IGNORECASE) and \
            text[m.start():m.start() + 3].lower() == "one":
        return True
    if re.search(r"[A-Z][\w'\-]+,\s*$", before) and re.match(r"\d+\s*,", text[m.start():]):
        return True
    if re.search(r"\bof\s+$", before) and re.match(r"\d+\s+[A-Z]", text[m.start():]):
        return True  # "the commanding officer of 16 Bihar": a unit's number
    # "including a boy", "Two civilians, a woman and a child, were killed"
    return bool(m.groupdict().get("art")) and re.search(
        r"(?:\b(?:including|among\s+them)|\b(?:\d+|" + numbers + r")\s+[\w\-]+(?:\s+[\w\-]+)?,)"
        r"\s+$", before, re.IGNORECASE) is not None


_LATER_DIED = re.compile(r"[^,;.]{0,60}?\b(?:later|subsequently|then|eventually)\s+"
                         r"(?:died|succumbed)\b", re.IGNORECASE)


def _core(m: re.Match[str]) -> tuple[int, int]:
    """The span a match claims for itself: an apposition inside it ("including 42 soldiers
    and 8 border guards") may hold figures of its own."""
    if m.groupdict().get("appos"):
        return m.start(), m.end("mid")
    if m.groupdict().get("second") is not None:
        return m.start("second"), m.end()
    return m.span()


_DISALLOWED_MID = re.compile(r"\b(?:days?|weeks?|months?|years?|ago|villages?|outposts?|"
                             r"agreements?|times?|kilometers|kilometres|miles|km)\b",
                             re.IGNORECASE)


_MONTH_BEFORE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|"
                           r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|"
                           r"Aug|Sept?|Oct|Nov|Dec)\.?\s+$")


def _matches(pattern: re.Pattern[str], text: str, begin: int, end: int
             ) -> Iterator[re.Match[str]]:
    """The pattern's matches in [begin, end), but not one whose number is a day of the month
    ("losses since Jan. 26 at 23 dead"): the search goes on after that day, so the figure
    it would have hidden is found."""
    pos = begin
    while pos <= end:
        m = pattern.search(text, pos, end)
        if m is None:
            return
        if m.groupdict().get("num") and re.match(r"\d", m.group("num")) and \
                _MONTH_BEFORE.search(text, max(0, m.start("num") - 12), m.start("num")):
            pos = m.end("num")
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.start() + 1


def find_figures(text: str, span: tuple[int, int], frame: Frame | None, mentions: list[Mention],
                 times: list[TimeExpr], sentence: int, disc: Discourse,
                 rules: Rules, anchor: dt.date, clause: tuple[int, int] | None = None
                 ) -> list[Figure]:
    """The casualty figures stated inside `span`; their period may come from the clause
    around it ("Overnight, the province reported that 31 people had been injured")."""
    c = _compile(rules)
    begin, end = span
    if c.cue is not None and (  # most sentences hold none of the cue's words
            not may_match(c.cue, text, text.lower() if text.isascii() else None)
            or c.cue.search(text, begin, end) is None):
        return []
    figures: list[Figure] = []
    last_population = ""
    matches: list[re.Match[str]] = []
    for pattern in c.figures:
        for m in _matches(pattern, text, begin, end):
            b0, e0 = _core(m)
            if all(e0 <= b or b0 >= e for b, e in (_core(x) for x in matches)):
                matches.append(m)
        for m in [x for x in matches if x.re is pattern and x.groupdict().get("appos")
                  and re.match(r"\s*,\s+(?:including|among|most)", x.group("appos"))]:
            # "50 servicemen, including 42 soldiers and 8 border guards, were killed"
            for inner in pattern.finditer(text, m.start("appos"), m.end()):
                b0, e0 = _core(inner)
                if all(e0 <= b or b0 >= e for b, e in (_core(x) for x in matches)):
                    matches.append(inner)
    matches.sort(key=lambda m: m.start())
    parts = []
    for m in matches:
        part = c.parts.match(text, m.end(), end)
        appos = m.groupdict().get("appos")
        if part is None and appos and re.match(r"\s*,\s+\S+\s+of\s+them\b", appos):
            # "13 Cambodians, eight of them civilians, had been killed": the part inside
            part = c.parts.match(text, text.index(",", m.start("appos")), end)
        if part and m.groupdict().get("kind"):
            parts.append((m, part))
    for m in matches:
        groups = m.groupdict()
        mid = m.group("mid") or ""
        # "two days", "three villages": no people; "a resident of the village" is one
        head = re.split(r"\s+(?:of|from|in|near|at)\s+", mid)[0]
        if _DISALLOWED_MID.search(head.replace("-year-old", "")):
            continue
        if not groups.get("victim") and _not_a_count(text, m, c.number_words):
            continue  # "No one was hurt", "Sgt. X, 35, was killed", "including a boy"
        mid_span = m.span("mid")
        if not mid.strip() and groups.get("of"):
            mid, mid_span = groups["of"], m.span("of")  # "nine of its soldiers"
        population = _population(mid, rules)
        victim = groups.get("victim")
        if victim and not population and _MILITARY_RANK.match(victim):
            population = "Soldiers"  # "killing Private Firdavs Rahimov, 22"
        if victim:
            population = population or "People"  # "X, a 35-year-old teacher, was killed"
        another = (m.group("art") or "").lower() == "another"
        if another and not population:
            population = last_population  # "killing a soldier and wounding another"
        if m.group("art") and not population:
            continue  # "a deadly conflict": an article is a number only before a person noun
        if m.re is c.figures[0] and not population:
            # "wounding five Kyrgyz [and two Tajik border guards]"
            population = _population(text[m.end():m.end() + 60], rules)
        if m.re is c.figures[8] and not population:
            if not re.search(r"\b[A-Z]\w+$", mid):
                continue  # "two days and three soldiers": coordinated figures name their people
            # "five Azerbaijani and three Armenian soldiers": the noun of the last conjunct
            population = _population(text[m.end():m.start("kind")], rules)
        if re.search(r"\bothers?\b|\bmore\b", mid, re.IGNORECASE) and not population:
            population = last_population
        elif not population and not mid.strip() and last_population and \
                re.search(r"\band\s+(?:\w+\s+){0,3}$", text[max(begin, m.start() - 40):m.start()]):
            # "killing five civilians and wounding 35": the noun of the neighbour
            population = last_population
        if "kind" not in groups:
            # a death toll, or "put the number of wounded at 44"
            kind = c.kinds.get(norm_key(groups.get("tkind") or ""), "Killed")
        elif m.group("kind").lower() == "left":
            if not groups.get("left"):
                continue  # "left two people" without "dead"/"injured"
            kind = c.kinds[norm_key(m.group("left"))]
        else:
            if _LOST_SOMETHING.match(text, m.end("kind")) and m.group("kind").lower() in {
                    "lost", "losing"}:
                continue  # "the two servicemen had lost their way in fog"
            kind = c.kinds[norm_key(m.group("kind"))]
        if re.search(r"\b(?:who|which|that)\b", mid) and _LATER_DIED.match(text, m.end(), end):
            kind = "Killed"  # "17 soldiers who were injured at the site later died"
        kind = "" if kind == "Unspecified" else kind
        count: int | None = None
        vague = ""
        lo: int | None = None
        hi: int | None = None
        if m.group("vague"):
            vague = m.group("vague").strip()
            if vague.lower().endswith(" of"):
                vague = vague[:-3]
            lo = c.vague.get(norm_key(m.group("vague")), {}).get("min")
            hi = c.vague.get(norm_key(m.group("vague")), {}).get("max")
        else:
            word = (m.group("num") or m.group("art") or "").lower()
            digits = word.replace(",", "")
            if m.group("num") and re.fullmatch(r"(?:19|20)\d\d", digits) and \
                    _MONTH_BEFORE.search(text, max(0, m.start("num") - 12), m.start("num")):
                continue  # "The fighting of September 2022 left 63 dead": a year
            count = 1 if groups.get("age") or another or groups.get("victim") and not word else \
                int(digits) if digits.isdigit() else c.numbers.get(word)
            lo = count
        qualifier = ""
        if m.group("qual"):
            q = norm_key(m.group("qual"))
            qualifier = c.qualifiers[q]
            if count is not None and q in c.exclusive:
                lo = count + 1 if qualifier == "AtLeast" else None
                hi = count - 1 if qualifier == "AtMost" else None
            elif qualifier == "AtMost":
                hi, lo = count, None
        elif count is not None:
            qualifier = "Exactly"
            hi = count
        side = _side(mid_span[0], mid_span[1], mentions, frame, mid, disc) or \
            _own_losses(text, frame, disc)
        place = _place(text, mentions, m.end(), end, frame, disc)
        period, since = _period(text, times, begin, end, anchor)
        if period is None and clause is not None:
            period, since = _period(text, times, clause[0], clause[1], anchor)
        figures.append(Figure(kind, count, vague, lo, hi, qualifier, side, population, place,
                              period, since, frame, sentence, (m.start(), m.end()),
                              rules.casualties["kinds"]["id"]))
        last_population = population or last_population
        for whole, part in parts:
            if whole is m:
                # "killed 31 people, among them 11 civilians": a numbered part, same kind
                word = part.group("num").lower().replace(",", "")
                n = int(word) if word.isdigit() else c.numbers.get(word)
                if n is not None:
                    figures.append(Figure(kind, n, "", n, n, "Exactly",
                                          _side(part.start("mid"), part.end("mid"), mentions,
                                                frame, part.group("mid"), disc),
                                          _population(part.group("mid"), rules), place,
                                          period, since, frame, sentence, part.span(),
                                          rules.casualties["kinds"]["id"]))
    return figures


def _population(mid: str, rules: Rules) -> str:
    found = rules.populations.find(mid)
    if found:
        return found[-1][2]
    # "a 12-year-old boy", "a policeman": a person, of no group the rules name
    return "People" if _person_nouns(rules).search(mid) else ""


@lru_cache(maxsize=2)
def _person_nouns(rules: Rules) -> re.Pattern[str]:
    return re.compile(r"\b" + phrase_pattern(rules.casualties["person_nouns"]) + r"\b",
                      re.IGNORECASE)


_OWN_LOSSES = re.compile(r"\b(?:its|their)\s+(?:own\s+)?losses\s+at\s*$", re.IGNORECASE)


def _own_losses(text: str, frame: Frame | None, disc: Discourse) -> Entity | None:
    """"Kyrgyzstan puts its own losses at 59 killed": the reporting side's dead."""
    if frame is None or not _OWN_LOSSES.search(text, 0, frame.verb_span[1]):
        return None
    return disc.state_of(frame.claimant)


def _side(begin: int, end: int, mentions: list[Mention], frame: Frame | None, mid: str,
          disc: Discourse) -> Entity | None:
    for m in mentions:
        if begin <= m.begin and m.end <= end and m.entity is not None:
            return disc.state_of(m.entity)
    if frame is not None and re.search(r"\bof\s+(?:its|their)\b", mid, re.IGNORECASE):
        return disc.state_of(frame.claimant)
    return None


def _place(text: str, mentions: list[Mention], start: int, end: int, frame: Frame | None,
           disc: Discourse) -> Entity | None:
    for m in mentions:
        if start <= m.begin and m.end <= end and m.entity is not None and m.entity.is_place \
                and not m.entity.is_state and m.kind not in {"body", "force"} \
                and not text.startswith("'s", m.end) and \
                re.search(r"\b(?:in|at|near|of)\s+(?:\w+\s+){0,3}$", text[start:m.begin]):
            return m.entity
    if frame is not None:
        claimant = frame.claimant
        if claimant.is_place and not claimant.is_state:
            return claimant  # "Batken province reported ...": figures for that province
        if claimant.is_a("LocalAuthority"):
            return _authority_place(claimant, disc)
    return None


def _authority_place(authority: Entity, disc: Discourse) -> Entity | None:
    """"Isfara authorities" -> Isfara (the place the local authority is named after)."""
    name = authority.label.removesuffix(" authorities")
    return disc.kb.names.get(name) or next(
        (e for e in disc.minted.values() if e.label == name and e.is_place), None)


def _period(text: str, times: list[TimeExpr], begin: int, end: int, anchor: dt.date
            ) -> tuple[TimeExpr | None, bool]:
    """The period a figure covers. "since fighting broke out two days ago" is its own
    expression, running from that day to the reported date."""
    inside = [t for t in times if begin <= t.begin and t.end <= end]
    if not inside:
        return None, False
    for t in inside:
        since = re.search(r"\bsince\b[^,;]*$", text[begin:t.begin])
        if since:
            b = begin + since.start()
            return TimeExpr(b, t.end, text[b:t.end], t.start, anchor, t.precision,
                            "time.since", duration=True), True
    return inside[0], False
