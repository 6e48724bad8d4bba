"""Lint the vocabulary in the spirit of OOPS! and ROBOT report: every term documented,
declared and placed, the header complete, deprecated terms replaced and not referenced.
With the built data, also: the data uses only declared terms."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from ontology.findings import ERROR, INFO, WARNING, Finding
from ontology.namespaces import CKG

# Vocabulary of the languages themselves: never needs declaring.
BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))

CLASS_TYPES = {OWL.Class, RDFS.Class}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                  RDF.Property}
DECLARATION_TYPES = CLASS_TYPES | PROPERTY_TYPES | {OWL.NamedIndividual, OWL.Ontology}

# Predicates whose objects are terms that must themselves be declared.
STRUCTURAL = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
              OWL.disjointWith, OWL.equivalentClass, OWL.equivalentProperty, OWL.onProperty,
              OWL.someValuesFrom, OWL.allValuesFrom, OWL.onClass, RDF.first,
              DCTERMS.isReplacedBy}

HEADER_REQUIRED = {DCTERMS.license: "dcterms:license", OWL.versionIRI: "owl:versionIRI"}
HEADER_RECOMMENDED = {OWL.versionInfo: "owl:versionInfo", DCTERMS.title: "dcterms:title",
                      DCTERMS.description: "dcterms:description",
                      DCTERMS.creator: "dcterms:creator", DCTERMS.created: "dcterms:created",
                      DCTERMS.modified: "dcterms:modified"}


def _f(severity: str, code: str, message: str, term: object = None) -> Finding:
    return Finding(severity, "lint", code, message, str(term) if term is not None else None)


def is_builtin(iri: object) -> bool:
    return isinstance(iri, URIRef) and str(iri).startswith(BUILTIN)


def declared_terms(graph: Graph) -> set[URIRef]:
    """IRIs declared as class, property, individual or ontology (or typed by a class)."""
    declared: set[URIRef] = set()
    classes = {c for t in CLASS_TYPES for c in graph.subjects(RDF.type, t)}
    for subject, kind in graph.subject_objects(RDF.type):
        if isinstance(subject, URIRef) and (kind in DECLARATION_TYPES or kind in classes):
            declared.add(subject)
    return declared


def own_terms(graph: Graph, namespace: str = CKG) -> Iterator[tuple[URIRef, str]]:
    """(term, kind) for each declared term in our namespace: class, property or individual."""
    seen: set[URIRef] = set()
    for term in sorted(declared_terms(graph)):
        if not str(term).startswith(namespace) or term in seen:
            continue
        seen.add(term)
        types = set(graph.objects(term, RDF.type))
        if types & CLASS_TYPES:
            yield term, "class"
        elif types & PROPERTY_TYPES:
            yield term, "property"
        else:
            yield term, "individual"


def deprecated_terms(graph: Graph) -> set[URIRef]:
    return {t for t, v in graph.subject_objects(OWL.deprecated)
            if isinstance(t, URIRef) and isinstance(v, Literal) and v.toPython() is True}


def lint(graph: Graph, data: Graph | None = None) -> list[Finding]:
    """All lint findings for the merged vocabulary, plus data checks when `data` is given."""
    findings = list(_header(graph))
    findings += _terms(graph)
    findings += _undeclared(graph)
    findings += _deprecation(graph)
    if data is not None:
        findings += lint_data(graph, data)
    return findings


def _header(graph: Graph) -> Iterator[Finding]:
    ontologies = [o for o in graph.subjects(RDF.type, OWL.Ontology) if isinstance(o, URIRef)]
    if not ontologies:
        yield _f(ERROR, "missing-ontology-header",
                 "no owl:Ontology declaration: add the header with IRI, version and license")
        return
    for onto in ontologies:
        for prop, name in HEADER_REQUIRED.items():
            if graph.value(onto, prop) is None:
                yield _f(ERROR, "missing-header-field", f"ontology header has no {name}", onto)
        for prop, name in HEADER_RECOMMENDED.items():
            if graph.value(onto, prop) is None:
                yield _f(WARNING, "missing-header-field", f"ontology header has no {name}", onto)
        version_iri, version = graph.value(onto, OWL.versionIRI), graph.value(onto, OWL.versionInfo)
        if version_iri is not None and version is not None and not str(version_iri).endswith(
                f"/{version}"):
            yield _f(WARNING, "version-mismatch",
                     f"owl:versionIRI <{version_iri}> does not end with owl:versionInfo "
                     f"\"{version}\": bump both together", onto)
        if version is not None and str(version) != "1.0.0" and graph.value(
                onto, OWL.priorVersion) is None:
            yield _f(WARNING, "missing-prior-version",
                     "a later version should name the previous one with owl:priorVersion", onto)


def _terms(graph: Graph) -> Iterator[Finding]:
    for term, kind in own_terms(graph):
        types = set(graph.objects(term, RDF.type))
        if len(types & (CLASS_TYPES | PROPERTY_TYPES)) > 1 and types != {OWL.Class, RDFS.Class}:
            yield _f(ERROR, "punning", "declared as more than one kind of term "
                     f"({', '.join(sorted(str(t).rsplit('#', 1)[-1] for t in types))})", term)
        if OWL.deprecated in set(graph.predicates(term)):
            continue  # a deprecated term only needs its replacement (checked below)
        labels = list(graph.objects(term, RDFS.label))
        if not labels:
            yield _f(ERROR, "missing-label", f"{kind} has no rdfs:label", term)
        per_language = Counter(lab.language for lab in labels if isinstance(lab, Literal))
        for language, n in per_language.items():
            if n > 1:
                yield _f(WARNING, "duplicate-label",
                         f"{n} rdfs:label values in language {language or 'none'}", term)
        if graph.value(term, SKOS.definition) is None:
            yield _f(ERROR if kind != "individual" else WARNING, "missing-definition",
                     f"{kind} has no skos:definition", term)
        if kind != "individual" and graph.value(term, SKOS.example) is None:
            yield _f(INFO, "missing-example", f"{kind} has no skos:example", term)
        parents = [*graph.objects(term, RDFS.subClassOf), *graph.objects(term, OWL.equivalentClass)]
        if kind == "class" and not parents:
            yield _f(WARNING, "class-without-parent",
                     "class has no rdfs:subClassOf: place it in the hierarchy", term)
        if types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            if graph.value(term, RDFS.domain) is None and graph.value(
                    term, RDFS.subPropertyOf) is None:
                yield _f(WARNING, "missing-domain", "property has no rdfs:domain", term)
            if graph.value(term, RDFS.range) is None:
                yield _f(WARNING, "missing-range", "property has no rdfs:range", term)


def _used_iris(graph: Graph) -> Iterable[tuple[URIRef, str]]:
    """(IRI, how it is used) for predicates, structural objects and every term of ours."""
    for s, p, o in graph:
        if isinstance(p, URIRef):
            yield p, "as a predicate"
        if p in STRUCTURAL and isinstance(o, URIRef):
            yield o, f"as object of {p.n3(graph.namespace_manager)}"
        if p == RDF.type and isinstance(o, URIRef):
            yield o, "as a type"
        for node in (s, o):
            if isinstance(node, URIRef) and str(node).startswith(CKG):
                yield node, "in the vocabulary"


def _undeclared(graph: Graph) -> Iterator[Finding]:
    declared = declared_terms(graph)
    reported: set[URIRef] = set()
    for iri, how in _used_iris(graph):
        if iri in declared or iri in reported or is_builtin(iri):
            continue
        reported.add(iri)
        yield _f(ERROR, "undeclared-term",
                 f"used {how} but never declared (add `a owl:Class`, `a owl:ObjectProperty`, "
                 "`a owl:DatatypeProperty` or `a owl:AnnotationProperty`)", iri)


def _deprecation(graph: Graph) -> Iterator[Finding]:
    deprecated = deprecated_terms(graph)
    for term in sorted(deprecated):
        replacement = graph.value(term, DCTERMS.isReplacedBy)
        if replacement is None:
            yield _f(WARNING, "deprecated-without-replacement",
                     "deprecated term has no dcterms:isReplacedBy naming what to use instead",
                     term)
        elif replacement in deprecated:
            yield _f(WARNING, "replaced-by-deprecated",
                     f"is replaced by {replacement}, which is deprecated too", term)
    for s, p, o in graph:
        if o in deprecated and s not in deprecated and p in STRUCTURAL - {DCTERMS.isReplacedBy}:
            yield _f(WARNING, "uses-deprecated",
                     f"refers to deprecated {o} through {p.n3(graph.namespace_manager)}; "
                     f"use {graph.value(o, DCTERMS.isReplacedBy) or 'its replacement'}",
                     s if isinstance(s, URIRef) else None)


def lint_data(graph: Graph, data: Graph) -> list[Finding]:
    """The data uses only declared, non-deprecated terms; notes properties the data never uses."""
    declared = declared_terms(graph)
    deprecated = deprecated_terms(graph)
    findings: list[Finding] = []
    uses: dict[URIRef, int] = defaultdict(int)
    for _s, p, o in data:
        uses[p] += 1  # type: ignore[index]
        if isinstance(o, URIRef) and (p == RDF.type or str(o).startswith(CKG)):
            uses[o] += 1
    for term, n in sorted(uses.items()):
        if term in deprecated:
            findings.append(_f(WARNING, "data-uses-deprecated",
                               f"{n} data triple(s) use this deprecated term; use "
                               f"{graph.value(term, DCTERMS.isReplacedBy) or 'its replacement'}",
                               term))
        if term in declared or is_builtin(term):
            continue
        ours = str(term).startswith(CKG)
        findings.append(_f(ERROR if ours else WARNING, "undeclared-in-data",
                           f"{n} data triple(s) use a term the ontology does not declare"
                           + (": declare it in conflict.ttl or fix the extractor's spelling"
                              if ours else ""), term))
    for term, kind in own_terms(graph):
        types = set(graph.objects(term, RDF.type))
        if kind == "property" and OWL.AnnotationProperty not in types and not uses.get(term):
            findings.append(_f(INFO, "unused-property", "no data triple uses this property",
                               term))
    return findings
