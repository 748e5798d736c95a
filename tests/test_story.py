"""The presenter's story file: what it holds and the error a bad step gets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from shapely.geometry import box

from dashboard.model.briefing import load_briefing
from dashboard.model.story import fit_extent, step_budgets_ms
from dashboard.model.validation import DataError
from tests.test_cli import dashboard


def test_the_default_story_follows_the_briefing(briefing):
    assert [step.id for step in briefing.story] == [
        "raqqa", "maghreb", "tunisia", "morocco", "algeria", "libya", "barrier", "bases",
        "prison-or-reintegration", "dandelion",
    ]  # fmt: skip
    tunisia = briefing.story[2]
    assert "around 3,000" in tunisia.text and "800" in tunisia.text
    assert tunisia.highlight == ("country:TUN",)
    assert "5,600" in briefing.story[0].text


def test_every_step_has_speaker_notes_with_the_briefings_figures(briefing):
    assert all(step.notes for step in briefing.story)
    tunisia = briefing.story[2].notes
    assert "around 3,000" in tunisia and "800" in tunisia and "mid-2017" in tunisia


def test_check_rejects_a_note_with_a_number_the_briefing_does_not_give(data_dir):
    edit(data_dir / "story.yaml", "Tunisia sent around 3,000: first", "Tunisia sent around 4,000: first")
    result = dashboard("check", "--data", str(data_dir))
    assert result.returncode == 2
    step = "step 3 (Tunisia: the region's largest producer)"
    assert f"{step}: field 'notes': 4,000 is not a number the step's sources give" in result.stderr


def test_the_talk_is_paced_as_reveal_js_paces_it(briefing):
    """Each step's planned time: its own minutes, else a share of what the total leaves, else the mean of the others."""
    steps = briefing.story[:4]
    timed = [
        dataclasses.replace(step, minutes=minutes) for step, minutes in zip(steps, (2, None, 1, None), strict=True)
    ]
    assert step_budgets_ms(steps, None) is None
    assert step_budgets_ms(steps, 8) == [120_000] * 4
    assert step_budgets_ms(timed, 8) == [120_000, 150_000, 60_000, 150_000]
    assert step_budgets_ms(timed, 2) == [120_000, 0, 60_000, 0]  # the steps' own outrun the total: they stand
    assert step_budgets_ms(timed, None) == [120_000, 90_000, 60_000, 90_000]
    # The default story plans a 15-minute talk: the speaker view shows the pacing cue.
    assert sum(step_budgets_ms(briefing.story, briefing.story_minutes) or []) == 15 * 60_000


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
        '    view: raqqa\n    highlight: ["feature:return_routes/raqqa"]',
        '    view: raqqa\n    fit: ["country:TUN"]\n    highlight: ["feature:return_routes/raqqa"]',
        "step 1 (Raqqa falls, and the fighters scatter): field 'view': give either a view",
    ),
    "a number the briefing does not give": (
        "estimates 5,600 foreign fighters have returned home. Where",
        "estimates 6,000 foreign fighters have returned home. Where",
        "step 1 (Raqqa falls, and the fighters scatter): field 'text': 6,000 is not a number the step's sources give",
    ),
    "a figure without its qualifier": (
        "Libya had just over 600 foreign fighters; how many",
        "Libya had 600 foreign fighters; how many",
        "step 6 (Libya: where the threat is strongest): field 'text': 600 needs the briefing's qualifier",
    ),
    "minutes that are not a number": (
        "    view: maghreb\n",
        "    view: maghreb\n    minutes: soon\n",
        "step 2 (The Maghreb: a destination): field 'minutes': must be a number, got 'soon'",
    ),
    "a total that is not positive": (
        "total_minutes: 15\n",
        "total_minutes: 0\n",
        "field 'total_minutes': must be a positive number of minutes, got 0",
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
