"""The downloads, at ``/download/<file name>``.

The data files and the one-file page are built once by the server; the PDF
hand-out is read from the costly outputs' cache (dashboard/outputs/cache.py).

Each is served with its content's version as ETag, so a browser gets a new
file only when the data changed. The hand-out takes chromium seconds, made
once aside (dashboard/web/making.py): until it is in the cache a request for
it is answered at once (503, try again), and a failure is kept and said, not
retried on every request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, abort, request

from dashboard.model.versions import version
from dashboard.outputs.cache import failure_path
from dashboard.page.paths import DOWNLOAD_PATH
from dashboard.web.server import error_response

DOWNLOAD_PREFIX = "/" + DOWNLOAD_PATH
# While the hand-out is being made (seconds), a browser is told to come back after this long.
RETRY_AFTER_SECONDS = 5


class Download:
    """A file made once (the data files, the one-file page: under a second to a few), then served from memory."""

    def __init__(self, media_type: str, build: Callable[[], bytes]):
        self.media_type = media_type
        self._build = build
        self._data: bytes | None = None
        self._lock = threading.Lock()

    def data(self) -> bytes:
        with self._lock:  # one build, however many ask at once
            if self._data is None:
                self._data = self._build()
            return self._data


class Cached:
    """A costly file made aside into the cache folder (dashboard/outputs/cache.py), which every process
    of the server reads. A request never waits for it: :meth:`data` is the file, or (why not, whether to
    try again): while it is made, or once it failed (kept: the making said why in the log)."""

    def __init__(self, media_type: str, path: Path) -> None:
        self.media_type = media_type
        self.path = path
        self._data: bytes | None = None
        self._failed = False

    def data(self) -> bytes | tuple[str, bool]:
        if self._data is None and not self._failed:
            if self.path.exists():
                self._data = self.path.read_bytes()
            else:
                self._failed = failure_path(self.path).exists()
        if self._data is not None:
            return self._data
        if self._failed:
            return f"{self.path.name} could not be made on this server", False
        return f"{self.path.name} is being made: try again in a few seconds", True


def serve_downloads(server: Flask, files: dict[str, Download | Cached]) -> None:
    """Serve ``files`` (file name -> Download or Cached) at /download/<file name>.

    The ETag is the content's version, so a browser revalidates and gets a
    new file only when the data changed; an unknown name is a 404; a file
    not made (yet) a 503 at once.
    """

    @server.get(DOWNLOAD_PREFIX + "<name>")
    def _download(name: str):
        if name not in files:
            abort(404)
        data, media_type = files[name].data(), files[name].media_type
        if isinstance(data, tuple):
            reason, later = data
            answer, status = error_response(503, reason)
            if later:
                answer.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            answer.headers["Cache-Control"] = "no-store"
            return answer, status
        response = Response(data, content_type=media_type)
        response.set_etag(version(data))
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response.make_conditional(request)
