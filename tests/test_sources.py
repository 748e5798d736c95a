"""Several sources and dates per figure: later counts sit beside the briefing's, and disagree only at the
same time."""

from __future__ import annotations

import json

from dashboard.__main__ import main
from dashboard.figures.readings import read
from dashboard.model.briefing import load_briefing
from dashboard.model.observations import LATEST, Selection
from tests.test_wording import hovers, labels, parts_of, plain, walk

LATER = "later_count@latest"


def page_config(app) -> dict:
    layout = app.server.test_client().get("/_dash-layout").get_json()
    script = next(c for c in walk(layout) if c.get("props", {}).get("id") == "dandelion-config")
    return json.loads(script["props"]["children"])


def test_check_passes_with_a_later_source(later_data_dir, capsys):
    assert main(["check", "--data", str(later_data_dir)]) == 0
    assert capsys.readouterr().out.startswith("ok: 51 figures, 43 sources")


def test_the_map_shows_the_briefings_figure_by_default_and_the_chosen_source_on_request(later_data_dir):
    briefing = load_briefing(later_data_dir)
    assert briefing.source_choices == ["briefing", "soufan_2017", "later_count", "all"]
    assert read(briefing, "returnees", "TUN").text == "800 since mid-2017"
    later = Selection("later_count", LATEST)
    assert (read(briefing, "returnees", "TUN", later).text, read(briefing, "returnees", "TUN", later).when) == (
        "1,300",
        "October 2018",
    )
    # As the briefing saw it (late 2017), the later source had said nothing yet: "not given", never 0.
    assert read(briefing, "returnees", "TUN", Selection("later_count")).text == "not given by Later count (Oct 2018)"
    assert read(briefing, "returnees", "DZA", later).text == "not given by Later count (Oct 2018)"


def test_the_panel_lists_every_source_and_marks_only_a_real_disagreement(later_app):
    text = plain(page_config(later_app)["panels"]["country:TUN"])
    for expected in (
        "800 since mid-2017",
        "Source: Rogan, ATA briefing (2017)",
        "Source: Soufan Center (Oct 2017)",
        "Source: Later count (Oct 2018)",
        "Date: October 2018",
        "Date: late 2017 (figure undated)",
        "Sources disagree on returnees: 1,000\u20131,300 (October 2018).",
    ):
        assert expected in text, expected
    assert "800\u20131,300" not in text, "the briefing's 800 is a year earlier: a change, not a disagreement"


def test_the_map_marks_states_whose_sources_disagree_at_the_same_time(later_app):
    page = {"config": page_config(later_app)}
    assert not any("sources:" in label for label in labels(page, "returnees")), "no disagreement as the briefing saw it"
    assert "Tunisia 1,300 sources: 1,000\u20131,300 (October 2018)" in labels(page, "returnees", LATER)
    hover = hovers(page, "returnees", LATER)["TUN"]
    assert "Sources disagree (1,000\u20131,300 (October 2018)):" in hover
    assert "Rogan, ATA briefing (2017), late 2017 (figure undated): 800 since mid-2017" in hover
    legend = parts_of(page, "returnees", LATER)["values"]["colorbar"]["title"]["text"]
    assert legend.endswith("Source: Later count (Oct 2018); latest")
    subtitle = page["config"]["selections"][LATER]["metrics"]["returnees"]["subtitle"]
    assert "of Later count (Oct 2018): the latest known" in subtitle
