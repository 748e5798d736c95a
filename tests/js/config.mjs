/* The page config the tests run against: the one Python builds, written by
 * tests/test_js.py into DANDELION_CONFIG (a JSON file). */
import {readFileSync} from "node:fs";

const path = process.env.DANDELION_CONFIG;
if (!path) throw new Error("run through pytest (tests/test_js.py), which writes the page config");
export const config = JSON.parse(readFileSync(path, "utf8"));
