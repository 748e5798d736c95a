"""The page config: what the browser needs to change the map alone, for every metric, source and time."""

from __future__ import annotations

import dataclasses
import json

from dashboard.figures.captions import metric_subtitle, population_sources, selection_words, shown_sources, step_credit
from dashboard.figures.contract import browser_contract
from dashboard.figures.geometry import MapGeometry, feature_points
from dashboard.figures.mapfigure import LEGEND_STRIP_PX, selection_parts
from dashboard.figures.style import IMAGE_KINDS, IMAGE_MIN_SIZE, LABEL_RULE, STYLES
from dashboard.model.briefing import Briefing
from dashboard.model.metrics import DEFAULT_METRIC, METRICS
from dashboard.model.observations import DEFAULT_SELECTION, Selection
from dashboard.model.story import DEFAULT_VIEW, VIEWS, step_budgets_ms
from dashboard.page.controls import DEFAULT_DISPLAY, DISPLAYS, layer_groups
from dashboard.page.downloads import EMBED_RULE
from dashboard.page.markup import html_of
from dashboard.page.panels import panels
from dashboard.page.paths import DATA_FILE_NAMES
from dashboard.page.table import TEXT_COLUMN, headlines, map_description, place_headlines, table_caption, table_rows

# What the page says while it draws an image (the status line beside Copy link).
IMAGE_MESSAGES = {"drawing": "Drawing the image\u2026", "saved": "Saved ", "failed": "Could not draw the image: "}


def image_credit(briefing: Briefing, metric_id: str, selection: Selection = DEFAULT_SELECTION) -> list[str]:
    """The credit lines under the map in a downloaded image: whose figures and when, and where the rest is."""
    cited = [briefing.sources[source].citation for source in shown_sources(briefing, metric_id, selection)]
    sources = f"Figures ({selection_words(briefing, selection)}): {'; '.join(cited) or 'none'}"
    if METRICS[metric_id].needs_population:
        sources += "; population: " + population_sources(briefing)
    return [
        sources + ".",
        f"Borders: {briefing.borders_source.short}. Places marked unconfirmed or approximate are not known for sure;"
        f" routes are assumed. Sources of each layer: {DATA_FILE_NAMES['zip']}. Made with Dandelion.",
    ]


class PartsPool:
    """Each distinct trace part once: many choices of metric, source and time draw the same traces.

    ``add`` returns the index of each part's props in ``items``, which the
    page config carries once (assets/modules/patch.mjs reads them by index).
    """

    def __init__(self) -> None:
        self.items: list[dict] = []
        self._index: dict[str, int] = {}

    def add(self, parts: dict[str, dict]) -> dict[str, int]:
        indices = {}
        for part, props in parts.items():
            key = json.dumps(props, sort_keys=True)
            if key not in self._index:
                self._index[key] = len(self.items)
                self.items.append(props)
            indices[part] = self._index[key]
        return indices


def _metric_states(briefing: Briefing, geometry: MapGeometry, selection: Selection, pool: PartsPool) -> dict:
    """For each metric under one selection: the traces that change (indices in ``pool``), the title, subtitle,
    description, what a screen reader hears, and the image's credit."""
    return {
        metric_id: {
            "parts": pool.add(selection_parts(briefing, geometry, metric_id, selection)),
            "title": metric.title,
            "subtitle": metric_subtitle(briefing, metric_id, selection),
            "description": map_description(briefing, metric_id, selection),
            "headlines": headlines(briefing, metric_id, selection),
            "credit": image_credit(briefing, metric_id, selection),
        }
        for metric_id, metric in METRICS.items()
    }


def browser_config(briefing: Briefing, geometry: MapGeometry) -> dict:
    """What the browser needs to change the map alone (assets/dandelion.js and modules/).

    Under ``selections`` (by Selection.key), for each metric the traces that
    change (shared through ``parts``), the title and the words, and the
    table; the choices of source and time; the views; where each layer
    feature is; the Maghreb codes.
    """
    groups = {group: [layer_id for layer_id, _ in layers] for group, layers in layer_groups(briefing).items()}
    pool = PartsPool()
    selections = {
        selection.key: {
            "metrics": _metric_states(briefing, geometry, selection, pool),
            "table": {
                "caption": table_caption(briefing, selection),
                "rows": html_of(table_rows(briefing, selection)),
            },
        }
        for selection in briefing.selections
    }
    return {
        "metrics": {metric_id: {"title": metric.title} for metric_id, metric in METRICS.items()},
        "selections": selections,
        "parts": pool.items,
        "sources": briefing.source_choices,
        "times": briefing.time_choices,
        "views": VIEWS,
        "features": feature_points(briefing),
        # What a screen reader hears when a place or route is selected.
        "placeNews": place_headlines(briefing),
        "maghreb": briefing.maghreb,
        "layerGroups": groups,
        "defaults": {
            "metric": DEFAULT_METRIC,
            "view": DEFAULT_VIEW,
            "source": DEFAULT_SELECTION.source,
            "time": DEFAULT_SELECTION.time,
            "display": DEFAULT_DISPLAY,
        },
        "displays": [display for display, _ in DISPLAYS],
        "story": [dataclasses.asdict(step) | {"credit": step_credit(briefing, step)} for step in briefing.story],
        "pacing": step_budgets_ms(briefing.story, briefing.story_minutes),
        "styles": STYLES,
        "labels": LABEL_RULE,
        "panels": panels(briefing),
        "images": {"kinds": IMAGE_KINDS, "minSize": IMAGE_MIN_SIZE, "messages": IMAGE_MESSAGES},
        "contract": browser_contract(),
        # The tab's title is what the map or the step shows, then this.
        "titleSuffix": " \u00b7 Dandelion",
        "tableTextColumn": TEXT_COLUMN,
        # Served with --watch (dashboard/web/watch.py; app.create_app sets where to ask): what the page says.
        "dataNotices": {
            "problems": "The data files have problems; the map still shows the last good data. ",
            "newer": "New data is in place.",
        },
        # The strip under the map the legend takes; without the legend, the map has it.
        "legendStripPx": LEGEND_STRIP_PX,
        "embed": EMBED_RULE,
    }
