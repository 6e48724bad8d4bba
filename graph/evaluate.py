"""`kg evaluate`: compare what the build put in the store with hand-written gold
annotations (tests/gold/*.toml, format in tests/gold/FORMAT.md).

The graph is normalised into the gold's tuples with SPARQL (one query per kind, bound to
the article's named graph); names are compared through every label an entity has, and
actors are normalised to the state they act for, as the gold does. Each kind gets
precision, recall and F1; every miss and every false statement is listed. A gold article
the build did not produce is not scored over: it makes the evaluation incomplete (`kg
evaluate` exits 1 and says why)."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.corpus import slug_for
from graph.errors import InputError
from graph.evaluate_queries import (
    Q_CLAIMS,
    Q_ENTITIES,
    Q_EVENT_MULTI,
    Q_EVENTS,
    Q_FIGURES,
    Q_LABELS,
    Q_OFFICES,
    Q_RELATIONS,
    Q_STATE,
    Q_TEXT,
    Q_TIMES,
)
from graph.iris import Minter
from graph.store.base import Dataset, Store

KINDS = ("entity", "relation", "office", "event", "claim", "casualty", "time")
RELATION_PREDICATES = ("memberOf", "ledBy", "hostsBaseOf", "locatedIn", "inState", "enclavedIn",
                       "borders", "holdsOfficeIn", "actsFor")
CKG = "https://w3id.org/conflict-kg/ontology#"

SYMMETRIC = {"borders"}


def _local(term: Any) -> str:
    if term is None:
        return ""
    value = term.value
    return value.removeprefix(CKG) if value.startswith(CKG) else value


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # article, kind, what
    false: list[tuple[str, str, str]] = field(default_factory=list)
    field_errors: list[tuple[str, str, str]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    # gold articles the store has no graph for, and why: each fails the evaluation
    unbuilt: list[tuple[str, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every gold article was built and scored."""
        return not self.unbuilt

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "complete": self.complete,
            "unbuilt": [dict(article=a, reason=r) for a, r in self.unbuilt],
            "scores": {k: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                           "f1": round(s.f1, 3), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                       for k, s in self.scores.items()},
            "misses": [dict(article=a, kind=k, gold=w) for a, k, w in self.misses],
            "false": [dict(article=a, kind=k, extracted=w) for a, k, w in self.false],
            "field_errors": [dict(article=a, kind=k, detail=w) for a, k, w in self.field_errors],
        }


class _Graph:
    """One article graph, read through SPARQL, with label and state lookups."""

    def __init__(self, store: Store, graph: str, reference: str) -> None:
        self.store = store
        # The article graph and the reference base are the query's default graph: what
        # the article says, read with the curated labels and places it relies on.
        self.dataset = Dataset(default_graphs=[graph, reference])
        self.labels: dict[str, set[str]] = defaultdict(set)
        for row in self.rows(Q_LABELS):
            self.labels[row["e"].value].add(row["l"].value.lower())
        self.state: dict[str, str] = {}
        for row in self.rows(Q_STATE):
            self.state.setdefault(row["e"].value, row["s"].value)

    def rows(self, sparql: str) -> list[dict[str, Any]]:
        return list(self.store.query(sparql, dataset=self.dataset).rows())

    def to_state(self, iri: str | None) -> str | None:
        if iri is None:
            return None
        return self.state.get(iri, iri)

    def describe(self, iri: str | None) -> str:
        if not iri:
            return ""
        names = sorted(self.labels.get(iri, ()))
        return names[0] if names else iri.rsplit("/", 1)[-1]


class _Names:
    """Gold names and the surface forms the gold lists for them."""

    def __init__(self, gold: dict[str, Any]) -> None:
        self.aliases: dict[str, set[str]] = {}
        for e in gold.get("entity", []):
            forms = {e["label"].lower(), *(m.lower() for m in e.get("mentions", []))}
            forms |= {f.removeprefix("the ") for f in forms}
            self.aliases[e["label"].lower()] = forms

    def same(self, name: str, iri: str | None, graph: _Graph) -> bool:
        if not name:
            return iri is None
        if iri is None:
            return False
        forms = self.aliases.get(name.lower(), {name.lower()})
        return bool(forms & graph.labels.get(iri, set())) or name.lower() in graph.labels.get(
            iri, set())


def _match(kind: str, gold: list[dict], predicted: list[dict], key, detail, show_gold,
           show_pred, article: str, ev: Evaluation) -> None:
    """Greedy one-to-one matching on the key fields; detail fields are compared after."""
    free = list(range(len(predicted)))
    score = ev.scores[kind]
    for g in gold:
        candidates = [i for i in free if key(g, predicted[i])]
        if not candidates:
            score.fn += 1
            ev.misses.append((article, kind, show_gold(g)))
            continue
        best = max(candidates, key=lambda i: len(detail(g, predicted[i])) * -1)
        free.remove(best)
        score.tp += 1
        for problem in detail(g, predicted[best]):
            ev.field_errors.append((article, kind, f"{show_gold(g)}: {problem}"))
    for i in free:
        score.fp += 1
        ev.false.append((article, kind, show_pred(predicted[i])))


def evaluate_article(store: Store, gold: dict[str, Any], minter: Minter, ev: Evaluation) -> None:
    """Score one article graph against its gold file."""
    slug = slug_for(gold["article"])
    graph = _Graph(store, minter.graph(slug), minter.reference_graph())
    names = _Names(gold)
    same = names.same
    ev.articles.append(slug)

    def state(iri: str | None) -> str | None:
        return graph.to_state(iri)

    # ---------------------------------------------------------------- entities
    ents: dict[str, set[str]] = defaultdict(set)
    for row in graph.rows(Q_ENTITIES):
        ents[row["e"].value].add(_local(row["type"]))
    pred_entities = [{"iri": e, "types": t} for e, t in sorted(ents.items())]
    _match("entity", gold.get("entity", []), pred_entities,
           key=lambda g, p: g["type"] in p["types"] and same(g["label"], p["iri"], graph),
           detail=lambda g, p: [], show_gold=lambda g: f'{g["label"]} ({g["type"]})',
           show_pred=lambda p: f'{graph.describe(p["iri"])} ({", ".join(sorted(p["types"]))})',
           article=slug, ev=ev)

    # ---------------------------------------------------------------- relations
    pred_rel = [{"s": r["s"].value, "p": _local(r["p"]), "o": r["o"].value}
                for r in graph.rows(Q_RELATIONS) if _local(r["p"]) in RELATION_PREDICATES]
    _match("relation", gold.get("relation", []), pred_rel,
           key=lambda g, p: g["predicate"] == p["p"] and (
               same(g["subject"], p["s"], graph) and same(g["object"], p["o"], graph)
               # a symmetric property ("X borders Y") holds either way round
               or p["p"] in SYMMETRIC and same(g["subject"], p["o"], graph)
               and same(g["object"], p["s"], graph)),
           detail=lambda g, p: [],
           show_gold=lambda g: f'{g["subject"]} {g["predicate"]} {g["object"]}',
           show_pred=lambda p: f'{graph.describe(p["s"])} {p["p"]} {graph.describe(p["o"])}',
           article=slug, ev=ev)

    # ---------------------------------------------------------------- offices
    pred_off = [{"holder": r["holder"].value if r.get("holder") else None,
                 "office": _local(r["office"]), "of": r["of"].value}
                for r in graph.rows(Q_OFFICES)]
    _match("office", gold.get("office", []), pred_off,
           key=lambda g, p: g["office"] == p["office"] and same(g["of"], p["of"], graph)
           and (not g["holder"] or same(g["holder"], p["holder"], graph)),
           detail=lambda g, p: [],
           show_gold=lambda g: f'{g["holder"] or "?"}: {g["office"]} of {g["of"]}',
           show_pred=lambda p: f'{graph.describe(p["holder"]) or "?"}: {p["office"]} of '
                               f'{graph.describe(p["of"])}', article=slug, ev=ev)

    # ---------------------------------------------------------------- events
    claimants: dict[str, set[str | None]] = defaultdict(set)
    claims = graph.rows(Q_CLAIMS)
    for r in claims:
        who = r["who"].value
        # the gold's claimed_by is a state: a claimant acting for none ("the CSTO") gives ""
        claimants[r["x"].value].add(graph.state.get(who))
    event_rows = graph.rows(Q_EVENTS)
    reported = {r["ev"].value for r in event_rows if _local(r.get("assertion")) == "Reported"}
    for iri in reported:
        # stated in the article's own voice: claimed_by "" matches even if sides claim it too
        claimants[iri].add(None)
    multi: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in graph.rows(Q_EVENT_MULTI):
        multi[r["ev"].value][_local(r["p"])].add(r["o"].value)
    pred_ev = []
    for r in event_rows:
        iri = r["ev"].value
        pred_ev.append({
            "iri": iri, "type": _local(r["type"]), "agent": state(_v(r, "agent")),
            "target": state(_v(r, "target")), "place": _v(r, "place"),
            "date": _v(r, "date") or "", "status": _local(r.get("status")),
            "count": int(r["count"].value) if r.get("count") else None,
            "claimed_by": claimants.get(iri, {None}),
            "participants": {state(p) for p in multi[iri]["participant"]},
            "weapons": {_local(ox.NamedNode(w)) for w in multi[iri]["weapon"]}})

    def event_key(g: dict, p: dict) -> bool:
        return (g["type"] == p["type"] and same(g["agent"], p["agent"], graph)
                and same(g["target"], p["target"], graph)
                and any(same(g["claimed_by"], c, graph) for c in p["claimed_by"])
                and _same_set(g["participants"], p["participants"], same, graph))

    def event_detail(g: dict, p: dict) -> list[str]:
        problems = []
        if not same(g["place"], p["place"], graph):
            problems.append(f'place {graph.describe(p["place"]) or "-"} != {g["place"] or "-"}')
        if g["date"] != p["date"]:
            problems.append(f'date {p["date"] or "-"} != {g["date"] or "-"}')
        if set(g.get("weapons", [])) != p["weapons"]:
            problems.append(f'weapons {sorted(p["weapons"])} != {sorted(g.get("weapons", []))}')
        if g["status"] != p["status"]:
            problems.append(f'status {p["status"]} != {g["status"]}')
        if g.get("count") and g["count"] != p["count"]:
            problems.append(f'count {p["count"]} != {g["count"]}')
        return problems

    def show_event(p: dict) -> str:
        who = ", ".join(sorted(graph.describe(x) for x in p["participants"] if x))
        by = ", ".join(sorted(graph.describe(c) for c in p["claimed_by"] if c))
        return (f'{p["type"]} agent={graph.describe(p["agent"]) or "-"} '
                f'target={graph.describe(p["target"]) or "-"} participants=[{who}] '
                f'claimed_by={by or "-"} date={p["date"] or "-"}')

    _match("event", gold.get("event", []), pred_ev, key=event_key, detail=event_detail,
           show_gold=lambda g: (f'{g["type"]} agent={g["agent"] or "-"} target='
                                f'{g["target"] or "-"} participants={g["participants"]} '
                                f'claimed_by={g["claimed_by"] or "-"} date={g["date"] or "-"}'),
           show_pred=show_event, article=slug, ev=ev)

    # ---------------------------------------------------------------- claims
    pred_claims = [{"who": r["who"].value, "state": state(r["who"].value),
                    "verb": r["verb"].value,
                    "allegation": r.get("allegation") is not None and
                    r["allegation"].value == "true", "about": _local(r["type"])}
                   for r in claims]
    # a claimant with no state ("the CSTO said", "NATO chief X said") has claimant_state ""
    for c in pred_claims:
        if c["state"] is not None and graph.state.get(c["state"]) != c["state"]:
            c["state"] = None
    _match("claim", gold.get("claim", []), pred_claims,
           key=lambda g, p: g["about"] == p["about"] and g["verb"] == p["verb"]
           and same(g["claimant_state"], p["state"], graph),
           detail=lambda g, p: ([] if same(g["claimant"], p["who"], graph)
                                else [f'claimant {graph.describe(p["who"])} != {g["claimant"]}'])
           + ([] if g["allegation"] == p["allegation"] else
              [f'allegation {p["allegation"]} != {g["allegation"]}']),
           show_gold=lambda g: f'{g["claimant"]} {g["verb"]} {g["about"]}',
           show_pred=lambda p: f'{graph.describe(p["who"])} {p["verb"]} {p["about"]}',
           article=slug, ev=ev)

    # ---------------------------------------------------------------- casualties
    pred_fig = [{"kind": _local(r.get("kind")).replace("Casualties", ""),
                 "count": int(r["count"].value) if r.get("count") else None,
                 "vague": r["vague"].value if r.get("vague") else "",
                 "min": int(r["min"].value) if r.get("min") else None,
                 "qualifier": _local(r.get("qualifier")), "side": _v(r, "side"),
                 "population": _local(r.get("population")), "place": _v(r, "place"),
                 "start": _v(r, "start") or "", "end": _v(r, "end") or "",
                 "reporter": state(_v(r, "reporter"))}
                for r in graph.rows(Q_FIGURES)]

    def fig_detail(g: dict, p: dict) -> list[str]:
        problems = []
        for name, gv, pv in (("side", g.get("side", ""), p["side"]),
                             ("place", g.get("place", ""), p["place"]),
                             ("reported_by", g.get("reported_by", ""), p["reporter"])):
            if not same(gv, pv, graph):
                problems.append(f"{name} {graph.describe(pv) or '-'} != {gv or '-'}")
        for name, gv, pv in (("population", g.get("population", ""), p["population"]),
                             ("period_start", g.get("period_start", ""), p["start"]),
                             ("period_end", g.get("period_end", ""), p["end"])):
            if gv != pv:
                problems.append(f"{name} {pv or '-'} != {gv or '-'}")
        if g.get("min") is not None and g["min"] != p["min"]:
            problems.append(f'min {p["min"]} != {g["min"]}')
        return problems

    _match("casualty", gold.get("casualty", []), pred_fig,
           key=lambda g, p: g["kind"] == p["kind"] and g.get("count") == p["count"]
           and g.get("vague", "").lower() == p["vague"].lower()
           and g.get("qualifier", "") == p["qualifier"],
           detail=fig_detail,
           show_gold=lambda g: (f'{g.get("qualifier", "")} {g.get("count", g.get("vague"))} '
                                f'{g["kind"] or "casualties"}'),
           show_pred=lambda p: f'{p["qualifier"]} {p["count"] or p["vague"]} '
                               f'{p["kind"] or "casualties"}', article=slug, ev=ev)

    # ---------------------------------------------------------------- time
    times: dict[str, dict[str, Any]] = {}
    for r in graph.rows(Q_TIMES):
        entry = times.setdefault(r["t"].value, {
            "text": r["text"].value, "start": r["start"].value, "end": r["end"].value,
            "precision": _local(r["precision"]).removesuffix("Precision"),
            "spans": set()})
        if r.get("begin") is not None:
            entry["spans"].add((int(r["begin"].value), int(r["stop"].value)))
    pred_time = [times[k] for k in sorted(times)]
    text = next((r["text"].value for r in graph.rows(Q_TEXT)), "")

    def in_sentence(snippet: str, spans: set[tuple[int, int]]) -> bool:
        # the build's sentence overlaps the gold snippet (the gold does not depend on
        # where the segmenter puts a boundary inside it)
        at = text.find(snippet)
        return at >= 0 and any(b < at + len(snippet) and at < e for b, e in spans)

    def time_key(g: dict, p: dict) -> bool:
        # the same expression: its sentence, its interval and overlapping text, so a
        # different extent ("in 1991" against "1991") is one match, not a miss and a false one
        return (g["start"], g["end"]) == (p["start"], p["end"]) \
            and _overlaps(g["text"], p["text"]) \
            and (not g.get("sentence") or in_sentence(g["sentence"], p["spans"]))

    def time_detail(g: dict, p: dict) -> list[str]:
        problems = []
        if g["precision"] != p["precision"]:
            problems.append(f'precision {p["precision"]} != {g["precision"]}')
        if g["text"].lower() != p["text"].lower():
            problems.append(f'extent "{p["text"]}" != "{g["text"]}"')
        return problems

    _match("time", gold.get("time", []), pred_time, key=time_key, detail=time_detail,
           show_gold=lambda g: f'"{g["text"]}" {g["start"]}..{g["end"]} {g["precision"]}',
           show_pred=lambda p: f'"{p["text"]}" {p["start"]}..{p["end"]} {p["precision"]}',
           article=slug, ev=ev)


# words that introduce a time expression without being part of it (TimeML signals)
_SIGNALS = frozenset({"on", "in", "at", "since", "by", "during", "from", "until", "for",
                      "of", "to", "the"})


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w:.]+", text.lower()) if w not in _SIGNALS}


def _overlaps(gold_text: str, predicted_text: str) -> bool:
    """Whether two time expressions' texts overlap: one holds the other, or they share a
    word other than a signal word."""
    a, b = gold_text.lower(), predicted_text.lower()
    return a in b or b in a or bool(_words(a) & _words(b))


def _v(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    return term.value if term is not None else None


def _same_set(gold: list[str], predicted: set[str | None], same, graph: _Graph) -> bool:
    pred = [p for p in predicted if p]
    if len(gold) != len(pred):
        return False
    free = list(pred)
    for name in gold:
        hit = next((p for p in free if same(name, p, graph)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Every gold file of the folder."""
    if not gold_dir.is_dir():
        raise InputError(f"no gold folder at {gold_dir}")
    out = []
    for path in sorted(gold_dir.glob("*.toml")):
        try:
            with open(path, "rb") as handle:
                out.append(tomllib.load(handle))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{path}: {exc}") from None
    return out


def evaluate(store: Store, golds: Iterable[dict[str, Any]], *, minter: Minter | None = None,
             reasons: Mapping[str, str] | None = None) -> Evaluation:
    """Score every gold article against its graph in the store. A gold article the store
    has no graph for is listed in `unbuilt` with the reason (from `reasons`, by slug, when
    the caller built the store and knows it) and leaves the evaluation incomplete."""
    minter = minter or Minter()
    reasons = reasons or {}
    present = set(store.graph_names())
    ev = Evaluation()
    for gold in golds:
        slug = slug_for(gold["article"])
        if minter.graph(slug) not in present:
            ev.unbuilt.append((slug, reasons.get(slug, "no graph for it in the store")))
            continue
        evaluate_article(store, gold, minter, ev)
    return ev


def render(ev: Evaluation, *, details: bool = True) -> str:
    """The report as text: a table of scores, then misses and false statements."""
    lines = [f"articles: {', '.join(ev.articles) or '(none)'}"]
    for slug, reason in ev.unbuilt:
        lines.append(f"NOT BUILT (left out of the scores; the evaluation fails): {slug}: "
                     f"{reason}")
    lines.append(f"{'kind':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    total = Score()
    for kind, s in ev.scores.items():
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        lines.append(f"{kind:<10}{s.precision:>10.2f}{s.recall:>8.2f}{s.f1:>7.2f}"
                     f"{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    lines.append(f"{'all':<10}{total.precision:>10.2f}{total.recall:>8.2f}{total.f1:>7.2f}"
                 f"{total.tp:>5}{total.fp:>5}{total.fn:>5}")
    if details:
        for title, items in (("missed (in the gold, not extracted)", ev.misses),
                             ("false (extracted, not in the gold)", ev.false),
                             ("wrong details of matched statements", ev.field_errors)):
            if items:
                lines.append("")
                lines.append(f"{title}:")
                lines += [f"  [{a}] {k}: {w}" for a, k, w in items]
    return "\n".join(lines)
