/* Map drawing: the map's frame and the room it has, fitting an extent into it, flying there,
 * and the map's own keys and zoom buttons. */
import {writeAddress} from "../modules/url.mjs";
import {extentSeen, fitClearOf, between, extentLayout, extentFromBox, keyedExtent, showsLayout} from "../modules/view.mjs";
import {graph, explorerAddress} from "./page.mjs";

/* plotly offers no public plot area or inverse projection: frameSize and
 * visibleExtent are the only readers of its internals. */

/* The map's drawing area in px, after plotly's automatic margins (the legend). */
function frameSize(gd) {
  const size = gd._fullLayout._size;
  return {width: size.w, height: size.h};
}

/* How far down the map's plot area the controls over its top reach (px): what the map shows is fitted
 * below them, so that no place, and no label, is under them. */
function controlsBand(page, gd) {
  const top = gd.getBoundingClientRect().y + gd._fullLayout._size.t;
  const bottoms = [...document.querySelectorAll(page.config.contract.mapTopControls)]
    .filter((element) => element.checkVisibility())
    .map((element) => element.getBoundingClientRect().bottom - top);
  return Math.max(0, ...bottoms);
}

/* The places the map marks or labels ([lon, lat]), half its largest symbol (px), and the colour bar's
 * box in the plot area (px), down to the map's bottom edge (no label fits under it), or null: what the
 * fit keeps apart. */
function symbolsAndColourBar(gd) {
  const places = [], sizes = [0];
  for (const trace of gd._fullData || []) {
    if (trace.type !== "scattergeo" || trace.visible !== true || !/markers|text/.test(trace.mode)) continue;
    trace.lon.forEach((lon, i) => Number.isFinite(lon) && Number.isFinite(trace.lat[i]) && places.push([lon, trace.lat[i]]));
    sizes.push(...[trace.marker?.size].flat().filter(Number.isFinite));
  }
  const bar = gd.querySelector(".infolayer .colorbar")?.getBoundingClientRect();
  const plot = gd.getBoundingClientRect();
  const {l, t, h} = gd._fullLayout._size;
  const cover = bar?.height ? {x: bar.x - plot.x - l, y: bar.y - plot.y - t, width: bar.width, height: h + t + plot.y - bar.y}
    : null;
  return {places, pad: Math.max(...sizes) / 2, cover};
}

/* `extent` fitted to the drawn map `gd`'s frame below `top` (px), with no place it marks under its colour
 * bar: a presenter's step, a slide's or a printed page's map. */
export function fitClear(gd, extent, top = 0) {
  const {width, height} = frameSize(gd);
  return fitClearOf(extent, width, height, gd.layout.geo.projection, {top, ...symbolsAndColourBar(gd)});
}

/* A presenter's step is fitted clear of the colour bar; a reader's own moves land where asked. `frame`: the
 * drawing area to fit in, if not the one drawn. */
export function fitted(page, extent, frame = null) {
  const gd = graph();
  if (page.presenting) return fitClear(gd, extent, controlsBand(page, gd));
  const {width, height} = frame ?? frameSize(gd);
  return fitClearOf(extent, width, height, gd.layout.geo.projection, {top: controlsBand(page, gd)});
}

/* `extent` fitted for the map as the next draw has it in `room` (mapRoom), so that the draw that sets the room
 * fits it too: the frame as drawn, but for a legend taken away, which frees the bottom margin it pushed (the
 * figure's own is then 0, modules/patch.mjs; plotly rounds the size). A legend that comes back takes room no
 * one knows before it is drawn: the flight after the draw fits the map again. */
export function fittedInRoom(page, extent, room) {
  const full = graph()._fullLayout;
  const freed = !room.legend && full.showlegend ? {width: full._size.w, height: Math.round(full.height) - full._size.t} : null;
  return fitted(page, extent, freed);
}

/* The extent the reader is looking at, or null before the map is drawn: what is below the controls,
 * as an extent that fitting again shows as it is. */
export function visibleExtent(page) {
  const gd = graph();
  const projection = gd._fullLayout?.geo?._subplot?.projection;
  if (!projection) return null;
  const {width, height} = frameSize(gd);
  const top = controlsBand(page, gd);
  const centre = projection.invert([width / 2, (top + height) / 2]);
  if (!centre || !centre.every(Number.isFinite)) return null;
  const seen = extentSeen(centre, projection.scale(), width, height - top, gd.layout.geo.projection);
  return extentFromBox([seen.lon[0], seen.lat[0], seen.lon[1], seen.lat[1]], page.config.contract.bounds);
}

/* Fit the map to an extent, animated over `ms`; resolves true on arrival,
 * false when a newer flight replaced it (a presenter pressing on quickly).
 * Reduced motion asks for no flight. */
export function flyTo(page, extent, ms) {
  const gd = graph();
  const target = fitted(page, extent);
  const from = visibleExtent(page) || target;
  const duration = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : ms;
  const id = ++page.flight;
  // Already there, and not on the way elsewhere (the draw that set the room fitted it too): nothing to draw.
  if (!page.flying && showsLayout(gd.layout, extentLayout(target))) {
    page.flying = false;
    return Promise.resolve(true);
  }
  const start = performance.now();
  page.flying = duration > 0;
  return new Promise((resolve) => {
    function frame(now) {
      if (id !== page.flight) return resolve(false);
      const t = duration > 0 ? Math.min(1, (now - start) / duration) : 1;
      if (t >= 1) page.flying = false;
      const next = () => (t < 1 ? requestAnimationFrame(frame) : resolve(id === page.flight));
      window.Plotly.relayout(gd, extentLayout(between(from, target, t))).then(next, next);
    }
    requestAnimationFrame(frame);
  });
}

/* Resolves once plotly has taken the size the map's frame now has. */
export function resized() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => window.Plotly.Plots.resize(graph()).then(resolve, resolve));
  });
}

/* The phone layout drops the map legend (the layer panel's swatches are
 * the legend there); the stylesheet owns that breakpoint. */
function legendShown() {
  return getComputedStyle(document.documentElement).getPropertyValue("--map-legend").trim() !== "off";
}

/* A phone's map takes the phone's small type (the stylesheet owns that breakpoint too). */
export function phoneRoom() {
  return getComputedStyle(document.documentElement).getPropertyValue("--map-room").trim() === "phone";
}

/* A map frame too small for the desk's type and legend (a laptop zoomed to 150%, a small window) is
 * drawn as a phone's: small type, and the layer list as its legend (WCAG 1.4.4: no label covers another). */
function smallFrame(page) {
  const {width, height} = document.getElementById("map-frame").getBoundingClientRect();
  const least = page.config.contract.deskMapLeastPx;
  return width < least.width || height < least.height;
}

/* How the map is drawn in the room it has: with a legend or not, in a phone's type or not, and the
 * reader's text spacing. `key` tells whether the room has changed since the last draw. */
export function mapRoom(page) {
  const small = smallFrame(page);
  const text = textRoom(page);
  const legend = legendShown() && !small;
  const phone = phoneRoom() || small;
  return {legend, phone, text, key: `${legend} ${phone} ${text.spacing}`};
}

/* The map's type as the reader has it: widths of text (px) in the map's font at a size, with the
 * letter and word spacing the reader's style sheet may add (WCAG 1.4.12), and whether it adds any. */
function textRoom(page) {
  const style = getComputedStyle(graph());
  const fontSize = parseFloat(style.fontSize);
  // Spacing set in em is the map's em here; each text of the map has it at its own size.
  const em = (value) => (value === "normal" ? 0 : parseFloat(value) / fontSize);
  return textMeasure(page, em(style.letterSpacing), em(style.wordSpacing));
}

/* Widths of text (px) in the map's font at a size, `letters` and `words` em of spacing added: an
 * image file is drawn without the page's style sheet, so its text is measured with none. */
export function textMeasure(page, letters = 0, words = 0) {
  const gd = graph();
  const family = gd._fullLayout?.font?.family ?? getComputedStyle(gd).fontFamily;
  page.measuring ??= document.createElement("canvas").getContext("2d");
  const context = page.measuring;
  return {
    spaced: letters > 0 || words > 0,
    spacing: `${letters} ${words}`,
    width(text, size) {
      context.font = `${size}px ${family}`;
      context.letterSpacing = `${letters * size}px`;
      context.wordSpacing = `${words * size}px`;
      return context.measureText(text).width;
    },
  };
}

/* Under wider text spacing the legend needs more rows than its strip: the map's row grows by
 * them (style.css: the page then scrolls), so that the map keeps its room (WCAG 1.4.12). */
export function fitLegendRoom(page, gd) {
  const {showlegend, legend} = gd._fullLayout;
  const spaced = document.body.classList.contains("text-spaced") && showlegend;
  const extra = spaced ? Math.max(0, Math.ceil(legend?._height ?? 0) - page.config.legendStripPx) : 0;
  document.body.style.setProperty("--legend-room", `${extra}px`);
}

/* Move the map as a map key does (contract.MAP_KEYS); false for another key. The link keeps the extent. */
function moveMap(page, key) {
  const extent = visibleExtent(page);
  const next = extent && keyedExtent(extent, key, page.config.contract.mapKeys);
  if (!next) return false;
  const {bounds} = page.config.contract;
  const box = extentFromBox([next.lon[0], next.lat[0], next.lon[1], next.lat[1]], bounds);
  if (box) {
    flyTo(page, box, 0).then(() => {
      page.extent = visibleExtent(page);
      writeAddress(window.history, window.location, explorerAddress(page), "replace");
    });
  }
  return true;
}

/* Arrow keys move the focused map, + and - zoom. */
export function onMapKey(page, event) {
  if (event.target.id !== "map-figure" || page.presenting || event.altKey || event.ctrlKey || event.metaKey) return;
  if (moveMap(page, event.key)) event.preventDefault();
}

/* The map's zoom buttons: in and out as + and - do; fit to the chosen view, forgetting the reader's extent. */
export function zoomMap(page, zoom) {
  if (zoom !== "fit") {
    moveMap(page, page.config.contract.mapKeys.keys[zoom][0]);
    return;
  }
  page.extent = null;
  flyTo(page, page.config.views[page.rendered.view], 0).then(() => {
    writeAddress(window.history, window.location, explorerAddress(page), "replace");
  });
}
