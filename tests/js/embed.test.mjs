import {test} from "node:test";
import assert from "node:assert/strict";
import {embedCode, embedHeight, heightMessage} from "../../assets/modules/embed.mjs";
import {config} from "./config.mjs";

const rule = config.embed;

test("the frame's height follows its width alone, within limits; a narrow frame asks for more", () => {
  assert.equal(embedHeight(1000, rule), Math.round(1000 * rule.ratio));
  assert.equal(embedHeight(100_000, rule), rule.maxPx);
  assert.ok(embedHeight(rule.narrowPx - 1, rule) > embedHeight(rule.narrowPx, rule));
  assert.equal(embedHeight(10, rule), rule.minPx);
  assert.deepEqual(heightMessage(1000, rule), {type: rule.messageType, height: embedHeight(1000, rule)});
});

test("the embed code is a titled frame of the view and a script that trusts only the map's origin", () => {
  const code = embedCode("http://maps.example/?metric=share_returned&a=1", 'Returnees "now" <b>', "http://maps.example", rule);
  assert.match(code, /^<iframe src="http:\/\/maps\.example\/\?metric=share_returned&amp;a=1" title="Returnees &quot;now&quot; &lt;b>"/);
  assert.match(code, new RegExp(`height="${embedHeight(rule.startWidthPx, rule)}"`));
  assert.match(code, /event\.origin !== "http:\/\/maps\.example"/);
  assert.match(code, new RegExp(`event\\.data\\.type !== "${rule.messageType}"`));
  assert.match(code, /frame\.contentWindow === event\.source/);
  assert.match(code, /<\/script>$/);
});
