"""WCAG 2.2 AA in the real page: axe-core (vendored in tests/vendor/axe-core,
MPL-2.0) run in headless chromium on every state a reader can reach; the
map's labels measured against the pixels behind them and against each other."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl

import numpy as np
import pytest

from dashboard.figures.contract import PARTS
from dashboard.figures.style import LARGE_BOLD_PX, LARGE_CONTRAST, LARGE_PX, NORMAL_CONTRAST
from dashboard.model.metrics import METRICS
from tests.conftest import MOTION, REDUCED_MOTION
from tests.test_browser import OfflinePage, wait_for_step

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practice.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Every impact fails, the least ("minor") too.
FAILING_IMPACTS = {"critical", "serious", "moderate", "minor"}

DESK, LAPTOP, PHONE = (1920, 1080), (1366, 768), (390, 844)

STATES = {
    "default page": ("", LAPTOP),
    **{f"metric {metric_id}": (f"?metric={metric_id}", LAPTOP) for metric_id in METRICS},
    "a country selected": ("?country=TUN", LAPTOP),
    "a feature selected": ("?feature=", LAPTOP),  # the briefing's first feature
    "the table view": ("?display=table", LAPTOP),
    "presenter step 1": ("?present=1&step=1", DESK),
    "presenter step 3": ("?present=1&step=3", DESK),
    "presenter step 7": ("?present=1&step=7", LAPTOP),
    "the speaker view": ("?present=1&step=2&speaker=1", (1280, 800)),
    "presenting on the phone": ("?present=1&step=4", PHONE),
    "the phone": ("", PHONE),
    "the phone, a country selected": ("?country=LBY", PHONE),
}


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now: "rule (impact): elements"."""
    if not page.evaluate("typeof axe === 'object'"):  # a page shown another state has it already
        page.evaluate(AXE + ";0")  # evaluated, not a <script>: the page's CSP allows no inline script
    violations = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)[
        "violations"
    ]
    return [
        f"{v['id']} ({v['impact']}): " + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in FAILING_IMPACTS
    ]


@contextmanager
def open_state(browser, live_server, query: str, viewport: tuple[int, int], forced_colors: bool = False):
    """``query`` in a page of its own, once it shows what the address names; closed after."""
    offline = OfflinePage(browser, live_server + "/", *viewport)
    try:
        if forced_colors:
            offline.page.emulate_media(forced_colors="active")
        yield show_state(offline, query)
    finally:
        offline.close()


def show_state(offline: OfflinePage, query: str):
    """``offline``'s page at ``query``, once it shows what the address names."""
    page = offline.open(query)
    if "present=1" in query:
        page.wait_for_function("() => document.body.hasAttribute('data-step')")
    elif "display=table" in query:
        page.get_by_role("table").wait_for()
    elif "country=" in query or "feature=" in query:
        page.wait_for_function("() => !document.querySelector('#country-panel .panel-hint')")
    return page


@pytest.fixture(scope="module")
def page_a_size(browser, live_server) -> Iterator[Callable[[tuple[int, int]], OfflinePage]]:
    """One page a screen size for the states axe reads, made on first use: loaded once, then put in each state
    by its address, as Back and Forward put it (OfflinePage.in_page). Axe only reads what it is shown."""
    pages: dict[tuple[int, int], OfflinePage] = {}

    def page_of_size(viewport: tuple[int, int]) -> OfflinePage:
        if viewport not in pages:
            pages[viewport] = OfflinePage(browser, live_server + "/", *viewport, in_page=True)
        return pages[viewport]

    yield page_of_size
    for offline in pages.values():
        offline.close()
        assert offline.outside_requests == []


@pytest.mark.parametrize("state", STATES)
def test_axe_finds_nothing(page_a_size, briefing, state):
    query, viewport = STATES[state]
    feature = sorted(briefing.feature_ids)[0]
    if query == "?feature=":
        query += feature
    offline = page_a_size(viewport)
    page = show_state(offline, query)
    # Reached from another state, the page shows this one's own panel and step, not the last one's still.
    params = dict(parse_qsl(query.lstrip("?")))
    try:
        if "step" in params:
            wait_for_step(page, int(params["step"]), len(briefing.story))
        elif "country" in params or "feature" in params:
            name = briefing.feature(feature).name if "feature" in params else briefing.country_name(params["country"])
            page.wait_for_function("t => document.querySelector('#panel-title')?.textContent === t", arg=name)
        assert axe_violations(page) == []
    finally:
        # A talk left going would be joined by the next size's presenter page, which shares its storage.
        if "step" in params:
            show_state(offline, "")


def test_axe_finds_nothing_with_a_popup_open(browser, live_server):
    """The Download menu, the phone's Controls sheet and a country's sheet, each open."""
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.locator("#download summary").click()
        assert axe_violations(page) == []
    with open_state(browser, live_server, "", PHONE) as page:
        page.get_by_role("button", name="Controls").click()
        page.get_by_role("dialog").wait_for()
        assert axe_violations(page) == []
        page.get_by_role("radio", name="Tunisia").check()
        page.get_by_role("button", name="Done").click()
        page.get_by_role("button", name="Close", exact=True).wait_for()
        assert axe_violations(page) == []


def test_axe_finds_nothing_in_forced_colours(browser, live_server):
    with open_state(browser, live_server, "?country=MAR", LAPTOP, forced_colors=True) as page:
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        assert axe_violations(page) == []


def test_controls_are_named_groups_of_native_inputs(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        assert page.get_by_role("group", name="Show", exact=True).get_by_role("radio").count() == len(METRICS)
        assert page.get_by_role("group", name="Country").get_by_role("radio", name="Tunisia").count() == 1
        assert page.get_by_role("group", name="Movements").get_by_role("checkbox").count() >= 2
        # Whose figures and when are native menus; no other options (Dash's listboxes of role=option labels).
        assert (
            page.get_by_role("combobox", name="Source").count()
            == page.get_by_role("combobox", name="Time").count()
            == 1
        )
        assert page.get_by_role("listbox").count() == 0
        assert page.get_by_role("option").count() == page.locator("select option").count()
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.get_by_role("banner").count() == 1 and page.get_by_role("main").count() == 1
        assert page.get_by_role("contentinfo").count() == 1


def test_announcements_are_short(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        status = page.locator("#announce")
        page.get_by_role("radio", name="Foreign fighters", exact=True).check()
        page.wait_for_function("() => document.querySelector('#announce').textContent !== ''")
        assert status.text_content() == (
            "Foreign fighters from each Maghreb state. The briefing's figures, as the briefing saw it (late 2017)."
        )
        page.get_by_role("radio", name="Tunisia").check()
        page.wait_for_function("() => document.querySelector('#announce').textContent.startsWith('Tunisia')")
        assert status.text_content() == (
            "Tunisia. Foreign fighters: around 3,000. Date: late 2017 (figure undated)."
            " Source: Rogan, ATA briefing (2017)."
        )
        assert page.locator("#country-panel").get_attribute("aria-live") is None, "not the whole panel"


def test_presenting_has_the_step_title_as_its_h1(browser, live_server, briefing):
    with open_state(browser, live_server, "?present=1&step=3", DESK) as page:
        assert page.get_by_role("heading", level=1).all_inner_texts() == [briefing.story[2].title]


def test_the_phones_controls_are_big_enough_to_touch(browser, live_server):
    """WCAG 2.5.8: every control at least 24x24 CSS px."""
    with open_state(browser, live_server, "", PHONE) as page:
        small = page.evaluate(
            """() => [...document.querySelectorAll('button, a[href], label')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e.textContent.trim() || e.getAttribute('data-title'), e.getBoundingClientRect()])
                .filter(([, r]) => r.width < 24 || r.height < 24)
                .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
        )
        assert small == []


# --- the table behind the colours, and the map in words ----------------------------------

MAP_FIGURES = """() => document.querySelector('#map .js-plotly-plot').data
    .filter(t => t.meta && ['values', 'no-data'].includes(t.meta.part))
    .flatMap(t => t.customdata.map(hover => hover.split('<br>').map(line => line.replace(/<[^>]+>/g, ''))))"""


def table_cell(page, country_name: str, metric_id: str) -> str:
    row = page.locator("#data-table tbody tr", has=page.locator("th", has_text=country_name))
    return row.locator(f'td[data-metric="{metric_id}"]').inner_text()


def test_the_table_has_every_figure_the_map_shows_with_qualifier_date_and_source(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.get_by_role("radio", name="Table").check()
        page.get_by_role("table").wait_for()
        assert page.locator("#map-figure").is_hidden() or not page.locator("#map-figure").is_visible()
        for metric_id, metric in METRICS.items():
            page.get_by_role("group", name="Show", exact=True).get_by_role("radio", name=metric.label).check()
            page.wait_for_function("t => document.querySelector('#map-title')?.textContent === t", arg=metric.title)
            header = page.get_by_role("columnheader", name=metric.legend)
            assert "shown on the map" in header.inner_text(), "the current metric's column is marked"
            for lines in page.evaluate(MAP_FIGURES):
                country, value = lines[0], lines[1].split(": ", 1)[1]
                cell = table_cell(page, country, metric_id)
                assert value in cell, (metric_id, country)
                for line in lines[2:]:
                    if line.startswith(("Date:", "Source:")):
                        assert line in cell, (metric_id, country, line)
                    elif line.startswith("derived"):
                        assert "Derived" in cell, (metric_id, country)
            assert table_cell(page, "Libya", "returnees").startswith("not given")


def test_the_table_sorts_from_the_keyboard(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.get_by_role("radio", name="Table").check()
        button = page.get_by_role("button", name="Foreign fighters (people)")
        button.focus()
        page.keyboard.press("Enter")
        states = page.locator("#data-table tbody th").all_inner_texts()
        assert states[0] == "Tunisia" and states[-1] == "Algeria"  # around 3,000 ... close to 200
        assert page.get_by_role("columnheader", name="Foreign fighters (people)").get_attribute("aria-sort") == (
            "descending"
        )
        page.keyboard.press("Space")
        assert page.locator("#data-table tbody th").all_inner_texts() == states[::-1]
        page.get_by_role("button", name="Returnees (people)").press("Enter")
        assert page.locator("#data-table tbody th").all_inner_texts()[-1] == "Libya", "not given comes last"


def test_a_link_opens_the_table_and_the_address_follows_the_choice(browser, live_server):
    with open_state(browser, live_server, "?metric=share_returned&display=table", LAPTOP) as page:
        assert page.get_by_role("radio", name="Table").is_checked()
        header = page.get_by_role("columnheader", name=METRICS["share_returned"].legend)
        assert "shown on the map" in header.inner_text()
        page.get_by_role("radio", name="Map").check()
        page.wait_for_function("() => location.search === '?metric=share_returned'")
        page.get_by_role("table").wait_for(state="hidden")
        page.go_back()
        page.get_by_role("table").wait_for()
        assert page.evaluate("location.search") == "?metric=share_returned&display=table"


def test_the_map_has_a_name_and_a_description_that_follows_the_metric(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        figure = page.get_by_role("img", name="Foreign fighters who have returned home")
        assert "map-description" in figure.get_attribute("aria-describedby").split()
        text = page.locator("#map-description").text_content()
        assert (
            "Highest: Tunisia, 800 since mid-2017, late 2017 (figure undated)." in text and "Not given: Libya." in text
        )
        assert "the briefing's figures, as the briefing saw it (late 2017)" in text
        page.get_by_role("radio", name="Foreign fighters").check()
        page.get_by_role("img", name="Foreign fighters from each Maghreb state").wait_for()
        text = page.locator("#map-description").text_content()
        assert "Highest: Tunisia, around 3,000, late 2017 (figure undated)." in text and "Not given" not in text


# --- the keyboard -----------------------------------------------------------------------


def test_the_skip_links_reach_the_map_and_the_table_in_a_few_keys(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the map"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.id === 'map-figure'")
        page.locator(".skip-link").first.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the table"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.id === 'table-frame'")
        assert page.get_by_role("table").is_visible()


def test_every_country_and_every_feature_can_be_selected_from_the_keyboard(browser, live_server, briefing):
    with open_state(browser, live_server, "", LAPTOP) as page:
        title = "() => document.querySelector('#panel-title')?.textContent"
        page.get_by_role("radio", name=briefing.country_name(briefing.maghreb[0])).focus()
        page.keyboard.press("Space")
        for n, code in enumerate(briefing.maghreb):
            if n:
                page.keyboard.press("ArrowRight")
            page.wait_for_function(f"n => ({title})() === n", arg=briefing.country_name(code))
        page.locator("#places summary").focus()
        page.keyboard.press("Enter")
        for ident in briefing.feature_ids:
            name = briefing.feature(ident).name
            page.locator(f'#places button[data-target="feature:{ident}"]').focus()
            page.keyboard.press("Enter")
            # The panel and the link are two callbacks' work (showPanel, render): either may come first.
            page.wait_for_function(f"n => ({title})() === n", arg=name)
            page.wait_for_function("f => decodeURIComponent(location.search).includes(f)", arg=f"feature={ident}")


def test_arrow_keys_move_the_focused_map_and_plus_zooms(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.locator("#map-figure").focus()
        assert page.locator("#map-keys").is_visible()
        before = page.evaluate("window.dandelion.visibleExtent()")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => location.search.includes('extent=')")
        moved = page.evaluate("window.dandelion.visibleExtent()")
        assert moved["lon"][0] > before["lon"][0] + 0.5
        page.keyboard.press("+")
        page.wait_for_function(
            "w => { const e = window.dandelion.visibleExtent(); return e.lon[1] - e.lon[0] < w * 0.9; }",
            arg=moved["lon"][1] - moved["lon"][0],
        )


def test_focus_returns_to_present_after_escape(browser, live_server):
    with open_state(browser, live_server, "", DESK) as page:
        page.get_by_role("button", name="Present").click()
        page.wait_for_function("() => document.body.hasAttribute('data-step')")
        page.keyboard.press("Escape")
        page.wait_for_function("() => document.activeElement?.id === 'present-button'")


# Counts the map moves (relayouts that set the centre) from now on.
COUNT_MOVES = """() => {
  window.__moves = 0;
  const relayout = window.Plotly.relayout;
  window.Plotly.relayout = function (gd, update, ...rest) {
    if (update && 'geo.center.lon' in update) window.__moves++;
    return relayout.call(this, gd, update, ...rest);
  };
}"""


def test_with_reduced_motion_a_step_lands_in_one_frame(browser, live_server, briefing):
    with open_state(browser, live_server, "?present=1&step=1", DESK) as page:
        page.evaluate(COUNT_MOVES)
        page.emulate_media(reduced_motion=REDUCED_MOTION)
        page.keyboard.press("PageDown")
        page.wait_for_function("id => document.body.dataset.step === id", arg=briefing.story[1].id)
        assert page.evaluate("window.__moves") == 1, "one jump, no flight"
        page.emulate_media(reduced_motion=MOTION)
        page.keyboard.press("PageDown")
        page.wait_for_function("id => document.body.dataset.step === id", arg=briefing.story[2].id)
        assert page.evaluate("window.__moves") > 3, "without the preference the map flies"


# --- the phone and zoom -----------------------------------------------------------------

# The map's plot area, in page CSS px.
PLOT_BOX = """() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const frame = gd.getBoundingClientRect(), size = gd._fullLayout._size;
  return {x: frame.x + size.l, y: frame.y + size.t, width: size.w, height: size.h};
}"""


def test_on_a_phone_the_map_is_the_page_and_the_layer_list_under_it_is_its_legend(browser, live_server):
    with open_state(browser, live_server, "", PHONE) as page:
        page.wait_for_function("() => document.querySelector('#map .js-plotly-plot').layout.showlegend === false")
        assert page.evaluate(PLOT_BOX)["height"] >= 0.55 * PHONE[1]
        frame = page.locator(".map-frame").bounding_box()
        layers = page.locator(".layer-panel").bounding_box()
        assert 0 <= layers["y"] - (frame["y"] + frame["height"]) <= 16, "the layer list sits right under the map"
        assert page.locator(".layer-panel .swatch").count() >= 6


def overlaps(a: list[float], b: list[float]) -> bool:
    """Do two [x, y, width, height] boxes overlap (touching is not overlapping)?"""
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def box_of(rect: dict) -> list[float]:
    """A bounding box as playwright gives it ({x, y, width, height}) as [x, y, width, height]."""
    return [rect["x"], rect["y"], rect["width"], rect["height"]]


@pytest.mark.parametrize("zoom", [200, 400])
def test_zoomed_in_nothing_covers_the_title_or_the_map(browser, live_server, zoom):
    """A 1366x768 laptop zoomed in: 683x384 CSS px at 200%, 341x192 at 400%."""
    width, height = 1366 * 100 // zoom, 768 * 100 // zoom
    with open_state(browser, live_server, "", (width, height)) as page:
        title = box_of(page.locator("#map-title").bounding_box())
        for button in ("Present", "Copy link"):
            assert not overlaps(box_of(page.get_by_role("button", name=button).bounding_box()), title), button
        page.wait_for_function("() => document.querySelector('#map .js-plotly-plot').layout.showlegend === false")
        plot = box_of(page.evaluate(PLOT_BOX))
        assert plot[3] >= min(0.6 * height, 220), "the map keeps a usable height"
        switches = [box_of(page.locator(selector).bounding_box()) for selector in (".view-switch", ".display-switch")]
        assert not overlaps(*switches), "the view and Map/Table switches side by side"
        assert not any(overlaps(switch, plot) for switch in switches), "the switches sit above the map, not on it"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"


# --- the map's labels: readable on what is behind them, never on each other -----------------

# Every label, symbol and the colour bar the map shows, in client px (the map's own
# text traces; markers a reader can see; the controls floating over the map).
MAP_DRAWING = """() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const frame = gd.querySelector('.geolayer .geo').getBoundingClientRect();
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const onMap = ([x, y, w, h]) => w > 0 && x + w > frame.x && x < frame.right && y + h > frame.y && y < frame.bottom;
  const labels = [], symbols = [];
  for (const group of gd.querySelectorAll('.geolayer .trace.scattergeo')) {
    const trace = group.__data__[0].trace;
    if (trace.visible !== true) continue;
    for (const text of group.querySelectorAll('text[data-unformatted]')) {
      if (!onMap(box(text)) || !text.textContent.trim()) continue;
      const style = getComputedStyle(text);
      const lines = [...text.querySelectorAll('tspan.line')];
      labels.push({text: text.textContent, part: trace.meta.part || trace.meta.layer, color: style.fill,
        size: parseFloat(style.fontSize), box: box(text),
        lines: (lines.length ? lines : [text]).map((line) => ({box: box(line),
          bold: style.fontWeight >= 700 || line.querySelector('[style*="bold"]') !== null}))});
    }
    for (const point of group.querySelectorAll('path.point')) {
      if (onMap(box(point)) && Number(getComputedStyle(point).opacity) > 0) symbols.push([trace.name, box(point)]);
    }
  }
  const colorbar = gd.querySelector('.infolayer .colorbar');
  if (colorbar) symbols.push(['the colour bar', box(colorbar)]);
  for (const control of document.querySelectorAll('.map-frame .view-switch, .map-frame .display-switch')) {
    if (control.checkVisibility()) symbols.push([control.className, box(control)]);
  }
  return {labels, symbols};
}"""
# An image's pixels inside boxes ([x, y, width, height] in whole px; the whole image without them), each as
# [x, y, width, height, base64 rgba]: only what is measured crosses from the browser (a whole 1920x1080 page
# is 11 MB of base64 and a second to pass).
PIXEL_BOXES = """(context, width, height, boxes) => (boxes || [[0, 0, width, height]]).map(([x, y, w, h]) => {
  const [left, top] = [Math.max(0, x), Math.max(0, y)];
  const [right, bottom] = [Math.min(width, x + w), Math.min(height, y + h)];
  if (right <= left || bottom <= top) return [left, top, 0, 0, ''];
  const data = context.getImageData(left, top, right - left, bottom - top).data;
  let text = '';
  for (let i = 0; i < data.length; i += 32768) text += String.fromCharCode(...data.subarray(i, i + 32768));
  return [left, top, right - left, bottom - top, btoa(text)];
})"""
# A PNG's [width, height, pixels inside boxes]: the browser decodes its own screenshot.
DECODE_PNG = f"""async ([png, boxes]) => {{
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {{type: 'image/png'}}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  context.drawImage(bitmap, 0, 0);
  return [bitmap.width, bitmap.height, ({PIXEL_BOXES})(context, bitmap.width, bitmap.height, boxes)];
}}"""
SHOW_MAP_TEXT = """shown => document.querySelectorAll('#map .geolayer text')
    .forEach(t => t.style.visibility = shown ? '' : 'hidden')"""
# A label reads when all but this share (%) of the pixels behind each of its lines
# reach the contrast: a border, hatching or route one or two px wide crossing a
# label is what its halo is for; a second fill under a tenth of it is not forgiven.
BACKGROUND_PERCENTILE = 5
LABEL_VIEWPORTS = {"desk": DESK, "laptop": LAPTOP, "phone": PHONE}


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB values (0..255) in the last axis."""
    channels = np.asarray(rgb, dtype=float) / 255
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def as_pixels(width: int, height: int, parts: list) -> np.ndarray:
    """An image (``width`` x ``height`` px) as height x width x rgb, from the boxes of it the browser read
    (PIXEL_BOXES); black elsewhere."""
    image = np.zeros((height, width, 3), np.uint8)
    for x, y, w, h, data in parts:
        if w and h:
            image[y : y + h, x : x + w] = np.frombuffer(base64.b64decode(data), np.uint8).reshape(h, w, 4)[:, :, :3]
    return image


def line_boxes(labels: list[dict]) -> list[list[int]]:
    """The box of each line of ``labels`` in whole px, as line_contrast reads the pixels behind it."""
    return [[round(value) for value in line["box"]] for label in labels for line in label["lines"]]


def unlabelled_pixels(page, labels: list[dict]) -> np.ndarray:
    """The page as the reader sees it with the map's text hidden (labels' plates stay), behind each line of
    ``labels``: height x width x rgb."""
    page.evaluate(SHOW_MAP_TEXT, False)
    try:
        png = base64.b64encode(page.screenshot()).decode()
    finally:
        page.evaluate(SHOW_MAP_TEXT, True)
    return as_pixels(*page.evaluate(DECODE_PNG, [png, line_boxes(labels)]))


def line_contrast(color: str, line: dict, size: float, background: np.ndarray) -> tuple[float, float]:
    """The contrast (at BACKGROUND_PERCENTILE) of a label's line against the pixels behind it, and the one needed."""
    x, y, width, height = (round(value) for value in line["box"])
    behind = background[max(y, 0) : y + height, max(x, 0) : x + width].reshape(-1, 3)
    rgb = [int(part) for part in color[color.index("(") + 1 : color.index(")")].split(",")[:3]]
    own, others = relative_luminance(rgb), relative_luminance(behind)
    ratios = (np.maximum(own, others) + 0.05) / (np.minimum(own, others) + 0.05)
    large = size >= LARGE_PX or (line["bold"] and size >= LARGE_BOLD_PX)
    return float(np.percentile(ratios, BACKGROUND_PERCENTILE)), LARGE_CONTRAST if large else NORMAL_CONTRAST


@pytest.fixture(scope="module", params=list(LABEL_VIEWPORTS))
def drawn_maps(request, browser, live_server, briefing) -> list[dict]:
    """The map of every metric and every presenter step at one size, as drawn:
    its labels (each line with its contrast against the pixels behind it), symbols and colour bar."""
    # Each state after the first reached as a reader reaches it again: by Back and Forward.
    offline = OfflinePage(browser, live_server + "/", *LABEL_VIEWPORTS[request.param], in_page=True)
    maps = []

    def measure(page, name: str) -> None:
        page.wait_for_function("() => window.dandelion.labelsPlaced")
        drawing = page.evaluate(MAP_DRAWING)
        background = unlabelled_pixels(page, drawing["labels"])
        for label in drawing["labels"]:
            for line in label["lines"]:
                line["contrast"], line["needed"] = line_contrast(label["color"], line, label["size"], background)
        maps.append({"state": f"{request.param}, {name}", **drawing})

    try:
        for metric_id in METRICS:
            measure(offline.open(f"?metric={metric_id}"), f"metric {metric_id}")
        # The presenter's steps as a presenter reaches them, one after another (without the flights: conftest.py).
        page = offline.open("?present=1&step=1")
        for number, step in enumerate(briefing.story, start=1):
            if number > 1:
                page.keyboard.press("ArrowRight")
            page.wait_for_function("id => document.body.dataset.step === id", arg=step.id)
            measure(page, f"presenter step {number}")
    finally:
        offline.close()
    return maps


def faint_lines(maps: list[dict]) -> list[str]:
    """Each line of a label, in ``maps`` as measured (a state, its labels, their lines' contrast and the
    contrast each needs), that does not reach its contrast."""
    return [
        f"{drawn['state']}: {label['text']!r} {line['contrast']:.2f} < {line['needed']}"
        for drawn in maps
        for label in drawn["labels"]
        for line in label["lines"]
        if line["contrast"] < line["needed"]
    ]


def test_every_map_label_reads_against_the_pixels_behind_it(drawn_maps):
    """WCAG 1.4.3 on the map: hide the text, screenshot, compare each label's colour with what is behind it."""
    assert faint_lines(drawn_maps) == []
    assert sum(len(drawn["labels"]) for drawn in drawn_maps) >= 10 * len(drawn_maps), "the labels were measured"


def label_collisions(maps: list[dict]) -> list[str]:
    """Each label, in ``maps`` as measured (a state, its labels' boxes, its symbols' and colour bar's), that
    touches another label, a symbol or the colour bar."""
    collisions = []
    for drawn in maps:
        labels = drawn["labels"]
        for n, label in enumerate(labels):
            others = [(other["text"], other["box"]) for other in labels[n + 1 :]] + drawn["symbols"]
            collisions += [
                f"{drawn['state']}: {label['text']!r} on {name!r}"
                for name, box in others
                if overlaps(label["box"], box)
            ]
    return collisions


def test_no_map_label_touches_another_a_symbol_or_the_colour_bar(drawn_maps):
    collisions = label_collisions(drawn_maps)
    assert collisions == [], "\n".join(collisions)


def test_every_state_keeps_its_figure_on_the_map(drawn_maps, briefing):
    """Placing labels may drop a neighbour's or a place's name where there is no room, never a state's figure."""
    states = (PARTS["labelsDark"], PARTS["labelsLight"])
    for drawn in drawn_maps:
        if "metric" in drawn["state"]:
            shown = [label["text"] for label in drawn["labels"] if label["part"] in states]
            for code in briefing.maghreb:
                assert any(text.startswith(briefing.country_name(code)) for text in shown), (drawn["state"], code)
