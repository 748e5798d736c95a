"""The application factory. Nothing runs at import; run as a program, it takes the first map's pictures
(:func:`pictures_of`)."""

from __future__ import annotations

import atexit
import functools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from dash import Dash

from dashboard.figures.captions import TITLE
from dashboard.figures.mapfigure import build_map_figure, prepare_geometry
from dashboard.model.briefing import DEFAULT_DATA_DIR, load_briefing
from dashboard.model.metrics import DEFAULT_METRIC
from dashboard.model.resources import ASSETS_DIR
from dashboard.model.versions import folder_version
from dashboard.outputs.delivery import one_file
from dashboard.outputs.exports import DATA_FILES
from dashboard.outputs.firstpaint import FirstPaint, guard_hash, serve_pictures, take_pictures
from dashboard.outputs.handout import can_make_handout
from dashboard.page.callbacks import register_callbacks
from dashboard.page.layout import DEFAULT_FRAME_ANCESTORS, browser_config, build_layout
from dashboard.page.markup import html_of
from dashboard.page.paths import HANDOUT_FILE, ONE_FILE_NAME
from dashboard.web.server import (
    Download,
    MadeAside,
    answer_conditional_requests,
    answer_errors_in_json,
    answer_health_checks,
    answer_once,
    answer_robots,
    guard_callback_requests,
    precompress,
    send_security_headers,
    serve_base_map,
    serve_compressed,
    serve_downloads,
    serve_only,
    served_file,
    set_cache_lifetimes,
)
from dashboard.web.watch import STATUS_PATH

DESCRIPTION = (
    "An offline briefing map of the Maghreb's Islamic State foreign fighters after the fall of Raqqa: how many"
    " Tunisia, Morocco, Algeria and Libya sent and have seen return, from Andrew Rogan's 2017 ATA security brief."
)
# Scripts Dash puts on every page that this one does without: the polyfill
# bundle (33 KiB gzipped, for browsers older than any that can run the map;
# of it Dash's renderer uses regenerator-runtime only to load a component
# library's lazy chunks, which ours has none of); dash_table (there is no
# DataTable in the layout); and dash_core_components (96 KiB: the map and the
# stores are our own components, dashboard/page/components.py).
UNNEEDED_SCRIPTS = ("/dash/deps/polyfill@", "/dash/dash_table/", "/dash/dcc/")


# Dash's page (its documented index_string), naming its language; Dash's scripts sit in a <footer>
# that is no second contentinfo landmark beside the page's own.
INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer role="none">
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


class DandelionDash(Dash):
    """Dash, loading only the scripts the map needs and showing its first paint
    (dashboard/outputs/firstpaint.py) while Dash builds the live page."""

    first_paint: FirstPaint  # set by create_app before the first page is asked for
    data_version: str  # the digest of the data it was built from (watch.ReloadingApp.status)

    def interpolate_index(
        self,
        metas: Any = "",
        title: Any = "",
        css: Any = "",
        config: Any = "",
        scripts: Any = "",
        app_entry: Any = "",
        favicon: Any = "",
        renderer: Any = "",
    ) -> Any:
        """Dash's page (INDEX_STRING) without the scripts the map does without, and with the first paint
        before the live page (its picture arrives after start-up, so it is read on each request)."""
        kept = "\n".join(tag for tag in scripts.split("\n") if not any(part in tag for part in UNNEEDED_SCRIPTS))
        app_entry = self.first_paint.markup() + app_entry
        return super().interpolate_index(metas, title, css, config, kept, app_entry, favicon, renderer)


def page_files(server) -> set[str]:
    """The files the page loads, as :func:`dashboard.web.server.served_file` names them: the scripts
    (our browser code is one of them, assets/dandelion.js, bundled), stylesheet and icon it names
    (Dash's own icon where assets/ has none)."""
    page = server.test_client().get("/").get_data(as_text=True)
    return {served_file(url.split("?")[0]) for url in re.findall(r'(?:src|href)="(/[^"]+)"', page)}


def create_app(
    data_dir: Path | str = DEFAULT_DATA_DIR,
    frame_ancestors: str = DEFAULT_FRAME_ANCESTORS,
    background: bool = False,
    watched: bool = False,
) -> DandelionDash:
    """Load and validate the data in ``data_dir``, then build the Dash app.

    ``frame_ancestors`` says which sites may show the map in a frame (a CSP
    source list; only this one by default). ``background``, as a server
    does: build the data files and the one-file copy now (otherwise on their
    first request), start making the brotli copies of the page's files now
    (otherwise when a browser first asks for one), take the first map's still
    pictures in chromium (dashboard/outputs/firstpaint.py) in the background after the
    first page is asked for (without them, or without chromium, the first
    paint has the page but not its map), and start making the PDF hand-out
    now (otherwise on its first request). The hand-out is made by a child
    process (:class:`dashboard.web.server.MadeAside`) when Debian's chromium is
    here to print it; without it the page does not link to one.
    ``watched``: served by a watch.ReloadingApp, so open pages ask it whether
    the data changed (nowhere else is there anyone to ask).

    Raises :class:`dashboard.model.briefing.DataError` listing every problem in the
    data; a server is never started on bad data.
    """
    briefing = load_briefing(Path(data_dir))
    geometry = prepare_geometry(briefing)
    app = DandelionDash(
        __name__,
        title=TITLE,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "description", "content": DESCRIPTION}],
        assets_folder=str(ASSETS_DIR),
        # src/ and modules/ are the sources of dandelion.js (`python3 dev.py bundle`), not served.
        # delivery/ is for the page without its server (dashboard/outputs/delivery.py).
        assets_path_ignore=["^src$", "^modules$", "^delivery$"],
        serve_locally=True,
        compress=False,  # serve_compressed compresses static files once instead
        use_async=False,
        update_title=None,  # type: ignore[arg-type]  # Dash documents None: leave the title alone
    )
    # The first map is sent whole; for every metric and selection the
    # browser gets what differs (layout.browser_config).
    config = browser_config(briefing, geometry)
    app.data_version = config["dataVersion"] = folder_version(Path(data_dir))
    config["dataStatusPath"] = STATUS_PATH.lstrip("/") if watched else None
    first_figure = build_map_figure(briefing, geometry, DEFAULT_METRIC).to_plotly_json()
    # Relative, so that the page frozen as a static site works under any path.
    base_map_url = serve_base_map(app.server, ASSETS_DIR / "topojson").lstrip("/")
    handout = can_make_handout()
    app.layout = build_layout(briefing, first_figure, base_map_url, config, handout, frame_ancestors)
    take = functools.partial(pictures_of, Path(data_dir).resolve())
    app.first_paint = FirstPaint(html_of(app.layout, first_paint=True), take, in_background=False)
    serve_pictures(app.server, app.first_paint)
    register_callbacks(app, briefing)
    answer_errors_in_json(app.server)
    answer_health_checks(app.server)
    answer_robots(app.server)
    for endpoint in ("/_dash-layout", "/_dash-dependencies"):
        answer_once(app.server, endpoint)
    guard_callback_requests(app.server, app.callback_map)
    downloads: dict[str, Download | MadeAside] = {
        file.name: Download(file.media_type, functools.partial(file.build, briefing)) for file in DATA_FILES.values()
    }
    if handout:
        made = MadeAside(
            "application/pdf", HANDOUT_FILE, [sys.executable, "-m", "dashboard.outputs.handout", str(data_dir)]
        )
        if background:
            made.start()
        downloads[HANDOUT_FILE] = made
    downloads[ONE_FILE_NAME] = Download("text/html; charset=utf-8", functools.partial(one_file, app))
    serve_downloads(app.server, downloads)
    # Flask runs these last-registered first: gzip, then headers, then the ETag of the body as sent.
    answer_conditional_requests(app.server)
    send_security_headers(app.server, [*app.csp_hashes(), guard_hash()], frame_ancestors)
    set_cache_lifetimes(app.server)
    serve_compressed(app.server)
    served: set[str] = set()
    serve_only(app.server, served)  # Flask takes no new hook after the first request
    served.update(page_files(app.server))
    precompress(app.server, [f"{base_map_url}world_50m.json", "/_dash-layout", "/_dash-dependencies"], background)
    if background:  # a server: the downloads made before it says ready (the hand-out aside), none on a request
        for download in downloads.values():
            if isinstance(download, Download):
                download.data()
    # Only now: precompress asked for the page in this process, which gunicorn forks into workers
    # (a thread running chromium must not be running across a fork). Without chromium there is no picture to take.
    app.first_paint.in_background = background and handout
    return app


def pictures_of(data_dir: Path) -> dict[str, bytes]:
    """:func:`dashboard.outputs.firstpaint.take_pictures` of the app on ``data_dir``, in a process of its own
    (``python -m dashboard.web.app DATA_DIR``, below).

    A server that stops must not wait for chromium (a stop during the few
    seconds it takes would), and gunicorn's forked workers must not inherit
    playwright's threads: the child is killed if this process exits first.
    """
    child = subprocess.Popen(
        [sys.executable, "-m", "dashboard.web.app", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    atexit.register(child.kill)
    out, err = child.communicate()
    atexit.unregister(child.kill)
    if child.returncode:
        lines = err.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit status {child.returncode}")
    return {name: svg.encode("utf-8") for name, svg in json.loads(out).items()}


if __name__ == "__main__":  # pictures_of's child: the pictures of the app on a data folder, as JSON on stdout
    taken = take_pictures(create_app(Path(sys.argv[1])).server)
    json.dump({name: svg.decode("utf-8") for name, svg in taken.items()}, sys.stdout)
