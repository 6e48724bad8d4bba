"""The lexical scan of SPARQL text shared by the remote store (prefixes, VALUES binding)
and the server (SERVICE/LOAD targets, nesting limits, USING clauses).

A scan, not a parser: strings, IRIs and comments are recognised so that keywords inside
them are ignored; the engine still parses the text and reports syntax errors itself.
Token kinds: `string`, `iri`, `var`, `pname` (prefixed name, `ckg:Event`, `ckg:`),
`word` (keywords and other bare names), `open` and `close` (brackets), `other`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*?:[\w.\-:%\u00b7\u00c0-\uffff]*
              |:[\w.\-:%\u00b7\u00c0-\uffff]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


def tokens(text: str) -> Iterator[Token]:
    """Significant tokens of `text` (whitespace and comments dropped)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in {"ws", "comment"}:
            continue
        yield Token(kind, match.group(), match.start(), match.end())
