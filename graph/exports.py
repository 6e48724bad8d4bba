"""Tables researchers load into R, pandas or a spreadsheet: events in the column
conventions of ACLED exports where they fit, casualty figures, and claims. One function per
table returns its columns and rows; `write_csv` writes any of them. The server offers them
at `/exports/NAME.csv`, the command line as `kg export --table NAME`.

Each table is joined in Python from a few queries over the whole store (`queries/exports/`)
rather than one query with a GROUP_CONCAT per column: every query stays a simple scan, and
multi-valued cells (several sources, several claimants) are joined with "; "."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox

from graph.classes import class_index
from graph.errors import UsageError
from graph.store.base import Store, Term
from ontology.namespaces import CKG
from queries import internal

SEP = "; "
LABEL_BATCH = 1000


@dataclass
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, str]]


def _rows(store: Store, name: str) -> Iterable[dict[str, Term]]:
    text = internal(f"exports/{name}")
    if "?eventClass" in text:
        # Every event class of the ontology, as typed terms: data may type an event by its
        # class alone (ckg:Shelling, not also ckg:Event), and the store holds no ontology.
        cells = " ".join(str(ox.NamedNode(c)) for c in class_index().subclasses("Event"))
        at = text.index("{", text.upper().index("WHERE"))
        text = text[:at + 1] + f" VALUES ?eventClass {{ {cells} }} " + text[at + 1:]
    return store.query(text).rows()


def _v(row: dict[str, Term], key: str) -> str:
    term = row.get(key)
    return term.value if term is not None else ""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if iri.startswith(CKG) else iri


def _words(iri: str) -> str:
    """A name for an IRI without a label: words of a vocabulary term ("wounded" for
    ckg:Wounded, "at least" for ckg:AtLeast), else the end of the IRI."""
    if iri.startswith(CKG):
        local = iri[len(CKG):]
        return "".join(" " + c.lower() if c.isupper() else c for c in local).strip()
    return iri.rstrip("/").rsplit("/", 1)[-1]


class _Labels:
    """Labels of IRIs, looked up in batches (VALUES of typed terms)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, str] = {}
        self.types: dict[str, set[str]] = {}

    def load(self, iris: Iterable[str]) -> None:
        wanted = [i for i in dict.fromkeys(iris) if i and i not in self.known]
        text = internal("pages/labels")
        at = text.index("{", text.upper().index("WHERE"))
        for start in range(0, len(wanted), LABEL_BATCH):
            batch = wanted[start:start + LABEL_BATCH]
            cells = " ".join(str(ox.NamedNode(i)) for i in batch)
            query = text[:at + 1] + f" VALUES ?x {{ {cells} }} " + text[at + 1:]
            for row in self.store.query(query).rows():
                x = row["x"].value
                if "label" in row:
                    self.known.setdefault(x, row["label"].value)
                if "type" in row:
                    self.types.setdefault(x, set()).add(row["type"].value)
            for i in batch:
                self.known.setdefault(i, _words(i))

    def __call__(self, iri: str) -> str:
        return self.known.get(iri, iri) if iri else ""


def _join(values: Iterable[str]) -> str:
    return SEP.join(dict.fromkeys(v for v in values if v))


EVENT_COLUMNS = (
    "event_date", "date_end", "time_precision", "time_text", "event_type",
    "sub_event_type", "cameo_code", "event_class", "assertion", "event_status", "actor1",
    "actor1_state", "actor2", "actor2_state", "other_actors", "country", "admin1",
    "location", "latitude", "longitude", "fatalities", "claimed_by", "source_articles",
    "sentence_text", "event_iri")


def events_table(store: Store) -> Table:
    """One row per event, in ACLED-like columns (see the README for each column)."""
    index = class_index()
    types: dict[str, set[str]] = {}
    for r in _rows(store, "events"):
        types.setdefault(_v(r, "event"), set()).add(_v(r, "type"))
    dates: dict[str, dict[str, str]] = {}
    for r in _rows(store, "event-dates"):
        d = dates.setdefault(_v(r, "event"), {})
        start = _v(r, "start")
        # The earliest start wins; of equal starts, the one that says its precision.
        if start and (not d.get("start") or start < d["start"] or (
                start == d["start"] and _v(r, "precision") and not d.get("said"))):
            d["said"] = _v(r, "precision")
            d.update(start=start, end=_v(r, "end") or start,
                     precision=_local(_v(r, "precision")).removesuffix("Precision") or "Day",
                     text=_v(r, "timeText"))
        for key in ("assertion", "status"):
            if _v(r, key):
                d[key] = _local(_v(r, key))
    roles: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for r in _rows(store, "event-roles"):
        by_role = roles.setdefault(_v(r, "event"), {})
        pair = (_v(r, "actor"), _v(r, "state"))
        bucket = by_role.setdefault(_local(_v(r, "role")), [])
        if pair not in bucket:
            bucket.append(pair)
    places: dict[str, list[dict[str, str]]] = {}
    for r in _rows(store, "event-places"):
        places.setdefault(_v(r, "event"), []).append({k: _v(r, k) for k in r})
    fatalities: dict[str, dict[str, int]] = {}
    for r in _rows(store, "event-fatalities"):
        number = _v(r, "count") or _v(r, "min")
        if number.isdigit():
            fatalities.setdefault(_v(r, "event"), {})[_v(r, "figure")] = int(number)
    claimants: dict[str, list[str]] = {}
    for r in _rows(store, "event-claims"):
        claimants.setdefault(_v(r, "event"), []).append(_v(r, "claimant"))
    support: dict[str, list[tuple[str, str]]] = {}
    for r in _rows(store, "event-support"):
        support.setdefault(_v(r, "event"), []).append((_v(r, "article"), _v(r, "text")))
    labels = _Labels(store)
    labels.load([*(a for by in roles.values() for ps in by.values() for p in ps for a in p),
                 *(p.get(k, "") for ps in places.values() for p in ps
                   for k in ("place", "region", "country")),
                 *(c for cs in claimants.values() for c in cs),
                 *(a for ss in support.values() for a, _ in ss)])
    rows = []
    for event in sorted(types, key=lambda e: (dates.get(e, {}).get("start", "9999"), e)):
        cls = index.most_specific(types[event] - {CKG + "Event"}) or CKG + "Event"
        kind, sub = index.acled_type(cls)
        d = dates.get(event, {})
        by_role = roles.get(event, {})
        first = by_role.get("agent", [])
        second = by_role.get("target", [])
        others = [p for p in by_role.get("participant", []) if p not in first + second]
        if not first and others:
            first, others = others[:1], others[1:]
        if not second and others:
            second, others = others[:1], others[1:]
        others += by_role.get("mediator", [])
        place = (places.get(event) or [{}])[0]
        where = places.get(event, [])
        rows.append({
            "event_date": d.get("start", ""), "date_end": d.get("end", ""),
            "time_precision": d.get("precision", "") if d.get("start") else "",
            "time_text": d.get("text", ""), "event_type": kind, "sub_event_type": sub,
            "cameo_code": _join(index.cameo(cls)), "event_class": index.label(cls),
            "assertion": {"Claimed": "claimed", "Reported": "stated"}.get(
                d.get("assertion", ""), d.get("assertion", "").lower()),
            "event_status": d.get("status", "").lower(),
            "actor1": _join(labels(a) for a, _ in first),
            "actor1_state": _join(labels(s) for _, s in first),
            "actor2": _join(labels(a) for a, _ in second),
            "actor2_state": _join(labels(s) for _, s in second),
            "other_actors": _join(labels(a) for a, _ in others),
            "country": _join(labels(p.get("country", "")) for p in where),
            "admin1": _join(labels(p.get("region", "")) for p in where),
            "location": _join(labels(p.get("place", "")) for p in where),
            "latitude": place.get("lat", ""), "longitude": place.get("long", ""),
            "fatalities": str(max(fatalities[event].values())) if event in fatalities else "",
            "claimed_by": _join(labels(c) for c in claimants.get(event, [])),
            "source_articles": _join(labels(a) for a, _ in support.get(event, [])),
            "sentence_text": _join(t for _, t in support.get(event, [])),
            "event_iri": event,
        })
    return Table("events", EVENT_COLUMNS, rows)


CASUALTY_COLUMNS = (
    "kind", "count", "vague_quantity", "min_count", "max_count", "qualifier", "population",
    "side", "location", "period_start", "period_end", "period_text", "reported_by",
    "claimed_by", "figure_of", "figure_of_iri", "source_articles", "sentence_text",
    "figure_iri")


def casualties_table(store: Store) -> Table:
    """One row per casualty figure."""
    return _grouped(store, "casualties", "figure", CASUALTY_COLUMNS, {
        "kind": ("kind", True), "count": ("count", False), "vague_quantity": ("vague", False),
        "min_count": ("min", False), "max_count": ("max", False),
        "qualifier": ("qualifier", True), "population": ("population", True),
        "side": ("side", True), "location": ("place", True),
        "period_start": ("periodStart", False), "period_end": ("periodEnd", False),
        "period_text": ("periodText", False), "reported_by": ("reportedBy", True),
        "claimed_by": ("claimant", True), "figure_of": ("figureOf", True),
        "figure_of_iri": ("figureOf", False), "source_articles": ("article", True),
        "sentence_text": ("text", False), "figure_iri": ("figure", False)})


CLAIM_COLUMNS = (
    "claimant", "claimant_state", "reporting_verb", "allegation", "claims", "claims_class",
    "claims_iri", "source_articles", "sentence_text", "claim_iri")


def claims_table(store: Store) -> Table:
    """One row per claim."""
    table = _grouped(store, "claims", "claim", CLAIM_COLUMNS, {
        "claimant": ("claimant", True), "claimant_state": ("state", True),
        "reporting_verb": ("verb", False), "allegation": ("allegation", False),
        "claims": ("what", True), "claims_class": ("whatType", False),
        "claims_iri": ("what", False), "source_articles": ("article", True),
        "sentence_text": ("text", False), "claim_iri": ("claim", False)})
    index = class_index()
    for row in table.rows:
        classes = {CKG + c for c in row["claims_class"].split(SEP) if c}
        specific = index.most_specific(classes - {CKG + "Event"}) if classes else None
        row["claims_class"] = index.label(specific) if specific else ""
    return table


def _grouped(store: Store, query: str, key: str, columns: tuple[str, ...],
             spec: dict[str, tuple[str, bool]]) -> Table:
    """Rows of `query` grouped by `key`; each column from one variable, labelled or not."""
    found: dict[str, dict[str, list[str]]] = {}
    for r in _rows(store, query):
        cells = found.setdefault(_v(r, key), {c: [] for c in columns})
        for column, (var, _) in spec.items():
            text = _v(r, var)
            if column == "claims_class":
                text = _local(text) if text.startswith(CKG) else ""
            if text and text not in cells[column]:
                cells[column].append(text)
    labels = _Labels(store)
    labels.load(v for cells in found.values() for column, (var, use) in spec.items()
                if use for v in cells[column])
    rows = []
    for cells in found.values():
        row = {}
        for column in columns:
            var, use = spec[column]
            row[column] = _join(labels(v) if use else v for v in cells[column])
        rows.append(row)
    rows.sort(key=lambda r: (r.get("period_start") or "", r[columns[-1]]))
    return Table(query, columns, rows)


TABLES: dict[str, Callable[[Store], Table]] = {
    "events": events_table, "casualties": casualties_table, "claims": claims_table}


def table(store: Store, name: str) -> Table:
    """The table called `name` (events, casualties, claims)."""
    make = TABLES.get(name)
    if make is None:
        raise UsageError(f"no table named {name!r}; the tables are {', '.join(TABLES)}")
    return make(store)


def write_csv(out: IO[str], data: Table) -> None:
    """The table as CSV with a header row (RFC 4180 quoting, \\r\\n line ends)."""
    writer = csv.DictWriter(out, fieldnames=list(data.columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(data.rows)


__all__ = ["TABLES", "Table", "table", "write_csv"]
