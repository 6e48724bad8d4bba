"""The annotation cache: one gzip'd JSON file per article under the build's cache
directory (`data/cache/annotations/` by default: `KG_CACHE/annotations`, or
`KG_ANNOTATION_CACHE` to move it alone), keyed on the text, the reported date and the
annotator's fingerprint (CoreNLP version + settings + schema). The key is made by the same
function as every other per-article key of the build (graph/fingerprint.py), and the
annotator's fingerprint is also part of each article graph's build fingerprint, so one
mechanism decides what a rebuild reuses: the annotation, the graph, or neither.

A rebuild after a rule change finds every article here and costs only the rule layer.
Writes are atomic (a temporary file renamed into place), so a killed build leaves whole
entries or none; an entry that does not read back (truncated, corrupt, other schema) is
treated as a miss, removed, and annotated again."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import tempfile
import zlib
from pathlib import Path

from graph import fingerprint as build_keys
from graph.annotate import settings
from graph.annotate.types import Annotation


def cache_dir(explicit: Path | str | None = None) -> Path:
    return Path(explicit or os.environ.get("KG_ANNOTATION_CACHE")
                or build_keys.cache_dir() / "annotations")


def key(text: str, reported_date: str | None, fingerprint: str | None = None) -> str:
    """Cache key of one article's annotation."""
    return build_keys.key("annotation", build_keys.content_hash(text), reported_date,
                          fingerprint or settings.fingerprint())


def dumps(annotation: Annotation) -> bytes:
    """Deterministic gzip'd JSON (no timestamp in the gzip header), so a fixture made
    twice from the same text is byte-identical."""
    raw = json.dumps(annotation.to_dict(), ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(raw.encode("utf-8", "surrogatepass"), compresslevel=6, mtime=0)


def loads(blob: bytes) -> Annotation:
    """Inverse of `dumps`; ValueError on anything that is not a whole annotation."""
    try:
        data = json.loads(gzip.decompress(blob).decode("utf-8", "surrogatepass"))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable annotation: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("unreadable annotation: not an object")
    try:
        return Annotation.from_dict(data)
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"unreadable annotation: {exc!r}") from None


def write_atomic(path: Path, blob: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide fixtures from others
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_matching(path: Path, text: str, reported_date: str | None) -> Annotation | None:
    """The annotation stored at `path` if it is whole and was made from this text, date
    and the current settings; None otherwise (missing, corrupt or stale)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        annotation = loads(blob)
    except ValueError:
        return None
    if (annotation.text != text or annotation.reported_date != reported_date
            or annotation.settings != settings.fingerprint()):
        return None
    return annotation


class AnnotationCache:
    """Annotations on disk by key. `get` returns None on a miss (or a corrupt entry,
    which it removes); `put` stores atomically."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = cache_dir(root)
        self.hits = 0
        self.misses = 0
        self.corrupt = 0

    def path(self, text: str, reported_date: str | None) -> Path:
        k = key(text, reported_date)
        return self.root / k[:2] / f"{k}.json.gz"

    def get(self, text: str, reported_date: str | None) -> Annotation | None:
        path = self.path(text, reported_date)
        if not path.is_file():
            self.misses += 1
            return None
        found = read_matching(path, text, reported_date)
        if found is None:
            self.corrupt += 1
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return found

    def put(self, annotation: Annotation) -> Path:
        path = self.path(annotation.text, annotation.reported_date)
        # a read-only or full data directory costs speed, not correctness
        with contextlib.suppress(OSError):
            write_atomic(path, dumps(annotation))
        return path
