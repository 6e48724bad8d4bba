"""Events from trigger words (graph/rules/events.toml), with their roles filled from the
mentions around the trigger: agent before, target after, participants for talks and
agreements, place, time, weapons, status and count. Inside an attribution frame the event
is claimed by the frame's source, and an accusation's accused party is the agent."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from graph.extract.attribution import last_speaker
from graph.extract.claims import Frame, hearsay
from graph.extract.conflict import conflict_words, dates_war, past_date, past_war_spec
from graph.extract.grammar import Parse, follow
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.mentions import Mention
from graph.extract.roles import ParsedRoles, mention_of, parse_roles
from graph.extract.rules import Rules, phrase_pattern
from graph.extract.timex import CLOCK, DAY, PART, TimeExpr
from graph.extract.types import EventRecord

__all__ = ["BILATERAL", "HOSTILE", "EventRecord", "attach_relative_agents", "find_events"]

HOSTILE = {"ArmedClash", "Shelling", "SmallArmsFire", "Occupation", "CeasefireViolation",
           "TroopBuildUp"}
BILATERAL = {"CeasefireAgreement", "Talks", "Meeting"}
# acts that are against the other side even when the text names no object
_AGAINST = {"ArmedClash", "Shelling", "SmallArmsFire"}
_PLACE_PREP = r"\b(?:in|at|near|outside|inside|of|into|across|over)\s+(?:the\s+|its\s+|" \
    r"their\s+)?(?:\w+ern\s+)?"
_NUMBER = re.compile(r"\b(\w+)\s+(?:previous\s+|prior\s+|earlier\s+|separate\s+|more\s+|"
                     r"other\s+)?$", re.IGNORECASE)

@lru_cache(maxsize=2)
def _border_after(rules: Rules) -> re.Pattern[str]:
    """"the Afghan border", "the Kyrgyz-Tajik frontier" (not "Armenian border villages",
    where the adjective still says whose villages)."""
    spec = rules.relations["state_border"]
    return re.compile(r"(?:\s*-\s*[A-Z][\w\-]+)?\s+" + phrase_pattern(spec["nouns"]) + r"\b"
                      r"(?![\-\s]+" + phrase_pattern(spec["not_before"]) + r"\b)",
                      re.IGNORECASE)


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|I)\s+(?:\w+\s+)?$")
_BACKGROUND = re.compile(
    r"(?:\bone\s+of\s+the\s+(?:[\w\-]+\s+){0,3}|\bsince\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}"
    r"(?:war|conflict)\s+(?:(?:had\s+)?ended|ended)\s+(?:[\w\-]+\s+){0,3}"
    # "since October 8, the day after the Hamas attack": the act only dates a day
    r"|,\s+the\s+(?:day|week|month|morning|night)\s+(?:after|before)\s+(?:the\s+)?"
    r"(?:[\w\-']+\s+){0,3})$", re.IGNORECASE)
_SINCE_WAR = re.compile(r"\bsince\s+(?:the\s+)?(?:[\w\-']+\s+){0,3}$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(?:[\w\-']+\s+){0,5}$", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w\-]+\s+)?$",
                       re.IGNORECASE)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|these|those|such)\s+$", re.IGNORECASE)
# "a document concerning the incident", "talks on the incident": a topic, named before
_ABOUT_THE = re.compile(r"\b(?:concerning|regarding|about|on|over|into|of)\s+the\s+"
                        r"(?:[\w\-]+\s+)?$", re.IGNORECASE)
# what an accusation alleges is a deed of words done about an act ("accused each other of
# lying about the raid", "of spreading falsehoods over the incident"): the act is its topic
_TOPIC_OF_ALLEGED = re.compile(r"(?:^|\b(?:of|for))\s+[a-z]+ing\s+(?:[\w\-]+\s+){0,2}?"
                               r"(?:about|over|regarding|concerning)\s+"
                               r"(?:the|its|their|this|that)\s+(?:[\w\-]+\s+)?$",
                               re.IGNORECASE)
# "it was a massacre", "This is a flagrant aggression", "that was an act of war"
_CHARACTERIZED = re.compile(r"\b(?:it|this|that)\s+(?:was|is)\s+(?:not\s+|nothing\s+but\s+|"
                            r"clearly\s+|simply\s+)?(?:an?\s+)(?:act\s+of\s+)?"
                            r"(?:[\w\-]+\s+){0,2}?$", re.IGNORECASE)
_TALKS_WITH = re.compile(r"\s+with\s+", re.IGNORECASE)
# a participle of agreement after a ceasefire word ("the ceasefire agreed by ... on X")
_AGREED_AFTER = re.compile(r"\s+(?:(?:that|which)\s+(?:was\s+|had\s+been\s+|they\s+had\s+)?)?"
                           r"(?:agreed|reached|signed|brokered|announced|declared)\b[^,;]{0,110}",
                           re.IGNORECASE)


def _ceasefire_spec(rules: Rules) -> dict:
    return next(x for x in rules.events["event"] if x["class"] == "CeasefireAgreement")
_RETURNED = re.compile(r"(?:returned|returning)\s+(?:the\s+)?fire|fired\s+back|shot\s+back",
                       re.IGNORECASE)
# "It was the Kyrgyz side that opened fire": before a verb, "that" is a relative pronoun
_PAST_VERB = re.compile(r"[a-z]+ed\b")
# "agreed on Tuesday to stop fighting": a verb of agreeing, a few words before the trigger
_AGREED_BEFORE = re.compile(r"\b(?:agreed|agree|agrees|agreeing|decided|pledged|committed)"
                            r"(?:\s+[\w,\-']+){0,4}?\s+$", re.IGNORECASE)
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:(?:border|port|capital|southern|northern|eastern|"
                               r"western)\s+)?(?:city|town|village|capital|region|province|"
                               r"district|port|exclave|enclave)\b", re.IGNORECASE)
# "the Moscow agreement", "the Khartoum truce": a place an agreement is named after
_AGREEMENT_NOUN = re.compile(r"\s+(?:agreement|agreements|accord|accords|protocol|treaty|deal|"
                             r"declaration|truce|ceasefire|cease-fire|armistice)\b", re.IGNORECASE)
# "the Iran-backed group", "a Rwanda-based militia": the sponsor is no party to the act
_SPONSOR_AFTER = re.compile(r"-(?:backed|based|allied|aligned|funded|supported|sponsored|"
                            r"armed|trained|financed)\b", re.IGNORECASE)
# "its troops", and in a quotation "our air defences", "we": the frame's speaker's side
_SOURCE_PRONOUN = re.compile(r"\b(?:its|their|his|her|they|it|our|we|own)\b", re.IGNORECASE)
# talks refused: "there would be no talks until Heglig was liberated"
_NO_TALKS = re.compile(r"\b(?:no|not\s+hold|never\s+hold|refused\s+to\s+hold)\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
# a hostile act only threatened or intended: "will respond to every attack", "vowed to
# retake the town"
_THREATENED = re.compile(r"\b(?:will|would|shall|'ll|plans?\s+to|planned\s+to|"
                         r"threaten(?:s|ed)?\s+to|"
                         r"vow(?:s|ed)?\s+to|pledged\s+to|promised\s+to|warned\s+it\s+would|"
                         r"ready\s+to|prepared\s+to)\s+(?:[\w\-]+\s+){0,4}$", re.IGNORECASE)
# arms named without their side: "F-16 fighter jets had struck", "artillery units fired"
_UNNAMED_ARMS = re.compile(r"\b(?:jets|aircraft|warplanes|planes|drones|helicopters|gunships|"
                           r"artillery|units|troops|soldiers|forces|gunners|batteries)\s+"
                           r"(?:had\s+|have\s+|has\s+)?(?:also\s+|then\s+|later\s+)?$",
                           re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(?:us|we|our)\b", re.IGNORECASE)
_SUBORDINATE_THEY = re.compile(r"\b(?:after|before|when|as|since|while|until|once)\s+they\b",
                               re.IGNORECASE)
_SINGULAR_POSSESSIVE = re.compile(r"\b(?:its|his|her)\b", re.IGNORECASE)


def _actor_mentions(mentions: list[Mention], begin: int, end: int) -> list[Mention]:
    return [m for m in mentions if begin <= m.begin and m.end <= end and
            (m.kind == "pair" or (m.entity is not None and m.entity.is_actor))]


# what a demand may ask of no one named: "demanding an immediate halt to the fighting"
_DE_ESCALATION = re.compile(r"\s+(?:that\s+)?(?:an?\s+|the\s+)?(?:(?:immediate|unconditional|"
                            r"complete|full)\s+)*(?:halt|end|ceasefire|cease-fire|truce|"
                            r"withdrawal|pullout|pull-back|stop|cessation|restraint|"
                            r"de-escalation|talks|negotiations)\b", re.IGNORECASE)
# what an addressee is asked to do: "asked the Security Council to convene", "wrote to the
# UN, asking it to send observers", "requested the OAU's mediation"
_ASK_COMPLEMENT = re.compile(r"(?:'s?)?(?:\s+[A-Z][\w\-]+){0,2}(?:,\s+[A-Z][^,;.]{1,40},)?"
                             r"\s*(?:,\s*)?"
                             r"(?:(?:on|in|late|early|at)\s+[^,.;]{1,25}?\s+)?"
                             r"(?:to\s+[a-z]|asking\b|requesting\b|urging\b|"
                             r"for\s+(?:an?\s+)?(?:urgent|emergency|immediate|international)\b|"
                             # "asked the CSTO for military assistance"
                             r"for\s+(?:[\w\-]+\s+){0,2}(?:assistance|help|support|aid|"
                             r"protection|intervention|observers|mediation)\b)")


def _asked_to(text: str, e: int, end: int, mentions: list[Mention]) -> bool:
    """"Cambodia asked the UN Security Council to convene": the asking verb is an appeal
    when an actor follows it at once and is asked to do something."""
    addressee = next(iter(_actor_mentions(mentions, e, end)), None)
    return addressee is not None and \
        re.fullmatch(r"\s+(?:the\s+)?", text[e:addressee.begin]) is not None and \
        _ASK_COMPLEMENT.match(text, addressee.end, end) is not None


@lru_cache(maxsize=2)
def _status_patterns(rules: Rules) -> list[tuple[str, re.Pattern[str]]]:
    return [(status, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b",
                                re.IGNORECASE))
            for status, words in rules.events["status"].items()]


def _status(text: str, begin: int, end: int, trig: tuple[int, int], rules: Rules) -> str:
    window = text[max(begin, trig[0] - 25):min(end, trig[1] + 45)]
    for status, pattern in _status_patterns(rules):
        if pattern.search(window):
            return status
    # "A first ceasefire, agreed by the two ministers on Thursday evening, collapsed within
    # hours", "A truce reached by local commanders on Friday night held for less than a
    # day": the predicate after the phrase that tells how the agreement was made
    told = _HOW_AGREED.match(text, trig[1], end)
    if told is not None:
        after = text[told.end():min(end, told.end() + 80)]
        for status, pattern in _status_patterns(rules):
            if status == "Failed" and pattern.search(after):
                return status
    return "Occurred"


_HOW_AGREED = re.compile(r"(?:\s*,[^,;.]{1,80},|\s+(?:agreed|reached|brokered|announced|"
                         r"declared|signed|mediated)\b[^,;.]{0,60}?)\s+(?=[a-z])")


def _count(text: str, begin: int, trig: int, rules: Rules) -> int | None:
    m = _NUMBER.search(text[begin:trig])
    if not m:
        return None
    word = m.group(1).lower()
    if word.isdigit():
        return int(word) if 1 < int(word) < 100 else None  # "the 2020 war" is no count
    value = rules.casualties["numbers"].get(word)
    return int(value) if value and value > 1 else None


@lru_cache(maxsize=4)
def _place_prep(modifiers: tuple[str, ...]) -> re.Pattern[str]:
    """A locative preposition ending right before a name, with the rule data's modifiers
    allowed between the article and the name ("in the disputed Galwan Valley")."""
    words = "|".join(re.escape(w) for w in sorted(modifiers, key=len, reverse=True))
    mods = rf"(?:(?:{words})\s+){{0,2}}" if words else ""
    return re.compile(_PLACE_PREP + mods + "$", re.IGNORECASE)


# a clause that measures from another act: "The strikes came after an attack on ...",
# "The talks follow clashes on October 15"
_COMES_AFTER = (r"\b(?:came|comes|come|followed|follows|follow|following)\s+"
                r"(?:[\w\-]+\s+){0,4}?(?:after|before)\b")
# a clause boundary between a place and the trigger: ", a day after", ", when"
_CLAUSE_BREAK = re.compile(r",\s+(?:[\w\-]+\s+){0,4}?(?:after|before|when|while|as|since)\b|"
                           + _COMES_AFTER, re.IGNORECASE)


def _place(text: str, mentions: list[Mention], begin: int, end: int,
           used: set[str], rules: Rules, trig: tuple[int, int] | None = None) -> Entity | None:
    """The most specific named place the clause puts the event in (with `trig`, the
    trigger's own clause: "attacked Walong, a day after they overran posts in the Namka
    Chu sector" puts the overrunning in the sector)."""
    if trig is not None:
        mentions = [m for m in mentions if begin <= m.begin and m.end <= end and not (
            _CLAUSE_BREAK.search(text, m.end, trig[0]) if m.end <= trig[0]
            else _CLAUSE_BREAK.search(text, trig[1], m.begin))]
    prep = _place_prep(tuple(rules.events.get("place", {}).get("modifiers", ())))
    best: Entity | None = None
    for m in mentions:
        if not (begin <= m.begin and m.end <= end) or m.entity is None or not m.entity.is_place:
            continue
        if m.kind in {"body", "force", "demonym", "capital"} or m.entity.iri in used:
            continue
        if trig is not None and not m.entity.is_state and \
                re.fullmatch(r"\s+(?:the\s+)?", text[trig[1]:m.begin]):
            return m.entity  # "Pakistani troops shelled Poonch and Rajouri": its object
        if not prep.search(text[max(begin, m.begin - 40):m.begin]):
            continue
        if text.startswith("'s", m.end):
            continue
        if best is None or (best.is_state and not m.entity.is_state):
            best = m.entity
    return best


# the same, for times: ", a day after X", "came after X" (not ", when": "On Sunday, when
# Tajik troops opened fire" dates the act)
_MEASURED_BREAK = re.compile(r",\s+(?:[\w\-]+\s+){0,4}?(?:after|before)\b|" + _COMES_AFTER,
                             re.IGNORECASE)


def _time(times: list[TimeExpr], begin: int, end: int, trig: int,
          skip: set[int], text: str = "") -> TimeExpr | None:
    # "since independence in 1991" dates a period's start, not the event; "The strikes
    # came after an attack on September 18" dates the other act
    inside = [t for t in times if begin <= t.begin and t.end <= end and not t.duration
              and t.begin not in skip
              and not (text and _SINCE.search(text[max(begin, t.begin - 40):t.begin]))
              and not (text and (_MEASURED_BREAK.search(text, trig, t.begin) if trig < t.begin
                                 else _MEASURED_BREAK.search(text, t.end, trig)))]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.begin - trig))


_TOLLED = re.compile(r"\s+(?:that|which)\s+(?:had\s+)?(?:killed|claimed|left)\b",
                     re.IGNORECASE)


@lru_cache(maxsize=8)
def _heavy_with_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # the weapons the act was done with, not who it was fought with ("clashed with Armenian
    # troops using artillery" names the other side first)
    return re.compile(r"[^.;]{0,80}?\bwith\s+(?:(?!troops|forces|soldiers|army|guards|units|"
                      r"police|fighters)[^.;]){0,40}?\b" + phrase_pattern(list(words)) + r"\b",
                      re.IGNORECASE)


def _heavy_with(text: str, e: int, end: int, words: tuple[str, ...],
                light: tuple[str, ...]) -> bool:
    """Done with heavy weapons only: "with tanks and artillery", "with automatic weapons
    and mortars" is fighting of every kind."""
    m = _heavy_with_pattern(words).match(text, e, end)
    if m is None:
        return False
    listed = re.match(r"[^.;]{0,60}", text[m.end():end]).group()  # type: ignore[union-attr]
    listed = re.split(r"\b(?:on|at|against|near|in|and\s+(?:that|then|had|has|have))\b",
                      listed)[0]
    return not light or not _words_pattern(light).search(text[m.start():m.end()] + listed)


@lru_cache(maxsize=8)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b" + phrase_pattern(list(words)) + r"\b", re.IGNORECASE)


def find_events(text: str, span: tuple[int, int], frame: Frame | None,
                mentions: list[Mention], times: list[TimeExpr], weapons: list[tuple[int, int, str]],
                sentence: int, disc: Discourse, rules: Rules, *,
                conflict_starts: set[int], speech: set[int] | None = None,
                parse: Parse | None = None, actor: Entity | None = None
                ) -> list[EventRecord]:
    """The events triggered inside `span` (a clause, or a frame's claimed content).
    With a `parse`, agent, target and place come from the dependency relations of the
    trigger (graph/rules/roles.toml); the positional rules fill what the parse leaves.
    `actor` is the subject a coordinated predicate shares with the report before it."""
    begin, end = span
    hits = []
    for b, e, specs in rules.triggers.find(text, begin, end):
        # the first rule of the phrase whose objects the clause has
        spec = next((s for s in specs if "objects" not in s or _object_after(text, e, end, s)),
                    None)
        if spec is not None:
            hits.append((b, e, spec))
    if not hits:
        return []  # most clauses trigger nothing: skip what only the triggers use
    state_of = disc.state_of
    # "near the Afghan border", "on the Kyrgyz-Tajik border": where, not who
    # ("the Moscow agreement": where an agreement was made, not a side; still the place
    # of the agreement itself)
    placed = mentions
    mentions = [m for m in mentions if not (m.kind == "demonym" and _border_after(rules).match(
        text, m.end)) and not _SPONSOR_AFTER.match(text, m.end)
        and not ((m.kind == "capital" or m.kind == "name" and m.entity is not None
                  and not m.entity.is_state) and _AGREEMENT_NOUN.match(text, m.end))]
    span_weapons = [w for b, e, w in weapons if begin <= b and e <= end]
    records: dict[tuple[str, ...], EventRecord] = {}
    claimed = frame is not None or hearsay(text, span, rules)
    # times that open a period ("since the group's return to power in 2021") date no event
    periods = _period_starts(parse, times) if parse is not None else set()
    starts_only = conflict_starts  # "since fighting broke out two days ago"
    conflict_starts = conflict_starts | periods
    appeals = [ae for _, ae, sp in hits if sp["class"] == "Appeal"]
    for b, e, spec in hits:
        cls = spec["class"]
        if spec.get("into_class") and _into_after(text, e, end, spec):
            # "accuses Nicaragua of sending about 50 soldiers onto Isla Calero": forces
            # sent onto ground enter it
            cls = spec["into_class"]
        if cls == "CeasefireAgreement":
            disc.ceasefire_sentence = sentence
        if cls == "Conflict" and not spec.get("background") and past_date(
                text, times, (b, e), disc.anchor, conflict_words(rules)) is not None:
            # "in a similar conflict on the border in April last year": a past war
            spec = past_war_spec(rules)
        elif cls == "Conflict" and _local_incident(text, times, b, e, end, disc.anchor, rules):
            # "A conflict broke out this morning on the Kyrgyz-Tajik border": a conflict that
            # broke out on a day of the report is an incident, a clash
            spec = next(x for x in rules.events["event"] if x["id"] == "event.clash")
            cls = "ArmedClash"
        if spec.get("talks_subjects") and _negotiators_meet(
                text, begin, b, e, end, tuple(spec["talks_subjects"])):
            # "the delegations ... met in Bishkek", "a meeting of their working groups":
            # negotiators meeting hold talks
            cls = "Talks"
        if text[b:e].lower() in spec.get("after_meeting", ()) and any(
                o["class"] == "Meeting" and 0 < b - oe <= 60 and not re.search(
                    r"[;.]", text[oe:b]) for ob, oe, o in hits):
            continue  # "met in Batken and discussed ...": what the meeting was about
        if spec.get("heavy_with") and _heavy_with(text, e, end, tuple(spec["heavy_with"]),
                                                  tuple(spec.get("light_with", ()))):
            cls = spec["heavy_with_class"]  # "pounded the village with artillery and rockets"
        own_time: TimeExpr | None = None
        if cls != "Appeal" and _urged(text, appeals, b) and not (
                cls == "CeasefireAgreement"
                and _ceasefire_reference(text, b, e, parse, rules) == "keep"):
            # "called for an immediate ceasefire", "urged them to settle disputes through
            # negotiations": what is urged has not happened (an agreement urged to be kept
            # stays, as the agreement the appeal refers to)
            continue
        if cls in HOSTILE and (_negated(text, begin, b, rules) or _NO_OBJECT.match(text, e)):
            continue  # "our border guards did not open fire on anyone", "has sent no troops"
        if cls in {"Talks", "Meeting"} and _NO_TALKS.search(text, max(begin, b - 12), b):
            continue  # "there would be no talks until Heglig was liberated"
        if frame is not None and frame.accusation and _TOPIC_OF_ALLEGED.search(
                text[max(begin, b - 60):b]):
            continue  # "accused each other of lying about the raid": the raid is the topic
        if _BACKGROUND.search(text, max(begin, b - 80), b):
            # "one of the heaviest attacks since ...", "since the Korean War ended in an
            # armistice": a class of events compared with, or a past war's phrase
            continue
        if spec.get("background") and _SINCE_WAR.search(text, max(begin, b - 40), b):
            continue  # "the worst since last year's war": a war that only dates a period
        if spec.get("not_after") and _words_before(tuple(spec["not_after"])).search(
                text[max(0, b - 40):b]):
            continue  # "fighting to recapture the oil field": an aim, not an act
        if spec.get("not_after_people") and (_people_before(text, b, rules)
                                             or _person_before(text, b, mentions)
                                             or _people_taken(rules).match(text, e)):
            # "three Thai soldiers had been captured", "villagers seized four Tajik men":
            # people taken, not ground
            continue
        if spec.get("after_pattern") and not re.search(
                spec["after_pattern"], text[max(0, b - 60):b]):
            continue  # "killed by Israeli fire", not "a fire broke out"
        if spec.get("not_after_pattern") and re.search(
                spec["not_after_pattern"], text[max(0, b - 60):b], re.IGNORECASE):
            continue  # "told AFP by telephone", "said at a meeting in Batken"
        if text[b:e].lower() in spec.get("crossing", ()) and any(
                o["class"] in HOSTILE and o["class"] != cls and ob > e
                and re.search(r"\band\b", text[e:ob]) and not re.search(r"[;.]", text[e:ob])
                for ob, _, o in hits):
            continue  # "crossed into Cambodian territory and opened fire on ..."
        if spec.get("not_next") and re.match(
                r"\s+" + phrase_pattern(spec["not_next"]) + r"\b", text[e:end]):
            continue  # the word right after makes the trigger a modifier ("cease-fire line")
        if spec.get("not_before") and re.match(
                r"\s+(?:[\w\-]+\s+){0,2}?" + phrase_pattern(spec["not_before"]) + r"\b",
                text[e:end], re.IGNORECASE):
            continue
        if text[b:e].lower().endswith("ing") and _ADJECTIVE_BEFORE.search(text, begin, b) \
                and _force_noun(rules).match(text, e, end):
            continue  # "the invading army", "the attacking troops": who, not an act
        if spec.get("needs") == "weapon":
            fired = {w for wb, _, w in weapons if b < wb <= e + 60 and wb < end}
            kinds = spec.get("weapons")
            if not fired:
                continue
            if kinds is not None and not fired & set(kinds):
                if not spec.get("other_weapons_class"):
                    continue
                cls = spec["other_weapons_class"]  # "fired rifles at a patrol"
            if any(o["class"] in HOSTILE and not o.get("needs") and 0 <= ob - e <= 40
                   for ob, oe, o in hits):
                continue  # "using heavy weaponry to shell": the shelling is the event
            if spec.get("heavy_weapons") and fired <= set(spec["heavy_weapons"]) and \
                    _FIRED_AT.match(text, e, end):
                # "is using mortars against our positions": fired at a side, shelling
                # ("with both sides using mortars" only arms the clash it goes with)
                cls = spec["heavy_class"]
        if spec.get("needs") == "actor" and not _actor_mentions(mentions, e, end):
            continue
        if spec.get("needs") == "addressee" and not _asked_to(text, e, end, mentions):
            continue
        if spec.get("needs") == "demand" and not _actor_mentions(mentions, e, end) and \
                not _DE_ESCALATION.match(text, e, end):
            continue  # "a patrol demanded that the farmers leave": of no side
        if spec.get("needs") == "force":
            force = _force_subject(rules).search(text, max(begin, b - 60), b)
            if force is None:
                continue  # "the army had only responded", not "the ministry responded"
            if spec.get("heavy_subject") and _word_before(tuple(spec["heavy_subject"])).search(
                    text[max(begin, force.start() - 30):force.start()]):
                cls = spec["heavy_with_class"]  # "Thai artillery units responded"
        if spec.get("needs") == "ceasefire" and not _ceasefire_named(text, b, sentence,
                                                                       disc, rules):
            continue  # "violating it" stands for a ceasefire only just after one is named
        if spec.get("needs") == "agreed" and not _AGREED_BEFORE.search(
                text, max(begin, b - 60), b):
            continue
        if spec.get("needs") == "object" and any(0 <= t.begin - e <= 1 for t in times):
            continue
        if spec.get("needs") == "time" and not (frame is not None and frame.accusation):
            near = [t for t in times if begin <= t.begin < end and not t.duration
                    and t.begin not in conflict_starts and t.begin not in (speech or set())
                    and not _SINCE.search(text[max(begin, t.begin - 40):t.begin])]
            near += _when_dated(text, times, b)
            near += _simultaneous_dated(text, times, begin, speech or set(), rules)
            earlier = _since_dated(text, times, b, e, starts_only)
            near += earlier
            if spec.get("averted") and re.search(
                    r"\b" + phrase_pattern(spec["averted"]) + r"\b",
                    text[max(begin, b - 50):b], re.IGNORECASE):
                continue
            if "time_within" in spec:
                gap = spec["time_within"]
                # a year or a month may stand further after the war, in its clause ("fought
                # a war over the region from 1991 to 1994", "a brief border war in 1964")
                wide = spec.get("coarse_time_within", gap)
                near = [t for t in near if dates_war(text, t, (b, e), gap, wide)]
            counted = spec.get("background") and _count(text, begin, b, rules)
            # "in a war that claimed some 30,000 lives": a past war told by its toll
            counted = counted or bool(spec.get("background") and _TOLLED.match(text, e, end))
            # "killed in clashes with Eritrean troops": a clash that names its other side
            sided = not spec.get("background") and _with_side(text, e, end, mentions)
            # one side as the subject ("it was fighting to recapture") is an act of its own
            directed = cls in HOSTILE and _one_side_fighting(
                parse, (b, e), mentions, frame, rules) is not None
            if not (near or counted or directed or sided) or (
                    not earlier and any(k[0] == cls and not _own_time(
                        text, times, begin, end, b, r.trigger[0],
                        conflict_starts | (speech or set())) for k, r in records.items())):
                continue
            # "fought a six-week war", "fought a border war": the war is the event, the
            # verb only its predicate
            if any((o.get("background") or o["class"] == "Conflict") and 0 <= ob - e <= 25
                   for ob, oe, o in hits if o is not spec):
                continue
            # "urged a cessation of hostilities": the object of another event, not one
            if any(0 < b - oe <= 30 for ob, oe, o in hits if not o.get("needs")):
                continue
        if cls == "Conflict" and not spec.get("background"):
            continue  # the conflict as a whole is handled once per article
        reference = _ceasefire_reference(text, b, e, parse, rules) \
            if cls == "CeasefireAgreement" else None
        if reference == "violate":
            # "accused Y of violating a ceasefire": Y's violation, not a new agreement,
            # unless a relative clause states the agreement ("a truce that both
            # governments had accepted on Saturday")
            agreed = _agreed_in_relative(parse, (b, e), rules)
            if agreed is not None and ("CeasefireAgreement", "participants") not in records:
                when = [t for t in times if agreed[0] <= t.begin < agreed[1] and not t.duration]
                records[("CeasefireAgreement", "participants")] = EventRecord(
                    "CeasefireAgreement", spec["id"], 0.7, sentence, frame=frame,
                    claimed=claimed, trigger=(b, e), participants=disc.pair(),
                    time=when[0] if when else None)
                conflict_starts = conflict_starts | {t.begin for t in when}
            spec = next(x for x in rules.events["event"] if x["class"] == "CeasefireViolation")
            cls = "CeasefireViolation"
            if _negated(text, begin, _violation_word(text, b, rules), rules):
                continue  # "has not recorded a single violation of the ceasefire"
        if cls == "ArmedClash" and _fired_with_artillery(text, begin, b, e, end, rules):
            cls = "Shelling"  # "returned fire with howitzers"
        # one event per class and kind of roles: "The fighting began on Wednesday, when
        # India struck camps in Pakistan" is a clash between both and India's strike
        since = spec.get("needs") == "time" and bool(_since_dated(text, times, b, e,
                                                                   starts_only))
        key: tuple[str, ...] = (cls, spec.get("roles", "agent-target")
                                + (" earlier" if since else ""))
        if key in records:
            # "clashed in April 2016, and ... clashed again in July": two times, two events;
            # "X fired at a patrol, and Y returned fire": two subjects, two acts
            # ("The strikes came after an attack on an army camp in Uri": an act the
            # clause measures from is another act)
            if not _own_time(text, times, begin, end, b, records[key].trigger[0],
                             conflict_starts | (speech or set())) and not _new_subject(
                    text, mentions, records[key], b, disc) and not _CLAUSE_BREAK.search(
                        text, records[key].trigger[1], b) and not _RETURNED.match(text, b):
                continue  # ("X opened fire on a patrol, and the patrol returned fire": the
                # answer is the other side's act)
            key = (*key, str(b))
            own_time = _time_after(text, times, b, end, conflict_starts | (speech or set()))
        record = EventRecord(cls, spec["id"], 0.7, sentence, frame=frame, claimed=claimed,
                             trigger=(b, e), reference=reference == "keep",
                             # ("gunmen from across the border attacked": "the" of the
                             # noun before a verb does not make the act one named before)
                             definite=_DEFINITE.search(text, max(begin, b - 30), b)
                             is not None and not _PAST_VERB.match(text, b, e),
                             anaphoric=(_DEMONSTRATIVE.search(text, max(begin, b - 20), b)
                                        is not None and not _PAST_VERB.match(text, b, e))
                             # ("a document concerning the incident": the incident told
                             # before, if any)
                             or (text[b:e].lower() in {"incident", "incidents"}
                                 and _ABOUT_THE.search(text, max(begin, b - 30), b)
                                 is not None))
        records[key] = record
        roles = spec.get("roles", "agent-target")
        one_side = _one_side_fighting(parse, (b, e), mentions, frame, rules) \
            if roles == "participants" and cls in HOSTILE else None
        if one_side is not None:
            roles = "agent-target"  # "Sudan's army said it was fighting to recapture ..."
        before = [m for m in _actor_mentions(mentions, begin, b)]
        # the names after the trigger, up to a clause of its own ("were killed in the raid,
        # and that Malian aircraft struck ...": the aircraft are no target of the raid)
        after = [m for m in _actor_mentions(mentions, e, _clause_end(text, e, end)
                                            if roles == "agent-target" else end)]
        if record.definite and spec["id"] in GENERIC_ATTACKS and roles == "agent-target":
            # "condemned the attack and said Sudan would ...", "speak with Putin about the
            # attack": an attack named again has the sides its own phrase gives ("its
            # attack", "Russia's strike", "the attack on Kosovo police"), no others
            before = [m for m in before if re.fullmatch(r"'s?\s+(?:[\w\-]+\s+)?",
                                                        text[m.end:b])]
            after = [m for m in after if _OWN_PHRASE.fullmatch(text, e, m.begin)]
        used: set[str] = set()
        under_target: Entity | None = None
        parsed = parse_roles(parse, (b, e), _within(mentions, begin, end), rules) \
            if parse is not None and roles in {"agent-target", "agent"} else None
        # ("Russia, which has a base in Armenia, urged ...": no place of the appeal)
        record.place = _place(text, [m for m in (placed if cls in BILATERAL else mentions)
                                     if not _in_relative(text, m, b)],
                              begin, end, set(), rules, (b, e))
        if record.place is None and parsed is not None and parsed.place:
            record.place = parsed.place[0].entity
        if record.place is not None:
            used.add(record.place.iri)
        if spec.get("agent_after"):
            # "a guard was wounded by fire from the Kyrgyz side": who fired follows the
            # trigger, whose side was hit comes before it
            shooter = next((m for m in after if _SIDE_AFTER.fullmatch(text, e, m.begin)
                            and m.kind != "pair" and m.entity is not None), None)
            if shooter is None or shooter.entity is None:
                del records[key]  # "fire from their positions": no side named
                continue
            one_side = shooter.entity
            under_target = next((m.entity for m in reversed(before) if m.entity is not None
                                 and m.kind != "pair"
                                 and disc.state_of(m.entity) is not disc.state_of(
                                     shooter.entity)), None)
            after = [m for m in after if m is not shooter]
        if roles in {"agent-target", "agent"}:
            agent = one_side or _parsed_agent(parsed, frame, disc)
            under = bool(_UNDER.search(text[b:e]))
            if agent is None and frame is not None and not under and \
                    _own_side_subject(parse, parsed):
                # "Azerbaijan says its troops captured several hills": the speaker's side
                # (unless the clause named a side before "its": "The Tajik side broke the
                # truce, when its servicemen shelled ...")
                its = text.rfind(" its ", begin, b)
                sides_before = [m.entity for m in mentions if its >= 0 and begin <= m.begin
                                and m.end <= its and m.entity is not None
                                and m.entity.is_state]
                agent = sides_before[-1] if sides_before else frame.claimant
            if agent is None and frame is not None and frame.accused is not None:
                agent = frame.accused
            if agent is None:
                agent = _agent_after(_BY, text, after, e, end)  # "shelling by X"
            if agent is None and parsed is None and cls in HOSTILE and cls != "TroopBuildUp":
                # "came under fire from Tajik positions", "shots were fired at his car from
                # the Tajik side": where the fire came from is who fired
                agent = _agent_after(_FROM, text, after, e, _clause_end(text, e, end))
                if _UNDER.search(text[b:e]):
                    # "the Chilean patrol came under fire from about 90 gendarmes": whoever
                    # stands before "came under" was fired at, never the one who fired
                    under_target = next((m.entity for m in reversed(before)
                                         if m.entity is not None and m.kind != "pair"), None)
                    before = []
            if agent is None and not _agent_slot_unnamed(parsed) and not (
                    under and _OWN_FORCES.search(text, max(begin, b - 40), b)):
                agent = _agent(text, before, frame, begin, b, disc)
            if agent is None and actor is not None and not _passive_before(text, begin, b) \
                    and not under:
                agent = actor  # "X said it was concerned and urged both sides to ..."
            if agent is None and under and frame is not None and _OWN_FORCES.search(
                    text, max(begin, b - 40), b):
                # '"Our troops came under fire first," said a Thai army spokesman': the
                # speaker's side was fired at, by the other side
                mine = disc.state_of(frame.claimant)
                sides = disc.pair()
                if mine is not None and mine.iri in {x.iri for x in sides}:
                    under_target = mine
                    agent = next((x for x in sides if x.iri != mine.iri), None)
            record.agent = agent
            if agent is not None:
                used.add(agent.iri)
                after = [m for m in after if m.entity is not agent]
        if record.agent is None and roles in {"agent-target", "agent"} \
                and not _agent_slot_unnamed(parsed):
            # passive: "an outpost was shelled by Tajik forces"
            # ("attacked by armed Senegalese villagers": a word or two before the name)
            by = re.match(r"\s+(?:\w+\s+){0,4}?by\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2}",
                          text[e:end])
            agent_m = next((m for m in after if by and m.begin == e + by.end()
                            and m.entity is not None), None)
            if agent_m is not None and agent_m.entity is not None:
                record.agent = agent_m.entity
                used.add(agent_m.entity.iri)
                after = [m for m in after if m is not agent_m]
        if roles == "agent-target":
            record.target = _parsed_target(parsed, record, disc) or under_target
            if record.target is None:
                # a target slot the parse filled with a place of no known state keeps the
                # names after the trigger out; what the frame implies still holds
                slot = parsed is not None and bool(parsed.target)
                # what a frame implies (the reporting side was hit) holds for hostile acts
                # only: a build-up "toward the border" has no target the text names
                record.target = _target(text, record.agent, [] if slot else after,
                                        frame if cls in _AGAINST | {"Occupation",
                                                                    "CeasefireViolation"}
                                        else None, e, end, mentions, disc)
            if record.target is not None:
                used.add(record.target.iri)
        if roles in {"participants", "agent"} and not record.reference and \
                not spec.get("no_participants"):
            # an agent's addressees come after the trigger ("urged X and Y to ...")
            pool = before + after if roles == "participants" else after
            partner = _TALKS_WITH.match(text, e, end) if cls in {"Talks", "Meeting"} else None
            if partner is not None and before:
                # "flew on to Damascus for talks with President al-Atassi": the subject and
                # whom the talks are with, not whom another verb of the clause named ("met
                # King Hussein in Amman ... and flew on to Damascus")
                stop = _clause_end(text, partner.end(), end)
                pool = [before[0]] + [m for m in after if m.begin < stop]
            if cls == "Appeal":
                # the addressees stand before what they are urged to do ("urged Russia to
                # halt the bombing of Georgia": Russia, not Georgia)
                # ("appealed to the Arab League to secure ...": the first "to" is the
                # verb's own preposition)
                own_to = re.match(r"\s+to\s+", text[e:end])
                to = re.compile(r"\bto\s+[a-z]+").search(
                    text, e + own_to.end() if own_to else e, end)
                pool = [m for m in pool if to is None or m.end <= to.start()]
                if re.match(r"\s+that\s", text[e:end]) and pool:
                    # "demanded that Syria stop its acts against Turkey": the subject of
                    # the clause is addressed, the rest is what it is asked
                    pool = pool[:1]
            record.participants = _participants(text, pool, frame if roles == "participants"
                                                else None, begin, end, disc, exclude=used)
            if roles == "agent" and cls == "Appeal" and len(record.participants) == 1 \
                    and record.participants[0].is_actor:
                # "urged North Korea to halt its attacks": one addressee is the target
                record.target, record.participants = record.participants[0], []
            elif roles == "agent" and cls == "Appeal" and not record.participants and \
                    not _a_side(record.agent, disc):
                # "the OAU called for calm": a third party appeals to the two sides; a
                # side that "appealed for calm" addresses no one the text names
                record.participants = disc.pair()
            speaker = _speaking_subject(parse, (b, e), frame)
            if roles == "participants" and speaker is not None and \
                    speaker.iri not in {p.iri for p in record.participants}:
                record.participants.insert(0, speaker)  # "it had brokered a ceasefire"
            used.update(p.iri for p in record.participants)
        if roles == "agent-target" and cls in HOSTILE and \
                _RECIPROCAL.match(text, e, _clause_end(text, e, end)):
            # "Thai and Cambodian troops fired artillery at each other": both sides, no
            # direction
            sides = list({x.iri: x for x in (state_of(m.entity) for m in before
                                             if m.entity is not None) if x}.values())
            record.participants = sides if len(sides) >= 2 else disc.pair()
            record.agent = record.target = None
            used.update(p.iri for p in record.participants)
        if record.target is None and roles == "agent-target" and record.place is not None \
                and not record.participants:
            owner = state_of(record.place)
            if owner is not None and (record.agent is None or
                                      owner.iri != (state_of(record.agent) or owner).iri):
                record.target = owner
        if record.target is None and roles == "agent-target" and \
                cls in _AGAINST | {"Occupation"} and record.agent is not None and \
                not _non_state_object(text, e, end, rules):
            # "Thai forces had returned fire", "his troops had captured Tiwintza": a side's
            # act is against the other side
            sides = disc.pair()
            mine = state_of(record.agent)
            if mine is not None and len(sides) == 2 and mine.iri in {x.iri for x in sides}:
                record.target = next(x for x in sides if x.iri != mine.iri)
        if record.agent is None and record.target is not None and roles == "agent-target" \
                and cls in _AGAINST and frame is not None and not frame.accusation and \
                not _groups_named(mentions, begin, end, disc):
            # "Its positions came under fire near Kok-Tash, the Kyrgyz service said": a
            # side that reports being attacked names the other side as the attacker
            sides = disc.pair()
            hit, speaker = state_of(record.target), state_of(frame.claimant)
            if hit is not None and speaker is not None and hit.iri == speaker.iri and \
                    len(sides) == 2 and hit.iri in {x.iri for x in sides}:
                record.agent = next(x for x in sides if x.iri != hit.iri)
            elif hit is not None and speaker is not None and hit.iri != speaker.iri and \
                    len(sides) == 2 and {hit.iri, speaker.iri} == {x.iri for x in sides} and \
                    not _passive_before(text, begin, b) and _UNNAMED_ARMS.search(
                        text, max(begin, b - 40), b):
                # "The Royal Thai Army said F-16 fighter jets had struck Cambodian artillery
                # positions": a side's report of its unnamed arms striking the other side
                record.agent = speaker
        if _CHARACTERIZED.search(text, max(begin, b - 40), b):
            # "This was not hot pursuit, it was a massacre", "This is an invasion of our
            # territory": a speaker's word for an act told before, not an act of its own;
            # the claim stays, on the act it names
            record.agent = record.target = record.place = None
            record.participants = []
            record.anaphoric = True
        record.time = None if record.reference else own_time or \
            _time(times, begin, end, b, conflict_starts | (speech or set()), text)
        if since:
            # an earlier event the sentence measures from: the article's own background,
            # not part of what a frame around it claims
            record.time = _since_dated(text, times, b, e, starts_only)[0]
            record.earlier, record.claimed, record.frame = True, False, None
        if record.time is None and not record.reference:
            record.time = next(iter(_when_dated(text, times, b)), None)
        if record.time is None and not record.reference and not since:
            record.time = next(iter(_simultaneous_dated(text, times, begin,
                                                        speech or set(), rules)), None)
        if record.time is None and frame is not None and frame.accused is None:
            record.time = _time(times, frame.verb_span[0], frame.verb_span[1], b,
                                conflict_starts)
        participle = _AGREED_AFTER.match(text, e, end) if cls == "CeasefireViolation" \
            else None
        when = [t for t in times if participle is not None and participle.start() <= t.begin
                < participle.end() and not t.duration]
        if when and ("CeasefireAgreement", "participants") not in records:
            # "has violated the ceasefire agreed by the heads of the border services on the
            # evening of September 14": the agreement the violation names, dated by its
            # participle; the violation is not of that day
            records[("CeasefireAgreement", "participants")] = EventRecord(
                "CeasefireAgreement", _ceasefire_spec(rules)["id"], 0.7, sentence,
                frame=frame, claimed=claimed, trigger=(b, e), participants=disc.pair(),
                time=when[0])
            if record.time is when[0]:
                record.time = None
        record.weapons = list(dict.fromkeys(span_weapons))
        record.status = _status(text, begin, end, (b, e), rules)
        if record.status == "Occurred" and _progressive(parse, (b, e)):
            record.status = "Ongoing"  # "it was fighting", "Khartoum was mobilising"
        if record.time is not None and record.time.start > disc.anchor and \
                record.status == "Occurred":
            record.status = "Planned"  # "talks next week": not yet happened
        if cls in HOSTILE and record.status == "Failed":
            record.status = "Occurred"  # "a wing of the temple collapsed under Thai shelling"
        if cls in HOSTILE and record.status == "Planned":
            if _THREATENED.search(text, max(begin, b - 40), b):
                del records[key]  # '"We will respond to every attack"': a threat, no act
                continue
            record.status = "Occurred"  # a hostile act is told once done (FORMAT.md)
        if cls in {"CeasefireAgreement", "CeasefireViolation", "Meeting", "Talks", "Conflict"}:
            record.count = _count(text, begin, b, rules)
        if spec.get("needs") == "time" and not record.participants and one_side is None:
            record.participants = disc.pair()
        if spec.get("background") and len(disc.pair()) == 2:
            # "the neighbours fought three wars": the article's sides, unless the clause
            # names two states of its own and not both of them ("Eritrea fought a border
            # war with Ethiopia" in a report on Djibouti and Eritrea)
            named = {s.iri: s for s in (state_of(p) or p for p in record.participants)
                     if s.is_state}
            record.participants = list(named.values()) if len(named) >= 2 and not all(
                s.iri in named for s in disc.pair()) else disc.pair()
        # an organisation's own meeting takes no sides the span does not name
        own_meeting = cls == "Meeting" and any(
            p.is_a("Organization", "Alliance") for p in record.participants) and not any(
            m.kind == "pair" for m in _within(mentions, begin, end))
        if (cls in BILATERAL or spec.get("background") or
                (roles == "participants" and cls in HOSTILE)) and not own_meeting and \
                len({(state_of(p) or p).iri for p in record.participants}) < 2:
            # "two cease-fire agreements have failed": between the sides of the conflict
            known = {(state_of(p) or p).iri for p in record.participants}
            record.participants += [s for s in disc.pair() if s.iri not in known]
        if record.target is not None and record.target.is_a("Person"):
            # a side is attacked, not a person the clause names ("... on Kurti's
            # government"): the person's state, if the text gave one
            record.target = state_of(record.target)
        if frame is not None and frame.accused is not None and record.target is not None \
                and (cls in HOSTILE or cls == "CeasefireViolation"):
            # "Thailand and Cambodia accused each other of violating a ceasefire ..., hours
            # after their leaders agreed in Malaysia ...": what an accuser says the accused
            # did was done to one of the two, not to a state a later clause names
            teller_sides = {(state_of(x) or x).iri for x in (frame.claimant, frame.accused)}
            if (state_of(record.target) or record.target).iri not in teller_sides:
                record.target = state_of(frame.claimant) or frame.claimant
        if record.agent is not None and record.target is not None and \
                state_of(record.agent) is not None and \
                state_of(record.agent) is state_of(record.target):
            record.target = None  # one side is not both sides of an act
        if frame is not None and record.agent is not None and frame.accused is None:
            record.confidence = 0.65
    for key, record in list(records.items()):
        for n, twin in enumerate(_joint_appealers(text, record, mentions, begin, disc)):
            records[(*key, "joint", str(n))] = replace(record, agent=twin,
                                                      participants=list(record.participants))
    for record in records.values():
        b = record.trigger[0]
        if record.cls == "Appeal" and frame is not None and (
                _FIRST_PERSON.search(text, max(begin, b - 20), b)
                or record.rule in _own_in_frame(rules)):
            # '"We urge the Indian side to show restraint," he said': the speaker's side
            # makes the appeal; it is its own act, not something it reports
            record.agent = disc.state_of(frame.claimant) or frame.claimant
            record.claimed, record.frame, record.own = False, None, True
    for record in records.values():
        # "talks between Kyrgyzstan and Tajikistan, led by Tashiev and Yatimov", "Rajnath
        # Singh met his Chinese counterpart": the negotiators are their sides, not parties
        # of their own
        standing: dict[str, Entity] = {}
        for p in record.participants:
            side = (disc.state_of(p) if p.is_a("Person") else None) or p
            standing.setdefault(side.iri, side)
        parties = [p for p in standing.values() if not p.is_a("Person")]
        pair = {s.iri: s for s in disc.pair()}
        sides = [p for p in parties if (disc.state_of(p) or p).iri in pair]
        if len(parties) < 2 and len(sides) == 1 and len(pair) == 2 and \
                record.cls in {"Talks", "Meeting"}:
            # "Hor Namhong met Cambodian officials", "Rajnath Singh met the Chinese side": a
            # negotiator the text ties to no state, across the table from one side of the
            # pair, stands for the other
            side_iri = (disc.state_of(sides[0]) or sides[0]).iri
            parties = [sides[0], next(s for iri, s in pair.items() if iri != side_iri)]
        record.participants = parties if len(parties) >= 2 else list(standing.values())
    for record in records.values():
        if record.cls in HOSTILE and record.agent is not None and \
                record.agent.is_a("Person") and disc.state_of(record.agent) is None:
            # "buried X, a teacher who was killed when a shell hit his house": a person who
            # acts for no side is no party firing
            record.agent = None
    return _one_act_per_sides(text, _merge_bare(list(records.values())))


def _a_side(actor: Entity | None, disc: Discourse) -> bool:
    """Whether the actor is, or acts for, one of the two states the article is about."""
    state = disc.state_of(actor)
    return state is not None and state.iri in {s.iri for s in disc.pair()}


@lru_cache(maxsize=2)
def _artillery_fire(rules: Rules) -> tuple[set[str], re.Pattern[str], int, int]:
    spec = rules.events["artillery_fire"]
    return ({t.lower() for t in spec["from"]},
            re.compile(r"\b" + phrase_pattern(spec["words"]) + r"\b", re.IGNORECASE),
            int(spec["window"]), int(spec["before"]))


def _fired_with_artillery(text: str, begin: int, b: int, e: int, end: int, rules: Rules
                          ) -> bool:
    """"returned fire with self-propelled howitzers", "Turkish artillery pounded
    targets": the fire is shelling."""
    triggers, words, window, before = _artillery_fire(rules)
    if text[b:e].lower() not in triggers:
        return False
    start, stop = max(begin, b - before), min(end, e + window)
    # "with automatic weapons and mortars": small arms too, a clash
    small = any(kind == "SmallArms" for _, _, kind in rules.weapon_words.find(text, e, stop))
    return not small and (words.search(text, e, stop) is not None
                          or words.search(text, start, b) is not None)


def _one_act_per_sides(text: str, records: list[EventRecord]) -> list[EventRecord]:
    """"the South had fired first, sending shells into the North's waters": two triggers
    of one act with the same sides and no time of their own are one event, of the more
    specific class (a shelling is an armed clash with artillery). Coordinated predicates
    ("shelled Tskhinvali and attacked peacekeepers") stay two acts."""
    def joined(a: EventRecord, b: EventRecord) -> bool:
        first, second = sorted((a.trigger, b.trigger))
        if re.fullmatch(r"\s+and\s+(?:[\w\-]+\s+)?", text[first[1]:second[0]]) and \
                re.search(r"(?:firing|fire)$", text[first[0]:first[1]], re.IGNORECASE):
            return False  # "unprovoked firing and mortar shelling": one act, two nouns
        return re.search(r"\band\b|;", text[first[1]:second[0]]) is not None

    out: list[EventRecord] = []
    for record in records:
        same = next((r for r in out if {r.cls, record.cls} <= {"ArmedClash", "Shelling"}
                     and r.cls != record.cls and r.agent is not None
                     and r.agent is record.agent and r.target is record.target
                     and (r.time is None or record.time is None or r.time is record.time)
                     and not joined(r, record)), None)
        if same is None:
            out.append(record)
            continue
        if record.cls == "Shelling":
            same.cls, same.rule = record.cls, record.rule
        same.time = same.time or record.time
        same.place = same.place or record.place
        same.weapons = list(dict.fromkeys(same.weapons + record.weapons))
    return out


@lru_cache(maxsize=2)
def _own_in_frame(rules: Rules) -> frozenset[str]:
    """Rules whose appeal, inside a report, is the speaker's own ("X said both sides
    should hold talks")."""
    return frozenset(e["id"] for e in rules.events["event"] if e.get("own_in_frame"))


def _merge_bare(records: list[EventRecord]) -> list[EventRecord]:
    """"The clashes erupted ... with both sides using mortars": a hostile record of the
    clause with no sides of its own is the same act as another of its class there."""
    out: list[EventRecord] = []
    for record in records:
        other = next((r for r in out if r.cls == record.cls), None)
        bare = record.cls in HOSTILE and record.agent is None and record.target is None \
            and not record.participants
        dated_apart = other is not None and other.time is not None and \
            record.time is not None and other.time is not record.time
        if other is not None and bare and not dated_apart:
            other.weapons = list(dict.fromkeys(other.weapons + record.weapons))
            continue
        out.append(record)
    return out


def _period_starts(parse: Parse, times: list[TimeExpr]) -> set[int]:
    """Times inside a "since" phrase, however long ("since the group's return to power
    in 2021"): they date the start of a period, not an event of the clause."""
    out: set[int] = set()
    for t in times:
        tok = parse.token_at(t.begin)
        node = tok.i if tok is not None else None
        for _ in range(6):
            if node is None:
                break
            if any(parse.token(c).lemma == "since" for c in parse.children(node, "case")
                   + parse.children(node, "mark")):
                out.add(t.begin)
                break
            up = parse.parent(node)
            node = up[1] if up is not None and up[0].split(":")[0] in {
                "nmod", "obl", "compound", "amod", "nummod", "obl:tmod"} else None
    return out


@lru_cache(maxsize=2)
def _ceasefire_nouns(rules: Rules) -> re.Pattern[str]:
    spec = next(x for x in rules.events["event"] if x["class"] == "CeasefireAgreement")
    return _words_pattern(tuple(spec["triggers"]))


@lru_cache(maxsize=2)
def _broke_out(rules: Rules) -> re.Pattern[str]:
    return re.compile(r"\s+(?:" + phrase_pattern(rules.events["incident"]["broke_out"])
                      + r")\b", re.IGNORECASE)


def _local_incident(text: str, times: list[TimeExpr], b: int, e: int, end: int,
                    anchor: dt.date, rules: Rules) -> bool:
    """"A conflict broke out this morning": it broke out on a day (or part of one) within a
    week of the report."""
    if not _broke_out(rules).match(text, e, end) or not re.search(
            r"\b[Aa]n?\s+$", text[max(0, b - 4):b]):
        return False
    return any(t.begin >= e and not t.duration and t.precision in {DAY, PART, CLOCK}
               and dt.timedelta(0) <= anchor - t.start <= dt.timedelta(days=7) for t in times)


def _ceasefire_named(text: str, b: int, sentence: int, disc: Discourse, rules: Rules) -> bool:
    """A ceasefire named before `b` in this sentence or in the one before it."""
    if disc.ceasefire_sentence is not None and sentence - disc.ceasefire_sentence <= 1:
        return True
    return _ceasefire_nouns(rules).search(text, 0, b) is not None


@lru_cache(maxsize=2)
def _ceasefire_words(rules: Rules) -> tuple[dict[str, str], re.Pattern[str]]:
    spec = rules.events["ceasefire"]
    words = {w: "keep" for w in spec["keep"]} | {w: "violate" for w in spec["violate"]}
    before = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len,
                                                   reverse=True))
                        + r")\s+(?:(?:to|by|with|of|on)\s+)?(?:(?:the|a|an|its|their|this|"
                          r"that)\s+)?(?:[\w\-\"]+\s+)?$", re.IGNORECASE)
    return words, before


def _violation_word(text: str, b: int, rules: Rules) -> int:
    """Where the word that names a ceasefire broken ("a single violation of the
    ceasefire") begins, before the ceasefire noun at `b` (`b` when none is found)."""
    m = _ceasefire_words(rules)[1].search(text, max(0, b - 45), b)
    return m.start(1) if m else b


# "has sent no troops", "fired no shots": the act's object denies it
_NO_OBJECT = re.compile(r"\s+no\s+(?!sooner\b|longer\b|later\b|more\s+than\b)", re.IGNORECASE)


def _ceasefire_reference(text: str, b: int, e: int, parse: Parse | None, rules: Rules
                         ) -> str | None:
    """"violate" when the ceasefire noun is what someone broke, "keep" when it is what
    someone is asked to keep or committed to (an agreement that exists), else None."""
    words, before = _ceasefire_words(rules)
    if parse is not None:
        head = parse.head_of(b, e)
        up = parse.parent(head.i) if head is not None else None
        if up is not None and (up[0].split(":")[0] in {"obj", "obl", "nmod"}
                               or up[0] == "nsubj:pass"):
            lemma = parse.token(up[1]).lemma.lower()
            word = parse.token(up[1]).word.lower()
            found = words.get(lemma) or words.get(word)
            if found:
                return found
    m = before.search(text, max(0, b - 45), b)
    return words.get(m.group(1).lower()) if m else None


_SINCE_OBJECT = re.compile(r"\bsince\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w\-']+\s+){0,2}$",
                           re.IGNORECASE)
# what may stand between the act and its time inside the since phrase: "a clash in the
# Galwan Valley in June", "a violent clash between the two armies in the Galwan Valley on
# June 15" (a place of its own), or "in" / "on" when a clause of the act's toll follows ("the
# Galwan Valley clash in June 2020, in which 20 soldiers were killed"); not "the clashes of
# April 2021", the name of a period
_SINCE_PLACED = re.compile(r"\s+(?:between\s+[^,;]{1,40}?\s+)?(?:in|at|near|along|on)\s+"
                           r"(?:the\s+)?[A-Z][^,;]{0,50}?\s+(?:in|on)\s+$")
_SINCE_TOLD = re.compile(r",?\s+(?:in\s+which|which\s+(?:left|killed)|that\s+(?:left|killed))\b")


def _since_dated(text: str, times: list[TimeExpr], b: int, e: int, starts: set[int]
                 ) -> list[TimeExpr]:
    """"the worst violence since a similar clash last month": an event named as the
    start of a period is an earlier event of its own, dated by the time after it (not
    "since fighting broke out two days ago", the conflict's start, nor "since the clashes
    of April 2021", a period's name)."""
    if not _SINCE_OBJECT.search(text, max(0, b - 40), b):
        return []
    return [t for t in times if t.begin not in starts and t.begin >= e and (
        t.begin - e <= 3 or _SINCE_PLACED.fullmatch(text, e, t.begin)
        or re.fullmatch(r"\s+(?:in|on)\s+", text[e:t.begin]) and _SINCE_TOLD.match(text, t.end))]


def _when_dated(text: str, times: list[TimeExpr], trigger: int) -> list[TimeExpr]:
    """"since last April, when fighting over a water facility killed dozens": the time
    a "when" clause hangs on dates what the clause tells, even inside a since phrase."""
    return [t for t in times if t.end <= trigger and
            re.match(r"\s*,\s*when\b[^,;]*$", text[t.end:trigger])]


def _simultaneous_dated(text: str, times: list[TimeExpr], begin: int, speech: set[int],
                        rules: Rules) -> list[TimeExpr]:
    """"X shelled Y on Thursday, officials said, as the two neighbours fought": a clause
    opened by a word of simultaneity (rule data) happens when the clause before it does,
    so it takes the last time before it that dates no statement."""
    words = rules.events.get("simultaneous", {}).get("words", [])
    if not words or not re.match(r"[\s,;]*(?:" + phrase_pattern(words) + r")\s",
                                 text[begin:], re.IGNORECASE):
        return []
    before = [t for t in times if t.end <= begin and not t.duration and t.begin not in speech]
    return before[-1:]


def _agreed_in_relative(parse: Parse | None, trigger: tuple[int, int], rules: Rules
                        ) -> tuple[int, int] | None:
    """The span of a relative clause on the ceasefire noun that states its agreement
    ("a truce that both governments had accepted on Saturday")."""
    if parse is None:
        return None
    head = parse.head_of(*trigger)
    if head is None:
        return None
    verbs = set(rules.events["ceasefire"]["agree"])
    for clause in (parse.children(head.i, "acl:relcl") + parse.children(head.i, "acl")
                   + parse.children(head.i, "ccomp")):  # the parser may call it a ccomp
        if parse.token(clause).lemma in verbs:
            return parse.subtree_span(clause)
    return None


def _one_side_fighting(parse: Parse | None, trigger: tuple[int, int], mentions: list[Mention],
                       frame: Frame | None, rules: Rules) -> Entity | None:
    """The one side that is the subject of a clash word ("it was fighting", "Sudanese
    troops fought"): the clash is that side's act, not both sides' exchange."""
    if parse is None:
        return None
    head = parse.head_of(*trigger)
    if head is None or head.pos.startswith("NN"):
        return None
    subjects = follow(parse, head.i, "nsubj")
    if len(subjects) != 1:
        return None
    tok = parse.token(subjects[0])
    if tok.pos == "PRP":
        return frame.claimant if frame is not None and tok.word.lower() in {"it", "he", "she"} \
            else None
    m = mention_of(parse, tok.i, mentions, rules)
    if m is None or m.kind == "pair" or m.entity is None or not m.entity.is_actor:
        return None
    b, e = parse.subtree_span(tok.i)
    sides = {m.entity.iri for m in mentions if b <= m.begin and m.end <= e and m.entity}
    return m.entity if len(sides) == 1 else None  # "Peruvian and Ecuadorean troops fought"


def _progressive(parse: Parse | None, trigger: tuple[int, int]) -> bool:
    """"was fighting", "is mobilising": a verb in -ing with a form of "be"."""
    if parse is None:
        return False
    head = parse.head_of(*trigger)
    return head is not None and head.pos == "VBG" and any(
        parse.token(a).lemma == "be" for a in parse.children(head.i, "aux")) and not any(
        parse.token(a).lemma in {"will", "would"} for a in parse.children(head.i, "aux"))


def _speaking_subject(parse: Parse | None, trigger: tuple[int, int], frame: Frame | None
                      ) -> Entity | None:
    """The claimant, when a pronoun is the subject of the trigger or of the verb whose
    object it is: "Russia said it had brokered a ceasefire", "he had spoken with"."""
    if parse is None or frame is None:
        return None
    head = parse.head_of(*trigger)
    if head is None:
        return None
    for path in ("nsubj", "^obj/nsubj"):
        for i in follow(parse, head.i, path, conj=False):
            if parse.token(i).pos == "PRP":
                return frame.claimant
    return None


def _within(mentions: list[Mention], begin: int, end: int) -> list[Mention]:
    return [m for m in mentions if begin <= m.begin and m.end <= end]


def _parsed_agent(parsed: ParsedRoles | None, frame: Frame | None, disc: Discourse
                  ) -> Entity | None:
    """The agent the parse gives: the subject of an active verb, the "by" phrase of a
    passive, the possessor of a noun. An accusation's accused party comes first: "X
    accused Y of shelling" leaves the shelling's own subject unexpressed."""
    if frame is not None and frame.accused is not None:
        return frame.accused
    if parsed is None:
        return None
    for m in parsed.agent:
        if m.kind != "pair" and m.entity is not None and m.entity.is_actor:
            return m.entity
    return None


# what ends the content of an appeal: a new clause, or a new predicate of the appealer
# ("urged both countries to stop fighting and invited their envoys to talks")
_URGED_BREAK = re.compile(r"[;]|\b(?:after|as|when|since|following|because|while|but|"
                          r"which|who|amid)\b|,\s+and\s+|\s+and\s+(?:\w+ly\s+)?[a-z]+ed\b",
                          re.IGNORECASE)


def _urged(text: str, appeal_ends: list[int], b: int) -> bool:
    """The trigger at `b` is inside what an appeal before it urges; not after the comma
    that closes an opening subordinate clause ("When Kyrgyz border guards demanded that
    they leave, the Tajik side opened fire")."""
    subordinate = _OPENING_SUBORDINATE.match(text) is not None
    return any(0 <= b - ae <= 150 and not _URGED_BREAK.search(text, ae, b)
               and not (subordinate and "," in text[ae:b]) for ae in appeal_ends)


_OPENING_SUBORDINATE = re.compile(r"\s*(?:When|After|As\s+soon\s+as|Once|If|Because|"
                                  r"Although|Though|While|Before|Until)\b")


def _people_before(text: str, b: int, rules: Rules) -> bool:
    """People as the subject of a passive trigger ("soldiers had been captured")."""
    return _people_passive(rules).search(text[max(0, b - 60):b]) is not None


_PERSON_SUBJECT = re.compile(r"(?:\b(?P<pronoun>he|she)\s+(?:had\s+been\s+|had\s+|has\s+|"
                             r"was\s+)?(?:\w+ly\s+)?"
                             r"|\s+(?:had\s+|has\s+|have\s+)?(?:been|was|were)\s+)$",
                             re.IGNORECASE)


_COUNTED_BEFORE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
                             r"eleven|twelve|dozens|several|scores)\s+(?:more\s+|others\s+)?"
                             r"(?:were\s+|had\s+been\s+|have\s+been\s+)?$", re.IGNORECASE)


def _person_before(text: str, b: int, mentions: list[Mention]) -> bool:
    """One person as the subject ("Toktosunov was seized by a Tajik patrol", "he had
    crossed into Tajik territory"): a person taken or crossing, not ground."""
    if _COUNTED_BEFORE.search(text, max(0, b - 30), b):
        return True  # "one of its soldiers had been killed and 13 captured": people
    m = _PERSON_SUBJECT.search(text, max(0, b - 40), b)
    if m is None:
        return False
    if m.group("pronoun"):
        return True
    return any(x.entity is not None and x.entity.is_a("Person") and 0 <= m.start() - x.end <= 1
               for x in mentions)


@lru_cache(maxsize=2)
def _people_passive(rules: Rules) -> re.Pattern[str]:
    return re.compile(r"\b" + _people_words(rules) + r"\s+(?:had\s+|have\s+|has\s+)?"
                      r"(?:been|were|was)\s+$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _word_before(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of `words` right before a position (searched in the text that ends there)."""
    return re.compile(r"\b" + phrase_pattern(list(words)) + r"\s+$", re.IGNORECASE)


_ADJECTIVE_BEFORE = re.compile(r"\b(?:the|an?|its|their|our|his)\s+$", re.IGNORECASE)


@lru_cache(maxsize=2)
def _force_noun(rules: Rules) -> re.Pattern[str]:
    """A force noun right after a word: "(the invading) army"."""
    return re.compile(r"\s+" + phrase_pattern(rules.actors["force"]["nouns"]) + r"\b",
                      re.IGNORECASE)


@lru_cache(maxsize=2)
def _force_subject(rules: Rules) -> re.Pattern[str]:
    """An armed force as the subject right before the trigger ("Thai forces had only
    responded", "our border guards responded"): a force that responds fights."""
    # ("270 Indian soldiers with two bulldozers crossed the boundary")
    return re.compile(r"\b" + phrase_pattern(rules.actors["force"]["nouns"])
                      + r"(?:\s+with\s+[^,;.]{1,40}?)?"
                        r"\s+(?:(?:had|have|has|then|only|also|immediately|quickly|later|"
                        r"illegally|again|reportedly)\s+){0,3}$", re.IGNORECASE)


@lru_cache(maxsize=2)
def _people_taken(rules: Rules) -> re.Pattern[str]:
    """People as the object right after the trigger ("seized four Tajik men")."""
    number = phrase_pattern(list(rules.casualties["numbers"]))
    # ("seized more than 30 people", "seized four employees of the district administration")
    return re.compile(r"\s+(?:(?:more\s+than|at\s+least|about|some|around|nearly|over|up\s+to)\s+)?"
                      r"(?:(?:\d+|" + number + r"|the|several|dozens\s+of)\s+)"
                      r"(?:[\w\-]+\s+){0,2}?(?:" + _people_words(rules) + r"|employees|officials|"
                      r"workers|staff|hostages|people|men|women|shepherds|farmers|others|"
                      # ("had captured about 10 others", "seized two of them")
                      r"of\s+them)\b",
                      re.IGNORECASE)


def _people_words(rules: Rules) -> str:
    """The population words and person nouns, as one alternation."""
    return phrase_pattern([w for ws in rules.actors["population"].values() for w in ws]
                          + rules.casualties["person_nouns"])


def _non_state_object(text: str, e: int, end: int, rules: Rules) -> bool:
    """"raided a militant hideout", "strikes on rebel camps": the act's object is an armed
    group's, not the other state's."""
    words = rules.events.get("non_state_objects", {}).get("words", [])
    return bool(words) and re.match(r"\s+(?:\w+\s+){0,4}?" + phrase_pattern(words) + r"\b",
                                    text[e:end], re.IGNORECASE) is not None


def _own_side_subject(parse: Parse | None, parsed: ParsedRoles | None) -> bool:
    """The parse's agent is a noun the speaker's possessive pronoun owns ("its troops",
    "our forces", "their soldiers"; "Fujimori said his troops had captured Tiwintza")."""
    if parse is None or parsed is None or parsed.agent or parsed.agent_token is None:
        return False
    return any(parse.token(c).word.lower() in {"its", "their", "our", "his", "her"}
               for c in parse.children(parsed.agent_token, "nmod:poss"))


def _agent_slot_unnamed(parsed: ParsedRoles | None) -> bool:
    """The parse puts someone unnamed in the agent slot of a passive or of "came under
    fire from" ("a post was shelled by gunmen"), or a noun naming no one as the subject
    ("a police officer was killed when masked gunmen opened fire"): no name before the
    trigger is the agent (that would be the victim)."""
    return parsed is not None and not parsed.agent and parsed.agent_token is not None \
        and (parsed.voice == "passive" or parsed.agent_noun
             or any(r.startswith("roles.under") for r in parsed.rules))


def _parsed_target(parsed: ParsedRoles | None, record: EventRecord, disc: Discourse
                   ) -> Entity | None:
    """The target the parse gives; a place there stands for its state ("shelled the
    village of Osk": the state Osk lies in), and becomes the event's place if it has none."""
    if parsed is None:
        return None
    agent_state = disc.state_of(record.agent) if record.agent else None
    for m in parsed.target:
        entity = m.entity
        if m.kind == "pair" or entity is None:
            continue
        if entity.is_place and not entity.is_actor:
            if record.place is None:
                record.place = entity
            owner = disc.state_of(entity)
            if owner is None:
                continue
            entity = owner
        state = disc.state_of(entity)
        if agent_state is not None and state is not None and state.iri == agent_state.iri:
            continue
        return entity
    return None


# a mention followed by its own casualty verb is a victim, not who acted ("A Tajik man was
# killed ... in a shooting", "Kyrgyz border guards were wounded when ...")
_VICTIM_AFTER = re.compile(r"(?:,[^,;]{1,90},)?(?:\s+[\w\-']+){0,3}?\s+(?:was|were|had\s+been|"
                           r"have\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|"
                           r"hurt|shot)\b")


def _own_time(text: str, times: list[TimeExpr], begin: int, end: int, b: int, other: int,
              skip: set[int]) -> bool:
    """The trigger at `b` has a time of its own, nearer to it than to the trigger at
    `other` of the same kind of event told before in the span."""
    here, there = _time_after(text, times, b, end, skip), _time_after(text, times, other, end,
                                                                        skip)
    return here is not None and there is not None and here is not there


_PART_END = re.compile(r",\s+and\s+|;")


def _time_after(text: str, times: list[TimeExpr], pos: int, end: int, skip: set[int]
                ) -> TimeExpr | None:
    """The first time after `pos` in its part of the clause (up to ", and" or ";")."""
    stop = _PART_END.search(text, pos, end)
    return next((t for t in times if pos <= t.begin < (stop.start() if stop else end)
                 and not t.duration and t.begin not in skip), None)


_RELATIVE_BEFORE = re.compile(r",\s+(?:(?:which|who|whose)\b|(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2}"
                              r"(?:guarantors?|members?|mediators?|neighbou?rs|allies|"
                              r"co-chairs?|sponsors?)\s+of\b)[^,;]*,\s*(?:also\s+|both\s+|"
                              r"jointly\s+)?$")


def _joint_appealers(text: str, record: EventRecord, mentions: list[Mention], begin: int,
                     disc: Discourse) -> list[Entity]:
    """"The United States and China urged both sides ...", "Argentina, Brazil, Chile and
    the United States urged ...": the other coordinated appealers, each of whom makes an
    appeal of its own."""
    if record.cls != "Appeal" or record.agent is None:
        return []
    b = record.trigger[0]
    # "Qatar and Saudi Arabia, which have tried to mediate, urged ...": the subject ends
    # where its relative clause begins
    relative = _RELATIVE_BEFORE.search(text, begin, b)
    cut = relative.start() if relative else b
    # "The four guarantors of the protocol, Argentina, ... and the United States, urged":
    # a list in apposition, closed by a comma (or a dash) before the verb
    apposed = re.search(r"(?:,|\s+-)\s*(?:also\s+|both\s+|jointly\s+)?$", text[begin:cut])
    if apposed is not None and relative is None:
        cut = begin + apposed.start()
    actors = [m for m in _actor_mentions(mentions, begin, cut) if m.kind != "pair"]
    if len(actors) < 2 or any(m.entity is None for m in actors[-2:]):
        return []
    if not (re.fullmatch(r",?\s+and\s+(?:the\s+)?", text[actors[-2].end:actors[-1].begin])
            and re.fullmatch(r"\s*(?:also\s+|both\s+|jointly\s+|have\s+|has\s+)?",
                             text[actors[-1].end:cut])):
        return []
    listed = actors[-2:]
    for m in reversed(actors[:-2]):
        # earlier members of the list: "Argentina, Brazil, Chile and ..."
        if m.entity is None or not re.fullmatch(r",\s+(?:the\s+)?", text[m.end:listed[0].begin]):
            break
        listed.insert(0, m)
    if apposed is not None and relative is None and actors.index(listed[0]) > 0:
        # "The United States, one of the guarantors with Argentina, Brazil and Chile,
        # urged": the list belongs to the subject's apposition, the subject alone appeals
        return []
    agent = (disc.state_of(record.agent) or record.agent).iri
    others: dict[str, Entity] = {}
    for m in listed:
        assert m.entity is not None
        key = (disc.state_of(m.entity) or m.entity).iri
        if key != agent:
            others.setdefault(key, m.entity)
    return list(others.values())


# "shelling by Armenian forces", "an ambush by Ethiopian troops"; "came under fire from
# Tajik positions", "were fired at his car from the Tajik side"
# (after a closing quote too: the "unprovoked ceasefire violations" by Indian forces)
_BY = re.compile(r"[\"\u201d]?\s+(?:[\w\-]+\s+){0,4}?by\s+(?:the\s+)?")
_FROM = re.compile(r"\s+(?:[\w']+\s+){0,4}?from\s+(?:across\s+)?(?:the\s+)?"
                   # "came under fire from about 90 Argentine gendarmes"
                   r"(?:(?:about|around|some|nearly|at\s+least|more\s+than)\s+)?(?:\d[\d,]*\s+)?")


def _agent_after(phrase: re.Pattern[str], text: str, after: list[Mention], e: int,
                 end: int) -> Entity | None:
    """The actor a "by" or "from" phrase right after the trigger names."""
    m = phrase.match(text, e, end)
    found = next((x for x in after if m and x.begin == m.end() and x.kind != "pair"
                  and x.entity is not None and x.entity.is_actor), None)
    return found.entity if found is not None else None


@lru_cache(maxsize=8)
def _objects_pattern(objects: tuple[str, ...]) -> re.Pattern[str]:
    # (a quotation mark may close the phrase: 'a "deliberate violation" of the agreement')
    return re.compile(r"[\"”]?(?:\s+[\w,'\"“”\-]+){0,5}?\s+(?:" + "|".join(
        re.escape(o) for o in sorted(objects, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _object_after(text: str, e: int, end: int, spec: dict) -> bool:
    """A trigger that counts only with one of its spec's `objects` a few words after it."""
    return _objects_pattern(tuple(spec["objects"])).match(text, e, end) is not None


def _into_after(text: str, e: int, end: int, spec: dict) -> bool:
    """Forces sent "onto" or "into" a place: they enter it (spec `into_class`)."""
    m = _objects_pattern(tuple(spec["objects"])).match(text, e, end)
    return m is not None and _INTO.match(text, m.end(), end) is not None


_INTO = re.compile(r"\s+(?:onto|into)\b", re.IGNORECASE)


# rules whose trigger names an attack in general ("the attack", "the assault", "the
# strikes"), which a definite article makes a reference to an attack told before (its
# sides here, its node in graph/extract/merge.py)
GENERIC_ATTACKS = {"event.open-fire", "event.shelling"}
# the words between such a trigger and a name of its own phrase
_OWN_PHRASE = re.compile(r"\s+(?:\w+\s+){0,2}?(?:on|against|upon|by|from)\s+(?:the\s+)?"
                         r"(?:[\w\-']+\s+){0,2}", re.IGNORECASE)
_WITH = re.compile(r"\s+with\s+(?:the\s+)?")


def _with_side(text: str, e: int, end: int, mentions: list[Mention]) -> bool:
    """"clashes with Eritrean troops": an actor right after "with"."""
    m = _WITH.match(text, e, end)
    return m is not None and any(x.begin == m.end() and x.entity is not None
                                 and x.entity.is_actor for x in mentions)


_UNDER = re.compile(r"\bunder\b", re.IGNORECASE)
_OWN_FORCES = re.compile(r"\b(?:our|its|their)\s+(?:[\w\-]+\s+)?(?:troops|soldiers|forces|"
                         r"positions|posts?|servicemen|border\s+guards|units?|patrols?)\s+"
                         r"(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)
# between "fire from" and the side that fired: "the", "across the"
_SIDE_AFTER = re.compile(r"\s+(?:across\s+)?(?:the\s+)?", re.IGNORECASE)


def _in_relative(text: str, m: Mention, trig: int) -> bool:
    """"Russia, which has a military base in Armenia, called for ...", "Anwar Ibrahim,
    whose country chairs ASEAN, called on ...": a name inside a relative clause that
    closes before the trigger is not its subject."""
    opened = max(text.rfind(f", {pronoun} ", 0, m.begin) for pronoun in ("which", "who",
                                                                          "whose"))
    return opened >= 0 and "," in text[m.end:trig] and "," not in text[opened + 2:m.begin]


# a passive auxiliary before a participle trigger ("had been shot down", "were shelled"):
# the subject before it suffered the act, it did not do it
_PASSIVE_AUX = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got|gets)\s+"
                          r"(?:\w+ly\s+)?$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"(?:\w+(?:ed|en)|shot|struck|hit|fought|seized|overrun|held|"
                         r"captured|bombed|shelled|downed)\b", re.IGNORECASE)


def _groups_named(mentions: list[Mention], begin: int, end: int, disc: Discourse) -> bool:
    """An armed group of no state named in the span or the article ("militants", "Jaish
    al-Adl"): an attack may be theirs, not the other state's."""
    def group(e: Entity | None) -> bool:
        return e is not None and e.is_a("ArmedForce") and not e.state
    return any(begin <= m.begin < end and group(m.entity) for m in mentions) or \
        any(group(e) for e in disc.mentioned.values()) or \
        any(group(e) for e in disc.extra_names.values())


# "fired at each other", "shelled one another's positions": a reciprocal object
_RECIPROCAL = re.compile(r"(?:\s+[\w\-]+){0,3}?\s+(?:at|on|against|with)?\s*(?:each\s+other|"
                         r"one\s+another)\b", re.IGNORECASE)
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+(?:that\s+)?")


def _clause_end(text: str, e: int, end: int) -> int:
    m = _NEXT_CLAUSE.search(text, e, end)
    return m.start() if m else end


def _new_subject(text: str, mentions: list[Mention], previous: EventRecord, b: int,
                 disc: Discourse) -> bool:
    """A clause coordinated after the previous event's trigger has a subject of its own
    side, right before this trigger ("..., and Thai soldiers had only returned fire")."""
    gap = text[previous.trigger[1]:b]
    # the last "and" before the trigger opens its clause
    joined = next(reversed(list(re.finditer(r"(?:,\s*|\s)and\s+(?:that\s+)?(?:the\s+)?",
                                            gap))), None)
    if joined is None:
        return False
    after = previous.trigger[1] + joined.end()
    subject = [m for m in _actor_mentions(mentions, after, b) if m.entity is not None
               and m.begin == after and len(text[m.end:b].split()) <= 3]
    if not subject:
        return False
    before = [m for m in _actor_mentions(mentions, 0, previous.trigger[0])
              if m.entity is not None]
    mine, theirs = disc.state_of(subject[0].entity), \
        disc.state_of(before[-1].entity) if before else None
    return mine is not None and (theirs is None or mine.iri != theirs.iri)


@lru_cache(maxsize=4)
def _negotiators_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternation = phrase_pattern(list(words))
    return (re.compile(r"\b(?:" + alternation + r")\b[^.;]{0,80}$", re.IGNORECASE),
            re.compile(r"\s+of\s+(?:the|their)\s+(?:[\w\-]+\s+){0,2}?(?:" + alternation
                       + r")\b", re.IGNORECASE))


def _negotiators_meet(text: str, begin: int, b: int, e: int, end: int,
                      words: tuple[str, ...]) -> bool:
    """The subject of "met" or the owner of "a meeting" are negotiators."""
    before, after = _negotiators_pattern(words)
    return before.search(text[max(begin, b - 90):b]) is not None or \
        after.match(text, e, end) is not None


@lru_cache(maxsize=16)
def _words_before(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of `words` right before the end of the text looked at."""
    return re.compile(r"\b(?:" + phrase_pattern(list(words)) + r")\s+$", re.IGNORECASE)


@lru_cache(maxsize=2)
def _negation(rules: Rules) -> re.Pattern[str]:
    spec = rules.events["negation"]
    return re.compile(r"(?<![\w\-])(?:" + phrase_pattern(spec["words"]) + r")\s+(?:[\w\-]+\s+)"
                      r"{0," + str(int(spec["window"])) + r"}$", re.IGNORECASE)


def _negated(text: str, begin: int, b: int, rules: Rules) -> bool:
    return _negation(rules).search(text, max(begin, b - 60), b) is not None


def _passive_before(text: str, begin: int, trig: int) -> bool:
    return (_PASSIVE_AUX.search(text, begin, trig) is not None and
            _PARTICIPLE.match(text, trig) is not None) or \
        _PASSIVE_TRIGGER.match(text, trig) is not None  # "was shot", "had been shot"


_FIRED_AT = re.compile(r"[^.;,]{0,40}?\b(?:against|on|at)\s", re.IGNORECASE)
_PASSIVE_TRIGGER = re.compile(r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
                              r"(?:fatally\s+)?shot\b", re.IGNORECASE)


def _agent(text: str, before: list[Mention], frame: Frame | None, begin: int, trig: int,
           disc: Discourse) -> Entity | None:
    if frame is not None and frame.accused is not None:
        return frame.accused
    if _passive_before(text, begin, trig):
        return None  # "it had been shot down", "Tajik posts were shelled": the patient
    if _PERCEIVED.search(text, max(begin, trig - 50), trig):
        return None  # "monitors said they had heard heavy mortar fire": who heard it
    # a pronoun right before the trigger points back to the source ("they were evacuating")
    head = text[begin:trig]
    candidates = [m for m in before if m.kind != "pair" and m.entity is not None
                  and not text.startswith("'s", m.end)
                  and not _VICTIM_AFTER.match(text, m.end, trig)
                  and not _in_relative(text, m, trig)]
    pronoun = None
    for p in _SOURCE_PRONOUN.finditer(head):
        gap = head[p.end():]
        if len(gap.split()) <= 8 and not re.search(
                r"[,;]|\b(?:as|when|while|after|before|because|since)\b", gap, re.IGNORECASE):
            pronoun = p  # "its troops opened fire"; not "fled their homes as shells landed"
    subordinate = _SUBORDINATE_THEY.search(head)
    if pronoun is not None and candidates and candidates[0].kind == "force" and \
            candidates[0].begin - begin <= 4 and subordinate is not None and \
            subordinate.end() == pronoun.end():
        # "Chinese troops attacked Walong, a day after they overran Indian posts": "they" of
        # the subordinate clause are the main clause's troops, not the reporter
        return candidates[0].entity
    if frame is not None and pronoun is not None and (
            not candidates or candidates[-1].end < begin + pronoun.start()):
        if pronoun.group().lower() in {"they", "their"} and _FIRST_PLURAL.search(text, begin):
            # '"They fired BM-21 rockets at us first," he said': facing "us", "they" are
            # the speaker's other side
            mine, sides = disc.state_of(frame.claimant), disc.pair()
            other = next((x for x in sides if mine is not None and x.iri != mine.iri), None)
            if other is not None and len(sides) == 2:
                return other
        states = [c for c in candidates if c.entity is not None and c.entity.is_state
                  and c.end <= begin + pronoun.start()]
        if pronoun.group().lower() == "its" and states:
            # "The Tajik side broke the truce ..., when its servicemen shelled the outpost,
            # the Border Service said": "its" is the side the clause named, not the reporter
            return states[-1].entity
        return frame.claimant
    if candidates and _COORDINATED_VERB.search(text, begin, trig) and \
            candidates[0].begin - begin <= 4 and len(candidates) > 1:
        # "Putin spoke by phone with Japarov and Rahmon and urged them ...": a predicate
        # coordinated with the clause's first has the clause's subject
        return candidates[0].entity
    if candidates:
        return candidates[-1].entity
    if frame is None and _PERSON_PRONOUN_SUBJECT.fullmatch(head):
        # "Hun Manet said ... He called on Thailand to ...": the person who spoke last
        return last_speaker(disc, person=True)
    # "Moscow, which urged": the antecedent of a relative pronoun
    which = re.search(r"(\S+),\s+which\s+$", text[:trig])
    if which:
        return None
    return None


# a verb of perception before the trigger: its subject witnessed the act, did not do it
_PERCEIVED = re.compile(r"\b(?:heard|hear|hearing|saw|seen|see|witnessed|observed|recorded|"
                        r"registered|detected|counted|noticed|reported\s+hearing)\s+"
                        r"(?:the\s+|an?\s+|sounds?\s+of\s+|[\w\-]+\s+){0,4}$", re.IGNORECASE)
_PERSON_PRONOUN_SUBJECT = re.compile(r"\s*(?:He|She)\s+(?:\w+ly\s+)?(?:also\s+|later\s+|then\s+)?")
_COORDINATED_VERB = re.compile(r"\s(?:on\s+\w+\s+)?and\s+(?:also\s+|then\s+|later\s+)?$",
                               re.IGNORECASE)

_NEXT_PREDICATE = re.compile(r",?\s+and\s+(?:then\s+|later\s+|also\s+)?(?!fired\b)[a-z]+ed\s+"
                             r"(?!by\b|in\b|on\b|at\b)")


def _target(text: str, agent: Entity | None, after: list[Mention], frame: Frame | None,
            trig_end: int, end: int, mentions: list[Mention], disc: Discourse) -> Entity | None:
    agent_state = disc.state_of(agent) if agent else None
    # the object ends where a coordinated predicate begins ("shelled Tskhinvali, the South
    # Ossetian capital, and attacked Russian peacekeepers": not Russia)
    next_verb = _NEXT_PREDICATE.search(text, trig_end, end)
    stop = next_verb.start() if next_verb else end
    own_place = False
    for m in after:
        if m.begin >= stop:
            break
        if m.kind in {"pair", "person"} or m.entity is None:
            continue  # a person named after an attack is its victim ("killing X")
        state = disc.state_of(m.entity)
        if agent_state is not None and state is not None and state.iri == agent_state.iri:
            own_place = own_place or (m.entity.is_place and not m.entity.is_state)
            continue
        return m.entity
    if own_place:
        return None  # "Georgian troops shelled Tskhinvali": a place of the agent's own state
    tail = text[trig_end:end]
    if frame is not None and re.search(r"\b(?:its|their)\b", tail, re.IGNORECASE):
        return disc.state_of(frame.claimant) or frame.claimant
    if frame is not None and frame.accused is not None:
        return frame.claimant  # "X accused Y of shelling": X's side was shelled
    claimant_state = disc.state_of(frame.claimant) if frame is not None else None
    if claimant_state is not None and agent_state is not None and \
            claimant_state.iri != agent_state.iri:
        return claimant_state  # a side reporting the other's attack reports it on itself
    return None


def _participants(text: str, actors: list[Mention], frame: Frame | None, begin: int, end: int,
                  disc: Discourse, exclude: set[str]) -> list[Entity]:
    found: dict[str, Entity] = {}
    for i, m in enumerate(actors):
        if re.match(r"\s+summits?\b", text[m.end:m.end + 10]) or re.search(
                r"\bsummit\s+of\s+(?:the\s+)?$", text[max(0, m.begin - 20):m.begin]):
            continue  # "the SCO summit", "a summit of the SCO": the host, not a participant
        if m.kind == "demonym" and _PLACE_NOUN_AFTER.match(text, m.end):
            continue  # "in the Uzbek city of Samarkand": where, not who
        nxt = actors[i + 1] if i + 1 < len(actors) else None
        if m.kind in {"demonym", "name"} and nxt is not None and nxt.entity is not None \
                and m.entity is not None and disc.state_of(nxt.entity) is m.entity \
                and not re.search(r",|\band\b", text[m.end:nxt.begin]):
            continue  # "Kyrgyz President Sadyr Japarov": the demonym qualifies the person
        for entity in m.entities:
            if entity.iri not in exclude:
                found.setdefault(entity.iri, entity)
    if frame is not None and _SINGULAR_POSSESSIVE.search(text[begin:end]):
        found.setdefault(frame.claimant.iri, frame.claimant)  # "its leadership was in touch"
    # "in talks with his Tajik counterpart": the demonym names the other side
    return list(found.values())


_CLEFT = re.compile(r"\bit\s+(?:was|is|had\s+been|has\s+been)\s+(?P<np>[^,;]{1,60}?)\s+"
                    r"(?:that|who|which)\s+(?:had\s+|has\s+|have\s+)?$", re.IGNORECASE)


def _side(entity: Entity) -> str:
    return entity.iri if entity.is_state else (entity.state or entity.iri)


def attach_relative_agents(text: str, records: list[EventRecord], mentions: list[Mention]
                           ) -> None:
    """"Moscow, which urged ...": the agent is the mention before ", which". "It was the
    Kyrgyz side that opened fire on a Tajik patrol": the agent is what the cleft names,
    whatever the parse or the positions gave."""
    for record in records:
        cleft = _CLEFT.search(text, 0, record.trigger[0])
        named = [x.entity for x in mentions if cleft is not None and x.entity is not None
                 and cleft.start("np") <= x.begin and x.end <= cleft.end("np")
                 and x.entity.is_actor]
        if named:
            agent = named[-1]
            record.agent = agent
            if record.target is not None and _side(record.target) == _side(agent):
                after = [x.entity for x in mentions if x.begin >= record.trigger[1]
                         and x.entity is not None and x.entity.is_actor
                         and _side(x.entity) != _side(agent)]
                record.target = after[0] if after else None
            continue
        if record.agent is not None:
            continue
        m = re.search(r",\s+which\s+(?:\w+\s+){0,2}$", text[:record.trigger[0]])
        if not m:
            continue
        antecedent = [x for x in mentions if x.end <= m.start() and x.entity is not None]
        if antecedent and antecedent[-1].end == m.start():
            record.agent = antecedent[-1].entity
