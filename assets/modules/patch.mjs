/* The figure patch for a map state: pure, from the page config and the
 * traces the page has to a list of [path, value] assignments that the
 * wiring hands to Dash's Patch. Zoom and pan are untouched. */
import {extentLayout} from "./view.mjs";

/**
 * @param config the page config (dashboard/page/config.py browser_config)
 * @param state {metric, source, time, outline: {countries, features}, layers: iterable of layer ids on,
 *              presenting: boolean, legend: boolean, phone: boolean (a phone's small type wins),
 *              text: optional {width(text, sizePx) -> px as the page sets type, spaced: does the reader
 *              space letters or words wider than the font does (WCAG 1.4.12)}}
 * @param traces the figure's data (only meta, visible and mode are read)
 * @returns assignments [[path, value], ...], or null for an unknown metric
 */
/** How the config names a choice of source and time (dashboard/model/briefing.py Selection.key). */
export function selectionKey(source, time) {
  return `${source}@${time}`;
}

/** What the page shows under a choice of source and time: each metric's parts, title and words, and the
 * table; the default choice's for an unknown one. */
export function selectionState(config, source, time) {
  const {selections, defaults} = config;
  return selections[selectionKey(source, time)] ?? selections[selectionKey(defaults.source, defaults.time)];
}

/** Each metric's parts (indices into config.parts), title and words under a choice of source and time. */
export function metricStates(config, source, time) {
  return selectionState(config, source, time).metrics;
}

export function mapPatch(config, state, traces) {
  const metrics = metricStates(config, state.source, state.time);
  if (!Object.hasOwn(metrics, state.metric)) return null;
  const metric = metrics[state.metric];
  const {parts, layers} = config.contract;
  const style = config.styles[state.phone ? "phone" : state.presenting ? "projector" : "explorer"];
  const on = new Set(state.layers);
  const points = state.outline.features.map((id) => config.features[id]).filter(Boolean);
  const labels = new Set([parts.labelsDark, parts.labelsLight]);
  const out = [];
  const legendNames = [];
  traces.forEach((trace, index) => {
    const meta = trace.meta || {};
    const set = (path, value) => out.push([["data", index, ...path], value]);
    const pooled = metric.parts[meta.part];
    const named = {...trace, ...(pooled === undefined ? {} : config.parts[pooled])};
    if (named.showlegend !== false && named.name) legendNames.push(named.name);
    for (const [prop, value] of Object.entries(pooled === undefined ? {} : config.parts[pooled])) set([prop], value);
    // The selection's double ring: blue over a wider white halo.
    const ring = {[parts.selectedCountry]: style.selection, [parts.selectedCountryHalo]: style.selectionHalo,
      [parts.selectedFeature]: style.selection, [parts.selectedFeatureHalo]: style.selectionHalo}[meta.part];
    if (meta.part === parts.selectedCountry || meta.part === parts.selectedCountryHalo) {
      set(["locations"], state.outline.countries);
      set(["z"], state.outline.countries.map(() => 0));
      set(["marker", "line"], ring);
    } else if (meta.part === parts.selectedFeature || meta.part === parts.selectedFeatureHalo) {
      set(["lon"], points.map((p) => p[0]));
      set(["lat"], points.map((p) => p[1]));
      set(["marker", "color"], ring.color);
    } else if (meta.part === parts.labelsContext) {
      set(["textfont", "size"], style.contextLabel);
      set(["textfont", "color"], style.contextColor);
    } else if (labels.has(meta.part)) {
      set(["textfont", "size"], style.label);
    } else if (meta.part === parts.values || meta.part === parts.noData) {
      set(["marker", "line"], {width: style.border, color: style.borderColor});
    }
    if (meta.part === parts.values) {
      const title = named.colorbar?.title?.text ?? "";
      set(["colorbar", "tickfont", "size"], style.legend);
      // plotly centres the title on the bar: a bar narrower than its title has the title cut at the map's edge.
      // The page measures the title; unmeasured (a print), the figure's own estimate stands.
      const fits = state.text ? widest(textLines(title), style.legend + 1, state.text) : (named.colorbar?.len ?? 0);
      set(["colorbar", "len"], Math.max(style.colorbarLen, fits));
      set(["colorbar", "title", "font", "size"], style.legend + 1);
    }
    const isPlace = meta.layer && !meta.part && meta.layer !== layers.choropleth && (trace.mode || "").includes("text");
    if (isPlace) set(["textfont", "size"], style.place);
    const visible = meta.layer === layers.selection || on.has(meta.layer);
    if ((trace.visible ?? true) !== visible) set(["visible"], visible);
  });
  out.push([["layout", "legend", "font", "size"], style.legend]);
  // plotly keeps each text's size from its first draw: spacing set later would have the legend's
  // entries run into each other, so under wider spacing every entry is as wide as the widest needs.
  // Where the text is not measured (the slides), the figure's own entry width stands.
  if (state.text) {
    out.push([["layout", "legend", "entrywidth"], state.text.spaced ? widest(legendNames, style.legend, state.text) : 0]);
  }
  out.push([["layout", "showlegend"], state.legend]);
  out.push([["layout", "margin", "b"], state.legend ? config.legendStripPx : 0]);
  return out;
}

/** The lines of a plotly text ("a<br>b <i>c</i> &amp; d"), as read: ["a", "b c & d"]. */
export function textLines(text) {
  const entities = {amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'"};
  return text.split(/<br\s*\/?>/i).map((line) => line.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => entities[name]));
}

/* The widest of `lines` at `size` px as `text` measures (0 without it), and a few px to spare. */
function widest(lines, size, text) {
  return text ? Math.ceil(Math.max(0, ...lines.map((line) => text.width(line, size)))) + 4 : 0;
}

/** Assignments that show an extent already fitted to the frame; `revision`
 * keeps plotly from undoing it on the next redraw. */
export function extentPatch(extent, revision) {
  const layout = extentLayout(extent);
  return [
    [["layout", "geo", "lonaxis", "range"], layout["geo.lonaxis.range"]],
    [["layout", "geo", "lataxis", "range"], layout["geo.lataxis.range"]],
    [["layout", "geo", "center"], {lon: layout["geo.center.lon"], lat: layout["geo.center.lat"]}],
    [["layout", "geo", "projection", "scale"], 1],
    [["layout", "uirevision"], revision],
  ];
}

/** `figure` ({data, layout}) with the assignments made in place, as Dash's Patch makes them. */
export function applyPatch(figure, assignments) {
  for (const [path, value] of assignments) {
    let target = figure;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path.at(-1)] = value;
  }
  return figure;
}
