/* For tests/test_js.py: read {config, figure, state} as JSON on stdin, print
 * the figure after the browser's patch (assets/modules/patch.mjs). */
import {readFileSync} from "node:fs";
import {applyPatch, mapPatch} from "../../assets/modules/patch.mjs";

const {config, figure, state} = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(applyPatch(figure, mapPatch(config, state, figure.data))));
