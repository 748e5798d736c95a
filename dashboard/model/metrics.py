"""The map's metrics: what the selector offers and how each is titled."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """One choice of the map's metric selector."""

    id: str
    label: str  # the selector's words
    title: str  # the map's title when this metric is on
    legend: str  # the colour scale's title, with its unit
    unit: str  # appended to a reading's number ("%", " per million")


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
        ),
        Metric(
            "share_returned",
            "Share returned",
            "Share of foreign fighters who have returned",
            "Returned (% of foreign fighters)",
            "%",
        ),
        Metric(
            "fighters_per_million",
            "Fighters per million",
            "Foreign fighters per million people",
            "Foreign fighters per million people",
            " per million",
        ),
    )
}
DEFAULT_METRIC = "returnees"
