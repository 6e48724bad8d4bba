"""Attribution: who says what. Reported speech becomes a frame (claimant, reporting verb,
the span of text claimed), so that what it contains is recorded as a claim, not a fact.

Frames, in the order they are tried on a clause:
  SOURCE ACCUSE ACCUSED of CLAIM     "Tajikistan accused Kyrgyz forces of shelling ..."
  SOURCE CHARGE that CLAIM           "the committee charged that Kyrgyz soldiers ..."
  SOURCES ACCUSE each other of CLAIM  one directed frame per side (also "traded
                                     accusations over", "both sides blamed the other for")
  according to SOURCE, CLAIM / CLAIM, according to SOURCE  (a pair: one per side)
  SOURCE was quoted as saying CLAIM
  CLAIM, it/he/the ministry said     the article's previous claimant (attribution.py)
  CLAIM, said SOURCE[, head of ...]  inverted reporter
  CLAIM, SOURCE SAY                  "... three others injured, authorities said"
  SOURCE SAY [that] CLAIM            "Kyrgyzstan's border service said Tajik forces ..."
  each side said the other ...       one frame per side, the other side accused
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.extract.attribution import (
    anaphor,
    announce_account,
    dateline_home,
    last_speaker,
    quoted_as_saying,
    recall,
    recall_name,
    remember,
)
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.mentions import NAME, Mention
from graph.extract.rules import Rules, phrase_pattern

if TYPE_CHECKING:
    from graph.extract.events import EventRecord
    from graph.extract.grammar import Parse

# what ends a claim: a non-restrictive relative, or a ", as" clause of the narrator ("Peru
# said ..., as OAS foreign ministers prepared to meet")
_RELATIVE = re.compile(r",\s+(?:which|where|who|whose|almost|nearly|as(?=\s+(?!well\b|part\b|"
                       r"a\s+result\b|expected\b|such\b|many\b|much\b|long\b|soon\b|if\b|"
                       r"though\b|usual\b|of\b)))\b")
_SECOND_THAT = re.compile(r",?\s+and\s+that\s+")
# words between a reporting verb and what is reported ("said in a statement on Friday that")
_ADJUNCTS = re.compile(r"(?:,?\s+(?:in\s+an?\s+(?:written\s+|brief\s+|televised\s+|joint\s+|"
                       r"separate\s+|later\s+|video\s+|televised\s+video\s+|online\s+|"
                       r"radio\s+|TV\s+|telephone\s+|phone\s+|press\s+)?"
                       r"(?:statement|communiqu[eé]|briefing|post|"
                       r"address|speech|interview|message|report)(?:\s+(?:posted|published|"
                       r"issued|released|carried|read|broadcast|aired|distributed|quoted|cited)"
                       # "carried by the state news agency Khovar", "read on state radio"
                       r"(?:\s+(?:on|by|in|over)\s+(?:its\s+|the\s+)?(?:[\w\-]+\s+){0,3}"
                       r"[\w\-]+)?)?(?:\s+on\s+(?:its\s+)?"
                       r"(?:website|telegram|X|Facebook|Twitter))?|"
                       r"at\s+a\s+(?:news|press)\s+(?:conference|briefing)|"
                       # "said in a statement posted at 1 p.m.", "said at 10:30 local time"
                       r"(?:(?:posted|published|issued|released)\s+)?at\s+(?:about\s+|"
                       r"around\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|GMT|local\s+time)?|"
                       r"(?:late|early)?\s*on\s+[A-Z]\w+day(?:\s+(?:morning|afternoon|evening|night))?|"
                       r"(?:late|early)\s+[A-Z]\w+day|to\s+reporters|"
                       r"to\s+journalists|in\s+an\s+interview|on\s+(?:its|his|her)\s+"
                       r"(?:website|telegram\s+channel|facebook\s+page)|(?:late|early)?\s*"
                       r"on\s+[A-Z]\w+day|earlier|later|separately|also|again))+",
                       re.IGNORECASE)
# hostile event classes whose agent and target an accusation gives
_DIRECTED = {"ArmedClash", "Shelling", "SmallArmsFire", "Occupation", "CeasefireViolation",
             "TroopBuildUp", "Airstrike", "DroneStrike", "Attack"}
# the addressee of "told": "told reporters", "told parliament in Juba", "told state media"
_TOLD = re.compile(r"\s+(?:the\s+)?(?:reporters|journalists|parliament|lawmakers|legislators|"
                   r"a\s+(?:regular\s+|daily\s+|weekly\s+)?(?:news|press)\s+(?:conference|"
                   r"briefing)|a\s+briefing|a\s+rally|a\s+meeting|"
                   r"(?:state|local)\s+(?:media|television|TV)|the\s+\w+\s+(?:agency|"
                   r"news\s+agency|broadcaster|newspaper)|[A-Z]\w+(?:\s+[A-Z]\w+){0,2})"
                   r"(?:\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)?"
                   r"(?:\s+on\s+[A-Z]\w+day)?")
# "..., the ministry said, adding that ...": a second statement of the same reporter
_PARTICIPLE = re.compile(r"(?:\s+(?:on\s+)?[A-Z]\w+day)?,\s+(?P<verb>adding|saying|noting|"
                         r"claiming|insisting|warning|stressing|alleging)\s+(?:that\s+)?")
# "said Colonel Philip Aguer": ranks and titles, then a name, then the clause ends
_INVERTED_NAME = re.compile(r"\s+(?:(?:[A-Z][a-z]+\.?|Lt\.|Gen\.|Col\.|Maj\.)\s+){0,3}?"
                            r"(?P<name>" + NAME + r")\s*(?=,|[.!?\"']*\s*$)")
# "dismissed the Indian reports as fabrication", "these claims": a reporting word after a
# determiner (and at most an adjective) is a plural noun, not a verb with its subject
_PLURAL_NOUN = re.compile(r"\b(?:the|these|those|such|its|their|his|her|our|earlier|any|all|"
                          r"of)\s+(?:[A-Z][a-z\-]+(?:i|n|ese|ish|ic|ian|an)\s+|"
                          r"(?:latest|earlier|initial|first|conflicting|unconfirmed|similar|"
                          r"such|these|official|media|press|news)\s+)?$", re.IGNORECASE)
_TOLL_PARTICIPLE = re.compile(r",\s+(?:putting|bringing|raising|taking|pushing)\b")
_RELATIVE_INSERT = re.compile(r",\s+(?:which|who)\s+[^,;]{3,120},\s*")
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z.\-]{1,12}\)")
_INFINITIVE = re.compile(r"(?<!\bon)(?<!\bwent on)(?<!\bcontinued)\s\bto\s+$")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being)\s+$", re.IGNORECASE)
# "an ambush that Khartoum blamed on ...": the relative pronoun and the subject after it
_RELATIVE_ACCUSER = re.compile(r"\b(?:that|which)\s+(?P<who>(?:[\w\-'.]+\s+){1,4})$",
                               re.IGNORECASE)
# the noun phrase a relative clause hangs from: a few words back, not past a comma
_ANTECEDENT = re.compile(r"(?:[\w\-'.]+\s+){0,5}[\w\-'.]+\s*$")
# what may open a sentence before its reporter: "In a statement on Wednesday", "Later"
_LEAD_ADJUNCT = re.compile(r"^(?:(?:in\s+(?:an?|its|their|a\s+separate)\s+(?:[\w\-]+\s+){0,2}?"
                           r"(?:statement|communiqu[eé]|briefing|post|message|interview|letter|"
                           r"address|speech|report)|(?:late\s+|early\s+)?on\s+\w+day|later|"
                           r"earlier|separately|meanwhile)\s*,?\s*)+", re.IGNORECASE)
# ", which" right before a verb's subject (the twin of _RELATIVE_SUBJECT on the parse)
_WHICH_BEFORE = re.compile(r",\s+(?:which|whom)\s+$", re.IGNORECASE)
# the subject of a relative clause: ", which Libya", ", which the Kyrgyz side"
_RELATIVE_SUBJECT = re.compile(r",\s+(?:which|whom)\s+(?:[\w\-'.]+\s+){1,4}$",
                               re.IGNORECASE)
# "despite a ceasefire the two armies had announced less than 24 hours earlier": a reporting
# verb in a relative clause without "that", its object the noun before its subject, and
# nothing after it but when: it reports nothing
_CONTACT_RELATIVE = re.compile(r"\b(?:a|an|the|its|their)\s+(?:[a-z\-]+\s+){0,2}[a-z\-]+\s+"
                               r"(?:the|its|their|both)\s+(?:[\w\-]+\s+){0,3}"
                               r"(?:had\s+|has\s+|have\s+)?$")
_ONLY_WHEN = re.compile(r"\s*(?:(?:[\w\-]+\s+){0,6}?(?:earlier|before|ago|previously|"
                        r"(?:last|this|on)\s+\w+))?\s*(?:[.,;]|$)")


@dataclass
class Frame:
    """One act of reporting found in a clause."""

    claimant: Entity
    verb: str  # lemma
    rule: str
    content: tuple[int, int]  # span of the sentence text that is claimed
    verb_span: tuple[int, int]  # the reporting words (and what hangs on them)
    accused: Entity | None = None  # for accusations
    accusation: bool = False
    mentions: list[Mention] = field(default_factory=list)

    def trimmed(self, text: str) -> Frame:
        """The claim ends where a non-restrictive relative clause begins ("..., which is
        famous for ..."): what follows is the article's own description."""
        b, e = self.content
        m = _RELATIVE.search(text, b, e)
        if m and len(text[b:m.start()].split()) <= 6 and 0 <= text.find(",", m.end(), e) < e:
            # "Japarov and Rahmon, who are both attending the summit, met on Friday ..., the
            # press service said": a relative clause closed inside the claim's subject
            return self
        if m and m.start() > b and not _SECOND_THAT.search(text, m.end(), e):
            # (unless the report goes on after it: "said that X seized the intake, which
            # it called Tajik territory, and that Y opened fire")
            self.content = (b, m.start())
        return self

    def covers(self, begin: int, end: int) -> bool:
        return self.content[0] <= begin and end <= self.content[1]


def clauses(text: str, rules: Rules | None = None) -> list[tuple[int, int]]:
    """Clause spans: split at semicolons and at ", but", ", while" (two statements, two
    sources: "the Council urged ..., while the African Union condemned ..."), and at ", and"
    before a named subject of a reporting or appeal verb ("China urged restraint, and
    Washington condemned the attack"), and after a sentence-final reporter that a time
    clause follows ("CLAIM, the army said, a day after X accused Y of ...")."""
    spans = []
    start = 0
    cut = r";\s*|,\s+(?:but|while|whereas)\s+|\s+but\s+(?=the\b)"
    if rules is not None:
        cut += "|" + _and_subject(rules)
    cut += (r"|(?:(?<=\bsaid)|(?<=\bsays)|(?<=\badded)|(?<=\bstated))\s*,\s+(?=(?:[\w\-]+\s+)"
            r"{0,3}?(?:after|before|as|when|while|since)\b"
            # "..., the ministry said, the first death reported since ...": the article's
            # own apposition on what was reported
            r"|(?:the|a|an)\s+(?:first|latest|worst|deadliest|heaviest|biggest|second|third|"
            r"most\s+serious)\b"
            # "..., Ecuador's government said, in a second day of fighting that each
            # country blamed on the other"
            r"|in\s+(?:a|an|the)\s+(?:second|third|fourth|fifth|sixth|new|fresh|renewed|"
            r"latest)\s+(?:day|round|night|bout|outbreak)\b)")
    for m in re.finditer(cut, text):
        if text.count('"', 0, m.start()) % 2:
            continue  # '"They dropped eight bombs, but there were no casualties," X told
            # AFP': a quotation is one statement of one speaker
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(b, e) for b, e in spans if text[b:e].strip()]


def _actors(mentions: list[Mention], begin: int, end: int) -> list[Mention]:
    return [m for m in mentions if begin <= m.begin and m.end <= end and m.kind != "channel"
            and (m.kind == "pair" or (m.entity is not None and (m.entity.is_actor)))]


_OTHER_SIDE = re.compile(r"\s+(?:them|it|him|her|the other side|the other|its neighbou?r|"
                         r"the neighbou?ring (?:country|state))\s*", re.IGNORECASE)


def _other_side(text: str, e: int, link: int, source: Mention, disc: Discourse | None
                ) -> Entity | None:
    """The other state of the article's pair, when a pronoun stands for the accused."""
    if disc is None or source.entity is None or not _OTHER_SIDE.fullmatch(text, e, link):
        return None
    mine = disc.state_of(source.entity)
    others = [s for s in disc.pair() if mine is None or s.iri != mine.iri]
    return others[0] if mine is not None and len(others) == 1 else None


def _acts_for(person: Entity, phrase: list[Mention], disc: Discourse | None) -> None:
    """A person the base does not know, named as a body's speaker, acts for its state."""
    if disc is None or person.in_kb or person.state:
        return
    state = next((disc.state_of(m.entity) for m in phrase if m.entity is not None
                  and disc.state_of(m.entity) is not None), None)
    if state is not None:
        disc.acts_for(person, state.iri, "claim.speaker-of")


def _subject(text: str, mentions: list[Mention], begin: int, verb: int,
             disc: Discourse | None = None) -> Mention | None:
    """The source of a reporting verb: the actor right before it, or the clause's first
    actor when an appositive or relative clause separates them ("The CSTO, a bloc of which
    ... are members, said")."""
    # "In Quito, Ecuador's Joint Command said": the place of an opening adjunct is where
    # it was said, not who said it
    before = [m for m in _actors(mentions, begin, verb) if m.kind != "pair"
              and not _LOCATIVE_OPENER.fullmatch(text, begin, m.begin)]
    if not before:
        # "A government statement broadcast by Radio Ethiopia said": the channel's state
        channel = next((m for m in mentions if m.kind == "channel" and m.cue is not None
                        and begin <= m.begin and m.end <= verb), None)
        return Mention(channel.begin, channel.end, channel.text, channel.cue, "name",
                       channel.rule) if channel is not None else None
    gap = text[before[-1].end:verb]
    last = before[-1]
    if last.entity is not None and last.entity.is_a("Person") and \
            re.fullmatch(r",?\s*", gap) and \
            re.search(r",\s*(?:[A-Z][\w.]*\.?\s+){0,3}$", text[begin:last.begin]):
        # "The army spokesman, Colonel X, said": the appositive names him; he speaks for
        # the state of the body the phrase before names
        others = [m for m in before if m is not last]
        _acts_for(last.entity, others, disc)
        if not others and disc is not None:
            _post_state(text, begin, text.rfind(",", begin, last.begin), last.entity, disc)
        return last
    if text[begin:verb].rstrip().endswith(",") or len(gap.split()) > 2:
        # skip possessive modifiers: "Kyrgyzstan's southern Batken province, ..., reported"
        heads = [m for m in mentions if begin <= m.begin < verb and m.entity is not None
                 and not text.startswith("'s", m.end)
                 and not _LOCATIVE_OPENER.fullmatch(text, begin, m.begin)]
        first = heads[0] if heads else before[0]
        nxt = next((m for m in heads if m.begin > first.begin), None)
        if first.kind in {"demonym", "name"} and nxt is not None and nxt.kind == "person" \
                and re.fullmatch(r"\s+(?:[A-Z][\w.\-]*\s+){0,3}", text[first.end:nxt.begin]):
            return nxt  # "Angolan President X, who has been mediating, said": X speaks
        if first.entity is not None and first.entity.is_a("Person") and \
                _ROLE_APPOSITION.match(text, first.end, verb):
            # "Enayatullah Khwarazmi, spokesman for the Ministry of Defense, said": he
            # speaks for the state of the body his apposition names ("..., the spokesman
            # for the Nangarhar governor, told": with no body, the place's state)
            bodies = [m for m in before if m is not first]
            _acts_for(first.entity, bodies or [
                m for m in mentions if first.end <= m.begin < verb and m.entity is not None
                and m.entity.is_place and not m.entity.is_state], disc)
        return first if first.entity is not None else None
    return before[-1]


# "He rejected the charge and said": the subject two coordinated verbs share
_SHARED_SUBJECT = re.compile(r"\s*(?P<subj>(?:he|she|it|they|the\s+[a-z]+(?:\s+[a-z]+)?))\s+"
                             r"(?:also\s+|later\s+)?[a-z]+ed\b[^,]*?\s+and"
                             r"(?:\s+(?:also|later|then))?\s*$", re.IGNORECASE)
_THE_POST = re.compile(r"[\s,\"”]*the\s+(?:[\w\-]+\s+)?(?:spokes(?:man|woman|person)|official|"
                       r"minister|commander|envoy|ambassador)\s*", re.IGNORECASE)
_LOCATIVE_OPENER = re.compile(r"\s*(?:In|At|From)\s+(?:the\s+)?")
# a phrase that opens a sentence before its reporter ("In a statement, it said ...")
_OPENER = re.compile(r"\s*(?:In|On|At|Later|Earlier|Meanwhile|Separately|Elsewhere|"
                     r"Then|Also|Since|By|Over|After|Before)\b[^,]{0,60}$")
_ROLE_APPOSITION = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}?(?:spokesman|"
                              r"spokeswoman|spokesperson|head|chief|director|commander|"
                              r"adviser|advisor|official|representative|envoy)\s+"
                              r"(?:for|of|at)\b"
                              # "X, the Second Army Region commander, said": the body first
                              r"|,\s+the\s+(?:[\w\-]+\s+){1,4}?(?:spokesman|spokeswoman|"
                              r"spokesperson|head|chief|director|commander)\s*[,.]",
                              re.IGNORECASE)


def _post_state(text: str, begin: int, end: int, person: Entity, disc: Discourse) -> None:
    """A person named as "the spokesman" (text[begin:end]) of the body that spoke before
    acts for its state: '"...," the spokesman, Li Zhaoxing, told a briefing'."""
    if not _THE_POST.fullmatch(text, begin, end):
        return
    state = disc.state_of(last_speaker(disc))
    if state is not None and not person.in_kb and not person.state:
        disc.acts_for(person, state.iri, "claim.speaker-of")


def _resolve_pronoun(mentions: list[Mention], begin: int) -> Mention | None:
    """"it said": the first actor of the sentence."""
    actors = [m for m in mentions if m.begin < begin and m.entity is not None and m.entity.is_actor]
    return actors[0] if actors else None


def find_frames(text: str, span: tuple[int, int], mentions: list[Mention], disc: Discourse,
                rules: Rules, parse: Parse | None = None) -> list[Frame]:
    """The attribution frames of one clause. A reporter the clause does not name ("it
    said", "the ministry added") is the article's previous claimant. With a dependency
    parse, a reporting verb the patterns miss is read off the parse: its subject is the
    source, its clausal complement (or the clause it is appended to) what is claimed."""
    found = _find_frames(text, span, mentions, disc, rules)
    if not found and parse is not None:
        found = parse_frames(text, span, parse, mentions, disc, rules)
    found = _inserted_reporter(text, span, found)
    for f in found:
        _home_spokesman(text, f.claimant, mentions, disc)
        _spoke_at_home(text, f, mentions, disc)
    frames = [_dated_cut(_own_act_cut(f.trimmed(text), text, rules), text) for f in found]
    frames = [g for f in frames for g in _and_put(f, text, rules)]
    if frames:
        # the speaker of the clause, not one quoted inside what he said ('"... Pakistan
        # has claimed that he is in their custody," Raveesh Kumar told reporters'): the
        # frame no other frame's claim holds
        outer = [f for f in frames if not any(g is not f and g.content[0] <= f.verb_span[0]
                                              and f.verb_span[1] <= g.content[1]
                                              for g in frames)]
        remember(disc, (outer or frames)[0].claimant)
        announce_account(disc, None)
    else:
        teller = _account_teller(text, span, mentions, rules)
        if teller is not None:
            remember(disc, teller)  # "X gave a different account." X speaks next
            announce_account(disc, teller)
    return frames


_HIS_SPOKESMAN = re.compile(r"\b(?:his|her)\s+(?:[\w\-]+\s+)?(?:spokes(?:man|woman|person)|"
                            r"press\s+secretary|aide)\s*,?\s*$", re.IGNORECASE)
# "... told reporters in Bangkok", "said in Jakarta on Friday": where the speaker spoke
_SPOKE_IN = re.compile(r"\s+(?:(?:reporters|journalists|a\s+news\s+conference|parliament)\s+)?"
                       r"(?:on\s+[A-Z]\w+\s+)?in\s+(?=[A-Z])")


def _spoke_at_home(text: str, frame: Frame, mentions: list[Mention], disc: Discourse) -> None:
    """A speaker the text ties to no state acts for the state of the body his apposition
    names ("X, the Second Army Region commander, said"), else of the place he spoke in: a
    capital ("Foreign Minister Marty Natalegawa said in Jakarta") or a town of one of the
    article's sides ("army spokesman Col Sansern told reporters in Bangkok"). A
    government's officials speak at home; a capital elsewhere would be named as a trip."""
    person = frame.claimant
    if not person.is_a("Person") or person.in_kb or person.state:
        return
    # (the reporter may follow its verb: '"...," said Lt Col X, the Jammu-based ...')
    named = [x for x in mentions if x.entity is person]
    at = text.rfind(person.label)
    if not named and at >= 0:
        # a speaker only the frame found ('..., said Colonel X, spokesman for ...')
        named = [Mention(at, at + len(person.label), person.label, person, "person",
                         frame.rule)]
    if named and _HIS_SPOKESMAN.search(text, max(0, named[-1].begin - 40), named[-1].begin):
        # "Guterres called on both countries ..., his spokesman Stephane Dujarric said":
        # he speaks for whom the person he speaks for acts for
        principal = next((x.entity for x in reversed(mentions) if x.end <= named[-1].begin
                          and x.entity is not None and x.entity.is_a("Person")
                          and x.entity.state), None)
        if principal is not None and principal.state:
            disc.acts_for(person, principal.state, "claim.spokesman-of")
            return
    role = _ROLE_APPOSITION.match(text, named[-1].end) if named else None
    if role is not None:
        # "..., Lt Gen Thawatchai, the Second Army Region commander, said": the body his
        # apposition names gives his state
        inside = [(x, x.entity) for x in mentions if role.start() <= x.begin < role.end()
                  and x.entity is not None]
        # ("the Jammu-based defence spokesperson": with no body, the place's state)
        _acts_for(person, [x for x, e in inside if e.is_actor] or [
            x for x, e in inside if e.is_place and not e.is_state], disc)
        based = re.search(r"\b([A-Z][\w]+)-based\b", role.group())
        place = disc.resolve_place(based.group(1)) if based and not person.state else None
        state = disc.state_of(place) if place is not None else None
        if state is not None and state.iri in {p.iri for p in disc.pair()}:
            disc.acts_for(person, state.iri, "claim.speaker-of")
        if person.state:
            return
    m = _SPOKE_IN.match(text, frame.verb_span[1])
    place = next((x.entity for x in mentions if m is not None and x.begin == m.end()
                  and x.entity is not None and x.entity.is_place), None)
    state = disc.state_of(place) if place is not None and not place.is_state else None
    if place is None or state is None:
        return
    capital = place.label in disc.gazetteer.capitals
    if capital or state.iri in {p.iri for p in disc.pair()}:
        disc.acts_for(person, state.iri, "claim.spoke-at-home")


# "Col X, a defence spokesman in Srinagar,": a post in a state's service that names no state
_HOME_POST = re.compile(r",\s+(?:an?|the)\s+(?:senior\s+)?(?:defen[cs]e|army|military|"
                        r"government|foreign\s+ministry|defen[cs]e\s+ministry|border\s+guard|"
                        r"border\s+service|police)\s+(?:spokes(?:man|woman|person)|official|"
                        r"officer)\b(?:\s+(?:in|at)\s+[A-Z][\w\-]+)?\s*,", re.IGNORECASE)


def _home_spokesman(text: str, person: Entity, mentions: list[Mention],
                    disc: Discourse) -> None:
    """A speaker the text gives only a post in a state's service ("Col X, a defence
    spokesman in Srinagar, accused Pakistan ...") acts for the state the report was filed
    from: a wire report names the other side's spokesmen with their state."""
    if disc.home is None or not person.is_a("Person") or person.in_kb or person.state:
        return
    at = next((m for m in mentions if m.entity is person), None)
    if at is None:
        return
    post = _HOME_POST.match(text, at.end)
    if post is not None and not any(at.end < m.begin < post.end() and m.entity is not None
                                    and m.entity.is_state for m in mentions):
        disc.acts_for(person, disc.home.iri, "claim.home-spokesman")


# "In Takeo province, the radio said, Cambodian forces had ...": a reporter set off by
# commas inside the sentence it reports
_INSERTED = re.compile(r",\s+((?:the\s+|its\s+|his\s+|her\s+)?[\w'\-]+(?:\s+[\w'\-]+){0,4}?)"
                       r"\s+(?:said|says|added|reported|claimed|stated),\s+(?=\S)")


def _inserted_reporter(text: str, span: tuple[int, int], found: list[Frame]) -> list[Frame]:
    """A reporter inserted between commas reports the sentence around it, also what
    follows it (read as a trailing reporter, it claimed only what comes before)."""
    begin, end = span
    m = _INSERTED.search(text, begin, end)
    if m is None or len(found) != 1 or found[0].content != (begin, m.start()) or \
            len(re.findall(r"[A-Za-z]+", text[m.end():end])) < 3 or \
            re.match(r"(?:[a-z]+ly\s+)?[a-z]+ing\b", text[m.end():end]):
        return found  # "..., it said, calling on Yerevan to ...": the reporter's own act
    f = found[0]
    return [f, Frame(f.claimant, f.verb, f.rule, (m.end(), end), f.verb_span)]


@lru_cache(maxsize=2)
def _account_pattern(rules: Rules) -> re.Pattern[str]:
    spec = rules.reporting["account"]
    # ("a very different account", "a quite different version")
    return re.compile(r"\s+(?:" + phrase_pattern(spec["verbs"]) + r")\s+(?:an?\s+)?"
                      r"(?:(?:very|quite|completely|entirely|totally|sharply)\s+)?(?:"
                      + phrase_pattern(spec["adjectives"]) + r")\s+(?:"
                      + phrase_pattern(spec["nouns"]) + r")\b", re.IGNORECASE)


def _account_teller(text: str, span: tuple[int, int], mentions: list[Mention],
                    rules: Rules) -> Entity | None:
    """The subject of "X gave a different account (of ...)"."""
    m = _account_pattern(rules).search(text, span[0], span[1])
    if m is None:
        return None
    subject = [x for x in _actors(mentions, span[0], m.start()) if x.kind != "pair"
               and x.entity is not None and x.end <= m.start()]
    if not subject:
        # "Peking radio gave a very different account": the channel's state
        channel = [x for x in mentions if x.kind == "channel" and x.cue is not None
                   and span[0] <= x.begin and x.end <= m.start()]
        return channel[-1].cue if channel else None
    return subject[-1].entity


_CLAUSE_OPENER = re.compile(r"(?:^|,)\s*(?:where|when|and|but|while|as)\s*,\s*$", re.IGNORECASE)


_NEXT_CLAUSE = re.compile(r"\s*(?:and|but|while|whereas|although)\b", re.IGNORECASE)


def _according_anaphor(text: str, b: int, e: int, phrase_end: int, begin: int, end: int,
                       lemma: str, disc: Discourse, rules: Rules) -> Frame | None:
    """"According to the service, CLAIM" / "CLAIM, according to the agency": a definite
    noun for a claimant named before."""
    phrase = text[e:phrase_end].strip(" ,.")
    if not phrase or anaphor(phrase, rules) != "definite":
        return None
    who = recall(disc, phrase, rules)
    if who is None:
        return None
    source_end = e + len(text[e:phrase_end].rstrip(" ,."))
    leading = b - begin <= 2
    content = (phrase_end + 1, end) if leading else (begin, b)
    return Frame(who, lemma, rules.reporting["according"]["id"], content, (b, source_end))


# "..., a day after Indian warplanes struck a camp near Balakot": a clause that measures
# from another event is the reporter's context for the report, not part of it
_DATED_AFTER = re.compile(r",\s+(?:(?:less|more)\s+than\s+|only\s+|barely\s+|just\s+)?"
                          r"(?:a\s+day|a\s+week|an\s+hour|hours|days|weeks|(?:two|three|four|"
                          r"five|several|a\s+few)\s+(?:hours|days|weeks))\s+(?:after|before)\s+",
                          re.IGNORECASE)


def _dated_cut(frame: Frame, text: str) -> Frame:
    if frame.accusation or frame.content[0] < frame.verb_span[0]:
        return frame
    cut = _DATED_AFTER.search(text, frame.content[0], frame.content[1])
    if cut is not None and text.count('"', frame.content[0], cut.start()) % 2 == 0:
        frame.content = (frame.content[0], cut.start())
    return frame


def _and_put(frame: Frame, text: str, rules: Rules) -> list[Frame]:
    """"It said 30 Algerian soldiers were killed and put Moroccan losses at seven dead": a
    count its teller puts, coordinated after what it said, is a claim of its own verb."""
    if frame.verb == "put":
        return [frame]
    m = next((m for m in _put_count(rules).finditer(text, *frame.content)
              if re.search(r"\s(?:and|,)\s+$", text[max(0, m.start() - 6):m.start()])), None)
    if m is None:
        return [frame]
    cut = text.rfind("and", frame.content[0], m.start())
    cut = cut if cut >= 0 else m.start()
    said = Frame(frame.claimant, frame.verb, frame.rule, (frame.content[0], cut),
                 frame.verb_span, frame.accused, frame.accusation, frame.mentions)
    put = Frame(frame.claimant, "put", frame.rule, (m.end("verb"), frame.content[1]),
                (m.start("verb"), m.end("verb")), mentions=frame.mentions)
    return [said, put]


def _own_act_cut(frame: Frame, text: str, rules: Rules) -> Frame:
    """"The White House condemned the attack and urged North Korea to halt": the appeal
    coordinated after the reporting verb is the speaker's own act, not what it reports."""
    if frame.content[1] <= frame.verb_span[0]:
        return frame  # "X spoke with Y and urged them ..., the Kremlin said": all reported
    m = _and_appeal(rules).search(text, frame.content[0], frame.content[1])
    if m is not None and not frame.accusation:
        frame.content = (frame.content[0], m.start())
    return frame


@lru_cache(maxsize=2)
def _and_appeal(rules: Rules) -> re.Pattern[str]:
    appeal = next(e for e in rules.events["event"] if e["class"] == "Appeal")
    verbs = [t for t in appeal["triggers"] if re.fullmatch(r"\w+ed(?: \w+)?", t)]
    return re.compile(r",?\s+and\s+(?:also\s+|\w+ly\s+)?" + phrase_pattern(verbs) + r"\b",
                      re.IGNORECASE)


def _find_frames(text: str, span: tuple[int, int], mentions: list[Mention], disc: Discourse,
                 rules: Rules) -> list[Frame]:
    begin, end = span
    joined = _and_accused(rules).search(text, begin, end)
    if joined is not None:
        # "Djibouti said nine soldiers were killed, and accused Asmara of launching an
        # attack": two reporting verbs of one subject, two frames
        said = _find_frames(text, (begin, joined.start()), mentions, disc, rules)
        if said and not said[0].accusation:
            for part in said:
                part.content = (part.content[0], min(part.content[1], joined.start()))
            return said + _accuse_frames(text, joined.start(), end, mentions, rules,
                                         accuser=said[0].claimant, disc=disc)
    frames = _accuse_frames(text, begin, end, mentions, rules,
                            accuser=_anaphoric_accuser(text, begin, end, disc, rules),
                            disc=disc) or \
        _traded_frames(text, begin, end, mentions, rules)
    if frames:
        return frames
    for b, e, lemma in rules.according.find(text, begin, end):
        # the source is inside the phrase: "according to unofficial estimates, Tajik
        # troops ..." has none (the troops are what is reported)
        opens = b - begin <= 2 or _CLAUSE_OPENER.search(text, begin, b) is not None
        phrase_end = text.find(",", e, end) if opens else end
        phrase_end = end if phrase_end < 0 else phrase_end
        if not opens:
            # "..., according to official data, and more than 140,000 people were
            # evacuated from the Kyrgyz side": the phrase ends where the next clause starts
            # ("..., according to Sansern, putting the number of Thai soldiers killed at
            # seven": a short phrase ends at its comma)
            comma = text.find(",", e, end)
            if comma >= 0 and (_NEXT_CLAUSE.match(text, comma + 1, end)
                               or len(text[e:comma].split()) <= 4
                               and re.match(r",\s+[a-z]", text[comma:end])):
                phrase_end = comma
        source = next((m for m in _actors(mentions, e, phrase_end)), None)
        named = recall_name(disc, text[e:phrase_end].strip(" ,.")) if source is None else None
        if named is not None:
            # "..., according to Sansern": a person named before, by one of his names
            found = [Frame(named, lemma, rules.reporting["according"]["id"],
                           (phrase_end + 1, end) if opens else (begin, b), (b, phrase_end))]
            if not opens and _TOLL_PARTICIPLE.match(text, phrase_end, end):
                # "..., according to Sansern, putting the number killed at seven"
                found.append(Frame(named, lemma, found[0].rule, (phrase_end + 1, end),
                                   (b, phrase_end)))
            return found
        if source is None:
            # "According to the service, ...": the body that spoke last, by its noun
            told = _according_anaphor(text, b, e, phrase_end, begin, end, lemma, disc, rules)
            if told is not None:
                return [told]
            continue
        if source.kind != "pair" and source.entity is None:
            continue
        # "both countries' security agencies": one source per side
        source_end = _possessed_end(text, source.end, end)
        comma = text.find(",", source_end, end)
        # "According to X, CLAIM" or "CLAIM, according to X"; also after the word that
        # opens a clause ("..., where, according to X, Tajik servicemen opened fire")
        leading = opens
        content = (comma + 1 if comma >= 0 else source_end, end) if leading else (begin, b)
        if not leading and source.kind != "pair":
            # "..., according to North Kivu's military governor, General X": X speaks
            phrase = [m for m in _actors(mentions, e, end) if m.kind != "pair"]
            person = next((m for m in phrase if m.entity is not None
                           and m.entity.is_a("Person")), None)
            if person is not None and person.entity is not None:
                # "North Kivu's military governor, General X": a place's state counts too
                places = [m for m in mentions if e <= m.begin and m.end <= person.begin
                          and m.entity is not None and m.entity.is_place]
                _acts_for(person.entity, [m for m in phrase if m is not person] + places,
                          disc)
                source = person
        claimants = source.pair if source.kind == "pair" else [source.entity]
        return [Frame(c, lemma, rules.reporting["according"]["id"], content,
                      (b, source_end)) for c in claimants if c is not None]
    quoted = quoted_as_saying(text, begin, end, rules)
    if quoted is not None:
        verb_begin, content_begin = quoted
        pronoun = re.search(r",\s*(he|she|it|they)\s+$", text[begin:verb_begin], re.IGNORECASE)
        who = recall(disc, pronoun.group(1), rules) if pronoun is not None else None
        if pronoun is not None and who is not None:
            # "CLAIM, he was quoted as saying by IRNA": the speaker named before
            comma = begin + pronoun.start()
            return [Frame(who, "say", rules.reporting["say"]["id"], (begin, comma),
                          (comma, end))]
        source = _subject(text, mentions, begin, verb_begin, disc) or _nearest_before(
            mentions, begin, verb_begin)
        if source is not None and source.entity is not None:
            comma = text.rfind(",", begin, source.begin)
            if comma > begin and (len(re.findall(r"[A-Za-z0-9]+", text[content_begin:end])) <= 4
                                  or _QUOTED_BY_TAIL.fullmatch(text, content_begin, end)):
                # "CLAIM, X was quoted as saying by the agency", "... by Kyrgyz news agency
                # 24.kg": the claim comes first
                return [Frame(source.entity, "say", rules.reporting["say"]["id"],
                              (begin, comma), (comma, end))]
            return [Frame(source.entity, "say", rules.reporting["say"]["id"],
                          (content_begin, end), (source.begin, content_begin))]
    first: list[Frame] = []
    for b, e, lemma in _reporting_verbs(text, begin, end, rules):
        if _NOT_REPORTING.match(text, e):
            continue  # "fired warning shots", "a stated aim": the word modifies a noun
        if b > 0 and text[b].isupper():
            continue  # "the United States": a capital word inside a sentence is a name
        if _INFINITIVE.search(text, begin, b):
            continue  # "asked the Security Council to condemn the attacks": asked for,
            # not reported
        frame = _say_frame(text, begin, end, b, e, lemma, mentions, disc, rules)
        if frame and not first:
            first = frame
            continue
        if frame and frame[0].content[0] <= first[0].verb_span[0] < frame[0].content[1]:
            # '"... Pakistan has claimed that he is in their custody," Raveesh Kumar told
            # reporters': the speaker whose claim holds the report quoted inside it
            return frame + first
        joined = re.search(r",\s+and\s+(?:also\s+)?$", text[begin:b]) if first else None
        if first and first[0].verb == "put" and joined is not None:
            # "Baku has put its own military losses at 16 dead, and said six civilians were
            # killed": the toll a side puts, then what else it said
            cut = begin + joined.start()
            for part in first:
                part.content = (part.content[0], min(part.content[1], cut))
            put_rest = (_content_begin(text, e, end, lemma), end)
            return first + [Frame(first[0].claimant, lemma, rules.reporting["say"]["id"], put_rest,
                                  (cut, e))]
    if first:
        return first
    nominal = _nominal_claim(text, begin, end, mentions, disc, rules)
    if nominal is not None:
        return [nominal]
    return _denial(text, begin, end, mentions, disc, rules)


# "rejected President Fujimori's claim that Peruvian troops had captured Tiwintza": a
# claim named by a noun its owner holds, with what is claimed after "that"
_NOMINAL_CLAIM = re.compile(r"'s\s+(?:(?:earlier|latest|repeated|new)\s+)?(?P<noun>claims?|"
                            r"allegations?|charges?|accusations?|assertions?|statement)"
                            r"\s+that\s+", re.IGNORECASE)
_NOMINAL_LEMMA = {"claim": "claim", "allegation": "allege", "charge": "charge",
                  "accusation": "accuse", "assertion": "assert", "statement": "say"}


def _nominal_claim(text: str, begin: int, end: int, mentions: list[Mention],
                   disc: Discourse, rules: Rules) -> Frame | None:
    """"X's claim that CLAIM": X claims what follows "that"."""
    m = _NOMINAL_CLAIM.search(text, begin, end)
    if m is None:
        return None
    owner = next((x for x in mentions if x.end == m.start() and x.kind != "pair"
                  and x.entity is not None), None)
    if owner is None or owner.entity is None:
        return None
    lemma = _NOMINAL_LEMMA[m.group("noun").lower().rstrip("s")]
    return Frame(_full_name(owner.entity, disc), lemma, rules.reporting["say"]["id"],
                 (m.end(), end), (owner.begin, m.end()))


def _reporting_verbs(text: str, begin: int, end: int, rules: Rules
                     ) -> list[tuple[int, int, str]]:
    """The say verbs of the lexicon in [begin, end), and "put ... at" counts ("put the toll
    on its side at"), in text order; a count phrase replaces the lexicon's shorter match
    inside it."""
    found = [f for f in rules.say_verbs.find(text, begin, end)
             if not text[f[0]:f[1]].endswith("s") or not _PLURAL_NOUN.search(text, begin, f[0])]
    # a phrase of the lexicon ("puts its own losses at": the reporter's own side) wins
    phrases = [m for m in _put_count(rules).finditer(text, begin, end)
               if not any(f[0] == m.start() for f in found)]
    if not phrases:
        return found
    found = [f for f in found if not any(m.start() <= f[0] < m.end() for m in phrases)]
    # the verb is "put" alone: what it puts ("the death toll ... at 15") is the content, so
    # the figure keeps the words that make it a toll
    counts = [(m.start("verb"), m.end("verb"), "put") for m in phrases]
    return sorted(found + counts)


@lru_cache(maxsize=2)
def _put_count(rules: Rules) -> re.Pattern[str]:
    return re.compile(rules.reporting["put_count"]["pattern"])


# what may follow "was quoted as saying" when the claim came first: who quoted it
_QUOTED_BY_TAIL = re.compile(r"\s*(?:by|in)\s+[^,;:\"\u201c\u201d]{1,80}?[.!]?\s*")


def _denial(text: str, begin: int, end: int, mentions: list[Mention], disc: Discourse,
            rules: Rules) -> list[Frame]:
    """"Tajikistan denied that its troops had shelled the villages": the denied act is
    neither the article's statement nor the denier's claim. The frame claims nothing (an
    empty content) and takes the denied words out of the article's own voice."""
    spec = rules.reporting["deny"]
    m = re.compile(r"(?<![\w\-])" + phrase_pattern(spec["verbs"]) + r"(?![\w])",
                   re.IGNORECASE).search(text, begin, end)
    if m is None:
        return []
    source = _subject(text, mentions, begin, m.start(), disc)
    if source is None or source.entity is None:
        return []
    return [Frame(source.entity, spec["lemma"], spec["id"], (end, end), (source.begin, end))]


# a reporting word used as a modifier of the noun after it
_NOT_REPORTING = re.compile(r"\s+(?:shots?|signs?|lights?|sirens?|aims?|goals?|purposes?)\b",
                            re.IGNORECASE)

_CLAIMED_LIVES = re.compile(r"\s+(?:the\s+lives|(?:(?:some|about|around|more\s+than|at\s+least|"
                            r"over|nearly)\s+)?[\d,]+\s+(?:\w+\s+)?lives|\w+\s+lives)\b",
                            re.IGNORECASE)


def _say_frame(text: str, begin: int, end: int, b: int, e: int, lemma: str,
               mentions: list[Mention], disc: Discourse, rules: Rules) -> list[Frame]:
    """One reporting verb at [b, e): the frame it heads, or [] if it heads none."""
    rule = rules.reporting["say"]["id"]
    if _PASSIVE.search(text[begin:b]):
        return []  # "is reported to have": hearsay, not a source
    if _RELATIVE_SUBJECT.search(text, begin, b):
        return []  # "accepted the agreements, which Libya denounced": the verb's object is
        # the noun before "which", not the clause it hangs from
    if lemma == "claim" and _CLAIMED_LIVES.match(text, e, end):
        return []  # "a war that claimed some 30,000 lives": no one reporting
    if _CONTACT_RELATIVE.search(text, begin, b) and _ONLY_WHEN.match(text, e, end):
        return []  # "a ceasefire the two armies had announced days earlier"
    if re.match(r"\s+by\b", text[e:end]) and not re.search(r"\bas\s+$", text[begin:b]):
        return []  # "a hillside claimed by both countries": a participle, no report
    if lemma == "write" and re.match(r"\s+to\b(?![^.;]*\bthat\b)(?![^.;]*[\"“:])", text[e:end]):
        return []  # "wrote to the council, asking it to convene": a letter, no report
    if lemma == "declare" and not re.match(r"\s+(?:on\s+\w+\s+)?(?:that\b|[\"“])", text[e:end]):
        return []  # "Armenia declared martial law": an act, not a report
    head = text[begin:b]
    comma = head.rstrip().rfind(",")
    # '"Thai soldiers fired first," said X': the closing quote is no part of the reporter
    between = head[comma + 1:].strip().strip('"') .strip() if comma >= 0 else head.strip()
    # "the Joint Chiefs of Staff (JCS) said": the acronym the text introduces is no part
    # of the reporter's phrase
    between = _ACRONYM.sub("", between)
    # "CLAIM, it said Friday", "CLAIM, the ministry said in a statement", and at the start
    # of a sentence "It said ...", "The statement added that ...": the reporter named before
    named = [m for m in _actors(mentions, b - len(between) - 1, b) if m.kind != "pair"]
    if not named and comma > 0 and _COUNTRYS.match(between):
        # "Kyrgyz authorities evacuated 9,000 people, the country's emergencies ministry
        # said": the state of the actor the report names before it speaks
        owners = [disc.state_of(m.entity) for m in _actors(mentions, begin, begin + comma)
                  if m.entity is not None]
        owner = next((s for s in reversed(owners) if s is not None), None)
        if owner is not None:
            return _and_added(text, [Frame(owner, lemma, rule, (begin, begin + comma),
                                           (begin + comma, e))], e, end, rules)
    shared = _SHARED_SUBJECT.match(between) if named and comma < 0 else None
    if shared is not None and anaphor(shared.group("subj"), rules) is not None:
        # "He dismissed the Indian reports as fabrication and said ...": the subject of the
        # first verb reports, not a name inside its object
        named, between = [], shared.group("subj")
    pronoun = anaphor(between, rules) if not named else None
    if pronoun is None and not named and comma < 0:
        # "In a statement on Wednesday it said ...": the pronoun after an opening adjunct
        core = _LEAD_ADJUNCT.sub("", between)
        if core != between and anaphor(core, rules) == "pronoun":
            pronoun, between = "pronoun", core
    if pronoun is not None:
        source = _resolve_pronoun(mentions, begin + max(comma, 0)) if comma > 0 and \
            pronoun == "pronoun" and between.lower() in {"it", "they"} else None
        if source is not None and (source.begin - begin > 4 or source.kind == "demonym"):
            source = None  # "Eleven Kyrgyz citizens were wounded, it said": not Kyrgyzstan
        if source is not None and source.kind == "force" and between.lower() == "it":
            source = None  # "Tajik border guards returned fire, it said": troops are no "it"
        last = recall(disc, between, rules)
        if source is not None and source.entity is not None and last is not None and \
                disc.state_of(last) is not None and \
                disc.state_of(source.entity) is not disc.state_of(last):
            # "X gave a different version. Kyrgyz servicemen had shot at residents, it
            # said": the other side's troops are what X reports, not who reports it
            source = None
        if comma > 0 and re.match(r"(?:his|her)\s+\w+", between, re.IGNORECASE):
            # "X chaired a meeting, his office said": the person this sentence names first
            source = next((m for m in mentions if begin <= m.begin < begin + comma
                           and m.entity is not None and m.entity.is_a("Person")), None)
        if source is None and re.match(r"(?:its|their)\s", between, re.IGNORECASE):
            # "Tajikistan gave no toll, but its officials said ...": the state this
            # sentence named before the possessive
            # (or the bloc: "The CSTO, ..., urged Bishkek and Dushanbe to ..., its
            # secretariat said")
            states = [m for m in mentions if m.end <= b - len(between)
                      and m.entity is not None and m.kind == "name"
                      and (m.entity.is_state or m.entity.is_a("Organization", "Alliance"))]
            blocs = [m for m in states if m.entity is not None and not m.entity.is_state
                     and m.begin - begin <= 4]
            # ("Pakistan carried out strikes on hideouts in Iran's Sistan-Baluchestan
            # province, its foreign office said": the subject, not a place's owner)
            subject = [m for m in states if m.begin - begin <= 4
                       and not text.startswith("'s", m.end)]
            states = blocs or subject or states
            source = states[-1] if states else None
        claimant = source.entity if source is not None else recall(disc, between, rules)
        if claimant is not None:
            if comma > 0 and _OPENER.match(text, begin, begin + comma) and \
                    len(re.findall(r"[A-Za-z0-9]+", text[e:end])) >= 4:
                # "In a statement on state radio, it said Thai shells had killed ...": what
                # stands before the comma opens the sentence, the claim follows the verb
                content_begin = _content_begin(text, e, end, lemma)
                return [Frame(claimant, lemma, rule, (content_begin, end), (begin, e))]
            if comma > 0:
                stop = text.find(",", e, end)
                return _and_added(text, [Frame(claimant, lemma, rule, (begin, begin + comma),
                                               (begin + comma, stop if stop > 0 else e))],
                                  e, end, rules)
            content_begin = _content_begin(text, e, end, lemma)
            if len(re.findall(r"[A-Za-z0-9]+", text[content_begin:end])) >= 2:
                return [Frame(claimant, lemma, rule, (content_begin, end), (begin, e))]
    # inverted: "CLAIM, said Colonel X, spokesman for the army"
    if comma > 0 and not between:
        reporter_end = text.find(",", e, end)
        reporter_end = end if reporter_end < 0 else reporter_end
        after = [m for m in _actors(mentions, e, reporter_end) if m.kind != "pair"]
        if len(text[e:reporter_end].split()) > 10:
            after = []  # ", said Algerian forces launched a counterattack ...": a clause
        if after and re.fullmatch(r"\s*(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}",
                                  text[e:after[0].begin]) and \
                re.fullmatch(r"[\s.!?\"')]*", text[after[-1].end:reporter_end]):
            source = next((m for m in after if m.entity is not None
                           and m.entity.is_a("Person")), after[0])
            if source.entity is not None:
                _speaker_state(text, source.entity, source.end, end, mentions, disc, rules)
                return [Frame(_full_name(source.entity, disc), lemma, rule,
                              (begin, begin + comma), (begin + comma, reporter_end))]
        speaker = _INVERTED_NAME.match(text, e, reporter_end)
        if speaker and not after and len(speaker.group("name").split()) >= 2:
            # "..., said Colonel Philip Aguer, spokesman for the army": a person the
            # recognisers did not know, named as the speaker
            person = disc.mint("Person", speaker.group("name"), rule="entity.person-speaker")
            _speaker_state(text, person, speaker.end(), end, mentions, disc, rules)
            disc.note(person, speaker.start("name"))  # written with the article
            return [Frame(person, lemma, rule, (begin, begin + comma),
                          (begin + comma, reporter_end))]
        if re.fullmatch(r"\s*(?:an?|the|its|their)\s+[\w\s\-']{0,40}[.!?\"']*\s*",
                        text[e:reporter_end]):
            # "CLAIM, said an Indian army spokesman": the state his post is of, if named;
            # "CLAIM, said a spokesman": a reporter the text does not name
            owner = next((disc.state_of(m.entity) for m in mentions
                          if e <= m.begin and m.end <= reporter_end and m.entity is not None
                          and m.kind in {"demonym", "name", "force"}
                          and disc.state_of(m.entity) is not None), None)
            post = owner or _unnamed_post(text[e:reporter_end].strip(' .!?"\''), disc)
            return [Frame(post, lemma, rule, (begin, begin + comma),
                          (begin + comma, reporter_end))] if post is not None else []
    # trailing: "CLAIM, SOURCE said" (nothing much follows the verb)
    rest = _ADJUNCTS.sub("", text[e:end])
    rest = _TOLD.sub("", rest) if lemma == "tell" else rest
    rest = re.sub(r"^\s+that\b", "", rest)
    # (a comma inside a number, "138,000 people", ends no phrase)
    trailing = len(re.findall(r"[A-Za-z]+", re.split(r",(?!\d{3})", rest)[0])) <= 2
    # "Baku has put its losses at 16 dead, and said six civilians, including two children,
    # were killed": a predicate coordinated with the first, whose subject the clause has
    coordinated = re.fullmatch(r"(?:and|but)(?:\s+(?:also|then|later|\w+ly))?", between,
                               re.IGNORECASE) is not None
    if comma > 0 and trailing and not coordinated and not between:
        apposed = _apposed_reporter(text, begin, begin + comma, mentions)
        if apposed is not None:
            # "CLAIM, an army spokesman, Colonel X, told reporters": a name and its post
            # set off by commas report what stands before them
            start, person = apposed
            _speaker_state(text, person, begin + comma, end, mentions, disc, rules)
            _post_state(text, start, text.find(",", start + 1, begin + comma), person, disc)
            return [Frame(_full_name(person, disc), lemma, rule, (begin, start), (start, e))]
    if comma > 0 and trailing and not coordinated:
        tail = [m for m in _actors(mentions, begin + comma, b) if m.kind != "pair"]
        if tail and len(text[begin + comma + 1:b].split()) <= 14:
            source = _speaker(text, tail, b)
            if source.entity is not None and source.entity.is_a("Person") and len(tail) == 1:
                _post_state(text, begin + comma + 1,
                            text.rfind(",", begin + comma, source.begin), source.entity, disc)
            if source.entity is not None:
                claimant = _full_name(source.entity, disc)
                return _and_added(text, [Frame(claimant, lemma, rule, (begin, begin + comma),
                                               (begin + comma, e))], e, end, rules)
        pair = _final_pair(text, mentions, begin + comma + 1, b)
        if pair is not None:
            # "..., both sides said", "..., officials from both countries said": each
            # side reports what stands before the comma
            a, c = pair.pair
            return [Frame(side, lemma, rule, (begin, begin + comma), (begin + comma, e))
                    for side in (a, c)]
        named_before = recall_name(disc, between)
        if named_before is not None:
            # "..., Misri said earlier": the surname of a person named before
            return [Frame(named_before, lemma, rule, (begin, begin + comma), (begin + comma, e))]
        post = _unnamed_post(between, disc)
        if post is not None:
            return [Frame(post, lemma, rule, (begin, begin + comma), (begin + comma, e))]
        return []  # "..., officials said": a source the text does not name
    joint = _pair_subject(text, mentions, begin, b)
    if joint is not None:
        return _joint_say_frames(text, joint, lemma, e, end, rules)
    source = _subject(text, mentions, begin, b, disc)
    if source is None and comma < 0:
        # "Li said three armed Vietnamese ships had intruded ...": a person named before,
        # by one of his names
        named_before = recall_name(disc, between)
        if named_before is not None:
            source = Mention(begin, b, between, named_before, "person", rule)
    post = _unnamed_post(between, disc) if source is None and comma < 0 else None
    if post is not None:
        # "A military spokesman said Israeli jets had bombed ...": the home side's post
        source = Mention(begin, b, between, post, "name", rule)
    if source is None or source.entity is None:
        return []
    content_begin = _content_begin(text, e, end, lemma)
    if len(re.findall(r"[A-Za-z0-9]+", text[content_begin:end])) < 2:
        return []  # "..., officials said.": no named source and nothing after the verb
    return [Frame(source.entity, lemma, rule, (content_begin, end), (source.begin, e))]


# "a military spokesman", "an army official": a post in a state's service, no state named
_UNNAMED_POST = re.compile(r"(?:an?|the)\s+(?:senior\s+)?(?:military|army|defen[cs]e|"
                           r"defen[cs]e\s+ministry|foreign\s+ministry|government|border\s+guard|"
                           r"border\s+service|police|security)\s+(?:spokes(?:man|woman|person)|"
                           r"official|officer|source)(?:\s+(?:also|later|then))?", re.IGNORECASE)


def _unnamed_post(phrase: str, disc: Discourse) -> Entity | None:
    """The state of a post the text names only by its service ("A military spokesman
    said ..."): the state the report was filed from, else that of the side that spoke
    last."""
    if not _UNNAMED_POST.fullmatch(phrase.strip()):
        return None
    return dateline_home(disc) or disc.state_of(last_speaker(disc))


def _and_added(text: str, frames: list[Frame], e: int, end: int, rules: Rules) -> list[Frame]:
    """"..., X said, adding that Y", "..., it said, adding that Y": what the reporter added
    is his claim too."""
    more = _PARTICIPLE.match(text, e, end)
    if more is None:
        # "..., X told parliament in Yerevan, adding that Y": past the verb's own phrase
        comma = text.find(",", e, end)
        if comma > 0 and len(re.findall(r"[A-Za-z0-9]+", text[e:comma])) <= 6:
            more = _PARTICIPLE.match(text, comma, end)
    if more is None or not frames:
        return frames
    first = frames[0]
    verb = rules.say_verbs.value(more.group("verb")) or first.verb
    return frames + [Frame(first.claimant, verb, first.rule, (more.end(), end),
                           (more.start(), more.end()))]


def parse_frames(text: str, span: tuple[int, int], parse: Parse, mentions: list[Mention],
                 disc: Discourse, rules: Rules) -> list[Frame]:
    """Frames from the parse: a reporting verb (by lemma) with an `nsubj` that names an
    actor or refers back to one, and a `ccomp` (what is claimed) or, for a reporter
    appended to its claim ("..., officials in the district said"), the clause it hangs
    from as `parataxis`/`ccomp`'s head."""
    begin, end = span
    lemmas = set(rules.say_verbs.values.values()) | set(rules.accuse_verbs.values.values())
    for tok in parse.tokens_in(begin, end):
        if not tok.pos.startswith("VB") or tok.lemma not in lemmas:
            continue
        subjects = parse.children(tok.i, "nsubj")
        if not subjects:
            continue
        subj = parse.token(subjects[0])
        s_begin, s_end = parse.subtree_span(subj.i)
        if not (begin <= s_begin and s_end <= end):
            continue
        if _WHICH_BEFORE.search(text, begin, s_begin):
            continue  # "accepted the agreements, which Libya denounced": the verb's object
            # is the noun before it, not the clause the relative clause hangs from
        claimant = _parse_source(text, subj.begin, subj.end, s_begin, s_end, mentions, disc,
                                 rules)
        if claimant is None:
            continue
        complements = parse.children(tok.i, "ccomp")
        if complements:
            c_begin, c_end = parse.subtree_span(complements[0])
            if c_begin < tok.begin:  # "CLAIM, X said": the claim comes first
                content = (max(begin, c_begin), min(s_begin, tok.begin))
            else:
                content = (max(c_begin, tok.end), min(end, c_end))
        else:
            up = parse.parent(tok.i)
            if up is None or up[0] not in {"parataxis", "ccomp", "advcl"}:
                continue
            h_begin, _ = parse.subtree_span(up[1])
            content = (max(begin, h_begin), min(s_begin, tok.begin))
        content = (content[0], content[1] - len(text[content[0]:content[1]]) + len(
            text[content[0]:content[1]].rstrip(' ,"')))
        that = re.match(r"\s*that\s+", text[content[0]:content[1]])
        if that:
            content = (content[0] + that.end(), content[1])
        if len(re.findall(r"[A-Za-z]+", text[content[0]:content[1]])) < 2:
            continue
        frames = [Frame(claimant, tok.lemma, rules.reporting["say"]["id"], content,
                        (min(s_begin, tok.begin), max(s_end, tok.end)))]
        return _and_added(text, frames, max(s_end, tok.end), end, rules) \
            if content[1] <= tok.begin else frames
    return []


def _parse_source(text: str, head_begin: int, head_end: int, begin: int, end: int,
                  mentions: list[Mention], disc: Discourse, rules: Rules) -> Entity | None:
    """The actor a subject names: the mention on its head word, else a person in it, else
    its first actor; a pronoun or "the ministry" is the claimant named before."""
    inside = [m for m in _actors(mentions, begin, end) if m.kind != "pair"
              and m.entity is not None]
    on_head = [m for m in inside if m.begin <= head_begin < m.end or
               m.begin < head_end <= m.end]
    person = [m for m in inside if m.entity is not None and m.entity.is_a("Person")]
    for pick in (on_head, person, inside):
        if pick and pick[0].entity is not None:
            return pick[0].entity
    phrase = text[begin:end]
    if anaphor(phrase, rules) is not None:
        return recall(disc, phrase, rules)
    return None


def _content_begin(text: str, verb_end: int, end: int, lemma: str) -> int:
    """Where what is reported begins after the verb: past "on Thursday", "in a
    statement", "told reporters in Juba", "that"."""
    content_begin = verb_end
    for _ in range(2):
        adjunct = _ADJUNCTS.match(text, content_begin, end)
        if adjunct and adjunct.end() > content_begin:
            content_begin = adjunct.end()  # "said on Thursday that", "said in a statement"
        if lemma == "tell":
            told = _TOLD.match(text, content_begin, end)
            if told and told.end() > content_begin:
                content_begin = told.end()
    that = re.match(r"\s+that\b", text[content_begin:end])
    if that:
        content_begin += that.end()
    return content_begin


def _speaker_state(text: str, person: Entity, pos: int, end: int, mentions: list[Mention],
                   disc: Discourse, rules: Rules) -> None:
    """"..., said X, spokesman for the South's army" / "a spokeswoman for the ministry":
    the speaker acts for the state of the body his apposition names (or refers back to)."""
    apposition = re.match(r",\s+(?:an?|the)?\s*[^,;]{0,80}", text[pos:end])
    if apposition is None:
        return
    stop = pos + apposition.end()
    phrase = [m for m in _actors(mentions, pos, stop) if m.kind != "pair"]
    if not phrase:
        # "a spokesman for the governor of Kandahar Province": the state the place is in
        phrase = [m for m in mentions if pos <= m.begin and m.end <= stop and m.entity
                  is not None and m.entity.is_place and disc.state_of(m.entity) is not None]
    if not phrase:
        body = re.search(r"\b(?:the|its)\s+(?:[\w\-]+\s+){0,2}?[\w\-]+", text[pos:stop])
        earlier = recall(disc, body.group(), rules) if body else None
        if earlier is None or earlier.is_a("Person"):
            # "..., said Selome Tadesse, a government spokeswoman": a post in the service
            # of the state the report was filed from
            earlier = _unnamed_post(text[pos:stop].lstrip(" ,").rstrip(" ."), disc)
        if earlier is not None and not earlier.is_a("Person"):
            state = disc.state_of(earlier)
            if state is not None and not person.in_kb and not person.state:
                disc.acts_for(person, state.iri, "claim.speaker-of")
        return
    _acts_for(person, phrase, disc)


def _full_name(person: Entity, disc: Discourse) -> Entity:
    """"Misri said": the person named in full before, when the text now gives a surname."""
    if person.is_a("Person") and len(person.label.split()) == 1:
        return recall_name(disc, person.label) or person
    return person


# a post set off by commas beside a name: "an army spokesman", "the Defence Minister",
# "spokesman for the Sudan People's Liberation Army (SPLA)"
_APPOSED_POST = re.compile(r"\s*(?:(?:an?|the|its|their)\s+)?(?=[^,]*\b(?:spokes(?:man|woman|"
                           r"person)|minister|commander|chief|official|adviser|advisor|"
                           r"secretary|head|director|governor|ambassador|envoy|president|"
                           r"officer|general)\b)[\w\-']+(?:\s+[\w\-'()]+){0,8}\s*",
                           re.IGNORECASE)


def _apposed_reporter(text: str, begin: int, comma: int, mentions: list[Mention]
                      ) -> tuple[int, Entity] | None:
    """The reporter of "CLAIM, an army spokesman, Colonel X, told reporters" or "CLAIM,
    Colonel X, an army spokesman, said" (`comma` is the one just before the verb): where
    the reporter's phrase begins (its opening comma) and the person it names."""
    def person_in(a: int, z: int) -> Entity | None:
        inside = [m for m in mentions if a <= m.begin and m.end <= z and m.kind != "pair"]
        people = [m for m in inside if m.entity is not None and m.entity.is_a("Person")]
        if len(people) == 1 and len(text[a:z].split()) <= 5 and \
                re.fullmatch(r"[\s\w.\-'\"]*", text[a:people[0].begin]) and \
                re.fullmatch(r"\s*", text[people[0].end:z]):
            return people[0].entity
        return None

    c1 = text.rfind(",", begin, comma)
    c0 = text.rfind(",", begin, c1) if c1 > begin else -1
    if c0 <= begin:
        return None
    name, post = (c1 + 1, comma), (c0 + 1, c1)
    person = person_in(*name)
    if person is None or not _APPOSED_POST.fullmatch(text, *post):
        name, post = post, name
        person = person_in(*name)
        if person is None or not _APPOSED_POST.fullmatch(text, *post):
            return None
    return c0, person


def _speaker(text: str, tail: list[Mention], verb: int) -> Mention:
    """The reporter of "CLAIM, SOURCE said": the person nearest the verb ("Armenian Prime
    Minister Nikol Pashinyan told"), else the first actor of the reporter's phrase."""
    last = tail[-1]
    if last.entity is not None and last.entity.is_a("Person") and \
            re.fullmatch(r"\s*", text[last.end:verb]):
        return last
    return tail[0]


def _nearest_before(mentions: list[Mention], begin: int, pos: int) -> Mention | None:
    before = [m for m in _actors(mentions, begin, pos) if m.kind != "pair"]
    return before[-1] if before else None


def _anaphoric_accuser(text: str, begin: int, end: int, disc: Discourse,
                       rules: Rules) -> Entity | None:
    """"It accused Armenian forces of shelling villages", "The ministry also blamed ...":
    the claimant named before, when the accusing verb's whole subject refers back."""
    verbs = rules.accuse_verbs.find(text, begin, end)
    if not verbs:
        return None
    phrase = re.sub(r"\s+(?:also|later|then|further|again)\s*$", "", text[begin:verbs[0][0]])
    phrase = phrase.strip().strip('"').strip()
    opened = re.match(r"(.*),\s*(\S[^,]*)$", phrase)
    if opened is not None and _OPENER.match(opened.group(1)):
        # "In a statement issued on the evening of September 17, they accused ..."
        phrase = opened.group(2)
    return recall(disc, phrase, rules) if phrase and anaphor(phrase, rules) is not None \
        else None


# "blamed each other.", "blamed the other, ..." with nothing said of what for
_BARE_MUTUAL = re.compile(r"\s+(?:each\s+other|one\s+another|the\s+other)\s*(?:[.;]|$)",
                          re.IGNORECASE)
# a clause joined to the one before ("..., and the two sides blamed each other")
_JOINED_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while|with)|;)\s+", re.IGNORECASE)


def _accuse_frames(text: str, begin: int, end: int, mentions: list[Mention],
                   rules: Rules, accuser: Entity | None = None,
                   disc: Discourse | None = None) -> list[Frame]:
    """Accusations in [begin, end); `accuser` is the source when the verb's subject is
    that of an earlier verb ("X said ..., and accused Y of ...")."""
    spec = rules.reporting["accuse"]
    links = "|".join(spec["links"])
    for b, e, lemma in rules.accuse_verbs.find(text, begin, end):
        sources = [m for m in _actors(mentions, begin, b)]
        relative = _RELATIVE_INSERT.search(text, begin, b)
        if relative is not None and relative.end() >= b - 1 and \
                any(m.end <= relative.start() for m in sources):
            # "Eritrea, which gained independence from Ethiopia in 1993, accuses Addis
            # Ababa of ...": the subject stands before the relative clause
            sources = [m for m in sources if m.end <= relative.start()]
        if not sources and accuser is not None:
            sources = [Mention(b, b, accuser.label, accuser, "name", "claim.shared-subject")]
        if not sources:
            continue
        apposed = _apposed_speaker(text, sources, b, disc)
        if apposed is not None:
            sources = [*sources[:-1], apposed] if sources[-1] is not apposed else sources
        that = re.match(r"\s+(?:(?:on|late|early)\s+[A-Z]\w+day\s+)?that\b", text[e:end])
        if that and sources[-1].entity is not None:
            # "the committee charged that Kyrgyz soldiers had opened fire": an allegation
            # without a named accused; the claimed act says who
            return [Frame(sources[-1].entity, lemma, spec["id"], (e + that.end(), end),
                          (sources[-1].begin, e + that.end()))]
        relative = _BLAMED_ON_EACH_OTHER.search(text, begin, e) if lemma == "blame" else None
        if relative is not None and disc is not None and len(disc.pair()) == 2 and \
                relative.end() == e and \
                _ON_THE_OTHER.match(text, e, end):
            # "in fighting that each country blamed on the other": the antecedent of the
            # relative clause is what each side alleges of the other
            a, c = disc.pair()
            noun = re.search(r"(?:[\w\-]+\s+){0,2}[\w\-]+$", text[begin:relative.start()])
            content = (begin + noun.start() if noun else relative.start(), relative.start())
            span = (relative.start(), e)
            return [Frame(a, lemma, spec["id"], content, span, accused=c, accusation=True),
                    Frame(c, lemma, spec["id"], content, span, accused=a, accusation=True)]
        link = _link(text, e, end, links)
        blamed_on = re.compile(r"\s+on\s+(?:an?\s+|the\s+)?").search(text, e, end) \
            if lemma == "blame" else None
        if blamed_on is not None and (not link or link.group() == "of"
                                      or link.start() > blamed_on.start()):
            # "Seoul blamed the sinking on a North Korean torpedo": the act before "on",
            # the accused after it
            accused = next((m for m in _actors(mentions, blamed_on.end(), end) if m.entity
                            and m.begin - blamed_on.end() <= 20), None)
            source = sources[-1]
            if accused is not None and accused.entity is not None and source.entity is not None:
                relative = _RELATIVE_ACCUSER.search(text, begin, b)
                if relative is not None and relative.start("who") <= source.begin:
                    # "days after an ambush on its troops that Khartoum blamed on Ethiopian
                    # forces": what is blamed is the noun before "that"; the clause it
                    # hangs from is the article's own
                    noun = _ANTECEDENT.search(text, begin, relative.start())
                    content = (noun.start() if noun else relative.start(), relative.start())
                    return [Frame(source.entity, lemma, spec["id"], content,
                                  (relative.start(), e), accused=accused.entity,
                                  accusation=True)]
                return [Frame(source.entity, lemma, spec["id"], (e, blamed_on.start()),
                              (sources[0].begin, e), accused=accused.entity, accusation=True)]
        blamed_for = re.compile(r"\s+for\s+").search(text, e, end) if lemma == "blame" \
            else None
        act = rules.triggers.find(text, e, blamed_for.start()) if blamed_for else []
        if act and blamed_for is not None and sources[-1].entity is not None:
            # "blamed the shelling of Tachileik by Thai artillery for the deaths of three
            # civilians": the act blamed is what is alleged, its agent (after "by", else the
            # first side named in it) the accused
            by = re.search(r"\bby\s+", text[act[0][1]:blamed_for.start()])
            start = act[0][1] + by.end() if by is not None else e
            accused = next((m for m in _actors(mentions, start, blamed_for.start())
                            if m.entity is not None and not m.entity.is_place), None)
            if accused is not None and disc is not None and disc.state_of(
                    accused.entity) is not disc.state_of(sources[-1].entity):
                return [Frame(sources[-1].entity, lemma, spec["id"], (e, end),
                              (sources[-1].begin, e), accused=accused.entity,
                              accusation=True)]
        if not link and _BARE_MUTUAL.match(text, e, end):
            # "Both sides blamed each other.": each blames the other for the act just told
            # (findings.blamed_for_the_last_act gives each its claimed act)
            pair = _pair_from(sources)
            if len(pair) == 2:
                a, c = pair
                span = (_pair_mentions(sources)[0].begin, end)
                return [Frame(a, lemma, spec["id"], (end, end), span, accused=c,
                              accusation=True),
                        Frame(c, lemma, spec["id"], (end, end), span, accused=a,
                              accusation=True)]
        if not link:
            continue
        # "... of violating a ceasefire, hours after their leaders agreed to halt the
        # fighting": a clause that dates the accusation is the reporter's, not alleged
        dated = _DATING_CLAUSE.search(text, link.end(), end)
        content = (link.end(), dated.start() if dated else end)
        verb_span = (sources[0].begin, link.end())
        # "A and B accused each other of", "Both sides blamed the other for", "A and B
        # each accused the other of"
        mutual = re.match(r"\s+(?:each other|one another)\b", text[e:link.start() + 1]) or (
            (any(m.kind == "pair" for m in sources[-1:]) or len(_pair_from(sources)) == 2)
            and _mutual(rules).other.match(text, e, link.start() + 1))
        if mutual:
            pair = _pair_from(sources)
            if len(pair) == 2:
                a, c = pair
                # a clause before the subject is no part of the accusation ("X and Y
                # troops traded fire, as X and Y blamed each other")
                verb_span = (_pair_mentions(sources)[0].begin, link.end())
                joined = [x for x in _JOINED_CLAUSE.finditer(text, verb_span[0], b)]
                if joined:
                    # "A and B troops exchanged fire on Tuesday, and the two sides blamed
                    # each other": the subject that blames is the second clause's; what the
                    # first tells is the article's own
                    verb_span = (joined[-1].end(), link.end())
                return [Frame(a, lemma, spec["id"], content, verb_span, accused=c,
                              accusation=True),
                        Frame(c, lemma, spec["id"], content, verb_span, accused=a,
                              accusation=True)]
            continue
        accused = next((m for m in _actors(mentions, e, link.start()) if m.entity), None)
        source = sources[-1]
        if re.search(r",\s*$", text[begin:b]) and text[b:e].lower().endswith("ing") and \
                sources[0].kind != "pair":
            source = sources[0]  # "X said Y were to blame, accusing them of": X accuses
        elif text[b:e].lower().endswith("ing") and _SENT_WORDS.search(text, begin, b) and \
                sources[0].kind != "pair":
            # "Tajikistan sent a letter to UN Secretary-General Guterres accusing Kyrgyzstan
            # of ...": the sender accuses, not the addressee
            source = sources[0]
        other = _other_side(text, e, link.start(), source, disc) if accused is None else None
        if other is not None:
            # "..., accusing them of shooting at the water intake": the pronoun is the side
            # the source faces
            accused = Mention(e, link.start(), text[e:link.start()], other, "name",
                              "claim.accused-pronoun")
        if accused is None or accused.entity is None or source.entity is None:
            continue
        if disc is not None and disc.state_of(source.entity) is not None and \
                disc.state_of(source.entity) is disc.state_of(accused.entity):
            continue  # a side accuses the other, never itself: the source is misread
        frames = [Frame(source.entity, lemma, spec["id"], content, verb_span,
                        accused=accused.entity, accusation=True)]
        # "accused X of firing ... and claimed that two civilians were killed"
        also = _and_said(rules).search(text, content[0], end)
        if also:
            frames[0].content = (content[0], also.start())
            verb = (rules.say_verbs.value(also.group("verb")) if also.group("verb") else None) \
                or "say"
            # ("..., saying they had fired mortars": "they" are the accused)
            theirs = also.group("saying") and re.match(r"\s*(?:they|their)\b", text[also.end():end])
            frames.append(Frame(source.entity, verb, rules.reporting["say"]["id"],
                                (also.end(), end), (also.start(), also.end()),
                                accused=accused.entity if theirs else None))
        return frames
    return []


def _apposed_speaker(text: str, sources: list[Mention], verb: int,
                     disc: Discourse | None) -> Mention | None:
    """"Lt Gen X, a spokesman for Cambodia's Defence Ministry, blamed Thailand": the
    person whose apposition names his role accuses, for the state of the body it names."""
    person = next((m for m in sources if m.entity is not None and m.entity.is_a("Person")
                   and _ROLE_APPOSITION.match(text, m.end, verb)), None)
    if person is None or person.entity is None:
        return None
    _acts_for(person.entity, [m for m in sources if m is not person], disc)
    return person


# "the country's emergencies ministry", "the nation's army": a body of the state named before
_COUNTRYS = re.compile(r"(?:the\s+)?(?:country|nation|state)'s\s+(?:[\w\-]+\s+){0,3}"
                       r"(?:ministry|army|military|government|office|service|committee|"
                       r"agency|authorities|forces)$", re.IGNORECASE)

# what a side sends that may accuse ("a letter to the UN accusing ...")
_SENT_WORDS = re.compile(r"\b(?:letter|note|statement|complaint|message|protest|memorandum|"
                         r"appeal)\s+to\b", re.IGNORECASE)

_BLAMED_ON_EACH_OTHER = re.compile(r"\s+(?:that|which)\s+(?:each|both)\s+(?:country|side|"
                                  r"government|nation|army|sides|countries|governments|"
                                  r"nations|armies)\s+(?:has\s+|have\s+|had\s+)?blamed$",
                                  re.IGNORECASE)
_ON_THE_OTHER = re.compile(r"\s+on\s+(?:the\s+other|each\s+other|one\s+another)\b",
                           re.IGNORECASE)


_DATING_CLAUSE = re.compile(r",\s+(?:(?:hours|days|weeks|a\s+day|a\s+week|shortly|just|only|"
                            r"soon)\s+)?(?:after|before)\s+(?!(?:it|they|he|she)\b)",
                            re.IGNORECASE)


def _link(text: str, begin: int, end: int, links: str) -> re.Match[str] | None:
    """The "of"/"for" that introduces the alleged act: the first one before a gerund
    ("accused the army of the Democratic Republic of the Congo of firing"), else the first."""
    found = list(re.compile(rf"\b(?:{links})\b").finditer(text, begin, end))
    for m in found:
        if re.match(r"\s+(?:\w+ly\s+)?[a-z]\w+ing\b", text[m.end():end]):
            return m
    return found[0] if found else None


@lru_cache(maxsize=2)
def _and_subject(rules: Rules) -> str:
    """", and" + a new subject named with a capital + a finite reporting or appeal verb."""
    verbs = [v for v in rules.reporting["say"]["verbs"]
             if re.fullmatch(r"\w+(?:ed|s)|said|told", v)]
    verbs += [v for v in rules.reporting["accuse"]["verbs"] if " " not in v]
    verbs += ["urged", "called on", "called for", "appealed", "demanded"]
    return (r",\s+and\s+(?=(?:the\s+)?[A-Z][\w.'\-]*(?:\s+(?:of\s+)?[A-Z][\w.'\-]*){0,4}"
            r"\s+(?:also\s+|later\s+)?" + phrase_pattern(verbs) + r"\b)")


@lru_cache(maxsize=2)
def _and_accused(rules: Rules) -> re.Pattern[str]:
    # (", and it accused Khartoum of ...": the pronoun is the first verb's subject)
    return re.compile(r",?\s+and\s+(?:(?:it|he|she|they)\s+)?(?:also\s+|later\s+)?(?=(?:"
                      + phrase_pattern(list(rules.reporting["accuse"]["verbs"])) + r")\b)",
                      re.IGNORECASE)


@lru_cache(maxsize=2)
def _and_said(rules: Rules) -> re.Pattern[str]:
    # (also ", saying that ...": "accused Tajik forces of violating the ceasefire, saying
    # they had fired mortars at Kyrgyz positions")
    return re.compile(r"(?:,?\s+and\s+(?:also\s+)?(?P<verb>" + phrase_pattern(
        list(rules.reporting["say"]["verbs"])) + r")|,\s+(?P<saying>saying))\s+(?:that\b)?",
        re.IGNORECASE)


@dataclass(frozen=True)
class _Mutual:
    verbs: re.Pattern[str]
    links: re.Pattern[str]
    other: re.Pattern[str]
    other_anywhere: re.Pattern[str]


@lru_cache(maxsize=2)
def _mutual(rules: Rules) -> _Mutual:
    spec = rules.reporting["mutual"]
    return _Mutual(
        re.compile(r"(?<![\w\-])" + phrase_pattern(spec["verbs"]) + r"(?![\w])", re.IGNORECASE),
        re.compile(r"\s*(?:with\s+each\s+other\s+|with\s+one\s+another\s+)?(?:"
                   + phrase_pattern(spec["links"]) + r")\b\s*", re.IGNORECASE),
        re.compile(r"\s*(?:that\s+)?" + phrase_pattern(spec["other"]) + r"(?![\w])",
                   re.IGNORECASE),
        re.compile(r"\b(?:by|from)\s+" + phrase_pattern(spec["other"]) + r"(?![\w])",
                   re.IGNORECASE))


def _traded_frames(text: str, begin: int, end: int, mentions: list[Mention],
                   rules: Rules) -> list[Frame]:
    """"A and B traded accusations over the shelling": each side accuses the other."""
    spec = rules.reporting["mutual"]
    for m in _mutual(rules).verbs.finditer(text, begin, end):
        pair = _pair_from(_actors(mentions, begin, m.start()))
        if len(pair) != 2:
            continue
        link = _mutual(rules).links.match(text, m.end(), end)
        content = (link.end() if link else m.end(), end)
        a, c = pair
        return [Frame(a, spec["lemma"], spec["id"], content, (begin, content[0]), accused=c,
                      accusation=True),
                Frame(c, spec["lemma"], spec["id"], content, (begin, content[0]), accused=a,
                      accusation=True)]
    return []


def _possessed_end(text: str, pos: int, end: int) -> int:
    """End of "both countries' security agencies" after the possessor "both countries"."""
    m = re.match(r"(?:'s|')\s+(?:[\w\-]+\s+){0,3}?(?:agencies|services|ministries|"
                 r"governments|officials|authorities|forces|militaries|troops|"
                 r"spokes(?:men|persons|people)|statements|sources)\b", text[pos:end])
    return pos + m.end() if m else pos


def _pair_subject(text: str, mentions: list[Mention], begin: int, verb: int) -> Mention | None:
    """"Each side said", "Both countries' defence ministries said": a pair right before
    the reporting verb, with nothing but its possessed noun between."""
    for m in mentions:
        if m.kind != "pair" or not (begin <= m.begin and m.end <= verb) or len(m.pair) != 2:
            continue
        if text[m.begin:m.end].lower() in {"each other", "one another"}:
            continue
        gap = text[_possessed_end(text, m.end, verb):verb].strip()
        if not gap or re.fullmatch(r"(?:also|have|has|both|separately|later|earlier)", gap):
            return m
    return None


# what may stand before the pair of a sentence-final reporter ("officials from both
# countries said", "sources on both sides said")
_PAIR_REPORTERS = re.compile(r"\s*(?:(?:the\s+)?(?:officials?|sources?|authorities|"
                             r"spokes(?:men|persons|people)|militar(?:y|ies)|governments?)\s+"
                             r"(?:from|in|on|of|for)\s+)?", re.IGNORECASE)


def _final_pair(text: str, mentions: list[Mention], begin: int, verb: int) -> Mention | None:
    """The pair of a sentence-final reporter ("..., both sides said"): a pair mention
    that, with at most a reporter noun before it and its possessed noun after it ("both
    countries' officials"), is the whole of what stands between the comma and the verb."""
    for m in mentions:
        if m.kind != "pair" or len(m.pair) != 2 or not (begin <= m.begin and m.end <= verb):
            continue
        if text[m.begin:m.end].lower() in {"each other", "one another", "both"}:
            continue
        lead = _PAIR_REPORTERS.match(text, begin, m.begin)
        gap = text[_possessed_end(text, m.end, verb):verb].strip()
        if lead is not None and lead.end() == m.begin and (
                not gap or re.fullmatch(r"(?:have|has|also|later|separately)", gap)):
            return m
    return None


def _joint_say_frames(text: str, pair: Mention, lemma: str, verb_end: int, end: int,
                      rules: Rules) -> list[Frame]:
    """One frame per side; "each side said the other fired first" makes the other side
    the accused of each."""
    content_begin = verb_end
    adjunct = _ADJUNCTS.match(text, verb_end, end)
    if adjunct:
        content_begin = adjunct.end()
    that = re.match(r"\s+that\b", text[content_begin:end])
    if that:
        content_begin += that.end()
    # "each side said the other fired first", "each side saying it had repelled attacks by
    # the other": the other side is the accused
    other = _mutual(rules).other.match(text, content_begin, end) or \
        _mutual(rules).other_anywhere.search(text, content_begin, end)
    a, c = pair.pair
    rule = rules.reporting["say"]["id"]
    span = (pair.begin, verb_end)
    if other:
        return [Frame(a, lemma, rules.reporting["mutual"]["id"], (content_begin, end), span,
                      accused=c),
                Frame(c, lemma, rules.reporting["mutual"]["id"], (content_begin, end), span,
                      accused=a)]
    return [Frame(a, lemma, rule, (content_begin, end), span),
            Frame(c, lemma, rule, (content_begin, end), span)]


def _pair_from(sources: list[Mention]) -> list[Entity]:
    """The two sides of "X and Y accused each other" or "the two countries accused ...". """
    found: list[Entity] = []
    for m in _pair_mentions(sources):
        found.extend(m.pair if m.kind == "pair" else [m.entity] if m.entity else [])
    return found


def _pair_mentions(sources: list[Mention]) -> list[Mention]:
    """The mentions that name the two sides: the nearest the verb, since they are its
    subject ("Thai and Cambodian troops traded fire, as Thailand and Cambodia blamed each
    other"), and one state is never both sides."""
    def side(entity: Entity | None) -> str:
        if entity is None:
            return ""
        return entity.iri if entity.is_state else (entity.state or entity.iri)

    found: list[Mention] = []
    for m in reversed(sources):
        if m.kind == "pair" and not found and len({side(e) for e in m.pair}) == 2:
            return [m]
        if m.kind != "pair" and m.entity is not None and \
                side(m.entity) not in {side(f.entity) for f in found}:
            found.insert(0, m)
            if len(found) == 2:
                break
    return found


def direct_claimed(records: list[EventRecord], frame: Frame | None, disc: Discourse) -> None:
    """Inside a frame with an accused side ("A and B blamed each other for the fighting"),
    a hostile event the words leave undirected is the accused side's act against the
    claimant's: one directed claimed event per side."""
    if frame is None or frame.accused is None:
        return
    for record in records:
        if record.agent is not None or record.cls not in _DIRECTED:
            continue
        claimant = disc.state_of(frame.claimant) or frame.claimant
        record.agent, record.target = frame.accused, claimant
        # the two sides are agent and target now; what else the span named ("at the
        # General Assembly", "since the Soviet Union broke up") took no part
        record.participants = []


def hearsay(text: str, span: tuple[int, int], rules: Rules) -> bool:
    """"reportedly", "allegedly": the article does not vouch for it."""
    words = rules.reporting["hearsay"]["words"]
    return re.search(r"\b(?:" + "|".join(words) + r")\b", text[span[0]:span[1]],
                     re.IGNORECASE) is not None


def speech_times(text: str, rules: Rules) -> list[tuple[int, int]]:
    """Spans right after reporting verbs ("said on Friday", "said late Thursday"): a time
    there dates the statement, not what it reports."""
    spans = []
    for _, e, _ in rules.say_verbs.find(text):
        m = _ADJUNCTS.match(text, e)
        if m:
            spans.append((e, m.end()))
        bare = re.match(r"\s+(?:late\s+|early\s+)?[A-Z]\w+day\b", text[e:])
        if bare:
            spans.append((e, e + bare.end()))
    return spans


# A sentence that only names who reported the one before it ("The press center of the
# service reported.", "This was reported by the Border Service.", "The ministry said so.")
_REPORTED_BACK = re.compile(
    r"^\s*(?:(?:this|that|it)\s+(?:was|has\s+been|had\s+been)\s+(?P<passive>reported|"
    r"announced|stated|confirmed)\s+by\s+(?P<by>[^.;]+?)|(?P<who>[^.;,]+?)\s+(?P<verb>"
    r"reported|announced|stated|confirmed|said)(?:\s+(?:this|it|so|that))?)"
    r"(?:\s+(?:on|late\s+on|early\s+on)\s+\w+)?\s*\.?\s*$", re.IGNORECASE)


def reported_back(text: str, mentions: list[Mention], disc: Discourse, rules: Rules
                  ) -> Frame | None:
    """The frame of a sentence that reports the one before it (and says nothing itself):
    its claimant, named or a definite noun for a body named before ("the service"). The
    frame's spans are this sentence's; the claimed content is the previous sentence."""
    m = _REPORTED_BACK.match(text)
    if m is None:
        return None
    begin, end = m.span("by") if m.group("by") else m.span("who")
    verb = (m.group("passive") or m.group("verb")).lower()
    named = [x for x in _actors(mentions, begin, end) if x.kind != "pair" and x.entity]
    who = named[-1].entity if named else None
    if who is None:
        noun = re.search(r"\bthe\s+(?:[\w\-]+\s+){0,2}?(?:service|ministry|agency|committee|"
                         r"department|office|army|government|command)\b", text[begin:end],
                         re.IGNORECASE)
        if noun is None or anaphor(noun.group(), rules) != "definite":
            return None
        who = recall(disc, noun.group(), rules)
    if who is None:
        return None
    return Frame(who, rules.say_verbs.value(verb) or "say", rules.reporting["say"]["id"],
                 (0, 0), (begin, end))
