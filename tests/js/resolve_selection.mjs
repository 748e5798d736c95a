/* For tests/test_js.py: read [[changed, country, feature], ...] on stdin,
 * print the browser's resolveSelection of each. */
import {readFileSync} from "node:fs";
import {resolveSelection} from "../../assets/modules/selection.mjs";

const cases = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([changed, country, feature]) => resolveSelection(changed, country, feature))));
