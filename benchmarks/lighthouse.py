"""Lighthouse scores for the live server: ``.venv/bin/python -m benchmarks.lighthouse``.

Starts ``python -m dashboard`` on a free localhost port and runs Lighthouse
(npm ``lighthouse`` 12, with Debian's chromium) against it, mobile (its
default throttling) and desktop, then prints performance, SEO, accessibility
and best practices, with largest contentful paint, total blocking time and
time to interactive. ``--lighthouse`` names the ``lighthouse`` command (by
default ``npx --yes lighthouse@12``, fetched once from the npm registry);
``--url`` measures another server instead, such as a static build. Each
full report is kept as ``benchmarks/results/lighthouse-<mobile|desktop>.json``.

``--plotly-alone`` measures, beside it, a page that loads the same plotly.js
build and nothing else (no Dash, no data, nothing drawn): the best score any
page can get that loads plotly.js when it opens, since its evaluation alone
is a long task that Lighthouse's slowed mobile CPU counts as blocking time.
"""

from __future__ import annotations

import argparse
import functools
import json
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.bench import free_port, start_server, wait_for_brotli, wait_for_first_map_pictures
from dashboard.handout import CHROMIUM
from dashboard.resources import ASSETS_DIR

RESULTS = Path(__file__).resolve().parent / "results"
CATEGORIES = ["performance", "seo", "accessibility", "best-practices"]
AUDITS = {
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "interactive": "interactive",
    "first-contentful-paint": "FCP",
}


PLOTLY_ALONE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>plotly.js alone</title><meta name="description" content="A page that loads plotly.js and draws nothing.">
</head><body><h1>plotly.js, loaded and run; nothing drawn</h1>
<p>What loading the map library costs a page, before any map.</p>
<script src="{script}"></script></body></html>
"""


@contextmanager
def plotly_alone() -> Iterator[str]:
    """Serve :data:`PLOTLY_ALONE` with Dandelion's plotly.js build from a thread; yield its URL."""
    with tempfile.TemporaryDirectory() as folder:
        script = next(ASSETS_DIR.glob("plotly-*.min.js"))
        shutil.copy(script, folder)
        (Path(folder) / "index.html").write_text(PLOTLY_ALONE.format(script=script.name))
        handler = functools.partial(SimpleHTTPRequestHandler, directory=folder)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/"
        finally:
            server.shutdown()


def lighthouse(command: list[str], url: str, preset: str | None, name: str = "") -> dict:
    """One Lighthouse run; the scores (0-100) and the timings (ms) it reports."""
    RESULTS.mkdir(exist_ok=True)
    report = RESULTS / f"lighthouse-{name}{preset or 'mobile'}.json"
    subprocess.run(
        [*command, url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
         *([f"--preset={preset}"] if preset else [])],
        check=True, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/local/bin:/usr/bin:/bin"},
    )  # fmt: skip
    result = json.loads(report.read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    timings = {label: result["audits"][audit]["numericValue"] for audit, label in AUDITS.items()}
    return scores | timings


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse scores, mobile and desktop.")
    parser.add_argument("--lighthouse", default="npx --yes lighthouse@12", help="the lighthouse command")
    parser.add_argument("--url", help="measure this URL instead of starting the server")
    parser.add_argument("--plotly-alone", action="store_true", help="also measure a page of plotly.js alone")
    args = parser.parse_args()
    command = shlex.split(args.lighthouse)
    process = None
    url = args.url
    if not url:
        port = free_port()
        process, _ = start_server(port)
        url = f"http://127.0.0.1:{port}/"
        # The page as readers get it after the first seconds: brotli, and the first map's pictures.
        wait_for_brotli(url.rstrip("/"))
        wait_for_first_map_pictures(url.rstrip("/"))
    try:
        results = {f"{preset or 'mobile'}": lighthouse(command, url, preset) for preset in (None, "desktop")}
    finally:
        if process:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    if args.plotly_alone:
        with plotly_alone() as alone:
            for preset in (None, "desktop"):
                results[f"plotly.js alone, {preset or 'mobile'}"] = lighthouse(command, alone, preset, "plotly-alone-")
    print(f"Lighthouse on {url}")
    print("                          perf  SEO  a11y  best |   FCP    LCP    TBT  interactive (ms)")
    for name, r in results.items():
        print(
            f"{name:>24} {r['performance']:5} {r['seo']:4} {r['accessibility']:5} {r['best-practices']:5} |"
            f" {r['FCP']:5.0f} {r['LCP']:6.0f} {r['TBT']:6.0f} {r['interactive']:8.0f}"
        )


if __name__ == "__main__":
    main()
