"""Making the costly outputs once, in a process of its own beside the server, never in one that serves.

What is made (the first map's pictures and the PDF hand-out, where there is
chromium) goes into the data's cache folder, and the brotli-11 copies of the
page's files into the folder beside it that every data version shares
(dashboard/outputs/cache.py).

``python -m dashboard`` calls :func:`start_making` before it says ready:
the server answers at once and reads the outputs as they arrive; a start
that finds them all made starts nothing. Run as a program
(``python -m dashboard.web.making DATA_DIR FOLDER``), this module is that
process: it builds the app on the data, for chromium to photograph its
first map, prints the hand-out, and compresses what the page loads.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dashboard.model.briefing import load_briefing
from dashboard.outputs.cache import make_missing, missing
from dashboard.outputs.chromium import OneChromium
from dashboard.outputs.firstpaint import PICTURES_FILE, pictures_file, take_pictures
from dashboard.outputs.handout import can_make_handout, handout_pdf
from dashboard.page.paths import HANDOUT_FILE
from dashboard.web.app import DandelionDash, create_app
from dashboard.web.compression import BEST_BROTLI_QUALITY, make_best_copies

# What is made, each a file of the cache folder.
OUTPUTS = [PICTURES_FILE, HANDOUT_FILE]
STOPS = (signal.SIGINT, signal.SIGTERM)
# The making process, and chromium under it, yield the cores to the server: a reader's request comes first.
NICENESS = 10
WATCHED = "watched"  # the making process's last argument when the server watches the data


def makers(app: DandelionDash, data_dir: Path, chromium: OneChromium) -> dict[str, Callable[[], bytes]]:
    """What makes each output, in one ``chromium``: the first map's pictures from ``app`` (built on
    ``data_dir``), the hand-out from the data."""
    return {
        PICTURES_FILE: lambda: pictures_file(take_pictures(app.server, chromium)),
        HANDOUT_FILE: lambda: handout_pdf(load_briefing(data_dir), chromium),
    }


def make_outputs(app: DandelionDash, data_dir: Path) -> list[str]:
    """Make what is missing of ``app``'s outputs (built on ``data_dir``) in this process, one chromium for all;
    return what it tried. Without chromium, nothing."""
    if not can_make_handout():
        return []
    with OneChromium() as chromium:
        return make_missing(app.cache, makers(app, data_dir, chromium))


def start_making(app: DandelionDash, data_dir: Path) -> subprocess.Popen | None:
    """Start making what is missing in ``app``'s cache folder in a process of its own; None when all is
    made (the pictures and hand-out need chromium; the brotli copies are missing that ``app`` looked for,
    as a server's warm-up does, and did not find). What the last start could not make is tried again: a
    server calls :func:`dashboard.outputs.cache.forget_failures` before any reader looks.

    The process is stopped when the one that started it ends (a server
    stopped must not wait for chromium or brotli), not when a forked worker
    does; a stop that comes while it starts (the server says ready just
    before) waits until it is there to be stopped.
    """
    folder = app.cache
    if not (can_make_handout() and missing(folder, OUTPUTS)) and not app.best_copies.missing:
        return None
    owner = os.getpid()
    with stops_deferred():
        # A process group of its own: chromium and playwright's driver are stopped with it.
        child = subprocess.Popen(
            [sys.executable, "-m", "dashboard.web.making", str(data_dir), str(folder), app.frame_ancestors,
             WATCHED if app.watched else ""],
            stdin=subprocess.DEVNULL, process_group=0,
        )  # fmt: skip

        def stop() -> None:
            if os.getpid() == owner:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
                child.wait()

        atexit.register(stop)
    return child


@contextlib.contextmanager
def stops_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, then act on them as their handlers would have. Only the
    main thread hears them, so in another (--watch's, reloading edited data) there is nothing to hold."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {signum: signal.signal(signum, lambda number, _frame: held.append(number)) for signum in STOPS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for number in held:
            signal.raise_signal(number)


def main(data_dir: Path, folder: Path, frame_ancestors: str, watched: bool) -> int:
    """The making process: build the app as the server did, make what is missing (the pictures and the
    hand-out first: readers wait for them), say what was made and how long it took."""
    os.nice(NICENESS)
    started = time.perf_counter()
    app = create_app(data_dir, frame_ancestors, watched, folder)
    tried = make_outputs(app, data_dir)
    if made := [name for name in tried if (folder / name).exists()]:
        print(f"Made {', '.join(made)} in {time.perf_counter() - started:.1f} s, into {folder}", flush=True)
    started = time.perf_counter()
    shared = app.best_copies.folder  # where every server reads them
    copies = make_best_copies(app.server, shared, app.fixed_paths)
    if made_copies := sum((shared / name).exists() for name in copies):
        print(
            f"Made {made_copies} brotli-{BEST_BROTLI_QUALITY} copies of the page's files in"
            f" {time.perf_counter() - started:.1f} s, into {shared}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4] == WATCHED)
    sys.stdout.flush()
    os._exit(code)  # the files are written: not seconds of freeing the app's objects one by one
