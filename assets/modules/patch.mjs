/* The figure patch for a map state: pure, from the page config and the
 * traces the page has to a list of [path, value] assignments that the
 * wiring hands to Dash's Patch. Zoom and pan are untouched. */
import {extentLayout} from "./view.mjs";

/**
 * @param config the page config (dashboard/layout.py browser_config)
 * @param state {metric, source, time, outline: {countries, features}, layers: iterable of layer ids on,
 *              presenting: boolean, legend: boolean, phone: boolean (a phone's small type wins)}
 * @param traces the figure's data (only meta, visible and mode are read)
 * @returns assignments [[path, value], ...], or null for an unknown metric
 */
/** How the config names a choice of source and time (dashboard/briefing.py Selection.key). */
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
  traces.forEach((trace, index) => {
    const meta = trace.meta || {};
    const set = (path, value) => out.push([["data", index, ...path], value]);
    const pooled = metric.parts[meta.part];
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
      set(["colorbar", "tickfont", "size"], style.legend);
      set(["colorbar", "len"], style.colorbarLen);
      set(["colorbar", "title", "font", "size"], style.legend + 1);
    }
    const isPlace = meta.layer && !meta.part && meta.layer !== layers.choropleth && (trace.mode || "").includes("text");
    if (isPlace) set(["textfont", "size"], style.place);
    const visible = meta.layer === layers.selection || on.has(meta.layer);
    if ((trace.visible ?? true) !== visible) set(["visible"], visible);
  });
  out.push([["layout", "legend", "font", "size"], style.legend]);
  out.push([["layout", "showlegend"], state.legend]);
  out.push([["layout", "margin", "b"], state.legend ? config.legendStripPx : 0]);
  return out;
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
