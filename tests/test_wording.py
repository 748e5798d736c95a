"""Every sentence true to its source: what the page sends a reader, read as a reader reads it.

The hovers, labels, titles and panels checked here are taken from what the
server sends the browser (the layout, the map config and the panel
callback), not from the functions that build them.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from shapely.geometry import LineString

from dashboard.model.targets import OVERVIEW, target_of


def walk(node):
    """Every component in a Dash layout JSON tree."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


@pytest.fixture(scope="module")
def page(app):
    """The layout the page receives: the first figure, and the config for every metric."""
    layout = app.server.test_client().get("/_dash-layout").get_json()
    components = {c["props"]["id"]: c["props"] for c in walk(layout) if "props" in c and "id" in c["props"]}
    return {
        "figure": components["map"]["figure"],
        "config": json.loads(components["dandelion-config"]["children"]),
    }


def plain(html_text: str) -> str:
    """Hover HTML as a reader sees it: tags out, entities decoded, lines joined."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def parts_of(page, metric: str, selection: str = "briefing@briefing") -> dict[str, dict]:
    """The changing traces the page config carries for ``metric`` under a selection (source@time)."""
    config = page["config"]
    indices = config["selections"][selection]["metrics"][metric]["parts"]
    return {part: config["parts"][index] for part, index in indices.items()}


def hovers(page, metric: str, selection: str = "briefing@briefing") -> dict[str, str]:
    """Country code -> hover text of the Maghreb state under ``metric``."""
    parts = parts_of(page, metric, selection)
    texts = {}
    for part in ("values", "no-data"):
        texts.update(zip(parts[part]["locations"], (plain(t) for t in parts[part]["customdata"]), strict=True))
    return texts


def labels(page, metric: str, selection: str = "briefing@briefing") -> list[str]:
    parts = parts_of(page, metric, selection)
    return [plain(text) for part in ("labels-dark", "labels-light") for text in parts[part]["text"]]


def trace_hovers(page, name_start: str) -> list[str]:
    """Hover texts of the first figure's traces whose name starts with ``name_start``."""
    texts = []
    for trace in page["figure"]["data"]:
        if trace.get("name", "").startswith(name_start):
            for item in trace.get("customdata", []):
                texts.append(plain(item[0] if isinstance(item, list) else item))
    return texts


@pytest.mark.parametrize("country", [None, "MAR", "DZA", "TUN", "LBY"])
def test_every_country_panel_renders(client, country):
    assert "Source:" in panel(client, country)


def panel(client, country=None, feature=None) -> str:
    """The side panel's words as the page shows them, from the panels its config carries."""
    layout = client.get("/_dash-layout").get_json()
    script = next(c for c in walk(layout) if c.get("props", {}).get("id") == "dandelion-config")
    panels = json.loads(script["props"]["children"])["panels"]
    key = target_of("feature", feature) if feature else target_of("country", country) if country else OVERVIEW
    return plain(panels[key])


# 5: Syria is not "not covered": the briefing gives Raqqa's casualties.
def test_syrias_hover_gives_raqqas_casualties(page):
    context = next(t for t in page["figure"]["data"] if t.get("name") == "context")
    syria = plain(context["customdata"][context["locations"].index("SYR")])
    assert "Raqqa: civilian casualties: an estimated 1,800" in syria
    assert "Date: late 2017 (figure undated)" in syria and "Not covered" not in syria
    egypt = plain(context["customdata"][context["locations"].index("EGY")])
    assert egypt == "Egypt The briefing gives no figures for it"


# 7: Tunisia's 800 are "since mid-2017" wherever the figure appears.
def test_tunisias_returnees_show_their_period_everywhere(page, client):
    assert "Returnees: 800 since mid-2017" in hovers(page, "returnees")["TUN"]
    assert "Tunisia 800 since mid-2017" in labels(page, "returnees")
    route = next(t for t in trace_hovers(page, "Return route") if "Tunisia" in t)
    assert "Returnees, as the briefing gives them: 800 since mid-2017" in route
    assert "returnees (800 since mid-2017)" in hovers(page, "share_returned")["TUN"]
    assert "800 since mid-2017" in panel(client, "TUN")


# 8: the share map says that its shares are not like for like.
def test_the_share_map_says_its_shares_compare_different_spans(page):
    warning = "Tunisia's returnees are counted since mid-2017, the others' to their date"
    assert warning in page["config"]["selections"]["briefing@briefing"]["metrics"]["share_returned"]["subtitle"]
    for country, text in hovers(page, "share_returned").items():
        if country != "LBY":
            assert warning in text, country


# 9: "nearly half" of "close to 200" bounds nothing ("close to" may be above 200): about 100, and derived.
def test_algerias_returnees_are_derived_and_say_so(page, client):
    hover = hovers(page, "returnees")["DZA"]
    assert "Returnees: about 100" in hover and "derived: nearly half of close to 200" in hover
    assert "Algeria about 100 (derived)" in labels(page, "returnees")
    assert "about 100" in panel(client, "DZA") and "nearly 100" not in panel(client, "DZA")


# 10: where the briefing states a share, the map shows its words.
def test_algerias_share_is_the_briefings_nearly_half(page):
    assert "Share returned: nearly half" in hovers(page, "share_returned")["DZA"]
    assert "Algeria nearly half" in labels(page, "share_returned")
    assert not any("50%" in text and "Algeria" in text for text in labels(page, "share_returned"))


# 11: Libya's returnees are not given in the briefing, not "not known".
def test_the_story_says_what_the_briefing_leaves_out(page):
    story = {step["id"]: step["text"] for step in page["config"]["story"]}
    assert "how many have returned is not given in the briefing" in story["libya"]
    assert "not known" not in story["libya"]
    # 13: the political vacuum and the growing numbers are two statements.
    assert "grow in its political vacuum" not in story["libya"]
    # 13: "its borders" in the briefing are Morocco's.
    assert "along Morocco's borders, particularly in Algeria" in story["algeria"]
    # 13: the Reggane inference names its outside source.
    assert "Al-Araby Al-Jadeed" in story["bases"]
    # 4: the seeds scatter across the world; Algeria and Libya are where it is felt particularly.
    assert "across the world" in story["dandelion"] and "above all" not in story["dandelion"]


# 1: Niamey's drones flew surveillance only in 2016.
def test_niamey_says_what_is_known_and_cites_it(client):
    text = panel(client, feature="niger_drone_base/niamey")
    assert "armed drones" not in text
    assert "In 2016 they flew surveillance only" in text and "late November 2017" in text
    assert "Reuters" in text and "Key.Aero" in text
    assert "high for the position" in text


# 2 and 3: the Algerian candidates say what their sources say.
def test_the_algerian_bases_quote_only_what_sources_say(client):
    hassi = panel(client, feature="algeria_air_base/hassi-tiririne")
    assert "\u201con the border with Mali and Niger\u201d (Arab Today)" in hassi
    assert "only the Niger border" not in hassi
    reggane = panel(client, feature="algeria_air_base/reggane")
    assert "near the border with northern Mali" in reggane
    assert "\u201cto strengthen" not in reggane


# 6: a description of a report never looks like its headline.
def test_descriptions_of_reports_are_not_shown_as_titles(client):
    text = panel(client, feature="us_forces_tunisia/sidi-ahmed")
    assert "report on US drones flying over Libya from a base in Tunisia, The Washington Post" in text
    assert "\u201cReport:" not in text


# 12: the onward arrow to Libya implies no origin: it starts and ends inside Libya.
def test_the_arrow_into_libya_starts_inside_libya(page, briefing):
    libya = briefing.countries.loc["LBY", "geometry"]
    arrows = [t for t in page["figure"]["data"] if t.get("meta", {}).get("layer") == "flows"]
    into_libya = [t for t in arrows if "flocking to Libya" in t["customdata"][0][0]]
    assert into_libya
    for arrow in into_libya:
        assert libya.contains(LineString(zip(arrow["lon"], arrow["lat"], strict=True)))
    assert "Origin not given" in plain(into_libya[0]["customdata"][0][0])


# 13: the foreign-fighters title says no more than "foreign fighters".
def test_the_fighters_title_says_foreign_fighters(page):
    title = page["config"]["metrics"]["foreign_fighters"]["title"]
    assert "foreign fighters" in title.lower() and "Citizens" not in title
