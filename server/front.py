"""The HTTP front `kg serve` runs: waitress, whose one I/O thread reads every connection
and hands a request to an application thread only once it has arrived whole (headers and
body), plus the limits that make slow clients harmless.

Why waitress (`bench/results/load.md`): gunicorn's threaded worker read a request's
headers in a pool thread, so 80 clients that sent half a request and stalled kept every
other client waiting. granian (Rust) parses headers without a thread, but hands a request
to a WSGI thread before its body has arrived: 1,000 clients stalled in a declared body took
every thread. Under waitress a stalled client costs a socket and a few hundred bytes.

What this module adds to waitress, all checked once a second by the I/O thread:
- a connection that has not sent complete headers within `header_timeout` seconds of its
  request's first byte is answered 408 and closed;
- a body arriving slower than `min_body_rate` bytes/s (averaged since the headers ended,
  judged after the first second) is answered 408 and closed;
- an idle kept-alive connection is closed after `keepalive` seconds, and at most
  `max_idle` of them are kept: past that, accepting a new connection closes the one idle
  the longest, so new clients are always served;
- a body larger than the server's limit is refused (413) as soon as its length is known,
  before it is read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import resource
import signal
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from waitress.adjustments import Adjustments
from waitress.channel import ClientDisconnected, HTTPChannel
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask, WSGITask

log = logging.getLogger("kg.server")

IDENT = "conflict-kg"
TIMEOUT_ANSWER = (b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
                  b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 62\r\n"
                  b"X-Content-Type-Options: nosniff\r\n\r\n"
                  b"the request did not arrive in time; send it whole, and faster\n")


@dataclass(frozen=True)
class FrontLimits:
    """How long and how slowly a client may send, and how many idle connections stay."""

    header_timeout: float = 10.0  # KG_HEADER_TIMEOUT seconds for the request line + headers
    min_body_rate: float = 1024.0  # KG_MIN_BODY_RATE bytes/s, averaged over the body so far
    keepalive: float = 15.0  # seconds an idle kept-alive connection stays open
    max_idle: int = 1000  # KG_MAX_IDLE kept-alive connections held at once
    max_connections: int = 8000  # KG_MAX_CONNECTIONS open sockets (file descriptors)

    @classmethod
    def from_env(cls, keepalive: float) -> FrontLimits:
        env = os.environ
        return cls(header_timeout=float(env.get("KG_HEADER_TIMEOUT", cls.header_timeout)),
                   min_body_rate=float(env.get("KG_MIN_BODY_RATE", cls.min_body_rate)),
                   keepalive=keepalive,
                   max_idle=int(env.get("KG_MAX_IDLE", cls.max_idle)),
                   max_connections=int(env.get("KG_MAX_CONNECTIONS", cls.max_connections)))


class _PlainErrorTask(ErrorTask):
    """waitress's own refusals (413 before the body is read, 400 on a malformed request,
    431 on oversized headers) with the headers every answer of ours carries."""

    def execute(self) -> None:
        error = self.request.error
        message = {413: "the request body is larger than this server accepts (KG_MAX_BODY)",
                   }.get(error.code, f"{error.reason.lower()}: {error.body}")
        body = (message.rstrip() + "\n").encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend([("Content-Type", "text/plain; charset=utf-8"),
                                      ("Content-Length", str(len(body))),
                                      ("X-Content-Type-Options", "nosniff")])
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


# An answer up to this size leaves in one send with its headers (below).
ONE_SEND_BYTES = 64 * 1024


class _Task(WSGITask):
    """A request's task whose small answer of known length is sent in one piece, headers
    and body together: waitress sends the headers on their own first, which costs a
    second send and, at the client, a second read and often a second wake-up."""

    wrote_header: bool  # waitress's, declared for the type checker

    def write(self, data: bytes) -> None:
        if (self.wrote_header or not self.complete or not data or not self.has_body
                or self.content_length is None
                or len(data) > min(ONE_SEND_BYTES, self.content_length)):
            super().write(data)  # waitress's own path, with its checks and warnings
            return
        header = self.build_response_header()
        self.wrote_header = True
        self.content_bytes_written += len(data)
        self.channel.write_soon(header + data)


class _Channel(HTTPChannel):
    """A connection, with the time its current request started and its body's progress."""

    task_class = _Task
    error_task_class = _PlainErrorTask

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.request_started = 0.0  # first byte of the request being read (0: none)
        self.body_started = 0.0  # when that request's headers ended
        self.body_seen = 0
        super().__init__(*args, **kwargs)

    def received(self, data: bytes) -> bool:
        before = self.request
        result = bool(super().received(data))
        request = self.request
        if request is None:
            self.request_started = 0.0
            return result
        now = time.monotonic()
        if request is not before or not self.request_started:  # a new request began
            self.request_started, self.body_started, self.body_seen = now, 0.0, 0
        if request.headers_finished:
            if not self.body_started:
                self.body_started = now
            else:
                self.body_seen += len(data)
        return result

    def is_idle(self) -> bool:
        """Kept alive between requests: nothing being read, run or sent."""
        return (not self.requests and self.request is None and not self.total_outbufs_len
                and not self.will_close and not self.close_when_flushed)

    def too_slow(self, now: float, limits: FrontLimits) -> bool:
        """Whether the request being read is past the header timeout or below the body
        rate."""
        if self.requests or self.request is None or not self.request_started:
            return False
        if not self.request.headers_finished:
            return now - self.request_started > limits.header_timeout
        elapsed = now - (self.body_started or now)
        return elapsed > 1.0 and self.body_seen < limits.min_body_rate * elapsed

    def time_out(self) -> None:
        """Answer 408 and close once it is sent."""
        request: Any = getattr(self, "request", None)
        self.request = None
        if request is not None:
            request.close()  # its body buffer, which may be a temporary file
        self.request_started = 0.0
        with contextlib.suppress(OSError, ClientDisconnected):
            self.write_soon(TIMEOUT_ANSWER)
        self.close_when_flushed = True
        self.server.pull_trigger()


class FrontServer(TcpWSGIServer):
    """waitress's TCP server with the slow-client limits of `FrontLimits`."""

    channel_class = _Channel

    def __init__(self, app: Callable[..., Any], limits: FrontLimits, **kwargs: Any) -> None:
        self.limits = limits
        super().__init__(app, **kwargs)

    def maintenance(self, now: float) -> None:
        # waitress passes time.time(); our channels keep monotonic times.
        mono = time.monotonic()
        idle_cutoff = now - self.limits.keepalive
        for channel in list(self.active_channels.values()):
            if not isinstance(channel, _Channel):
                continue
            if channel.too_slow(mono, self.limits):
                channel.time_out()
            elif channel.is_idle() and channel.last_activity < idle_cutoff:
                channel.will_close = True
                self.pull_trigger()

    def handle_accept(self) -> None:
        super().handle_accept()
        if len(self.active_channels) <= self.limits.max_idle:
            return
        idle = [c for c in self.active_channels.values()
                if isinstance(c, _Channel) and c.is_idle()]
        for channel in sorted(idle, key=lambda c: c.last_activity)[
                :max(0, len(idle) - self.limits.max_idle)]:
            channel.handle_close()  # the oldest idle ones; their clients reconnect


def _raise_fd_limit(wanted: int) -> int:
    """Open-file limit raised towards `wanted` (up to the hard limit): each connection is
    a file descriptor. Returns the connections this leaves room for."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted + 256 if hard == resource.RLIM_INFINITY else min(hard, wanted + 256)
    if target > soft:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    return max(64, min(wanted, soft - 256))


def _adjustments(threads: int, max_body: int, limits: FrontLimits,
                 connections: int) -> dict[str, Any]:
    return {
        "threads": threads,
        "ident": IDENT,
        # poll(), not select(): select() cannot watch more than 1,024 sockets.
        "asyncore_use_poll": True,
        "asyncore_loop_timeout": 1,
        "cleanup_interval": 1,
        # The idle timeout is ours (maintenance above); waitress's would also cut a
        # request in the middle of its headers.
        "channel_timeout": 10 ** 9,
        "connection_limit": connections,
        "backlog": 2048,
        # One more than the limit: waitress refuses a body of exactly this size.
        "max_request_body_size": max_body + 1,
        # Request line and headers together (431 past it): a query longer than this goes
        # in a POST body. The engine's parser recursion is what a longer one would test.
        "max_request_header_size": 64 * 1024,
        "expose_tracebacks": False,
        "clear_untrusted_proxy_headers": False,
        "log_socket_errors": False,
    }


def _one_server(make_app: Callable[[], Callable[..., Any]], sock: socket.socket,
                threads: int, max_body: int, limits: FrontLimits, connections: int) -> None:
    adj = Adjustments(sockets=[sock], **_adjustments(threads, max_body, limits, connections))
    server = FrontServer(make_app(), limits, _sock=sock, adj=adj, bind_socket=False)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.run()
    except (SystemExit, KeyboardInterrupt):
        pass
    finally:
        # Query executors die with this process (they watch their parent).
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=1)


def serve(make_app: Callable[[], Callable[..., Any]], *, host: str, port: int,
          workers: int, threads: int, max_body: int, limits: FrontLimits) -> None:
    """Listen on host:port and serve `make_app()` (built in each worker process) until
    SIGTERM or Ctrl-C."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    connections = _raise_fd_limit(limits.max_connections)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    if workers <= 1:
        _one_server(make_app, sock, threads, max_body, limits, connections)
        return
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: its own app (and query executors) over the shared socket
            _die_with_parent()
            code = 0
            try:
                _one_server(make_app, sock, threads, max_body, limits, connections)
            except BaseException:
                log.exception("worker failed")
                code = 1
            os._exit(code)
        children.append(pid)
    sock.close()

    def _stop(*_: object) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, _stop)
    try:
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    except KeyboardInterrupt:
        _stop()


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
