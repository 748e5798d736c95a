"""The hand-out and the slides as one HTML page of our own: a cover, a page a step (its map, words, figures
and sources), the source list; for slides, the step pages alone, in the room's type.

Its maps are drawn by plotly.js from figures built here
(:func:`dashboard.figures.mapfigure.step_figure`); dashboard/outputs/handout.py
prints the page or photographs it in chromium.
"""

from __future__ import annotations

import json
from html import escape

from dashboard.figures.captions import TITLE, metric_subtitle, selection_words, shown_sources, step_credit
from dashboard.figures.contract import browser_contract
from dashboard.figures.mapfigure import LEGEND_STRIP_PX, MapGeometry, feature_points, step_figure
from dashboard.figures.style import FONT_FAMILY, INK, MUTED_INK, PAGE_SIZES, STYLES, PageSize
from dashboard.model.briefing import BORDERS_SOURCE, BRIEFING_SOURCE, Briefing, Selection, Source
from dashboard.model.metrics import METRICS
from dashboard.model.story import Step
from dashboard.model.targets import targets_of
from dashboard.outputs.chromium import ORIGIN

PLOTLY_JS = "plotly-geo-4.1.1.min.js"

# A slide is a 16:9 page drawn at 1.5 device px a CSS px: 1920x1080.
SLIDE = PAGE_SIZES["16:9"]
SLIDE_SCALE = 1.5
# The step page's grid (px): margins, header and footer rows, the map's share of the width.
PAD = 34
HEADER = 78
FOOTER = 22
GAP = 24
MAP_CAPTION = 44  # the map's title and subtitle, above it
MAP_SHARE = 0.64
# A slide's words take the narrowest column (px, tried from `least` up in `step`s, at most `most`) in which
# its text and sources fit at the slide's type; its map fills the rest of the slide (SIZE_SLIDE_MAPS).
SLIDE_WORDS = {"least": 340, "most": 640, "step": 10}


def step_sources(briefing: Briefing, step: Step) -> list[Source]:
    """The sources of what a step's map shows: its figures (of its source and time), its layers' features,
    the borders."""
    ids = [BRIEFING_SOURCE, *shown_sources(briefing, step.metric, Selection(step.source, step.time))]
    if METRICS[step.metric].needs_population:
        ids += [population.source for population in briefing.population.values()]
    for layer in briefing.layers:
        if layer.id in step.layers:
            ids += [source for feature in layer.features for source in feature.sources]
    ids.append(BORDERS_SOURCE)
    return [briefing.sources[source] for source in dict.fromkeys(ids)]


def _map_size(size: PageSize, slides: bool = False) -> tuple[int, int]:
    """The step map's width and height in px, from the page grid (a slide's caption and footer are larger; its
    map is drawn first as wide as the narrowest words leave it, then sized to what its words leave)."""
    caption, footer = (MAP_CAPTION + 6, FOOTER + 8) if slides else (MAP_CAPTION, FOOTER)
    free = size.width - 2 * PAD - GAP
    width = free - SLIDE_WORDS["least"] if slides else round(free * MAP_SHARE)
    return width, size.height - 2 * PAD - HEADER - footer - caption


def _style(size: PageSize, slides: bool = False) -> str:
    """The page's CSS: one printed page (or slide) a section, the step pages on a fixed grid in px."""
    map_width, map_height = _map_size(size, slides)
    caption, footer = (MAP_CAPTION + 6, FOOTER + 8) if slides else (MAP_CAPTION, FOOTER)
    columns = f"minmax(0, 1fr) var(--words-width, {SLIDE_WORDS['least']}px)" if slides else f"{map_width}px 1fr"
    return f"""
@page {{ size: {size.css}; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; background: #fff; }}
/* No ligatures, even where plotly sets font-variant: the PDF's text then reads "fighters", as typed,
   when searched or copied. */
body, svg text {{ font-variant-ligatures: none !important; }}
body {{ font-family: {FONT_FAMILY}; color: {INK};
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
.page[hidden] {{ display: none; }}
/* A label inked for what lies under it (assets/modules/arrange.mjs), as the live page's stylesheet inks it. */
.map g[data-ink] > text {{ fill: var(--ink) !important; text-shadow: var(--halo) !important; }}
.page {{ width: {size.width}px; height: {size.height}px; padding: {PAD}px; overflow: hidden; position: relative;
  break-after: page; display: grid; column-gap: {GAP}px;
  grid-template-columns: {columns}; grid-template-rows: {HEADER}px {map_height + caption}px {footer}px; }}
section.page:last-of-type {{ break-after: auto; }}
.page > header {{ grid-column: 1 / 3; }}
.page > footer {{ grid-column: 1 / 3; align-self: end; display: flex; justify-content: space-between;
  font-size: 10.5px; color: {MUTED_INK}; border-top: 1px solid #ddd; padding-top: 4px; }}
.counter {{ margin: 0 0 4px; font-size: 12px; letter-spacing: .04em; text-transform: uppercase; color: {MUTED_INK}; }}
h1 {{ font-size: 34px; line-height: 1.15; margin: 0 0 18px; }}
h2 {{ font-size: 25px; line-height: 1.15; margin: 0; }}
h3 {{ font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: {MUTED_INK}; margin: 14px 0 4px; }}
.map-cell {{ display: flex; flex-direction: column; }}
.map-title {{ margin: 0; font-weight: 600; font-size: 14px; }}
.map-subtitle {{ margin: 0; font-size: 11px; color: {MUTED_INK}; }}
.map {{ margin-top: auto; }}
.words {{ font-size: 14px; line-height: 1.45; overflow: hidden; }}
/* A slide is read from the back of a room: at 1920x1080 (1.5 device px a CSS px) the step's text is
   40.5 px, as reveal.js's body text, the source lines and the footer 22.5 px, the map's own type the
   room's (the presenter's projector style, set by the page's own patch: SLIDE_PATCH). */
.slides .words {{ font-size: 27px; line-height: 1.3; }}
.slides .sources {{ font-size: 15px; list-style: none; padding: 0; }}
.slides .sources li {{ display: inline; }}
.slides .sources li + li::before {{ content: " \u00b7 "; }}
.slides h2 {{ font-size: 30px; }}
.slides .counter {{ font-size: 15px; }}
.slides .map-title {{ font-size: 18px; }}
.slides .map-subtitle {{ font-size: 15px; }}
.slides .page > footer {{ font-size: 15px; }}
.slides h3 {{ font-size: 15px; }}
.words p {{ margin: 0; }}
.notes {{ background: #f6f4ee; border-left: 3px solid #d95f0e; padding: 6px 10px; font-size: 13px; }}
.sources {{ margin: 0; padding-left: 16px; font-size: 11.5px; line-height: 1.35; }}
.cover, .source-list {{ display: block; }}
.source-list > footer {{ position: absolute; left: {PAD}px; right: {PAD}px; bottom: {PAD}px; }}
.brand {{ font-size: 14px; letter-spacing: .06em; text-transform: uppercase; color: {MUTED_INK}; margin: 40px 0 12px; }}
.citation {{ font-size: 16px; margin: 0 0 8px; }}
.as-of {{ font-size: 16px; font-weight: 600; margin: 0 0 22px; }}
.contents {{ font-size: 14px; line-height: 1.5; columns: 2; margin: 0; }}
.made {{ position: absolute; bottom: {PAD}px; left: {PAD}px; right: {PAD}px; font-size: 11px; color: {MUTED_INK}; }}
.source-list ol {{ columns: 3; column-gap: {GAP}px; font-size: 8px; line-height: 1.25; padding-left: 18px; }}
.source-list li {{ break-inside: avoid; margin-bottom: 3px; }}
.source-list .url {{ word-break: break-all; color: {MUTED_INK}; }}
"""


CREDIT_SEPARATOR = " \u00b7 "


def _footer(credit: str, page: int | None, pages: int | None) -> str:
    """The credit line at the foot of a page, with the page number when printed."""
    number = f"<span>{page} / {pages}</span>" if page else ""
    return f"<footer><span>{escape(credit)}</span>{number}</footer>"


def _step_page(briefing: Briefing, number: int, step: Step, notes: bool, page: int | None, pages: int | None) -> str:
    """One step: title, the map with its title and legend, the text, notes if asked, the sources."""
    total = len(briefing.story)
    metric = METRICS[step.metric]
    sources = "".join(f"<li>{escape(source.short)}</li>" for source in step_sources(briefing, step))
    notes_html = (
        f'<h3>Speaker notes</h3><div class="notes"><p>{escape(step.notes)}</p></div>' if notes and step.notes else ""
    )
    return f"""
<section class="page step" id="step-{number}" data-step="{escape(step.id)}">
  <header>
    <p class="counter">Step {number} of {total}</p>
    <h2>{escape(step.title)}</h2>
  </header>
  <div class="map-cell">
    <p class="map-title">{escape(metric.title)}</p>
    <p class="map-subtitle">{escape(metric_subtitle(briefing, step.metric, Selection(step.source, step.time)))}</p>
    <div class="map" id="map-{number}"></div>
  </div>
  <div class="words">
    <p class="text">{escape(step.text)}</p>
    {notes_html}
    <h3>Sources</h3>
    <ul class="sources">{sources}</ul>
  </div>
  {_footer(f"Dandelion{CREDIT_SEPARATOR}{step_credit(briefing, step)}", page, pages)}
</section>"""


def cover_title() -> str:
    """The map's title without the brand (the cover names it above), its first letter a capital, the rest as written."""
    title = TITLE.removeprefix("Dandelion: ")
    return title[:1].upper() + title[1:]


def _cover(briefing: Briefing, pages: int) -> str:
    """Title, the briefing's citation, whose figures the steps show and when, and the steps."""
    source = briefing.own_source
    url = f"<br>{escape(source.url)}" if source.url else ""
    contents = "".join(f"<li>{escape(step.title)}</li>" for step in briefing.story)
    return f"""
<section class="page cover">
  <p class="brand">Dandelion \u00b7 Briefing map</p>
  <h1>{escape(cover_title())}</h1>
  <p class="citation">{escape(source.citation)}{url}</p>
  <p class="as-of">{escape(_figures_shown(briefing))}</p>
  <ol class="contents">{contents}</ol>
  <p class="made">Every figure carries its source's qualifier, the date it refers to (or that its source leaves
  it undated) and its source; a figure a source does not give reads "not given", never 0; derived figures say so.
  Places marked unconfirmed or approximate are not known for sure; routes are assumed, not tracked.
  \u00b7 1 / {pages}</p>
</section>"""


def _figures_shown(briefing: Briefing) -> str:
    """Whose figures the steps' maps show, and when, in one sentence for the cover."""
    selections = dict.fromkeys(Selection(step.source, step.time) for step in briefing.story)
    words = "; ".join(selection_words(briefing, selection) for selection in selections)
    return f"The maps show {words}."


def _source_page(briefing: Briefing, pages: int) -> str:
    """Every source in sources.yaml, cited in full with its address; on one page, so without the notes on
    how each was read (they are in the data package's sources.csv)."""
    items = []
    for source in briefing.sources.values():
        extra = f' <span class="url">{escape(source.url)}</span>' if source.url else ""
        items.append(f"<li><strong>{escape(source.short)}</strong>: {escape(source.citation)}.{extra}</li>")
    return f"""
<section class="page source-list">
  <h2>Sources</h2>
  <ol>{"".join(items)}</ol>
  {_footer(f"Dandelion{CREDIT_SEPARATOR}Sources", pages, pages)}
</section>"""


def handout_html(briefing: Briefing, geometry: MapGeometry, size: PageSize, notes: bool, slides: bool) -> str:
    """The whole document: a cover, a page a step and the sources; for slides, the step pages alone."""
    pages = len(briefing.story) + (0 if slides else 2)
    width, height = _map_size(size, slides)
    figures = [step_figure(briefing, geometry, step, width, height).to_json() for step in briefing.story]
    body = [] if slides else [_cover(briefing, pages)]
    for number, step in enumerate(briefing.story, 1):
        body.append(_step_page(briefing, number, step, notes, None if slides else number + 1, pages))
    if not slides:
        body.append(_source_page(briefing, pages))
    config = {"staticPlot": True, "displayModeBar": False, "topojsonURL": f"{ORIGIN}/assets/topojson/"}
    # "</" inside a script element would end it early.
    data = ("[" + ",".join(figures) + "]").replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(TITLE)}</title>
<style>{_style(size, slides)}</style>
<script src="/assets/{PLOTLY_JS}"></script>
</head><body class="{"slides" if slides else "handout"}">
{"".join(body)}
<script id="figures" type="application/json">{data}</script>
<script id="patches" type="application/json">{json.dumps(_patches(briefing, slides))}</script>
<script>
  const figures = JSON.parse(document.getElementById("figures").textContent);
  const patches = JSON.parse(document.getElementById("patches").textContent);
  const config = {json.dumps(config)};
  window.handoutReady = import("/assets/dandelion.mjs").then(({{mapPatch, applyPatch}}) =>
    Promise.all(figures.map((figure, index) => {{
      if (patches) applyPatch(figure, mapPatch(patches.config, patches.states[index], figure.data));
      return Plotly.newPlot("map-" + (index + 1), figure.data, figure.layout, config);
    }})));
</script>
</body></html>"""


def _patches(briefing: Briefing, slides: bool) -> dict | None:
    """For slides, what the live page's own patch (assets/modules/patch.mjs) needs to draw each step's map
    in the room's type, as presenter mode does; None for the hand-out (its maps keep the desk's type)."""
    if not slides:
        return None
    # The figures have their metric's and selection's parts already: the patch sets only the type, rings and
    # layers, so the config holds one selection whose metrics change no part.
    metrics: dict[str, dict] = {metric: {"parts": {}} for metric in METRICS}
    drawn = Selection("drawn", "drawn")
    # The room's type on the map; the legend and colour scale keep the desk's (in rows, as many entries a row
    # as fit), or a story step with every layer on would leave the map no room.
    projector = {**STYLES["projector"], "legend": STYLES["explorer"]["legend"]}
    config = {"selections": {drawn.key: {"metrics": metrics}}, "parts": [],
              "defaults": {"source": drawn.source, "time": drawn.time}, "contract": browser_contract(),
              "styles": {**STYLES, "projector": projector}, "features": feature_points(briefing),
              "legendStripPx": LEGEND_STRIP_PX}  # fmt: skip
    states = [
        {
            "metric": step.metric,
            "source": drawn.source,
            "time": drawn.time,
            "layers": list(step.layers),
            "presenting": True,
            "legend": True,
            "phone": False,
            "outline": {
                "countries": targets_of("country", step.highlight),
                "features": targets_of("feature", step.highlight),
            },
        }
        for step in briefing.story
    ]
    return {"config": config, "states": states}
