"""The application factory: the Dash app on a data folder. It starts no process and no thread: what takes
chromium is read from the cache folder (dashboard/outputs/cache.py), made aside (dashboard/web/making.py)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from dash import Dash

from dashboard.figures.captions import TITLE
from dashboard.figures.geometry import prepare_geometry
from dashboard.figures.mapfigure import build_map_figure
from dashboard.model.briefing import DEFAULT_DATA_DIR, load_briefing
from dashboard.model.metrics import DEFAULT_METRIC
from dashboard.model.resources import ASSETS_DIR
from dashboard.model.versions import folder_version
from dashboard.outputs.cache import best_copies_folder, cache_folder
from dashboard.outputs.delivery import one_file
from dashboard.outputs.exports import DATA_FILES
from dashboard.outputs.firstpaint import FirstPaint, guard_hash, serve_pictures
from dashboard.outputs.handout import can_make_handout
from dashboard.page.callbacks import register_callbacks
from dashboard.page.config import browser_config
from dashboard.page.downloads import DEFAULT_FRAME_ANCESTORS
from dashboard.page.layout import build_layout
from dashboard.page.markup import html_of
from dashboard.page.paths import HANDOUT_FILE, ONE_FILE_NAME
from dashboard.web.compression import BestCopies, serve_compressed
from dashboard.web.downloads import DOWNLOAD_PREFIX, Cached, Download, serve_downloads
from dashboard.web.server import (
    answer_conditional_requests,
    answer_errors_in_json,
    answer_health_checks,
    answer_once,
    answer_robots,
    guard_callback_requests,
    send_security_headers,
    serve_base_map,
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
    cache: Path  # the folder of its costly outputs (dashboard/outputs/cache.py)
    # What the page asks for after it loads, whose answers are fixed (compression.warm_up).
    fixed_paths: list[str]
    best_copies: BestCopies  # the brotli-11 copies the making process writes (compression.py)
    # How it was built besides its data: the making process builds the same app, so the same bytes.
    frame_ancestors: str
    watched: bool

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
    watched: bool = False,
    cache: Path | None = None,
) -> DandelionDash:
    """Load and validate the data in ``data_dir``, then build the Dash app.

    ``frame_ancestors`` says which sites may show the map in a frame (a CSP
    source list; only this one by default). ``watched``: served by a
    watch.ReloadingApp, so open pages ask it whether the data changed
    (nowhere else is there anyone to ask). ``cache``: the folder of the
    data's costly outputs (default: :func:`dashboard.outputs.cache.cache_folder`);
    the first map's still pictures (dashboard/outputs/firstpaint.py) and the
    PDF hand-out are read from it once they are there: until then the first
    paint has the page but not its map, and the hand-out is answered 503 (try
    again). Without Debian's chromium to print it the page does not link to
    a hand-out. A server makes them aside (dashboard/web/making.py) and warms
    the compressed copies and the downloads up before it says ready
    (dashboard/web/compression.py warm_up); here they are made on first request.

    Raises :class:`dashboard.model.validation.DataError` listing every problem in the
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
        compress=False,  # Dash's own would compress plotly.js again on each request: see web/compression.py
        use_async=False,
        update_title=None,  # type: ignore[arg-type]  # Dash documents None: leave the title alone
    )
    # The first map is sent whole; for every metric and selection the
    # browser gets what differs (dashboard/page/config.py browser_config).
    config = browser_config(briefing, geometry)
    app.data_version = config["dataVersion"] = folder_version(Path(data_dir))
    app.cache = cache or cache_folder(Path(data_dir))
    app.frame_ancestors, app.watched = frame_ancestors, watched
    config["dataStatusPath"] = STATUS_PATH.lstrip("/") if watched else None
    first_figure = build_map_figure(briefing, geometry, DEFAULT_METRIC).to_plotly_json()
    # Relative, so that the page frozen as a static site works under any path.
    base_map_url = serve_base_map(app.server, ASSETS_DIR / "topojson").lstrip("/")
    handout = can_make_handout()
    app.layout = build_layout(briefing, first_figure, base_map_url, config, handout, frame_ancestors)
    app.first_paint = FirstPaint(html_of(app.layout, first_paint=True), app.cache)
    serve_pictures(app.server, app.first_paint)
    register_callbacks(app, briefing)
    answer_errors_in_json(app.server)
    answer_health_checks(app.server)
    answer_robots(app.server)
    for endpoint in ("/_dash-layout", "/_dash-dependencies"):
        answer_once(app.server, endpoint)
    guard_callback_requests(app.server, app.callback_map)
    downloads: dict[str, Download | Cached] = {
        file.name: Download(file.media_type, functools.partial(file.build, briefing)) for file in DATA_FILES.values()
    }
    downloads[ONE_FILE_NAME] = Download("text/html; charset=utf-8", functools.partial(one_file, app))
    if handout:
        downloads[HANDOUT_FILE] = Cached("application/pdf", app.cache / HANDOUT_FILE)
    serve_downloads(app.server, downloads)
    # Flask runs these last-registered first: gzip, then headers, then the ETag of the body as sent.
    answer_conditional_requests(app.server)
    send_security_headers(app.server, [*app.csp_hashes(), guard_hash()], frame_ancestors)
    set_cache_lifetimes(app.server)
    served: set[str] = set()
    app.best_copies = serve_compressed(app.server, served, best_copies_folder(app.cache))
    serve_only(app.server, served)  # Flask takes no new hook after the first request
    served.update(page_files(app.server))
    built = [DOWNLOAD_PREFIX + name for name, download in downloads.items() if isinstance(download, Download)]
    app.fixed_paths = ["/" + base_map_url + "world_50m.json", "/_dash-layout", "/_dash-dependencies", *built]
    return app
