/* Presenter mode's rules: which step a key goes to, and what a step shows. */

/** A step index held to the story: 0 .. count - 1. */
export function clampStep(index, count) {
  return Math.max(0, Math.min(count - 1, index));
}

/** What a key does while presenting, with the key map from Python
 * (config.contract.keys): {go: index} to move, {leave: true} to leave,
 * {speaker: true} to open the speaker view, {blank: true} to blank or
 * unblank the screen, or null when the key is not the presenter's (or
 * would not move). While a control (a button, a link) has the focus, a
 * key that types a character (S, B, ".", Space) is the control's: a
 * one-key shortcut acts only where it cannot be pressed by mistake
 * (WCAG 2.1.4), and Space presses the focused button. The speaker view
 * never leaves (Escape there must not drop the presenter's control of the
 * room) nor opens itself again. */
export function presenterAction(key, step, count, keys, onControl = false, inSpeakerView = false) {
  if (onControl && key.length === 1) return null;
  if (keys.leave.includes(key)) return inSpeakerView ? null : {leave: true};
  if (keys.speaker.includes(key)) return inSpeakerView ? null : {speaker: true};
  if (keys.blank.includes(key)) return {blank: true};
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
  return {metric: step.metric, source: step.source, time: step.time, layers: step.layers.slice(), highlight: step.highlight.slice(), country: null, feature: null};
}

/** "Step 3 of 10". */
export function counterText(index, count) {
  return `Step ${index + 1} of ${count}`;
}

/** A finished touch gesture: -1 (back) for a swipe to the right, 1 (next)
 * for a swipe to the left, 0 when it is too short or more down than across. */
export function swipeDirection(dx, dy, minPx) {
  if (Math.abs(dx) < minPx || Math.abs(dx) <= Math.abs(dy)) return 0;
  return dx < 0 ? 1 : -1;
}

/** What the speaker view shows for a step: its title and notes, and the next step's title. */
export function speakerView(story, index) {
  const step = story[index];
  const next = story[index + 1];
  return {
    title: step.title,
    notes: step.notes || "No notes for this step.",
    next: next ? `${counterText(index + 1, story.length)}: ${next.title}` : "End of the story",
  };
}

/** The step the speaker view previews: the next one, or null at the last. */
export function previewStep(index, count) {
  return index + 1 < count ? index + 1 : null;
}

/** What an on-screen button (data-step-action: previous, next, leave) does:
 * what the first key of that name does. */
export function buttonAction(name, step, count, keys, inSpeakerView = false) {
  return keys[name] ? presenterAction(keys[name][0], step, count, keys, false, inSpeakerView) : null;
}

/** Elapsed time as a clock: "4:05", "1:02:09". */
export function formatElapsed(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const two = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** How far through the story a step is, as a CSS width ("30%"). */
export function progressWidth(index, count) {
  return `${Math.round(((index + 1) / count) * 1000) / 10}%`;
}
