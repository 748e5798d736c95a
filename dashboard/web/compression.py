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

Brotli at quality 5: plotly.js in 0.14 s of one core, 11 % larger than at
quality 11, which takes 9 s.
"""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, request
from flask_compress import Compress

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
GZIP_LEVEL = 9
# Fixed answers besides the files the page loads; the routes under these prefixes answer only their own names.
FIXED_PATHS = ("/_dash-layout", "/_dash-dependencies")
FIXED_PREFIXES = (BASE_MAP_PREFIX, FIRST_MAP_PREFIX, DOWNLOAD_PREFIX)


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
        path = key.split(";", 1)[1]
        if path in self.files or path in FIXED_PATHS or path.startswith(FIXED_PREFIXES):
            self.copies[key] = value


def serve_compressed(server: Flask, files: set[str]) -> None:
    """Compress text responses; keep the copies of fixed ones (see :class:`KeptCopies`)."""
    server.config.update(
        COMPRESS_REGISTER=False,
        COMPRESS_ALGORITHM=list(ALGORITHMS),
        COMPRESS_BR_LEVEL=BROTLI_QUALITY,
        COMPRESS_LEVEL=GZIP_LEVEL,
        COMPRESS_MIN_SIZE=MIN_COMPRESS_BYTES,
        COMPRESS_MIMETYPES=list(COMPRESSIBLE),
        COMPRESS_CACHE_BACKEND=lambda: KeptCopies(files),
        COMPRESS_CACHE_KEY=lambda asked: "debug" if current_app.debug else served_file(asked.path),
    )
    compress = Compress(server)

    @server.after_request
    def _compress(response: Response) -> Response:
        # Flask-Compress takes an encoding the browser gives q=0 as one it accepts.
        if not any(request.accept_encodings[encoding] > 0 for encoding in ALGORITHMS):
            response.vary.add("Accept-Encoding")
            return response
        if response.status_code == 200 and response.mimetype in COMPRESSIBLE:
            # A file is sent in chunks: read whole, it is compressed once and kept, not chunk by chunk each time.
            response.direct_passthrough = False
            response.get_data()
        return compress.after_request(response)


def warm_up(server: Flask, extra_paths: list[str]) -> None:
    """Ask for everything a page loads, in each encoding, so that every copy is made (and the downloads
    built) before the first reader comes: run by a server before it says ready (and before gunicorn
    forks its workers, which start with them). ``extra_paths``: what the page asks for after it loads."""
    client = server.test_client()
    page = client.get("/").get_data(as_text=True)
    for path in [*re.findall(r'(?:src|href)="(/[^"]+)"', page), *extra_paths]:
        for encoding in ALGORITHMS:
            client.get(path, headers={"Accept-Encoding": encoding})
