/* The talk both presenter windows share: the step, whether the room is
 * blanked, and when the talk started. The wiring keeps it in the browser's
 * storage (one record for the room's window and the speaker view), so that
 * either window reloaded or reopened comes back where the other is, and the
 * speaker view's timer carries on, as reveal.js's speaker view does.
 * The pacing cue follows reveal.js's: the time left for the current step,
 * from each step's planned time (Python sends it: story.yaml's `minutes`). */
import {formatElapsed} from "./presenter.mjs";

/** A talk started at `now` (ms since the epoch) on `step`. */
export function newTalk(step, now) {
  return {step, blanked: false, started: now, updated: now};
}

/** The talk stored as `text`, or null when there is none, it is not one, its
 * step is not in a story of `count` steps, or nothing changed it for
 * `expiryMs` (the last talk is over; a new one starts its own timer). */
export function readTalk(text, now, expiryMs, count) {
  let talk;
  try {
    talk = JSON.parse(text);
  } catch {
    return null;
  }
  if (!talk || typeof talk !== "object") return null;
  const {step, blanked, started, updated} = talk;
  if (!Number.isInteger(step) || step < 0 || step >= count || typeof blanked !== "boolean") return null;
  if (![started, updated].every(Number.isFinite) || started > now || now - updated > expiryMs) return null;
  return {step, blanked, started, updated};
}

/** The talk with `change` ({step}, {blanked} or {started}) made at `now`. */
export function changeTalk(talk, change, now) {
  return {...talk, ...change, updated: now};
}

/** The time the talk has run at `now`, in ms. */
export function elapsedMs(talk, now) {
  return Math.max(0, now - talk.started);
}

/** The pacing cue at step `index` after `elapsed` ms, from each step's planned
 * time in ms (`budgets`, null when story.yaml plans none): the time left
 * until the end of this step as planned, and how it stands, as reveal.js's
 * speaker view classes it: "on-track" while time is left, "behind" once
 * over by less than the step's own time, "far-behind" beyond. */
export function pacing(budgets, index, elapsed) {
  if (!budgets) return null;
  const planned = budgets.slice(0, index + 1).reduce((sum, ms) => sum + ms, 0);
  const left = planned - elapsed;
  const state = left >= 0 ? "on-track" : -left <= budgets[index] ? "behind" : "far-behind";
  const text = left >= 0 ? `${formatElapsed(left)} left for this step` : `${formatElapsed(-left)} over`;
  return {left, state, text};
}
