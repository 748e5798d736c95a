"""The side panels: a country's figures over time, a layer feature's facts, the briefing's text, all rendered once."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard.figures.readings import figure_text, read
from dashboard.model.briefing import Briefing
from dashboard.model.observations import DEFAULT_SOURCE, MEASURES, Figure, Selection
from dashboard.model.targets import OVERVIEW, target_of
from dashboard.model.text import briefing_blocks
from dashboard.page.markup import attrs, html_of


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

    The browser shows the one for the selection (assets/dandelion.js
    showPanel), so the page needs no server to answer a click.
    """
    rendered = {OVERVIEW: country_panel(briefing, None)}
    rendered |= {target_of("country", code): country_panel(briefing, code) for code in briefing.maghreb}
    rendered |= {target_of("feature", ident): feature_panel(briefing, ident) for ident in briefing.feature_ids}
    return {target: html_of(panel) for target, panel in rendered.items()}
