"""Debian's chromium, driven by playwright, for what is made from a page: the hand-out and the slides
(handout.py) and the first map's pictures (firstpaint.py); one chromium for all a process makes
(:class:`OneChromium`).

A page is opened at :data:`ORIGIN`, an address that is never looked up:
every request it makes is answered from this machine or refused, so nothing
is fetched from outside.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = os.environ.get("DANDELION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The page's origin: never looked up, every request to it is answered from memory.
ORIGIN = "http://dandelion.invalid"

# An answer to a request: status, body, content type.
Answer = tuple[int, str | bytes, str]


class ExportError(RuntimeError):
    """The hand-out or the slides could not be made: chromium failed, or the page asked for the outside."""


class OutsideRequest(ExportError):
    """The page asked for something from outside this machine."""


def launch(playwright):
    """Debian's chromium (or DANDELION_CHROMIUM); ExportError, saying why, when it cannot start."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    except PlaywrightError as error:
        reason = error.message.splitlines()[0]
        raise ExportError(f"cannot start {CHROMIUM} (Debian's chromium; set DANDELION_CHROMIUM): {reason}") from error


class OneChromium:
    """One chromium for the outputs a process makes one after another (the making process's pictures and
    hand-out, an export's pages), started by the first that asks for it and closed with the ``with`` block.
    One that cannot start is not tried again: each output that asks is told why (ExportError)."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._failure: ExportError | None = None

    def __enter__(self) -> OneChromium:
        return self

    def __exit__(self, *_exception: object) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def browser(self) -> Browser:
        """The running chromium (playwright's Browser), started on first use; ExportError when it cannot."""
        if self._failure is not None:
            raise self._failure
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            try:
                self._browser = launch(self._playwright)
            except ExportError as error:
                self._failure = error
                raise
        return self._browser


def answer_here(page, answer: Callable[[str], Answer | None]) -> list[str]:
    """Answer every request of ``page`` from here: a URL under :data:`ORIGIN` by ``answer(path)`` (the path
    with its query); any other, or one ``answer`` gives None, is refused.

    Returns the refused URLs: the list grows if the page asks for more later.
    """
    refused: list[str] = []

    def route_request(route) -> None:
        url = route.request.url
        answered = answer(url.removeprefix(ORIGIN)) if url.startswith(ORIGIN + "/") else None
        if answered is None:
            refused.append(url)
            route.abort()
            return
        status, body, content_type = answered
        route.fulfill(status=status, body=body, content_type=content_type)

    page.route("**/*", route_request)
    return refused


def check_offline(refused: list[str]) -> None:
    """Raise OutsideRequest if the page asked for anything this machine did not answer."""
    if refused:
        raise OutsideRequest(f"the page asked for {', '.join(refused)}: nothing may be fetched from outside")
