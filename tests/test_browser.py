"""The real page in Debian's headless chromium, against the live server.

Every request the page makes is recorded; any that is not to the server under
test is aborted and fails the test: the map must work with no network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("DANDELION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page that may only talk to the server under test."""

    def __init__(self, browser: Browser, base_url: str, width: int = 1366, height: int = 768):
        self.base_url = base_url
        self.outside_requests: list[str] = []
        self.page: Page = browser.new_page(viewport={"width": width, "height": height})
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base_url + "/") or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()

    def open(self) -> Page:
        self.page.goto(self.base_url + "/")
        self.page.wait_for_selector("#map .choroplethlocation")
        return self.page


@pytest.fixture
def offline(browser, live_server) -> Iterator[OfflinePage]:
    offline = OfflinePage(browser, live_server)
    yield offline
    offline.page.close()
    assert offline.outside_requests == [], "requests left 127.0.0.1"


def label_center(page: Page, country_name: str) -> tuple[float, float]:
    """Screen position of a country's map label: a point inside the country."""
    box = page.locator("#map g.trace.scattergeo text", has_text=country_name).first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def hover_country(page: Page, country_name: str) -> str:
    """Move the mouse onto a country and return the hover box's text."""
    page.mouse.move(0, 0)
    page.mouse.move(*label_center(page, country_name))
    hover = page.locator("#map .hoverlayer .hovertext").first
    hover.wait_for()
    return hover.text_content()


def choose_metric(page: Page, label: str) -> None:
    """Pick a metric and wait until the map has redrawn with its colour scale."""
    legend = page.locator("#map .cbtitle").text_content()
    page.locator("#metric label", has_text=label).click()
    page.wait_for_function("old => document.querySelector('#map .cbtitle').textContent !== old", arg=legend)


def test_page_loads_with_no_request_leaving_the_machine(offline):
    page = offline.open()
    # The base map is our own TopoJSON: land is drawn, so it arrived.
    assert page.locator("#map .geo .layer.land path").count() >= 1
    assert page.title().startswith("Dandelion")
    assert offline.outside_requests == []


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
    assert "As of October 2017" in text
    assert "Source: Rogan, ATA briefing (2017)" in text


def test_libya_returnees_show_as_not_given_never_zero(offline):
    page = offline.open()
    text = hover_country(page, "Libya")
    assert "Returnees: not given in the briefing" in text
    assert "0" not in text.split("Returnees:")[1].split("As of")[0]
    assert page.locator("#map .legendtext", has_text="No data: not given in the briefing").count() == 1


def test_switching_the_metric_changes_legend_title_and_hover(offline):
    page = offline.open()
    assert page.locator("#map .cbtitle").text_content() == "Returnees (people)"
    assert "Returnees: 800" in hover_country(page, "Tunisia")
    assert page.locator("#map-title").text_content() == "Foreign fighters who have returned home"
    choose_metric(page, "Share returned")
    assert page.locator("#map .cbtitle").text_content() == "Returned (% of foreign fighters)"
    text = hover_country(page, "Morocco")
    assert "Share returned: less than 13%" in text
    assert "derived: 200 returnees ÷ more than 1,600 foreign fighters" in text
    assert page.locator("#map-title").text_content() == "Share of foreign fighters who have returned"


def test_clicking_a_country_opens_its_panel(offline):
    page = offline.open()
    page.mouse.click(*label_center(page, "Libya"))
    title = page.locator("#panel-title")
    title.wait_for()
    page.wait_for_function("document.querySelector('#panel-title').textContent === 'Libya'")
    panel = page.locator("#country-panel").inner_text()
    assert "just over 600" in panel
    assert "US intelligence, as cited in Rogan, ATA briefing (2017)" in panel
    assert "Returnees\nnot given in the briefing" in panel
    assert "monitoring returnees is extremely difficult" in panel
    # The keyboard picker follows the map.
    assert page.get_by_role("radio", name="Libya").is_checked()


def test_the_country_picker_works_from_the_keyboard(offline):
    page = offline.open()
    page.get_by_role("radio", name="Morocco").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('#panel-title').textContent === 'Algeria'")
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


@pytest.mark.parametrize("layer_id", LAYER_LEGEND)
def test_each_layer_toggle_hides_and_shows_its_layer_and_legend_entry(offline, layer_id):
    page = offline.open()
    assert LAYER_LEGEND[layer_id] in legend_texts(page)
    traces = page.locator("#map g.trace").count()
    toggle_layer(page, layer_id)
    assert LAYER_LEGEND[layer_id] not in legend_texts(page)
    assert page.locator("#map g.trace").count() < traces
    toggle_layer(page, layer_id)
    assert LAYER_LEGEND[layer_id] in legend_texts(page)
    assert page.locator("#map g.trace").count() == traces


def test_switching_off_the_choropleth_and_labels(offline):
    page = offline.open()
    toggle_layer(page, "choropleth")
    assert page.locator("#map .choroplethlocation").count() == 0
    assert "No data: not given in the briefing" not in legend_texts(page)
    toggle_layer(page, "labels")
    assert not any(text.startswith("Tunisia") for text in map_texts(page))


def test_layer_and_metric_changes_keep_zoom_and_ask_nothing_of_the_server(offline):
    page = offline.open()
    page.mouse.move(*label_center(page, "Algeria"))
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(400)
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
    end = page.locator("#map g.trace.scattergeo text", has_text="Ras Ajdir").bounding_box()
    page.mouse.move(end["x"] - 6, end["y"] + end["height"] / 2)
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
    assert "US drones, Sidi Ahmed (unconfirmed)" in texts
    assert "Air Base 201, Agadez" in texts  # known for sure: no qualifier
    legend = legend_texts(page)
    assert "Algeria's new air base (unconfirmed)" in legend
    assert "Algeria's new air base (location approximate)" in legend


def test_clicking_a_figure_in_the_text_selects_its_country(offline):
    page = offline.open()
    page.locator("#briefing-text mark", has_text="around 3,000").click()
    page.wait_for_function("document.querySelector('#panel-title').textContent === 'Tunisia'")
    assert page.get_by_role("radio", name="Tunisia").is_checked()
    assert "around 3,000" in page.locator("#country-panel").inner_text()


def test_clicking_a_measure_in_the_text_opens_its_panel(offline):
    page = offline.open()
    page.locator("#briefing-text mark", has_text="earthen wall").click()
    page.wait_for_function("document.querySelector('#panel-title').textContent === \"Tunisia's border barrier\"")
    panel = page.locator("#country-panel").inner_text()
    assert "Length as drawn: 179 km" in panel and "Route approximate" in panel


def test_clicking_a_country_on_the_map_marks_its_paragraph(offline):
    page = offline.open()
    page.mouse.click(*label_center(page, "Morocco"))
    mark = page.locator("#briefing-text mark", has_text="more than 1,600")
    page.wait_for_function("document.querySelector('#briefing-text mark.is-current') !== null")
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
    page.wait_for_timeout(300)
    assert not page.evaluate(raqqa_inside)  # the default view stays on the Maghreb
    page.locator("#view label", has_text="Maghreb and Raqqa").click()
    page.wait_for_function(raqqa_inside)
    assert "view=raqqa" in page.url
