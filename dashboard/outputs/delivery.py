"""The page without its server: a static site, and a one-file copy.

Both are the live app frozen, not a second page: Dash's own index page,
layout and callback graph are read from the app (through Flask's test
client, as a browser would get them), with the same scripts, stylesheet and
browser code. Every callback runs in the browser (dashboard/page/callbacks.py),
so once the layout and callback graph are in the page nothing needs a
server: assets/delivery/boot.js answers Dash's two requests for them from
the page itself.

- ``export site DIR``: index.html and content-hashed files under static/
  (and the base map under its digest), every URL relative, so any static
  host serves it, at any path, cached forever but for index.html and the
  downloads in download/ (stable names that people link to). The first
  map's still pictures (dashboard/outputs/firstpaint.py) are files beside it.
- ``export html OUT``: one file, no request at all. Every script (our
  browser code is one, assets/dandelion.js, bundled by esbuild: `python3
  dev.py bundle`), the layout, the callback graph,
  the base map and the data files are packed as gzipped JSON in base64, and
  boot.js unpacks them and runs the scripts in the page's order. Its first
  paint has the page but not the map's picture (three pictures would add
  half a megabyte to a file that opens from a disk, where it draws fast).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import AnyStr

from dash import Dash

from dashboard.model.files import write_atomically
from dashboard.model.resources import shipped
from dashboard.model.versions import version
from dashboard.outputs.exports import DATA_FILES
from dashboard.outputs.firstpaint import PICTURE_URL, without_pictures
from dashboard.page.paths import BASE_MAP_PREFIX, DOWNLOAD_PATH, HANDOUT_FILE, ONE_FILE_NAME

ASSETS_DIR = shipped("assets")
BOOT_SCRIPT = ASSETS_DIR / "delivery" / "boot.js"
ANSWERS = ("_dash-layout", "_dash-dependencies")
SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>\n?')
END_ID = re.compile(r'"end_id":"[^"]*"')
STYLESHEET_TAG = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
ICON_TAG = re.compile(r'<link rel="icon" type="image/x-icon" href="([^"]+)">')
RENDERER_TAG = re.compile(r'<script id="_dash-renderer" type="application/javascript">(.*?)</script>', re.S)
BASE_MAP_URL = re.compile(rb'"topojsonURL":\s*("[^"]+")')
# In a folder export site wrote: the files it wrote, so that the next export may replace them.
SITE_MARK = ".dandelion-site"
# The one-file copy's budget (bytes), from the issue: a USB stick, an e-mail.
ONE_FILE_BUDGET = 2_500_000


def _found(pattern: re.Pattern[AnyStr], text: AnyStr) -> AnyStr:
    """The first group of ``pattern`` in what the live app served; an error naming it if Dash's page changed."""
    match = pattern.search(text)
    if match is None:
        raise RuntimeError(f"the page Dash serves has no {pattern.pattern!r}: a Dash upgrade changed it")
    return match.group(1)


@dataclass
class Script:
    """One script of the page, in the order the page runs it."""

    url: str
    code: bytes


@dataclass
class FrozenPage:
    """The live page as a browser gets it: index HTML, scripts, stylesheets, answers."""

    index: str
    scripts: list[Script]
    stylesheets: list[tuple[str, bytes]]  # (URL, CSS) in the page's order: a later one wins a tie
    icon: tuple[str, bytes]
    answers: dict[str, bytes]
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    base_map: dict[str, bytes] = field(default_factory=dict)
    # The first map's still pictures the page names (relative URL -> SVG), if made.
    pictures: dict[str, bytes] = field(default_factory=dict)


def freeze(app: Dash) -> FrozenPage:
    """Read the page, its files and Dash's two answers from ``app``, as a browser would."""
    client = app.server.test_client()

    def get(url: str) -> bytes:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return response.get_data()

    # Dash signs a fresh token into every page it serves (for background callbacks, which a page without
    # its server never makes): a fixed value, so that the same data and code give the same files.
    index = END_ID.sub('"end_id":null', get("/").decode("utf-8"))
    scripts = [Script(url, get(url)) for url in SCRIPT_TAG.findall(index)]
    stylesheets = STYLESHEET_TAG.findall(index)
    if not stylesheets:
        raise RuntimeError(f"the page Dash serves has no {STYLESHEET_TAG.pattern!r}: a Dash upgrade changed it")
    icon = _found(ICON_TAG, index)
    pictures = {url: get("/" + url) for url in sorted(set(PICTURE_URL.findall(index)))}
    return FrozenPage(
        index=index,
        scripts=scripts,
        stylesheets=[(url, get(url)) for url in stylesheets],
        icon=(icon, get(icon)),
        answers={name: get("/" + name) for name in ANSWERS},
        files={file.name: (get("/" + DOWNLOAD_PATH + file.name), file.media_type) for file in DATA_FILES.values()},
        base_map={path.name: path.read_bytes() for path in sorted((ASSETS_DIR / "topojson").glob("*.json"))},
        pictures=pictures,
    )


def _json_in_html(data: object) -> str:
    """JSON that can sit inside a <script> element: no "</" to close it early."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def _frozen_answers(page: FrozenPage) -> dict:
    """Dash's answers, each object's keys sorted: Dash lists a component's data-* and aria-* attributes
    in the order of a Python set, which changes from process to process."""
    return {name: json.loads(json.dumps(json.loads(body), sort_keys=True)) for name, body in page.answers.items()}


def hashed_name(url: str, data: bytes) -> str:
    """``static/<name>.<its version>.<extension>`` (dashboard/model/versions.py), Dash's own
    version mark dropped: a name that changes exactly when the content does."""
    name = re.sub(r"\.v[0-9_]+m[0-9.]+?(?=\.)", "", url.split("?")[0].rsplit("/", 1)[-1])
    stem, _, extension = name.rpartition(".")
    return f"static/{stem}.{version(data)}.{extension}"


@dataclass(frozen=True)
class Written:
    """What an export wrote: the files and their total size in bytes."""

    files: int
    size: int


class FolderNotOurs(ValueError):
    """``export site`` was given a folder with files it did not write."""


def site_files(folder: Path) -> list[str] | None:
    """The files an earlier ``export site`` wrote in ``folder`` (its ``SITE_MARK`` lists them): [] for a
    missing or empty folder, None for a folder with files of someone else's."""
    if not folder.exists() or not any(folder.iterdir()):
        return []
    mark = folder / SITE_MARK
    if not mark.is_file():
        return None
    return mark.read_text(encoding="utf-8").splitlines()


def export_site(app: Dash, folder: Path, handout: bytes | None = None, force: bool = False) -> Written:
    """The page as a folder any static web host serves (see the module docstring);
    ``handout``: the PDF hand-out, offered in presenter mode (None: the
    folder has none, and the button finds nothing).

    Writes only into a folder that is missing, empty, or an earlier export's
    (then the files of that export that this one does not write are removed);
    with ``force``, into any folder, replacing files of the same names and
    removing none. Each file is written whole under a temporary name, then
    renamed: an export that fails leaves every file as it was or as new.
    """
    earlier = site_files(folder)
    if earlier is None and not force:
        raise FolderNotOurs(f"{folder} has files that export site did not write: choose an empty folder, or --force")
    page = freeze(app)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, bytes] = {}

    def put(url: str, data: bytes) -> str:
        name = hashed_name(url, data)
        written[name] = data
        return name

    index = page.index
    frozen = _json_in_html(_frozen_answers(page))
    tags = f'<script id="dandelion-frozen" type="application/json">{frozen}</script>\n'
    tags += f'<script src="{put(BOOT_SCRIPT.name, BOOT_SCRIPT.read_bytes())}"></script>\n'
    scripts = "".join(f'<script src="{put(script.url, script.code)}"></script>\n' for script in page.scripts)
    index = SCRIPT_TAG.sub("", index)
    index = index.replace('<script id="_dash-renderer"', tags + scripts + '<script id="_dash-renderer"', 1)
    for url, css in page.stylesheets:
        index = index.replace(url, put(url, css))
    index = index.replace(page.icon[0], put(*page.icon))
    digest = _base_map_folder(page.answers["_dash-layout"])
    for name, data in page.base_map.items():
        written[f"{digest}{name}"] = data
    written.update(page.pictures)  # their names have their digests already
    for name, (data, _media_type) in page.files.items():
        written[DOWNLOAD_PATH + name] = data
    written[DOWNLOAD_PATH + ONE_FILE_NAME] = one_file(app, page)
    if handout is not None:
        written[DOWNLOAD_PATH + HANDOUT_FILE] = handout
    written["index.html"] = index.encode("utf-8")
    for name, data in written.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    for name in set(earlier or []) - set(written):
        (folder / name).unlink(missing_ok=True)
    write_atomically(folder / SITE_MARK, "".join(f"{name}\n" for name in sorted(written)).encode("utf-8"))
    return Written(len(written), sum(len(data) for data in written.values()))


def _base_map_folder(layout: bytes) -> str:
    """The relative folder the layout tells plotly.js to fetch the base map from."""
    url = json.loads(_found(BASE_MAP_URL, layout))
    if not url.startswith(BASE_MAP_PREFIX.lstrip("/")):
        raise RuntimeError(f"the base map URL {url!r} is not relative: the site would not work under a path")
    return url


def one_file(app: Dash, page: FrozenPage | None = None) -> bytes:
    """The page as one self-contained HTML file (see the module docstring);
    ``page``: the app already frozen."""
    page = page or freeze(app)
    renderer = _found(RENDERER_TAG, page.index)
    packed = {
        "scripts": [script.code.decode("utf-8") for script in page.scripts] + [renderer],
        "answers": _frozen_answers(page),
        "topojson": {name.removesuffix(".json"): json.loads(data) for name, data in page.base_map.items()},
        "files": {
            name: {"data": base64.b64encode(data).decode("ascii"), "type": media_type}
            for name, (data, media_type) in page.files.items()
        },
    }  # fmt: skip
    blob = base64.b64encode(gzip.compress(json.dumps(packed, separators=(",", ":")).encode("utf-8"), 9, mtime=0))
    index = SCRIPT_TAG.sub("", without_pictures(page.index))
    index = RENDERER_TAG.sub("", index)
    css = dict(page.stylesheets)
    index = STYLESHEET_TAG.sub(lambda m: f"<style>{css[m.group(1)].decode('utf-8')}</style>", index)
    icon = "data:image/x-icon;base64," + base64.b64encode(page.icon[1]).decode("ascii")
    index = ICON_TAG.sub(lambda _m: f'<link rel="icon" type="image/x-icon" href="{icon}">', index)
    pack = f'<script id="dandelion-pack" type="application/octet-stream">{blob.decode("ascii")}</script>\n'
    boot = f"<script>{BOOT_SCRIPT.read_text(encoding='utf-8')}</script>\n"
    index = index.replace("</footer>", pack + boot + "</footer>", 1)
    return index.encode("utf-8")
