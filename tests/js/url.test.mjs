import {test} from "node:test";
import assert from "node:assert/strict";
import {stepState} from "../../assets/modules/presenter.mjs";
import {allLayers, defaultState, formatAddress, parseAddress, writeAddress} from "../../assets/modules/url.mjs";
import {config} from "./config.mjs";

const count = config.story.length;

test("every step number opens that step; any other asks for the explorer", () => {
  for (let n = 1; n <= count; n++) {
    assert.deepEqual(parseAddress(`?present=1&step=${n}`, config), {present: true, step: n - 1, speaker: false});
    assert.equal(formatAddress({present: true, step: n - 1}, config), `?present=1&step=${n}`);
  }
  const speaker = formatAddress({present: true, step: 2, speaker: true}, config);
  assert.equal(speaker, "?present=1&step=3&speaker=1");
  assert.deepEqual(parseAddress(speaker, config), {present: true, step: 2, speaker: true});
  assert.equal(parseAddress("?present=1&step=3&speaker=yes", config).speaker, false);
  for (const step of ["0", String(count + 1), "-1", "1.5", "01", "2e0", " 3", "x", ""]) {
    assert.equal(parseAddress(`?present=1&step=${encodeURIComponent(step)}`, config).present, false, step);
  }
  assert.equal(parseAddress("?present=2&step=3", config).present, false);
});

test("an explorer address round-trips", () => {
  const layers = allLayers(config).slice(1);
  const time = config.times[1];
  const state = {present: false, metric: "share_returned", source: "soufan_2017", time, layers, country: "LBY",
    feature: null, view: "raqqa", extent: {lon: [-5.5, 20.75], lat: [25.25, 40]}, display: "table"};
  const query = formatAddress(state, config);
  assert.equal(query, `?metric=share_returned&source=soufan_2017&time=${time}&layers=${layers.join(",")}&country=LBY&view=raqqa&extent=-5.5,25.25,20.75,40&display=table`);
  assert.deepEqual(parseAddress(query, config), state);
  assert.equal(formatAddress(defaultState(config), config), "");
  const feature = {...defaultState(config), feature: Object.keys(config.features)[0]};
  assert.deepEqual(parseAddress(formatAddress(feature, config), config), feature);
});

test("junk is dropped one parameter at a time, the rest kept", () => {
  const junk = "?metric=martians&layers=tiles,%3Cscript%3E&country=XX&feature=../../etc&view=mars&extent=1,2,nope&display=chart&source=latest&time=1999";
  assert.deepEqual(parseAddress(junk, config), defaultState(config));
  const mixed = parseAddress("?metric=foreign_fighters&country=XX&view=raqqa&extent=1,2,3", config);
  assert.deepEqual(mixed, {...defaultState(config), metric: "foreign_fighters", view: "raqqa"});
  assert.deepEqual(parseAddress("?metric=__proto__&view=constructor&feature=toString&display=__proto__", config), defaultState(config));
  assert.deepEqual(parseAddress("?layers=", config).layers, []);
});

test("a feature wins over a country when a link names both", () => {
  const id = Object.keys(config.features)[0];
  const state = parseAddress(`?country=TUN&feature=${id}`, config);
  assert.equal(state.feature, id);
  assert.equal(state.country, null);
});

test("the address is written only when it changes, pushed or replaced", () => {
  const calls = [];
  const history = {pushState: (...args) => calls.push(["push", args[2]]), replaceState: (...args) => calls.push(["replace", args[2]])};
  assert.equal(writeAddress(history, {search: "?a=1", pathname: "/"}, "?a=1", "push"), false);
  writeAddress(history, {search: "?a=1", pathname: "/"}, "?a=2", "push");
  writeAddress(history, {search: "?a=1", pathname: "/map/"}, "", "replace");
  assert.deepEqual(calls, [["push", "?a=2"], ["replace", "/map/"]]);
});

/** Ten presenter steps and twenty explorer views, as readers share them: each with what it must open. */
function deepLinks() {
  const links = config.story.map((step, index) => ({
    query: `?present=1&step=${index + 1}`, expected: {present: true, step: index, speaker: false}, layers: step.layers,
  }));
  const metrics = Object.keys(config.metrics);
  const layers = allLayers(config);
  const selections = [...config.maghreb.map((code) => ["country", code]), ...Object.keys(config.features).map((id) => ["feature", id])];
  for (let i = 0; i < 20; i++) {
    const metric = metrics[i % metrics.length];
    const [kind, name] = selections[i % selections.length];
    const on = layers.filter((_, j) => (i + j) % 4 || i % 3 === 0);
    const params = [
      metric === config.defaults.metric ? null : ["metric", metric],
      on.length < layers.length ? ["layers", on.join(",")] : null,
      [kind, name],
      i % 2 ? ["view", "raqqa"] : null,
      i % 5 === 4 ? ["extent", "-5.5,25.25,20.75,40"] : null,
    ].filter(Boolean);
    const expected = {
      ...defaultState(config), metric, layers: on, [kind]: name, view: i % 2 ? "raqqa" : config.defaults.view,
      extent: i % 5 === 4 ? {lon: [-5.5, 20.75], lat: [25.25, 40]} : null,
    };
    links.push({query: "?" + params.map(([key, value]) => `${key}=${value}`).join("&"), expected, layers: on});
  }
  return links;
}

test("thirty deep links each open what they name, and the address still names it", () => {
  const links = deepLinks();
  assert.equal(links.length, 30);
  assert.ok(links.some(({expected}) => expected.feature) && links.some(({expected}) => expected.country));
  assert.ok(links.some(({layers}) => layers.length < allLayers(config).length));
  for (const {query, expected, layers} of links) {
    const state = parseAddress(query, config);
    assert.deepEqual(state, expected, query);
    // What the map shows: a step's own layers, or the view's.
    assert.deepEqual(state.present ? stepState(config.story[state.step]).layers : state.layers, layers, query);
    assert.equal(formatAddress(state, config), query);
  }
});
