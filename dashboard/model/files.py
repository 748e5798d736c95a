"""Files written whole or not at all, by the commands, the builds and the server's child processes."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same folder, then renamed.

    A full disk leaves the old file as it was; a ``path`` that is a symlink
    is replaced by the file, not followed.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_file(out: Path, build: Callable[[], bytes]) -> int:
    """What a child process making a file for the server (web/server.py MadeAside) does: write ``build()``
    to ``out`` whole, or why not to ``out.failed``."""
    try:
        data = build()
    except Exception as error:  # any failure is the file's, kept for the server to say
        reason = " ".join(str(error).split()) or type(error).__name__
        write_atomically(out.with_name(out.name + ".failed"), reason[:500].encode("utf-8"))
        return 1
    write_atomically(out, data)
    return 0
