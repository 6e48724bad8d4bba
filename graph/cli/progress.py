"""A progress bar on the terminal for long builds and imports (rich), nothing elsewhere:
piped or quiet runs print only their summary line."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[int, int, str], None]


@contextmanager
def progress_bar(what: str, *, quiet: bool = False) -> Iterator[Advance]:
    """Yields `advance(done, total, item)` (total 0: not known yet); draws a bar on stderr
    when it is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda done, total, item: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TimeRemainingColumn(),
                   TextColumn("{task.fields[item]}"),
                   console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task(what, total=None, item="")

        def advance(done: int, total: int, item: str) -> None:
            bar.update(task, completed=done, total=total or None, item=item[:40])

        yield advance
