"""Every reader, every screen (issue 22): the WCAG 2.2 AA failures an audit by
hand found on the page axe-core passes, each measured as the auditor did; the
phone's map first; and what a screen reader announces, read from chromium's
own accessibility tree."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import numpy as np
import pytest
from playwright.sync_api import Page

from tests.test_accessibility import (
    DECODE_PNG,
    DESK,
    LAPTOP,
    MAP_DRAWING,
    PHONE,
    as_pixels,
    box_of,
    open_state,
    overlaps,
    relative_luminance,
)
from tests.test_browser import OfflinePage, label_point

pytestmark = pytest.mark.browser

# The WCAG text-spacing bookmarklet's style (1.4.12): line height 1.5, paragraphs 2 em apart,
# letters 0.12 em and words 0.16 em.
TEXT_SPACING = """() => {
  const style = document.createElement('style');
  style.textContent = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;
  document.head.append(style);
}"""
# Is the focused element seen: is what is at its centre the element itself (or inside it)?
FOCUS_SEEN = """() => {
  const focused = document.activeElement;
  const shown = focused.closest('label') || focused;
  const r = shown.getBoundingClientRect();
  const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  const name = focused.textContent.trim() || focused.value || focused.tagName;
  return [name, !!top && (shown.contains(top) || top.contains(shown))];
}"""


def pixels(page, clip: dict) -> np.ndarray:
    """The page's pixels in ``clip`` (CSS px at scale 1) as height x width x rgb."""
    png = base64.b64encode(page.screenshot(clip=clip)).decode()
    return as_pixels(*page.evaluate(DECODE_PNG, [png, None]))


# --- 1.4.10 Reflow and 2.4.11 Focus Not Obscured: the Download menu ------------------------------


@pytest.mark.parametrize("viewport", [(320, 256), (341, 192)])
def test_the_open_download_menu_is_inside_a_narrow_screen(browser, live_server, viewport):
    """1.4.10: at 400% zoom (341x192) and 320 px every item of the open menu can be seen."""
    with open_state(browser, live_server, "", viewport) as page:
        page.locator("#download summary").focus()
        page.keyboard.press("Enter")
        items = page.locator("#download .download-item:visible")
        assert items.count() >= 4
        for n in range(items.count()):
            item = items.nth(n)
            item.scroll_into_view_if_needed()
            box = item.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport[0], item.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]


def test_the_download_menu_closes_on_escape_a_click_outside_and_when_focus_leaves(browser, live_server):
    """2.4.11: the open menu covered the Country choices (Libya) and stayed open whatever the reader did."""
    with open_state(browser, live_server, "", LAPTOP) as page:
        menu = page.locator("#download")
        summary = page.locator("#download summary")
        summary.click()
        assert menu.get_attribute("open") is not None
        page.keyboard.press("Escape")
        assert menu.get_attribute("open") is None
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "focus goes back to the menu's button"
        summary.click()
        page.locator("#map-title").click()
        assert menu.get_attribute("open") is None, "a click outside closes it"
        summary.click()
        page.get_by_role("radio", name="Libya").focus()
        assert menu.get_attribute("open") is None, "focus leaving closes it"
        assert page.evaluate(FOCUS_SEEN)[1], "the focused Libya is not under the menu"


def test_focus_is_never_hidden_from_the_menu_to_the_map(browser, live_server):
    """2.4.11: Tab from Download through the open menu and on: every focused control can be seen."""
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.locator("#download summary").focus()
        page.keyboard.press("Enter")
        hidden = []
        for _ in range(16):
            page.keyboard.press("Tab")
            name, seen = page.evaluate(FOCUS_SEEN)
            if not seen:
                hidden.append(name)
        assert hidden == []


# --- 2.5.1 Pointer Gestures: a tap does what a swipe does -------------------------------------


def test_presenting_on_a_touch_screen_needs_no_swipe(browser, live_server, briefing):
    offline = OfflinePage(browser, live_server + "/", *PHONE, has_touch=True)
    try:
        page = offline.open("?present=1&step=2")
        page.wait_for_function("() => document.body.hasAttribute('data-step')")
        page.get_by_role("button", name="Next", exact=True).tap()
        page.wait_for_function("id => document.body.dataset.step === id", arg=briefing.story[2].id)
        page.get_by_role("button", name="Previous", exact=True).tap()
        page.wait_for_function("id => document.body.dataset.step === id", arg=briefing.story[1].id)
        with page.context.expect_page() as speaker:
            page.get_by_role("button", name="Speaker view").tap()
        assert "speaker=1" in speaker.value.url
        page.get_by_role("button", name="Leave", exact=True).tap()
        page.wait_for_function("() => !document.body.classList.contains('presenting')")
    finally:
        offline.close()


# --- 1.4.13 Content on Hover or Focus: plotly's hover box ---------------------------------------

# The text of the hover box the reader sees ('' when none).
HOVER_TEXT = """() => { const box = document.querySelector('#map .hoverlayer .hovertext');
  return box && box.getBoundingClientRect().width > 0 && box.checkVisibility() ? box.textContent : ''; }"""


def test_escape_dismisses_the_maps_hover_box_until_the_pointer_moves_to_another_place(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.wait_for_function("() => window.dandelion.labelsPlaced")
        x, y = label_point(page, "Algeria")
        page.mouse.move(x, y + 30)
        page.wait_for_function(f"() => ({HOVER_TEXT})().includes('Algeria')")
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => ({HOVER_TEXT})() === ''")
        page.mouse.move(x + 3, y + 33)
        page.wait_for_timeout(200)
        assert page.evaluate(HOVER_TEXT) == "", "dismissed while the pointer stays on the same place"
        x, y = label_point(page, "Libya")
        page.mouse.move(x, y + 20)
        page.wait_for_function(f"() => ({HOVER_TEXT})().includes('Libya')")


HOVER_BOX = """() => { const r = document.querySelector('#map .hoverlayer .hovertext').getBoundingClientRect();
  return [r.x, r.y, r.width, r.height]; }"""


@pytest.mark.parametrize("country", ["Algeria", "Morocco", "Libya"])
def test_the_pointer_can_move_onto_the_maps_hover_box_and_read_it(browser, live_server, country):
    """1.4.13 hoverable: plotly draws the box away from the pointer, over other places; moving onto it
    keeps it (it used to turn into the box of the first place crossed), moving away lets it go."""
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.wait_for_function("() => window.dandelion.labelsPlaced")
        x, y = label_point(page, country)
        page.mouse.move(x, y + 15)
        page.wait_for_function(f"() => ({HOVER_TEXT})().startsWith({country!r})")
        shown = page.evaluate(HOVER_TEXT)
        left, top, width, height = page.evaluate(HOVER_BOX)
        for end in ((left + width / 2, top + height / 2), (left + 5, top + 5), (left + width - 5, top + height - 5)):
            page.mouse.move(*end, steps=12)
            page.wait_for_timeout(100)  # a frame or more for plotly to redraw, were it to
            assert page.evaluate(HOVER_TEXT) == shown, f"the box changed on the way to {end}"
        page.mouse.move(left - 40, top + height + 120, steps=4)
        page.wait_for_function(f"shown => ({HOVER_TEXT})() !== shown", arg=shown)


# --- 1.4.11 Non-text Contrast and 2.5.8 Target Size: the map's own buttons ----------------------

MAP_BUTTONS = "#map .modebar-btn, .map-frame .map-zoom button"
# Hide (or show again) the buttons' icons: plotly's are SVG, ours are text.
HIDE_ICONS = """(shown) => {
  document.querySelectorAll('#map .modebar-btn svg').forEach(svg => svg.style.visibility = shown ? '' : 'hidden');
  document.querySelectorAll('.map-frame .map-zoom button').forEach(b => b.style.color = shown ? '' : 'transparent');
}"""


@pytest.mark.parametrize("screen", ["1366x768", "390x844"], indirect=True)
def test_the_maps_buttons_icons_are_3_to_1_against_what_is_behind_them(screen):
    """The icon's pixels against the same pixels with the icon hidden: the median icon pixel reaches 3:1."""
    page = screen.at("")
    frame = page.locator("#map-frame").bounding_box()
    page.mouse.move(frame["x"] + frame["width"] - 20, frame["y"] + frame["height"] / 2)  # plotly shows its bar
    buttons = page.locator(MAP_BUTTONS)
    assert buttons.count() >= 2
    faint = []
    for n in range(buttons.count()):
        box = buttons.nth(n).bounding_box()
        if not box or box["width"] < 1 or box["height"] < 1:
            continue
        clip = {key: box[key] for key in ("x", "y", "width", "height")}
        with_icon = pixels(page, clip)
        page.evaluate(HIDE_ICONS, False)
        without = pixels(page, clip)
        page.evaluate(HIDE_ICONS, True)
        changed = np.any(with_icon != without, axis=2)
        icon, behind = relative_luminance(with_icon[changed]), relative_luminance(without[changed])
        ratios = (np.maximum(icon, behind) + 0.05) / (np.minimum(icon, behind) + 0.05)
        name = buttons.nth(n).get_attribute("data-title") or buttons.nth(n).get_attribute("aria-label")
        if not changed.any() or np.median(ratios) < 3:
            faint.append(f"{name} {np.median(ratios) if changed.any() else 0:.2f}")
    assert faint == []


# Every target wholly on the first screen: at least 24x24 CSS px of it reaches the pointer (what is at
# its centre and at the corners of a 24 px square round it is the target itself).
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.checkVisibility({opacityProperty: false}) && !e.closest('.first-paint, .skip-links'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.width > 0; })
  .map(e => {
    const r = e.getBoundingClientRect(), cx = r.x + r.width / 2, cy = r.y + r.height / 2;
    const points = [[cx, cy], [cx - 11.5, cy - 11.5], [cx + 11.5, cy - 11.5], [cx - 11.5, cy + 11.5],
      [cx + 11.5, cy + 11.5]];
    const hits = points.filter(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top && (e === top || e.contains(top));
    });
    return [e.getAttribute('aria-label') || e.getAttribute('data-title') || e.textContent.trim(), hits.length,
      Math.round(r.width), Math.round(r.height)];
  })
  .filter(([, hits, w, h]) => hits < 5 || w < 24 || h < 24)
  .map(([name, hits, w, h]) => `${name} ${w}x${h} (${hits}/5 points reach it)`)"""
TARGETS = "button, summary, a[href]:not(.page-footer a), .segmented label, .layer-options label, .modebar-btn"


# The laptops the map is read on, at 100%.
LAPTOPS = {"1366x768": LAPTOP, "1280x720": (1280, 720)}
# The phones the map is read on: a common one, a small one, one turned sideways.
PHONES = {"390x844": PHONE, "360x740": (360, 740), "844x390": (844, 390)}


class Screen:
    """The page at one screen size, shared by the tests that read it there: each asks for the address it reads,
    and a page already at that address is not loaded again; one at another is put at it as Back and Forward
    put it (OfflinePage.in_page). A page a test has changed is loaded again."""

    def __init__(self, offline: OfflinePage) -> None:
        self.offline = offline
        self.query: str | None = None
        self.changed = False

    def at(self, query: str = "", changing: bool = False) -> Page:
        """The page at ``query``, once its map shows it, with the mouse off the map (a test may hover it).
        ``changing``: the test changes the page, so the next one gets it loaded again."""
        if query != self.query or self.changed:
            self.offline.in_page = not self.changed
            self.offline.open(query)
            self.query = query
        self.changed = changing
        self.offline.page.mouse.move(0, 0)
        return self.offline.page


@pytest.fixture(scope="module")
def screen(request, browser, live_server) -> Iterator[Screen]:
    """The page at the screen ``request.param`` names (of LAPTOPS, PHONES, ZOOMED and MIDDLING). Tests take it
    indirectly (``indirect=True``), so the tests of one screen run one after another on one page."""
    offline = OfflinePage(browser, live_server + "/", *{**LAPTOPS, **PHONES, **ZOOMED, **MIDDLING}[request.param])
    yield Screen(offline)
    offline.close()
    assert offline.outside_requests == []


@pytest.mark.parametrize("screen", PHONES, indirect=True)
def test_every_target_on_the_phones_first_screen_is_24px_and_uncovered(screen):
    page = screen.at("")
    frame = page.locator("#map-frame").bounding_box()
    page.mouse.move(frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
    assert page.evaluate(SMALL_TARGETS, TARGETS) == []


# --- 1.4.12 Text Spacing: the presenter's step card ----------------------------------------------

# The step card's first line (the counter) and last (the keys) inside the card once scrolled to.
CARD_ENDS = """() => {
  const card = document.getElementById('story-card');
  card.scrollTop = 0;
  const box = card.getBoundingClientRect();
  const counter = document.getElementById('story-counter').getBoundingClientRect();
  card.scrollTop = card.scrollHeight;
  const foot = card.querySelector('.story-foot').getBoundingClientRect();
  const after = card.getBoundingClientRect();
  card.scrollTop = 0;
  return {counterTop: counter.top - box.top, footBottom: after.bottom - foot.bottom};
}"""


@pytest.mark.parametrize("spacing", [False, True], ids=["as set", "text spacing"])
@pytest.mark.parametrize("viewport", [LAPTOP, DESK])
def test_every_step_card_can_be_read_from_its_first_line_to_its_last(browser, live_server, briefing, spacing, viewport):
    with open_state(browser, live_server, "?present=1&step=1", viewport) as page:
        if spacing:
            page.evaluate(TEXT_SPACING)
        cut = []
        for n, step in enumerate(briefing.story):
            if n:
                page.keyboard.press("PageDown")
                page.wait_for_function("id => document.body.dataset.step === id", arg=step.id)
            ends = page.evaluate(CARD_ENDS)
            if ends["counterTop"] < 0 or ends["footBottom"] < -1:
                cut.append(f"step {n + 1}: {ends}")
        assert cut == []


# The map's legend entries and the colour bar's title, in client px, and the map's own SVG.
MAP_KEYS = """() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const entries = [...gd.querySelectorAll('.legend .traces')]
    .map((entry) => [entry.textContent, box(entry.querySelector('text'))]);
  const title = gd.querySelector('.colorbar .cbtitle text, .colorbar text.cbtitle');
  return {entries, title: title && [title.textContent, box(title)], svg: box(gd.querySelector('svg.main-svg')),
    plot: [gd._fullLayout._size.w, gd._fullLayout._size.h]};
}"""


def label_collisions(page) -> set[tuple[str, str]]:
    """Each map label with what it covers: another label, a symbol, the colour bar or a control."""
    drawing = page.evaluate(MAP_DRAWING)
    labels = drawing["labels"]
    return {
        (label["text"], name)
        for n, label in enumerate(labels)
        for name, box in [(other["text"], other["box"]) for other in labels[n + 1 :]] + drawing["symbols"]
        if overlaps(label["box"], box)
    }


@pytest.mark.parametrize("screen", LAPTOPS, indirect=True)
@pytest.mark.parametrize("spacing", [False, True], ids=["as set", "text spacing"])
@pytest.mark.parametrize("query", ["", "?metric=share_returned"])
def test_the_maps_legend_and_colour_bar_keep_their_words_whole_under_text_spacing(screen, query, spacing):
    """1.4.12: with the WCAG text-spacing style set after the map is drawn, the legend's entries do not run
    into each other, the colour bar's title is not cut by the map's edge ("ource: ..."), the map keeps its
    room (the page scrolls instead) and no label covers anything it did not cover before."""
    page = screen.at(query, changing=spacing)
    page.wait_for_function("() => window.dandelion.labelsPlaced")
    before = page.evaluate(MAP_KEYS)
    collisions = label_collisions(page)
    if spacing:
        page.evaluate(TEXT_SPACING)
        page.wait_for_function("() => document.body.classList.contains('text-spaced')")
        page.wait_for_function("() => window.dandelion.labelsPlaced")
    keys = page.evaluate(MAP_KEYS)
    entries = keys["entries"]
    assert len(entries) >= 5
    assert [(a[0], b[0]) for n, a in enumerate(entries) for b in entries[n + 1 :] if overlaps(a[1], b[1])] == []
    words, (x, _, width, _) = keys["title"]
    svg_x, _, svg_width, _ = keys["svg"]
    assert "Source:" in words
    assert x >= svg_x and x + width <= svg_x + svg_width, f"{words!r} cut at the map's edge"
    assert keys["plot"][0] >= 0.95 * before["plot"][0] and keys["plot"][1] >= 0.95 * before["plot"][1]
    assert label_collisions(page) <= collisions


# --- 2.1.4 Character Key Shortcuts, and Space on a presenter's button ------------------------------


def test_presenter_letter_keys_act_only_when_no_control_has_focus(browser, live_server, briefing):
    with open_state(browser, live_server, "?present=1&step=1", DESK) as page:
        page.get_by_role("link", name="Hand-out (PDF)").focus()
        windows = len(page.context.pages)
        for key in ("b", "B", ".", "s"):
            page.keyboard.press(key)
        assert page.evaluate("window.dandelion.blanked") is False, "B on a link does not blank the room"
        assert len(page.context.pages) == windows, "S on a link opens no speaker view"
        speaker = page.get_by_role("button", name="Speaker view")
        speaker.focus()
        with page.context.expect_page():
            page.keyboard.press("Space")
        assert page.evaluate("document.body.dataset.step") == briefing.story[0].id, "Space pressed the button"
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press("b")
        page.wait_for_function("() => window.dandelion.blanked === true")
        page.keyboard.press("b")
        page.wait_for_function("() => window.dandelion.blanked === false")


# --- 1.4.4 Resize Text: zoomed laptops and middling screens ---------------------------------------

ZOOMED = {
    f"{w}x{h} at {z}%": (w * 100 // z, h * 100 // z)
    for w, h in ((1366, 768), (1280, 720))
    for z in (125, 150, 160, 175)
}
MIDDLING = {f"{w}x{h}": (w, h) for w, h in ((800, 600), (768, 1024), (844, 390))}


@pytest.mark.parametrize("screen", {**ZOOMED, **MIDDLING}, indirect=True)
def test_zoomed_or_middling_nothing_covers_the_title_or_the_switches(screen):
    page = screen.at("")
    words = [box_of(page.locator(s).bounding_box()) for s in ("#map-title", "#map-subtitle")]
    actions = page.locator(".page-header .action:visible")
    for n in range(actions.count()):
        box = box_of(actions.nth(n).bounding_box())
        assert not any(overlaps(box, w) for w in words), actions.nth(n).inner_text()
    over_map = page.locator(".map-frame .view-switch, .map-frame .display-switch, .map-frame .map-zoom")
    switches = [box_of(over_map.nth(n).bounding_box()) for n in range(over_map.count()) if over_map.nth(n).is_visible()]
    assert len(switches) >= 2
    assert not any(overlaps(a, b) for n, a in enumerate(switches) for b in switches[n + 1 :])
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"


@pytest.mark.parametrize("screen", {**ZOOMED, **MIDDLING}, indirect=True)
def test_zoomed_or_middling_no_map_label_covers_another_a_symbol_or_the_colour_bar(screen):
    """1.4.4 on the map: at 125-175% zoom and on middling screens each label finds room of its own (a small
    frame is drawn in a phone's type, with the layer list as its legend), for two metrics."""
    for query in ("", "?metric=share_returned"):
        page = screen.at(query)
        page.wait_for_function("() => window.dandelion.labelsPlaced")
        assert page.locator("#map-title").text_content().startswith("Share" if query else "Foreign fighters")
        assert label_collisions(page) == set(), query


# --- the projector: every step's map fills its frame, its places clear of the colour bar --------

PROJECTORS = {"1280x720": (1280, 720), "1366x768": LAPTOP, "1920x1080": DESK}
# The map's plot area (its frame) and the geo area plotly draws in it, in client px.
GEO_IN_FRAME = """() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const plot = gd.getBoundingClientRect();
  const {l, t, w, h} = gd._fullLayout._size;
  const geo = gd.querySelector('.geolayer .geo .bg rect').getBoundingClientRect();
  return {frame: [plot.x + l, plot.y + t, w, h], geo: [geo.x, geo.y, geo.width, geo.height]};
}"""


@pytest.mark.parametrize("screen", PROJECTORS)
def test_on_a_projector_every_steps_map_fills_its_frame_clear_of_the_colour_bar(browser, live_server, briefing, screen):
    """Issue 21: at every step the map fills its frame (no blank strips), no place's symbol is under the
    colour bar, and no label covers another, a symbol or the colour bar."""
    with open_state(browser, live_server, "?present=1&step=1", PROJECTORS[screen]) as page:
        faults = []
        for n, step in enumerate(briefing.story):
            if n:
                page.keyboard.press("PageDown")
                page.wait_for_function("id => document.body.dataset.step === id", arg=step.id)
            page.wait_for_function("() => window.dandelion.labelsPlaced")
            shown = page.evaluate(GEO_IN_FRAME)
            if any(abs(a - b) > 2 for a, b in zip(shown["geo"], shown["frame"], strict=True)):
                faults.append(f"step {n + 1}: geo {shown['geo']} in frame {shown['frame']}")
            symbols = page.evaluate(MAP_DRAWING)["symbols"]
            colour_bar = [box for name, box in symbols if name == "the colour bar"]
            faults += [
                f"step {n + 1}: {name} {box} under the colour bar {colour_bar}"
                for name, box in symbols
                if name != "the colour bar" and "switch" not in name and any(overlaps(box, bar) for bar in colour_bar)
            ]
            faults += [f"step {n + 1}: {label!r} covers {other!r}" for label, other in label_collisions(page)]
        assert faults == []


# --- the phone: the map first, the choices in one sheet, the figures in another -------------------

# Where the map's frame starts, and what share of the first screen it takes.
MAP_ON_FIRST_SCREEN = """() => {
  const frame = document.getElementById('map-frame').getBoundingClientRect();
  return {top: frame.top, share: (Math.min(frame.bottom, innerHeight) - Math.max(frame.top, 0)) / innerHeight};
}"""


@pytest.mark.parametrize("screen", PHONES, indirect=True)
def test_the_phones_first_screen_is_the_map(screen):
    page = screen.at("")
    measured = page.evaluate(MAP_ON_FIRST_SCREEN)
    assert measured["top"] <= 160, measured
    assert measured["share"] >= 0.55, measured
    assert not page.get_by_role("group", name="Show", exact=True).is_visible(), "the choices are folded"


def test_the_phones_choices_fold_into_one_controls_sheet_that_gives_focus_back(browser, live_server):
    with open_state(browser, live_server, "", PHONE) as page:
        button = page.get_by_role("button", name="Controls")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        sheet = page.get_by_role("dialog", name="Map controls")
        sheet.wait_for()
        assert button.get_attribute("aria-expanded") == "true"
        # Every control of the controls' column is in the sheet, and the sheet lies over the map.
        choices = page.locator("#controls [data-choice]")  # the radio groups and the Source and Time menus
        assert choices.count() >= 4
        for n in range(choices.count()):
            assert choices.nth(n).is_visible()
        box, frame = sheet.bounding_box(), page.locator("#map-frame").bounding_box()
        assert box["y"] + box["height"] <= PHONE[1] + 1 and overlaps(box_of(box), box_of(frame))
        assert sheet.evaluate("s => s.contains(document.activeElement)"), "the focus is in the sheet"
        for _ in range(30):
            page.keyboard.press("Tab")
            # In the sheet, or past the document's end (the browser's own controls), never on the page behind.
            assert sheet.evaluate("s => s.contains(document.activeElement) || document.activeElement === document.body")
        sheet.get_by_role("radio", name="Foreign fighters").check()
        page.wait_for_function("() => document.getElementById('map-title').textContent.startsWith('Foreign fighters')")
        page.keyboard.press("Escape")
        sheet.wait_for(state="hidden")
        assert page.evaluate("document.activeElement.id") == "controls-button"
        button.click()
        page.get_by_role("button", name="Done").click()
        sheet.wait_for(state="hidden")
        assert page.evaluate("document.activeElement.id") == "controls-button"


def test_on_a_phone_a_chosen_country_opens_as_a_sheet_over_the_map(browser, live_server):
    with open_state(browser, live_server, "", PHONE) as page:
        page.wait_for_function("() => window.dandelion.labelsPlaced")
        x, y = label_point(page, "Algeria")
        page.mouse.click(x, y + 25)
        panel = page.locator("#country-panel")
        page.wait_for_function("() => document.getElementById('panel-title').textContent === 'Algeria'")
        box, frame = panel.bounding_box(), page.locator("#map-frame").bounding_box()
        assert box["y"] + box["height"] <= PHONE[1] + 1 and box["y"] < frame["y"] + frame["height"], "over the map"
        assert page.evaluate("getComputedStyle(document.getElementById('country-panel')).position") == "fixed"
        close = page.get_by_role("button", name="Close", exact=True)
        close.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => getComputedStyle(document.getElementById('country-panel')).position !== 'fixed'")
        assert page.evaluate("document.activeElement.id") == "map-figure", "the focus goes back to the map"
        assert "Algeria" in panel.inner_text(), "the figures stay, in their place under the map"


# --- what a screen reader announces, from chromium's accessibility tree ---------------------------


def status_texts(cdp) -> list[str]:
    """The text of every live status region in chromium's accessibility tree (what a screen reader announces)."""
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}

    def text(node: dict) -> str:
        if node.get("role", {}).get("value") == "StaticText":
            return node.get("name", {}).get("value", "")
        return "".join(text(by_id[child]) for child in node.get("childIds", []) if child in by_id)

    return [text(node) for node in nodes if node.get("role", {}).get("value") == "status" and not node.get("ignored")]


def announced(page, cdp, words: str) -> str:
    """What the status regions announce, once one of them says ``words``."""
    texts: list[str] = []
    for _ in range(100):
        texts = status_texts(cdp)
        found = [text for text in texts if words in text]
        if found:
            return found[0]
        page.wait_for_timeout(50)
    raise AssertionError(f"{words!r} never announced; the status regions say {texts}")


def choose_source(page, label: str) -> None:
    """Choose a source as a reader does, whether the Source control is a radio group or a menu."""
    menu = page.get_by_role("combobox", name="Source")
    if menu.count():
        menu.select_option(label=label)
    else:
        page.get_by_role("radio", name=label, exact=True).check()


def test_a_screen_reader_hears_each_figure_with_its_qualifier_and_source(browser, live_server, briefing):
    from dashboard.figures.readings import read
    from dashboard.model.observations import Selection

    with open_state(browser, live_server, "", LAPTOP) as page:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Accessibility.enable")
        rogan = briefing.source_label(briefing.source_choices[0])
        page.get_by_role("radio", name="Foreign fighters", exact=True).check()
        news = announced(page, cdp, "Foreign fighters from each Maghreb state")
        assert "briefing's figures, as the briefing saw it" in news, "a metric names whose figures the map shows"

        other = briefing.source_choices[1]
        choose_source(page, briefing.source_label(other))
        announced(page, cdp, f"igures of {briefing.source_label(other)}")

        page.get_by_role("radio", name="Tunisia").check()
        reading = read(briefing, "foreign_fighters", "TUN", Selection(other))
        news = announced(page, cdp, "Tunisia. Foreign fighters")
        assert reading.text in news and f"Source: {reading.source}" in news, news

        page.get_by_role("combobox", name="Time").select_option(label="Latest known")
        reading = read(briefing, "foreign_fighters", "TUN", Selection(other, "latest"))
        news = announced(page, cdp, "the latest known")
        assert reading.text in news and f"Date: {reading.when}" in news, "the time is heard, and the figure's date"

        choose_source(page, rogan)
        reading = read(briefing, "foreign_fighters", "TUN", Selection(briefing.source_choices[0], "latest"))
        news = announced(page, cdp, "briefing's figures: the latest known")
        assert reading.text in news and f"Source: {reading.source}" in news, "the selected country under the new source"

        ident = next(i for i in briefing.feature_ids if briefing.feature(i).certainty)
        feature = briefing.feature(ident)
        page.locator("#places summary").click()
        page.locator(f'#places button[data-target="feature:{ident}"]').click()
        news = announced(page, cdp, feature.name)
        assert feature.certainty.capitalize() in news and briefing.sources[feature.sources[0]].short in news, news

        page.get_by_role("radio", name="Table").check()
        page.get_by_role("table").wait_for()
        page.get_by_role("radio", name="Returnees", exact=True).check()
        news = announced(page, cdp, "Foreign fighters who have returned home")
        assert "briefing's figures" in news, "in the table too"

        page.get_by_role("button", name="Present").click()
        announced(page, cdp, f"Step 1 of {len(briefing.story)}")
        page.keyboard.press("PageDown")
        step = briefing.story[1]
        news = announced(page, cdp, f"Step 2 of {len(briefing.story)}: {step.title}")
        assert step.text in news and "Figures: " in news, news
        page.keyboard.press("Escape")
        announced(page, cdp, "Left the presentation")


def test_the_map_is_one_image_named_by_its_title_and_described_in_words(browser, live_server):
    """Not its SVG's layers as images with run-together names ("Tunisia800 since mid-2017 Algerianearly 100...")."""
    with open_state(browser, live_server, "", LAPTOP) as page:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Accessibility.enable")
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        images = [
            (node.get("name", {}).get("value", ""), node.get("description", {}).get("value", ""))
            for node in nodes
            if node.get("role", {}).get("value") in ("image", "img", "graphics-document", "graphics-symbol", "svg")
            and not node.get("ignored")
        ]
        assert len(images) == 1, images
        name, description = images[0]
        assert name == "Foreign fighters who have returned home"
        assert "Highest: Tunisia, 800 since mid-2017, late 2017 (figure undated)." in description


# --- also found by the audit -------------------------------------------------------------------


def test_the_focus_never_falls_to_the_page_after_saving_an_image_or_presenting(browser, live_server):
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.locator("#download summary").click()
        with page.expect_download():
            page.get_by_role("button", name="PNG, as on screen").click()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "back on Download"
        page.get_by_role("button", name="Present").click()
        page.wait_for_function("() => document.body.hasAttribute('data-step')")
        assert page.evaluate("document.activeElement.id") == "story-card", "on the step, not <body>"
        stops = []
        for _ in range(8):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("document.activeElement.className"))
        assert not any("skip-link" in stop for stop in stops), "no skip link blanks the map while presenting"


def test_screen_readers_hear_the_current_word_and_plain_sort_buttons(browser, live_server):
    with open_state(browser, live_server, "?country=TUN", LAPTOP) as page:
        page.wait_for_function("() => document.querySelector('#briefing-text mark.is-current')")
        current = page.locator("#briefing-text mark[aria-current='true']")
        assert current.count() >= 1 and "is-current" in current.first.get_attribute("class")
        page.get_by_role("radio", name="Table").check()
        page.get_by_role("table").wait_for()  # shown by a callback, after the choice
        cdp = page.context.new_cdp_session(page)
        cdp.send("Accessibility.enable")
        names = [
            node.get("name", {}).get("value", "")
            for node in cdp.send("Accessibility.getFullAXTree")["nodes"]
            if node.get("role", {}).get("value") == "button"
        ]
        assert "Foreign fighters (people)" in names
        assert not [name for name in names if any(arrow in name for arrow in "\u2195\u2191\u2193\u25be")], names


def test_the_places_list_is_grouped_sorted_and_clear_of_the_footer(browser, live_server, briefing):
    with open_state(browser, live_server, "", LAPTOP) as page:
        page.locator("#places summary").click()
        for layer in briefing.layers:
            group = page.get_by_role("list", name=layer.title)
            names = group.get_by_role("button").all_inner_texts()
            assert names == sorted(names, key=str.casefold) and len(names) == len(layer.features)
        footer = box_of(page.locator(".page-footer").bounding_box())
        panel = box_of(page.locator(".layer-panel").bounding_box())
        assert not overlaps(footer, panel)
