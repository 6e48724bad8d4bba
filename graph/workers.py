"""Extraction on every core: articles are built in worker processes, each result sent
back as N-Quads bytes (loaded by pyoxigraph as they are, so the parent never holds
millions of Python triple objects).

Workers are forked after the parent has loaded the rules and the reference base, so they
start with both in memory. Results come back in any order; the build keys them by graph
name, so the store's content does not depend on the order or the number of workers."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from graph.annotate.types import Annotation
from graph.corpus import Article
from graph.curation import Decision
from graph.errors import InputError
from graph.iris import Minter
from graph.store.base import SerializedGraph

# Fewer articles than this per worker are built in the parent: starting workers costs
# more than it saves.
MIN_PER_WORKER = 4
# Articles handed to a worker in one message: fewer round trips, still a steady progress.
CHUNK = 8


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@dataclass
class Built:
    slug: str
    graph: SerializedGraph | None
    counts: Counter[str]
    applied: int
    error: str | None = None
    sketch: tuple[int, ...] | None = None  # for near-duplicate detection (graph/dedup.py)


# The build's settings in a worker, set once by the initializer (fork copies them, with
# the articles' annotations: they are not sent with each chunk).
Annotations = Mapping[str, "Annotation | None"]
_SETTINGS: tuple[Minter, list[Decision] | None, Annotations] | None = None


def build_one(article: Article, minter: Minter, decisions: list[Decision] | None,
              annotation: Annotation | None = None) -> Built:
    """One article's graph; an exception becomes the article's refusal."""
    from graph.build import article_graph
    from graph.dedup import sketch

    try:
        triples, counts, applied = article_graph(article, minter, decisions, annotation)
        graph = SerializedGraph.of(triples, minter.graph(article.slug))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        return Built(article.slug, None, Counter(), 0, f"extraction failed: {exc!r}")
    return Built(article.slug, graph, counts, applied, sketch=sketch(article.text))


def _init(settings: tuple, parent: int) -> None:
    global _SETTINGS
    _SETTINGS = settings
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """Linux: a worker of a build that was killed stops at once. Forked after the build
    opened the store, it holds the reader lock of that generation; left running, it would
    keep the generation from being collected by the next build."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def _run_chunk(articles: list[Article]) -> list[Built]:
    assert _SETTINGS is not None
    minter, decisions, annotations = _SETTINGS
    return [build_one(a, minter, decisions, annotations.get(a.slug)) for a in articles]


def build_all(articles: list[Article], minter: Minter, decisions: list[Decision] | None,
              *, jobs: int, warm: Callable[[], object] | None = None,
              annotations: Annotations | None = None) -> Iterator[Built]:
    """Build every article, on `jobs` processes; yields each result as it is done.
    `annotations` maps a slug to its linguistic annotation (absent or None: none)."""
    annotations = annotations or {}
    if jobs <= 1 or len(articles) < MIN_PER_WORKER * 2:
        for article in articles:
            yield build_one(article, minter, decisions, annotations.get(article.slug))
        return
    if warm is not None:
        warm()  # loaded once here, inherited by every forked worker
    try:
        yield from _pool(articles, minter, decisions, annotations, jobs)
    except BrokenProcessPool:
        raise InputError("an extraction process died (out of memory, or killed); the store "
                         "is unchanged: run the build again, or with --jobs 1 to see which "
                         "article it was") from None


def _pool(articles: list[Article], minter: Minter, decisions: list[Decision] | None,
          annotations: Annotations, jobs: int) -> Iterator[Built]:
    chunks = [articles[i:i + CHUNK] for i in range(0, len(articles), CHUNK)]
    context = multiprocessing.get_context("fork")
    settings = ((minter, decisions, annotations), os.getpid())
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context,
                             initializer=_init, initargs=settings) as pool:
        # A bounded number of chunks in flight: results stream back as they are done (the
        # progress bar moves) and the articles queued in the pool stay few.
        pending: set[Future[list[Built]]] = set()
        queue: Iterable[list[Article]] = iter(chunks)
        for chunk in queue:
            pending.add(pool.submit(_run_chunk, chunk))
            if len(pending) >= jobs * 4:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()

