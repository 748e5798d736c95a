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
- Responses are compressed (dashboard/web/compression.py); the downloads are
  served by dashboard/web/downloads.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from dash.exceptions import CallbackException, DependencyException, InvalidResourceError
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, abort, current_app, jsonify, redirect, request, send_from_directory
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from dashboard.model.versions import folder_version, version
from dashboard.page.paths import BASE_MAP_PREFIX, FIRST_MAP_PREFIX

CALLBACK_PATH_SUFFIX = "/_dash-update-component"
COMPONENT_PREFIX = "/_dash-component-suites/"
# The paths the page asks for besides its files (and the routes that check their own names below).
PAGE_PATHS = ("/", "/_dash-layout", "/_dash-dependencies", CALLBACK_PATH_SUFFIX, "/healthz", "/robots.txt")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
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
    page load; the layout is fixed at start-up. Its compressed copies are
    made once too (dashboard/web/compression.py), and browsers revalidate it
    with a 304 from its ETag.
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
