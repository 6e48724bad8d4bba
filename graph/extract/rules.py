"""The rule files (`graph/rules/*.toml`) loaded and compiled once per process.

Rules are data that maintainers edit; this module only turns word lists into regular
expressions. Compiling is cached, so a build of a thousand articles pays for it once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any


def rules_dir() -> Path:
    """Directory of the rule files (works installed or from a checkout)."""
    return Path(str(resources.files("graph"))) / "rules"


def load(name: str) -> dict[str, Any]:
    """One rule file as a dict."""
    with open(rules_dir() / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first, spaces matching runs of space or hyphen."""
    return _phrase_pattern(tuple(phrases))


@lru_cache(maxsize=512)
def _phrase_pattern(phrases: tuple[str, ...]) -> str:
    alternatives = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = [re.escape(w) for w in re.split(r"[\s]+", phrase.strip()) if w]
        alternatives.append((phrase.strip()[:1], r"[\s\-]+".join(words)))
    return alternation(alternatives)


def alternation(alternatives: list[tuple[str, str]]) -> str:
    """`(?:a|b|...)` of regexes in the order given, each with the literal character every
    match of it begins with. When all are ASCII letters or digits, the alternatives are
    grouped by that character, each group in the list's order: the regex engine factors
    it out and tries a few dozen branches per position instead of every one (a tenth of
    the time for the 500 event triggers). Two groups never match at the same position (no
    character matches two ASCII letters, even ignoring case), so the order, and so every
    match, stays what it was."""
    if not alternatives:
        return "(?!x)x"
    if not all(first.isascii() and first.isalnum() for first, _ in alternatives):
        return "(?:" + "|".join(a for _, a in alternatives) + ")"
    groups: dict[str, list[str]] = {}
    for first, alternative in alternatives:
        groups.setdefault(first.lower(), []).append(alternative)
    return "(?:" + "|".join("(?:" + "|".join(g) + ")" if len(g) > 1 else g[0]
                            for g in groups.values()) + ")"


def phrase_regex(phrases: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole-word regex for a word list."""
    return re.compile(r"(?<![\w\-])" + phrase_pattern(phrases) + r"(?![\w])", flags)


def norm_key(text: str) -> str:
    """Lookup key for a phrase: lower case, single spaces, hyphens as spaces."""
    return _SEPARATORS.sub(" ", text.strip().lower())


_SEPARATORS = re.compile(r"[\s\-]+")  # compiled once: every lexicon match is looked up


@lru_cache(maxsize=256)
def needed_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which is in every text `pattern` finds something in
    (read off its parsed form: a run of literal characters every match spells, or one per
    alternative), or None when no such set is known. Most sentences lack all of them, and
    a substring test is far cheaper than a regex scan that tries every position."""
    needs = _needs(sre_parse.parse(pattern.pattern, pattern.flags))
    return tuple(dict.fromkeys(needs)) if needs is not None else None


def may_match(pattern: re.Pattern[str], text: str, lowered: str | None) -> bool:
    """False only where `pattern` surely finds nothing in `text`; `lowered` is
    `text.lower()` when `text` is ASCII (case folding elsewhere is richer than lower()),
    else None, which skips the test."""
    if lowered is None:
        return True
    entry = _NEEDED.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        if len(_NEEDED) > 1024:
            _NEEDED.clear()
        entry = _NEEDED[id(pattern)] = (pattern, needed_words(pattern))
    needs = entry[1]
    return needs is None or any(map(lowered.__contains__, needs))


# needed_words by the pattern's identity (the entry holds the pattern, so its id is not
# reused): hashing a compiled pattern, as the lru_cache does, reads all of its code, and a
# sentence asks for some 40 patterns
_NEEDED: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def _needs(items: Any) -> tuple[str, ...] | None:
    candidates: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:  # the sentinel ends the last run
        if op is sre_constants.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if len(run) > 1:
            candidates.append(("".join(run),))
        run = []
        sub: tuple[str, ...] | None = None
        if op is sre_constants.SUBPATTERN:
            sub = _needs(arg[3])
        elif op is sre_constants.BRANCH:
            branches = [_needs(b) for b in arg[1]]
            if all(b is not None for b in branches):
                sub = tuple(w for b in branches for w in b or ())
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
            sub = _needs(arg[2])
        if sub:
            candidates.append(sub)
    # the set whose shortest string is longest: the rarest to be found by chance
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)


@dataclass
class Lexicon:
    """A phrase list mapped to values: one regex finds them all, a dict says what each is."""

    regex: re.Pattern[str]
    values: dict[str, Any] = field(default_factory=dict)
    # the last sentences' matches: the stages look up the same lexicon in the same sentence
    # many times (once per span and per rule), and a sentence is read by one thread
    _seen: dict[tuple[str, int, int], list[tuple[int, int, Any]]] = field(
        default_factory=dict, repr=False, compare=False)
    # the regex in lower case without IGNORECASE, for ASCII texts lowered: the same matches
    # at the same offsets, found in about 60% of the time (case-insensitive branches are
    # tried one by one; exact ones are skipped on their first character)
    _lowered: re.Pattern[str] | None = field(default=None, init=False, repr=False,
                                             compare=False)

    def __post_init__(self) -> None:
        pattern = self.regex.pattern
        if self.regex.flags & re.IGNORECASE and pattern.isascii() and \
                not re.search(r"\\[A-Z]", pattern):  # no \S, \W, \B ... to lower
            self._lowered = re.compile(pattern.lower(), self.regex.flags & ~re.IGNORECASE)

    @classmethod
    def build(cls, mapping: dict[str, Any], *, flags: int = re.IGNORECASE) -> Lexicon:
        return cls(phrase_regex(list(mapping), flags=flags),
                   {norm_key(k): v for k, v in mapping.items()})

    def value(self, text: str) -> Any:
        return self.values.get(norm_key(text))

    def find(self, text: str, begin: int = 0, end: int | None = None
             ) -> list[tuple[int, int, Any]]:
        end = len(text) if end is None else end
        key = (text, begin, end)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) > 512:
                self._seen.clear()
            matches = self._lowered.finditer(text.lower(), begin, end) \
                if self._lowered is not None and text.isascii() else \
                self.regex.finditer(text, begin, end)
            found = self._seen[key] = [(m.start(), m.end(), self.value(m.group()))
                                       for m in matches]
        return list(found)


@dataclass(eq=False)  # hashable by identity: compiled once per process
class Rules:
    """Everything the extractor reads from graph/rules/, compiled."""

    actors: dict[str, Any]
    places: dict[str, Any]
    events: dict[str, Any]
    reporting: dict[str, Any]
    weapons: dict[str, Any]
    casualties: dict[str, Any]
    time: dict[str, Any]
    relations: dict[str, Any]
    roles: dict[str, Any] = field(default_factory=dict)  # paths over the parse (roles.toml)
    # compiled lexicons
    bodies: Lexicon = field(init=False)
    forces: Lexicon = field(init=False)
    offices: Lexicon = field(init=False)
    populations: Lexicon = field(init=False)
    place_nouns: Lexicon = field(init=False)
    triggers: Lexicon = field(init=False)
    weapon_words: Lexicon = field(init=False)
    say_verbs: Lexicon = field(init=False)
    accuse_verbs: Lexicon = field(init=False)
    according: Lexicon = field(init=False)
    pair_words: Lexicon = field(init=False)

    def __post_init__(self) -> None:
        self.bodies = Lexicon.build({n: b for b in self.actors["body"] for n in b["nouns"]})
        force = self.actors["force"]
        self.forces = Lexicon.build({n: force for n in force["nouns"]})
        self.offices = Lexicon.build({t: o for o in self.actors["office"] for t in o["titles"]})
        self.populations = Lexicon.build({w: kind for kind, words in
                                          self.actors["population"].items() for w in words})
        self.place_nouns = Lexicon.build({n: p for p in self.places["place"] for n in p["nouns"]})
        # a phrase may trigger several rules, each with the objects it needs ("moved troops"
        # a build-up, "moved villagers" an evacuation): the last rule that lists it first
        by_phrase: dict[str, tuple[dict, ...]] = {}
        for e in self.events["event"]:
            for t in e["triggers"]:
                by_phrase[t] = (e,) + by_phrase.get(t, ())
        self.triggers = Lexicon.build(by_phrase)
        weapons = {k: v for k, v in self.weapons["weapons"].items() if k != "id"}
        self.weapon_words = Lexicon.build({w: kind for kind, words in weapons.items()
                                           for w in words})
        self.say_verbs = Lexicon.build(self.reporting["say"]["verbs"])
        self.accuse_verbs = Lexicon.build(self.reporting["accuse"]["verbs"])
        self.according = Lexicon.build({
            **{v: self.reporting["according"]["lemma"]
               for v in self.reporting["according"]["verbs"]},
            **self.reporting["according"].get("lemmas", {})})
        self.pair_words = Lexicon.build({w: True for w in self.reporting["pronouns"]["pair"]})


@lru_cache(maxsize=1)
def get_rules() -> Rules:
    """The compiled rules, loaded on first use and shared by every article of the process."""
    return Rules(**{name: load(name) for name in (
        "actors", "places", "events", "reporting", "weapons", "casualties", "time",
        "relations", "roles")})
