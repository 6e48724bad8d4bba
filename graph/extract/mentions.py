"""What every recogniser shares: the normalised text, the shape of a name, and the
`Mention` (a span of a sentence that names an entity), with the helpers that look for a
mention right before or after a position."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.rules import Rules

# A capitalised name of one to three words ("Dostuk", "Kok-Tash", "Sadyr Japarov"),
# written so that a run of capitals ("AAAA...") fails fast instead of backtracking.
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĽŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_LOW = "a-zß-öø-ÿāăąćčďđēėęěğīįıķĺľłńňōőœřśşšţťūůűųźżž"
# a later word of a name may carry a particle ("Abdel Fattah al-Burhan", "Mohammed bin
# Salman", "Ursula von der Leyen")
_PARTICLE = r"(?:(?:al|el|ad|ash|as|bin|ibn|bint|van|von|der|de|da|del|dos|la|le)[\-\s]){0,2}"
_WORD = rf"[{_UP}][{_LOW}'\-]{{0,30}}[{_LOW}][\w'\-]{{0,30}}"
NAME = rf"{_WORD}(?:\s+{_PARTICLE}{_WORD}){{0,2}}"
NAME_RE = re.compile(NAME)
# a person's full name after a title may run to four words ("Foreign Minister Murtada
# Said Abdul Baqi", "General Agha Mohammad Yahya Khan")
PERSON_NAME = rf"{_WORD}(?:\s+{_PARTICLE}{_WORD}){{0,3}}"
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                            "\u00a0": " "})


def normalise(text: str) -> str:
    """Quotes and dashes made ASCII, one character for one, so offsets stay valid."""
    return text.translate(_TRANSLATE)


@dataclass
class Mention:
    """A span of the sentence that names an entity (or, for "both", a pair of states)."""

    begin: int
    end: int
    text: str
    entity: Entity | None
    kind: str  # name, demonym, capital, body, force, place, person, pair, channel
    rule: str
    pair: list[Entity] = field(default_factory=list)
    cue: Entity | None = None  # the state/place the phrase was tied to
    priority: int = 0

    @property
    def entities(self) -> list[Entity]:
        return self.pair if self.kind == "pair" else ([self.entity] if self.entity else [])


def ending_at(mentions: list[Mention], pos: int) -> Mention | None:
    return next((m for m in mentions if m.end == pos and m.kind != "pair"), None)


def starting_at(mentions: list[Mention], pos: int) -> Mention | None:
    return next((m for m in mentions if m.begin == pos and m.kind != "pair"), None)


# "Kyrgyzstan's", "the Kyrgyz", "Batken", and a government's mark on what it runs
# ("the Taliban-run interior ministry", "Taliban-appointed governor")
_LEFT_CUE = re.compile(r"(?:'s|s'|-(?:run|led|appointed|controlled))?(?:\s+(?:southern|northern|"
                       r"eastern|western|central|national|state|own|local|regional|"
                       r"provincial))?\s+$")
def left_cue(text: str, begin: int, base: list[Mention]) -> tuple[Mention | None, int]:
    """A state/place cue just before a noun ("Kyrgyzstan's", "the Kyrgyz", "Batken")."""
    head = text[:begin]
    m = _LEFT_CUE.search(head)
    pos = m.start() if m else len(head)
    cue = ending_at(base, pos)
    return (cue, cue.begin) if cue else (None, begin)


def is_name(candidate: str, rules: Rules, disc: Discourse) -> bool:
    stop = set(rules.places["stop"]["words"])
    words = candidate.split()
    gaz = disc.gazetteer
    if len(words) > 1 and any(w in stop or w in disc.kb.demonyms or w in gaz.demonyms
                              for w in words[1:]):
        return False  # "Shell Pakistani Border" (a headline in title case)
    return bool(words) and words[0] not in stop and candidate not in disc.kb.demonyms \
        and candidate not in disc.extra_demonyms and candidate not in disc.extra_names \
        and candidate not in gaz.demonyms and candidate not in gaz.country_names


_IN_CITY = re.compile(r"\s*(?:In|From)\s+")


def opening_city_state(text: str, start: int, base: list[Mention],
                       disc: Discourse) -> Entity | None:
    """"In Quito, the Defense Ministry said ...": a sentence that opens on a city speaks
    from there, and a body named bare after it is of the city's state."""
    opener = _IN_CITY.match(text)
    city = starting_at(base, opener.end()) if opener else None
    if city is None or city.entity is None or not re.match(r"\s*,", text[city.end:start]):
        return None
    if city.entity.is_state:
        return city.entity  # a capital read as its state ("In Islamabad,")
    return disc.state_of(city.entity) if city.entity.is_a("City") else None
