"""The browser's modules (assets/modules/*.mjs) under Node's own test runner,
with the page config Python builds; and the browser's patch checked against
the figures Python draws."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dashboard.figures.geometry import prepare_geometry
from dashboard.figures.mapfigure import build_map_figure
from dashboard.model.metrics import DEFAULT_METRIC, METRICS
from dashboard.model.observations import ALL_SOURCES, LATEST, Selection
from dashboard.page.config import browser_config
from dashboard.page.controls import layer_groups

JS_TESTS = Path(__file__).parent / "js"
# python3 dev.py test installs Node.js; without it these tests fail, never skip.
NODE = shutil.which("node") or "node"


@pytest.fixture(scope="module")
def figures(briefing) -> dict[str, dict]:
    geometry = prepare_geometry(briefing)
    return {metric_id: build_map_figure(briefing, geometry, metric_id).to_plotly_json() for metric_id in METRICS}


@pytest.fixture(scope="module")
def config(briefing) -> dict:
    # Through JSON, as the page receives it.
    return json.loads(json.dumps(browser_config(briefing, prepare_geometry(briefing))))


def node(script: str, payload: object) -> object:
    result = subprocess.run(
        [NODE, str(JS_TESTS / script)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_browser_modules_pass_their_unit_tests(config, tmp_path):
    config_file = tmp_path / "config.json"
    config_file.write_text(json.dumps(config))
    tests = sorted(str(path) for path in JS_TESTS.glob("*.test.mjs"))
    result = subprocess.run(
        [NODE, "--test", *tests], capture_output=True, text=True, env={"DANDELION_CONFIG": str(config_file)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


@pytest.mark.parametrize("metric", list(METRICS))
def test_the_browser_patch_for_a_metric_gives_the_figure_python_draws(briefing, config, figures, metric):
    """The first map sent, patched in the browser for a metric, is the map Python draws for it."""
    layers = [layer_id for group in layer_groups(briefing).values() for layer_id, _ in group]
    state = {"metric": metric, "outline": {"countries": [], "features": []}, "layers": layers,
             "presenting": False, "legend": True}  # fmt: skip
    patched = node("apply_patch.mjs", {"config": config, "figure": figures[DEFAULT_METRIC], "state": state})
    assert patched == json.loads(json.dumps(figures[metric]))


def test_the_browser_patch_for_a_source_and_time_gives_the_figure_python_draws(briefing, config, figures):
    """Every source's latest figures, patched in the browser, are the map Python draws for that selection."""
    selection = Selection(ALL_SOURCES, LATEST)
    expected = build_map_figure(briefing, prepare_geometry(briefing), "share_returned", selection=selection)
    layers = [layer_id for group in layer_groups(briefing).values() for layer_id, _ in group]
    state = {"metric": "share_returned", "source": selection.source, "time": selection.time,
             "outline": {"countries": [], "features": []}, "layers": layers,
             "presenting": False, "legend": True}  # fmt: skip
    patched = node("apply_patch.mjs", {"config": config, "figure": figures[DEFAULT_METRIC], "state": state})
    assert patched == json.loads(json.dumps(expected.to_plotly_json()))
    assert patched != json.loads(json.dumps(figures["share_returned"]))
