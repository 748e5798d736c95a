/* The address holds the view, so a link opens what it names:
 * ?present=1&step=N while presenting (N from 1; &speaker=1 in the speaker
 * view), otherwise the explorer's
 * metric, source, time, layers, country or feature, view, extent and whether the
 * map or the table is shown (display). Unknown or malformed
 * parameters are dropped one by one; what is left is opened. This module is
 * the only place that touches history. */
import {boxOf, extentFromBox} from "./view.mjs";

/** Every layer the reader can toggle, in the panel's order. */
export function allLayers(config) {
  return Object.values(config.layerGroups).flat();
}

/** The default explorer state. */
export function defaultState(config) {
  return {
    present: false, metric: config.defaults.metric, source: config.defaults.source, time: config.defaults.time,
    layers: allLayers(config),
    country: null, feature: null, view: config.defaults.view, extent: null, display: config.defaults.display,
  };
}

/** What an address (location.search) names: {present: true, step, speaker}
 * (step from 0; speaker for the speaker view) or an explorer state with
 * every value checked against the config. */
export function parseAddress(search, config) {
  const params = new URLSearchParams(search);
  const stepText = params.get("step") || "";
  const step = /^[1-9][0-9]*$/.test(stepText) ? Number(stepText) : NaN;
  if (params.get("present") === "1" && step >= 1 && step <= config.story.length) {
    return {present: true, step: step - 1, speaker: params.get("speaker") === "1"};
  }
  const state = defaultState(config);
  const metric = params.get("metric");
  if (Object.hasOwn(config.metrics, metric)) state.metric = metric;
  const source = params.get("source");
  if (config.sources.includes(source)) state.source = source;
  const time = params.get("time");
  if (config.times.includes(time)) state.time = time;
  if (params.has("layers")) {
    const asked = params.get("layers").split(",").filter(Boolean);
    if (asked.every((id) => state.layers.includes(id))) state.layers = state.layers.filter((id) => asked.includes(id));
  }
  const feature = params.get("feature");
  const country = params.get("country");
  if (Object.hasOwn(config.features, feature)) state.feature = feature;
  else if (config.maghreb.includes(country)) state.country = country;
  const view = params.get("view");
  if (Object.hasOwn(config.views, view)) state.view = view;
  if (params.has("extent")) {
    const box = params.get("extent").split(",").map((part) => (part.trim() === "" ? NaN : Number(part)));
    state.extent = extentFromBox(box, config.contract.bounds);
  }
  const display = params.get("display");
  if (config.displays.includes(display)) state.display = display;
  return state;
}

/** The address of a state: "?..." or "" for the default explorer view. */
export function formatAddress(state, config) {
  const params = new URLSearchParams();
  if (state.present) {
    params.set("present", "1");
    params.set("step", String(state.step + 1));
    if (state.speaker) params.set("speaker", "1");
  } else {
    const all = allLayers(config);
    const on = all.filter((id) => state.layers.includes(id));
    if (state.metric !== config.defaults.metric) params.set("metric", state.metric);
    if (state.source && state.source !== config.defaults.source) params.set("source", state.source);
    if (state.time && state.time !== config.defaults.time) params.set("time", state.time);
    if (on.length !== all.length) params.set("layers", on.join(","));
    if (state.country) params.set("country", state.country);
    if (state.feature) params.set("feature", state.feature);
    if (state.view !== config.defaults.view) params.set("view", state.view);
    if (state.extent) params.set("extent", boxOf(state.extent).join(","));
    if (state.display && state.display !== config.defaults.display) params.set("display", state.display);
  }
  // Commas and slashes are plain in a query: keep a shared link readable.
  const text = params.toString().replaceAll("%2C", ",").replaceAll("%2F", "/");
  return text ? "?" + text : "";
}

/** Write `query` into the address: "push" adds a history entry (the
 * browser's back button returns to the one before), "replace" amends it.
 * Nothing is written when the address already says it. */
export function writeAddress(history, location, query, mode) {
  if (query === location.search) return false;
  const target = query || location.pathname;
  if (mode === "push") history.pushState(null, "", target);
  else history.replaceState(null, "", target);
  return true;
}
