"""Thin wiring: component ids in, model and figure functions called, props out.

Every value that comes from the browser is checked here; a value the page
could never send gets a 400 (werkzeug's BadRequest), not a stack trace.
"""

from __future__ import annotations

import functools
from typing import Any

from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate
from werkzeug.exceptions import BadRequest

from dashboard.briefing import Briefing
from dashboard.layout import country_panel, metric_subtitle
from dashboard.mapfigure import MapGeometry, build_map_figure
from dashboard.readings import METRICS


def parse_metric(value: Any) -> str:
    if not isinstance(value, str) or value not in METRICS:
        raise BadRequest(f"unknown metric {value!r}")
    return value


def parse_country(briefing: Briefing, value: Any) -> str | None:
    if value is not None and (not isinstance(value, str) or value not in briefing.maghreb):
        raise BadRequest(f"unknown country {value!r}")
    return value


def clicked_country(briefing: Briefing, click_data: Any) -> str | None:
    """The Maghreb state a map click landed on, or None (elsewhere, or junk)."""
    try:
        location = click_data["points"][0]["location"]
    except (KeyError, IndexError, TypeError):
        return None
    return location if isinstance(location, str) and location in briefing.maghreb else None


def register_callbacks(app: Dash, briefing: Briefing, geometry: MapGeometry) -> None:
    # 4 metrics x 5 selections: each figure is built once, then served from memory.
    @functools.cache
    def map_figure(metric_id: str, selected: str | None) -> dict:
        return build_map_figure(briefing, geometry, metric_id, selected).to_plotly_json()

    @app.callback(
        Output("map", "figure"),
        Output("map-title", "children"),
        Output("map-subtitle", "children"),
        Output("country-panel", "children"),
        Input("metric", "value"),
        Input("country", "value"),
        prevent_initial_call=True,
    )
    def show(metric: Any, country: Any):
        metric_id = parse_metric(metric)
        selected = parse_country(briefing, country)
        figure = map_figure(metric_id, selected)
        return figure, METRICS[metric_id].title, metric_subtitle(briefing, metric_id), country_panel(briefing, selected)

    @app.callback(Output("country", "value"), Input("map", "clickData"), prevent_initial_call=True)
    def select_clicked(click_data: Any):
        country = clicked_country(briefing, click_data)
        if country is None:
            raise PreventUpdate  # a click on the sea or a neighbour selects nothing
        return country
