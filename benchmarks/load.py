"""A crowd on loopback: ``.venv/bin/python -m benchmarks.load``.

Starts ``python -m dashboard`` with 1 worker (waitress) and then with 2
workers (gunicorn), each on a free localhost port, and drives each with
``--clients`` concurrent clients for ``--seconds``. The clients run in their
own process (asyncio, one keep-alive connection each; by default with no
think time: each sends its next request as soon as the last is answered;
``--think 1`` waits a second on average, as a reader would) and send what
readers' browsers send, mixed:

- 45% layout: ``/_dash-layout``, gzipped, as on every page load;
- 30% page: ``/``;
- 25% a static file revalidated with its ETag (a 304), as on a reload.

(After loading, a page asks nothing of the server: every callback, the side
panel included, runs in the browser.)

Printed for each server: requests a second, p50/p95/p99 over all requests and
for the layout alone, errors, and the memory of the server's processes
(proportional set size) before the load, after it, and after ``--soak``
further seconds of it: ``--soak 600`` keeps the load on for 10 minutes, and
the memory must not grow between the last two. Everything stays on
127.0.0.1 and is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench import percentile
from benchmarks.startup import free_port

ROOT = Path(__file__).resolve().parent.parent
MIX = [("layout", 45), ("page", 30), ("revalidate", 25)]
STATIC_FILE = "/assets/style.css"


def request_bytes(kind: str, rng: random.Random, etag: str) -> bytes:
    """One HTTP/1.1 request of ``kind``, as a browser would send it."""
    head = "Host: 127.0.0.1\r\nAccept-Encoding: gzip\r\n"
    if kind == "revalidate":
        return f"GET {STATIC_FILE} HTTP/1.1\r\n{head}If-None-Match: {etag}\r\n\r\n".encode()
    path = "/_dash-layout" if kind == "layout" else "/"
    return f"GET {path} HTTP/1.1\r\n{head}\r\n".encode()


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, data: bytes) -> tuple[int, dict]:
    """Send one request; read the answer; return its status and headers."""
    writer.write(data)
    await writer.drain()
    status_line = await reader.readline()
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    await reader.readexactly(int(headers.get("content-length", 0)))
    return int(status_line.split()[1]), headers


async def one_client(port: int, deadline: float, seed: int, etag: str, think: float, results: list) -> None:
    rng = random.Random(seed)
    kinds, weights = zip(*MIX, strict=True)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline:
            kind = rng.choices(kinds, weights)[0]
            started = time.perf_counter()
            try:
                status, headers = await exchange(reader, writer, request_bytes(kind, rng, etag))
                ok = status == (304 if kind == "revalidate" else 200)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                ok, headers = False, {"connection": "close"}
            results.append((kind, (time.perf_counter() - started) * 1000, ok))
            if headers.get("connection") == "close":
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            await asyncio.sleep(rng.expovariate(1 / think) if think else 0)
    finally:
        writer.close()


async def drive(port: int, clients: int, seconds: float, think: float) -> list:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    _, headers = await exchange(reader, writer, f"GET {STATIC_FILE} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    writer.close()
    results: list = []
    deadline = time.perf_counter() + seconds
    await asyncio.gather(*(one_client(port, deadline, n, headers["etag"], think, results) for n in range(clients)))
    return results


def client_main(port: int, clients: int, seconds: float, think: float) -> None:
    """The load generator's own process: prints the results as JSON."""
    results = asyncio.run(drive(port, clients, seconds, think))
    print(json.dumps(results))


def memory_kib(pid: int) -> int:
    """Memory of ``pid`` and its children (the workers), in KiB.

    Proportional set size: a page the forked workers share with the parent
    counts once in the total, not once per process as resident size would.
    """
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    total = 0
    for process in [str(pid), *children]:
        for line in Path(f"/proc/{process}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total


def start(workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--port", str(port), *(["--workers", str(workers)] if workers > 1 else [])],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    if "ready" not in server.stdout.readline():
        raise RuntimeError("the server did not start")
    subprocess.Popen(["cat"], stdin=server.stdout, stdout=subprocess.DEVNULL)  # keep the access log flowing
    return server, port


def run_load(port: int, clients: int, seconds: float, think: float = 0) -> list:
    client = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--client-for", str(port),
         "--clients", str(clients), "--seconds", str(seconds), "--think", str(think)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(client.stdout)


def summary(results: list, seconds: float) -> dict:
    times = [ms for _, ms, _ in results]
    layout = [ms for kind, ms, _ in results if kind == "layout"]
    return {
        "requests_per_second": len(results) / seconds,
        "p50_ms": percentile(times, 0.50),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
        "layout_p50_ms": percentile(layout, 0.50),
        "layout_p95_ms": percentile(layout, 0.95),
        "layout_p99_ms": percentile(layout, 0.99),
        "errors": sum(not ok for _, _, ok in results),
    }


def measure(workers: int, clients: int, seconds: float, soak: float, think: float) -> dict:
    server, port = start(workers)
    try:
        run_load(port, 4, 2)  # warm up: every file gzipped once, every worker touched
        before = memory_kib(server.pid)
        result = summary(run_load(port, clients, seconds, think), seconds)
        after_load = memory_kib(server.pid)
        if soak:
            run_load(port, clients, soak, think)
        result |= {
            "memory_before_mib": before / 1024,
            "memory_after_load_mib": after_load / 1024,
            "memory_after_soak_mib": memory_kib(server.pid) / 1024,
        }
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Requests a second and latency at 100 clients, 1 vs 2 workers.")
    parser.add_argument("--clients", type=int, default=100, help="concurrent clients (default: 100)")
    parser.add_argument("--seconds", type=float, default=20, help="measured load per server (default: 20)")
    parser.add_argument("--soak", type=float, default=0, help="further seconds of load before memory is read again")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    parser.add_argument(
        "--think", type=float, default=0, help="mean seconds a client waits between requests (default: 0, none)"
    )
    parser.add_argument("--client-for", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client_for:
        client_main(args.client_for, args.clients, args.seconds, args.think)
        return
    with open("/proc/loadavg") as loadavg:
        print(f"load average before: {loadavg.read().split()[0]} on this machine")
    results = {workers: measure(workers, args.clients, args.seconds, args.soak, args.think) for workers in args.workers}
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "load.json").write_text(json.dumps(results, indent=2))
    print(
        f"{args.clients} clients, {args.seconds:.0f} s each, mixed traffic, think time {args.think} s;"
        f" soak {args.soak:.0f} s"
    )
    print(
        "workers   req/s   p50    p95    p99  | layout p50 p95    p99  | errors | memory MiB: before, after load, soak"
    )
    for workers, r in results.items():
        print(
            f"{workers:>7} {r['requests_per_second']:7.0f} {r['p50_ms']:5.0f} {r['p95_ms']:6.0f} {r['p99_ms']:6.0f}  |"
            f" {r['layout_p50_ms']:8.0f} {r['layout_p95_ms']:5.0f} {r['layout_p99_ms']:6.0f}  | {r['errors']:6} |"
            f" {r['memory_before_mib']:4.0f}, {r['memory_after_load_mib']:4.0f}, {r['memory_after_soak_mib']:4.0f}"
        )


if __name__ == "__main__":
    main()
