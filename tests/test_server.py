"""The HTTP surface: what a browser, or a malformed client, gets back."""

from __future__ import annotations

import functools
import gzip
import json

import pytest

from dashboard.callbacks import show_request

ALL_LAYERS = [["choropleth", "labels"], ["barrier"], ["return_routes"]]


@pytest.fixture
def body(briefing):
    """A callback request as the page sends it when the metric changes."""
    return functools.partial(show_request, briefing, layers=ALL_LAYERS)


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


def test_a_valid_callback_returns_the_figure_and_title(client, body):
    status, text = post(client, body("foreign_fighters", "TUN"))
    assert status == 200
    response = json.loads(text)["response"]
    assert response["map-title"]["children"] == "Citizens who left to fight for Islamic State"
    traces = response["map"]["figure"]["data"]
    assert "around 3,000" in json.dumps(traces)
    shown = {trace["meta"]["layer"] for trace in traces if trace["visible"]}
    assert shown == {"choropleth", "labels", "barrier", "return_routes", "selection"}


MALFORMED = {
    "not JSON": lambda body: "{this is not json",
    "JSON but not an object": lambda body: "[1, 2, 3]",
    "unknown output": lambda body: {**body(), "output": "nothing.children"},
    "output computed in the browser": lambda body: {**body(), "output": "text-focus.data"},
    "inputs missing": lambda body: {k: v for k, v in body().items() if k != "inputs"},
    "inputs of another callback": lambda body: {**body(), "inputs": [{"id": "map", "property": "clickData"}]},
    "inputs not a list": lambda body: {**body(), "inputs": "metric"},
    "state missing": lambda body: {**body(), "state": []},
    "changedPropIds not strings": lambda body: {**body(), "changedPropIds": [1]},
    "unknown metric": lambda body: body(metric="martians"),
    "metric of the wrong type": lambda body: body(metric={"$gt": ""}),
    "unknown country": lambda body: body(country="FRA"),
    "unknown feature": lambda body: body(feature="barrier/99"),
    "unknown view": lambda body: body(view="mars"),
    "unknown layer": lambda body: body(layers=[["choropleth"], ["tiles"], []]),
    "layers not a list": lambda body: body(layers=["choropleth", [], []]),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_malformed_callback_requests_get_a_400_without_a_traceback(client, body, kind):
    status, text = post(client, MALFORMED[kind](body))
    assert status == 400
    assert "Traceback" not in text and 'File "' not in text
    assert json.loads(text)["error"] == "bad request"
    # ...and the server goes on serving.
    assert post(client, body())[0] == 200


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


def test_layout_and_callback_json_are_gzipped_for_browsers_that_accept_it(client, body):
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, deflate"})
    assert layout.headers["Content-Encoding"] == "gzip"
    assert "Tunisia" in gzip.decompress(layout.get_data()).decode()
    response = client.post(
        "/_dash-update-component", data=json.dumps(body()), content_type="application/json",
        headers={"Accept-Encoding": "gzip"},
    )  # fmt: skip
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.get_data()))["response"]["map-title"]
