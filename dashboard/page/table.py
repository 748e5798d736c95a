"""The table behind the map's colours, and the map's description in words.

Every figure the map shows, for every metric, with its qualifier, as-of date
and source; a derived figure says how it was derived; an unknown reads "not
given", never 0. The browser only sorts the rows and marks the column the
map shows (assets/modules/table.mjs).
"""

from __future__ import annotations

from dash import html

from dashboard.figures.captions import selection_words
from dashboard.figures.layerfigure import first_sentence
from dashboard.figures.readings import Reading, read
from dashboard.model.briefing import Briefing
from dashboard.model.metrics import METRICS
from dashboard.model.observations import DEFAULT_SELECTION, Selection
from dashboard.page.markup import attrs

SHOWN_ON_MAP = "shown on the map"
# The column sorted by name, not by figure (data-sort-by of its header).
TEXT_COLUMN = "state"


def map_description(briefing: Briefing, metric_id: str, selection: Selection = DEFAULT_SELECTION) -> str:
    """What the map shows under one metric and selection, in a few short sentences: whose
    figures and when, the highest and lowest state, and which states' figures are not given."""
    readings = [read(briefing, metric_id, country, selection) for country in briefing.maghreb]
    known = sorted((r for r in readings if r.known), key=lambda r: r.value or 0.0)
    parts = [
        f"Map of the Maghreb states coloured by {METRICS[metric_id].legend.lower()}:"
        f" {selection_words(briefing, selection)}."
    ]
    derived = " (derived)" if METRICS[metric_id].derived else ""
    if known:
        top = known[-1]
        derived_top = derived or (" (derived)" if top.derivation else "")
        parts.append(f"Highest: {briefing.country_name(top.country)}, {top.text}{derived_top}, {top.when}.")
    if len(known) > 1:
        low = known[0]
        derived_low = derived or (" (derived)" if low.derivation else "")
        parts.append(f"Lowest: {briefing.country_name(low.country)}, {low.text}{derived_low}, {low.when}.")
    unknown = [briefing.country_name(r.country) for r in readings if not r.known]
    if unknown:
        parts.append(f"Not given: {', '.join(unknown)}.")
    return " ".join(parts)


def headlines(briefing: Briefing, metric_id: str, selection: Selection = DEFAULT_SELECTION) -> dict[str, str]:
    """What a screen reader hears when a state is selected under one metric: the figure with its
    qualifier, its date and its source (ISO alpha-3 -> text): "Tunisia. Returnees: 800 since
    mid-2017. Date: late 2017 (figure undated). Source: Rogan, ATA briefing (2017)."."""
    label = METRICS[metric_id].label
    news = {}
    for country in briefing.maghreb:
        reading = read(briefing, metric_id, country, selection)
        derived = " (derived)" if reading.derivation else ""
        news[country] = (
            f"{briefing.country_name(country)}. {label}: {reading.text}{derived}."
            f" Date: {reading.when}. Source: {reading.source}."
        )
    return news


def place_headlines(briefing: Briefing) -> dict[str, str]:
    """What a screen reader hears when a place or route is selected, as its hover box says it
    (feature id -> text): "Reggane air base. Unconfirmed. ... Date: 2017. Source: ..."."""
    news = {}
    for ident in briefing.feature_ids:
        feature = briefing.feature(ident)
        how_sure = feature.certainty.capitalize() if feature.certainty else f"Confidence: {feature.confidence}"
        sources = "; ".join(briefing.sources[source].short for source in feature.sources)
        about = first_sentence(feature.description)
        news[ident] = f"{feature.name}. {how_sure}. {about} Date: {feature.date}. Source: {sources}."
    return news


def _cell(reading: Reading) -> html.Td:
    """One figure with what it needs to be read right; its value is the sort key."""
    children: list = [html.Span(reading.text, className="cell-value" + ("" if reading.known else " not-given"))]
    details = f"Date: {reading.when}. Source: {reading.source}."
    children.append(html.Span(details, className="cell-meta"))
    if reading.derivation:
        children.append(html.Span(reading.derivation[0].upper() + reading.derivation[1:], className="cell-meta"))
    if reading.note:
        children.append(html.Span(reading.note[0].upper() + reading.note[1:] + ".", className="cell-meta"))
    sort_key = "" if reading.value is None else repr(reading.value)
    return html.Td(children, **attrs({"data-metric": reading.metric, "data-sort": sort_key}))


def table_caption(briefing: Briefing, selection: Selection = DEFAULT_SELECTION) -> str:
    """The table's caption: whose figures, and when."""
    return f"The Maghreb states: {selection_words(briefing, selection)}"


def table_rows(briefing: Briefing, selection: Selection = DEFAULT_SELECTION) -> list[html.Tr]:
    """A row a state: its name, then each metric's figure under ``selection``."""
    rows = []
    for country in briefing.maghreb:
        name = briefing.country_name(country)
        cells = [_cell(read(briefing, metric_id, country, selection)) for metric_id in METRICS]
        rows.append(html.Tr([html.Th(name, scope="row", **attrs({"data-sort": name})), *cells]))
    return rows


def data_table(briefing: Briefing, selection: Selection = DEFAULT_SELECTION) -> html.Table:
    """The four states with every metric under ``selection``; column headers are buttons that sort."""
    headers = [html.Th(html.Button("State", className="sort", **attrs({"data-sort-by": TEXT_COLUMN})), scope="col")]
    for metric_id, metric in METRICS.items():
        button = html.Button(
            [metric.legend, html.Span(f" ({SHOWN_ON_MAP})", className="on-map")],
            className="sort",
            **attrs({"data-sort-by": metric_id}),
        )
        headers.append(html.Th(button, scope="col", **attrs({"data-metric": metric_id})))
    return html.Table(
        [
            html.Caption(table_caption(briefing, selection), id="data-table-caption"),
            html.Thead(html.Tr(headers)),
            html.Tbody(table_rows(briefing, selection), id="data-table-body"),
        ],
        id="data-table",
        className="data-table",
    )
