"""The figure builders: what each trace draws and says."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import LineString, shape

from dashboard.figures.countrytraces import fill_color, hover_html
from dashboard.figures.geometry import prepare_geometry
from dashboard.figures.mapfigure import build_map_figure
from dashboard.figures.readings import read, read_all
from dashboard.figures.style import (
    BASE_LAND,
    COLOR_SCALE,
    CONTEXT_FILL,
    LABEL_INKS,
    NO_DATA_FILL,
    NO_DATA_HATCH,
    NORMAL_CONTRAST,
    OCEAN,
    SELECTED_HALO,
    SELECTED_LINE,
    STYLES,
    contrast,
)
from dashboard.model.metrics import METRICS


@pytest.fixture(scope="module")
def geometry(briefing):
    return prepare_geometry(briefing)


def trace(figure, name):
    matches = [t for t in figure.data if t.name == name]
    assert len(matches) == 1, [t.name for t in figure.data]
    return matches[0]


def test_libya_returnees_are_drawn_as_no_data_not_as_zero(briefing, geometry):
    figure = build_map_figure(briefing, geometry, "returnees")
    values = trace(figure, "Returnees")
    assert list(values.locations) == ["MAR", "DZA", "TUN"]
    assert list(values.z) == [200, 100, 800]
    no_data = trace(figure, "not given")
    assert list(no_data.locations) == ["LBY"]
    assert "Returnees: <b>not given in the briefing</b>" in no_data.customdata[0]
    assert trace(figure, "No data: not given in the briefing").showlegend


def test_the_no_data_key_shows_only_when_a_country_has_no_data(briefing, geometry):
    per_million = build_map_figure(briefing, geometry, "fighters_per_million")
    assert not trace(per_million, "No data: not given in the briefing").showlegend
    assert list(trace(per_million, "not given").locations) == []


def test_every_metric_has_its_own_colour_scale_from_zero(briefing, geometry):
    for metric in METRICS.values():
        values = trace(build_map_figure(briefing, geometry, metric.id), metric.label)
        assert values.zmin == 0 and values.zmax == max(values.z)
        source = "Rogan, ATA briefing (2017); late 2017"
        assert values.colorbar.title.text == f"{metric.legend}<br>Source: {source}"


def test_hatching_lies_inside_the_country(briefing, geometry):
    lons, lats = geometry.hatches["LBY"]
    libya = briefing.countries.loc["LBY", "geometry"].buffer(0.01)
    segments = 0
    points: list = []
    for lon, lat in zip([*lons, None], [*lats, None], strict=True):
        if lon is None:
            if points:
                assert libya.contains(LineString(points))
                segments += 1
            points = []
        else:
            points.append((lon, lat))
    assert segments > 20


def test_outer_rings_run_clockwise_for_plotly(geometry):
    for feature in geometry.features.values():
        polygons = getattr(shape(feature["geometry"]), "geoms", [shape(feature["geometry"])])
        assert all(not shapely.is_ccw(polygon.exterior) for polygon in polygons), feature["id"]


def test_hover_names_figure_date_and_source(briefing):
    text = hover_html("Algeria", "Returnees", read(briefing, "returnees", "DZA"))
    # Soufan's 87 counts to January 2016, nearly two years before the briefing: another figure, not a disagreement.
    assert text == (
        "<b>Algeria</b><br>Returnees: <b>about 100</b><br><i>derived: nearly half of close to 200</i>"
        "<br>Date: late 2017 (figure undated)<br>Source: Rogan, ATA briefing (2017)"
        "<br><b>Other figures, with their dates:</b><br>• Soufan Center (Oct 2017), January 2016: 87"
    )


def test_labels_carry_the_figure_and_context_is_muted(briefing, geometry):
    figure = build_map_figure(briefing, geometry, "foreign_fighters")
    labels = [text for t in figure.data if t.name.startswith("labels") for text in t.text]
    assert "<b>Tunisia</b><br>around 3,000" in labels
    assert any("Western Sahara (disputed)" in text for text in labels)
    context = trace(figure, "context")
    assert "MAR" not in context.locations and "ESH" in context.locations


def test_each_trace_carries_only_the_shapes_it_can_draw(briefing, geometry):
    figure = build_map_figure(briefing, geometry, "returnees")
    for choropleth in [t for t in figure.data if t.type == "choropleth"]:
        shapes = [f["id"] for f in choropleth.geojson["features"]]
        if choropleth.meta.get("part") in ("values", "no-data", "selected-country", "selected-country-halo"):
            assert shapes == briefing.maghreb  # which of them is drawn changes in the browser
        else:
            assert shapes == list(choropleth.locations)


@pytest.mark.parametrize("metric", list(METRICS))
def test_each_states_label_reads_on_its_own_fill(briefing, geometry, metric):
    """The figure's first choice of ink; the browser then checks the pixels where each label lands."""
    figure = build_map_figure(briefing, geometry, metric)
    readings = read_all(briefing, metric)
    top = max(r.value for r in readings if r.value is not None)
    ink = {
        text.split("</b>")[0].removeprefix("<b>"): t.textfont.color
        for t in figure.data
        if t.name in ("labels (dark)", "labels (light)")
        for text in t.text
    }
    for reading in readings:
        fill = fill_color(reading, top)
        assert contrast(ink[briefing.country_name(reading.country)], fill) >= NORMAL_CONTRAST, (reading.country, fill)


# Every colour a map label or the selection can sit on: the scale (and between its stops), no data, land, sea.
FILLS = [color for _, color in COLOR_SCALE] + [NO_DATA_FILL, NO_DATA_HATCH, CONTEXT_FILL, BASE_LAND, OCEAN]


def test_one_of_the_label_inks_reads_on_every_fill():
    for fill in FILLS:
        assert max(contrast(ink["color"], fill) for ink in LABEL_INKS) >= NORMAL_CONTRAST, fill


def test_the_selection_ring_reads_on_every_fill_blue_or_white():
    """WCAG 1.4.11: 3:1 against what is next to it, by one of the two rings, and the rings against each other."""
    assert contrast(SELECTED_LINE, SELECTED_HALO) >= 3
    for fill in FILLS:
        assert max(contrast(SELECTED_LINE, fill), contrast(SELECTED_HALO, fill)) >= 3, fill
    for room in STYLES.values():
        assert room["selectionHalo"]["color"] == SELECTED_HALO and room["selection"]["color"] == SELECTED_LINE
        assert room["selectionHalo"]["width"] >= room["selection"]["width"] + 3, "white shows on both sides"


def test_the_selection_is_a_blue_ring_on_a_white_halo(briefing, geometry):
    feature = sorted(briefing.feature_ids)[0]
    figure = build_map_figure(briefing, geometry, "returnees", highlight=("country:TUN", f"feature:{feature}"))
    names = [t.name for t in figure.data]
    halo, ring = trace(figure, "selected (halo)"), trace(figure, "selected")
    assert list(halo.locations) == list(ring.locations) == ["TUN"]
    assert (halo.marker.line.color, ring.marker.line.color) == (SELECTED_HALO, SELECTED_LINE)
    assert names.index("selected (halo)") < names.index("selected"), "the white under the blue"
    assert names.index("selected feature (halo)") < names.index("selected feature")
    widths = [trace(figure, name).marker.line.width for name in ("selected feature (halo)", "selected feature")]
    assert widths[0] > widths[1]


def test_places_names_are_drawn_over_every_layers_lines(briefing, geometry):
    figure = build_map_figure(briefing, geometry, "returnees")
    names = [n for n, t in enumerate(figure.data) if t.meta.get("layer") not in ("choropleth", "selection", "labels")]
    text = [n for n in names if figure.data[n].mode == "text"]
    assert text and min(text) > max(n for n in names if figure.data[n].mode != "text")
    assert any("Reggane (unconfirmed)" in figure.data[n].text for n in text)


def test_the_selected_country_is_outlined(briefing, geometry):
    figure = build_map_figure(briefing, geometry, "returnees", highlight=("country:TUN",))
    assert list(trace(figure, "selected").locations) == ["TUN"]
    assert list(trace(build_map_figure(briefing, geometry, "returnees"), "selected").locations) == []
