"""Measure Dandelion as a user meets it. Run: ``.venv/bin/python -m benchmarks.bench``.

Starts the real server (``python -m dashboard``, waitress) on a free localhost
port and reports:

- start-up: process start to the first 200 on ``/`` (seconds);
- page weight: bytes over the wire on a first, uncached load, and by file;
- time to first map: navigation start to the first map's still picture
  painted (the page's first paint, dashboard/outputs/firstpaint.py), and to the
  first choropleth painted by plotly.js (ms);
- metric change in the browser: click to redrawn colour scale, and to its
  labels placed (ms, median and p95);
- layer toggle in the browser: click to repainted map, and to its labels
  placed, no server request (ms, median and p95);
- presenter step change: Page Down to the new step drawn, and to the end of
  its animated flight to the step's view (ms, median over the story);
- layout latency: one GET of ``/_dash-layout``, the one request a page makes
  that is not a fixed file (ms, median and p95); after loading, the page
  asks the server for nothing (every callback runs in the browser);
- load: concurrent clients for a few seconds, requests a second and p95;
- exports: ``python -m dashboard export pdf`` (the ten-step story, 12 pages),
  ``export slides`` (ten 1920x1080 PNGs), ``export html`` (the one file) and
  ``export site``, process start to files written (s), and the size of what
  each writes (the sizes README quotes).

Before measuring, it waits until the server sends its files in brotli and
shows the first map's still pictures (made aside once for the data and the
code): the page as every reader after the first seconds gets it. Start-up
time and memory: ``benchmarks/startup.py``.
All traffic stays on 127.0.0.1. Results are printed and written to
``benchmarks/results/latest.json``. Timings vary with the machine: compare
runs on the same one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.startup import ROOT, free_port, start_server, wait_for_brotli, wait_for_first_map_pictures
from dashboard.outputs.chromium import CHROMIUM, CHROMIUM_FLAGS

METRIC_CYCLE = ["Foreign fighters", "Share returned", "Fighters per million", "Returnees"]
# Marks the moment the first map's still picture is painted (the Element
# Timing API: the <img elementtiming="first-map"> of dashboard/outputs/firstpaint.py),
# and the moment the first choropleth path of the live map is in the DOM,
# then waits one frame so that the time includes painting it.
FIRST_MAP_PROBE = """
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (entry.identifier === 'first-map') window.__firstPictureMs = entry.renderTime || entry.loadTime;
  }
}).observe({type: 'element', buffered: true});
new MutationObserver((_, observer) => {
  if (document.querySelector('#map .choroplethlocation')) {
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstMapMs = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true});
"""


# Click a layer's checkbox, or a metric's label: time until the map shows it
# (the trace's visibility, the colour bar's title has changed) and the next
# frame is painted, and until its labels are placed (window.dandelion.labelsPlaced:
# clear of each other and inked for what lies under them) and the next frame
# is painted. Resolves to [shown ms, placed ms].
CHANGE_PROBE = """(shown, start) => new Promise(resolve => {
    let drawn = null;
    const poll = () => {
        if (drawn === null && shown()) drawn = performance.now() - start;
        if (drawn !== null && window.dandelion.labelsPlaced) {
            requestAnimationFrame(() => resolve([drawn, performance.now() - start]));
        } else {
            requestAnimationFrame(poll);
        }
    };
    poll();
})"""
TOGGLE_PROBE = f"""layer => {{
    const graph = document.querySelector('#map .js-plotly-plot');
    const visible = () => graph.data.find(trace => trace.meta && trace.meta.layer === layer).visible;
    const before = visible();
    const start = performance.now();
    document.querySelector('input[value="' + layer + '"]').click();
    return ({CHANGE_PROBE})(() => visible() !== before, start);
}}"""
METRIC_PROBE = f"""label => {{
    const title = () => document.querySelector('#map .cbtitle').textContent;
    const before = title();
    const start = performance.now();
    [...document.querySelectorAll('#metric-choices label')].find(l => l.textContent === label).click();
    return ({CHANGE_PROBE})(() => title() !== before, start);
}}"""


# Press Page Down in presenter mode: time until the new step's map is drawn
# (its metric and layers are on the figure) and until the animated view has
# arrived.
STEP_PROBE = """() => new Promise(resolve => {
    const graph = document.querySelector('#map .js-plotly-plot');
    const config = JSON.parse(document.getElementById('dandelion-config').textContent);
    const step = config.story[window.dandelion.step + 1];
    // The step's metric under the step's choice of source and time (the default one where it sets none).
    const key = `${step.source || config.defaults.source}@${step.time || config.defaults.time}`;
    const parts = (config.selections[key] || config.selections[`${config.defaults.source}@${config.defaults.time}`])
        .metrics[step.metric].parts;
    const metricName = config.parts[parts[config.contract.parts.values]].name;
    const start = performance.now();
    let drawn = null;
    const isDrawn = () => {
        const layers = new Set(graph.data.filter(t => t.visible !== false && t.meta && t.meta.layer
            && t.meta.layer !== 'selection').map(t => t.meta.layer));
        return graph.data.some(t => t.meta && t.meta.part === 'values' && t.name === metricName)
            && layers.size === step.layers.length && step.layers.every(id => layers.has(id));
    };
    document.dispatchEvent(new KeyboardEvent('keydown', {key: 'PageDown', bubbles: true}));
    const poll = () => {
        if (drawn === null && isDrawn()) drawn = performance.now() - start;
        if (drawn !== null && document.body.getAttribute('data-step') === step.id) {
            resolve([drawn, performance.now() - start]);
        } else {
            requestAnimationFrame(poll);
        }
    };
    requestAnimationFrame(poll);
})"""
STORY_LENGTH = "() => JSON.parse(document.getElementById('dandelion-config').textContent).story"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_browser(base_url: str, repeats: int) -> dict:
    """Page weight, time to first map and metric-change latency in chromium."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        first_map, first_picture, weights = [], [], []
        for _ in range(repeats):
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            page.add_init_script(FIRST_MAP_PROBE)
            sizes: dict[str, int] = {}
            outside: list[str] = []

            def record(request, sizes=sizes):
                transfer = request.sizes()
                sizes[request.url] = transfer["responseBodySize"] + transfer["responseHeadersSize"]

            page.on("requestfinished", record)
            # blob: and data: URLs are the page's own memory (the labels read the map through one).
            page.on(
                "request",
                lambda r, outside=outside: (
                    None if r.url.startswith((base_url, "blob:", "data:")) else outside.append(r.url)
                ),
            )
            page.goto(base_url + "/")
            page.wait_for_function("() => window.__firstMapMs !== undefined")
            first_map.append(page.evaluate("window.__firstMapMs"))
            first_picture.append(page.evaluate("window.__firstPictureMs ?? null"))
            page.wait_for_load_state("networkidle")
            weights.append(sum(sizes.values()))
            if outside:
                raise RuntimeError(f"requests left the machine: {outside}")
            by_file = sorted(((size, url.replace(base_url, "")) for url, size in sizes.items()), reverse=True)
            context.close()

        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(base_url + "/")
        page.wait_for_selector("#map .choroplethlocation")
        changes = [page.evaluate(METRIC_PROBE, label) for label in METRIC_CYCLE * max(1, repeats)]
        toggles = []
        for _ in range(max(4, repeats * 4)):
            toggles.append(page.evaluate(TOGGLE_PROBE, "return_routes"))
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.get_by_role("button", name="Present").click()
        page.wait_for_function("() => document.body.getAttribute('data-step') === 'raqqa'")
        steps = [page.evaluate(STEP_PROBE) for _ in range(len(page.evaluate(STORY_LENGTH)) - 1)]
        browser.close()
    return {
        "page_weight_bytes": statistics.median(weights),
        "page_weight_by_file": [{"bytes": size, "path": path} for size, path in by_file],
        "first_map_ms_median": statistics.median(first_map),
        "first_picture_ms_median": None if None in first_picture else statistics.median(first_picture),
        "metric_change_ms_median": statistics.median(placed for _, placed in changes),
        "metric_change_ms_p95": percentile([placed for _, placed in changes], 0.95),
        "metric_shown_ms_median": statistics.median(shown for shown, _ in changes),
        "step_drawn_ms_median": statistics.median(drawn for drawn, _ in steps),
        "step_arrived_ms_median": statistics.median(arrived for _, arrived in steps),
        "layer_toggle_ms_median": statistics.median(placed for _, placed in toggles),
        "layer_toggle_ms_p95": percentile([placed for _, placed in toggles], 0.95),
        "layer_shown_ms_median": statistics.median(shown for shown, _ in toggles),
    }


def timed(request: urllib.request.Request, data: bytes | None = None) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(request, data=data, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{request.full_url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def measure_layout_requests(base_url: str, count: int) -> dict:
    times = [timed(urllib.request.Request(base_url + "/_dash-layout")) for _ in range(count)]
    return {"layout_ms_median": statistics.median(times), "layout_ms_p95": percentile(times, 0.95)}


def measure_load(base_url: str, clients: int, seconds: float) -> dict:
    """``clients`` threads alternate page and layout requests for ``seconds``."""
    times: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        turn = number
        while time.perf_counter() < deadline:
            try:
                if turn % 2:
                    times.append(timed(urllib.request.Request(base_url + "/")))
                else:
                    times.append(timed(urllib.request.Request(base_url + "/_dash-layout")))
            except Exception as error:
                errors.append(repr(error))
            turn += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "load_clients": clients,
        "load_requests_per_second": len(times) / seconds,
        "load_ms_p95": percentile(times, 0.95) if times else None,
        "load_errors": len(errors),
    }


# What each export writes, and where: the file or folder the command is given.
EXPORTS = {"pdf": "story.pdf", "slides": "slides", "html": "dandelion.html", "site": "site"}


def size_of(path: Path) -> tuple[int, int]:
    """Bytes and files at ``path``: a file, or every file under a folder."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def measure_exports(repeats: int) -> dict:
    """Seconds for the PDF hand-out, the slides, the one file and the static site, as a user runs them
    (median of ``repeats``; none for 0), and the size each writes (bytes; for the site, its files and the
    one-file copy and hand-out among them): the sizes README quotes."""
    times: dict[str, list[float]] = {kind: [] for kind in EXPORTS}
    sizes: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            for kind, out in EXPORTS.items():
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "dashboard", "export", kind, str(Path(folder) / out)],
                    cwd=ROOT, check=True, capture_output=True,
                )  # fmt: skip
                times[kind].append(time.perf_counter() - started)
        if repeats:
            for kind, out in EXPORTS.items():
                sizes[f"export_{kind}_bytes"], sizes[f"export_{kind}_files"] = size_of(Path(folder) / out)
            downloads = Path(folder) / "site" / "download"
            for name in ("dandelion.html", "dandelion-handout.pdf"):
                if (downloads / name).is_file():
                    sizes[f"export_site_{name}_bytes"] = (downloads / name).stat().st_size
    seconds = {f"export_{kind}_seconds": statistics.median(values) for kind, values in times.items() if values}
    return seconds | sizes


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure page weight, first map, layout latency and load.")
    parser.add_argument("--repeats", type=int, default=3, help="browser loads to take the median of")
    parser.add_argument("--layouts", type=int, default=40, help="layout requests to time")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients in the load test")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of the load test")
    parser.add_argument(
        "--exports", type=int, default=1, help="runs of export pdf and slides to take the median of (0: skip them)"
    )
    args = parser.parse_args()

    port = free_port()
    process, startup = start_server(port)
    base_url = f"http://127.0.0.1:{port}"
    try:
        results = {"startup_seconds": startup}
        wait_for_brotli(base_url)
        wait_for_first_map_pictures(base_url)
        results |= measure_browser(base_url, args.repeats)
        results |= measure_layout_requests(base_url, args.layouts)
        results |= measure_load(base_url, args.clients, args.seconds)
    finally:
        process.terminate()
        process.wait(timeout=10)
    results |= measure_exports(args.exports)

    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))
    print(f"start-up to first 200      {results['startup_seconds']:.2f} s")
    print(f"page weight, first load    {results['page_weight_bytes'] / 1024:.0f} KiB over the wire")
    for item in results["page_weight_by_file"][:6]:
        print(f"    {item['bytes'] / 1024:7.0f} KiB  {item['path'][:90]}")
    picture = results["first_picture_ms_median"]
    shown = "not shown" if picture is None else f"{picture:.0f} ms"
    print(f"first map, still picture   {shown} (median of {args.repeats})")
    print(f"first map, drawn by plotly {results['first_map_ms_median']:.0f} ms (median of {args.repeats})")
    print(
        f"metric change in browser   {results['metric_change_ms_median']:.0f} ms median, "
        f"{results['metric_change_ms_p95']:.0f} ms p95, to the labels placed "
        f"({results['metric_shown_ms_median']:.0f} ms median to the new colour bar shown)"
    )
    print(
        f"layer toggle in browser    {results['layer_toggle_ms_median']:.0f} ms median, "
        f"{results['layer_toggle_ms_p95']:.0f} ms p95, to the labels placed "
        f"({results['layer_shown_ms_median']:.0f} ms median to the layer shown; no server request)"
    )
    print(
        f"presenter step change      {results['step_drawn_ms_median']:.0f} ms to the new step drawn, "
        f"{results['step_arrived_ms_median']:.0f} ms to the end of the 700 ms flight (median)"
    )
    median, p95 = results["layout_ms_median"], results["layout_ms_p95"]
    print(f"layout request             {median:.1f} ms median, {p95:.1f} ms p95")
    print(
        f"load, {args.clients} clients          {results['load_requests_per_second']:.0f} req/s, "
        f"p95 {results['load_ms_p95']:.0f} ms, {results['load_errors']} errors"
    )
    if args.exports:
        print(
            f"export pdf (10 steps)       {results['export_pdf_seconds']:.1f} s, 12 pages, command start to file, "
            f"{results['export_pdf_bytes'] / 1e6:.2f} MB"
        )
        print(
            f"export slides (10 PNGs)     {results['export_slides_seconds']:.1f} s, command start to files, "
            f"{results['export_slides_files']} files, {results['export_slides_bytes'] / 1e6:.2f} MB"
        )
        print(
            f"export html (one file)      {results['export_html_seconds']:.1f} s, "
            f"{results['export_html_bytes'] / 1e6:.2f} MB"
        )
        extras = ", ".join(
            f"{name} {results[key] / 1e6:.2f} MB"
            for name in ("dandelion.html", "dandelion-handout.pdf")
            if (key := f"export_site_{name}_bytes") in results
        )
        print(
            f"export site                 {results['export_site_seconds']:.1f} s, "
            f"{results['export_site_files']} files, {results['export_site_bytes'] / 1e6:.2f} MB ({extras} among them)"
        )


if __name__ == "__main__":
    main()
