"""The geometry serialised once for every figure: GeoJSON, no-data hatching, label points, where features are."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.model.briefing import Briefing

HATCH_SPACING_DEG = 0.7


@dataclass(frozen=True)
class MapGeometry:
    """Geometry serialised once for every figure: GeoJSON, hatching, labels."""

    features: dict[str, dict]  # GeoJSON Feature by ISO alpha-3, "id" set to it
    hatches: dict[str, tuple[list[float | None], list[float | None]]]
    roles: dict[str, str]
    names: dict[str, str]
    label_points: dict[str, tuple[float, float]]


def hatch_lines(geometry: BaseGeometry, spacing_deg: float = HATCH_SPACING_DEG) -> tuple[list, list]:
    """Diagonal lines clipped to ``geometry``, as plotly line coordinates.

    Returns longitudes and latitudes with None between segments. Spacing is
    measured along the x axis, in degrees.
    """
    min_x, min_y, max_x, max_y = geometry.bounds
    height = max_y - min_y
    starts = np.arange(min_x - height, max_x, spacing_deg)
    lines = shapely.linestrings([[(x, min_y), (x + height, max_y)] for x in starts])
    clipped = shapely.intersection(lines, geometry)
    lons: list[float | None] = []
    lats: list[float | None] = []
    for part in shapely.get_parts(clipped[~shapely.is_empty(clipped)]):
        for x, y in shapely.get_coordinates(part):
            lons.append(round(float(x), 3))
            lats.append(round(float(y), 3))
        lons.append(None)
        lats.append(None)
    return lons, lats


def prepare_geometry(briefing: Briefing) -> MapGeometry:
    """Serialise the countries once, at start-up."""
    countries = briefing.countries
    collection = json.loads(countries[["iso_a3", "geometry"]].to_json(drop_id=True))
    features = {}
    for feature in collection["features"]:
        feature["id"] = feature.pop("properties")["iso_a3"]
        features[feature["id"]] = feature
    return MapGeometry(
        features=features,
        hatches={code: hatch_lines(countries.loc[code, "geometry"]) for code in briefing.maghreb},
        roles=countries["role"].to_dict(),
        names=countries["name"].to_dict(),
        label_points={code: (row.label_lon, row.label_lat) for code, row in countries.iterrows()},
    )


def feature_points(briefing: Briefing) -> dict[str, tuple[float, float]]:
    """Where the ring goes when a layer feature is selected (lon, lat)."""
    points = {}
    for layer in briefing.layers:
        for feature in layer.features:
            geometry = feature.geometry
            point = geometry.interpolate(0.5, normalized=True) if feature.kind == "barrier" else geometry.centroid
            points[feature.id] = (round(point.x, 3), round(point.y, 3))
    return points
