"""Servers the benchmarks and tests start: a free loopback port to bind, a stop that
reaches the whole process group (the server's workers and its query executors too), and a
signal that stops them when whoever started them dies without stopping them."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_group(process: subprocess.Popen[bytes], grace: float) -> None:
    """SIGTERM to the process group of `process` (started with `start_new_session=True`),
    SIGKILL if it has not exited after `grace` seconds."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` for `subprocess.Popen`: the child gets SIGTERM when the thread that
    started it ends, so a server started by a test or a benchmark that is killed (pytest
    under `timeout`, Ctrl-C twice, an out-of-memory kill) stops too instead of holding its
    port, its store lock and its memory. Servers started in their own session
    (`start_new_session=True`) get no SIGHUP from the terminal either, so without this
    nothing stops them. None (no hook) where the kernel has no PR_SET_PDEATHSIG (not
    Linux).

    The signal follows the starting *thread*: start servers from the main thread (or
    from one that outlives them)."""
    libc = None
    with contextlib.suppress(OSError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)  # loaded here, not after fork
    if libc is None:
        return None
    prctl = libc.prctl
    parent = os.getpid()

    def _arm() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return _arm


# A private Virtuoso 7 on loopback: the one configuration the serving benchmark and the
# remote-store tests (tests/store/servers.py) both start, with buffers, threads and limits
# of their own (the benchmark sizes buffers for a million triples, ~1.3 GB as in the
# figures NOTES.md reports, and lifts the query limit so a long query is measured rather
# than cut short with a partial answer).
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = {threads}
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
"""


def start_virtuoso(directory: Path, *, threads: int = 8) -> tuple[subprocess.Popen[bytes],
                                                                   int, int]:
    """A new Virtuoso database in `directory` (user dba, password dba), started in its own
    process group: (process, SQL port, HTTP port). Waiting for it is the caller's."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise FileNotFoundError("virtuoso-t is not installed (Debian virtuoso-opensource)")
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port,
                                       threads=threads, buffers=170000, dirty=130000,
                                       max_rows=10000000, max_seconds=0), encoding="utf-8")
    with open(directory / "stdout.log", "wb") as out:
        process = subprocess.Popen([binary, "+configfile", str(ini), "+foreground"],
                                   cwd=directory, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True, preexec_fn=die_with_parent())
    return process, sql_port, http_port


def virtuoso_sql(sql_port: int, statements: str, timeout: float = 1800) -> str:
    """Run SQL statements through `isql-vt` as dba; their output, or an error."""
    done = subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba",
                           f"exec={statements}"], capture_output=True, text=True,
                          timeout=timeout, check=False)
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt failed: {(done.stdout + done.stderr)[-2000:]}")
    return done.stdout


def virtuoso_bulk_load(sql_port: int, nquads: Path) -> None:
    """Load an N-Quads file (in a directory Virtuoso may read) with its graphs, and
    checkpoint so the timed queries read a settled database."""
    virtuoso_sql(sql_port, f"ld_dir('{nquads.parent}', '{nquads.name}', "
                           "'urn:kg:bench:default'); rdf_loader_run(); checkpoint;")
