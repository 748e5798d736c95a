/* The page's state, passed to every function that reads or changes it (as Observable Plot's
 * interactions take theirs), and what all modules share: the map's element, the live region, the
 * title, Dash's stores, and the address of the state shown. */
import {formatAddress} from "../modules/url.mjs";

/* A page's state before Dash has built the page: ./dandelion.mjs makes one and passes it on. */
export function newPage() {
  return {
    config: null,
    // Until the address has been applied, nothing writes it.
    applying: true,
    // The state the map last drew, and who waits for one.
    rendered: null,
    // The controls' values as last set or seen (may be ahead of the map).
    controls: null,
    waiting: [],
    // The extent the reader zoomed to, for the link; null when the view's own.
    extent: null,
    presenting: false,
    // The speaker view (?speaker=1): the room's step, notes, the next step's map, clocks.
    speaker: false,
    blanked: false,
    step: 0,
    // The talk both presenter windows share (modules/talk.mjs), kept in localStorage.
    talk: null,
    clock: null,
    flight: 0,
    frame: Promise.resolve(),
    hadFullscreen: false,
    // How the table is sorted: {column, direction}, or null for the data's order.
    tableSort: null,
    // While the presenter flies, labels wait for the arrival to be placed.
    flying: false,
    // plotly draws counted, the draw the labels were last placed on, and the
    // first draw that shows the latest patch (plotly draws after each).
    draws: 0,
    labelsPlacedOn: -1,
    drawsAwaited: 0,
    labelsDrawn: "",
    arranging: false,
    // The map's hover box: the place under the pointer, and the one whose box Escape dismissed.
    hovered: null,
    hoverDismissed: null,
    // Where the pointer was when plotly last saw it (client px): the hover box's way starts there.
    hoverFrom: null,
    // What the map's area shows: "map" or "table" (the "Show as" choice).
    display: null,
    // The room the map was last drawn for (mapRoom().key), and the canvas that measures its text.
    room: null,
    // The extent the next render fits the map to, in the same draw (an address applied in a new room).
    fitTo: null,
    measuring: null,
    // The wrappers (plotly's <g> round each label's <text>) last moved or inked (modules/arrange.mjs).
    arrangedLabels: new Set(),
    // Where a touch on the presenter's screen began (client px): a swipe steps.
    touch: {x: 0, y: 0},
  };
}

/* The map's plotly element. */
export function graph() {
  return document.querySelector("#map .js-plotly-plot");
}

/* Tell screen readers something short (the status region's text), and name the tab. */
export function announce(text) {
  document.getElementById("announce").textContent = text;
}

export function setTitle(page, text) {
  document.title = text + page.config.titleSuffix;
}

export function setProps(id, props) {
  window.dash_clientside.set_props(id, props);
}

/* Does the drawn state have every value of `target`? */
function shows(page, target) {
  const drawn = page.rendered;
  return Object.entries(target).every(([key, value]) => {
    if (key === "layers") return value.length === drawn.layers.length && value.every((id) => drawn.layers.includes(id));
    return JSON.stringify(value) === JSON.stringify(drawn[key]);
  });
}

/* Resolves once the map has drawn `target` (a partial map state): at once
 * if it already has, else after the render that matches has been painted. */
export function settled(page, target) {
  if (shows(page, target)) return Promise.resolve();
  return new Promise((resolve) => page.waiting.push({target, resolve}));
}

/* Resolves once the map has drawn the next render, whatever it shows. */
export function nextDraw(page) {
  return new Promise((resolve) => page.waiting.push({target: {}, resolve}));
}

export function afterRender(page) {
  const ready = page.waiting.filter((wait) => shows(page, wait.target));
  if (!ready.length) return;
  page.waiting = page.waiting.filter((wait) => !ready.includes(wait));
  graph().once("plotly_react", () => ready.forEach((wait) => wait.resolve()));
}

/* The address of what the map shows outside presenter mode: the history's, and the link a reader copies. */
export function explorerAddress(page) {
  const state = {...page.rendered, present: false, extent: page.extent, display: page.display};
  return formatAddress(state, page.config);
}

// The map state's controls that are Dash stores of the same name, in the order they are set.
const STORES = ["metric", "source", "time", "highlight", "feature", "country", "view", "presenting"];

/* Set the controls to a (partial) map state, touching only what differs
 * from what the map shows: an unchanged control sets off no render, so
 * settled() knows whether to wait for one. True when a render is set off. */
export function showState(page, target) {
  const now = page.controls;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const stores = STORES.filter((key) => key in target && !same(target[key], now[key]));
  for (const key of stores) setProps(key, {data: target[key]});
  const groups = "layers" in target ? Object.entries(page.config.layerGroups).flatMap(([group, ids]) => {
    const wanted = ids.filter((id) => target.layers.includes(id));
    return same(wanted, ids.filter((id) => now.layers.includes(id))) ? [] : [[group, wanted]];
  }) : [];
  for (const [group, wanted] of groups) setProps("layers-" + group, {data: wanted});
  page.controls = {...now, ...target};
  return stores.length + groups.length > 0;
}
