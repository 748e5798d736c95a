"""Reading a GeoJSON layer file: its features with their lines, and what is wrong with a feature's positions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.model.validation import Collector


@dataclass(frozen=True)
class Region:
    """The longitude/latitude box a layer's features must lie in (degrees, EPSG:4326)."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, geometry: BaseGeometry) -> bool:
        min_x, min_y, max_x, max_y = geometry.bounds
        return self.west <= min_x and max_x <= self.east and self.south <= min_y and max_y <= self.north

    def __str__(self) -> str:
        return f"{self.west:g}..{self.east:g} E, {self.south:g}..{self.north:g} N"


FEATURE_START = re.compile(r'"type"\s*:\s*"Feature"')


def _feature_lines(text: str, count: int) -> list[tuple[int | None, dict[str, int]]]:
    """For each of ``count`` features, its line and the line of each key in it (1-based).

    JSON parsers give no positions, so the text is scanned: the n-th
    ``"type": "Feature"`` starts the n-th feature. If the count does not
    match (an unusual layout), no lines are given rather than wrong ones.
    """
    starts = [match.start() for match in FEATURE_START.finditer(text)]
    if len(starts) != count:
        return [(None, {})] * count
    located: list[tuple[int | None, dict[str, int]]] = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        keys: dict[str, int] = {}
        for match in re.finditer(r'"([A-Za-z_][A-Za-z0-9_]*)"\s*:', text[start:end]):
            keys.setdefault(match.group(1), text.count("\n", 0, start + match.start()) + 1)
        located.append((text.count("\n", 0, start) + 1, keys))
    return located


def read_feature_collection(path: Path, problems: Collector) -> list[tuple[Any, int | None, dict[str, int]]]:
    """The features of a GeoJSON file, each with its line and its keys' lines."""
    try:
        text = path.read_text(encoding="utf-8")
        collection = json.loads(text)
    except FileNotFoundError:
        problems.add("file is missing")
        return []
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", None)
        problems.add(f"is not valid GeoJSON: {getattr(error, 'msg', error)}", line)
        return []
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        problems.add("must be a GeoJSON FeatureCollection with a 'features' list", None, "", "features")
        return []
    lines = _feature_lines(text, len(features))
    return [(feature, line, keys) for feature, (line, keys) in zip(features, lines, strict=True)]


def position_problem(coordinates: Any, depth: int) -> str | None:
    """Why GeoJSON ``coordinates`` nested ``depth`` deep are not [longitude, latitude] positions, or None."""
    if depth == 0:
        numbers = isinstance(coordinates, list) and all(
            isinstance(item, (int, float)) and not isinstance(item, bool) for item in coordinates
        )
        if not numbers or len(coordinates) not in (2, 3):
            return f"a position needs two numbers, [longitude, latitude]; got {json.dumps(coordinates)}"
        return None
    if not isinstance(coordinates, list) or not coordinates:
        return f"needs a list of positions; got {json.dumps(coordinates)}"
    return next((p for p in (position_problem(item, depth - 1) for item in coordinates) if p), None)


GEOMETRY_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def swap_hint(geometry: BaseGeometry, region: Region) -> str:
    """' (longitude and latitude look swapped: ...)' when the swapped geometry lies in ``region``."""
    swapped = shapely.transform(geometry, lambda xy: xy[:, ::-1])
    if not region.contains(swapped):
        return ""
    first = shapely.get_coordinates(geometry)[0]
    return (
        f": longitude and latitude look swapped, [{first[0]:g}, {first[1]:g}] should probably be"
        f" [{first[1]:g}, {first[0]:g}] (GeoJSON is [longitude, latitude])"
    )
