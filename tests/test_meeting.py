"""Presenting in a meeting (issue 10): the speaker view in a second window,
kept in step both ways; the blank screen; swipes; the progress bar."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from pypdf import PdfReader

from tests.test_browser import OfflinePage, wait_for_step, wait_until_shown

pytestmark = pytest.mark.browser


@pytest.fixture
def presenting(browser, live_server):
    offline = OfflinePage(browser, live_server + "/", 1366, 768)
    page = offline.open()
    page.get_by_role("button", name="Present").click()
    wait_for_step(page, 1, 10)
    yield offline
    offline.close()
    assert offline.outside_requests == []


def test_s_opens_the_speaker_view_with_the_steps_notes(presenting, briefing):
    page = presenting.page
    page.keyboard.press("PageDown")
    wait_for_step(page, 2, len(briefing.story))
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.route("**/*", presenting._route)
    wait_until_shown(speaker)
    wait_for_step(speaker, 2, len(briefing.story))
    step, following = briefing.story[1], briefing.story[2]
    assert speaker.locator("#story-notes").text_content() == step.notes
    assert speaker.locator("#story-next").text_content() == f"Step 3 of {len(briefing.story)}: {following.title}"
    assert speaker.locator("#speaker-elapsed").is_visible()
    assert "speaker=1" in speaker.url
    # A key in the speaker view moves the room's screen, and the reverse.
    speaker.keyboard.press("ArrowRight")
    wait_for_step(page, 3, len(briefing.story))
    page.keyboard.press("ArrowRight")
    wait_for_step(speaker, 4, len(briefing.story))
    assert speaker.locator("#story-notes").text_content() == briefing.story[3].notes
    # Closing the speaker view leaves the room's screen working.
    speaker.close()
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 5, len(briefing.story))


def test_b_blanks_the_room_and_brings_it_back(presenting):
    page = presenting.page
    page.keyboard.press("b")
    page.wait_for_function("() => document.body.classList.contains('blanked')")
    covered = page.evaluate("() => getComputedStyle(document.body, '::after').backgroundColor")
    assert covered == "rgb(0, 0, 0)"
    page.keyboard.press(".")
    page.wait_for_function("() => !document.body.classList.contains('blanked')")


SWIPE = """([fromX, toX, y]) => {
    const options = x => ({pointerType: 'touch', clientX: x, clientY: y, bubbles: true, isPrimary: true});
    document.querySelector('#story-card').dispatchEvent(new PointerEvent('pointerdown', options(fromX)));
    document.querySelector('#story-card').dispatchEvent(new PointerEvent('pointerup', options(toX)));
}"""


def test_a_swipe_steps_and_the_progress_bar_follows(presenting, briefing):
    page = presenting.page
    total = len(briefing.story)
    page.evaluate(SWIPE, [300, 100, 400])
    wait_for_step(page, 2, total)
    assert page.locator("#story-progress-bar").get_attribute("style") == f"width: {100 * 2 / total:g}%;"
    page.evaluate(SWIPE, [100, 300, 400])
    wait_for_step(page, 1, total)
    page.evaluate(SWIPE, [300, 280, 400])  # too short: no step
    assert page.evaluate("() => window.dandelion.step") == 0
    page.keyboard.press("End")
    wait_for_step(page, total, total)
    assert page.locator("#story-progress-bar").get_attribute("style") == "width: 100%;"


def wait_for_the_hand_out(url: str, seconds: float = 120) -> None:
    """The server makes the hand-out aside; until then it answers 503 at once (try again)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            assert error.code == 503 and error.headers["Retry-After"], error.code
        assert time.monotonic() < deadline, "no hand-out after 120 s"
        time.sleep(0.5)


def test_the_hand_out_button_downloads_the_story_as_a_pdf(presenting, briefing, live_server):
    page = presenting.page
    wait_for_the_hand_out(live_server + "/download/dandelion-handout.pdf")
    with page.expect_download(timeout=120_000) as downloading:
        page.get_by_role("link", name="Hand-out (PDF)").click()
    handout = PdfReader(downloading.value.path())
    assert len(handout.pages) == len(briefing.story) + 2
    assert "Rogan" in handout.pages[0].extract_text()
    assert downloading.value.suggested_filename == "dandelion-handout.pdf"
