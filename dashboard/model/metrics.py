"""The map's metrics: what the selector offers, how each is titled, and what each is read or derived from.

A metric is one entry of :data:`METRICS`. A measure's metric shows the
sources' figures as they give them; a derived metric (a :class:`Ratio`) is
made of them, and of the population where it divides by it: the readings,
the exports, the page's and the hand-out's source lines ask the entry.
"""

from __future__ import annotations

from dataclasses import dataclass

# A ratio's denominator that is a country's head count (population.yaml), not a measure.
POPULATION = "population"


@dataclass(frozen=True)
class Ratio:
    """How a derived metric is made: numerator / denominator * scale, each a measure (or the population)."""

    numerator: str  # a measure
    denominator: str  # a measure, or POPULATION
    scale: float
    # The derivation in words: {numerator} and {denominator} are the inputs as shown ("800", "6.4 million
    # people (2017)").
    explained: str
    # The numerator's figure may give the ratio in the source's own words (figures.yaml `share`): shown as
    # they are, the ratio only colours the map.
    own_words: bool = False
    # The reading notes how the states' numerators are counted (readings.periods_note).
    notes_periods: bool = False


@dataclass(frozen=True)
class Metric:
    """One choice of the map's metric selector."""

    id: str
    label: str  # the selector's words
    title: str  # the map's title when this metric is on
    legend: str  # the colour scale's title, with its unit
    unit: str  # appended to a reading's number ("%", " per million")
    ratio: Ratio | None = None  # None: the metric is a measure, shown as its sources give it
    # Whether the map's subtitle says how the states' figures are counted (readings.periods_note).
    subtitle_notes_periods: bool = True

    @property
    def derived(self) -> bool:
        return self.ratio is not None

    @property
    def inputs(self) -> tuple[str, ...]:
        """The measures the metric is read from: itself, or a ratio's, the denominator's first."""
        if self.ratio is None:
            return (self.id,)
        return tuple(m for m in (self.ratio.denominator, self.ratio.numerator) if m != POPULATION)

    @property
    def needs_population(self) -> bool:
        """Divided by the population: the population's sources are among its sources."""
        return self.ratio is not None and self.ratio.denominator == POPULATION

    @property
    def periods_measure(self) -> str | None:
        """The measure whose periods the map's subtitle notes (the numerator's, for a ratio), or None."""
        if not self.subtitle_notes_periods:
            return None
        return self.ratio.numerator if self.ratio is not None else self.id


METRICS: dict[str, Metric] = {
    metric.id: metric
    for metric in (
        Metric("returnees", "Returnees", "Foreign fighters who have returned home", "Returnees (people)", ""),
        Metric(
            "foreign_fighters",
            "Foreign fighters",
            "Foreign fighters from each Maghreb state",
            "Foreign fighters (people)",
            "",
            subtitle_notes_periods=False,
        ),
        Metric(
            "share_returned",
            "Share returned",
            "Share of foreign fighters who have returned",
            "Returned (% of foreign fighters)",
            "%",
            Ratio(
                "returnees",
                "foreign_fighters",
                100,
                "returnees ({numerator}) \u00f7 foreign fighters ({denominator})",
                own_words=True,
                notes_periods=True,
            ),
        ),
        Metric(
            "fighters_per_million",
            "Fighters per million",
            "Foreign fighters per million people",
            "Foreign fighters per million people",
            " per million",
            Ratio("foreign_fighters", POPULATION, 1e6, "{numerator} foreign fighters \u00f7 {denominator}"),
        ),
    )
}
DEFAULT_METRIC = "returnees"
