"""The model: the briefing's figures, their sources and the mapped countries.

Everything here is read from the data folder (``geodata/`` by default) once, at
start-up, and validated as a whole: :func:`load_briefing` either returns a
:class:`Briefing` or raises :class:`DataError` listing every problem it found,
each with its file, record and field. No Dash, no plotly.

Geometry is in EPSG:4326 (longitude, latitude in degrees).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel
from shapely.validation import explain_validity

from dashboard.model.layers import Layer, LayerFeature, load_layers, quote_problem
from dashboard.model.metrics import METRICS
from dashboard.model.resources import shipped
from dashboard.model.story import NUMBER, Step, StoryNumbers, load_story
from dashboard.model.validation import Collector, DataError, DataProblem, PartialDate, Record, read_yaml_list

DEFAULT_DATA_DIR = shipped("geodata")

# Sources the map credits by role, whatever the figures cite.
BRIEFING_SOURCE = "briefing"
BORDERS_SOURCE = "natural_earth"
REQUIRED_SOURCES = {BRIEFING_SOURCE: "the briefing's figures and text", BORDERS_SOURCE: "the country borders"}

FIGURES_FILE = "figures.yaml"
SOURCES_FILE = "sources.yaml"
POPULATION_FILE = "population.yaml"
COUNTRIES_FILE = "countries.geojson"
TEXT_FILE = "briefing.txt"

WORLD = "WLD"
COUNTRY_ROLES = ("maghreb", "context")
# The fields each record may have: anything else is a misspelling, reported.
SOURCE_FIELDS = ("id", "short", "title", "about", "author", "publisher", "date", "url", "note")
FIGURE_FIELDS = (
    "country", "measure", "value", "qualifier", "lower", "upper", "as_of", "since", "coverage", "source",
    "attributed_to", "quote", "lang", "note", "derivation", "share", "place", "mark",
)  # fmt: skip
# The source whose figures the map shows unless the reader chooses another,
# and the choice of every source at once.
DEFAULT_SOURCE = BRIEFING_SOURCE
ALL_SOURCES = "all"
# Points in time: the briefing's own (its publication date), the latest figure known, or a date's ISO text.
BRIEFING_TIME = "briefing"
LATEST = "latest"
# Two sources' counts of the same quantity disagree only when they refer to about the same time:
# their dates at most this many months apart (and their values more than readings.DISAGREEMENT_MARGIN apart).
SAME_TIME_MONTHS = 6
# A number as a quote writes it: "1,600", "1622", "1 659" (French thousands), "4.8".
QUOTED_NUMBER = re.compile(r"\d+(?:[,.\u202f\u00a0 ]\d{3})*(?:\.\d+)?")

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
    "at_least": ("at least", "lower"),
    "just_over": ("just over", "lower"),
    "nearly": ("nearly", "upper"),
    "less_than": ("less than", "upper"),
    "not_given": ("not given", "unknown"),
}


@dataclass(frozen=True)
class Source:
    """A document figures and places cite.

    ``title`` is its own title or headline, word for word; ``about`` says in
    our words what it reports when the headline was not recorded. One of the
    two is given.
    """

    id: str
    short: str
    publisher: str
    title: str | None = None
    about: str | None = None
    date: PartialDate | None = None
    author: str | None = None
    url: str | None = None
    note: str | None = None

    @property
    def citation(self) -> str:
        """Author, title (in quotation marks) or what it reports, publisher, date."""
        author = f"{self.author}, " if self.author else ""
        what = f"\u201c{self.title}\u201d" if self.title else self.about
        date = f", {self.date}" if self.date else ", date not recorded"
        return f"{author}{what}, {self.publisher}{date}"


@dataclass(frozen=True)
class Selection:
    """Whose figures the map shows, and at what point in time: one state for every view.

    ``source`` is a source id or ALL_SOURCES; ``time`` is BRIEFING_TIME (each
    figure as the briefing's date saw it), LATEST, or a date's ISO text
    (the latest figure each state has by the end of that date).
    """

    source: str = BRIEFING_SOURCE
    time: str = BRIEFING_TIME

    @property
    def key(self) -> str:
        """How the page config and the address name it: "soufan_2017@2019-10"."""
        return f"{self.source}@{self.time}"


DEFAULT_SELECTION = Selection()


@dataclass(frozen=True)
class Figure:
    """One figure a source gives (or says it cannot give): an observation of one quantity at one time.

    ``as_of`` is the date the figure counts to, when the source gives one
    (None: undated, and placed in time at its source's publication date);
    ``since`` the start of the period it counts, when the source says.
    """

    country: str
    measure: str
    value: float | None
    qualifier: str
    lower: float | None
    upper: float | None
    as_of: PartialDate | None
    source: str
    quote: str | None = None  # the source's words (the briefing's are checked against its text)
    attributed_to: str | None = None
    since: PartialDate | None = None
    coverage: str | None = None  # who is counted, where it differs ("including women and minors")
    lang: str | None = None  # the quote's language (BCP 47) where it is not English
    derivation: str | None = None
    note: str | None = None
    place: str | None = None
    mark: str | None = None  # the words of the quote that give the figure
    share: str | None = None  # the briefing's own words for the share of fighters ("nearly half")

    @property
    def direction(self) -> str:
        """exact, approx, lower, upper or unknown: how the value bounds the truth."""
        return QUALIFIERS[self.qualifier][1]


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
    text: str
    layers: list[Layer]
    story: list[Step]
    story_minutes: float | None = None  # the time planned for the whole talk (story.yaml's total_minutes)
    _by_key: dict[tuple[str, str], list[Figure]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {}
        for figure in self.figures:
            if figure.place is None:
                self._by_key.setdefault((figure.country, figure.measure), []).append(figure)
        for records in self._by_key.values():
            # Oldest first; on the same date the briefing's first, then the file's order.
            records.sort(key=lambda figure: (self.date_of(figure).sort_key, figure.source != DEFAULT_SOURCE))

    def records(self, country: str, measure: str) -> list[Figure]:
        """Every source's country-wide figure for a measure, oldest first."""
        return self._by_key.get((country, measure), [])

    def date_of(self, figure: Figure) -> PartialDate:
        """When a figure stands in time: its own date, or for an undated figure its source's publication date."""
        date = figure.as_of or self.sources[figure.source].date
        assert date is not None, "load_figures refuses an undated figure whose source has no date"
        return date

    def time_bound(self, time: str) -> tuple[int, int, int] | None:
        """The last day (a sort key) a figure may be dated to be seen at ``time``; None for the latest."""
        if time == LATEST:
            return None
        if time == BRIEFING_TIME:
            return self.date_of_briefing.end_key
        return PartialDate.parse(time).end_key

    @property
    def date_of_briefing(self) -> PartialDate:
        """When the briefing was published: the point in time the map shows by default."""
        date = self.own_source.date
        assert date is not None, "load_sources requires the briefing's date"
        return date

    def figure(self, country: str, measure: str, selection: Selection = DEFAULT_SELECTION) -> Figure | None:
        """The country-wide figure the map shows under ``selection``, or None if there is none.

        The latest figure dated by the selection's time, from its source (or
        any source); on the same date, the briefing's first, then the first
        in the file.
        """
        bound = self.time_bound(selection.time)
        records = [
            figure
            for figure in self.records(country, measure)
            if selection.source in (ALL_SOURCES, figure.source)
            and (bound is None or self.date_of(figure).sort_key <= bound)
        ]
        if not records:
            return None
        newest = self.date_of(records[-1]).sort_key
        return next(figure for figure in records if self.date_of(figure).sort_key == newest)

    def when(self, figure: Figure) -> str:
        """The date a figure refers to in words: "October 2017", or "late 2017 (figure undated)"."""
        return str(figure.as_of) if figure.as_of else f"{self.date_of(figure)} (figure undated)"

    @property
    def source_choices(self) -> list[str]:
        """The Source control's choices: the briefing, each other source with Maghreb figures, every source."""
        return source_choices(self.figures, self.sources, set(self.maghreb))

    @property
    def time_choices(self) -> list[str]:
        """The Time control's choices: the briefing's time, each year of a Maghreb figure, latest."""
        dates = {key: source.date for key, source in self.sources.items()}
        return time_choices(self.figures, dates, set(self.maghreb))

    @property
    def selections(self) -> list[Selection]:
        """Every choice of source and time the page offers."""
        return [Selection(source, time) for source in self.source_choices for time in self.time_choices]

    def source_label(self, source: str) -> str:
        return "Every source" if source == ALL_SOURCES else self.sources[source].short

    def time_label(self, time: str) -> str:
        """How the Time control names a point in time."""
        if time == BRIEFING_TIME:
            return f"As the briefing saw it ({self.date_of_briefing})"
        return "Latest known" if time == LATEST else str(PartialDate.parse(time))

    def time_short(self, time: str) -> str:
        """The point in time in a few words, for the colour bar: "late 2017", "by 2019", "latest"."""
        if time == BRIEFING_TIME:
            return str(self.date_of_briefing)
        return "latest" if time == LATEST else f"by {PartialDate.parse(time)}"

    def time_phrase(self, time: str) -> str:
        """The point in time in a sentence: "as the briefing saw it (late 2017)", "by October 2019"."""
        if time == BRIEFING_TIME:
            return f"as the briefing saw it ({self.date_of_briefing})"
        return "the latest known" if time == LATEST else f"by {PartialDate.parse(time)}"

    def feature(self, feature_id: str) -> LayerFeature:
        """The layer feature with this id; KeyError if there is none."""
        for layer in self.layers:
            for feature in layer.features:
                if feature.id == feature_id:
                    return feature
        raise KeyError(feature_id)

    @property
    def feature_ids(self) -> list[str]:
        """Every layer feature's id, sorted: what is built from them comes out in the same order every time."""
        return sorted(feature.id for layer in self.layers for feature in layer.features)

    def figures_for(self, country: str) -> list[Figure]:
        return [f for f in self.figures if f.country == country]

    def country_name(self, iso_a3: str) -> str:
        if iso_a3 == WORLD:
            return "worldwide"
        return str(self.countries.loc[iso_a3, "name"])

    @cached_property  # asked for every state, metric and panel the page is built with; the data do not change
    def maghreb(self) -> list[str]:
        """ISO codes of the four states the briefing covers, west to east."""
        rows = self.countries[self.countries["role"] == "maghreb"]
        return rows.sort_values("label_lon").index.tolist()

    @property
    def own_source(self) -> Source:
        """The briefing itself: the source of its figures and its text."""
        return self.sources[BRIEFING_SOURCE]

    @property
    def borders_source(self) -> Source:
        """Where the country borders come from, credited under every map."""
        return self.sources[BORDERS_SOURCE]

    @property
    def population_sources(self) -> list[Source]:
        """The sources of the population figures (for per-million figures)."""
        return [self.sources[source_id] for source_id in sorted({p.source for p in self.population.values()})]

    @property
    def overview_figures(self) -> list[Figure]:
        """The briefing's figures about places beyond the Maghreb states (Raqqa, the world)."""
        return [f for f in self.figures if f.country not in self.maghreb]

    def attribution(self, figure: Figure) -> str:
        """Who says so: 'US intelligence, as cited in Rogan, ATA briefing (2017)'."""
        short = self.sources[figure.source].short
        return f"{figure.attributed_to}, as cited in {short}" if figure.attributed_to else short


def same_time(one: PartialDate, other: PartialDate) -> bool:
    """Do two dates refer to about the same time: at most SAME_TIME_MONTHS apart (a year alone counts as mid-year)?"""
    (year_a, month_a, _), (year_b, month_b, _) = one.sort_key, other.sort_key
    return abs((year_a * 12 + (month_a or 6)) - (year_b * 12 + (month_b or 6))) <= SAME_TIME_MONTHS


def source_choices(figures: list[Figure], sources: Iterable[str], maghreb: set[str]) -> list[str]:
    """The briefing, each other source with figures for at least two Maghreb states (in the order of
    ``sources``), every source.

    A report with one state's figure is no map of the Maghreb: its figure is
    seen under every source, at its date, and in the state's panel.
    """
    states: dict[str, set[str]] = {}
    for figure in figures:
        if figure.country in maghreb:
            states.setdefault(figure.source, set()).add(figure.country)
    others = [source for source in sources if len(states.get(source, ())) >= 2 and source != DEFAULT_SOURCE]
    return [DEFAULT_SOURCE, *others, ALL_SOURCES]


def time_choices(figures: list[Figure], source_dates: Mapping[str, PartialDate | None], maghreb: set[str]) -> list[str]:
    """The briefing's time, each year a Maghreb figure refers to (but the briefing's), oldest first, and the latest.

    A year as a point in time means its end: the latest figure each state has by then.
    """
    dated = [figure.as_of or source_dates.get(figure.source) for figure in figures if figure.country in maghreb]
    briefing_date = source_dates.get(DEFAULT_SOURCE)
    years = {date.year for date in dated if date is not None} - {briefing_date.year if briefing_date else None}
    return [BRIEFING_TIME, *(str(year) for year in sorted(years)), LATEST]


# --- loading -----------------------------------------------------------------


def load_sources(path: Path) -> tuple[dict[str, Source], dict[str, PartialDate | None], list[DataProblem]]:
    """Read sources.yaml: the complete Source records keyed by id, every id the file gives (in its order,
    with its date where it has one) and the problems. The sources the map credits by role (REQUIRED_SOURCES)
    must be there.

    Figures, places and steps are checked against every id, complete or not, so
    that citing an incomplete source is not reported as well: the file fails
    on that source's own problems anyway.
    """
    problems = Collector(path.name)
    sources: dict[str, Source] = {}
    ids: dict[str, PartialDate | None] = {}
    for index, item in enumerate(read_yaml_list(path, "sources", problems), 1):
        record = Record(item.raw, item.line, f"source {index}", problems, item.lines)
        record.check_fields(SOURCE_FIELDS)
        source_id = record.text("id")
        short = record.text("short")
        title = record.text("title", required=False)
        about = record.text("about", required=False)
        author = record.text("author", required=False)
        publisher = record.text("publisher")
        date = record.date("date", required=source_id == DEFAULT_SOURCE)
        url = record.text("url", required=False)
        note = record.text("note", required=False)
        if url is not None and not url.startswith(("https://", "http://")):
            record.fail("url", f"must be a web address (https:// or http://), got {url!r}")
            url = None
        if title is None and about is None:
            record.fail("title", "is missing: give its title word for word, or `about`: what it reports")
        elif title is not None and about is not None:
            record.fail("about", "give either a title or `about`, not both")
        if source_id is None:
            continue
        if source_id in ids:
            record.fail("id", f"duplicate source id {source_id!r}")
            continue
        ids[source_id] = date
        if short is not None and publisher is not None:
            sources[source_id] = Source(source_id, short, publisher, title, about, date, author, url, note)
    if not problems.problems:
        for source_id, role in REQUIRED_SOURCES.items():
            if source_id not in ids:
                problems.add(f"no source {source_id!r}: the map credits {role} to it", field="id")
    return sources, ids, problems.problems


def _check_bounds(record: Record, value: float, qualifier: str, lower: float | None, upper: float | None) -> None:
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


def quoted_numbers(quote: str) -> set[float]:
    """The numbers a quote writes, whatever its thousands separator: "1,622", "1 659", "800"."""
    numbers = set()
    for match in QUOTED_NUMBER.findall(quote):
        digits = re.sub(r"[,.\u202f\u00a0 ](?=\d{3}\b)", "", match)
        numbers.add(float(digits.replace(",", "")))
    return numbers


def _read_dates(record: Record, source: str | None, source_dates: Mapping[str, PartialDate | None]) -> tuple:
    """``as_of`` and ``since``: each optional, in order, and an undated figure's source must be dated."""
    as_of = record.date("as_of", required=False)
    since = record.date("since", required=False)
    if as_of is not None and since is not None and since.sort_key > as_of.sort_key:
        record.fail("since", f"{since.iso} is after as_of {as_of.iso}: a period starts before it ends")
    if as_of is None and source is not None and source in source_dates and source_dates[source] is None:
        record.fail("as_of", f"is missing, and source {source!r} has no date to place the figure in time")
    return as_of, since


def _read_figure(
    record: Record, countries: set[str] | None, source_dates: Mapping[str, PartialDate | None], text: str | None
) -> Figure | None:
    country = record.choice("country", None if countries is None else countries | {WORLD})
    measure = record.choice("measure", MEASURES)
    qualifier = record.choice("qualifier", QUALIFIERS)
    value = record.number("value", required=qualifier != "not_given")
    lower = record.number("lower", required=False)
    upper = record.number("upper", required=False)
    source = record.text("source")
    as_of, since = _read_dates(record, source, source_dates)
    quote = record.text("quote", required=source == DEFAULT_SOURCE)
    problem = (
        quote_problem(quote, text) if quote is not None and text is not None and source == DEFAULT_SOURCE else None
    )
    if problem:
        record.fail("quote", f"{problem}: quote {TEXT_FILE} word for word")
    derivation = record.text("derivation", required=False)
    # A quote that writes numbers must write this one ("a return of 800" is not 900); words alone
    # ("une centaine") cannot be checked this way.
    written_numbers = quoted_numbers(quote) if quote is not None else set()
    if value is not None and derivation is None and written_numbers and value not in written_numbers:
        written = ", ".join(f"{number:,g}" for number in sorted(written_numbers))
        record.fail(
            "value",
            f"{value:,g} is not a number the quote gives ({written}): give the source's number, or a derivation",
        )
    mark = record.text("mark", required=False)
    if mark is not None and quote is not None and mark not in quote:
        record.fail("mark", f"{mark!r} is not in the quote: mark the words the briefing uses for the figure")
    share = record.text("share", required=False)
    if share is not None and quote is not None and share not in quote:
        record.fail("share", f"{share!r} is not in the quote: give the briefing's own words for the share")
    if source is not None and source not in source_dates:
        record.fail("source", f"unknown source {source!r}; add it to {SOURCES_FILE}")
        source = None
    if qualifier == "not_given" and record.raw.get("value") is not None:
        record.fail("value", "must be null when the qualifier is not_given")
        return None
    if value is not None and qualifier is not None:
        _check_bounds(record, value, qualifier, lower, upper)
    # Each field that failed is reported already: a Figure is made only of fields that passed.
    if country is None or measure is None or qualifier is None or source is None or record.failed:
        return None
    if value is None and qualifier != "not_given":
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
        since=since,
        coverage=record.text("coverage", required=False),
        lang=record.text("lang", required=False),
        derivation=derivation,
        note=record.text("note", required=False),
        place=record.text("place", required=False),
        mark=mark,
        share=share,
    )


def load_figures(
    path: Path, countries: set[str] | None, source_dates: Mapping[str, PartialDate | None], text: str | None = None
) -> tuple[list[Figure], list[DataProblem]]:
    """Read figures.yaml, checking every field against the vocabularies.

    ``source_dates`` holds every source id sources.yaml gives, with its
    publication date (None when it has none).
    """
    problems = Collector(path.name)
    figures: list[Figure] = []
    seen: dict[tuple, int] = {}
    for index, item in enumerate(read_yaml_list(path, "figures", problems), 1):
        label = f"figure {index}"
        if isinstance(item.raw, dict):
            label += f" ({item.raw.get('country')} {item.raw.get('measure')})"
        record = Record(item.raw, item.line, label, problems, item.lines)
        record.check_fields(FIGURE_FIELDS)
        figure = _read_figure(record, countries, source_dates, text)
        if figure is None:
            continue
        key = (figure.country, figure.measure, figure.place, figure.source, figure.as_of)
        if key in seen:
            record.fail(
                "as_of",
                f"duplicate figure: figure {seen[key]} already gives {figure.country} {figure.measure}"
                f" from {figure.source} as of {figure.as_of.iso if figure.as_of else 'its publication'}",
            )
            continue
        seen[key] = index
        figures.append(figure)
    return figures, problems.problems


def load_population(
    path: Path, countries: set[str] | None, sources: Mapping[str, PartialDate | None]
) -> tuple[dict[str, Population], list[DataProblem]]:
    """Read population.yaml: one positive head count a country."""
    problems = Collector(path.name)
    population: dict[str, Population] = {}
    for index, item in enumerate(read_yaml_list(path, "population", problems), 1):
        record = Record(item.raw, item.line, f"population {index}", problems, item.lines)
        record.check_fields(("country", "year", "value", "source"))
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
        if country is not None and country in population:
            record.fail("country", f"duplicate population for {country}")
        elif country is not None and value is not None and year is not None and source is not None:
            population[country] = Population(country, int(year), int(value), source)
    return population, problems.problems


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


def load_text(path: Path) -> tuple[str, list[DataProblem]]:
    """The briefing's full text, which every quote must come from."""
    problems = Collector(path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add("file is missing")
        return "", problems.problems
    except UnicodeDecodeError as error:
        problems.add(f"is not UTF-8 text: {error.reason}")
        return "", problems.problems
    if not text.strip():
        problems.add("is empty")
    return text, problems.problems


def story_numbers(
    text: str, figures: list[Figure], source_dates: Mapping[str, PartialDate | None], source: str
) -> StoryNumbers:
    """The numbers a step showing ``source``'s figures (a source id or ALL_SOURCES) may use.

    They are the briefing's own, the figures of the step's source, and the
    years of the sources and of those figures' dates. A number the figures
    give only with a qualifier ("around 3,000") must keep one; one given
    exactly somewhere (Morocco's 200 returnees) may stand alone.
    """
    figures = [f for f in figures if f.source in (BRIEFING_SOURCE, source) or source == ALL_SOURCES]
    exact = {f"{f.value:,g}" for f in figures if f.value is not None and f.direction == "exact"}
    qualified = {f"{f.value:,g}" for f in figures if f.value is not None and f.direction != "exact"} - exact
    words = tuple(w.removeprefix("an ") for w, direction in QUALIFIERS.values() if w and direction != "unknown")
    dates = [*source_dates.values(), *(f.as_of for f in figures), *(f.since for f in figures)]
    return StoryNumbers(
        allowed=frozenset(NUMBER.findall(text)) | exact | qualified | {str(d.year) for d in dates if d is not None},
        qualified=frozenset(qualified),
        # "The Soufan Group estimates 5,600": the briefing's own verb is a qualifier too.
        qualifier_words=(*words, "estimates"),
    )


def load_briefing(data_dir: Path = DEFAULT_DATA_DIR) -> Briefing:
    """Load and validate every data file; raise DataError listing all problems."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        reason = "is a file, not a folder" if data_dir.exists() else "folder not found"
        raise DataError([DataProblem(str(data_dir), None, "", "", reason)])
    text, problems = load_text(data_dir / TEXT_FILE)
    sources, source_ids, source_problems = load_sources(data_dir / SOURCES_FILE)
    countries, country_problems = load_countries(data_dir / COUNTRIES_FILE)
    problems += source_problems + country_problems
    # Without readable geometry the country codes cannot be checked: say so once.
    codes = set(countries.index) if countries is not None else None
    figures, figure_problems = load_figures(data_dir / FIGURES_FILE, codes, source_ids, text)
    population, population_problems = load_population(data_dir / POPULATION_FILE, codes, source_ids)
    maghreb = set(countries.index[countries["role"] == "maghreb"]) if countries is not None else set()
    # A feature may name one of the briefing's country-wide figures; not checkable when figures.yaml has problems.
    briefing_figures = None
    if not figure_problems:
        briefing_figures = {(f.country, f.measure) for f in figures if f.place is None and f.source == DEFAULT_SOURCE}
    layers, layer_problems = load_layers(data_dir, source_ids, briefing_figures, maghreb, countries, text)
    choices = (source_choices(figures, source_ids, maghreb), time_choices(figures, source_ids, maghreb))
    numbers = functools.partial(story_numbers, text, figures, source_ids)
    story, story_minutes, story_problems = load_story(
        data_dir, METRICS, layers, countries, sorted(maghreb), numbers, choices
    )
    problems += figure_problems + population_problems + layer_problems + story_problems
    if problems:
        raise DataError(problems)
    return Briefing(sources, figures, population, countries, data_dir, text, layers, story, story_minutes)
