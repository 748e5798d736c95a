/* Popups that open over the page (the Download menu, the phone's Controls
 * sheet, the side panel's sheet) close the same way (WCAG 1.4.13, 2.4.11). */

/** Does an event close an open popup? Escape anywhere; a click, or the
 * focus moving, outside it. `inside`: the event's element (for a focus
 * move, the newly focused one) is in the popup or its button. */
export function dismisses(type, key, inside) {
  if (type === "keydown") return key === "Escape";
  if (type === "click" || type === "focusin") return !inside;
  return false;
}
