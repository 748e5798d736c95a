"""Thin wiring: every callback runs in the browser (assets/dandelion.js).

The map changes in the browser alone: metric, layers, view and selection are
clientside callbacks fed once with what each metric shows and every side
panel there can be (config.browser_config). No callback runs on the server,
so the same page can be served by any static web host or opened from a file.
"""

from __future__ import annotations

import functools

from dash import ClientsideFunction, Dash, Input, Output, State

from dashboard.model.briefing import Briefing
from dashboard.page.controls import layer_groups


def register_callbacks(app: Dash, briefing: Briefing) -> None:
    groups = list(layer_groups(briefing))
    clientside = functools.partial(ClientsideFunction, "dandelion")
    app.clientside_callback(
        clientside("showPanel"),
        Output("panel-body", "html"),
        Output("country", "data"),
        Output("feature", "data"),
        Input("country", "data"),
        Input("feature", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("render"),
        Output("map", "figure"),
        Output("map-title", "children"),
        Output("map-subtitle", "children"),
        Output("map-description", "children"),
        Input("metric", "data"),
        Input("country", "data"),
        Input("feature", "data"),
        Input("view", "data"),
        Input("highlight", "data"),
        Input("presenting", "data"),
        *[Input(f"layers-{group}", "data") for group in groups],
        Input("source", "data"),
        Input("time", "data"),
        State("map", "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("selectFromMap"),
        Output("country", "data", allow_duplicate=True),
        Output("feature", "data", allow_duplicate=True),
        Input("map", "clickData"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("focusText"),
        Output("text-focus", "data"),
        Input("country", "data"),
        Input("feature", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("showDisplay"),
        Output("map-frame", "className"),
        Output("table-frame", "hidden"),
        Input("display", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("toggleSidePanel"),
        Output("content", "className"),
        Output("side-toggle", "children"),
        Output("side-toggle", "aria-expanded"),
        Input("side-toggle", "n_clicks"),
        prevent_initial_call=True,
    )
