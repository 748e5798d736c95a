import {test} from "node:test";
import assert from "node:assert/strict";
import {
  buttonAction, clampStep, counterText, formatElapsed, presenterAction, previewStep, progressWidth, speakerView,
  stepState, swipeDirection,
} from "../../assets/modules/presenter.mjs";
import {config} from "./config.mjs";

const keys = config.contract.keys;
const count = config.story.length;

test("clicker and keyboard keys move one step, Home and End to the ends", () => {
  for (const key of keys.next) assert.deepEqual(presenterAction(key, 3, count, keys), {go: 4}, key);
  for (const key of keys.previous) assert.deepEqual(presenterAction(key, 3, count, keys), {go: 2}, key);
  assert.deepEqual(presenterAction(keys.first[0], 3, count, keys), {go: 0});
  assert.deepEqual(presenterAction(keys.last[0], 3, count, keys), {go: count - 1});
  assert.deepEqual(presenterAction(keys.leave[0], 3, count, keys), {leave: true});
  for (const key of keys.speaker) assert.deepEqual(presenterAction(key, 3, count, keys), {speaker: true}, key);
  for (const key of keys.blank) assert.deepEqual(presenterAction(key, 3, count, keys), {blank: true}, key);
});

test("the speaker view never leaves nor opens itself again: Escape there keeps control of the room", () => {
  assert.equal(presenterAction(keys.leave[0], 3, count, keys, false, true), null);
  for (const key of keys.speaker) assert.equal(presenterAction(key, 3, count, keys, false, true), null);
  assert.deepEqual(presenterAction(keys.next[0], 3, count, keys, false, true), {go: 4});
  assert.deepEqual(presenterAction(keys.blank[0], 3, count, keys, false, true), {blank: true});
});

test("the on-screen buttons do what their keys do", () => {
  assert.deepEqual(buttonAction("next", 3, count, keys), {go: 4});
  assert.deepEqual(buttonAction("previous", 3, count, keys), {go: 2});
  assert.equal(buttonAction("previous", 0, count, keys), null);
  assert.deepEqual(buttonAction("leave", 3, count, keys), {leave: true});
  assert.equal(buttonAction("leave", 3, count, keys, true), null);
  assert.equal(buttonAction("nonsense", 3, count, keys), null);
});

test("a swipe left steps on, right steps back; short or downward ones do nothing", () => {
  const min = config.contract.swipeMinPx;
  assert.equal(swipeDirection(-min - 1, 10, min), 1);
  assert.equal(swipeDirection(min + 1, -10, min), -1);
  assert.equal(swipeDirection(min - 1, 0, min), 0);
  assert.equal(swipeDirection(-min - 1, min + 5, min), 0);
});

test("the speaker view shows the notes and the next step, and its map previews the next step", () => {
  const first = speakerView(config.story, 0);
  assert.equal(first.title, config.story[0].title);
  assert.equal(first.notes, config.story[0].notes);
  assert.equal(first.next, `Step 2 of ${count}: ${config.story[1].title}`);
  assert.equal(speakerView(config.story, count - 1).next, "End of the story");
  assert.equal(previewStep(0, count), 1);
  assert.equal(previewStep(count - 1, count), null);
  assert.equal(speakerView([{title: "t"}], 0).notes, "No notes for this step.");
});

test("clocks and progress read as a presenter expects", () => {
  assert.equal(formatElapsed(0), "0:00");
  assert.equal(formatElapsed(65_400), "1:05");
  assert.equal(formatElapsed(3_729_000), "1:02:09");
  assert.equal(formatElapsed(-5), "0:00");
  assert.equal(progressWidth(0, 10), "10%");
  assert.equal(progressWidth(count - 1, count), "100%");
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
      metric: step.metric, source: step.source, time: step.time, layers: step.layers, highlight: step.highlight, country: null,
      feature: null,
    });
  }
  assert.equal(counterText(0, count), `Step 1 of ${count}`);
});

test("with a control focused, the one-character keys and Space are the control's; arrows and Escape still act", () => {
  for (const key of [...keys.speaker, ...keys.blank, " "]) {
    assert.equal(presenterAction(key, 3, count, keys, true), null, key);
  }
  assert.deepEqual(presenterAction("ArrowRight", 3, count, keys, true), {go: 4});
  assert.deepEqual(presenterAction("PageUp", 3, count, keys, true), {go: 2});
  assert.deepEqual(presenterAction(keys.leave[0], 3, count, keys, true), {leave: true});
  assert.deepEqual(presenterAction("b", 3, count, keys, false), {blank: true}, "with no control focused, B blanks");
});
