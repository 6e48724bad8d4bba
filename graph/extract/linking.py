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
from functools import lru_cache

from graph.extract.gazetteer import GazCountry, Gazetteer, GazPlace, load_gazetteer, place_key
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
    "StateBody": "statebody",
}


def _words_regex(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return _sorted_words_regex(tuple(sorted(words, key=lambda w: (-len(w), w))))


@lru_cache(maxsize=1024)
def _sorted_words_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    # Cached here: articles of one conflict share their names, and these one-off patterns
    # would otherwise be compiled again for every article (they also crowd the `re`
    # module's own cache of 512, so the rules' literal patterns were compiled again too).
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?<![\w\-])(?:" + alternatives + r")(?![\w])")


# compiled once: every mention's surface passes through Discourse.heard
_SPACES = re.compile(r"\s+")
_THE = re.compile(r"^(?:the|The)\s+")
# Ranks and titles that a capitalised run of words may carry before a person's name.
_TITLE_WORDS = {"Lieutenant", "General", "Colonel", "Major", "Brigadier", "Captain",
                "Sergeant", "Admiral", "Marshal", "Commander", "Secretary", "Minister",
                "President", "Governor", "Prime", "Foreign", "Defence", "Defense", "Deputy",
                "Chief", "Spokesman", "Spokeswoman", "Ambassador", "General-Lieutenant",
                "Lt", "Gen", "Col", "Maj", "Mr", "Mrs", "Ms", "Dr", "Sheikh", "Acting"}


def _without_titles(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[0].rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


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
    # a base place the text named as another kind ("the town of Batken" where the base
    # has Batken Region): the article's meaning of the bare name from then on
    retyped: dict[str, Entity] = field(default_factory=dict)
    # office type -> {state IRI: holder IRI}: whose office of each kind the article named
    office_sides: dict[str, dict[str, str]] = field(default_factory=dict)
    extra_name_regex: re.Pattern[str] | None = None
    extra_demonym_regex: re.Pattern[str] | None = None
    # ISO 3166-1 codes of the states the article names (graph/extract/discovery.py)
    countries: set[str] = field(default_factory=set)
    # names the article puts before a place noun ("North Kivu" of "North Kivu province")
    place_words: set[str] = field(default_factory=set)
    # the entity each gazetteer place became in this article (by ISO or geonames code)
    by_place: dict[str, Entity] = field(default_factory=dict)
    # the office each person was said to hold in this article ("his counterpart")
    offices_held: dict[str, str] = field(default_factory=dict)
    # what the text calls each entity the base does not name so (written as skos:altLabel)
    surfaces: dict[str, set[str]] = field(default_factory=dict)
    # acronyms the article defines ("Tajikistan's State Committee for National Security
    # (GKNB)"): they name that body in this article, whatever the base gives them
    acronyms: dict[str, Entity] = field(default_factory=dict)
    # the state the report was filed from (its dateline), whose bodies the text may call
    # "the army", "the ministry" without naming the state
    home: Entity | None = None
    dateline: list[str] = field(default_factory=list)  # the dateline's place names
    # the last sentence that named a ceasefire, which "violating it" may stand for
    ceasefire_sentence: int | None = None
    # where the paragraph being read begins in the article, and the state of the capital a
    # sentence of a paragraph opened on ("In Paris, Defence Minister X said ..."): the
    # titles that paragraph names without a state are of that state, not the dateline's
    paragraph: int = 0
    scene: tuple[Entity, int] | None = None

    def acts_for(self, entity: Entity, iri: str, rule: str) -> None:
        """The text ties `entity` (found with no side of its own) to the state or
        organisation `iri` speaks for: its `state`, and the fact written for it."""
        entity.state = iri
        self.facts.setdefault(entity.iri, []).append(MintedFact("ckg:actsFor", iri, rule))

    def heard(self, entity: Entity, surface: str) -> None:
        """Keep the text's own name for an entity ("Tavush" for the ISO "Tavuš"; "Burma"
        for the gazetteer's "Myanmar", though an alias of it: the name this text uses)."""
        surface = _THE.sub("", _SPACES.sub(" ", surface)).strip()
        if surface and surface != entity.label and (not entity.in_kb
                                                   or surface not in entity.aliases):
            self.surfaces.setdefault(entity.iri, set()).add(surface)

    @property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer()

    def add_names(self, names: dict[str, Entity], demonyms: dict[str, Entity]) -> None:
        """Names and adjectives this article uses for entities the base lacks."""
        self.extra_names.update(names)
        self.extra_demonyms.update(demonyms)
        self.extra_name_regex = _words_regex(list(self.extra_names))
        self.extra_demonym_regex = _words_regex(list(self.extra_demonyms))

    def entity(self, iri: str) -> Entity | None:
        return self.kb.entities.get(iri) or self.minted.get(iri)

    def mint(self, cls: str, label: str, *, state: str | None = None, rule: str,
             facts: list[MintedFact] | None = None, key: str | None = None) -> Entity:
        """An entity found only in the text: IRI from its kind and name. A place the
        gazetteer knows in one of the article's states gets its coordinates and state."""
        if cls == "Person":
            label = _without_titles(label)  # "Lieutenant General Constant Ndima"
            named = self._honorific_reference(label)
            if named is not None:
                return named  # "Mr Meles" after "Prime Minister Meles Zenawi"
        known = self.kb.names.get(label) or self.extra_names.get(label)
        if known is not None and cls in known.classes:
            return known
        variant = self.kb.by_key(label)
        if variant is not None and cls in variant.classes:
            return variant  # "Tashiyev", "Rakhmon": a spelling of a base name
        if cls == "State":
            country = self.gazetteer.country_named(label)
            if country is not None:
                return self.state_for_country(country)
        if cls in {"City", "Village", "Region", "District"}:
            located = self.locate(label, cls, state)
            if located is not None:
                return self.place_entity(located, cls, label=label, rule=rule, facts=facts)
        iri = self.minter.entity(KIND_SEGMENT.get(cls, cls.lower()), key or label)
        if iri in self.kb.entities:
            return self.kb.entities[iri]
        entity = self.minted.get(iri)
        if entity is not None and key and label != entity.label:
            self.heard(entity, label)
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

    def named_with(self, words: list[str]) -> list[Entity]:
        """What the article has named (found in the base or minted) whose label holds
        every one of `words`, singular or plural ("the border service": Border Guard
        Service of Kyrgyzstan), in the order first named."""
        return [e for e in list(self.mentioned.values()) + list(self.minted.values())
                if has_words(e, words)]

    def _honorific_reference(self, label: str) -> Entity | None:
        """"Mr Meles", "Mrs Bhutto": one name after an honorific is the person named
        before with that name as one of theirs (first, as in Ethiopian usage, or last),
        when exactly one was."""
        words = label.split()
        if len(words) != 2 or words[0].rstrip(".") not in {"Mr", "Mrs", "Ms", "Dr"}:
            return None
        people = {e.iri: e for e in self.mentioned.values()
                  if e.is_a("Person") and len(e.label.split()) >= 2
                  and words[1] in e.label.split()}
        return next(iter(people.values())) if len(people) == 1 else None

    def demonym(self, word: str) -> Entity | None:
        """The state an adjective names ("Tajik", "Thai", or one learnt from this article)."""
        found = self.kb.demonyms.get(word) or self.extra_demonyms.get(word)
        if found is None:
            code = self.gazetteer.demonyms.get(word)
            found = self.state_for_country(self.gazetteer.countries[code]) if code else None
        return found

    def state_named(self, name: str) -> Entity | None:
        entity = self.kb.state_named(name) or self.extra_names.get(name)
        if entity is None:
            country = self.gazetteer.country_named(name)
            entity = self.state_for_country(country) if country is not None else None
        return entity if entity is not None and entity.is_state else None

    # ------------------------------------------------------------ the gazetteer
    def state_for_country(self, country: GazCountry) -> Entity:
        """The state a gazetteer country is: the base's when the base has it."""
        for name in (country.name, *country.aliases):
            known = self.kb.state_named(name)
            if known is not None:
                known.country = known.country or country.code
                return known
        iri = self.minter.entity("state", country.name)
        entity = self.minted.get(iri)
        if entity is None:
            entity = Entity(iri=iri, label=country.name, classes={"State", "Country"},
                            aliases=set(country.aliases), demonyms=list(country.demonyms),
                            in_kb=False, rule="entity.gazetteer", country=country.code)
            entity.state = iri
            self.minted[iri] = entity
        return entity

    def country_of(self, entity: Entity | None) -> str:
        """The ISO code of the state an entity is or lies in ("" when unknown)."""
        state = self.state_of(entity)
        if state is None:
            return ""
        if not state.country:
            country = self.gazetteer.country_named(state.label)
            state.country = country.code if country is not None else ""
        return state.country

    def locate(self, name: str, cls: str | None, state: str | None,
               prefer: list[str] | None = None) -> GazPlace | None:
        """The gazetteer place a name stands for in this article: in the given state, else
        in one of the article's states (those in `prefer`, ISO codes of the states the
        sentence names nearest first, before the others); of the text's class family
        where one fits."""
        places = self.gazetteer.places_named(name)
        if not places:
            return None
        wanted = {self.country_of(self.entity(state))} if state else set(self.countries)
        wanted.discard("")
        key = place_key(name)
        # a place known by this name only as one of its other names ("Kashmir" for a
        # Cashmere in Washington state) must lie in a state the sentence names
        inside = [p for p in places if p.country in wanted and (
            place_key(p.name) == key or p.country in (prefer or []))]
        if not inside:
            return None
        towns = {"City", "Village"}
        if cls in towns:
            family = [p for p in inside if p.cls in towns]
        elif cls in {"Region", "District"}:
            family = [p for p in inside if p.cls in {"Region", "District"}]
        else:
            family = inside
        pool = family or inside
        rank = {code: i for i, code in enumerate(prefer or [])}
        return min(pool, key=lambda p: rank.get(p.country, len(rank)))

    def place_entity(self, place: GazPlace, cls: str | None = None, *, label: str = "",
                      rule: str = "entity.gazetteer",
                      facts: list[MintedFact] | None = None) -> Entity:
        """A gazetteer place as an entity: the base's when the base has it (by name, in the
        same state), else minted with the text's class, the gazetteer's coordinates, its
        state and (for a town in a subdivision the gazetteer knows) its province."""
        by_place = self.by_place.get(place.code)
        if by_place is not None and (cls is None or cls in by_place.classes):
            return by_place  # "the town of Jermuk" ... "in Jermuk": one entity
        from_text = cls is not None
        cls = cls or place.cls
        label = label or place.name
        country = self.gazetteer.countries.get(place.country)
        state = self.state_for_country(country) if country is not None else None
        known = self.kb.names.get(label) or self.kb.by_key(label)
        if known is not None and cls in known.classes and (
                state is None or known.state in {None, state.iri}):
            return known
        # the IRI from the gazetteer's name (one node for every spelling), the label
        # from the text's ("Tavush", not the ISO "Tavuš")
        same_family = (cls in {"City", "Village"}) == (place.cls in {"City", "Village"})
        iri = self.minter.entity(KIND_SEGMENT.get(cls, cls.lower()),
                                 place.name if same_family else label)
        if iri in self.kb.entities:
            return self.kb.entities[iri]
        entity = self.minted.get(iri)
        if entity is None:
            entity = Entity(iri=iri, label=label, classes={cls}, aliases={label, place.name},
                            in_kb=False, rule=rule, country=place.country)
            self.minted[iri] = entity
        if state is not None and not entity.state:
            entity.state = state.iri
            self._add_fact(iri, MintedFact("ckg:inState", state.iri, "entity.gazetteer"))
        if place.lat is not None and entity.lat is None and cls not in {"Region", "District"}:
            entity.lat, entity.lon = place.lat, place.lon
        parent = self.gazetteer.subdivision(place.parent) if place.parent else None
        if parent is not None and parent.name != label:
            region = self.place_entity(parent)
            self._add_fact(iri, MintedFact("ckg:locatedIn", region.iri, "entity.gazetteer"))
        for fact in facts or []:
            self._add_fact(iri, fact)
        if from_text or place.code not in self.by_place:
            self.by_place[place.code] = entity
        return entity

    def _add_fact(self, iri: str, fact: MintedFact) -> None:
        known_facts = self.facts.setdefault(iri, [])
        if all((f.predicate, f.obj) != (fact.predicate, fact.obj) for f in known_facts):
            known_facts.append(fact)

    def resolve_place(self, name: str, cls: str | None = None) -> Entity | None:
        """The place a name stands for in this article, for whoever needs a place from
        words ("in Goris", "near Preah Vihear"): the base's entity, a place this article
        already named, else the gazetteer's in one of the article's states; None when
        none fits. `cls` (the text's noun: City, Village, Region...) decides the type."""
        known = self.kb.names.get(name) or self.extra_names.get(name) or self.kb.by_key(name)
        if known is not None and known.is_place and (cls is None or cls in known.classes):
            return known
        for entity in self.minted.values():
            if entity.label == name and entity.is_place and not entity.is_state and (
                    cls is None or cls in entity.classes):
                return entity
        country = self.gazetteer.country_named(name)
        if country is not None and cls in {None, "State", "Country"}:
            return self.state_for_country(country)
        place = self.locate(name, cls, None)
        return self.place_entity(place, cls) if place is not None else None

    def note(self, entity: Entity, position: int) -> None:
        """Record a mention: the entity belongs to the article's graph."""
        self.mentioned.setdefault(entity.iri, entity)
        # ("the Islamic Emirate", the Taliban government, speaks for its state: a side of
        # the article as much as the state's name would be; not "the Kremlin", a third
        # party's seat named for its government)
        state = entity if entity.is_state else self.state_of(entity) if (
            entity.is_a("Government") and entity.in_kb
            and not entity.label.startswith("Government of")) else None
        if state is not None:
            self.state_counts[state.iri] += 1
            self.first_seen.setdefault(state.iri, position)
        for cls in entity.classes:
            self.last_of_class[cls] = entity

    def weigh_side(self, actor: Entity | None, weight: int) -> None:
        """Count an actor's part in a hostile act for its state as a side of the article."""
        state = self.state_of(actor)
        if state is not None and actor is not None and (actor.is_state or not actor.is_a(
                "Person")):
            self.state_counts[state.iri] += weight
            self.first_seen.setdefault(state.iri, 10 ** 9)

    def pair(self) -> list[Entity]:
        """The two states the article is most about ("both", "each other")."""
        ranked = sorted(self.state_counts, key=lambda iri: (-self.state_counts[iri],
                                                             self.first_seen[iri]))
        top = [e for e in (self.entity(iri) for iri in ranked[:3]) if e is not None]
        if len(top) == 3 and self._neighbours(top[0], top[1]) is False and \
                self._neighbours(top[0], top[2]) is True:
            # "Djibouti ... Eritrean troops ... French helicopters ... the two neighbours":
            # a border war's sides share a border, a third party named as often may not
            return [top[0], top[2]]
        return top[:2]

    def _neighbours(self, a: Entity, b: Entity) -> bool | None:
        """Whether two states share a land border (None when the gazetteer cannot say)."""
        codes = self.country_of(a), self.country_of(b)
        first, second = (self.gazetteer.countries.get(c) for c in codes)
        if first is None or second is None or not (first.neighbours and second.neighbours):
            return None
        return codes[1] in first.neighbours

    def state_of(self, entity: Entity | None) -> Entity | None:
        """The state an actor acts for or a place lies in."""
        if entity is None:
            return None
        if entity.is_state:
            return entity
        if not entity.acts_on(self.anchor):
            return None  # "the Taliban" in a report of 2017: no government yet
        if not entity.state:
            return None
        found = self.entity(entity.state)
        if found is None and entity.in_kb:
            # a base body of a state the base lacks ("the BSF" of India): the gazetteer's
            # state of that name, as the article would have named it
            country = self.gazetteer.country_named(
                entity.state.rsplit("/", 1)[-1].replace("-", " "))
            found = self.state_for_country(country) if country is not None else None
        return found


def has_words(entity: Entity, words: list[str]) -> bool:
    """Every one of `words` (lower case) is in `entity`'s label, a plural as its singular."""
    label = entity.label.lower()
    return bool(words) and all(w.rstrip("s") in label for w in words)
