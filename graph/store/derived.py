"""Derived tables of a store generation: for the saved queries that would otherwise group or
sort every statement of the graph per request, the keys of their answer rows in answer
order, computed once when the generation is written and kept beside its statistics.

- `statement-counts` (`cq09-shared-statements`, `corroboration`): every statement (an
  event, claim, figure or office holding by its node; a relation by its triple) with the
  number of independent sources that state it, most first, sorted as both queries sort.
- `support` (`cq13-support` without a statement named): every statement and supporting
  sentence, sorted by statement and article as the query sorts.
- `weapons` (`cq07-weapons` without a weapon named): every use of a weapon, sorted by
  weapon and article as the query sorts.
- `places` (`cq04-places`): for every place an article graph types (by PLACE_KINDS), the
  sentences of that graph that say where it is, the regions it lies in, the states it
  belongs to and its labels, each with its label: the rows of the query's OPTIONAL parts
  for the places its answer holds.

A table that pages (`support`, `weapons`) has one row per answer row, and the rows of one
key (an event with two claimants, a node with two rules) follow each other, so a page is
the rows of its keys cut by LIMIT and OFFSET: exactly the page of the query as written,
whose ORDER BY is total for that reason.

Why `places`: cq04's sub-selects are evaluated for every place of the graph before the
join keeps the places of the answer (a SPARQL sub-select cannot see the place it joins
with), and its OPTIONAL sentences for every statement record of every graph: 2.0 s at a
million triples, where the reference graph locates 14,500 places and no article graph
types one (12 ms through the table); joined as plain patterns instead, the same fact told
by many article graphs multiplied the rows (gigabytes on a hundred articles).

Why the others: grouping 56,052 statements, or sorting 58,176 support rows or 21,816
weapon uses, took 0.5-9 s per request at a million triples; done once when a generation is written
(about 9 s for all three at a million triples, from disk), a request then only computes
its page: the same query text, its parts restricted by VALUES blocks to the keys of that
page. Everything the answer shows
(counts, sentences, articles) is still computed from the graph at query time; the table
only chooses which statements the page holds, in the order the full query would sort
them.

A generation never changes once live, and its tables live in its own directory (a
checkpoint of it, the start of the next generation, does not copy them), so they cannot go
stale. A build or a load writes them with the generation; a small write (a SPARQL Update,
a Graph Store upload) does not, since they cost it 9.0 of 9.1 s at a million triples:
`kg serve` has them written in the background when a saved query first needs them in that
generation (`server.tables`). Until a table is there (and in a generation written before
they existed, or a remote store) the saved query runs as written: the same rows, grouped
and sorted at query time.

A saved query reads a table when its header says `# derived: NAME`; its text marks where
each part's rows join with a comment line of its own, `# rows: PART` (the variables each
part binds are listed in TABLES); when a line `# end rows: PART` follows, the rows stand in
for the lines between the two, which compute them when the query runs as written. Its
`limit`/`offset` parameters choose the rows of the page, and for `statement-counts` a
`min` parameter the rows stated by at least that many sources; a query given any other
parameter runs as written.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from graph.store.sparql_text import XSD_INTEGER, paged
from ontology.namespaces import CKG, PREFIXES

VERSION = 5

# The statement kinds cq09 and corroboration list in their `VALUES ?kind` (a test holds
# them equal): nodes merged by IRI across articles.
KINDS = ("ArmedClash", "Shelling", "SmallArmsFire", "Occupation", "CeasefireAgreement",
         "CeasefireViolation", "TroopBuildUp", "Accusation", "Talks", "Meeting",
         "SummitAttendance", "Appeal", "Evacuation", "Conflict", "Claim", "CasualtyFigure",
         "OfficeHolding")

# The place classes cq04 lists in its `VALUES ?kind` (a test holds them equal).
PLACE_KINDS = ("Country", "Region", "District", "City", "Village", "Exclave", "BorderArea",
               "BorderCrossing", "Outpost", "Facility", "MilitaryBase", "School")

# A page or a `min` prefix longer than this runs the query as written: its VALUES blocks
# would cost more to parse than the grouping they save.
MAX_ROWS = 5000

_RDF = PREFIXES["rdf"]
RDF_TYPE = ox.NamedNode(_RDF + "type")
SUPPORTED_BY = ox.NamedNode(CKG + "supportedBy")
RECORD = ox.NamedNode(CKG + "StatementRecord")
_PARTS = tuple(ox.NamedNode(_RDF + p) for p in ("subject", "predicate", "object"))
# What a row of cq13 shows beside its key, read per graph: one answer row per value.
DETAILS = {name: ox.NamedNode(CKG + name) for name in (
    "inArticle", "sentenceIndex", "extractionRule", "confidence")}
DETAILS["anchorOf"] = ox.NamedNode(PREFIXES["nif"] + "anchorOf")
# What cq07 reads per graph beside those.
USES = {name: ox.NamedNode(CKG + name) for name in (
    "weapon", "assertionStatus", "claims", "claimant", "agent")}

# One row of a table: the part of the query it restricts, its sources (or 0), its terms.
Row = tuple[str, int, tuple[Any, ...]]


def _objects(store: ox.Store, predicate: ox.NamedNode, graph: Any) -> dict[Any, list[Any]]:
    """subject -> objects of `predicate` in one named graph."""
    found: dict[Any, list[Any]] = defaultdict(list)
    for q in store.quads_for_pattern(None, predicate, None, graph):
        found[q.subject].append(q.object)
    return found


def _support(row: Row, spo: tuple[Any, Any, Any], found: dict[str, dict[Any, list[Any]]],
             statement: Any, sentence: Any) -> Iterator[tuple[tuple[Any, ...], Row]]:
    """A support row with its sort key, once per answer row it makes: per article and
    index of its sentence, rule and confidence of its statement, text of its sentence."""
    def each(name: str, subject: Any) -> list[Any]:
        return found[name].get(subject) or [None]

    part, sources, terms = row
    for article in found["inArticle"].get(sentence, ()):
        keyed = (part, sources, (*terms, article))
        for index in each("sentenceIndex", sentence):
            for rule in each("extractionRule", statement):
                for confidence in each("confidence", statement):
                    for text in each("anchorOf", sentence):
                        yield (*(_order(t) for t in spo), _order(article), _order(index),
                               _order(statement), _order(sentence), _order(rule),
                               _order(confidence), _order(text)), keyed


def _weapon_rows(graph_reads: dict[str, dict[Any, list[Any]]], articles: set[Any],
                 state_of: Callable[[Any], list[Any]], anchors: dict[Any, list[Any]],
                 supported: dict[Any, list[Any]], types: dict[Any, list[Any]],
                 ) -> Iterator[tuple[tuple[Any, ...], Row]]:
    """cq07's answer rows in one graph, with their sort keys: its WHERE clause, an event
    with a weapon and a ckg: class (not ckg:Event), the graph's articles, and per
    OPTIONAL its values or none: assertion status, claimants of the claims of it, a
    supporting sentence with its text, an agent and the state it is or acts for."""
    claimants: dict[Any, list[Any]] = defaultdict(list)
    for claim, claimed in graph_reads["claims"].items():
        for event in claimed:
            claimants[event] += graph_reads["claimant"].get(claim, [])
    for event, weapons in graph_reads["weapon"].items():
        classes = [t for t in types.get(event, ()) if not isinstance(t, ox.BlankNode)
                   and t.value.startswith(CKG) and t.value != CKG + "Event"]
        said = [(s, t) for s in supported.get(event, ()) for t in anchors.get(s, ())]
        used = [(agent, state) for agent in graph_reads["agent"].get(event, ())
                for state in state_of(agent) or [None]]
        rows = {(weapon, used_by, state, event, kind, assertion, claimant, article,
                 sentence, text)
                for weapon in weapons for kind in classes for article in articles
                for assertion in graph_reads["assertionStatus"].get(event) or [None]
                for claimant in dict.fromkeys(claimants.get(event, [])) or [None]
                for sentence, text in said or [(None, None)]
                for used_by, state in used or [(None, None)]}
        for row in rows:
            weapon, used_by, state, event_, kind, assertion, claimant, article, sentence, \
                text = row
            yield (tuple(_order(t) for t in (weapon, article, sentence, event_, kind,
                                              assertion, claimant, used_by, state, text)),
                   ("uses", 0, (event_, weapon, article, sentence)))


def _closure(edges: Mapping[Any, set[Any]], start: Any) -> set[Any]:
    """The nodes one or more `edges` away from `start` (SPARQL's `+` path: `start` itself
    only on a cycle back to it)."""
    seen: set[Any] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += edges.get(node, ())
    return seen


def _place_rows(store: ox.Store) -> list[Row]:
    """cq04's sub-selects for the places of its answer, over the union of the graphs:
    `?place ckg:locatedIn+ ?region . ?region a ckg:Region` with the region's labels;
    `?place ckg:inState ?state`, or `?place ckg:locatedIn+/ckg:inState ?state`, with the
    state's labels; the place's labels. A missing label is an unbound cell (its OPTIONAL)."""
    def by_subject(predicate: str) -> dict[Any, set[Any]]:
        found: dict[Any, set[Any]] = defaultdict(set)
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
            found[q.subject].add(q.object)
        return found

    with_article = {q.graph_name for q in store.quads_for_pattern(
        None, RDF_TYPE, ox.NamedNode(CKG + "Article"))}
    typed: dict[Any, set[Any]] = defaultdict(set)  # graph -> the places it types
    for name in PLACE_KINDS:
        for q in store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(CKG + name)):
            if q.graph_name in with_article:
                typed[q.graph_name].add(q.subject)
    places = set().union(*typed.values())
    if not places:
        return []
    rows: set[tuple[str, tuple[Any, ...]]] = set()
    # `GRAPH ?g { ?record rdf:subject ?place ; rdf:predicate ?where ;
    # ckg:supportedBy ?sentence . ?sentence nif:anchorOf ?text }`, ?where one of WHERE.
    where = {ox.NamedNode(CKG + name) for name in ("inState", "locatedIn", "enclavedIn")}
    for graph, here in typed.items():
        subjects, predicates = (_objects(store, part, graph) for part in _PARTS[:2])
        supported = _objects(store, SUPPORTED_BY, graph)
        anchors = _objects(store, DETAILS["anchorOf"], graph)
        for record, about in subjects.items():
            if not where.intersection(predicates.get(record, ())):
                continue
            rows |= {("records", (graph, place, sentence, text))
                     for place in here.intersection(about)
                     for sentence in supported.get(record, ())
                     for text in anchors.get(sentence, ())}
    located, in_state = by_subject(CKG + "locatedIn"), by_subject(CKG + "inState")
    labels = by_subject(PREFIXES["rdfs"] + "label")
    regions = {q.subject for q in store.quads_for_pattern(
        None, RDF_TYPE, ox.NamedNode(CKG + "Region"))}
    for place in places:
        around = _closure(located, place)
        for region in around & regions:
            rows |= {("regions", (place, region, label))
                     for label in labels.get(region) or [None]}
        states = set(in_state.get(place, ()))
        for outer in around:
            states |= in_state.get(outer, set())
        for state in states:
            rows |= {("states", (place, state, label))
                     for label in labels.get(state) or [None]}
        rows |= {("labels", (place, label)) for label in labels.get(place, ())}
    return [(part, 0, terms) for part, terms in
            sorted(rows, key=lambda r: (r[0], *(_order(t) for t in r[1])))]


def compute(store: ox.Store) -> dict[str, list[Row]]:
    """Every table's rows, in answer order, read graph by graph (a few reads per graph;
    about 9 s for the three tables at 1M triples from disk, most of it reading the quads:
    each becomes Python objects; a lookup per supported node took longer).

    `statement-counts`, sorted as cq09 sorts: the same patterns as its WHERE clause, in
    one named graph, a node typed with one of KINDS (or a StatementRecord with its
    triple) that has a supporting sentence, and the graph's articles; a near-duplicate
    article counts as its originals.

    `support`, sorted as cq13 sorts (subject, predicate, object, article, sentence
    index, statement, sentence): in one named graph, a StatementRecord's triple, or a
    node's ckg: class (not ckg:Event, and not on a record), with a sentence that is in an
    article."""
    originals: dict[Any, set[Any]] = defaultdict(set)
    for q in store.quads_for_pattern(None, ox.NamedNode(CKG + "duplicateOf"), None):
        originals[q.subject].add(q.object)
    kinds = {ox.NamedNode(CKG + name) for name in KINDS}
    article_class, event = ox.NamedNode(CKG + "Article"), ox.NamedNode(CKG + "Event")
    stated: dict[tuple[Any, ...], set[Any]] = defaultdict(set)
    keyed: list[tuple[tuple[Any, ...], Row]] = []
    used: list[tuple[tuple[Any, ...], Row]] = []
    # cq07's `?usedBy (ckg:actsFor|ckg:forceOf)? ?usedByState . ?usedByState a ckg:State`,
    # over the union of the graphs.
    states = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE,
                                                         ox.NamedNode(CKG + "State"))}
    acts_for: dict[Any, set[Any]] = defaultdict(set)
    for name in ("actsFor", "forceOf"):
        for q in store.quads_for_pattern(None, ox.NamedNode(CKG + name), None):
            acts_for[q.subject].add(q.object)

    def state_of(agent: Any) -> list[Any]:
        return [x for x in {agent} | acts_for.get(agent, set()) if x in states]

    for graph in store.named_graphs():
        supported = _objects(store, SUPPORTED_BY, graph)
        weapons = _objects(store, USES["weapon"], graph)
        if not supported and not weapons:
            continue
        types = _objects(store, RDF_TYPE, graph)
        articles = {s for s, objects in types.items() if article_class in objects}
        found = {name: _objects(store, predicate, graph)
                 for name, predicate in DETAILS.items()}
        parts = [_objects(store, part, graph) for part in _PARTS]
        if weapons:
            uses = {name: _objects(store, predicate, graph) if name != "weapon" else weapons
                    for name, predicate in USES.items()}
            used += _weapon_rows(uses, articles, state_of, found["anchorOf"], supported,
                                 types)

        for subject, sentences in supported.items():
            kinds_of = types.get(subject, [])
            triples = ([(s, p, o) for s in parts[0].get(subject, ())
                        for p in parts[1].get(subject, ()) for o in parts[2].get(subject, ())]
                       if RECORD in kinds_of else [])
            if articles:
                for kind in kinds_of:
                    if kind in kinds:
                        stated[(kind, subject, None, None, None)] |= articles
                for triple in triples:
                    stated[(RECORD, None, *triple)] |= articles
            for sentence in sentences:
                if triples or RECORD in kinds_of:
                    for triple in triples:
                        keyed += _support(("records", 0, (subject, sentence, *triple)),
                                          triple, found, subject, sentence)
                    continue  # MINUS { ?subject a ckg:StatementRecord }
                for kind in kinds_of:
                    # FILTER(STRSTARTS(STR(?object), STR(ckg:)) && ?object != ckg:Event)
                    if (not isinstance(kind, ox.BlankNode) and kind.value.startswith(CKG)
                            and kind != event):
                        keyed += _support(("nodes", 0, (subject, kind, sentence)),
                                          (subject, RDF_TYPE, kind), found, subject,
                                          sentence)
    counted = []
    for key, said in stated.items():
        sources: set[Any] = set()
        for article in said:
            sources |= originals.get(article) or {article}
        counted.append((len(sources), len(said), key))
    counted.sort(key=lambda r: (-r[0], -r[1], *(_order(t) for t in r[2])))
    keyed.sort(key=lambda k: k[0])
    used.sort(key=lambda k: k[0])
    return {
        "weapons": [row for _, row in used],
        "statement-counts": [("nodes", n, (key[0], key[1])) if key[1] is not None
                             else ("relations", n, key[2:]) for n, _, key in counted],
        "support": [row for _, row in keyed],
        "places": _place_rows(store),
    }


@dataclass(frozen=True)
class Table:
    name: str
    parts: dict[str, tuple[str, ...]]  # part -> the variables its rows bind
    counted: bool = False  # rows carry sources, most first (a `min` parameter applies)

    @property
    def file(self) -> str:
        return f"kg-{self.name}.jsonl"


TABLES = {t.name: t for t in (
    Table("statement-counts",
          {"nodes": ("kind", "statement"), "relations": ("subject", "predicate", "object")},
          counted=True),
    Table("support",
          {"records": ("statement", "sentence", "subject", "predicate", "object", "article"),
           "nodes": ("subject", "object", "sentence", "article")}),
    Table("weapons", {"uses": ("event", "weapon", "article", "sentence")}),
    Table("places", {"records": ("g", "place", "sentence", "text"),
                     "regions": ("place", "region", "regionLabel"),
                     "states": ("place", "state", "stateLabel"),
                     "labels": ("place", "placeLabel")}),
)}


_NUMERIC = {XSD_INTEGER} | {PREFIXES["xsd"] + t for t in ("decimal", "double", "float")}


def _order(term: Any) -> tuple[int, str, float]:
    """SPARQL's ORDER BY for the keys' terms: unbound, then blank nodes, IRIs, literals;
    IRIs and strings by their text (the engine compares by code point, as Python does),
    numbers by value."""
    if term is None:
        return (0, "", 0.0)
    if isinstance(term, ox.BlankNode):
        return (1, term.value, 0.0)
    if isinstance(term, ox.NamedNode):
        return (2, term.value, 0.0)
    if term.datatype is not None and term.datatype.value in _NUMERIC:
        return (3, "", float(term.value))
    return (3, term.value, 0.0)


def _encode(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
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


# Held (flock) by the one process writing a generation's tables after the generation went
# live (`EmbeddedStore.write_missing_tables`).
TABLES_LOCK = "kg-tables.lock"


def missing_tables(generation_dir: Path) -> list[Table]:
    """The tables a generation's directory does not hold (yet)."""
    return [t for t in TABLES.values() if not (generation_dir / t.file).is_file()]


def write_tables(store: ox.Store, generation_dir: Path) -> None:
    """Compute every table of a generation being written and keep each in its directory:
    a header line, then one JSON line per row in answer order."""
    computed = compute(store)
    for table in TABLES.values():
        tmp = generation_dir / (table.file + ".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(json.dumps({"version": VERSION, "table": table.name}) + "\n")
            for part, sources, terms in computed[table.name]:
                out.write(json.dumps([part, sources, *(_encode(t) for t in terms)],
                                     ensure_ascii=False) + "\n")
        os.replace(tmp, generation_dir / table.file)


def read_rows(table: Table, generation_dir: Path, start: int, stop: int | None,
              min_sources: int = 0) -> tuple[list[Row], int] | None:
    """Rows `start` to `stop` of a table (for a counted one, those stated by at least
    `min_sources` sources), and how many rows just before `start` repeat the first one's
    key; None when the generation has no such table or the rows are more than MAX_ROWS.
    Read line by line: a table is never held whole in memory."""
    try:
        with open(generation_dir / table.file, encoding="utf-8") as handle:
            return _read(handle, start, stop, min_sources)
    except (OSError, ValueError):
        return None


def _read(handle: IO[str], start: int, stop: int | None, min_sources: int,
          ) -> tuple[list[Row], int] | None:
    header = json.loads(handle.readline())
    if not isinstance(header, dict) or header.get("version") != VERSION:
        return None
    rows: list[Row] = []
    last, run, before = "", 0, 0
    for index, line in enumerate(handle):
        if stop is not None and index >= stop:
            break
        if index < start and not min_sources:
            # Skipped unread (a late page of cq13 took 240 ms parsing them); an answer
            # row's expansions (a node with two rules) are identical lines in a run.
            last, run = (line, run + 1) if line == last else (line, 1)
            continue
        if index == start and line == last:
            before = run
        cells = json.loads(line)
        if cells[1] < min_sources:
            break  # sorted by sources, most first
        if index < start:
            continue
        if len(rows) >= MAX_ROWS:
            return None
        rows.append((cells[0], cells[1], tuple(_decode(c) for c in cells[2:])))
    return rows, before


def _values(names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    """A VALUES block of typed terms (their N-Triples form escapes anything they hold)."""
    cells = " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")"
                     for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {cells} }}"


def page_text(table: Table, sparql: str, terms: Mapping[str, ox.NamedNode | ox.Literal],
              generation_dir: Path | None,
              ) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]] | None:
    """The saved query restricted to the keys its page holds, read from the table of the
    generation at `generation_dir`, with the parameters left to bind; None when the query
    must run as written (no table, another parameter given, a blank node among the keys,
    or more rows than MAX_ROWS)."""
    if generation_dir is None:
        return None
    rest = dict(terms)
    limit = _integer(rest.pop("limit", None))
    offset = _integer(rest.pop("offset", None)) or 0
    least = _integer(rest.get("min")) if table.counted else None
    if set(rest) - ({"min"} if table.counted else set()):
        return None  # restricted by its parameters: evaluated as written
    if limit is not None and (limit < 1 or offset < 0):
        return None  # the checks of the paged query give the error
    read = read_rows(table, generation_dir, offset,
                     None if limit is None else offset + limit, least or 0)
    if read is None:
        return None
    rows, before = read
    keys: dict[str, dict[tuple[Any, ...], None]] = {part: {} for part in table.parts}
    for part, _sources, row in rows:
        if any(isinstance(t, ox.BlankNode) for t in row):
            return None  # SPARQL cannot bind a blank node with VALUES
        keys[part][row] = None
    lines = sparql.splitlines(keepends=True)
    found = 0
    out: list[str] = []
    skipping = None
    for line in lines:
        marker = line.strip()
        if skipping is not None:
            if marker == "# end rows: " + skipping:
                skipping = None
            continue
        part = marker[len("# rows:"):].strip()
        if marker.startswith("# rows:") and part in table.parts:
            indent = line[:len(line) - len(line.lstrip())]
            out.append(indent + _values(table.parts[part], list(keys[part])) + "\n")
            found += 1
            if any(other.strip() == "# end rows: " + part for other in lines):
                skipping = part  # the rows stand in for the lines that compute them
            continue
        out.append(line)
    if found != len(table.parts):
        return None
    text = "".join(out)
    if limit is not None:
        # A table has one row per answer row, and the rows of one key (a node with two
        # extraction rules) follow each other: the keys' answer rows, cut to the page.
        text = f"{text.rstrip()}\nLIMIT {len(rows)} OFFSET {before}\n"
    return text, rest


def _integer(term: ox.NamedNode | ox.Literal | None) -> int | None:
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_INTEGER:
        return int(term.value)
    return None


def saved_text(sparql: str, meta: Mapping[str, str],
               terms: Mapping[str, ox.NamedNode | ox.Literal], store: object,
               written: Callable[[Path, str], bool] | None = None,
               ) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
    """A saved query's text and the parameters left to bind, as every runner of saved
    queries (`kg query`, `/queries/NAME`, its table page) runs it: restricted to its page
    through a table when the query reads one and the store's live generation has it,
    else as written, paged by LIMIT and OFFSET. When the live generation lacks the
    table, `written(generation_dir, table_file)` may have it written and say whether it
    is there now."""
    table = TABLES.get(meta.get("derived", "").split(" ", 1)[0])
    if table is not None:
        live = getattr(store, "live_generation_path", None)
        path = live() if live is not None else None
        found = page_text(table, sparql, terms, path)
        if found is not None:
            return found
        if (written is not None and path is not None and not (path / table.file).is_file()
                and written(path, table.file)):
            found = page_text(table, sparql, terms, path)
            if found is not None:
                return found
    return paged(sparql, terms)
