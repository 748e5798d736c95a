import {test} from "node:test";
import assert from "node:assert/strict";
import {outlined, resolveSelection, selectionFromClick, selectionOf} from "../../assets/modules/selection.mjs";
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
