"""Data edits that cannot go wrong silently: each mistake an analyst might make, in a copy of geodata/."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.model.briefing import load_briefing
from dashboard.web.app import create_app
from dashboard.web.watch import STATUS_PATH, ReloadingApp
from tests.test_briefing import edit, problems_for
from tests.test_serving import get, running


def layer_file(data_dir: Path, name: str) -> Path:
    return data_dir / "layers" / f"{name}.geojson"


def test_swapped_coordinates_are_caught_and_the_swap_named(data_dir):
    edit(layer_file(data_dir, "us_forces_tunisia"), "[9.7915, 37.2454]", "[37.2454, 9.7915]")
    problems = problems_for(data_dir)
    (problem,) = [p for p in problems if "us_forces_tunisia.geojson" in p]
    name = "US drone operations in Tunisia (base not named: Sidi Ahmed, Bizerte, or Remada)"
    assert f"feature 1 ({name}): field 'geometry'" in problem
    assert "[37.2454, 9.7915] lies outside the layer's region" in problem
    assert "longitude and latitude look swapped" in problem and "should probably be [9.7915, 37.2454]" in problem
    # The one problem, not knock-on errors from the story step that names the place.
    assert problems == [problem]


def test_a_point_far_from_its_region_without_a_plausible_swap_is_still_caught(data_dir):
    edit(layer_file(data_dir, "niger_drone_base"), "[2.1836, 13.4815]", "[2.1836, 48.0]")
    (problem,) = problems_for(data_dir)
    assert "lies outside the layer's region" in problem and "swapped" not in problem


def test_misspelt_keys_are_errors_with_the_nearest_valid_name(data_dir):
    edit(data_dir / "figures.yaml", '    attributed_to: "US intelligence"', '    atributed_to: "US intelligence"')
    edit(data_dir / "figures.yaml", "    since: ", "    sinse: ")
    edit(layer_file(data_dir, "niger_drone_base"), '"label": "Air Base 201, Agadez"', '"lable": "Air Base 201, Agadez"')
    edit(data_dir / "story.yaml", "    highlight: []", "    hightlight: []")
    edit(data_dir / "layers.yaml", '    title: "Tunisia\'s border barrier"', '    titel: "Tunisia\'s border barrier"')
    problems = problems_for(data_dir)
    expected = [
        ("figures.yaml:", "field 'atributed_to': unknown field (did you mean 'attributed_to'?)"),
        ("figures.yaml:", "field 'sinse': unknown field (did you mean 'since'?)"),
        ("layers/niger_drone_base.geojson:5:", "field 'lable': unknown field (did you mean 'label'?)"),
        ("story.yaml:", "field 'hightlight': unknown field (did you mean 'highlight'?)"),
        ("layers.yaml:", "field 'titel': unknown field (did you mean 'title'?)"),
    ]
    for start, words in expected:
        assert any(p.startswith(start) and words in p for p in problems), (start, words, problems)


def test_a_yaml_problem_points_at_the_fields_own_line(data_dir):
    path = data_dir / "figures.yaml"
    edit(path, '    attributed_to: "US intelligence"', '    atributed_to: "US intelligence"')
    line = path.read_text(encoding="utf-8").split("atributed_to")[0].count("\n") + 1
    assert any(p.startswith(f"figures.yaml:{line}: ") for p in problems_for(data_dir))


def test_reordering_a_layer_file_changes_nothing_a_step_shows(data_dir, briefing):
    path = layer_file(data_dir, "algeria_air_base")
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"].reverse()
    path.write_text(json.dumps(collection, indent=1), encoding="utf-8")
    reordered = load_briefing(data_dir)
    step = next(step for step in reordered.story if step.id == "bases")
    assert "feature:algeria_air_base/reggane" in step.highlight
    assert reordered.feature("algeria_air_base/reggane").name.startswith("Reggane")
    assert step.extent == next(s for s in briefing.story if s.id == "bases").extent


def test_a_feature_without_a_stable_id_is_reported(data_dir):
    edit(layer_file(data_dir, "algeria_air_base"), ' "id": "hassi-tiririne",', "")
    problem, story = problems_for(data_dir)
    assert problem.startswith("layers/algeria_air_base.geojson:14: feature 2")
    assert "field 'id': needs a stable id" in problem
    # The story's step still names the id, which no longer exists.
    assert story.startswith("story.yaml:") and "unknown 'feature:algeria_air_base/hassi-tiririne'" in story


def test_records_without_an_id_are_each_missing_one_not_a_duplicate_of_the_other(data_dir):
    edit(data_dir / "story.yaml", "  - id: raqqa\n", "  -\n")
    edit(data_dir / "story.yaml", "  - id: maghreb\n", "  -\n")
    edit(data_dir / "layers.yaml", "  - id: niger_drone_base\n", "  -\n")
    edit(data_dir / "layers.yaml", "  - id: algeria_air_base\n", "  -\n")
    problems = problems_for(data_dir)
    missing = [p for p in problems if p.endswith("field 'id': is missing")]
    assert [p.split(":")[0] for p in missing] == ["layers.yaml", "layers.yaml", "story.yaml", "story.yaml"]
    assert not [p for p in problems if "duplicate" in p]


def test_a_quote_one_character_off_says_where(data_dir):
    edit(layer_file(data_dir, "flows"), "many of Morocco’s foreign fighters", "many of Morocco's foreign fighters")
    (problem,) = problems_for(data_dir)
    assert "differs at character 16" in problem
    assert "the quote has \"'\" (U+0027), the text '’' (U+2019)" in problem


def test_a_quote_may_leave_words_out_as_figures_yaml_documents(data_dir):
    edit(
        layer_file(data_dir, "barrier"),
        '"quote": "Tunisia has erected an earthen wall along its Libyan border"',
        '"quote": "Tunisia has erected an earthen wall ... to keep returnees and IS-Libyan militants"',
    )
    load_briefing(data_dir)


def test_a_one_coordinate_point_is_explained_in_words(data_dir):
    edit(layer_file(data_dir, "niger_drone_base"), "[2.1836, 13.4815]", "[2.1836]")
    (problem,) = problems_for(data_dir)
    assert "Point: a position needs two numbers, [longitude, latitude]; got [2.1836]" in problem
    assert "numpy" not in problem and "ndarray" not in problem


def test_a_generic_place_with_its_own_symbol_needs_no_code(data_dir):
    """An analyst adds a layer of camps: its symbol comes from the data, and the layer panel gets a swatch."""
    camps = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "camp-a",
                "geometry": {"type": "Point", "coordinates": [10.2, 33.1]},
                "properties": {
                    "name": "A camp",
                    "kind": "place",
                    "symbol": "star",
                    "description": "An example place.",
                    "date": "2017",
                    "source": "briefing",
                    "confidence": "low",
                    "status": "approximate",
                    "uncertainty_km": 20,
                },
            }
        ],
    }
    layer_file(data_dir, "camps").write_text(json.dumps(camps), encoding="utf-8")
    layers = data_dir / "layers.yaml"
    layers.write_text(
        layers.read_text(encoding="utf-8")
        + "  - id: camps\n    title: Camps\n    group: measures\n    file: layers/camps.geojson\n"
        + "    region: {west: 7.5, south: 30, east: 11.6, north: 37.6}\n",
        encoding="utf-8",
    )
    app = create_app(data_dir)
    layout = json.dumps(app.layout.to_plotly_json(), default=str)
    assert "swatch swatch-symbol-star" in layout
    figure = app.layout["map"].figure
    traces = [t for t in figure["data"] if t.get("meta", {}).get("layer") == "camps"]
    (trace,) = [t for t in traces if t.get("mode") == "markers"]
    assert list(trace["marker"]["symbol"]) == ["star-open"]
    assert [t["mode"] for t in traces].count("text") == 1, "its name, drawn over every layer"


def test_a_bad_symbol_is_reported_with_the_choices(data_dir):
    edit(
        layer_file(data_dir, "niger_drone_base"),
        '"kind": "drone_base",\n  "description": "US drone base',
        '"kind": "place", "symbol": "skull",\n  "description": "US drone base',
    )
    (problem,) = problems_for(data_dir)
    assert "field 'symbol': unknown symbol 'skull'; expected one of" in problem and "star" in problem


def served_layout(app: ReloadingApp) -> str:
    """The page's layout as the server sends it now."""
    return app.app.server.test_client().get("/_dash-layout").get_data(as_text=True)


def status(app: ReloadingApp) -> dict:
    """What open pages read about the data served (dashboard/web/watch.py STATUS_PATH)."""
    return json.loads(b"".join(app({"PATH_INFO": STATUS_PATH, "REQUEST_METHOD": "GET"}, lambda *_: None)))


def test_watch_reloads_good_edits_and_keeps_the_last_good_data_on_bad_ones(data_dir):
    broken = data_dir / "BREAK"

    def build(folder):
        if broken.exists():  # stands for any bug a data edit could expose while building
            raise RuntimeError("boom")
        return create_app(folder)

    watched = ReloadingApp(data_dir, build)
    first = status(watched)
    assert first == {"version": watched.app.data_version, "problems": []}
    assert watched.reload_if_changed() is None  # nothing changed
    figures = data_dir / "figures.yaml"
    good = figures.read_text(encoding="utf-8")
    # A bad edit: reported with file, line, field and reason; the last good data stays served, and open pages hear it.
    figures.write_text(good.replace("    value: 800\n", "    value: -800\n", 1), encoding="utf-8")
    problems = watched.reload_if_changed()
    assert [str(p).split(": ", 1)[0].startswith("figures.yaml:") for p in problems] == [True]
    assert "field 'value': must not be negative" in str(problems[0])
    assert "800 since mid-2017" in served_layout(watched)
    assert status(watched)["version"] == first["version"]
    assert "must not be negative" in status(watched)["problems"][0]
    # A build that fails for any other reason keeps the last good app too, and says why.
    figures.write_text(good, encoding="utf-8")
    broken.write_text("x", encoding="utf-8")
    (problem,) = watched.reload_if_changed()
    assert "the app could not be built: RuntimeError: boom" in str(problem)
    broken.unlink()
    # A good edit is served at once, and open pages are offered it.
    figures.write_text(good.replace("Fourth after Russia,", "Fourth, after Russia,", 1), encoding="utf-8")
    assert watched.reload_if_changed() == []
    assert "Fourth, after Russia," in served_layout(watched)
    assert status(watched)["problems"] == [] and status(watched)["version"] != first["version"]


def test_the_server_with_watch_serves_a_good_edit(data_dir):
    """The same through `python -m dashboard --watch`, as `python3 dev.py run` serves: the reload builds the app
    and starts making the new data's outputs from the watching thread, not the main one."""
    with running("--watch", "--data", str(data_dir)) as server:
        before = json.loads(get(server.url + STATUS_PATH)[2])
        figures = data_dir / "figures.yaml"
        figures.write_text(
            figures.read_text(encoding="utf-8").replace("Fourth after Russia,", "Fourth, after Russia,", 1),
            encoding="utf-8",
        )
        server.read_until("Reloaded the data")
        after = json.loads(get(server.url + STATUS_PATH)[2])
        assert after["problems"] == [] and after["version"] != before["version"]
        assert b"Fourth, after Russia," in get(server.url + "/_dash-layout")[2]
        code, output = server.stop()
    assert code == 0 and "could not be built" not in output and "Traceback" not in output, output
