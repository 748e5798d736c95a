import {test} from "node:test";
import assert from "node:assert/strict";
import {clampStep, counterText, presenterAction, stepState} from "../../assets/modules/presenter.mjs";
import {config} from "./config.mjs";

const keys = config.contract.keys;
const count = config.story.length;

test("clicker and keyboard keys move one step, Home and End to the ends", () => {
  for (const key of keys.next) assert.deepEqual(presenterAction(key, 3, count, keys), {go: 4}, key);
  for (const key of keys.previous) assert.deepEqual(presenterAction(key, 3, count, keys), {go: 2}, key);
  assert.deepEqual(presenterAction(keys.first[0], 3, count, keys), {go: 0});
  assert.deepEqual(presenterAction(keys.last[0], 3, count, keys), {go: count - 1});
  assert.deepEqual(presenterAction(keys.leave[0], 3, count, keys), {leave: true});
});

test("no move past either end, and other keys are not the presenter's", () => {
  assert.equal(presenterAction(keys.next[0], count - 1, count, keys), null);
  assert.equal(presenterAction(keys.previous[0], 0, count, keys), null);
  assert.equal(presenterAction(keys.first[0], 0, count, keys), null);
  assert.equal(presenterAction("x", 3, count, keys), null);
  assert.equal(presenterAction("Tab", 3, count, keys), null);
});

test("every step number is held to the story", () => {
  for (let index = -3; index < count + 3; index++) {
    const step = clampStep(index, count);
    assert.ok(step >= 0 && step < count);
    if (index >= 0 && index < count) assert.equal(step, index);
  }
});

test("a step shows its metric, layers and highlight, and no reader's selection", () => {
  for (const step of config.story) {
    assert.deepEqual(stepState(step), {
      metric: step.metric, layers: step.layers, highlight: step.highlight, country: null, feature: null,
    });
  }
  assert.equal(counterText(0, count), `Step 1 of ${count}`);
});
