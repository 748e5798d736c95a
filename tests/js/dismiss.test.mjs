import {test} from "node:test";
import assert from "node:assert/strict";
import {dismisses} from "../../assets/modules/dismiss.mjs";

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
