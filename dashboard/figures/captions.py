"""The words over and under a map: its title, whose figures it shows and when, in the page, the
hand-out and the slides alike."""

from __future__ import annotations

from dashboard.figures.readings import periods_note
from dashboard.model.briefing import Briefing
from dashboard.model.metrics import METRICS
from dashboard.model.observations import ALL_SOURCES, BRIEFING_TIME, DEFAULT_SELECTION, DEFAULT_SOURCE, Selection
from dashboard.model.story import Step

TITLE = "Dandelion: where Islamic State's foreign fighters go after Raqqa"


def selection_words(briefing: Briefing, selection: Selection) -> str:
    """Whose figures and when, in words: "the briefing's figures, as the briefing saw it (late 2017)"."""
    source = "the briefing's figures" if selection.source == DEFAULT_SOURCE else (
        "every source's figures" if selection.source == ALL_SOURCES
        else f"figures of {briefing.sources[selection.source].short}"
    )  # fmt: skip
    time = briefing.time_phrase(selection.time)
    return f"{source}, {time}" if selection.time == BRIEFING_TIME else f"{source}: {time}"


def shown_sources(briefing: Briefing, metric_id: str, selection: Selection = DEFAULT_SELECTION) -> list[str]:
    """The ids of the sources whose figures the map shows for a metric under ``selection``, in the file's order."""
    shown = {
        figure.source
        for country in briefing.maghreb
        for measure in METRICS[metric_id].inputs
        if (figure := briefing.figure(country, measure, selection)) is not None
    }
    return [source for source in briefing.sources if source in shown]


def population_sources(briefing: Briefing) -> str:
    """The sources of the population figures a per-population metric divides by, by their short names."""
    return ", ".join(source.short for source in briefing.population_sources)


def metric_subtitle(briefing: Briefing, metric_id: str, selection: Selection = DEFAULT_SELECTION) -> str:
    """What the map shows, whose figures and when, in one line under the title."""
    words = selection_words(briefing, selection)
    text = words[0].upper() + words[1:]
    if selection.source == ALL_SOURCES:
        shown = shown_sources(briefing, metric_id, selection)
        text += ". Figures: " + ("; ".join(briefing.sources[source].short for source in shown) or "none")
    metric = METRICS[metric_id]
    if metric.needs_population:
        text += "; population: " + population_sources(briefing)
    if metric.derived:
        text += ". Derived from these figures"
    note = periods_note(briefing, metric.periods_measure, selection) if metric.periods_measure else None
    if note:
        text += f". {note[0].upper()}{note[1:]}"
    return text + "."


def step_credit(briefing: Briefing, step: Step) -> str:
    """A step card's source line: whose figures its map shows, and when."""
    selection = Selection(step.source, step.time)
    cited = "; ".join(briefing.sources[source].short for source in shown_sources(briefing, step.metric, selection))
    return f"Figures: {cited or 'none'}, {briefing.time_phrase(selection.time)}."
