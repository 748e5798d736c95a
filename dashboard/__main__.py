"""Command line: ``python -m dashboard [run|check] [options]``.

python -m dashboard                     serve on http://127.0.0.1:8050
python -m dashboard --port 9000 --data DIR
python -m dashboard --workers 2         two processes (gunicorn), for a crowd
python -m dashboard check [--data DIR]  validate the data and exit
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dashboard.briefing import DEFAULT_DATA_DIR, DataError, load_briefing

EXIT_BAD_DATA = 2
EXIT_PORT_IN_USE = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Dandelion briefing map")
    parser.add_argument("command", nargs="?", choices=("run", "check"), default="run", help="run (default) or check")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: geodata/)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port (default: 8050)")
    parser.add_argument("--threads", type=int, default=8, help="threads per process (default: 8)")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes; more than 1 runs gunicorn's pre-fork server (default: 1, waitress)",
    )
    parser.add_argument(
        "--frame-ancestors",
        help="sites that may embed the map in a frame, as a CSP source list (default: 'self')",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="Dash dev tools and reloader; shows tracebacks to anyone who can reach the port",
    )
    return parser


def report_problems(error: DataError, data_dir: Path) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} in {data_dir}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        try:
            briefing = load_briefing(args.data)
        except DataError as error:
            report_problems(error, args.data)
            return EXIT_BAD_DATA
        counts = (
            f"{len(briefing.figures)} figures, {len(briefing.sources)} sources, {len(briefing.countries)} countries,"
            f" {len(briefing.layers)} layers, {len(briefing.story)} story steps"
        )
        print(f"ok: {counts} in {args.data}")
        return 0

    return serve(args)


def serve(args: argparse.Namespace) -> int:
    """Bind the port, build the app, say where it is, serve until stopped."""
    from dashboard import serving  # Dash is only needed to serve
    from dashboard.app import create_app
    from dashboard.server import DEFAULT_FRAME_ANCESTORS

    started = time.perf_counter()
    listener = None
    try:
        if not args.debug:  # the debug server binds for itself
            listener = serving.listening_socket(args.host, args.port)
        app = create_app(args.data, args.frame_ancestors or DEFAULT_FRAME_ANCESTORS)
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
    serving.stop_on_sigterm()
    urls = "  ".join(serving.browser_urls(args.host, args.port))
    print(f"Dandelion ready in {time.perf_counter() - started:.1f} s: {urls}", flush=True)
    try:
        if listener is None:
            app.run(host=args.host, port=args.port, debug=True)
        elif args.workers > 1:
            serving.serve_with_gunicorn(app.server, listener, args.workers, args.threads)
        else:
            serving.serve_with_waitress(app.server, listener, args.threads)
    except KeyboardInterrupt:
        pass  # Ctrl-C: how a user stops it
    except SystemExit as stop:  # SIGTERM (stop_on_sigterm, or gunicorn's own): how a service manager stops it
        if stop.code:
            raise
    print("Dandelion stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
