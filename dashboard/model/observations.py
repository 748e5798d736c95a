"""The observations: each figure a source gives, of one quantity at one time, and the choices of source and time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard.model.validation import PartialDate

# Sources the map credits by role, whatever the figures cite.
BRIEFING_SOURCE = "briefing"
BORDERS_SOURCE = "natural_earth"
REQUIRED_SOURCES = {BRIEFING_SOURCE: "the briefing's figures and text", BORDERS_SOURCE: "the country borders"}
# The country code of figures about the whole world.
WORLD = "WLD"
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
