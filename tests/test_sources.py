"""Several sources and dates per figure: a later count sits beside the briefing's."""

from __future__ import annotations

import json

from dashboard.__main__ import main
from dashboard.briefing import load_briefing
from dashboard.readings import read
from tests.test_wording import hovers, labels, walk


def page_config(app) -> dict:
    layout = app.server.test_client().get("/_dash-layout").get_json()
    script = next(c for c in walk(layout) if c.get("props", {}).get("id") == "dandelion-config")
    return json.loads(script["props"]["children"])


def test_check_passes_with_a_second_record(later_data_dir, capsys):
    assert main(["check", "--data", str(later_data_dir)]) == 0
    assert capsys.readouterr().out.startswith("ok: 20 figures, 20 sources")


def test_the_map_shows_the_briefings_figure_by_default_and_the_chosen_source_on_request(later_data_dir):
    briefing = load_briefing(later_data_dir)
    assert briefing.rules == ["briefing", "soufan_2017", "later_count", "latest"]
    assert read(briefing, "returnees", "TUN").text == "800 since mid-2017"
    assert read(briefing, "returnees", "TUN", "later_count").text == "about 1,000"
    assert read(briefing, "returnees", "TUN", "latest").text == "about 1,000"
    # A source that gives nothing for a state leaves it "not given", never 0.
    assert read(briefing, "returnees", "MAR", "later_count").text == "not given by Later count (Jun 2018)"


def test_the_panel_lists_every_source_and_marks_the_disagreement(later_app):
    panel = page_config(later_app)["panels"]["country:TUN"]
    text = " ".join(str(c["props"].get("children")) for c in walk(panel) if "props" in c)
    for expected in (
        "800 since mid-2017",
        "Source: Rogan, ATA briefing (2017)",
        "Source: Soufan Center (Oct 2017)",
        "about 1,000",
        "Source: Later count (Jun 2018)",
        "As of June 2018",
        "Sources disagree on returnees: 800–1,000.",
    ):
        assert expected in text, expected


def test_the_map_marks_states_whose_sources_disagree(later_app):
    config = page_config(later_app)
    page = {"config": config}
    assert "Tunisia 800 since mid-2017 sources: 800–1,000" in labels(page, "returnees")
    hover = hovers(page, "returnees")["TUN"]
    assert "Sources disagree (800–1,000):" in hover
    assert "Later count (Jun 2018), June 2018: about 1,000" in hover
    later = {"config": config["sources"]["later_count"]}
    assert "Returnees: about 1,000" in hovers(later, "returnees")["TUN"]
    legend = config["sources"]["later_count"]["metrics"]["returnees"]["parts"]["values"]["colorbar"]["title"]["text"]
    assert legend.endswith("Source: Later count (Jun 2018)")
    assert "Figures: Later count (Jun 2018)" in config["sources"]["later_count"]["metrics"]["returnees"]["subtitle"]
