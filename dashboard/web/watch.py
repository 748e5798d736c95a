"""Serve the data as it is edited: reload on change, and keep the last good data on bad edits.

``python -m dashboard --watch`` serves a :class:`ReloadingApp`: it checks the
data folder's files for changes, rebuilds the app from them and swaps it in
when they are valid. When they are not, the problems are reported and the
last good data goes on being served, so an analyst's half-finished edit never
takes the map down. Open pages ask :data:`STATUS_PATH` what is served: they
show the problems, or offer the new data once it is in place.
"""

from __future__ import annotations

import json
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.model.validation import DataError, DataProblem

if TYPE_CHECKING:  # Dash is only needed by whoever builds the app
    from dash import Dash

# How often the data folder is looked at, in seconds.
WATCH_INTERVAL_S = 1.0
# Where open pages read the version of the data served and the last reload's problems.
STATUS_PATH = "/_dandelion/data-status"


def data_stamp(data_dir: Path) -> tuple:
    """What changes when any data file is edited, added or removed: paths, sizes, modification times."""
    stamp = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            info = path.stat()
            stamp.append((str(path.relative_to(data_dir)), info.st_size, info.st_mtime_ns))
    return tuple(stamp)


class ReloadingApp:
    """A WSGI application that serves the latest valid build of the data folder."""

    def __init__(self, data_dir: Path, build: Callable[[Path], Dash]):
        """Build from ``data_dir`` once; bad data raises DataError here, so a server never starts on it."""
        self.data_dir = Path(data_dir)
        self.build = build
        self.stamp = data_stamp(self.data_dir)
        self.app = build(self.data_dir)
        self.problems: list[DataProblem] = []

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == STATUS_PATH:
            body = json.dumps(self.status).encode()
            headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store")]
            headers += [("X-Content-Type-Options", "nosniff"), ("Content-Length", str(len(body)))]
            start_response("200 OK", headers)
            return [body]
        return self.app.server(environ, start_response)

    @property
    def status(self) -> dict:
        """The version of the data served (dashboard/model/versions.py, as the page's config has it) and the problems
        that kept the last edit out, each as file:line: record: field: reason."""
        return {"version": self.app.data_version, "problems": [str(problem) for problem in self.problems]}

    def reload_if_changed(self) -> list[DataProblem] | None:
        """None if nothing changed; otherwise the new data's problems ([] when it was loaded).

        On problems the app built from the last good data stays in place.
        """
        stamp = data_stamp(self.data_dir)
        if stamp == self.stamp:
            return None
        self.stamp = stamp
        try:
            app = self.build(self.data_dir)
        except DataError as error:
            self.problems = error.problems
        except Exception as error:  # a bug the data exposed must not end the watch: keep the last good app
            where = traceback.extract_tb(error.__traceback__)[-1]
            reason = f"the app could not be built: {type(error).__name__}: {error} ({where.filename}:{where.lineno})"
            self.problems = [DataProblem(str(self.data_dir), None, "", "", reason)]
        else:
            self.app = app
            self.problems = []
        return self.problems

    def watch(self, report: Callable[[list[DataProblem]], None], interval_s: float = WATCH_INTERVAL_S) -> None:
        """Look for changes every ``interval_s`` seconds in a daemon thread; ``report`` each outcome."""

        def loop() -> None:
            while True:
                time.sleep(interval_s)
                try:
                    problems = self.reload_if_changed()
                except OSError as error:  # a file renamed or removed mid-look: look again next time
                    problems = [DataProblem(str(self.data_dir), None, "", "", f"could not be read: {error}")]
                if problems is not None:
                    report(problems)

        threading.Thread(target=loop, name="dandelion-watch", daemon=True).start()
