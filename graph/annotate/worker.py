"""The CoreNLP worker: a separate local Java process (CoreNLP is GPL-3.0 and runs only
as its own program), started and stopped by our code, talked to over its stdin/stdout.

It opens no socket. It stops by itself when our end of the pipe closes (our process
ended or crashed), and `close()` stops it by its process id (its process group) if it
does not end within a few seconds."""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from graph.annotate import settings
from graph.errors import AnnotatorError, DocumentError

ROOT = Path(__file__).resolve().parents[2]
WORKER_SOURCE = Path(__file__).resolve().parent / "java" / "AnnotateWorker.java"
# Written by `make annotator` (mvn dependency:build-classpath over graph/annotate/pom.xml),
# which also compiles the worker when a JDK is there (else Java compiles it at each start).
CLASSPATH_FILE = ROOT / "build" / "corenlp" / "classpath.txt"
COMPILED = ROOT / "build" / "corenlp" / "classes"
SETUP_HINT = "run `make annotator` (it fetches Stanford CoreNLP with mvn)"
# Loading the models takes 20-40 s on 2 idle cores, minutes on busy ones; past this the
# worker is declared hung. A news article takes about a second.
START_TIMEOUT = 600.0
STALL_TIMEOUT = 600.0


class _FrameReader:
    """Reads the worker's length-prefixed replies from a pipe, giving up when nothing
    arrives for `timeout` seconds (a hung worker must not hang the build)."""

    def __init__(self, fd: int, timeout: float) -> None:
        self.fd = fd
        self.timeout = timeout
        self.buffer = bytearray()

    def _fill(self) -> None:
        ready, _, _ = select.select([self.fd], [], [], self.timeout)
        if not ready:
            raise TimeoutError
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            raise EOFError
        self.buffer += chunk

    def line(self) -> bytes:
        while b"\n" not in self.buffer:
            self._fill()
        cut = self.buffer.index(b"\n") + 1
        out = bytes(self.buffer[:cut])
        del self.buffer[:cut]
        return out

    def exact(self, n: int) -> bytes:
        while len(self.buffer) < n:
            self._fill()
        out = bytes(self.buffer[:n])
        del self.buffer[:n]
        return out


def find_java() -> str:
    """The `java` to run (JAVA_HOME first, then PATH); 11 or later (source-file mode)."""
    home = os.environ.get("JAVA_HOME")
    candidates = [str(Path(home) / "bin" / "java")] if home else []
    found = shutil.which("java")
    if found:
        candidates.append(found)
    for java in candidates:
        if not Path(java).is_file():
            continue
        try:
            out = subprocess.run([java, "-version"], capture_output=True, text=True,
                                 timeout=60).stderr
        except (OSError, subprocess.TimeoutExpired):
            continue
        match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
        if match:
            major = int(match.group(1))
            major = int(match.group(2) or 0) if major == 1 else major
            if major >= 11:
                return java
            raise AnnotatorError(f"{java} is Java {major}; the annotator (Stanford CoreNLP "
                                 "4.5) needs Java 11 or later (Java 17 recommended)")
    raise AnnotatorError("Java not found (no JAVA_HOME, no `java` on PATH): the annotator "
                         "(Stanford CoreNLP) needs a Java 11+ JDK, e.g. "
                         "`apt-get install openjdk-17-jdk-headless`")


def classpath() -> str:
    """The CoreNLP classpath: $KG_CORENLP_CLASSPATH, else the file `make annotator` wrote."""
    raw = os.environ.get("KG_CORENLP_CLASSPATH", "").strip()
    where = "KG_CORENLP_CLASSPATH"
    if not raw:
        if not CLASSPATH_FILE.is_file():
            raise AnnotatorError(f"Stanford CoreNLP is not set up ({CLASSPATH_FILE} is "
                                 f"missing): {SETUP_HINT}")
        raw = CLASSPATH_FILE.read_text(encoding="utf-8").strip()
        where = str(CLASSPATH_FILE)
    jars = [p for p in raw.split(os.pathsep) if p]
    missing = [p for p in jars if not Path(p).exists()]
    if missing or not any("stanford-corenlp" in Path(p).name and "models" in p for p in jars):
        what = f"{len(missing)} jar(s) listed in {where} are missing (first: {missing[0]})" \
            if missing else f"{where} lists no stanford-corenlp models jar"
        raise AnnotatorError(f"Stanford CoreNLP is not set up: {what}; {SETUP_HINT}")
    return os.pathsep.join(jars)


class Worker:
    """One CoreNLP pipeline in a Java process. Use as a context manager:

        with Worker() as w:
            docs = w.run([(text, "2022-09-16"), ...])   # CoreNLP JSON dicts, in order
    """

    def __init__(self, *, threads: int = settings.DEFAULT_THREADS,
                 heap: str = settings.DEFAULT_HEAP,
                 properties: dict[str, str] | None = None) -> None:
        self.threads = max(1, threads)
        self.heap = heap
        self.properties = dict(properties or settings.PROPERTIES)
        self.process: subprocess.Popen[bytes] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._log: IO[bytes] | None = None
        self._lock = threading.Lock()
        self.timing = ""  # CoreNLP's time per annotator, once the worker has stopped
        self._reader: _FrameReader | None = None

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> Worker:
        if self.process is not None:
            return self
        java = find_java()
        cp = classpath()
        self._tmp = tempfile.TemporaryDirectory(prefix="kg-corenlp-")
        props = Path(self._tmp.name) / "pipeline.properties"
        props.write_text("".join(f"{k}={v}\n" for k, v in self.properties.items()),
                         encoding="utf-8")
        self._log = open(Path(self._tmp.name) / "worker.log", "w+b")  # noqa: SIM115
        compiled = COMPILED / "AnnotateWorker.class"
        if compiled.is_file() and compiled.stat().st_mtime >= WORKER_SOURCE.stat().st_mtime:
            main = ["-cp", str(COMPILED) + os.pathsep + cp, "AnnotateWorker"]
        else:  # Java's source-file mode: compiles it in memory (a few seconds)
            main = ["-cp", cp, str(WORKER_SOURCE)]
        try:
            self.process = subprocess.Popen(
                [java, f"-Xmx{self.heap}", "-XX:+UseParallelGC", *main, str(props),
                 str(self.threads)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                start_new_session=True)  # its own group: stopped by pid, never by name
        except OSError as exc:
            self._cleanup()
            raise AnnotatorError(f"could not start the annotator ({java}): {exc}") from None
        ready = self._read_line(START_TIMEOUT)
        if ready != b"READY":
            detail = self._log_tail()
            self.close()
            setup = re.search(r"ClassNotFound|NoClassDefFound|Unable to open|"
                              r"could not find|FileNotFound|OutOfMemory", detail)
            raise AnnotatorError("the annotator (Stanford CoreNLP) did not start"
                                 + (f": {detail}" if detail else " (no output)")
                                 + (f"; {SETUP_HINT}" if setup or not detail else ""))
        return self

    def close(self) -> None:
        """Stop the worker: end its input, then its process group by pid if it lingers."""
        process, self.process = self.process, None
        self._reader = None
        if process is not None:
            try:
                if process.stdin:
                    process.stdin.close()
            except OSError:
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            if process.stdout:
                process.stdout.close()
            if self._log is not None:
                self._log.seek(0)
                log = self._log.read().decode("utf-8", "replace")
                self.timing = log.split("TIMING\n", 1)[1].strip() if "TIMING\n" in log else ""
        self._cleanup()

    def _cleanup(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Worker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # a forgotten worker must not outlive its owner
        if getattr(self, "process", None) is not None:
            self.close()

    # -- work ---------------------------------------------------------------------------
    def run(self, items: Sequence[tuple[str, str | None]]) -> list[dict[str, Any]]:
        """Annotate `(text, YYYY-MM-DD or None)` pairs; CoreNLP's JSON for each, in order.
        A document CoreNLP fails on raises AnnotatorError naming it."""
        out: list[dict[str, Any] | None] = [None] * len(items)
        for i, doc in self.iter_run(items):
            if isinstance(doc, DocumentError):
                raise doc
            out[i] = doc
        return [d for d in out if d is not None]

    def iter_run(self, items: Sequence[tuple[str, str | None]]
                 ) -> Iterator[tuple[int, dict[str, Any] | DocumentError]]:
        """Like `run`, yielding (position, JSON) as each document finishes, or (position,
        DocumentError) for a document CoreNLP failed on: the others go on. A worker that
        stops or hangs raises AnnotatorError."""
        import json

        self.start()
        process = self.process
        assert process is not None
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None
        with self._lock:
            errors: list[BaseException] = []

            def feed() -> None:
                try:
                    for i, (text, date) in enumerate(items):
                        body = text.encode("utf-8", "surrogatepass")
                        stdin.write(f"{i}\t{date or '-'}\t{len(body)}\n".encode())
                        stdin.write(body)
                    stdin.flush()
                except (OSError, ValueError) as exc:  # the worker died; the reader says why
                    errors.append(exc)

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            if self._reader is None:  # after READY (read through stdout's buffer): raw pipe
                self._reader = _FrameReader(stdout.fileno(), STALL_TIMEOUT)
            reader = self._reader
            for _ in range(len(items)):
                try:
                    header = reader.line()
                    status, ident, length = header.decode().rstrip("\n").split("\t")
                    payload = reader.exact(int(length))
                except (EOFError, TimeoutError, ValueError) as exc:
                    writer.join(timeout=1)
                    detail = self._log_tail()
                    self.close()
                    why = (f"no document finished for {STALL_TIMEOUT:.0f} s"
                           if isinstance(exc, TimeoutError) else "it stopped")
                    raise AnnotatorError(f"the annotator (Stanford CoreNLP) failed: {why}"
                                         + (f" ({detail})" if detail else "")) from None
                if status != "OK":
                    yield int(ident), DocumentError(
                        f"the annotator failed on document {ident}: "
                        f"{payload.decode('utf-8', 'replace')[:300]}")
                    continue
                yield int(ident), json.loads(payload)
            writer.join()

    def _read_line(self, timeout: float) -> bytes | None:
        """One line of the worker's stdout, or None if it ends or takes too long."""
        process = self.process
        assert process is not None
        stdout = process.stdout
        assert stdout is not None
        result: list[bytes] = []
        reader = threading.Thread(target=lambda: result.append(stdout.readline()),
                                  daemon=True)
        reader.start()
        reader.join(timeout)
        if not result:
            return None
        return result[0].rstrip(b"\n")

    def _log_tail(self) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        lines = [ln.strip() for ln in self._log.read().decode("utf-8", "replace").splitlines()
                 if ln.strip()]
        errors = [ln for ln in lines if re.search(r"Exception|Error|error:", ln)]
        return (errors or lines or [""])[-1][:300]
