"""Relations the text states between entities: membership of an alliance and its leader
("a Russian-led security bloc of which Kyrgyzstan and Tajikistan are members"), hosting of
bases ("Both host Russian military bases"), borders and containment ("Batken province,
which borders Tajikistan's northern Sughd region and has a Tajik exclave, Vorukh"),
offices ("Kyrgyz President Sadyr Japarov", "Kyrgyz and Tajik foreign ministers") and the
state a body or force acts for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.attribution import last_speaker
from graph.extract.claims import Frame
from graph.extract.kb import Entity
from graph.extract.linking import Discourse, MintedFact
from graph.extract.mentions import NAME, Mention, opening_city_state
from graph.extract.people import ranks
from graph.extract.rules import Rules, phrase_pattern


@dataclass(frozen=True)
class Relation:
    subject: Entity
    predicate: str  # ckg local name
    obj: Entity
    rule: str
    confidence: float


@dataclass(frozen=True)
class Office:
    holder: Entity | None
    office: str  # OfficeType local name
    of: Entity
    rule: str
    confidence: float


def _named(mentions: list[Mention], begin: int = 0, end: int = 10**9) -> list[Mention]:
    return [m for m in mentions if m.entity is not None and begin <= m.begin and m.end <= end]


def find_relations(text: str, mentions: list[Mention], frames: list[Frame], disc: Discourse,
                   rules: Rules) -> list[Relation]:
    """Every relation stated in one sentence."""
    out: list[Relation] = []
    out += _membership(text, mentions, rules)
    out += _leadership(text, mentions, rules)
    out += _hosting(text, mentions, disc, rules)
    out += _based_in(text, mentions, disc, rules)
    out += _borders(text, mentions, rules)
    out += _state_borders(text, mentions, disc, rules)
    out += _exclaves(text, mentions, disc, rules)
    out += _containment(text, mentions, frames, disc, rules)
    out += _acts_for(mentions, disc)
    return list(dict.fromkeys(out))


def _membership(text: str, mentions: list[Mention], rules: Rules) -> list[Relation]:
    spec = rules.relations["membership"]
    if not re.search(r"\b" + phrase_pattern(spec["cues"]) + r"\b", text, re.IGNORECASE):
        return []
    alliances = [m for m in _named(mentions) if m.entity and m.entity.is_a("Alliance")]
    if not alliances:
        return []
    alliance = alliances[0].entity
    assert alliance is not None
    out = []
    for m in mentions:
        if m.kind == "pair":  # "Both countries are members of the CSTO"
            out += [Relation(state, "memberOf", alliance, spec["id"], 0.7) for state in m.pair]
        elif m.kind == "name" and m.entity is not None and m.entity.is_state \
                and not re.match(r"-led|-dominated", text[m.end:m.end + 12]):
            out.append(Relation(m.entity, "memberOf", alliance, spec["id"], 0.8))
    return out


def _leadership(text: str, mentions: list[Mention], rules: Rules) -> list[Relation]:
    spec = rules.relations["leadership"]
    alliances = [m for m in _named(mentions) if m.entity and m.entity.is_a("Alliance")]
    if not alliances:
        return []
    out = []
    for m in _named(mentions):
        entity = m.entity
        if entity is None or not entity.is_state:
            continue
        if any(text.startswith(s, m.end) for s in spec["suffixes"]) or re.search(
                r"\b(?:" + "|".join(spec["phrases"]) + r")\s+$", text[:m.begin]):
            nearest = min(alliances, key=lambda a: abs(a.begin - m.begin))
            assert nearest.entity is not None
            out.append(Relation(nearest.entity, "ledBy", entity, spec["id"], 0.8))
    return out


def _hosting(text: str, mentions: list[Mention], disc: Discourse,
             rules: Rules) -> list[Relation]:
    spec = rules.relations["hosting"]
    pattern = re.compile(r"\b(?P<verb>" + phrase_pattern(spec["verbs"]) + r")\s+(?:a\s+|an\s+|"
                         r"several\s+|two\s+)?(?P<op>\S+)\s+(?P<noun>" +
                         phrase_pattern(spec["nouns"]) + r")\b", re.IGNORECASE)
    out = []
    for m in pattern.finditer(text):
        op = next((x for x in _named(mentions) if x.begin == m.start("op")), None)
        if op is None or op.entity is None:
            continue
        operator = disc.state_of(op.entity)
        if operator is None:
            continue
        hosts: list[Entity] = []
        clause_start = max(text.rfind(";", 0, m.start()) + 1, 0)
        for x in mentions:
            if x.end > m.start() or x.begin < clause_start:
                continue
            if x.kind == "pair":
                hosts = list(x.pair)
            elif x.entity is not None and x.entity.is_state and x.kind == "name":
                hosts.append(x.entity)
        for host in hosts:
            if host.iri != operator.iri:
                out.append(Relation(host, "hostsBaseOf", operator, spec["id"], 0.75))
    return out


@lru_cache(maxsize=2)
def _based_in_pattern(rules: Rules) -> re.Pattern[str]:
    spec = rules.relations["based_in"]
    return re.compile(
        r"\b(?:" + phrase_pattern(spec["verbs"]) + r")\s+(?:(?:" + phrase_pattern(
            spec["modifiers"]) + r")\s+)*(?:" + phrase_pattern(spec["nouns"]) + r")"
        r"(?:\s+in\s+(?:" + phrase_pattern(spec["regions"]) + r"))?\s+(?:in|on)\s+"
        r"(?:the\s+)?")


def _based_in(text: str, mentions: list[Mention], disc: Discourse,
              rules: Rules) -> list[Relation]:
    """"Russia, which has military bases in both countries", "France, which has its largest
    military base in Africa in Djibouti": the subject runs a base in the state(s) after."""
    spec = rules.relations["hosting"]
    out = []
    for m in _based_in_pattern(rules).finditer(text):
        clause_start = max(text.rfind(";", 0, m.start()) + 1, 0)
        before = [x for x in _named(mentions) if clause_start <= x.begin and x.end <= m.start()
                  and x.entity is not None and x.entity.is_state]
        if not before or not re.fullmatch(r",?\s*(?:which|that|who)?\s*(?:also\s+)?",
                                          text[before[-1].end:m.start()]):
            continue
        operator = before[-1].entity
        after = next((x for x in mentions if x.begin == m.end()), None)
        if operator is None or after is None:
            continue
        hosts = list(after.pair) if after.kind == "pair" else (
            [after.entity] if after.entity is not None and after.entity.is_state else [])
        out += [Relation(host, "hostsBaseOf", operator, spec["id"], 0.75) for host in hosts
                if host.iri != operator.iri]
    return out


def _after_possessive(text: str, mentions: list[Mention], pos: int) -> Mention | None:
    """The first place after `pos`, looking through "Tajikistan's northern"."""
    for m in _named(mentions, pos):
        if m.entity is None or not m.entity.is_place:
            continue
        if text.startswith("'s", m.end) and m.entity.is_state:
            continue
        return m
    return None


def _state_borders(text: str, mentions: list[Mention], disc: Discourse,
                   rules: Rules) -> list[Relation]:
    """Two states' common border: "the Kyrgyz-Tajik border", "the border between Sudan and
    South Sudan", "their disputed border", "the two countries share a 2,600-km border",
    "a border war with Ethiopia" (the subject's). One relation per pair (symmetric)."""
    spec = rules.relations["state_border"]
    nouns = phrase_pattern(spec["nouns"])
    states = [m for m in mentions if m.kind != "pair" and m.entity is not None
              and m.entity.is_state]
    pairs: list[tuple[Entity, Entity]] = []
    for border in re.finditer(rf"\b{nouns}\b", text, re.IGNORECASE):
        b, e = border.start(), border.end()
        if re.match(r"[\-\s]+" + phrase_pattern(spec["not_before"]) + r"\b(?!\s+with\b)",
                    text[e:], re.IGNORECASE):
            continue  # "border guards", "a border battle": a modifier, not the border
        # "the Kyrgyz-Tajik border", "the Armenia-Azerbaijan frontier"
        hyphen = [m for m in states if 0 <= b - m.end <= 20]
        if hyphen and text[hyphen[-1].end:b].strip().lower() in {"", "state", "disputed",
                                                                   "sea", "common"}:
            first = next((m for m in states if m.end < hyphen[-1].begin and
                          re.fullmatch(r"\s*[-/]\s*", text[m.end:hyphen[-1].begin])), None)
            if first is not None:
                pairs.append((first.entity, hyphen[-1].entity))  # type: ignore[arg-type]
                continue
        # "the border between X and Y", "between the two countries"
        between = re.match(r"\s+between\s+", text[e:])
        if between:
            after = [m for m in mentions if e + between.end() <= m.begin <= e + between.end() + 4]
            if after and after[0].kind == "pair" and len(after[0].pair) == 2:
                pairs.append((after[0].pair[0], after[0].pair[1]))
                continue
            two = [m for m in states if e < m.begin <= e + 60][:2]
            if len(two) == 2 and re.fullmatch(r"\s+and\s+(?:the\s+)?",
                                              text[two[0].end:two[1].begin]):
                pairs.append((two[0].entity, two[1].entity))  # type: ignore[arg-type]
                continue
        # "their (disputed) border", "the two countries share a 2,600-km border"
        head = text[max(0, b - 60):b]
        # ("their 970-km (600-mile) border", "along the two countries' 3,488-km border")
        if re.search(r"\b(?:their|(?:the\s+two|both)\s+(?:countries|nations|states|"
                     r"neighbou?rs)')\s+(?:[\w\-,.()]+\s+){0,3}$", head) or re.search(
                r"\b(?:share|shares|shared|sharing)\s+(?:an?\s+|the\s+)?(?:[\w\-,.]+\s+){0,3}$",
                head):
            pair = [m for m in mentions if m.kind == "pair" and m.end <= b]
            two = [m for m in states if m.end <= b]
            if pair and len(pair[-1].pair) == 2:
                pairs.append((pair[-1].pair[0], pair[-1].pair[1]))
            elif len(two) >= 2 and re.fullmatch(r"\s+and\s+", text[two[-2].end:two[-1].begin]):
                pairs.append((two[-2].entity, two[-1].entity))  # type: ignore[arg-type]
            elif re.search(r"\btheir\b", head) and len(disc.pair()) == 2:
                pairs.append((disc.pair()[0], disc.pair()[1]))
            continue
        # "India's 4,096-km border with Bangladesh"
        own = re.search(r"'s\s+(?:[\w\-,.()]+\s+){0,4}$", head)
        with_state = re.match(r"\s+with\s+(?:the\s+)?", text[e:])
        if own and with_state:
            other = next((m for m in states if m.begin == e + with_state.end()), None)
            owner = next((m for m in states if m.end == b - len(head) + own.start()), None)
            if other is not None and owner is not None:
                pairs.append((owner.entity, other.entity))  # type: ignore[arg-type]
                continue
        # "where the two countries have disputed the border": the border of the pair the
        # sentence names as its subject
        pair_before = [m for m in mentions if m.kind == "pair" and m.end <= b]
        named = list({m.entity.iri: m.entity for m in states if m.entity is not None}.values())
        sides = pair_before[-1].pair if pair_before and len(pair_before[-1].pair) == 2 else \
            named if pair_before and len(named) == 2 else []
        if sides and re.search(r"\bthe\s+(?:disputed\s+|common\s+|shared\s+)?$", head) \
                and not [m for m in states if b - 40 <= m.end <= b]:
            pairs.append((sides[0], sides[1]))
            continue
        # "X fought a border war with Y"
        with_ = re.match(r"\s+(?:war|wars|conflict|dispute)\s+with\s+(?:the\s+)?", text[e:])
        if with_:
            other = next((m for m in states if m.begin == e + with_.end()), None)
            subject = [m for m in states if m.end <= b]
            if other is not None and subject:
                pairs.append((subject[0].entity, other.entity))  # type: ignore[arg-type]
    out, seen = [], set()
    for a, c in pairs:
        key = frozenset((a.iri, c.iri))
        if a.iri != c.iri and key not in seen:
            seen.add(key)
            out.append(Relation(a, "borders", c, spec["id"], 0.8))
    return out


def _borders(text: str, mentions: list[Mention], rules: Rules) -> list[Relation]:
    spec = rules.relations["borders"]
    out = []
    for cue in re.finditer(r"\b" + phrase_pattern(spec["cues"]) + r"\b", text, re.IGNORECASE):
        before = [m for m in _named(mentions, 0, cue.start()) if m.entity is not None
                  and m.entity.is_place and not m.entity.is_state and m.kind == "name"
                  or (m.kind == "place" and m.entity is not None)]
        after = _after_possessive(text, mentions, cue.end())
        if not before or after is None or after.entity is None:
            continue
        if after.begin - cue.end() > 40:
            continue
        subject = before[-1].entity
        assert subject is not None
        if subject.iri != after.entity.iri:
            out.append(Relation(subject, "borders", after.entity, spec["id"], 0.8))
    return out


def _exclaves(text: str, mentions: list[Mention], disc: Discourse,
              rules: Rules) -> list[Relation]:
    spec = rules.relations["exclave"]
    out: list[Relation] = []
    if not re.search("|".join(spec["nouns"]), text):
        return out  # both patterns need the noun
    links = "|".join(re.escape(x) for x in spec["links"])
    pattern = re.compile(r"(?:\b(?P<dem>[A-Z]\w+)\s+)?(?:" + "|".join(spec["nouns"]) +
                         r")\s*(?:" + links + r")\s*(?P<name>" + NAME + ")")
    for m in pattern.finditer(text):
        name_mention = next((x for x in _named(mentions) if x.begin == m.start("name")), None)
        if name_mention is not None and name_mention.entity is not None:
            exclave = name_mention.entity
        else:
            exclave = disc.mint("Exclave", m.group("name"), rule=spec["id"])
            disc.note(exclave, m.start("name"))
        owner = disc.demonym(m.group("dem") or "")
        if owner is not None:
            out.append(Relation(exclave, "inState", owner, spec["id"], 0.8))
        surrounding = [x for x in _named(mentions, 0, m.start()) if x.entity is not None and
                       x.entity.is_place and not x.entity.is_state and x.kind != "body"
                       and not text.startswith("'s", x.end)]
        # the region the sentence is about (its subject), not the last place named
        regions = [x for x in surrounding if x.entity is not None and x.entity.is_a("Region")]
        if regions and regions[0].entity is not None and regions[0].entity.iri != exclave.iri:
            out.append(Relation(exclave, "enclavedIn", regions[0].entity, spec["id"], 0.75))
    appos = re.compile(r"(?P<name>" + NAME + r"),\s+an?\s+(?P<dem>[A-Z]\w+)\s+(?:" +
                       "|".join(spec["nouns"]) + r")\b(?P<rest>[^,;.]*)")
    for m in appos.finditer(text):
        owner = disc.demonym(m.group("dem")) or disc.state_named(m.group("dem"))
        if owner is None:
            continue
        name_mention = next((x for x in _named(mentions) if x.begin == m.start("name")), None)
        exclave = name_mention.entity if name_mention is not None and name_mention.entity \
            else disc.mint("Exclave", m.group("name"), rule=spec["id"])
        disc.note(exclave, m.start("name"))
        out.append(Relation(exclave, "inState", owner, spec["id"], 0.8))
        inside = [x for x in _named(mentions, m.start("rest"), m.end("rest"))
                  if x.entity is not None and x.entity.is_place
                  and (disc.state_of(x.entity) or owner).iri != owner.iri]
        if inside and inside[-1].entity is not None:
            target = inside[-1].entity if not inside[-1].entity.is_state else inside[-1].entity
            out.append(Relation(exclave, "enclavedIn", target, spec["id"], 0.7))
    return out


def _containment(text: str, mentions: list[Mention], frames: list[Frame], disc: Discourse,
                 rules: Rules) -> list[Relation]:
    rule = rules.relations["containment"]["id"]
    dirs = "|".join(rules.relations["containment"]["directions"])
    out = []
    named = _named(mentions)
    for i, m in enumerate(named):
        entity = m.entity
        if entity is None or not entity.is_place or entity.is_state or m.kind in {"body", "force"}:
            continue
        head = text[:m.begin]
        # "Kyrgyzstan's southern Batken province", "the Tajik city of Isfara"
        owner: Entity | None = None
        poss = re.search(r"(?:'s|s')\s+(?:(?:" + dirs + r")\s+)?$", head)
        dem = re.search(r"\b(?:the|a|an)?\s*(\S+)\s+(?:city|town|village|province|region|"
                        r"district|oblast)\s+of\s+$", head)
        its = re.search(r"\b(?:its|their)\s+(?:(?:" + dirs + r")\s+)?$", head)
        if poss:
            prev = next((x for x in named if x.end == poss.start()), None)
            owner = disc.state_of(prev.entity) if prev and prev.entity and prev.entity.is_state \
                else None
        elif dem:
            owner = disc.demonym(dem.group(1)) or disc.state_named(dem.group(1))
        elif its:
            states = [x.entity for x in named[:i] if x.entity is not None and x.entity.is_state]
            frame_state = disc.state_of(frames[0].claimant) if frames else None
            owner = frame_state or (states[0] if states else None)
        else:
            # "Bishkek, Kyrgyzstan"
            after = re.match(r",\s*", text[m.end:])
            nxt = named[i + 1] if i + 1 < len(named) else None
            if after and nxt is not None and nxt.begin == m.end + after.end() and \
                    nxt.entity is not None and nxt.entity.is_state and \
                    re.match(r"\s*(?:[,.;:)]|$)", text[nxt.end:]):
                # (not "Kashmir, India said": there the state begins a clause)
                owner = nxt.entity
        # "X in Y province", "X, a village in Y", "X, the capital of Y", "X, a spa resort
        # in Armenia's Y province", "X, the main city in Indian-administered Y"
        inside_place = re.match(r"(?:,\s+(?:an?|the)\s+(?:[a-z]+\s+){0,2}?(?:village|town|"
                                r"city|settlement|capital|resort|centre|center|hub)|\s+(?:village"
                                r"|town|district))?\s+(?:in|of)\s+(?:the\s+|its\s+)?(?:(?:"
                                + dirs + r")\s+)?(?:[A-Z][\w\-]+(?:'s|-administered|"
                                r"-controlled|-held)\s+)?", text[m.end:])
        if inside_place:
            region = next((x for x in named if x.begin == m.end + inside_place.end()
                           and x.entity is not None and x.entity.is_a("Region", "District")), None)
            if region is not None and region.entity is not None \
                    and region.entity.iri != entity.iri:
                out.append(Relation(entity, "locatedIn", region.entity, rule + "-in", 0.7))
        if owner is None and not entity.in_kb and (not entity.state or
                                                   entity.rule == "entity.gazetteer"):
            # a place found only in the text, in a sentence that says "in southern STATE"
            # (for a gazetteer place: only the state the gazetteer puts it in)
            inside = re.search(r"\bin\s+(?:(?:" + dirs + r")\s+)?(" + NAME + r")\b",
                               text[m.end:])
            state = disc.state_named(inside.group(1)) if inside else None
            if state is not None and entity.state in {None, state.iri}:
                out.append(Relation(entity, "inState", state, rule + "-sentence", 0.55))
                continue
        if owner is None:
            # "X, a region internationally recognized as part of STATE"
            part = re.match(r",\s+(?:an?|the)\s+[\w\s\-]{0,40}?\bpart\s+of\s+", text[m.end:])
            after_part = next((x for x in named if part and x.begin == m.end + part.end()
                               and x.entity is not None and x.entity.is_state), None)
            owner = after_part.entity if after_part is not None else None
        if owner is not None and owner.iri != entity.iri:
            out.append(Relation(entity, "inState", owner, rule, 0.8))
        elif not entity.in_kb and entity.state and entity.rule != "entity.gazetteer":
            # a state the text tied the place to; the gazetteer's own ties are written as
            # plain triples (graph/extract/writer.py), not as statements of the text
            state = disc.entity(entity.state)
            if state is not None:
                out.append(Relation(entity, "inState", state, entity.rule, 0.75))
    return out


def _acts_for(mentions: list[Mention], disc: Discourse) -> list[Relation]:
    """A body or force tied to a state by the phrase that names it."""
    out = []
    for m in mentions:
        if m.kind in {"body", "force", "person"} and m.entity is not None \
                and m.cue is not None and m.entity.state:
            state = m.cue if m.cue.is_state else disc.entity(m.entity.state)
            if state is not None:
                out.append(Relation(m.entity, "actsFor", state, m.rule, 0.85))
        elif m.kind in {"name", "body", "force"} and m.entity is not None and \
                m.entity.in_kb and m.entity.state and not m.entity.is_state and \
                m.entity.is_actor and not m.entity.is_a("Person"):
            # a base body whose name, as the text gives it, names its state ("the Border
            # Service of Kyrgyzstan", "the Kyrgyz Border Service"): the name ties it
            state = disc.entity(m.entity.state)
            if state is not None and _names_state(m.text, state):
                out.append(Relation(m.entity, "actsFor", state, m.rule, 0.85))
    return out


def _names_state(phrase: str, state: Entity) -> bool:
    words = {state.label, *state.aliases, *state.demonyms}
    return any(re.search(r"(?<![\w\-])" + re.escape(w) + r"(?![\w\-])", phrase)
               for w in words if w)


_NOT_THE_OFFICE = re.compile(r"\b(?:deputy|vice|former|ex)[\s\-]+$", re.IGNORECASE)


def _accuser_side(holder: Entity, frames: list[Frame], disc: Discourse) -> list[Entity]:
    """"President Alberto Fujimori accused Quito of ...": a head who accuses one of the
    article's two states is of the other."""
    pair = disc.pair()
    for f in frames:
        accused = disc.state_of(f.accused) if f.accused is not None else None
        if f.claimant is holder and accused is not None and len(pair) == 2 and \
                accused in pair:
            return [s for s in pair if s is not accused]
    return []


def _its_state(text: str, b: int, holder: Entity, disc: Discourse) -> list[Entity]:
    """"South Sudan gave a different account. Its President, Salva Kiir, said ...": "its"
    (or "the country's") before a title is the state that spoke last before the holder
    did."""
    if not re.search(r"\b(?:[Ii]ts|[Tt]he\s+(?:country|nation)'s)\s+$",
                     text[max(0, b - 20):b]):
        return []
    state = disc.state_of(last_speaker(disc, other_than=holder))
    return [state] if state is not None else []


def find_offices(text: str, mentions: list[Mention], frames: list[Frame], disc: Discourse,
                 rules: Rules) -> list[Office]:
    """Offices held: "Kyrgyz President Sadyr Japarov", "Kyrgyz and Tajik foreign
    ministers", "The governors of Kyrgyz and Tajik provinces", "its head"."""
    out: list[Office] = []
    named = _named(mentions)
    out += _heads_of_each(text, mentions, named, disc, rules)
    untied: list[tuple[Entity, str]] = []  # holders of a title the text ties to no state
    for b, e, spec in rules.offices.find(text):
        office = spec["office"]
        if _NOT_THE_OFFICE.search(text, max(0, b - 16), b):
            continue  # "deputy prime ministers", "the former president": no office row
        if spec.get("needs_body"):
            bodies = ("StateBody", "BorderGuardService", "SecurityService", "Ministry")
            # "X's state security service said its head ..."
            if re.search(r"\b(?:its|their)\s+$", text[:b]) and frames and \
                    frames[0].claimant.is_a(*bodies):
                out.append(Office(None, office, frames[0].claimant, spec["id"], 0.7))
                continue
            # "NAME, the head of Kyrgyzstan's security service"
            of = re.match(r"\s+of\s+(?:the\s+)?", text[e:])
            body = next((m for m in named if of and m.begin == e + of.end() and m.entity
                         is not None and m.entity.is_a(*bodies)), None)
            appos = re.search(r",\s+(?:the\s+)?$", text[:b])
            person = next((m for m in named if appos and m.end == appos.start() and m.entity
                           is not None and m.entity.is_a("Person")), None)
            if body is None:
                # "GKNB Chairman Saimumin Yatimov": the body named before the title
                body = next((m for m in named if m.end < b and re.fullmatch(
                    r"(?:'s)?\s+", text[m.end:b]) and m.entity is not None
                    and m.entity.is_a(*bodies)), None)
                person = next((m for m in named if body is not None and re.fullmatch(
                    r"\s+", text[e:m.begin] or "x") and m.entity is not None
                    and m.entity.is_a("Person")), person) if body is not None else person
            if body is not None and person is None:
                # "the head of the GKNB, Kamchybek Tashiev,", "Chairman of the State
                # Committee for National Security of Tajikistan Saimumin Yatimov", "Head of
                # the State Committee for National Security (SCNS) of Kyrgyzstan Kamchybek
                # Tashiev" (its acronym and its state between the body and the name)
                end = _body_tail(text, body.end, named)
                person = next((m for m in named if re.fullmatch(r",?\s+", text[end:m.begin]
                                                                or "x") and m.begin - end <= 3
                               and m.entity is not None and m.entity.is_a("Person")), None)
            if body is not None and body.entity is not None:
                out.append(Office(person.entity if person else None, office, body.entity,
                                  spec["id"], 0.75))
            continue
        between = re.compile(r",?\s*" + ranks(rules) + "$")
        holder_m = next((m for m in named if e <= m.begin <= e + 40 and m.entity is not None
                         and m.entity.is_a("Person") and between.fullmatch(text[e:m.begin])),
                        None)
        if holder_m is None:
            # "Sadyr Japarov, the Kyrgyz president," (apposition before the title)
            appos = re.search(r",\s+(?:the\s+|a\s+)?(?:[A-Z]\w+(?:'s)?\s+)?$", text[:b])
            if appos:
                holder_m = next((m for m in named if m.end == appos.start() and m.entity
                                 is not None and m.entity.is_a("Person")), None)
        holder = holder_m.entity if holder_m else None
        # states before the title: "Kyrgyz President", "Kyrgyz and Tajik foreign ministers",
        # "Kyrgyzstan's president"; or after: "The governors of Kyrgyz and Tajik provinces"
        states = _states_before(text, named, b, disc, rules,
                                portfolio=office == "Minister" and text[b:b + 1].isupper(),
                                plural=text[b:e].lower().endswith("s"))
        if not states:
            # "Uzbekistan, whose 78-year-old President Islam Karimov": the state before
            whose = re.search(r",\s+whose\s+(?:[\w\-]+\s+){0,3}$", text[:b])
            owner = next((m for m in named if whose and m.end == whose.start()
                          and m.entity is not None and m.entity.is_state), None)
            states = [owner.entity] if owner is not None and owner.entity is not None else []
        if not states:
            # "the presidents of Kyrgyzstan and Tajikistan, ...", "the governors of Kyrgyz
            # and Tajik provinces"
            tail = re.match(r"\s+of\s+((?:\w+,?\s+(?:and\s+)?){0,3}\w+)", text[e:])
            if tail:
                of_states = [m for m in named if e < m.begin < e + tail.end()
                             and m.entity is not None and m.entity.is_state]
                states = [m.entity for m in of_states if m.entity is not None]
                after = next((m for m in named if of_states and m.entity is not None
                              and m.entity.is_a("Person")
                              and re.fullmatch(r"\s+", text[of_states[-1].end:m.begin])), None)
                if after is not None and not text[b:e].lower().endswith("s"):
                    # "President of the Republic of Tajikistan Emomali Rahmon": the name
                    # after the state, not one in apposition before the title
                    holder = after.entity
        if office == "Governor" and not states:
            # "Batken governor X", "the governor of Batken region"
            modifiers = "|".join(rules.actors["person_ranks"]["office_modifiers"])
            lead = re.search(r"(?:'s)?\s+(?:(?:" + modifiers + r")\s+)?$", text[:b])
            region = next((m for m in named if m.entity is not None and m.entity.is_a(
                "Region", "District") and (m.end in range(b - 2, b) or (lead and m.end ==
                lead.start()) or m.begin in range(e + 4, e + 10))), None)
            if region is not None and region.entity is not None:
                states = [region.entity]
                if holder is None and region.begin > e:
                    # "the governor of Batken province, Ulan Ismailov,"
                    holder = next((m.entity for m in named if m.entity is not None and
                                   m.entity.is_a("Person") and 0 < m.begin - region.end <= 3
                                   and text[region.end:m.begin].strip() == ","), None)
        if not states and holder_m is not None:
            # "President Moussa Traore of Mali", "Presidents Sadyr Japarov of Kyrgyzstan and
            # Emomali Rahmon of Tajikistan": the state after each name
            pairs = _names_of_states(text, named, holder_m)
            if pairs:
                holder, states = pairs[0][0], [pairs[0][1]]
                if text[b:e].lower().endswith("s"):
                    out += [Office(p, office, st, spec["id"], 0.8) for p, st in pairs[1:]]
        if not states and holder is not None and holder.state:
            state = disc.entity(holder.state)
            states = [state] if state is not None else []
        if not states and holder is not None:
            states = _accuser_side(holder, frames, disc) or _its_state(text, b, holder, disc)
        if not states and re.fullmatch(r"\s*(?:In|From)\s+[\w\s'.\-]+,\s*", text[:b]):
            # "In Paris, Defence Minister Charles Hernu said ...": the title speaks from the
            # capital the sentence opens on, not from the dateline
            city = opening_city_state(text, b, named, disc)
            states = [city] if city is not None else []
            if city is not None:
                disc.scene = (city, disc.paragraph)
        if not states and holder is not None and disc.scene is not None and \
                disc.scene[1] == disc.paragraph and not _provincial(text, named, b):
            # "In Paris, Defence Minister X said ... The foreign minister, Y, called ...":
            # the rest of the paragraph still speaks from Paris
            states = [disc.scene[0]]
        if not states and holder is not None and disc.home is not None and \
                not _provincial(text, named, b):
            # "KHARTOUM (AFP) - ... Prime Minister Abdalla Hamdok": a title without a state,
            # in a report filed from the state it is of
            states = [disc.home]
        if not states and holder is None and text[b:e].lower().endswith("s"):
            # "the presidents of the two nations", "both countries' foreign ministers":
            # one office row per state of the pair, without a holder
            states = _pair_around(text, mentions, b, e)
        # "The Kyrgyz and Tajik foreign ministers, Zheenbek Kulubaev and Sirojiddin
        # Muhriddin": a plural title pairs its states with the names after it, the first
        # of them no holder of both
        paired = _respectively(text, named, e, states) \
            if text[b:e].lower().endswith("s") else []
        if not paired and len(states) >= 2 and text[b:e].lower().endswith("s"):
            # "Sadyr Japarov and Emomali Rahmon, the presidents of Kyrgyzstan and
            # Tajikistan": the names before the plural title, in the states' order
            paired = _names_before_in_order(text, named, b, states)
        if paired:
            # "Presidents of Kyrgyzstan and Tajikistan Sadyr Japarov and Emomali Rahmon"
            out += [Office(person, office, state, spec["id"], 0.8) for person, state in paired]
            continue
        if holder is not None and not states and not holder.in_kb:
            untied.append((holder, office))
        if holder is None and len(states) == 0:
            continue
        if holder is None and not text[b:e].lower().endswith("s") and not states:
            continue
        for state in states:
            out.append(Office(holder, office, state, spec["id"], 0.8 if holder else 0.65))
    out += _other_sides_office(untied, out, disc)
    for o in out:
        if o.holder is not None:
            disc.offices_held.setdefault(o.holder.iri, o.office)
            if o.of.is_state:
                disc.office_sides.setdefault(o.office, {})[o.of.iri] = o.holder.iri
    out += _counterparts(text, mentions, out, disc, rules)
    return out


def _other_sides_office(untied: list[tuple[Entity, str]], out: list[Office],
                        disc: Discourse) -> list[Office]:
    """"asked Prime Minister Hun Manet and Thailand's acting prime minister Phumtham": a
    title the text ties to no state, in a report whose other side's holder of that office
    it has named, is the office of the article's other side."""
    pair = disc.pair()
    found = []
    for holder, office in untied:
        held = dict(disc.office_sides.get(office, {}))
        held.update({o.of.iri: o.holder.iri for o in out if o.office == office
                     and o.holder is not None and o.of.is_state})
        sides = [p for p in pair if p.iri in held and held[p.iri] != holder.iri]
        if len(pair) != 2 or len(sides) != 1 or holder.state:
            continue
        other = next(p for p in pair if p.iri != sides[0].iri)
        if other.iri in held:
            continue
        disc.acts_for(holder, other.iri, "office.other-side")
        found.append(Office(holder, office, other, "office.other-side", 0.6))
    return found


_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][\w\-]{1,10}\)")
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")


def _body_tail(text: str, end: int, named: list[Mention]) -> int:
    """Where a body's name ends once its acronym in brackets and the state it is of are
    read past: "the State Committee for National Security (SCNS) of Kyrgyzstan"."""
    acronym = _ACRONYM_AFTER.match(text, end)
    if acronym:
        end = acronym.end()
    of = _OF_AFTER.match(text, end)
    state = next((m for m in named if of and m.begin == of.end() and m.entity is not None
                  and m.entity.is_state), None)
    return state.end if state is not None else end


_COUNTERPART = re.compile(
    r"(?:\b(?P<pron>his|her|their|its)|(?P<poss>'s?))\s+(?P<dems>(?:[A-Z]\w+(?:\s*,\s*|\s+and\s+"
    r"|\s+))*?)counterpart(?P<plural>s)?\b(?:\s+(?:in|from)\s+(?P<pair>both countries|the two "
    r"countries|both nations|the two nations|both states))?,?\s*")


def _names_of_states(text: str, named: list[Mention], first: Mention
                     ) -> list[tuple[Entity, Entity]]:
    """(person, state) for "NAME of STATE" from `first` on, and each "and NAME of STATE"
    after it."""
    out: list[tuple[Entity, Entity]] = []
    person: Mention | None = first
    while person is not None and person.entity is not None:
        of = re.match(r"\s+of\s+(?:the\s+)?", text[person.end:])
        state = next((m for m in named if of and m.begin == person.end + of.end()
                      and m.entity is not None and m.entity.is_state), None)
        if state is None or state.entity is None:
            break
        out.append((person.entity, state.entity))
        joined = re.match(r",?\s+and\s+", text[state.end:])
        person = next((m for m in named if joined and m.begin == state.end + joined.end()
                       and m.entity is not None and m.entity.is_a("Person")), None)
    return out


def _respectively(text: str, named: list[Mention], e: int, states: list[Entity]
                  ) -> list[tuple[Entity, Entity]]:
    """A plural title's states and the names after it, paired in order: "Presidents of
    Kyrgyzstan and Tajikistan Sadyr Japarov and Emomali Rahmon", "the foreign ministers of
    the two countries, Zheenbek Kulubaev and Sirojiddin Muhriddin" (states in the order
    named)."""
    if len(states) < 2:
        return []
    keys = {s.iri for s in states}
    after_states = [m for m in named if m.begin >= e and m.entity is not None
                    and m.entity.iri in keys]
    start = after_states[-1].end if after_states and after_states[-1].begin - e < 60 else e
    pair = _PAIR_OF.match(text, start)  # "the presidents of the two countries, A and B"
    if pair:
        start = pair.end()
    people = [m for m in named if start <= m.begin <= start + 90 and m.entity is not None
              and m.entity.is_a("Person")][:len(states)]
    if len(people) != len(states) or not re.fullmatch(r"\s*,?\s*", text[start:people[0].begin]):
        return []
    if not all(re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", text[p.end:q.begin])
               for p, q in zip(people, people[1:], strict=False)):
        return []
    if pair:
        # the pair names no order: each name goes with the state it is known to act for
        own = {p.entity.state for p in people if p.entity is not None}
        if own != keys:
            return []
        by_state = {s.iri: s for s in states}
        return [(p.entity, by_state[p.entity.state]) for p in people
                if p.entity is not None and p.entity.state is not None]
    return [(p.entity, s) for p, s in zip(people, states, strict=True) if p.entity is not None]


def _counterparts(text: str, mentions: list[Mention], out: list[Office],
                  disc: Discourse, rules: Rules) -> list[Office]:
    """"X and his Tajik counterpart Y", "X's Turkish counterpart Y", "his counterparts in
    both countries": the counterpart holds the same office for the other state."""
    if "counterpart" not in text:  # the pattern's one literal: most sentences lack it
        return []
    named = _named(mentions)
    found: list[Office] = []
    for m in _COUNTERPART.finditer(text):
        # whose counterpart: the person before "'s", else the last office holder before
        owner: Entity | None = None
        owner_m: Mention | None = None
        if m.group("poss"):
            owner_m = next((x for x in named if x.end == m.start() and x.entity is not None
                            and x.entity.is_a("Person")), None)
            owner = owner_m.entity if owner_m else None
        else:
            people = [x for x in named if x.end <= m.start() and x.entity is not None
                      and x.entity.is_a("Person")]
            owner_m = people[-1] if people else None
            owner = owner_m.entity if owner_m else None
        office = next((o.office for o in reversed(out) if o.holder is not None and owner
                       is not None and o.holder.iri == owner.iri), None)
        if office is None and owner is not None:
            office = disc.offices_held.get(owner.iri)
        if office is None and owner_m is not None:
            # "Foreign Minister Surakiart ... his Burmese counterpart": the owner's own title
            office = next((spec["office"] for tb, te, spec in rules.offices.find(
                text, max(0, owner_m.begin - 40)) if owner_m.begin - 2 <= te <= owner_m.begin
                and not spec.get("needs_body")), None)
        if office is None:
            office = next((o.office for o in reversed(out) if o.of.is_state), None)
        # "his Eritrean counterpart, President Isaias Afwerki": the title says the office
        titled = next(((tb, te, spec) for tb, te, spec in rules.offices.find(text, m.end())
                       if tb == m.end() and not spec.get("needs_body")), None)
        if titled:
            office = titled[2]["office"]
        dem_text = m.group("dems") or ""
        states = [st for st in (disc.demonym(w) or disc.state_named(w)
                                for w in re.findall(r"[A-Z]\w+", dem_text)) if st is not None]
        if not states and m.group("pair"):
            states = disc.pair()
        own = disc.state_of(owner) if owner is not None else None
        states = [st for st in states if own is None or st.iri != own.iri] or states
        pair = disc.pair()
        if owner is not None and own is None and len(states) == 1 and len(pair) == 2 and \
                states[0].iri in {p.iri for p in pair} and not owner.in_kb:
            # "Foreign Minister Surakiart said he had spoken to his Burmese counterpart",
            # "Army chief Gen Pana ... his Cambodian counterpart": whose counterpart is of
            # one side serves the article's other side, office or not
            own = next(p for p in pair if p.iri != states[0].iri)
            disc.acts_for(owner, own.iri, "office.counterpart-owner")
            if office is not None:
                found.append(Office(owner, office, own, "office.counterpart-owner", 0.6))
        start = titled[1] if titled else m.end()
        between = re.compile(r",?\s*" + ranks(rules) + "$")
        holder_m = next((x for x in named if start <= x.begin <= start + 30 and x.entity
                         is not None and x.entity.is_a("Person") and between.fullmatch(
                             text[start:x.begin])), None)
        holder = holder_m.entity if holder_m and len(states) == 1 and not m.group("plural") \
            else None
        if office is None:
            if holder is not None and not holder.state and not holder.in_kb:
                # "his Cambodian counterpart, Gen Mao Sophan": a post that is no office
                # type still says whom the counterpart serves
                disc.acts_for(holder, states[0].iri, "office.counterpart")
            continue
        # the head of a body's counterpart heads the other state's body of that kind
        owned = next((o.of for o in reversed(out) if o.holder is not None and owner
                      is not None and o.holder.iri == owner.iri and not o.of.is_state), None)
        for state in states:
            of = state
            if owned is not None:
                kind = next((c for c in sorted(owned.classes) if c != "StateBody"), None)
                of = (disc.kb.body_of(state.iri, kind) if kind else None) or state
            found.append(Office(holder, office, of, "office.counterpart", 0.7))
    return found


_PAIR_WORDS = r"(?:the\s+two|both)\s+(?:countries|nations|states|sides)"
_BODIES_END = (r"(?=\s*[,;.]|\s+(?:had|have|has|met|meet|will|would|said|say|spoke|talked|"
               r"agreed|were|are|held|hold|signed|sign|to|in|on|at|by)\b)")
_HEADS_OF_EACH = re.compile(
    r"\b(?:heads|chiefs|directors|commanders|chairmen)\s+of\s+(?:" + _PAIR_WORDS
    + r"'\s+(?P<b1>[\w\s\-]{3,60}?)" + _BODIES_END + r"|the\s+two\s+(?P<b2>[\w\s\-]{3,60}?)"
    + _BODIES_END + r"|the\s+(?P<b3>[\w\s\-]{3,60}?)\s+of\s+(?:" + _PAIR_WORDS
    + r"|(?P<states>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s+and\s+[A-Z][\w\-]+"
    r"(?:\s+[A-Z][\w\-]+)?)\b))")
_LIST_AFTER = re.compile(r",\s+")
_APPOSITION_BEFORE = re.compile(r",\s+(?:the\s+)?$")


def _heads_of_each(text: str, mentions: list[Mention], named: list[Mention], disc: Discourse,
                   rules: Rules) -> list[Office]:
    """Heads of a pair of like bodies: each person heads his own state's body. "The heads
    of the two countries' security services, X of Kyrgyzstan and Y of Tajikistan", "the
    heads of the two security services, X and Y", "X and Y, the heads of the national
    security committees of the two countries"; named by no one ("the heads of the border
    services of the two countries met"), one office per state of the pair, its holder
    unnamed."""
    out: list[Office] = []
    for m in _HEADS_OF_EACH.finditer(text):
        phrase = m.group("b1") or m.group("b2") or m.group("b3")
        found = rules.bodies.find(re.sub(r"s$", "", phrase.strip()))
        if not found:
            continue
        spec = found[0][2]
        if m.group("states"):  # "the heads of the border services of A and B"
            pair = [x.entity for x in named if m.start("states") <= x.begin < m.end("states")
                    and x.entity is not None and x.entity.is_state]
            if len(pair) != 2:
                continue
        else:
            pair = next((list(x.pair) for x in mentions if x.kind == "pair" and x.pair
                         and m.start() <= x.begin < m.end()), []) or disc.pair()
        people = _coordinated_people(text, named, m.end(), after=True) \
            or _coordinated_people(text, named, m.start(), after=False)
        rows: list[tuple[Entity | None, Entity]] = []
        unplaced: list[Entity] = []
        for person in people:
            after = re.match(r"\s+of\s+", text[person.end:])
            state_m = next((x for x in named if after and x.begin == person.end + after.end()
                            and x.entity is not None and x.entity.is_state), None)
            state = state_m.entity if state_m is not None else \
                disc.entity(person.entity.state) if person.entity is not None and \
                person.entity.state else None
            if person.entity is not None and state is not None and (
                    state_m is not None or any(st.iri == state.iri for st in pair)):
                rows.append((person.entity, state))
            elif person.entity is not None and state is None:
                unplaced.append(person.entity)
        left = [st for st in pair if all(st.iri != r[1].iri for r in rows)]
        if len(unplaced) == 1 and len(left) == 1 and len(rows) == len(pair) - 1:
            rows.append((unplaced[0], left[0]))  # "X and Y": Y heads the other one
        if not people:
            rows = [(None, state) for state in pair]
        for holder, state in rows:
            body = disc.kb.body_of(state.iri, spec["class"]) or disc.mint(
                spec["class"], spec["label"].format(state=state.label, name=""),
                state=state.iri, rule=spec["id"],
                facts=[MintedFact("ckg:actsFor", state.iri, spec["id"])])
            disc.note(body, m.start())
            out.append(Office(holder, "HeadOfService", body, "office.heads-of-each",
                              0.7 if holder else 0.6))
    return out


def _names_before_in_order(text: str, named: list[Mention], b: int, states: list[Entity]
                           ) -> list[tuple[Entity, Entity]]:
    """The coordinated names in apposition before a plural title, each with the state it
    is known to act for, else with the title's states in the order named."""
    people = [p.entity for p in _coordinated_people(text, named, b, after=False)
              if p.entity is not None]
    if len(people) != len(states):
        return []
    keys = {st.iri: st for st in states}
    if all(p.state in keys for p in people) and len({p.state for p in people}) == len(people):
        return [(p, keys[p.state]) for p in people if p.state is not None]
    return list(zip(people, states, strict=True))


def _coordinated_people(text: str, named: list[Mention], at: int, *, after: bool
                        ) -> list[Mention]:
    """The people listed right after `at` (", X of Kyrgyzstan and Y of Tajikistan") or
    right before it ("X and Y, the heads ...")."""
    people = [x for x in named if x.entity is not None and x.entity.is_a("Person")]
    if after:
        lead = _LIST_AFTER.match(text, at)
        if lead is None:
            return []
        out = [p for p in people if p.begin == lead.end()]
        while out:
            link = re.match(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)?,?"
                            r"\s+(?:and\s+)?", text[out[-1].end:])
            nxt = next((p for p in people if link and p.begin == out[-1].end + link.end()
                        and p.begin > out[-1].end), None)
            if nxt is None:
                break
            out.append(nxt)
        return out
    lead = _APPOSITION_BEFORE.search(text[:at])
    if lead is None:
        return []
    out = [p for p in people if p.end == lead.start()]
    while out:
        prev = next((p for p in people if re.fullmatch(r",?\s+(?:and\s+)?|,\s*",
                                                       text[p.end:out[0].begin] or "x")
                     and p.end < out[0].begin), None)
        if prev is None:
            break
        out.insert(0, prev)
    return out


_PAIR_OF = re.compile(r"\s+of\s+(?:the\s+two|both)\s+(?:countries|nations|states|sides|"
                      r"governments|neighbou?rs)\b")
_PAIR_BEFORE = re.compile(r"\b(?:the\s+two|both)\s+(?:countries|nations|states)'\s+$")


def _provincial(text: str, named: list[Mention], b: int) -> bool:
    """A place of a state right before the title ("Balochistan Home Minister X"): an
    office of the province, not of the state."""
    return any(m.entity is not None and m.entity.is_place and not m.entity.is_state
               and re.fullmatch(r"\s+(?:[A-Z][a-z]+\s+)?", text[m.end:b]) for m in named
               if m.end <= b)


def _pair_around(text: str, mentions: list[Mention], b: int, e: int) -> list[Entity]:
    """The two states of "the presidents of the two nations", "both countries' leaders"."""
    if not (_PAIR_OF.match(text, e) or _PAIR_BEFORE.search(text[:b])):
        return []
    pair = next((m.pair for m in mentions if m.kind == "pair" and m.pair and
                 (m.begin >= e or m.end <= b) and abs((m.begin if m.begin >= e else b) -
                                                      (e if m.begin >= e else m.end)) <= 12),
                None)
    return list(pair or [])


def _states_before(text: str, named: list[Mention], begin: int, disc: Discourse,
                   rules: Rules, portfolio: bool = False, plural: bool = True) -> list[Entity]:
    """"Kyrgyz and Tajik " / "Kyrgyzstan's " / "Thailand's acting " right before a title;
    with `portfolio`, also across a minister's capitalised portfolio ("Eritrea's
    Information Minister"). A singular title takes only the nearest state: "Hassan II of
    Morocco and Algerian President X", "Emperor Y of Ethiopia and Mali's President Z"."""
    modifiers = "|".join(rules.actors["person_ranks"]["office_modifiers"])
    words = r"(?:[A-Z][a-z]+\s+(?:and\s+)?){0,3}" if portfolio else ""
    m = re.search(r"(?:'s)?\s+(?:(?:" + modifiers + r")\s+)?" + words + "$", text[:begin])
    if not m:
        return []
    end = m.start()
    states: list[Entity] = []
    while True:
        prev = next((x for x in named if x.end == end and x.entity is not None
                     and x.entity.is_state), None)
        if prev is None or prev.entity is None:
            break
        if states and not plural:
            break
        states.insert(0, prev.entity)
        conj = re.search(r"(?:\s+and|\s*,)\s+$", text[:prev.begin])
        if not conj:
            break
        end = conj.start()
    return states
