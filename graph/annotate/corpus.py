"""Annotations for the articles of a corpus, as `kg build`, `kg add` and `kg evaluate` get
them: the cache first, then the committed fixtures beside the articles
(`<corpus>/annotations/<slug>.json.gz`), then the CoreNLP worker for the rest, in one batch.

What happens when the annotator cannot run is the mode (`--annotator` or `KG_ANNOTATOR`):

- `auto` (default): annotate what is neither cached nor a fixture; if Java or the
  CoreNLP jars are missing, or the worker dies, warn on stderr and build those articles
  with the rule layer alone (annotation None: the degraded mode), so a machine without
  Java still builds and serves a graph.
- `require`: the same, but an annotator that cannot run is an error (exit 1).
- `cached`: use only the cache and the fixtures, never start Java; the rest degrade
  (counted in the build's summary line, no warning: it was asked for).
- `off`: no annotation at all (the rule layer alone, no warning).

Fixtures are written by `kg annotate` (`write_fixtures`): deterministic gzip'd JSON made
by the real annotator, committed with their articles, so the rule layer and its tests need
no JVM while the fixtures are current. A fixture made from another text, date or other
annotator settings is ignored (the article is annotated again, or degrades)."""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.annotate import cache as cache_mod
from graph.annotate.cache import AnnotationCache
from graph.annotate.service import Annotator
from graph.annotate.types import Annotation
from graph.corpus import Article
from graph.errors import AnnotatorError, DocumentError, UsageError

MODES = ("auto", "require", "cached", "off")
FIXTURE_DIR = "annotations"
# Past these sizes a text is not a news article (a capture gone wrong, a dump): CoreNLP
# would take minutes and gigabytes on it, and the rule layer skips such lines anyway.
MAX_CHARS = 100_000
MAX_LINE = 10_000

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]


def mode_from_env(explicit: str | None = None) -> str:
    mode = (explicit or os.environ.get("KG_ANNOTATOR") or "auto").strip().lower()
    if mode not in MODES:
        raise UsageError(f"annotator mode {mode!r}: expected one of {', '.join(MODES)} "
                         "(--annotator or KG_ANNOTATOR)")
    return mode


def annotatable(text: str) -> bool:
    return len(text) <= MAX_CHARS and all(len(line) <= MAX_LINE for line in text.splitlines())


def fixture_path(folder: Path, article: Article) -> Path:
    return folder / FIXTURE_DIR / f"{article.slug}.json.gz"


def _stderr(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr, flush=True)


# One worker per process, started on the first miss and kept for later builds in the same
# process (tests, `kg evaluate` building several corpora): loading the models is the
# expensive part. It is stopped at exit, and stops by itself if this process dies.
_shared: Annotator | None = None


def shared_annotator() -> Annotator:
    global _shared
    if _shared is None:
        _shared = Annotator(use_cache=False)  # each call sets the cache it uses
        atexit.register(close_shared)
    return _shared


def close_shared() -> None:
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None


@dataclass
class AnnotationReport:
    cached: int = 0
    fixtures: int = 0
    annotated: int = 0
    degraded: int = 0
    reason: str = ""


def annotate_articles(articles: Sequence[Article], folder: Path | None = None, *,
                      mode: str | None = None, cache: AnnotationCache | None = None,
                      progress: Progress | None = None, warn: Warn = _stderr,
                      report: AnnotationReport | None = None) -> list[Annotation | None]:
    """One annotation (or None in degraded mode) per article, in order."""
    mode = mode_from_env(mode)
    report = report if report is not None else AnnotationReport()
    if mode == "off" or not articles:
        return [None] * len(articles)
    store = cache or AnnotationCache()
    out: list[Annotation | None] = [None] * len(articles)
    todo: list[int] = []
    for i, article in enumerate(articles):
        date = article.reported_date.isoformat()
        found = store.get(article.text, date)
        if found is not None:
            report.cached += 1
        elif folder is not None:
            found = cache_mod.read_matching(fixture_path(folder, article), article.text, date)
            if found is not None:
                report.fixtures += 1
                store.put(found)
        if found is None:
            todo.append(i)
        out[i] = found
    if not todo:
        return out
    if mode == "cached":  # asked for: the summary line counts them, no warning
        report.degraded = len(todo)
        report.reason = "annotator mode 'cached' and no cached annotation or fixture"
        return out
    too_big = [i for i in todo if not annotatable(articles[i].text)]
    if too_big:
        report.degraded += len(too_big)
        warn(f"{len(too_big)} article(s) too large to annotate (over {MAX_CHARS:,} "
             f"characters, or a line over {MAX_LINE:,}): built with the rule layer alone: "
             + ", ".join(articles[i].file for i in too_big[:5]))
        todo = [i for i in todo if i not in set(too_big)]
        if not todo:
            return out
    annotator = shared_annotator()
    annotator.cache = store  # each annotation is cached as it is made: a killed build keeps them
    items = [(articles[i].text, articles[i].reported_date) for i in todo]
    try:
        made = annotator.annotate_each(items, progress=progress)
    except AnnotatorError as exc:
        if mode == "require":
            raise
        close_shared()
        report.degraded += len(todo)
        report.reason = exc.message
        warn(f"the annotator cannot run ({exc.message}); {len(todo)} article(s) built with "
             "the rule layer alone (degraded: no parse, coreference or SUTime)")
        return out
    failed = [(i, a) for i, a in zip(todo, made, strict=True) if isinstance(a, DocumentError)]
    if failed and mode == "require":
        raise AnnotatorError("the annotator failed on " + "; ".join(
            f"{articles[i].file} ({a.message})" for i, a in failed))
    for i, annotation in zip(todo, made, strict=True):
        if not isinstance(annotation, DocumentError):
            out[i] = annotation
    if failed:
        report.degraded += len(failed)
        report.reason = failed[0][1].message
        warn(f"the annotator failed on {len(failed)} article(s), built with the rule layer "
             "alone: " + "; ".join(f"{articles[i].file} ({a.message})" for i, a in failed[:5]))
    report.annotated += len(todo) - len(failed)
    return out


def write_fixtures(folder: Path, articles: Sequence[Article], *, out: Path | None = None,
                   progress: Progress | None = None) -> tuple[int, int]:
    """Write the annotation of every article of `folder` as a fixture beside it (or under
    `out`); returns (written, unchanged). Fixtures of articles no longer listed are
    removed. Raises AnnotatorError when the annotator cannot run."""
    target = out or folder / FIXTURE_DIR
    # current fixtures and cache entries are reused: only new or changed articles run
    annotations = annotate_articles(articles, folder, mode="require", progress=progress)
    written = unchanged = 0
    keep = set()
    for article, annotation in zip(articles, annotations, strict=True):
        path = target / f"{article.slug}.json.gz"
        if annotation is None:  # too large to annotate (warned): no fixture
            continue
        keep.add(path.name)
        blob = cache_mod.dumps(annotation)
        if path.is_file() and path.read_bytes() == blob:
            unchanged += 1
            continue
        cache_mod.write_atomic(path, blob)
        written += 1
    if target.is_dir():
        for stale in target.glob("*.json.gz"):
            if stale.name not in keep:
                stale.unlink()
    return written, unchanged


def stale_fixtures(folder: Path, articles: Sequence[Article]) -> list[str]:
    """Articles of `folder` whose fixture is missing or does not match (text, date,
    annotator settings)."""
    return [a.file for a in articles
            if cache_mod.read_matching(fixture_path(folder, a), a.text,
                                       a.reported_date.isoformat()) is None]
