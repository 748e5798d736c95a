"""Shared fixtures: the shipped data, editable copies of it, a live server."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.briefing import DEFAULT_DATA_DIR, Briefing, load_briefing
from dashboard.handout import CHROMIUM, CHROMIUM_FLAGS


@pytest.fixture(scope="session")
def briefing() -> Briefing:
    return load_briefing(DEFAULT_DATA_DIR)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data folder that a test may break."""
    target = tmp_path / "geodata"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return target


@pytest.fixture(scope="session")
def app():
    return create_app(DEFAULT_DATA_DIR)


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The real app on a free localhost port, served from a thread."""
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
