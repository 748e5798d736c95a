"""Serve the data as it is edited: reload on change, and keep the last good data on bad edits.

``python -m dashboard --watch`` serves a :class:`ReloadingApp`: it checks the
data folder's files for changes, rebuilds the app from them and swaps it in
when they are valid. When they are not, the problems are reported and the
last good data goes on being served, so an analyst's half-finished edit never
takes the map down.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.validation import DataError, DataProblem

if TYPE_CHECKING:  # Dash is only needed by whoever builds the app
    from dash import Dash

# How often the data folder is looked at, in seconds.
WATCH_INTERVAL_S = 1.0


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

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        return self.app.server(environ, start_response)

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
            return error.problems
        except Exception as error:  # a bug the data exposed must not end the watch: keep the last good app
            where = traceback.extract_tb(error.__traceback__)[-1]
            reason = f"the app could not be built: {type(error).__name__}: {error} ({where.filename}:{where.lineno})"
            return [DataProblem(str(self.data_dir), None, "", "", reason)]
        self.app = app
        return []

    def watch(self, report: Callable[[list[DataProblem]], None], interval_s: float = WATCH_INTERVAL_S) -> None:
        """Look for changes every ``interval_s`` seconds in a daemon thread; ``report`` each outcome."""

        def loop() -> None:
            while True:
                time.sleep(interval_s)
                problems = self.reload_if_changed()
                if problems is not None:
                    report(problems)

        threading.Thread(target=loop, name="dandelion-watch", daemon=True).start()
