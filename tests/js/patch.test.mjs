import {test} from "node:test";
import assert from "node:assert/strict";
import {extentPatch, mapPatch, metricStates, textLines} from "../../assets/modules/patch.mjs";
import {config} from "./config.mjs";

const {parts, layers: special} = config.contract;
// A figure as the page has it: one trace per part, and a layer trace.
const traces = [
  {meta: {part: parts.values, layer: special.choropleth}},
  {meta: {part: parts.noData, layer: special.choropleth}},
  {meta: {part: parts.labelsContext, layer: "labels"}},
  {meta: {part: parts.selectedCountry, layer: special.selection}, visible: false},
  {meta: {part: parts.selectedFeature, layer: special.selection}},
  {meta: {layer: "barrier"}, mode: "lines+text"},
];
const none = {countries: [], features: []};
const state = (over) => ({metric: "returnees", outline: none, layers: ["choropleth", "labels", "barrier"],
  presenting: false, legend: true, ...over});
const find = (assignments, index, ...path) =>
  assignments.find(([p]) => JSON.stringify(p) === JSON.stringify(["data", index, ...path]))?.[1];

test("an unknown metric patches nothing", () => {
  assert.equal(mapPatch(config, state({metric: "martians"}), traces), null);
  assert.equal(mapPatch(config, state({metric: "__proto__"}), traces), null);
});

test("a layer switched off is hidden, the selection never", () => {
  const assignments = mapPatch(config, state({layers: ["choropleth", "labels"]}), traces);
  assert.equal(find(assignments, 5, "visible"), false);
  assert.equal(find(assignments, 3, "visible"), true);
});

test("the outline follows the selection, in the style of the room", () => {
  const desk = mapPatch(config, state({outline: {countries: ["TUN"], features: []}}), traces);
  assert.deepEqual(find(desk, 3, "locations"), ["TUN"]);
  assert.deepEqual(find(desk, 3, "marker", "line"), config.styles.explorer.selection);
  const id = Object.keys(config.features)[0];
  const room = mapPatch(config, state({outline: {countries: [], features: [id]}, presenting: true}), traces);
  assert.deepEqual(find(room, 4, "lon"), [config.features[id][0]]);
  assert.equal(find(room, 2, "textfont", "size"), config.styles.projector.contextLabel);
  assert.equal(find(room, 5, "textfont", "size"), config.styles.projector.place);
});

test("the phone layout drops the legend and gives its strip to the map", () => {
  const layout = (legend) => Object.fromEntries(mapPatch(config, state({legend}), traces)
    .filter(([path]) => path[0] === "layout").map(([path, value]) => [path.join("."), value]));
  assert.deepEqual(layout(false), {"layout.legend.font.size": config.styles.explorer.legend, "layout.showlegend": false,
    "layout.margin.b": 0});
  assert.equal(layout(true)["layout.margin.b"], config.legendStripPx);
  assert.ok(config.legendStripPx > 0);
});

// Text as wide as 0.6 em a character, and 0.12 em more under the WCAG text-spacing style.
const text = (spaced) => ({spaced, width: (line, size) => line.length * size * (spaced ? 0.72 : 0.6)});

test("the colour bar is at least as long as its title's longest line, so plotly's centred title is never cut", () => {
  const metric = metricStates(config, config.defaults.source, config.defaults.time).returnees;
  const title = config.parts[metric.parts[parts.values]].colorbar.title.text;
  const size = config.styles.explorer.legend + 1;
  const longest = Math.max(...textLines(title).map((line) => line.length)) * size;
  assert.ok(longest * 0.6 > config.styles.explorer.colorbarLen, "the briefing's title is longer than the bar's least");
  const plain = find(mapPatch(config, state({text: text(false)}), traces), 0, "colorbar", "len");
  const spaced = find(mapPatch(config, state({text: text(true)}), traces), 0, "colorbar", "len");
  assert.ok(plain >= longest * 0.6 && plain < longest * 0.6 + 10, plain);
  assert.ok(spaced >= longest * 0.72, spaced);
  const estimate = config.parts[metric.parts[parts.values]].colorbar.len;
  assert.ok(estimate > config.styles.explorer.colorbarLen);
  assert.equal(find(mapPatch(config, state({}), traces), 0, "colorbar", "len"), estimate,
    "unmeasured (no text room), the figure's own estimate");
});

test("under wider text spacing every legend entry is as wide as the widest name needs; otherwise plotly measures, and unmeasured the figure decides", () => {
  const named = [{meta: {layer: "barrier"}, name: "A name"}, {meta: {layer: "us"}, name: "A much longer name"},
    {meta: {layer: "hatch"}, name: "A hidden entry, the longest of all", showlegend: false}];
  const entry = (spaced) => Object.fromEntries(mapPatch(config, state({text: text(spaced)}), named)
    .map(([path, value]) => [path.join("."), value]))["layout.legend.entrywidth"];
  assert.equal(entry(false), 0);
  const unmeasured = mapPatch(config, state({}), named).find(([path]) => path.join(".") === "layout.legend.entrywidth");
  assert.equal(unmeasured, undefined, "unmeasured (a slide), the figure's own entry width stands");
  const needed = "A much longer name".length * config.styles.explorer.legend * 0.72;
  assert.ok(entry(true) >= needed && entry(true) < needed + 10, entry(true));
});

test("a plotly text reads as its lines, tags and entities gone", () => {
  assert.deepEqual(textLines("a<br>b <i>c</i> &amp; d<br />&lt;e&gt;"), ["a", "b c & d", "<e>"]);
});

test("an extent patch resets the zoom and keeps it against redraws", () => {
  const assignments = Object.fromEntries(extentPatch({lon: [0, 10], lat: [20, 30]}, "maghreb").map(([p, v]) => [p.join("."), v]));
  assert.deepEqual(assignments["layout.geo.center"], {lon: 5, lat: 25});
  assert.equal(assignments["layout.geo.projection.scale"], 1);
  assert.equal(assignments["layout.uirevision"], "maghreb");
});

test("the selection is a double ring: blue over a wider white halo, in every room", () => {
  const ringed = [
    {meta: {part: parts.selectedCountryHalo, layer: special.selection}},
    {meta: {part: parts.selectedCountry, layer: special.selection}},
    {meta: {part: parts.selectedFeatureHalo, layer: special.selection}},
  ];
  const id = Object.keys(config.features)[0];
  for (const [room, over] of [["explorer", {}], ["projector", {presenting: true}], ["phone", {phone: true}]]) {
    const style = config.styles[room];
    const assignments = mapPatch(config, state({outline: {countries: ["TUN"], features: [id]}, ...over}), ringed);
    assert.deepEqual(find(assignments, 0, "locations"), ["TUN"]);
    assert.deepEqual(find(assignments, 0, "marker", "line"), style.selectionHalo);
    assert.deepEqual(find(assignments, 1, "marker", "line"), style.selection);
    assert.ok(style.selectionHalo.width > style.selection.width, room);
    assert.equal(find(assignments, 2, "marker", "color"), style.selectionHalo.color);
  }
});

test("a phone's small type wins over the projector's", () => {
  const assignments = mapPatch(config, state({presenting: true, phone: true}), traces);
  assert.equal(find(assignments, 2, "textfont", "size"), config.styles.phone.contextLabel);
});
