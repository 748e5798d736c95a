"""The model as a whole: the Briefing that joins figures, sources, countries, layers and story, and its loading.

Everything here is read from the data folder (``geodata/`` by default) once, at
start-up, and validated as a whole: :func:`load_briefing` either returns a
:class:`Briefing` or raises :class:`DataError` listing every problem it found,
each with its file, record and field. No Dash, no plotly.

Geometry is in EPSG:4326 (longitude, latitude in degrees).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd

from dashboard.model.countries import load_countries
from dashboard.model.layers import Layer, LayerFeature, load_layers
from dashboard.model.loading import (
    FIGURES_FILE,
    POPULATION_FILE,
    SOURCES_FILE,
    TEXT_FILE,
    load_figures,
    load_population,
    load_sources,
    load_text,
)
from dashboard.model.metrics import METRICS
from dashboard.model.observations import (
    ALL_SOURCES,
    BORDERS_SOURCE,
    BRIEFING_SOURCE,
    BRIEFING_TIME,
    DEFAULT_SELECTION,
    DEFAULT_SOURCE,
    LATEST,
    QUALIFIERS,
    WORLD,
    Figure,
    Population,
    Selection,
    Source,
    source_choices,
    time_choices,
)
from dashboard.model.resources import shipped
from dashboard.model.story import NUMBER, Step, StoryNumbers, load_story
from dashboard.model.validation import DataError, DataProblem, PartialDate

DEFAULT_DATA_DIR = shipped("geodata")


COUNTRIES_FILE = "countries.geojson"


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
        return self._country_names[iso_a3]

    @cached_property  # a name is asked for about a thousand times as the page is built; pandas' .loc is slow
    def _country_names(self) -> dict[str, str]:
        return {code: str(name) for code, name in self.countries["name"].items()}

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
