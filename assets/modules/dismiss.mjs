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

/* Is `point` inside the triangle a, b, c (on an edge counts)? */
function inTriangle([ax, ay], [bx, by], [cx, cy], [px, py]) {
  const side = (x1, y1, x2, y2) => (px - x2) * (y1 - y2) - (x1 - x2) * (py - y2);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** Does the hover box stay while the pointer moves to `point` (WCAG 1.4.13,
 * hoverable)? It does inside the box (`box`: {left, top, right, bottom}, client
 * px) and on the way to it: anywhere in the smallest convex shape holding the box
 * and `from`, where the pointer was when the box was last drawn; as a menu keeps
 * its submenu open while the pointer heads for it. */
export function holdsHover(from, box, point) {
  const {left, top, right, bottom} = box;
  const [x, y] = point;
  if (x >= left && x <= right && y >= top && y <= bottom) return true;
  const corners = [[left, top], [right, top], [right, bottom], [left, bottom]];
  return corners.some((corner, n) => corners.slice(n + 1).some((other) => inTriangle(from, corner, other, point)));
}
