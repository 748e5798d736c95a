"""Serving in public: workers, health checks, graceful stops, slow clients, nginx in front."""

from __future__ import annotations

import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dashboard.serving import browser_urls
from tests.test_cli import ROOT, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
IDLE_CONNECTIONS = 300
PATIENCE_SECONDS = 2.0  # a normal request must be answered within this while the idle connections wait


class Server:
    """``python -m dashboard`` on a free port, its output collected."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--port", str(self.port), *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.ready_line = self.process.stdout.readline()
        assert "Dandelion ready" in self.ready_line, self.ready_line + self.process.stdout.read()
        self.seen: list[str] = []

    def read_until(self, text: str, count: int = 1) -> None:
        """Read the output until ``text`` has been printed ``count`` times; the server keeps running."""
        while sum(text in line for line in self.seen) < count:
            line = self.process.stdout.readline()
            assert line, "the server stopped: " + "".join(self.seen)
            self.seen.append(line)

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str]:
        """Send ``signum``; return the exit status and everything printed after the ready line."""
        self.process.send_signal(signum)
        output, _ = self.process.communicate(timeout=30)
        return self.process.returncode, "".join(self.seen) + output


@contextmanager
def running(*args: str) -> Iterator[Server]:
    server = Server(*args)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


def get(url: str, timeout: float = 10, context: ssl.SSLContext | None = None) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(url, timeout=timeout, context=context) as response:
        return response.status, dict(response.headers), response.read()


@contextmanager
def idle_connections(host: str, port: int, count: int) -> Iterator[None]:
    """``count`` connections that never finish a request: half send nothing, half stop mid-headers."""
    sockets = []
    try:
        for number in range(count):
            connection = socket.create_connection((host, port), timeout=5)
            if number % 2:
                connection.sendall(b"GET / HTTP/1.1\r\nHost: slow\r\nX-Waiting: ")
            sockets.append(connection)
        yield
    finally:
        for connection in sockets:
            connection.close()


def timed_get(url: str, context: ssl.SSLContext | None = None) -> float:
    started = time.perf_counter()
    status, _, page = get(url, timeout=PATIENCE_SECONDS * 2, context=context)
    assert status == 200 and b"<title>Dandelion" in page
    return time.perf_counter() - started


def test_addresses_printed_are_ones_a_browser_can_open():
    assert browser_urls("127.0.0.1", 9200) == ["http://127.0.0.1:9200/"]
    assert browser_urls("0.0.0.0", 9200)[0] == "http://127.0.0.1:9200/"
    assert browser_urls("::", 9200)[0] == "http://[::1]:9200/"
    assert all("0.0.0.0" not in url for url in browser_urls("0.0.0.0", 9200))


def test_one_process_logs_each_request_and_stops_cleanly_on_sigterm():
    with running() as server:
        status, _, body = get(server.url + "/healthz")
        assert status == 200 and body == b'{"status":"ok"}\n'
        code, output = server.stop(signal.SIGTERM)
    assert code == 0
    assert '"GET /healthz HTTP/1.1" 200' in output
    assert "Dandelion stopped." in output and "Traceback" not in output


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


def test_300_idle_connections_do_not_keep_a_reader_waiting():
    with running() as server, idle_connections("127.0.0.1", server.port, IDLE_CONNECTIONS):
        assert timed_get(server.url + "/") < PATIENCE_SECONDS


def nginx_site(upstream_port: int, http_port: int, https_port: int, certificate: Path, key: Path) -> str:
    """deploy/nginx.conf with this test's ports and certificate: nothing else changed."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = {
        "server 127.0.0.1:8050;": f"server 127.0.0.1:{upstream_port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "/etc/ssl/dandelion/fullchain.pem": str(certificate),
        "/etc/ssl/dandelion/privkey.pem": str(key),
    }
    for old, new in replacements.items():
        assert site.count(old) == 1, f"deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    return site


@pytest.fixture
def nginx(tmp_path) -> Iterator[tuple[str, ssl.SSLContext, Server]]:
    """nginx from deploy/nginx.conf in front of two workers; yields its https URL."""
    if not Path(NGINX).exists():
        pytest.skip("Debian's nginx is not installed (python3 dev.py test installs it as root)")
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port = free_port(), free_port()
    with running("--workers", "2") as app:
        (tmp_path / "site.conf").write_text(nginx_site(app.port, http_port, https_port, certificate, key))
        (tmp_path / "nginx.conf").write_text(
            f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{ worker_connections 4096; }}\n"
            f"http {{ access_log off; client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};\n"
            f"  include {tmp_path}/site.conf; }}\n"
        )
        command = [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        proxy = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
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
            yield url, context, app
        finally:
            proxy.send_signal(signal.SIGQUIT)  # nginx's graceful stop
            proxy.wait(timeout=10)


def test_behind_nginx_tls_ends_there_and_the_apps_headers_pass_through(nginx):
    url, context, _ = nginx
    status, headers, _ = get(url + "/", context=context)
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    request = urllib.request.Request(url + "/_dash-layout", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10, context=context) as response:
        assert response.headers["Content-Encoding"] == "gzip"
    too_big = urllib.request.Request(url + "/_dash-update-component", data=b"x" * 100_000, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(too_big, timeout=10, context=context)
    assert refused.value.code == 413


def test_behind_nginx_300_idle_connections_do_not_keep_a_reader_waiting(nginx):
    url, context, _ = nginx
    port = int(url.rsplit(":", 1)[1])
    with idle_connections("127.0.0.1", port, IDLE_CONNECTIONS):
        assert timed_get(url + "/", context=context) < PATIENCE_SECONDS
