"""The page without its server: the static site and the one file, as files.

(The browser tests run the page itself from both: tests/test_browser.py.)
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import dev
from dashboard.outputs.delivery import ONE_FILE_BUDGET, SITE_MARK, hashed_name
from dashboard.page.paths import HANDOUT_FILE
from tests.test_cli import dashboard


def test_the_committed_bundle_is_what_the_sources_build():
    """assets/dandelion.js, the one script of ours every delivery loads, is esbuild's build of
    assets/src/ and assets/modules/ byte for byte (esbuild's output is deterministic)."""
    assert dev.ESBUILD.exists(), "esbuild is not installed: `python3 dev.py test` installs it (npm ci)"
    built = subprocess.run(dev.bundle_command(None), cwd=dev.ROOT, capture_output=True, check=True).stdout
    committed = (dev.ROOT / dev.BUNDLE).read_bytes()
    assert built == committed, f"{dev.BUNDLE} is not what its sources build: run `python3 dev.py bundle` and commit it"


def test_a_hashed_name_changes_with_the_content_and_drops_dashs_version_mark():
    url = "/_dash-component-suites/dash/deps/react@18.v4_4_1m1796018690.3.1.min.js"
    assert re.fullmatch(r"static/react@18\.3\.1\.min\.[0-9a-f]{12}\.js", hashed_name(url, b"a"))
    assert hashed_name(url, b"a") != hashed_name(url, b"b")
    assert hashed_name("/assets/style.css?m=17", b"a").startswith("static/style.")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "site"
    result = dashboard("export", "site", str(folder), timeout=180)
    assert result.returncode == 0, result.stderr
    assert re.match(rf"wrote \d+ files to {re.escape(str(folder))} \([0-9.]+ MB\) in [0-9.]+ s", result.stdout)
    return folder


@pytest.mark.browser
def test_the_site_names_every_file_by_its_content_but_the_page_and_the_data(site):
    files = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
    assert "index.html" in files
    for name in files:
        if name in ("index.html", SITE_MARK) or name.startswith("download/"):
            continue
        assert re.search(r"[./][0-9a-f]{12}[./]", name), f"{name}: no content hash in the name"
    downloads = {name for name in files if name.startswith("download/")}
    data = {"download/dandelion-data.zip", "download/dandelion.csv", "download/dandelion.geojson"}
    assert data | {"download/dandelion.html"} <= downloads
    # The hand-out where chromium is here to print it (the tests always have it).
    assert downloads - data - {"download/dandelion.html"} == {f"download/{HANDOUT_FILE}"}


@pytest.mark.browser
def test_the_sites_page_points_only_at_its_own_files_by_relative_urls(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    # What the page loads (a link for the reader to follow, such as the first paint's source links, is not).
    urls = re.findall(r'(?:src|srcset)="([^"]+)"', index) + re.findall(r'<link [^>]*href="([^"]+)"', index)
    assert len(urls) > 10
    for url in urls:
        assert not url.startswith(("/", "http:", "https:")), f"{url}: absolute, would break under a path or leave"
        assert (site / url).is_file(), url
    assert 'id="dandelion-frozen"' in index


@pytest.fixture(scope="module")
def one_file_export(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """``export html``: the file, and what the command said."""
    out = tmp_path_factory.mktemp("one-file") / "dandelion.html"
    result = dashboard("export", "html", str(out), timeout=180)
    assert result.returncode == 0, result.stderr
    return out, result


def test_the_one_file_is_within_budget_and_says_its_size(one_file_export):
    out, result = one_file_export
    size = out.stat().st_size
    assert size <= ONE_FILE_BUDGET
    assert f"({size / 1e6:.2f} MB of a 2.5 MB budget)" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]* src="', page), "every script is inside the file"
    assert not re.search(r'<link[^>]* href="(?!data:)', page), "the stylesheet and icon too"


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.browser
def test_the_same_data_and_code_export_the_same_bytes(site, one_file_export, tmp_path):
    """Two `export site` runs and two `export html` runs: byte for byte the same (no timestamps, ids in order)."""
    again = tmp_path / "site"
    result = dashboard("export", "site", str(again), timeout=180)
    assert result.returncode == 0, result.stderr
    first, second = files_in(site), files_in(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    copy = tmp_path / "again.html"
    result = dashboard("export", "html", str(copy), timeout=180)
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == one_file_export[0].read_bytes()


def test_an_export_to_a_missing_folder_says_so(tmp_path):
    result = dashboard("export", "html", str(tmp_path / "nowhere" / "x.html"))
    assert result.returncode == 1 and "no folder" in result.stderr
