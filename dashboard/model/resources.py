"""Where the shipped data and browser files are: beside the package when
installed from a wheel (dashboard/geodata, dashboard/assets), at the top of
the repository in a checkout (geodata/, assets/), as the design lays it out."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The folder ``name`` ("geodata" or "assets") of this installation."""
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


ASSETS_DIR = shipped("assets")
