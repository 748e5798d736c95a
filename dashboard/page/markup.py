"""HTML attributes whose names are not Python names, for Dash components."""

from __future__ import annotations

from typing import Any


def attrs(attributes: dict[str, str]) -> dict[str, Any]:
    """HTML attributes that are not Python names (aria-*, data-*), for a Dash component's keywords.

    Dash accepts them as ``**{"data-x": ...}`` but its typed signatures cannot
    name them: typed as Any here, once, so every other keyword stays checked.
    """
    return attributes
