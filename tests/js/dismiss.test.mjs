import {test} from "node:test";
import assert from "node:assert/strict";
import {dismisses, holdsHover} from "../../assets/modules/dismiss.mjs";

test("Escape closes a popup wherever the focus is; other keys do not", () => {
  assert.equal(dismisses("keydown", "Escape", true), true);
  assert.equal(dismisses("keydown", "Escape", false), true);
  assert.equal(dismisses("keydown", "Enter", false), false);
  assert.equal(dismisses("keydown", "Tab", true), false);
});

test("a click or the focus outside closes it; inside it does not", () => {
  for (const type of ["click", "focusin"]) {
    assert.equal(dismisses(type, undefined, false), true, type);
    assert.equal(dismisses(type, undefined, true), false, type);
  }
  assert.equal(dismisses("pointermove", undefined, false), false);
});

test("the hover box stays while the pointer is on it or heading for it, and not elsewhere", () => {
  const box = {left: 100, top: 0, right: 200, bottom: 50};
  const from = [50, 100]; // below and left of the box
  assert.equal(holdsHover(from, box, [150, 25]), true, "on the box");
  assert.equal(holdsHover(from, box, [75, 75]), true, "half way to its near corner");
  assert.equal(holdsHover(from, box, [125, 70]), true, "between the pointer and the box's bottom edge");
  assert.equal(holdsHover(from, box, [40, 110]), false, "moving away");
  assert.equal(holdsHover(from, box, [60, 20]), false, "beside the way to the box");
  assert.equal(holdsHover(from, box, [210, 25]), false, "past the box");
});
