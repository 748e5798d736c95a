"""Set up and run Dandelion with nothing but Python 3.11 on the machine.

    python3 dev.py run [dashboard options]   install if needed, then serve the map, reloading edited data
    python3 dev.py test [pytest options]     install if needed, then lint, type-check and test
    python3 dev.py docs                      make the generated reference pages again (docs/cli.md, docs/code.md)
    python3 dev.py bundle                    rebuild assets/dandelion.js from the browser modules (esbuild)

Each command creates ``.venv/`` and installs the package into it on first use
(again whenever pyproject.toml changes). ``test`` also needs Debian's
chromium for the browser tests, Node.js for the browser modules' unit
tests and nginx for the reverse-proxy test: as root it installs them with
apt-get, otherwise it prints the command to run. Nothing else is needed:
no make, no system-wide pip, no browser download.

The page loads one script of ours, assets/dandelion.js, built by esbuild
from assets/src/ (the DOM layer) and assets/modules/ (pure functions) and
committed, as Dash component libraries ship their bundles: ``run`` needs no
Node.js. ``test`` and ``bundle`` install the pinned esbuild (package.json,
package-lock.json) with ``npm ci``; a test fails when the committed bundle
is not what the sources build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed-from"
CHROMIUM = os.environ.get("DANDELION_CHROMIUM", "/usr/bin/chromium")
NGINX = "/usr/sbin/nginx"
NODE_MODULES = ROOT / "node_modules"
NODE_STAMP = NODE_MODULES / ".installed-from"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"
BUNDLE_ENTRY = "assets/src/dandelion.mjs"
BUNDLE = "assets/dandelion.js"
BUNDLE_BANNER = "/* Built by `python3 dev.py bundle` (esbuild) from assets/src/ and assets/modules/: edit those. */"
# Run before the tests, in order; the first to fail stops the run: (tool in .venv/bin, arguments, what to do).
STATIC_CHECKS = (
    ("ruff", ["check", "."], "ruff found problems: fix them (or `.venv/bin/ruff check --fix .`)"),
    ("mypy", [], "mypy found type errors in dashboard/: fix them (its settings: [tool.mypy] in pyproject.toml)"),
)


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)


def run_passing_signals(*command: str | Path) -> int:
    """Run ``command`` and return its exit status; Ctrl-C and SIGTERM are passed to it, once.

    The command gets its own process group, so Ctrl-C in the terminal reaches
    it only through us, and a SIGTERM sent to dev.py stops it too.
    """
    child = subprocess.Popen([str(part) for part in command], cwd=ROOT, process_group=0)

    def forward(signum: int, _frame) -> None:
        child.send_signal(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, forward)
    return child.wait()


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(*packages: str) -> bool:
    """Install Debian packages when we are root; False when we cannot."""
    if not (is_root() and shutil.which("apt-get")):
        return False
    say(f"installing {' '.join(packages)} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)
    return True


def ensure_venv() -> None:
    """Create .venv and install the package with its test extras when needed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if VENV_PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not VENV_PYTHON.exists():
        say(f"creating {VENV.name}/ with Python {sys.version.split()[0]}")
        try:
            venv.create(VENV, with_pip=True)
        except subprocess.CalledProcessError:
            # Debian's python3 ships venv without ensurepip until python3-venv is installed.
            shutil.rmtree(VENV, ignore_errors=True)
            version = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
            if not apt_install(version):
                sys.exit(f"[dev] cannot create a virtual environment: run `sudo apt-get install {version}`")
            venv.create(VENV, with_pip=True)
    say("installing the dashboard and its test tools into .venv/ (first run takes a minute)")
    run(VENV_PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[test]")
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """The browser tests drive Debian's chromium; no browser download is possible."""
    if Path(CHROMIUM).exists():
        return
    if not apt_install("chromium"):
        sys.exit("[dev] the browser tests need Debian's chromium: run `sudo apt-get install chromium`")


def ensure_node() -> None:
    """The browser modules' unit tests run under Node's own test runner (Node 18+)."""
    if shutil.which("node"):
        return
    if not apt_install("nodejs"):
        sys.exit("[dev] the browser modules' tests need Node.js: run `sudo apt-get install nodejs`")


def ensure_esbuild() -> None:
    """The pinned esbuild (package-lock.json) in node_modules/, installed again whenever the lock file changes."""
    wanted = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()
    if ESBUILD.exists() and NODE_STAMP.exists() and NODE_STAMP.read_text().strip() == wanted:
        return
    if not shutil.which("npm"):
        sys.exit("[dev] building the browser bundle needs npm: run `sudo apt-get install npm`")
    say("installing esbuild into node_modules/ (npm ci)")
    run("npm", "ci", "--no-audit", "--no-fund")
    NODE_STAMP.write_text(wanted)


def bundle_command(outfile: str | None) -> list[str]:
    """esbuild's command building the page's one script from ``BUNDLE_ENTRY``; to stdout when ``outfile`` is None."""
    # Minified, as Dash component libraries ship theirs: the sources are what people read and edit. A classic
    # script (not a module, which would run after Dash's renderer has started), so Dash finds our clientside
    # callbacks defined; its exports go to window.dandelionRules for the hand-out and slides.
    command = [str(ESBUILD), BUNDLE_ENTRY, "--bundle", "--format=iife", "--global-name=dandelionRules", "--minify"]
    # Strict, as the modules it is built from are.
    command += ["--charset=utf8", f'--banner:js={BUNDLE_BANNER}\n"use strict";']
    return command + ([f"--outfile={outfile}"] if outfile else [])


def ensure_nginx() -> None:
    """The reverse-proxy test runs Debian's nginx in front of the dashboard; without it, that test is skipped."""
    if not Path(NGINX).exists() and not apt_install("nginx"):
        say("nginx is not installed: the reverse-proxy test will be skipped (`sudo apt-get install nginx`)")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "docs", "bundle"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "bundle":
        ensure_node()
        ensure_esbuild()
        run(*bundle_command(BUNDLE))
        say(f"built {BUNDLE}: commit it with its sources")
        return 0
    ensure_venv()
    if command == "docs":
        return subprocess.call([str(VENV_PYTHON), "docs/generate.py"], cwd=ROOT)
    if command == "run":
        # Reload the data as it is edited, unless checking or exporting it.
        watch = [] if {"check", "export", "--watch"} & set(rest) else ["--watch"]
        return run_passing_signals(VENV_PYTHON, "-m", "dashboard", *watch, *rest)
    ensure_chromium()
    ensure_node()
    ensure_esbuild()
    ensure_nginx()
    for tool, arguments, advice in STATIC_CHECKS:
        say(" ".join([tool, *arguments]))
        if subprocess.call([str(VENV / "bin" / tool), *arguments], cwd=ROOT) != 0:
            say(advice)
            return 1
    say("pytest")
    return subprocess.call([str(VENV_PYTHON), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
