"""The first paint (dashboard/outputs/firstpaint.py): the page and a still picture of its map before any script has run,
giving way to the live page once its map is drawn."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Iterator

import pytest
from dash import dcc, html

from dashboard.figures.style import FIRST_MAP_PICTURES
from dashboard.model.briefing import DEFAULT_DATA_DIR
from dashboard.outputs.delivery import export_site, one_file
from dashboard.outputs.firstpaint import SETTLED, round_path_data
from dashboard.page.markup import PICTURE_SLOT, html_of
from dashboard.web.app import create_app
from tests.conftest import serve

SVG = "{http://www.w3.org/2000/svg}"
SCRIPT = re.compile(r"\.m?js(\?|$)")


def test_the_first_paint_writes_the_layout_as_the_live_page_lays_it_out():
    layout = html.Div(
        [
            html.H1("Returnees", id="map-title", className="title", style={"maxWidth": "20em"}),
            html.Fieldset(
                [
                    html.Label("Tunisia", **{"data-value": "TUN"}),
                    html.Label("Libya", **{"data-value": "LBY"}),
                    dcc.Store(id="country", data="LBY"),
                ],
                **{"data-choice": "country", "data-kind": "radio"},
            ),
            html.Script('{"config": 1}', id="dandelion-config", type="application/json"),
            dcc.Graph(id="map", className="map-graph"),
            html.Label("Show", htmlFor="map-title", **{"aria-labelledby": "map-title"}, hidden=True),
        ]
    )
    written = html_of(layout, first_paint=True)
    assert '<h1 class="title" style="max-width: 20em">Returnees</h1>' in written
    # The live page's own ids, references and data attributes are not in the copy beside it.
    assert "id=" not in written and "for=" not in written and "aria-labelledby" not in written
    assert "data-" not in written and "dandelion-config" not in written
    # The choice as its store says, in inputs of their own group.
    assert '<label><input type="radio" name="first-paint-country" value="TUN">Tunisia</label>' in written
    assert '<label><input type="radio" name="first-paint-country" value="LBY" checked>Libya</label>' in written
    assert f'<div class="map-graph">{PICTURE_SLOT}</div>' in written
    assert "<label hidden>Show</label>" in written


def test_path_data_is_rounded_to_a_tenth_of_a_pixel_and_nothing_else_changes():
    svg = '<path d="M1.23456,-7.98 L3,4.04e-5Z" stroke-width="1.25"/>'
    assert round_path_data(svg) == '<path d="M1.2,-8 L3,0Z" stroke-width="1.25"/>'


def test_the_page_carries_the_layout_inert_with_no_id_twice(tmp_path):
    # An empty cache of its own: the session's may have pictures already (made_app, the servers' making).
    page = create_app(DEFAULT_DATA_DIR, cache=tmp_path).server.test_client().get("/").get_data(as_text=True)
    first_paint = re.search(r'<div class="first-paint" inert>(.*?)</div><script>', page, re.S)
    assert first_paint, "no first paint in the page"
    assert "Foreign fighters who have returned home" in first_paint.group(1)
    assert "an estimated 5,600" in first_paint.group(1)
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    # No picture until one is made: an app makes none by itself.
    assert "<picture" not in page


def test_the_page_goes_out_compressed(client):
    sent = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert sent.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in sent.headers["Vary"]
    page = gzip.decompress(sent.get_data())
    assert b'<div class="first-paint" inert>' in page and page.endswith(b"</html>")
    assert len(sent.get_data()) < len(page) / 3


@pytest.fixture(scope="module")
def pictured_app(made_app):
    """The app with its first map's pictures made."""
    return made_app


@pytest.fixture(scope="module")
def pictured_server(pictured_app) -> Iterator[str]:
    yield from serve(pictured_app)


def without_scripts(route) -> None:
    """A reader whose scripts have not arrived yet: the first paint is all there is."""
    route.abort() if SCRIPT.search(route.request.url) else route.continue_()


def svg_texts(svg: bytes) -> list[str]:
    """The words in a picture, line by line, in the order drawn; hidden ones left out."""
    root = ElementTree.fromstring(svg)
    hidden_groups = [group for group in root.iter() if "display: none" in group.get("style", "")]
    hidden = {id(node) for group in hidden_groups for node in group.iter()}
    return [
        "".join(text.itertext()).strip()
        for text in root.iter(f"{SVG}text")
        if id(text) not in hidden and "".join(text.itertext()).strip()
    ]


@pytest.mark.browser
@pytest.mark.parametrize("name", list(FIRST_MAP_PICTURES))
def test_the_picture_is_the_live_map_at_its_size(pictured_app, pictured_server, browser, name):
    size = FIRST_MAP_PICTURES[name]
    page = browser.new_page(size.width, size.height)
    page.goto(pictured_server + "/")
    page.wait_for_function(SETTLED)
    live = page.evaluate("""() => {
        const gd = document.querySelector('#map .js-plotly-plot');
        // Drawn: a text in a group that is not displayed has no box (checkVisibility misses SVG).
        const shown = [...gd.querySelectorAll('text')].filter(t => t.getClientRects().length && t.textContent.trim());
        return {width: gd.clientWidth, height: gd.clientHeight, texts: shown.map(t => t.textContent.trim())};
    }""")
    page.close()
    svg = next(data for path, data in pictured_app.first_paint.pictures().items() if f"/{name}." in path)
    root = ElementTree.fromstring(svg)
    assert (round(float(root.get("width"))), round(float(root.get("height")))) == (live["width"], live["height"])
    # The same words on it, the states' figures among them: nothing added, nothing dropped.
    assert Counter(svg_texts(svg)) == Counter(live["texts"])
    words = " ".join(live["texts"])
    assert all(part in words for part in ("Tunisia", "800 since mid-2017", "Libya", "not given"))


def picture_before_the_scripts(browser, server: str, width: int, height: int):
    """The page at this size as a reader sees it before the scripts: the page and its first map's picture."""
    page = browser.new_page(width, height)
    page.route("**/*", without_scripts)
    page.goto(server + "/")
    picture = page.locator(".first-paint img.first-map")
    picture.wait_for()
    return page, picture


@pytest.mark.browser
def test_before_the_scripts_the_reader_sees_the_page_and_the_map(pictured_server, browser):
    page, picture = picture_before_the_scripts(browser, pictured_server, 1366, 768)
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", picture.element_handle())
    assert "laptop." in page.evaluate("img => img.currentSrc", picture.element_handle())
    box = picture.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 450
    assert page.locator(".first-paint h1").first.inner_text() == "Foreign fighters who have returned home"
    assert page.locator(".first-paint input[checked]").count() > 0
    # Inert: nothing in it takes the focus.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.body || !document.activeElement.closest('.first-paint')")
    page.close()


@pytest.mark.browser
def test_a_phone_gets_the_phone_picture(pictured_server, browser):
    page, picture = picture_before_the_scripts(browser, pictured_server, 390, 844)
    assert "phone." in page.evaluate("img => img.currentSrc", picture.element_handle())
    page.close()


@pytest.mark.browser
def test_the_first_paint_gives_way_to_the_live_page(pictured_server, browser):
    page = browser.new_page(1366, 768)
    page.goto(pictured_server + "/")
    page.wait_for_selector(".first-paint", state="detached")
    assert page.evaluate("window.dandelion.labelsPlaced")
    # The live page is seen, and is the only one.
    assert page.locator("#map .choroplethlocation").first.is_visible()
    assert page.locator("h1").filter(has_text="Foreign fighters who have returned home").count() == 1
    # The choices shown as the first paint showed them: what the map shows, and as a map.
    assert page.locator("input[name=metric]:checked").get_attribute("value") == "returnees"
    assert page.locator("input[name=display]:checked").get_attribute("value") == "map"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("address", ["?metric=foreign_fighters", "?display=table", "?present=1&step=2"])
def test_another_state_has_no_first_paint(pictured_server, browser, address):
    """The picture is of the default map: a link to anything else never shows it, even for a moment."""
    page = browser.new_page(1366, 768)
    page.route("**/*", without_scripts)
    page.goto(pictured_server + "/" + address)
    page.wait_for_load_state("load")
    assert page.locator(".first-paint").count() == 0
    assert page.locator("img.first-map").count() == 0
    page.close()


@pytest.mark.browser
def test_the_static_site_has_the_pictures_and_the_one_file_has_none(pictured_app, tmp_path):
    export_site(pictured_app, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    named = re.findall(r'(?:src|srcset)="(_first-map/[^"]+\.svg)"', index)
    assert sorted(name.split("/")[1].split(".")[0] for name in named) == sorted(FIRST_MAP_PICTURES)
    for name in named:
        assert (tmp_path / "site" / name).read_bytes().startswith(b"<svg")
    single = one_file(pictured_app).decode("utf-8")
    assert '<div class="first-paint" inert>' in single and "<picture" not in single


@pytest.mark.browser
def test_the_pictures_are_served_for_good_under_their_digest(pictured_app):
    client = pictured_app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|srcset)="(_first-map/[^"]+)"', page)
    assert len(urls) == len(FIRST_MAP_PICTURES)
    for url in urls:
        answer = client.get("/" + url, headers={"Accept-Encoding": "gzip"})
        assert answer.status_code == 200 and answer.mimetype == "image/svg+xml"
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert answer.headers["Content-Encoding"] == "gzip"
    assert client.get("/_first-map/laptop.0123456789ab.svg").status_code == 404
