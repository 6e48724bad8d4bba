"""Servers the benchmarks and tests start: a free loopback port to bind, and a stop that
reaches the whole process group (the server's workers and its query executors too)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path


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
                                   start_new_session=True)
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
