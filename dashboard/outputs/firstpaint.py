"""The first paint: the page as HTML, and the first map as plotly's own picture, before any script has run.

Dash sends a page that says "Loading..." and builds everything in the
browser once about a megabyte of scripts has run: a second on a laptop,
several on a phone. Instead the page carries, shown at once:

- the layout written out as HTML (:func:`dashboard.page.markup.html_of`), ``inert``: no click
  or key is lost on a control that does nothing yet, and screen readers
  wait for the live page;
- in its map frame, a still picture of the first map (:func:`take_pictures`):
  the live page's own map, drawn by plotly.js with its labels placed,
  taken in chromium as SVG at a phone, a laptop and a desk size
  (``style.FIRST_MAP_PICTURES``); the browser picks one by media query.

Dash builds the live page beside it, out of sight (style.css,
``.first-paint ~ #react-entry-point``); once the live map has drawn what
the address names and placed its labels, assets/dandelion.js removes the
first paint and the live page is seen in its place. The picture shows the
default map only: an address with a query or a fragment (another metric, a
presenter step, the table) drops the first paint before it is painted
(:data:`GUARD_SCRIPT`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path

from flask import Flask, Response, abort

from dashboard.figures.style import FIRST_MAP_PICTURES
from dashboard.model.versions import version
from dashboard.outputs.chromium import ORIGIN, Answer, OneChromium, answer_here
from dashboard.page.markup import PICTURE_SLOT
from dashboard.page.paths import FIRST_MAP_PREFIX as PICTURE_PREFIX

# The pictures' file in the cache folder (dashboard/outputs/cache.py).
PICTURES_FILE = "first-map.json"
# Runs before the first paint is painted: another state than the default's has no first paint.
GUARD_SCRIPT = "if (location.search || location.hash) document.querySelector('.first-paint').remove();"

NUMBER = re.compile(r"-?\d+\.\d+(?:e-?\d+)?")
PATH_DATA = re.compile(r' d="([^"]*)"')
PICTURE = re.compile(r'<picture class="first-map-picture">.*?</picture>', re.S)
PICTURE_URL = re.compile(re.escape(PICTURE_PREFIX.lstrip("/")) + r"[a-z]+\.[0-9a-f]+\.svg")


def guard_hash() -> str:
    """The CSP source that lets :data:`GUARD_SCRIPT` run."""
    digest = base64.b64encode(hashlib.sha256(GUARD_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def picture_markup(urls: dict[str, str]) -> str:
    """A ``<picture>`` choosing among ``urls`` (size name -> URL) by the sizes' media queries."""
    sources = "".join(
        f'<source media="{escape(size.media)}" srcset="{escape(urls[name])}">'
        for name, size in FIRST_MAP_PICTURES.items()
        if size.media
    )
    fallback = next(name for name, size in FIRST_MAP_PICTURES.items() if not size.media)
    # alt="": the first paint is inert and hidden from screen readers; the live map is described in words.
    # fetchpriority: an image is fetched after the scripts by default, and this one is the first map.
    attributes = 'alt="" elementtiming="first-map" fetchpriority="high"'
    img = f'<img class="first-map" src="{escape(urls[fallback])}" {attributes}>'
    return f'<picture class="first-map-picture">{sources}{img}</picture>'


def first_paint_html(page_html: str, urls: dict[str, str] | None) -> str:
    """The first paint put before Dash's entry point: the page, with the map's picture if there is one."""
    shown = page_html.replace(PICTURE_SLOT, picture_markup(urls) if urls else "", 1)
    return f'<div class="first-paint" inert>{shown}</div><script>{GUARD_SCRIPT}</script>'


def without_pictures(page: str) -> str:
    """``page`` with its first paint's picture taken out (the one file has no files beside it)."""
    return PICTURE.sub("", page)


def round_path_data(svg: str) -> str:
    """``svg`` with its path coordinates rounded to 0.1 px: a third of the size, the same to the eye."""

    def rounded(match: re.Match[str]) -> str:
        return ' d="' + NUMBER.sub(lambda n: f"{float(n.group(0)):.1f}".removesuffix(".0"), match.group(1)) + '"'

    return PATH_DATA.sub(rounded, svg)


SVG_ID = re.compile(r'\bid="([^"]+)"')
SVG_ID_OR_REFERENCE = re.compile(r'(id="|#)([\w.:-]+)')


def stable_ids(svg: str) -> str:
    """``svg`` with its element ids numbered in order (``i0``, ``i1``...), and every reference to them.

    plotly names its clip paths and gradients after a random id of the plot
    and of each trace: the same map would be a different file every time.
    A picture is a document of its own, so its ids cannot meet the page's.
    """
    names = {old: f"i{n}" for n, old in enumerate(dict.fromkeys(SVG_ID.findall(svg)))}
    return SVG_ID_OR_REFERENCE.sub(lambda m: m.group(1) + names.get(m.group(2), m.group(2)), svg)


# Serialise the live map as plotly does for its own SVG download
# (Plotly.Snapshot.toSVG), after putting into each label the colours the page's
# stylesheet gives it (a picture has no stylesheet). The page is thrown away after.
MAP_AS_SVG = """() => {
    const gd = document.querySelector('#map .js-plotly-plot');
    for (const text of gd.querySelectorAll('text')) {
        const style = getComputedStyle(text);
        text.style.fill = style.fill;
        text.style.textShadow = style.textShadow;
    }
    return window.Plotly.Snapshot.toSVG(gd);
}"""
# The page has drawn what its address names and placed the labels.
SETTLED = "() => window.dandelion && !window.dandelion.applying && window.dandelion.labelsPlaced"


def take_pictures(server: Flask, chromium: OneChromium) -> dict[str, bytes]:
    """The first map as the live page draws it, one SVG per size of ``FIRST_MAP_PICTURES``.

    ``chromium`` opens the page with every request answered by ``server``
    itself (its test client: no port, no network); anything else is refused.
    """
    client = server.test_client()

    def answer(path: str) -> Answer:
        response = client.get(path)
        return response.status_code, response.get_data(), response.content_type

    pictures = {}
    for name, size in FIRST_MAP_PICTURES.items():
        page = chromium.browser().new_page(viewport={"width": size.width, "height": size.height})
        try:
            answer_here(page, answer)
            page.goto(ORIGIN + "/")
            page.wait_for_function(SETTLED)
            pictures[name] = stable_ids(round_path_data(page.evaluate(MAP_AS_SVG))).encode("utf-8")
        finally:
            page.close()
    return pictures


class FirstPaint:
    """The first paint of one app: its HTML at once, its map's pictures once they are in its cache folder
    (dashboard/outputs/cache.py: made once, aside, by dashboard/web/making.py). Until then the first paint
    has the page but not its map; the folder is looked at on each page asked for, until they are there."""

    def __init__(self, page_html: str, folder: Path) -> None:
        self.page_html = page_html
        self.folder = folder
        # Size name -> (the path it is served at, SVG), and the first paint that names them: read once.
        self._served: dict[str, tuple[str, bytes]] = {}
        self._markup = first_paint_html(page_html, None)

    def markup(self) -> str:
        """The first paint, with the pictures if they have been made."""
        if not self._served and (taken := read_pictures(self.folder)):
            served = {name: (picture_path(name, svg), svg) for name, svg in taken.items()}
            urls = {name: path.lstrip("/") for name, (path, _) in served.items()}
            self._markup = first_paint_html(self.page_html, urls)
            self._served = served
        return self._markup

    def pictures(self) -> dict[str, bytes]:
        """The picture's path (``/_first-map/<size>.<digest>.svg``) -> its SVG, once made."""
        self.markup()
        return dict(self._served.values())


def pictures_file(pictures: dict[str, bytes]) -> bytes:
    """The pictures (size name -> SVG) as the one file the cache keeps: all of them or none."""
    return json.dumps({name: svg.decode("utf-8") for name, svg in pictures.items()}).encode("utf-8")


def read_pictures(folder: Path) -> dict[str, bytes] | None:
    """The pictures in ``folder``'s :data:`PICTURES_FILE`, or None while they are not made."""
    try:
        text = (folder / PICTURES_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return {name: svg.encode("utf-8") for name, svg in json.loads(text).items()}


def picture_path(name: str, svg: bytes) -> str:
    """Where a picture is served: its size name and digest in the path, so it can be cached for good."""
    return f"{PICTURE_PREFIX}{name}.{version(svg)}.svg"


def serve_pictures(server: Flask, first_paint: FirstPaint) -> None:
    """Answer ``/_first-map/<size>.<digest>.svg``; 404 for anything else under it."""

    @server.get(PICTURE_PREFIX + "<file_name>")
    def _first_map(file_name: str) -> Response:
        svg = first_paint.pictures().get(PICTURE_PREFIX + file_name)
        if svg is None:
            abort(404)
        return Response(svg, mimetype="image/svg+xml")
