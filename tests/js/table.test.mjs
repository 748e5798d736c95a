import {test} from "node:test";
import assert from "node:assert/strict";
import {nextSort, sortedKeys} from "../../assets/modules/table.mjs";

const rows = [
  {key: "MAR", sort: "200"},
  {key: "DZA", sort: "100"},
  {key: "TUN", sort: "800"},
  {key: "LBY", sort: ""},
];

test("figures sort by value, highest first or last; a figure not given comes last both ways", () => {
  assert.deepEqual(sortedKeys(rows, "descending"), ["TUN", "MAR", "DZA", "LBY"]);
  assert.deepEqual(sortedKeys(rows, "ascending"), ["DZA", "MAR", "TUN", "LBY"]);
});

test("numbers sort as numbers, names alphabetically", () => {
  assert.deepEqual(sortedKeys([{key: "a", sort: "9"}, {key: "b", sort: "10"}], "ascending"), ["a", "b"]);
  const names = [{key: "TUN", sort: "Tunisia"}, {key: "DZA", sort: "Algeria"}];
  assert.deepEqual(sortedKeys(names, "ascending"), ["DZA", "TUN"]);
});

test("a header sorts its column highest first (names A to Z), then turns it round", () => {
  assert.deepEqual(nextSort(null, "returnees", "state"), {column: "returnees", direction: "descending"});
  assert.deepEqual(nextSort(null, "state", "state"), {column: "state", direction: "ascending"});
  const once = nextSort(null, "returnees", "state");
  assert.deepEqual(nextSort(once, "returnees", "state"), {column: "returnees", direction: "ascending"});
  assert.deepEqual(nextSort(once, "foreign_fighters", "state"), {column: "foreign_fighters", direction: "descending"});
});
