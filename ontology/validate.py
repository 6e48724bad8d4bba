"""Validate the built data against the SHACL shapes with pySHACL.

RDFS inference over the ontology lets `sh:targetClass ckg:Event` reach a `ckg:Shelling`
and `sh:class ckg:Actor` accept a `ckg:State`; the data graph given is not modified."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from ontology.findings import ERROR, INFO, WARNING, Finding, short

_SEVERITY = {SH.Violation: ERROR, SH.Warning: WARNING, SH.Info: INFO}


def validate(data: Graph, shapes: Graph, vocabulary: Graph) -> list[Finding]:
    """One finding per SHACL validation result, with the focus node as the term."""
    from pyshacl import validate as shacl_validate

    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=vocabulary, inference="rdfs",
        abort_on_first=False, allow_warnings=True, advanced=True, inplace=False)
    assert isinstance(results, Graph)
    findings: list[Finding] = []
    for result in results.subjects(SH.resultSeverity, None):
        level = results.value(result, SH.resultSeverity)
        severity = _SEVERITY.get(level, ERROR) if isinstance(level, URIRef) else ERROR
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        shape = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        message = messages[0] if messages else f"violates {short(str(component))}"
        detail = {}
        if path is not None and not isinstance(path, Literal):
            detail["path"] = short(str(path))
        if value is not None:
            detail["value"] = short(str(value))
        if shape is not None:
            detail["shape"] = str(shape)
        if component is not None:
            detail["component"] = short(str(component))
        code = str(shape).rsplit("#", 1)[-1] if shape is not None and "#" in str(shape) \
            else "shape"
        findings.append(Finding(severity, "shapes", code, message,
                                str(focus) if focus is not None else None, detail))
    return findings
