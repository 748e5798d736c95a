/* Which country or layer feature is selected, and what the map outlines. */
import {parseTarget} from "./targets.mjs";

const NONE = Object.freeze({country: null, feature: null});

/** The ids of the stores a Dash callback was called for (Dash's callback_context.triggered:
 * "country.data" -> "country"), for resolveSelection; none when Dash gives none. */
export function changedIds(triggered) {
  return (triggered || []).map((t) => t.prop_id.split(".")[0]);
}

/** One thing is selected at a time: the one the reader picked last.
 * `changed` lists the ids that changed ("country", "feature"). The side
 * panel and the map's outline both follow it. */
export function resolveSelection(changed, country, feature) {
  if (changed.includes("feature") && feature != null) return {country: null, feature};
  if (country != null) return {country, feature: null};
  return {country: null, feature: feature ?? null};
}

/** What the map outlines: the reader's own selection wins over the
 * presenter step's highlight (a list of targets). */
export function outlined(selection, highlight, prefixes) {
  if (selection.country || selection.feature) {
    return {
      countries: selection.country ? [selection.country] : [],
      features: selection.feature ? [selection.feature] : [],
    };
  }
  const countries = [];
  const features = [];
  for (const target of highlight || []) {
    const {kind, id} = parseTarget(target, prefixes);
    if (kind === "country") countries.push(id);
    if (kind === "feature") features.push(id);
  }
  return {countries, features};
}

/** The selection a marked word's target asks for ("overview" selects nothing). */
export function selectionOf(target, prefixes) {
  const {kind, id} = parseTarget(target, prefixes);
  if (kind === "country") return {country: id, feature: null};
  if (kind === "feature") return {country: null, feature: id};
  return NONE;
}

/** The selection a click on the map asks for, or null when it selects
 * nothing: a layer feature carries its id as customdata[1]; a Maghreb
 * state is a choropleth location. */
export function selectionFromClick(point, maghreb) {
  if (!point) return null;
  if (Array.isArray(point.customdata) && typeof point.customdata[1] === "string") {
    return {country: null, feature: point.customdata[1]};
  }
  if (maghreb.includes(point.location)) return {country: point.location, feature: null};
  return null;
}

/** Which side panel shows a selection: its target ("country:TUN",
 * "feature:barrier/1"), or the overview when nothing is selected. */
export function panelKey(selection, prefixes, overview) {
  if (selection.feature) return prefixes.feature + selection.feature;
  if (selection.country) return prefixes.country + selection.country;
  return overview;
}
