"""The whole page put together: skip links, header, controls, the map and its table, the panels, the footer.

The parts are built in their own modules (controls, panels, presenter, downloads); the page config the
browser reads is built in dashboard/page/config.py.
"""

from __future__ import annotations

import json
from typing import Any

from dash import html

from dashboard.figures.captions import metric_subtitle
from dashboard.figures.contract import map_keys_text
from dashboard.model.briefing import Briefing
from dashboard.model.metrics import DEFAULT_METRIC, METRICS
from dashboard.model.observations import DEFAULT_SELECTION
from dashboard.model.story import DEFAULT_VIEW, VIEWS
from dashboard.page.components import Graph, Html, Store
from dashboard.page.controls import DEFAULT_DISPLAY, DISPLAYS, choice_group, layer_panel, select_group, zoom_buttons
from dashboard.page.downloads import DEFAULT_FRAME_ANCESTORS, download_menu
from dashboard.page.markup import attrs
from dashboard.page.panels import briefing_text_panel, country_panel
from dashboard.page.presenter import story_card
from dashboard.page.table import data_table, map_description


def graph_config(topojson_url: str) -> Any:
    """plotly config: no toolbar (the map's own zoom buttons and the Download menu
    take its place); base map from our own server."""
    return {
        "displayModeBar": False,
        "scrollZoom": True,
        "responsive": True,
        # plotly.js fetches <topojsonURL>world_50m.json, by default from a CDN.
        "topojsonURL": topojson_url,
    }


def build_layout(
    briefing: Briefing,
    figure,
    topojson_url: str,
    config: dict,
    handout: bool,
    frame_ancestors: str = DEFAULT_FRAME_ANCESTORS,
) -> html.Div:
    """The whole page. ``figure`` is the first map, so it paints without a callback; ``handout``: link
    to the PDF hand-out; ``frame_ancestors``: who may frame it (the server's --frame-ancestors), for the
    embed code's note."""
    source = briefing.own_source
    metric_options = [(m.id, m.label) for m in METRICS.values()]
    source_options = [(source, briefing.source_label(source)) for source in briefing.source_choices]
    time_options = [(time, briefing.time_label(time)) for time in briefing.time_choices]
    country_options = [(code, briefing.country_name(code)) for code in briefing.maghreb]
    view_options = [(view_id, view["label"]) for view_id, view in VIEWS.items()]
    return html.Div(
        [
            html.Div(
                [
                    html.A("Skip to the map", href="#map-figure", className="skip-link"),
                    html.A("Skip to the table", href="#table-frame", className="skip-link"),
                ],
                className="skip-links",
            ),
            html.Header(
                [
                    html.Div(
                        [html.Span("Dandelion", className="brand"), html.Span("Briefing map", className="brand-sub")],
                        className="brand-row",
                    ),
                    html.H1(METRICS[DEFAULT_METRIC].title, id="map-title"),
                    html.P(metric_subtitle(briefing, DEFAULT_METRIC), id="map-subtitle", className="map-subtitle"),
                    html.Div(
                        [
                            # On a phone the choices fold into a sheet this button opens (assets/dandelion.js).
                            html.Button(
                                "Controls",
                                id="controls-button",
                                className="action controls-button",
                                **attrs({"aria-controls": "controls", "aria-expanded": "false"}),
                            ),
                            html.Button("Present", id="present-button", className="action primary", n_clicks=0),
                            html.Button("Copy link", id="copy-link", className="action", n_clicks=0),
                            download_menu(frame_ancestors),
                            html.Span(id="link-status", className="link-status", role="status"),
                        ],
                        className="actions",
                    ),
                ],
                className="page-header",
            ),
            html.Section(
                [
                    # Seen only as the phone's sheet: its name, and the button that closes it.
                    html.Div(
                        [html.H2("Controls"), html.Button("Done", id="controls-done", className="action")],
                        className="sheet-head",
                    ),
                    html.Button(
                        "Hide panel",
                        id="side-toggle",
                        className="side-toggle",
                        n_clicks=0,
                        **attrs({"aria-controls": "side-panel", "aria-expanded": "true"}),
                    ),
                    choice_group("Show", "metric", metric_options, DEFAULT_METRIC, class_name="segmented"),
                    select_group("Source", "source", source_options, DEFAULT_SELECTION.source),
                    select_group("Time", "time", time_options, DEFAULT_SELECTION.time, steps=("Earlier", "Later")),
                    choice_group("Country", "country", country_options, None, class_name="segmented"),
                ],
                id="controls",
                className="controls",
                **attrs({"aria-label": "Map controls"}),
            ),
            html.Main(
                [
                    story_card(briefing, handout),
                    html.Div(
                        [layer_panel(briefing), Html.of(briefing_text_panel(briefing))],
                        id="side-panel",
                        className="side-panel",
                    ),
                    html.Div(
                        [
                            # The map is one image, named by the title above it and described in words
                            # (its SVG's own pieces are not read out one by one).
                            html.Div(
                                Graph(
                                    id="map", figure=figure, config=graph_config(topojson_url), className="map-graph"
                                ),
                                id="map-figure",
                                className="map-figure",
                                role="img",
                                # Focusable: arrow keys move the map, + and - zoom (assets/dandelion.js).
                                tabIndex="0",
                                **attrs(
                                    {"aria-labelledby": "map-title", "aria-describedby": "map-description map-keys"}
                                ),
                            ),
                            html.P(map_keys_text(), id="map-keys", className="map-keys"),
                            html.P(
                                map_description(briefing, DEFAULT_METRIC),
                                id="map-description",
                                className="visually-hidden",
                            ),
                            # The controls over the map: one row that wraps, so that none covers another.
                            html.Div(
                                [
                                    html.Div(
                                        choice_group(
                                            "View", "view", view_options, DEFAULT_VIEW, class_name="segmented"
                                        ),
                                        className="view-switch",
                                    ),
                                    html.Div(
                                        [
                                            html.Div(
                                                choice_group(
                                                    "Show as",
                                                    "display",
                                                    DISPLAYS,
                                                    DEFAULT_DISPLAY,
                                                    class_name="segmented",
                                                ),
                                                className="display-switch",
                                            ),
                                            zoom_buttons(),
                                        ],
                                        className="map-tools-end",
                                    ),
                                ],
                                className="map-tools",
                            ),
                            html.Div(
                                Html.of(data_table(briefing)),
                                id="table-frame",
                                className="table-frame",
                                hidden=True,
                                tabIndex="0",
                            ),
                        ],
                        id="map-frame",
                        className="map-frame",
                    ),
                    html.Aside(
                        [
                            # Seen only when the panel opens as a sheet over a phone's map.
                            html.Button("Close", id="panel-close", className="action panel-close"),
                            Html.of(html.Div(country_panel(briefing, None), id="panel-body")),
                        ],
                        id="country-panel",
                        className="panel",
                        # Focusable, so that the keyboard can scroll it.
                        tabIndex="0",
                        **attrs({"aria-labelledby": "panel-title"}),
                    ),
                ],
                id="content",
                className="content",
            ),
            html.Div(
                [html.P(className="data-notice-text"), html.Button("Load the new data", className="action")],
                id="data-notice",
                className="data-notice",
                role="status",
                hidden=True,
            ),
            # Short news for screen readers: the new metric, the selected country's figure, the step.
            html.P(id="announce", className="visually-hidden", role="status"),
            Store(id="feature", data=None),
            # Presenter mode: whether it is on, and what the step outlines.
            Store(id="presenting", data=False),
            Store(id="highlight", data=[]),
            # What the browser needs to change the map alone, read by assets/dandelion.js.
            html.Script(json.dumps(config, separators=(",", ":")), id="dandelion-config", type="application/json"),
            Store(id="text-focus", data=None),
            html.Footer(
                [
                    html.Span(
                        ["Source: ", html.A(source.citation, href=source.url) if source.url else source.citation, "."]
                    ),
                    html.Span(
                        f" Borders: {briefing.borders_source.citation}."
                        " Western Sahara is shown as a disputed territory."
                        " Places marked unconfirmed or approximate are not known for sure; routes are assumed."
                    ),
                ],
                className="page-footer",
            ),
        ],
        className="page",
    )
