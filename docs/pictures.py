"""The README's pictures, made by the project's own deliveries:
``.venv/bin/python docs/pictures.py`` (from the repository's root).

Builds the one-file copy (``export html``), opens it from file:// in Debian's
chromium with every other request refused, and saves into docs/:

- page.png: the explorer with Tunisia selected (panel, layers, the briefing);
- map.png: the map as the page's Download menu saves it (PNG, as on screen);
- presenter.png: presenter mode at step 4.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.outputs.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from dashboard.outputs.delivery import one_file  # noqa: E402
from dashboard.web.app import create_app  # noqa: E402

DOCS = ROOT / "docs"
VIEWPORT = {"width": 1280, "height": 720}
READY = "() => window.dandelion && !window.dandelion.applying"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        copy = Path(folder) / "dandelion.html"
        copy.write_bytes(one_file(create_app()))
        url = copy.as_uri()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith((url, "data:", "blob:"))
                   else route.abort())  # fmt: skip
        page.goto(url + "?country=TUN")
        page.wait_for_function(READY)
        page.wait_for_function("() => document.querySelector('#panel-title')?.textContent === 'Tunisia'")
        page.screenshot(path=str(DOCS / "page.png"))
        page.locator("#download summary").click()
        with page.expect_download() as download:
            page.locator("#download .download-item", has_text="as on screen").click()
        download.value.save_as(DOCS / "map.png")
        page.goto(url + "?present=1&step=4")
        page.wait_for_function("() => document.body.getAttribute('data-step') !== null")
        page.screenshot(path=str(DOCS / "presenter.png"))
        browser.close()
    for name in ("page.png", "map.png", "presenter.png"):
        print(f"wrote docs/{name} ({(DOCS / name).stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
