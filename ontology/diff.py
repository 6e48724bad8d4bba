"""Compare two versions of the vocabulary: terms added, removed, deprecated, relabelled,
redefined, with the data instances each change affects. Removing a term that the data
still uses is an error: deprecate it first (`owl:deprecated true` + `dcterms:isReplacedBy`)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ontology.findings import ERROR, INFO, WARNING, Finding, Report, short
from ontology.lint import deprecated_terms, own_terms

_EXAMPLES = 5


@dataclass(frozen=True)
class Usage:
    """How much of the data a term touches: triples using it, and a few example subjects."""

    triples: int
    examples: tuple[str, ...]

    def describe(self) -> str:
        if not self.triples:
            return "no data uses it"
        shown = ", ".join(short(e) for e in self.examples)
        return f"{self.triples} data triple(s) use it, e.g. on {shown}"


def usage(data: Graph, term: URIRef, kind: str) -> Usage:
    """Triples of `data` that use `term` as a type (class), predicate (property) or value."""
    if kind == "class":
        subjects = list(data.subjects(RDF.type, term))
        return Usage(len(subjects), tuple(sorted(str(s) for s in subjects)[:_EXAMPLES]))
    if kind == "property":
        triples = list(data.subjects(term, None))
    else:
        triples = [s for s, p, o in data.triples((None, None, term))]
    return Usage(len(triples), tuple(sorted({str(s) for s in triples})[:_EXAMPLES]))


def _labels(graph: Graph, term: URIRef) -> set[str]:
    return {f"{lab}@{lab.language}" if isinstance(lab, Literal) and lab.language else str(lab)
            for lab in graph.objects(term, RDFS.label)}


def _version(graph: Graph) -> str | None:
    for onto in graph.subjects(RDF.type, OWL.Ontology):
        value = graph.value(onto, OWL.versionInfo)
        if value is not None:
            return str(value)
    return None


def _d(severity: str, code: str, message: str, term: URIRef | None = None,
       use: Usage | None = None) -> Finding:
    detail = {}
    if use is not None:
        detail = {"data_triples": str(use.triples), "examples": " ".join(use.examples)}
    return Finding(severity, "diff", code, message, str(term) if term is not None else None,
                   detail)


def diff_vocabularies(old: Graph, new: Graph, data: Graph | None = None) -> Report:
    """A report of the changes from `old` to `new`; errors when removed terms are in use."""
    report = Report()
    old_terms, new_terms = dict(own_terms(old)), dict(own_terms(new))
    old_dep, new_dep = deprecated_terms(old), deprecated_terms(new)

    def affected(term: URIRef, kind: str) -> Usage | None:
        return usage(data, term, kind) if data is not None else None

    for term in sorted(new_terms.keys() - old_terms.keys()):
        report.findings.append(_d(INFO, "added", f"{new_terms[term]} added", term))

    for term in sorted(old_terms.keys() - new_terms.keys()):
        kind = old_terms[term]
        use = affected(term, kind)
        if use is not None and use.triples:
            report.findings.append(_d(ERROR, "removed-but-used", (
                f"{kind} removed but still used: {use.describe()}. Deprecate it instead "
                "(owl:deprecated true, dcterms:isReplacedBy) or change the extractor and "
                "rebuild first"), term, use))
        else:
            report.findings.append(_d(WARNING, "removed", (
                f"{kind} removed without a deprecation period"
                + (" (no data uses it)" if use is not None else "")
                + ": queries and other graphs that use it will break"), term, use))

    for term in sorted(new_terms.keys() & old_terms.keys()):
        kind = new_terms[term]
        if old_terms[term] != kind:
            report.findings.append(_d(WARNING, "retyped",
                                      f"was a {old_terms[term]}, is now a {kind}", term))
        if term in new_dep and term not in old_dep:
            replacement = new.value(term, DCTERMS.isReplacedBy)
            use = affected(term, kind)
            instead = f"; use {short(str(replacement))}" if replacement else \
                "; name the replacement with dcterms:isReplacedBy"
            in_use = bool(use and use.triples)
            report.findings.append(_d(WARNING if in_use or not replacement else INFO,
                                      "deprecated",
                                      f"{kind} deprecated{instead}"
                                      + (f" ({use.describe()}: migrate them)"
                                         if use and in_use else ""),
                                      term, use))
        elif term in old_dep and term not in new_dep:
            report.findings.append(_d(INFO, "undeprecated", f"{kind} no longer deprecated",
                                      term))
        before, after = _labels(old, term), _labels(new, term)
        if before != after:
            report.findings.append(_d(INFO, "relabelled", (
                f"label {', '.join(sorted(before)) or '(none)'} -> "
                f"{', '.join(sorted(after)) or '(none)'}"), term))
        if old.value(term, SKOS.definition) != new.value(term, SKOS.definition):
            report.findings.append(_d(INFO, "redefined", "skos:definition changed", term))
        for axiom in (RDFS.subClassOf, RDFS.domain, RDFS.range, RDFS.subPropertyOf):
            if {o for o in old.objects(term, axiom) if isinstance(o, URIRef)} != {
                    o for o in new.objects(term, axiom) if isinstance(o, URIRef)}:
                report.findings.append(_d(INFO, "axioms-changed",
                                          f"{short(str(axiom))} changed", term))

    changed = any(f.code != "redefined" for f in report.findings)
    old_version, new_version = _version(old), _version(new)
    if old_version != new_version:
        report.notes.append(f"version {old_version or '(none)'} -> {new_version or '(none)'}")
    elif changed:
        report.findings.append(_d(WARNING, "version-not-bumped", (
            f"terms changed but owl:versionInfo is still {new_version}: bump owl:versionInfo "
            "and owl:versionIRI, set owl:priorVersion, and add a CHANGELOG entry")))
    if data is None:
        report.notes.append("no data given: affected instances were not looked up")
    if not report.findings:
        report.notes.append("no term changed")
    return report
