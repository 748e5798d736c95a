import {test} from "node:test";
import assert from "node:assert/strict";
import {changedIds, outlined, panelKey, resolveSelection, selectionFromClick, selectionOf} from "../../assets/modules/selection.mjs";
import {config} from "./config.mjs";

const prefixes = config.contract.targets;

test("the reader's pick wins over the story's highlight", () => {
  const picked = outlined({country: "TUN", feature: null}, ["country:LBY", "feature:barrier/1"], prefixes);
  assert.deepEqual(picked, {countries: ["TUN"], features: []});
  const story = outlined({country: null, feature: null}, ["country:LBY", "feature:barrier/1", "junk"], prefixes);
  assert.deepEqual(story, {countries: ["LBY"], features: ["barrier/1"]});
  assert.deepEqual(outlined({country: null, feature: null}, null, prefixes), {countries: [], features: []});
});

test("a marked word selects its country or feature; the overview selects nothing", () => {
  assert.deepEqual(selectionOf("country:MAR", prefixes), {country: "MAR", feature: null});
  assert.deepEqual(selectionOf("feature:flows/2", prefixes), {country: null, feature: "flows/2"});
  assert.deepEqual(selectionOf("overview", prefixes), {country: null, feature: null});
});

test("a click selects a layer feature, a Maghreb state, or nothing", () => {
  assert.deepEqual(selectionFromClick({customdata: ["hover", "barrier/1"]}, config.maghreb), {country: null, feature: "barrier/1"});
  assert.deepEqual(selectionFromClick({location: "DZA"}, config.maghreb), {country: "DZA", feature: null});
  assert.equal(selectionFromClick({location: "FRA"}, config.maghreb), null);
  assert.equal(selectionFromClick(undefined, config.maghreb), null);
});

test("an unset selection is null, never undefined", () => {
  assert.deepEqual(resolveSelection([], undefined, undefined), {country: null, feature: null});
});

test("the pick made last wins; a country set with a feature gives way only to a new feature", () => {
  assert.deepEqual(resolveSelection(["feature"], "TUN", "barrier/1"), {country: null, feature: "barrier/1"});
  assert.deepEqual(resolveSelection(["country"], "TUN", "barrier/1"), {country: "TUN", feature: null});
  assert.deepEqual(resolveSelection(["country", "feature"], "TUN", "barrier/1"), {country: null, feature: "barrier/1"});
  assert.deepEqual(resolveSelection(["feature"], "LBY", null), {country: "LBY", feature: null});
  assert.deepEqual(resolveSelection(["country"], null, "barrier/1"), {country: null, feature: "barrier/1"});
  assert.deepEqual(resolveSelection([], null, null), {country: null, feature: null});
});

test("every selection has its panel, rendered by Python; nothing selected shows the overview", () => {
  const {overview} = config.contract;
  assert.equal(panelKey({country: null, feature: null}, prefixes, overview), overview);
  for (const code of config.maghreb) {
    const key = panelKey({country: code, feature: null}, prefixes, overview);
    assert.ok(JSON.stringify(config.panels[key]).includes("panel-title"), key);
  }
  for (const id of Object.keys(config.features)) {
    assert.ok(config.panels[panelKey({country: null, feature: id}, prefixes, overview)], id);
  }
  assert.ok(config.panels[overview]);
});

test("a callback knows which stores changed from Dash's triggered list, and none from none", () => {
  const triggered = [{prop_id: "feature.data", value: "barrier/1"}, {prop_id: "country.data", value: null}];
  assert.deepEqual(changedIds(triggered), ["feature", "country"]);
  assert.deepEqual(resolveSelection(changedIds(triggered), "TUN", "barrier/1"), {country: null, feature: "barrier/1"});
  assert.deepEqual(changedIds(undefined), []);
});
