"""The layer files: what they hold, what is derived from them, what a broken one gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import LineString, Point, box, shape

from dashboard.model.barrier import derive_barrier, geodesic_length_km
from dashboard.model.briefing import load_briefing
from dashboard.model.text import briefing_blocks
from dashboard.model.validation import DataError


def layer(briefing, layer_id):
    return next(layer for layer in briefing.layers if layer.id == layer_id)


def test_every_layer_file_validates_and_has_features(briefing):
    assert [layer.id for layer in briefing.layers] == [
        "barrier", "us_forces_tunisia", "niger_drone_base", "algeria_air_base", "return_routes", "flows",
    ]  # fmt: skip
    for each in briefing.layers:
        assert each.features, each.id
        for feature in each.features:
            assert feature.sources and all(source in briefing.sources for source in feature.sources)


def test_the_barrier_follows_the_shared_border_inside_tunisia(briefing):
    barrier = layer(briefing, "barrier").features[0]
    border_file = briefing.data_dir / "borders" / "tun_lby_10m.geojson"
    border = shape(json.loads(border_file.read_text())["features"][0]["geometry"])
    # Every vertex is a few km from the 1:10m border (0.06 degrees is about 6 km)...
    assert all(border.distance(Point(xy)) < 0.06 for xy in barrier.geometry.coords)
    # ...on the Tunisian side, and the line runs from the coast to Dhehiba.
    tunisia = briefing.countries.loc["TUN", "geometry"]
    assert tunisia.contains(barrier.geometry.interpolate(0.5, normalized=True))
    north, south = barrier.geometry.coords[0], barrier.geometry.coords[-1]
    assert north[1] > 33.0 and 31.9 < south[1] < 32.1


def test_the_barrier_length_is_measured_and_close_to_the_public_figure(briefing):
    barrier = layer(briefing, "barrier").features[0]
    length = geodesic_length_km(barrier.geometry)
    assert barrier.details["length_km"] == round(length)
    assert abs(length - 200) / 200 < 0.15
    assert barrier.details["public_length_km"] == 200


def test_derive_barrier_offsets_towards_the_country():
    border = LineString([(10.0, 33.0), (10.0, 32.0)])  # a north-south border at 10 E
    west = box(9.0, 31.5, 10.0, 33.5)
    line = derive_barrier(border, [Point(10.0, 33.0), Point(10.0, 32.0)], west, inset_km=5)
    assert all(9.93 < x < 9.96 for x, _ in line.coords)  # 5 km is 0.054 degrees of longitude at 32.5 N
    assert geodesic_length_km(line) == pytest.approx(111, abs=3)


def test_places_not_known_for_sure_are_never_plain_pins(briefing):
    places = [f for each in briefing.layers for f in each.features if f.kind in ("us_forces", "air_base")]
    by_name = {f.details["label"]: f for f in places}
    assert by_name["US drones (base not named)"].certainty == "unconfirmed"
    assert by_name["Reggane"].certainty == "unconfirmed"
    in_guezzam = by_name["Hassi Tiririne"]
    assert in_guezzam.certainty == "location approximate" and in_guezzam.uncertainty_km == 30
    for feature in places:
        assert feature.confidence == "high" or feature.status != "confirmed"


def test_routes_are_assumed_and_flows_say_what_is_not_given(briefing):
    routes = [f for f in layer(briefing, "return_routes").features if f.kind == "return_route"]
    assert sorted(f.country for f in routes) == ["DZA", "LBY", "MAR", "TUN"]
    assert {f.certainty for f in routes} == {"assumed, not tracked"}
    flows = {f.name: f.certainty for f in layer(briefing, "flows").features}
    assert flows == {
        # The briefing says they are kept out of Morocco: no arrow starts inside it.
        "Moroccan fighters deflected towards Algeria": "origin not given",
        "IS militants flocking to Libya": "origin not given",
    }


def test_marked_words_in_the_text_link_to_the_map(briefing):
    targets = {text: target for block in briefing_blocks(briefing) for text, target in block.segments if target}
    assert targets["around 3,000"] == "country:TUN"
    assert targets["nearly half"] == "country:DZA"
    assert targets["Tunisia has erected an earthen wall along its Libyan border"] == "feature:barrier/ras-ajdir-dhehiba"
    assert targets["5,600"] == "overview"
    headings = [block.segments[0][0] for block in briefing_blocks(briefing) if block.kind == "heading"]
    assert headings == ["Destination States"]


def edit_layer(data_dir: Path, name: str, change) -> None:
    path = data_dir / "layers" / name
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection["features"])
    path.write_text(json.dumps(collection), encoding="utf-8")


def layer_problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_briefing(data_dir)
    return [str(problem) for problem in caught.value.problems]


BROKEN_LAYERS = {
    "bad geometry": (
        "niger_drone_base.geojson",
        lambda features: features[0].update(geometry={"type": "Point", "coordinates": [16.95, 108.0]}),
        "feature 1 (Niger Air Base 201, Agadez): field 'geometry': "
        "has coordinates outside longitude -180..180, latitude -90..90",
    ),
    "geometry of the wrong type": (
        "algeria_air_base.geojson",
        lambda features: features[0].update(geometry={"type": "LineString", "coordinates": [[0, 26], [1, 27]]}),
        "field 'geometry': a air_base must be a Point, got LineString",
    ),
    "empty geometry": (
        "us_forces_tunisia.geojson",
        lambda features: features[0].update(geometry=None),
        "feature 1 (US drone operations in Tunisia (base not named: Sidi Ahmed, Bizerte, or Remada)):"
        " field 'geometry': is empty",
    ),
    "missing source": (
        "niger_drone_base.geojson",
        lambda features: features[1]["properties"].pop("source"),
        "feature 2 (Air Base 101, Niamey): field 'source': is missing",
    ),
    "unknown source": (
        "niger_drone_base.geojson",
        lambda features: features[1]["properties"].update(source=["airportsdata", "hearsay"]),
        "field 'source': unknown source 'hearsay'",
    ),
    "unknown kind": (
        "flows.geojson",
        lambda features: features[0]["properties"].update(kind="teleport"),
        "feature 1 (Moroccan fighters deflected towards Algeria): field 'kind': unknown kind 'teleport'",
    ),
    "uncertain place drawn as confirmed": (
        "algeria_air_base.geojson",
        lambda features: features[0]["properties"].pop("status"),
        "field 'status': a place whose confidence is not high must be 'unconfirmed' or 'approximate'",
    ),
    "approximate place without a radius": (
        "algeria_air_base.geojson",
        lambda features: features[1]["properties"].pop("uncertainty_km"),
        "field 'uncertainty_km': is missing",
    ),
    "quote not in the briefing": (
        "barrier.geojson",
        lambda features: features[0]["properties"].update(quote="Tunisia built a great wall"),
        "field 'quote': is not in the briefing's text",
    ),
    "barrier end far from the border": (
        "barrier.geojson",
        lambda features: features[0]["geometry"]["coordinates"].__setitem__(1, [9.0, 34.0]),
        "field 'geometry': the barrier's ends must lie within 0.2 degrees of the TUN-LBY border",
    ),
}


@pytest.mark.parametrize("kind", BROKEN_LAYERS)
def test_a_broken_layer_file_gets_a_clear_error(data_dir, kind):
    name, change, expected = BROKEN_LAYERS[kind]
    edit_layer(data_dir, name, change)
    problems = layer_problems(data_dir)
    assert any(expected in problem for problem in problems), problems


def test_a_layer_file_that_is_not_json_is_reported_with_its_line(data_dir):
    path = data_dir / "layers" / "flows.geojson"
    path.write_text(path.read_text().replace('"kind": "flow",', '"kind": "flow"', 1))
    problems = layer_problems(data_dir)
    assert any(p.startswith("layers/flows.geojson:") and "is not valid GeoJSON" in p for p in problems), problems


def test_a_missing_layer_file_is_reported(data_dir):
    (data_dir / "layers" / "barrier.geojson").unlink()
    assert "layers/barrier.geojson: file is missing" in layer_problems(data_dir)
