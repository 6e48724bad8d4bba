"""People in the text: officials after a title ("President Sadyr Japarov", "Foreign Minister
X"), people named with a role word ("spokesman X"), by apposition ("X, the Kyrgyz
president") or as speakers ("X said"). The base's people are linked; others are minted."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.attribution import announced_account, recall_name
from graph.extract.kb import Entity
from graph.extract.linking import Discourse, MintedFact
from graph.extract.mentions import (
    NAME,
    PERSON_NAME,
    Mention,
    is_name,
    left_cue,
    starting_at,
)
from graph.extract.rules import Rules


@lru_cache(maxsize=4)
def ranks(rules: Rules) -> str:
    """A run of rank words ("Lieutenant General ", "Gen. ") before a name, optional."""
    words = sorted(rules.actors["person_ranks"]["words"], key=len, reverse=True)
    return r"(?:(?:" + "|".join(re.escape(w) for w in words) + r")\s+)*"


def person_mentions(text: str, base: list[Mention], disc: Discourse,
                     rules: Rules) -> list[Mention]:
    """Officials: "President NAME", "Foreign Minister NAME"."""
    found = []
    for b, e, spec in rules.offices.find(text):
        if spec.get("needs_body"):
            continue
        m = re.compile(r",?\s+" + ranks(rules) + "(" + PERSON_NAME + ")").match(text, e)
        if not m:
            continue
        name, end = _unpossessed(m.group(1), m.end(1))
        if len(name.split()) == 4 and _title_case(text):
            # "Ecuador's President Sixto Duran Ballen Accuses Peru": a headline's verb
            name = name.rsplit(" ", 1)[0]
            end = m.start(1) + len(name)
        known = starting_at(base, m.start(1))
        if known is not None and known.entity is not None and known.entity.is_a("Person"):
            continue  # a base person: the office rule links the title to it
        if not is_name(name, rules, disc) or len(name.split()) < 2:
            continue
        cue, _ = left_cue(text, b, base)
        state = disc.state_of(cue.entity) if cue and cue.entity else None
        entity = disc.mint("Person", name, state=state.iri if state else None,
                           rule="entity.person-title",
                           facts=[MintedFact("ckg:actsFor", state.iri, "entity.person-title")]
                           if state else [])
        found.append(Mention(m.start(1), end, name, entity, "person",
                             "entity.person-title", priority=2))
    return found


def _title_case(text: str) -> bool:
    """A headline in title case: most of its words capitalised."""
    words = re.findall(r"[A-Za-z][\w'\-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _unpossessed(name: str, end: int) -> tuple[str, int]:
    """"President Idi Amin's forces": the name without its possessive, and where it ends."""
    if name.endswith("'s") and len(name.split()[-1]) > 3:
        return name[:-2], end - 2
    return name, end


@lru_cache(maxsize=2)
def _monarch_pattern(rules: Rules) -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in
                      sorted(rules.actors["monarch"]["titles"], key=len, reverse=True))
    # a regnal number is part of the name ("Hassan II")
    return re.compile(r"\b(?:" + titles + r")\s+" + ranks(rules) + r"(?P<name>" + NAME +
                      r"(?:\s+[IVX]{1,4}\b)?)")


def monarchs(text: str, base: list[Mention], disc: Discourse, rules: Rules) -> list[Mention]:
    """"King Hassan II of Morocco", "Jordan's King Abdullah": the monarch acts for the
    state named before the title or after the name (rule data: [monarch])."""
    spec = rules.actors.get("monarch")
    if not spec:
        return []
    found = []
    for m in _monarch_pattern(rules).finditer(text):
        name = m.group("name")
        known = starting_at(base, m.start("name"))
        if known is not None and known.entity is not None and known.entity.is_a("Person"):
            continue
        if not is_name(name.split()[0], rules, disc):
            continue
        of = re.match(r"\s+of\s+(?:the\s+)?", text[m.end():])
        after = starting_at(base, m.end() + of.end()) if of else None
        cue, _ = left_cue(text, m.start(), base)
        state_m = after if after is not None and after.entity is not None and \
            after.entity.is_state else cue
        state = disc.state_of(state_m.entity) if state_m and state_m.entity else None
        entity = disc.mint("Person", name, state=state.iri if state else None,
                           rule=spec["id"],
                           facts=[MintedFact("ckg:actsFor", state.iri, spec["id"])]
                           if state else [])
        found.append(Mention(m.start("name"), m.end("name"), name, entity, "person",
                             spec["id"], priority=2))
    return found


_SAID = re.compile("(" + NAME + r"),?\s+(?:said|says|told|added|wrote|stated)\b")
_SAID_VERB = re.compile(r"\s(?:said|says|told|added|wrote|stated)\b")  # what _SAID needs
_APPOSITIVE_TITLE = re.compile("(" + NAME + r"),\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z]\w+(?:'s)?\s+)?"
                               r"(?:deputy\s+|acting\s+|former\s+)?$")


@lru_cache(maxsize=2)
def _role_apposed(rules: Rules) -> re.Pattern[str]:
    # the ranks before the name are no part of it ("Lt Gen Chhum Socheat, a spokesman")
    return re.compile(r"(?<![\w.])" + ranks(rules) + "(" + NAME + r"),\s+(?:the\s+|a\s+|an\s+)?"
                      r"(?:[\w\-]+\s+){0,2}?(?:spokesman|spokeswoman|spokesperson|"
                      r"secretary[\s\-]general|special\s+envoy|special\s+representative)\s+"
                      r"(?:for|of|in|at)\s")


def named_people(text: str, base: list[Mention], disc: Discourse,
                  rules: Rules) -> list[Mention]:
    """People named without a title before them: "NAME said", "NAME, the Kyrgyz envoy"."""
    found = []
    candidates = [m for m in _SAID.finditer(text)] if _SAID_VERB.search(text) else []
    # "Lt Gen Chhum Socheat, a spokesman for Cambodia's Defence Ministry, blamed ...": the
    # apposition names his role whatever verb follows (whom he speaks for: claims.py)
    candidates += [m for m in _role_apposed(rules).finditer(text)]
    for b, _, _spec in rules.offices.find(text):
        m = _APPOSITIVE_TITLE.search(text[:b])
        if m:
            candidates.append(m)
    for m in candidates:
        name = m.group(1)
        rank = re.match(ranks(rules), name)
        if rank is not None and rank.end() and len(name[rank.end():].split()) == 1:
            # "Col Obonyo told journalists": the rank and surname of a person named before
            named = recall_name(disc, name[rank.end():])
            if named is not None:
                found.append(Mention(m.start(1) + rank.end(), m.end(1), name[rank.end():],
                                     named, "person", "entity.person-surname", priority=2))
                continue
        start = m.start(1)
        if rank is not None and rank.end() and len(name[rank.end():].split()) >= 2 and \
                not re.search(r"\b(?:Director|Inspector|Secretary|Attorney|Solicitor|Auditor|"
                              r"Surgeon|Governor)[\s\-]+$", text[max(0, m.start(1) - 14):
                                                               m.start(1)]):
            # "Deputy Commissioner Rahul Yadav said": the rank is no part of the name (but
            # "Director General X": "General" is the title's)
            start, name = start + rank.end(), name[rank.end():]
        words = name.split()
        if len(words) < 2 or not is_name(name, rules, disc) or rules.forces.find(name) or \
                rules.bodies.find(name):
            # ("the Joint Command of the Armed Forces said": a body, not a person)
            continue
        if any(b.begin < m.end(1) and b.end > start for b in base):
            continue  # a known name (state, place, base person) already covers it
        state = _titled_by_state(text, start, base, disc)
        entity = disc.mint("Person", name, state=state.iri if state else None,
                           rule="entity.person-context",
                           facts=[MintedFact("ckg:actsFor", state.iri, "entity.person-context")]
                           if state else [])
        found.append(Mention(start, m.end(1), name, entity, "person",
                             "entity.person-context", priority=2))
    return found


_TITLE_WORDS = re.compile(r"(?:\s+[A-Z][a-z][\w\-]*){1,3}\s+")


def _titled_by_state(text: str, begin: int, base: list[Mention], disc: Discourse
                     ) -> Entity | None:
    """"Indian Foreign Secretary Vikram Misri": a title the office rules do not list,
    after a demonym or a state's name, still says whom its holder speaks for."""
    for cue in base:
        if cue.kind in {"demonym", "name"} and cue.entity is not None and \
                cue.entity.is_state and 0 < begin - cue.end <= 40 and \
                _TITLE_WORDS.fullmatch(text, cue.end, begin):
            return disc.state_of(cue.entity)
    return None


def role_people(text: str, base: list[Mention], disc: Discourse,
                 rules: Rules) -> list[Mention]:
    """"spokesman Ulan Sadykov", "envoy Aziz Karimov": a person with a role word."""
    spec = rules.actors["person_roles"]
    found = []
    pattern = re.compile(r"\b(?P<role>" + "|".join(spec["words"]) + r"),?\s+" + ranks(rules) +
                         "(" + NAME + ")")
    for m in pattern.finditer(text):
        name = m.group(2)
        if len(name.split()) < 2 or not is_name(name, rules, disc):
            continue
        known = [b for b in base if b.begin < m.end(2) and b.end > m.start(2)]
        # "Congolese army spokesman X", "SPLA spokesman X", "BSF Director General X", "the
        # Tajik envoy X": the state of the adjective or body right before the role word
        # speaks through them (a counterpart's state is his office's: relations.py)
        cue = (_state_before(text, m.start(), base, disc) or _its_reporter_state(
            text, m.start(), disc)) if m.group("role") not in spec["office_words"] else None
        if known:
            # the name is found already (the annotator's person, the base): an
            # organisation's role word before it still says whom he speaks for, and so
            # does a state's or a state body's
            _speaks_for_organisation(text, m.start(), known, base, disc, spec["id"])
            person = next((k.entity for k in known if k.entity is not None
                           and k.entity.is_a("Person") and not k.entity.in_kb), None)
            if person is not None and not person.state and cue is not None:
                disc.acts_for(person, cue.iri, spec["id"])
            continue
        if cue is None:
            # "NATO Secretary-General Jens Stoltenberg": he speaks for the organisation
            cue = _organisation_before(text, m.start(), base, disc)
        body = re.search(r"\b(?:(army|military)|defence ministry|defense ministry|"
                         r"foreign ministry|foreign office|ministry|government|police|"
                         r"border service)\s+$",
                         text[:m.start()], re.IGNORECASE) if cue is None else None
        if body is not None:
            # "BANGKOK - ... Army spokesman Col X": the army of the state the report is
            # from; without a dateline, of the army that was the article's last reporter
            # ("..., according to the Thai army. Army spokesman Col X said ...")
            spoke = disc.last_of_class.get("attribution:claimant")
            account = disc.state_of(announced_account(disc))
            kind = _BODY_WORDS.get(body.group(0).split()[-1].lower())
            if kind is not None and spoke is not None and spoke.is_a(kind) and \
                    disc.state_of(spoke) is not None:
                # "Ethiopia's foreign ministry accused ... ministry spokesman X told": the
                # body of that kind that reported last, before the dateline's state
                cue = disc.state_of(spoke)
            elif account is not None:
                # "Lagos gave a different account. ..., an army spokesman, Colonel X, told
                # reporters": the army of the side whose account this is
                cue = account
            elif disc.home is not None:
                cue = disc.home
            elif body.group(1) and spoke is not None and spoke.is_a("ArmedForce"):
                cue = disc.state_of(spoke)
        entity = disc.mint("Person", name, rule=spec["id"], state=cue.iri if cue else None,
                           facts=[MintedFact("ckg:actsFor", cue.iri, spec["id"])] if cue
                           else [])
        found.append(Mention(m.start(2), m.end(2), name, entity, "person", spec["id"],
                             cue=cue, priority=2))
    return found


# the body a bare body word before a role word names ("ministry spokesman X")
_BODY_WORDS = {"ministry": "Ministry", "office": "Ministry", "army": "ArmedForce",
               "military": "ArmedForce", "government": "Government",
               "service": "BorderGuardService"}


def head_of_body_people(text: str, base: list[Mention], disc: Discourse,
                        rules: Rules) -> list[Mention]:
    """"Director General of the Inter-Services Public Relations (ISPR) Major General
    Asif Ghafoor": a person titled as the head or speaker of a body the sentence names
    acts for the body's state (rule data: [person_roles] of_words)."""
    spec = rules.actors["person_roles"]
    patterns = _head_of_body_patterns(rules)
    if patterns is None:
        return []
    title, named = patterns
    found = []
    for t in title.finditer(text):
        body = next((m for m in base if m.begin == t.end() and m.entity is not None
                     and m.entity.is_actor and not m.entity.is_state), None)
        if body is None or body.entity is None:
            continue
        m = named.match(text, body.end)
        if m is None or len(m.group(1).split()) < 2 or not is_name(m.group(1), rules, disc) \
                or any(b.begin < m.end(1) and b.end > m.start(1) for b in base):
            continue
        state = disc.state_of(body.entity) or body.entity
        entity = disc.mint("Person", m.group(1), state=state.iri, rule=spec["id"],
                           facts=[MintedFact("ckg:actsFor", state.iri, spec["id"])])
        found.append(Mention(m.start(1), m.end(1), m.group(1), entity, "person", spec["id"],
                             cue=state, priority=2))
    return found


@lru_cache(maxsize=2)
def _head_of_body_patterns(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The title before a body ("Director General of the"), and the name after the body
    (an acronym in brackets and ranks may come between)."""
    words = rules.actors["person_roles"].get("of_words", [])
    if not words:
        return None
    return (re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\s+of\s+(?:the\s+)?",
                       re.IGNORECASE),
            re.compile(r"(?:\s*\([A-Z][\w\-]{1,10}\))?,?\s+" + ranks(rules) + "(" + NAME + ")"))


def _organisation_before(text: str, pos: int, base: list[Mention],
                         disc: Discourse) -> Entity | None:
    """The organisation or alliance named right before a role word ("CSTO Secretary
    General", "the OSCE's chairman"), or the last one named when "its" stands there ("The
    OAS will meet. Its secretary general, X, ...")."""
    org = next((m for m in base if m.entity is not None and m.entity.is_a(
        "Organization", "Alliance") and re.fullmatch(
            r"(?:'s)?(?:\s+(?:Commission|Council|Secretariat))?\s+", text[m.end:pos])), None)
    if org is not None:
        return org.entity
    if re.search(r"\b[Ii]ts\s+$", text[:pos]):
        last = [disc.last_of_class.get(cls) for cls in ("Organization", "Alliance")]
        named = [e for e in last if e is not None and not e.is_state]
        if len(named) == 1:
            return named[0]
    return None


def _speaks_for_organisation(text: str, pos: int, known: list[Mention], base: list[Mention],
                             disc: Discourse, rule: str) -> None:
    """A person found by another path, titled by an organisation's role word: he acts
    for it, unless something already ties him to a state."""
    org = _organisation_before(text, pos, base, disc)
    for b in known:
        person = b.entity
        if org is None or person is None or not person.is_a("Person") or person.state \
                or person.in_kb:
            continue
        disc.acts_for(person, org.iri, rule)


def _its_reporter_state(text: str, pos: int, disc: Discourse) -> Entity | None:
    """"Armenia's Defence Ministry said ... Its spokeswoman, X, wrote ...": the state of
    the body that reported last speaks through the spokesperson "its" gives it (an
    organisation's "its" is _organisation_before's)."""
    if not re.search(r"\b[Ii]ts\s+(?:[a-z]+\s+)?$", text[max(0, pos - 20):pos]):
        return None
    spoke = disc.last_of_class.get("attribution:claimant")
    if spoke is None or spoke.is_state or spoke.is_a("Person", "Organization", "Alliance"):
        return None
    return disc.state_of(spoke)


def _state_before(text: str, pos: int, base: list[Mention],
                  disc: Discourse) -> Entity | None:
    """The state named in the few words before `pos` ("Sudanese army spokesman")."""
    window = max(0, pos - 45)
    cues = [m for m in base if window <= m.begin and m.end <= pos and m.entity is not None
            and (m.entity.is_state or (m.entity.is_actor and m.entity.state)
                 # "Kandahar police chief X": the state of the place his body serves
                 or (m.entity.is_place and disc.state_of(m.entity) is not None
                     and re.fullmatch(r"\s+(?:[a-z]+\s+){0,2}", text[m.end:pos])))
            and not re.search(r"[,;.]", text[m.end:pos])]
    # "BSF Director General X": a body the base ties to its state speaks through him
    return disc.state_of(cues[-1].entity) if cues else None
