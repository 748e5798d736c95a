"""The HTTP surface: what a browser, or a malformed client, gets back."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import threading
from pathlib import Path

import brotli
import pytest
from flask import Flask

from dashboard.model.briefing import DEFAULT_DATA_DIR
from dashboard.outputs.cache import best_copies_folder, cache_folder
from dashboard.web.app import create_app
from dashboard.web.compression import make_best_copies
from dashboard.web.server import answer_errors_in_json
from tests.conftest import FRAME_ANCESTORS
from tests.test_fuzz import well_formed


@pytest.fixture
def body(client):
    """A well-formed request for the callback that shows the side panel (computed in the browser)."""
    dependencies = client.get("/_dash-dependencies").get_json()
    panel = next(dependency for dependency in dependencies if "panel-body.html" in dependency["output"])
    return lambda: well_formed(panel)


def post(client, body) -> tuple[int, str]:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    response = client.post("/_dash-update-component", data=data, content_type="application/json")
    return response.status_code, response.get_data(as_text=True)


def test_the_page_and_its_assets_are_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    assert "<title>Dandelion" in page
    assert "plotly-geo-4.1.1.min.js" in page
    assert "cdn." not in page.lower()
    for url in script_urls(client):
        assert client.get(url).status_code == 200, url


def test_no_callback_runs_on_the_server(client, body):
    """The page asks the server for nothing after loading: every callback is the browser's."""
    dependencies = client.get("/_dash-dependencies").get_json()
    assert all(dependency["clientside_function"] for dependency in dependencies)
    status, text = post(client, body())
    assert status == 400 and "computed in the browser" in json.loads(text)["reason"]


def test_the_page_carries_every_side_panel(client, briefing):
    def find(component, component_id):
        if isinstance(component, list):
            return next((found for item in component if (found := find(item, component_id))), None)
        if not isinstance(component, dict):
            return None
        props = component.get("props", {})
        return component if props.get("id") == component_id else find(props.get("children"), component_id)

    script = find(client.get("/_dash-layout").get_json(), "dandelion-config")
    panels = json.loads(script["props"]["children"])["panels"]
    assert len(panels) == 1 + len(briefing.maghreb) + len(briefing.feature_ids)
    tunisia = panels["country:TUN"]
    assert "Tunisia" in tunisia and "around 3,000" in tunisia and "Rogan, ATA briefing (2017)" in tunisia
    assert "Length as drawn: 179 km" in panels["feature:barrier/ras-ajdir-dhehiba"]


BROWSERS = "computed in the browser"
# Each malformed body and the reason it is refused with: whatever else is wrong, a known output is the browser's.
MALFORMED = {
    "not JSON": (lambda body: "{this is not json", "not valid JSON"),
    "JSON but not an object": (lambda body: "[1, 2, 3]", "must be a JSON object"),
    "unknown output": (lambda body: {**body(), "output": "nothing.children"}, "unknown callback output"),
    "output not text": (lambda body: {**body(), "output": ["panel-body.html"]}, "unknown callback output"),
    "output computed in the browser": (lambda body: {**body(), "output": "text-focus.data"}, BROWSERS),
    "inputs missing": (lambda body: {k: v for k, v in body().items() if k != "inputs"}, BROWSERS),
    "inputs of another callback": (
        lambda body: {**body(), "inputs": [{"id": "map", "property": "clickData"}]},
        BROWSERS,
    ),
    "inputs not a list": (lambda body: {**body(), "inputs": "metric"}, BROWSERS),
    "state where there is none": (lambda body: {**body(), "state": [{"id": "metric", "property": "data"}]}, BROWSERS),
    "changedPropIds not strings": (lambda body: {**body(), "changedPropIds": [1]}, BROWSERS),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_malformed_callback_requests_get_a_400_without_a_traceback(client, body, kind):
    make, reason = MALFORMED[kind]
    status, text = post(client, make(body))
    assert status == 400
    assert "Traceback" not in text and 'File "' not in text
    assert json.loads(text)["error"] == "bad request" and reason in json.loads(text)["reason"]
    # ...and the server goes on serving.
    assert client.get("/_dash-layout").status_code == 200


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


def test_fixed_files_come_in_brotli_made_once_and_kept(client):
    """Issue 20: no thread makes them: the first answer is brotli, the same bytes every time after."""
    path, accepts = "/assets/style.css", {"Accept-Encoding": "gzip, deflate, br"}
    plain = client.get(path).get_data()
    answer = client.get(path, headers=accepts)
    assert answer.headers["Content-Encoding"] == "br" and "Accept-Encoding" in answer.headers["Vary"]
    assert brotli.decompress(answer.get_data()) == plain
    assert len(answer.get_data()) < len(client.get(path, headers={"Accept-Encoding": "gzip"}).get_data())
    assert client.get(path, headers=accepts).get_data() == answer.get_data()
    again = client.get(path, headers={**accepts, "If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304
    assert "Accept-Encoding" in client.get(path).headers["Vary"]


def test_the_making_process_s_brotli_11_copy_is_sent_once_made_with_an_etag_of_its_own(tmp_path, monkeypatch):
    """Issue 20: quality 5 (made before ready) until the making process has written quality 11 (606 KiB, not
    626, for the page's files); the same ETag never names both."""
    outputs = tmp_path / "outputs"  # its copies beside it, in tmp_path/copies: none yet
    client = create_app(DEFAULT_DATA_DIR, cache=outputs).server.test_client()
    path, accepts = "/assets/style.css", {"Accept-Encoding": "gzip, deflate, br"}
    plain = client.get(path).get_data()
    before = client.get(path, headers=accepts)
    assert before.get_data() == brotli.compress(plain, quality=5)
    # What the making process does (dashboard/web/making.py), for this file and the callback graph only:
    # plotly.js would take it seconds.
    monkeypatch.setattr("dashboard.web.compression.page_paths", lambda _client: [path])
    copies = best_copies_folder(outputs)
    made = make_best_copies(create_app(DEFAULT_DATA_DIR, cache=outputs).server, copies, ["/_dash-dependencies"])
    assert len(made) == 2 and all((copies / name).exists() for name in made)
    after = client.get(path, headers=accepts)
    assert after.get_data() == brotli.compress(plain, quality=11) != before.get_data()
    assert after.headers["Content-Encoding"] == "br" and "Accept-Encoding" in after.headers["Vary"]
    assert int(after.headers["Content-Length"]) == len(after.get_data())
    assert after.headers["ETag"] != before.headers["ETag"]
    # A browser holding quality 5's bytes gets quality 11's; one holding quality 11's is told it has them.
    assert client.get(path, headers={**accepts, "If-None-Match": before.headers["ETag"]}).status_code == 200
    assert client.get(path, headers={**accepts, "If-None-Match": after.headers["ETag"]}).status_code == 304
    graph = client.get("/_dash-dependencies", headers=accepts)
    assert graph.get_data() == brotli.compress(client.get("/_dash-dependencies").get_data(), quality=11)
    # gzip is untouched.
    gzipped = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(gzipped.get_data()) == plain and gzipped.headers["ETag"] != after.headers["ETag"]


def test_an_edit_of_the_data_compresses_none_of_the_page_files_again(tmp_path, data_dir, monkeypatch):
    """The brotli-11 copies are named by the bytes they compress and shared by every data version: a server
    on edited data (a new digest, a new outputs' folder) finds the copies of the files the edit did not change."""
    monkeypatch.setattr("dashboard.web.compression.page_paths", lambda _client: ["/assets/style.css"])
    before = create_app(DEFAULT_DATA_DIR, cache=cache_folder(DEFAULT_DATA_DIR, tmp_path))
    made = make_best_copies(before.server, best_copies_folder(before.cache), ["/_dash-dependencies"])
    assert len(made) == 2
    story = data_dir / "story.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("Raqqa", "Ar-Raqqa", 1), encoding="utf-8")
    after = create_app(data_dir, cache=cache_folder(data_dir, tmp_path))
    assert after.cache != before.cache
    assert make_best_copies(after.server, best_copies_folder(after.cache), ["/_dash-dependencies"]) == []
    plain = before.server.test_client().get("/assets/style.css").get_data()
    answer = after.server.test_client().get("/assets/style.css", headers={"Accept-Encoding": "br"})
    assert answer.get_data() == brotli.compress(plain, quality=11)


def test_the_layout_is_gzipped_for_browsers_that_accept_it(client):
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, deflate"})
    assert layout.headers["Content-Encoding"] == "gzip"
    assert "Tunisia" in gzip.decompress(layout.get_data()).decode()


SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy")


@pytest.mark.parametrize("path", ["/_dash-layout", "/assets/style.css", "/assets/nothing.js", "/healthz"])
def test_no_response_may_be_sniffed_as_another_type(client, path):
    assert client.get(path).headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/?present=1&step=4", "/?display=table#map"])
def test_the_page_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert all(name in headers for name in SECURITY_HEADERS), headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
    assert "camera=()" in headers["Permissions-Policy"]


def test_the_one_inline_script_is_allowed_by_its_hash(client):
    page = client.get("/")
    policy = page.headers["Content-Security-Policy"]
    inline = re.findall(r"<script>(.*?)</script>|<script[^>]*javascript\">(.*?)</script>", page.get_data(as_text=True))
    assert inline
    for script in ("".join(parts) for parts in inline):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_sites_allowed_to_embed_the_map_can_be_configured(framable_app):
    policy = framable_app.server.test_client().get("/").headers["Content-Security-Policy"]
    assert f"frame-ancestors {FRAME_ANCESTORS}" in policy


def script_urls(client) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))


def test_versioned_files_are_cached_for_a_year(client):
    urls = script_urls(client) + re.findall(r'<link [^>]*href="([^"]+)"', client.get("/").get_data(as_text=True))
    assert any(url.startswith("/_dash-component-suites/") for url in urls)
    assert any(url.startswith("/assets/") for url in urls)
    for url in urls:
        assert client.get(url).headers["Cache-Control"] == "public, max-age=31536000, immutable", url


def test_the_page_and_its_data_are_revalidated_and_answered_304_when_unchanged(client):
    assert client.get("/").headers["Cache-Control"] == "no-cache"
    for path in ("/_dash-layout", "/_dash-dependencies", "/assets/dandelion.js"):
        for encoding in ("gzip", "identity"):
            first = client.get(path, headers={"Accept-Encoding": encoding})
            assert first.headers["Cache-Control"] == "no-cache", path
            etag = first.headers["ETag"]
            again = client.get(path, headers={"Accept-Encoding": encoding, "If-None-Match": etag})
            assert again.status_code == 304, path
            assert again.get_data() == b""
            assert again.headers["ETag"] == etag


def test_the_base_map_is_served_under_its_version(client):
    layout = client.get("/_dash-layout").get_data(as_text=True)
    base_map_url = json.loads(re.search(r'"topojsonURL": ?("[^"]+")', layout).group(1))
    assert re.fullmatch(r"_basemap/[0-9a-f]{12}/", base_map_url)
    response = client.get("/" + base_map_url + "world_50m.json")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.get_json()["type"] == "Topology"
    # A page from before the base map changed is sent to the current one.
    old = client.get("/_basemap/0000000000000000/world_50m.json")
    assert old.status_code == 302 and old.headers["Location"].endswith(base_map_url + "world_50m.json")
    assert "immutable" not in old.headers.get("Cache-Control", "")


def test_the_page_loads_no_script_it_does_not_need_and_describes_itself(client):
    page = client.get("/").get_data(as_text=True)
    scripts = script_urls(client)
    assert not [url for url in scripts if any(name in url for name in ("polyfill", "dash_table", "/dcc/"))]
    assert '<html lang="en">' in page
    description = re.search(r'<meta name="description" content="([^"]+)"', page).group(1)
    assert "Maghreb" in description and "Rogan" in description


def test_an_unexpected_error_is_a_bare_500_that_names_nothing(caplog):
    server = Flask("broken")
    answer_errors_in_json(server)

    @server.route("/broken")
    def broken():
        raise RuntimeError("password in /etc/dandelion/secret.txt")

    response = server.test_client().get("/broken")
    assert response.status_code == 500
    assert response.get_json() == {
        "error": "internal server error",
        "reason": "the server could not answer this request",
    }
    assert "secret" not in response.get_data(as_text=True)
    assert "secret.txt" in caplog.text  # ...but the log has it, for whoever runs the server


def test_search_engines_get_a_robots_txt_not_the_page(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).splitlines() == ["User-agent: *", "Allow: /"]


def page_urls(client) -> list[str]:
    """Every URL the page loads: what it names (our browser code is one bundle), the base map."""
    page = client.get("/").get_data(as_text=True)
    named = [url for url in re.findall(r'(?:src|href)="(/[^"]+)"', page)]
    layout = client.get("/_dash-layout").get_data(as_text=True)
    base_map = json.loads(re.search(r'"topojsonURL": ?("[^"]+")', layout).group(1))
    return [*named, f"/{base_map}world_50m.json"]


def test_every_file_the_page_loads_is_served(client):
    urls = page_urls(client)
    assert len(urls) > 10
    for url in urls:
        assert client.get(url).status_code == 200, url


NOT_THE_PAGES = [
    "/foo",
    "/foo/bar",
    "/download",
    "/_reload-hash",
    "/_favicon.ico",
    "/static/x.js",
    "/assets/topojson/world_50m.json",  # the page loads it from /_basemap/<digest>/
    "/assets/./style.css",
    "/assets/topojson/../style.css",
    "/assets/delivery/boot.js",  # for the page without its server
    "/assets/modules/../style.css",
    "/assets/modules/url.mjs",  # bundled into dandelion.js
    "/assets/src/dandelion.mjs",
    "/_basemap/0000000000000000/./world_50m.json",
    "/_basemap/0000000000000000/../../pyproject.toml",
    "/_dash-component-suites/plotly/package_data/plotly.min.js",
    "/_dash-component-suites/plotly/package_data/plotly.v9_1m1.min.js",
    "/_dash-component-suites/dash/deps/react-dom@18.v4_4_1m1.3.1.min.js.map",
    "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.v4_4_1m1.min.js.map",
    "/_dash-component-suites/dash/dcc/dash_core_components.v3_0_0m1.js",
    "/_first-map/desk.0000000000000000.svg",
]


@pytest.mark.parametrize("path", NOT_THE_PAGES)
def test_a_path_the_page_does_not_use_is_a_404(client, path):
    response = client.get(path, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 404, path
    assert response.get_json()["error"] == "not found"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_component_file_under_another_version_mark_is_the_same_file(client):
    """Dash accepts any version mark in a component file's name: one file, one copy in memory."""
    react = next(url for url in script_urls(client) if "react-dom" in url)
    other = re.sub(r"\.v[0-9_]+m[0-9]+\.", ".v1_2_3m4.", react)
    assert other != react
    assert (
        client.get(other, headers={"Accept-Encoding": "gzip"}).get_data()
        == client.get(react, headers={"Accept-Encoding": "gzip"}).get_data()
    )


def test_an_encoding_the_browser_refuses_is_not_used(client):
    refused = client.get("/assets/style.css", headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in refused.headers
    assert b"font-family" in refused.get_data()
    gzip_only = client.get("/assets/style.css", headers={"Accept-Encoding": "br;q=0, gzip"})
    assert gzip_only.headers["Content-Encoding"] == "gzip"


def resident_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_a_thousand_version_marks_do_not_grow_memory(client):
    """Issue 19: 80 such requests grew the server by 338 MiB; 1,000 must stay under 20 MiB."""
    for path in page_urls(client):  # every copy the page's files need, made
        client.get(path, headers={"Accept-Encoding": "gzip, br"})
    before = resident_mib()
    for number in range(1000):
        path = (
            f"/_dash-component-suites/plotly/package_data/plotly.v9_{number}m1.min.js",
            f"/_dash-component-suites/dash/deps/react-dom@18.v3_{number}m1.3.1.min.js",
            "/assets/" + "./" * (number % 20 + 1) + "style.css",
            f"/assets/topojson/{'../' * (number % 3 + 1)}dandelion.js",
        )[number % 4]
        assert client.get(path, headers={"Accept-Encoding": "gzip, br"}).status_code in (200, 404)
    assert resident_mib() - before < 20


def test_without_chromium_the_page_offers_no_hand_out(monkeypatch):
    """Issue 19: the page linked to a hand-out that answered 404 where no chromium could print it."""
    monkeypatch.setattr("dashboard.web.app.can_make_handout", lambda: False)
    client = create_app(DEFAULT_DATA_DIR).server.test_client()
    assert "dandelion-handout.pdf" not in client.get("/").get_data(as_text=True)
    assert "dandelion-handout.pdf" not in client.get("/_dash-layout").get_data(as_text=True)
    assert client.get("/download/dandelion-handout.pdf").status_code == 404


def child_processes() -> set[int]:
    """The processes this one started that are still running."""
    return {int(pid) for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()}


def test_an_app_starts_no_process_and_no_thread(data_dir):
    """Issue 20: every app (each gunicorn worker, each test) started chromium in a child process, a child
    for the hand-out and a brotli thread."""
    threads, children = threading.active_count(), child_processes()
    client = create_app(data_dir).server.test_client()
    for path in ("/", "/assets/style.css", "/_dash-layout", "/download/dandelion-handout.pdf"):
        assert client.get(path, headers={"Accept-Encoding": "br"}).status_code in (200, 503)
    assert threading.active_count() == threads
    assert child_processes() == children
