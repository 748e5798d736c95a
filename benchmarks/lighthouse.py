"""Lighthouse scores for the live server: ``.venv/bin/python -m benchmarks.lighthouse``.

Starts ``python -m dashboard`` on a free localhost port and runs Lighthouse
(npm ``lighthouse`` 12, with Debian's chromium) against it, mobile (its
default throttling) and desktop, then prints performance, SEO, accessibility
and best practices, with largest contentful paint, total blocking time and
time to interactive. ``--lighthouse`` names the ``lighthouse`` command (by
default ``npx --yes lighthouse@12``, fetched once from the npm registry);
``--url`` measures another server instead, such as a static build. Each
full report is kept as ``benchmarks/results/lighthouse-<mobile|desktop>.json``.

``--site`` measures, beside it, the static site (``export site``, served
from a temporary folder by Python's file server, gzipping text as a static
host does). ``--plotly-alone`` measures a page that loads the same plotly.js
build and nothing else (no Dash, no data, nothing drawn): the best score any
page can get that loads plotly.js when it opens, since its evaluation alone
is a long task that Lighthouse's slowed mobile CPU counts as blocking time.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.startup import (
    ROOT,
    free_port,
    start_server,
    wait_for_brotli,
    wait_for_first_map_pictures,
    wait_for_making,
)
from dashboard.model.resources import ASSETS_DIR
from dashboard.outputs.chromium import CHROMIUM

RESULTS = Path(__file__).resolve().parent / "results"
TEXT_SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".svg"}
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


class GzipHandler(SimpleHTTPRequestHandler):
    """Python's file server, gzipping text as any static host does (a fair page weight)."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in TEXT_SUFFIXES and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free localhost port from a thread; yield its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@contextmanager
def plotly_alone() -> Iterator[str]:
    """Serve :data:`PLOTLY_ALONE` with Dandelion's plotly.js build; yield its URL."""
    with tempfile.TemporaryDirectory() as folder:
        script = next(ASSETS_DIR.glob("plotly-*.min.js"))
        shutil.copy(script, folder)
        (Path(folder) / "index.html").write_text(PLOTLY_ALONE.format(script=script.name))
        with serve_folder(Path(folder)) as url:
            yield url


@contextmanager
def static_site() -> Iterator[str]:
    """Build the static site (``python -m dashboard export site``) and serve it; yield its URL."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "dashboard", "export", "site", folder], cwd=ROOT, check=True)
        with serve_folder(Path(folder)) as url:
            yield url


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
    parser.add_argument("--site", action="store_true", help="also measure the static site (export site)")
    parser.add_argument("--plotly-alone", action="store_true", help="also measure a page of plotly.js alone")
    args = parser.parse_args()
    command = shlex.split(args.lighthouse)
    process = None
    url = args.url
    if not url:
        port = free_port()
        process, _ = start_server(port)
        url = f"http://127.0.0.1:{port}/"
        # The page as readers get it once start-up's work is done: brotli, the first map's pictures, and the
        # making process ended (its chromium would share the machine with the page measured).
        wait_for_brotli(url.rstrip("/"))
        wait_for_first_map_pictures(url.rstrip("/"))
        wait_for_making(process.pid)
    try:
        results = {f"{preset or 'mobile'}": lighthouse(command, url, preset) for preset in (None, "desktop")}
    finally:
        if process:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    others = [("static site", "site-", static_site)] if args.site else []
    others += [("plotly.js alone", "plotly-alone-", plotly_alone)] if args.plotly_alone else []
    for title, prefix, serving in others:
        with serving() as other:
            for preset in (None, "desktop"):
                results[f"{title}, {preset or 'mobile'}"] = lighthouse(command, other, preset, prefix)
    print(f"Lighthouse on {url}")
    print("                          perf  SEO  a11y  best |   FCP    LCP    TBT  interactive (ms)")
    for name, r in results.items():
        print(
            f"{name:>24} {r['performance']:5} {r['seo']:4} {r['accessibility']:5} {r['best-practices']:5} |"
            f" {r['FCP']:5.0f} {r['LCP']:6.0f} {r['TBT']:6.0f} {r['interactive']:8.0f}"
        )


if __name__ == "__main__":
    main()
