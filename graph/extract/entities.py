"""Entity recognition in one sentence: names from the reference base, demonyms, and the
phrases around them that name bodies, forces, places and officials ("Kyrgyzstan's border
guard service", "Tajik soldiers", "the village of Dostuk", "President Sadyr Japarov").

Works on the normalised sentence text (same length as the original, so offsets hold)."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.gazetteer_mentions import capital_acts, gazetteer_mentions
from graph.extract.gazetteer_ner import ner_mentions
from graph.extract.kb import Entity
from graph.extract.linking import Discourse, MintedFact
from graph.extract.mentions import NAME, Mention, opening_city_state
from graph.extract.mentions import NAME_RE as _NAME_RE
from graph.extract.mentions import ending_at as _ending_at
from graph.extract.mentions import is_name as _is_name
from graph.extract.mentions import left_cue as _left_cue
from graph.extract.mentions import starting_at as _starting_at
from graph.extract.people import (
    head_of_body_people,
    monarchs,
    named_people,
    person_mentions,
    role_people,
)
from graph.extract.rules import Rules

_ETHNIC = re.compile(r"\bethnic\s+$", re.IGNORECASE)
_COMPASS = re.compile(r"\b[Tt]he\s+(?P<word>North|South|East|West)\b(?!\s+(?:of\b|[A-Z]))")


def _base_mentions(text: str, disc: Discourse, rules: Rules) -> list[Mention]:
    kb = disc.kb
    found: list[Mention] = []
    cap = rules.actors["capital"]
    capitals = cap["capitals"]
    for m in kb.name_regex.finditer(text):
        entity = disc.acronyms.get(m.group()) or kb.names.get(m.group()) or \
            kb.names.get(re.sub(r"\s+", " ", m.group()))
        if entity is None:
            continue
        if m.group() in disc.retyped and not _KIND_AFTER.match(text, m.end()):
            # "the town of Batken ... talks in Batken": the town this article named
            entity = disc.retyped[m.group()]
        kind_of = _KIND_OF.fullmatch(m.group())
        if kind_of is not None and entity.in_kb and entity.is_place:
            # the base's "town of Batken": its bare name means that town from now on
            disc.retyped.setdefault(kind_of.group(1), entity)
        kind, rule = "name", "entity.kb-name"
        capital_of = capitals.get(entity.label) or _gazetteer_capital(entity, disc)
        if entity.is_a("City") and capital_of:
            state = disc.state_named(capital_of)
            if state is not None and capital_acts(text, m.start(), m.end(), state, rules):
                entity, kind, rule = state, "capital", cap["id"]
        found.append(Mention(m.start(), m.end(), m.group(), entity, kind, rule, priority=1))
    for m in kb.demonym_regex.finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(), kb.demonyms[m.group()], "demonym",
                             "entity.demonym", priority=0))
    for acronym, body in disc.acronyms.items():
        if acronym not in kb.names:  # those are read above, with the article's meaning
            found += [Mention(m.start(), m.end(), acronym, body, "name", "entity.acronym",
                              priority=1)
                      for m in re.finditer(r"(?<![\w\-])" + re.escape(acronym) + r"(?![\w\-])",
                                           text)]
    # states this article revealed (graph/extract/discovery.py)
    if disc.extra_name_regex is not None:
        for m in disc.extra_name_regex.finditer(text):
            found.append(Mention(m.start(), m.end(), m.group(), disc.extra_names[m.group()],
                                 "name", "entity.state-from-context", priority=1))
    if disc.extra_demonym_regex is not None:
        for m in disc.extra_demonym_regex.finditer(text):
            found.append(Mention(m.start(), m.end(), m.group(),
                                 disc.extra_demonyms[m.group()], "demonym",
                                 "entity.state-from-context", priority=0))
    # "the North", "the South's army": a state the article named before, by the compass
    # word its name begins with ("North Korea", "South Sudan"), when only one fits
    for m in _COMPASS.finditer(text):
        fits = {e.iri: e for e in (disc.entity(i) for i in disc.state_counts)
                if e is not None and e.label.startswith(m.group("word") + " ")}
        if len(fits) == 1:
            found.append(Mention(m.start("word"), m.end("word"), m.group("word"),
                                 next(iter(fits.values())), "demonym", "entity.compass-state",
                                 priority=1))
    # names the base lacks: the gazetteer's countries, adjectives, capitals, provinces and
    # towns; then spellings of base names ("Tashiyev")
    found += gazetteer_mentions(text, disc, rules, found)
    found += _variant_mentions(text, disc, rules, found)
    for b, e, _ in rules.pair_words.find(text):
        pair = disc.pair()
        if len(pair) == 2:
            found.append(Mention(b, e, text[b:e], None, "pair", "entity.pair", pair=pair,
                                 priority=0))
    return found


_UNION = re.compile(r"(?:[Tt]he\s+)?(?:Union\s+of\s+(?:the\s+)?"
                    r"(?P<a>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)+)"
                    r"|(?P<b>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)+)\s+Union)")
_ACRONYM = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z]{1,7})\s*\)")


def _defined_acronyms(text: str, chosen: list[Mention], disc: Discourse) -> list[Mention]:
    """A body named in full with its acronym in brackets after it: the acronym is that
    body here and in the rest of the article ("the GKNB" of Tajikistan, not Kyrgyzstan's)."""
    out = list(chosen)
    for m in chosen:
        a = _ACRONYM.match(text, m.end)
        # ("the Sudanese Armed Forces (SAF)": a force's acronym too)
        if m.kind not in {"body", "force"} or m.entity is None or a is None or \
                not a.group(1)[1:].isupper():
            continue
        if m.kind == "force" and a.group(1).upper() != "".join(
                w[0] for w in re.findall(r"[A-Z][\w\-']*", m.text)).upper():
            continue  # "the United Nations Interim Force in Lebanon (UNIFIL)": not the
            # force the words before the bracket were read as
        disc.acronyms[a.group(1)] = m.entity
        out = [x for x in out if not (x.begin < a.end(1) and a.start(1) < x.end)]
        out.append(Mention(a.start(1), a.end(1), a.group(1), m.entity, "body", m.rule,
                           cue=m.cue, priority=m.priority))
    return sorted(out, key=lambda x: x.begin)


def _capital_state(entity: Entity | None, disc: Discourse) -> Entity | None:
    """The state a city is the capital of, if it is one."""
    if entity is None or not entity.is_a("City"):
        return None
    code = disc.gazetteer.capitals.get(entity.label)
    return disc.state_for_country(disc.gazetteer.countries[code]) if code else None


def _gazetteer_capital(entity: Entity, disc: Discourse) -> str | None:
    """The state a base city is the capital of, by the gazetteer ("Yerevan" -> Armenia)."""
    code = disc.gazetteer.capitals.get(entity.label)
    return disc.gazetteer.countries[code].name if code else None


def _variant_mentions(text: str, disc: Discourse, rules: Rules,
                      taken: list[Mention]) -> list[Mention]:
    """A base name spelt another way ("Tashiyev", "Rakhmon", "Japarov's")."""
    found = []
    for m in _NAME_RE.finditer(text):
        if any(t.begin < m.end() and t.end > m.start() for t in taken):
            continue
        words = m.group().split()
        # the whole name, else its last word ("Kamchybek Tashiyev" -> "Tashiyev")
        for b_off, surface in ((0, m.group()), (m.group().rfind(words[-1]), words[-1])):
            entity = disc.kb.by_key(surface)
            if entity is not None and not is_stop(surface, rules):
                b = m.start() + (b_off if surface != m.group() else 0)
                start = m.start() if entity.is_a("Person") else b
                found.append(Mention(start, m.end(), text[start:m.end()], entity, "name",
                                     "entity.kb-variant", priority=1))
                break
    return found


def is_stop(word: str, rules: Rules) -> bool:
    return word.split()[0] in set(rules.places["stop"]["words"])


_NUMBER_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                            r"dozens of|several|many)\s+$", re.IGNORECASE)
_RIGHT_CUE = re.compile(r"\s+(?:of|in|from|for)\s+(?:the\s+)?(?:(?P<dem>[A-Z]\w+)\s+)?"
                        r"(?:(?:city|town|province|region|village|district)\s+of\s+)?")


def _right_cue(text: str, end: int, base: list[Mention]) -> tuple[Mention | None, int]:
    """A cue after a noun ("agency of Kyrgyzstan", "authorities in the Tajik city of Isfara")."""
    m = _RIGHT_CUE.match(text, end)
    if not m:
        return None, end
    cue = _starting_at(base, m.end())
    if cue is None and m.group("dem"):
        # "authorities in Bishkek said": the capitalised word is the cue itself
        cue = _starting_at(base, m.start("dem"))
    return (cue, cue.end) if cue else (None, end)


def _written_end(text: str, e: int, rules: Rules) -> int:
    """The end of a body's name that goes on past the lexicon's noun with a capitalised
    head noun ("Border Guard Command", "Border Guard Service")."""
    heads = {h for spec in rules.actors.get("named_body", []) for h in spec["heads"]}
    m = re.match(r"\s+([A-Z][a-z]+)\b", text[e:])
    return e + m.end() if m and m.group(1) in heads else e


def _written_name(text: str, b: int, e: int, base: list[Mention], rules: Rules) -> str:
    """The body's name as the text writes it, with the capitalised words before the noun
    that are part of it ("State National Security Committee"), without the state cue."""
    stop = set(rules.places["stop"]["words"])
    begin = b
    while True:
        m = re.search(r"([A-Z][a-z]+)\s+$", text[:begin])
        if not m or m.group(1) in stop or any(x.begin <= m.start(1) < x.end for x in base):
            break
        begin = m.start(1)
    return text[begin:e]


# a reporting verb right after a body's noun: the body speaks
_SPEAKS = re.compile(r"\s+(?:also\s+|later\s+|have\s+|had\s+|has\s+)?(?:said|say|says|reported|"
                     r"report|told|added|stated|announced|accused|claimed|confirmed)\b")


def _body_mentions(text: str, base: list[Mention], disc: Discourse,
                   rules: Rules) -> list[Mention]:
    found = []
    hits = [(b, e, spec) for b, e, spec in rules.bodies.find(text)]
    hits += _named_bodies(text, hits, rules)
    for b, e, spec in hits:
        if any(x.begin <= b and e <= x.end and x.end - x.begin > e - b and x.entity is not None
               and x.entity.is_actor and not x.entity.is_state for x in base):
            continue  # inside a body the base names in full ("... of Kyrgyzstan")
        if text[b:b + 1].isupper():
            e = _written_end(text, e, rules)
        written = _written_name(text, b, e, base, rules)
        name_begin = e - len(written)
        if any(x.begin <= name_begin and e <= x.end and x.entity is not None
               and x.entity.is_a("Organization", "Alliance") for x in base):
            continue  # "the United Nations Security Council": the base's organisation
        cue, start = _left_cue(text, name_begin, base)
        stop = e
        inner = _starting_at(base, name_begin) if cue is None else None
        if inner is not None and inner.entity is not None and inner.entity.is_state and \
                inner.end < e:
            # "The Thai health ministry said": the state its own name begins with
            cue, start = inner, name_begin
        if cue is None:
            cue, stop = _right_cue(text, e, base)
            start = name_begin
            capital_of = _capital_state(cue.entity, disc) if cue is not None else None
            if cue is not None and capital_of is not None and \
                    spec.get("class") in {"Government", "Ministry"}:
                # "the government in Asmara": the state whose capital it is
                cue = Mention(cue.begin, cue.end, cue.text, capital_of, "capital", cue.rule)
        if _NUMBER_BEFORE.search(text[:start]):
            continue  # "two Tajik border guards were killed": people, not the service
        if text[b:e] in spec.get("people_nouns", ()) and not _SPEAKS.match(text, e):
            continue  # "Kyrgyz border guards opened fire": the forces (_force_mentions)
        noun = text[b:e].lower()
        entity: Entity | None = None
        proper = written[:1].isupper()
        if cue is not None and cue.entity is not None and spec.get("local_class") and \
                cue.entity.is_state and cue.end <= name_begin and \
                re.search(r"\b(?:local|regional|provincial|district|municipal)\b",
                          text[cue.end:name_begin]):
            # "Karvenian local authorities": the state's local authorities, by the text's name
            state = cue.entity
            entity = disc.mint(spec["local_class"], text[start:e],
                               key=f"{state.label} local {noun}", state=state.iri, rule=spec["id"],
                               facts=[MintedFact("ckg:actsFor", state.iri, spec["id"])])
        elif cue is not None and cue.entity is not None:
            entity = _body_entity(spec, noun, cue.entity, disc, rules, written if proper else "")
        elif cue is None:
            previous = disc.last_of_class.get(spec["class"])
            same_kind = previous is not None and (spec["class"] != "Ministry"
                                                  or previous.rule == spec["id"])
            # "The Ministry also accused ...": the head noun alone, the one named before
            bare = re.fullmatch(r"[Tt]he\s+[A-Z]?\w+", text[start:e]) is not None or (
                re.fullmatch(r"\w+", text[start:e]) is not None
                and re.search(r"\b[Tt]he\s+$", text[:start]) is not None)
            # "the Border Service said" after both sides' services were named: the one
            # whose name has its words, else the last of the kind
            called = _called_before(text[start:e], spec["class"], disc)
            if previous is not None and bare:
                entity = called or previous
            elif same_kind and re.search(r"\bthe\s+$", text[:start]) and not (
                    proper and spec["id"].startswith("actor.named-") and called is None):
                # (a body by a proper name of its own, "the Second Army Region", is not the
                # last one of its class unless that one bore the name)
                # "the border guard service said": the body named before in the article
                entity = called or previous
            elif proper and not spec.get("local_class"):
                # "The Emergency Situations Ministry said": a body by its own name, of the
                # state this sentence names first, else the one the article spoke of last
                # (a state named after the body is more often the other side: "ISPR said
                # the shelling by Afghan forces ..."; then the state of who spoke last, or
                # of the dateline)
                # (in the order of the text: the base's names and the gazetteer's are
                # found in separate passes)
                # ("Chinese troops attacked Indian positions, a Defence Ministry spokesman
                # said": a side reports what was done to it; the troops it names first, or
                # by whose fire, are the other side's)
                trailing = _TRAILING_BEFORE.search(text, 0, start) is not None and \
                    _REPORTS_AFTER.match(text, e) is not None
                in_sentence = [x.entity for x in sorted(base, key=lambda x: x.begin)
                               if x.entity is not None and x.entity.is_state
                               and x.kind != "pair" and x.end <= start
                               and not (trailing and _the_other_side(text, x))]
                spoke = disc.last_of_class.get("attribution:claimant")
                last_state = _appositive_state(text, e, base) or opening_city_state(
                    text, start, base, disc) or (
                    in_sentence[0] if in_sentence else
                    disc.state_of(spoke) or disc.home or disc.last_of_class.get("State"))
                entity = _body_entity(spec, noun, last_state, disc, rules, written) \
                    if last_state is not None else None
        if entity is not None:
            found.append(Mention(start, stop, text[start:stop], entity, "body", spec["id"],
                                 cue=cue.entity if cue else None, priority=2))
    return found


# a body that reports what stands before it: "..., a Defence Ministry spokesman said"
_TRAILING_BEFORE = re.compile(r"[,\"”]\s+(?:an?|the)\s+$")
_FORCE_AFTER = re.compile(r"\s+(?:[a-z\-]+\s+)?(?:troops|forces|soldiers|army|units|infantry|"
                          r"artillery|jets|aircraft|warplanes|guards|fighters|militants|"
                          r"gunners|tanks|drones|patrols?)\b")
_VICTIMS = re.compile(r"(?:\s*,[^,;]{1,80},)?\s+(?:(?:were|was|had\s+been|have\s+been|are)\s+"
                      r"(?:\w+\s+)?(?:killed|wounded|injured|hurt|captured|taken|shot|hit)|"
                      r"died|killed\s+in)\b")


def _attacking_force(text: str, end: int) -> bool:
    """A demonym that names forces ("Chinese troops attacked") unless they are victims
    ("Pakistani soldiers were killed")."""
    force = _FORCE_AFTER.match(text, end)
    return force is not None and not _VICTIMS.match(text, force.end())


def _the_other_side(text: str, x: Mention) -> bool:
    """In a side's report of an attack, a state named as the attacker: "Chinese troops
    attacked", "killed by Cambodian rocket fire"."""
    return _attacking_force(text, x.end) or (
        x.kind == "demonym" and re.search(r"\bby\s+(?:the\s+)?$", text[:x.begin]) is not None)


_REPORTS_AFTER = re.compile(r"(?:\s+(?:spokes(?:man|woman|person)|official|officials|source|"
                            r"sources))?\s+(?:said|says|told|added|stated|reported|announced)\b")


def _called_before(written: str, cls: str, disc: Discourse) -> Entity | None:
    """The one body of class `cls` named before whose label has the written name's words."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", written) if w.lower() != "the"]
    named = [x for x in disc.named_with(words) if x.is_a(cls)]
    return named[-1] if len({x.iri for x in named}) == 1 else None


_APPOSITION = re.compile(r",\s+(?:the|an?)\s+(?:(?:official|state|state-run|national)\s+)?")
def _appositive_state(text: str, end: int, base: list[Mention]) -> Entity | None:
    """"Algerie Presse Service, the Algerian news agency, said": the state the apposition
    after a body's own name gives it."""
    m = _APPOSITION.match(text, end)
    after = _starting_at(base, m.end()) if m else None
    if after is None or after.entity is None or not after.entity.is_state or \
            after.kind not in {"demonym", "name"}:
        return None
    return after.entity


@lru_cache(maxsize=2)
def _named_body_patterns(rules: Rules) -> list[tuple[dict, re.Pattern[str]]]:
    out = []
    for spec in rules.actors.get("named_body", []):
        heads = "|".join(re.escape(h) for h in spec["heads"])
        out.append((spec, re.compile(
            # "the Prosecutor General's Office": a possessive word inside the name (not
            # its first: "Kyrgyzstan's Border Service" is the state's)
            # ("the State Peace and Development Council": "and" inside a name of two
            # words or more before it, not "Kyrgyz and Tajik Border Services")
            r"\b(?:(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+)(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
            r"(?:(?<=General)'s)?\s+(?:and\s+(?=[A-Z]))?){0,3}"
            r"(?:" + heads + r")\b|(?:" + heads +
            r")\s+of\s+(?:[A-Z][a-z]+(?:\s+and\s+|\s+)?){1,4})")))
    return out


def _named_bodies(text: str, known: list[tuple[int, int, dict]],
                  rules: Rules) -> list[tuple[int, int, dict]]:
    """Bodies the lexicon lacks, typed by their head noun ("the Ministry of National
    Defence", "the State Border Committee"): rules in actors.toml [[named_body]]."""
    out: list[tuple[int, int, dict]] = []
    for spec, pattern in _named_body_patterns(rules):
        for m in pattern.finditer(text):
            b = m.start()
            e = b + len(re.sub(r"(?:\s+and)?\s*$", "", m.group()))
            if text.startswith("The ", b) and re.match(r"The\s+[A-Z]\w*\s+\S", m.group()):
                # "The United Nations Security Council": the article opens the sentence,
                # it is no part of the name ("The Ministry" alone keeps it, to be read as
                # the ministry named before)
                b += 4
            if any(kb < e and ke > b for kb, ke, _ in known + out):
                continue
            name = text[b:e].lower()
            cls = next((c for word, c in spec["keywords"].items() if word in name),
                       spec["class"])
            out.append((b, e, {**spec, "class": cls, "label": "{name} of {state}"}))
    return out


def _body_entity(spec: dict, noun: str, cue: Entity, disc: Discourse,
                 rules: Rules, written: str = "") -> Entity | None:
    kb = disc.kb
    capitals = rules.actors["capital"]["capitals"]
    local = False
    place: Entity | None = None
    state: Entity | None
    if cue.is_state:
        state = cue
    elif cue.is_place:
        state = disc.state_of(cue)
        # "the Bishkek government", "authorities in Bishkek": the capital stands for the
        # national government; "authorities in Isfara" are local
        local = bool(spec.get("local_class")) and cue.label not in capitals
        place = cue
    elif cue.state and not cue.is_place:
        # "the Taliban-run interior ministry", "the Border Troops of Tajikistan's State
        # Committee": the state of the government or body that runs it
        state = disc.state_of(cue)
    else:
        return None
    if state is None:
        return None
    if local and place is not None:
        label = spec["local_label"].format(place=place.label, state=state.label)
        return disc.mint(spec["local_class"], label, state=state.iri, rule=spec["id"],
                         facts=[MintedFact("ckg:actsFor", state.iri, spec["id"])])
    canonical = spec["label"].format(state=state.label, name=written)
    # a state has many ministries and other state bodies (commands, agencies,
    # commissions): link those by name only; one border service, one security service,
    # one government: those also by class
    by_class = kb.body_of(state.iri, spec["class"], disc.anchor) \
        if spec["class"] not in {"Ministry", "StateBody"} else None
    known = kb.names.get(canonical) or (kb.names.get(written) if written else None) or by_class
    if known is not None and spec["class"] in known.classes:
        return known
    # a body the base lacks keeps the text's own name ("Defense Ministry of Armenia");
    # its IRI comes from the canonical name, so every spelling is one node
    written = re.sub(r"^[Tt]he\s+", "", written)
    label = (written if written.endswith(f" of {state.label}") else
             f"{written} of {state.label}") if written else canonical
    return disc.mint(spec["class"], label, key=canonical, state=state.iri, rule=spec["id"],
                     facts=[MintedFact("ckg:actsFor", state.iri, spec["id"])])


_SPEAKER_AFTER = re.compile(r"(?:'s)?\s+(?:spokesman|spokeswoman|spokesperson|statement|"
                            r"sources?|officials?|officer)\b")


def _force_mentions(text: str, base: list[Mention], disc: Discourse,
                    rules: Rules) -> list[Mention]:
    found = []
    spec = rules.actors["force"]
    for b, e, _ in rules.forces.find(text):
        if re.match(r"\s+[a-z]", text[e:]) and text[b:e].lower() == "military":
            continue  # "Russian military bases": an adjective, not the armed forces
        cue, start = _left_cue(text, b, base)
        stop = e
        if cue is None:
            cue, stop = _right_cue(text, e, base)
        if cue is None and disc.home is not None and _SPEAKER_AFTER.match(text, e) and \
                text[b:e].lower() in {"army", "military", "armed forces"}:
            # "NEW DELHI - An army spokesman said ...": the army of the state the report
            # was filed from speaks through him
            cue = Mention(b, b, "", disc.home, "name", spec["id"])
        if cue is not None and cue.entity is not None and cue.entity.is_a("Government"):
            # "Afghan Taliban forces": the state named before the government's name
            before = _ending_at(base, len(text[:cue.begin].rstrip()))
            if before is not None and before.entity is not None and before.entity.is_state \
                    and before.entity.iri == cue.entity.state:
                cue, start = before, before.begin
        state = disc.state_of(cue.entity) if cue and cue.entity else None
        if state is None or not (cue and cue.entity and (
                cue.entity.is_state or cue.entity.is_a("Government"))):
            continue
        # a government named for itself gives its forces its name ("Taliban forces")
        demonym = cue.entity.label if not cue.entity.is_state else \
            state.demonyms[0] if state.demonyms else state.label
        entity = disc.mint("ArmedForce", spec["label"].format(demonym=demonym, state=state.label),
                           state=state.iri, rule=spec["id"],
                           facts=[MintedFact("ckg:forceOf", state.iri, spec["id"]),
                                  MintedFact("ckg:actsFor", state.iri, spec["id"])])
        found.append(Mention(start, stop, text[start:stop], entity, "force", spec["id"],
                             cue=state, priority=2))
    return found


# "the village of NAME", "the outpost of NAME"; "the (Kyrgyz) NAME checkpoint"
_OF_NAME = re.compile(r"\s+of\s+(" + NAME + ")")
_NAME_BEFORE_NOUN = re.compile(r"\b(?:the|a|an)\s+(?:[A-Z][a-z]+\s+)?(" + NAME + r")\s+$")


# "the villages of NAME, NAME and NAME"
_LISTED_AFTER = re.compile(r"\s+of\s+((?:" + NAME + r")(?:\s*,\s*(?:" + NAME + r"))*\s+and\s+(?:"
                           + NAME + "))")


def _place_mentions(text: str, base: list[Mention], disc: Discourse,
                    rules: Rules) -> list[Mention]:
    """Places named only in the text: "the village of X", "X district"."""
    found = []
    for b, e, spec in rules.place_nouns.find(text):
        listed = _LISTED_AFTER.match(text, e) if text[b:e].lower().endswith("s") and \
            spec["class"] in {"Village", "District", "Outpost"} else None
        if spec["class"] in {"Outpost", "BorderCrossing"} and listed is None:
            # mostly unnamed in news prose ("an outpost"); a named one is the text's own
            # ("the Kulundu checkpoint", "the Kyrgyz outpost of Kojo-Aryk")
            post = _named_post(text, b, e, spec, base, disc, rules)
            if post is not None:
                found.append(post)
            continue
        # "the Batken and Leilek districts": names coordinated before a plural noun
        if text[b:e].lower().endswith("s") and spec["class"] != "Outpost":
            coord = re.compile("(" + NAME + r")\s+and\s+(" + NAME + r")\s+$").search(text[:b])
            if coord:
                for g in (1, 2):
                    name = coord.group(g)
                    known = _starting_at(base, coord.start(g))
                    if known is not None:
                        # a base name ("Batken"): linked already, unless the noun retypes it
                        retyped = _retyped(text, known, spec, disc) \
                            if known.end == coord.end(g) else None
                        if retyped is not None and retyped.entity is not None:
                            found.append(retyped)
                            disc.heard(retyped.entity,
                                       f"{name} {text[b:e].lower().removesuffix('s')}")
                        continue
                    if not _is_name(name, rules, disc):
                        continue
                    entity = disc.mint(spec["class"], name, rule=spec["id"] + "-coordinated")
                    # "the Batken and Leilek districts": each is "NAME district"
                    disc.heard(entity, f"{name} {text[b:e].lower().removesuffix('s')}")
                    found.append(Mention(coord.start(g), coord.end(g), name, entity, "place",
                                         spec["id"] + "-coordinated", priority=2))
                continue
        if listed is not None:
            # "the villages of NAME, NAME and NAME", "the desert posts of Hassi Beida and
            # Tinjoub": each a place of the noun's kind by its own name
            for nm in _NAME_RE.finditer(text, listed.start(1), listed.end(1)):
                if nm.group() in {"And"} or not _is_name(nm.group(), rules, disc) or \
                        _starting_at(base, nm.start()) is not None:
                    continue
                entity = disc.mint(spec["class"], nm.group(), rule=spec["id"])
                _tie_to_state(entity, text, b, base, disc, spec["id"])
                found.append(Mention(nm.start(), nm.end(), nm.group(), entity, "place",
                                     spec["id"], priority=2))
            continue
        # "the [DEMONYM] village of NAME" ("the Line of Control" is no place "Control")
        after = None if spec.get("name_before") or text[b:e].lower() == "capital" else \
            _OF_NAME.match(text, e)
        known_after = _starting_at(base, after.start(1)) if after else None
        if after and known_after is not None and known_after.end == after.end(1):
            retyped = _retyped(text, known_after, spec, disc)
            if retyped is not None:  # "the town of X" where the base has a region X
                found.append(retyped)
                continue
        if after and _is_name(after.group(1), rules, disc) and known_after is None:
            name_b, name_e = after.span(1)
            entity = disc.mint(spec["class"], after.group(1), rule=spec["id"])
            _tie_to_state(entity, text, b, base, disc, spec["id"])
            found.append(Mention(name_b, name_e, after.group(1), entity, "place", spec["id"],
                                 priority=2))
            continue
        # "the Doltarian capital, Sorkand" (the name after the noun)
        named = re.compile(r",\s+(" + NAME + r")(?=\s*[,.;]|\s+(?:next|last|on|in)\b)"
                           ).match(text, e)
        if named and spec["class"] in {"City", "Village"} and _is_name(named.group(1), rules,
                                                                       disc) \
                and re.search(r"\bthe\s+(?:[A-Z]\w+\s+)?$", text[:b]) and \
                _starting_at(base, named.start(1)) is None:
            entity = disc.mint(spec["class"], named.group(1), rule=spec["id"] + "-apposition")
            _tie_to_state(entity, text, b, base, disc, spec["id"])
            found.append(Mention(named.start(1), named.end(1), named.group(1), entity, "place",
                                 spec["id"] + "-apposition", priority=2))
            continue
        # "NAME, a village in ...", "NAME, the capital of ..." (apposition)
        appos = re.compile("(" + NAME + r"),\s+(?:an?|the)\s+(?:[A-Z]\w+\s+|small\s+|"
                           r"border\s+)?$").search(text[:b])
        if appos and _is_name(appos.group(1), rules, disc) and \
                _starting_at(base, appos.start(1)) is None:
            entity = disc.mint(spec["class"], appos.group(1), rule=spec["id"] + "-apposition")
            found.append(Mention(appos.start(1), appos.end(1), appos.group(1), entity, "place",
                                 spec["id"] + "-apposition", priority=2))
            continue
        # "NAME district" (the noun after the name; plural nouns list several places)
        before = re.compile("(" + NAME + r")\s+$").search(text[:b])
        if before and text[b:e].lower() == text[b:e].lower().rstrip("s") + "" and \
                _is_name(before.group(1), rules, disc):
            name_b, name_e = before.span(1)
            if "'s " in before.group(1):
                # "Armenia's Vayots Dzor province": the name is what follows the possessive
                name_b += before.group(1).rindex("'s ") + 3
            known = _ending_at(base, name_e)
            if known is not None and known.begin == name_b:
                retyped = _retyped(text, known, spec, disc, end=e)
                if retyped is not None:  # "the Isfara district" where the base has a town
                    found.append(retyped)
                    continue
                learnt = known.entity
                if learnt is not None and not learnt.in_kb and spec["class"] in learnt.classes:
                    # a place this article named before, again with its noun: the phrase
                    # may tie it to its state now ("Karvenia's Ushkol province")
                    _tie_to_state(learnt, text, name_b, base, disc, spec["id"])
                    found.append(Mention(name_b, e, text[name_b:e], learnt, "place",
                                         spec["id"], priority=2))
                    continue
            if known is not None or any(m.begin <= name_b < m.end for m in base):
                continue
            label = text[name_b:name_e]
            if not _is_name(label, rules, disc):
                continue
            entity = disc.mint(spec["class"], label, rule=spec["id"])
            _tie_to_state(entity, text, name_b, base, disc, spec["id"])
            found.append(Mention(name_b, e, text[name_b:e], entity, "place", spec["id"],
                                 priority=2))
    return found


def _named_post(text: str, b: int, e: int, spec: dict, base: list[Mention], disc: Discourse,
                rules: Rules) -> Mention | None:
    """A border post or crossing named before its noun ("the Kok-Tash outpost", "the
    Chaman crossing": labelled with the noun) or after it ("the outpost of Kojo-Aryk":
    labelled with the name); of the state of the place it is named after, if known."""
    if text[b:e].lower().endswith("s"):
        return None  # "the Torkham and Chaman crossings"
    after = _OF_NAME.match(text, e)
    before = _NAME_BEFORE_NOUN.search(text[:b])
    if after is not None and _is_name(after.group(1), rules, disc):
        name_b, name_e = after.span(1)
        label, begin, end = after.group(1), name_b, name_e
    elif before is not None and (_is_name(before.group(1), rules, disc)
                                 or _starting_at(base, before.start(1)) is not None):
        name_b, name_e = before.span(1)
        label, begin, end = f"{before.group(1)} {text[b:e].lower()}", name_b, e
    else:
        return None
    known = _starting_at(base, name_b)
    if known is not None and (known.entity is None or known.end > name_e or not (
            known.entity.is_place and not known.entity.is_state)):
        return None  # a state ("the Afghan crossing"), or a longer name the base has
    state = disc.state_of(known.entity) if known is not None else None
    entity = disc.mint(spec["class"], label, state=state.iri if state else None,
                       rule=spec["id"],
                       facts=[MintedFact("ckg:inState", state.iri, spec["id"])] if state else [])
    return Mention(begin, end, text[begin:end], entity, "place", spec["id"], priority=2)


_KIND_OF = re.compile(r"(?:the\s+)?(?:town|city|village)\s+of\s+(.+)", re.IGNORECASE)
# a kind noun after a name ("Batken region", "Isfara district"): the name's own kind
_KIND_AFTER = re.compile(r"\s+(?:region|province|oblast|district|county|state|governorate|"
                         r"prefecture|valley|river)\b", re.IGNORECASE)


def _retyped(text: str, known: Mention, spec: dict, disc: Discourse,
             end: int | None = None) -> Mention | None:
    """The text's noun decides the type: "the town of Batken" is a town even where the
    base (or the gazetteer) has a region Batken, "the Isfara district" a district where
    it has a town. None when the known entity already is of that class."""
    entity = known.entity
    cls = spec["class"]
    if entity is None or entity.is_state or cls in entity.classes or cls not in {
            "City", "Village", "District", "Region"} or not entity.is_place:
        return None
    state = disc.state_of(entity)
    facts = [MintedFact("ckg:inState", state.iri, spec["id"])] if state is not None else []
    place = disc.mint(cls, known.text, state=state.iri if state else None,
                      rule=spec["id"], facts=facts)
    if entity.in_kb:
        disc.retyped.setdefault(known.text, place)
    stop = end if end is not None else known.end
    return Mention(known.begin, stop, text[known.begin:stop], place, "place", spec["id"],
                   priority=2)


def _tie_to_state(entity: Entity, text: str, begin: int, base: list[Mention],
                  disc: Discourse, rule: str) -> None:
    """A demonym or "STATE's" right before the place phrase gives the place's state."""
    head = text[:begin]
    # "Tajikistan's", "the Tajik", "the Tajik border" (up to two plain adjectives between)
    # (adjectives of place only: in "Pakistani troops shelled the town of X" the
    # adjective is the troops')
    adjectives = r"(?:(?:border|frontier|small|remote|mountainous|disputed|frontline|nearby|" \
        r"southern|northern|eastern|western|central|southwestern|southeastern|northwestern|" \
        r"northeastern)\s+){0,2}"
    m = re.search(r"(?:'s)?\s+" + adjectives + r"(?:the\s+)?$", head[-80:])
    if m:
        m = re.search(r"(?:'s)?\s+" + adjectives + r"(?:the\s+)?$", head)
    cue = _ending_at(base, m.start() if m else len(head))
    if cue is None:
        m2 = re.search(r"\b(?:the|a|an)\s+$", head)
        cue = _ending_at(base, m2.start() - 1) if m2 and m2.start() > 0 else None
    if cue is not None and cue.entity is not None and cue.entity.is_state:
        entity.state = entity.state or cue.entity.iri
        disc.mint(next(iter(entity.classes)), entity.label, state=cue.entity.iri, rule=rule,
                  facts=[MintedFact("ckg:inState", cue.entity.iri, rule)])


def _bare_localities(text: str, base: list[Mention], disc: Discourse,
                     rules: Rules) -> list[Mention]:
    """"clashes near Tort-Kocho": an unknown capitalised name after a locative word."""
    spec = rules.places["bare_locality"]
    preps = "|".join(spec["prepositions"])
    found = []
    for m in re.finditer(r"\b(?:" + preps + r")\s+(?:the\s+)?(" + NAME + r")(?![\w'\-])",
                         text):
        name = m.group(1)
        if not _is_name(name, rules, disc) or any(
                b.begin < m.end(1) and b.end > m.start(1) for b in base):
            continue
        following = text[m.end(1):m.end(1) + 40]
        if re.match(r"\s+(?:" + _PLACE_OR_BODY_WORDS + r")\b", following, re.IGNORECASE) or \
                re.match(r"'s\b", following) or name in disc.extra_names:
            continue  # "in Batken province" (another rule), "in Karvenia's capital"
        if name.lower() in _MONTHS or name in spec["exclude"] or \
                name.split()[-1] in spec["exclude"]:
            continue
        entity = disc.mint(spec["class"], name, rule=spec["id"])
        found.append(Mention(m.start(1), m.end(1), name, entity, "place", spec["id"],
                             priority=1))
    return found


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"}
_PLACE_OR_BODY_WORDS = ("province|region|oblast|district|city|town|village|area|exclave|"
                        "enclave|border|government|authorities|ministry|service|forces")


def _definite_organisations(text: str, disc: Discourse, rules: Rules) -> list[Mention]:
    """"The alliance demanded ...", "the bloc said": the alliance or organisation the
    article named last, when there is one (rule data: [definite_organisation])."""
    spec = rules.actors.get("definite_organisation")
    if not spec:
        return []
    out = []
    for m in _definite_organisation_pattern(rules).finditer(text):
        last = [disc.last_of_class.get(c) for c in spec["nouns"][m.group("noun")]]
        named = {e.iri: e for e in last if e is not None and not e.is_state}
        if len(named) == 1:
            (entity,) = named.values()
            out.append(Mention(m.start("noun"), m.end(), m.group("noun"), entity, "body",
                               spec["id"], priority=0))
    return out


@lru_cache(maxsize=2)
def _definite_organisation_pattern(rules: Rules) -> re.Pattern[str]:
    nouns = sorted(rules.actors["definite_organisation"]["nouns"], key=len, reverse=True)
    return re.compile(r"\b[Tt]he\s+(?P<noun>" + "|".join(map(re.escape, nouns))
                      + r")\b(?!\s+of\b)")


_CHANNEL = re.compile(r"\b(?:broadcast|read|carried|aired|heard|monitored)\s+(?:by|on|over)\s+$")


# ", the secretary general of the CSTO,", ", the council's secretary-general,": a post in an
# organisation, in apposition after a person
_ORG_POSTS = (r"(?:secretary[\s\-]general|chairman|chairperson|chairwoman|chair|head|chief|"
              r"president|special\s+envoy|envoy|special\s+representative|spokesman|"
              r"spokeswoman|spokesperson|commissioner|high\s+representative)")
_ORG_APPOSITION = re.compile(r",\s+(?:the|its)\s+(?:current\s+|acting\s+)?" + _ORG_POSTS +
                             r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_ORG_NOUN_APPOSITION = re.compile(r",\s+the\s+(?:council|organi[sz]ation|bloc|alliance|union|"
                                  r"league|commission|group)'s\s+" + _ORG_POSTS + r"\b",
                                  re.IGNORECASE)


def _organisation_posts(text: str, chosen: list[Mention], disc: Discourse) -> None:
    """A person the text gives a post in an organisation, in apposition ("Stanislav Zas,
    the secretary general of the Collective Security Treaty Organization,"; "Abdullah
    Bishara, the council's secretary-general,": the organisation named last) acts for
    it."""
    for m in chosen:
        person = m.entity
        if m.kind not in {"person", "name"} or person is None or not person.is_a("Person") \
                or person.in_kb or person.state:
            continue
        post = _ORG_APPOSITION.match(text, m.end)
        org: Entity | None = None
        if post is not None:
            org = next((c.entity for c in chosen if c.begin == post.end() and c.entity
                        is not None and c.entity.is_a("Organization", "Alliance")), None)
        elif _ORG_NOUN_APPOSITION.match(text, m.end):
            named = [e for e in (disc.last_of_class.get(k) for k in ("Organization",
                                                                      "Alliance"))
                     if e is not None and not e.is_state]
            org = named[0] if len(named) == 1 else None
        if org is not None:
            disc.acts_for(person, org.iri, "entity.person-organisation-post")


@lru_cache(maxsize=2)
def _era_pattern(rules: Rules) -> re.Pattern[str]:
    """After a demonym: "[ -]era", " republics"; or, matched with `search` before one,
    "post-"."""
    spec = rules.actors["era_adjective"]
    after = "|".join(re.escape(w) if w.startswith("-") else r"\s+" + re.escape(w)
                     for w in spec["after"])
    before = "|".join(re.escape(w) for w in spec["before"])
    return re.compile(r"(?:" + after + r")\b|(?:" + before + r")$", re.IGNORECASE)


@lru_cache(maxsize=2)
def _broadcaster_pattern(rules: Rules) -> re.Pattern[str]:
    nouns = "|".join(map(re.escape, sorted(rules.actors["broadcaster"]["nouns"], key=len,
                                            reverse=True)))
    upper = "|".join(re.escape(n) for n in rules.actors["broadcaster"]["nouns"]
                     if n[:1].isupper())
    return re.compile(r"\b(?:(?P<before>" + NAME + r")\s+(?:" + nouns + r")|(?:" + upper +
                      r")\s+(?P<after>" + NAME + r"))\b")


def _broadcaster_state(name: str, disc: Discourse) -> Entity | None:
    """The state a broadcaster's name word stands for: a state, its capital or a city of
    it ("Tehran", "Tanzania", "Phnom Penh")."""
    known = disc.kb.names.get(name) or disc.extra_names.get(name)
    if known is not None and (known.is_state or known.is_a("City")):
        return disc.state_of(known)
    code = disc.gazetteer.capitals.get(name)
    if code is not None:
        return disc.state_for_country(disc.gazetteer.countries[code])
    return disc.state_named(name)


def _broadcasters(text: str, base: list[Mention], disc: Discourse,
                  rules: Rules) -> list[Mention]:
    """"Tehran Radio said", "broadcast by Radio Hanoi", "Cambodian radio said": a state's
    broadcaster, named after its capital or state (rule data: [broadcaster])."""
    spec = rules.actors.get("broadcaster")
    if not spec or not any(noun in text for noun in spec["nouns"]):
        return []  # every match holds one of the nouns as written
    out = []
    for m in _broadcaster_pattern(rules).finditer(text):
        group = "before" if m.group("before") else "after"
        name = m.group(group)
        demonym = _ending_at(base, m.end(group)) if group == "before" else None
        if demonym is not None and demonym.kind == "demonym" and demonym.entity is not None:
            # "Cambodian radio": only a broadcaster of that state the article named before
            state = disc.state_of(demonym.entity)
            named = [x for x in disc.minted.values()
                     if state is not None and x.rule == spec["id"] and x.state == state.iri]
            if len(named) != 1:
                continue
            entity = named[0]
        else:
            state = _broadcaster_state(name, disc)
            if state is None:
                continue
            label = m.group()
            entity = disc.mint(spec["class"], label, key=label.lower(), state=state.iri,
                               rule=spec["id"],
                               facts=[MintedFact("ckg:actsFor", state.iri, spec["id"])])
        # "a statement broadcast by Radio Ethiopia said": the channel, not who speaks
        channel = _CHANNEL.search(text, max(0, m.start() - 30), m.start()) is not None
        out.append(Mention(m.start(), m.end(), m.group(), entity,
                           "channel" if channel else "body", spec["id"], cue=state,
                           priority=3))
    return out


def recognise(text: str, disc: Discourse, rules: Rules,
              names: list[tuple[int, int, str]] | None = None) -> list[Mention]:
    """Every mention in the sentence, longest and most specific first, without overlaps.
    `names` are the annotator's named entities in the sentence (begin, end, NER label;
    graph/extract/gazetteer_ner.sentence_names), or None without an annotation."""
    base = _base_mentions(text, disc, rules)
    bodies = _body_mentions(text, base, disc, rules)
    candidates = base + bodies + \
        _force_mentions(text, base, disc, rules) + _place_mentions(text, base, disc, rules) + \
        person_mentions(text, base, disc, rules) + role_people(text, base, disc, rules) + \
        head_of_body_people(text, base + bodies, disc, rules) + \
        named_people(text, base, disc, rules) + monarchs(text, base, disc, rules)
    if names:
        # names no rule framed ("met Jeyhun Bayramov"); before the bare-locality guess
        candidates += ner_mentions(text, names, disc, rules, candidates)
    candidates += _bare_localities(text, base, disc, rules)
    candidates += _definite_organisations(text, disc, rules)
    candidates += _broadcasters(text, base, disc, rules)
    # "ethnic Albanian mayors", "ethnic Serbs": a people, not the state; "the Soviet era",
    # "post-Soviet": a time, not the state
    era = _era_pattern(rules)
    candidates = [m for m in candidates if not (
        m.kind == "demonym" and (_ETHNIC.search(text, max(0, m.begin - 8), m.begin) or
                                 era.match(text, m.end) or era.search(text, max(0, m.begin - 5),
                                                                      m.begin)))]
    chosen: list[Mention] = []
    for m in sorted(candidates, key=lambda m: (-m.priority, -(m.end - m.begin), m.begin)):
        if all(m.end <= c.begin or m.begin >= c.end for c in chosen):
            chosen.append(m)
    # a local authority named after a place ("authorities in the Tajik city of Isfara")
    # also mentions the place itself
    for m in list(chosen):
        if m.kind == "body" and m.entity is not None and m.entity.is_a("LocalAuthority"):
            chosen += [b for b in base if m.begin <= b.begin and b.end <= m.end
                       and b.entity is not None and b.entity.is_place and not b.entity.is_state]
    chosen.sort(key=lambda m: m.begin)
    chosen = _defined_acronyms(text, chosen, disc)
    _organisation_posts(text, chosen, disc)
    learnt: dict[str, Entity] = {}
    for m in chosen:
        if m.entity is not None and m.kind in {"name", "body", "place", "person", "force"}:
            disc.heard(m.entity, m.text)
        # a place the text named with its noun is the same place when named bare later
        # ("the village of Dostuk" ... "in Dostuk", "North Kivu province" ... "North
        # Kivu's governor")
        if m.entity is not None and m.kind == "place" and not m.entity.in_kb and \
                not m.entity.is_state and m.entity.label not in disc.extra_names and \
                " of " not in m.entity.label:
            learnt[m.entity.label] = m.entity
        # "the Union of Islamic Courts" ... "the Islamic Courts": a union named by what
        # it unites
        core = _UNION.fullmatch(m.entity.label) if m.entity is not None and \
            not m.entity.in_kb and m.entity.is_a("Organization", "ArmedForce") else None
        if core is not None and m.entity is not None:
            name = core.group("a") or core.group("b")
            if len(name.split()) >= 2 and name not in disc.extra_names:
                learnt[name] = m.entity
    if learnt:
        disc.add_names(learnt, {})
    return chosen
