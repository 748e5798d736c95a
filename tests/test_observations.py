"""Figures through time and across sources, played as an analyst would (issue 18).

The analyst adds two sources with later counts, a place to an existing layer
and a story step that cites a later figure; every view then names the right
source and date, and later counts read as changes, never as a disagreement.
"""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.figures.captions import metric_subtitle, step_credit
from dashboard.figures.mapfigure import prepare_geometry
from dashboard.figures.readings import read
from dashboard.figures.style import PAGE_SIZES
from dashboard.model.briefing import ALL_SOURCES, DEFAULT_SELECTION, LATEST, Selection, load_briefing
from dashboard.outputs.exports import figures_csv
from dashboard.outputs.handoutpage import handout_html
from dashboard.page.layout import browser_config, country_panel
from dashboard.page.table import data_table, headlines, map_description
from dashboard.web.app import create_app
from tests.test_briefing import edit, problems_for

LATER_SOURCES = """
  - id: analyst_tn_2018
    short: "Tunisian counts (Jun 2020)"
    about: "an analyst's record of a Tunisian count of returnees"
    publisher: "Analyst"
    date: "2020-07"

  - id: analyst_ma_2021
    short: "Moroccan counts (Jun 2023)"
    about: "an analyst's record of a Moroccan count of returnees"
    publisher: "Analyst"
    date: "2023-07"
"""
LATER_FIGURES = """
  - country: TUN
    measure: returnees
    value: 1300
    qualifier: exact
    since: "2011"
    as_of: "2020-06"
    source: analyst_tn_2018
    quote: "1,300 had returned from 2011 to June 2020."

  - country: MAR
    measure: returnees
    value: 290
    qualifier: exact
    as_of: "2023-06"
    source: analyst_ma_2021
    quote: "290 returned to their country of origin."
    note: "Excludes women and children."
"""
NEW_PLACE = """,
{"type": "Feature", "id": "analyst-camp",
 "geometry": {"type": "Point", "coordinates": [38.0, 36.0]},
 "properties": {"name": "A camp near Raqqa", "kind": "place", "symbol": "square",
   "description": "A place an analyst added to the routes layer.", "date": "2017-10",
   "source": "briefing", "confidence": "low", "status": "approximate", "uncertainty_km": 20}}
]}"""
LATER_STEP = """
  - id: later
    title: "Later counts"
    text: >-
      By June 2020 Tunisia counted 1,300 returnees from 2011; by June 2023 Morocco counted 290.
    metric: returnees
    source: all
    time: latest
    layers: [choropleth, labels]
    view: maghreb
    highlight: []
"""


@pytest.fixture(scope="module")
def analyst_data(tmp_path_factory, request):
    data_dir = tmp_path_factory.mktemp("analyst") / "geodata"
    import shutil

    from dashboard.model.briefing import DEFAULT_DATA_DIR

    shutil.copytree(DEFAULT_DATA_DIR, data_dir)
    with open(data_dir / "sources.yaml", "a", encoding="utf-8") as file:
        file.write(LATER_SOURCES)
    with open(data_dir / "figures.yaml", "a", encoding="utf-8") as file:
        file.write(LATER_FIGURES)
    with open(data_dir / "story.yaml", "a", encoding="utf-8") as file:
        file.write(LATER_STEP)
    routes = data_dir / "layers" / "return_routes.geojson"
    text = routes.read_text(encoding="utf-8").rstrip()
    assert text.endswith("]}")
    routes.write_text(text[: -len("]}")].rstrip() + NEW_PLACE, encoding="utf-8")
    return data_dir


@pytest.fixture(scope="module")
def analyst(analyst_data):
    return load_briefing(analyst_data)


def test_the_analysts_data_passes_check_and_the_app_builds(analyst_data):
    app = create_app(analyst_data)
    assert app.server.test_client().get("/").status_code == 200


def test_the_default_view_is_still_the_briefings_own(analyst):
    reading = read(analyst, "returnees", "TUN")
    assert reading.text == "800 since mid-2017"
    assert reading.when == "late 2017 (figure undated)"
    assert reading.source == "Rogan, ATA briefing (2017)"
    assert reading.spread is None, "a later count is not a disagreement"
    assert "as the briefing saw it (late 2017)" in metric_subtitle(analyst, "returnees")


def test_latest_shows_the_later_counts_with_their_own_source_date_and_period(analyst):
    latest = Selection(ALL_SOURCES, LATEST)
    tunisia = read(analyst, "returnees", "TUN", latest)
    # The shipped data holds a still later Tunisian count (March 2026): the latest wins.
    assert tunisia.when == "March 2026" and "Al-Shorouk" in tunisia.source
    tunisia = read(analyst, "returnees", "TUN", Selection(ALL_SOURCES, "2020"))
    assert (tunisia.text, tunisia.when) == ("1,300 from 2011 to June 2020", "June 2020")
    assert tunisia.source == "Tunisian counts (Jun 2020)"
    morocco = read(analyst, "returnees", "MAR", Selection("analyst_ma_2021", LATEST))
    assert (morocco.text, morocco.when, morocco.source) == ("290", "June 2023", "Moroccan counts (Jun 2023)")
    for reading in (tunisia, morocco):
        assert reading.spread is None
        assert not any("disagree" in line for line in reading.comparison)


def test_every_view_names_the_chosen_source_and_time(analyst):
    selection = Selection(ALL_SOURCES, "2020")
    subtitle = metric_subtitle(analyst, "returnees", selection)
    assert "source's figures: by 2020" in subtitle and "late 2017" not in subtitle.split(".")[0]
    description = map_description(analyst, "returnees", selection)
    assert "by 2020" in description
    table = str(data_table(analyst, selection).to_plotly_json())
    assert "by 2020" in table and "June 2020" in table
    assert "the briefing's figures" not in table
    assert "Tunisia. Returnees:" in headlines(analyst, "returnees", selection)["TUN"]
    assert "Date: June 2020. Source: Tunisian counts (Jun 2020)." in headlines(analyst, "returnees", selection)["TUN"]
    panel = str(country_panel(analyst, "MAR"))
    assert "June 2023" in panel and "Excludes women and children." in panel
    assert "Sources disagree" not in panel.split("290")[0][-400:]
    config = browser_config(analyst, prepare_geometry(analyst))
    assert selection.key in config["selections"]
    assert config["selections"][selection.key]["table"]["caption"].endswith("by 2020")


def test_a_step_may_cite_a_later_figure_and_its_card_and_pages_say_whose(analyst):
    step = analyst.story[-1]
    assert (step.source, step.time) == ("all", "latest")
    credit = step_credit(analyst, step)
    assert ("the latest known" in credit and "Moroccan counts" not in credit) or "Al-Shorouk" in credit
    html = handout_html(analyst, prepare_geometry(analyst), PAGE_SIZES["a4"], notes=False, slides=False)
    assert "Every figure is the briefing" not in html
    assert "every source&#x27;s figures: the latest known" in html


def test_the_csv_carries_every_source_with_note_coverage_and_dates(analyst):
    rows = list(csv.DictReader(io.StringIO(figures_csv(analyst).decode("utf-8-sig"))))
    morocco = next(row for row in rows if row["source"] == "analyst_ma_2021")
    assert (morocco["value"], morocco["as_of"], morocco["note"]) == ("290", "2023-06", "Excludes women and children.")
    briefing = next(row for row in rows if row["source"] == "briefing" and row["country"] == "TUN"
                    and row["measure"] == "returnees")  # fmt: skip
    assert (briefing["as_of"], briefing["since"], briefing["dated_as"]) == (
        "",
        "mid-2017",
        "late 2017 (figure undated)",
    )
    assert any(row["coverage"] for row in rows)


def test_a_place_in_any_layer_is_drawn(analyst):
    assert "routes/analyst-camp" in analyst.feature_ids or any("analyst-camp" in f for f in analyst.feature_ids)


def test_sources_disagree_only_at_about_the_same_time():
    briefing = load_briefing()
    # Le360 and Bladi report the same 2021 parliamentary report with different counts: a real disagreement.
    reading = read(briefing, "returnees", "MAR", Selection("bladi_2021_mission", LATEST))
    assert reading.spread is not None and reading.spread.startswith("303\u2013345")
    # The briefing's 800 and the government's 800 of December 2016 are a year apart: no disagreement either way.
    assert read(briefing, "returnees", "TUN", DEFAULT_SELECTION).spread is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('    value: 800\n    qualifier: exact\n    lower: 800', '    value: 900\n    qualifier: exact\n    lower: 900',
         "900 is not a number the quote gives (800,"),
        ('    as_of: "2021-03"\n    coverage: "fighters; about 100',
         '    as_of: "2091-03"\n    coverage: "fighters; about 100', "2091-03 is in the future"),
    ],
)  # fmt: skip
def test_a_figure_that_contradicts_its_quote_or_lies_in_the_future_is_refused(data_dir, old, new, message):
    edit(data_dir / "figures.yaml", old, new)
    assert any(message in problem for problem in problems_for(data_dir)), problems_for(data_dir)
