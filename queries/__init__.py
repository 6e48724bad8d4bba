"""Saved SPARQL queries: one `.rq` file per question, found by name.

Each file opens with a header of `# key: value` comment lines::

    # title: Members of the CSTO and its leading state
    # question: Which states are members of the CSTO, and who leads it?
    # param: alliance iri = https://w3id.org/conflict-kg/id/alliance/csto -- the alliance
    # example: kg query cq01-csto --param alliance=<...>

A `param` line declares a variable of the query (without '?'), its kind (iri, string,
date, integer, decimal) and an optional default after '='. Values are bound by the
engine as typed terms, never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

PARAM_KINDS = ("iri", "string", "date", "integer", "decimal", "boolean")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<kind>\w+)"
                    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<doc>.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str | None
    doc: str = ""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    title: str
    question: str
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)


def queries_dir() -> Path:
    return Path(str(resources.files("queries")))


def parse(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    examples: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, sep, value = line.lstrip("#").strip().partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            match = _PARAM.match(value)
            if not match or match["kind"] not in PARAM_KINDS:
                raise ValueError(f"{path.name}: bad param line {value!r}; expected "
                                 f"'NAME KIND [= DEFAULT] [-- doc]' with KIND in {PARAM_KINDS}")
            default = match["default"].strip() if match["default"] else None
            params.append(Param(match["name"], match["kind"], default or None,
                                (match["doc"] or "").strip()))
        elif key == "example":
            examples.append(value)
        else:
            meta[key] = value
    return SavedQuery(
        name=path.stem, path=path, text=text,
        title=meta.get("title", path.stem), question=meta.get("question", ""),
        params=tuple(params), examples=tuple(examples), meta=meta,
    )


def all_queries() -> list[SavedQuery]:
    return [parse(p) for p in sorted(queries_dir().glob("*.rq"))]


# A saved query's name: a file name, short enough for any file system (a longer one would
# make the lookup itself fail with ENAMETOOLONG).
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


def find(name: str) -> SavedQuery | None:
    """The saved query called `name`, or None when there is none."""
    if not _NAME.fullmatch(name):
        return None
    path = queries_dir() / f"{name}.rq"
    return parse(path) if path.is_file() else None


def internal(name: str) -> str:
    """The text of an internal query the pages and exports run (`queries/pages/NAME.rq`,
    `queries/exports/NAME.rq`): files like the saved ones, but not offered as questions."""
    return _internal(name)


@cache
def _internal(name: str) -> str:
    folder, _, stem = name.partition("/")
    if folder not in {"pages", "exports"} or not _NAME.fullmatch(stem):
        raise ValueError(f"no internal query {name!r}")
    return (queries_dir() / folder / f"{stem}.rq").read_text(encoding="utf-8")
