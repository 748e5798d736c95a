"""The embed code (issue 21): the map in a page of another origin, as a site that embeds it shows it.

The host page is served from another port of 127.0.0.1: another origin, which
the map's server lets frame it only when --frame-ancestors says so.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page

from dashboard.model.metrics import METRICS
from dashboard.page.downloads import EMBED_RULE
from tests.conftest import Chromium, serve, serve_in_thread
from tests.test_browser import QuietHandler, wait_until_shown

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def framable_server(framable_app) -> Iterator[str]:
    yield from serve(framable_app)


def host_page(folder: Path, code: str) -> Iterator[str]:
    """A page of another origin (its own port) with ``code`` pasted into it, as a blog's author pastes it."""
    (folder / "host.html").write_text(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Host</title></head>"
        f"<body><h1>A host's article</h1>{code}<p>After the map.</p></body></html>",
        encoding="utf-8",
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    for url in serve_in_thread(server):
        yield url + "/host.html"


def open_on_this_machine(browser: Chromium, outside: list[str]) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def route(route) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return page


def embed_code_at(browser, url: str) -> tuple[Page, str, list[str]]:
    """The page at ``url`` (on this machine only), the embed code its Download menu gives, and the outside
    requests it tried."""
    outside: list[str] = []
    page = open_on_this_machine(browser, outside)
    page.goto(url)
    wait_until_shown(page)
    page.get_by_text("Download", exact=True).click()
    page.wait_for_function("() => document.querySelector('#embed-code').value.startsWith('<iframe')")
    return page, page.locator("#embed-code").input_value(), outside


def test_the_embed_code_shows_and_drives_the_map_in_a_page_of_another_origin(browser, framable_server, tmp_path):
    page, code, outside = embed_code_at(browser, framable_server + "/?metric=share_returned")
    assert f'src="{framable_server}/?metric=share_returned' in code
    assert "Sites that may embed the map: this site, http://127.0.0.1:*." in page.locator("#download").inner_text()
    for host in host_page(tmp_path, code):
        assert host.split("/")[2] != framable_server.split("/")[2], "another origin"
        page.goto(host)
        frame = page.frame_locator("iframe[data-dandelion-embed]")
        frame.locator("#map .geo .layer.land path").first.wait_for(state="attached")
        # The host's script set the frame's height from the page's message, for the frame's width.
        width = page.evaluate("() => document.querySelector('iframe').clientWidth")
        expected = round(min(EMBED_RULE["maxPx"], max(EMBED_RULE["minPx"], width * EMBED_RULE["ratio"])))
        page.wait_for_function(f"() => document.querySelector('iframe').style.height === '{expected}px'")
        # The view the link named, and the map answers the reader inside the frame.
        title = frame.locator("#map-title")
        assert title.text_content() == METRICS["share_returned"].title
        frame.locator("[data-choice='metric'] label[data-value='foreign_fighters']").click()
        assert page.evaluate("() => document.querySelector('iframe').contentDocument") is None, "another origin's"
        title.filter(has_text=METRICS["foreign_fighters"].title).wait_for()
    page.context.close()
    assert outside == []


def test_a_server_that_allows_only_itself_is_not_framed_by_another_site(browser, live_server, tmp_path):
    """The default --frame-ancestors 'self': another site's frame stays empty."""
    page, code, outside = embed_code_at(browser, live_server + "/")
    assert "lets only its own pages frame the map" in page.locator("#download").inner_text()
    for host in host_page(tmp_path, code):
        page.goto(host)
        (frame,) = [frame for frame in page.frames if frame != page.main_frame]
        if not frame.url:  # the refusal can land after the host page's own load
            page.wait_for_event("framenavigated", lambda navigated, refused=frame: navigated == refused, timeout=10_000)
        assert frame.url.startswith("chrome-error://"), "chromium refused to show the map in the frame"
        assert frame.locator("#map").count() == 0
    page.context.close()
    assert outside == []
