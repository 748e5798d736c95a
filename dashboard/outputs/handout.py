"""The story to take away: a PDF hand-out and one PNG slide a step.

Both are one HTML page of our own (dashboard/outputs/storypages.py), drawn by plotly.js from figures built
here (:func:`dashboard.figures.mapfigure.step_figure`) and printed or photographed
by Debian's chromium through playwright.

Why chromium's print-to-PDF and not kaleido 1.x: kaleido draws one figure
at a time, so the cover, the step's text, its sources and the source list
would need a second tool to set the pages; chromium sets the whole hand-out
from HTML and CSS in one pass, keeps the maps as vectors and the text as
text, and the same page photographed gives the slides. playwright is
already how the tests drive that chromium, and lets every request be
answered from this machine: the page, plotly.js and the base map come from
``assets/``; any other request is refused, and the export fails.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.figures.contract import PARTS
from dashboard.figures.geometry import prepare_geometry
from dashboard.figures.style import LABEL_RULE, PAGE_SIZES, PageSize
from dashboard.model.briefing import Briefing
from dashboard.model.files import write_atomically
from dashboard.model.resources import ASSETS_DIR
from dashboard.model.story import Step
from dashboard.outputs.chromium import CHROMIUM, ORIGIN, Answer, ExportError, OneChromium, answer_here, check_offline
from dashboard.outputs.storypages import SLIDE_WORDS, handout_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SHOW_ONLY = "id => document.querySelectorAll('.page').forEach(page => { page.hidden = page.id !== id; })"

# A slide is a 16:9 page drawn at 1.5 device px a CSS px: 1920x1080.
SLIDE = PAGE_SIZES["16:9"]
SLIDE_SCALE = 1.5


@dataclass(frozen=True)
class Made:
    """What an export wrote."""

    paths: list[Path]
    pages: int


def _asset(path: str) -> Path | None:
    """The file under assets/ that ``path`` (/assets/...) names, or None."""
    if not path.startswith("/assets/"):
        return None
    candidate = (ASSETS_DIR / path.removeprefix("/assets/")).resolve()
    return candidate if candidate.is_file() and ASSETS_DIR.resolve() in candidate.parents else None


@contextlib.contextmanager
def open_page(browser: Browser, html: str, maps: int, size: PageSize, scale: float) -> Iterator[tuple[Page, list[str]]]:
    """A page of ``browser`` (chromium) showing ``html`` with its ``maps`` drawn, every request answered from
    here, in a context of its own that the block closes.

    Yields the page, and the list of refused requests (which grows if the
    page asks for more later).
    """
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport={"width": size.width, "height": size.height}, device_scale_factor=scale)
    page = context.new_page()

    def answer(path: str) -> Answer | None:
        if path == "/":
            return 200, html, "text/html; charset=utf-8"
        if (asset := _asset(path.split("?")[0])) is not None:
            kind = "application/javascript" if asset.suffix in (".js", ".mjs") else "application/json"
            return 200, asset.read_bytes(), kind
        return None

    refused = answer_here(page, answer)
    try:
        try:
            page.goto(f"{ORIGIN}/")
            page.evaluate("window.handoutReady.then(() => true)")
            # plotly draws the land once the base map has arrived.
            land = "count => document.querySelectorAll('.map .geo .layer.land path').length >= count"
            page.wait_for_function(land, arg=maps)
        except PlaywrightError as error:
            check_offline(refused)  # a refused request is the likelier cause: say so
            raise ExportError(f"chromium could not draw the maps: {error.message.splitlines()[0]}") from error
        yield page, refused
    finally:
        context.close()


# Each slide's words in the narrowest column they fit in (SLIDE_WORDS), and its map sized to fill the rest of
# the slide below its caption, its legend's strip as high as plotly draws the legend (none where it shows none).
SIZE_SLIDE_MAPS = """async ({least, most, step}) => {
    for (const page of document.querySelectorAll('.page.step')) {
        const words = page.querySelector('.words');
        let width = least;
        page.style.setProperty('--words-width', width + 'px');
        while (width < most && words.scrollHeight > words.clientHeight) {
            width += step;
            page.style.setProperty('--words-width', width + 'px');
        }
        const map = page.querySelector('.map');
        const cell = page.querySelector('.map-cell').getBoundingClientRect();
        const caption = map.previousElementSibling.getBoundingClientRect().bottom;
        await Plotly.relayout(map, {width: cell.width, height: Math.floor(cell.bottom - caption)});
        const legend = map._fullLayout.showlegend ? Math.ceil(map._fullLayout.legend?._height ?? 0) : 0;
        await Plotly.relayout(map, {'margin.b': legend});
    }
}"""
# Each map fitted to its step's extent in the frame plotly gave it, with no place it marks under its colour
# bar, by the presenter's own rule (assets/src/map.mjs fitClear): one rule for the room and what is taken away.
FIT_MAPS = """async extents => {
    const {fitClear, extentLayout} = window.dandelionRules;
    await Promise.all(extents.map((extent, i) => {
        const map = document.getElementById('map-' + (i + 1));
        return Plotly.relayout(map, extentLayout(fitClear(map, extent)));
    }));
}"""
# Each map's labels placed and inked by the live page's own code (assets/modules/arrange.mjs), on the
# map as fitted: clear of each other, of symbols, of its colour bar and of the frame's edge.
PLACE_LABELS = """async setup => {
    const {placeLabelsOn, unlabelledMap} = window.dandelionRules;
    for (const map of document.querySelectorAll('.map')) {
        const pixelAt = await unlabelledMap(map).catch(() => () => null);
        placeLabelsOn(map, pixelAt, setup);
    }
}"""
# A halo drawn as a blurred shadow is dropped by print: in the PDF each label's halo is an outline of its
# colour instead, drawn under the letters.
HALOS_AS_OUTLINES = """() => {
    for (const text of document.querySelectorAll('.map .geolayer .scattergeo text')) {
        const shadow = getComputedStyle(text).textShadow;
        if (!shadow || shadow === 'none') continue;
        const colour = shadow.match(/rgba?\\([^)]*\\)|#[0-9a-f]{3,8}/i);
        if (!colour) continue;
        Object.assign(text.style,
            {stroke: colour[0], strokeWidth: '3px', strokeLinejoin: 'round', paintOrder: 'stroke'});
    }
}"""


def arrange_maps(page, steps: list[Step], slides: bool) -> None:
    """Draw every step's map as it is taken away: on a slide, sized to what its words leave; fitted to its
    step's extent in its frame; its labels placed as the live page places its own."""
    if slides:
        page.evaluate(SIZE_SLIDE_MAPS, SLIDE_WORDS)
    page.evaluate(FIT_MAPS, [step.extent for step in steps])
    page.evaluate(PLACE_LABELS, {"parts": PARTS, "rule": LABEL_RULE})


# Chromium dates the PDF it prints (D:YYYYMMDDHHmmSS+00'00'); the same story gives the same bytes with this
# date instead, of the same length, so that the file's offsets stay true.
PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")
PDF_DATE = b"D:20171001000000+00'00'"


def undated(pdf: bytes) -> bytes:
    """``pdf`` with chromium's print time replaced by a fixed date: no timestamp in what is taken away."""
    return PDF_DATES.sub(lambda m: b"/" + m.group(1) + b" (" + PDF_DATE + b")", pdf)


def handout_pdf(briefing: Briefing, chromium: OneChromium, size: str = "a4", notes: bool = False) -> bytes:
    """The hand-out as PDF bytes, printed by ``chromium``: cover, one page a step (with its notes if
    ``notes``), sources."""
    page_size = PAGE_SIZES[size]
    html = handout_html(briefing, prepare_geometry(briefing), page_size, notes, slides=False)
    with open_page(chromium.browser(), html, len(briefing.story), page_size, 1) as (page, refused):
        arrange_maps(page, briefing.story, slides=False)
        page.evaluate(HALOS_AS_OUTLINES)
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    check_offline(refused)
    return undated(pdf)


def export_pdf(briefing: Briefing, out: Path, size: str = "a4", notes: bool = False) -> Made:
    """The hand-out (see :func:`handout_pdf`) written to ``out``."""
    with OneChromium() as chromium:
        write_atomically(out, handout_pdf(briefing, chromium, size, notes))
    return Made([out], len(briefing.story) + 2)


def can_make_handout() -> bool:
    """Is Debian's chromium here to print the hand-out?"""
    return Path(CHROMIUM).exists()


def export_slides(briefing: Briefing, folder: Path) -> Made:
    """One 1920x1080 PNG a step in ``folder``: 01-raqqa.png, 02-maghreb.png, ..."""
    html = handout_html(briefing, prepare_geometry(briefing), SLIDE, notes=False, slides=True)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    maps = len(briefing.story)
    with OneChromium() as chromium, open_page(chromium.browser(), html, maps, SLIDE, SLIDE_SCALE) as (page, refused):
        arrange_maps(page, briefing.story, slides=True)
        for number, step in enumerate(briefing.story, 1):
            # One slide on the screen at a time: a screenshot of the viewport is the slide.
            page.evaluate(SHOW_ONLY, f"step-{number}")
            path = folder / f"{number:02d}-{step.id}.png"
            write_atomically(path, page.screenshot(animations="disabled"))
            paths.append(path)
    check_offline(refused)
    return Made(paths, len(paths))
