"""Reading the briefing's own files, every record checked: sources.yaml, figures.yaml, population.yaml, briefing.txt."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from dashboard.model.observations import (
    DEFAULT_SOURCE,
    MEASURES,
    QUALIFIERS,
    REQUIRED_SOURCES,
    WORLD,
    Figure,
    Population,
    Source,
)
from dashboard.model.quotes import quote_problem, quoted_numbers
from dashboard.model.validation import Collector, DataProblem, PartialDate, Record, read_yaml_list

FIGURES_FILE = "figures.yaml"
SOURCES_FILE = "sources.yaml"
POPULATION_FILE = "population.yaml"
TEXT_FILE = "briefing.txt"
# The fields each record may have: anything else is a misspelling, reported.
SOURCE_FIELDS = ("id", "short", "title", "about", "author", "publisher", "date", "url", "note")
FIGURE_FIELDS = (
    "country", "measure", "value", "qualifier", "lower", "upper", "as_of", "since", "coverage", "source",
    "attributed_to", "quote", "lang", "note", "derivation", "share", "place", "mark",
)  # fmt: skip


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
