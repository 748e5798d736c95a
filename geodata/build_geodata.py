"""Regenerate the shipped geometry from Natural Earth (npm package world-atlas).

Writes three files, all in EPSG:4326 (longitude, latitude in degrees):

- ``geodata/countries.geojson``: the countries the map draws itself (the four
  Maghreb states, their neighbours, Syria), from the 1:10m TopoJSON,
  simplified as one topology so that shared borders stay shared.
- ``geodata/borders/tun_lby_10m.geojson``: the Tunisia–Libya shared
  boundary at 1:10m, unsimplified: the dashboard derives Tunisia's border
  barrier from it.
- ``assets/topojson/world_50m.json``: the base map plotly's geo subplot asks
  for (``<topojsonURL>world_50m.json``), from the 1:50m TopoJSON, clipped to the
  region the map can show. Serving it locally keeps the map working offline.

Usage::

    python geodata/build_geodata.py                 # fetches world-atlas with npm
    python geodata/build_geodata.py --source DIR    # an unpacked world-atlas

Needs the ``build`` extra (``pip install -e .[build]``) and, without
``--source``, ``npm`` on the PATH.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
import topojson

WORLD_ATLAS = "world-atlas@2.0.2"
REPO = Path(__file__).resolve().parent.parent

# By role, ISO 3166-1 numeric (Natural Earth's TopoJSON ids) -> alpha-3 and display
# name. Names are neutral: Western Sahara is a disputed territory.
COUNTRIES_BY_ROLE = {
    "maghreb": {
        "788": ("TUN", "Tunisia"),
        "504": ("MAR", "Morocco"),
        "012": ("DZA", "Algeria"),
        "434": ("LBY", "Libya"),
    },
    "context": {
        "732": ("ESH", "Western Sahara (disputed)"),
        "478": ("MRT", "Mauritania"),
        "466": ("MLI", "Mali"),
        "562": ("NER", "Niger"),
        "148": ("TCD", "Chad"),
        "818": ("EGY", "Egypt"),
        "729": ("SDN", "Sudan"),
        "760": ("SYR", "Syria"),
    },
}
# ISO numeric -> (alpha-3, display name, role).
COUNTRIES = {code: (*named, role) for role, codes in COUNTRIES_BY_ROLE.items() for code, named in codes.items()}

# 0.01 degrees is about 1.1 km on the ground: invisible at the zoom a presenter
# uses on Tunisia (about 500 km across a 1,000 px map, 0.5 km a pixel), while
# it shrinks the 1:10m outlines by a factor of about 20.
SIMPLIFY_TOLERANCE_DEG = 0.01
# Four decimals is about 11 m: well below the simplification error.
COORDINATE_DECIMALS = 4
# Longitude/latitude box of every view the map offers (Maghreb to Raqqa).
BASE_MAP_BOUNDS = (-30.0, -5.0, 65.0, 55.0)
BASE_MAP_TOLERANCE_DEG = 0.02


def fetch_world_atlas(workdir: Path) -> Path:
    """Download and unpack the world-atlas npm package; return its folder."""
    subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=workdir, check=True)
    tarball = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    return workdir / "package"


def read_topojson_layer(path: Path, layer: str) -> gpd.GeoDataFrame:
    """Read one object of a TopoJSON file as a GeoDataFrame in EPSG:4326."""
    frame = gpd.read_file(path, layer=layer)
    return frame.set_crs("EPSG:4326", allow_override=True)


def simplify_as_topology(frame: gpd.GeoDataFrame, tolerance_deg: float) -> gpd.GeoDataFrame:
    """Simplify all shapes together so that neighbours keep one shared border."""
    topology = topojson.Topology(frame, prequantize=False, toposimplify=tolerance_deg)
    simplified = topology.to_gdf()
    return simplified.set_crs("EPSG:4326", allow_override=True)


def clean_geometry(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Round coordinates, repair, and orient outer rings clockwise.

    plotly's choropleth fills a polygon whose outer ring runs counter-clockwise
    as the rest of the globe, so rings are oriented after every other step.
    """
    geometry = shapely.set_precision(frame.geometry.values, 10**-COORDINATE_DECIMALS)
    geometry = shapely.make_valid(geometry)
    geometry = shapely.orient_polygons(geometry, exterior_cw=True)
    return frame.set_geometry(gpd.GeoSeries(geometry, crs=frame.crs, index=frame.index))


def build_countries(world_atlas: Path) -> gpd.GeoDataFrame:
    """The mapped countries at 1:10m, simplified, with ISO codes and roles."""
    frame = read_topojson_layer(world_atlas / "countries-10m.json", "countries")
    frame = frame[frame["id"].isin(COUNTRIES)].copy()
    frame["iso_a3"] = [COUNTRIES[code][0] for code in frame["id"]]
    frame["name"] = [COUNTRIES[code][1] for code in frame["id"]]
    frame["role"] = [COUNTRIES[code][2] for code in frame["id"]]
    frame["iso_n3"] = frame["id"]
    frame = frame[["iso_a3", "iso_n3", "name", "role", "geometry"]]
    frame = simplify_as_topology(frame.reset_index(drop=True), SIMPLIFY_TOLERANCE_DEG)
    return clean_geometry(frame).sort_values("iso_a3").reset_index(drop=True)


def build_shared_border(world_atlas: Path, first: str, second: str) -> gpd.GeoDataFrame:
    """The boundary two countries share at 1:10m, merged into one line.

    ``first`` and ``second`` are ISO 3166-1 numeric codes (Natural Earth ids).
    The line runs from its northernmost end (for Tunisia–Libya, the coast).
    """
    frame = read_topojson_layer(world_atlas / "countries-10m.json", "countries").set_index("id")
    shared = frame.loc[first, "geometry"].boundary.intersection(frame.loc[second, "geometry"].boundary)
    line = shapely.line_merge(shapely.union_all(shapely.get_parts(shared)))
    if line.geom_type != "LineString":
        raise ValueError(f"the {first}/{second} boundary is not one line: {line.geom_type}")
    if line.coords[0][1] < line.coords[-1][1]:
        line = shapely.reverse(line)
    names = f"{COUNTRIES[first][0]}-{COUNTRIES[second][0]}"
    return gpd.GeoDataFrame({"border": [names]}, geometry=[line], crs="EPSG:4326")


def build_base_map(world_atlas: Path) -> dict:
    """A plotly-compatible world TopoJSON with 'land' and 'countries' objects.

    plotly.js draws its base layers from the objects named after them; only
    land and country borders are switched on in the figure.
    """
    layers = {}
    for name in ("land", "countries"):
        frame = read_topojson_layer(world_atlas / "countries-50m.json", name)
        frame = frame.clip(BASE_MAP_BOUNDS)
        frame = frame[~frame.geometry.is_empty][["geometry"]].reset_index(drop=True)
        layers[name] = clean_geometry(frame)
    topology = topojson.Topology(
        list(layers.values()),
        object_name=list(layers),
        prequantize=1e5,
        toposimplify=BASE_MAP_TOLERANCE_DEG,
    )
    return json.loads(topology.to_json())


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write compact GeoJSON (one feature a line) for review in diffs."""
    collection = json.loads(frame.to_json(drop_id=True))
    lines = [json.dumps(feature, separators=(",", ":")) for feature in collection["features"]]
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="an unpacked world-atlas package")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        world_atlas = args.source or fetch_world_atlas(Path(workdir))
        countries = build_countries(world_atlas)
        write_geojson(countries, REPO / "geodata" / "countries.geojson")
        border = build_shared_border(world_atlas, "788", "434")
        (REPO / "geodata" / "borders").mkdir(exist_ok=True)
        write_geojson(border, REPO / "geodata" / "borders" / "tun_lby_10m.geojson")
        base_map = build_base_map(world_atlas)
        target = REPO / "assets" / "topojson" / "world_50m.json"
        target.write_text(json.dumps(base_map, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(countries)} countries and the base map from {WORLD_ATLAS}")


if __name__ == "__main__":
    main()
