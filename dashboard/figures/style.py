"""The map's look: colours, type, the two sets of sizes (desk and projector), the printed pages.

The figure builders draw with ``DESK``; in presenter mode the browser swaps in
``STYLES["projector"]``, on a phone ``STYLES["phone"]`` (assets/modules/patch.mjs),
so all come from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif'
# The map font's average glyph width (em), for lengths worked out before any browser measures the text.
GLYPH_EM = 0.6
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
# The selection is a double ring: blue inside a white halo. Where a fill is
# too dark for the blue (3:1, WCAG 1.4.11), the white reads, and the reverse.
SELECTED_LINE = "#0050c8"
SELECTED_HALO = "#ffffff"
# plotly's own base map under the countries the figures draw (its geo subplot, after the projection and the
# view's ranges): land and borders faint, no coastlines, ocean, lakes, rivers or frame; the sea is its background.
BASE_MAP = {
    "resolution": 50,
    "showland": True,
    "landcolor": BASE_LAND,
    "showcountries": True,
    "countrycolor": "#cfcabf",
    "countrywidth": 0.6,
    "showcoastlines": False,
    "showocean": False,
    "showlakes": False,
    "showrivers": False,
    "showframe": False,
    "bgcolor": OCEAN,
}

# Map labels (WCAG 1.4.3): the text's own colour against the pixels behind it
# must reach NORMAL_CONTRAST, or LARGE_CONTRAST for large text (LARGE_PX, or
# LARGE_BOLD_PX when bold). A label whose colour does not read on what is
# under it takes the first ink that does: black or white, each with the
# opposite halo. Between them they reach at least 4.58:1 on any colour.
NORMAL_CONTRAST = 4.5
LARGE_CONTRAST = 3.0
LARGE_PX = 24
LARGE_BOLD_PX = 18.66
LIGHT_HALO = "0 0 3px #fff, 0 0 2px #fff"
DARK_HALO = "0 0 3px #000, 0 0 2px #000"
LABEL_INKS = [
    {"color": "#000000", "halo": LIGHT_HALO, "plate": "#ffffff"},
    {"color": "#ffffff", "halo": DARK_HALO, "plate": "#000000"},
]


# How the browser places and inks labels (assets/modules/labels.mjs): labels
# keep gapPx apart; a label that collides tries each direction (east, south
# as -1, 0, 1) beside its anchor at `steps` distances stepPx apart. Inks are
# judged on samples every sampleStepPx px under the label, by the contrast
# all but `percentile` % of them reach: the thin lines of borders, hatching
# and routes that cross a label are behind its halo, not its whole width.
LABEL_RULE = {
    "gapPx": 2,
    "stepPx": 10,
    "steps": 5,
    "directions": [[0, 0], [0, -1], [0, 1], [1, 0], [-1, 0], [1, -1], [-1, -1], [1, 1], [-1, 1]],
    "inks": LABEL_INKS,
    "normalContrast": NORMAL_CONTRAST,
    "largeContrast": LARGE_CONTRAST,
    "largePx": LARGE_PX,
    "largeBoldPx": LARGE_BOLD_PX,
    "sampleStepPx": 1,
    "percentile": 2,
    "platePadPx": 2,
    # A label moved this far (px) from its point, past its symbol, gets a leader line back to it.
    "leaderFromPx": 8,
    # What labels keep clear of besides symbols and the map's colour bar (CSS
    # selectors): the controls that float over the map (layout.py).
    "overMap": ".map-frame .view-switch, .map-frame .display-switch, .map-frame .map-zoom",
    "plateOpacity": 0.85,
}


def luminance(color: str) -> float:
    """WCAG relative luminance (0 black .. 1 white) of a "#rrggbb" colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio (1 .. 21) of two "#rrggbb" colours."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def label_ink(fill: str) -> dict[str, str]:
    """The ink (text colour and halo) of LABEL_INKS that reads best on ``fill``."""
    return max(LABEL_INKS, key=lambda ink: contrast(ink["color"], fill))


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
    colorbarLen: int  # px: as wide as the colour bar's title ("Source: ...") at the legend's size
    selection: SelectionStyle
    selectionHalo: SelectionStyle  # the white ring under the selection's blue


def _room(
    label: int,
    context_label: int,
    context_color: str,
    place: int,
    border: float,
    border_color: str,
    legend: int,
    colorbar_len: int,
    selection_px: float,
    halo_px: float,
) -> MapStyle:
    """One room's MapStyle; the selection is the same blue on a white halo in every room, only wider or thinner."""
    return {
        "label": label,
        "contextLabel": context_label,
        "contextColor": context_color,
        "place": place,
        "border": border,
        "borderColor": border_color,
        "legend": legend,
        "colorbarLen": colorbar_len,
        "selection": {"width": selection_px, "color": SELECTED_LINE},
        "selectionHalo": {"width": halo_px, "color": SELECTED_HALO},
    }


# At a desk, on a projector, on a phone: a row a room, a column an argument of _room (px, and colours).
STYLES: dict[str, MapStyle] = {
    #                  label  context label     place  border  border colour  legend  colour bar  selection  halo
    "explorer": _room(14,     11, MUTED_INK,    12,    1.2,    "#ffffff",     12,     240,        4,         9),
    # High contrast for a projector: no thin grey text, thick dark borders.
    "projector": _room(20,    16, INK,          17,    3,      "#000000",     17,     340,        8,         14),
    # A map 390 px wide: type small enough that the four states' figures fit
    # beside each other (assets/modules/labels.mjs drops what does not fit).
    "phone": _room(11,        10, MUTED_INK,    10,    1,      "#ffffff",     11,     210,        3,         7),
}  # fmt: skip
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


@dataclass(frozen=True)
class PictureSize:
    """A viewport (CSS px) the first map's still picture is taken in, and when the page shows it."""

    width: int
    height: int
    media: str | None  # a media query; None: the picture shown when no other's query holds


# The first map's still pictures (dashboard/outputs/firstpaint.py), in the order the
# browser tries them: a phone (style.css's phone breakpoint: 760px wide or 500px tall), a desk,
# and a laptop for every other screen (a picture is scaled to its frame).
FIRST_MAP_PICTURES = {
    "phone": PictureSize(390, 844, "(max-width: 760px), (max-height: 500px)"),
    "desk": PictureSize(1920, 1080, "(min-width: 1601px) and (min-height: 801px)"),
    "laptop": PictureSize(1366, 768, None),
}


# The image's frame (px): room for the title and subtitle above the map, a
# line of the credit below it; type sizes.
IMAGE_FRAME = {"top": 96, "side": 24, "creditLine": 18, "bottom": 14, "title": 24, "subtitle": 14, "credit": 12}
# A slide's frame is read from the back of a room, as Our World in Data scales
# its exports: drawn at 1280x720 CSS px, 1.5 image px each, so at 1920x1080
# the title is 54 px, the subtitle 30 px and the credit 22.5 px.
SLIDE_IMAGE_FRAME = {"top": 124, "side": 32, "creditLine": 20, "bottom": 14, "title": 36, "subtitle": 20, "credit": 15}

# The map as an image, drawn in the browser (assets/modules/image.mjs): each
# kind's format, its size in CSS px (None: the map's size on screen, but at
# least IMAGE_MIN_SIZE, so that title, legend and credit fit beside a
# readable map, as Grapher's 850x600), how many image px a CSS px, its frame,
# and whether its map takes presenter mode's type (STYLES["projector"]) rather
# than the screen's: a slide's map labels are then at least 24 image px.
IMAGE_KINDS = {
    "screen": {"format": "png", "width": None, "height": None, "scale": 1, "frame": IMAGE_FRAME, "presenting": False},
    "slides": {
        "format": "png",
        "width": 1280,
        "height": 720,
        "scale": 1.5,
        "frame": SLIDE_IMAGE_FRAME,
        "presenting": True,
    },
    "print": {"format": "png", "width": None, "height": None, "scale": 2, "frame": IMAGE_FRAME, "presenting": False},
    "svg": {"format": "svg", "width": None, "height": None, "scale": 1, "frame": IMAGE_FRAME, "presenting": False},
}
IMAGE_MIN_SIZE = {"width": 960, "height": 600}
