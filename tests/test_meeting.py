"""Presenting in a meeting (issues 10 and 21): the speaker view in a second window,
kept in step both ways, through reloads and reopening; the blank screen; swipes and
on-screen buttons; the progress bar; the step card at a projector's size."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
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


def open_speaker_view(presenting: OfflinePage) -> Page:
    """Press S in the room's window; the speaker view, once it shows its step and the next one's map."""
    with presenting.page.context.expect_page() as opened:
        presenting.page.keyboard.press("s")
    speaker = opened.value
    wait_until_shown(speaker)
    arrived(speaker)
    return speaker


def arrived(page: Page) -> None:
    """Wait until the page's map has arrived at its step (and, in the speaker view, drawn the next step's)."""
    page.wait_for_function("() => document.body.hasAttribute('data-step')")


def shown(page: Page) -> dict:
    """What a presenter window shows: its step, whether it is blanked, the map's state."""
    return page.evaluate(
        """() => ({
            step: window.dandelion.step,
            blanked: window.dandelion.blanked,
            counter: document.querySelector('#story-counter').textContent,
            at: document.body.getAttribute('data-step'),
        })"""
    )


def elapsed_seconds(speaker: Page) -> int:
    minutes, seconds = speaker.locator("#speaker-elapsed").text_content().split(":")[-2:]
    return int(minutes) * 60 + int(seconds)


def test_s_opens_the_speaker_view_with_the_steps_notes(presenting, briefing):
    page = presenting.page
    page.keyboard.press("PageDown")
    wait_for_step(page, 2, len(briefing.story))
    speaker = open_speaker_view(presenting)
    wait_for_step(speaker, 2, len(briefing.story))
    step, following = briefing.story[1], briefing.story[2]
    assert speaker.locator("#story-notes").text_content() == step.notes
    assert speaker.locator("#story-next").text_content() == f"Step 3 of {len(briefing.story)}: {following.title}"
    assert speaker.locator("#speaker-elapsed").is_visible()
    assert "speaker=1" in speaker.url
    # The speaker's map is the room's step; the next step's map is beside the notes.
    assert shown(speaker)["at"] == step.id == shown(page)["at"]
    assert speaker.locator("#speaker-next-map .geo .layer.land path").count() > 0
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


# The talk both windows keep (assets/modules/talk.mjs), started 95 s ago: mid-timer, without waiting 95 s.
STARTED_EARLIER = """key => {
    const talk = JSON.parse(localStorage.getItem(key));
    localStorage.setItem(key, JSON.stringify({...talk, started: talk.started - 95000, updated: Date.now()}));
}"""


def test_either_window_reloaded_or_reopened_mid_talk_comes_back_in_step_blanked_and_timed(presenting, briefing):
    page = presenting.page
    total = len(briefing.story)
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    wait_for_step(page, 3, total)
    speaker = open_speaker_view(presenting)
    wait_for_step(speaker, 3, total)
    speaker.keyboard.press("b")
    page.wait_for_function("() => document.body.classList.contains('blanked')")
    assert speaker.locator("#speaker-blanked").is_visible()
    assert not speaker.evaluate("() => document.body.classList.contains('blanked')")  # the speaker still sees
    # The timer has run 95 s (the storage event tells the speaker view the room's change).
    page.evaluate(STARTED_EARLIER, "dandelion-talk")
    speaker.wait_for_function("() => document.querySelector('#speaker-elapsed').textContent >= '1:35'")

    def agree(blanked: bool, step: int) -> None:
        for window in (page, speaker):
            wait_for_step(window, step, total)
            arrived(window)
            state = shown(window)
            assert (state["step"], state["blanked"], state["at"]) == (step - 1, blanked, briefing.story[step - 1].id)
        assert page.evaluate("() => document.body.classList.contains('blanked')") is blanked
        assert speaker.locator("#speaker-blanked").is_visible() is blanked
        assert elapsed_seconds(speaker) >= 95

    page.reload()
    wait_until_shown(page)
    agree(blanked=True, step=3)
    # The first B in the speaker view brings the room back (it used to do nothing).
    speaker.keyboard.press("b")
    page.wait_for_function("() => !document.body.classList.contains('blanked')")
    speaker.keyboard.press("b")
    page.wait_for_function("() => document.body.classList.contains('blanked')")

    speaker.reload()
    wait_until_shown(speaker)
    agree(blanked=True, step=3)

    # Closed and opened again from the room: the same talk, the timer not reset.
    speaker.close()
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 4, total)
    speaker = open_speaker_view(presenting)
    agree(blanked=True, step=4)

    # Escape in the speaker view does not leave: its keys still drive the room.
    speaker.keyboard.press("Escape")
    assert speaker.evaluate("() => document.body.classList.contains('presenting')")
    speaker.keyboard.press("ArrowRight")
    page.keyboard.press("b")
    agree(blanked=False, step=5)


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


def test_the_hand_out_button_downloads_the_story_as_a_pdf(presenting, briefing, live_server, made_app):
    page = presenting.page  # the hand-out made (made_app): the live server reads it from the same cache
    with page.expect_download(timeout=120_000) as downloading:
        page.get_by_role("link", name="Hand-out (PDF)").click()
    handout = PdfReader(downloading.value.path())
    assert len(handout.pages) == len(briefing.story) + 2
    assert "Rogan" in handout.pages[0].extract_text()
    assert downloading.value.suggested_filename == "dandelion-handout.pdf"


# Where the step card's parts are, in CSS px of the viewport, and whether its words scroll.
CARD = """() => {
    const box = selector => {
        const {top, bottom, left, right} = document.querySelector(selector).getBoundingClientRect();
        return {top, bottom, left, right};
    };
    const body = document.querySelector('.story-body');
    return {
        counter: box('#story-counter'), progress: box('.story-progress'), steps: box('.story-steps'),
        overflows: body.scrollHeight > body.clientHeight + 1, scrolls: getComputedStyle(body).overflowY === 'auto',
        height: innerHeight, width: innerWidth,
    };
}"""


def test_at_1280x720_every_step_keeps_its_counter_progress_and_buttons_in_view(browser, live_server, briefing):
    offline = OfflinePage(browser, live_server + "/", 1280, 720)
    page = offline.open()
    page.get_by_role("button", name="Present").click()
    total = len(briefing.story)
    for number in range(1, total + 1):
        wait_for_step(page, number, total)
        card = page.evaluate(CARD)
        for part in ("counter", "progress", "steps"):
            assert card[part]["top"] >= 0 and card[part]["bottom"] <= card["height"], (number, part, card)
        assert not card["overflows"] or card["scrolls"], number
        if number < total:
            page.get_by_role("button", name="Next", exact=True).click()  # the on-screen button steps
    # No plotly toolbar over the room's map where the pointer rests.
    page.mouse.move(900, 300)
    assert page.locator(".modebar-container").is_hidden()
    page.get_by_role("button", name="Previous").click()
    wait_for_step(page, total - 1, total)
    page.get_by_role("button", name="Leave").click()
    page.wait_for_function("() => !document.body.classList.contains('presenting')")
    offline.close()
    assert offline.outside_requests == []


def test_a_real_swipe_on_a_touch_screen_steps(browser, live_server, briefing):
    """Touch input through chromium's own gesture handling: without touch-action the browser takes it as a scroll."""
    offline = OfflinePage(browser, live_server + "/", 1024, 768, has_touch=True)
    page = offline.open()
    page.get_by_role("button", name="Present").click()
    total = len(briefing.story)
    wait_for_step(page, 1, total)
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('.story-body')).touchAction") == "pan-y pinch-zoom"
    )
    card = page.locator("#story-card").bounding_box()
    y = card["y"] + card["height"] / 2
    cdp = page.context.new_cdp_session(page)
    for left_to, x_from in ((1, card["x"] + card["width"] - 20), (2, card["x"] + card["width"] - 20)):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x_from, "y": y}]})
        for moved in range(1, 11):
            point = {"x": x_from - moved * 25, "y": y + moved}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        wait_for_step(page, left_to + 1, total)
    offline.close()
    assert offline.outside_requests == []
