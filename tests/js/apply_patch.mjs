/* For tests/test_js.py: read {config, figure, state} as JSON on stdin, print
 * the figure after the browser's patch (assets/modules/patch.mjs). */
import {readFileSync} from "node:fs";
import {mapPatch} from "../../assets/modules/patch.mjs";

const {config, figure, state} = JSON.parse(readFileSync(0, "utf8"));
for (const [path, value] of mapPatch(config, state, figure.data)) {
  let target = figure;
  for (const key of path.slice(0, -1)) target = target[key] ??= {};
  target[path.at(-1)] = value;
}
process.stdout.write(JSON.stringify(figure));
