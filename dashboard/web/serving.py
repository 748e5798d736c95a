"""Serving the app: waitress in one process (the default), or gunicorn's pre-fork workers.

Either way the port is bound before anything says "ready", each request is
logged in one line, and SIGTERM stops the server after the requests in
flight (for at most ``GRACEFUL_STOP_SECONDS``).

Slow clients: waitress reads every request whole, header and body, in its
one event loop before a thread sees it, so an idle or slow connection costs
a socket, not a thread. Here it also gives each request a deadline
(``--request-deadline``, by default ``REQUEST_DEADLINE_SECONDS``, from its first byte, or from the moment the
connection is free for it), so that a client trickling a header line every
few seconds is closed like an idle one; and at its connection limit it
closes the connections that have waited longest without a whole request,
so that a crowd of them cannot shut out a reader. gunicorn's threads each
read a request themselves, so a slow client holds one: ``--workers`` serves
only on a loopback address (behind ``deploy/nginx.conf``), or on another
address with ``--behind-proxy``.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import logging
import re
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any, cast

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher

from dashboard.web.server import MAX_REQUEST_BYTES

# Open connections one process holds; waitress's default of 100 is used up by one laptop's idle sockets.
CONNECTION_LIMIT = 1000
BACKLOG = 1024
IDLE_TIMEOUT_SECONDS = 30  # a connection that sends nothing for this long is closed
# A request's header and body must have arrived this long after its first byte (or after the connection
# was free for it): a browser sends them in milliseconds, a slowloris never.
REQUEST_DEADLINE_SECONDS = 10
# How often waitress looks for connections past their deadline (and, at its limit, makes room: a reader
# waits at most this long for it).
CHECK_SECONDS = 0.25
WORKER_TIMEOUT_SECONDS = 30  # gunicorn restarts a worker stuck on one request this long
GRACEFUL_STOP_SECONDS = 10  # after SIGTERM, requests in flight get this long to finish
KEEPALIVE_SECONDS = 5
# Bytes a request line may not put into the log as they are: a forged line (%0a) or a terminal escape.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\\\"]")
# One line per request, the same from both servers: client, time, request, status, bytes, milliseconds.
ACCESS_LOG_FORMAT = '%(h)s - - %(t)s "%(r)s" %(s)s %(B)s %(M)sms'

access_log = logging.getLogger("dandelion.access")


class PortInUse(Exception):
    """Another process listens on the address we were asked to serve on."""


def is_loopback(host: str) -> bool:
    """Is ``host`` an address only this machine can reach (127.0.0.1, ::1, localhost)?"""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def browser_urls(host: str, port: int) -> list[str]:
    """Addresses a browser can open for a server listening on ``host``.

    A wildcard address (0.0.0.0, ::) is not one: it means this machine by
    any of its names, so give the loopback and the host name.
    """
    if host in ("0.0.0.0", ""):
        return [f"http://127.0.0.1:{port}/", f"http://{socket.gethostname()}:{port}/"]
    if host == "::":
        return [f"http://[::1]:{port}/", f"http://{socket.gethostname()}:{port}/"]
    return [f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"]


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port``, or raise PortInUse."""
    family, kind, protocol, _, address = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, protocol)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(f"{host}:{port}") from None
        raise
    listener.listen(BACKLOG)
    return listener


class AccessLog:
    """WSGI middleware: one log line per request, in gunicorn's ACCESS_LOG_FORMAT."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        sent: dict[str, Any] = {}

        def record(status: str, headers: list[tuple[str, str]], *args: Any) -> Callable:
            sent["status"] = status.split(" ", 1)[0]
            sent["bytes"] = next((value for name, value in headers if name.lower() == "content-length"), "-")
            return start_response(status, headers, *args)

        try:
            return self.app(environ, record)
        finally:
            query = environ.get("QUERY_STRING")
            target = printable(environ.get("PATH_INFO", "") + (f"?{query}" if query else ""))
            access_log.info(
                ACCESS_LOG_FORMAT,
                {
                    "h": environ.get("REMOTE_ADDR", "-"),
                    "t": time.strftime("[%d/%b/%Y:%H:%M:%S %z]"),
                    "r": f"{environ.get('REQUEST_METHOD')} {target} {environ.get('SERVER_PROTOCOL')}",
                    "s": sent.get("status", "-"),
                    "B": sent.get("bytes", "-"),
                    "M": round((time.perf_counter() - started) * 1000),
                },
            )


def printable(text: str) -> str:
    """``text`` with control characters, quotes and backslashes written as escapes: one log line, whatever was asked."""
    return UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group(0)):02x}", text)


def stop_on_sigterm() -> None:
    """From now on SIGTERM stops this process as Ctrl-C would, without a traceback.

    Call it before saying "ready": a SIGTERM sent as soon as the address is
    printed must stop the server cleanly too. gunicorn installs its own
    handlers when it starts.
    """

    def stop(_signal: int, _frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)


class JsonErrorTask(ErrorTask):
    """waitress's own refusals (400, 413, 431, 501, 408) as the app answers errors: one line of JSON, nosniff."""

    def execute(self) -> None:
        error: Any = cast(Any, self.request).error  # waitress's stubs type the request as the plain Error
        self.status = f"{error.code} {error.reason}"
        reason = " ".join(str(error.body).split())
        body = (json.dumps({"error": error.reason.lower(), "reason": reason}) + "\n").encode()
        self.response_headers = [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff")]
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class DeadlineChannel(HTTPChannel):
    """A waitress connection that knows since when it has been waiting for a whole request."""

    error_task_class = JsonErrorTask

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiting_since = self.creation_time

    def received(self, data: bytes) -> bool:
        if self.request is None and not self.requests:  # the first byte of a request on a free connection
            self.waiting_since = time.time()
        return super().received(data)

    def waiting(self) -> bool:
        """No request of this connection is being answered: it is idle, or still sending one."""
        return not self.requests and not self.total_outbufs_len


class DeadlineServer(TcpWSGIServer):
    """waitress with a deadline for a whole request, and room made at the connection limit (see the module)."""

    channel_class = DeadlineChannel
    deadline: float = REQUEST_DEADLINE_SECONDS  # s: see waitress_server

    def connections(self) -> list[DeadlineChannel]:
        """The open connections (waitress's stubs type active_channels wrongly)."""
        return list(cast(dict[int, DeadlineChannel], self.active_channels).values())

    def socket_map(self) -> dict:
        """What waitress's event loop watches: the listener, its trigger and the connections."""
        return cast(Any, self)._map

    def run_loop(self, timeout: float, count: int | None = None) -> None:
        self.asyncore.loop(timeout=timeout, map=self.socket_map(), use_poll=True, count=count)

    def maintenance(self, now: Any) -> None:
        super().maintenance(now)  # idle connections, after IDLE_TIMEOUT_SECONDS
        waiting = [channel for channel in self.connections() if channel.waiting()]
        for channel in waiting:
            if channel.request is not None and now - channel.waiting_since > self.deadline:
                channel.will_close = True
        # At the limit, a tenth of it goes: the connections waiting longest, so new readers get in.
        if len(self.socket_map()) >= self.adj.connection_limit:  # as waitress counts for its limit
            waiting.sort(key=lambda channel: channel.waiting_since)
            for channel in waiting[: self.adj.connection_limit // 10]:
                channel.will_close = True


def waitress_server(
    wsgi_app: Callable, listener: socket.socket, threads: int, deadline: float = REQUEST_DEADLINE_SECONDS
) -> DeadlineServer:
    """The waitress server on ``listener``, not yet running; a request must have arrived whole ``deadline``
    seconds after its first byte."""
    adjustments = Adjustments(
        sockets=[listener],
        threads=threads,
        ident="dandelion",
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=IDLE_TIMEOUT_SECONDS,
        cleanup_interval=CHECK_SECONDS,
        asyncore_use_poll=True,  # select() cannot watch more than 1024 connections
        max_request_body_size=MAX_REQUEST_BYTES,  # refused before it is read, not only before Flask parses it
    )
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(threads)
    server = DeadlineServer(
        AccessLog(wsgi_app), {}, True, listener, dispatcher=dispatcher, adj=adjustments, bind_socket=False,
        sockinfo=(listener.family, listener.type, listener.proto, listener.getsockname()),
    )  # fmt: skip
    server.deadline = deadline
    return server


def serve_with_waitress(
    wsgi_app: Callable, listener: socket.socket, threads: int, deadline: float = REQUEST_DEADLINE_SECONDS
) -> None:
    """One process, ``threads`` threads, ``deadline`` (s) for a whole request; returns after SIGTERM or Ctrl-C,
    once the requests in flight are answered (at most GRACEFUL_STOP_SECONDS)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    server = waitress_server(wsgi_app, listener, threads, deadline)
    try:
        server.run_loop(server.adj.asyncore_loop_timeout)
    except (SystemExit, KeyboardInterrupt):
        drain(server)


def drain(server: DeadlineServer) -> None:
    """Stop accepting, go on sending what requests in flight answer, then stop the threads.

    waitress's own stop waits for its threads but no longer runs the loop
    that sends what they wrote: an answer in flight was lost.
    """
    server.accepting = False
    server.del_channel()
    cast(socket.socket, server.socket).close()
    deadline = time.monotonic() + GRACEFUL_STOP_SECONDS
    while time.monotonic() < deadline and not all(channel.waiting() for channel in server.connections()):
        server.run_loop(0.05, count=1)
    server.task_dispatcher.shutdown(timeout=cast(int, max(0.0, deadline - time.monotonic())))


def serve_with_gunicorn(wsgi_app: Callable, listener: socket.socket, workers: int, threads: int) -> None:
    """``workers`` processes forked from this one (the app is built once), ``threads`` each.

    Each thread reads its request itself, so a slow client holds one: run it
    only where nothing but a buffering proxy can reach it (see the module).
    """
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": [f"fd://{listener.fileno()}"],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "worker_connections": CONNECTION_LIMIT,
        "backlog": BACKLOG,
        "timeout": WORKER_TIMEOUT_SECONDS,
        "graceful_timeout": GRACEFUL_STOP_SECONDS,
        "keepalive": KEEPALIVE_SECONDS,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "proc_name": "dandelion",
        "control_socket_disable": True,  # one fixed path per user: a second server would fight over it
    }

    class Gunicorn(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Callable:
            return wsgi_app

    Gunicorn().run()
