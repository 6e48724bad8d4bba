"""Patterns over a dependency parse (Universal Dependencies): which words fill which role
of a word, read off the relations between them rather than their order.

A `Parse` is one sentence's tokens and arcs, with character offsets into the sentence
text. A *path* names a walk from one token to others, written as steps joined by "/":

    nsubj           a child over an `nsubj` arc
    obl:by          a child over `obl:by` (enhanced UD), or over `obl` with a `case`
                    child whose lemma is "by" (basic UD): both spellings match
    ^obj            up to the head, when the token hangs from it over `obj`
    ^obl:under/obl:from   up over `obl:under`, then down over `obl:from`
    *               any relation (e.g. "^*" is the head, whatever the arc)
    .               the token itself

A relation without a subtype ("obl") matches every subtype ("obl:on", "obl:agent").
Arguments are expanded over `conj` ("Karvenia and Doltaria": both heads), unless
`conj=False`. The role tables that use these paths are data: graph/rules/roles.toml.

Public API (small, used by events and by attribution frames):
    Parse.from_corenlp(sentence, offset)   build from CoreNLP JSON (one sentence)
    Parse.token_at(offset) / tokens_in(begin, end) / head_of(begin, end)
    Parse.children(i, rel) / Parse.parent(i) / Parse.subtree_span(i)
    follow(parse, i, path)                 token indices a path reaches from token i
    first_match(parse, i, paths)           (path, tokens) of the first path that matches
    voice(parse, i)                        "passive", "active" or "nominal"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Token:
    """One word of a parsed sentence; `begin`/`end` are offsets into the sentence text."""

    i: int  # 1-based, as in CoreNLP and CoNLL-U; 0 is the root
    word: str
    lemma: str
    pos: str  # Penn tag (CoreNLP's `pos`)
    begin: int
    end: int
    ner: str = "O"


@dataclass(frozen=True)
class Arc:
    rel: str  # "nsubj", "obl:by", "nmod:poss", ...
    head: int
    dep: int


@dataclass
class Parse:
    """A dependency-parsed sentence: the basic UD tree (`basic`, one head per token) and
    the enhanced arcs over it (`arcs`: shared subjects, relations with their preposition),
    which are what the paths walk."""

    tokens: list[Token]
    arcs: list[Arc]
    basic: dict[int, tuple[str, int]] = field(default_factory=dict)  # dep -> (rel, head)
    _down: dict[int, list[Arc]] = field(default_factory=dict, repr=False)
    _up: dict[int, list[Arc]] = field(default_factory=dict, repr=False)
    _by_i: dict[int, Token] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._down, self._up = {}, {}
        self._by_i = {t.i: t for t in self.tokens}
        for arc in self.arcs:
            self._down.setdefault(arc.head, []).append(arc)
            self._up.setdefault(arc.dep, []).append(arc)
        if not self.basic:
            for arc in self.arcs:
                self.basic.setdefault(arc.dep, (arc.rel, arc.head))

    @classmethod
    def from_corenlp(cls, sentence: Mapping[str, Any], offset: int = 0,
                     deps: str = "enhancedPlusPlusDependencies") -> Parse:
        """One sentence of CoreNLP's JSON output; `offset` is subtracted from the
        character offsets so they count from the start of our sentence text."""
        tokens = [Token(t["index"], t["word"], t.get("lemma", t["word"]).lower(),
                        t.get("pos", ""), t["characterOffsetBegin"] - offset,
                        t["characterOffsetEnd"] - offset, t.get("ner", "O"))
                  for t in sentence["tokens"]]
        arcs_in = sentence.get(deps) or sentence.get("basicDependencies") or []
        arcs = [Arc(a["dep"], a["governor"], a["dependent"]) for a in arcs_in
                if a["governor"] != 0]
        basic = {a["dependent"]: (a["dep"], a["governor"])
                 for a in sentence.get("basicDependencies", []) if a["governor"] != 0}
        return cls(tokens, arcs, basic)

    @classmethod
    def from_annotation(cls, annotation: Any, begin: int, end: int) -> Parse | None:
        """The parse of the text span [begin, end) of an article's `Annotation`
        (graph/annotate/types.py), with offsets counted from `begin`: a sentence of the
        document layer. Arcs leaving the span are dropped. None when no token is there."""
        found = annotation.tokens_in(begin, end)
        if not found:
            return None
        local = {t.index: n + 1 for n, t in enumerate(found)}
        tokens = [Token(local[t.index], t.text, (t.lemma or t.word).lower(), t.pos,
                        t.begin - begin, t.end - begin, t.ner) for t in found]
        arcs: list[Arc] = []
        basic: dict[int, tuple[str, int]] = {}
        for t in found:
            me = local[t.index]
            if t.head is not None and t.head in local:
                basic[me] = (t.rel, local[t.head])
            enhanced = [(a.head, a.rel) for a in t.enhanced] or [(t.head, t.rel)]
            for head, rel in enhanced:
                if head is not None and head in local:
                    arcs.append(Arc(rel, local[head], me))
        return cls(tokens, arcs, basic)

    # ------------------------------------------------------------ tokens by position
    def token(self, i: int) -> Token:
        return self._by_i[i]

    def token_at(self, offset: int) -> Token | None:
        """The token covering a character offset of the sentence."""
        return next((t for t in self.tokens if t.begin <= offset < t.end), None)

    def tokens_in(self, begin: int, end: int) -> list[Token]:
        return [t for t in self.tokens if t.begin < end and t.end > begin]

    def head_of(self, begin: int, end: int) -> Token | None:
        """The syntactic head of a span: its token whose head lies outside the span
        ("opened fire" -> "opened", "the Borovian army" -> "army")."""
        inside = self.tokens_in(begin, end)
        ids = {t.i for t in inside}
        for t in inside:
            up = self.basic.get(t.i)
            if up is None or up[1] not in ids:
                return t
        return inside[-1] if inside else None

    # ------------------------------------------------------------ arcs
    def children(self, i: int, rel: str = "*") -> list[int]:
        return [a.dep for a in self._down.get(i, []) if _rel_matches(self, a, rel)]

    def parent(self, i: int) -> tuple[str, int] | None:
        """The token's relation and head in the basic tree (None for the root)."""
        return self.basic.get(i)

    def rel_to_head(self, i: int) -> str:
        up = self.parent(i)
        return up[0] if up else "root"

    def subtree_span(self, i: int) -> tuple[int, int]:
        """Character span of a token and everything below it in the basic tree."""
        below: dict[int, list[int]] = {}
        for dep, (_, head) in self.basic.items():
            below.setdefault(head, []).append(dep)
        seen, todo = {i}, [i]
        while todo:
            for d in below.get(todo.pop(), []):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        toks = [self.token(j) for j in seen]
        return min(t.begin for t in toks), max(t.end for t in toks)


# UD subtypes that change what a relation means: a bare "nsubj" in a path does not match
# "nsubj:pass", a bare "nmod" not "nmod:poss". Others (the enhanced graph's prepositions,
# "nsubj:xsubj", "conj:and") are refinements a bare relation matches.
_DISTINCT_SUBTYPES = {"pass", "poss", "agent", "relcl", "tmod", "npmod", "prt", "outer"}


def _rel_matches(parse: Parse, arc: Arc, want: str) -> bool:
    if want == "*":
        return True
    if arc.rel == want:
        return True
    base, _, sub = want.partition(":")
    have_base, _, have_sub = arc.rel.partition(":")
    if have_base != base:
        return False
    if not sub:
        return have_sub not in _DISTINCT_SUBTYPES  # "obl" matches "obl:on"
    if have_sub:
        return False  # "obl:on" does not match "obl:from"
    # basic UD: "obl" + a case child with the preposition's lemma
    return any(parse.token(c).lemma == sub or parse.token(c).word.lower() == sub
               for c in parse.children(arc.dep, "case"))


def _step(parse: Parse, nodes: Iterable[int], step: str) -> list[int]:
    out: list[int] = []
    for n in nodes:
        if step == ".":
            out.append(n)
        elif step.startswith("^"):
            want = step[1:]
            arcs = [a for a in parse._up.get(n, []) if _rel_matches(parse, a, want)]
            out.extend(a.head for a in arcs if a.head not in out)
        else:
            out.extend(a.dep for a in parse._down.get(n, [])
                       if _rel_matches(parse, a, step) and a.dep not in out)
    return out


def follow(parse: Parse, i: int, path: str, *, conj: bool = True) -> list[int]:
    """Token indices that `path` reaches from token `i`, in sentence order."""
    nodes = [i]
    for step in path.split("/"):
        nodes = _step(parse, nodes, step.strip())
        if not nodes:
            return []
    if conj:
        for n in list(nodes):
            for c in parse.children(n, "conj"):
                if c not in nodes:
                    nodes.append(c)
    return sorted(set(nodes))


def first_match(parse: Parse, i: int, paths: Iterable[str], *, conj: bool = True
                ) -> tuple[str, list[int]] | None:
    """The first of `paths` that reaches anything from token `i`, with what it reaches."""
    for path in paths:
        found = [n for n in follow(parse, i, path, conj=conj) if n != i or path == "."]
        if found:
            return path, found
    return None


def voice(parse: Parse, i: int) -> str:
    """How a trigger word carries its arguments: a passive verb ("was shelled", "the
    post shelled by"), an active verb, or a noun ("the shelling of")."""
    tok = parse.token(i)
    if parse.children(i, "aux:pass") or parse.children(i, "nsubj:pass") or \
            parse.children(i, "obl:agent"):
        return "passive"
    if tok.pos == "VBN" and (parse.rel_to_head(i).startswith(("acl", "amod")) or
                             parse.children(i, "obl:by")):
        return "passive"  # reduced relative: "posts shelled by Borovian troops"
    if tok.pos.startswith("NN") or (tok.pos == "VBG" and parse.rel_to_head(i).split(":")[0]
                                    in {"nsubj", "obj", "obl", "nmod", "conj", "appos"}
                                    and not parse.children(i, "obj")):
        return "nominal"
    return "active"
