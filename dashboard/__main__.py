"""Command line: ``python -m dashboard [run|check] [options]``.

python -m dashboard                     serve on http://127.0.0.1:8050
python -m dashboard --port 9000 --data DIR
python -m dashboard check [--data DIR]  validate the data and exit
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dashboard.briefing import DEFAULT_DATA_DIR, DataError, load_briefing

EXIT_BAD_DATA = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Dandelion briefing map")
    parser.add_argument("command", nargs="?", choices=("run", "check"), default="run", help="run (default) or check")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: geodata/)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port (default: 8050)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (default: 8)")
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

    from dashboard.app import create_app  # Dash is only needed to serve
    from dashboard.server import DEFAULT_FRAME_ANCESTORS, MAX_REQUEST_BYTES

    started = time.perf_counter()
    try:
        app = create_app(args.data, args.frame_ancestors or DEFAULT_FRAME_ANCESTORS)
    except DataError as error:
        report_problems(error, args.data)
        print("The dashboard did not start: fix the data and run again.", file=sys.stderr)
        return EXIT_BAD_DATA
    url = f"http://{args.host}:{args.port}/"
    print(f"Dandelion ready in {time.perf_counter() - started:.1f} s: {url}", flush=True)
    if args.debug:
        app.run(host=args.host, port=args.port, debug=True)
        return 0
    from waitress import serve

    serve(
        app.server,
        host=args.host,
        port=args.port,
        threads=args.threads,
        ident="dandelion",
        max_request_body_size=MAX_REQUEST_BYTES,  # refused before it is read, not only before Flask parses it
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
