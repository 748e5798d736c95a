"""Tunisia's barrier as drawn: a stretch of the shared border moved a few km inside, measured on the WGS84 ellipsoid."""

from __future__ import annotations

import pyproj
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

# UTM zone 32N (metres) covers 6-12 degrees E: Tunisia's border with Libya.
METRIC_CRS = "EPSG:32632"
WGS84 = pyproj.Geod(ellps="WGS84")
SNAP_TO_END_DEG = 0.1


def geodesic_length_km(line: BaseGeometry) -> float:
    """Length of a lon/lat line on the WGS84 ellipsoid, in kilometres."""
    return WGS84.geometry_length(line) / 1000


def derive_barrier(border: LineString, ends: list[Point], inside: BaseGeometry, inset_km: float) -> LineString:
    """The stretch of ``border`` between the points nearest ``ends``, moved ``inset_km`` into ``inside``.

    An end within ``SNAP_TO_END_DEG`` of where the border itself ends (the
    coast, for Ras Ajdir) is taken to be that end: Natural Earth's coastline
    and a crossing's coordinates disagree by a few km. Input and output are
    EPSG:4326; the offset is made in metres in UTM 32N.
    """
    positions = []
    for end in ends:
        position = border.project(end)
        if position < SNAP_TO_END_DEG:
            position = 0.0
        elif border.length - position < SNAP_TO_END_DEG:
            position = border.length
        positions.append(position)
    start, stop = sorted(positions)
    stretch = substring(border, start, stop)
    to_metric = pyproj.Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True).transform
    to_degrees = pyproj.Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True).transform
    metric = shapely.transform(stretch, to_metric, interleaved=False).simplify(100)
    inside_metric = shapely.transform(inside, to_metric, interleaved=False)
    for side in (1, -1):
        moved = shapely.line_merge(metric.offset_curve(side * inset_km * 1000, join_style="round"))
        if moved.geom_type == "MultiLineString":
            moved = max(moved.geoms, key=lambda part: part.length)
        if inside_metric.contains(moved.interpolate(0.5, normalized=True)):
            line = shapely.transform(moved, to_degrees, interleaved=False)
            return shapely.set_precision(line, 1e-4)
    raise ValueError("neither side of the border is inside the country")
