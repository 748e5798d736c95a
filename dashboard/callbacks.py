"""Thin wiring: component ids in, model and figure functions called, props out.

The server builds a map when the metric or the selection changes. Everything
the browser can do alone (switching layers, changing the view, following a
click, scrolling the text) is a clientside callback in assets/dandelion.js.
Every value that comes from the browser is checked here; a value the page
could never send gets a 400 (werkzeug's BadRequest), not a stack trace.
"""

from __future__ import annotations

import functools
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from werkzeug.exceptions import BadRequest

from dashboard.briefing import Briefing
from dashboard.layout import country_panel, feature_panel, metric_subtitle
from dashboard.mapfigure import BUILTIN_LAYERS, VIEWS, MapGeometry, build_map_figure, with_layers
from dashboard.readings import METRICS


def _require(value: Any, allowed: Any, what: str) -> Any:
    if not isinstance(value, str) or value not in allowed:
        raise BadRequest(f"unknown {what} {value!r}")
    return value


def parse_metric(value: Any) -> str:
    return _require(value, METRICS, "metric")


def parse_view(value: Any) -> str:
    return _require(value, VIEWS, "view")


def parse_country(briefing: Briefing, value: Any) -> str | None:
    return None if value is None else _require(value, briefing.maghreb, "country")


def parse_feature(briefing: Briefing, value: Any) -> str | None:
    return None if value is None else _require(value, briefing.feature_ids, "feature")


def parse_layers(briefing: Briefing, groups: tuple) -> set[str]:
    """The layers switched on, from the layer panel's checklists."""
    known = set(BUILTIN_LAYERS) | {layer.id for layer in briefing.layers}
    layers: set[str] = set()
    for values in groups:
        if not isinstance(values, list):
            raise BadRequest("layers must be lists of layer ids")
        layers |= {_require(value, known, "layer") for value in values}
    return layers


def resolve_selection(triggered: set[str], country: str | None, feature: str | None) -> tuple[str | None, str | None]:
    """One thing is selected at a time: the one the reader picked last."""
    if "feature" in triggered and feature is not None:
        return None, feature
    if country is not None:
        return country, None
    return None, feature


def layer_groups(briefing: Briefing) -> list[str]:
    """The layer panel's checklists, in order (see layout.layer_panel)."""
    return ["figures", *dict.fromkeys(layer.group for layer in briefing.layers)]


def register_callbacks(app: Dash, briefing: Briefing, geometry: MapGeometry) -> None:
    groups = layer_groups(briefing)

    # A figure per metric, selection and view is built once, then served from memory.
    @functools.cache
    def map_figure(metric_id: str, country: str | None, feature: str | None, view: str) -> dict:
        return build_map_figure(briefing, geometry, metric_id, country, feature, view).to_plotly_json()

    @app.callback(
        Output("map", "figure"),
        Output("map-title", "children"),
        Output("map-subtitle", "children"),
        Output("country-panel", "children"),
        Output("country", "value"),
        Output("feature", "data"),
        Input("metric", "value"),
        Input("country", "value"),
        Input("feature", "data"),
        State("view", "value"),
        *[State(f"layers-{group}", "value") for group in groups],
        prevent_initial_call=True,
    )
    def show(metric: Any, country: Any, feature: Any, view: Any, *layer_values: Any):
        metric_id = parse_metric(metric)
        triggered = {prop.split(".")[0] for prop in ctx.triggered_prop_ids}
        new_country, new_feature = resolve_selection(
            triggered, parse_country(briefing, country), parse_feature(briefing, feature)
        )
        figure = with_layers(
            map_figure(metric_id, new_country, new_feature, parse_view(view)), parse_layers(briefing, layer_values)
        )
        panel = feature_panel(briefing, new_feature) if new_feature else country_panel(briefing, new_country)
        return (
            figure,
            METRICS[metric_id].title,
            metric_subtitle(briefing, metric_id),
            panel,
            new_country if new_country != country else no_update,
            new_feature if new_feature != feature else no_update,
        )

    clientside = functools.partial(ClientsideFunction, "dandelion")
    app.clientside_callback(
        clientside("showLayers"),
        Output("map", "figure", allow_duplicate=True),
        *[Input(f"layers-{group}", "value") for group in groups],
        State("map", "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("showView"),
        Output("map", "figure", allow_duplicate=True),
        Input("view", "value"),
        State("map-config", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        clientside("selectFromMap"),
        Output("country", "value", allow_duplicate=True),
        Output("feature", "data", allow_duplicate=True),
        Input("map", "clickData"),
        State("map-config", "data"),
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


def show_request(
    briefing: Briefing,
    metric: Any = "returnees",
    country: Any = None,
    feature: Any = None,
    view: Any = "maghreb",
    layers: Any = None,
) -> dict:
    """The body the page POSTs to run ``show``: for tests and the benchmark."""
    groups = layer_groups(briefing)
    layers = layers if layers is not None else [[] for _ in groups]
    outputs = ["map.figure", "map-title.children", "map-subtitle.children", "country-panel.children",
               "country.value", "feature.data"]  # fmt: skip
    return {
        "output": ".." + "...".join(outputs) + "..",
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in outputs],
        "inputs": [
            {"id": "metric", "property": "value", "value": metric},
            {"id": "country", "property": "value", "value": country},
            {"id": "feature", "property": "data", "value": feature},
        ],
        "state": [{"id": "view", "property": "value", "value": view}]
        + [{"id": f"layers-{g}", "property": "value", "value": v} for g, v in zip(groups, layers, strict=True)],
        "changedPropIds": ["metric.value"],
    }
