"""What a page load costs chromium: ``.venv/bin/python -m benchmarks.pageload [--loads N]``.

Starts ``python -m dashboard`` (in this checkout) and loads the explorer at
1366x768 ``--loads`` times (after one load to warm up) in each of three ways,
until the map is drawn and its labels placed:

- ``fresh``: a new browser context for each load, as a first visit (and as
  the tests' pages were opened until December 2026);
- ``shared``: one context, a new page for each load (a returning reader: the
  page's files come from the browser's cache);
- ``kept``: as ``shared``, with ``--process-per-site`` and a page of the same
  site kept open, so that each new page joins that renderer rather than
  starting one (how the tests open their pages: tests/conftest.py Chromium).

For each way it prints the wall time a load and the CPU seconds a load of each
kind of chromium process (renderer, browser, GPU, network service), read from
/proc before and after: the machine's other work does not count, but a busy
machine still slows each figure.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.attack import stop
from benchmarks.startup import free_port, start_server
from dashboard.outputs.chromium import CHROMIUM, CHROMIUM_FLAGS

TICKS = os.sysconf("SC_CLK_TCK")
PLACED = "() => window.dandelion && !window.dandelion.applying && window.dandelion.labelsPlaced"


def chromium_cpu() -> collections.Counter:
    """CPU seconds so far of each chromium process on the machine, by kind (its --type)."""
    seconds: collections.Counter = collections.Counter()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if "chromium" not in command:
            continue
        kind = command.split("--type=")[1].split()[0] if "--type=" in command else "browser"
        if kind == "zygote":  # each page's renderer is forked from the zygote, under its name
            kind = "renderer"
        if "--utility-sub-type=" in command:
            kind = command.split("--utility-sub-type=")[1].split()[0]
        seconds[kind] += sum(int(field) for field in fields[11:15]) / TICKS
    return seconds


def measure(browser: Browser, url: str, way: str, loads: int) -> dict:
    """Wall and CPU seconds a load of ``url``, opened ``way`` (fresh, shared or kept)."""
    viewport = {"width": 1366, "height": 768}
    shared = browser.new_context(viewport=viewport)
    keeper = shared.new_page()
    keeper.goto(url + "healthz")
    warm = shared.new_page()
    warm.goto(url)
    warm.wait_for_function(PLACED)
    warm.close()
    if way != "kept":
        keeper.close()
    before, started = chromium_cpu(), time.perf_counter()
    for _ in range(loads):
        context = browser.new_context(viewport=viewport) if way == "fresh" else shared
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(PLACED)
        (context if way == "fresh" else page).close()
    wall = (time.perf_counter() - started) / loads
    time.sleep(0.5)  # the closed pages' processes have ended
    spent = chromium_cpu()
    spent.subtract(before)
    shared.close()
    cpu = {kind: round(seconds / loads, 2) for kind, seconds in spent.most_common() if seconds > 0}
    return {"wall_s": round(wall, 2), "cpu_s": round(sum(cpu.values()), 2), "cpu_s_by_process": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description="CPU seconds of a page load in chromium, three ways.")
    parser.add_argument("--loads", type=int, default=6, help="loads a way (default: 6)")
    args = parser.parse_args()
    port = free_port()
    server, _ = start_server(port)
    results = {}
    try:
        with sync_playwright() as playwright:
            for way in ("fresh", "shared", "kept"):
                flags = [*CHROMIUM_FLAGS, "--process-per-site"] if way == "kept" else CHROMIUM_FLAGS
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
                results[way] = measure(browser, f"http://127.0.0.1:{port}/", way, args.loads)
                browser.close()
    finally:
        stop(server)
    print(json.dumps({"loads": args.loads, **results}, indent=1))


if __name__ == "__main__":
    main()
