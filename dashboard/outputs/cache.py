"""The costly outputs of a data folder (the first map's pictures, the PDF hand-out), made once into a folder
named by the digest of the data and the code. Every process serving that data reads them there.

Chromium takes seconds to make them. A server starts their making once, in a
process of its own (dashboard/web/making.py), and its processes only read
what is here; a second start on the same data and code finds them made and
starts no chromium. A file is written whole under a temporary name, then
renamed (dashboard/model/files.py), so no reader ever sees half of one; a
file that could not be made is ``<name>.failed``, holding why not, until the
next start tries again.

The folder is ``<root>/<digest>/``; the root is ``--cache`` if given, else
``$XDG_CACHE_HOME/dandelion``, else ``~/.cache/dandelion``. Folders of older
digests are left for the user to remove (each is a few MB). The brotli-11
copies of the page's files (dashboard/web/compression.py) go into one folder
beside them, ``<root>/copies/``, that every data version shares: each is
named by the digest of the bytes it compresses, and an edit of the data
changes none of those files, so it compresses none again.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Callable
from pathlib import Path

from dashboard.model.files import write_atomically
from dashboard.model.resources import ASSETS_DIR, PACKAGE_DIR
from dashboard.model.versions import folder_version, version

# What the outputs are made from besides the data: the Python code and the page's files.
CODE_FOLDERS = (PACKAGE_DIR, ASSETS_DIR)
FAILED_SUFFIX = ".failed"
BEST_COPIES = "copies"  # no digest has this name


def default_root() -> Path:
    """Where the folders of every digest go: ``$XDG_CACHE_HOME/dandelion``, else ``~/.cache/dandelion``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dandelion"


def outputs_digest(data_dir: Path) -> str:
    """The version of the data in ``data_dir`` and of the code that makes its outputs: either changes it."""
    versions = [folder_version(Path(data_dir)), *(folder_version(folder) for folder in CODE_FOLDERS)]
    return version(" ".join(versions).encode("ascii"))


def cache_folder(data_dir: Path, root: Path | None = None) -> Path:
    """The folder of ``data_dir``'s outputs under ``root`` (default: :func:`default_root`); not created here."""
    return (root or default_root()) / outputs_digest(data_dir)


def best_copies_folder(folder: Path) -> Path:
    """The folder of the brotli-11 copies for the outputs' folder ``folder``: beside it, under the same root,
    shared by every data version."""
    return folder.parent / BEST_COPIES


def failure_path(path: Path) -> Path:
    """Where why ``path`` could not be made is written."""
    return path.with_name(path.name + FAILED_SUFFIX)


def missing(folder: Path, names: list[str]) -> list[str]:
    """The ``names`` not made in ``folder`` yet (one that failed is missing: it is tried again)."""
    return [name for name in names if not (folder / name).exists()]


def forget_failures(folder: Path) -> None:
    """Remove what the last start could not make, before this start's readers look for it."""
    if folder.is_dir():
        for path in folder.glob("*" + FAILED_SUFFIX):
            path.unlink(missing_ok=True)


def make_missing(folder: Path, makers: dict[str, Callable[[], bytes]]) -> list[str]:
    """Make each file of ``makers`` (name -> what makes its bytes) that is not in ``folder`` yet; return the
    names it tried. One maker at a time a folder: a second, started meanwhile, waits and finds them made."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tried = missing(folder, list(makers))
        for name in tried:
            make(folder / name, makers[name])
    return tried


def make(path: Path, build: Callable[[], bytes]) -> None:
    """Write ``build()`` to ``path`` whole; or say why not, once, and write it to ``<path>.failed`` for the
    servers to answer with."""
    try:
        data = build()
    except Exception as error:  # any failure is the file's: the others are still made
        reason = " ".join(str(error).split())[:500] or type(error).__name__
        print(f"{path.name} could not be made: {reason}", file=sys.stderr, flush=True)
        write_atomically(failure_path(path), reason.encode("utf-8"))
        return
    write_atomically(path, data)
    failure_path(path).unlink(missing_ok=True)
