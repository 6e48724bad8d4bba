"""Curation: maintainers' decisions (graph/curation.ttl) that reject or correct extracted
statements. The build applies them to each article graph and records the decision, the
person who made it (`ckg:curatedBy`) and the note (`ckg:curationNote`) in the graph, so a
researcher sees that a person, not the extractor, had the last word."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from graph.errors import InputError
from ontology.namespaces import PREFIXES

RDF = PREFIXES["rdf"]
CKG = PREFIXES["ckg"]
PROV = PREFIXES["prov"]
_TYPE = ox.NamedNode(RDF + "type")


@dataclass(frozen=True)
class Decision:
    iri: ox.NamedNode
    curator: ox.NamedNode
    note: str | None
    subject: ox.NamedNode
    predicate: ox.NamedNode | None
    obj: ox.NamedNode | ox.Literal | None
    corrected: ox.NamedNode | ox.Literal | None
    article: ox.NamedNode | None
    extra: tuple[ox.Triple, ...]  # the curator's description (label, type)


def default_path() -> Path:
    return Path(str(resources.files("graph"))) / "curation.ttl"


def load_decisions(path: Path | None, base: str) -> list[Decision]:
    """Parse the curation file; a decision without a curator is refused (a person must
    stand behind every change)."""
    path = path or default_path()
    if not path.is_file():
        return []
    try:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(
            path=str(path), format=ox.RdfFormat.TURTLE, base_iri=f"{base}id/")]
    except SyntaxError as exc:
        raise InputError(f"curation file {path}: {exc}") from None
    by_subject: dict[ox.NamedNode | ox.BlankNode, dict[str, list]] = {}
    for t in triples:
        if isinstance(t.subject, ox.NamedNode | ox.BlankNode):
            by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    decisions = []
    for node, props in sorted(by_subject.items(), key=lambda kv: str(kv[0])):
        if RDF + "subject" not in props:
            continue
        if not isinstance(node, ox.NamedNode):
            raise InputError(f"curation file {path}: give every decision an IRI")
        curator = (props.get(CKG + "curatedBy") or [None])[0]
        if not isinstance(curator, ox.NamedNode):
            raise InputError(f"curation file {path}: decision <{node.value}> has no "
                             "ckg:curatedBy (the person who made it)")

        def one(key: str, props: dict = props) -> ox.NamedNode | ox.Literal | None:
            values = props.get(key) or [None]
            return values[0]

        note = one(CKG + "curationNote")
        extra = tuple(t for t in triples if t.subject == curator)
        decisions.append(Decision(
            iri=node, curator=curator, note=note.value if note is not None else None,
            subject=one(RDF + "subject"),  # type: ignore[arg-type]
            predicate=one(RDF + "predicate"),  # type: ignore[arg-type]
            obj=one(RDF + "object"), corrected=one(CKG + "correctedObject"),
            article=one(CKG + "inArticle"),  # type: ignore[arg-type]
            extra=extra))
    return decisions


def apply_decisions(triples: list[ox.Triple], decisions: list[Decision], article: str
                    ) -> tuple[list[ox.Triple], int]:
    """The article graph after the decisions that concern it, with each applied decision
    recorded; and how many decisions applied."""
    applied = 0
    out = list(triples)
    for d in decisions:
        if d.article is not None and d.article.value != article:
            continue
        if d.predicate is None:
            hit = [t for t in out if t.subject == d.subject or t.object == d.subject]
            if not hit:
                continue
            out = [t for t in out if t not in set(hit)]
            out += _record(d, [ox.Triple(d.iri, ox.NamedNode(PROV + "invalidated"), d.subject)])
            applied += 1
            continue
        target = ox.Triple(d.subject, d.predicate, d.obj) if d.obj is not None else None
        hit = [t for t in out if t.subject == d.subject and t.predicate == d.predicate
               and (target is None or t == target)]
        if not hit:
            continue
        records = _records_of(out, d)
        out = [t for t in out if t not in set(hit)]
        notes: list[ox.Triple] = []
        if d.corrected is not None:
            out.append(ox.Triple(d.subject, d.predicate, d.corrected))
            obj_pred = ox.NamedNode(RDF + "object")
            out = [t for t in out if not (t.subject in records and t.predicate == obj_pred)]
            for r in records:
                out.append(ox.Triple(r, obj_pred, d.corrected))
                notes.append(ox.Triple(r, ox.NamedNode(PROV + "wasInfluencedBy"), d.iri))
                notes.append(ox.Triple(r, ox.NamedNode(CKG + "curatedBy"), d.curator))
                if d.note:
                    notes.append(ox.Triple(r, ox.NamedNode(CKG + "curationNote"),
                                           ox.Literal(d.note)))
        else:
            for r in records:
                notes.append(ox.Triple(d.iri, ox.NamedNode(PROV + "invalidated"), r))
                notes.append(ox.Triple(r, ox.NamedNode(CKG + "curatedBy"), d.curator))
        out += _record(d, notes)
        applied += 1
    return out, applied


def _records_of(triples: list[ox.Triple], d: Decision) -> set[ox.NamedNode | ox.BlankNode]:
    """Statement records (rdf:subject/predicate/object) describing the decided triple."""
    s_pred, p_pred, o_pred = (ox.NamedNode(RDF + x) for x in ("subject", "predicate", "object"))
    about_s = {t.subject for t in triples if t.predicate == s_pred and t.object == d.subject}
    about_p = {t.subject for t in triples if t.predicate == p_pred and t.object == d.predicate}
    about_o = {t.subject for t in triples if t.predicate == o_pred and
               (d.obj is None or t.object == d.obj)}
    return {r for r in about_s & about_p & about_o if isinstance(r, ox.NamedNode | ox.BlankNode)}


def _record(d: Decision, notes: list[ox.Triple]) -> list[ox.Triple]:
    out = [ox.Triple(d.iri, _TYPE, ox.NamedNode(PROV + "Activity")),
           ox.Triple(d.iri, ox.NamedNode(CKG + "curatedBy"), d.curator),
           ox.Triple(d.curator, _TYPE, ox.NamedNode(PROV + "Agent")),
           ox.Triple(d.curator, _TYPE, ox.NamedNode(PROV + "Person"))]
    if d.note:
        out.append(ox.Triple(d.iri, ox.NamedNode(CKG + "curationNote"), ox.Literal(d.note)))
    return out + list(d.extra) + notes
