"""Hostile and broken requests: never a 5xx, never a traceback, and the server goes on.

Thousands of malformed callback bodies are built from what the server itself
declares at ``/_dash-dependencies``, then random bytes, path traversal, huge
and deeply nested JSON. The random choices are seeded, so a failure replays.
"""

from __future__ import annotations

import json
import random
import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from dashboard.web.server import MAX_REQUEST_BYTES

SEED = 12
RANDOM_BODIES = 1500
DEEP = 30_000  # nesting depth: deeper than Python's json can parse, smaller than the size limit
ODD_VALUES: list[Any] = [
    None, True, 0, -1, 1e308, "", "x", "..", "...", "@", "\u202e", "a" * 5000,
    [], {}, [None], [[]], {"id": None}, {"id": [], "property": {}}, [{"id": "country"}],
]  # fmt: skip
CALLBACK = "/_dash-update-component"
PATHS = [
    "/_dash-component-suites/../../x.js",
    "/_dash-component-suites/dash/../../../etc/passwd",
    "/_dash-component-suites/dash/deps/../../../../etc/passwd",
    "/_dash-component-suites/dash/deps/nothing.js",
    "/_dash-component-suites/nothing/x.js",
    "/_dash-component-suites/plotly/package_data/../../../setup.py",
    "/_dash-component-suites/dash/deps/polyfill@7.v1_0_0m1.12.1.min.js/..",
    "/assets/../dashboard/web/app.py",
    "/assets/%2e%2e/%2e%2e/etc/passwd",
    "/assets/..%2f..%2fetc%2fpasswd",
    "/assets/nothing.js",
    "/assets/topojson/../../pyproject.toml",
    "/..%2f..%2fetc/passwd",
    "/%00",
    "/_dash-layout/..",
    "/_dash-dependencies/x",
    "/_reload-hash",
    "/_favicon.ico/../../x",
    "/?__debugger__=yes&cmd=resource&f=debugger.js",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]


def well_formed(dependency: dict) -> dict:
    """The body the page would send for one callback in /_dash-dependencies."""
    outputs = [
        {"id": name.split(".")[0], "property": name.split(".", 1)[1]}
        for name in dependency["output"].strip(".").split("...")
    ]
    inputs = [{**item, "value": None} for item in dependency["inputs"]]
    return {
        "output": dependency["output"],
        "outputs": outputs if dependency["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "state": [{**item, "value": None} for item in dependency["state"]],
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else [],
    }


def mutations(body: dict) -> Iterator[dict]:
    """Each key missing or odd, each list shortened, lengthened, renamed; then random mixes."""
    for key in body:
        yield {k: v for k, v in body.items() if k != key}
        for odd in ODD_VALUES:
            yield {**body, key: odd}
        value = body[key]
        if isinstance(value, list) and value:
            yield {**body, key: value[:-1]}
            yield {**body, key: [*value, value[0]]}
            yield {**body, key: value[::-1]}
            for field in ("id", "property", "value"):
                for odd in ODD_VALUES[:8]:
                    yield {**body, key: [{**item, field: odd} if isinstance(item, dict) else odd for item in value]}
    yield {**body, "extra": ODD_VALUES}


def mixed(bodies: list[dict], rng: random.Random, count: int) -> Iterator[dict]:
    """Several mutations at once: a key from one body, an odd value in another."""
    for _ in range(count):
        body = dict(rng.choice(bodies))
        for _ in range(rng.randint(1, 3)):
            other = rng.choice(bodies)
            key = rng.choice(list(other))
            body[key] = rng.choice([other[key], rng.choice(ODD_VALUES)])
        yield body


def random_bytes(rng: random.Random, count: int) -> Iterator[bytes]:
    for _ in range(count):
        yield rng.randbytes(rng.choice([0, 1, 7, 100, 5000]))


def assert_clean_error(response, where: str) -> None:
    """A 4xx with one line of JSON that names no code, or a success."""
    assert response.status_code < 500, f"{where}: {response.status_code} {response.get_data()[:300]!r}"
    if response.status_code >= 400 and response.request.method != "HEAD":
        text = response.get_data(as_text=True)
        assert response.mimetype == "application/json", f"{where}: {text[:300]}"
        reason = json.loads(text)["reason"]
        assert "\n" not in reason and "Traceback" not in text and 'File "' not in text, where


def assert_still_serving(client) -> None:
    assert client.get("/").status_code == 200
    response = client.get("/_dash-layout")
    assert response.status_code == 200
    assert "Tunisia" in response.get_data(as_text=True)


@pytest.fixture(scope="module")
def dependencies(app) -> list[dict]:
    return app.server.test_client().get("/_dash-dependencies").get_json()


def test_malformed_callback_bodies_get_4xx(client, dependencies):
    rng = random.Random(SEED)
    valid = [well_formed(dependency) for dependency in dependencies]
    bodies = [mutated for body in valid for mutated in mutations(body)]
    bodies += list(mixed(bodies, rng, RANDOM_BODIES))
    assert len(bodies) > 2000
    refused = 0
    for body in bodies:
        response = client.post(CALLBACK, json=body)
        assert_clean_error(response, json.dumps(body)[:300])
        refused += response.status_code >= 400
    # Every callback runs in the browser: the server refuses every body.
    assert refused == len(bodies)
    assert_still_serving(client)


def test_random_bytes_get_4xx(client):
    rng = random.Random(SEED)
    for number, data in enumerate(random_bytes(rng, 300)):
        content_type = ["application/json", "text/plain", "multipart/form-data; boundary=x"][number % 3]
        path = [CALLBACK, "/", "/_dash-layout"][number % 3]
        assert_clean_error(client.post(path, data=data, content_type=content_type), f"{path} {data[:40]!r}")
    assert_still_serving(client)


@pytest.mark.parametrize("path", PATHS)
def test_odd_paths_and_methods_get_4xx_or_the_page(client, path):
    for method in METHODS:
        response = client.open(path, method=method)
        assert_clean_error(response, f"{method} {path}")
        assert b"root:" not in response.get_data() and b"import" not in response.get_data()


def test_huge_and_deeply_nested_json_get_4xx(client):
    deep = "[" * DEEP + "]" * DEEP
    assert len(deep) < MAX_REQUEST_BYTES
    response = client.post(CALLBACK, data=deep, content_type="application/json")
    assert response.status_code == 400
    assert_clean_error(response, "deep JSON")
    huge = json.dumps({"output": "country-panel.children", "pad": "x" * MAX_REQUEST_BYTES})
    response = client.post(CALLBACK, data=huge, content_type="application/json")
    assert response.status_code == 413
    assert_clean_error(response, "huge JSON")
    assert_still_serving(client)


def test_a_50_mb_body_is_refused_before_it_is_sent(live_server):
    """The server answers 413 on the headers alone: the client never sends the body."""
    host, port = live_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"POST {CALLBACK} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {50 * 1024 * 1024}\r\n\r\n".encode()
        )
        answer = connection.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413")
    with urllib.request.urlopen(live_server + "/", timeout=10) as response:
        assert response.status == 200
