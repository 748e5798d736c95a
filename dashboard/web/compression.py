"""Responses compressed for browsers that accept it, by Flask-Compress: brotli, else gzip.

The files the page loads and the fixed answers (the layout, the callback
graph, the base map, the first map's pictures, the downloads) are compressed
once a process and kept: :func:`warm_up` makes every copy in the server's
first process before it says ready, so gunicorn's forked workers start with
them. Only those are kept, by the file the path names (Dash's component files
under any version mark are one file; anything else is a 404 before it gets
here: dashboard/web/server.py serve_only), so no request can make the server
keep more. Everything else (the page, which carries a token of its own each
load) is compressed on each request.

Brotli at quality 5 until the making process (dashboard/web/making.py) has
written a quality-11 copy into the copies' folder that every data version
shares (dashboard/outputs/cache.py best_copies_folder; :class:`BestCopies`,
named by the digest of the bytes it compresses); then that copy, with an
ETag of its own. Quality 5 takes plotly.js 0.14 s of one core and is 11 % larger;
quality 11 takes 9 s.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

import brotli
from flask import Flask, Response, current_app, request
from flask.testing import FlaskClient
from flask_compress import Compress

from dashboard.model.versions import version
from dashboard.outputs.cache import make_missing
from dashboard.page.paths import BASE_MAP_PREFIX, FIRST_MAP_PREFIX
from dashboard.web.downloads import DOWNLOAD_PREFIX
from dashboard.web.server import served_file

ALGORITHMS = ("br", "gzip")
COMPRESSIBLE = (
    "application/javascript", "text/javascript", "text/css", "application/json", "application/geo+json", "text/csv",
    "image/svg+xml", "text/html",  # the page carries its first paint (28 KB, 7 gzipped)
)  # fmt: skip
MIN_COMPRESS_BYTES = 1024
BROTLI_QUALITY = 5
BEST_BROTLI_QUALITY = 11
GZIP_LEVEL = 9
# Fixed answers besides the files the page loads; the routes under these prefixes answer only their own names.
FIXED_PATHS = ("/_dash-layout", "/_dash-dependencies")
FIXED_PREFIXES = (BASE_MAP_PREFIX, FIRST_MAP_PREFIX, DOWNLOAD_PREFIX)
WITHOUT_BEST_COPY = ("/_dash-layout", DOWNLOAD_PREFIX)  # see has_best_copy


def is_fixed(path: str, files: set[str]) -> bool:
    """Whether ``path`` (as served_file names it) is a file the page loads (``files``) or a fixed answer."""
    return path in files or path in FIXED_PATHS or path.startswith(FIXED_PREFIXES)


def has_best_copy(path: str, files: set[str]) -> bool:
    """Whether the making process writes a brotli-11 copy of ``path``: what a page loads, but not the layout
    (Dash writes its aria-* props in an order that changes with each process's hash seed: no other
    process's copy would match its bytes) nor the downloads (the one-file page alone would take 10 s more)."""
    return is_fixed(path, files) and not path.startswith(WITHOUT_BEST_COPY)


class KeptCopies:
    """Flask-Compress's cache (``encoding;file`` -> bytes), keeping the copies of fixed files only.

    ``files``: the files the page loads, as served_file names them (read on
    each call, so it may be filled after the server is built).
    """

    def __init__(self, files: set[str]) -> None:
        self.files = files
        self.copies: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.copies.get(key)

    def set(self, key: str, value: bytes) -> None:
        if is_fixed(key.split(";", 1)[1], self.files):
            self.copies[key] = value


def best_copy_name(body: bytes) -> str:
    """The copies' folder's name for the brotli-11 copy of ``body``: its digest, so a copy is never taken for
    other bytes (a Dash upgrade changes its files, not the data's digest), and serves every data version."""
    return f"{version(body)}.br"


class BestCopies:
    """The brotli-11 copies of fixed files found in the copies' folder ``folder``, by file; at most one each.

    Until a file's copy is there, each request for it looks once more (the
    digest of its bytes is taken once a process): the making process writes
    the copies while the server runs.
    """

    def __init__(self, folder: Path, files: set[str]) -> None:
        self.folder, self.files = folder, files
        self.names: dict[str, str] = {}  # file -> its copy's name
        self.copies: dict[str, bytes] = {}
        self.missing: set[str] = set()  # the names looked for and not found

    def find(self, path: str, body: bytes) -> bytes | None:
        """The copy of ``body``, served as ``path``, if the making process has written it."""
        if path in self.copies or not has_best_copy(path, self.files):
            return self.copies.get(path)
        name = self.names.setdefault(path, best_copy_name(body))
        try:
            self.copies[path] = (self.folder / name).read_bytes()
        except FileNotFoundError:
            self.missing.add(name)
            return None
        self.missing.discard(name)
        return self.copies[path]


def serve_compressed(server: Flask, files: set[str], folder: Path) -> BestCopies:
    """Compress text responses; keep the copies of fixed ones (see :class:`KeptCopies`), and send the
    brotli-11 copies found in the copies' folder ``folder``; return what finds those."""
    best = BestCopies(folder, files)
    server.config.update(
        COMPRESS_REGISTER=False,
        COMPRESS_ALGORITHM=list(ALGORITHMS),
        COMPRESS_BR_LEVEL=BROTLI_QUALITY,
        COMPRESS_LEVEL=GZIP_LEVEL,
        COMPRESS_MIN_SIZE=MIN_COMPRESS_BYTES,
        COMPRESS_MIMETYPES=list(COMPRESSIBLE),
        COMPRESS_CACHE_BACKEND=lambda: KeptCopies(files),
        COMPRESS_CACHE_KEY=lambda asked: "debug" if current_app.debug else served_file(asked.path),
        # Answered after the copy is chosen, by the ETag as sent (dashboard/web/server.py answer_conditional_requests).
        COMPRESS_EVALUATE_CONDITIONAL_REQUEST=False,
    )
    compress = Compress(server)

    @server.after_request
    def _compress(response: Response) -> Response:
        # Flask-Compress takes an encoding the browser gives q=0 as one it accepts.
        if not any(request.accept_encodings[encoding] > 0 for encoding in ALGORITHMS):
            response.vary.add("Accept-Encoding")
            return response
        better = None
        if response.status_code == 200 and response.mimetype in COMPRESSIBLE:
            # A file is sent in chunks: read whole, it is compressed once and kept, not chunk by chunk each time.
            response.direct_passthrough = False
            body = response.get_data()
            better = None if current_app.debug else best.find(served_file(request.path), body)
        etag, weak = response.get_etag()
        response = compress.after_request(response)
        if better is not None and response.headers.get("Content-Encoding") == "br":
            response.set_data(better)
            if etag and not weak:  # other bytes than quality 5's: another ETag
                response.set_etag(f"{etag}:br{BEST_BROTLI_QUALITY}")
        return response

    return best


def page_paths(client: FlaskClient) -> list[str]:
    """What the page names for the browser to load: its scripts, stylesheet and icon."""
    return re.findall(r'(?:src|href)="(/[^"]+)"', client.get("/").get_data(as_text=True))


def warm_up(server: Flask, extra_paths: list[str]) -> None:
    """Ask for everything a page loads, in each encoding, so that every copy is made (and the downloads
    built) before the first reader comes: run by a server before it says ready (and before gunicorn
    forks its workers, which start with them). ``extra_paths``: what the page asks for after it loads."""
    client = server.test_client()
    for path in [*page_paths(client), *extra_paths]:
        for encoding in ALGORITHMS:
            client.get(path, headers={"Accept-Encoding": encoding})


def make_best_copies(server: Flask, folder: Path, extra_paths: list[str]) -> list[str]:
    """Write into ``folder`` the brotli-11 copy of everything a page loads from ``server`` (``extra_paths``:
    what it asks for after it loads) that is not there yet; return the names it tried. Run by the making
    process: plotly.js alone takes 9 s of one core."""
    client = server.test_client()
    makers: dict[str, Callable[[], bytes]] = {}
    named = page_paths(client)
    files = {served_file(path.split("?")[0]) for path in named}
    for path in [*named, *extra_paths]:
        if not has_best_copy(served_file(path.split("?")[0]), files):
            continue
        answer = client.get(path)  # no Accept-Encoding: the bytes themselves
        body = answer.get_data()
        if answer.status_code == 200 and answer.mimetype in COMPRESSIBLE and len(body) >= MIN_COMPRESS_BYTES:
            makers[best_copy_name(body)] = functools.partial(brotli.compress, body, quality=BEST_BROTLI_QUALITY)
    return make_missing(folder, makers)
