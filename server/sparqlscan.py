"""A lexical scan of SPARQL text, for the two things the server must know before it hands
a request to the engine:

* which remote endpoints a query (SERVICE) or an update (LOAD) would reach: pyoxigraph
  would send those HTTP requests from the server itself, to any address;
* where the protocol's `using-graph-uri` / `using-named-graph-uri` go in an update:
  pyoxigraph has no dataset argument for updates, so the server writes them as USING
  clauses in front of each WHERE, from parsed IRIs (never from raw request text).

* whether a text nests deeper than the engine can take: pyoxigraph parses and evaluates
  recursively, and a query nested some thousands of levels overflows the stack of the
  process running it (it dies, it does not raise).

A scan, not a parser: strings, IRIs and comments are recognised so that keywords inside
them are ignored; the engine still parses the text and reports syntax errors itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from graph.errors import InputError
from graph.sparql_lex import Token, tokens


class RemoteAccessRefused(InputError):
    """A SERVICE or LOAD target outside the configured allowlist."""


def _prefixes(toks: Sequence[Token]) -> dict[str, str]:
    declared: dict[str, str] = {}
    for i, tok in enumerate(toks[:-2]):
        if tok.kind == "word" and tok.text.upper() == "PREFIX" and toks[i + 2].kind == "iri":
            declared[toks[i + 1].text.rstrip(":").split(":")[0]] = toks[i + 2].text[1:-1]
    return declared


def _target(tok: Token, declared: dict[str, str], defaults: dict[str, str]) -> str | None:
    if tok.kind == "iri":
        return tok.text[1:-1]
    if tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        namespace = declared.get(prefix, defaults.get(prefix))
        return namespace + local if namespace is not None else None
    return None  # a variable: the target is only known at evaluation time


def scan(text: str) -> list[Token]:
    """The significant tokens of `text`, for the checks below and the cache's: a request
    scans its text once (a scan of a query with the namespace map's prologue costs
    ~0.15 ms, a third of a point lookup's time in the server)."""
    return list(tokens(text))


def check_remote_access(text: str, allowlist: tuple[str, ...], *,
                        default_prefixes: dict[str, str] | None = None,
                        toks: Sequence[Token] | None = None) -> None:
    """Raise RemoteAccessRefused when `text` uses SERVICE or LOAD with a target that is
    not under one of the `allowlist` IRI prefixes. Checks the nesting first (TooDeep):
    every text bound for the engine passes here, and both refusals must come before it.
    `toks`: the text's tokens (`scan`) when the caller has them already."""
    toks = scan(text) if toks is None else toks
    _check_nesting(toks)
    declared: dict[str, str] | None = None
    for i, tok in enumerate(toks):
        if tok.kind != "word" or tok.text.upper() not in {"SERVICE", "LOAD"}:
            continue
        keyword = tok.text.upper()
        j = i + 1
        if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "SILENT":
            j += 1
        if j >= len(toks):
            continue  # the engine reports the syntax error
        if declared is None:
            declared = _prefixes(toks)
        target = _target(toks[j], declared, default_prefixes or {})
        if target is not None and any(target.startswith(p) for p in allowlist):
            continue
        shown = target or toks[j].text
        raise RemoteAccessRefused(
            f"{keyword} {shown} is refused: this server does not send requests to other "
            "endpoints unless they are on its allowlist (KG_SERVICE_ALLOWLIST)"
            + ("; a variable target cannot be checked and is never allowed"
               if target is None else ""))


class TooDeep(InputError):
    """A query or update nested deeper than the server accepts."""


# Brackets ({ ( [) open a level; the engine recurses once per level.
MAX_DEPTH = 200
# A chain of binary operators (UNION, ||, &&, +, -, *, /, |) inside one level is a tree as
# deep as the chain is long: pyoxigraph dies somewhere between 5,000 and 10,000 (measured);
# no real query comes near 1,000.
MAX_CHAIN = 1000
_CHAIN_OPERATORS = {"|", "&", "+", "-", "*", "/"}


def check_nesting(text: str) -> None:
    """Raise TooDeep (400) when `text` nests brackets deeper than MAX_DEPTH or chains more
    than MAX_CHAIN binary operators at one level, before the engine sees it. Brackets and
    operators inside strings, IRIs and comments do not count."""
    _check_nesting(tokens(text))


def _check_nesting(toks: Iterable[Token]) -> None:
    chains = [0]
    for tok in toks:
        if tok.kind == "open":
            chains.append(0)
            if len(chains) - 1 > MAX_DEPTH:
                raise TooDeep(f"the text nests brackets more than {MAX_DEPTH} levels deep "
                              f"(at character {tok.start}); this server refuses deeper "
                              "nesting: flatten the query")
        elif tok.kind == "close":
            if len(chains) > 1:
                chains.pop()
        elif (tok.kind == "word" and tok.text.upper() == "UNION") or (
                tok.kind == "other" and tok.text in _CHAIN_OPERATORS):
            chains[-1] += 1
            if chains[-1] > MAX_CHAIN:
                raise TooDeep(f"the text chains more than {MAX_CHAIN} operators (UNION, "
                              f"||, &&, +, -, *, /, |) in one group (at character "
                              f"{tok.start}); this server refuses longer chains: split the "
                              "query or use VALUES")


def _iri_term(iri: str) -> str:
    try:
        return str(ox.NamedNode(iri))
    except ValueError as exc:
        raise InputError(f"not an absolute IRI: {iri!r} ({exc})") from exc


def add_using_clauses(update: str, using: list[str], using_named: list[str]) -> str:
    """The update with `USING <g>` / `USING NAMED <g>` in front of each top-level WHERE of
    an INSERT/DELETE operation. Refuses (400) an update that names its own dataset with
    USING or WITH, as the SPARQL 1.1 Protocol requires."""
    if not using and not using_named:
        return update
    clauses = " ".join([f"USING {_iri_term(g)}" for g in using]
                       + [f"USING NAMED {_iri_term(g)}" for g in using_named])
    depth = 0
    insert_at: list[int] = []
    previous: Token | None = None
    for tok in tokens(update):
        if tok.kind == "open":
            depth += 1
        elif tok.kind == "close":
            depth -= 1
        elif depth == 0 and tok.kind == "word":
            word = tok.text.upper()
            if word in {"USING", "WITH"}:
                raise InputError("the update names its dataset with USING or WITH and the "
                                 "request with using-graph-uri/using-named-graph-uri: "
                                 "use one or the other")
            if word == "WHERE" and not (previous is not None and previous.kind == "word"
                                        and previous.text.upper() == "DELETE"):
                insert_at.append(tok.start)
        previous = tok
    out = update
    for position in reversed(insert_at):
        out = out[:position] + clauses + " " + out[position:]
    return out
