"""Layers -> plotly traces: measures as marked places and lines, movements as arcs.

Pure functions, no Dash. Every trace carries ``meta={"layer": id}`` so the
browser can switch a layer on and off without asking the server, and every
clickable point carries its feature id as the second item of its customdata.
Coordinates are EPSG:4326 longitude/latitude in degrees; distances in km.
"""

from __future__ import annotations

import textwrap
from html import escape

import numpy as np
import plotly.graph_objects as go

from dashboard.figures.readings import figure_text, periods_note, read
from dashboard.figures.style import DESK, LIGHT_HALO
from dashboard.model.barrier import WGS84
from dashboard.model.briefing import Briefing
from dashboard.model.layers import POINT_KINDS, Layer, LayerFeature

HOVER_LINE_CHARS = 64

BARRIER_COLOR = "#111111"
BASE_COLOR = "#1f4e8c"
ROUTE_COLOR = "#5b2a86"
FLOW_COLOR = "#0f7a6c"
UNCERTAIN_COLOR = "#1f4e8c"
MARKER_SYMBOLS = {"us_forces": "square", "drone_base": "diamond", "air_base": "triangle-up", "origin": "circle"}
# Return-route width in px per returnee: 800 returnees draw 12 px.
ROUTE_PX_PER_RETURNEE = 12 / 800
ROUTE_MIN_PX = 1.5
# How far an arc bows out of the straight line, as a share of its length.
ARC_BEND = 0.18
# Arcs stop this far short of their destination, so that the arrowhead
# neither covers the country's label nor takes the hover from the country.
ARC_STOP_KM = 320
# Arrows converging on a place start and stop this far from it (degrees).
CONVERGE_FROM_DEG = 2.5
CONVERGE_TO_DEG = 0.8


def wrap(text: str, italic: bool = False) -> str:
    """HTML lines of at most HOVER_LINE_CHARS characters, escaped (each in <i> if ``italic``)."""
    template = "<i>{}</i>" if italic else "{}"
    return "<br>".join(template.format(escape(line)) for line in textwrap.wrap(text, HOVER_LINE_CHARS))


def first_sentence(text: str) -> str:
    sentence = text.split(". ")[0]
    return sentence if sentence.endswith(".") else sentence + "."


def feature_hover(briefing: Briefing, feature: LayerFeature, extra: str | None = None) -> str:
    """Hover box: name, how sure, what, the key figure, when, sources."""
    lines = [f"<b>{escape(feature.name)}</b>"]
    if feature.certainty:
        lines.append(f"<i>{escape(feature.certainty.capitalize())}</i>")
    lines.append(wrap(first_sentence(feature.description)))
    if extra:
        lines.append(extra)
    lines.append(f"Date: {escape(str(feature.date))}")
    sources = "; ".join(briefing.sources[source].short for source in feature.sources)
    lines.append(wrap(f"Source: {sources}"))
    return "<br>".join(lines)


def marker_symbol(feature: LayerFeature) -> str:
    """A place's plotly marker symbol: by its kind, or chosen in the data for a generic `place`."""
    return feature.details["symbol"] if feature.kind == "place" else MARKER_SYMBOLS[feature.kind]


def layer_swatch(layer: Layer) -> str:
    """The layer panel's swatch for a layer, by what it draws: any new layer gets one."""
    kinds = {feature.kind for feature in layer.features}
    for kind in ("barrier", "return_route", "flow"):
        if kind in kinds:
            return kind
    return f"symbol-{marker_symbol(layer.features[0])}" if layer.features else "empty"


def map_label(feature: LayerFeature, label: str) -> str:
    return f"{label} ({feature.certainty})" if feature.certainty and feature.kind in POINT_KINDS else label


def barrier_length_text(feature: LayerFeature) -> str:
    details = feature.details
    return (
        f"<b>Length as drawn: {details['length_km']} km</b> along the 1:10m border, "
        f"{details['inset_km']:g} km inside Tunisia<br>"
        f"Reported: about {details['public_length_km']:g} km (reported lengths vary)"
    )


def _meta(layer: str) -> dict:
    return {"layer": layer}


def barrier_traces(briefing: Briefing, feature: LayerFeature) -> list[go.Scattergeo]:
    """The barrier as a heavy dashed line (its route is approximate) and its two ends."""
    line = feature.geometry.segmentize(0.05)  # vertices every ~5 km, so hover finds it
    lons, lats = (list(values) for values in zip(*line.coords, strict=True))
    hover = feature_hover(briefing, feature, barrier_length_text(feature))
    ends = feature.details.get("ends", [])
    anchors = feature.details["anchors"]
    return [
        # A white casing under the dashes keeps the line visible on the darkest fill.
        go.Scattergeo(
            lon=lons, lat=lats, mode="lines", line=dict(color="#ffffff", width=9), hoverinfo="skip",
            showlegend=False, meta=_meta(feature.layer), name=f"{feature.name}: casing",
        ),
        go.Scattergeo(
            lon=lons, lat=lats, mode="lines", line=dict(color=BARRIER_COLOR, width=5, dash="dash"),
            name=f"{feature.name} (route approximate)", customdata=[[hover, feature.id]] * len(lons),
            hovertemplate="%{customdata[0]}<extra></extra>", meta=_meta(feature.layer), legendgroup=feature.layer,
        ),
        go.Scattergeo(
            lon=[anchor[0] for anchor in anchors], lat=[anchor[1] for anchor in anchors], mode="markers+text",
            text=ends, textposition=["middle right", "bottom left"],
            marker=dict(size=8, color=BARRIER_COLOR, line=dict(color="#ffffff", width=1.5)),
            textfont=dict(size=DESK["place"], color=BARRIER_COLOR, shadow=LIGHT_HALO),
            showlegend=False,
            customdata=[[hover, feature.id]] * len(anchors), hovertemplate="%{customdata[0]}<extra></extra>",
            meta=_meta(feature.layer), name=f"{feature.name}: ends",
        ),
    ]  # fmt: skip


def circle(lon: float, lat: float, radius_km: float, points: int = 64) -> tuple[list[float], list[float]]:
    """A geodesic circle of ``radius_km`` around a lon/lat point."""
    azimuths = np.linspace(0, 360, points + 1)
    lons, lats, _ = WGS84.fwd(
        [lon] * len(azimuths), [lat] * len(azimuths), azimuths, [radius_km * 1000] * len(azimuths)
    )
    return [round(x, 4) for x in lons], [round(y, 4) for y in lats]


def place_traces(briefing: Briefing, layer_title: str, features: list[LayerFeature]) -> list[go.Scattergeo]:
    """Places, one trace per status: a solid symbol only where we are sure.

    Unconfirmed places get an open symbol; places whose position is
    approximate get an open symbol and a dashed ring of their uncertainty.
    """
    traces = []
    for status in ("confirmed", "unconfirmed", "approximate"):
        group = [f for f in features if f.status == status]
        if not group:
            continue
        open_symbol = "" if status == "confirmed" else "-open"
        certainty = group[0].certainty
        traces.append(
            go.Scattergeo(
                lon=[f.geometry.x for f in group], lat=[f.geometry.y for f in group], mode="markers+text",
                text=[map_label(f, f.details.get("label", f.name)) for f in group],
                textposition=[f.details.get("label_position", "middle right") for f in group],
                textfont=dict(size=DESK["place"], color=BASE_COLOR, shadow=LIGHT_HALO),
                marker=dict(
                    symbol=[marker_symbol(f) + open_symbol for f in group], size=13, color=BASE_COLOR,
                    line=dict(width=2 if open_symbol else 1, color=BASE_COLOR if open_symbol else "white"),
                ),
                customdata=[[feature_hover(briefing, f), f.id] for f in group],
                hovertemplate="%{customdata[0]}<extra></extra>",
                name=f"{layer_title} ({certainty})" if certainty else layer_title,
                meta=_meta(group[0].layer), legendgroup=group[0].layer,
                showlegend=group[0].kind != "origin",
            )
        )  # fmt: skip
        for feature in group:
            if feature.uncertainty_km:
                lons, lats = circle(feature.geometry.x, feature.geometry.y, feature.uncertainty_km)
                traces.append(
                    go.Scattergeo(
                        lon=lons, lat=lats, mode="lines", line=dict(color=UNCERTAIN_COLOR, width=1.5, dash="dot"),
                        hoverinfo="skip", showlegend=False, meta=_meta(feature.layer),
                        name=f"{feature.name}: {feature.uncertainty_km:g} km uncertainty",
                    )
                )  # fmt: skip
    return traces


def arc(start: tuple[float, float], end: tuple[float, float], points: int = 40) -> tuple[list, list]:
    """A curved path from ``start`` to ``end`` (lon/lat), bowing to the right of travel.

    Westward routes from Raqqa so bow north, over the Mediterranean, clear of
    the countries' labels.

    A quadratic Bezier in lon/lat: a flow diagram's curve, not a track.
    """
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    control = ((x0 + x1) / 2 + dy * ARC_BEND, (y0 + y1) / 2 - dx * ARC_BEND)
    _, _, chord_m = WGS84.inv(x0, y0, x1, y1)
    t = np.linspace(0, max(0.5, 1 - ARC_STOP_KM * 1000 / chord_m), points)
    lons = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * control[0] + t**2 * x1
    lats = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * control[1] + t**2 * y1
    return [round(x, 3) for x in lons], [round(y, 3) for y in lats]


def _arrow(lons, lats, width: float, color: str, dash: str, name: str, hover: str, feature: LayerFeature, legend: bool):
    """A line with an arrowhead at its end, hoverable along its length."""
    arrow_size = 10 + width * 1.2
    symbols = ["circle"] * (len(lons) - 1) + ["arrow"]
    sizes = [max(width, 4)] * (len(lons) - 1) + [arrow_size]
    return go.Scattergeo(
        lon=lons, lat=lats, mode="lines+markers", line=dict(color=color, width=width, dash=dash),
        marker=dict(symbol=symbols, size=sizes, color=color, angleref="previous", opacity=[0] * (len(lons) - 1) + [1]),
        customdata=[[hover, feature.id]] * len(lons), hovertemplate="%{customdata[0]}<extra></extra>",
        name=name, showlegend=legend, meta=_meta(feature.layer), legendgroup=feature.layer,
    )  # fmt: skip


def route_traces(briefing: Briefing, geometry, features: list[LayerFeature]) -> list[go.Scattergeo]:
    """Assumed return routes from Raqqa: width in proportion to returnees, dashed where not given."""
    traces: list = []
    solid_in_legend = False
    for feature in features:
        if feature.kind == "origin":
            traces += place_traces(briefing, feature.details.get("label", feature.name), [feature])
            continue
        reading = read(briefing, "returnees", feature.destination)
        destination = geometry.label_points[feature.destination]
        lons, lats = arc((feature.geometry.x, feature.geometry.y), destination)
        figure = f"Returnees, as the briefing gives them: <b>{escape(reading.text)}</b>"
        if reading.derivation:
            figure += f" <i>({escape(reading.derivation)})</i>"
        figure += f"<br>Date: {escape(reading.when)}; source: {escape(reading.source)}"
        note = periods_note(briefing, "returnees")
        if note:
            figure += "<br>" + wrap(f"Widths: {note}.", italic=True)
        if feature.quote:
            figure += "<br>" + wrap(f"\u201c{feature.quote}\u201d")
        hover = feature_hover(briefing, feature, figure)
        if reading.value is not None:
            width = max(ROUTE_MIN_PX, reading.value * ROUTE_PX_PER_RETURNEE)
            name = "Return route, assumed (width: returnees)"
            traces.append(_arrow(lons, lats, width, ROUTE_COLOR, "solid", name, hover, feature, not solid_in_legend))
            solid_in_legend = True
        else:
            name = "Return route, assumed; returnees not given"
            traces.append(_arrow(lons, lats, 2, ROUTE_COLOR, "dash", name, hover, feature, True))
    return traces


def converging_arrows(lon: float, lat: float) -> list[tuple[list[float], list[float]]]:
    """Short straight arrows towards (lon, lat) from the four sides, in degrees.

    For a movement whose origin the source does not give: no arrow starts
    outside the place it goes to, so none suggests where it comes from.
    """
    arrows = []
    for east, north in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        start = (lon + east * CONVERGE_FROM_DEG, lat + north * CONVERGE_FROM_DEG)
        end = (lon + east * CONVERGE_TO_DEG, lat + north * CONVERGE_TO_DEG)
        arrows.append(([start[0], (start[0] + end[0]) / 2, end[0]], [start[1], (start[1] + end[1]) / 2, end[1]]))
    return arrows


def flow_traces(briefing: Briefing, features: list[LayerFeature]) -> list[go.Scattergeo]:
    """Second-order movements: dotted arrows, a different colour from the routes.

    A flow with an origin is an arc from it; one without (a Point) is drawn
    as arrows converging on where it goes.
    """
    traces: list[go.Scattergeo] = []
    for number, feature in enumerate(features):
        if feature.geometry.geom_type == "Point":
            paths = converging_arrows(feature.geometry.x, feature.geometry.y)
        else:
            coords = list(feature.geometry.coords)
            paths = [arc(coords[0], coords[-1])]
        extra = None
        if "figure" in feature.details:
            country, measure = feature.details["figure"].split()
            figure = briefing.figure(country, measure)  # loading checked that the briefing gives it
            if figure is not None:
                extra = f"{escape(briefing.attribution(figure))}: <b>{escape(figure_text(figure))}</b>"
        hover = feature_hover(briefing, feature, extra)
        name = "Onward movement (direction only)"
        for lons, lats in paths:
            traces.append(_arrow(lons, lats, 3, FLOW_COLOR, "dot", name, hover, feature, number == 0 and not traces))
    return traces


def _text_apart(traces: list[go.Scattergeo]) -> list[go.Scattergeo]:
    """The traces with their place names moved to text traces drawn after every layer.

    plotly draws a trace's text with its markers, so a later layer's lines
    (the routes) would cross the names of earlier layers' places; names on
    top of every line stay readable (and the browser places them clear of
    every symbol, assets/modules/labels.mjs).
    """
    shapes, names = [], []
    for trace in traces:
        if trace.mode and trace.mode.endswith("+text"):
            names.append(
                go.Scattergeo(
                    lon=trace.lon, lat=trace.lat, text=trace.text, textposition=trace.textposition,
                    textfont=trace.textfont, mode="text", hoverinfo="skip", showlegend=False,
                    meta=trace.meta, name=f"{trace.name}: names",
                )
            )  # fmt: skip
            trace.mode = trace.mode.removesuffix("+text")
            trace.text = None
        shapes.append(trace)
    return shapes + names


def layer_traces(briefing: Briefing, geometry) -> list[go.Scattergeo]:
    """Every feature layer's traces, in the layer file's order, their places' names last.

    Each feature is drawn as its kind is, whatever else its layer holds: a
    place added to a layer of routes is drawn as a place.
    """
    traces: list = []
    for layer in briefing.layers:
        features = list(layer.features)
        for feature in features:
            if feature.kind == "barrier":
                traces += barrier_traces(briefing, feature)
        routes = [feature for feature in features if feature.kind in ("return_route", "origin")]
        if routes:
            traces += route_traces(briefing, geometry, routes)
        flows = [feature for feature in features if feature.kind == "flow"]
        if flows:
            traces += flow_traces(briefing, flows)
        places = [feature for feature in features if feature.kind in POINT_KINDS and feature.kind != "origin"]
        if places:
            traces += place_traces(briefing, layer.title, places)
    return _text_apart(traces)
