/* Presenter mode's rules: which step a key goes to, and what a step shows. */

/** A step index held to the story: 0 .. count - 1. */
export function clampStep(index, count) {
  return Math.max(0, Math.min(count - 1, index));
}

/** What a key does while presenting, with the key map from Python
 * (config.contract.keys): {go: index} to move, {leave: true} to leave, or
 * null when the key is not the presenter's (or would not move). */
export function presenterAction(key, step, count, keys) {
  if (keys.leave.includes(key)) return {leave: true};
  let target = null;
  if (keys.next.includes(key)) target = step + 1;
  else if (keys.previous.includes(key)) target = step - 1;
  else if (keys.first.includes(key)) target = 0;
  else if (keys.last.includes(key)) target = count - 1;
  if (target === null) return null;
  target = clampStep(target, count);
  return target === step ? null : {go: target};
}

/** The map state a story step sets: no reader's selection, the step's
 * metric, layers and highlight. */
export function stepState(step) {
  return {metric: step.metric, layers: step.layers.slice(), highlight: step.highlight.slice(), country: null, feature: null};
}

/** "Step 3 of 10". */
export function counterText(index, count) {
  return `Step ${index + 1} of ${count}`;
}
