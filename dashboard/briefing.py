"""The model: the briefing's figures, their sources and the mapped countries.

Everything here is read from the data folder (``geodata/`` by default) once, at
start-up, and validated as a whole: :func:`load_briefing` either returns a
:class:`Briefing` or raises :class:`DataError` listing every problem it found,
each with its file, record and field. No Dash, no plotly.

Geometry is in EPSG:4326 (longitude, latitude in degrees).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import yaml
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel
from shapely.validation import explain_validity

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "geodata"

FIGURES_FILE = "figures.yaml"
SOURCES_FILE = "sources.yaml"
POPULATION_FILE = "population.yaml"
COUNTRIES_FILE = "countries.geojson"

WORLD = "WLD"
COUNTRY_ROLES = ("maghreb", "context")

MEASURES = {
    "foreign_fighters": "foreign fighters",
    "returnees": "returnees",
    "is_militants_present": "IS militants in the country",
    "civilian_casualties": "civilian casualties",
}

# How each qualifier bounds the true number: "lower" means the value is a lower
# bound ("more than 1,600"), "upper" an upper bound, "approx" neither.
QUALIFIERS: dict[str, tuple[str, str]] = {
    "exact": ("", "exact"),
    "around": ("around", "approx"),
    "about": ("about", "approx"),
    "estimated": ("an estimated", "approx"),
    "close_to": ("close to", "approx"),
    "more_than": ("more than", "lower"),
    "just_over": ("just over", "lower"),
    "nearly": ("nearly", "upper"),
    "less_than": ("less than", "upper"),
    "not_given": ("not given", "unknown"),
}


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong with a data file, located as precisely as we can."""

    file: str
    line: int | None
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where, self.record, f"field '{self.field}'" if self.field else ""]
        return ": ".join(part for part in parts if part) + f": {self.message}"


class DataError(Exception):
    """The data folder has problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class PartialDate:
    """A date given to the year, month or day, as sources give them."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: Any) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError otherwise."""
        if isinstance(text, dt.date):
            return cls(text.year, text.month, text.day)
        parts = str(text).split("-")
        if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
        numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
        dt.date(*numbers)  # raises ValueError for a month 13 or a 31 February
        return cls(*[int(part) for part in parts])

    def __str__(self) -> str:
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True)
class Source:
    id: str
    short: str
    title: str
    author: str
    publisher: str
    date: PartialDate
    url: str | None = None
    note: str | None = None

    @property
    def citation(self) -> str:
        """Author, title, publisher and date, as a footer or panel cites it."""
        return f"{self.author}, \u201c{self.title}\u201d, {self.publisher}, {self.date}"


@dataclass(frozen=True)
class Crosscheck:
    """A second source's figure beside the briefing's."""

    value: float
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Figure:
    """One figure the briefing gives (or says it cannot give)."""

    country: str
    measure: str
    value: float | None
    qualifier: str
    lower: float | None
    upper: float | None
    as_of: PartialDate
    source: str
    quote: str
    attributed_to: str | None = None
    period: str | None = None
    derivation: str | None = None
    crosscheck: Crosscheck | None = None
    place: str | None = None

    @property
    def direction(self) -> str:
        """exact, approx, lower, upper or unknown: how the value bounds the truth."""
        return QUALIFIERS[self.qualifier][1]

    @property
    def qualifier_words(self) -> str:
        return QUALIFIERS[self.qualifier][0]


@dataclass(frozen=True)
class Population:
    country: str
    year: int
    value: int
    source: str


@dataclass
class Briefing:
    """The loaded, validated data the dashboard shows."""

    sources: dict[str, Source]
    figures: list[Figure]
    population: dict[str, Population]
    countries: gpd.GeoDataFrame
    data_dir: Path
    _by_key: dict[tuple[str, str], Figure] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {(f.country, f.measure): f for f in self.figures if f.place is None}

    def figure(self, country: str, measure: str) -> Figure | None:
        """The country-wide figure for a measure, or None if the file has none."""
        return self._by_key.get((country, measure))

    def figures_for(self, country: str) -> list[Figure]:
        return [f for f in self.figures if f.country == country]

    def country_name(self, iso_a3: str) -> str:
        if iso_a3 == WORLD:
            return "worldwide"
        return str(self.countries.loc[iso_a3, "name"])

    @property
    def maghreb(self) -> list[str]:
        """ISO codes of the four states the briefing covers, west to east."""
        rows = self.countries[self.countries["role"] == "maghreb"]
        return rows.sort_values("label_lon").index.tolist()

    def attribution(self, figure: Figure) -> str:
        """Who says so: 'US intelligence, as cited in Rogan, ATA briefing (2017)'."""
        short = self.sources[figure.source].short
        return f"{figure.attributed_to}, as cited in {short}" if figure.attributed_to else short


# --- loading -----------------------------------------------------------------


class _Collector:
    """Collects problems for one file so that all of them are reported at once."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[DataProblem] = []

    def add(self, message: str, line: int | None = None, record: str = "", field: str = "") -> None:
        self.problems.append(DataProblem(self.file, line, record, field, message))


class _Record:
    """Typed access to one YAML mapping, reporting each bad field once."""

    def __init__(self, raw: Any, line: int | None, label: str, problems: _Collector):
        self.raw = raw if isinstance(raw, dict) else {}
        self.line = line
        self.label = label
        self.problems = problems
        if not isinstance(raw, dict):
            self.fail("", f"must be a mapping of field: value, got {type(raw).__name__}")

    def fail(self, field_name: str, message: str) -> None:
        self.problems.add(message, self.line, self.label, field_name)

    def text(self, name: str, required: bool = True) -> str | None:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, "is missing")
            return None
        if not isinstance(value, str):
            self.fail(name, f"must be text, got {value!r}")
            return None
        return value.strip()

    def choice(self, name: str, allowed: Any) -> str | None:
        """Text that must be one of ``allowed``; None allows any (not checkable)."""
        value = self.text(name)
        if value is not None and allowed is not None and value not in allowed:
            self.fail(name, f"unknown {name} {value!r}; expected one of {', '.join(sorted(allowed))}")
            return None
        return value

    def number(self, name: str, required: bool = True) -> float | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.fail(name, "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.fail(name, f"must be a number, got {value!r}")
            return None
        if value < 0:
            self.fail(name, f"must not be negative, got {value!r}")
            return None
        return float(value)

    def date(self, name: str) -> PartialDate | None:
        value = self.raw.get(name)
        if value is None:
            self.fail(name, "is missing")
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            self.fail(name, f"is not a date: {error}")
            return None


def _read_yaml_list(path: Path, key: str, problems: _Collector) -> list[tuple[Any, int]]:
    """The items of the top-level list ``key`` with their 1-based line numbers."""
    if not path.is_file():
        problems.add("file is missing")
        return []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as error:
        problems.add(f"is not UTF-8 text: {error.reason}")
        return []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problems.add(f"malformed YAML: {reason}", mark.line + 1 if mark else None)
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.add(f"must have a top-level list '{key}:'", None, "", key)
        return []
    (item_node,) = [value for name, value in node.value if name.value == key]
    lines = [item.start_mark.line + 1 for item in item_node.value]
    return list(zip(data[key], lines, strict=True))


def load_sources(path: Path) -> tuple[dict[str, Source], list[DataProblem]]:
    """Read sources.yaml into Source records keyed by id."""
    problems = _Collector(path.name)
    sources: dict[str, Source] = {}
    for index, (raw, line) in enumerate(_read_yaml_list(path, "sources", problems), 1):
        record = _Record(raw, line, f"source {index}", problems)
        source_id = record.text("id")
        values = {
            "short": record.text("short"),
            "title": record.text("title"),
            "author": record.text("author"),
            "publisher": record.text("publisher"),
            "date": record.date("date"),
            "url": record.text("url", required=False),
            "note": record.text("note", required=False),
        }
        if source_id in sources:
            record.fail("id", f"duplicate source id {source_id!r}")
        elif source_id:
            # Kept even when incomplete, so that figures citing it are not
            # reported as well: the file fails on this record's problems anyway.
            sources[source_id] = Source(id=source_id, **values)
    return sources, problems.problems


def _check_bounds(record: _Record, value: float, qualifier: str, lower: float | None, upper: float | None) -> None:
    """The given bounds must hold the value and say what the qualifier says."""
    direction = QUALIFIERS[qualifier][1]
    words = QUALIFIERS[qualifier][0] or "exact"
    if lower is not None and upper is not None and lower > upper:
        record.fail("lower", f"lower bound {lower:g} is above upper bound {upper:g}")
    if lower is not None and lower > value:
        record.fail("lower", f"lower bound {lower:g} is above the value {value:g}")
    if upper is not None and upper < value:
        record.fail("upper", f"upper bound {upper:g} is below the value {value:g}")
    must_equal = {"exact": ("lower", "upper"), "lower": ("lower",), "upper": ("upper",)}
    for name in must_equal.get(direction, ()):
        bound = lower if name == "lower" else upper
        if bound is not None and bound != value:
            record.fail(name, f"'{words}' {value:g} makes {value:g} the {name} bound, but {name} is {bound:g}")
    opposite = {"lower": ("upper", upper), "upper": ("lower", lower)}.get(direction)
    if opposite and opposite[1] is not None and opposite[1] == value:
        record.fail(opposite[0], f"'{words}' {value:g} contradicts a {opposite[0]} bound of {value:g}")


def _read_figure(record: _Record, countries: set[str] | None, sources: dict[str, Source]) -> Figure | None:
    country = record.choice("country", None if countries is None else countries | {WORLD})
    measure = record.choice("measure", MEASURES)
    qualifier = record.choice("qualifier", QUALIFIERS)
    value = record.number("value", required=qualifier != "not_given")
    lower = record.number("lower", required=False)
    upper = record.number("upper", required=False)
    as_of = record.date("as_of")
    source = record.text("source")
    quote = record.text("quote")
    if source is not None and source not in sources:
        record.fail("source", f"unknown source {source!r}; add it to {SOURCES_FILE}")
        source = None
    if qualifier == "not_given" and record.raw.get("value") is not None:
        record.fail("value", "must be null when the qualifier is not_given")
        return None
    if value is not None and qualifier is not None:
        _check_bounds(record, value, qualifier, lower, upper)
    crosscheck = None
    if record.raw.get("crosscheck") is not None:
        check = _Record(record.raw["crosscheck"], record.line, record.label + " crosscheck", record.problems)
        check_value, check_source = check.number("value"), check.text("source")
        if check_source is not None and check_source not in sources:
            check.fail("source", f"unknown source {check_source!r}; add it to {SOURCES_FILE}")
        elif check_value is not None and check_source is not None:
            crosscheck = Crosscheck(check_value, check_source, check.text("note", required=False))
    required = (country, measure, qualifier, as_of, source, quote)
    if any(item is None for item in required) or (value is None and qualifier != "not_given"):
        return None
    return Figure(
        country=country,
        measure=measure,
        value=value,
        qualifier=qualifier,
        lower=lower,
        upper=upper,
        as_of=as_of,
        source=source,
        quote=quote,
        attributed_to=record.text("attributed_to", required=False),
        period=record.text("period", required=False),
        derivation=record.text("derivation", required=False),
        crosscheck=crosscheck,
        place=record.text("place", required=False),
    )


def load_figures(
    path: Path, countries: set[str] | None, sources: dict[str, Source]
) -> tuple[list[Figure], list[DataProblem]]:
    """Read figures.yaml, checking every field against the vocabularies."""
    problems = _Collector(path.name)
    figures: list[Figure] = []
    seen: dict[tuple[str, str, str | None], int] = {}
    for index, (raw, line) in enumerate(_read_yaml_list(path, "figures", problems), 1):
        label = f"figure {index}"
        if isinstance(raw, dict):
            label += f" ({raw.get('country')} {raw.get('measure')})"
        record = _Record(raw, line, label, problems)
        figure = _read_figure(record, countries, sources)
        if figure is None:
            continue
        key = (figure.country, figure.measure, figure.place)
        if key in seen:
            record.fail(
                "measure", f"duplicate figure: figure {seen[key]} already gives {figure.country} {figure.measure}"
            )
            continue
        seen[key] = index
        figures.append(figure)
    return figures, problems.problems


def load_population(
    path: Path, countries: set[str] | None, sources: dict[str, Source]
) -> tuple[dict[str, Population], list[DataProblem]]:
    """Read population.yaml: one positive head count a country."""
    problems = _Collector(path.name)
    population: dict[str, Population] = {}
    for index, (raw, line) in enumerate(_read_yaml_list(path, "population", problems), 1):
        record = _Record(raw, line, f"population {index}", problems)
        country = record.choice("country", countries)
        value = record.number("value")
        year = record.number("year")
        source = record.text("source")
        if source is not None and source not in sources:
            record.fail("source", f"unknown source {source!r}; add it to {SOURCES_FILE}")
            source = None
        if value is not None and (value == 0 or value != int(value)):
            record.fail("value", f"must be a whole number of people above 0, got {record.raw['value']!r}")
            value = None
        if country in population:
            record.fail("country", f"duplicate population for {country}")
        elif None not in (country, value, year, source):
            population[country] = Population(country, int(year), int(value), source)
    return population, problems.problems


def load_countries(path: Path) -> tuple[gpd.GeoDataFrame | None, list[DataProblem]]:
    """Read the mapped countries, indexed by ISO alpha-3, with label points.

    ``label_lon``/``label_lat`` are the pole of inaccessibility of each
    country's largest polygon: the inside point farthest from its border, where
    a label has the most room (a centroid can fall outside a country).
    """
    problems = _Collector(path.name)
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


def load_briefing(data_dir: Path = DEFAULT_DATA_DIR) -> Briefing:
    """Load and validate every data file; raise DataError listing all problems."""
    data_dir = Path(data_dir)
    sources, problems = load_sources(data_dir / SOURCES_FILE)
    countries, country_problems = load_countries(data_dir / COUNTRIES_FILE)
    problems += country_problems
    # Without readable geometry the country codes cannot be checked: say so once.
    codes = set(countries.index) if countries is not None else None
    figures, figure_problems = load_figures(data_dir / FIGURES_FILE, codes, sources)
    population, population_problems = load_population(data_dir / POPULATION_FILE, codes, sources)
    problems += figure_problems + population_problems
    if problems:
        raise DataError(problems)
    return Briefing(sources, figures, population, countries, data_dir)
