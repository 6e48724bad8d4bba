"""`kg ontology check` as a library call: parse, lint, reason, validate shapes.

The data comes in as an rdflib Graph (the caller reads it from the store), so this
package never touches the store or the server."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from ontology.findings import Report
from ontology.lint import lint
from ontology.reason import ReasonerUnavailable, reason
from ontology.sources import load_sources
from ontology.validate import validate

T = TypeVar("T")


def run_check(data: Graph | None = None, *, directory: Path | None = None,
              use_reasoner: bool = True, explain_budget: float = 60.0) -> Report:
    """Check the ontology under `directory` (default: the shipped one) and, when `data`
    is given, the data against it. The report's `exit_code` is 0, 1 or 2."""
    report = Report()
    sources, parse_findings = _timed(report, "parse", lambda: load_sources(directory))
    report.extend(parse_findings)
    if report.errors:
        report.notes.append("fix the syntax errors first: later stages did not run")
        return report

    report.extend(_timed(report, "lint", lambda: lint(sources.vocabulary, data)))

    if use_reasoner:
        try:
            report.extend(_timed(report, "reason", lambda: reason(
                sources.vocabulary, data, explain_budget=explain_budget)))
        except ReasonerUnavailable as exc:
            report.could_not_run.append(f"reasoning: {exc}")
    else:
        report.notes.append("reasoning skipped on request")

    if data is None:
        report.notes.append("no data given: shapes were not validated")
    elif len(sources.shapes) == 0:
        report.notes.append("no shapes file under ontology/: data not validated")
    else:
        report.extend(_timed(report, "shapes", lambda: validate(
            data, sources.shapes, sources.vocabulary)))
    return report


def _timed(report: Report, stage: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    try:
        return work()
    finally:
        report.timings[stage] = time.perf_counter() - started
