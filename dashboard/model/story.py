"""The presenter's story: steps that each set the map, read from story.yaml.

Each step names its metric, the layers on, what to highlight and either a
named view or the things to fit; fits are turned into a longitude/latitude
extent here, once, so that the browser can move between steps alone. A
step's text and its speaker notes are in our words, but every number in them
must be the briefing's, with its qualifier (:class:`StoryNumbers`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import shapely
import yaml

from dashboard.model.layers import BUILTIN_LAYERS, Layer
from dashboard.model.targets import target_of
from dashboard.model.validation import YAML_LOADER, Collector, DataProblem, Record, did_you_mean, read_yaml_list

STORY_FILE = "story.yaml"
# story.yaml's top-level key, beside the steps, for the time planned for the whole talk.
TOTAL_MINUTES = "total_minutes"


class View(TypedDict):
    """A view the map offers: its longitude and latitude ranges (degrees) and its name on screen."""

    lon: list[float]
    lat: list[float]
    label: str


VIEWS: dict[str, View] = {
    "maghreb": {"lon": [-18.0, 27.0], "lat": [16.0, 38.5], "label": "Maghreb"},
    "raqqa": {"lon": [-18.0, 44.0], "lat": [12.0, 41.0], "label": "Maghreb and Raqqa"},
}
DEFAULT_VIEW = "maghreb"
# A fitted extent gets this share of its size as margin on every side, and
# spans at least MIN_SPAN_DEG, so that a small feature is shown in context.
FIT_MARGIN = 0.2
MIN_SPAN_DEG = 6.0
# A number as a step writes it: 5,600, 2017, 4.8.
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# The fields of a step written in our words, whose numbers are checked.
WORDED_FIELDS = ("text", "notes")


@dataclass(frozen=True)
class StoryNumbers:
    """The numbers a step may use, and those it must keep qualified.

    ``allowed``: the numbers in the briefing's text, and the years of the
    sources it cites ("February 2016"). ``qualified``: numbers the briefing
    gives only with a qualifier ("around 3,000"), which a step must write
    after one of ``qualifier_words``.
    """

    allowed: frozenset[str]
    qualified: frozenset[str]
    qualifier_words: tuple[str, ...]

    def problems(self, text: str) -> list[str]:
        """What is wrong with the numbers in ``text``, one sentence each."""
        problems = []
        for match in NUMBER.finditer(text):
            number = match.group()
            before = " ".join(text[: match.start()].lower().split())
            if number not in self.allowed:
                problems.append(f"{number} is not a number the step's sources give: use their figures")
            elif number in self.qualified and not before.endswith(self.qualifier_words):
                words = ", ".join(self.qualifier_words)
                problems.append(f"{number} needs the briefing's qualifier before it ({words})")
        return problems


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    metric: str
    layers: tuple[str, ...]
    extent: dict[str, list[float]]  # {"lon": [west, east], "lat": [south, north]}
    highlight: tuple[str, ...]  # "country:TUN", "feature:barrier/ras-ajdir-dhehiba"
    source: str  # whose figures the map shows: a source id or "all"
    time: str  # the point in time: "briefing", "latest" or a date (observations.Selection)
    notes: str | None = None  # what the presenter says, for the speaker view and the hand-out
    minutes: float | None = None  # the time planned for the step, for the speaker view's pacing cue


def step_budgets_ms(steps: list[Step], total_minutes: float | None) -> list[int] | None:
    """The time planned for each step in ms, as reveal.js plans its slides; None when nothing is planned.

    A step's own ``minutes`` stand; the total's remainder is shared equally by
    the steps without (none when the steps' own take it all); with no total,
    a step without its own gets the mean of those that have.
    """
    own = [step.minutes for step in steps]
    planned = [minutes for minutes in own if minutes is not None]
    if total_minutes is None and not planned:
        return None
    unplanned = len(own) - len(planned)
    if total_minutes is not None:
        share = max(0.0, total_minutes - sum(planned)) / unplanned if unplanned else 0.0
    else:
        share = sum(planned) / len(planned)
    return [round(60_000 * (share if minutes is None else minutes)) for minutes in own]


def fit_extent(geometries: list) -> dict[str, list[float]]:
    """Longitude/latitude ranges around ``geometries`` (EPSG:4326), with margin."""
    west, south, east, north = shapely.union_all(geometries).bounds
    extent = {}
    for axis, low, high in (("lon", west, east), ("lat", south, north)):
        span = max(high - low, MIN_SPAN_DEG / (1 + 2 * FIT_MARGIN))
        middle = (low + high) / 2
        half = span * (1 + 2 * FIT_MARGIN) / 2
        extent[axis] = [round(middle - half, 2), round(middle + half, 2)]
    return extent


def _targets(record: Record, name: str, geometries: dict[str, Any], broken: set[str]) -> list[str] | None:
    """The step's targets; None if any is unknown or is a feature already reported as broken."""
    value = record.raw.get(name)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        record.fail(name, f"must be a list of country:XXX or feature:<layer>/<id> targets, got {value!r}")
        return None
    unknown = [item for item in value if item not in geometries and item not in broken]
    for item in unknown:
        hint = did_you_mean(item, geometries)
        record.fail(name, f"unknown {item!r}{hint}: use country:<ISO code> or feature:<layer id>/<feature id>")
    if unknown or any(item in broken for item in value):
        return None
    return value


def load_story(
    data_dir: Path,
    metrics: Any,
    layers: list[Layer],
    countries: Any,
    maghreb: list[str],
    numbers: Callable[[str], StoryNumbers],
    choices: tuple[list[str], list[str]],
) -> tuple[list[Step], float | None, list[DataProblem]]:
    """Read story.yaml: its steps, each checked against the metrics, layers, places and the numbers it may
    use, and the minutes planned for the whole talk (None when not given).

    ``numbers`` gives the numbers a step may use for the source it shows;
    ``choices`` are the sources and the points in time a step may choose
    (the first of each is the default).
    """
    sources, times = choices
    problems = Collector(STORY_FILE)
    total_minutes = _total_minutes(data_dir / STORY_FILE, problems)
    geometries: dict[str, Any] = {}
    if countries is not None:
        geometries |= {target_of("country", code): countries.loc[code, "geometry"] for code in maghreb}
    geometries |= {target_of("feature", f.id): f.geometry for layer in layers for f in layer.features}
    # Features whose own problems are reported already: a step naming one is not reported again.
    broken = {target_of("feature", feature_id) for layer in layers for feature_id in layer.broken}
    layer_ids = set(BUILTIN_LAYERS) | {layer.id for layer in layers}
    steps: list[Step] = []
    seen: set[str] = set()
    for number, item in enumerate(read_yaml_list(data_dir / STORY_FILE, "steps", problems, (TOTAL_MINUTES,)), 1):
        title = item.raw.get("title") if isinstance(item.raw, dict) else None
        record = Record(item.raw, item.line, f"step {number}" + (f" ({title})" if title else ""), problems, item.lines)
        record.check_fields(
            (
                "id",
                "title",
                "text",
                "notes",
                "metric",
                "source",
                "time",
                "layers",
                "view",
                "fit",
                "highlight",
                "minutes",
            )
        )
        minutes = record.number("minutes", required=False)
        step_id, title, text = record.identifier("id"), record.text("title"), record.text("text")
        notes = record.text("notes", required=False)
        metric = record.choice("metric", metrics)
        source = record.choice("source", sources) if "source" in record.raw else sources[0]
        time = record.choice("time", times) if "time" in record.raw else times[0]
        for name, words in zip(WORDED_FIELDS, (text, notes), strict=True):
            for problem in numbers(source or sources[0]).problems(words or ""):
                record.fail(name, problem)
        if step_id is not None:
            if step_id in seen:
                record.fail("id", f"duplicate step id {step_id!r}")
            seen.add(step_id)
        chosen = record.raw.get("layers")
        if not isinstance(chosen, list) or not all(isinstance(item, str) and item in layer_ids for item in chosen):
            record.fail("layers", f"must be a list of layer ids ({', '.join(sorted(layer_ids))}), got {chosen!r}")
            chosen = None
        highlight = _targets(record, "highlight", geometries, broken)
        extent: dict[str, list[float]] | None = None
        if ("view" in record.raw) == ("fit" in record.raw):
            record.fail("view", "give either a view (maghreb, raqqa) or a list of things to fit, not both or neither")
        elif "view" in record.raw:
            view = record.choice("view", VIEWS)
            extent = {"lon": VIEWS[view]["lon"], "lat": VIEWS[view]["lat"]} if view else None
        else:
            fit = _targets(record, "fit", geometries, broken)
            if fit == []:
                record.fail("fit", "names nothing to fit")
            extent = fit_extent([geometries[target] for target in fit]) if fit else None
        # Each field that failed is reported already: a Step is made only of fields that passed.
        if step_id is None or title is None or text is None or metric is None or source is None or time is None:
            continue
        if chosen is None or extent is None or highlight is None or step_id in [s.id for s in steps]:
            continue
        steps.append(
            Step(step_id, title, text, metric, tuple(chosen), extent, tuple(highlight), source, time, notes, minutes)
        )
    if not steps and not problems.problems:
        problems.add("has no steps", None, "", "steps")
    return steps, total_minutes, problems.problems


def _total_minutes(path: Path, problems: Collector) -> float | None:
    """story.yaml's ``total_minutes``: a positive number of minutes, or None when not given (or unreadable)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # read_yaml_list reports it
    if not isinstance(data, dict) or data.get(TOTAL_MINUTES) is None:
        return None
    value = data[TOTAL_MINUTES]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        problems.add(f"must be a positive number of minutes, got {value!r}", None, "", TOTAL_MINUTES)
        return None
    return float(value)
