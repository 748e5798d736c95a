"""The map figure: model + view state -> plotly Figure, and the parts the browser swaps in. No Dash, no callbacks.

The geometry is serialised once (:func:`dashboard.figures.geometry.prepare_geometry`) and reused by every
figure. All coordinates are EPSG:4326 longitude/latitude in degrees.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.contract import CHOROPLETH_LAYER, PARTS, SELECTION_LAYER
from dashboard.figures.countrytraces import (
    choropleth,
    context_traces,
    flat_fill,
    label_traces,
    legend_title,
    value_traces,
)
from dashboard.figures.geometry import MapGeometry, feature_points
from dashboard.figures.layerfigure import layer_traces
from dashboard.figures.readings import not_given, read_all
from dashboard.figures.style import BASE_MAP, DESK, FONT_FAMILY, INK
from dashboard.model.briefing import Briefing
from dashboard.model.observations import DEFAULT_SELECTION, Selection
from dashboard.model.story import DEFAULT_VIEW, VIEWS, Step
from dashboard.model.targets import targets_of

LEGEND_STRIP_PX = 62
LEGEND_BACKGROUND = "#fbfaf7"
# The ring round a selected feature: its diameter and the blue line's width (px).
FEATURE_RING_PX = 34
FEATURE_RING_LINE_PX = 3


def _selection_traces(briefing: Briefing, geometry: MapGeometry, highlight: tuple[str, ...]) -> list:
    """The outline of the highlighted states and a ring round each highlighted feature (either may be empty).

    Each is a double ring, blue on a wider white halo, so that one of the
    two reads (3:1) on any fill beside it. ``highlight`` holds targets as the
    story and the text name them: ``country:TUN``, ``feature:barrier/1``.
    """
    countries = targets_of("country", highlight)
    points = feature_points(briefing)
    rings = [points[feature_id] for feature_id in targets_of("feature", highlight)]
    traces = []
    for style, suffix in ((DESK["selectionHalo"], "Halo"), (DESK["selection"], "")):
        outline = choropleth(
            geometry, countries, briefing.maghreb, z=[0] * len(countries),
            colorscale=flat_fill("rgba(0,0,0,0)"), showscale=False,
            marker=dict(line=dict(color=style["color"], width=style["width"])), hoverinfo="skip",
            name=f"selected{' (halo)' if suffix else ''}",
        )  # fmt: skip
        ring = go.Scattergeo(
            lon=[point[0] for point in rings], lat=[point[1] for point in rings], mode="markers", hoverinfo="skip",
            showlegend=False, name=f"selected feature{' (halo)' if suffix else ''}",
            marker=dict(
                symbol="circle-open", size=FEATURE_RING_PX, color=style["color"],
                line=dict(width=style["width"] - DESK["selection"]["width"] + FEATURE_RING_LINE_PX),
            ),
        )  # fmt: skip
        outline["meta"] = {"layer": SELECTION_LAYER, "part": PARTS["selectedCountry" + suffix]}
        ring.meta = {"layer": SELECTION_LAYER, "part": PARTS["selectedFeature" + suffix]}
        traces += [outline, ring]
    # Both halos under both blue rings.
    return [traces[0], traces[2], traces[1], traces[3]]


def _with_layer(traces: list[dict], layer: str) -> list[dict]:
    for trace in traces:
        trace["meta"] = {**trace.get("meta", {}), "layer": layer}
    return traces


def build_map_figure(
    briefing: Briefing,
    geometry: MapGeometry,
    metric_id: str,
    highlight: tuple[str, ...] = (),
    view: str = DEFAULT_VIEW,
    layers: tuple[str, ...] | None = None,
    selection: Selection = DEFAULT_SELECTION,
) -> go.Figure:
    """The map: choropleth of ``metric_id`` under ``selection``, every layer, what is highlighted, the view.

    Every layer is drawn; those not in ``layers`` (when given) are hidden,
    so that the browser can switch them on without new traces.
    """
    readings = read_all(briefing, metric_id, selection)
    values = value_traces(
        geometry, metric_id, readings, legend_title(briefing, selection), not_given(briefing, selection)
    )
    traces = _with_layer(context_traces(briefing, geometry) + values, CHOROPLETH_LAYER)
    traces += layer_traces(briefing, geometry)
    traces += _selection_traces(briefing, geometry, highlight)
    traces += _with_layer(label_traces(geometry, readings), "labels")
    figure = go.Figure(traces)
    if layers is not None:
        for trace in figure.data:
            trace.visible = trace.meta["layer"] in (*layers, "selection")
    figure.update_layout(
        # The legend sits in a strip under the map, not over the places it explains.
        margin=dict(l=0, r=0, t=0, b=LEGEND_STRIP_PX),
        showlegend=True,
        paper_bgcolor="rgba(0,0,0,0)",
        font=dict(family=FONT_FAMILY, color=INK, size=13),
        # Keeps the reader's zoom and pan when the metric, selection or layers
        # change; a new view is a new revision, so it resets them.
        uirevision=view,
        dragmode="pan",
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            y=0,
            yanchor="top",
            bgcolor=LEGEND_BACKGROUND,
            font=dict(size=DESK["legend"], color=INK),
            tracegroupgap=0,
            itemwidth=30,
            entrywidthmode="pixels",
            entrywidth=0,
            itemclick=False,
            itemdoubleclick=False,
        ),
        hoverlabel=dict(
            bgcolor="white", bordercolor=INK, font=dict(family=FONT_FAMILY, size=14, color=INK), align="left"
        ),
        geo=dict(
            projection=dict(type="conic equal area", parallels=[20, 34], rotation=dict(lon=5)),
            lonaxis=dict(range=VIEWS[view]["lon"]),
            lataxis=dict(range=VIEWS[view]["lat"]),
            **BASE_MAP,
        ),
    )
    return figure


def step_figure(briefing: Briefing, geometry: MapGeometry, step: Step, width: int, height: int) -> go.Figure:
    """One story step's map at a fixed size in px: its metric, layers, highlight and extent.

    The browser that draws it widens the extent to the map's frame
    (handout.arrange_maps, with the live page's rule).
    """
    selection = Selection(step.source, step.time)
    figure = build_map_figure(briefing, geometry, step.metric, step.highlight, layers=step.layers, selection=selection)
    figure.update_layout(width=width, height=height, uirevision=step.id)
    figure.update_geos(lonaxis_range=step.extent["lon"], lataxis_range=step.extent["lat"])
    return figure


PATCHED_PROPS = ("locations", "z", "zmax", "customdata", "colorbar", "name", "lon", "lat", "text", "showlegend")


def selection_parts(
    briefing: Briefing, geometry: MapGeometry, metric_id: str, selection: Selection = DEFAULT_SELECTION
) -> dict[str, dict]:
    """What changes between metrics and selections: the props of each trace with a ``part``.

    The same traces build_map_figure draws, without the rest of the map. The
    browser swaps these into the figure it has (assets/modules/patch.mjs), so
    changing the metric, the source or the time needs no request to the server.
    """
    readings = read_all(briefing, metric_id, selection)
    title, missing = legend_title(briefing, selection), not_given(briefing, selection)
    traces = value_traces(geometry, metric_id, readings, title, missing, with_shapes=False)
    traces += label_traces(geometry, readings)
    return {trace["meta"]["part"]: {prop: trace[prop] for prop in PATCHED_PROPS if prop in trace} for trace in traces}
