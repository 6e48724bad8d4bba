"""Named entities from the annotator (CoreNLP NER: PERSON, COUNTRY, STATE_OR_PROVINCE,
CITY, LOCATION, ORGANIZATION, NATIONALITY) as mention candidates, linked to the base and
the gazetteer, so that a name neither knows is found without a pattern framing it
("met Jeyhun Bayramov", "shells landed in Sotk", "Xinhua reported").

Used only when the article has an annotation; without one (no Java, degraded mode) the
regular-expression recognisers of entities.py and people.py do the work alone. NER
mentions rank below the base's names and the phrases of entities.py: they add names,
they do not retype what a rule already read."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from graph.extract.linking import Discourse
from graph.extract.mentions import Mention, is_name

RULE = "entity.ner"
# NER label -> the class a name of that label gets when the base and the gazetteer lack it
_MINT = {"PERSON": "Person", "CITY": "City", "STATE_OR_PROVINCE": "Region",
         "ORGANIZATION": "Organization", "COUNTRY": "State"}


def sentence_names(annotation: Any, begin: int, end: int) -> list[tuple[int, int, str]]:
    """The annotator's named entities inside [begin, end), offsets from `begin`."""
    if annotation is None:
        return []
    return [(e.begin - begin, e.end - begin, e.ner) for e in getattr(annotation, "entities", ())
            if begin <= e.begin and e.end <= end and e.ner in _LABELS]


_LABELS = {"PERSON", "COUNTRY", "STATE_OR_PROVINCE", "CITY", "LOCATION", "ORGANIZATION",
           "NATIONALITY"}


def ner_mentions(text: str, names: list[tuple[int, int, str]], disc: Discourse, rules: Any,
                 taken: list[Mention]) -> list[Mention]:
    """Mentions for the NER spans no other recogniser covers."""
    found: list[Mention] = []
    for b, e, label in names:
        surface = text[b:e]
        # a longer name may contain a rule's shorter one ("U.N. Security Council" over
        # "U.N."): the longest wins in entities.recognise
        if not surface[:1].isupper() or any(
                t.begin < e and t.end > b and not (b <= t.begin and t.end <= e
                                                   and (t.begin, t.end) != (b, e))
                for t in taken):
            continue
        if label in {"CITY", "LOCATION", "STATE_OR_PROVINCE"} and (
                surface in rules.places["gazetteer"]["ambiguous"]
                or re.search(r"[A-Z][a-z]+\s+$", text[max(0, b - 20):b])):
            continue  # "Union" of "African Union": part of a name the NER cut
        if label == "COUNTRY" and re.search(
                r"\b(?:Latin|South|North|Central|East|West|Southeast|Southern|Northern|Eastern|"
                r"Western)\s+$", text[max(0, b - 20):b]):
            continue  # "America" of "Latin America": a region the NER cut, not a state
        if label in {"CITY", "LOCATION", "STATE_OR_PROVINCE"} and _natural(text, b, e, rules):
            continue  # "the San Juan River", "Lake Sarez": no town or province
        first = re.match(r"([A-Z][a-z]+)\s+(?=[A-Z])", surface)
        if first is not None and first.group(1).lower() in rules.casualties["numbers"]:
            # "One Taliban fighter": a count the NER took into the name
            b += first.end()
            surface = text[b:e]
            if any(t.begin <= b and e <= t.end for t in taken):
                continue
        # (a rank, not an honorific the name keeps: "Sheikh Hasina")
        cut = _trimmed(text, b, e, label, disc, frozenset(
            rules.actors["person_ranks"]["words"]) - _NAME_HONORIFICS)
        if label == "ORGANIZATION" and cut[1] < e:
            # the head named after his body: a person of his own
            rest = re.search(r"[A-Z]", text[cut[1]:e])
            if rest is not None:
                person = _mention(text, cut[1] + rest.start(), e, text[cut[1] + rest.start():e],
                                  "PERSON", disc, rules)
                if person is not None:
                    found.append(person)
        b, e = cut
        surface = text[b:e]
        mention = _mention(text, b, e, surface, label, disc, rules)
        if mention is not None:
            found.append(mention)
    return found


def _natural(text: str, b: int, e: int, rules: Any) -> bool:
    """A name the text makes a natural feature: a noun of [natural] after it or ending it
    ("the San Juan River", "the Helmand river"), or one of its words before it."""
    ending, after, before = _natural_patterns(rules)
    if ending.search(text[b:e]) or after.match(text[e:e + 20]):
        return True
    return before.search(text[max(0, b - 20):b]) is not None


@lru_cache(maxsize=2)
def _natural_patterns(rules: Any) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    spec = rules.places["natural"]
    nouns = "|".join(map(re.escape, spec["nouns"]))
    before = "|".join(map(re.escape, spec["before"]))
    return (re.compile(r"\b(?:" + nouns + r")$", re.IGNORECASE),
            re.compile(r"\s+(?:" + nouns + r")\b", re.IGNORECASE),
            re.compile(r"\b(?:" + before + r")\s+$", re.IGNORECASE))


_NAME_HONORIFICS = frozenset({"Sheikh", "Prince", "Crown Prince"})


def _trimmed(text: str, b: int, e: int, label: str, disc: Discourse,
             ranks: frozenset[str] = frozenset()) -> tuple[int, int]:
    """A span the NER ran on past its name: "Tajikistan Zheenbek Kulubaev" (a person after
    a list of states: the person), "Col Sansern Kaewkamnerd" (a rank written without its
    full stop: the person), "State Committee for National Security of Tajikistan
    Saimumin Yatimov" (a body, then its head without a comma: the body)."""
    if label == "PERSON":
        while True:
            m = re.match(r"([A-Z][\w'\-]+)\.?\s+(?=[A-Z])", text[b:e])
            if m is None or not (disc.state_named(m.group(1)) or disc.demonym(m.group(1))
                                 or m.group(1) in ranks or m.group(1) + "." in ranks):
                return b, e
            b += m.end()
    if label == "ORGANIZATION":
        for m in re.finditer(r"\bof\s+(?:the\s+)?(?=[A-Z])", text[b:e]):
            words = re.match(r"[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?", text[b + m.end():e])
            for name in ([words.group(), words.group().split()[0]] if words else []):
                if disc.state_named(name) and b + m.end() + len(name) < e:
                    return b, b + m.end() + len(name)
    return b, e


def _mention(text: str, b: int, e: int, surface: str, label: str, disc: Discourse,
             rules: Any) -> Mention | None:
    gaz = disc.gazetteer
    if label == "NATIONALITY":
        state = disc.demonym(surface)
        return Mention(b, e, surface, state, "demonym", RULE, priority=0) if state else None
    known = disc.kb.names.get(surface) or disc.kb.by_key(surface)
    if known is not None:
        return Mention(b, e, surface, known, "name", RULE, priority=1)
    if label == "COUNTRY" or gaz.country_named(surface) is not None:
        state = disc.state_named(surface)
        if state is None and label == "COUNTRY" and is_name(surface, rules, disc):
            state = disc.mint("State", surface, rule=RULE)
            state.classes.add("Country")
            state.state = state.iri
        return Mention(b, e, surface, state, "name", RULE, priority=1) if state else None
    if label in {"CITY", "STATE_OR_PROVINCE", "LOCATION"}:
        cls = {"CITY": "City", "STATE_OR_PROVINCE": "Region"}.get(label)
        place = disc.resolve_place(surface, cls)
        if place is None and cls is not None and is_name(surface, rules, disc):
            # a town the gazetteer lacks ("Sotk"): the state of the article it lies in is
            # not said, so none is guessed
            place = disc.mint(cls, surface, rule=RULE)
        if place is None or place.is_state and label != "LOCATION":
            return None
        return Mention(b, e, surface, place, "name", RULE, priority=1)
    if label == "PERSON":
        words = surface.split()
        if not is_name(surface, rules, disc) or surface in disc.place_words:
            return None  # "North Kivu" (the article's "North Kivu province")
        if len(words) == 1:
            # "Misri said": the person the article named in full before
            earlier = [p for p in disc.minted.values() if p.is_a("Person")
                       and p.label.split()[-1] == surface]
            return Mention(b, e, surface, earlier[0], "person", RULE, priority=1) \
                if len(earlier) == 1 else None
        person = disc.mint("Person", surface, rule=RULE)
        return Mention(b, e, surface, person, "person", RULE, priority=1)
    if label == "ORGANIZATION" and is_name(surface, rules, disc) and \
            surface not in disc.place_words:
        spec = rules.actors["ner_organization"]
        after = text[e:e + 20].lower()
        if not (set(surface.split()) & set(spec["name_words"]) or any(
                after.lstrip().startswith(h) for h in spec["heads_after"])):
            return None  # "United Press International", "Al Jazeera": outlets, not actors
        org = disc.mint("Organization", surface, rule=spec["id"])
        return Mention(b, e, surface, org, "name", spec["id"], priority=1)
    return None
