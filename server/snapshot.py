"""The in-memory read snapshot of a query executor: a copy of the live generation in a
pyoxigraph memory store, which answered the benchmark's queries 2-25x faster than the
same generation on disk (`bench/results/serve.md`).

`KG_MEMORY_SNAPSHOT`: `auto` (the default) takes a snapshot when the live generation's
files take at most `KG_MEMORY_SNAPSHOT_MAX_BYTES` on disk (256 MiB by default, about a
million triples; the memory store needs ~2x that in RAM per executor: 432 MB for
239 MB at 1M triples), `on` always, `off` never.

The executor keeps answering from disk while the copy loads in a background thread (so the
server answers at once after a start or a restart of an executor), and again from disk as
soon as a new generation goes live, until the copy of that one is ready. An answer never
comes from a copy of anything but the live generation.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from graph.store.embedded import EmbeddedStore

log = logging.getLogger("kg.server")

MODES = ("auto", "on", "off")
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def mode_from_env() -> str:
    mode = os.environ.get("KG_MEMORY_SNAPSHOT", "auto").strip().lower() or "auto"
    return mode if mode in MODES else "auto"


def max_bytes_from_env() -> int:
    return int(os.environ.get("KG_MEMORY_SNAPSHOT_MAX_BYTES", str(DEFAULT_MAX_BYTES)))


def disk_size(path: Path) -> int:
    """Bytes of the files of a generation directory."""
    total = 0
    for entry in os.scandir(path):
        try:
            if entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_size
        except FileNotFoundError:
            # a temporary file written beside the store (statement counts) renamed away
            # while the directory is read: it is counted under its new name, if at all
            continue
    return total


class Snapshots:
    """The memory copy of the live generation, when there is one, and its loading."""

    def __init__(self, disk: EmbeddedStore, mode: str, max_bytes: int,
                 after_copy: Callable[[], object] = lambda: None) -> None:
        self.disk = disk
        # Run once a copy is made (the executor gives the memory of loading it back).
        self.after_copy = after_copy
        self.mode = mode
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._ready: tuple[str, ox.Store] | None = None  # (generation, copy)
        self._loading: str | None = None
        self._refused: set[str] = set()  # generations too large for `auto`

    def store_for(self, generation: str | None) -> ox.Store | None:
        """The memory copy of `generation` if it is ready; otherwise None, and its loading
        is started when the mode wants one."""
        if self.mode == "off" or generation is None:
            return None
        with self._lock:
            ready = self._ready
            if ready is not None and ready[0] == generation:
                return ready[1]
            if ready is not None:
                self._ready = None  # a copy of an old generation: let it go
            if self._loading is not None or generation in self._refused:
                return None
            self._loading = generation
        threading.Thread(target=self._load, args=(generation,), daemon=True,
                         name="kg-snapshot").start()
        return None

    def _load(self, generation: str) -> None:
        try:
            path = self.disk.live_generation_path()
            if path is None or path.name != generation:
                return
            if self.mode == "auto" and disk_size(path) > self.max_bytes:
                with self._lock:
                    self._refused.add(generation)
                return
            with _one_copy_at_a_time(path):
                copy = _copy(path)
                self.after_copy()
            with self._lock:
                self._ready = (generation, copy)
        except Exception:  # a failed copy only costs speed: answers come from disk
            log.exception("the in-memory snapshot of generation %s failed", generation)
            with self._lock:
                self._refused.add(generation)
        finally:
            with self._lock:
                self._loading = None


@contextmanager
def _one_copy_at_a_time(path: Path) -> Iterator[None]:
    """Hold the machine-wide lock of copies of this store while one is made: loading a
    copy needs about half as much memory again as the copy keeps, so two executors copying
    at once made the server's peak (1,518 MB at 1M triples against 1,062 MB once both
    copies were made); one after the other, the second copy is ready a little later."""
    digest = hashlib.sha256(os.fsencode(path.parent.resolve())).hexdigest()[:16]
    lock_path = os.path.join(tempfile.gettempdir(), f"kg-snapshot-{digest}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:  # no writable temp directory: copy without waiting
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _copy(path: Path) -> ox.Store:
    """A memory store with the quads of the generation at `path`, through an N-Quads file
    (written and read by the engine: no quad becomes a Python object)."""
    source = ox.Store.read_only(str(path))
    workdir = tempfile.mkdtemp(prefix="kg-snapshot-")
    try:
        dump = os.path.join(workdir, "generation.nq")
        source.dump(dump, format=ox.RdfFormat.N_QUADS)
        del source
        copy = ox.Store()
        # `bulk_load`, not `load`: with `load` the process peaked at 416 MB instead of 638
        # MB while loading at 1M triples and kept 397 MB instead of 432 MB, but the copy
        # then held the quads in another order than the disk, and a GROUP_CONCAT
        # (casualty-totals) joined its values in another order than the same query from
        # disk: the lanes must give the same answer to the same question.
        copy.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
        return copy
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
