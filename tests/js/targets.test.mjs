import {test} from "node:test";
import assert from "node:assert/strict";
import {parseTarget} from "../../assets/modules/targets.mjs";
import {config} from "./config.mjs";

const prefixes = config.contract.targets;

test("country and feature targets name their kind and id", () => {
  assert.deepEqual(parseTarget("country:TUN", prefixes), {kind: "country", id: "TUN"});
  assert.deepEqual(parseTarget("feature:barrier/1", prefixes), {kind: "feature", id: "barrier/1"});
});

test("anything else is no target", () => {
  for (const junk of ["overview", "country:", "", null, undefined, 42, "TUN", "feature"]) {
    assert.deepEqual(parseTarget(junk, prefixes), {kind: null, id: null}, String(junk));
  }
});
