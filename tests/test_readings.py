"""What a reader sees for each country and metric: numbers with their hedges."""

from __future__ import annotations

import pytest

from dashboard.figures.captions import metric_subtitle, shown_sources
from dashboard.figures.readings import NOT_GIVEN, format_number, read, read_all
from dashboard.model.metrics import METRICS, POPULATION, Metric, Ratio
from dashboard.outputs.exports import derived_row, figure_rows

EXPECTED_TEXT = {
    ("returnees", "TUN"): "800 since mid-2017",
    ("returnees", "MAR"): "200",
    # "nearly half" of "close to 200": about 100; "close to" sets no bound, so neither does the half.
    ("returnees", "DZA"): "about 100",
    ("returnees", "LBY"): NOT_GIVEN,
    ("foreign_fighters", "TUN"): "around 3,000",
    ("foreign_fighters", "MAR"): "more than 1,600",
    ("foreign_fighters", "DZA"): "close to 200",
    ("foreign_fighters", "LBY"): "just over 600",
    # 800 / ~3,000; 200 / >1,600 is at most 12.5%; Libya has no returnee figure.
    ("share_returned", "TUN"): "about 27%",
    ("share_returned", "MAR"): "less than 13%",
    # The briefing states this share itself.
    ("share_returned", "DZA"): "nearly half",
    ("share_returned", "LBY"): f"{NOT_GIVEN} (no returnees figure)",
    # >1,600 / 35.45 M = 45.1: a lower bound, rounded down; >600 / 6.74 M = 89.04.
    ("fighters_per_million", "TUN"): "about 257 per million",
    ("fighters_per_million", "MAR"): "more than 45 per million",
    ("fighters_per_million", "DZA"): "about 4.8 per million",
    ("fighters_per_million", "LBY"): "more than 89 per million",
}


@pytest.mark.parametrize(("metric", "country"), EXPECTED_TEXT)
def test_reading_text_keeps_the_briefings_qualifier(briefing, metric, country):
    assert read(briefing, metric, country).text == EXPECTED_TEXT[metric, country]


def test_a_figure_not_given_has_no_value_never_zero(briefing):
    libya = read(briefing, "returnees", "LBY")
    assert libya.value is None and not libya.known
    assert read(briefing, "share_returned", "LBY").value is None


def test_derived_figures_say_how_they_were_derived(briefing):
    assert read(briefing, "returnees", "DZA").derivation == "derived: nearly half of close to 200"
    assert read(briefing, "returnees", "TUN").derivation is None
    share = read(briefing, "share_returned", "TUN").derivation
    assert share == "derived: returnees (800 since mid-2017) ÷ foreign fighters (around 3,000)"
    assert read(briefing, "share_returned", "DZA").derivation.startswith("the briefing's own words")
    per_million = read(briefing, "fighters_per_million", "TUN")
    assert per_million.derivation == "derived: around 3,000 foreign fighters ÷ 11.65 million people (2017)"
    assert "World Bank WDI (release Mar 2026)" in per_million.source


def test_every_reading_has_a_date_and_a_source(briefing):
    for metric in METRICS:
        for reading in read_all(briefing, metric):
            # The briefing dates Morocco's returnees (October 2017); its other figures are undated.
            assert "October 2017" in reading.when or "late 2017 (figure undated)" in reading.when
            assert reading.source.startswith("Rogan, ATA briefing (2017)")


@pytest.mark.parametrize(
    ("value", "direction", "text"),
    [(45.14, "lower", "45"), (45.94, "lower", "45"), (12.5, "upper", "13"), (4.797, "approx", "4.8"),
     (3000, "exact", "3,000"), (257.5, "approx", "258")],
)  # fmt: skip
def test_rounding_keeps_a_bound_true(value, direction, text):
    assert format_number(value, direction) == text


def test_a_fifth_metric_is_one_entry(briefing, monkeypatch):
    """A metric carries what it is made of: a new entry is read, captioned, sourced and exported with no
    other change (returnees per million, for the test only)."""
    ratio = Ratio("returnees", POPULATION, 1e6, "{numerator} returnees \u00f7 {denominator}")
    label = "Returnees per million"
    metric = Metric("returnees_per_million", label, label, label, " per million", ratio)
    monkeypatch.setitem(METRICS, metric.id, metric)
    tunisia = read(briefing, metric.id, "TUN")
    # 800 / 11,650,498 people * 1e6 = 68.7: rounding makes the exact ratio approximate.
    assert tunisia.text == "about 69 per million"
    assert tunisia.derivation == "derived: 800 since mid-2017 returnees \u00f7 11.65 million people (2017)"
    assert tunisia.source == "Rogan, ATA briefing (2017); population: World Bank WDI (release Mar 2026)"
    assert read(briefing, metric.id, "LBY").text == f"{NOT_GIVEN} (no returnees figure)"
    assert shown_sources(briefing, metric.id) == shown_sources(briefing, "returnees")
    assert "; population: World Bank WDI" in metric_subtitle(briefing, metric.id)
    assert derived_row(briefing, metric.id, "TUN")["source"] == "briefing; wdi_population"
    rows = [row for row in figure_rows(briefing) if row["measure"] == metric.id]
    assert [row["shown_as"] for row in rows if row["country"] == "TUN"] == [tunisia.text]
