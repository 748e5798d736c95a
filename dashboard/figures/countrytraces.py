"""The countries' traces: the states' values and their no-data hatching, the neighbours, the labels."""

from __future__ import annotations

import math
from html import escape

from plotly.colors import sample_colorscale

from dashboard.figures.contract import PARTS
from dashboard.figures.geometry import MapGeometry
from dashboard.figures.layerfigure import wrap
from dashboard.figures.readings import DISAGREEMENT_MARGIN, Reading, figure_text
from dashboard.figures.style import (
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
    label_ink,
)
from dashboard.model.briefing import Briefing
from dashboard.model.metrics import METRICS
from dashboard.model.observations import MEASURES, Selection


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


def choropleth(geometry: MapGeometry, codes: list[str], shapes: list[str] | None = None, **style) -> dict:
    """A choropleth trace of ``codes``, carrying the shapes of ``shapes`` (default: ``codes``), as plotly's JSON.

    Each trace ships its GeoJSON to the browser, so each carries only the
    shapes it can draw. Traces whose countries change with the metric or the
    selection carry all four Maghreb states, so that the browser can change
    which are drawn without new geometry.
    """
    features = [geometry.features[code] for code in (shapes if shapes is not None else codes)]
    geojson = {"type": "FeatureCollection", "features": features}
    return dict(type="choropleth", geojson=geojson, locations=codes, featureidkey="id", **style)


def scattergeo(**props) -> dict:
    """A scattergeo trace of ``props``, as plotly's JSON.

    These traces, like :func:`choropleth`'s, are plain dictionaries, not plotly's objects (half of an
    app's start-up went to making objects): selection_parts builds them for every metric and selection
    and reads a few props; build_map_figure's ``go.Figure`` checks each trace it draws.
    """
    return dict(type="scattergeo", **props)


def flat_fill(color: str) -> list:
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


def context_traces(briefing: Briefing, geometry: MapGeometry) -> list[dict]:
    codes = [code for code, role in geometry.roles.items() if role == "context"]
    hover = [context_hover(briefing, geometry, code) for code in codes]
    return [
        choropleth(
            geometry,
            codes,
            z=[0] * len(codes),
            colorscale=flat_fill(CONTEXT_FILL),
            showscale=False,
            marker=dict(line=dict(color=DESK["borderColor"], width=0.8)),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            name="context",
        )
    ]


def value_traces(
    geometry: MapGeometry,
    metric_id: str,
    readings: list[Reading],
    source_label: str,
    not_given_text: str,
    with_shapes: bool = True,
) -> list[dict]:
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
    values = choropleth(
        geometry, [r.country for r in known], maghreb, z=[r.value for r in known], zmin=0, zmax=top,
        colorscale=COLOR_SCALE, marker=dict(line=dict(color=DESK["borderColor"], width=DESK["border"])),
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
    no_data = choropleth(
        geometry, [r.country for r in unknown], maghreb, z=[0] * len(unknown),
        colorscale=flat_fill(NO_DATA_FILL), showscale=False,
        marker=dict(line=dict(color=DESK["borderColor"], width=DESK["border"])),
        customdata=[hover_html(geometry.names[r.country], metric.label, r) for r in unknown],
        hovertemplate="%{customdata}<extra></extra>", name="not given",
    )  # fmt: skip
    hatching = scattergeo(
        lon=lons, lat=lats, mode="lines", line=dict(color=NO_DATA_HATCH, width=1), hoverinfo="skip",
        showlegend=False, name="hatching",
    )  # fmt: skip
    no_data_key = scattergeo(
        lon=[None], lat=[None], mode="markers", name=f"No data: {not_given_text}",
        marker=dict(symbol="square", size=14, color=NO_DATA_FILL, line=dict(color=NO_DATA_HATCH, width=1)),
        hoverinfo="skip", showlegend=bool(unknown),
    )  # fmt: skip
    spread_key = scattergeo(
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


def _parts(traces: list[dict], parts: list[str]) -> list[dict]:
    """Name the traces the browser updates when the metric changes (keys of contract.PARTS)."""
    for trace, part in zip(traces, parts, strict=True):
        trace["meta"] = {"part": PARTS[part]}
    return traces


def fill_color(reading: Reading, top: float) -> str:
    """The choropleth's fill for ``reading`` ("#rrggbb"), on a scale from 0 to ``top``."""
    if reading.value is None:
        return NO_DATA_FILL
    rgb = sample_colorscale(COLOR_SCALE, [min(1.0, reading.value / top)], colortype="tuple")[0]
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb)


def label_traces(geometry: MapGeometry, readings: list[Reading]) -> list[dict]:
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
        scattergeo(
            lon=[geometry.label_points[code][0] for code, _ in labels],
            lat=[geometry.label_points[code][1] for code, _ in labels],
            text=[text for _, text in labels], mode="text",
            textfont=dict(family=FONT_FAMILY, **styles[group]),
            hoverinfo="skip", showlegend=False, name=f"labels ({group})",
        )
        for group, labels in groups.items()
    ]  # fmt: skip
    return _parts(traces, ["labelsDark", "labelsLight", "labelsContext"])
