"""The real page in Debian's headless chromium, as each delivery gives it.

The live server; the static site (``export site``) served by Python's
http.server from another folder; the one file (``export html``) opened from
file://. The tests run against the live server; the ones in
``ON_EVERY_DELIVERY`` (the map, metric, layers, panel, presenter, links,
downloads) run against the other two as well, one after another on one page
of each (``test_the_static_site_and_the_one_file_do_what_the_live_map_does``).
Every request the page makes is recorded; any that is not to what is under
test (the server, or the one file itself) fails the test: the map must work
with no network.
"""

from __future__ import annotations

import csv
import functools
import inspect
import io
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from dashboard.figures.style import IMAGE_MIN_SIZE
from dashboard.model.metrics import METRICS
from dashboard.outputs.delivery import ONE_FILE_BUDGET, export_site, one_file
from dashboard.page.controls import layer_groups
from tests.conftest import MOTION, REDUCED_MOTION, Chromium, serve_in_thread

pytestmark = pytest.mark.browser


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def static_site(app, tmp_path_factory) -> Iterator[str]:
    """``export site`` served by Python's http.server, as README says to try it."""
    folder = tmp_path_factory.mktemp("site")
    export_site(app, folder)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    for url in serve_in_thread(server):
        yield url + "/"


@pytest.fixture(scope="session")
def one_file_url(app, tmp_path_factory) -> str:
    """``export html``, opened from a disk."""
    path = tmp_path_factory.mktemp("one-file") / "dandelion.html"
    path.write_bytes(one_file(app))
    return path.as_uri()


@pytest.fixture
def delivery(request) -> str:
    return getattr(request, "param", "live")


@pytest.fixture
def page_url(request, delivery) -> str:
    """The page's address, without a query, as the delivery under test gives it."""
    if delivery == "site":
        return request.getfixturevalue("static_site")
    if delivery == "file":
        return request.getfixturevalue("one_file_url")
    return request.getfixturevalue("live_server") + "/"


class OfflinePage:
    """A page that may only talk to what is under test: its server, or its own file.

    It is opened in the context its kind of screen shares (conftest.py's ``Chromium``), or with ``own_context``
    in a context of its own, for a test that changes the context (its scripts, its listeners). Closing it closes
    the pages it opened (a speaker view's too) and empties their storage (the talk a presenter keeps)."""

    def __init__(
        self,
        browser: Chromium,
        page_url: str,
        width: int = 1366,
        height: int = 768,
        permissions: tuple = (),
        has_touch: bool = False,
        own_context: bool = False,
        in_page: bool = False,
    ):
        self.page_url = page_url
        # Once loaded, open() goes to another address as Back and Forward do, without a load (the deliveries'
        # tour of the checks, test_the_static_site_and_the_one_file_do_what_the_live_map_does).
        self.in_page = in_page
        # A server may answer anything under it; a file is alone.
        self.allowed = page_url if page_url.startswith("file:") else page_url.rsplit("/", 1)[0] + "/"
        self.outside_requests: list[str] = []
        self.own_context = own_context
        if own_context:
            viewport = {"width": width, "height": height}
            context = browser.new_context(viewport=viewport, permissions=list(permissions), has_touch=has_touch)
            self.page: Page = context.new_page()
        else:
            self.page = browser.new_page(width, height, permissions, has_touch)
        self.context = self.page.context
        self.pages_before = set(self.context.pages) - {self.page}
        self.context.on("request", self.seen)

    def close(self) -> None:
        if self.own_context:
            self.context.close()
            return
        self.context.remove_listener("request", self.seen)
        for page in set(self.context.pages) - self.pages_before:
            page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (opaque) {} }")
            page.close()

    def seen(self, request) -> None:
        """Each request of the context's pages (a speaker view's too): one to anything but what is under test is
        recorded. Chromium sends none of them out (its proxy refuses them: conftest.py's ``browser``); watched,
        not intercepted, the pages load as a reader's do, with the browser's cache."""
        url = request.url
        if not url.startswith((self.allowed, "data:", "blob:")):
            self.outside_requests.append(url)

    def open(self, query: str = "") -> Page:
        """Load the page (``query`` like "?metric=..."), once the map shows what the address names; ``in_page``,
        a page already loaded is put in that state as Back and Forward put it (the page's popstate)."""
        if self.in_page and self.page.url.startswith(self.page_url):
            self.page.evaluate(GO_TO, self.page_url + query)
        else:
            self.page.goto(self.page_url + query)
        wait_until_shown(self.page)
        return self.page


# An address reached as Back and Forward reach it: the history's, and a popstate (applyAddress starts at once).
GO_TO = "url => { history.pushState(null, '', url); dispatchEvent(new PopStateEvent('popstate')); }"


def wait_until_shown(page: Page) -> None:
    """Wait until the map is drawn and the address it was opened with is applied.

    The base map's land is there whatever layers a link switches off.
    """
    page.wait_for_selector("#map .geo .layer.land path", state="attached")
    page.wait_for_function("() => window.dandelion && !window.dandelion.applying")


@pytest.fixture
def offline(browser, page_url) -> Iterator[OfflinePage]:
    offline = OfflinePage(browser, page_url)
    yield offline
    offline.close()
    assert offline.outside_requests == [], "requests left what is under test"


LABEL_ANCHOR = """name => {
    const text = [...document.querySelectorAll('#map g.trace.scattergeo text')].find(t => t.textContent.includes(name));
    const trace = text.parentNode.parentNode.getScreenCTM();
    const anchor = text.transform.baseVal.consolidate().matrix;
    return [trace.e + anchor.e, trace.f + anchor.f];
}"""


def label_point(page: Page, name: str) -> tuple[float, float]:
    """Screen position of the point a map label hangs from: a country's label point (inside it), a place.

    Not the label's own box: the page moves a label off its point where it would cover another.
    """
    x, y = page.evaluate(LABEL_ANCHOR, name)
    return x, y


def hover_country(page: Page, country_name: str) -> str:
    """Move the mouse onto a country and return the hover box's text."""
    page.mouse.move(0, 0)
    page.mouse.move(*label_point(page, country_name))
    hover = page.locator("#map .hoverlayer .hovertext").first
    hover.wait_for()
    return hover.text_content()


def choose_metric(page: Page, label: str) -> None:
    """Pick a metric and wait until the map has redrawn with its colour scale."""
    legend = page.locator("#map .cbtitle").text_content()
    page.get_by_role("group", name="Show", exact=True).get_by_role("radio", name=label).check()
    page.wait_for_function("old => document.querySelector('#map .cbtitle')?.textContent !== old", arg=legend)


def test_page_loads_with_no_request_leaving_the_machine(offline):
    page = offline.open()
    # The base map is our own TopoJSON: land is drawn, so it arrived.
    assert page.locator("#map .geo .layer.land path").count() >= 1
    assert page.title() == "Foreign fighters who have returned home · Dandelion"
    assert offline.outside_requests == []
    # What a page of the test's browser asks of the outside is seen, and refused by chromium itself.
    blank = offline.context.new_page()
    outside = "https://cdn.plot.ly/plotly-geo-assets.js"
    with blank.expect_event("requestfailed") as failed:
        blank.evaluate("url => fetch(url, {mode: 'no-cors'}).catch(() => null)", outside)
    assert failed.value.failure == "net::ERR_PROXY_CONNECTION_FAILED"
    assert offline.outside_requests == [outside]
    offline.outside_requests.clear()
    blank.close()


@pytest.mark.parametrize("delivery", ["live", "site"], indirect=True)
def test_the_page_loads_only_its_own_map_component_not_dashs_core_components(offline):
    requested: list[str] = []
    offline.page.on("request", lambda request: requested.append(request.url))
    page = offline.open()
    scripts = [url for url in requested if ".js" in url]
    assert any("plotly" in url for url in scripts) and any("/components." in url for url in scripts)
    # dash_core_components and its chunks (async-graph.js...), under Dash's names or the site's hashed ones.
    assert not [url for url in scripts if "dash_core_components" in url or "/dcc/" in url or "async-" in url]
    assert page.locator("#map .js-plotly-plot .choroplethlocation").count() >= 4


def test_all_four_states_are_drawn_and_labelled(offline):
    page = offline.open()
    labels = page.locator("#map g.trace.scattergeo text").all_text_contents()
    for name in ("Tunisia", "Morocco", "Algeria", "Libya"):
        assert any(text.startswith(name) for text in labels), labels
    # 4 states in the value and no-data traces, 8 context countries.
    assert page.locator("#map .choroplethlocation").count() == 12


def test_hovering_tunisia_shows_its_figure_qualifier_date_and_source(offline):
    page = offline.open()
    choose_metric(page, "Foreign fighters")
    text = hover_country(page, "Tunisia")
    assert "Tunisia" in text
    assert "Foreign fighters: around 3,000" in text
    assert "Date: late 2017 (figure undated)" in text
    assert "Source: Rogan, ATA briefing (2017)" in text


def test_libya_returnees_show_as_not_given_never_zero(offline):
    page = offline.open()
    text = hover_country(page, "Libya")
    assert "Returnees: not given in the briefing" in text
    assert "0" not in text.split("Returnees:")[1].split("Date:")[0]
    assert page.locator("#map .legendtext", has_text="No data: not given in the briefing").count() == 1


def test_switching_the_metric_changes_legend_title_and_hover(offline):
    page = offline.open()
    assert page.locator("#map .cbtitle").text_content().startswith("Returnees (people)")
    assert "Returnees: 800" in hover_country(page, "Tunisia")
    assert page.locator("#map-title").text_content() == "Foreign fighters who have returned home"
    choose_metric(page, "Share returned")
    assert page.locator("#map .cbtitle").text_content().startswith("Returned (% of foreign fighters)")
    text = hover_country(page, "Morocco")
    assert "Share returned: less than 13%" in text
    assert "derived: returnees (200) ÷ foreign fighters (more than 1,600)" in text
    assert page.locator("#map-title").text_content() == "Share of foreign fighters who have returned"


def test_clicking_a_country_opens_its_panel(offline):
    page = offline.open()
    page.mouse.click(*label_point(page, "Libya"))
    title = page.locator("#panel-title")
    title.wait_for()
    page.wait_for_function("() => document.querySelector('#panel-title')?.textContent === 'Libya'")
    panel = page.locator("#country-panel").inner_text()
    assert "just over 600" in panel
    assert "US intelligence, as cited in Rogan, ATA briefing (2017)" in panel
    assert "Returnees\nnot given in the briefing" in panel
    assert "monitoring returnees is extremely difficult" in panel
    # The keyboard picker follows the map (the map's render sets it, a callback apart from the panel's).
    expect(page.get_by_role("radio", name="Libya")).to_be_checked()


def test_the_country_picker_works_from_the_keyboard(offline):
    page = offline.open()
    page.get_by_role("radio", name="Morocco").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('#panel-title')?.textContent === 'Algeria'")
    assert "close to 200" in page.locator("#country-panel").inner_text()


# --- layers, views and the briefing beside the map (issue 3) ---------------------------

LAYER_LEGEND = {
    "barrier": "Tunisia's border barrier (route approximate)",
    "us_forces_tunisia": "US forces in Tunisia (unconfirmed)",
    "niger_drone_base": "US drone base in Niger",
    "algeria_air_base": "Algeria's new air base (location approximate)",
    "return_routes": "Return route, assumed (width: returnees)",
    "flows": "Onward movement (direction only)",
}


def legend_texts(page: Page) -> list[str]:
    return page.locator("#map .legendtext").all_text_contents()


def map_texts(page: Page) -> list[str]:
    return page.locator("#map g.trace.scattergeo text").all_text_contents()


def toggle_layer(page: Page, layer_id: str) -> None:
    """Click a layer's checkbox and wait for the map to redraw."""
    before = page.locator("#map g.trace").count()
    page.locator(f'input[value="{layer_id}"]').click()
    page.wait_for_function("n => document.querySelectorAll('#map g.trace').length !== n", arg=before)


def test_each_layer_toggle_hides_and_shows_its_layer_and_legend_entry(offline):
    page = offline.open()
    traces = page.locator("#map g.trace").count()
    for layer_id, entry in LAYER_LEGEND.items():
        assert entry in legend_texts(page)
        toggle_layer(page, layer_id)
        assert entry not in legend_texts(page), layer_id
        assert page.locator("#map g.trace").count() < traces, layer_id
        toggle_layer(page, layer_id)
        assert entry in legend_texts(page), layer_id
        assert page.locator("#map g.trace").count() == traces, layer_id


def test_switching_off_the_choropleth_and_labels(offline):
    page = offline.open()
    toggle_layer(page, "choropleth")
    assert page.locator("#map .choroplethlocation").count() == 0
    assert "No data: not given in the briefing" not in legend_texts(page)
    toggle_layer(page, "labels")
    assert not any(text.startswith("Tunisia") for text in map_texts(page))


def test_layer_and_metric_changes_keep_zoom_and_ask_nothing_of_the_server(offline):
    page = offline.open()
    page.mouse.move(*label_point(page, "Algeria"))
    page.mouse.wheel(0, -400)
    page.wait_for_function("() => location.search.includes('extent=')")  # the zoom has landed: the address has it
    scale = page.evaluate("document.querySelector('#map .js-plotly-plot')._fullLayout.geo.projection.scale")
    assert scale > 1
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    toggle_layer(page, "return_routes")
    choose_metric(page, "Fighters per million")
    assert posts == []
    assert page.evaluate("document.querySelector('#map .js-plotly-plot')._fullLayout.geo.projection.scale") == scale


def test_hovering_the_barrier_shows_its_length_and_source(offline):
    page = offline.open()
    page.mouse.move(*label_point(page, "Ras Ajdir"))  # the barrier's end
    hover = page.locator("#map .hoverlayer .hovertext").first
    hover.wait_for()
    text = hover.text_content()
    assert "Tunisia's border barrier" in text
    assert "Route approximate" in text
    assert "Length as drawn: 179 km" in text and "Reported: about 200 km" in text
    assert "Source: Al Jazeera (7 Feb 2016)" in text
    assert "July 2015 – February 2016" in text


def test_approximate_and_unconfirmed_places_say_so(offline):
    page = offline.open()
    texts = map_texts(page)
    assert "Hassi Tiririne (location approximate)" in texts
    assert "Reggane (unconfirmed)" in texts
    assert "US drones (base not named) (unconfirmed)" in texts
    assert "Air Base 201, Agadez" in texts  # known for sure: no qualifier
    legend = legend_texts(page)
    assert "Algeria's new air base (unconfirmed)" in legend
    assert "Algeria's new air base (location approximate)" in legend


def test_clicking_a_figure_in_the_text_selects_its_country(offline):
    page = offline.open()
    page.locator("#briefing-text mark", has_text="around 3,000").click()
    page.wait_for_function("() => document.querySelector('#panel-title')?.textContent === 'Tunisia'")
    expect(page.get_by_role("radio", name="Tunisia")).to_be_checked()
    assert "around 3,000" in page.locator("#country-panel").inner_text()


def test_clicking_a_measure_in_the_text_opens_its_panel(offline):
    page = offline.open()
    page.locator("#briefing-text mark", has_text="earthen wall").click()
    page.wait_for_function("() => document.querySelector('#panel-title')?.textContent === \"Tunisia's border barrier\"")
    panel = page.locator("#country-panel").inner_text()
    assert "Length as drawn: 179 km" in panel and "Route approximate" in panel


def test_clicking_a_country_on_the_map_marks_its_paragraph(offline):
    page = offline.open()
    page.mouse.click(*label_point(page, "Morocco"))
    mark = page.locator("#briefing-text mark", has_text="more than 1,600")
    page.wait_for_function("() => document.querySelector('#briefing-text mark.is-current') !== null")
    assert "is-current" in mark.get_attribute("class")
    assert mark.evaluate("m => m.parentElement.classList.contains('is-current')")
    # The text scrolls (smoothly) until the paragraph is in view.
    page.wait_for_function(
        """() => {
            const mark = document.querySelector('#briefing-text mark.is-current').getBoundingClientRect();
            const panel = document.querySelector('#briefing-text').getBoundingClientRect();
            return mark.top >= panel.top && mark.bottom <= panel.bottom;
        }"""
    )


def test_the_side_panel_collapses_to_give_the_map_room(offline):
    page = offline.open()
    width = page.locator("#map").bounding_box()["width"]
    page.get_by_role("button", name="Hide panel").click()
    expect_hidden = page.locator("#briefing-text")
    expect_hidden.wait_for(state="hidden")
    page.wait_for_function("w => document.querySelector('#map').getBoundingClientRect().width > w + 100", arg=width)
    # The drawn map follows its frame (no window resize happened): it takes the room.
    page.wait_for_function(
        "() => Math.abs(document.querySelector('#map svg.main-svg').getBoundingClientRect().width"
        " - document.querySelector('#map').getBoundingClientRect().width) < 2"
    )
    page.get_by_role("button", name="Show panel").click()
    expect_hidden.wait_for(state="visible")


def test_the_view_takes_in_raqqa_on_demand(offline):
    page = offline.open()
    raqqa_inside = """() => {
        const frame = document.querySelector('#map').getBoundingClientRect();
        const label = [...document.querySelectorAll('#map g.trace.scattergeo text')]
            .find(text => text.textContent === 'Raqqa').getBoundingClientRect();
        return label.left > frame.left && label.right < frame.right;
    }"""
    assert not page.evaluate(raqqa_inside)  # the default view stays on the Maghreb
    page.get_by_role("radio", name="Maghreb and Raqqa").check()
    page.wait_for_function(raqqa_inside)
    assert "view=raqqa" in page.url


# --- presenter mode and links (issue 4) -------------------------------------------------


def story(briefing):
    return briefing.story


def shown_layers(page: Page) -> set[str]:
    """Layers whose traces are drawn, read from the figure the page shows."""
    return set(
        page.evaluate(
            """() => document.querySelector('#map .js-plotly-plot').data
                .filter(t => t.visible !== false && t.meta && t.meta.layer && t.meta.layer !== 'selection')
                .map(t => t.meta.layer)"""
        )
    )


def outlined(page: Page) -> list[str]:
    return page.evaluate(
        """() => document.querySelector('#map .js-plotly-plot').data
            .find(t => t.meta && t.meta.part === 'selected-country').locations"""
    )


def wait_for_step(page: Page, number: int, total: int) -> None:
    page.wait_for_function(
        "text => document.querySelector('#story-counter')?.textContent === text", arg=f"Step {number} of {total}"
    )


def test_presenter_mode_steps_through_the_story_from_the_keyboard(offline, briefing):
    page = offline.open()
    page.emulate_media(reduced_motion=MOTION)  # each step flies there, as for most readers
    page.get_by_role("button", name="Present").click()
    total = len(briefing.story)
    wait_for_step(page, 1, total)
    assert page.locator(".page-header").is_hidden() and page.locator("#side-panel").is_hidden()
    # The one file has no PDF in it, so it offers none.
    handout = page.locator("#story-card a", has_text="Hand-out (PDF)")
    assert handout.is_hidden() == offline.page_url.startswith("file:")
    for _ in range(5):
        page.keyboard.press("PageDown")
    wait_for_step(page, 6, total)
    step = briefing.story[5]
    assert page.locator("#story-title").text_content() == step.title
    page.wait_for_function("id => document.body.getAttribute('data-step') === id", arg=step.id)
    assert shown_layers(page) == set(step.layers)
    assert outlined(page) == ["LBY"]
    assert "present=1&step=6" in page.url
    # Back, Home and End, as a clicker or keyboard sends them.
    page.keyboard.press("PageUp")
    wait_for_step(page, 5, total)
    page.keyboard.press("End")
    wait_for_step(page, total, total)
    page.keyboard.press("Home")
    wait_for_step(page, 1, total)
    page.keyboard.press("Escape")
    page.locator(".page-header").wait_for(state="visible")
    assert not page.evaluate("document.body.classList.contains('presenting')")
    page.emulate_media(reduced_motion=REDUCED_MOTION)


def test_the_presenter_can_click_and_then_carry_on(offline, briefing):
    page = offline.open()
    page.emulate_media(reduced_motion=MOTION)  # the click lands on a map that has flown to its step
    page.get_by_role("button", name="Present").click()
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    wait_for_step(page, 3, len(briefing.story))
    page.wait_for_function("() => document.body.getAttribute('data-step') === 'tunisia'")
    page.mouse.click(*label_point(page, "Tunisia"))
    page.keyboard.press("Space")
    wait_for_step(page, 4, len(briefing.story))
    assert page.locator("#story-title").text_content() == briefing.story[3].title


def test_reloading_a_steps_link_shows_that_step(offline, briefing):
    page = offline.open()
    page.goto(offline.page_url + "?present=1&step=4")
    wait_for_step(page, 4, len(briefing.story))
    assert page.locator("#story-title").text_content() == briefing.story[3].title
    page.wait_for_function("() => document.body.getAttribute('data-step') === 'morocco'")
    assert outlined(page) == ["MAR"]


def test_an_explorer_link_reproduces_metric_layers_and_selection(offline, browser):
    page = offline.open()
    choose_metric(page, "Share returned")
    toggle_layer(page, "flows")
    page.get_by_role("radio", name="Libya").check()
    page.wait_for_function("() => location.search.includes('country=LBY')")
    link = page.url
    assert "metric=share_returned" in link and "flows" not in link.split("layers=")[1]
    fresh = OfflinePage(browser, offline.page_url)
    try:
        page2 = fresh.page
        page2.goto(link)
        page2.wait_for_function("() => document.querySelector('#panel-title')?.textContent === 'Libya'")
        expect(page2.get_by_role("radio", name="Share returned")).to_be_checked()
        expect(page2.locator('input[value="flows"]')).not_to_be_checked()
        expect(page2.locator('input[value="barrier"]')).to_be_checked()
        page2.wait_for_function("() => document.querySelector('#map .cbtitle')?.textContent.startsWith('Returned')")
        assert "flows" not in shown_layers(page2)
        assert fresh.outside_requests == []
    finally:
        fresh.close()


def test_back_and_forward_move_through_views(offline):
    page = offline.open()
    choose_metric(page, "Foreign fighters")
    choose_metric(page, "Fighters per million")
    page.go_back()
    page.wait_for_function(
        "() => document.querySelector('#map .cbtitle')?.textContent.startsWith('Foreign fighters (people)')"
    )
    page.go_forward()
    page.wait_for_function(
        "() => document.querySelector('#map .cbtitle')?.textContent.startsWith('Foreign fighters per')"
    )


def test_junk_parameters_open_the_default_view(offline):
    page = offline.open()
    errors = []
    page.on("response", lambda response: errors.append(response.url) if response.status >= 400 else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(offline.page_url + "?metric=martians&layers=tiles,%3Cscript%3E&country=XX&feature=../../etc"
              "&view=mars&extent=1,2,nope&present=2&step=99")  # fmt: skip
    wait_until_shown(page)
    assert page.get_by_role("radio", name="Returnees").is_checked()
    assert page.locator("#panel-title").text_content() == "Worldwide and Raqqa"
    assert page.locator('input[value="flows"]').is_checked()
    assert not page.evaluate("document.body.classList.contains('presenting')")
    assert errors == []


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_presenter_type_reads_from_the_back_of_the_room(browser, live_server, width, height, tmp_path):
    offline = OfflinePage(browser, live_server + "/", width, height)
    try:
        page = offline.open()
        page.get_by_role("button", name="Present").click()
        page.keyboard.press("PageDown")
        page.wait_for_function("() => document.body.getAttribute('data-step') === 'maghreb'")
        sizes = page.evaluate(
            """() => ['#story-title', '#story-text', '.story-source'].map(
                s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"""
        )
        assert sizes[0] >= (40 if width >= 1920 else 28)
        assert sizes[1] >= (26 if width >= 1920 else 19)
        assert min(sizes) >= 14, "no small print on a projector"
        card = page.locator("#story-card").bounding_box()
        graph = page.locator("#map").bounding_box()
        assert card["x"] + card["width"] <= graph["x"] + 1, "the text does not cover the map"
        assert graph["width"] * graph["height"] > 0.55 * width * height, "the map is large"
        assert page.evaluate("(() => { const c = document.querySelector('#story-card'); "
                             "return c.scrollHeight <= c.clientHeight; })()"), "the step text fits"  # fmt: skip
        page.screenshot(path=str(tmp_path / f"presenter-{width}x{height}.png"))
        assert offline.outside_requests == []
    finally:
        offline.close()


def test_a_link_keeps_the_map_extent_the_reader_zoomed_to(offline, browser):
    page = offline.open()
    page.mouse.move(*label_point(page, "Tunisia"))
    page.mouse.wheel(0, -600)
    page.wait_for_function("() => location.search.includes('extent=')")
    extent = page.evaluate("window.dandelion.visibleExtent()")
    fresh = OfflinePage(browser, offline.page_url)
    try:
        fresh.page.goto(page.url)
        wait_until_shown(fresh.page)
        again = fresh.page.evaluate("window.dandelion.visibleExtent()")
        centre = [sum(extent[axis]) / 2 for axis in ("lon", "lat")]
        assert [sum(again[axis]) / 2 for axis in ("lon", "lat")] == pytest.approx(centre, abs=0.6)
        assert again["lat"][1] - again["lat"][0] == pytest.approx(extent["lat"][1] - extent["lat"][0], rel=0.15)
    finally:
        fresh.close()


def test_copy_link_copies_the_address_of_the_view(browser, live_server):
    offline = OfflinePage(browser, live_server + "/", permissions=("clipboard-read", "clipboard-write"))
    try:
        page = offline.open()
        choose_metric(page, "Foreign fighters")
        page.wait_for_function("() => location.search.includes('metric=foreign_fighters')")
        page.get_by_role("button", name="Copy link").click()
        page.get_by_role("status").filter(has_text="Link copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == page.url
        assert offline.outside_requests == []
    finally:
        offline.close()


# --- deep links: every link opens what it names (issue 7; thirty links in tests/js/url.test.mjs) ------------------


def deep_links(briefing) -> list[tuple[str, dict]]:
    """A presenter step and an explorer view (a metric, some layers off, a feature, the wider view, an extent),
    each with what it must show."""
    number, step = 6, briefing.story[5]
    layers = [layer_id for group in layer_groups(briefing).values() for layer_id, _ in group]
    on = [layer_id for layer_id in layers if layer_id not in ("flows", "labels")]
    feature = briefing.feature_ids[0]
    query = "?" + urlencode(
        {"metric": "fighters_per_million", "layers": ",".join(on), "feature": feature, "view": "raqqa",
         "extent": "-5.5,25.25,20.75,40"}, safe=",/",
    )  # fmt: skip
    return [
        (f"?present=1&step={number}", {"step": number, "id": step.id, "layers": set(step.layers)}),
        (query, {"metric": "fighters_per_million", "layers": set(on), "title": briefing.feature(feature).name}),
    ]


def open_link(page: Page, url: str, expected: dict, total: int) -> None:
    """Open a deep link on a fresh page and check it shows what it names."""
    page.goto(url)
    wait_until_shown(page)
    if "step" in expected:
        wait_for_step(page, expected["step"], total)
        page.wait_for_function("id => document.body.getAttribute('data-step') === id", arg=expected["id"])
    else:
        page.wait_for_function("t => document.querySelector('#panel-title')?.textContent === t", arg=expected["title"])
        assert page.locator("#map-title").text_content() == METRICS[expected["metric"]].title
    assert shown_layers(page) == expected["layers"]


@pytest.mark.parametrize("which", ["step", "view"])
def test_a_deep_link_opens_what_it_names(browser, live_server, briefing, which):
    query, expected = deep_links(briefing)[["step", "view"].index(which)]
    offline = OfflinePage(browser, live_server + "/")
    try:
        open_link(offline.page, live_server + "/" + query, expected, len(briefing.story))
        assert offline.page.evaluate("location.search") == query, "the address still names the view"
        assert offline.outside_requests == []
    finally:
        offline.close()


# --- security headers (issue 12) ---------------------------------------------------------

# Records every Content-Security-Policy violation the page reports, from the first script on.
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


def test_every_mode_runs_under_the_content_security_policy(browser, live_server, briefing):
    offline = OfflinePage(browser, live_server + "/", own_context=True)  # its scripts and listeners are its own
    console: list[str] = []
    offline.context.on("console", lambda message: console.append(message.text))
    offline.context.add_init_script(CSP_PROBE)  # in every page of the context, the speaker view's too
    page = offline.open()
    policy = page.evaluate("fetch('/').then(response => response.headers.get('content-security-policy'))")
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    # Explorer: a metric, a layer, a country panel from the server, the briefing text.
    choose_metric(page, "Share returned")
    toggle_layer(page, "flows")
    page.get_by_role("radio", name="Tunisia").check()
    page.locator("#country-panel", has_text="around 3,000").wait_for()
    # Presenter: entered from the button, stepped, and reopened from a step's link.
    page.get_by_role("button", name="Present").click()
    page.keyboard.press("PageDown")
    wait_for_step(page, 2, len(briefing.story))
    page.goto(offline.page_url + "?present=1&step=4")
    wait_for_step(page, 4, len(briefing.story))
    # Speaker view: the second window, with its notes, clocks and the next step's map.
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    wait_for_step(speaker, 4, len(briefing.story))
    speaker.locator("#story-notes").wait_for()
    assert page.evaluate("window.__cspViolations") == []
    assert speaker.evaluate("window.__cspViolations") == []
    assert [text for text in console if "Content Security Policy" in text] == []
    offline.close()
    assert offline.outside_requests == []


# --- downloads (issue 9) -----------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (IHDR)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def download(page: Page, item: str) -> bytes:
    """Open the Download menu, choose ``item``, return the file's bytes."""
    menu = page.locator("#download")
    if not menu.evaluate("details => details.open"):
        menu.locator("summary").click()
    with page.expect_download() as info:
        page.locator("#download .download-item", has_text=item).click()
    return Path(info.value.path()).read_bytes()


def test_the_download_menu_is_reached_and_used_from_the_keyboard(offline):
    page = offline.open()
    page.get_by_role("button", name="Copy link").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Download"
    page.keyboard.press("Enter")
    assert page.locator("#download").evaluate("details => details.open")
    focused = []
    while "SVG" not in (focused[-1] if focused else ""):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent"))
        assert len(focused) < 10, focused
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "dandelion-returnees-svg.svg"
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "Foreign fighters who have returned home" in svg
    assert "Rogan" in svg and "as the briefing saw it (late 2017)" in svg
    assert "Returnees (people)" in svg, "the colour scale"
    assert "No data: not given in the briefing" in svg, "the legend"


def test_png_downloads_are_screen_size_slides_and_twice_for_print(offline):
    page = offline.open()
    choose_metric(page, "Share returned")
    toggle_layer(page, "flows")
    width, height = page.evaluate(
        "() => { const l = document.querySelector('#map .js-plotly-plot')._fullLayout; return [l.width, l.height]; }"
    )
    least = IMAGE_MIN_SIZE
    screen = (max(round(width), least["width"]), max(round(height), least["height"]))
    assert png_size(download(page, "as on screen")) == screen
    assert png_size(download(page, "1920")) == (1920, 1080)
    assert png_size(download(page, "2× for print")) == (2 * screen[0], 2 * screen[1])
    svg = download(page, "SVG").decode("utf-8")
    assert "Share of foreign fighters who have returned" in svg
    assert "Onward movement" not in svg, "a layer switched off is not in the legend"
    assert "Return route, assumed" in svg


def test_the_csv_download_has_the_figures_with_qualifiers_and_no_zeros(offline):

    page = offline.open()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    table = download(page, "Figures table (CSV)").decode("utf-8-sig")
    rows = {
        (row["country"], row["measure"]): row
        for row in csv.DictReader(io.StringIO(table))
        if not row["place"] and row["source"] == "briefing"
    }
    tunisia = rows[("TUN", "returnees")]
    assert tunisia["value"] == "800"
    assert tunisia["qualifier"] and tunisia["dated_as"] == "late 2017 (figure undated)"
    assert "Rogan" in tunisia["attribution"]
    assert rows[("LBY", "returnees")]["value"] == ""
    assert download(page, "GeoJSON").startswith(b'{"type":"FeatureCollection"')
    assert download(page, "zip").startswith(b"PK")
    if offline.page_url.startswith("file:"):
        offers = page.locator("#download .not-in-one-file").all()
        assert len(offers) == 2 and all(offer.is_hidden() for offer in offers), "no copy of itself, no embed code"
    else:
        copy = download(page, "one file")
        assert copy.startswith(b"<!DOCTYPE html>") and len(copy) <= ONE_FILE_BUDGET
    assert errors == [], "a download raises no error (the one file's saved itself again and again)"


def test_the_source_and_time_controls_choose_whose_figures_and_when(browser, later_server):
    """With later counts added to the data, the reader chooses a source and a time; every view follows, a
    later count is no disagreement, one at the same time is; the link keeps the choice."""
    offline = OfflinePage(browser, later_server)
    try:
        page = offline.open()
        for layer_id in ("us_forces_tunisia", "return_routes"):  # a marker and a route pass by Tunisia's label
            toggle_layer(page, layer_id)
        source = page.get_by_role("combobox", name="Source")
        time = page.get_by_role("combobox", name="Time")
        assert (source.input_value(), time.input_value()) == ("briefing", "briefing")
        assert "Returnees: 800 since mid-2017" in hover_country(page, "Tunisia")
        assert page.locator("#map g.trace.scattergeo text", has_text="sources:").count() == 0
        source.select_option(label="Later count (Oct 2018)")
        page.wait_for_function("() => document.querySelector('#map-subtitle').textContent.includes('Later count')")
        # As the briefing saw it, the later source had said nothing yet.
        assert "Returnees: not given by Later count (Oct 2018)" in hover_country(page, "Tunisia")
        time.select_option(label="Latest known")
        page.wait_for_function("() => document.querySelector('#map .cbtitle')?.textContent.includes('latest')")
        hover = hover_country(page, "Tunisia")
        assert "Returnees: 1,300" in hover and "Date: October 2018" in hover
        assert page.locator("#map g.trace.scattergeo text", has_text="sources: 1,000\u20131,300").count() == 1
        assert "of Later count (Oct 2018): the latest known" in page.locator("#map-subtitle").text_content()
        page.wait_for_function("() => location.search.includes('source=later_count&time=latest')")
        page.get_by_role("radio", name="Table").check()
        caption = page.locator("#data-table caption")
        caption.filter(has_text="the latest known").wait_for()
        assert "1,300" in page.locator("#data-table-body tr", has_text="Tunisia").text_content()
        page.reload()
        page.wait_for_function("() => document.querySelector('#map .cbtitle')?.textContent.includes('latest')")
        assert (source.input_value(), time.input_value()) == ("later_count", "latest")
        # Earlier steps back one point in time with a tap: no dragging.
        page.get_by_role("radio", name="Map").check()
        page.get_by_role("button", name="Earlier").click()
        page.wait_for_function("() => !location.search.includes('time=latest')")
        assert time.input_value() not in ("latest", "briefing")
        assert offline.outside_requests == []
    finally:
        offline.close()


# The checks the static site and the one file must pass too: the page's files and answers are theirs.
ON_EVERY_DELIVERY = [
    test_page_loads_with_no_request_leaving_the_machine,
    test_switching_the_metric_changes_legend_title_and_hover,
    test_clicking_a_country_opens_its_panel,
    test_switching_off_the_choropleth_and_labels,
    test_clicking_a_measure_in_the_text_opens_its_panel,
    test_presenter_mode_steps_through_the_story_from_the_keyboard,
    test_reloading_a_steps_link_shows_that_step,
    test_an_explorer_link_reproduces_metric_layers_and_selection,
    test_the_download_menu_is_reached_and_used_from_the_keyboard,
    test_png_downloads_are_screen_size_slides_and_twice_for_print,
    test_the_csv_download_has_the_figures_with_qualifiers_and_no_zeros,
]


@pytest.mark.parametrize("delivery", ["site", "file"], indirect=True)
def test_the_static_site_and_the_one_file_do_what_the_live_map_does(offline, briefing, browser):
    """Each of ON_EVERY_DELIVERY, one after another on one page: loaded once, then put in each check's state by
    its address, as Back and Forward put it (a check that reloads, or opens a link in a new page, still does)."""
    offline.in_page = True
    given = {"offline": offline, "briefing": briefing, "browser": browser}
    for check in ON_EVERY_DELIVERY:
        check(**{name: given[name] for name in inspect.signature(check).parameters})
