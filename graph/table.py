"""A plain-text table of a query answer for the terminal, IRIs shortened by prefix."""

from __future__ import annotations

import pyoxigraph as ox

from graph.store.base import QueryResult
from ontology.namespaces import PREFIXES


def short(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def render_table(result: QueryResult, max_width: int = 80) -> str:
    if result.kind == "boolean":
        return ("true" if result.boolean() else "false") + "\n"
    if result.kind == "graph":
        lines = [f"{short(t.subject)}  {short(t.predicate)}  {short(t.object)}"
                 for t in result.triples()]
        return "\n".join(lines) + ("\n" if lines else "") + f"({len(lines)} triples)\n"
    names = result.variables
    rows = [[_clip(short(row[n]) if n in row else "", max_width) for n in names]
            for row in result.rows()]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    out = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out) + "\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
