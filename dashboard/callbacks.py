"""Thin wiring: component ids in, model and figure functions called, props out.

The map changes in the browser alone: metric, layers, view and selection are
clientside callbacks in assets/dandelion.mjs, fed once with what each metric
shows (layout.browser_config). The server renders only the side panel for
the selected country or feature.
Every value that comes from the browser is checked here; a value the page
could never send gets a 400 (werkzeug's BadRequest), not a stack trace.
"""

from __future__ import annotations

import functools
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from werkzeug.exceptions import BadRequest

from dashboard.briefing import Briefing
from dashboard.layout import country_panel, feature_panel, layer_groups


def _require(value: Any, allowed: Any, what: str) -> Any:
    """``value`` if it is one of ``allowed``; otherwise a 400 for the client."""
    if not isinstance(value, str) or value not in allowed:
        raise BadRequest(f"unknown {what} {value!r}")
    return value


def parse_country(briefing: Briefing, value: Any) -> str | None:
    return None if value is None else _require(value, briefing.maghreb, "country")


def parse_feature(briefing: Briefing, value: Any) -> str | None:
    return None if value is None else _require(value, briefing.feature_ids, "feature")


def resolve_selection(triggered: set[str], country: str | None, feature: str | None) -> tuple[str | None, str | None]:
    """One thing is selected at a time: the one the reader picked last."""
    if "feature" in triggered and feature is not None:
        return None, feature
    if country is not None:
        return country, None
    return None, feature


def register_callbacks(app: Dash, briefing: Briefing) -> None:
    groups = list(layer_groups(briefing))

    @app.callback(
        Output("country-panel", "children"),
        Output("country", "value"),
        Output("feature", "data"),
        Input("country", "value"),
        Input("feature", "data"),
        prevent_initial_call=True,
    )
    def show_panel(country: Any, feature: Any):
        triggered = {prop.split(".")[0] for prop in ctx.triggered_prop_ids}
        new_country, new_feature = resolve_selection(
            triggered, parse_country(briefing, country), parse_feature(briefing, feature)
        )
        panel = feature_panel(briefing, new_feature) if new_feature else country_panel(briefing, new_country)
        return (
            panel,
            new_country if new_country != country else no_update,
            new_feature if new_feature != feature else no_update,
        )

    clientside = functools.partial(ClientsideFunction, "dandelion")
    app.clientside_callback(
        clientside("render"),
        Output("map", "figure"),
        Output("map-title", "children"),
        Output("map-subtitle", "children"),
        Input("metric", "value"),
        Input("country", "value"),
        Input("feature", "data"),
        Input("view", "value"),
        Input("highlight", "data"),
        Input("presenting", "data"),
        *[Input(f"layers-{group}", "value") for group in groups],
        Input("source", "value"),
        State("map", "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("selectFromMap"),
        Output("country", "value", allow_duplicate=True),
        Output("feature", "data", allow_duplicate=True),
        Input("map", "clickData"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("focusText"),
        Output("text-focus", "data"),
        Input("country", "value"),
        Input("feature", "data"),
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


def panel_request(country: Any = None, feature: Any = None) -> dict:
    """The body the page POSTs when the selection changes: for tests and the benchmark."""
    outputs = ["country-panel.children", "country.value", "feature.data"]
    return {
        "output": ".." + "...".join(outputs) + "..",
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in outputs],
        "inputs": [
            {"id": "country", "property": "value", "value": country},
            {"id": "feature", "property": "data", "value": feature},
        ],
        "state": [],
        "changedPropIds": ["feature.data" if feature is not None else "country.value"],
    }
