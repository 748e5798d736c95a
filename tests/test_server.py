"""The HTTP surface: what a browser, or a malformed client, gets back."""

from __future__ import annotations

import gzip
import json

import pytest


def callback_body(metric="returnees", country=None) -> dict:
    """A callback request as the page sends it when the metric changes."""
    return {
        "output": "..map.figure...map-title.children...map-subtitle.children...country-panel.children..",
        "outputs": [
            {"id": "map", "property": "figure"},
            {"id": "map-title", "property": "children"},
            {"id": "map-subtitle", "property": "children"},
            {"id": "country-panel", "property": "children"},
        ],
        "inputs": [
            {"id": "metric", "property": "value", "value": metric},
            {"id": "country", "property": "value", "value": country},
        ],
        "changedPropIds": ["metric.value"],
        "state": [],
    }


def post(client, body) -> tuple[int, str]:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    response = client.post("/_dash-update-component", data=data, content_type="application/json")
    return response.status_code, response.get_data(as_text=True)


def test_the_page_and_its_assets_are_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    assert "<title>Dandelion" in page
    assert "plotly-geo-4.1.1.min.js" in page
    assert "cdn." not in page.lower()
    assert client.get("/assets/topojson/world_50m.json").status_code == 200


def test_a_valid_callback_returns_the_figure_and_title(client):
    status, text = post(client, callback_body("foreign_fighters", "TUN"))
    assert status == 200
    response = json.loads(text)["response"]
    assert response["map-title"]["children"] == "Citizens who left to fight for Islamic State"
    hovers = json.dumps(response["map"]["figure"]["data"])
    assert "around 3,000" in hovers


MALFORMED = {
    "not JSON": "{this is not json",
    "JSON but not an object": "[1, 2, 3]",
    "unknown output": {**callback_body(), "output": "nothing.children"},
    "inputs missing": {k: v for k, v in callback_body().items() if k != "inputs"},
    "inputs of another callback": {**callback_body(), "inputs": [{"id": "map", "property": "clickData"}]},
    "inputs not a list": {**callback_body(), "inputs": "metric"},
    "changedPropIds not strings": {**callback_body(), "changedPropIds": [1]},
    "unknown metric": callback_body(metric="martians"),
    "metric of the wrong type": callback_body(metric={"$gt": ""}),
    "unknown country": callback_body(country="FRA"),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_malformed_callback_requests_get_a_400_without_a_traceback(client, kind):
    status, text = post(client, MALFORMED[kind])
    assert status == 400
    assert "Traceback" not in text and 'File "' not in text
    assert json.loads(text)["error"] == "bad request"
    # ...and the server goes on serving.
    assert post(client, callback_body())[0] == 200


def test_a_click_elsewhere_than_the_maghreb_changes_nothing(client):
    body = {
        "output": "country.value",
        "outputs": {"id": "country", "property": "value"},
        "inputs": [{"id": "map", "property": "clickData", "value": {"points": [{"location": "MLI"}]}}],
        "changedPropIds": ["map.clickData"],
        "state": [],
    }
    status, _ = post(client, body)
    assert status == 204
    body["inputs"][0]["value"] = {"points": [{"location": "DZA"}]}
    status, text = post(client, body)
    assert status == 200 and json.loads(text)["response"]["country"]["value"] == "DZA"


def test_debugger_is_not_reachable(client, app):
    assert app.server.debug is False
    response = client.get("/?__debugger__=yes&cmd=resource&f=debugger.js")
    assert b"Werkzeug" not in response.get_data()


def test_static_files_are_gzipped_once(client):
    first = client.get("/assets/plotly-geo-4.1.1.min.js", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    body = gzip.decompress(first.get_data())
    assert len(first.get_data()) < len(body) / 2
    again = client.get("/assets/plotly-geo-4.1.1.min.js", headers={"Accept-Encoding": "gzip"})
    assert again.get_data() == first.get_data()
    plain = client.get("/assets/plotly-geo-4.1.1.min.js")
    assert "Content-Encoding" not in plain.headers and plain.get_data() == body


def test_layout_and_callback_json_are_gzipped_for_browsers_that_accept_it(client):
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, deflate"})
    assert layout.headers["Content-Encoding"] == "gzip"
    assert "Tunisia" in gzip.decompress(layout.get_data()).decode()
    response = client.post(
        "/_dash-update-component", data=json.dumps(callback_body()), content_type="application/json",
        headers={"Accept-Encoding": "gzip"},
    )  # fmt: skip
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.get_data()))["response"]["map-title"]
