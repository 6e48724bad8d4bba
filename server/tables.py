"""The derived tables of a generation written after it went live. A small write (a SPARQL
Update, a Graph Store upload) makes its generation without them: they cost 9.0 of a
one-triple update's 9.1 s at a million triples. The server has them written right after
such a write of its own, and when a saved query first needs one in a generation written
elsewhere, once per generation, in a process of its own (`graph.store.derive`), below the
queries' CPU priority.

A saved query that needs a table being written waits for it, up to `WAIT_SECONDS`, rather
than run as written: at a million triples, from disk (the executors' memory copies of a
new generation take a while), cq09, cq13, cq07 and corroboration took 3-9 s each as
written, the tables of all four 9-10 s at once, and each query run as written also held
a main executor that whole time. Past the wait, or where no table can be written (a
read-only store), the query runs as written: the same rows, grouped at query time.

One writer process at a time: one started for a newer generation stops the one still
writing for an older one, whose tables nobody will read."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from pathlib import Path

# Below the main lanes (10): the tables only make later pages faster.
NICE = 15
WAIT_SECONDS = 20.0


class TableWriter:
    def __init__(self, store_root: Path) -> None:
        self.store_root = store_root
        self._lock = threading.Lock()
        self._asked: str | None = None  # the generation tables were last asked for
        self._process: subprocess.Popen[bytes] | None = None

    def request(self, generation_dir: Path) -> None:
        """Have the tables of the generation at `generation_dir` written, unless they are
        being written or were already asked for."""
        name = generation_dir.name
        with self._lock:
            if name == self._asked:
                return
            self._asked = name
            self._stop()
            self._process = subprocess.Popen(
                [sys.executable, "-m", "graph.store.derive", "--nice", str(NICE),
                 str(self.store_root), name],
                stdin=subprocess.DEVNULL)
            threading.Thread(target=self._process.wait, daemon=True,
                             name="kg-tables-reaper").start()

    def written(self, generation_dir: Path, table_file: str) -> bool:
        """Ask for the generation's tables and wait until they are written (at most
        WAIT_SECONDS): whether `table_file` is there now."""
        self.request(generation_dir)
        with self._lock:
            process = self._process if self._asked == generation_dir.name else None
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(WAIT_SECONDS)
        return (generation_dir / table_file).is_file()

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.kill()
        self._process = None

    def close(self) -> None:
        with self._lock:
            self._stop()
