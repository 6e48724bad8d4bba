"""States the reference base does not know, recognised from how an article uses a name
before the main pass, so that every sentence can link to them: "NAME's foreign
ministry", "the border between NAME and NAME", "the NAME-NAME border", "NAME and
Kyrgyzstan accused each other". Each gets guessed adjectives ("Karvenian") so that
"Karvenian border guards" links too."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.document import Sentence
from graph.extract.gazetteer import Gazetteer
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.mentions import NAME
from graph.extract.rules import Rules, phrase_pattern

_NAME = r"[A-Z][a-z]+(?:[\- ][A-Z][a-z]+)?"


@lru_cache(maxsize=2)
def _patterns(rules: Rules) -> list[re.Pattern[str]]:
    spec = rules.actors["unknown_state"]
    heads = phrase_pattern(spec["heads"])
    verbs = phrase_pattern(spec["verbs"])
    return [
        re.compile(rf"\b(?P<a>{_NAME})'s\s+(?:\w+ern\s+)?{heads}\b"),
        re.compile(rf"\bbetween\s+(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})\b"),
        re.compile(r"\b(?P<a>[A-Z][a-z]+)-(?P<b>[A-Z][a-z]+)\s+(?:border|frontier|conflict)"),
        re.compile(rf"(?:^|[.;:]\s+|\b(?:as|after|when|while)\s+)(?P<a>{_NAME}),?\s+and\s+"
                   rf"(?P<b>{_NAME})\s+(?:have\s+|had\s+)?{verbs}\b"),
        re.compile(rf"^(?P<a>{_NAME}),\s+(?P<b>{_NAME})\s+{verbs}\b"),
    ]


def _known(name: str, disc: Discourse) -> bool:
    """A name the base or the gazetteer already gives a meaning: not a new state. A
    capital ("Baku and Yerevan accused each other") stands for its state elsewhere."""
    gaz = disc.gazetteer
    return name in disc.kb.names or name in disc.kb.demonyms or name in disc.extra_names \
        or disc.kb.by_key(name) is not None or gaz.country_named(name) is not None \
        or name in gaz.demonyms or name in gaz.capitals or bool(gaz.places_named(name))


def article_countries(texts: list[str], disc: Discourse) -> set[str]:
    """ISO codes of every state the texts name, by name, adjective or capital-as-actor:
    the states whose provinces and towns the gazetteer may find in the article."""
    gaz = disc.gazetteer
    codes: set[str] = set()
    text = "\n".join(texts)  # one pass over the whole article
    for m in disc.kb.name_regex.finditer(text):
        entity = disc.kb.names.get(m.group())
        if entity is not None and entity.is_state:
            codes.add(disc.country_of(entity))
    for m in disc.kb.demonym_regex.finditer(text):
        codes.add(disc.country_of(disc.kb.demonyms.get(m.group())))
    for word in set(_WORDS.findall(text)):
        code = gaz.country_names.get(word) or gaz.demonyms.get(word)
        if code is not None:
            codes.add(code)
    for name, code in _multiword_countries(gaz):
        if name in text:  # "South Korea", "Sri Lanka"
            codes.add(code)
    codes.discard("")
    return codes


# a weapon's or aircraft's model designation: "F-16", "MiG-29", "BM-21", "Su-25"
_MODEL = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]?")


def _discover_groups(texts: list[str], disc: Discourse, rules: Rules) -> None:
    """Armed groups the article names with a group noun ("the M23 rebel group"), for every
    sentence of the article ("Kigali denies backing the M23")."""
    spec = rules.actors["armed_group"]
    pattern = re.compile(r"\b(?P<name>[A-Z][A-Za-z0-9\-]+(?:\s+[A-Z][A-Za-z0-9\-]+){0,2})\s+"
                         + phrase_pattern(spec["nouns"]) + r"\b")
    # "FARC positions", "the FARC's commander"; "FARC, Latin America's oldest guerrilla
    # army", "Jaish al-Adl, a Sunni militant group"
    acronym = re.compile(r"\b(?P<name>[A-Z]{2,6})(?:'s)?\s+" + phrase_pattern(
        spec["acronym_context"]) + r"\b")
    apposed = re.compile(r"(?:^|(?<=\s))(?P<name>" + NAME +
                         r"),\s+(?:an?\s+|the\s+)?(?:[\w'\-]+\s+){0,4}?"
                         + phrase_pattern(spec["nouns"]) + r"\b")
    # each pattern needs its noun: a sentence without one is not scanned name by name
    nouns = re.compile(phrase_pattern(spec["nouns"]))
    context = re.compile(phrase_pattern(spec["acronym_context"]))
    stop = set(rules.places["stop"]["words"])
    numbers = rules.casualties["numbers"]
    groups: dict[str, Entity] = {}
    for text in texts:
        named = nouns.search(text) is not None
        for m in [*(pattern.finditer(text) if named else ()),
                  *(acronym.finditer(text) if context.search(text) else ()),
                  *(apposed.finditer(text) if named else ())]:
            name = m.group("name")
            words = re.split(r"[\s\-]+", name)
            if words[0].lower() in numbers and len(words) > 1:
                # "One Taliban fighter was killed": a count before the name
                name = name[len(words[0]):].lstrip()
                words = words[1:]
            if words[0] in stop or any(disc.demonym(w) or disc.state_named(w) for w in words) \
                    or _known(name, disc) or _MODEL.fullmatch(name):
                continue  # "Congolese rebels", "Syrian rebels": a state's, not a name;
                # "F-16 fighter jets": an aircraft's model
            groups[name] = disc.mint("ArmedForce", name, rule=spec["id"])
            disc.heard(groups[name], m.group())  # "the M23 rebel group", "Houthi rebels"
    if groups:
        disc.add_names(groups, {})


def _multiword_countries(gaz: Gazetteer) -> list[tuple[str, str]]:
    cached = _MULTIWORD.get(id(gaz))
    if cached is None:
        cached = [(n, c) for n, c in gaz.country_names.items() if " " in n]
        _MULTIWORD.clear()
        _MULTIWORD[id(gaz)] = cached
    return cached


_MULTIWORD: dict[int, list[tuple[str, str]]] = {}


_WORDS = re.compile(r"[A-Z][\w\-]+")




def place_words(texts: list[str], rules: Rules) -> set[str]:
    """Names the article puts before a place noun ("North Kivu province", "Unity state"):
    never a person or an organisation in that article."""
    nouns = phrase_pattern([n for p in rules.places["place"] for n in p["nouns"]])
    pattern = re.compile(r"((?:[A-Z][\w'\-]+\s+){1,3})" + nouns + r"\b")
    stop = set(rules.places["stop"]["words"])
    found: set[str] = set()
    for text in texts:
        for m in pattern.finditer(text):
            words = m.group(1).split()
            while words and words[0] in stop:
                words = words[1:]
            if words:
                found.add(" ".join(words))
    return found


def _named_as_place(name: str, texts: list[str], rules: Rules) -> bool:
    """"North Kivu province", "the village of Maksat" anywhere in the article: no state."""
    nouns = phrase_pattern([n for p in rules.places["place"] for n in p["nouns"]])
    pattern = _name_between(name, "", r"(?:'s)?\s+" + nouns + r"\b", re.IGNORECASE)
    of = _name_between(name, r"\b" + nouns + r"\s+of\s+", r"\b", re.IGNORECASE)
    return any(pattern.search(text) or of.search(text) for text in texts)


@lru_cache(maxsize=1024)
def _name_between(name: str, before: str, after: str, flags: int = 0) -> re.Pattern[str]:
    """The regex `before`, then `name`, then the regex `after`, compiled once per name: the
    nouns' alternation makes it slow to compile, and the names of one conflict come back
    in article after article."""
    return re.compile(before + re.escape(name) + after, flags)


def _surname(name: str, texts: list[str], stop: set[str]) -> bool:
    """"Tashiev and Yatimov sign protocol": a name the article writes elsewhere after a
    first name ("Saimumin Yatimov") is a person's, not a state's. `stop`: capitalised
    words that are no first name ("The", "Northern")."""
    pattern = re.compile(r"\b([A-Z][a-z]+)\s+" + re.escape(name) + r"\b")
    return any(m.group(1) not in stop for text in texts for m in pattern.finditer(text))


def _titled(text: str, pos: int, titles: list[str]) -> bool:
    """A title right before the name: "President Idi Amin's forces" names a person."""
    return _title_before(tuple(titles)).search(text[max(0, pos - 30):pos]) is not None


@lru_cache(maxsize=2)
def _title_before(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in titles) + r")\s+$")


def discover_states(texts: list[str], disc: Discourse, rules: Rules) -> list[Entity]:
    """Mint the unknown states the texts reveal and register their names and adjectives
    for this article."""
    spec = rules.actors["unknown_state"]
    stop = set(rules.places["stop"]["words"])
    disc.countries |= article_countries(texts, disc)
    disc.place_words |= place_words(texts, rules)
    found: dict[str, int] = {}
    for text in texts:
        for pattern in _patterns(rules):
            for m in pattern.finditer(text):
                names = [m.group(g) for g in ("a", "b") if g in m.groupdict() and m.group(g)]
                for name in names:
                    # (an acronym the gazetteer does not know, "SAF positions", is a
                    # body's or a group's, never a new state)
                    # ("King Hussein's troops": the title inside the name, a person's)
                    if name.split()[0] in stop or _known(name, disc) or name.isupper() or \
                            _titled(text, m.start(), spec["titles"]) or \
                            any(name.startswith(t + " ") for t in spec["titles"]) or \
                            _named_as_place(name, texts, rules) or \
                            _surname(name, texts, stop | set(spec["not_first_names"])):
                        continue
                    found[name] = found.get(name, 0) + 1
    _discover_groups(texts, disc, rules)
    minted = []
    for name in sorted(found):
        entity = disc.mint("State", name, rule=spec["id"])
        entity.classes.add("Country")
        entity.state = entity.iri
        demonyms = _demonyms(name, spec["demonym_endings"])
        entity.demonyms = demonyms
        disc.add_names({name: entity}, {d: entity for d in demonyms})
        minted.append(entity)
    return minted


def dateline_names(datelines: list[str]) -> list[str]:
    """The place names of a report's dateline ("ISLAMABAD, March 5 (Reuters) -" ->
    ["Islamabad"], "PRISTINA, Kosovo (AP) -" -> ["Pristina", "Kosovo"])."""
    names = []
    for line in datelines[:1]:
        # "December 16, 2020 (KHARTOUM) -": the place inside the brackets after a date
        parts = [p.strip(" )-\u2013\u2014") for p in re.split(r",|\(|/", line)]
        for part in [p for p in parts if p][:3]:
            words = re.match(r"[A-Za-z][A-Za-z'.\-]+(?: [A-Za-z][A-Za-z'.\-]+){0,2}$", part)
            if words is not None:
                names.append(" ".join(w.capitalize() if w.isupper() else w
                                      for w in words.group().split()))
    return names


_COLON_DATELINE = re.compile(r"([A-Z][A-Z'.\-]{2,}(?:\s+[A-Z][A-Z'.\-]+){0,2}):\s+[A-Z\"\u201c]")


def colon_dateline(first: list[Sentence]) -> list[str]:
    """The place of a South Asian paper's dateline, "MUZAFFARABAD: Two civilians were ...",
    which stays in the first sentence (cut off, it would leave the parse a sentence
    without its first words): known only to tell the state the report was filed from."""
    # (the first of the body, or the one after a title line the page did not mark)
    m = next((m for m in (_COLON_DATELINE.match(s.text) for s in first) if m), None)
    return dateline_names([m.group(1)]) if m else []


def home_state(disc: Discourse) -> Entity | None:
    """The state a report was filed from: its dateline's place, when that is a state, a
    capital, a place the gazetteer puts in one of the article's states, or a state or
    place the article has named so far. Wire reports call that state's bodies "the
    army", "the ministry" without naming the state. A dateline of two places in two states
    ("YEREVAN/BAKU") gives none."""
    found = {s.iri: s for s in (_dateline_state(name, disc) for name in disc.dateline) if s}
    return next(iter(found.values())) if len(found) == 1 else None


def _dateline_state(name: str, disc: Discourse) -> Entity | None:
    """The state one dateline name stands for or lies in, if the article lets us know."""
    state = disc.state_named(name)
    if state is None:
        code = disc.gazetteer.capitals.get(name)
        if code is not None:
            state = disc.state_for_country(disc.gazetteer.countries[code])
    if state is None:
        named = [e for e in disc.mentioned.values() if e.label == name]
        state = next((disc.state_of(e) for e in named if disc.state_of(e)), None)
    if state is None:
        place = disc.locate(name, None, None)
        if place is not None and place.country in disc.countries:
            state = disc.state_for_country(disc.gazetteer.countries[place.country])
    return state


def _demonyms(name: str, endings: list[list[str]]) -> list[str]:
    out = []
    for suffix, replacement in endings:
        if name.endswith(suffix):
            out.append(name[:len(name) - len(suffix)] + replacement)
    return list(dict.fromkeys(d for d in out if d != name))
