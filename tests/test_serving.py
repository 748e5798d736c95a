"""Serving in public: workers, health checks, graceful stops, slow clients, nginx in front.

The slow-client attacks are issue 19's, on loopback and bounded in time: they
open their connections, send the first part of a request (and keep
trickling it), and a normal request must be answered while they are held:
before the first of them reaches the server's deadline (nginx's header
timeout), which would free room without any defence. No test times the
server: how fast it answers is benchmarks/attack.py's to measure.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks.attack import SlowClients, nginx_config, self_signed_certificate
from dashboard.outputs.cache import best_copies_folder
from dashboard.outputs.chromium import CHROMIUM
from dashboard.web.serving import CONNECTION_LIMIT, REQUEST_DEADLINE_SECONDS, browser_urls
from tests.test_cli import NO_CHROMIUM, ROOT, dashboard, ready_port, start

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# How long nginx waits for a request's header: its deadline for a slowloris.
NGINX_CONF = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
NGINX_HEADER_TIMEOUT_SECONDS = int(re.search(r"client_header_timeout (\d+)s;", NGINX_CONF)[1])
# Against the app alone: 300 of each kind. Against nginx: 1,500, from another loopback address than the
# reader's, since nginx limits each address (deploy/nginx.conf).
APP_ATTACK = {"idle": 300, "slowloris": 300, "post": 300}
NGINX_ATTACK = {"idle": 500, "slowloris": 500, "post": 500}
ATTACKER = "127.0.0.2"
PER_ADDRESS = 32  # deploy/nginx.conf: limit_conn
# The queue of connections nginx has not taken yet: the test binds its ports with it.
NGINX_BACKLOG = int(re.search(r"listen 443 ssl backlog=(\d+);", NGINX_CONF)[1])


class Server:
    """``python -m dashboard`` on the free port it takes, its output read as it comes (a thread keeps the pipe
    from filling). ``chromium``: the one it may run for the hand-out and the first map's pictures (None: the
    machine's, as a user's server has)."""

    def __init__(self, *args: str, chromium: str | None = NO_CHROMIUM) -> None:
        env = {"DANDELION_CHROMIUM": chromium or CHROMIUM}
        self.process = start(sys.executable, "-m", "dashboard", "--port", "0", *args, **env)
        self.ready_line = self.process.stdout.readline()
        assert "Dandelion ready" in self.ready_line, self.ready_line + self.process.stdout.read()
        self.port = ready_port(self.ready_line)
        self.url = f"http://127.0.0.1:{self.port}"
        self.seen: list[str] = []
        self._lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()  # None: the output ended
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def read_until(self, text: str, count: int = 1) -> str:
        """Read the output until ``text`` has been printed ``count`` times; return that line. The server keeps
        running."""
        while sum(text in line for line in self.seen) < count:
            line = self._lines.get(timeout=60)
            assert line is not None, "the server stopped: " + "".join(self.seen)
            self.seen.append(line)
        return [line for line in self.seen if text in line][count - 1]

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str]:
        """Send ``signum``; see :meth:`stopped`."""
        self.process.send_signal(signum)
        return self.stopped()

    def stopped(self) -> tuple[int, str]:
        """Wait for the process to end; return its exit status and everything printed after the ready line."""
        self.process.wait(timeout=30)
        while (line := self._lines.get(timeout=30)) is not None:
            self.seen.append(line)
        return self.process.returncode, "".join(self.seen)


@contextmanager
def running(*args: str, chromium: str | None = NO_CHROMIUM) -> Iterator[Server]:
    server = Server(*args, chromium=chromium)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


@pytest.fixture(scope="module")
def waitress() -> Iterator[Server]:
    """One server (waitress, one process) for the tests that leave it as they found it: slow clients come and go."""
    with running() as server:
        yield server


def get(url: str, timeout: float = 10, context: ssl.SSLContext | None = None) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(url, timeout=timeout, context=context) as response:
        return response.status, dict(response.headers), response.read()


def get_page(url: str, context: ssl.SSLContext | None = None) -> None:
    status, _, page = get(url, context=context)
    assert status == 200 and b"<title>Dandelion" in page


def read_while_held(url: str, since: float | None, deadline_seconds: float, context: ssl.SSLContext | None = None):
    """A reader gets the page while slow clients, all open at ``since`` (time.monotonic()), are held: before the
    server's deadline (``deadline_seconds`` from a request's first byte) could have closed the last of them,
    so the reader did not wait for the deadline to make room."""
    assert since is not None
    get_page(url, context=context)
    waited = time.monotonic() - since
    assert waited < deadline_seconds, f"the reader was answered {waited:.1f} s into the attack: after its deadline"


def test_addresses_printed_are_ones_a_browser_can_open():
    assert browser_urls("127.0.0.1", 9200) == ["http://127.0.0.1:9200/"]
    assert browser_urls("0.0.0.0", 9200)[0] == "http://127.0.0.1:9200/"
    assert browser_urls("::", 9200)[0] == "http://[::1]:9200/"
    assert all("0.0.0.0" not in url for url in browser_urls("0.0.0.0", 9200))


def test_workers_run_in_separate_processes_and_stop_on_sigterm():
    with running("--workers", "2") as server:
        server.read_until("Booting worker", count=2)  # on a busy machine the second may come late
        assert get(server.url + "/")[0] == 200
        assert get(server.url + "/healthz")[0] == 200
        code, output = server.stop(signal.SIGTERM)
    assert code == 0
    assert output.count("Booting worker") == 2
    assert '"GET /healthz HTTP/1.1" 200' in output
    assert "Shutting down" in output and "Traceback" not in output


def test_one_process_answers_health_checks_and_logs_each_request(waitress):
    """(Its clean stop on SIGTERM: test_a_stop_waits_for_the_answer_in_flight.)"""
    logged = sum('"GET /healthz HTTP/1.1" 200' in line for line in waitress.seen)
    status, _, body = get(waitress.url + "/healthz")
    assert status == 200 and body == b'{"status":"ok"}\n'
    waitress.read_until('"GET /healthz HTTP/1.1" 200', logged + 1)


def test_waitress_holds_300_idle_300_slowloris_and_300_slow_post_connections(waitress):
    with SlowClients("127.0.0.1", waitress.port, APP_ATTACK, every=1) as attack:
        assert attack.opened == sum(APP_ATTACK.values())
        read_while_held(waitress.url + "/", attack.all_opened, REQUEST_DEADLINE_SECONDS)
        assert attack.closed == 0  # held, not refused


def test_waitress_past_its_connection_limit_closes_the_longest_waiting_to_let_a_reader_in(waitress):
    """Issue 19: 1,100 connections trickling a header line outlasted the idle timer and shut readers out."""
    count = CONNECTION_LIMIT + 100
    with SlowClients("127.0.0.1", waitress.port, {"slowloris": count}, every=1) as attack:
        assert attack.opened == count
        # Before the deadline could free the first of them: room was made for the reader.
        read_while_held(waitress.url + "/", attack.first_opened, REQUEST_DEADLINE_SECONDS)
        # The attacker hears of its closed connections as its next trickle fails.
        deadline = time.monotonic() + 10
        while attack.closed < 100:
            assert time.monotonic() < deadline, f"only {attack.closed} of the longest-waiting were closed"
            time.sleep(0.2)


def test_waitress_closes_a_request_that_is_not_whole_by_its_deadline():
    """A client that trickles a header line every second is closed as if it were idle: after the deadline an
    operator sets (a short one here, so that the test does not wait out the default's ten seconds)."""
    seconds = 2
    with running("--request-deadline", str(seconds)) as server:
        with SlowClients("127.0.0.1", server.port, {"slowloris": 1, "post": 1}, every=0.5) as attack:
            opened = time.monotonic()
            time.sleep(seconds / 2)
            assert attack.closed == 0, "closed before its deadline"
            while attack.closed < 2:
                assert time.monotonic() < opened + seconds + 5, "a slow request outlived its deadline"
                time.sleep(0.2)
        code, output = server.stop()
    assert code == 0 and "Traceback" not in output


def test_waitress_answers_its_own_refusals_in_json_and_logs_one_line_a_request(waitress):
    with socket.create_connection(("127.0.0.1", waitress.port), timeout=5) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n")
        answer = b"".join(iter(lambda: connection.recv(4096), b"")).decode()
    head, _, body = answer.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413") and "X-Content-Type-Options: nosniff" in head
    assert json.loads(body)["error"] == "request entity too large"
    with pytest.raises(urllib.error.HTTPError):
        get(waitress.url + "/x%0a1.2.3.4%20-%20-%20[forged]%20%22GET%20/admin")
    # The request's one line, its line break and quotes escaped (not a second, forged line before it)...
    line = waitress.read_until("forged")
    assert '"GET /x\\x0a1.2.3.4 - - [forged] \\x22GET /admin HTTP/1.1" 404' in line
    # ...and no other: the next request's line comes next.
    healthz = '"GET /healthz HTTP/1.1" 200'
    logged = sum(healthz in line for line in waitress.seen)
    get(waitress.url + "/healthz")
    waitress.read_until(healthz, logged + 1)
    assert sum("forged" in line for line in waitress.seen) == 1


def test_workers_are_refused_on_a_public_address_without_a_proxy():
    result = dashboard("--workers", "2", "--host", "0.0.0.0", "--port", "0", timeout=60)
    assert result.returncode == 4
    assert "deploy/nginx.conf" in result.stderr and "--behind-proxy" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_stop_waits_for_the_answer_in_flight():
    """SIGTERM while a download is being sent: the reader gets it whole, the process ends cleanly."""
    with running() as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", "/download/dandelion.html")
        answer = connection.getresponse()  # its status line and headers have come: the answer is in flight
        server.process.send_signal(signal.SIGTERM)
        body = answer.read()  # read as it comes: the server sends it while it stops
        connection.close()
        code, output = server.stopped()
    assert code == 0 and "Dandelion stopped." in output and "Traceback" not in output
    assert answer.status == 200 and body.startswith(b"<!DOCTYPE html>")
    assert len(body) == int(answer.headers["Content-Length"])


@pytest.fixture(scope="module")
def nginx(tmp_path_factory) -> Iterator[tuple[str, ssl.SSLContext, Server, int]]:
    """nginx from deploy/nginx.conf in front of two workers; yields its https URL, the client's TLS
    context, the app, and nginx's plain http port."""
    if not Path(NGINX).exists():
        pytest.skip("Debian's nginx is not installed (python3 dev.py test installs it as root)")
    tmp_path = tmp_path_factory.mktemp("nginx")
    certificate, key = self_signed_certificate(tmp_path)
    # The test binds nginx's two ports and nginx takes the sockets as they are (NGINX names them, as in its own
    # binary upgrade): no other process can take a port between its choice and its use.
    listeners = [socket.create_server(("127.0.0.1", 0), backlog=NGINX_BACKLOG) for _ in range(2)]
    for listener in listeners:
        # nginx sets no flag on a socket it inherits: a blocking one leaves the worker that loses the race for a
        # connection waiting in accept(), deaf to its other connections and to its stop (seen: a teardown's
        # SIGQUIT unanswered, 451 connections in CLOSE-WAIT).
        listener.setblocking(False)
    http_port, https_port = (listener.getsockname()[1] for listener in listeners)
    with running("--workers", "2") as app:
        config = nginx_config(ROOT, app.port, http_port, https_port, certificate, key, tmp_path)
        (tmp_path / "nginx.conf").write_text(config)
        command = [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        # Its log to a file: a pipe nobody reads would fill with the refusals and stop nginx.
        inherited = [listener.fileno() for listener in listeners]
        proxy = subprocess.Popen(
            [*command, "-g", "daemon off;"], stderr=(tmp_path / "error.log").open("w"), pass_fds=inherited,
            env=dict(os.environ, NGINX="".join(f"{fd};" for fd in inherited)),
        )  # fmt: skip
        for listener in listeners:
            listener.close()
        try:
            context = ssl.create_default_context(cafile=str(certificate))
            url = f"https://localhost:{https_port}"
            deadline = time.monotonic() + 10
            while True:
                try:
                    get(url + "/healthz", context=context)
                    break
                except OSError:
                    assert time.monotonic() < deadline, "nginx did not answer"
                    time.sleep(0.1)
            yield url, context, app, http_port
        finally:
            proxy.send_signal(signal.SIGQUIT)  # nginx's graceful stop
            proxy.wait(timeout=10)


def test_behind_nginx_tls_ends_there_and_the_apps_headers_pass_through(nginx):
    url, context, _, _ = nginx
    status, headers, _ = get(url + "/", context=context)
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["Server"] == "nginx"  # server_tokens off: no version
    request = urllib.request.Request(url + "/_dash-layout", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10, context=context) as response:
        assert response.headers["Content-Encoding"] == "gzip"
    too_big = urllib.request.Request(url + "/_dash-update-component", data=b"x" * 100_000, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(too_big, timeout=10, context=context)
    assert refused.value.code == 413


def test_behind_nginx_1500_slow_connections_do_not_keep_a_reader_waiting(nginx):
    url, context, _, http_port = nginx
    port = int(url.rsplit(":", 1)[1])
    with SlowClients("127.0.0.1", port, NGINX_ATTACK, 1, ATTACKER, context, plain_port=http_port) as attack:
        assert attack.opened == sum(NGINX_ATTACK.values()), attack.errors
        read_while_held(url + "/", attack.all_opened, NGINX_HEADER_TIMEOUT_SECONDS, context=context)
        # One address gets so many requests in progress at once: the other slow POSTs are refused (429).
        deadline = time.monotonic() + 10
        while attack.closed < NGINX_ATTACK["post"] - PER_ADDRESS:
            assert time.monotonic() < deadline, f"only {attack.closed} slow POSTs refused"
            time.sleep(0.2)


def download(url: str) -> tuple[int, dict, bytes]:
    try:
        return get(url)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_hand_out_is_made_in_the_background_and_no_request_waits_for_it(tmp_path):
    """Issue 19: ten requests for it on a fresh server made /healthz wait 12.7 s. Here chromium starts and
    never answers, so the hand-out is being made for as long as the test asks (the one made and served once it
    is there: test_workers_share_what_is_made_once_and_a_second_start_makes_nothing)."""
    hanging = tmp_path / "chromium"
    hanging.write_text("#!/bin/sh\nexec sleep 300\n")
    hanging.chmod(0o755)
    with running("--cache", str(tmp_path / "cache"), chromium=str(hanging)) as server:
        for _ in range(3):
            status, headers, body = download(server.url + "/download/dandelion-handout.pdf")
            assert status == 503 and headers["Retry-After"] == "5"
            assert json.loads(body)["reason"] == "dandelion-handout.pdf is being made: try again in a few seconds"
            # The page and the health check are answered while the hand-out is being made: they do not wait.
            get_page(server.url + "/")
            assert get(server.url + "/healthz")[0] == 200
        code, output = server.stop()
    assert code == 0 and "Traceback" not in output


def test_a_hand_out_that_cannot_be_made_fails_once_and_says_why(tmp_path):
    """A chromium that is there but broken: started once for the pictures and the hand-out (one chromium for
    both), and the failure is kept, not retried on every request."""
    starts, broken = tmp_path / "starts", tmp_path / "chromium"
    broken.write_text(f"#!/bin/sh\necho started >> {starts}\nexit 1\n")
    broken.chmod(0o755)
    with running("--cache", str(tmp_path / "cache"), chromium=str(broken)) as server:
        deadline = time.monotonic() + 60
        while "Retry-After" in download(server.url + "/download/dandelion-handout.pdf")[1]:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        for _ in range(3):
            status, _, body = download(server.url + "/download/dandelion-handout.pdf")
            assert status == 503
            assert json.loads(body)["reason"] == "dandelion-handout.pdf could not be made on this server"
        code, output = server.stop()
    assert code == 0 and output.count(f"dandelion-handout.pdf could not be made: cannot start {broken}") == 1
    assert "Traceback" not in output and starts.read_text() == "started\n"


def made_files(folder: Path) -> dict[str, int]:
    """The files in ``folder`` (hidden ones too), and when each was written."""
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


@pytest.mark.browser
def test_workers_share_what_is_made_once_and_a_second_start_makes_nothing(tmp_path, made_app):
    """Issue 20: every gunicorn worker took the first map's pictures in chromium, and every start made them
    and the hand-out again. Here the cache starts with the session's pictures (their making is made_app's) and
    without the hand-out and the brotli copies (in the folder beside it): those are made once, for both workers."""
    outputs = tmp_path / made_app.cache.name
    shutil.copytree(made_app.cache, outputs, ignore=shutil.ignore_patterns("*.pdf"))
    with running("--workers", "2", "--cache", str(tmp_path), chromium=None) as server:
        deadline = time.monotonic() + 180
        while download(server.url + "/download/dandelion-handout.pdf")[0] != 200:
            assert time.monotonic() < deadline, "no hand-out after 180 s"
            time.sleep(0.5)
        assert b'<picture class="first-map-picture">' in get(server.url + "/")[2]
        server.read_until("brotli-11 copies of the page's files")
        code, output = server.stop()
    assert code == 0 and output.count("Made dandelion-handout.pdf in") == 1, output
    made, shared = made_files(outputs), made_files(best_copies_folder(outputs))
    copies = [name for name in shared if name.endswith(".br")]
    assert f"Made {len(copies)} brotli-11 copies" in output and copies
    assert sorted(made) == [".lock", "dandelion-handout.pdf", "first-map.json"]
    assert sorted(set(shared) - set(copies)) == [".lock"]
    # A chromium that cannot start: anything made again would fail, and say so.
    with running("--workers", "2", "--cache", str(tmp_path), chromium="/bin/false") as again:
        for _ in range(4):  # both workers, whichever answers
            status, _, pdf = download(again.url + "/download/dandelion-handout.pdf")
            assert status == 200 and pdf.startswith(b"%PDF")
            assert b'<picture class="first-map-picture">' in get(again.url + "/")[2]
        code, output = again.stop()
    assert code == 0 and "Made" not in output and "could not be made" not in output, output
    assert made_files(outputs) == made and made_files(best_copies_folder(outputs)) == shared
