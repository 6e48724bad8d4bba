"""Linking mentions to entities: the reference base first, otherwise an entity minted from
the text with a type from its context and a label from its words.

`Discourse` is the memory of one article: which entities it mentioned (for the article's
named graph), which states it is about (for "both", "each other", "the two countries"),
and the last body of each kind (for "the border guard service said" after a full
mention). Minted IRIs depend only on kind and name, so every article that mentions
"the village of Dostuk" links to the same IRI."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from graph.extract.kb import Entity, KnowledgeBase
from graph.iris import Minter

# class -> IRI path segment for entities found only in text
KIND_SEGMENT = {
    "State": "state", "Alliance": "alliance", "Organization": "organization",
    "BorderGuardService": "borderguardservice", "SecurityService": "securityservice",
    "Ministry": "ministry", "Government": "government", "LocalAuthority": "localauthority",
    "ArmedForce": "armedforce", "Person": "person", "Region": "region",
    "District": "district", "City": "city", "Village": "village", "Exclave": "exclave",
    "BorderArea": "borderarea", "BorderCrossing": "bordercrossing", "Outpost": "outpost",
    "School": "school", "MilitaryBase": "militarybase", "Facility": "facility",
}


def _words_regex(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(r"(?<![\w\-])(?:" + alternatives + r")(?![\w])")


@dataclass
class MintedFact:
    """A triple a minted entity carries from the phrase that named it ("Tajik forces" ->
    forceOf Tajikistan), with the rule that produced it."""

    predicate: str
    obj: str
    rule: str


@dataclass
class Discourse:
    """What one article has said so far (reset for every article)."""

    kb: KnowledgeBase
    minter: Minter
    anchor: dt.date = dt.date.min  # the article's reported date
    minted: dict[str, Entity] = field(default_factory=dict)
    facts: dict[str, list[MintedFact]] = field(default_factory=dict)
    mentioned: dict[str, Entity] = field(default_factory=dict)
    state_counts: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)
    last_of_class: dict[str, Entity] = field(default_factory=dict)
    # names learnt from this article (states the base does not know)
    extra_names: dict[str, Entity] = field(default_factory=dict)
    extra_demonyms: dict[str, Entity] = field(default_factory=dict)
    extra_name_regex: re.Pattern[str] | None = None
    extra_demonym_regex: re.Pattern[str] | None = None

    def add_names(self, names: dict[str, Entity], demonyms: dict[str, Entity]) -> None:
        """Names and adjectives this article uses for entities the base lacks."""
        self.extra_names.update(names)
        self.extra_demonyms.update(demonyms)
        self.extra_name_regex = _words_regex(list(self.extra_names))
        self.extra_demonym_regex = _words_regex(list(self.extra_demonyms))

    def entity(self, iri: str) -> Entity | None:
        return self.kb.entities.get(iri) or self.minted.get(iri)

    def mint(self, cls: str, label: str, *, state: str | None = None, rule: str,
             facts: list[MintedFact] | None = None) -> Entity:
        """An entity found only in the text: IRI from its kind and name."""
        known = self.kb.names.get(label) or self.extra_names.get(label)
        if known is not None and cls in known.classes:
            return known
        iri = self.minter.entity(KIND_SEGMENT.get(cls, cls.lower()), label)
        if iri in self.kb.entities:
            return self.kb.entities[iri]
        entity = self.minted.get(iri)
        if entity is None:
            entity = Entity(iri=iri, label=label, classes={cls}, state=state,
                            aliases={label}, in_kb=False, rule=rule)
            self.minted[iri] = entity
        elif state and not entity.state:
            entity.state = state
        for fact in facts or []:
            known_facts = self.facts.setdefault(iri, [])
            if all((f.predicate, f.obj) != (fact.predicate, fact.obj) for f in known_facts):
                known_facts.append(fact)
        return entity

    def demonym(self, word: str) -> Entity | None:
        """The state an adjective names ("Tajik", or one learnt from this article)."""
        return self.kb.demonyms.get(word) or self.extra_demonyms.get(word)

    def state_named(self, name: str) -> Entity | None:
        entity = self.kb.state_named(name) or self.extra_names.get(name)
        return entity if entity is not None and entity.is_state else None

    def note(self, entity: Entity, position: int) -> None:
        """Record a mention: the entity belongs to the article's graph."""
        self.mentioned.setdefault(entity.iri, entity)
        if entity.is_state:
            self.state_counts[entity.iri] += 1
            self.first_seen.setdefault(entity.iri, position)
        for cls in entity.classes:
            self.last_of_class[cls] = entity

    def pair(self) -> list[Entity]:
        """The two states the article is most about ("both", "each other")."""
        ranked = sorted(self.state_counts, key=lambda iri: (-self.state_counts[iri],
                                                             self.first_seen[iri]))
        return [e for e in (self.entity(iri) for iri in ranked[:2]) if e is not None]

    def state_of(self, entity: Entity | None) -> Entity | None:
        """The state an actor acts for or a place lies in."""
        if entity is None:
            return None
        if entity.is_state:
            return entity
        return self.entity(entity.state) if entity.state else None
