import {test} from "node:test";
import assert from "node:assert/strict";
import {dataNotice} from "../../assets/modules/datastatus.mjs";
import {config} from "./config.mjs";

const words = config.dataNotices;

test("the data the page shows: no notice", () => {
  assert.equal(dataNotice({version: "abc", problems: []}, "abc", words), null);
});

test("a bad edit is named by file and line, and the page keeps its data", () => {
  const notice = dataNotice({version: "abc", problems: ["figures.yaml:12: figure 3: field 'value': bad"]}, "abc", words);
  assert.ok(notice.text.startsWith(words.problems) && notice.text.includes("figures.yaml:12"));
  assert.equal(notice.reload, false);
});

test("new data in place is offered", () => {
  assert.deepEqual(dataNotice({version: "def", problems: []}, "abc", words), {text: words.newer, reload: true});
});

test("a malformed answer says nothing", () => {
  assert.equal(dataNotice(null, "abc", words), null);
  assert.equal(dataNotice({version: 3, problems: "x"}, "abc", words), null);
});
