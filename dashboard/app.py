"""The application factory. Nothing runs at import."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from dash import Dash

from dashboard.briefing import DEFAULT_DATA_DIR, DEFAULT_SOURCE, load_briefing
from dashboard.callbacks import register_callbacks
from dashboard.delivery import one_file
from dashboard.exports import DATA_FILES, HANDOUT_FILE
from dashboard.firstpaint import FirstPaint, guard_hash, pictures_of, serve_pictures, static_html
from dashboard.handout import can_make_handout, handout_pdf
from dashboard.layout import ONE_FILE_NAME, TITLE, browser_config, build_layout
from dashboard.mapfigure import build_map_figure, prepare_geometry
from dashboard.metrics import DEFAULT_METRIC, METRICS
from dashboard.resources import ASSETS_DIR
from dashboard.server import (
    DEFAULT_FRAME_ANCESTORS,
    Download,
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
    set_cache_lifetimes,
)

DESCRIPTION = (
    "An offline briefing map of the Maghreb's Islamic State foreign fighters after the fall of Raqqa: how many"
    " Tunisia, Morocco, Algeria and Libya sent and have seen return, from Andrew Rogan's 2017 ATA security brief."
)
# Scripts Dash puts on every page that this one does without: the polyfill
# bundle (33 KiB gzipped, for browsers older than any that can run the map;
# of it Dash's renderer uses regenerator-runtime only to load a component
# library's lazy chunks, which ours has none of); dash_table (there is no
# DataTable in the layout); and dash_core_components (96 KiB: the map and the
# stores are our own components, dashboard/components.py).
UNNEEDED_SCRIPTS = ("/dash/deps/polyfill@", "/dash/dash_table/", "/dash/dcc/")


class DandelionDash(Dash):
    """Dash, with a page that names its language, loads only the scripts the map needs, and
    shows its first paint (dashboard/firstpaint.py) while Dash builds the live page."""

    first_paint: FirstPaint  # set by create_app before the first page is asked for

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
        kept = "\n".join(tag for tag in scripts.split("\n") if not any(part in tag for part in UNNEEDED_SCRIPTS))
        app_entry = self.first_paint.markup() + app_entry
        page = super().interpolate_index(metas, title, css, config, kept, app_entry, favicon, renderer)
        # Dash's scripts sit in a <footer>: not a second contentinfo landmark beside the page's own.
        return page.replace("<html>", '<html lang="en">', 1).replace("<footer>", '<footer role="none">', 1)


def create_app(
    data_dir: Path | str = DEFAULT_DATA_DIR,
    frame_ancestors: str = DEFAULT_FRAME_ANCESTORS,
    first_map_pictures: bool = False,
) -> DandelionDash:
    """Load and validate the data in ``data_dir``, then build the Dash app.

    ``frame_ancestors`` says which sites may show the map in a frame (a CSP
    source list; only this one by default). ``first_map_pictures``: take the
    first map's still pictures in chromium (dashboard/firstpaint.py), in the
    background after the first page is asked for; without them the first
    paint has the page but not its map.

    Raises :class:`dashboard.briefing.DataError` listing every problem in the
    data; a server is never started on bad data.
    """
    briefing = load_briefing(Path(data_dir))
    geometry = prepare_geometry(briefing)
    app = DandelionDash(
        __name__,
        title=TITLE,
        meta_tags=[{"name": "description", "content": DESCRIPTION}],
        assets_folder=str(ASSETS_DIR),
        # modules/ are imported by dandelion.mjs, not loaded as scripts of their own.
        # delivery/ is for the page without its server (dashboard/delivery.py).
        assets_path_ignore=["^modules$", "^delivery$"],
        serve_locally=True,
        compress=False,  # serve_compressed compresses static files once instead
        use_async=False,
        update_title=None,  # type: ignore[arg-type]  # Dash documents None: leave the title alone
    )
    # Dash's renderer starts when its inline script runs, while the page is
    # parsed; our callbacks arrive with assets/dandelion.mjs, a module, which
    # runs after: a fast layout answer let Dash call them before they were
    # there (an error, and a page that never showed its first state). Dash now
    # starts once both have run, in whichever order.
    app.renderer = (
        f"window.dandelionStartDash = function () {{ window.dandelionStartDash = null; {app.renderer} }};"
        " if (window.dandelionCallbacks) window.dandelionStartDash();"
    )
    # Each source rule's map of each metric is built once: the first is sent
    # whole, the browser gets what differs for the others.
    figures = {
        rule: {
            metric_id: build_map_figure(briefing, geometry, metric_id, rule=rule).to_plotly_json()
            for metric_id in METRICS
        }
        for rule in briefing.rules
    }
    config = browser_config(briefing, figures)
    # Relative, so that the page frozen as a static site works under any path.
    base_map_url = serve_base_map(app.server, ASSETS_DIR / "topojson").lstrip("/")
    app.layout = build_layout(briefing, figures[DEFAULT_SOURCE][DEFAULT_METRIC], base_map_url, config, frame_ancestors)
    take = functools.partial(pictures_of, Path(data_dir).resolve())
    app.first_paint = FirstPaint(static_html(app.layout), take, in_background=False)
    serve_pictures(app.server, app.first_paint)
    register_callbacks(app, briefing)
    answer_errors_in_json(app.server)
    answer_health_checks(app.server)
    answer_robots(app.server)
    for endpoint in ("/_dash-layout", "/_dash-dependencies"):
        answer_once(app.server, endpoint)
    guard_callback_requests(app.server, app.callback_map)
    downloads = {
        file.name: Download(file.media_type, functools.partial(file.build, briefing)) for file in DATA_FILES.values()
    }
    if can_make_handout():
        downloads[HANDOUT_FILE] = Download("application/pdf", functools.partial(handout_pdf, briefing))
    downloads[ONE_FILE_NAME] = Download("text/html; charset=utf-8", functools.partial(one_file, app))
    serve_downloads(app.server, downloads)
    # Flask runs these last-registered first: gzip, then headers, then the ETag of the body as sent.
    answer_conditional_requests(app.server)
    send_security_headers(app.server, [*app.csp_hashes(), guard_hash()], frame_ancestors)
    set_cache_lifetimes(app.server)
    serve_compressed(app.server)
    precompress(app.server, [f"{base_map_url}world_50m.json", "/_dash-layout", "/_dash-dependencies"])
    # Only now: precompress asked for the page in this process, which gunicorn forks into workers
    # (a thread running chromium must not be running across a fork).
    app.first_paint.in_background = first_map_pictures
    return app
