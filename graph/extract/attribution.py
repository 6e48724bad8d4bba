"""Attribution across sentences: who "it", "he", "the ministry" or "the statement" is when
a reporting verb's source is not named in its clause ("Seventeen soldiers later died of
their wounds, it said"; "The statement added that ..."), and "X was quoted as saying".

The article's claimants are remembered in the order they speak (`remember`), in the
discourse's `last_of_class` table under keys of their own, so the next unnamed reporter
resolves to the last one that fits (`recall`): a person for "he"/"she", a claimant whose
name has the noun for "the ministry", the last claimant for "it" and "the statement".
The words are data: graph/rules/reporting.toml, [anaphora] and [quoted]."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.discovery import home_state
from graph.extract.kb import Entity
from graph.extract.linking import Discourse, has_words
from graph.extract.rules import Rules, phrase_pattern

_LAST = "attribution:claimant"
_LAST_PERSON = "attribution:person"
_ACCOUNT = "attribution:account"
_PREVIOUS = "attribution:previous"


@dataclass(frozen=True)
class _Compiled:
    pronoun: re.Pattern[str]
    definite: re.Pattern[str]
    personal: frozenset[str]
    generic: frozenset[str]
    home: frozenset[str]
    quoted: re.Pattern[str]
    indefinite: re.Pattern[str]


@lru_cache(maxsize=2)
def _compile(rules: Rules) -> _Compiled:
    spec = rules.reporting["anaphora"]
    nouns = spec["nouns"] + spec["generic"]
    return _Compiled(
        re.compile(r"(?:" + phrase_pattern(spec["pronouns"]) + r")(?:\s+(?:also|later|then|"
                   r"further|again))?", re.IGNORECASE),
        # ("the military's media wing": a possessive modifier too)
        re.compile(r"(?:the|its|his|her|their|that)\s+(?:[\w\-']+\s+){0,2}?(?P<noun>"
                   + phrase_pattern(nouns) + r")(?:\s+(?:also|later|then|further|again))?",
                   re.IGNORECASE),
        frozenset(spec["personal"]), frozenset(spec["generic"]), frozenset(spec["home"]),
        re.compile(r"\b(?:was|were|has\s+been|had\s+been|is)\s+(?:also\s+)?quoted\s+"
                   r"(?:by\s+[^,;]{1,80}?\s+)?as\s+(?:" + phrase_pattern(
                       rules.reporting["quoted"]["participles"]) + r")(?:\s+that\b)?",
                   re.IGNORECASE),
        # ("a ministry statement", "an army communique": a statement of a body named before)
        # ("A communique read on national radio said": the statement as it was issued)
        re.compile(r"(?:a|an)\s+(?:[\w\-']+\s+){0,2}?(?P<noun>" + phrase_pattern(
            spec["generic"]) + r")(?:\s+(?:read|issued|released|published|broadcast|carried|"
            r"posted)\s+(?:on|by|in|over)\s+[^,;]{1,40})?", re.IGNORECASE))


# nouns for a state's armed forces, whose entity the base calls "X forces"
_ARMY_WORDS = frozenset({"army", "military", "armed forces", "forces", "troops"})


def anaphor(phrase: str, rules: Rules) -> str | None:
    """"pronoun" for "it", "he", "they"; "definite" for "the ministry", "the statement",
    "its spokesman"; None when `phrase` (a reporting verb's whole subject) is neither."""
    c = _compile(rules)
    phrase = phrase.strip()
    if c.pronoun.fullmatch(phrase):
        return "pronoun"
    if c.definite.fullmatch(phrase):
        return "definite"
    if c.indefinite.fullmatch(phrase):
        return "definite"  # "a ministry statement said": the statement of who spoke last
    return None


def remember(disc: Discourse, claimant: Entity) -> None:
    """Note who spoke last (and the last person who spoke, and who spoke before)."""
    before = disc.last_of_class.get(_LAST)
    if before is not None and before is not claimant:
        disc.last_of_class[_PREVIOUS] = before
    disc.last_of_class[_LAST] = claimant
    if claimant.is_a("Person"):
        disc.last_of_class[_LAST_PERSON] = claimant


def announce_account(disc: Discourse, teller: Entity | None) -> None:
    """Note (or, with None, forget) a side whose account the next sentence gives: "Lagos
    gave a different account." An unnamed army spokesman who speaks next is of its state."""
    if teller is None:
        disc.last_of_class.pop(_ACCOUNT, None)
    else:
        disc.last_of_class[_ACCOUNT] = teller


def announced_account(disc: Discourse) -> Entity | None:
    """The side of the account the previous sentence announced, if it did."""
    return disc.last_of_class.get(_ACCOUNT)


def last_speaker(disc: Discourse, person: bool = False,
                 other_than: Entity | None = None) -> Entity | None:
    """Who spoke last (the last person who spoke, with `person`); with `other_than`, the
    one who spoke last before that entity did."""
    last = disc.last_of_class.get(_LAST_PERSON if person else _LAST)
    if other_than is not None and last is other_than:
        return None if person else disc.last_of_class.get(_PREVIOUS)
    return last


def recall(disc: Discourse, phrase: str, rules: Rules) -> Entity | None:
    """The earlier claimant an unnamed reporter ("it", "he", "the ministry") stands for."""
    c = _compile(rules)
    phrase = phrase.strip().lower()
    last = disc.last_of_class.get(_LAST)
    person = disc.last_of_class.get(_LAST_PERSON)
    word = phrase.split()[0] if phrase else ""
    if word in c.personal:
        return person or last
    m = c.definite.fullmatch(phrase) or c.indefinite.fullmatch(phrase)
    if m is None:
        return last
    noun = m.group("noun").lower()
    if noun in c.generic:
        return last
    for candidate in (last, person):
        if candidate is not None and noun.rstrip("s") in candidate.label.lower():
            return candidate
    for candidate in (last, disc.last_of_class.get(_PREVIOUS)):
        if noun in _ARMY_WORDS and candidate is not None and \
                candidate.label.endswith(" forces") and phrase.startswith("the "):
            # "Chad's army said ... Sudan denied any role. ..., the army said": the army
            # that spoke before the other side's denial
            return candidate
    if noun in c.personal and (person or last):
        # "the spokesman said" after "a Pakistani military spokesman said": an unnamed
        # person was recorded as his state, which is whom he stands for
        return person or last
    if noun in c.personal:
        # "..., the government spokeswoman said" before anyone spoke: a post of the body
        # its modifier names, of the state the report was filed from
        modifiers = phrase[:m.start("noun")].split()[1:]
        if not any(w in c.home for w in modifiers):
            return None
        noun = modifiers[-1] if modifiers[-1] in c.home else next(
            w for w in modifiers if w in c.home)
    # "A serviceman of the Border Service was wounded ... According to the service, ...":
    # the body named before by that noun, though it has not spoken yet
    words = noun.split()
    named = [e for e in disc.named_with(words) if not e.is_a("Person") and not e.is_place]
    if named and phrase.startswith("the ") and (last is None or not has_words(last, words)):
        return named[-1]
    # "the army said": the body that spoke last, whatever the base calls it; before anyone
    # spoke, a body of the state the report was filed from ("ISLAMABAD - ... the army said")
    if last is not None and not last.is_a("Person"):
        return last
    if noun not in c.home:
        return None
    return dateline_home(disc)


def dateline_home(disc: Discourse) -> Entity | None:
    """The state the report was filed from (a state the dateline names may be known only
    once the article has named it)."""
    if disc.home is None and disc.dateline:
        disc.home = home_state(disc)
    return disc.home


def recall_name(disc: Discourse, phrase: str) -> Entity | None:
    """A person named before, now by surname alone ("Misri said"): the person of the
    article whose name ends with it."""
    phrase = phrase.strip()
    if not re.fullmatch(r"[A-Z][\w'\-]+", phrase):
        return None
    everyone = [e for e in list(disc.mentioned.values()) + list(disc.minted.values())
                if e.is_a("Person") and len(e.label.split()) > 1]
    people = [e for e in everyone if e.label.split()[-1] == phrase]
    if not people:
        # "according to Sansern" after "Colonel Sansern Kaewkamnerd": Thai, Chinese and
        # other names are cut to their first word
        people = [e for e in everyone if e.label.split()[0] == phrase]
    return people[-1] if len({p.iri for p in people}) == 1 else None


def quoted_as_saying(text: str, begin: int, end: int, rules: Rules) -> tuple[int, int] | None:
    """"X was quoted (by the agency) as saying (that) CLAIM": where the verb group begins
    and where the claim begins."""
    m = _compile(rules).quoted.search(text, begin, end)
    return (m.start(), m.end()) if m else None
