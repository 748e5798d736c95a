"""The presenter's story file: what it holds and the error a bad step gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from shapely.geometry import box

from dashboard.briefing import DataError, load_briefing
from dashboard.story import fit_extent


def test_the_default_story_follows_the_briefing(briefing):
    assert [step.id for step in briefing.story] == [
        "raqqa", "maghreb", "tunisia", "morocco", "algeria", "libya", "barrier", "bases",
        "prison-or-reintegration", "dandelion",
    ]  # fmt: skip
    tunisia = briefing.story[2]
    assert "around 3,000" in tunisia.text and "800" in tunisia.text
    assert tunisia.highlight == ("country:TUN",)
    assert "5,600" in briefing.story[0].text


def test_every_number_in_the_story_is_the_briefings(briefing):
    numbers = {"5,600", "3,000", "800", "1,600", "200", "600", "5,000", "2014", "2017", "2016"}
    for step in briefing.story:
        for number in re.findall(r"\d+(?:,\d{3})*", step.text):
            assert number in numbers, (step.id, number)


def test_a_fitted_step_frames_its_targets_with_margin(briefing):
    tunisia = briefing.story[2]
    west, south, east, north = briefing.countries.loc["TUN", "geometry"].bounds
    assert tunisia.extent["lon"][0] < west and tunisia.extent["lon"][1] > east
    assert tunisia.extent["lat"][0] < south and tunisia.extent["lat"][1] > north


def test_fit_extent_gives_small_things_some_context():
    extent = fit_extent([box(10, 32, 10.5, 32.5)])
    assert extent["lon"][1] - extent["lon"][0] == pytest.approx(6.0, abs=0.05)
    assert extent["lat"] == [pytest.approx(29.25, abs=0.01), pytest.approx(35.25, abs=0.01)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_STEPS = {
    "unknown metric": (
        '    metric: foreign_fighters\n    layers: [choropleth, labels, return_routes]\n    fit: ["country:TUN"]',
        '    metric: casualties\n    layers: [choropleth, labels, return_routes]\n    fit: ["country:TUN"]',
        "step 3 (Tunisia: the region's largest producer): field 'metric': unknown metric 'casualties'",
    ),
    "unknown layer": (
        "    layers: [choropleth, labels]\n    view: maghreb",
        "    layers: [choropleth, tiles]\n    view: maghreb",
        "step 2 (The Maghreb: a destination): field 'layers': must be a list of layer ids",
    ),
    "unknown highlight": (
        'highlight: ["country:TUN"]',
        'highlight: ["country:FRA"]',
        "step 3 (Tunisia: the region's largest producer): field 'highlight': unknown 'country:FRA'",
    ),
    "both a view and a fit": (
        '    view: raqqa\n    highlight: ["feature:return_routes/1"]',
        '    view: raqqa\n    fit: ["country:TUN"]\n    highlight: ["feature:return_routes/1"]',
        "step 1 (Raqqa falls, and the fighters scatter): field 'view': give either a view",
    ),
    "missing title": (
        '    title: "Morocco: few returnees, hard borders"\n',
        "",
        "step 4: field 'title': is missing",
    ),
}


@pytest.mark.parametrize("kind", BAD_STEPS)
def test_a_bad_step_names_the_step_and_the_field(data_dir, kind):
    old, new, expected = BAD_STEPS[kind]
    edit(data_dir / "story.yaml", old, new)
    with pytest.raises(DataError) as caught:
        load_briefing(data_dir)
    problems = [str(problem) for problem in caught.value.problems]
    assert any(p.startswith("story.yaml:") and expected in p for p in problems), problems
