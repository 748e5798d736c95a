"""The application factory. Nothing runs at import."""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from dashboard.briefing import DEFAULT_DATA_DIR, DEFAULT_SOURCE, load_briefing
from dashboard.callbacks import register_callbacks
from dashboard.exports import DATA_FILES
from dashboard.layout import browser_config, build_layout
from dashboard.mapfigure import build_map_figure, prepare_geometry
from dashboard.metrics import DEFAULT_METRIC, METRICS
from dashboard.resources import shipped
from dashboard.server import (
    DEFAULT_FRAME_ANCESTORS,
    answer_conditional_requests,
    answer_errors_in_json,
    answer_health_checks,
    answer_once,
    guard_callback_requests,
    send_security_headers,
    serve_base_map,
    serve_downloads,
    serve_gzipped,
    set_cache_lifetimes,
)

ASSETS_DIR = shipped("assets")
TITLE = "Dandelion: where Islamic State's foreign fighters go after Raqqa"


def create_app(data_dir: Path | str = DEFAULT_DATA_DIR, frame_ancestors: str = DEFAULT_FRAME_ANCESTORS) -> Dash:
    """Load and validate the data in ``data_dir``, then build the Dash app.

    ``frame_ancestors`` says which sites may show the map in a frame (a CSP
    source list; only this one by default).

    Raises :class:`dashboard.briefing.DataError` listing every problem in the
    data; a server is never started on bad data.
    """
    briefing = load_briefing(Path(data_dir))
    geometry = prepare_geometry(briefing)
    app = Dash(
        __name__,
        title=TITLE,
        assets_folder=str(ASSETS_DIR),
        # modules/ are imported by dandelion.mjs, not loaded as scripts of their own.
        assets_path_ignore=["^modules$"],
        serve_locally=True,
        compress=False,  # serve_gzipped compresses static files once instead
        use_async=False,
        update_title=None,
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
    base_map_url = serve_base_map(app.server, ASSETS_DIR / "topojson")
    app.layout = build_layout(briefing, figures[DEFAULT_SOURCE][DEFAULT_METRIC], base_map_url, config)
    register_callbacks(app, briefing)
    answer_errors_in_json(app.server)
    answer_health_checks(app.server)
    for endpoint in ("/_dash-layout", "/_dash-dependencies"):
        answer_once(app.server, endpoint)
    guard_callback_requests(app.server, app.callback_map)
    serve_downloads(app.server, {file.name: (file.build(briefing), file.media_type) for file in DATA_FILES.values()})
    # Flask runs these last-registered first: gzip, then headers, then the ETag of the body as sent.
    answer_conditional_requests(app.server)
    send_security_headers(app.server, app.csp_hashes(), frame_ancestors)
    set_cache_lifetimes(app.server)
    serve_gzipped(app.server)
    return app
