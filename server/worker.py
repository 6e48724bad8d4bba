"""The gunicorn worker `kg serve` runs: gunicorn's threaded worker, except that a thread
that has just answered on a kept-alive connection waits a moment for that client's next
request instead of handing the connection straight back to the worker's poller.

Why: under the threaded worker every request on a kept-alive connection takes two
hand-offs between threads (the poller thread sees the socket readable and queues the
connection for a pool thread; the pool thread hands it back when done). On two cores those
wake-ups were about 0.2 ms of the 0.5 ms gunicorn added to a trivial query
(`bench/results/serve.md`). A client that sends its requests back to back (a script, a
benchmark, a proxy keeping a pool of connections) now has them read by the thread that
answered the last one.

The wait is short (`LINGER`), starts only while another pool thread is free and no
connection is waiting for one, and ends as soon as a connection has to wait for a thread:
a lingering thread never keeps a request waiting."""

from __future__ import annotations

import contextlib
import os
import select
import threading
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

# How long a thread keeps a kept-alive connection after answering on it. Clients that
# pause longer go back to the poller and are served exactly as by the threaded worker.
LINGER = 0.05


class LingeringThreadWorker(ThreadWorker):
    """gunicorn's `gthread` worker with kept-alive connections held briefly by the thread
    that last served them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._count_lock = threading.Lock()
        self._queued = 0  # connections submitted to the pool and not yet picked up
        self._busy = 0  # pool threads inside handle()
        # Readable while a connection waits for a thread: lingering threads give up.
        self._wake_r = self._wake_w = -1
        self._signalled = False  # bytes may be in the pipe (drained when the wait ends)

    def init_process(self) -> None:
        self._wake_r, self._wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        super().init_process()  # runs the worker's loop

    def enqueue_req(self, conn: Any) -> None:
        with self._count_lock:
            self._queued += 1
            if self._busy + self._queued > self.cfg.threads:
                self._signalled = True
                with contextlib.suppress(BlockingIOError):  # full: already signalled
                    os.write(self._wake_w, b"!")
        super().enqueue_req(conn)

    def handle(self, conn: Any) -> Any:
        with self._count_lock:
            self._queued -= 1
            self._busy += 1
            if self._queued == 0 and self._signalled:
                # Only then: a read on every request would be a wasted system call.
                self._signalled = False
                with contextlib.suppress(BlockingIOError):
                    while os.read(self._wake_r, 4096):
                        pass
        try:
            while True:
                result = super().handle(conn)
                if result is not True or not self._linger(conn):
                    return result
        finally:
            with self._count_lock:
                self._busy -= 1

    def _linger(self, conn: Any) -> bool:
        """Whether the client's next request arrived on `conn` within `LINGER` while this
        thread could wait for it; False hands the connection back to the poller."""
        if not self.alive or conn.parser.unreader.buf.getvalue():
            # Stopping, or bytes of the next request were read ahead: gunicorn's own path
            # (finish_request) handles both.
            return False
        with self._count_lock:
            spare = self._queued == 0 and self._busy < self.cfg.threads
        if not spare:
            return False
        poller = select.poll()
        poller.register(conn.sock, select.POLLIN)
        poller.register(self._wake_r, select.POLLIN)
        events = dict(poller.poll(LINGER * 1000))
        return self._wake_r not in events and bool(events) and self.alive
