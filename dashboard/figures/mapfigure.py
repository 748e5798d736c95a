"""Model + view state -> plotly Figure. Pure functions; no Dash, no callbacks.

The geometry is serialised once (:func:`prepare_geometry`) and reused by every
figure. All coordinates are EPSG:4326 longitude/latitude in degrees.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape

import numpy as np
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale
from shapely.geometry.base import BaseGeometry

from dashboard.figures.contract import CHOROPLETH_LAYER, PARTS, SELECTION_LAYER
from dashboard.figures.layerfigure import layer_traces, wrap
from dashboard.figures.readings import DISAGREEMENT_MARGIN, Reading, figure_text, not_given, read_all
from dashboard.figures.style import (
    BASE_LAND,
    COLOR_SCALE,
    CONTEXT_FILL,
    DESK,
    FONT_FAMILY,
    GLYPH_EM,
    INK,
    LABEL_INKS,
    LIGHT_HALO,
    NO_DATA_FILL,
    NO_DATA_HATCH,
    OCEAN,
    label_ink,
)
from dashboard.model.briefing import Briefing
from dashboard.model.metrics import METRICS
from dashboard.model.observations import DEFAULT_SELECTION, MEASURES, Selection
from dashboard.model.story import DEFAULT_VIEW, VIEWS, Step
from dashboard.model.targets import targets_of

LEGEND_STRIP_PX = 62
LEGEND_BACKGROUND = "#fbfaf7"
HATCH_SPACING_DEG = 0.7
# The ring round a selected feature: its diameter and the blue line's width (px).
FEATURE_RING_PX = 34
FEATURE_RING_LINE_PX = 3


@dataclass(frozen=True)
class MapGeometry:
    """Geometry serialised once for every figure: GeoJSON, hatching, labels."""

    features: dict[str, dict]  # GeoJSON Feature by ISO alpha-3, "id" set to it
    hatches: dict[str, tuple[list[float | None], list[float | None]]]
    roles: dict[str, str]
    names: dict[str, str]
    label_points: dict[str, tuple[float, float]]


def hatch_lines(geometry: BaseGeometry, spacing_deg: float = HATCH_SPACING_DEG) -> tuple[list, list]:
    """Diagonal lines clipped to ``geometry``, as plotly line coordinates.

    Returns longitudes and latitudes with None between segments. Spacing is
    measured along the x axis, in degrees.
    """
    min_x, min_y, max_x, max_y = geometry.bounds
    height = max_y - min_y
    starts = np.arange(min_x - height, max_x, spacing_deg)
    lines = shapely.linestrings([[(x, min_y), (x + height, max_y)] for x in starts])
    clipped = shapely.intersection(lines, geometry)
    lons: list[float | None] = []
    lats: list[float | None] = []
    for part in shapely.get_parts(clipped[~shapely.is_empty(clipped)]):
        for x, y in shapely.get_coordinates(part):
            lons.append(round(float(x), 3))
            lats.append(round(float(y), 3))
        lons.append(None)
        lats.append(None)
    return lons, lats


def prepare_geometry(briefing: Briefing) -> MapGeometry:
    """Serialise the countries once, at start-up."""
    countries = briefing.countries
    collection = json.loads(countries[["iso_a3", "geometry"]].to_json(drop_id=True))
    features = {}
    for feature in collection["features"]:
        feature["id"] = feature.pop("properties")["iso_a3"]
        features[feature["id"]] = feature
    return MapGeometry(
        features=features,
        hatches={code: hatch_lines(countries.loc[code, "geometry"]) for code in briefing.maghreb},
        roles=countries["role"].to_dict(),
        names=countries["name"].to_dict(),
        label_points={code: (row.label_lon, row.label_lat) for code, row in countries.iterrows()},
    )


def hover_html(name: str, metric_label: str, reading: Reading) -> str:
    """The hover box: country, figure with qualifier, derivation, date, source."""
    lines = [f"<b>{escape(name)}</b>", f"{escape(metric_label)}: <b>{escape(reading.text)}</b>"]
    if reading.derivation:
        lines.append(wrap(reading.derivation, italic=True))
    if reading.note:
        lines.append(wrap(f"Note: {reading.note}.", italic=True))
    lines.append(f"Date: {escape(reading.when)}")
    lines.append(wrap(f"Source: {reading.source}"))
    if reading.comparison:
        heading = f"Sources disagree ({reading.spread}):" if reading.spread else "Other figures, with their dates:"
        lines.append(f"<b>{escape(heading)}</b>")
        lines += [wrap(f"\u2022 {line}") for line in reading.comparison]
    return "<br>".join(lines)


def _choropleth(geometry: MapGeometry, codes: list[str], shapes: list[str] | None = None, **style) -> go.Choropleth:
    """A choropleth trace of ``codes``, carrying the shapes of ``shapes`` (default: ``codes``).

    Each trace ships its GeoJSON to the browser, so each carries only the
    shapes it can draw. Traces whose countries change with the metric or the
    selection carry all four Maghreb states, so that the browser can change
    which are drawn without new geometry.
    """
    features = [geometry.features[code] for code in (shapes if shapes is not None else codes)]
    geojson = {"type": "FeatureCollection", "features": features}
    return go.Choropleth(geojson=geojson, locations=codes, featureidkey="id", **style)


def _flat_fill(color: str) -> list:
    return [[0, color], [1, color]]


def context_hover(briefing: Briefing, geometry: MapGeometry, code: str) -> str:
    """A neighbour's hover: the briefing's figures about it (Raqqa's casualties), or that it gives none."""
    lines = [f"<b>{escape(geometry.names[code])}</b>"]
    for figure in briefing.figures_for(code):
        where = f"{figure.place}: " if figure.place else ""
        measure = MEASURES[figure.measure]
        lines.append(f"{escape(where + measure)}: <b>{escape(figure_text(figure))}</b>")
        lines.append(f"Date: {escape(briefing.when(figure))}; source: {escape(briefing.attribution(figure))}")
    if len(lines) == 1:
        lines.append("The briefing gives no figures for it")
    return "<br>".join(lines)


def _context_traces(briefing: Briefing, geometry: MapGeometry) -> list:
    codes = [code for code, role in geometry.roles.items() if role == "context"]
    hover = [context_hover(briefing, geometry, code) for code in codes]
    return [
        _choropleth(
            geometry,
            codes,
            z=[0] * len(codes),
            colorscale=_flat_fill(CONTEXT_FILL),
            showscale=False,
            marker_line_color=DESK["borderColor"],
            marker_line_width=0.8,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            name="context",
        )
    ]


def _value_traces(
    geometry: MapGeometry,
    metric_id: str,
    readings: list[Reading],
    source_label: str,
    not_given_text: str,
    with_shapes: bool = True,
) -> list:
    """Values, no-data fill, hatching and keys: the same five traces for every metric and source.

    ``with_shapes=False`` leaves the states' GeoJSON out of the choropleths, for the parts the browser
    patches into a figure that has it (selection_parts): they change everything but the shapes.
    """
    metric = METRICS[metric_id]
    known = [r for r in readings if r.known]
    unknown = [r for r in readings if not r.known]
    maghreb = [r.country for r in readings] if with_shapes else []
    top = max((r.value for r in known if r.value is not None), default=1.0) or 1.0
    lons: list = []
    lats: list = []
    for reading in unknown:
        lons += geometry.hatches[reading.country][0]
        lats += geometry.hatches[reading.country][1]
    values = _choropleth(
        geometry, [r.country for r in known], maghreb, z=[r.value for r in known], zmin=0, zmax=top,
        colorscale=COLOR_SCALE, marker_line_color=DESK["borderColor"], marker_line_width=DESK["border"],
        customdata=[hover_html(geometry.names[r.country], metric.label, r) for r in known],
        hovertemplate="%{customdata}<extra></extra>", name=metric.label,
        # plotly names the colour bar's elements after the trace's uid, random unless given:
        # a picture of the map would differ on every take.
        uid="values",
        colorbar=dict(
            title=dict(
                text=f"{metric.legend}<br>Source: {escape(source_label)}", side="top",
                font=dict(size=DESK["legend"] + 1, color=INK),
            ),
            orientation="h", x=0.01, xanchor="left", y=0.02, yanchor="bottom",
            len=colorbar_length([metric.legend, f"Source: {source_label}"], DESK["legend"] + 1), lenmode="pixels",
            thickness=12, outlinewidth=0, ticks="outside", ticklen=3,
            ticksuffix="%" if metric.unit == "%" else "", tickfont=dict(size=DESK["legend"], color=INK),
            bgcolor="rgba(255,255,255,0.85)", xpad=10, ypad=10,
        ),
    )  # fmt: skip
    no_data = _choropleth(
        geometry, [r.country for r in unknown], maghreb, z=[0] * len(unknown),
        colorscale=_flat_fill(NO_DATA_FILL), showscale=False,
        marker_line_color=DESK["borderColor"], marker_line_width=DESK["border"],
        customdata=[hover_html(geometry.names[r.country], metric.label, r) for r in unknown],
        hovertemplate="%{customdata}<extra></extra>", name="not given",
    )  # fmt: skip
    hatching = go.Scattergeo(
        lon=lons, lat=lats, mode="lines", line=dict(color=NO_DATA_HATCH, width=1), hoverinfo="skip",
        showlegend=False, name="hatching",
    )  # fmt: skip
    no_data_key = go.Scattergeo(
        lon=[None], lat=[None], mode="markers", name=f"No data: {not_given_text}",
        marker=dict(symbol="square", size=14, color=NO_DATA_FILL, line=dict(color=NO_DATA_HATCH, width=1)),
        hoverinfo="skip", showlegend=bool(unknown),
    )  # fmt: skip
    spread_key = go.Scattergeo(
        lon=[None], lat=[None], mode="text", text=[""], hoverinfo="skip", showlegend=any(r.spread for r in readings),
        name=f"Range in a label: sources disagree by more than {DISAGREEMENT_MARGIN:.0%}",
    )  # fmt: skip
    return _parts(
        [values, no_data, hatching, no_data_key, spread_key], ["values", "noData", "hatching", "noDataKey", "spreadKey"]
    )


def colorbar_length(title_lines: list[str], size: float) -> int:
    """The colour bar's length (px): at least the desk's, and as long as its title's longest line at ``size``
    px by an estimate (GLYPH_EM), since plotly centres the title on the bar and the map's edge cuts what
    overhangs. The page measures the title itself (assets/modules/patch.mjs); prints and pictures do not."""
    return max(DESK["colorbarLen"], math.ceil(max(map(len, title_lines)) * size * GLYPH_EM))


def legend_title(briefing: Briefing, selection: Selection) -> str:
    """The colour bar's source line, short enough for the bar: whose figures, and when."""
    return f"{briefing.source_label(selection.source)}; {briefing.time_short(selection.time)}"


def _parts(traces: list, parts: list[str]) -> list:
    """Name the traces the browser updates when the metric changes (keys of contract.PARTS)."""
    for trace, part in zip(traces, parts, strict=True):
        trace.meta = {"part": PARTS[part]}
    return traces


def fill_color(reading: Reading, top: float) -> str:
    """The choropleth's fill for ``reading`` ("#rrggbb"), on a scale from 0 to ``top``."""
    if reading.value is None:
        return NO_DATA_FILL
    rgb = sample_colorscale(COLOR_SCALE, [min(1.0, reading.value / top)], colortype="tuple")[0]
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb)


def _label_traces(geometry: MapGeometry, readings: list[Reading]) -> list[go.Scattergeo]:
    """Names (and, for the Maghreb, the figure) at each country's label point.

    Each Maghreb label takes the ink of style.LABEL_INKS that reads best on
    its own fill: white with a dark halo ("dark" trace) or black with a light
    one ("light"). The browser then checks each label against what is really
    under it where it was placed (assets/modules/labels.mjs). Always three
    traces (dark, light, context), some possibly empty.
    """
    by_country = {r.country: r for r in readings}
    top = max((r.value for r in readings if r.value is not None), default=1.0) or 1.0
    dark, light = LABEL_INKS[1], LABEL_INKS[0]
    groups: dict[str, list[tuple[str, str]]] = {"dark": [], "light": [], "context": []}
    for code in geometry.label_points:
        name = escape(geometry.names[code])
        reading = by_country.get(code)
        if reading is None:
            groups["context"].append((code, name))
            continue
        derived = " (derived)" if reading.derivation and reading.metric in MEASURES else ""
        figure = escape(reading.text + derived if reading.known else "not given")
        if reading.spread:
            # Uncertainty shown, not only written: the sources' range under the figure.
            figure += f"<br><i>sources: {escape(reading.spread)}</i>"
        group = "dark" if label_ink(fill_color(reading, top)) == dark else "light"
        groups[group].append((code, f"<b>{name}</b><br>{figure}"))
    styles = {
        "dark": dict(size=DESK["label"], color=dark["color"], shadow=dark["halo"]),
        "light": dict(size=DESK["label"], color=light["color"], shadow=light["halo"]),
        "context": dict(size=DESK["contextLabel"], color=DESK["contextColor"], shadow=LIGHT_HALO),
    }
    traces = [
        go.Scattergeo(
            lon=[geometry.label_points[code][0] for code, _ in labels],
            lat=[geometry.label_points[code][1] for code, _ in labels],
            text=[text for _, text in labels], mode="text",
            textfont=dict(family=FONT_FAMILY, **styles[group]),
            hoverinfo="skip", showlegend=False, name=f"labels ({group})",
        )
        for group, labels in groups.items()
    ]  # fmt: skip
    return _parts(traces, ["labelsDark", "labelsLight", "labelsContext"])


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
        outline = _choropleth(
            geometry, countries, briefing.maghreb, z=[0] * len(countries),
            colorscale=_flat_fill("rgba(0,0,0,0)"), showscale=False, marker_line_color=style["color"],
            marker_line_width=style["width"], hoverinfo="skip", name=f"selected{' (halo)' if suffix else ''}",
        )  # fmt: skip
        ring = go.Scattergeo(
            lon=[point[0] for point in rings], lat=[point[1] for point in rings], mode="markers", hoverinfo="skip",
            showlegend=False, name=f"selected feature{' (halo)' if suffix else ''}",
            marker=dict(
                symbol="circle-open", size=FEATURE_RING_PX, color=style["color"],
                line=dict(width=style["width"] - DESK["selection"]["width"] + FEATURE_RING_LINE_PX),
            ),
        )  # fmt: skip
        outline.meta = {"layer": SELECTION_LAYER, "part": PARTS["selectedCountry" + suffix]}
        ring.meta = {"layer": SELECTION_LAYER, "part": PARTS["selectedFeature" + suffix]}
        traces += [outline, ring]
    # Both halos under both blue rings.
    return [traces[0], traces[2], traces[1], traces[3]]


def feature_points(briefing: Briefing) -> dict[str, tuple[float, float]]:
    """Where the ring goes when a layer feature is selected (lon, lat)."""
    points = {}
    for layer in briefing.layers:
        for feature in layer.features:
            geometry = feature.geometry
            point = geometry.interpolate(0.5, normalized=True) if feature.kind == "barrier" else geometry.centroid
            points[feature.id] = (round(point.x, 3), round(point.y, 3))
    return points


def _with_layer(traces: list, layer: str) -> list:
    for trace in traces:
        trace.meta = {**(trace.meta or {}), "layer": layer}
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
    values = _value_traces(
        geometry, metric_id, readings, legend_title(briefing, selection), not_given(briefing, selection)
    )
    traces = _with_layer(_context_traces(briefing, geometry) + values, CHOROPLETH_LAYER)
    traces += layer_traces(briefing, geometry)
    traces += _selection_traces(briefing, geometry, highlight)
    traces += _with_layer(_label_traces(geometry, readings), "labels")
    if layers is not None:
        for trace in traces:
            trace.visible = trace.meta["layer"] in (*layers, "selection")
    figure = go.Figure(traces)
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
            resolution=50,
            showland=True,
            landcolor=BASE_LAND,
            showcountries=True,
            countrycolor="#cfcabf",
            countrywidth=0.6,
            showcoastlines=False,
            showocean=False,
            showlakes=False,
            showrivers=False,
            showframe=False,
            bgcolor=OCEAN,
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
    traces = _value_traces(geometry, metric_id, readings, title, missing, with_shapes=False)
    traces += _label_traces(geometry, readings)
    return {trace.meta["part"]: _patched_props(trace) for trace in traces}


def _patched_props(trace) -> dict:
    """The trace's PATCHED_PROPS that are set, as JSON-ready values; read one by one, because a trace's
    to_plotly_json copies its GeoJSON too."""
    props = {}
    for prop in PATCHED_PROPS:
        value = trace[prop] if prop in trace else None  # noqa: SIM401 (a trace has no get)
        if value is None:
            continue
        if hasattr(value, "to_plotly_json"):
            value = value.to_plotly_json()
            if not value:  # a compound prop never set (a colour bar on a trace without a scale)
                continue
        props[prop] = list(value) if isinstance(value, tuple) else value
    return props
