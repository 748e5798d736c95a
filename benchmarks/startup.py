"""Start-up of the server: ``.venv/bin/python -m benchmarks.startup [--workers N] [--runs N]``.

The other benchmarks start the server here too (:func:`start_server`), and
wait for what it makes after start-up.

Starts ``python -m dashboard`` (in the checkout this module is in)
and reports, for each run:

- ready: process start to the ready line, and to the first 200 on ``/`` (s);
- memory: resident memory of the server's processes, and of every process
  it started (the making of the costly outputs, chromium), at the first 200
  and once the outputs are made (MiB; proportional set size, so pages shared
  by forked workers count once);
- outputs: process start to the first map's pictures on the page and the
  hand-out answered 200 (s), and the processes that ran chromium;
- page weight in brotli (the page, the files it names, the layout and the
  callback graph, KiB over the wire) at ready, and when the making process's
  brotli-11 copies are sent (s; an older checkout that makes none waits
  ``--wait``).

The first run uses an empty cache folder (``--cache``); later runs the same
one, as a second start on the same data and code does. All traffic stays
on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = re.compile(r"Dandelion ready in [0-9.]+ s: http://127\.0\.0\.1:([0-9]+)/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> tuple[subprocess.Popen, float]:
    """Start ``python -m dashboard``; return it and seconds to the first 200."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process, time.perf_counter() - started
        except OSError:
            if process.poll() is not None or time.perf_counter() - started > 60:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.05)


def wait_for_brotli(base_url: str, timeout: float = 60) -> None:
    """Wait until every file the page names comes in brotli (made before the server says ready since
    issue 20, dashboard/web/compression.py; by a thread after start-up in older checkouts)."""
    with urllib.request.urlopen(base_url + "/", timeout=10) as response:
        page = response.read().decode("utf-8")
    paths = [p for p in re.findall(r'<(?:script|link)[^>]* (?:src|href)="([^"]+)"', page) if "favicon" not in p]
    deadline = time.perf_counter() + timeout
    for path in paths:
        url = base_url + "/" + path.lstrip("/")
        while True:
            request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, br"})
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.headers.get("Content-Encoding") != "gzip":
                    break
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{path}: still no brotli after {timeout} s")
            time.sleep(0.2)


def wait_for_first_map_pictures(base_url: str, timeout: float = 60) -> None:
    """Wait until the page shows the first map's still pictures (made aside in chromium after start-up)."""
    deadline = time.perf_counter() + timeout
    while True:
        with urllib.request.urlopen(base_url + "/", timeout=10) as response:
            if b"<picture" in response.read():
                return
        if time.perf_counter() > deadline:
            raise RuntimeError(f"no first map picture after {timeout} s")
        time.sleep(0.2)


def wait_for_making(pid: int, timeout: float = 180) -> None:
    """Wait until the making process under server ``pid`` has ended (it drives chromium: measured beside it,
    a page is measured on a busy machine)."""
    deadline = time.perf_counter() + timeout
    while any(b"dashboard.web.making" in command_line(child) for child in descendants(pid)):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the making process still runs after {timeout} s")
        time.sleep(0.2)


def command_line(pid: int) -> bytes:
    """The command line of process ``pid`` (empty once it has ended)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def descendants(pid: int) -> list[int]:
    """``pid`` and every process under it."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            queue += [int(child) for child in children]
    return found


def memory_mib(pid: int) -> tuple[float, int, int]:
    """Proportional resident memory of ``pid`` and its descendants (MiB), how many processes, how many chromium."""
    total, count, chromium = 0, 0, 0
    for process in descendants(pid):
        try:
            rollup = Path(f"/proc/{process}/smaps_rollup").read_text()
            command = Path(f"/proc/{process}/cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)[1])
        count += 1
        chromium += b"chrom" in command.split(b"\0")[0]
    return round(total / 1024, 1), count, chromium


def status(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def brotli_kib(base: str) -> float:
    """What the page and what it loads first weigh in brotli, in KiB (the bytes sent, not decompressed)."""
    page = status(base + "/")[1].decode("utf-8")
    named = re.findall(r'(?:src|href)="(/[^"]+)"', page)
    total = 0
    for path in ["/", *named, "/_dash-layout", "/_dash-dependencies"]:
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request, timeout=30) as response:
            total += len(response.read())
    return round(total / 1024, 1)


def one_start(port: int, workers: int, cache: Path, wait: float) -> dict:
    started = time.perf_counter()
    command = [sys.executable, "-m", "dashboard", "--port", str(port), "--workers", str(workers), "--cache", str(cache)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        ready = time.perf_counter() - started
        # Its log read as it comes: a full pipe would stop the server mid-request.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        base = f"http://127.0.0.1:{READY.search(line)[1]}"
        assert status(base + "/")[0] == 200
        first_200 = time.perf_counter() - started
        at_ready = memory_mib(process.pid)
        weight_at_ready = brotli_kib(base)
        most_chromium, pictures, handout, lighter = at_ready[2], None, None, None
        while time.perf_counter() - started < wait and None in (pictures, handout, lighter):
            if pictures is None and b"<picture" in status(base + "/")[1]:
                pictures = round(time.perf_counter() - started, 1)
            if handout is None and status(base + "/download/dandelion-handout.pdf")[0] == 200:
                handout = round(time.perf_counter() - started, 1)
            if lighter is None and brotli_kib(base) < weight_at_ready:
                lighter = round(time.perf_counter() - started, 1)
            most_chromium = max(most_chromium, memory_mib(process.pid)[2])
            time.sleep(0.5)
        made = memory_mib(process.pid)
        return {
            "ready_s": round(ready, 2), "first_200_s": round(first_200, 2),
            "memory_at_ready_mib": at_ready[0], "processes_at_ready": at_ready[1],
            "pictures_s": pictures, "handout_s": handout,
            "brotli_kib_at_ready": weight_at_ready, "brotli_11_s": lighter, "brotli_kib_when_made": brotli_kib(base),
            "memory_when_made_mib": made[0], "processes_when_made": made[1], "chromium_processes_seen": most_chromium,
        }  # fmt: skip
    finally:
        process.terminate()
        process.wait(timeout=30)


def cached(cache: Path) -> list[str]:
    """What the runs so far have left in the cache: digest/file name."""
    return sorted(str(path.relative_to(cache)) for path in cache.glob("*/*"))


def main() -> None:
    parser = argparse.ArgumentParser(description="Start-up time and memory of python -m dashboard.")
    parser.add_argument("--port", type=int, default=0, help="port (default: 0, a free one)")
    parser.add_argument("--workers", type=int, default=1, help="processes (default: 1, waitress)")
    parser.add_argument("--runs", type=int, default=2, help="starts: the first on an empty cache (default: 2)")
    parser.add_argument("--wait", type=float, default=120, help="longest wait for the outputs, in s (default: 120)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        results = []
        for _ in range(args.runs):
            found = cached(Path(cache))
            results.append({"cache_at_start": found, **one_start(args.port, args.workers, Path(cache), args.wait)})
    print(json.dumps({"workers": args.workers, "runs": results}, indent=1))


if __name__ == "__main__":
    main()
