"""The data to take away: a CSV table, a GeoJSON map and a zip data package.

Built from the loaded briefing alone (no Dash, no plotly), for the command
line (``python -m dashboard export csv|geojson|zip OUT``) and for the
server's ``/download/`` URLs, so both give the same bytes. Every number
carries its qualifier, bounds, date (or that its source leaves it undated),
period, coverage and source; a figure a source does not give is empty (CSV)
or null (GeoJSON), never 0. Coordinates are
EPSG:4326 longitude/latitude in degrees.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import shapely
from shapely.geometry import LineString, mapping
from shapely.geometry.base import BaseGeometry

from dashboard.figures.readings import NOT_GIVEN, figure_text, read, round_keeping_bound
from dashboard.model.briefing import Briefing
from dashboard.model.metrics import METRICS
from dashboard.model.observations import DEFAULT_SOURCE, MEASURES, QUALIFIERS, Figure
from dashboard.model.targets import target_of
from dashboard.page.paths import DATA_FILE_NAMES, PACKAGE_NAME

# Places kept for a derived value: enough to recompute, rounded so a bound stays true.
DERIVED_DECIMALS = 2
# A zip entry's date: fixed, so that the same data gives the same bytes (and version).
ZIP_DATE = (2017, 10, 1, 0, 0, 0)
# A zip entry's permissions: a plain file anyone may read (rw-r--r--), in the high 16 bits (Unix mode).
ZIP_MODE = 0o100644 << 16
# A return route is an assumption, not a sighting: its status in the GeoJSON says so.
ROUTE_STATUS = "assumed"

# The table's columns and what each means (the package README lists them).
CSV_COLUMNS = {
    "country": "ISO 3166-1 alpha-3 code of the country the figure is about; WLD for a worldwide figure",
    "country_name": "the country's name",
    "place": "a place within the country the figure is about (Raqqa), if any",
    "measure": "what is counted: "
    + ", ".join(MEASURES)
    + "; or a derived metric: "
    + ", ".join(metric.id for metric in METRICS.values() if metric.derived),
    "value": "the number; EMPTY when the source does not give one (never 0)",
    "unit": "people, % (of foreign fighters) or per million (people)",
    "qualifier": "the source's own hedge: " + ", ".join(QUALIFIERS) + "; a derived figure gets about, "
    "more_than or less_than from the bounds of what it was derived from",
    "lower": "the lower bound the qualifier implies ('more than 1,600' -> 1600), if any",
    "upper": "the upper bound the qualifier implies ('nearly', 'less than'), if any",
    "shown_as": "the figure as the map shows it, in words, with its qualifier",
    "as_of": "the date the figure counts to, when its source gives one (ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD;"
    " early-, mid- or late-YYYY); EMPTY when the source does not date the figure",
    "dated_as": "the date the map places the figure at: as_of, or for an undated figure its source's publication"
    " date; with the words the map uses ('late 2017 (figure undated)')",
    "since": "the start of the period the figure counts, when its source gives one",
    "coverage": "who is counted, where the source says it differs ('including women and minors')",
    "source": "id of the document that gives the figure (sources.csv); several separated by '; '",
    "attribution": "who says so, as the map cites it",
    "quote": "the source's words, word for word (translations, where given, are in note)",
    "note": "what a reader should know about the figure, in our words",
    "derivation": "for a figure the source implies but does not state: how it was derived; empty for a stated figure",
}
SOURCE_COLUMNS = ("id", "short", "author", "title", "about", "publisher", "date", "url", "note", "citation")
LICENCES = """\
- Country outlines: Natural Earth 4.1.0 (public domain), via the npm package world-atlas 2.0.2.
- Figures, quotes and the story: cited from Andrew Rogan, "Fall of Raqqa: Middle East Security Brief",
  Atlantic Treaty Association, 2017; quotes are the briefing's words, quoted with attribution, and
  stay the author's. Cross-checks: The Soufan Center, "Beyond the Caliphate", October 2017.
- Population (for figures per million): World Bank World Development Indicators (CC BY 4.0), as
  packaged by github.com/datasets/population (PDDL).
- Layer features (places, the barrier's line, routes): compiled by the Dandelion project from the
  sources each feature names; the barrier's line is derived from the Natural Earth 1:10m border.
- This package as a whole: the Dandelion project's MIT licence for what is its own; the parts above
  keep their own terms.
"""


def _number(value: float | None) -> int | float | None:
    """A whole number as an int (800, not 800.0); None stays None."""
    if value is None:
        return None
    return int(value) if value == int(value) else value


def _unit(measure: str) -> str:
    """What a measure's value counts: people, or the derived metric's unit."""
    return METRICS[measure].unit.strip() if measure in METRICS and METRICS[measure].unit else "people"


def figure_row(briefing: Briefing, figure: Figure) -> dict:
    """One figure a source gives (or says it cannot give), as a table row."""
    return {
        "country": figure.country,
        "country_name": briefing.country_name(figure.country),
        "place": figure.place,
        "measure": figure.measure,
        "value": _number(figure.value),
        "unit": _unit(figure.measure),
        "qualifier": figure.qualifier,
        "lower": _number(figure.lower),
        "upper": _number(figure.upper),
        "shown_as": figure_text(figure),
        "as_of": figure.as_of.iso if figure.as_of else None,
        "dated_as": briefing.when(figure),
        "since": figure.since.iso if figure.since else None,
        "coverage": figure.coverage,
        "source": figure.source,
        "attribution": briefing.attribution(figure),
        "quote": figure.quote,
        "note": figure.note,
        "derivation": figure.derivation,
    }


def derived_row(briefing: Briefing, metric_id: str, country: str) -> dict:
    """A derived metric for one country from the briefing's figures, with how it was derived; its bounds keep
    their direction, and its date is its inputs'."""
    reading = read(briefing, metric_id, country)
    metric = METRICS[metric_id]
    inputs = [briefing.figure(country, measure) for measure in metric.inputs]
    sources = [figure.source for figure in inputs if figure is not None]
    population = briefing.population.get(country)
    if metric.needs_population and population is not None:
        sources.append(population.source)
    direction = QUALIFIERS[reading.qualifier][1]
    value = round_keeping_bound(reading.value, DERIVED_DECIMALS, direction) if reading.value is not None else None
    return {
        "country": country,
        "country_name": briefing.country_name(country),
        "place": None,
        "measure": metric_id,
        "value": _number(value),
        "unit": _unit(metric_id),
        "qualifier": reading.qualifier,
        "lower": _number(value) if direction in ("exact", "lower") else None,
        "upper": _number(value) if direction in ("exact", "upper") else None,
        "shown_as": reading.text,
        "as_of": None,
        "dated_as": reading.when,
        "since": None,
        "coverage": None,
        "source": "; ".join(dict.fromkeys(sources)),
        "attribution": reading.source,
        "quote": None,
        "note": reading.note,
        "derivation": reading.derivation.removeprefix("derived: ") if reading.derivation else None,
    }


def figure_rows(briefing: Briefing) -> list[dict]:
    """Every figure of every source in figures.yaml's order, then the derived metrics of each Maghreb state
    (from the briefing's figures, as the map shows them by default)."""
    rows = [figure_row(briefing, figure) for figure in briefing.figures]
    derived = [metric.id for metric in METRICS.values() if metric.derived]
    rows += [derived_row(briefing, metric_id, country) for metric_id in derived for country in briefing.maghreb]
    return rows


# A text cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell: empty for None; text a spreadsheet would run as a formula gets a leading ' (OWASP)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(columns, rows: list[dict]) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheets then read it as UTF-8), a header row, CRLF lines."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns))
    writer.writeheader()
    for row in rows:
        writer.writerow({key: cell(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def figures_csv(briefing: Briefing) -> bytes:
    """The figures table: one row a figure, then the derived metrics."""
    return _csv_text(CSV_COLUMNS, figure_rows(briefing))


def sources_csv(briefing: Briefing) -> bytes:
    """Every source by id, with its parts and its citation as the map gives it."""
    rows = [
        {
            "id": source.id, "short": source.short, "author": source.author, "title": source.title,
            "about": source.about, "publisher": source.publisher, "date": source.date.iso if source.date else None,
            "url": source.url, "note": source.note, "citation": source.citation,
        }
        for source in briefing.sources.values()
    ]  # fmt: skip
    return _csv_text(SOURCE_COLUMNS, rows)


def geojson_geometry(geometry: BaseGeometry) -> dict:
    """A geometry as RFC 7946 GeoJSON asks: polygons' outer rings counter-clockwise, holes clockwise."""
    return mapping(shapely.orient_polygons(geometry, exterior_cw=False))


def _country_features(briefing: Briefing) -> list[dict]:
    """Every mapped country; a Maghreb state with its figures as flat properties.

    A figure's properties are ``<measure>`` (the value, null when not given)
    and ``<measure>_<column>`` for the table's other columns: the figures the
    map shows by default (the briefing's). ``figures`` lists every figure
    record about the country, from every source, as the CSV's rows.
    """
    rows: dict[str, list[dict]] = {}
    for row in figure_rows(briefing):
        if row["place"] is None and (row["measure"] not in MEASURES or row["source"] == DEFAULT_SOURCE):
            rows.setdefault(row["country"], []).append(row)
    records: dict[str, list[dict]] = {}
    for figure in briefing.figures:
        records.setdefault(figure.country, []).append(figure_row(briefing, figure))
    features = []
    for code, country in briefing.countries.iterrows():
        properties = {"type": "country", "id": target_of("country", code), "iso_a3": code, "name": country["name"]}
        properties["role"] = country["role"]
        for row in rows.get(code, []):
            measure = row["measure"]
            properties[measure] = row["value"]
            skip = ("country", "country_name", "place", "measure", "value")
            properties |= {f"{measure}_{key}": value for key, value in row.items() if key not in skip}
        if code in records:
            properties["figures"] = records[code]
        features.append({"type": "Feature", "geometry": geojson_geometry(country.geometry), "properties": properties})
    return features


def _route_line(briefing: Briefing, feature) -> LineString:
    """A return route as a line: from where it starts to the point the map labels its destination at.

    Straight, not the map's curve: the curve is a flow diagram's, and the route itself is assumed.
    """
    country = briefing.countries.loc[feature.destination]
    return LineString([(feature.geometry.x, feature.geometry.y), (country["label_lon"], country["label_lat"])])


def _layer_features(briefing: Briefing) -> list[dict]:
    """Every layer feature with its date, confidence, status and sources."""
    features = []
    for layer in briefing.layers:
        for feature in layer.features:
            route = feature.kind == "return_route"
            properties = {
                "type": "layer feature",
                "id": target_of("feature", feature.id),
                "layer": layer.id,
                "layer_title": layer.title,
                "name": feature.name,
                "kind": feature.kind,
                "description": feature.description,
                "date": feature.date.iso,
                "confidence": feature.confidence,
                "status": ROUTE_STATUS if route else feature.status,
                "certainty": feature.certainty,
                "uncertainty_km": feature.uncertainty_km,
                "country": feature.country,
                "quote": feature.quote,
                "sources": list(feature.sources),
                "source_citations": [briefing.sources[source].citation for source in feature.sources],
            }
            if feature.kind == "barrier":
                properties["length_km"] = feature.details["length_km"]
                properties["public_length_km"] = feature.details["public_length_km"]
            geometry = _route_line(briefing, feature) if route else feature.geometry
            features.append({"type": "Feature", "geometry": geojson_geometry(geometry), "properties": properties})
    return features


def map_geojson(briefing: Briefing) -> bytes:
    """Countries with their figures, then every layer's features (EPSG:4326), as GeoJSON."""
    collection = {
        "type": "FeatureCollection",
        "features": _country_features(briefing) + _layer_features(briefing),
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def package_readme(briefing: Briefing) -> str:
    """What is in the package, what each column means, and the licence of each part."""
    briefing_source = briefing.own_source
    columns = "\n".join(f"| `{name}` | {meaning} |" for name, meaning in CSV_COLUMNS.items())
    return f"""\
# Dandelion data package

The figures mapped by Dandelion: those of {briefing_source.citation}, and the
other sources' counts before and after it, each with its qualifier, bounds,
date (or "undated", placed at its source's publication date), period,
coverage and source.

| file | what |
|---|---|
| `dandelion.csv` | one row a figure a source gives (or says it cannot give), then the derived metrics |
| `dandelion.geojson` | the countries (with their figures as properties) and every layer's features, EPSG:4326 |
| `sources.csv` | every source cited, by id |
| `README.md` | this file |

A figure a source does not give has an EMPTY value in the CSV and null in
the GeoJSON: it is "{NOT_GIVEN}" (or by whichever source), never 0. Derived figures say how they were
derived; their bounds keep their direction (dividing by a lower bound gives an
upper bound), and a derived value is rounded to {DERIVED_DECIMALS} places so that
the bound stays true.

## dandelion.csv

UTF-8 with a byte-order mark, comma-separated, a header row.

| column | meaning |
|---|---|
{columns}

## dandelion.geojson

A FeatureCollection in EPSG:4326 (longitude, latitude). Each feature's
`type` property is `country` or `layer feature`.

- A country has `iso_a3`, `name`, `role` (maghreb: a state the briefing
  covers; context: shown for orientation). A Maghreb state has one property
  per figure, named after its measure (`returnees`: the value, null when not
  given), and `<measure>_<column>` for the CSV's other columns
  (`returnees_qualifier`, `returnees_as_of`, ...); `figures` lists every
  figure record about the country, from every source, with the CSV's columns.
- A layer feature has `layer`, `name`, `kind`, `description`, `date` (ISO
  8601, a date or an interval), `confidence`, `status` (confirmed,
  unconfirmed: identity not certain, approximate: position not certain, with
  `uncertainty_km`), `certainty` (the words the map puts beside it), `sources`
  (ids in sources.csv) and `source_citations`. A return route is a straight
  line from where it starts to the `country` it goes to, with `status`
  `assumed`: routes are assumed, not tracked.

Polygons follow RFC 7946: outer rings counter-clockwise, holes clockwise.

## Licences

{LICENCES}"""


def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add a compressed file to the package folder, with a fixed date, readable by anyone (0644)."""
    info = zipfile.ZipInfo(f"{PACKAGE_NAME}/{name}", date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ZIP_MODE
    archive.writestr(info, data)


def data_package(briefing: Briefing) -> bytes:
    """The zip data package: CSV, GeoJSON, sources and a README, in one folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "dandelion.csv", figures_csv(briefing))
        _zip_entry(archive, "dandelion.geojson", map_geojson(briefing))
        _zip_entry(archive, "sources.csv", sources_csv(briefing))
        _zip_entry(archive, "README.md", package_readme(briefing).encode("utf-8"))
    return buffer.getvalue()


@dataclass(frozen=True)
class DataFile:
    """One download: its file name, media type and how it is built."""

    name: str
    media_type: str
    build: Callable[[Briefing], bytes]


DATA_FILES = {
    "csv": DataFile(DATA_FILE_NAMES["csv"], "text/csv; charset=utf-8", figures_csv),
    "geojson": DataFile(DATA_FILE_NAMES["geojson"], "application/geo+json", map_geojson),
    "zip": DataFile(DATA_FILE_NAMES["zip"], "application/zip", data_package),
}
