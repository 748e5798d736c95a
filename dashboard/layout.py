"""Dash components: header, controls, map, country panel, footer."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from dash import html
from dash.development.base_component import Component
from plotly.io.json import to_json_plotly

from dashboard.briefing import DEFAULT_SOURCE, LATEST, MEASURES, Briefing, Figure
from dashboard.components import Graph, Store
from dashboard.contract import OVERVIEW, browser_contract, map_keys_text, presenter_keys_text, target_of
from dashboard.exports import DATA_FILES, HANDOUT_FILE
from dashboard.layerfigure import layer_swatch
from dashboard.layers import BUILTIN_LAYERS
from dashboard.mapfigure import (
    LEGEND_STRIP_PX,
    feature_points,
    metric_parts,
)
from dashboard.markup import attrs
from dashboard.metrics import DEFAULT_METRIC, METRICS
from dashboard.readings import figure_text, read, share_note
from dashboard.server import DEFAULT_FRAME_ANCESTORS
from dashboard.story import DEFAULT_VIEW, VIEWS, step_budgets_ms
from dashboard.style import IMAGE_FRAME, IMAGE_KINDS, IMAGE_MIN_SIZE, LABEL_RULE, STYLES
from dashboard.table import TEXT_COLUMN, data_table, headlines, map_description
from dashboard.text import briefing_blocks

# The map's area shows the map or the table behind it (as Our World in Data's Grapher does).
DISPLAYS = [("map", "Map"), ("table", "Table")]
DEFAULT_DISPLAY = "map"
LAYER_GROUP_TITLES = {"figures": "Figures", "measures": "States' measures", "movements": "Movements"}
# The Download menu: the map as an image (style.IMAGE_KINDS), the data files (exports.DATA_FILES).
IMAGE_LABELS = {
    "screen": "PNG, as on screen",
    "slides": "PNG, 1920\u00d71080 for slides",
    "print": "PNG, 2\u00d7 for print",
    "svg": "SVG, vector for print and editing",
}
DATA_LABELS = {
    "csv": "Figures table (CSV)",
    "geojson": "Map data (GeoJSON)",
    "zip": "Data package: tables, map, sources, README (zip)",
}
DOWNLOAD_PATH = "download/"
# The page itself as one file (dashboard/delivery.py); not offered inside that file.
ONE_FILE_NAME = "dandelion.html"
ONE_FILE_LABEL = "This map as one file that works offline (HTML)"
# What the page says while it draws an image (the status line beside Copy link).
IMAGE_MESSAGES = {"drawing": "Drawing the image\u2026", "saved": "Saved ", "failed": "Could not draw the image: "}


TITLE = "Dandelion: where Islamic State's foreign fighters go after Raqqa"


def graph_config(topojson_url: str) -> Any:
    """plotly config: no cloud button or logo; base map from our own server."""
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "scrollZoom": True,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": "dandelion-map", "scale": 2},
        # plotly.js fetches <topojsonURL>world_50m.json, by default from a CDN.
        "topojsonURL": topojson_url,
    }


def metric_subtitle(briefing: Briefing, metric_id: str, rule: str = DEFAULT_SOURCE) -> str:
    """What the map shows, from which source and as of when, in one line under the title."""
    if rule == LATEST:
        sources = ", ".join(briefing.rule_label(source) for source in briefing.rules if source != LATEST)
        text = f"Maghreb states: the latest figure any source gives ({sources})"
    else:
        text = f"Maghreb states, as of {briefing.as_of}. Figures: {briefing.rule_label(rule)}"
    if metric_id == "fighters_per_million":
        text += "; population: " + ", ".join(source.short for source in briefing.population_sources)
    if metric_id in ("share_returned", "fighters_per_million"):
        text += ". Derived from these figures"
    note = share_note(briefing, rule) if metric_id == "share_returned" else None
    if note:
        text += f". {note[0].upper()}{note[1:]}"
    return text + "."


def image_credit(briefing: Briefing, metric_id: str) -> list[str]:
    """The credit lines under the map in a downloaded image: who says so, and where the rest is."""
    sources = f"Source: {briefing.own_source.citation}"
    if metric_id == "fighters_per_million":
        sources += "; population: " + ", ".join(source.short for source in briefing.population_sources)
    return [
        sources + f". Figures as of {briefing.as_of}.",
        f"Borders: {briefing.borders_source.short}. Places marked unconfirmed or approximate are not known for sure;"
        f" routes are assumed. Sources of each layer: {DATA_FILES['zip'].name}. Made with Dandelion.",
    ]


def _figure_item(briefing: Briefing, figure: Figure, name_place: bool = False) -> html.Li:
    """One figure in a panel: number, qualifier, period, date, the briefing's words or a note, source.

    ``name_place`` adds where the figure is about, for lists that mix places.
    """
    measure = MEASURES[figure.measure]
    label = measure[0].upper() + measure[1:]
    if name_place:
        place = f"{figure.place}, " if figure.place else ""
        label += f" ({place}{briefing.country_name(figure.country)})"
    children: list[Component] = [
        html.Div(
            [
                html.Span(label, className="figure-label"),
                html.Strong(
                    figure_text(figure),
                    className="figure-value" + (" not-given" if figure.value is None else ""),
                ),
            ],
            className="figure-head",
        ),
        html.Div(f"As of {figure.as_of}", className="figure-meta"),
    ]
    if figure.derivation:
        children.append(html.Div(f"Derived: {figure.derivation}", className="figure-derived"))
    if figure.quote:
        children.append(html.Blockquote(f"\u201c{figure.quote}\u201d", className="figure-quote"))
    if figure.note:
        children.append(html.Div(figure.note, className="figure-note"))
    children.append(html.Div(f"Source: {briefing.attribution(figure)}", className="figure-source"))
    return html.Li(children, className="figure-item")


def _measure_items(briefing: Briefing, country: str, measure: str) -> list:
    """Every source's figure for one measure, the briefing's first, and their range if they disagree."""
    records = sorted(briefing.records(country, measure), key=lambda f: f.source != DEFAULT_SOURCE)
    items = [_figure_item(briefing, figure) for figure in records]
    spread = read(briefing, measure, country).spread
    if spread:
        words = f"Sources disagree on {MEASURES[measure]}: {spread}."
        items.append(html.Li(words, className="figure-disagreement"))
    return items


def country_panel(briefing: Briefing, country: str | None) -> list:
    """The side panel's content: one country's figures from every source, or the overview."""
    if country is None:
        world = briefing.overview_figures
        return [
            html.H2("Worldwide and Raqqa", id="panel-title"),
            html.P(
                "Select a country on the map or in the list above to see all its figures, "
                "the briefing's words and the sources.",
                className="panel-hint",
            ),
            html.Ul([_figure_item(briefing, f, name_place=True) for f in world], className="figure-list"),
        ]
    measures = [m for m in MEASURES if briefing.records(country, m)]
    missing = [MEASURES[m] for m in ("foreign_fighters", "returnees") if m not in measures]
    children: list[Component] = [html.H2(briefing.country_name(country), id="panel-title")]
    items = [item for measure in measures for item in _measure_items(briefing, country, measure)]
    children.append(html.Ul(items, className="figure-list"))
    if missing:
        children.append(html.P(f"Not given by any source: {', '.join(missing)}.", className="figure-missing"))
    population = briefing.population.get(country)
    if population:
        source = briefing.sources[population.source].short
        children.append(
            html.P(f"Population {population.year}: {population.value:,} ({source}).", className="figure-population")
        )
    return children


def choice_group(
    label: str, group_id: str, options: list[tuple[str, Any]], value: Any, kind: str = "radio", class_name: str = ""
) -> html.Fieldset:
    """A named group of native radio buttons or checkboxes, and the store that holds its value.

    Dash's RadioItems and Checklist nest the inputs in ``role=option`` labels
    of an unnamed listbox; here a fieldset's legend names the group and
    assets/dandelion.mjs puts a native ``<input>`` into each label and keeps
    ``Store(group_id)`` (a value, or a list for checkboxes) in step with it.
    ``options`` are (value, label content) pairs.
    """
    labels = [html.Label(content, **attrs({"data-value": str(option)})) for option, content in options]
    return html.Fieldset(
        [
            html.Legend(label, className="control-label"),
            html.Div(labels, className=class_name),
            Store(id=group_id, data=value),
        ],
        id=f"{group_id}-choices",
        className="control",
        **attrs({"data-choice": group_id, "data-kind": kind}),
    )


def layer_groups(briefing: Briefing) -> dict[str, list[tuple[str, str]]]:
    """The layer panel's groups, in order: group -> [(layer id, title)].

    Each group is one checklist, ``layers-<group>``.
    """
    groups = {"figures": list(BUILTIN_LAYERS.items())}
    for layer in briefing.layers:
        groups.setdefault(layer.group, []).append((layer.id, layer.title))
    return groups


def layer_panel(briefing: Briefing) -> html.Section:
    """A checklist a group: the figures, the states' measures, the movements; each with its swatch."""
    swatches = {layer_id: layer_id for layer_id in BUILTIN_LAYERS}
    swatches |= {layer.id: layer_swatch(layer) for layer in briefing.layers}
    sections = []
    for group, layers in layer_groups(briefing).items():
        options = [
            (layer_id, [html.Span(className=f"swatch swatch-{swatches[layer_id]}"), title])
            for layer_id, title in layers
        ]
        group_id = f"layers-{group}"
        selected = [layer_id for layer_id, _ in layers]
        sections.append(
            choice_group(LAYER_GROUP_TITLES[group], group_id, options, selected, "checkbox", "layer-options")
        )
    return html.Section(
        [html.H2("Layers"), *sections, places_list(briefing)],
        className="layer-panel",
        **attrs({"aria-label": "Layers"}),
    )


def places_list(briefing: Briefing) -> html.Details:
    """Every place and route on the map as a button that selects it: the
    keyboard's way to what a mouse clicks on the map."""
    buttons = [
        html.Li(
            html.Button(
                briefing.feature(ident).name, className="place", **attrs({"data-target": target_of("feature", ident)})
            )
        )
        for ident in briefing.feature_ids
    ]
    return html.Details(
        [html.Summary("Places and routes on the map"), html.Ul(buttons, className="place-list")],
        id="places",
        className="places",
    )


def briefing_text_panel(briefing: Briefing) -> html.Section:
    """The briefing's text; the words on the map are buttons that select them."""
    source = briefing.own_source
    children: list = [html.H2("The briefing"), html.P(f"\u201c{source.title}\u201d", className="text-title")]
    for block in briefing_blocks(briefing):
        if block.kind == "heading":
            children.append(html.H3(block.segments[0][0]))
            continue
        parts = [
            html.Mark(text, className="ref", role="button", tabIndex="0", **attrs({"data-target": target}))
            if target
            else text
            for text, target in block.segments
        ]
        children.append(html.P(parts, className=block.kind, **attrs({"data-targets": " ".join(block.targets)})))
    label = attrs({"aria-label": "The briefing"})
    return html.Section(children, id="briefing-text", className="briefing-text", **label)


def feature_panel(briefing: Briefing, feature_id: str) -> list:
    """The side panel's content for one layer feature: what, how sure, sources."""
    feature = briefing.feature(feature_id)
    children: list = [html.H2(feature.name, id="panel-title")]
    if feature.certainty:
        children.append(html.P(feature.certainty.capitalize(), className="certainty"))
    children.append(html.P(feature.description))
    if feature.kind == "barrier":
        details = feature.details
        children.append(
            html.P(
                [
                    html.Strong(f"Length as drawn: {details['length_km']} km"),
                    f", along Natural Earth's 1:10m border from {details['ends'][0]} to {details['ends'][1]},"
                    f" {details['inset_km']:g} km inside Tunisia. Reported: about {details['public_length_km']:g} km"
                    f" ({details['length_note']}).",
                ],
                className="feature-length",
            )
        )
    meta = [f"Date: {feature.date}"] + (
        [f" ({feature.details['date_note']})"] if "date_note" in feature.details else []
    )
    children.append(html.P("".join(meta), className="figure-meta"))
    confidence = f"Confidence: {feature.confidence}"
    if "confidence_note" in feature.details:
        confidence += f" ({feature.details['confidence_note']})"
    children.append(html.P(confidence, className="figure-meta"))
    if feature.quote:
        children.append(html.Blockquote(f"\u201c{feature.quote}\u201d", className="figure-quote"))
    children.append(
        html.Ul([html.Li(briefing.sources[source].citation) for source in feature.sources], className="source-list")
    )
    return children


def panels(briefing: Briefing) -> dict[str, list]:
    """Every side panel there can be, rendered once as Dash component JSON:
    the overview, each Maghreb state's and each layer feature's, by target.

    The browser shows the one for the selection (assets/dandelion.mjs
    showPanel), so the page needs no server to answer a click.
    """
    rendered = {OVERVIEW: country_panel(briefing, None)}
    rendered |= {target_of("country", code): country_panel(briefing, code) for code in briefing.maghreb}
    rendered |= {target_of("feature", ident): feature_panel(briefing, ident) for ident in briefing.feature_ids}
    return json.loads(to_json_plotly(rendered))


def story_card(briefing: Briefing) -> html.Section:
    """The presenter's slide text; filled in the browser, shown only when presenting.

    The counter and the progress bar stay at the top and the buttons at the
    foot; the step's words between them scroll should they not fit. The
    speaker view (the same page, ``?speaker=1``) shows the notes, the next
    step with its map, whether the room is blanked, and the clocks with the
    pacing cue instead of the source line (assets/presenter.css).
    """

    def speaker_part(heading: str, body: Component, class_name: str = "") -> html.Div:
        return html.Div([html.H3(heading, className="speaker-heading"), body], className=f"speaker-only {class_name}")

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
                    html.P(
                        f"Source: {briefing.own_source.citation}. Figures as of {briefing.as_of}.",
                        className="story-source",
                    ),
                ],
                className="story-body",
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
                    html.A(
                        "Hand-out (PDF)",
                        href=f"download/{HANDOUT_FILE}",
                        download=HANDOUT_FILE,
                        # The one-file copy would more than double with the PDF in it.
                        className="story-action room-only not-in-one-file",
                    ),
                ],
                className="story-foot",
            ),
        ],
        id="story-card",
        className="story-card",
        **attrs({"aria-label": "Presentation step"}),
    )


def _metric_states(briefing: Briefing, figures: dict[str, dict], rule: str) -> dict:
    """For each metric under one source rule: the traces that change, the title and subtitle."""
    return {
        metric_id: {
            "parts": metric_parts(figures[metric_id]),
            "title": metric.title,
            "subtitle": metric_subtitle(briefing, metric_id, rule),
            "description": map_description(briefing, metric_id, rule),
            "headlines": headlines(briefing, metric_id, rule),
            "credit": image_credit(briefing, metric_id),
        }
        for metric_id, metric in METRICS.items()
    }


# The embedded page's height (CSS px) from its width (assets/modules/embed.mjs): the map
# and its panels side by side want about two thirds of the width; a frame narrower than the phone
# breakpoint stacks them and wants more; the snippet's frame starts at the height for startWidthPx.
EMBED_RULE = {
    "ratio": 0.66, "narrowPx": 760, "narrowRatio": 1.7, "minPx": 520, "maxPx": 900, "startWidthPx": 960,
    "messageType": "dandelion:height",
}  # fmt: skip


def embed_note(frame_ancestors: str) -> str:
    """Who may show the map in a frame, as the server's --frame-ancestors says (a CSP source list)."""
    sources = frame_ancestors.split()
    if sources == ["'none'"]:
        return "This server lets no site frame the map (--frame-ancestors 'none'): the code will not show it."
    if sources == ["'self'"]:
        return (
            "This server lets only its own pages frame the map; its --frame-ancestors option names the sites"
            " that may embed it."
        )
    return (
        "Sites that may embed the map: " + ", ".join(source.replace("'self'", "this site") for source in sources) + "."
    )


def browser_config(briefing: Briefing, figures: dict[str, dict[str, dict]]) -> dict:
    """What the browser needs to change the map alone (assets/dandelion.mjs and modules/).

    ``figures`` is the map drawn for each source rule and metric (figure
    dicts); from them, for each metric, the traces that change and the title
    (under ``metrics`` for the default source, under ``sources`` for the
    others); the views; where each layer feature is; the Maghreb codes.
    """
    groups = {group: [layer_id for layer_id, _ in layers] for group, layers in layer_groups(briefing).items()}
    sources = {
        rule: {"metrics": _metric_states(briefing, figures[rule], rule)}
        for rule in briefing.rules
        if rule != DEFAULT_SOURCE
    }
    return {
        "metrics": _metric_states(briefing, figures[DEFAULT_SOURCE], DEFAULT_SOURCE),
        "sources": sources,
        "views": VIEWS,
        "features": feature_points(briefing),
        "maghreb": briefing.maghreb,
        "layerGroups": groups,
        "defaults": {
            "metric": DEFAULT_METRIC,
            "view": DEFAULT_VIEW,
            "source": DEFAULT_SOURCE,
            "display": DEFAULT_DISPLAY,
        },
        "displays": [display for display, _ in DISPLAYS],
        "story": [dataclasses.asdict(step) for step in briefing.story],
        "pacing": step_budgets_ms(briefing.story, briefing.story_minutes),
        "styles": STYLES,
        "labels": LABEL_RULE,
        "panels": panels(briefing),
        "images": {"kinds": IMAGE_KINDS, "minSize": IMAGE_MIN_SIZE, "frame": IMAGE_FRAME, "messages": IMAGE_MESSAGES},
        "contract": browser_contract(),
        # The tab's title is what the map or the step shows, then this.
        "titleSuffix": " \u00b7 Dandelion",
        "tableTextColumn": TEXT_COLUMN,
        # The strip under the map the legend takes; without the legend, the map has it.
        "legendStripPx": LEGEND_STRIP_PX,
        "embed": EMBED_RULE,
    }


def download_menu(frame_ancestors: str) -> html.Details:
    """The Download menu: the map as the reader sees it as an image, the data files, and an embed code.

    A <details> element: Tab reaches its summary, Enter or Space opens it.
    The images are drawn in the browser (assets/modules/image.mjs).
    """
    images = [
        html.Li(html.Button(label, className="download-item", **attrs({"data-image": kind})))
        for kind, label in IMAGE_LABELS.items()
    ]
    files = [
        html.Li(html.A(label, href=DOWNLOAD_PATH + DATA_FILES[kind].name, download=DATA_FILES[kind].name,
                       className="download-item"))
        for kind, label in DATA_LABELS.items()
    ]  # fmt: skip
    files.append(
        html.Li(html.A(ONE_FILE_LABEL, href=DOWNLOAD_PATH + ONE_FILE_NAME, download=ONE_FILE_NAME,
                       className="download-item"), className="not-in-one-file")
    )  # fmt: skip
    return html.Details(
        [
            html.Summary("Download", className="action"),
            html.Div(
                [
                    html.H2("This view as an image", className="download-heading"),
                    html.P("With title, colour scale, legend and sources.", className="download-hint"),
                    html.Ul(images, className="download-list"),
                    html.H2("The data", className="download-heading"),
                    html.P("Every figure with its qualifier, date and source.", className="download-hint"),
                    html.Ul(files, className="download-list"),
                    html.Div(
                        [
                            html.H2("Embed", className="download-heading"),
                            html.P(
                                "This view in a frame for another web page; the script gives the frame"
                                " the height the map asks for.",
                                className="download-hint",
                            ),
                            html.Textarea(
                                id="embed-code",
                                className="embed-code",
                                readOnly="readOnly",
                                rows=4,
                                **attrs({"aria-label": "Embed code: a frame and a script"}),
                            ),
                            html.Button("Copy embed code", id="copy-embed", className="download-item"),
                            html.P(embed_note(frame_ancestors), className="download-hint live-only"),
                        ],
                        className="embed not-in-one-file",
                    ),
                ],
                className="download-menu",
            ),
        ],
        id="download",
        className="download",
    )


def build_layout(
    briefing: Briefing, figure, topojson_url: str, config: dict, frame_ancestors: str = DEFAULT_FRAME_ANCESTORS
) -> html.Div:
    """The whole page. ``figure`` is the first map, so it paints without a callback; ``frame_ancestors``:
    who may frame it (the server's --frame-ancestors), for the embed code's note."""
    source = briefing.own_source
    metric_options = [(m.id, m.label) for m in METRICS.values()]
    source_options = [(rule, briefing.rule_label(rule)) for rule in briefing.rules]
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
                    html.Button(
                        "Hide panel",
                        id="side-toggle",
                        className="side-toggle",
                        n_clicks=0,
                        **attrs({"aria-controls": "side-panel", "aria-expanded": "true"}),
                    ),
                    choice_group("Show", "metric", metric_options, DEFAULT_METRIC, class_name="segmented"),
                    choice_group("Source", "source", source_options, DEFAULT_SOURCE, class_name="segmented"),
                    choice_group("Country", "country", country_options, None, class_name="segmented"),
                ],
                className="controls",
                **attrs({"aria-label": "Map controls"}),
            ),
            html.Main(
                [
                    story_card(briefing),
                    html.Div(
                        [layer_panel(briefing), briefing_text_panel(briefing)], id="side-panel", className="side-panel"
                    ),
                    html.Div(
                        [
                            # The map is a figure named by the title above it and described in words.
                            html.Div(
                                Graph(
                                    id="map", figure=figure, config=graph_config(topojson_url), className="map-graph"
                                ),
                                id="map-figure",
                                className="map-figure",
                                role="figure",
                                # Focusable: arrow keys move the map, + and - zoom (assets/dandelion.mjs).
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
                            html.Div(
                                choice_group("View", "view", view_options, DEFAULT_VIEW, class_name="segmented"),
                                className="view-switch",
                            ),
                            html.Div(
                                choice_group("Show as", "display", DISPLAYS, DEFAULT_DISPLAY, class_name="segmented"),
                                className="display-switch",
                            ),
                            html.Div(
                                data_table(briefing),
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
                        country_panel(briefing, None),
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
            # Short news for screen readers: the new metric, the selected country's figure, the step.
            html.P(id="announce", className="visually-hidden", role="status"),
            Store(id="feature", data=None),
            # Presenter mode: whether it is on, and what the step outlines.
            Store(id="presenting", data=False),
            Store(id="highlight", data=[]),
            # What the browser needs to change the map alone, read by assets/dandelion.mjs.
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
