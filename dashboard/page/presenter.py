"""The presenter's card: the step's words, the speaker view's notes, next step and clocks, and the step buttons."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard.figures.contract import presenter_keys_text
from dashboard.model.briefing import Briefing
from dashboard.page.markup import attrs
from dashboard.page.paths import HANDOUT_FILE


def story_card(briefing: Briefing, handout: bool) -> html.Section:
    """The presenter's slide text; filled in the browser, shown only when presenting;
    ``handout``: with the link to the PDF hand-out (this server can make one).

    The counter and the progress bar stay at the top and the buttons at the
    foot; the step's words between them scroll should they not fit. The
    speaker view (the same page, ``?speaker=1``) shows the notes, the next
    step with its map, whether the room is blanked, and the clocks with the
    pacing cue instead of the source line (assets/presenter.css).
    """

    def speaker_part(heading: str, body: Component, class_name: str = "") -> html.Div:
        return html.Div([html.H2(heading, className="speaker-heading"), body], className=f"speaker-only {class_name}")

    def step_button(label: str, action: str, class_name: str = "") -> html.Button:
        return html.Button(
            label, className=f"story-action {class_name}", n_clicks=0, **attrs({"data-step-action": action})
        )

    return html.Section(
        [
            html.Div(
                html.Div(id="story-progress-bar", className="story-progress-bar"),
                className="story-progress",
                **attrs({"aria-hidden": "true"}),
            ),
            html.Div(id="story-counter", className="story-counter"),
            html.P(
                "The room's screen is blanked: B brings it back.",
                id="speaker-blanked",
                className="speaker-only speaker-blanked",
                **attrs({"aria-live": "polite"}),
            ),
            html.Div(
                [
                    html.H1(id="story-title", className="story-title"),
                    html.P(id="story-text", className="story-text"),
                    speaker_part("Notes", html.P(id="story-notes", className="story-notes")),
                    # Whose figures the step's map shows, and when: set for each step (browser_config story credit).
                    html.P(id="story-source", className="story-source"),
                ],
                className="story-body",
                # It scrolls when the step's words outgrow the card: the keyboard must reach it (WCAG 2.1.1).
                tabIndex="0",
                role="region",
                **attrs({"aria-labelledby": "story-title"}),
            ),
            speaker_part(
                "Next",
                html.Div(
                    [
                        html.P(id="story-next", className="story-next"),
                        html.Div(id="speaker-next-map", className="speaker-next-map"),
                    ]
                ),
                "speaker-next",
            ),
            html.P(
                [
                    html.Span("Elapsed ", className="speaker-label"),
                    html.Span("0:00", id="speaker-elapsed", className="speaker-clock"),
                    " ",
                    html.Button("Restart", id="speaker-restart", className="story-action", n_clicks=0),
                    html.Span(id="speaker-pacing", className="speaker-pacing"),
                    html.Span(" \u00b7 Time ", className="speaker-label"),
                    html.Span(id="speaker-time", className="speaker-clock"),
                ],
                className="speaker-only speaker-clocks",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            step_button("Previous", "previous"),
                            step_button("Next", "next"),
                            step_button("Leave", "leave", "room-only"),
                        ],
                        className="story-steps",
                        role="group",
                        **attrs({"aria-label": "Steps"}),
                    ),
                    html.P(presenter_keys_text(), className="story-keys"),
                    html.Button("Speaker view", id="speaker-button", className="story-action room-only", n_clicks=0),
                    *(
                        [
                            html.A(
                                "Hand-out (PDF)",
                                href=f"download/{HANDOUT_FILE}",
                                download=HANDOUT_FILE,
                                # The one-file copy would more than double with the PDF in it.
                                className="story-action room-only not-in-one-file",
                            )
                        ]
                        if handout
                        else []
                    ),
                ],
                className="story-foot",
            ),
        ],
        id="story-card",
        className="story-card",
        # Focused on entering presenter mode (assets/dandelion.js), not a Tab stop.
        tabIndex="-1",
        **attrs({"aria-label": "Presentation step"}),
    )
