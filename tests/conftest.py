"""Shared fixtures: the shipped data, editable copies of it, a live server, the costly outputs' cache."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from werkzeug.serving import make_server

from dashboard.model.briefing import DEFAULT_DATA_DIR, Briefing, load_briefing
from dashboard.outputs.chromium import CHROMIUM, CHROMIUM_FLAGS
from dashboard.web.app import DandelionDash, create_app
from dashboard.web.making import OUTPUTS, start_making

# The modules that take longest, longest first (their tests' seconds under `--durations=0`, December 2026). With
# one worker a core, each worker takes a whole module at a time in the order they are collected
# (`--dist=loadfile --no-loadscope-reorder`, pyproject's addopts): a long module handed out last would keep one
# worker busy while the other has nothing left. Modules not named here follow, in file order.
LONGEST_FIRST = [
    "test_browser.py", "test_every_reader.py", "test_accessibility.py", "test_serving.py", "test_output_labels.py",
    "test_meeting.py", "test_first_paint.py", "test_handout.py", "test_mutations.py", "test_cli.py",
    "test_check_guards.py", "test_delivery.py", "test_package.py", "test_embed.py", "test_server.py",
]  # fmt: skip


def pytest_configure() -> None:
    """Ctrl-C (and SIGQUIT) at their defaults, as in a terminal, however the run was started: a shell starts a
    background job (`python3 dev.py test &` in a script) with them ignored, and every server a test starts would
    inherit that, so a test that stops one with Ctrl-C, as a user does, waited for ever."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # a stable sort: a module's order is kept


@pytest.fixture(scope="session", autouse=True)
def cache_root(tmp_path_factory) -> Iterator[Path]:
    """The costly outputs' cache of this session (the apps here and the servers they start), not the user's;
    one for all the workers of a run (pytest-xdist), as it is one for all the workers of a server."""
    if "PYTEST_XDIST_WORKER" in os.environ:
        root = tmp_path_factory.getbasetemp().parent / "cache"
        root.mkdir(exist_ok=True)
    else:
        root = tmp_path_factory.mktemp("cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(root)
    yield root / "dandelion"
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def made_app(app) -> DandelionDash:
    """The app on the shipped data with its first map's pictures and hand-out made: once a session, into the
    cache every app on that data reads, by the making process a server starts (not in this process, where the
    session's playwright runs and a second one cannot start)."""
    making = start_making(app, DEFAULT_DATA_DIR)
    assert making is None or making.wait() == 0
    assert all((app.cache / name).exists() for name in OUTPUTS), sorted(path.name for path in app.cache.iterdir())
    return app


@pytest.fixture(scope="session")
def briefing() -> Briefing:
    return load_briefing(DEFAULT_DATA_DIR)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data folder that a test may break."""
    target = tmp_path / "geodata"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return target


# Later counts of Tunisia's and Morocco's returnees, as an analyst would add them (geodata/README.md). Tunisia's
# is dated as the Tunisian Center for Global Security Studies' 1,000 is (October 2018): the two disagree.
LATER_SOURCE = """
  - id: later_count
    short: "Later count (Oct 2018)"
    about: "count of returnees to Tunisia and Morocco by October 2018"
    publisher: "an analyst's example source"
    date: "2019-01"
"""
LATER_FIGURE = """
  - country: TUN
    measure: returnees
    value: 1300
    qualifier: exact
    as_of: "2018-10"
    source: later_count
    quote: "1,300 had returned by October 2018."

  - country: MAR
    measure: returnees
    value: 280
    qualifier: about
    as_of: "2018-10"
    source: later_count
    note: "An example record added beside the briefing's."
"""


def add_later_count(data_dir: Path) -> Path:
    """``data_dir`` with a later source's figures for Tunisia's and Morocco's returnees."""
    for name, record in (("sources.yaml", LATER_SOURCE), ("figures.yaml", LATER_FIGURE)):
        path = data_dir / name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + record, encoding="utf-8")
    return data_dir


@pytest.fixture(scope="session")
def later_data_dir(tmp_path_factory) -> Path:
    """A copy of the shipped data with a later count of Tunisia's returnees; not to be changed."""
    target = tmp_path_factory.mktemp("later") / "geodata"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return add_later_count(target)


@pytest.fixture(scope="session")
def app():
    return create_app(DEFAULT_DATA_DIR)


@pytest.fixture
def client(app):
    return app.server.test_client()


def serve_in_thread(server) -> Iterator[str]:
    """Run an HTTP server bound to a localhost port from a thread; yield its base URL, then stop it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def serve(app) -> Iterator[str]:
    """Serve a Dash app on a free localhost port from a thread; yield its base URL."""
    yield from serve_in_thread(make_server("127.0.0.1", 0, app.server, threaded=True))


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The real app on a free localhost port, served from a thread."""
    yield from serve(app)


# Any page served from this machine, whatever its port, may frame the map.
FRAME_ANCESTORS = "'self' http://127.0.0.1:*"


@pytest.fixture(scope="session")
def framable_app():
    """The app as `python -m dashboard --frame-ancestors "'self' http://127.0.0.1:*"` serves it."""
    return create_app(DEFAULT_DATA_DIR, FRAME_ANCESTORS)


@pytest.fixture(scope="session")
def later_app(later_data_dir):
    return create_app(later_data_dir)


@pytest.fixture(scope="session")
def later_server(later_app) -> Iterator[str]:
    """The app on the data with a later count of Tunisia's returnees."""
    yield from serve(later_app)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright, started once: while it runs no other sync_playwright can start in this thread, so a test
    that drives chromium as the hand-out does (dashboard/outputs/handout.py open_page) opens its page in the
    session's chromium (``browser.browser``), not in a OneChromium of its own."""
    with sync_playwright() as running:
        yield running


# Chromium's flags for the tests' pages (Chromium below says why).
TEST_FLAGS = ("--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost", "--process-per-site")


# What the tests' pages ask for (Chromium below says why); a test of the presenter's flight asks for motion:
# ``page.emulate_media(reduced_motion=MOTION)``.
REDUCED_MOTION, MOTION = "reduce", "no-preference"


class KeeperHandler(BaseHTTPRequestHandler):
    """A blank page of this machine."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Keeps this machine's renderer</title>")

    def log_message(self, *args) -> None:
        pass


class Chromium:
    """One chromium for the whole run, whose pages can reach only this machine: every request but to loopback
    goes to a proxy that is not there, so nothing they ask of the outside leaves (chromium sends loopback past a
    proxy by itself; OfflinePage records what they asked).

    Tests' pages share a context for each kind of screen (touch, permissions): a page after the first finds the
    page's files in the browser's cache, as a returning reader's does. And in each a blank page of this machine
    stays open (``keeper_url``), so that with ``--process-per-site`` their pages join its renderer rather than
    each starting one: a load costs 1.7 CPU seconds rather than 3.9 (``python -m benchmarks.pageload``).

    Every context asks for reduced motion (REDUCED_MOTION): a presenter's step lands at once. The flight that
    takes it there otherwise redraws the map for 0.7 s in every frame it can, a core's worth of work for each
    step, in some hundred steps of the run. The tests of the flight itself ask for motion.
    """

    def __init__(self, browser: Browser, keeper_url: str) -> None:
        self.browser = browser
        self.keeper_url = keeper_url
        self.contexts: dict[tuple[tuple[str, ...], bool], BrowserContext] = {}

    def shared_context(self, permissions: tuple[str, ...] = (), has_touch: bool = False) -> BrowserContext:
        """The context the pages of this kind of screen share, made on first use."""
        key = (tuple(sorted(permissions)), has_touch)
        if key not in self.contexts:
            context = self.browser.new_context(
                permissions=list(permissions), has_touch=has_touch, reduced_motion=REDUCED_MOTION
            )
            context.new_page().goto(self.keeper_url)
            self.contexts[key] = context
        return self.contexts[key]

    def new_context(self, **options) -> BrowserContext:
        """A context of the test's own, for a test that changes the context itself (its scripts, its listeners)."""
        return self.browser.new_context(**{"reduced_motion": REDUCED_MOTION, **options})

    def new_page(self, width: int, height: int, permissions: tuple[str, ...] = (), has_touch: bool = False) -> Page:
        """A page at this size in the context its kind of screen shares; the caller closes it."""
        page = self.shared_context(permissions, has_touch).new_page()
        page.set_viewport_size({"width": width, "height": height})
        return page


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator[Chromium]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, *TEST_FLAGS])
    for url in serve_in_thread(ThreadingHTTPServer(("127.0.0.1", 0), KeeperHandler)):
        yield Chromium(browser, url + "/")
    browser.close()
