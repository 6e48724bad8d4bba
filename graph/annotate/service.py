"""Getting annotations: from the cache when it has them, else from the CoreNLP worker
(started on first need, stopped when done), storing what it makes in the cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.annotate import settings
from graph.annotate.cache import AnnotationCache
from graph.annotate.convert import from_corenlp
from graph.annotate.types import Annotation
from graph.annotate.worker import Worker
from graph.document import dateline_end
from graph.errors import DocumentError

DateLike = dt.date | str | None
Progress = Callable[[int, int], None]


def for_parser(text: str) -> str:
    """The text the worker parses (settings.TEXT_PREPARATION): each line's dateline ends
    with a newline instead of its last space, offsets unchanged."""
    out = list(text)
    pos = 0
    for line in text.split("\n"):
        cut = dateline_end(line)
        if cut > 0 and line[cut - 1] == " ":
            out[pos + cut - 1] = "\n"
        pos += len(line) + 1
    return "".join(out)


def _date(value: DateLike) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value.strip()).isoformat()


class Annotator:
    """A cache in front of one CoreNLP worker. The worker starts on the first miss and
    stops on `close()` (or at the end of a `with` block):

        with Annotator() as annotator:
            a = annotator.annotate(text, "2022-09-16")
            many = annotator.annotate_many([(text1, date1), (text2, date2)])
    """

    def __init__(self, *, cache: AnnotationCache | Path | str | None = None,
                 use_cache: bool = True, threads: int = settings.DEFAULT_THREADS) -> None:
        if isinstance(cache, AnnotationCache):
            self.cache: AnnotationCache | None = cache
        else:
            self.cache = AnnotationCache(cache) if use_cache else None
        self.threads = threads
        self._worker: Worker | None = None
        self.annotated = 0  # documents the worker annotated (cache misses)

    def annotate(self, text: str, reported_date: DateLike = None) -> Annotation:
        return self.annotate_many([(text, reported_date)])[0]

    def annotate_many(self, items: Sequence[tuple[str, DateLike]], *,
                      progress: Progress | None = None) -> list[Annotation]:
        """Annotations of `(text, reported date)` pairs, in order. Cached ones are read;
        the rest go to the worker in one batch (its threads annotate several at once).
        `progress(done, total)` is called as the worker finishes each document. A document
        CoreNLP fails on raises DocumentError once the others are done (and cached)."""
        out = self.annotate_each(items, progress=progress)
        for found in out:
            if isinstance(found, DocumentError):
                raise found
        return [a for a in out if isinstance(a, Annotation)]

    def annotate_each(self, items: Sequence[tuple[str, DateLike]], *,
                      progress: Progress | None = None) -> list[Annotation | DocumentError]:
        """Like `annotate_many`, but a document CoreNLP fails on gives its DocumentError
        in its place: one odd text does not cost the batch its annotations."""
        pairs = [(text, _date(date)) for text, date in items]
        out: list[Annotation | DocumentError | None] = [None] * len(pairs)
        todo: list[int] = []
        for i, (text, date) in enumerate(pairs):
            found = self.cache.get(text, date) if self.cache else None
            if found is None:
                todo.append(i)
            else:
                out[i] = found
        if todo:
            worker = self._worker or Worker(threads=self.threads).start()
            self._worker = worker
            fingerprint = settings.fingerprint()
            given = [(for_parser(pairs[i][0]), pairs[i][1]) for i in todo]
            for done, (j, doc) in enumerate(worker.iter_run(given), 1):
                i = todo[j]
                if isinstance(doc, DocumentError):
                    out[i] = doc
                else:
                    text, date = pairs[i]
                    annotation = from_corenlp(doc, text, date, fingerprint)
                    if self.cache:
                        self.cache.put(annotation)
                    out[i] = annotation
                    self.annotated += 1
                if progress:
                    progress(done, len(todo))
        return [a for a in out if a is not None]

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def __enter__(self) -> Annotator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def annotate(text: str, reported_date: DateLike = None, *,
             cache: AnnotationCache | Path | str | None = None,
             use_cache: bool = True) -> Annotation:
    """The annotation of one article text; `reported_date` (the article's date) is
    CoreNLP's docDate, so "Friday" or "two days ago" normalise against it."""
    with Annotator(cache=cache, use_cache=use_cache) as annotator:
        return annotator.annotate(text, reported_date)


def annotate_many(items: Sequence[tuple[str, DateLike]], *,
                  cache: AnnotationCache | Path | str | None = None, use_cache: bool = True,
                  threads: int = settings.DEFAULT_THREADS,
                  progress: Progress | None = None) -> list[Annotation]:
    """Annotations of many `(text, reported date)` pairs with one worker, in order."""
    with Annotator(cache=cache, use_cache=use_cache, threads=threads) as annotator:
        return annotator.annotate_many(items, progress=progress)
