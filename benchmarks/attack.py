"""Hostile clients on loopback: ``.venv/bin/python -m benchmarks.attack [memory|slow|handout|stop]``.

The attacks of issue 19, measured the same way before and after a change
(everything on 127.0.0.1, bounded in count and time):

- ``memory``: 1,000 requests for fingerprint variants of Dash's component
  files (``plotly.v9_{i}m1.min.js``, react-dom) and dotted variants of the
  assets; prints the server's growth in MiB.
- ``slow``: slow connections of one kind (``idle``: nothing sent;
  ``slowloris``: a partial header line every ``--every`` s; ``post``: a
  POST whose body comes one byte every ``--every`` s) against one setup
  (``waitress``, ``gunicorn`` with 2 workers, or ``nginx`` from
  deploy/nginx.conf in front of 2 workers, over TLS), while a probe asks for
  the page every few seconds; prints how many probes were answered and how
  long they took.
- ``handout``: a fresh server, 10 requests for the hand-out at once, and
  how long ``/healthz`` takes meanwhile.
- ``stop``: SIGTERM while the hand-out is asked for; the exit status and
  whether the client got an answer, over several runs.

:class:`SlowClients` is also what tests/test_serving.py attacks with.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from benchmarks.startup import wait_for_brotli

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"
SLOW_KINDS = ("idle", "slowloris", "post")
# What a slow client sends first: the start of a request it never finishes.
OPENING = {
    "idle": b"",
    "slowloris": b"GET / HTTP/1.1\r\nHost: slow\r\n",
    "post": b"POST /_dash-update-component HTTP/1.1\r\nHost: slow\r\nContent-Type: application/json\r\n"
    b"Content-Length: 60000\r\n\r\n",
}
OPENING_AT_ONCE = 50
OPEN_SECONDS = 10  # one connection's TCP and TLS handshakes
TRICKLE = {"idle": b"", "slowloris": b"X-a: b\r\n", "post": b"x"}


class SlowClients:
    """``counts`` (kind -> connections) held open to ``host:port`` from ``source``, each sending its
    kind's trickle every ``every`` seconds, until the context ends; over TLS if ``tls`` (then the
    slowloris go to ``plain_port`` if given).

    The connections are made in a thread of their own (asyncio); entering
    returns once each has opened or failed (each within its own
    ``OPEN_SECONDS``, however many there are), so ``opened`` is the server's
    answer, not how far a busy client got, and the caller's probe runs while
    they are held. Holding costs the client one timer for all connections
    (the trickle) and one waiting read each, so a loaded machine slows the
    attack's opening, not its outcome. ``closed`` counts the ones the server
    has closed or answered (a refusal: none of them sends a whole request).
    """

    def __init__(
        self,
        host: str,
        port: int,
        counts: dict[str, int],
        every: float = 5.0,
        source: str = "127.0.0.1",
        tls: ssl.SSLContext | None = None,
        plain_port: int | None = None,
    ) -> None:
        self.host, self.port, self.counts, self.every, self.source, self.tls = host, port, counts, every, source, tls
        self.plain_port = plain_port
        self.opened = 0
        self.closed = 0
        # time.monotonic() when the first connection was open, and when all were: a server's deadlines for
        # the first and the last run from then.
        self.first_opened: float | None = None
        self.all_opened: float | None = None
        self.errors: dict[str, int] = {}  # why connections ended, by kind
        self._held: dict[asyncio.StreamWriter, str] = {}  # open connections and their kinds
        self._settled = 0  # connections opened or failed
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._all_settled: asyncio.Event
        self._opening: asyncio.Semaphore
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._main(),), daemon=True)

    def _settle(self) -> None:
        self._settled += 1
        if self._settled == sum(self.counts.values()):
            self._all_settled.set()

    def _refused(self, kind: str, why: str) -> None:
        """Count a connection the server refused: answered, closed or never let open."""
        self.closed += 1
        self.errors[f"{kind}: {why}"] = self.errors.get(f"{kind}: {why}", 0) + 1

    async def _one(self, kind: str) -> None:
        """Open one connection of ``kind``, send its opening, and hold it until the server closes it."""
        writer = None
        settled = False
        answered = False
        # An idle client never starts TLS; a slowloris goes to the plain port if there is one (the same
        # server's connections, without a handshake's CPU); the rest open TLS first, a few at a time.
        tls = self.tls if kind == "post" or (kind == "slowloris" and self.plain_port is None) else None
        port = self.plain_port if kind == "slowloris" and self.plain_port is not None else self.port
        try:
            async with self._opening:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(
                        self.host, port, local_addr=(self.source, 0), ssl=tls,
                        server_hostname="localhost" if tls else None,
                    ),
                    timeout=OPEN_SECONDS,
                )  # fmt: skip
            self.opened += 1
            if self.first_opened is None:
                self.first_opened = time.monotonic()
            if OPENING[kind]:
                writer.write(OPENING[kind])
                await writer.drain()
            self._held[writer] = kind
            settled = True
            self._settle()
            # An answer to a request never finished is a refusal (nginx's 429): counted when it comes, not when
            # the server closes after it (nginx first reads on while the body trickles). The rest is dropped.
            if await reader.read(65536):
                answered = True
                self._refused(kind, "answered")
            while await reader.read(65536):
                pass
            raise ConnectionResetError
        except (OSError, TimeoutError, ssl.SSLError, asyncio.IncompleteReadError) as error:
            if not answered:
                self._refused(kind, type(error).__name__)
        finally:
            if not settled:
                self._settle()
            if writer is not None:
                self._held.pop(writer, None)
                writer.close()

    async def _trickle(self) -> None:
        """Every ``every`` seconds, each held connection sends its kind's next bytes (a few bytes a
        second at most: not waiting for them to drain keeps one slow server from holding the others)."""
        while True:
            await asyncio.sleep(self.every)
            for writer, kind in list(self._held.items()):
                if TRICKLE[kind] and not writer.is_closing():
                    writer.write(TRICKLE[kind])

    async def _main(self) -> None:
        try:
            self._stop = asyncio.Event()
            self._all_settled = asyncio.Event()
            self._opening = asyncio.Semaphore(OPENING_AT_ONCE)
            tasks = [asyncio.create_task(self._one(kind)) for kind, count in self.counts.items() for _ in range(count)]
            if tasks:
                await self._all_settled.wait()
            await asyncio.sleep(0.2)  # the last ones' first bytes reach the server
            self.all_opened = time.monotonic()
        finally:
            self._ready.set()
        trickle = asyncio.create_task(self._trickle())
        await self._stop.wait()
        for task in [*tasks, trickle]:
            task.cancel()
        await asyncio.gather(*tasks, trickle, return_exceptions=True)

    def __enter__(self) -> SlowClients:
        self._thread.start()
        self._ready.wait()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=20)


def timed_get(url: str, timeout: float, context: ssl.SSLContext | None = None) -> float | None:
    """Seconds to fetch ``url`` with a 200, or None if it failed or took longer than ``timeout``."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context) as response:
            response.read()
            if response.status != 200:
                return None
    except (OSError, urllib.error.URLError):
        return None
    return time.perf_counter() - started


def start_dashboard(port: int, *args: str, root: Path = ROOT) -> subprocess.Popen:
    """``python -m dashboard`` from ``root`` (another checkout measures the code before a change)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--port", str(port), *args],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    line = server.stdout.readline()
    if "ready" not in line:
        raise RuntimeError("the server did not start: " + line + server.stdout.read())
    subprocess.Popen(["cat"], stdin=server.stdout, stdout=subprocess.DEVNULL)  # keep the log flowing
    return server


def stop(server: subprocess.Popen) -> int:
    server.send_signal(signal.SIGTERM)
    try:
        return server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.wait()


def memory_mib(pid: int) -> float:
    """Resident memory of the server process ``pid`` (one process: waitress), in MiB; not its children,
    which make the first map's pictures and the hand-out and end."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no memory figure for process {pid}")


def fingerprint_variants(count: int) -> list[str]:
    """URLs Dash would answer with a file under any version mark, and dotted asset paths."""
    paths = []
    for number in range(count):
        kind = number % 4
        if kind == 0:
            paths.append(f"/_dash-component-suites/plotly/package_data/plotly.v9_{number}m1.min.js")
        elif kind == 1:
            paths.append(f"/_dash-component-suites/dash/deps/react-dom@18.v3_{number}m1.3.1.min.js")
        elif kind == 2:
            paths.append("/assets/" + "./" * (number % 50 + 1) + "style.css")
        else:
            paths.append(f"/assets/topojson/{'../' * (number % 3 + 1)}style.css?v={number}")
    return paths


def attack_memory(port: int, root: Path, count: int) -> dict:
    server = start_dashboard(port, root=root)
    try:
        base = f"http://127.0.0.1:{port}"
        timed_get(base + "/", 30)
        wait_for_brotli(base, 180)  # the page's copies made: the cache is full
        time.sleep(2)
        before = memory_mib(server.pid)
        statuses: dict[int, int] = {}
        for path in fingerprint_variants(count):
            request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip, br"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            statuses[status] = statuses.get(status, 0) + 1
        time.sleep(3)
        return {"requests": count, "statuses": statuses, "growth_mib": round(memory_mib(server.pid) - before, 1)}
    finally:
        stop(server)


def nginx_config(
    root: Path, upstream_port: int, http_port: int, https_port: int, certificate: Path, key: Path, folder: Path
) -> str:
    """``root``'s deploy/nginx.conf with this run's ports, certificate and paths: nothing else changed.

    A site file (as the repository had before it shipped a whole nginx.conf)
    runs inside Debian's defaults: 768 worker connections.
    """
    config = (root / "deploy" / "nginx.conf").read_text()
    replacements = {
        "server 127.0.0.1:8050;": f"server 127.0.0.1:{upstream_port};",
        "listen 80 ": f"listen 127.0.0.1:{http_port} ",
        "listen 443 ": f"listen 127.0.0.1:{https_port} ",
        "/etc/ssl/dandelion/fullchain.pem": str(certificate),
        "/etc/ssl/dandelion/privkey.pem": str(key),
    }
    temporary = " ".join(
        f"{name}_temp_path {folder}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    if "events {" in config:
        replacements |= {
            "user www-data;\n": "",
            "pid /run/nginx.pid;": f"pid {folder}/nginx.pid;",
            "error_log /var/log/nginx/error.log;": "error_log stderr;",
            "access_log /var/log/nginx/access.log;": f"access_log off; {temporary}",
        }
    for old, new in replacements.items():
        if config.count(old) != 1:
            raise ValueError(f"deploy/nginx.conf no longer has {old!r} once")
        config = config.replace(old, new)
    if "events {" not in config:
        (folder / "site.conf").write_text(config)
        config = (
            f"pid {folder}/nginx.pid;\nerror_log stderr;\nevents {{ worker_connections 768; }}\n"
            f"http {{ access_log off; {temporary}\n  include {folder}/site.conf; }}\n"
        )
    return config


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost, valid for a day, and its key, written into ``folder``: (cert, key)."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key


@contextlib.contextmanager
def nginx_in_front(
    root: Path, upstream_port: int, http_port: int, https_port: int, folder: Path
) -> Iterator[ssl.SSLContext]:
    """deploy/nginx.conf (ports, certificate and paths changed) in front of the app; yields the client's TLS context."""
    certificate, key = self_signed_certificate(folder)
    (folder / "nginx.conf").write_text(
        nginx_config(root, upstream_port, http_port, https_port, certificate, key, folder)
    )
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(check.stderr)
    proxy = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(cafile=str(certificate))
    try:
        deadline = time.monotonic() + 10
        while timed_get(f"https://localhost:{https_port}/healthz", 2, context) is None:
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not answer")
            time.sleep(0.1)
        yield context
    finally:
        proxy.send_signal(signal.SIGQUIT)
        proxy.wait(timeout=10)


def attack_slow(setup: str, kind: str, count: int, seconds: float, every: float, port: int, root: Path) -> dict:
    """``count`` slow clients of ``kind`` against ``setup``; probes of the page every 5 s for ``seconds``."""
    workers = [] if setup == "waitress" else ["--workers", "2"]
    server = start_dashboard(port, *workers, root=root)
    try:
        with contextlib.ExitStack() as stack:
            url, context, target = f"http://127.0.0.1:{port}/", None, port
            if setup == "nginx":
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
                context = stack.enter_context(nginx_in_front(root, port, port + 1, port + 2, folder))
                url, target = f"https://localhost:{port + 2}/", port + 2
            timed_get(url, 30, context)
            source = "127.0.0.2" if setup == "nginx" else "127.0.0.1"  # nginx limits per address; probes are others
            tls = ssl.create_default_context(cafile=str(folder / "cert.pem")) if setup == "nginx" else None
            with SlowClients("127.0.0.1", target, {kind: count}, every, source, tls) as attack:
                opened = attack.opened
                started = time.monotonic()
                probes: list[float | None] = []
                while time.monotonic() - started < seconds:
                    probes.append(timed_get(url, 10, context))
                    time.sleep(max(0.0, 5 - (probes[-1] or 10)))
                closed = attack.closed
        answered = [probe for probe in probes if probe is not None]
        return {
            "setup": setup, "kind": kind, "connections": count, "opened": opened, "closed_by_server": closed,
            "probes": len(probes), "answered": len(answered),
            "median_s": round(statistics.median(answered), 2) if answered else None,
            "max_s": round(max(answered), 2) if answered else None,
        }  # fmt: skip
    finally:
        stop(server)


def attack_handout(port: int, root: Path, workers: int) -> dict:
    server = start_dashboard(port, *(["--workers", str(workers)] if workers > 1 else []), root=root)
    base = f"http://127.0.0.1:{port}"
    try:
        results: list[tuple[int, float]] = []

        def ask() -> None:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + "/download/dandelion-handout.pdf", timeout=120) as response:
                    status = response.status
                    response.read()
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            results.append((status, time.perf_counter() - started))

        askers = [threading.Thread(target=ask) for _ in range(10)]
        for asker in askers:
            asker.start()
        time.sleep(0.2)
        health = timed_get(base + "/healthz", 120)
        for asker in askers:
            asker.join()
        return {
            "workers": workers,
            "healthz_s": round(health, 2) if health is not None else None,
            "handout_statuses": sorted({status for status, _ in results}),
            "handout_slowest_s": round(max(seconds for _, seconds in results), 2),
        }
    finally:
        stop(server)


def attack_stop(port: int, root: Path, runs: int) -> dict:
    outcomes = []
    for _ in range(runs):
        server = start_dashboard(port, root=root)
        got: list[int] = []

        def ask(got: list[int] = got, server_url: str = f"http://127.0.0.1:{port}") -> None:
            try:
                with urllib.request.urlopen(server_url + "/download/dandelion-handout.pdf", timeout=60) as response:
                    got.append(len(response.read()))
            except urllib.error.HTTPError as error:
                got.append(len(error.read()))
            except OSError:
                got.append(0)

        asker = threading.Thread(target=ask)
        asker.start()
        time.sleep(1.0)
        code = stop(server)
        asker.join(timeout=60)
        outcomes.append({"exit": code, "bytes": got[0] if got else 0})
    return {"runs": outcomes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("attack", choices=["memory", "slow", "handout", "stop"])
    parser.add_argument("--port", type=int, default=18150, help="first of up to 3 ports to use (default: 18150)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose server to attack")
    parser.add_argument("--setup", choices=["waitress", "gunicorn", "nginx"], default="waitress")
    parser.add_argument("--kind", choices=SLOW_KINDS, default="slowloris")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=50, help="slow: how long to probe")
    parser.add_argument("--every", type=float, default=5, help="slow: seconds between a slow client's bytes")
    parser.add_argument("--workers", type=int, default=1, help="handout: workers")
    parser.add_argument("--runs", type=int, default=5, help="stop: runs")
    args = parser.parse_args()
    root = args.root.resolve()
    if args.attack == "memory":
        print(attack_memory(args.port, root, args.count))
    elif args.attack == "slow":
        print(attack_slow(args.setup, args.kind, args.count, args.seconds, args.every, args.port, root))
    elif args.attack == "handout":
        print(attack_handout(args.port, root, args.workers))
    else:
        print(attack_stop(args.port, root, args.runs))


if __name__ == "__main__":
    main()
