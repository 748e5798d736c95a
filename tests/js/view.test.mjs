import {test} from "node:test";
import assert from "node:assert/strict";
import {
  between, boxOf, ease, extentFromBox, extentLayout, fitToFrame, keyedExtent, mid,
} from "../../assets/modules/view.mjs";
import {config} from "./config.mjs";

const bounds = config.contract.bounds;

test("fitting to a wide frame widens the longitudes and keeps the latitudes", () => {
  const view = config.views.maghreb;
  const wide = fitToFrame(view, 2000, 500);
  assert.deepEqual(wide.lat, view.lat);
  assert.ok(wide.lon[1] - wide.lon[0] > view.lon[1] - view.lon[0]);
  assert.equal(mid(wide.lon), mid(view.lon));
  const tall = fitToFrame(view, 300, 900);
  assert.deepEqual(tall.lon, view.lon);
  assert.ok(tall.lat[1] - tall.lat[0] > view.lat[1] - view.lat[0]);
});

test("with controls over the frame's top, the extent fills the frame below them and reaches on over them", () => {
  const view = config.views.maghreb;
  const below = fitToFrame(view, 800, 400);
  const banded = fitToFrame(view, 800, 480, 80);
  assert.deepEqual(banded.lon, below.lon);
  assert.equal(banded.lat[0], below.lat[0]);
  const perPx = (below.lat[1] - below.lat[0]) / 400;
  assert.ok(Math.abs(banded.lat[1] - (below.lat[1] + 80 * perPx)) < 1e-9, "the band shows what lies north");
  assert.deepEqual(fitToFrame(view, 800, 400, 0), below);
});

test("a flight starts where it is and ends where it goes, easing in and out", () => {
  const from = {lon: [0, 10], lat: [0, 10]};
  const to = {lon: [20, 40], lat: [5, 15]};
  assert.deepEqual(between(from, to, 0), from);
  assert.deepEqual(between(from, to, 1), to);
  assert.deepEqual(between(from, to, 7), to);
  assert.equal(ease(0.5), 0.5);
  assert.ok(ease(0.1) < 0.1 && ease(0.9) > 0.9);
  assert.deepEqual(extentLayout(to)["geo.center.lon"], 30);
});

test("an extent in a link must be four ordered finite numbers inside the globe", () => {
  assert.deepEqual(extentFromBox([-5, 25, 20, 40], bounds), {lon: [-5, 20], lat: [25, 40]});
  for (const junk of [[1, 2, 3], [20, 25, -5, 40], [-5, 40, 20, 25], [-200, 0, 10, 10], [0, -95, 10, 10],
    [0, 0, NaN, 10], [0, 0, Infinity, 10], ["0", 0, 10, 10], null, "1,2,3,4"]) {
    assert.equal(extentFromBox(junk, bounds), null, JSON.stringify(junk));
  }
  assert.deepEqual(boxOf({lon: [-5.123, 20.456], lat: [25.001, 40]}), [-5.12, 25, 20.46, 40]);
});

test("arrow keys move the map by a share of its extent; + and - zoom about its centre", () => {
  const mapKeys = config.contract.mapKeys;
  const extent = {lon: [0, 20], lat: [20, 40]};
  const right = keyedExtent(extent, "ArrowRight", mapKeys);
  assert.ok(right.lon[0] > 0 && right.lon[1] - right.lon[0] === 20);
  assert.deepEqual(right.lat, extent.lat);
  const up = keyedExtent(extent, "ArrowUp", mapKeys);
  assert.ok(up.lat[0] > 20 && up.lat[1] > 40);
  const zoomedIn = keyedExtent(extent, "+", mapKeys);
  assert.ok(zoomedIn.lon[1] - zoomedIn.lon[0] < 20);
  assert.deepEqual([mid(zoomedIn.lon), mid(zoomedIn.lat)], [10, 30]);
  const back = keyedExtent(zoomedIn, "-", mapKeys);
  assert.ok(Math.abs(back.lon[1] - back.lon[0] - 20) < 1e-9);
  assert.equal(keyedExtent(extent, "x", mapKeys), null);
});
