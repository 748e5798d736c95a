"""Lighthouse scores for the live server: ``.venv/bin/python -m benchmarks.lighthouse``.

Starts ``python -m dashboard`` on a free localhost port and runs Lighthouse
(npm ``lighthouse`` 12, with Debian's chromium) against it, mobile (its
default throttling) and desktop, then prints performance, SEO, accessibility
and best practices, with largest contentful paint, total blocking time and
time to interactive. ``--lighthouse`` names the ``lighthouse`` command (by
default ``npx --yes lighthouse@12``, fetched once from the npm registry);
``--url`` measures another server instead, such as a static build. Each
full report is kept as ``benchmarks/results/lighthouse-<mobile|desktop>.json``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import signal
import subprocess
from pathlib import Path

from benchmarks.bench import free_port, start_server
from dashboard.handout import CHROMIUM

RESULTS = Path(__file__).resolve().parent / "results"
CATEGORIES = ["performance", "seo", "accessibility", "best-practices"]
AUDITS = {
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "interactive": "interactive",
    "first-contentful-paint": "FCP",
}


def lighthouse(command: list[str], url: str, preset: str | None) -> dict:
    """One Lighthouse run; the scores (0-100) and the timings (ms) it reports."""
    RESULTS.mkdir(exist_ok=True)
    report = RESULTS / f"lighthouse-{preset or 'mobile'}.json"
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
    args = parser.parse_args()
    command = shlex.split(args.lighthouse)
    process = None
    url = args.url
    if not url:
        port = free_port()
        process, _ = start_server(port)
        url = f"http://127.0.0.1:{port}/"
    try:
        results = {preset or "mobile": lighthouse(command, url, preset) for preset in (None, "desktop")}
    finally:
        if process:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    print(f"Lighthouse on {url}")
    print("           perf  SEO  a11y  best |   FCP    LCP    TBT  interactive (ms)")
    for name, r in results.items():
        print(
            f"{name:>9} {r['performance']:5} {r['seo']:4} {r['accessibility']:5} {r['best-practices']:5} |"
            f" {r['FCP']:5.0f} {r['LCP']:6.0f} {r['TBT']:6.0f} {r['interactive']:8.0f}"
        )


if __name__ == "__main__":
    main()
