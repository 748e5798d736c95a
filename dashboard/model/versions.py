"""A version: a short hash of content, so that a name, a URL or an ETag changes exactly when the bytes do.

Every versioned name the app serves or writes (the static site's files, the
first map's pictures, the base map's URL, the downloads' and fixed answers'
ETags, the version of the data a page was built from) follows this one rule.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# Hex digits of SHA-256 kept: 48 bits, no two of the few hundred versions a site has will meet.
VERSION_CHARS = 12


def version(data: bytes) -> str:
    """The version of ``data``: the same bytes, the same version."""
    return hashlib.sha256(data).hexdigest()[:VERSION_CHARS]


def folder_version(folder: Path) -> str:
    """The version of every file in ``folder`` (its path in the folder and its bytes; caches of Python's
    compiled code left out): the same files, the same version."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:VERSION_CHARS]
