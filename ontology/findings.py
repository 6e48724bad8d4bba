"""What the ontology checks report: findings with a severity, and a report that renders
them for people (text) and tools (JSON) and decides the exit status."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from ontology.namespaces import PREFIXES

ERROR = "error"
WARNING = "warning"
INFO = "info"
_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}

# Exit statuses of `kg ontology check` and `kg ontology diff`.
EXIT_CLEAN = 0
EXIT_ERRORS = 1
EXIT_COULD_NOT_RUN = 2


def short(iri: str) -> str:
    """`https://w3id.org/conflict-kg/ontology#Event` -> `ckg:Event`; others unchanged."""
    best, name = "", iri
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, name = namespace, f"{prefix}:{iri[len(namespace):]}"
    return name


@dataclass(frozen=True)
class Finding:
    """One problem (or note) found by a stage of the check.

    `stage` is parse, lint, reason, shapes or diff; `code` a stable identifier tools can
    filter on (e.g. `missing-label`); `term` the IRI the finding is about, if any.
    """

    severity: str
    stage: str
    code: str
    message: str
    term: str | None = None
    detail: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        if self.term:
            data["term_short"] = short(self.term)
        return data

    def render(self) -> str:
        where = f"{short(self.term)}: " if self.term else ""
        return f"{self.severity:<7} [{self.stage}/{self.code}] {where}{self.message}"


@dataclass
class Report:
    """Findings of one run, the time each stage took, and the stages that could not run."""

    findings: list[Finding] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    could_not_run: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def exit_code(self) -> int:
        """1 when errors were found; else 2 when a stage could not run; else 0."""
        if self.errors:
            return EXIT_ERRORS
        if self.could_not_run:
            return EXIT_COULD_NOT_RUN
        return EXIT_CLEAN

    def to_json(self) -> str:
        return json.dumps({
            "status": {EXIT_CLEAN: "clean", EXIT_ERRORS: "errors",
                       EXIT_COULD_NOT_RUN: "could-not-run"}[self.exit_code],
            "exit_code": self.exit_code,
            "counts": dict(Counter(f.severity for f in self.findings)),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "could_not_run": self.could_not_run,
            "notes": self.notes,
            "findings": [f.to_dict() for f in self.sorted()],
        }, indent=2, ensure_ascii=False)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (_ORDER.get(f.severity, 9), f.stage,
                                                    f.code, f.term or "", f.message))

    def to_text(self, *, verbose: bool = False) -> str:
        """Errors and warnings one per line; infos only counted unless `verbose`."""
        lines: list[str] = []
        infos = 0
        for finding in self.sorted():
            if finding.severity == INFO and not verbose:
                infos += 1
                continue
            lines.append(finding.render())
        for reason in self.could_not_run:
            lines.append(f"skipped  {reason}")
        lines.extend(f"note     {note}" for note in self.notes)
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        summary = (f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
                   + (f", {infos} note(s) (--verbose shows them)" if infos else ""))
        status = {EXIT_CLEAN: "OK", EXIT_ERRORS: "FAILED",
                  EXIT_COULD_NOT_RUN: "INCOMPLETE"}[self.exit_code]
        lines.append(f"{status}: {summary}" + (f" [{stages}]" if stages else ""))
        return "\n".join(lines)
