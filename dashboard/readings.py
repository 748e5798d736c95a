"""What the map shows for one country under one metric, in words and numbers.

A :class:`Reading` carries the value that colours the map together with the
text a reader sees: the briefing's qualifier ("around 3,000"), the as-of date,
the source and, for a figure the briefing does not state itself, how it was
derived. A figure the briefing does not give reads "not given in the
briefing" and has no value: it is never 0.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from dashboard.briefing import DEFAULT_SOURCE, LATEST, MEASURES, QUALIFIERS, Briefing, Figure
from dashboard.metrics import METRICS, Metric

NOT_GIVEN = "not given in the briefing"
# Sources whose values for a state differ by more than this share of the
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
    as_of: str  # "October 2017"
    source: str  # who says so
    qualifier: str  # a QUALIFIERS id: the briefing's for a figure, the bound's for a derived one
    derivation: str | None = None  # "derived: nearly half of close to 200"
    note: str | None = None  # a caveat the reader must see with the value
    comparison: tuple[str, ...] = ()  # every source's figure, when more than one gives it
    spread: str | None = None  # "170\u2013200": the sources' range, when they disagree

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


def figure_text(figure: Figure) -> str:
    """The figure as its source hedges it, with its period: 'around 3,000', '800 since mid-2017'."""
    if figure.value is None:
        return NOT_GIVEN if figure.source == DEFAULT_SOURCE else "not given by this source"
    words = QUALIFIERS[figure.qualifier][0]
    period = f" {figure.period}" if figure.period else ""
    return f"{words} {format_number(figure.value)}{period}".strip()


def not_given(briefing: Briefing, rule: str) -> str:
    """What a state with no figure under ``rule`` reads: never 0."""
    if rule == DEFAULT_SOURCE:
        return NOT_GIVEN
    return "not given by any source" if rule == LATEST else f"not given by {briefing.sources[rule].short}"


def share_note(briefing: Briefing, rule: str = DEFAULT_SOURCE) -> str | None:
    """Why the share-returned map is not like for like, or None if it is.

    A returnee count over a stated period (Tunisia's 800 since mid-2017) is
    set against all of a country's fighters, while the others count every
    return to date: their shares sit on one scale but measure different spans.
    """
    periods = []
    for country in briefing.maghreb:
        figure = briefing.figure(country, "returnees", rule)
        if figure is not None and figure.period and figure.value is not None:
            periods.append(f"{briefing.country_name(country)}'s returnees are counted {figure.period} only")
    if not periods:
        return None
    return "; ".join(periods) + ", the others' in total: the shares are not like for like"


def _figure_reading(briefing: Briefing, metric: str, figure: Figure | None, country: str, rule: str) -> Reading:
    if figure is None or figure.value is None:
        as_of = str(figure.as_of) if figure else briefing.as_of
        source = briefing.attribution(figure) if figure else briefing.rule_label(rule)
        return Reading(country, metric, None, not_given(briefing, rule), as_of, source, "not_given")
    derivation = f"derived: {figure.derivation}" if figure.derivation else None
    return Reading(
        country,
        metric,
        figure.value,
        figure_text(figure),
        str(figure.as_of),
        briefing.attribution(figure),
        figure.qualifier,
        derivation,
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
) -> Reading:
    """numerator / denominator * scale, with the qualifier the inputs allow.

    ``numerator_value`` is ``numerator.value``, known: a ratio is only made of given figures.
    """
    directions = {numerator.direction, _FLIPPED[denominator_direction]} - {"exact"}
    direction = "approx" if "approx" in directions or len(directions) > 1 else next(iter(directions), "exact")
    value = numerator_value / denominator * scale
    number = format_number(value, direction)
    if direction == "exact" and float(number.replace(",", "")) != value:
        direction = "approx"  # rounding made an exact ratio approximate
    qualifier = _DERIVED_QUALIFIER[direction]
    text = f"{QUALIFIERS[qualifier][0]} {number}{metric.unit}".strip()
    return Reading(country, metric.id, value, text, numerator.as_of, source, qualifier, f"derived: {explanation}")


def _sources(*readings: Reading) -> str:
    """Each reading's source once, in order: a derived figure may draw on two under 'latest'."""
    return "; ".join(dict.fromkeys(reading.source for reading in readings))


def _share_reading(briefing: Briefing, country: str, rule: str, fighters: Reading) -> Reading:
    metric = METRICS["share_returned"]
    returnees_figure = briefing.figure(country, "returnees", rule)
    returnees = _figure_reading(briefing, metric.id, returnees_figure, country, rule)
    if returnees.value is None or fighters.value is None:
        missing = "returnees" if returnees.value is None else "foreign fighters"
        text = f"{not_given(briefing, rule)} (no {missing} figure)"
        return Reading(country, metric.id, None, text, fighters.as_of, _sources(returnees, fighters), "not_given")
    explanation = f"returnees ({returnees.text}) \u00f7 foreign fighters ({fighters.text})"
    if returnees.derivation:
        explanation += f" (returnees {returnees.derivation})"
    reading = _ratio_reading(
        country, metric, returnees, returnees.value, fighters.value,
        fighters.direction, 100, explanation, _sources(returnees, fighters),
    )  # fmt: skip
    reading = dataclasses.replace(reading, note=share_note(briefing, rule))
    if returnees_figure is not None and returnees_figure.share:
        # The briefing states the share itself: show its words, not our percentage.
        drawn = f"the briefing's own words; drawn at {reading.value:g}% on the colour scale"
        reading = dataclasses.replace(
            reading, text=returnees_figure.share, derivation=drawn, qualifier=returnees_figure.qualifier
        )
    return reading


def _read_one(briefing: Briefing, metric_id: str, country: str, rule: str) -> Reading:
    """The reading under one rule, without the other sources' figures."""
    if metric_id in MEASURES:
        return _figure_reading(briefing, metric_id, briefing.figure(country, metric_id, rule), country, rule)
    metric = METRICS[metric_id]
    fighters = _figure_reading(briefing, metric_id, briefing.figure(country, "foreign_fighters", rule), country, rule)
    if metric_id == "share_returned":
        return _share_reading(briefing, country, rule, fighters)
    population = briefing.population.get(country)
    if fighters.value is None or population is None:
        missing = "population" if fighters.value is not None else "foreign fighters"
        text = f"{not_given(briefing, rule)} (no {missing} figure)"
        return Reading(country, metric_id, None, text, fighters.as_of, fighters.source, "not_given")
    people = f"{population.value / 1e6:.2f} million people ({population.year})"
    population_source = briefing.sources[population.source].short
    return _ratio_reading(
        country,
        metric,
        fighters,
        fighters.value,
        population.value,
        "exact",
        1e6,
        f"{fighters.text} foreign fighters \u00f7 {people}",
        f"{fighters.source}; population: {population_source}",
    )


def _has_figures(briefing: Briefing, metric_id: str, country: str, source: str) -> bool:
    """Does ``source`` give any figure this metric is read from, for ``country``?"""
    measures = [metric_id] if metric_id in MEASURES else ["foreign_fighters", "returnees"]
    return any(briefing.figure(country, measure, source) is not None for measure in measures)


def read(briefing: Briefing, metric_id: str, country: str, rule: str = DEFAULT_SOURCE) -> Reading:
    """The reading of ``metric_id`` (a metric or a measure) for ``country`` (ISO alpha-3) under ``rule``.

    ``rule`` is a source id or ``latest`` (see Briefing.figure). Where more
    than one source gives the figure, the reading lists each of them, and
    gives their range when they disagree by more than DISAGREEMENT_MARGIN.
    """
    reading = _read_one(briefing, metric_id, country, rule)
    sources = [source for source in briefing.rules if source != LATEST]
    others = [
        _read_one(briefing, metric_id, country, source)
        for source in sources
        if _has_figures(briefing, metric_id, country, source)
    ]
    if len(others) < 2:
        return reading
    labels = [briefing.rule_label(source) for source in sources if _has_figures(briefing, metric_id, country, source)]
    comparison = tuple(f"{label}, {other.as_of}: {other.text}" for label, other in zip(labels, others, strict=True))
    values = [other.value for other in others if other.value is not None]
    spread = None
    if len(values) > 1 and max(values) - min(values) > DISAGREEMENT_MARGIN * max(values):
        unit = METRICS[metric_id].unit if metric_id in METRICS else ""
        spread = f"{format_number(min(values))}\u2013{format_number(max(values))}{unit}"
    return dataclasses.replace(reading, comparison=comparison, spread=spread)


def read_all(briefing: Briefing, metric_id: str, rule: str = DEFAULT_SOURCE) -> list[Reading]:
    """Readings of one metric for the four Maghreb states, west to east."""
    return [read(briefing, metric_id, country, rule) for country in briefing.maghreb]
