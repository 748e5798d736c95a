"""What Python and the page's browser code must agree on, written once here.

The page receives :func:`browser_contract` in its config (config.browser_config);
assets/modules/*.mjs read every name, key and timing from it and retype none.
"""

from __future__ import annotations

from dashboard.model.targets import OVERVIEW, TARGET_PREFIXES

# ``meta.part`` of the map's traces that the browser patches.
PARTS = {
    "values": "values",
    "noData": "no-data",
    "hatching": "hatching",
    "noDataKey": "no-data-key",
    "spreadKey": "spread-key",
    "labelsDark": "labels-dark",
    "labelsLight": "labels-light",
    "labelsContext": "labels-context",
    "selectedCountry": "selected-country",
    "selectedFeature": "selected-feature",
    "selectedCountryHalo": "selected-country-halo",
    "selectedFeatureHalo": "selected-feature-halo",
}
# ``meta.layer`` of traces that are not layers the reader toggles.
SELECTION_LAYER = "selection"
CHOROPLETH_LAYER = "choropleth"

# Longitude and latitude limits (degrees, EPSG:4326) of an extent in a link.
BOUNDS = {"lon": [-180.0, 180.0], "lat": [-90.0, 90.0]}

# Presenter keys, as keyboards and presentation clickers send them (KeyboardEvent.key).
PRESENTER_KEYS = {
    "next": ["ArrowRight", "ArrowDown", "PageDown", " "],
    "previous": ["ArrowLeft", "ArrowUp", "PageUp"],
    "first": ["Home"],
    "last": ["End"],
    "leave": ["Escape"],
    # reveal.js's keys: S opens the speaker view; B or . blanks the screen (a clicker's "black screen").
    "speaker": ["s", "S"],
    "blank": ["b", "B", "."],
}

# Keys that move the map when it has the keyboard's focus (KeyboardEvent.key):
# a pan moves by PAN_SHARE of the extent; a zoom step narrows or widens it ZOOM_FACTOR times.
MAP_KEYS = {
    "left": ["ArrowLeft"],
    "right": ["ArrowRight"],
    "up": ["ArrowUp"],
    "down": ["ArrowDown"],
    "zoomIn": ["+", "="],
    "zoomOut": ["-", "_"],
}
PAN_SHARE = 0.15
ZOOM_FACTOR = 1.5

# How the presenter's keys are named on screen.
KEY_NAMES = {
    "ArrowRight": "\u2192", "ArrowDown": "\u2193", "ArrowLeft": "\u2190", "ArrowUp": "\u2191",
    "PageDown": "Page Down", "PageUp": "Page Up", " ": "Space", "Escape": "Esc", "s": "S", "b": "B",
}  # fmt: skip

# Milliseconds: the presenter's flight between steps; how long a window
# resize must rest before the map is refitted; how often the speaker view's clocks tick;
# how often a page served with --watch asks whether the data changed; how long a talk nobody moves on is
# kept (after that, presenting starts a new one, timer at 0:00).
TIMINGS = {
    "flightMs": 700, "resizeSettleMs": 150, "clockTickMs": 1000, "dataPollMs": 3000,
    "talkExpiryMs": 3 * 3600 * 1000,
}  # fmt: skip

# A horizontal swipe of at least this many CSS px, and more across than down, steps.
SWIPE_MIN_PX = 60

# The presenter's windows (main and speaker view) share the talk (step, blanked, start) under
# this localStorage key; each hears the other's changes by the storage event.
TALK_STORAGE_KEY = "dandelion-talk"


# The least map frame (CSS px) drawn in the desk's type with its legend; a smaller one is drawn as a
# phone's (small type, the layer list as its legend), or the labels find no room clear of each other.
DESK_MAP_LEAST_PX = {"width": 480, "height": 400}
# The controls that lie over the top of the map (dashboard/page/layout.py): the map is fitted below them.
MAP_TOP_CONTROLS = ".map-frame .view-switch, .map-frame .display-switch"


def presenter_keys_text() -> str:
    """The presenter's keys as the story card lists them: "Next: → ↓ Page Down Space · Back: …"."""
    names = {action: " ".join(KEY_NAMES.get(key, key) for key in keys) for action, keys in PRESENTER_KEYS.items()}
    return (
        f"Next: {names['next']} \u00b7 Back: {names['previous']}"
        f" \u00b7 {names['first']} / {names['last']} \u00b7 {names['speaker'].split()[0]} speaker view"
        f" \u00b7 {names['blank'].split()[0]} blank \u00b7 {names['leave']} leaves"
    )


def map_keys_text() -> str:
    """The map's keys as the page names them: "Arrow keys move the map; + and - zoom"."""
    return f"Arrow keys move the map; {MAP_KEYS['zoomIn'][0]} and {MAP_KEYS['zoomOut'][0]} zoom in and out."


def browser_contract() -> dict:
    """The names, keys, limits and timings the browser code reads."""
    return {
        "targets": TARGET_PREFIXES,
        "overview": OVERVIEW,
        "parts": PARTS,
        "layers": {"selection": SELECTION_LAYER, "choropleth": CHOROPLETH_LAYER},
        "bounds": BOUNDS,
        "keys": PRESENTER_KEYS,
        "mapKeys": {"keys": MAP_KEYS, "panShare": PAN_SHARE, "zoomFactor": ZOOM_FACTOR},
        "timings": TIMINGS,
        "swipeMinPx": SWIPE_MIN_PX,
        "talkStorageKey": TALK_STORAGE_KEY,
        "mapTopControls": MAP_TOP_CONTROLS,
        "deskMapLeastPx": DESK_MAP_LEAST_PX,
    }
