"""The maps people take away (issue 21): each slide's and each hand-out page's map, read as its SVG
before it is photographed or printed, has its labels placed as the live page places them: no label on
another label, a symbol or the colour bar, none cut by the map's frame, each readable on the pixels
behind it. At 1920x1080 (the slides: 1280x720 CSS px at 1.5 device px each), 1280x720 (the 16:9
hand-out) and A4 (the default hand-out)."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from playwright.sync_api import sync_playwright

from dashboard.handout import SHOW_ONLY, fit_maps, handout_html, open_page, place_labels
from dashboard.mapfigure import prepare_geometry
from dashboard.style import PAGE_SIZES
from tests.test_accessibility import DECODE_PNG, line_contrast, overlaps

pytestmark = pytest.mark.browser

# Every label, symbol and the colour bar of one page's map, in CSS px, and the map's plot frame.
PAGE_MAP = """id => {
  const gd = document.querySelector('#' + id + ' .map');
  const size = gd._fullLayout._size, at = gd.getBoundingClientRect();
  const frame = [at.x + size.l, at.y + size.t, size.w, size.h];
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const labels = [], symbols = [];
  for (const group of gd.querySelectorAll('.geolayer .trace.scattergeo')) {
    const trace = group.__data__[0].trace;
    if (trace.visible !== true) continue;
    for (const text of group.querySelectorAll('text[data-unformatted]')) {
      if (!text.textContent.trim() || text.parentNode.style.display === 'none') continue;
      const style = getComputedStyle(text);
      const lines = [...text.querySelectorAll('tspan.line')];
      labels.push({text: text.textContent, color: style.fill, size: parseFloat(style.fontSize), box: box(text),
        lines: (lines.length ? lines : [text]).map((line) => ({box: box(line),
          bold: style.fontWeight >= 700 || line.querySelector('[style*="bold"]') !== null}))});
    }
    for (const point of group.querySelectorAll('path.point')) {
      const b = box(point);
      if (b[2] > 0 && Number(getComputedStyle(point).opacity) > 0) symbols.push([trace.name, b]);
    }
  }
  const colorbar = gd.querySelector('.infolayer .colorbar');
  if (colorbar) symbols.push(['the colour bar', box(colorbar)]);
  return {frame, labels, symbols};
}"""
HIDE_MAP_TEXT = "shown => document.querySelectorAll('.map .geolayer text').forEach(t => t.style.visibility = shown)"
OUTPUTS = {"slides 1920x1080": ("16:9", True), "hand-out 1280x720": ("16:9", False), "hand-out A4": ("a4", False)}


@pytest.fixture(scope="module", params=list(OUTPUTS))
def output_maps(request, briefing) -> list[dict]:
    size_name, slides = OUTPUTS[request.param]
    size = PAGE_SIZES[size_name]
    html = handout_html(briefing, prepare_geometry(briefing), size, notes=False, slides=slides)
    maps = []
    with sync_playwright() as playwright:
        browser, page, refused = open_page(playwright, html, len(briefing.story), size, 1)
        try:
            fit_maps(page, briefing.story)
            place_labels(page)
            for number in range(1, len(briefing.story) + 1):
                page.evaluate(SHOW_ONLY, f"step-{number}")
                drawing = page.evaluate(PAGE_MAP, f"step-{number}")
                page.evaluate(HIDE_MAP_TEXT, "hidden")
                png = base64.b64encode(page.screenshot()).decode()
                page.evaluate(HIDE_MAP_TEXT, "")
                width, height, pixels = page.evaluate(DECODE_PNG, png)
                background = np.frombuffer(base64.b64decode(pixels), np.uint8).reshape(height, width, 4)[:, :, :3]
                for label in drawing["labels"]:
                    for line in label["lines"]:
                        line["contrast"], line["needed"] = line_contrast(
                            label["color"], line, label["size"], background
                        )
                maps.append({"state": f"{request.param}, step {number}", **drawing})
        finally:
            browser.close()
    assert refused == []
    return maps


def test_no_output_label_touches_another_a_symbol_or_the_colour_bar(output_maps):
    collisions = []
    for drawn in output_maps:
        labels = drawn["labels"]
        for n, label in enumerate(labels):
            others = [(other["text"], other["box"]) for other in labels[n + 1 :]] + drawn["symbols"]
            found = [f"{drawn['state']}: {label['text']!r} on {name!r}" for name, box in others
                     if overlaps(label["box"], box)]  # fmt: skip
            collisions += found
    assert collisions == [], "\n".join(collisions)
    assert sum(len(drawn["labels"]) for drawn in output_maps) >= 5 * len(output_maps), "the labels were read"


def test_no_output_label_is_cut_by_the_maps_frame(output_maps):
    cut = []
    for drawn in output_maps:
        x, y, width, height = drawn["frame"]
        for label in drawn["labels"]:
            lx, ly, lw, lh = label["box"]
            if lx < x - 0.5 or ly < y - 0.5 or lx + lw > x + width + 0.5 or ly + lh > y + height + 0.5:
                cut.append(f"{drawn['state']}: {label['text']!r}")
    assert cut == []


def test_every_output_label_reads_against_the_pixels_behind_it(output_maps):
    faint = [
        f"{drawn['state']}: {label['text']!r} {line['contrast']:.2f} < {line['needed']}"
        for drawn in output_maps
        for label in drawn["labels"]
        for line in label["lines"]
        if line["contrast"] < line["needed"]
    ]
    assert faint == []
