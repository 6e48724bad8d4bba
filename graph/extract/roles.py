"""Predicates with roles: for one trigger word, the mentions the dependency parse puts in
its agent, target and place slots (tables in graph/rules/roles.toml, paths walked by
graph/extract/grammar.py).

An argument is a token; it is tied to the mention the entity layer found at that token,
or, when the token itself names nothing ("civilians", "positions"), to a mention on one
of its modifiers ("Karvenian civilians", "positions of the Borovian army")."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.extract.grammar import Parse, first_match, follow, voice
from graph.extract.mentions import Mention
from graph.extract.rules import Rules


@dataclass
class ParsedRoles:
    """What the parse says about one trigger; empty lists where it says nothing."""

    voice: str
    agent: list[Mention] = field(default_factory=list)
    target: list[Mention] = field(default_factory=list)
    place: list[Mention] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # role table ids that gave them
    agent_token: int | None = None  # the agent's head word, even when it names nothing
    agent_noun: bool = False  # that word is a noun naming no entity ("gunmen opened fire")

    @property
    def found(self) -> bool:
        return bool(self.agent or self.target or self.place)


def _is_actor(m: Mention) -> bool:
    return m.kind == "pair" or (m.entity is not None and m.entity.is_actor)


def mention_of(parse: Parse, i: int, mentions: list[Mention], rules: Rules,
               depth: int = 2) -> Mention | None:
    """The mention a token stands for: one covering it, else one on its modifiers."""
    tok = parse.token(i)
    covering = [m for m in mentions if m.begin <= tok.begin and tok.end <= m.end]
    if covering:
        return max(covering, key=lambda m: (m.entity is not None, m.end - m.begin))
    if depth == 0:
        return None
    modifiers = rules.roles.get("argument", {}).get("modifiers", [])
    for rel in modifiers:
        for child in parse.children(i, rel):
            found = mention_of(parse, child, mentions, rules, depth - 1)
            if found is not None:
                return found
    return None


def _fill(parse: Parse, start: int, paths: list[str], mentions: list[Mention], rules: Rules,
          *, want_place: bool = False) -> tuple[list[Mention], int | None]:
    """Mentions in the first path that reaches one; also the first word any path reached
    (a slot filled by something unnamed: "was shelled by gunmen")."""
    first: int | None = None
    for path in paths:
        match = first_match(parse, start, [path])
        if match is None:
            continue
        first = match[1][0] if first is None else first
        out: list[Mention] = []
        for tok in match[1]:
            # the host itself ("by Doltarian shelling") stands only for what it names
            m = mention_of(parse, tok, mentions, rules, depth=0 if path == "." else 2)
            if m is None:
                continue
            ok = (m.entity is not None and m.entity.is_place) if want_place else \
                _is_actor(m) or (m.entity is not None and m.entity.is_place)
            if ok and m not in out:
                out.append(m)
        if out:
            return out, first
    return [], first


def parse_roles(parse: Parse, trigger: tuple[int, int], mentions: list[Mention],
                rules: Rules) -> ParsedRoles | None:
    """The roles of the trigger at `trigger` (character span in the sentence), or None
    when the parse has no word there."""
    head = parse.head_of(*trigger)
    if head is None:
        return None
    table = rules.roles
    how = voice(parse, head.i)
    spec = table.get(how, {})
    out = ParsedRoles(how)
    agent_paths, target_paths = spec.get("agent", []), spec.get("target", [])
    taken = table.get("taken-from", {})
    taken_from = how != "nominal" and head.lemma in taken.get("lemmas", [])
    if taken_from:
        agent_paths = [p for p in agent_paths if p not in taken["target"]]
        target_paths = taken["target"] + target_paths
    out.agent, out.agent_token = _fill(parse, head.i, agent_paths, mentions, rules)
    out.target, _ = _fill(parse, head.i, target_paths, mentions, rules)
    out.place, _ = _fill(parse, head.i, spec.get("place", []), mentions, rules,
                         want_place=True)
    if out.found:
        out.rules.append(spec.get("id", how))
        if taken_from and out.target:
            out.rules.append(taken["id"])
    # the parser often hangs a noun in -ing under the word before it ("overnight
    # shelling", "The shelling of"): the roles of the phrase then sit on that word
    anchors = [head.i]
    up = parse.parent(head.i)
    if up is not None and up[0] in {"amod", "compound"} and \
            (head.pos.startswith("NN") or head.pos == "VBG"):
        anchors.append(up[1])
    for host_spec, anchor in ((h, a) for h in table.get("host", []) for a in anchors):
        if out.agent and out.target:
            break
        hosts = follow(parse, anchor, host_spec["up"], conj=False)
        for host in hosts:
            used = False
            if not out.agent and host_spec.get("agent"):
                out.agent, tok = _fill(parse, host, host_spec["agent"], mentions, rules)
                out.agent_token = out.agent_token or tok
                used = bool(out.agent)
            if not out.target and host_spec.get("target"):
                out.target, _ = _fill(parse, host, host_spec["target"], mentions, rules)
                used = used or bool(out.target)
            if used:
                out.rules.append(host_spec["id"])
    if not out.agent and out.agent_token is not None:
        out.agent_noun = parse.token(out.agent_token).pos.startswith("NN")
    # the same entity is not both sides of one act
    agents = {id(m) for m in out.agent}
    out.target = [m for m in out.target if id(m) not in agents]
    return out
