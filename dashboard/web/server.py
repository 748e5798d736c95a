"""Hardening and speed for the Flask server under the Dash app.

- Every callback runs in the browser, so a callback request is answered
  before Dash sees it: a 400 with a one-line reason (malformed JSON, an
  unknown output, or an output the browser computes) instead of a 500.
- Every error is answered with one line of JSON: a client's mistake with its
  4xx and reason, a fault of ours with a bare 500 (the traceback goes to the
  log, never to the client). Bodies over ``MAX_REQUEST_BYTES`` get a 413
  before they are read.
- Only what the page uses is served: the page at ``/``, Dash's two answers
  (and its callback path, for the 400 above), the files the page loads (its
  scripts, stylesheet, icon and browser modules; Dash's component files
  under any version mark), the base map, the first map's pictures, the
  downloads, ``/healthz`` and ``/robots.txt``. Anything else is a 404, so that no URL can make the
  server read, compress or keep a file the page does not load.
- The page carries the headers security reviewers check first: a
  Content-Security-Policy that runs only our own scripts and Dash's one
  inline script (by hash) and says who may frame the page, no referrer, and
  no camera, microphone or location; every response carries nosniff.
- Anything with a version in its URL (Dash's fingerprinted scripts, assets
  with ``?m=``, the base map under its digest) is cached for a year as
  immutable; the page, layout and the rest are revalidated on every use, and
  an unchanged one is answered 304 from its ETag.
- The layout and the callback graph, fixed at start-up, are serialized once.
- Responses are compressed for browsers that accept it: static JavaScript,
  CSS, JSON and SVG (the layout too) once per file served and version, then from memory
  (Dash's own ``compress=True`` gzips plotly.js again on every request), in
  brotli once a background thread has made it (the page comes to a fifth
  less than in gzip), in gzip until then; callback answers, which change,
  gzipped on each request.
- The downloads (the data files, the one-file page of dashboard/outputs/delivery.py)
  are built once, by a server before it says ready (elsewhere on first
  request), and served at
  ``/download/<file name>`` with their content hash as ETag. The PDF
  hand-out takes chromium seconds: a child process makes it once, from the
  start, into a file every worker reads (:class:`MadeAside`); until it is
  there a request for it is answered at once (503, try again), and a
  failure is kept and said, not retried on every request.
"""

from __future__ import annotations

import atexit
import contextlib
import gzip
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import brotli
from dash.exceptions import CallbackException, DependencyException, InvalidResourceError
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, abort, current_app, jsonify, redirect, request, send_from_directory
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from dashboard.model.versions import folder_version, version
from dashboard.page.paths import BASE_MAP_PREFIX, DOWNLOAD_PATH, FIRST_MAP_PREFIX

CALLBACK_PATH_SUFFIX = "/_dash-update-component"
DOWNLOAD_PREFIX = "/" + DOWNLOAD_PATH
COMPONENT_PREFIX = "/_dash-component-suites/"
# The paths the page asks for besides its files (and the routes that check their own names below).
PAGE_PATHS = ("/", "/_dash-layout", "/_dash-dependencies", CALLBACK_PATH_SUFFIX, "/healthz", "/robots.txt")
COMPRESSIBLE = (
    "application/javascript", "text/javascript", "text/css", "application/json", "application/geo+json", "text/csv",
    "image/svg+xml", "text/html",  # the page carries its first paint (28 KB, 7 gzipped)
)  # fmt: skip
STATIC_PREFIXES = ("/assets/", COMPONENT_PREFIX, BASE_MAP_PREFIX, FIRST_MAP_PREFIX, DOWNLOAD_PREFIX)
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
MIN_COMPRESS_BYTES = 1024
# While the hand-out is being made (seconds), a browser is told to come back after this long.
RETRY_AFTER_SECONDS = 5
BROTLI_QUALITY = 11
# The page sends no request body (every callback runs in the browser): anything bigger than this is refused unread.
MAX_REQUEST_BYTES = 64 * 1024
MAX_REASON_CHARS = 200
ROBOTS_TXT = "User-agent: *\nAllow: /\n"
# plotly.js sets style attributes and the PNG export draws data: and blob: images;
# scripts stay strict.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# Presenter mode goes full screen; nothing else needs a powerful feature.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)"


def callback_request_problem(body: Any, callback_map: dict) -> str:
    """Why a callback request body is refused: every callback runs in the browser (dashboard/page/callbacks.py)."""
    if not isinstance(body, dict):
        return "the request body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return f"unknown callback output {output!r}"
    return f"{output!r} is computed in the browser, not on the server"


def guard_callback_requests(server: Flask, callback_map: dict) -> None:
    """Answer every callback request with a 400 saying why, before Dash dispatches it."""

    @server.before_request
    def _check_callback_request():
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH_SUFFIX):
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nested deeper than Python's json can parse
            body = None
        if body is None:
            return error_response(400, "the request body is not valid JSON")
        return error_response(400, callback_request_problem(body, callback_map))


def error_response(status: int, reason: str) -> tuple[Response, int]:
    """One line of JSON: ``{"error": "bad request", "reason": "..."}``."""
    line = " ".join(str(reason).split())[:MAX_REASON_CHARS]
    return jsonify(error=HTTP_STATUS_CODES.get(status, "error").lower(), reason=line), status


def answer_errors_in_json(server: Flask) -> None:
    """Client errors as 4xx with a reason, anything else as a 500 that says nothing.

    Dash raises its own exceptions for requests it cannot serve (a callback
    body that does not fit, a script path that is not one of its files):
    those are the client's, so 400 and 404. Werkzeug's HTTP errors keep their
    status. Every other exception is ours: logged with its traceback, and the
    client learns only that it happened.
    """
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES

    @server.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        return error_response(error.code or 500, error.description or error.name)

    @server.errorhandler(CallbackException)
    def _callback_error(_error: CallbackException):
        return error_response(400, "the request does not fit the callback")

    @server.errorhandler(DependencyException)
    @server.errorhandler(InvalidResourceError)
    def _no_such_file(_error: Exception):
        return error_response(404, "no such file")

    @server.errorhandler(Exception)
    def _server_error(error: Exception):
        server.logger.exception("unexpected error on %s %s", request.method, request.path, exc_info=error)
        return error_response(500, "the server could not answer this request")


def answer_once(server: Flask, endpoint: str) -> None:
    """Compute a GET answer that cannot change while the server runs once, then send it from memory.

    Dash serializes its layout (375 KB of JSON, tens of milliseconds) on every
    page load; the layout is fixed at start-up. The ETag lets serve_compressed
    compress it once too, and browsers revalidate it with a 304.
    """
    view = server.view_functions[endpoint]
    answer: dict[str, Any] = {}

    def fixed_answer() -> Response:
        if not answer:
            body = cast(Response, view()).get_data()  # Dash's layout and dependency views return a Response
            answer.update(body=body, etag=version(body))
        response = Response(answer["body"], mimetype="application/json")
        response.set_etag(answer["etag"])
        return response

    server.view_functions[endpoint] = fixed_answer


class Compressor:
    """Compressed copies of fixed bodies: gzip at once, brotli (a fifth smaller, but about 6 s
    of one core for the page's files at its best level) in a background thread.

    Until a body's brotli copy is ready, browsers that accept it get the gzip
    one. The thread is started per process on first need, so that each of
    gunicorn's forked workers has its own; it is a daemon, so that a server
    told to stop does not wait for copies it will never send.
    """

    def __init__(self) -> None:
        self.gzip: dict[tuple[str, str], bytes] = {}
        self.brotli: dict[tuple[str, str], bytes] = {}
        self._queued: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._work: tuple[int, queue.SimpleQueue[tuple[tuple[str, str], bytes]]] | None = None

    def gzipped(self, key: tuple[str, str], data: bytes) -> bytes:
        if key not in self.gzip:
            self.gzip[key] = gzip.compress(data, compresslevel=9)
        return self.gzip[key]

    def brotli_or_none(self, key: tuple[str, str], data: bytes) -> bytes | None:
        """The brotli copy if it is ready; otherwise start making it and return None."""
        if key in self.brotli:
            return self.brotli[key]
        with self._lock:
            if key not in self._queued:
                self._queued.add(key)
                self._queue().put((key, data))
        return None

    def _make_brotli(self, work: queue.SimpleQueue[tuple[tuple[str, str], bytes]]) -> None:
        while True:
            key, data = work.get()
            self.brotli[key] = brotli.compress(data, quality=BROTLI_QUALITY)

    def _queue(self) -> queue.SimpleQueue[tuple[tuple[str, str], bytes]]:
        if self._work is None or self._work[0] != os.getpid():  # a forked worker starts its own
            self._queued = {key for key in self._queued if key in self.brotli}
            self._work = (os.getpid(), queue.SimpleQueue())
            threading.Thread(target=self._make_brotli, args=(self._work[1],), name="brotli", daemon=True).start()
        return self._work[1]


def _accepts(encoding: str) -> bool:
    """Does the browser take ``encoding`` (``q=0`` means it does not)?"""
    return request.accept_encodings[encoding] > 0


def served_file(path: str) -> str:
    """The file a path names: Dash's component files without their version mark, anything else as it is."""
    return check_fingerprint(path)[0] if path.startswith(COMPONENT_PREFIX) else path


def serve_only(server: Flask, files: set[str]) -> None:
    """404 for every path the page does not use; ``files``: the files it loads (as :func:`served_file` names them),
    read on each request (so it may be filled after this, from the page).

    The routes for the base map, the first map's pictures and the downloads
    check their own file names. Dash's debug server (``--debug``) loads other
    files and is left alone.
    """
    own_names = {"_base_map", "_first_map", "_download"}

    @server.before_request
    def _only_what_the_page_uses():
        if current_app.debug or request.endpoint in own_names:
            return None
        if request.path in PAGE_PATHS or served_file(request.path) in files:
            return None
        return error_response(404, "no such file")


def serve_compressed(server: Flask) -> None:
    """Compress text responses: files and fixed answers once per version (brotli
    when the browser accepts it and it is ready, else gzip), the rest each time (gzip)."""
    compressor = Compressor()

    @server.after_request
    def _compress(response: Response) -> Response:
        if (
            response.status_code != 200
            or not _accepts("gzip")
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
        ):
            return response
        response.direct_passthrough = False
        tag = response.get_etag()[0]
        encoding, body = "gzip", None
        if tag or request.path.startswith(STATIC_PREFIXES):
            # Keyed by the file, never by the URL asked for: serve_only lets through a bounded set of files.
            key = (served_file(request.path), tag or str(response.content_length))
            data = response.get_data()
            if _accepts("br"):
                body = compressor.brotli_or_none(key, data)
                encoding = "br" if body is not None else "gzip"
            if body is None:
                body = compressor.gzipped(key, data)
        else:
            data = response.get_data()
            if len(data) < MIN_COMPRESS_BYTES:
                return response
            body = gzip.compress(data, compresslevel=6)
        response.set_data(body)
        tag, weak = response.get_etag()
        if tag:  # another representation of the file, so another tag (and 304 from answer_conditional_requests)
            response.set_etag(f"{tag}-{encoding}", weak=bool(weak))
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        return response


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


class MadeAside:
    """A costly file made once by a child process, started with the server (or on the first request for
    it), into a folder that every process of the server (gunicorn's forked workers too) reads.

    ``command`` is run with the file's path appended; it writes the file
    whole (a temporary name, then renamed), or ``<path>.failed`` holding why
    not (see dashboard/model/files.py make_file). A request never waits for it: :meth:`data`
    is the file, or (why not, whether to try again): while it is made, or
    once it failed (kept: said once in the log, never tried again).
    """

    def __init__(self, media_type: str, name: str, command: list[str]) -> None:
        self.media_type = media_type
        self.name = name
        self._command = command
        self._path: Path | None = None  # set when started: a folder of its own
        self._data: bytes | None = None
        self._failure: str | None = None

    def start(self) -> Path:
        """Start making the file, once (a server starts it before gunicorn forks its workers); the child is
        stopped, and its folder removed, when the process that started it ends. Returns where it will be."""
        if self._path is not None:
            return self._path
        folder = Path(tempfile.mkdtemp(prefix="dandelion-"))
        self._path = folder / self.name
        owner = os.getpid()
        # A process group of its own: chromium and playwright's driver are stopped with it.
        child = subprocess.Popen(
            [*self._command, str(self._path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, process_group=0,
        )  # fmt: skip

        def clean_up() -> None:
            if os.getpid() == owner:  # not in a forked worker that inherited this
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                shutil.rmtree(folder, ignore_errors=True)

        atexit.register(clean_up)
        return self._path

    def data(self) -> bytes | tuple[str, bool]:
        if self._data is None and self._failure is None:
            path = self.start()
            failed = path.with_name(path.name + ".failed")
            if path.exists():
                self._data = path.read_bytes()
            elif failed.exists():
                self._failure = failed.read_text(encoding="utf-8").strip() or "unknown reason"
                print(f"{self.name} could not be made: {self._failure}", file=sys.stderr, flush=True)
        if self._data is not None:
            return self._data
        if self._failure is not None:
            return f"{self.name} could not be made on this server", False
        return f"{self.name} is being made: try again in a few seconds", True


def serve_downloads(server: Flask, files: dict[str, Download | MadeAside]) -> None:
    """Serve ``files`` (file name -> Download or MadeAside) at /download/<file name>.

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


def content_security_policy(script_hashes: Sequence[str], frame_ancestors: str) -> str:
    """The CSP header: our own scripts, the inline ones listed by hash, framing as given."""
    policy = dict(CONTENT_SECURITY_POLICY)
    policy["script-src"] = " ".join([policy["script-src"], *script_hashes])
    policy["frame-ancestors"] = frame_ancestors
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def send_security_headers(server: Flask, script_hashes: Sequence[str], frame_ancestors: str) -> None:
    """Add the security headers: nosniff to every response, the rest to the page.

    A browser applies a content, referrer or permissions policy only to a
    document; sent with every script too they would add 0.5 KB to each of
    the page's 18 requests.
    ``frame_ancestors`` is a CSP source list: ``'self'`` (default) lets only
    this site frame the map, ``'none'`` no one, ``'self' https://example.org``
    also that site.
    """
    page_headers = {
        "Content-Security-Policy": content_security_policy(script_hashes, frame_ancestors),
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }

    @server.after_request
    def _security_headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        if response.mimetype == "text/html":
            response.headers.update(page_headers)
        return response


def has_version(path: str, args: dict) -> bool:
    """Does this URL name one version of a file, so that its content never changes?"""
    if path.startswith("/_dash-component-suites/"):
        return check_fingerprint(path)[1]
    if path.startswith("/assets/"):
        return "m" in args  # Dash adds the file's modification time
    if path == "/_favicon.ico":
        return "v" in args  # Dash's version
    # The old base-map digests redirect (see serve_base_map); a picture's name has its digest.
    return path.startswith((BASE_MAP_PREFIX, FIRST_MAP_PREFIX))


def set_cache_lifetimes(server: Flask) -> None:
    """A year, immutable, for versioned URLs; revalidate everything else a browser may keep."""

    @server.after_request
    def _cache_control(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code not in (200, 304):
            return response
        response.headers["Cache-Control"] = IMMUTABLE if has_version(request.path, request.args) else REVALIDATE
        return response


def answer_conditional_requests(server: Flask) -> None:
    """Give every GET answer an ETag and answer 304 when the browser has it already.

    Register this before the handlers that change the body (gzip): Flask runs
    ``after_request`` functions last-registered first, so this one sees the
    body as sent.
    """

    @server.after_request
    def _conditional(response: Response) -> Response:
        # Dash's page carries a token signed for each load, so it never matches.
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.mimetype == "text/html":
            return response
        if not response.get_etag()[0]:
            response.add_etag()
        return cast(Response, response.make_conditional(request))


def serve_base_map(server: Flask, folder: Path) -> str:
    """Serve the base-map TopoJSON under its digest; return the URL plotly.js is given.

    plotly.js appends the file name to the URL it is given, so the version
    goes in the path. A request for an older digest is sent to the current one.
    """
    digest = folder_version(folder)
    names = {path.name for path in folder.iterdir() if path.is_file()}

    @server.route(f"{BASE_MAP_PREFIX}<version>/<path:filename>")
    def _base_map(version: str, filename: str):
        if filename not in names:
            abort(404)
        if version != digest:
            return redirect(f"{BASE_MAP_PREFIX}{digest}/{filename}")
        return send_from_directory(folder, filename)

    return f"{BASE_MAP_PREFIX}{digest}/"


def answer_health_checks(server: Flask) -> None:
    """``/healthz``: 200 and one line of JSON while this process can serve, for load balancers."""

    @server.route("/healthz")
    def _healthz():
        return jsonify(status="ok")


def answer_robots(server: Flask) -> None:
    """``/robots.txt``: the map is public, every page may be indexed (without it Dash answers with the page)."""

    @server.route("/robots.txt")
    def _robots():
        return Response(ROBOTS_TXT, mimetype="text/plain")


def precompress(server: Flask, extra_paths: list[str], brotli_too: bool) -> None:
    """Fill serve_compressed's gzip cache before the first reader comes: every script and
    stylesheet the page names. ``brotli_too``: start its brotli thread on them too (about 6 s
    of one core), as a server does; otherwise it starts when a browser first asks for brotli.

    Run in the parent process before gunicorn forks, so that every worker
    starts with the gzipped files (plotly.js takes ~0.1 s at level 9).
    """
    client = server.test_client()
    page = client.get("/").get_data(as_text=True)
    for path in [*re.findall(r'(?:src|href)="(/[^"]+)"', page), *extra_paths]:
        client.get(path, headers={"Accept-Encoding": "gzip, br" if brotli_too else "gzip"})
