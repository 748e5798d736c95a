"""What the map shows for one country under one metric and selection, in words and numbers.

A :class:`Reading` carries the value that colours the map together with the
text a reader sees: the source's qualifier ("around 3,000"), the period it
counts, the date it refers to (or that it is undated), the source and, for a
figure the source does not state itself, how it was derived. A figure the
source does not give reads "not given in the briefing" (or by whichever
source) and has no value: it is never 0.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from dashboard.model.briefing import Briefing
from dashboard.model.metrics import METRICS, POPULATION, Metric, Ratio
from dashboard.model.observations import (
    ALL_SOURCES,
    BRIEFING_TIME,
    DEFAULT_SELECTION,
    DEFAULT_SOURCE,
    LATEST,
    MEASURES,
    QUALIFIERS,
    Figure,
    Selection,
    same_time,
)
from dashboard.model.validation import PartialDate

NOT_GIVEN = "not given in the briefing"
# Sources whose values for a state, counted over the same coverage at about
# the same time (Briefing.same_time), differ by more than this share of the
# larger one disagree: the map gives their range in the state's label.
DISAGREEMENT_MARGIN = 0.10


# How bounds combine in a ratio: dividing by a lower bound gives an upper bound.
_FLIPPED = {"lower": "upper", "upper": "lower", "exact": "exact", "approx": "approx"}
# The qualifier a derived figure gets from how its value bounds the truth.
_DERIVED_QUALIFIER = {"exact": "exact", "approx": "about", "lower": "more_than", "upper": "less_than"}


@dataclass(frozen=True)
class Reading:
    """A country's figure for a metric, ready to show."""

    country: str
    metric: str
    value: float | None  # None: not given; never shown as 0
    text: str  # "around 3,000", "800 since mid-2017", "nearly half", "not given in the briefing"
    when: str  # "October 2017", "late 2017 (figure undated)"
    source: str  # who says so
    qualifier: str  # a QUALIFIERS id: the briefing's for a figure, the bound's for a derived one
    derivation: str | None = None  # "derived: nearly half of close to 200"
    note: str | None = None  # a caveat the reader must see with the value
    comparison: tuple[str, ...] = ()  # the other figures for the same quantity, each with its source and date
    spread: str | None = None  # "87\u2013100 (October 2017)": the range of sources that disagree, and when

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def direction(self) -> str:
        """exact, approx, lower, upper or unknown: how the value bounds the truth."""
        return QUALIFIERS[self.qualifier][1]


def round_keeping_bound(value: float, decimals: int, direction: str = "approx") -> float:
    """``value`` to ``decimals`` places: a lower bound ("more than 45.1") down, an upper bound up.

    So the rounded statement is still true.
    """
    scale = 10**decimals
    rounder = {"lower": math.floor, "upper": math.ceil}.get(direction, round)
    return rounder(value * scale) / scale


def format_number(value: float, direction: str = "approx") -> str:
    """Thousands separators; few decimals; rounding that keeps a bound true."""
    decimals = 0 if abs(value) >= 10 or value == int(value) else 1
    return f"{round_keeping_bound(value, decimals, direction):,.{decimals}f}"


def period_text(since: PartialDate | None, until: PartialDate | None) -> str:
    """The span a figure counts, in words that read right for any period: "since mid-2017",
    "from 2011 to October 2018"; "" for a figure that counts everything to its date."""
    if since is None:
        return ""
    return f"from {since} to {until}" if until is not None else f"since {since}"


def figure_text(figure: Figure) -> str:
    """The figure as its source hedges it, with its period: 'around 3,000', '800 since mid-2017'."""
    if figure.value is None:
        return NOT_GIVEN if figure.source == DEFAULT_SOURCE else "not given by this source"
    words = QUALIFIERS[figure.qualifier][0]
    return f"{words} {format_number(figure.value)} {period_text(figure.since, figure.as_of)}".strip()


def not_given(briefing: Briefing, selection: Selection) -> str:
    """What a state with no figure under ``selection`` reads: never 0."""
    if selection.source == DEFAULT_SOURCE:
        text = NOT_GIVEN
    elif selection.source == ALL_SOURCES:
        text = "not given by any source"
    else:
        text = f"not given by {briefing.sources[selection.source].short}"
    return text if selection.time in (BRIEFING_TIME, LATEST) else f"{text} {briefing.time_phrase(selection.time)}"


def periods_note(briefing: Briefing, measure: str, selection: Selection = DEFAULT_SELECTION) -> str | None:
    """Why the states' figures for ``measure`` are not like for like, or None if they are.

    A count over a stated period (the briefing's Tunisian returnees "since
    mid-2017") sits on one scale with counts of everything to their date;
    figures from years apart sit on one scale at "latest". The note says so,
    in the sources' terms: it reports the period a source gives, not ours.
    """
    figures = [briefing.figure(country, measure, selection) for country in briefing.maghreb]
    shown = [(country, f) for country, f in zip(briefing.maghreb, figures, strict=True) if f and f.value is not None]
    # Whose wording the period is, where the map mixes sources; one source is named already.
    whose = (lambda f: f" ({briefing.sources[f.source].short})") if selection.source == ALL_SOURCES else (lambda f: "")
    parts = [
        f"{briefing.country_name(country)}'s {MEASURES[measure]} are counted {period_text(f.since, f.as_of)}{whose(f)}"
        for country, f in shown
        if f.since is not None
    ]
    if parts and len(parts) < len(shown):
        parts[-1] += ", the others' to their date"
    dates = sorted((briefing.date_of(f) for _, f in shown), key=lambda date: date.sort_key)
    if dates and not same_time(dates[0], dates[-1]):
        parts.append(f"the figures are from different times ({dates[0]} to {dates[-1]})")
    if not parts:
        return None
    return "; ".join(parts) + ": not like for like"


def _figure_reading(
    briefing: Briefing, metric: str, figure: Figure | None, country: str, selection: Selection
) -> Reading:
    if figure is None or figure.value is None:
        when = briefing.when(figure) if figure else briefing.time_phrase(selection.time)
        source = briefing.attribution(figure) if figure else briefing.source_label(selection.source)
        return Reading(country, metric, None, not_given(briefing, selection), when, source, "not_given")
    derivation = f"derived: {figure.derivation}" if figure.derivation else None
    return Reading(
        country,
        metric,
        figure.value,
        figure_text(figure),
        briefing.when(figure),
        briefing.attribution(figure),
        figure.qualifier,
        derivation,
        f"coverage: {figure.coverage}" if figure.coverage else None,
    )


def _ratio_reading(
    country: str,
    metric: Metric,
    numerator: Reading,
    numerator_value: float,
    denominator: float,
    denominator_direction: str,
    scale: float,
    explanation: str,
    source: str,
    when: str,
) -> Reading:
    """numerator / denominator * scale, with the qualifier the inputs allow.

    ``numerator_value`` is ``numerator.value``, known: a ratio is only made of
    given figures. ``when`` gives the dates of the inputs.
    """
    directions = {numerator.direction, _FLIPPED[denominator_direction]} - {"exact"}
    direction = "approx" if "approx" in directions or len(directions) > 1 else next(iter(directions), "exact")
    value = numerator_value / denominator * scale
    number = format_number(value, direction)
    if direction == "exact" and float(number.replace(",", "")) != value:
        direction = "approx"  # rounding made an exact ratio approximate
    qualifier = _DERIVED_QUALIFIER[direction]
    text = f"{QUALIFIERS[qualifier][0]} {number}{metric.unit}".strip()
    return Reading(country, metric.id, value, text, when, source, qualifier, f"derived: {explanation}")


def _sources(*readings: Reading) -> str:
    """Each reading's source once, in order: a derived figure may draw on two sources."""
    return "; ".join(dict.fromkeys(reading.source for reading in readings))


def _dates(inputs: list[tuple[str, Reading]]) -> str:
    """The dates of a derived figure's inputs (measure, reading): one date when they agree."""
    if len({reading.when for _, reading in inputs}) == 1:
        return inputs[0][1].when
    return "; ".join(f"{MEASURES[measure]} {reading.when}" for measure, reading in inputs)


def _derived_reading(briefing: Briefing, metric: Metric, ratio: Ratio, country: str, selection: Selection) -> Reading:
    """``metric``'s ratio for ``country`` under ``selection``, made of the figures the map shows for its
    measures (and the population): not given, saying which, when one of them is not."""
    numerator_figure = briefing.figure(country, ratio.numerator, selection)
    numerator = _figure_reading(briefing, metric.id, numerator_figure, country, selection)
    inputs = [(ratio.numerator, numerator)]
    if ratio.denominator == POPULATION:
        population = briefing.population.get(country)
        value: float | None = None if population is None else population.value
        direction = "exact"
        shown = "" if population is None else f"{population.value / 1e6:.2f} million people ({population.year})"
        also = [] if population is None else [f"population: {briefing.sources[population.source].short}"]
    else:
        denominator_figure = briefing.figure(country, ratio.denominator, selection)
        denominator = _figure_reading(briefing, metric.id, denominator_figure, country, selection)
        inputs.append((ratio.denominator, denominator))
        value, direction, shown, also = denominator.value, denominator.direction, denominator.text, []
    readings = [reading for _, reading in inputs]
    if numerator.value is None or value is None:
        missing = ratio.numerator if numerator.value is None else ratio.denominator
        text = f"{not_given(briefing, selection)} (no {MEASURES.get(missing, missing)} figure)"
        return Reading(country, metric.id, None, text, _dates(inputs), _sources(*readings), "not_given")
    explanation = ratio.explained.format(numerator=numerator.text, denominator=shown)
    if numerator.derivation:
        explanation += f" ({MEASURES[ratio.numerator]} {numerator.derivation})"
    sources = "; ".join(dict.fromkeys([reading.source for reading in readings] + also))
    reading = _ratio_reading(
        country, metric, numerator, numerator.value, value, direction, ratio.scale, explanation, sources,
        _dates(inputs),
    )  # fmt: skip
    if ratio.notes_periods:
        reading = dataclasses.replace(reading, note=periods_note(briefing, ratio.numerator, selection))
    if ratio.own_words and numerator_figure is not None and numerator_figure.share:
        # The source states the ratio itself: show its words, not our number.
        drawn = f"the briefing's own words; drawn at {reading.value:g}{metric.unit} on the colour scale"
        reading = dataclasses.replace(
            reading, text=numerator_figure.share, derivation=drawn, qualifier=numerator_figure.qualifier
        )
    return reading


def _disagreement(briefing: Briefing, figure: Figure, unit: str) -> tuple[tuple[str, ...], str | None]:
    """The other figures for ``figure``'s quantity, and the range where sources disagree.

    Every other figure is listed with its source and date. Sources disagree
    only when they count the same quantity over the same coverage at about
    the same time (observations.same_time), and their values differ by more than
    DISAGREEMENT_MARGIN: a later count is a change, never a disagreement.
    """
    records = [f for f in briefing.records(figure.country, figure.measure) if f.value is not None]
    comparison = tuple(
        f"{briefing.source_label(f.source)}, {briefing.when(f)}: {figure_text(f)}" for f in records if f is not figure
    )
    if figure.value is None:
        return comparison, None
    date = briefing.date_of(figure)
    peers = [f for f in records if f.coverage == figure.coverage and same_time(briefing.date_of(f), date)]
    values = [f.value for f in peers if f.value is not None]
    if len({f.source for f in peers}) < 2 or max(values) - min(values) <= DISAGREEMENT_MARGIN * max(values):
        return comparison, None
    dates = sorted({briefing.date_of(f) for f in peers}, key=lambda d: d.sort_key)
    when = str(dates[0]) if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
    return comparison, f"{format_number(min(values))}\u2013{format_number(max(values))}{unit} ({when})"


def read(briefing: Briefing, metric_id: str, country: str, selection: Selection = DEFAULT_SELECTION) -> Reading:
    """The reading of ``metric_id`` (a metric or a measure) for ``country`` (ISO alpha-3) under ``selection``.

    A figure's reading lists the other figures for the same quantity, and the
    range of those that disagree with it (see _disagreement).
    """
    metric = METRICS.get(metric_id)
    if metric is None or metric.ratio is None:
        figure = briefing.figure(country, metric_id, selection)
        reading = _figure_reading(briefing, metric_id, figure, country, selection)
        if figure is None:
            return reading
        comparison, spread = _disagreement(briefing, figure, "")
        return dataclasses.replace(reading, comparison=comparison, spread=spread)
    return _derived_reading(briefing, metric, metric.ratio, country, selection)


def read_all(briefing: Briefing, metric_id: str, selection: Selection = DEFAULT_SELECTION) -> list[Reading]:
    """Readings of one metric for the four Maghreb states, west to east."""
    return [read(briefing, metric_id, country, selection) for country in briefing.maghreb]
