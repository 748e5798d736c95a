"""Dash components: header, controls, map, country panel, footer."""

from __future__ import annotations

from dash import dcc, html

from dashboard.briefing import MEASURES, Briefing, Figure
from dashboard.readings import DEFAULT_METRIC, METRICS, figure_text


def graph_config(topojson_url: str) -> dict:
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


def metric_subtitle(briefing: Briefing, metric_id: str) -> str:
    """What the map shows and as of when, in one line under the title."""
    briefing_source = briefing.sources["briefing"]
    text = f"Maghreb states, as of October 2017. Figures: {briefing_source.short}"
    if metric_id == "fighters_per_million":
        text += f"; population: {briefing.sources['wdi_population'].short}"
    if metric_id in ("share_returned", "fighters_per_million"):
        text += ". Derived from the briefing's figures"
    return text + "."


def _figure_item(briefing: Briefing, figure: Figure, name_place: bool = False) -> html.Li:
    """One figure in the country panel: number, qualifier, quote, source.

    ``name_place`` adds where the figure is about, for lists that mix places.
    """
    measure = MEASURES[figure.measure]
    label = measure[0].upper() + measure[1:]
    if name_place:
        place = f"{figure.place}, " if figure.place else ""
        label += f" ({place}{briefing.country_name(figure.country)})"
    details = [html.Span(f"As of {figure.as_of}")]
    if figure.period:
        details.append(html.Span(f", {figure.period}"))
    children = [
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
        html.Div(details, className="figure-meta"),
    ]
    if figure.derivation:
        children.append(html.Div(f"Derived: {figure.derivation}", className="figure-derived"))
    children.append(html.Blockquote(f"\u201c{figure.quote}\u201d", className="figure-quote"))
    children.append(html.Div(f"Source: {briefing.attribution(figure)}", className="figure-source"))
    if figure.crosscheck:
        check = figure.crosscheck
        text = f"Cross-check: {check.value:,.0f} according to {briefing.sources[check.source].short}"
        children.append(html.Div(text + (f". {check.note}" if check.note else ""), className="figure-crosscheck"))
    return html.Li(children, className="figure-item")


def country_panel(briefing: Briefing, country: str | None) -> list:
    """The side panel's content: one country's figures, or the overview."""
    if country is None:
        world = [f for f in briefing.figures if f.country in ("WLD", "SYR")]
        return [
            html.H2("The briefing's figures", id="panel-title"),
            html.P(
                "Select a country on the map or in the list above to see all its figures, "
                "the briefing's words and the sources.",
                className="panel-hint",
            ),
            html.Ul([_figure_item(briefing, f, name_place=True) for f in world], className="figure-list"),
        ]
    figures = briefing.figures_for(country)
    given = {f.measure for f in figures}
    missing = [MEASURES[m] for m in ("foreign_fighters", "returnees") if m not in given]
    children = [html.H2(briefing.country_name(country), id="panel-title")]
    children.append(html.Ul([_figure_item(briefing, f) for f in figures], className="figure-list"))
    if missing:
        children.append(html.P(f"Not given in the briefing: {', '.join(missing)}.", className="figure-missing"))
    population = briefing.population.get(country)
    if population:
        source = briefing.sources[population.source].short
        children.append(
            html.P(f"Population {population.year}: {population.value:,} ({source}).", className="figure-population")
        )
    return children


def build_layout(briefing: Briefing, figure, topojson_url: str) -> html.Div:
    """The whole page. ``figure`` is the first map, so it paints without a callback."""
    source = briefing.sources["briefing"]
    metric_options = [{"label": m.label, "value": m.id} for m in METRICS.values()]
    country_options = [{"label": briefing.country_name(code), "value": code} for code in briefing.maghreb]
    return html.Div(
        [
            html.Header(
                [
                    html.Div(
                        [html.Span("Dandelion", className="brand"), html.Span("Briefing map", className="brand-sub")],
                        className="brand-row",
                    ),
                    html.H1(METRICS[DEFAULT_METRIC].title, id="map-title"),
                    html.P(metric_subtitle(briefing, DEFAULT_METRIC), id="map-subtitle"),
                ],
                className="page-header",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.Span("Show", className="control-label", id="metric-label"),
                            dcc.RadioItems(
                                metric_options, DEFAULT_METRIC, id="metric", className="segmented", inline=True
                            ),
                        ],
                        className="control",
                        role="group",
                        **{"aria-labelledby": "metric-label"},
                    ),
                    html.Div(
                        [
                            html.Span("Country", className="control-label", id="country-label"),
                            dcc.RadioItems(country_options, None, id="country", className="segmented", inline=True),
                        ],
                        className="control",
                        role="group",
                        **{"aria-labelledby": "country-label"},
                    ),
                ],
                className="controls",
            ),
            html.Main(
                [
                    html.Div(
                        dcc.Graph(id="map", figure=figure, config=graph_config(topojson_url), className="map-graph"),
                        className="map-frame",
                    ),
                    html.Aside(
                        country_panel(briefing, None), id="country-panel", className="panel", **{"aria-live": "polite"}
                    ),
                ],
                className="content",
            ),
            html.Footer(
                [
                    html.Span(
                        ["Source: ", html.A(source.citation, href=source.url) if source.url else source.citation, "."]
                    ),
                    html.Span(
                        f" Borders: {briefing.sources['natural_earth'].citation}."
                        " Western Sahara is shown as a disputed territory."
                    ),
                ],
                className="page-footer",
            ),
        ],
        className="page",
    )
