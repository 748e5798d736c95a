"""Command line: ``python -m dashboard [run|check|export] [options]``.

python -m dashboard                     serve on http://127.0.0.1:8050
python -m dashboard --port 9000 --data DIR
python -m dashboard --workers 2         two processes (gunicorn), for a crowd
python -m dashboard --watch             reload the data when a file changes; keep the last good data on bad edits
python -m dashboard check [--data DIR]  validate the data and exit
python -m dashboard export KIND OUT     write the data (csv, geojson, zip) to OUT
python -m dashboard export pdf OUT.pdf [--notes] [--size a4|letter|16:9]   the story as a hand-out
python -m dashboard export slides DIR   the story as one 1920x1080 PNG a step
python -m dashboard export site DIR     the page as a folder any static web host serves
python -m dashboard export html OUT.html  the page as one file that works offline, from a disk
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import time
from pathlib import Path
from typing import cast

from dashboard.figures.style import PAGE_SIZES
from dashboard.model.briefing import DEFAULT_DATA_DIR, Briefing, load_briefing
from dashboard.model.files import write_atomically
from dashboard.model.validation import DataError
from dashboard.outputs.exports import DATA_FILES

EXIT_BAD_DATA = 2
EXIT_CANNOT_WRITE = 1
EXIT_PORT_IN_USE = 3
EXIT_UNSAFE = 4
EXPORT_KINDS = {
    "csv": "the figures and derived metrics as a table (UTF-8 CSV)",
    "geojson": "countries with their figures and every layer's features",
    "zip": "a data package: CSV, GeoJSON, sources and a README",
    "pdf": "the story as a hand-out: cover, a page a step, sources",
    "slides": "the story as one 1920x1080 PNG a step, in the folder OUT",
    "site": "the page as a folder OUT that any static web host serves (no Python)",
    "html": "the page as one HTML file that opens from a disk with no network",
}


def _seconds(text: str) -> float:
    """A positive number of seconds, for argparse."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return seconds


def _add_options(parser: argparse.ArgumentParser, server: bool, top: bool) -> None:
    """--data (and the server's options) on the main parser and on a subcommand.

    A subcommand's options default to SUPPRESS so that they do not undo the
    same option given before the subcommand's name.
    """

    def default(value):
        return value if top else argparse.SUPPRESS

    parser.add_argument("--data", type=Path, default=default(DEFAULT_DATA_DIR), help="data folder (default: geodata/)")
    if not server:
        return
    parser.add_argument("--host", default=default("127.0.0.1"), help="address to listen on (default: 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=default(8050), help="port (default: 8050; 0: a free one, named when ready)"
    )
    parser.add_argument("--threads", type=int, default=default(8), help="threads per process (default: 8)")
    parser.add_argument(
        "--workers",
        type=int,
        default=default(1),
        help="processes; more than 1 runs gunicorn's pre-fork server (default: 1, waitress)",
    )
    parser.add_argument(
        "--request-deadline",
        type=_seconds,
        default=default(None),
        metavar="SECONDS",
        help="how long a request's header and body may take to arrive, from its first byte; a client still"
        " sending after that is closed (one process: with --workers, deploy/nginx.conf's client_header_timeout"
        " does this; default: 10)",
    )
    parser.add_argument(
        "--behind-proxy",
        action="store_true",
        default=default(False),
        help="with --workers on an address other machines reach: only a reverse proxy that buffers slow clients"
        " (deploy/nginx.conf) sends requests here",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        default=default(False),
        help="reload the data when a file in it changes; on bad data keep serving the last good data"
        " (one process: not with --workers or --debug)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=default(None),
        help="folder for what is made once for the data and the code: the first map's pictures and the hand-out"
        " (default: $XDG_CACHE_HOME/dandelion, else ~/.cache/dandelion)",
    )
    parser.add_argument(
        "--frame-ancestors",
        default=default(None),
        help="sites that may embed the map in a frame, as a CSP source list (default: 'self')",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default(False),
        help="Dash dev tools and reloader; shows tracebacks to anyone who can reach the port",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Dandelion briefing map")
    _add_options(parser, server=True, top=True)
    commands = parser.add_subparsers(dest="command", metavar="{run,check,export}")
    _add_options(commands.add_parser("run", help="serve the map (the default)"), server=True, top=False)
    _add_options(commands.add_parser("check", help="validate the data and exit"), server=False, top=False)
    kinds = "; ".join(f"{kind}: {what}" for kind, what in EXPORT_KINDS.items())
    export = commands.add_parser("export", help="write a download to a file", description=kinds)
    export.add_argument("kind", choices=EXPORT_KINDS, help="what to write")
    export.add_argument("out", type=Path, help="the file to write (for slides and site: the folder)")
    export.add_argument("--notes", action="store_true", help="pdf: add each step's speaker notes")
    export.add_argument(
        "--force", action="store_true", help="site: write into a folder that has other files (none is removed)"
    )
    export.add_argument("--size", choices=PAGE_SIZES, default="a4", help="pdf: page size (default: a4 landscape)")
    _add_options(export, server=False, top=False)
    return parser


def report_problems(error: DataError, data_dir: Path) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} in {data_dir}", file=sys.stderr)


def export(briefing: Briefing, args: argparse.Namespace) -> int:
    """Write one download to ``args.out``; say what was written, or why it could not be."""
    started = time.perf_counter()
    out: Path = args.out
    try:
        if args.kind in DATA_FILES:
            data = DATA_FILES[args.kind].build(briefing)
            write_atomically(out, data)
            print(f"wrote {out} ({len(data) / 1024:.1f} KiB)")
            return 0
        if args.kind in ("site", "html"):
            return deliver(briefing, args, started)
        from dashboard.outputs.chromium import ExportError  # chromium is only needed here
        from dashboard.outputs.handout import export_pdf, export_slides

        try:
            if args.kind == "pdf":
                made = export_pdf(briefing, out, args.size, args.notes)
                what = f"{out} ({made.pages} pages, {out.stat().st_size / 1024:.0f} KiB)"
            else:
                made = export_slides(briefing, out)
                what = f"{made.pages} slides to {out}"
        except ExportError as error:
            print(f"cannot make {out}: {error}", file=sys.stderr)
            return EXIT_CANNOT_WRITE
    except OSError as error:
        print(f"cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    print(f"wrote {what} in {time.perf_counter() - started:.1f} s")
    return 0


def deliver(briefing: Briefing, args: argparse.Namespace, started: float) -> int:
    """Write the page as a static site or as one file; say how big, and how long it took."""
    from dashboard.outputs.delivery import ONE_FILE_BUDGET, export_site, one_file, site_files
    from dashboard.page.paths import HANDOUT_FILE
    from dashboard.web.app import create_app  # Dash is only needed here
    from dashboard.web.making import make_outputs

    out: Path = args.out
    if args.kind == "site" and not args.force and site_files(out) is None:
        print(
            f"cannot write {out}: it has files that export site did not write; choose an empty or new folder,"
            " or add --force to write beside them",
            file=sys.stderr,
        )
        return EXIT_CANNOT_WRITE
    app = create_app(args.data)
    if args.kind == "site":
        # The first map's pictures beside the page (the one file has none) and the hand-out: from the cache,
        # made here if missing (a command that ends when done has no reason to make them aside).
        make_outputs(app, args.data)
        pdf = app.cache / HANDOUT_FILE
        handout = pdf.read_bytes() if pdf.exists() else None
        written = export_site(app, out, handout, force=args.force)
        what = f"{written.files} files to {out} ({written.size / 1e6:.2f} MB)"
        if handout is None:
            what += "; no PDF hand-out and no still picture of the first map (no chromium here to make them)"
    else:
        data = one_file(app)
        write_atomically(out, data)
        what = f"{out} ({len(data) / 1e6:.2f} MB of a {ONE_FILE_BUDGET / 1e6:.1f} MB budget)"
    print(f"wrote {what} in {time.perf_counter() - started:.1f} s")
    return 0


def report_reload(problems: list, data_dir: Path) -> None:
    """What --watch prints after a change: reloaded, or the problems and that the last good data stays."""
    if not problems:
        print(f"Reloaded the data in {data_dir}.", flush=True)
        return
    report_problems(DataError(problems), data_dir)
    print("Still serving the last good data: fix the problems above and save again.", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "export" and args.kind != "pdf" and (args.notes or args.size != "a4"):
        parser.error("--notes and --size are for export pdf")
    if args.command == "export" and args.kind != "site" and args.force:
        parser.error("--force is for export site")
    if args.command == "export" and args.kind not in ("slides", "site") and not args.out.parent.is_dir():
        print(f"cannot write {args.out}: no folder {args.out.parent}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    if args.watch and (args.workers > 1 or args.debug):
        parser.error("--watch reloads the data in one process: not with --workers or --debug")
    if getattr(args, "request_deadline", None) and (args.workers > 1 or args.debug):
        parser.error("--request-deadline is for one process: with --workers, nginx's client_header_timeout is it")
    if args.command in ("check", "export"):
        try:
            briefing = load_briefing(args.data)
        except DataError as error:
            report_problems(error, args.data)
            return EXIT_BAD_DATA
        if args.command == "export":
            return export(briefing, args)
        counts = (
            f"{len(briefing.figures)} figures, {len(briefing.sources)} sources, {len(briefing.countries)} countries,"
            f" {len(briefing.layers)} layers, {len(briefing.story)} story steps"
        )
        print(f"ok: {counts} in {args.data}")
        return 0

    return serve(args)


def serve(args: argparse.Namespace) -> int:
    """Bind the port, build the app, say where it is, serve until stopped."""
    from dashboard.outputs.cache import cache_folder, forget_failures
    from dashboard.page.downloads import DEFAULT_FRAME_ANCESTORS
    from dashboard.web import serving  # Dash is only needed to serve
    from dashboard.web.app import DandelionDash, create_app
    from dashboard.web.compression import warm_up
    from dashboard.web.making import start_making
    from dashboard.web.watch import ReloadingApp

    if args.workers > 1 and not args.debug and not serving.is_loopback(args.host) and not args.behind_proxy:
        print(
            f"--workers {args.workers} on {args.host}: gunicorn gives each connection a thread, so a few slow clients"
            " would hold every worker. Serve on 127.0.0.1 behind deploy/nginx.conf, add --behind-proxy if a proxy"
            " that buffers slow clients is the only way in, or leave out --workers (waitress holds slow clients).",
            file=sys.stderr,
        )
        return EXIT_UNSAFE
    started = time.perf_counter()
    listener = None
    reloading: ReloadingApp | None = None
    watching = args.watch  # main refuses it with --workers or --debug: those load the data in each process
    frame_ancestors = args.frame_ancestors or DEFAULT_FRAME_ANCESTORS

    def build(data_dir: Path) -> DandelionDash:
        """The app, its compressed copies and downloads made; what the last start failed to make, forgotten
        (made again, aside, once the server is ready)."""
        folder = cache_folder(data_dir, args.cache)
        forget_failures(folder)
        built = create_app(data_dir, frame_ancestors, watching, folder)
        warm_up(built.server, built.fixed_paths)
        if reloading is not None:  # --watch, on new data: its outputs made aside now (the first data's, when ready)
            start_making(built, data_dir)
        return built

    try:
        if not args.debug:  # the debug server binds for itself
            listener = serving.listening_socket(args.host, args.port)
        if watching:
            reloading = ReloadingApp(args.data, build)
            app = cast(DandelionDash, reloading.app)  # what build made
        else:
            app = build(args.data)
    except serving.PortInUse:
        print(
            f"Port {args.port} is already in use on {args.host}: is Dandelion already running there? "
            "Stop it, or choose another port with --port.",
            file=sys.stderr,
        )
        return EXIT_PORT_IN_USE
    except DataError as error:
        report_problems(error, args.data)
        print("The dashboard did not start: fix the data and run again.", file=sys.stderr)
        return EXIT_BAD_DATA
    port = listener.getsockname()[1] if listener is not None else args.port  # --port 0: the one the system gave
    urls = "  ".join(serving.browser_urls(args.host, port))
    serving.stop_on_sigterm()
    deadline = args.request_deadline or serving.REQUEST_DEADLINE_SECONDS
    try:  # from here a stop, even one sent the moment "ready" is read, ends in "stopped"
        print(f"Dandelion ready in {time.perf_counter() - started:.1f} s: {urls}", flush=True)
        start_making(app, args.data)  # after the ready line: what it prints comes after
        if listener is None:
            app.run(host=args.host, port=args.port, debug=True)
        elif args.workers > 1:
            serving.serve_with_gunicorn(app.server, listener, args.workers, args.threads)
        elif reloading is not None:
            print(f"Watching {args.data} for changes.", flush=True)
            reloading.watch(lambda problems: report_reload(problems, args.data))
            serving.serve_with_waitress(reloading, listener, args.threads, deadline)
        else:
            serving.serve_with_waitress(app.server, listener, args.threads, deadline)
    except KeyboardInterrupt:
        pass  # Ctrl-C: how a user stops it
    except SystemExit as stop:  # SIGTERM (stop_on_sigterm, or gunicorn's own): how a service manager stops it
        if stop.code:
            raise
    print("Dandelion stopped.", flush=True)
    return 0


def exit_at_once(code: int) -> None:
    """End the process without the interpreter's teardown, which frees a server's hundreds of MB of
    objects one by one: seconds on a busy machine that a stop (and a service manager) should not
    wait for. The exit handlers still run: children stopped, files flushed."""
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    exit_at_once(main())
