"""Names the gazetteer knows, found in a sentence without a pattern framing them:
countries ("Cambodia"), their adjectives ("Thai troops"), capitals ("Baku said", "in
Yerevan"), provinces ("Syunik", "Ladakh") and towns ("Goris").

A country or adjective is taken wherever it stands. A province or town is taken only when
it lies in a state the article names (so "Victoria" in a report on Armenia is no town),
and never when it is part of a longer capitalised name ("Nikol Pashinyan"). A capital
that acts stands for its state; one something happens in is a city. The scan looks names
up by token, not with one regular expression over every name, so its cost does not grow
with the size of the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.kb import Entity
from graph.extract.linking import Discourse, MintedFact
from graph.extract.mentions import Mention
from graph.extract.rules import Rules, load

RULE = "entity.gazetteer"
_TOKEN = re.compile(r"[^\W\d_][\w\-]*(?:'(?!s\b)\w+)?")
_JOINERS = {"and", "of", "the", "de", "la", "el", "al", "du", "da"}
MAX_TOKENS = 6


@dataclass(frozen=True)
class _Words:
    stop: frozenset[str]
    ambiguous: frozenset[str]
    given_names: frozenset[str]
    place_nouns: re.Pattern[str]
    noun_before: re.Pattern[str]
    natural_after: re.Pattern[str]
    natural_before: re.Pattern[str]
    place_preps: frozenset[str]


@lru_cache(maxsize=2)
def _words(rules: Rules) -> _Words:
    gaz = rules.places["gazetteer"]
    nouns = sorted({n for p in rules.places["place"] for n in p["nouns"]}, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in nouns)
    natural = "|".join(re.escape(n) for n in rules.places["natural"]["nouns"] +
                       rules.places["natural"]["not_place_after"])
    return _Words(
        stop=frozenset(rules.places["stop"]["words"]),
        ambiguous=frozenset(gaz["ambiguous"]),
        given_names=frozenset(load("countries").get("given_names", [])),
        place_nouns=re.compile(r"\s+(" + alternation + r"|state)\b", re.IGNORECASE),
        noun_before=re.compile(r"\b(" + alternation + r"|state)\s+of\s+$", re.IGNORECASE),
        natural_after=re.compile(r"\s+(?:" + natural + r")\b", re.IGNORECASE),
        natural_before=re.compile(r"\b(?:" + "|".join(
            re.escape(n) for n in rules.places["natural"]["before"]) +
            r")\s+(?:(?:del|de|la|of|the)\s+)?$", re.IGNORECASE),
        place_preps=frozenset(rules.actors["capital"]["place_prepositions"]),
    )


def text_class(text: str, begin: int, end: int, rules: Rules) -> str | None:
    """The class the text's own noun gives a name ("the town of X", "X province")."""
    words = _words(rules)
    after = words.place_nouns.match(text, end)
    before = words.noun_before.search(text[max(0, begin - 40):begin])
    noun = (before.group(1) if before else after.group(1) if after else "").lower()
    if noun == "state":
        return "Region"  # "South Sudan's Unity state"
    return rules.place_nouns.value(noun)["class"] if noun else None


def _capitalised(word: str) -> bool:
    # Arabic names keep their article in lower case: "al-Qadarif state", "el-Obeid"
    return word[:1].isupper() or _ARTICLE_NAME.match(word) is not None


_ARTICLE_NAME = re.compile(r"(?:al|el)-[A-Z]")


def gazetteer_mentions(text: str, disc: Discourse, rules: Rules,
                       taken: list[Mention]) -> list[Mention]:
    """Every gazetteer name in the sentence that no base mention covers."""
    words = _words(rules)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        b, _, word = tokens[i]
        if not _capitalised(word) or (len(word) > 3 and word.isupper()) or \
                any(t.begin <= b < t.end for t in taken):
            # (a word in capitals is a dateline's or a headline's, not a name to look up)
            i += 1
            continue
        hit: tuple[int, str, str, object] | None = None
        for n in range(min(MAX_TOKENS, len(tokens) - i), 0, -1):
            j = i + n - 1
            e = tokens[j][1]
            if not _capitalised(tokens[j][2]) or not _joined(text, tokens, i, j):
                continue
            # a longer name may contain a base name ("Jammu and Kashmir" over "Kashmir"):
            # the longest mention wins in entities.recognise
            if any(t.begin < e and t.end > b and not (b <= t.begin and t.end <= e and
                                                     (t.begin, t.end) != (b, e))
                   for t in taken):
                continue
            surface = text[b:e]
            looked = _lookup(surface, n, disc)
            if looked is not None:
                hit = (j, surface, looked[0], looked[1])
                break
        if hit is None:
            i += 1
            continue
        j, surface, kind, value = hit
        e = tokens[j][1]
        mention = _mention(text, b, e, surface, kind, value, tokens, i, j, disc, rules, words)
        if mention is not None:
            found.append(mention)
        i = j + 1
    return found


def _joined(text: str, tokens: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """Tokens i..j form one name: only spaces or hyphens between them, joiners inside."""
    for k in range(i, j):
        gap = text[tokens[k][1]:tokens[k + 1][0]]
        if gap.strip(" -") or "\n" in gap:
            return False
        if k > i and not _capitalised(tokens[k][2]) and tokens[k][2] not in _JOINERS:
            return False
    return not (j > i and not _capitalised(tokens[i + 1][2]) and tokens[i + 1][2]
                not in _JOINERS)


def _lookup(surface: str, n: int, disc: Discourse) -> tuple[str, object] | None:
    gaz = disc.gazetteer
    if surface in gaz.country_names:
        return "country", gaz.countries[gaz.country_names[surface]]
    if n <= 2 and surface in gaz.demonyms:
        return "demonym", gaz.countries[gaz.demonyms[surface]]
    if n == 1 and surface.endswith("s") and surface[:-1] in gaz.demonyms:
        # "the Chileans had fired first", "the Eritreans": the side by its people
        return "people", gaz.countries[gaz.demonyms[surface[:-1]]]
    if surface in gaz.capitals:
        return "capital", gaz.countries[gaz.capitals[surface]]
    country = gaz.country_named(surface)
    if country is not None:
        return "country", country
    if gaz.places_named(surface):
        return "place", surface
    return None


def _neighbour_name(text: str, tokens: list[tuple[int, int, str]], i: int, j: int,
                    words: _Words) -> bool:
    """A capitalised word right before or after: the hit is part of a longer name."""
    if i > 0 and _capitalised(tokens[i - 1][2]) and tokens[i - 1][2] not in words.stop and \
            not text[tokens[i - 1][1]:tokens[i][0]].strip(" ") and \
            not re.search(r"[.!?:;\"]\s*$", text[:tokens[i - 1][0]]) and tokens[i - 1][0] > 0:
        return True
    return j + 1 < len(tokens) and _capitalised(tokens[j + 1][2]) and \
        not text[tokens[j][1]:tokens[j + 1][0]].strip(" ") and \
        not words.place_nouns.match(" " + tokens[j + 1][2])


def _mention(text: str, b: int, e: int, surface: str, kind: str, value: object,
             tokens: list[tuple[int, int, str]], i: int, j: int, disc: Discourse,
             rules: Rules, words: _Words) -> Mention | None:
    from graph.extract.gazetteer import GazCountry

    if kind == "people":
        assert isinstance(value, GazCountry)
        if not re.search(r"\bthe\s+$", text[max(0, b - 5):b], re.IGNORECASE):
            return None  # "Chileans marched", people, not the side's forces
        return Mention(b, e, surface, disc.state_for_country(value), "name", RULE, priority=1)
    if kind in {"country", "demonym", "capital"}:
        assert isinstance(value, GazCountry)
        state = disc.state_for_country(value)
        if kind == "demonym":
            return Mention(b, e, surface, state, "demonym", RULE, priority=0)
        if kind == "country":
            if surface in words.given_names and _neighbour_name(text, tokens, i, j, words):
                return None  # "Michael Jordan", "Lake Chad"
            return Mention(b, e, surface, state, "name", RULE, priority=1)
        return _capital(text, b, e, surface, state, value.code, disc, rules, words)
    if surface in words.stop or surface in words.ambiguous and \
            text_class(text, b, e, rules) is None:
        return None
    if _neighbour_name(text, tokens, i, j, words) or words.natural_after.match(text, e) or \
            words.natural_before.search(text[max(0, b - 30):b]):
        return None  # "Nikol Pashinyan", "the Moyka river", "the Cordillera del Condor"
    cls = text_class(text, b, e, rules)
    if cls is not None and cls not in {"City", "Village", "Region", "District"}:
        return None  # "the Preah Vihear temple": the rules of entities.py name it
    place = disc.locate(surface, cls, None, prefer=_sentence_countries(text, b, disc, words))
    if place is None:
        return None
    if cls is None and place.cls in {"Region", "District"}:
        # a bare name that is also a large town of the same state means the town
        threshold = int(rules.places["gazetteer"]["bare_city_population"])
        town = next((p for p in disc.gazetteer.places_named(surface) if p.country ==
                     place.country and p.cls == "City" and p.population >= threshold), None)
        place = town or place
    entity = disc.place_entity(place, cls, label=surface)
    after = words.place_nouns.match(text, e)
    if after:
        disc.heard(entity, text[b:after.end()])  # "Surin province", "Unity state"
    return Mention(b, e, surface, entity, "name", RULE, priority=1)


def _sentence_countries(text: str, pos: int, disc: Discourse, words: _Words) -> list[str]:
    """ISO codes of the states the sentence names (by name or adjective), nearest to
    `pos` first: a name both states have ("Kok-Tash") is the one of the state at hand."""
    gaz = disc.gazetteer
    found: list[tuple[int, str]] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        code = gaz.country_names.get(word) or gaz.demonyms.get(word)
        if code is None:
            entity = disc.kb.names.get(word) or disc.kb.demonyms.get(word)
            code = disc.country_of(entity) if entity is not None and entity.is_state else None
        if code:
            found.append((abs(m.start() - pos), code))
    return list(dict.fromkeys(code for _, code in sorted(found)))


def capital_acts(text: str, b: int, e: int, state: Entity, rules: Rules) -> bool:
    """"Baku said", "Yerevan accused": a capital that acts stands for its state; "in
    Baku", "Yerevan, Armenia" keep it a city."""
    before = text[:b].split()
    place_preps = set(rules.actors["capital"]["place_prepositions"])
    followed_by_state = re.match(r",\s*" + re.escape(state.label), text[e:e + 40])
    # "the Cameroonian capital, Yaounde": named as the city
    apposed = re.search(r"\bcapital,?\s+$", text[max(0, b - 12):b], re.IGNORECASE)
    # "according to Bishkek": a source, though "to" is a place preposition
    source = re.search(r"\baccording\s+to\s+$", text[max(0, b - 16):b], re.IGNORECASE)
    return not followed_by_state and (source is not None or not (
        before and before[-1].lower() in place_preps)) \
        and not _words(rules).place_nouns.match(text, e) and apposed is None


def _capital(text: str, b: int, e: int, surface: str, state: Entity, code: str,
             disc: Discourse, rules: Rules, words: _Words) -> Mention | None:
    known_capital = surface in rules.actors["capital"]["capitals"]
    if code not in disc.countries and not known_capital:
        return None  # "Victoria", "Kingston" in a report on another region
    if capital_acts(text, b, e, state, rules):
        return Mention(b, e, surface, state, "capital", rules.actors["capital"]["id"],
                       priority=1)
    place = disc.locate(surface, "City", state.iri)
    entity = disc.place_entity(place, "City", label=surface) if place is not None else \
        disc.mint("City", surface, state=state.iri, rule=RULE,
                  facts=[MintedFact("ckg:inState", state.iri, RULE)])
    return Mention(b, e, surface, entity, "name", RULE, priority=1)
