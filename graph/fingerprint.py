"""Content fingerprints: stable keys for "the same input gives the same output".

One mechanism serves every per-article cache of the build:

- `content_hash(text)` names an article's text alone;
- `key(namespace, *parts)` combines it with whatever else decides a result: for the
  extracted graph, the article's metadata and `inputs_digest()` (code, rules, reference
  base, curation, base IRI); for a linguistic annotation, the annotator's version and
  settings (`key("annotation", content_hash(text), version, settings)`);
- `FileCache` keeps bytes under such a key on disk, written atomically.

A key changes whenever one of its parts does, and never otherwise: parts are joined with
a separator no part contains, and everything is hashed with SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.corpus import Article

_SEP = "\x1f"
# What the extracted graph of an article depends on besides the article itself: the code
# of these packages and the data files beside it (rules, reference base).
_PACKAGE = Path(__file__).resolve().parent
_CODE_GLOBS = ("*.py", "extract/*.py", "annotate/*.py", "rules/*.toml", "kb/*.ttl")


def content_hash(text: str) -> str:
    """SHA-256 of the text as UTF-8: the key of the text alone."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def key(namespace: str, *parts: object) -> str:
    """A key for a result in `namespace` computed from `parts` (None and "" differ)."""
    digest = hashlib.sha256(namespace.encode("utf-8"))
    for part in parts:
        digest.update(_SEP.encode("ascii"))
        digest.update(("\x00" if part is None else str(part)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """One hash of the names (relative to `root`) and contents of `paths`, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        name = str(path.relative_to(root)) if root else path.name
        digest.update(name.encode("utf-8") + b"\x00")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The build's code, rules and reference base, and the prefix map the triples are
    written with (read once per process)."""
    files = {p for pattern in _CODE_GLOBS for p in _PACKAGE.glob(pattern) if p.is_file()}
    files |= {p for p in [_PACKAGE.parent / "ontology" / "namespaces.py"] if p.is_file()}
    return files_digest(files, _PACKAGE.parent)


def inputs_digest(base: str, curation: Path | None = None, *settings: object) -> str:
    """Everything but the article that decides its graph: code, rules, reference base,
    curation decisions, the base IRI, and any `settings` a step adds (an annotator's
    mode and version: a graph built without annotation differs from one built with)."""
    curated = hashlib.sha256(curation.read_bytes()).hexdigest() if curation and \
        curation.is_file() else None
    return key("inputs", code_digest(), curated, base, *settings)


def article_fingerprint(article: Article, inputs: str) -> str:
    """The key of one article's extracted graph: its text, its metadata, the inputs."""
    return key("article-graph", content_hash(article.text), article.slug, article.file,
               article.title, article.reported_date.isoformat(), article.publisher,
               article.url, article.note, inputs)


def cache_dir() -> Path:
    """Where per-article caches live: `KG_CACHE`, default data/cache."""
    return Path(os.environ.get("KG_CACHE") or "data/cache")


class FileCache:
    """Bytes kept under a key in a directory (two-level fan-out), written atomically so
    that concurrent writers of one key and readers never see a partial value."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, name: str) -> Path:
        return self.root / name[:2] / name

    def get(self, name: str) -> bytes | None:
        try:
            return self._path(name).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def put(self, name: str, data: bytes) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
