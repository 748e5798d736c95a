"""Serving the app: waitress in one process (the default), or gunicorn's pre-fork workers.

Either way the port is bound before anything says "ready", each request is
logged in one line, and SIGTERM stops the server after the requests in
flight. Slow clients are held off with a connection limit and idle timeouts;
in public, a reverse proxy that buffers them belongs in front (see the
README's "Deploying" and ``deploy/nginx.conf``).
"""

from __future__ import annotations

import errno
import logging
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from dashboard.server import MAX_REQUEST_BYTES

# Open connections one process holds; waitress's default of 100 is used up by one laptop's idle sockets.
CONNECTION_LIMIT = 1000
BACKLOG = 1024
IDLE_TIMEOUT_SECONDS = 30  # a connection that sends nothing for this long is closed
WORKER_TIMEOUT_SECONDS = 30  # gunicorn restarts a worker stuck on one request this long
GRACEFUL_STOP_SECONDS = 10  # after SIGTERM, requests in flight get this long to finish
KEEPALIVE_SECONDS = 5
# One line per request, the same from both servers: client, time, request, status, bytes, milliseconds.
ACCESS_LOG_FORMAT = '%(h)s - - %(t)s "%(r)s" %(s)s %(B)s %(M)sms'

access_log = logging.getLogger("dandelion.access")


class PortInUse(Exception):
    """Another process listens on the address we were asked to serve on."""


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
            target = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
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


def stop_on_sigterm() -> None:
    """From now on SIGTERM stops this process as Ctrl-C would, without a traceback.

    Call it before saying "ready": a SIGTERM sent as soon as the address is
    printed must stop the server cleanly too. gunicorn installs its own
    handlers when it starts.
    """

    def stop(_signal: int, _frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)


def serve_with_waitress(wsgi_app: Callable, listener: socket.socket, threads: int) -> None:
    """One process, ``threads`` threads; returns after SIGTERM or Ctrl-C."""
    from waitress.server import create_server

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    server = create_server(
        AccessLog(wsgi_app),
        sockets=[listener],
        threads=threads,
        ident="dandelion",
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=IDLE_TIMEOUT_SECONDS,
        asyncore_use_poll=True,  # select() cannot watch more than 1024 connections
        max_request_body_size=MAX_REQUEST_BYTES,  # refused before it is read, not only before Flask parses it
    )
    server.run()  # on SystemExit (see stop_on_sigterm) it waits for the requests in flight


def serve_with_gunicorn(wsgi_app: Callable, listener: socket.socket, workers: int, threads: int) -> None:
    """``workers`` processes forked from this one (the app is built once), ``threads`` each."""
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
