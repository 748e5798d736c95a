"""Dash components: header, controls, map, country panel, footer."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from dash import html
from dash.development.base_component import Component

from dashboard.figures.captions import metric_subtitle, population_sources, selection_words, shown_sources, step_credit
from dashboard.figures.contract import browser_contract, map_keys_text, presenter_keys_text
from dashboard.figures.layerfigure import layer_swatch
from dashboard.figures.mapfigure import (
    LEGEND_STRIP_PX,
    MapGeometry,
    feature_points,
    selection_parts,
)
from dashboard.figures.readings import figure_text, read
from dashboard.figures.style import IMAGE_KINDS, IMAGE_MIN_SIZE, LABEL_RULE, STYLES
from dashboard.model.briefing import (
    DEFAULT_SELECTION,
    DEFAULT_SOURCE,
    MEASURES,
    Briefing,
    Figure,
    Selection,
)
from dashboard.model.layers import BUILTIN_LAYERS
from dashboard.model.metrics import DEFAULT_METRIC, METRICS
from dashboard.model.story import DEFAULT_VIEW, VIEWS, step_budgets_ms
from dashboard.model.targets import OVERVIEW, target_of
from dashboard.model.text import briefing_blocks
from dashboard.page.components import Graph, Html, Store
from dashboard.page.markup import attrs, html_of
from dashboard.page.paths import DATA_FILE_NAMES, DOWNLOAD_PATH, HANDOUT_FILE, ONE_FILE_NAME
from dashboard.page.table import (
    TEXT_COLUMN,
    data_table,
    headlines,
    map_description,
    place_headlines,
    table_caption,
    table_rows,
)

# The map's area shows the map or the table behind it (as Our World in Data's Grapher does).
DISPLAYS = [("map", "Map"), ("table", "Table")]
DEFAULT_DISPLAY = "map"
LAYER_GROUP_TITLES = {"figures": "Figures", "measures": "States' measures", "movements": "Movements"}
# The Download menu: the map as an image (style.IMAGE_KINDS), the data files (paths.DATA_FILE_NAMES).
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
ONE_FILE_LABEL = "This map as one file that works offline (HTML)"
# What the page says while it draws an image (the status line beside Copy link).
IMAGE_MESSAGES = {"drawing": "Drawing the image\u2026", "saved": "Saved ", "failed": "Could not draw the image: "}


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


# The map's zoom buttons: (what it does, its name, what it shows). In place of plotly's
# toolbar, whose icons were faint (1.74:1), small and under the switches on a phone.
ZOOM_BUTTONS = [
    ("zoomIn", "Zoom in", "+"),
    ("zoomOut", "Zoom out", "\u2212"),
    ("fit", "Fit the map to the view", "\u2302"),
]


def zoom_buttons() -> html.Div:
    """Zoom in, zoom out and fit: what the map's keys do (contract.MAP_KEYS), for a pointer."""
    return html.Div(
        [
            html.Button(
                shown, className="map-zoom-button", title=name, **attrs({"aria-label": name, "data-zoom": zoom})
            )
            for zoom, name, shown in ZOOM_BUTTONS
        ],
        className="map-zoom",
        role="group",
        **attrs({"aria-label": "Zoom"}),
    )


def image_credit(briefing: Briefing, metric_id: str, selection: Selection = DEFAULT_SELECTION) -> list[str]:
    """The credit lines under the map in a downloaded image: whose figures and when, and where the rest is."""
    cited = [briefing.sources[source].citation for source in shown_sources(briefing, metric_id, selection)]
    sources = f"Figures ({selection_words(briefing, selection)}): {'; '.join(cited) or 'none'}"
    if METRICS[metric_id].needs_population:
        sources += "; population: " + population_sources(briefing)
    return [
        sources + ".",
        f"Borders: {briefing.borders_source.short}. Places marked unconfirmed or approximate are not known for sure;"
        f" routes are assumed. Sources of each layer: {DATA_FILE_NAMES['zip']}. Made with Dandelion.",
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
        html.Div(f"Date: {briefing.when(figure)}", className="figure-meta"),
    ]
    if figure.coverage:
        children.append(html.Div(f"Coverage: {figure.coverage}", className="figure-meta"))
    if figure.derivation:
        children.append(html.Div(f"Derived: {figure.derivation}", className="figure-derived"))
    if figure.quote:
        children.append(html.Blockquote(f"\u201c{figure.quote}\u201d", className="figure-quote", lang=figure.lang))
    if figure.note:
        children.append(html.Div(figure.note, className="figure-note"))
    children.append(html.Div(f"Source: {briefing.attribution(figure)}", className="figure-source"))
    return html.Li(children, className="figure-item")


def _measure_items(briefing: Briefing, country: str, measure: str) -> list:
    """One measure's figures as a dated series, oldest first, and where sources disagree.

    A later count is a change, not a disagreement: only figures of the same
    coverage at about the same time are compared (readings._disagreement).
    """
    records = briefing.records(country, measure)
    items: list = [html.Li(_timeline(briefing, records), className="figure-timeline")] if len(records) > 1 else []
    items += [_figure_item(briefing, figure) for figure in records]
    spreads = dict.fromkeys(
        spread for figure in records if (spread := read_figure_spread(briefing, figure)) is not None
    )
    for spread in spreads:
        words = f"Sources disagree on {MEASURES[measure]}: {spread}."
        items.append(html.Li(words, className="figure-disagreement"))
    return items


def read_figure_spread(briefing: Briefing, figure: Figure) -> str | None:
    """The range of the sources that disagree with ``figure`` at its time, if any."""
    return read(briefing, figure.measure, figure.country, Selection(figure.source, briefing.date_of(figure).iso)).spread


def _timeline(briefing: Briefing, records: list[Figure]) -> html.Div:
    """The measure's figures on a line of time, a dot each (the briefing's filled): a small chart over the list.

    Hidden from screen readers: the list under it says the same, figure by figure.
    """
    dated = [(briefing.date_of(figure), figure) for figure in records if figure.value is not None]
    first, last = dated[0][0].sort_key, dated[-1][0].sort_key
    months = max(1, (last[0] - first[0]) * 12 + (last[1] - first[1]))
    top = max(figure.value or 0 for _, figure in dated) or 1
    dots = []
    for date, figure in dated:
        key = date.sort_key
        left = 100 * ((key[0] - first[0]) * 12 + (key[1] - first[1])) / months
        bottom = 100 * (figure.value or 0) / top
        own = " is-briefing" if figure.source == DEFAULT_SOURCE else ""
        dots.append(
            html.Span(
                className="timeline-dot" + own,
                style={"left": f"{left:.1f}%", "bottom": f"{bottom:.1f}%"},
                title=f"{figure_text(figure)}, {briefing.when(figure)}, {briefing.source_label(figure.source)}",
            )
        )
    return html.Div(
        [
            html.Div(dots, className="timeline-plot"),
            html.Div(
                [html.Span(str(dated[0][0])), html.Span(str(dated[-1][0]))],
                className="timeline-axis",
            ),
        ],
        className="timeline",
        **attrs({"aria-hidden": "true"}),
    )


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


def select_group(
    label: str, group_id: str, options: list[tuple[str, str]], value: str, steps: tuple[str, str] | None = None
) -> html.Div:
    """A labelled native select (a menu that stays one row however many choices), and its store.

    ``steps`` names two buttons that choose the option before and after, so
    that the choice can be walked through with a tap or a key, without
    dragging (assets/dandelion.mjs keeps them and the store in step).
    """
    select = html.Select(
        [html.Option(text, value=option, selected=option == value) for option, text in options], id=f"{group_id}-select"
    )

    children: list = [html.Label(label, htmlFor=f"{group_id}-select", className="control-label"), select]
    if steps:
        children += [
            html.Button(
                word,
                className="step-choice",
                **attrs({"data-step": str(direction), "aria-controls": f"{group_id}-select"}),
            )
            for word, direction in zip(steps, (-1, 1), strict=True)
        ]
    children.append(Store(id=group_id, data=value))
    return html.Div(
        children,
        id=f"{group_id}-choices",
        className="control control-select",
        **attrs({"data-choice": group_id, "data-kind": "select"}),
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
        [html.H2("Layers"), *sections, Html.of(places_list(briefing))],
        className="layer-panel",
        **attrs({"aria-label": "Layers"}),
    )


def places_list(briefing: Briefing) -> html.Details:
    """Every place and route on the map as a button that selects it: the
    keyboard's way to what a mouse clicks on the map."""
    groups = []
    for layer in briefing.layers:
        buttons = [
            html.Li(
                html.Button(feature.name, className="place", **attrs({"data-target": target_of("feature", feature.id)}))
            )
            for feature in sorted(layer.features, key=lambda feature: feature.name.casefold())
        ]
        heading_id = f"places-{layer.id}"
        groups.append(
            html.Li(
                [
                    html.Span(layer.title, id=heading_id, className="place-group"),
                    html.Ul(buttons, className="place-list", **attrs({"aria-labelledby": heading_id})),
                ]
            )
        )
    return html.Details(
        [html.Summary("Places and routes on the map"), html.Ul(groups, className="place-groups")],
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


def panels(briefing: Briefing) -> dict[str, str]:
    """Every side panel there can be, written once as HTML (the ``html`` of the panel's Html part):
    the overview, each Maghreb state's and each layer feature's, by target.

    The browser shows the one for the selection (assets/dandelion.mjs
    showPanel), so the page needs no server to answer a click.
    """
    rendered = {OVERVIEW: country_panel(briefing, None)}
    rendered |= {target_of("country", code): country_panel(briefing, code) for code in briefing.maghreb}
    rendered |= {target_of("feature", ident): feature_panel(briefing, ident) for ident in briefing.feature_ids}
    return {target: html_of(panel) for target, panel in rendered.items()}


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
        # Focused on entering presenter mode (assets/dandelion.mjs), not a Tab stop.
        tabIndex="-1",
        **attrs({"aria-label": "Presentation step"}),
    )


class PartsPool:
    """Each distinct trace part once: many choices of metric, source and time draw the same traces.

    ``add`` returns the index of each part's props in ``items``, which the
    page config carries once (assets/modules/patch.mjs reads them by index).
    """

    def __init__(self) -> None:
        self.items: list[dict] = []
        self._index: dict[str, int] = {}

    def add(self, parts: dict[str, dict]) -> dict[str, int]:
        indices = {}
        for part, props in parts.items():
            key = json.dumps(props, sort_keys=True)
            if key not in self._index:
                self._index[key] = len(self.items)
                self.items.append(props)
            indices[part] = self._index[key]
        return indices


def _metric_states(briefing: Briefing, geometry: MapGeometry, selection: Selection, pool: PartsPool) -> dict:
    """For each metric under one selection: the traces that change (indices in ``pool``), the title, subtitle,
    description, what a screen reader hears, and the image's credit."""
    return {
        metric_id: {
            "parts": pool.add(selection_parts(briefing, geometry, metric_id, selection)),
            "title": metric.title,
            "subtitle": metric_subtitle(briefing, metric_id, selection),
            "description": map_description(briefing, metric_id, selection),
            "headlines": headlines(briefing, metric_id, selection),
            "credit": image_credit(briefing, metric_id, selection),
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


# Who may frame the page unless the server is told otherwise (--frame-ancestors): its own origin.
DEFAULT_FRAME_ANCESTORS = "'self'"


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


def browser_config(briefing: Briefing, geometry: MapGeometry) -> dict:
    """What the browser needs to change the map alone (assets/dandelion.mjs and modules/).

    Under ``selections`` (by Selection.key), for each metric the traces that
    change (shared through ``parts``), the title and the words, and the
    table; the choices of source and time; the views; where each layer
    feature is; the Maghreb codes.
    """
    groups = {group: [layer_id for layer_id, _ in layers] for group, layers in layer_groups(briefing).items()}
    pool = PartsPool()
    selections = {
        selection.key: {
            "metrics": _metric_states(briefing, geometry, selection, pool),
            "table": {
                "caption": table_caption(briefing, selection),
                "rows": html_of(table_rows(briefing, selection)),
            },
        }
        for selection in briefing.selections
    }
    return {
        "metrics": {metric_id: {"title": metric.title} for metric_id, metric in METRICS.items()},
        "selections": selections,
        "parts": pool.items,
        "sources": briefing.source_choices,
        "times": briefing.time_choices,
        "views": VIEWS,
        "features": feature_points(briefing),
        # What a screen reader hears when a place or route is selected.
        "placeNews": place_headlines(briefing),
        "maghreb": briefing.maghreb,
        "layerGroups": groups,
        "defaults": {
            "metric": DEFAULT_METRIC,
            "view": DEFAULT_VIEW,
            "source": DEFAULT_SELECTION.source,
            "time": DEFAULT_SELECTION.time,
            "display": DEFAULT_DISPLAY,
        },
        "displays": [display for display, _ in DISPLAYS],
        "story": [dataclasses.asdict(step) | {"credit": step_credit(briefing, step)} for step in briefing.story],
        "pacing": step_budgets_ms(briefing.story, briefing.story_minutes),
        "styles": STYLES,
        "labels": LABEL_RULE,
        "panels": panels(briefing),
        "images": {"kinds": IMAGE_KINDS, "minSize": IMAGE_MIN_SIZE, "messages": IMAGE_MESSAGES},
        "contract": browser_contract(),
        # The tab's title is what the map or the step shows, then this.
        "titleSuffix": " \u00b7 Dandelion",
        "tableTextColumn": TEXT_COLUMN,
        # Served with --watch (dashboard/web/watch.py; app.create_app sets where to ask): what the page says.
        "dataNotices": {
            "problems": "The data files have problems; the map still shows the last good data. ",
            "newer": "New data is in place.",
        },
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
        html.Li(html.A(label, href=DOWNLOAD_PATH + DATA_FILE_NAMES[kind], download=DATA_FILE_NAMES[kind],
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
                            # On a phone the choices fold into a sheet this button opens (assets/dandelion.mjs).
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
