import {test} from "node:test";
import assert from "node:assert/strict";
import {
  between, boxOf, ease, extentFromBox, extentLayout, extentSeen, fitClearOf, fitToFrame, frameProjection, keyedExtent, mid,
  projectedBox, projectionOf, showsLayout,
} from "../../assets/modules/view.mjs";
import {config} from "./config.mjs";

const bounds = config.contract.bounds;

// The map's projection as dashboard/figures/mapfigure.py sends it in the figure (layout.geo.projection).
const projection = {type: "conic equal area", parallels: [20, 34], rotation: {lon: 5}};
const {forward, invert} = projectionOf(projection);
const near = (a, b, px, what) => assert.ok(Math.abs(a - b) <= px, `${what}: ${a} vs ${b}`);
const shape = (extent) => {
  const box = projectedBox(extent, forward);
  return (box.x[1] - box.x[0]) / (box.y[1] - box.y[0]);
};

test("the projection goes there and back, its central meridian upright", () => {
  for (const place of [[-17, 15], [4.5, 27], [39, 36], [30, 10]]) {
    invert(forward(place)).forEach((value, i) => near(value, place[i], 1e-9, `${place}`));
  }
  near(forward([5, 10])[0], 0, 1e-12, "x on the central meridian");
  assert.ok(forward([5, 30])[1] < forward([5, 20])[1], "north is up (y down)");
});

test("a fitted extent has the frame's proportions in the projection, and shows what the extent shows", () => {
  const view = config.views.maghreb;
  for (const [width, height] of [[2000, 500], [300, 600], [939, 706], [856, 584]]) {
    const fitted = fitToFrame(view, width, height, projection);
    near(shape(fitted) / (width / height), 1, 1e-3, `${width}x${height}`); // under a px
    const at = frameProjection(fitted, width, height, projection);
    // What plotly shows of the extent itself, at the scale it would show it.
    const plain = frameProjection(view, width, height, projection);
    for (const place of [[-10, 20], [4.5, 27], [20, 33]]) {
      at(place).forEach((value, i) => near(value, plain(place)[i], 0.5, `${width}x${height} ${place}`));
    }
    at([mid(view.lon), mid(view.lat)]).forEach((value, i) => near(value, [width / 2, height / 2][i], 1e-6, "middle"));
  }
  const wide = fitToFrame(view, 2000, 500, projection);
  assert.ok(wide.lon[1] - wide.lon[0] > view.lon[1] - view.lon[0], "a wide frame reaches on east and west");
});

test("with bands over the frame's top and bottom, the extent is shown between them, the map reaching on over them", () => {
  const view = config.views.maghreb;
  const inner = frameProjection(fitToFrame(view, 800, 400, projection), 800, 400, projection);
  const banded = fitToFrame(view, 800, 520, projection, {top: 80, bottom: 40});
  near(shape(banded) / (800 / 520), 1, 1e-3, "fills the whole frame");
  const at = frameProjection(banded, 800, 520, projection);
  for (const place of [[-10, 20], [4.5, 27], [20, 33], [-17, 16]]) {
    near(at(place)[0], inner(place)[0], 0.5, `${place} x`);
    near(at(place)[1], inner(place)[1] + 80, 0.5, `${place} y`);
  }
  assert.ok(banded.lat[1] > view.lat[1] && banded.lat[0] < view.lat[0]);
  assert.deepEqual(fitToFrame(view, 800, 400, projection, {top: 0}), fitToFrame(view, 800, 400, projection));
});

test("what a reader sees, as an extent, fits again to the same map", () => {
  const [width, height, top] = [939, 706, 60];
  const seen = extentSeen([2, 30], 2400, width, height - top, projection);
  const at = frameProjection(fitToFrame(seen, width, height, projection, {top}), width, height, projection);
  at([2, 30]).forEach((value, i) => near(value, [width / 2, (top + height) / 2][i], 0.5, "the same middle"));
  const [a, b] = [forward([0, 28]), forward([4, 32])];
  near(Math.hypot(...at([4, 32]).map((v, i) => v - at([0, 28])[i])), 2400 * Math.hypot(b[0] - a[0], b[1] - a[1]), 0.5,
    "the same scale");
});

test("a place under the colour bar moves the map up above it; otherwise the fit is the plain one", () => {
  const view = config.views.maghreb;
  const [width, height] = [856, 584];
  const plain = fitToFrame(view, width, height, projection);
  const at = frameProjection(plain, width, height, projection);
  const cover = {x: 10, y: 470, width: 420, height: 104};
  const under = [-8, 17.5];
  assert.ok(at(under)[1] > cover.y && at(under)[0] < cover.x + cover.width, "the case is a place under the bar");
  const clear = [20, 33];
  assert.deepEqual(fitClearOf(view, width, height, projection, {places: [clear], cover, pad: 8}), plain);
  assert.deepEqual(fitClearOf(view, width, height, projection, {places: [under], cover: null}), plain);
  const moved = fitClearOf(view, width, height, projection, {places: [clear, under], cover, pad: 8});
  const now = frameProjection(moved, width, height, projection);
  assert.ok(now(under)[1] <= cover.y - 8 + 0.5, `above the bar: ${now(under)}`);
  near(shape(moved) / (width / height), 1, 1e-3, "still fills the frame");
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

test("a map already at an extent shows its layout, value for value; elsewhere, or not yet fitted, it does not", () => {
  const extent = {lon: [-10, 25], lat: [19, 38]};
  const update = extentLayout(extent);
  const layout = {geo: {lonaxis: {range: [-10, 25]}, lataxis: {range: [19, 38]}, center: {lon: 7.5, lat: 28.5},
    projection: {type: "conic equal area", scale: 1}}};
  assert.equal(showsLayout(layout, update), true);
  assert.equal(showsLayout(layout, extentLayout({lon: [-10, 25.5], lat: [19, 38]})), false);
  assert.equal(showsLayout({geo: {projection: {scale: 1}}}, update), false);
  assert.equal(showsLayout({}, update), false);
});
