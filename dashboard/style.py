"""The map's look: colours, type, the two sets of sizes (desk and projector), the printed pages.

The figure builders draw with ``DESK``; in presenter mode the browser swaps in
``STYLES["projector"]`` (assets/modules/patch.mjs), so both come from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif'
# ColorBrewer YlOrBr: sequential, single-hue-family, safe for the common kinds
# of colour blindness and in greyscale.
COLOR_SCALE = [[0.0, "#fff7bc"], [0.25, "#fec44f"], [0.5, "#fe9929"], [0.75, "#d95f0e"], [1.0, "#8c2d04"]]
NO_DATA_FILL = "#d4d4d4"
NO_DATA_HATCH = "#7a7a7a"
CONTEXT_FILL = "#ebe8e1"
BASE_LAND = "#f4f2ed"
OCEAN = "#d9e6ef"
INK = "#1d2330"
MUTED_INK = "#5b6270"
# Blue reads against every fill of the YlOrBr scale, the darkest included.
SELECTED_LINE = "#0050c8"

class SelectionStyle(TypedDict):
    width: float  # px
    color: str


class MapStyle(TypedDict):
    """Text and line sizes (px) and colours on the map, for one room."""

    label: int
    contextLabel: int
    contextColor: str
    place: int
    border: float
    borderColor: str
    legend: int
    selection: SelectionStyle


# At a desk and on a projector.
STYLES: dict[str, MapStyle] = {
    "explorer": {
        "label": 14,
        "contextLabel": 11,
        "contextColor": MUTED_INK,
        "place": 12,
        "border": 1.2,
        "borderColor": "#ffffff",
        "legend": 12,
        "selection": {"width": 4, "color": SELECTED_LINE},
    },
    # High contrast for a projector: no thin grey text, thick dark borders.
    "projector": {
        "label": 20,
        "contextLabel": 16,
        "contextColor": INK,
        "place": 17,
        "border": 3,
        "borderColor": "#000000",
        "legend": 17,
        "selection": {"width": 8, "color": SELECTED_LINE},
    },
}
DESK = STYLES["explorer"]


@dataclass(frozen=True)
class PageSize:
    """A printed page: its CSS size, and the same in CSS px (96 a inch), rounded down."""

    css: str
    width: int
    height: int


PAGE_SIZES = {
    "a4": PageSize("297mm 210mm", 1122, 793),
    "letter": PageSize("11in 8.5in", 1056, 816),
    "16:9": PageSize("13.333in 7.5in", 1280, 720),
}


# The map as an image, drawn in the browser (assets/modules/image.mjs): each
# kind's format, its size in CSS px (None: the map's size on screen, but at
# least IMAGE_MIN_SIZE, so that title, legend and credit fit beside a
# readable map, as Grapher's 850x600) and how many image px a CSS px.
IMAGE_KINDS = {
    "screen": {"format": "png", "width": None, "height": None, "scale": 1},
    "slides": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
    "print": {"format": "png", "width": None, "height": None, "scale": 2},
    "svg": {"format": "svg", "width": None, "height": None, "scale": 1},
}
IMAGE_MIN_SIZE = {"width": 960, "height": 600}
# The image's frame (px): room for the title and subtitle above the map, a
# line of the credit below it; type sizes.
IMAGE_FRAME = {"top": 96, "side": 24, "creditLine": 18, "bottom": 14, "title": 24, "subtitle": 14, "credit": 12}
