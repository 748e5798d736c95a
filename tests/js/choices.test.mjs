import {test} from "node:test";
import assert from "node:assert/strict";
import {groupValue, isChecked} from "../../assets/modules/choices.mjs";

test("a radio group holds one value or none; a checklist holds the list", () => {
  assert.equal(groupValue("radio", ["TUN"]), "TUN");
  assert.equal(groupValue("radio", []), null);
  assert.deepEqual(groupValue("checkbox", ["barrier", "flows"]), ["barrier", "flows"]);
  assert.deepEqual(groupValue("checkbox", []), []);
});

test("an input is checked when its group's value is, or includes, its own", () => {
  assert.equal(isChecked("TUN", "TUN"), true);
  assert.equal(isChecked("TUN", null), false);
  assert.equal(isChecked("flows", ["barrier", "flows"]), true);
  assert.equal(isChecked("flows", ["barrier"]), false);
});
