"""The per-statement table of a store generation: for every statement (an event, claim,
figure or office holding by its node; a relation by its triple), how many articles and
how many independent sources state it, in the order `cq09-shared-statements` and
`corroboration` answer. Written with each generation, beside its statistics, and read by
those saved queries instead of grouping every statement of the graph at query time.

Why: both queries group every statement (56,052 groups at a million triples), which took
1.3-9 s per request; the grouping runs once when a generation is written (about 2.5 s at a
million triples, from disk), and a request then only computes its page: the same query
text restricted, by VALUES blocks, to the statements of that page. The counts, texts and
articles of the answer are still computed from the graph at query time; the table only
chooses which statements the page holds, in the order the full query would sort them.

A generation never changes once live, so the table cannot go stale; a generation written
before the table existed, or a remote store, has none, and the saved query then runs as
written (the same rows, grouped at query time).

A saved query reads the table when its header says `# derived: statement-counts`; its
text marks where each part's rows join with a comment line of its own, `# rows: nodes`
(bound as `?kind ?statement`) and `# rows: relations` (`?subject ?predicate ?object`).
Its `limit`/`offset` parameters choose the rows of the page, and a `min` parameter the
rows stated by at least that many sources.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from graph.store.sparql_text import XSD_INTEGER, paged
from ontology.namespaces import CKG, PREFIXES

FILE = "kg-statement-counts.jsonl"
VERSION = 1
TABLE = "statement-counts"

# The statement kinds the two saved queries list in their `VALUES ?kind` (a test holds
# them equal): nodes merged by IRI across articles.
KINDS = ("ArmedClash", "Shelling", "SmallArmsFire", "Occupation", "CeasefireAgreement",
         "CeasefireViolation", "TroopBuildUp", "Accusation", "Talks", "Meeting",
         "SummitAttendance", "Appeal", "Evacuation", "Conflict", "Claim", "CasualtyFigure",
         "OfficeHolding")
RECORD = CKG + "StatementRecord"

# A page or a `min` prefix longer than this runs the query as written: its VALUES blocks
# would cost more to parse than the grouping they save.
MAX_ROWS = 5000

_RDF = PREFIXES["rdf"]
# (kind, statement, subject, predicate, object): a node's key binds the first two, a
# relation's the kind (ckg:StatementRecord) and the last three.
Key = tuple[Any, ...]


def _named(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads of named graphs (what `GRAPH ?g` matches)."""
    return (q for q in quads if isinstance(q.graph_name, ox.NamedNode))


def compute(store: ox.Store) -> list[tuple[Key, int, int]]:
    """(statement key, sources, articles) of every statement, sorted as the saved queries
    sort them. The same patterns as their WHERE clause: in one named graph, a node typed
    with one of KINDS (or a StatementRecord with its triple) that has a supporting
    sentence, and the graph's articles; a near-duplicate article counts as its originals."""
    rdf_type = ox.NamedNode(_RDF + "type")
    supported_by = ox.NamedNode(CKG + "supportedBy")
    articles: dict[Any, set[Any]] = defaultdict(set)
    for q in _named(store.quads_for_pattern(None, rdf_type, ox.NamedNode(CKG + "Article"))):
        articles[q.graph_name].add(q.subject)
    originals: dict[Any, set[Any]] = defaultdict(set)
    for q in store.quads_for_pattern(None, ox.NamedNode(CKG + "duplicateOf"), None):
        originals[q.subject].add(q.object)
    supported = {(q.subject, q.graph_name)
                 for q in _named(store.quads_for_pattern(None, supported_by, None))
                 if q.graph_name in articles}
    stated: dict[Key, set[Any]] = defaultdict(set)
    for name in KINDS:
        kind = ox.NamedNode(CKG + name)
        for q in _named(store.quads_for_pattern(None, rdf_type, kind)):
            if (q.subject, q.graph_name) in supported:
                stated[(kind, q.subject, None, None, None)] |= articles[q.graph_name]
    record = ox.NamedNode(RECORD)
    parts = [ox.NamedNode(_RDF + p) for p in ("subject", "predicate", "object")]
    for q in _named(store.quads_for_pattern(None, rdf_type, record)):
        graph = q.graph_name
        if (q.subject, graph) not in supported:
            continue
        s, p, o = ([x.object for x in store.quads_for_pattern(q.subject, part, None, graph)]
                   for part in parts)
        for subject in s:
            for predicate in p:
                for obj in o:
                    stated[(record, None, subject, predicate, obj)] |= articles[graph]
    rows = []
    for key, said in stated.items():
        sources: set[Any] = set()
        for article in said:
            sources |= originals.get(article) or {article}
        rows.append((key, len(sources), len(said)))
    rows.sort(key=lambda r: (-r[1], -r[2], *(_order(t) for t in r[0])))
    return rows


def _order(term: Any) -> tuple[int, str, str]:
    """SPARQL's ORDER BY for the key's terms: unbound, then blank nodes, IRIs, literals;
    IRIs by their text (the engine compares strings by code point, as Python does)."""
    if term is None:
        return (0, "", "")
    if isinstance(term, ox.BlankNode):
        return (1, term.value, "")
    if isinstance(term, ox.NamedNode):
        return (2, term.value, "")
    return (3, term.value, term.datatype.value if term.datatype else "")


def _encode(term: Any) -> Any:
    if term is None or isinstance(term, ox.NamedNode):
        return None if term is None else term.value
    if isinstance(term, ox.BlankNode):
        return {"b": term.value}
    if term.language:
        return {"l": term.value, "lang": term.language}
    return {"l": term.value, "d": term.datatype.value}


def _decode(cell: Any) -> Any:
    if cell is None:
        return None
    if isinstance(cell, str):
        return ox.NamedNode(cell)
    if "b" in cell:
        return ox.BlankNode(cell["b"])
    if "lang" in cell:
        return ox.Literal(cell["l"], language=cell["lang"])
    return ox.Literal(cell["l"], datatype=ox.NamedNode(cell["d"]))


def write_table(store: ox.Store, generation_dir: Path) -> None:
    """Compute the table of a generation being written and keep it in its directory: one
    JSON line per statement, in answer order, after a header line."""
    tmp = generation_dir / (FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(json.dumps({"version": VERSION, "table": TABLE}) + "\n")
        for key, sources, articles in compute(store):
            out.write(json.dumps([sources, articles, *(_encode(t) for t in key)],
                                 ensure_ascii=False) + "\n")
    os.replace(tmp, generation_dir / FILE)


def read_rows(generation_dir: Path, start: int, stop: int | None, min_sources: int = 0,
              ) -> list[tuple[int, int, list[Any]]] | None:
    """Rows `start` to `stop` of the table (each stated by at least `min_sources`
    sources), or None when the generation has no table or the rows are more than
    MAX_ROWS. Read line by line: the table is never held whole in memory."""
    try:
        with open(generation_dir / FILE, encoding="utf-8") as handle:
            return _read(handle, start, stop, min_sources)
    except (OSError, ValueError):
        return None


def _read(handle: IO[str], start: int, stop: int | None, min_sources: int,
          ) -> list[tuple[int, int, list[Any]]] | None:
    header = json.loads(handle.readline())
    if not isinstance(header, dict) or header.get("version") != VERSION:
        return None
    rows: list[tuple[int, int, list[Any]]] = []
    for index, line in enumerate(handle):
        if stop is not None and index >= stop:
            break
        cells = json.loads(line)
        if cells[0] < min_sources:
            break  # sorted by sources, most first
        if index < start:
            continue
        if len(rows) >= MAX_ROWS:
            return None
        rows.append((cells[0], cells[1], [_decode(c) for c in cells[2:]]))
    return rows


def _values(names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    """A VALUES block of typed terms (their N-Triples form escapes anything they hold)."""
    cells = " ".join("(" + " ".join(str(t) for t in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {cells} }}"


def page_text(sparql: str, terms: Mapping[str, ox.NamedNode | ox.Literal],
              generation_dir: Path | None,
              ) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]] | None:
    """The saved query restricted to the statements its page holds, read from the table
    of the generation at `generation_dir`, with the parameters left to bind; None when
    the query must run as written (no table, a blank-node statement on the page, or more
    rows than MAX_ROWS)."""
    if generation_dir is None:
        return None
    rest = dict(terms)
    limit = _integer(rest.pop("limit", None))
    offset = _integer(rest.pop("offset", None)) or 0
    least = _integer(rest.get("min"))
    if limit is not None and (limit < 1 or offset < 0):
        return None  # the checks of the paged query give the error
    rows = read_rows(generation_dir, offset,
                     None if limit is None else offset + limit, least or 0)
    if rows is None:
        return None
    nodes, relations = [], []
    for _sources, _articles, (kind, statement, subject, predicate, obj) in rows:
        if any(isinstance(t, ox.BlankNode) for t in (statement, subject, predicate, obj)):
            return None  # SPARQL cannot bind a blank node with VALUES
        if statement is not None:
            nodes.append((kind, statement))
        else:
            relations.append((subject, predicate, obj))
    blocks = {"nodes": _values(("kind", "statement"), nodes),
              "relations": _values(("subject", "predicate", "object"), relations)}
    lines = sparql.splitlines(keepends=True)
    found = 0
    for i, line in enumerate(lines):
        marker = line.strip()
        if marker.startswith("# rows:") and marker[7:].strip() in blocks:
            indent = line[:len(line) - len(line.lstrip())]
            lines[i] = indent + blocks[marker[7:].strip()] + "\n"
            found += 1
    if found != len(blocks):
        return None
    return "".join(lines), rest


def _integer(term: ox.NamedNode | ox.Literal | None) -> int | None:
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_INTEGER:
        return int(term.value)
    return None


def saved_text(sparql: str, meta: Mapping[str, str],
               terms: Mapping[str, ox.NamedNode | ox.Literal], store: object,
               ) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
    """A saved query's text and the parameters left to bind, as every runner of saved
    queries (`kg query`, `/queries/NAME`, its table page) runs it: restricted to its page
    through the table when the query reads one and the store's live generation has it,
    else as written, paged by LIMIT and OFFSET."""
    if meta.get("derived", "").split(" ", 1)[0] == TABLE:
        live = getattr(store, "live_generation_path", None)
        found = page_text(sparql, terms, live() if live is not None else None)
        if found is not None:
            return found
    return paged(sparql, terms)
