"""The story as a PDF hand-out and as slides, made as a user makes them, with no network."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard.figures.geometry import prepare_geometry
from dashboard.figures.mapfigure import step_figure
from dashboard.figures.style import PAGE_SIZES
from dashboard.outputs.chromium import OutsideRequest, check_offline
from dashboard.outputs.handout import open_page
from dashboard.outputs.storypages import step_sources

ROOT = Path(__file__).resolve().parent.parent
POINTS_PER_INCH = 72


def no_network() -> list[str]:
    """A prefix that runs a command with no network at all, where the kernel allows it.

    The export itself refuses every request that is not answered from this
    machine; without a network namespace that is what the tests rely on.
    """
    prefix = ["unshare", "--net", "--map-root-user"]
    try:
        subprocess.run([*prefix, "true"], check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    return prefix


def export(*args: str) -> subprocess.CompletedProcess:
    command = [*no_network(), sys.executable, "-m", "dashboard", "export", *args]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return result


def page_text(page) -> str:
    return " ".join(page.extract_text().split())


@pytest.fixture(scope="module")
def handout(tmp_path_factory) -> PdfReader:
    out = tmp_path_factory.mktemp("handout") / "story.pdf"
    result = export("pdf", str(out), "--notes")
    assert f"wrote {out} (12 pages" in result.stdout
    return PdfReader(out)


@pytest.mark.browser
def test_the_handout_has_a_cover_a_page_a_step_and_the_sources(handout, briefing):
    assert len(handout.pages) == len(briefing.story) + 2 == 12
    cover = page_text(handout.pages[0])
    assert "Rogan" in cover and "Fall of Raqqa: Middle East Security Brief" in cover
    assert "Where Islamic State's foreign fighters go after Raqqa" in cover, "the title as written, not .capitalize()d"
    text = " ".join(page_text(page) for page in handout.pages)
    for developer_text in ("python -m dashboard", "shared/facts", "this project"):
        assert developer_text not in text, "the hand-out speaks to its readers, not to the developers"
    # No print time in the file: the same story gives the same bytes.
    assert handout.metadata["/CreationDate"] == handout.metadata["/ModDate"] == "D:20171001000000+00'00'"
    assert "The maps show the briefing's figures, as the briefing saw it (late 2017)" in cover
    for number, step in enumerate(briefing.story, 1):
        text = page_text(handout.pages[number])
        assert step.title in text and f"Step {number} of 10".upper() in text.upper()
        assert " ".join(step.text.split()) in text
        assert " ".join(step.notes.split())[:60] in text, step.id
        assert all(source.short in text for source in step_sources(briefing, step)), step.id
    sources = page_text(handout.pages[-1])
    assert sources.startswith("Sources")
    assert all(source.short in sources for source in briefing.sources.values())


@pytest.mark.browser
def test_a_step_page_has_the_map_with_its_legend_and_figures(handout):
    libya = page_text(handout.pages[6])
    assert "Foreign fighters (people)" in libya  # the colour scale's title
    assert "just over 600" in libya  # the map's own label
    assert "Onward movement (direction only)" in libya  # the legend of a layer that is on
    assert "Tunisia's border barrier" not in libya  # ... and not of one that is off


@pytest.mark.browser
def test_the_handout_is_a4_landscape_by_default_and_letter_or_16_9_on_request(handout, tmp_path):
    box = handout.pages[0].mediabox
    assert (round(box.width / POINTS_PER_INCH * 25.4), round(box.height / POINTS_PER_INCH * 25.4)) == (297, 210)
    out = tmp_path / "wide.pdf"
    export("pdf", str(out), "--size", "16:9")
    wide = PdfReader(out)
    assert len(wide.pages) == 12
    box = wide.pages[0].mediabox
    assert box.width / box.height == pytest.approx(16 / 9, abs=0.01)
    assert "Speaker notes".upper() not in page_text(wide.pages[3]).upper()


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_slides_are_one_1920x1080_png_a_step(briefing, tmp_path):
    folder = tmp_path / "slides"
    result = export("slides", str(folder))
    assert "wrote 10 slides" in result.stdout
    names = sorted(path.name for path in folder.iterdir())
    assert names == [f"{number:02d}-{step.id}.png" for number, step in enumerate(briefing.story, 1)]
    assert names[0] == "01-raqqa.png"
    for name in names:
        assert png_size(folder / name) == (1920, 1080), name


@pytest.mark.browser
def test_an_outside_request_fails_the_export(browser):
    page_html = "<script>window.handoutReady = fetch('https://cdn.plot.ly/world_50m.json').catch(() => null)</script>"
    with open_page(browser.browser, page_html, 0, PAGE_SIZES["a4"], 1) as (_, refused):
        pass
    assert refused == ["https://cdn.plot.ly/world_50m.json"]
    with pytest.raises(OutsideRequest, match="nothing may be fetched from outside"):
        check_offline(refused)


def test_without_chromium_the_export_says_what_is_missing(tmp_path):
    command = [sys.executable, "-m", "dashboard", "export", "pdf", str(tmp_path / "story.pdf")]
    env = {**os.environ, "DANDELION_CHROMIUM": str(tmp_path / "no-chromium")}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert f"cannot start {tmp_path / 'no-chromium'} (Debian's chromium" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "story.pdf").exists()


def test_a_steps_sources_are_those_of_what_its_map_shows(briefing):
    by_id = {step.id: step for step in briefing.story}
    assert [s.id for s in step_sources(briefing, by_id["maghreb"])] == ["briefing", "natural_earth"]
    barrier = [s.id for s in step_sources(briefing, by_id["barrier"])]
    assert barrier[0] == "briefing" and "aljazeera_2016" in barrier and barrier[-1] == "natural_earth"


def test_a_steps_map_shows_its_layers_and_highlight_and_fills_its_frame(briefing):
    step = next(step for step in briefing.story if step.id == "barrier")
    figure = step_figure(briefing, prepare_geometry(briefing), step, 700, 462)
    visible = {trace.meta["layer"] for trace in figure.data if trace.visible}
    assert visible == {"choropleth", "labels", "barrier", "selection"}
    ring = next(trace for trace in figure.data if trace.meta.get("part") == "selected-feature")
    assert len(ring.lon) == 1
    assert (figure.layout.width, figure.layout.height) == (700, 462)
    lon = figure.layout.geo.lonaxis.range
    assert lon[0] <= step.extent["lon"][0] and lon[1] >= step.extent["lon"][1]
