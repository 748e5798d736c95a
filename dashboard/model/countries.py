"""The mapped countries: their shapes read from countries.geojson, checked, and a label point each."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel
from shapely.validation import explain_validity

from dashboard.model.observations import WORLD
from dashboard.model.validation import Collector, DataProblem

COUNTRY_ROLES = ("maghreb", "context")


def load_countries(path: Path) -> tuple[gpd.GeoDataFrame | None, list[DataProblem]]:
    """Read the mapped countries, indexed by ISO alpha-3, with label points.

    ``label_lon``/``label_lat`` are the pole of inaccessibility of each
    country's largest polygon: the inside point farthest from its border, where
    a label has the most room (a centroid can fall outside a country).
    """
    problems = Collector(path.name)
    if not path.is_file():
        problems.add("file is missing")
        return None, problems.problems
    try:
        frame = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several types for unreadable files
        problems.add(f"cannot be read as GeoJSON: {str(error).splitlines()[0]}")
        return None, problems.problems
    for column in ("iso_a3", "name", "role"):
        if column not in frame.columns:
            problems.add("every feature needs this property", field=column)
    if problems.problems:
        return None, problems.problems
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    seen: set[str] = set()
    for number, row in enumerate(frame.itertuples(), 1):
        label = f"feature {number} ({row.iso_a3})"
        code = row.iso_a3
        if not isinstance(code, str) or len(code) != 3 or not code.isupper() or code == WORLD:
            problems.add(f"must be an ISO 3166-1 alpha-3 code, got {code!r}", None, label, "iso_a3")
        elif code in seen:
            problems.add(f"duplicate country {code}", None, label, "iso_a3")
        seen.add(code)
        if not isinstance(row.name, str) or not row.name.strip():
            problems.add("is missing", None, label, "name")
        if row.role not in COUNTRY_ROLES:
            problems.add(f"unknown role {row.role!r}; expected one of {', '.join(COUNTRY_ROLES)}", None, label, "role")
        geometry = row.geometry
        if geometry is None or geometry.is_empty:
            problems.add("is empty", None, label, "geometry")
        elif geometry.geom_type not in ("Polygon", "MultiPolygon"):
            problems.add(f"must be a Polygon or MultiPolygon, got {geometry.geom_type}", None, label, "geometry")
        elif not geometry.is_valid:
            problems.add(f"is invalid: {explain_validity(geometry)}", None, label, "geometry")
    if problems.problems:
        return None, problems.problems
    frame = frame.set_index("iso_a3", drop=False)
    points = [label_point(geometry) for geometry in frame.geometry]
    frame["label_lon"] = [round(point.x, 3) for point in points]
    frame["label_lat"] = [round(point.y, 3) for point in points]
    return frame, []


def label_point(geometry: BaseGeometry, tolerance_deg: float = 0.05) -> Point:
    """The point of the largest part farthest from its border (degrees)."""
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    return polylabel(largest, tolerance=tolerance_deg)
