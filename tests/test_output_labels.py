"""The maps people take away (issue 21): each slide's and each hand-out page's map, read as its SVG
before it is photographed or printed, and the drawing each of the four image downloads serialises (a PNG
before it is rasterised), has its labels placed as the live page places them: no label on another label,
a symbol or the colour bar, none cut by the map's frame, each readable on the pixels behind it. The
slides at 1920x1080 (1280x720 CSS px at 1.5 device px each), the hand-out at 1280x720 (16:9) and A4;
the downloads from pages at 1920x1080 and 1280x720, of the default map and of a busy one."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from dashboard.figures.geometry import prepare_geometry
from dashboard.figures.style import PAGE_SIZES
from dashboard.outputs.handout import SHOW_ONLY, SLIDE_SCALE, arrange_maps, open_page
from dashboard.outputs.storypages import handout_html
from tests.test_accessibility import (
    DECODE_PNG,
    PIXEL_BOXES,
    as_pixels,
    faint_lines,
    label_collisions,
    line_boxes,
    line_contrast,
    overlaps,
)
from tests.test_browser import OfflinePage, download, png_size

pytestmark = pytest.mark.browser

# Every label (with its halo), symbol and the colour bar of the map drawn in `gd`, in CSS px from `origin`
# (the page's, or an off-screen drawing's own corner), and the map's frame: the rectangle it is clipped to.
MAP_OF = """(gd, origin) => {
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return [r.x - origin.x, r.y - origin.y, r.width, r.height];
  };
  const frame = box(gd.querySelector('.geolayer .bg rect'));
  const labels = [], symbols = [];
  for (const group of gd.querySelectorAll('.geolayer .trace.scattergeo')) {
    const trace = group.__data__[0].trace;
    if (trace.visible !== true) continue;
    for (const text of group.querySelectorAll('text[data-unformatted]')) {
      if (!text.textContent.trim() || text.parentNode.style.display === 'none') continue;
      const style = getComputedStyle(text);
      const lines = [...text.querySelectorAll('tspan.line')];
      labels.push({text: text.textContent, color: style.fill, halo: style.textShadow, size: parseFloat(style.fontSize),
        box: box(text), lines: (lines.length ? lines : [text]).map((line) => ({box: box(line),
          bold: style.fontWeight >= 700 || line.querySelector('[style*="bold"]') !== null}))});
    }
    for (const point of group.querySelectorAll('path.point')) {
      const b = box(point);
      if (b[2] > 0 && Number(getComputedStyle(point).opacity) > 0) symbols.push([trace.name, b]);
    }
  }
  const colorbar = gd.querySelector('.infolayer .colorbar');
  if (colorbar) symbols.push(['the colour bar', box(colorbar)]);
  const bar = colorbar && {box: box(colorbar.querySelector('.cbbg')),
    entries: [...colorbar.querySelectorAll('.cbtitle text')].map((t) => [t.textContent, box(t)])};
  const legend = gd.querySelector('.infolayer .legend .bg');
  const entries = [...gd.querySelectorAll('.infolayer .legend .legendtext')].map((t) => [t.textContent, box(t)]);
  return {frame, labels, symbols, legend: legend && {box: box(legend), entries}, bar};
}"""
PAGE_MAP = f"id => ({MAP_OF})(document.querySelector('#' + id + ' .map'), {{x: 0, y: 0}})"
# A page's words: the size of its step text and of its source lines, and how far they overflow their column.
PAGE_WORDS = """id => {
  const page = document.getElementById(id), words = page.querySelector('.words');
  const size = (selector) => parseFloat(getComputedStyle(page.querySelector(selector)).fontSize);
  return {text: size('.words .text'), sources: size('.sources'), overflow: words.scrollHeight - words.clientHeight};
}"""
HIDE_MAP_TEXT = "shown => document.querySelectorAll('.map .geolayer text').forEach(t => t.style.visibility = shown)"
OUTPUTS = {"slides 1920x1080": ("16:9", True), "hand-out 1280x720": ("16:9", False), "hand-out A4": ("a4", False)}

# Each image download's drawing, read as the page serialises it (plotly's Snapshot.toSVG; a PNG is then
# rasterised from that SVG): its map as MAP_OF reads it, the map's SVG without its text (the pixels behind
# each label), the size of the type round the map, and how many image px a CSS px.
READ_DOWNLOADS = f"""() => {{
  const read = {MAP_OF};
  const toSVG = Plotly.Snapshot.toSVG;
  window.imageDrawings = [];
  Plotly.Snapshot.toSVG = (gd, format, scale) => {{
    const svg = gd.querySelector('svg.main-svg');
    const origin = svg.getBoundingClientRect();
    const copy = svg.cloneNode(true);
    copy.querySelectorAll('.geolayer text').forEach((text) => text.remove());
    copy.setAttribute('width', origin.width);
    copy.setAttribute('height', origin.height);
    const around = [...gd.querySelectorAll('text')].filter((t) => !t.closest('.geolayer') && t.textContent.trim());
    const sizes = around.map((t) => parseFloat(getComputedStyle(t).fontSize));
    window.imageDrawings.push({{...read(gd, origin), scale, width: origin.width, height: origin.height,
      unlabelled: new XMLSerializer().serializeToString(copy), smallestAround: Math.min(...sizes),
      title: parseFloat(getComputedStyle(gd.querySelector('.gtitle')).fontSize)}});
    return toSVG(gd, format, scale);
  }};
}}"""
# An SVG drawn at its size in CSS px, as [width, height, pixels inside boxes].
RASTERISE = f"""async ([svg, width, height, boxes]) => {{
  const url = URL.createObjectURL(new Blob([svg], {{type: 'image/svg+xml'}}));
  const image = new Image();
  image.src = url;
  await image.decode();
  URL.revokeObjectURL(url);
  const canvas = new OffscreenCanvas(Math.ceil(width), Math.ceil(height));
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0, width, height);
  return [canvas.width, canvas.height, ({PIXEL_BOXES})(context, canvas.width, canvas.height, boxes)];
}}"""
DOWNLOAD_VIEWPORTS = {"downloads at 1920x1080": (1920, 1080), "downloads at 1280x720": (1280, 720)}
# The default map, and a busy one: a derived metric, a country selected, every layer on, zoomed in once.
DOWNLOAD_STATES = {"default": ("", False), "busy": ("?metric=share_returned&country=DZA", True)}
IMAGE_ITEMS = {"screen": "as on screen", "slides": "1920", "print": "2× for print", "svg": "SVG"}


def with_contrast(drawing: dict, background: np.ndarray) -> dict:
    """``drawing`` with each label line's contrast against ``background`` (rows of rgb) and the one it needs."""
    for label in drawing["labels"]:
        for line in label["lines"]:
            line["contrast"], line["needed"] = line_contrast(label["color"], line, label["size"], background)
    return drawing


def printed_maps(browser, briefing, name: str) -> list[dict]:
    """Each slide's or hand-out page's map, as drawn in ``browser`` (chromium) before it is photographed or
    printed."""
    size_name, slides = OUTPUTS[name]
    size = PAGE_SIZES[size_name]
    html = handout_html(briefing, prepare_geometry(briefing), size, notes=False, slides=slides)
    maps = []
    with open_page(browser, html, len(briefing.story), size, 1) as (page, refused):
        arrange_maps(page, briefing.story, slides)
        for number in range(1, len(briefing.story) + 1):
            page.evaluate(SHOW_ONLY, f"step-{number}")
            drawing = page.evaluate(PAGE_MAP, f"step-{number}")
            page.evaluate(HIDE_MAP_TEXT, "hidden")
            png = base64.b64encode(page.screenshot()).decode()
            page.evaluate(HIDE_MAP_TEXT, "")
            background = as_pixels(*page.evaluate(DECODE_PNG, [png, line_boxes(drawing["labels"])]))
            state = {"state": f"{name}, step {number}", "slide": slides, "scale": SLIDE_SCALE if slides else 1,
                     "words": page.evaluate(PAGE_WORDS, f"step-{number}")}  # fmt: skip
            maps.append({**state, **with_contrast(drawing, background)})
    assert refused == []
    return maps


def downloaded_maps(browser, live_server: str, name: str) -> list[dict]:
    """The drawing of each image download of each state, read as the page serialises it; each file is checked
    to be that drawing at its kind's scale."""
    offline = OfflinePage(browser, live_server + "/", *DOWNLOAD_VIEWPORTS[name])
    maps = []
    try:
        for state, (query, zoom) in DOWNLOAD_STATES.items():
            page = offline.open(query)
            if zoom:
                page.locator(".map-zoom [data-zoom='zoomIn']").click()
                page.wait_for_function("() => location.search.includes('extent=') && window.dandelion.labelsPlaced")
            page.evaluate(READ_DOWNLOADS)
            for kind, item in IMAGE_ITEMS.items():
                data = download(page, item)
                drawing = page.evaluate("() => window.imageDrawings.pop()")
                if kind != "svg":
                    scaled = (round(drawing["width"] * drawing["scale"]), round(drawing["height"] * drawing["scale"]))
                    assert png_size(data) == scaled, f"{state} {kind}: the PNG is the drawing at its scale"
                svg = [drawing.pop("unlabelled"), drawing["width"], drawing["height"], line_boxes(drawing["labels"])]
                background = as_pixels(*page.evaluate(RASTERISE, svg))
                named = f"{name}, {state} map, {kind}"
                maps.append({"state": named, "slide": kind == "slides", **with_contrast(drawing, background)})
    finally:
        offline.close()
    assert offline.outside_requests == []
    return maps


# Each output's drawings, read once for the tests of this module.
DRAWN: dict[str, list[dict]] = {}


def drawn(request, name: str) -> list[dict]:
    """The drawings of output ``name`` (of OUTPUTS or DOWNLOAD_VIEWPORTS), read the first time they are asked for."""
    if name not in DRAWN:
        browser = request.getfixturevalue("browser")
        if name in OUTPUTS:
            DRAWN[name] = printed_maps(browser.browser, request.getfixturevalue("briefing"), name)
        else:
            DRAWN[name] = downloaded_maps(browser, request.getfixturevalue("live_server"), name)
    return DRAWN[name]


@pytest.fixture(scope="module", params=[*OUTPUTS, *DOWNLOAD_VIEWPORTS])
def output_maps(request) -> list[dict]:
    return drawn(request, request.param)


@pytest.fixture(scope="module")
def slide_maps(request) -> list[dict]:
    """Every slide's map and every slide-sized download's."""
    return [drawing for name in [*OUTPUTS, *DOWNLOAD_VIEWPORTS] for drawing in drawn(request, name) if drawing["slide"]]


def test_no_output_label_touches_another_a_symbol_or_the_colour_bar(output_maps):
    collisions = label_collisions(output_maps)
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


@pytest.mark.parametrize("key", ["legend", "bar"])
def test_every_legend_entry_and_the_colour_bars_title_are_whole_inside_their_box(output_maps, key):
    """The legend names what is on the map, the colour bar's title what its colours count and where from: each
    entry, and each line of the title, inside its box (the white of the colour bar), none on another."""
    broken = []
    for drawn in output_maps:
        if not drawn[key]:
            continue
        x, y, width, height = drawn[key]["box"]
        entries = drawn[key]["entries"]
        for index, (text, (lx, ly, lw, lh)) in enumerate(entries):
            if lx < x - 0.5 or ly < y - 0.5 or lx + lw > x + width + 0.5 or ly + lh > y + height + 0.5:
                broken.append(f"{drawn['state']}: {text!r} outside its box")
            broken += [f"{drawn['state']}: {text!r} on {other!r}" for other, box in entries[index + 1 :]
                       if overlaps([lx, ly, lw, lh], box)]  # fmt: skip
    assert broken == []
    assert sum(len(drawn[key]["entries"]) for drawn in output_maps if drawn[key]) >= 2, "read"


def test_every_output_label_reads_against_the_pixels_behind_it(output_maps):
    assert faint_lines(output_maps) == []


def test_every_output_label_keeps_its_halo(output_maps):
    bare = [f"{drawn['state']}: {label['text']!r}" for drawn in output_maps for label in drawn["labels"]
            if label["halo"] in ("", "none")]  # fmt: skip
    assert bare == []


def test_a_slide_reads_from_the_back_of_the_room(slide_maps):
    """At 1920x1080 a slide's map labels are 24 px or more, its step text 40 px or more and its source lines
    22 px or more, all of them in their column; a slide-sized download's source lines and all the rest round its
    map 22 px or more, its title larger than both."""
    for drawing in slide_maps:
        scale = drawing["scale"]
        assert min(label["size"] for label in drawing["labels"]) * scale >= 24, drawing["state"]
        if "words" in drawing:
            words = drawing["words"]
            assert words["text"] * scale >= 40 and words["sources"] * scale >= 22, drawing["state"]
            assert words["overflow"] <= 0, f"{drawing['state']}: the words run {words['overflow']} px past the slide"
        if "title" in drawing:
            assert (round(drawing["width"] * scale), round(drawing["height"] * scale)) == (1920, 1080)
            assert drawing["smallestAround"] * scale >= 22, drawing["state"]
            assert drawing["title"] * scale >= 48, drawing["state"]
    assert sum("title" in drawing for drawing in slide_maps) == len(DOWNLOAD_VIEWPORTS) * len(DOWNLOAD_STATES)
    assert sum("words" in drawing for drawing in slide_maps) == len(DRAWN["slides 1920x1080"]), "every slide read"
