"""Hardening and speed for the Flask server under the Dash app.

- Callback requests are checked for shape before Dash sees them: malformed
  JSON, an unknown output, or inputs that do not match the callback get a 400
  with a one-line reason instead of a 500.
- Responses are gzipped for browsers that accept it: static JavaScript, CSS
  and JSON once per file, then from memory (Dash's own ``compress=True``
  gzips plotly.js again on every request); the layout and callback JSON, which
  change, on each request.
- The data downloads (dashboard/exports.py) are built once and served at
  ``/download/<file name>`` with their content hash as ETag.
"""

from __future__ import annotations

import gzip
from typing import Any

from flask import Flask, Response, abort, jsonify, request

from dashboard.exports import version

CALLBACK_PATH_SUFFIX = "/_dash-update-component"
DOWNLOAD_PREFIX = "/download/"
COMPRESSIBLE = (
    "application/javascript", "text/javascript", "text/css", "application/json", "application/geo+json", "text/csv"
)  # fmt: skip
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", DOWNLOAD_PREFIX)
MIN_COMPRESS_BYTES = 1024


def _same_dependencies(sent: Any, declared: list[dict]) -> bool:
    """Do the sent inputs (or state) name exactly the declared id/property pairs?"""
    if not isinstance(sent, list) or len(sent) != len(declared):
        return False
    for item, spec in zip(sent, declared, strict=True):
        if not isinstance(item, dict) or item.get("id") != spec["id"] or item.get("property") != spec["property"]:
            return False
    return True


def callback_request_problem(body: Any, callback_map: dict) -> str | None:
    """Why a callback request body cannot be dispatched, or None if it can."""
    if not isinstance(body, dict):
        return "the request body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return f"unknown callback output {output!r}"
    spec = callback_map[output]
    if "callback" not in spec:
        return f"{output!r} is computed in the browser, not on the server"
    if not _same_dependencies(body.get("inputs"), spec["inputs"]):
        return "the inputs do not match the callback"
    if not _same_dependencies(body.get("state", []), spec["state"]):
        return "the state does not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        return "changedPropIds must be a list of strings"
    if not isinstance(body.get("outputs", {}), (dict, list)):
        return "outputs must be an object or a list"
    return None


def guard_callback_requests(server: Flask, callback_map: dict) -> None:
    """Answer malformed callback requests with 400 before Dash dispatches them."""

    @server.before_request
    def _check_callback_request():
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH_SUFFIX):
            return None
        body = request.get_json(silent=True)
        problem = callback_request_problem(body, callback_map)
        if body is None:
            problem = "the request body is not valid JSON"
        if problem:
            return jsonify(error="bad request", reason=problem), 400
        return None

    @server.errorhandler(400)
    def _bad_request(error):
        return jsonify(error="bad request", reason=getattr(error, "description", "")), 400


def serve_gzipped(server: Flask) -> None:
    """gzip text responses: static files once per version, the rest each time."""
    cache: dict[tuple[str, str], bytes] = {}

    @server.after_request
    def _gzip(response: Response) -> Response:
        if (
            response.status_code != 200
            or "gzip" not in request.headers.get("Accept-Encoding", "")
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
        ):
            return response
        response.direct_passthrough = False
        if request.path.startswith(STATIC_PREFIXES):
            key = (request.path, response.get_etag()[0] or str(response.content_length))
            if key not in cache:
                cache[key] = gzip.compress(response.get_data(), compresslevel=9)
            body = cache[key]
        else:
            data = response.get_data()
            if len(data) < MIN_COMPRESS_BYTES:
                return response
            body = gzip.compress(data, compresslevel=6)
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        return response


def serve_downloads(server: Flask, files: dict[str, tuple[bytes, str]]) -> None:
    """Serve ``files`` (file name -> bytes, media type) at /download/<file name>.

    The ETag is the content's version, so a browser revalidates and gets
    a new file only when the data changed; an unknown name is a 404.
    """

    @server.get(DOWNLOAD_PREFIX + "<name>")
    def _download(name: str):
        if name not in files:
            abort(404)
        data, media_type = files[name]
        response = Response(data, content_type=media_type)
        response.set_etag(version(data))
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response.make_conditional(request)
