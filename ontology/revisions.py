"""Read a version of the ontology vocabulary: the working tree, a file, a directory, or a
git revision (`HEAD~1`, or `HEAD~1:ontology/conflict.ttl` for one file). Git is only
read (`git show`, `git ls-tree`), never changed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from rdflib import Graph

from ontology.namespaces import ontology_dir
from ontology.sources import is_shapes_graph, load_vocabulary, parse_turtle


class RevisionError(Exception):
    """The named version cannot be read (no such file or revision, bad Turtle)."""


def load_revision(spec: str | None) -> Graph:
    """The vocabulary (shapes left out) named by `spec`; None is the working tree."""
    try:
        if spec is None:
            return load_vocabulary()
        path = Path(spec)
        if path.is_dir():
            return load_vocabulary(path)
        if path.is_file():
            return parse_turtle(path)
    except SyntaxError as exc:
        raise RevisionError(f"{spec or 'the working tree'} does not parse: {exc}") from exc
    if ":" in spec:
        return _parse(_git("show", spec), spec)
    return _whole_revision(spec)


def _repo_root() -> Path:
    try:
        out = _git("rev-parse", "--show-toplevel")
    except RevisionError as exc:
        raise RevisionError(f"not a file, and no git repository to read revisions from: {exc}"
                            ) from exc
    return Path(out.strip())


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(ontology_dir()), *args], capture_output=True,
                              text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RevisionError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        message = " ".join(done.stderr.split()) or f"git {' '.join(args)} failed"
        raise RevisionError(f"{message} (expected a file, a directory or a git revision "
                            "such as HEAD~1 or HEAD~1:ontology/conflict.ttl)")
    return done.stdout


def _whole_revision(revision: str) -> Graph:
    """Every vocabulary file under ontology/ at `revision` (none there: an empty graph)."""
    root = _repo_root()
    relative = ontology_dir().resolve().relative_to(root.resolve()).as_posix()
    _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    listing = _git("ls-tree", "--name-only", f"{revision}", f"{relative}/")
    merged = Graph()
    for name in sorted(listing.split()):
        if name.endswith(".ttl"):
            graph = _parse(_git("show", f"{revision}:{name}"), f"{revision}:{name}")
            if not is_shapes_graph(graph):
                merged += graph
    return merged


def _parse(text: str, label: str) -> Graph:
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise RevisionError(f"{label} does not parse: {' '.join(str(exc).split())}") from exc
    return graph
