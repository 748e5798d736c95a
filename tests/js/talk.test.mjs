import {test} from "node:test";
import assert from "node:assert/strict";
import {changeTalk, elapsedMs, newTalk, pacing, readTalk} from "../../assets/modules/talk.mjs";
import {config} from "./config.mjs";

const expiry = config.contract.timings.talkExpiryMs;
const count = config.story.length;

test("a talk kept by one window is read back by the other, step, blanked state and start included", () => {
  const talk = changeTalk(changeTalk(newTalk(2, 1000), {blanked: true}, 5000), {step: 4}, 9000);
  assert.deepEqual(readTalk(JSON.stringify(talk), 10_000, expiry, count), {step: 4, blanked: true, started: 1000, updated: 9000});
  assert.equal(elapsedMs(talk, 61_000), 60_000);
  assert.equal(elapsedMs(talk, 0), 0);
});

test("no talk, a stale one, a broken one or one past the story's end reads as none", () => {
  const talk = newTalk(1, 1000);
  assert.equal(readTalk(null, 2000, expiry, count), null);
  assert.equal(readTalk("{not json", 2000, expiry, count), null);
  assert.equal(readTalk("[]", 2000, expiry, count), null);
  assert.equal(readTalk(JSON.stringify(talk), 1000 + expiry + 1, expiry, count), null);
  assert.equal(readTalk(JSON.stringify({...talk, step: count}), 2000, expiry, count), null);
  assert.equal(readTalk(JSON.stringify({...talk, blanked: "yes"}), 2000, expiry, count), null);
  assert.equal(readTalk(JSON.stringify({...talk, started: 5000}), 2000, expiry, count), null);
});

test("pacing, as reveal.js's: time left for the step, then behind, then far behind", () => {
  const budgets = [60_000, 120_000, 60_000];
  assert.equal(pacing(null, 0, 0), null);
  assert.deepEqual(pacing(budgets, 0, 15_000), {left: 45_000, state: "on-track", text: "0:45 left for this step"});
  assert.deepEqual(pacing(budgets, 1, 150_000), {left: 30_000, state: "on-track", text: "0:30 left for this step"});
  assert.deepEqual(pacing(budgets, 0, 90_000), {left: -30_000, state: "behind", text: "0:30 over"});
  assert.deepEqual(pacing(budgets, 0, 125_000), {left: -65_000, state: "far-behind", text: "1:05 over"});
});
