import {test} from "node:test";
import assert from "node:assert/strict";
import {
  candidates, chooseInk, contrast, leader, luminance, overlaps, parseColor, placeLabels, tally, threshold, worstContrast,
} from "../../assets/modules/labels.mjs";
import {config} from "./config.mjs";

const rule = config.labels;
const frame = {x: 0, y: 0, width: 400, height: 300};
const box = (x, y, width = 60, height = 20) => ({x, y, width, height});
const label = (x, y, over = {}) => ({box: box(x - 30, y - 10), anchor: {x, y}, radius: 0, droppable: false, ...over});
const WHITE = luminance([255, 255, 255]);
const BLACK = luminance([0, 0, 0]);
// A dark fill (YlOrBr's darkest); tests/test_mapfigure.py checks the real palette.
const DARKEST_FILL = luminance(parseColor("#8c2d04"));
// Every place reads in the label's own ink unless a test says otherwise.
const reads = () => ({color: "#000000", halo: ""});

test("boxes that only touch do not overlap", () => {
  assert.ok(overlaps(box(0, 0), box(59, 19)));
  assert.ok(!overlaps(box(0, 0), box(60, 0)));
});

test("a label's first candidate is where plotly drew it, then beside its anchor clear of its symbol", () => {
  const places = candidates(label(100, 100, {radius: 6}), rule);
  assert.deepEqual(places[0], box(70, 90));
  const right = places.find((p) => p.x > 100 && p.y === 90);
  assert.equal(right.x, 100 + 6 + rule.gapPx, "starts past the symbol and a gap");
});

test("two labels drawn on top of each other are pulled apart", () => {
  const placed = placeLabels([label(100, 100), label(110, 105)], [], frame, rule, reads);
  assert.ok(!overlaps(placed[0].box, placed[1].box));
  assert.deepEqual(placed[0].box, box(70, 90), "the first keeps its place");
});

test("a label moves off a symbol and the colour bar, and stays in the frame", () => {
  const colorbar = box(0, 200, 250, 100);
  const marker = box(95, 95, 10, 10);
  const [placed] = placeLabels([label(100, 210)], [colorbar, marker], frame, rule, reads);
  assert.ok(!overlaps(placed.box, colorbar));
  const [clear] = placeLabels([label(100, 100)], [marker], frame, rule, reads);
  assert.ok(!overlaps(clear.box, marker));
  const [edge] = placeLabels([label(395, 100)], [], frame, rule, reads);
  assert.ok(edge.box.x + edge.box.width <= frame.width);
});

test("a neighbour's name with no room is dropped; a state's figure never is", () => {
  const wall = [box(0, 0, 400, 300)];
  const [name, figure] = placeLabels([label(100, 100, {droppable: true}), label(200, 100)], wall, frame, rule, reads);
  assert.equal(name.hidden, true);
  assert.equal(figure.hidden, false);
});

test("a label whose anchor is off the map, or under the colour bar over it, is hidden", () => {
  assert.equal(placeLabels([label(-20, 100)], [], frame, rule, reads)[0].hidden, true);
  const colorbar = box(0, 200, 250, 100);
  const [under, beside] = placeLabels([label(100, 250), label(300, 250)], [colorbar], frame, rule, reads, [colorbar]);
  assert.equal(under.hidden, true, "a state's figure too: its place is not seen");
  assert.equal(beside.hidden, false);
});

test("a label takes the first free place where an ink reads, else a plate", () => {
  const readsOnlyRight = (_, b, best) => (b.x > 100 || best ? {color: "#000000"} : null);
  const [placed] = placeLabels([label(100, 100)], [], frame, rule, readsOnlyRight);
  assert.ok(placed.box.x > 100 && !placed.plate);
  const [plated] = placeLabels([label(100, 100)], [], frame, rule, (_, __, best) => (best ? rule.inks[0] : null));
  assert.equal(plated.plate, true);
  assert.deepEqual(plated.box, box(70, 90), "where plotly drew it");
});

test("large text needs 3:1, other text 4.5:1 (WCAG 1.4.3)", () => {
  assert.equal(threshold(14, true, rule), 4.5);
  assert.equal(threshold(20, true, rule), 3);
  assert.equal(threshold(20, false, rule), 4.5);
  assert.equal(threshold(24, false, rule), 3);
});

test("contrast is WCAG's: black on white 21:1", () => {
  assert.equal(contrast(WHITE, BLACK), 21);
  assert.equal(worstContrast([0, 0, 0], tally([]), rule), Infinity);
});

test("a thin line under a label is forgiven, a second fill under it is not", () => {
  const light = Array(100).fill(WHITE);
  const line = [...light.slice(1), DARKEST_FILL];
  assert.ok(worstContrast([0, 0, 0], tally(line), rule) > 20);
  const half = [...light.slice(50), ...Array(50).fill(DARKEST_FILL)];
  assert.ok(worstContrast([0, 0, 0], tally(half), rule) < 3);
});

test("the worst contrast over a tally is the one over every sample listed", () => {
  const fills = [WHITE, DARKEST_FILL, luminance([120, 160, 200]), luminance([250, 240, 200])];
  const samples = Array.from({length: 997}, (_, n) => fills[(n * n) % 7 % fills.length]);
  for (const color of [[0, 0, 0], [255, 255, 255], [31, 78, 140]]) {
    const own = luminance(color);
    const listed = samples.map((background) => contrast(own, background)).sort((a, b) => a - b);
    assert.equal(worstContrast(color, tally(samples), rule), listed[Math.floor((samples.length * rule.percentile) / 100)]);
  }
});

test("a label keeps its own ink where it reads and changes ink where it does not", () => {
  const own = {color: "#1f4e8c", halo: "light"};
  assert.equal(chooseInk(own, [{backgrounds: tally([WHITE]), needed: 4.5}], rule), own);
  const onDark = chooseInk(own, [{backgrounds: tally([DARKEST_FILL]), needed: 4.5}], rule);
  assert.equal(onDark.color, "#ffffff");
  const both = [{backgrounds: tally([...Array(50).fill(WHITE), ...Array(50).fill(DARKEST_FILL)]), needed: 4.5}];
  assert.equal(chooseInk(own, both, rule), null, "no ink reads on both halves");
  assert.ok(rule.inks.includes(chooseInk(own, both, rule, true)), "on a plate: one of the rule's inks");
});

test("one of the rule's inks reads on any colour", () => {
  for (let level = 0; level <= 255; level += 5) {
    for (const rgb of [[level, level, level], [255, level, 0], [level, 0, 255], [0, level, level]]) {
      const best = Math.max(...rule.inks.map((ink) => contrast(luminance(parseColor(ink.color)), luminance(rgb))));
      assert.ok(best >= rule.normalContrast, rgb.join());
    }
  }
});

test("a state's figure with no free place goes first next round, and the others make room", () => {
  // B's only free place (left of its anchor) is A's first choice: A must yield.
  const walls = [box(0, 0, 400, 80), box(0, 120, 400, 180), box(200, 80, 200, 40)];
  const a = label(100, 100);
  const b = label(180, 100);
  const placed = placeLabels([a, b], walls, frame, {...rule, steps: 1, directions: [[0, 0], [-1, 0]]}, reads);
  assert.ok(!overlaps(placed[0].box, placed[1].box), JSON.stringify(placed));
  assert.ok(placed.every((p) => !walls.some((w) => overlaps(p.box, w))));
});

test("a label moved away from its point gets a leader line from its symbol's edge, a nearby one none", () => {
  const anchor = {x: 100, y: 100};
  assert.equal(leader(anchor, 0, box(70, 90), rule), null, "over its point");
  assert.equal(leader(anchor, 6, box(108, 90), rule), null, "beside its symbol");
  const [x1, y1, x2, y2] = leader(anchor, 6, box(140, 90), rule);
  assert.deepEqual([x1, y1, x2, y2], [106, 100, 140, 100]);
});
