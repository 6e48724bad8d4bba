"""Attribution: who says what. Reported speech becomes a frame (claimant, reporting verb,
the span of text claimed), so that what it contains is recorded as a claim, not a fact.

Frames, in the order they are tried on a clause:
  SOURCE ACCUSE ACCUSED of CLAIM     "Tajikistan accused Kyrgyz forces of shelling ..."
  SOURCES ACCUSE each other of CLAIM  two frames, one per side
  according to SOURCE, CLAIM / CLAIM, according to SOURCE
  CLAIM, SOURCE SAY                  "... three others injured, authorities said"
  SOURCE SAY [that] CLAIM            "Kyrgyzstan's border service said Tajik forces ..."
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.mentions import Mention
from graph.extract.rules import Rules, phrase_pattern

if TYPE_CHECKING:
    from graph.extract.events import EventRecord

_RELATIVE = re.compile(r",\s+(?:which|where|who|whose|almost|nearly)\b")
# words between a reporting verb and what is reported ("said in a statement on Friday that")
_ADJUNCTS = re.compile(r"(?:,?\s+(?:in\s+a\s+(?:written\s+)?statement|to\s+reporters|"
                       r"to\s+journalists|in\s+an\s+interview|on\s+(?:its|his|her)\s+"
                       r"(?:website|telegram\s+channel|facebook\s+page)|(?:late|early)?\s*"
                       r"on\s+[A-Z]\w+day|earlier|later|separately|also|again))+",
                       re.IGNORECASE)
# hostile event classes whose agent and target an accusation gives
_DIRECTED = {"ArmedClash", "Shelling", "SmallArmsFire", "Occupation", "CeasefireViolation",
             "TroopBuildUp", "Airstrike", "DroneStrike", "Attack"}
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being)\s+$", re.IGNORECASE)


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
        if m and m.start() > b:
            self.content = (b, m.start())
        return self

    def covers(self, begin: int, end: int) -> bool:
        return self.content[0] <= begin and end <= self.content[1]


def clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans: split at semicolons and at ", but" (two statements, two sources)."""
    spans = []
    start = 0
    for m in re.finditer(r";\s*|,\s+but\s+|\s+but\s+(?=the\b)", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(b, e) for b, e in spans if text[b:e].strip()]


def _actors(mentions: list[Mention], begin: int, end: int) -> list[Mention]:
    return [m for m in mentions if begin <= m.begin and m.end <= end and
            (m.kind == "pair" or (m.entity is not None and (m.entity.is_actor)))]


def _subject(text: str, mentions: list[Mention], begin: int, verb: int) -> Mention | None:
    """The source of a reporting verb: the actor right before it, or the clause's first
    actor when an appositive or relative clause separates them ("The CSTO, a bloc of which
    ... are members, said")."""
    before = [m for m in _actors(mentions, begin, verb) if m.kind != "pair"]
    if not before:
        return None
    gap = text[before[-1].end:verb]
    if text[begin:verb].rstrip().endswith(",") or len(gap.split()) > 2:
        # skip possessive modifiers: "Kyrgyzstan's southern Batken province, ..., reported"
        heads = [m for m in mentions if begin <= m.begin < verb and m.entity is not None
                 and not text.startswith("'s", m.end)]
        first = heads[0] if heads else before[0]
        return first if first.entity is not None else None
    return before[-1]


def _resolve_pronoun(mentions: list[Mention], begin: int) -> Mention | None:
    """"it said": the first actor of the sentence."""
    actors = [m for m in mentions if m.begin < begin and m.entity is not None and m.entity.is_actor]
    return actors[0] if actors else None


def find_frames(text: str, span: tuple[int, int], mentions: list[Mention], disc: Discourse,
                rules: Rules) -> list[Frame]:
    """The attribution frames of one clause."""
    return [f.trimmed(text) for f in _find_frames(text, span, mentions, rules)]


def _find_frames(text: str, span: tuple[int, int], mentions: list[Mention],
                 rules: Rules) -> list[Frame]:
    begin, end = span
    frames = _accuse_frames(text, begin, end, mentions, rules) or \
        _traded_frames(text, begin, end, mentions, rules)
    if frames:
        return frames
    for b, e, lemma in rules.according.find(text, begin, end):
        source = next((m for m in _actors(mentions, e, end)), None)
        if source is None:
            continue
        if source.kind != "pair" and source.entity is None:
            continue
        # "both countries' security agencies": one source per side
        source_end = _possessed_end(text, source.end, end)
        comma = text.find(",", source_end, end)
        # "According to X, CLAIM" or "CLAIM, according to X"
        leading = b - begin <= 2
        content = (comma + 1 if comma >= 0 else source_end, end) if leading else (begin, b)
        claimants = source.pair if source.kind == "pair" else [source.entity]
        return [Frame(c, lemma, rules.reporting["according"]["id"], content,
                      (b, source_end)) for c in claimants if c is not None]
    for b, e, lemma in rules.say_verbs.find(text, begin, end):
        if _PASSIVE.search(text[begin:b]):
            continue  # "is reported to have": hearsay, not a source
        head = text[begin:b]
        comma = head.rstrip().rfind(",")
        between = head[comma + 1:].strip().lower() if comma >= 0 else ""
        if between in {"it", "they", "he", "she"}:
            # "CLAIM, it said Friday, ...": the pronoun is the sentence's first actor
            source = _resolve_pronoun(mentions, begin + comma)
            if source is not None and source.entity is not None:
                stop = text.find(",", e, end)
                return [Frame(source.entity, lemma, rules.reporting["say"]["id"],
                              (begin, begin + comma), (begin + comma, stop if stop > 0 else e))]
        # trailing: "CLAIM, SOURCE said" (nothing much follows the verb)
        rest = _ADJUNCTS.sub("", text[e:end])
        rest = re.sub(r"^\s+that\b", "", rest)
        trailing = len(re.findall(r"[A-Za-z]+", rest.split(",")[0])) <= 2
        if comma > 0 and trailing:
            tail = [m for m in _actors(mentions, begin + comma, b) if m.kind != "pair"]
            if tail and len(text[begin + comma + 1:b].split()) <= 9:
                source = tail[0]
                if source.entity is not None:
                    return [Frame(source.entity, lemma, rules.reporting["say"]["id"],
                                  (begin, begin + comma), (begin + comma, e))]
            continue  # "..., officials said": a source the text does not name
        joint = _pair_subject(text, mentions, begin, b)
        if joint is not None:
            return _joint_say_frames(text, joint, lemma, e, end, rules)
        source = _subject(text, mentions, begin, b)
        if source is None or source.entity is None:
            continue
        content_begin = e
        adjunct = _ADJUNCTS.match(text, e, end)
        if adjunct:
            content_begin = adjunct.end()  # "said on Thursday that", "said in a statement"
        that = re.match(r"\s+that\b", text[content_begin:end])
        if that:
            content_begin += that.end()
        if len(re.findall(r"[A-Za-z]+", text[content_begin:end])) < 2:
            continue  # "..., officials said.": no named source and nothing after the verb
        return [Frame(source.entity, lemma, rules.reporting["say"]["id"], (content_begin, end),
                      (source.begin, e))]
    return []


def _accuse_frames(text: str, begin: int, end: int, mentions: list[Mention],
                   rules: Rules) -> list[Frame]:
    spec = rules.reporting["accuse"]
    links = "|".join(spec["links"])
    for b, e, lemma in rules.accuse_verbs.find(text, begin, end):
        link = re.compile(rf"\b(?:{links})\b").search(text, e, end)
        if not link:
            continue
        sources = [m for m in _actors(mentions, begin, b)]
        if not sources:
            continue
        content = (link.end(), end)
        verb_span = (sources[0].begin, link.end())
        mutual = re.match(r"\s+(?:each other|one another)\b", text[e:link.start() + 1]) or (
            any(m.kind == "pair" for m in sources[-1:])
            and _mutual(rules).other.match(text, e, link.start() + 1))
        if mutual:
            pair = _pair_from(sources)
            if len(pair) == 2:
                a, c = pair
                return [Frame(a, lemma, spec["id"], content, verb_span, accused=c,
                              accusation=True),
                        Frame(c, lemma, spec["id"], content, verb_span, accused=a,
                              accusation=True)]
            continue
        accused = next((m for m in _actors(mentions, e, link.start()) if m.entity), None)
        source = sources[-1]
        if accused is None or accused.entity is None or source.entity is None:
            continue
        return [Frame(source.entity, lemma, spec["id"], content, verb_span,
                      accused=accused.entity, accusation=True)]
    return []


@dataclass(frozen=True)
class _Mutual:
    verbs: re.Pattern[str]
    links: re.Pattern[str]
    other: re.Pattern[str]


@lru_cache(maxsize=2)
def _mutual(rules: Rules) -> _Mutual:
    spec = rules.reporting["mutual"]
    return _Mutual(
        re.compile(r"(?<![\w\-])" + phrase_pattern(spec["verbs"]) + r"(?![\w])", re.IGNORECASE),
        re.compile(r"\s*(?:with\s+each\s+other\s+|with\s+one\s+another\s+)?(?:"
                   + phrase_pattern(spec["links"]) + r")\b\s*", re.IGNORECASE),
        re.compile(r"\s*(?:that\s+)?" + phrase_pattern(spec["other"]) + r"(?![\w])",
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
    other = _mutual(rules).other.match(text, content_begin, end)
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
    for m in sources:
        if m.kind == "pair":
            return m.pair
    found: list[Entity] = []
    for m in sources:
        if m.entity is not None and m.entity.iri not in {f.iri for f in found}:
            found.append(m.entity)
    return found[-2:] if len(found) >= 2 else found


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
        accused = disc.state_of(frame.accused) or frame.accused
        record.agent, record.target = frame.accused, claimant
        record.participants = [p for p in record.participants
                               if (disc.state_of(p) or p).iri not in {claimant.iri, accused.iri}]


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
