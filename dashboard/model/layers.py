"""The switchable layers: the states' measures and the movements of fighters.

``layers.yaml`` lists the layers; each is a GeoJSON file (EPSG:4326) whose
features carry name, kind, description, date, source and confidence. Loading
validates every feature, and derives what should not be typed in: Tunisia's
barrier is drawn along the 1:10m shared border between its two ends, moved a
few km into Tunisia, and its length is measured on the WGS84 ellipsoid (dashboard/model/barrier.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from dashboard.model.barrier import derive_barrier, geodesic_length_km
from dashboard.model.geojson import GEOMETRY_DEPTH, Region, position_problem, read_feature_collection, swap_hint
from dashboard.model.quotes import quote_problem
from dashboard.model.validation import Collector, DataProblem, DateSpan, Record, read_yaml_list

LAYERS_FILE = "layers.yaml"
# Layers every map has besides those in layers.yaml.
BUILTIN_LAYERS = {"choropleth": "Choropleth (metric)", "labels": "Country labels"}
LAYER_GROUPS = ("measures", "movements")
CONFIDENCE = ("high", "medium-high", "medium", "low")
STATUSES = ("confirmed", "unconfirmed", "approximate")
# kind -> the geometry types its features may have. A flow is a LineString
# (from, to), or a Point (where it goes) when the source gives no origin.
# A `place` is any other marked place (a camp, a crossing): its `symbol` is
# chosen in the data from PLACE_SYMBOLS.
KINDS = {
    "barrier": ("MultiPoint",),
    "us_forces": ("Point",),
    "drone_base": ("Point",),
    "air_base": ("Point",),
    "origin": ("Point",),
    "place": ("Point",),
    "return_route": ("Point",),
    "flow": ("LineString", "Point"),
}
POINT_KINDS = ("us_forces", "drone_base", "air_base", "origin", "place")
PLACE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "star", "cross")
# Keys a GeoJSON feature may have, and the properties any kind may carry;
# anything else is a misspelling, reported with the nearest valid name.
FEATURE_KEYS = ("type", "id", "geometry", "properties")
PROPERTIES = (
    "name", "kind", "description", "date", "date_note", "source", "confidence", "confidence_note", "status",
    "uncertainty_km", "quote", "label", "label_position", "symbol", "country", "figure",
    "along_border", "ends", "inset_km", "public_length_km", "length_note",
)  # fmt: skip
# A feature id: lower-case letters, digits, _ and -, so that links and story steps can name it.
FEATURE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class LayerFeature:
    """One thing on a layer, with how sure we are of it."""

    id: str  # "<layer id>/<feature id>": stable however the file is reordered
    layer: str
    name: str
    kind: str
    description: str
    date: DateSpan
    sources: tuple[str, ...]
    confidence: str
    status: str  # confirmed, unconfirmed (identity not certain) or approximate (position not certain)
    geometry: BaseGeometry  # EPSG:4326; a barrier's derived line; a route's origin
    quote: str | None = None
    country: str | None = None  # a return route's destination
    uncertainty_km: float | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def destination(self) -> str:
        """Where a return route goes (ISO alpha-3): loading makes sure every route has its `country`."""
        if self.country is None:
            raise ValueError(f"{self.id} is a {self.kind}, not a return route: it goes to no country")
        return self.country

    @property
    def certainty(self) -> str | None:
        """The words the map puts beside anything not known for sure."""
        if self.kind == "return_route":
            return "assumed, not tracked"
        if self.kind == "flow":
            return "origin not given" if self.geometry.geom_type == "Point" else "direction only"
        if self.kind == "barrier" and self.confidence != "high":
            return "route approximate"
        return {"unconfirmed": "unconfirmed", "approximate": "location approximate"}.get(self.status)


@dataclass(frozen=True)
class Layer:
    id: str
    title: str
    group: str
    features: tuple[LayerFeature, ...]
    # Ids of features in the file that failed validation: already reported,
    # so a story step that names one is not reported again.
    broken: tuple[str, ...] = ()


def _read_geometry(record: Record, raw: Any, kind: str | None, region: Region) -> BaseGeometry | None:
    if not isinstance(raw, dict):
        record.fail("geometry", "is empty")
        return None
    geometry_type = raw.get("type")
    depth = GEOMETRY_DEPTH.get(geometry_type) if isinstance(geometry_type, str) else None
    problem = position_problem(raw.get("coordinates"), depth) if depth is not None else None
    if problem:
        record.fail("geometry", f"{raw['type']}: {problem}")
        return None
    try:
        geometry = shape(raw)
    except Exception as error:  # shapely raises several types for malformed GeoJSON
        record.fail("geometry", f"is not a valid GeoJSON geometry: {error}")
        return None
    if geometry.is_empty:
        record.fail("geometry", "is empty")
        return None
    if not geometry.is_valid:
        record.fail("geometry", f"is invalid: {explain_validity(geometry)}")
        return None
    min_x, min_y, max_x, max_y = geometry.bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        record.fail("geometry", "has coordinates outside longitude -180..180, latitude -90..90 (lon, lat order?)")
        return None
    if kind in KINDS and geometry.geom_type not in KINDS[kind]:
        record.fail("geometry", f"a {kind} must be a {' or '.join(KINDS[kind])}, got {geometry.geom_type}")
        return None
    if not region.contains(geometry):
        where = f"[{', '.join(f'{value:g}' for value in shapely.get_coordinates(geometry)[0])}]"
        record.fail("geometry", f"{where} lies outside the layer's region ({region}){swap_hint(geometry, region)}")
        return None
    return geometry


@dataclass
class _Context:
    """What feature validation checks against."""

    sources: Collection[str]  # every source id sources.yaml gives
    # (country, measure) of the briefing's country-wide figures; None when figures.yaml has problems
    figures: Collection[tuple[str, str]] | None
    maghreb: set[str]
    countries: Any  # GeoDataFrame indexed by ISO alpha-3, or None
    text: str
    data_dir: Path


def _read_feature(
    record: Record, raw_geometry: Any, layer_id: str, feature_id: str, context: _Context, region: Region
) -> LayerFeature | None:
    record.check_fields(PROPERTIES)
    kind = record.choice("kind", KINDS)
    geometry = _read_geometry(record, raw_geometry, kind, region)
    name = record.text("name")
    description = record.text("description")
    date = record.date_span("date")
    sources = record.source_ids("source", context.sources)
    confidence = record.choice("confidence", CONFIDENCE)
    status = record.raw.get("status", "confirmed")
    if status not in STATUSES:
        record.fail("status", f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
    elif kind in POINT_KINDS and confidence not in (None, "high") and status == "confirmed":
        record.fail("status", "a place whose confidence is not high must be 'unconfirmed' or 'approximate'")
    uncertainty = record.number("uncertainty_km", required=status == "approximate")
    if status == "approximate" and uncertainty == 0:
        record.fail("uncertainty_km", "an approximate place needs a radius above 0 km")
    quote = record.text("quote", required=False)
    problem = quote_problem(quote, context.text) if quote else None
    if problem:
        record.fail("quote", f"{problem}: quote briefing.txt word for word")
    country = None
    if kind == "return_route":
        country = record.choice("country", context.maghreb)
    if kind == "place":
        record.choice("symbol", PLACE_SYMBOLS)
    _check_figure(record, context.figures)
    extras = ("label", "label_position", "date_note", "confidence_note", "length_note", "figure", "ends", "symbol")
    details = {key: record.raw[key] for key in extras if key in record.raw}
    if kind == "barrier" and geometry is not None:
        geometry = _barrier_line(record, geometry, context, details)
    # Each field that failed is reported already: a LayerFeature is made only of fields that passed.
    if geometry is None or kind is None or name is None or description is None or date is None:
        return None
    if sources is None or confidence is None:
        return None
    if kind == "return_route" and country is None:
        return None
    if kind == "place" and details.get("symbol") not in PLACE_SYMBOLS:
        return None
    return LayerFeature(
        id=f"{layer_id}/{feature_id}",
        layer=layer_id,
        name=name,
        kind=kind,
        description=description,
        date=date,
        sources=sources,
        confidence=confidence,
        status=status if status in STATUSES else "confirmed",
        geometry=geometry,
        quote=quote,
        country=country,
        uncertainty_km=uncertainty,
        details=details,
    )


def _check_figure(record: Record, figures: Collection[tuple[str, str]] | None) -> None:
    """A feature's `figure` ("LBY is_militants_present") must be one of the briefing's country-wide figures.

    Not checked while figures.yaml has problems of its own: a figure it failed to give is reported there.
    """
    value = record.raw.get("figure")
    if value is None or figures is None:
        return
    named = tuple(value.split()) if isinstance(value, str) else ()
    if named not in figures:
        known = ", ".join(" ".join(key) for key in sorted(figures))
        record.fail(
            "figure", f"must name one of the briefing's figures, '<country> <measure>' ({known}); got {value!r}"
        )


def _barrier_line(record: Record, ends: BaseGeometry, context: _Context, details: dict) -> LineString | None:
    """Derive the drawn line and its measured length from the shared border."""
    along = record.text("along_border")
    inset_km = record.number("inset_km")
    public_length = record.number("public_length_km")
    if along is None or inset_km is None or public_length is None or context.countries is None:
        return None
    codes = along.split("-")
    border_file = context.data_dir / "borders" / f"{along.lower().replace('-', '_')}_10m.geojson"
    if len(codes) != 2 or not all(code in context.countries.index for code in codes) or not border_file.is_file():
        record.fail("along_border", f"no shared border file {border_file.name} for {along!r}")
        return None
    border = shape(json.loads(border_file.read_text(encoding="utf-8"))["features"][0]["geometry"])
    too_far = [point for point in ends.geoms if border.distance(point) > 0.2]
    if too_far:
        record.fail("geometry", f"the barrier's ends must lie within 0.2 degrees of the {along} border")
        return None
    line = derive_barrier(border, list(ends.geoms), context.countries.loc[codes[0], "geometry"], inset_km)
    details.update(
        length_km=round(geodesic_length_km(line)),
        public_length_km=public_length,
        inset_km=inset_km,
        anchors=[(point.x, point.y) for point in ends.geoms],
    )
    return line


def load_layers(
    data_dir: Path,
    sources: Collection[str],
    figures: Collection[tuple[str, str]] | None,
    maghreb: set[str],
    countries: Any,
    text: str,
) -> tuple[list[Layer], list[DataProblem]]:
    """Read layers.yaml and every layer file it names.

    ``sources``: the source ids features may cite; ``figures``: the (country,
    measure) of the briefing's country-wide figures, which a feature's `figure`
    may name (None: not checkable).
    """
    problems = Collector(LAYERS_FILE)
    context = _Context(sources, figures, maghreb, countries, text, data_dir)
    layers: list[Layer] = []
    all_problems: list[DataProblem] = []
    seen: set[str] = set()
    for index, item in enumerate(read_yaml_list(data_dir / LAYERS_FILE, "layers", problems), 1):
        entry = Record(item.raw, item.line, f"layer {index}", problems, item.lines)
        entry.check_fields(("id", "title", "group", "file", "region"))
        layer_id, title = entry.identifier("id"), entry.text("title")
        group, file_name = entry.choice("group", LAYER_GROUPS), entry.text("file")
        region = _read_region(entry)
        if layer_id is not None:
            if layer_id in seen:
                entry.fail("id", f"duplicate layer id {layer_id!r}")
                continue
            seen.add(layer_id)
        if layer_id is None or title is None or group is None or file_name is None or region is None:
            continue  # reported already
        file_problems = Collector(file_name)
        layers.append(_read_layer(data_dir / file_name, layer_id, title, group, region, context, file_problems))
        all_problems += file_problems.problems
    return layers, problems.problems + all_problems


def _read_region(entry: Record) -> Region | None:
    """The layer's `region`: {west, south, east, north} in degrees."""
    raw = entry.raw.get("region")
    sides = ("west", "south", "east", "north")
    if not isinstance(raw, dict) or sorted(raw) != sorted(sides):
        entry.fail(
            "region", f"must give west, south, east and north in degrees (the area the layer covers), got {raw!r}"
        )
        return None
    if not all(isinstance(raw[side], (int, float)) and not isinstance(raw[side], bool) for side in sides):
        entry.fail("region", f"west, south, east and north must be numbers, got {raw!r}")
        return None
    region = Region(*(float(raw[side]) for side in sides))
    if not (-180 <= region.west < region.east <= 180 and -90 <= region.south < region.north <= 90):
        entry.fail("region", f"must have west < east within -180..180 and south < north within -90..90, got {raw!r}")
        return None
    return region


def _read_layer(
    path: Path, layer_id: str, title: str, group: str, region: Region, context: _Context, problems: Collector
) -> Layer:
    """One layer file: every feature checked, each by its stable id."""
    features = []
    broken = []
    seen: set[str] = set()
    for number, (raw, line, lines) in enumerate(read_feature_collection(path, problems), 1):
        raw = raw if isinstance(raw, dict) else {}
        properties = raw.get("properties")
        name = properties.get("name") if isinstance(properties, dict) else None
        label = f"feature {number}" + (f" ({name})" if name else "")
        top = Record(raw, line, label, problems, lines)
        top.check_fields(FEATURE_KEYS)
        feature_id = raw.get("id")
        if not isinstance(feature_id, str) or not FEATURE_ID.match(feature_id):
            top.fail(
                "id",
                f"needs a stable id (lower-case letters, digits, _ or -) that steps and links use, got {feature_id!r}",
            )
            feature_id = None
        elif feature_id in seen:
            top.fail("id", f"duplicate feature id {feature_id!r} in this layer")
            feature_id = None
        else:
            seen.add(feature_id)
        record = Record(properties, line, label, problems, lines)
        feature = _read_feature(record, raw.get("geometry"), layer_id, feature_id or "", context, region)
        if feature is not None and feature_id is not None:
            features.append(feature)
        elif feature_id is not None:
            broken.append(f"{layer_id}/{feature_id}")
    return Layer(layer_id, title, group, tuple(features), tuple(broken))
