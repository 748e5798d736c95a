/* Wiring: the one module that touches the DOM, plotly, Dash and history.
 * Every rule it applies comes from ./modules (pure functions, unit-tested
 * with node --test) and every name, key and timing from the page config
 * that Python sends (dashboard/layout.py browser_config).
 *
 * Clientside callbacks (dashboard/callbacks.py wires them; none runs on a server):
 * - showPanel: the side panel for what is selected, from the panels Python rendered;
 * - render: the map state -> one Patch of the figure the page has;
 * - selectFromMap: a click on a state or a layer feature selects it;
 * - focusText: scroll the briefing's text to what is selected and mark it;
 * - toggleSidePanel: collapse the side panel to give the map room.
 */
import {resolveSelection, outlined, panelKey, selectionOf, selectionFromClick} from "./modules/selection.mjs";
import {applyPatch, mapPatch, extentPatch, metricStates, selectionState} from "./modules/patch.mjs";
import {extentSeen, fitClearOf, fitToFrame, between, extentLayout, extentFromBox, keyedExtent} from "./modules/view.mjs";
import {
  buttonAction, clampStep, counterText, formatElapsed, presenterAction, previewStep, progressWidth, speakerView,
  stepState, swipeDirection,
} from "./modules/presenter.mjs";
import {changeTalk, elapsedMs, newTalk, pacing, readTalk} from "./modules/talk.mjs";
import {parseAddress, formatAddress, writeAddress, defaultState} from "./modules/url.mjs";
import {imageFigure, imageFileName, imageSize} from "./modules/image.mjs";
import {embedCode, heightMessage} from "./modules/embed.mjs";
import {groupValue, isChecked} from "./modules/choices.mjs";
import {dataNotice} from "./modules/datastatus.mjs";
import {nextSort, sortedKeys} from "./modules/table.mjs";
import {inkInline, placeLabelsOn, restoreLabels, unlabelledMap} from "./modules/arrange.mjs";
import {dismisses, holdsHover} from "./modules/dismiss.mjs";
import {mapNews, stepNews} from "./modules/news.mjs";

// Read before any callback can write the address: a link must open what it names.
const startAddress = window.location.search;

const page = {
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
  measuring: null,
};

function graph() {
  return document.querySelector("#map .js-plotly-plot");
}

/* Tell screen readers something short (the status region's text), and name the tab. */
function announce(text) {
  document.getElementById("announce").textContent = text;
}

function setTitle(text) {
  document.title = text + page.config.titleSuffix;
}

function setProps(id, props) {
  window.dash_clientside.set_props(id, props);
}

/* plotly offers no public plot area or inverse projection: these two
 * functions are the only readers of its internals. */

/* The map's drawing area in px, after plotly's automatic margins (the legend). */
function frameSize(gd) {
  const size = gd._fullLayout._size;
  return {width: size.w, height: size.h};
}

/* How far down the map's plot area the controls over its top reach (px): what the map shows is fitted
 * below them, so that no place, and no label, is under them. */
function controlsBand(gd) {
  const top = gd.getBoundingClientRect().y + gd._fullLayout._size.t;
  const bottoms = [...document.querySelectorAll(page.config.contract.mapTopControls)]
    .filter((element) => element.checkVisibility())
    .map((element) => element.getBoundingClientRect().bottom - top);
  return Math.max(0, ...bottoms);
}

/* The places the map marks or labels ([lon, lat]), half its largest symbol (px), and the colour bar's
 * box in the plot area (px), down to the map's bottom edge (no label fits under it), or null: what the
 * fit keeps apart. */
function symbolsAndColourBar(gd) {
  const places = [], sizes = [0];
  for (const trace of gd._fullData || []) {
    if (trace.type !== "scattergeo" || trace.visible !== true || !/markers|text/.test(trace.mode)) continue;
    trace.lon.forEach((lon, i) => Number.isFinite(lon) && Number.isFinite(trace.lat[i]) && places.push([lon, trace.lat[i]]));
    sizes.push(...[trace.marker?.size].flat().filter(Number.isFinite));
  }
  const bar = gd.querySelector(".infolayer .colorbar")?.getBoundingClientRect();
  const plot = gd.getBoundingClientRect();
  const {l, t, h} = gd._fullLayout._size;
  const cover = bar?.height ? {x: bar.x - plot.x - l, y: bar.y - plot.y - t, width: bar.width, height: h + t + plot.y - bar.y}
    : null;
  return {places, pad: Math.max(...sizes) / 2, cover};
}

/* A presenter's step is fitted clear of the colour bar; a reader's own moves land where asked. */
function fitted(extent) {
  const gd = graph();
  const {width, height} = frameSize(gd);
  const clear = page.presenting ? symbolsAndColourBar(gd) : {};
  return fitClearOf(extent, width, height, gd.layout.geo.projection, {top: controlsBand(gd), ...clear});
}

/* The extent the reader is looking at, or null before the map is drawn: what is below the controls,
 * as an extent that fitting again shows as it is. */
function visibleExtent() {
  const gd = graph();
  const projection = gd._fullLayout?.geo?._subplot?.projection;
  if (!projection) return null;
  const {width, height} = frameSize(gd);
  const top = controlsBand(gd);
  const centre = projection.invert([width / 2, (top + height) / 2]);
  if (!centre || !centre.every(Number.isFinite)) return null;
  const seen = extentSeen(centre, projection.scale(), width, height - top, gd.layout.geo.projection);
  return extentFromBox([seen.lon[0], seen.lat[0], seen.lon[1], seen.lat[1]], page.config.contract.bounds);
}

/* Fit the map to an extent, animated over `ms`; resolves true on arrival,
 * false when a newer flight replaced it (a presenter pressing on quickly).
 * Reduced motion asks for no flight. */
function flyTo(extent, ms) {
  const gd = graph();
  const target = fitted(extent);
  const from = visibleExtent() || target;
  const duration = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : ms;
  const id = ++page.flight;
  const start = performance.now();
  page.flying = duration > 0;
  return new Promise((resolve) => {
    function frame(now) {
      if (id !== page.flight) return resolve(false);
      const t = duration > 0 ? Math.min(1, (now - start) / duration) : 1;
      if (t >= 1) page.flying = false;
      const next = () => (t < 1 ? requestAnimationFrame(frame) : resolve(id === page.flight));
      window.Plotly.relayout(gd, extentLayout(between(from, target, t))).then(next, next);
    }
    requestAnimationFrame(frame);
  });
}

/* --- Labels: placed clear of each other, of symbols and of the colour bar,
 * each in an ink that reads on what is under it (modules/arrange.mjs, with
 * the rules of modules/labels.mjs). */

// The wrappers (plotly's <g> round each label's <text>) last moved or inked (modules/arrange.mjs).
let arrangedLabels = new Set();

/* Place the live map's labels after a plotly draw (plotly redraws its text on every draw). */
async function arrangeLabels() {
  const gd = graph();
  if (!page.config || !gd?._fullLayout?._size || page.flying) return;
  const started = performance.now();
  const draw = page.draws;
  // Should the map not draw into a canvas, labels are still kept apart, in their own ink.
  const pixelAt = await unlabelledMap(gd).catch(() => () => null);
  // A newer draw has come while the map was read: its own run places them.
  if (draw !== page.draws || page.flying) return;
  // From here on in one go, so that no frame shows the labels where plotly put them.
  restoreLabels(gd, arrangedLabels);
  const {labels, contract} = page.config;
  arrangedLabels = placeLabelsOn(gd, pixelAt, {parts: contract.parts, rule: labels, overMap: labels.overMap});
  page.labelsPlacedOn = draw;
  page.labelsDrawn = labelsAsDrawn(gd);
  page.labelsMs = performance.now() - started;
}

/* Under wider text spacing the legend needs more rows than its strip: the map's row grows by
 * them (style.css: the page then scrolls), so that the map keeps its room (WCAG 1.4.12). */
function fitLegendRoom(gd) {
  const {showlegend, legend} = gd._fullLayout;
  const spaced = document.body.classList.contains("text-spaced") && showlegend;
  const extra = spaced ? Math.max(0, Math.ceil(legend?._height ?? 0) - page.config.legendStripPx) : 0;
  document.body.style.setProperty("--legend-room", `${extra}px`);
}

/* Where every label is as drawn now: plotly redraws them before it tells
 * that it has (plotly_afterplot), so the labels are known placed only while
 * this is what it was when they were placed. */
function labelsAsDrawn(gd) {
  return [...gd.querySelectorAll(".geolayer .trace.scattergeo text[data-unformatted]")]
    .map((text) => `${text.textContent} ${text.getAttribute("transform")} ${text.parentNode.getAttribute("transform")}`)
    .join("|");
}

/* Resolves once plotly has taken the size the map's frame now has. */
function resized() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => window.Plotly.Plots.resize(graph()).then(resolve, resolve));
  });
}

/* Does the drawn state have every value of `target`? */
function shows(target) {
  const drawn = page.rendered;
  return Object.entries(target).every(([key, value]) => {
    if (key === "layers") return value.length === drawn.layers.length && value.every((id) => drawn.layers.includes(id));
    return JSON.stringify(value) === JSON.stringify(drawn[key]);
  });
}

/* Resolves once the map has drawn `target` (a partial map state): at once
 * if it already has, else after the render that matches has been painted. */
function settled(target) {
  if (shows(target)) return Promise.resolve();
  return new Promise((resolve) => page.waiting.push({target, resolve}));
}

function afterRender() {
  const ready = page.waiting.filter((wait) => shows(wait.target));
  if (!ready.length) return;
  page.waiting = page.waiting.filter((wait) => !ready.includes(wait));
  graph().once("plotly_react", () => ready.forEach((wait) => wait.resolve()));
}

function explorerAddress() {
  const state = {...page.rendered, present: false, extent: page.extent, display: page.display};
  return formatAddress(state, page.config);
}

/* Set the controls to a (partial) map state, touching only what differs
 * from what the map shows: an unchanged control sets off no render, so
 * settled() knows whether to wait for one. */
function showState(target) {
  const now = page.controls;
  const differs = (key) => key in target && JSON.stringify(target[key]) !== JSON.stringify(now[key]);
  if (differs("metric")) setProps("metric", {data: target.metric});
  if (differs("source")) setProps("source", {data: target.source});
  if (differs("time")) setProps("time", {data: target.time});
  if (differs("highlight")) setProps("highlight", {data: target.highlight});
  if (differs("feature")) setProps("feature", {data: target.feature});
  if (differs("country")) setProps("country", {data: target.country});
  if (differs("view")) setProps("view", {data: target.view});
  if (differs("presenting")) setProps("presenting", {data: target.presenting});
  if ("layers" in target) {
    for (const [group, ids] of Object.entries(page.config.layerGroups)) {
      const wanted = ids.filter((id) => target.layers.includes(id));
      const current = ids.filter((id) => now.layers.includes(id));
      if (JSON.stringify(wanted) !== JSON.stringify(current)) setProps("layers-" + group, {data: wanted});
    }
  }
  page.controls = {...now, ...target};
}

/* Put the page in the state an address names. */
function applyAddress(search) {
  const target = parseAddress(search, page.config);
  page.applying = true;
  if (target.present) {
    enterPresenter(target.step, target.speaker);
    page.applying = false;
    return Promise.resolve();
  }
  leavePresenter();
  if (target.display !== page.display) {
    page.display = target.display;
    setProps("display", {data: target.display});
  }
  const drawn = {metric: target.metric, source: target.source, time: target.time, layers: target.layers, country: target.country, feature: target.feature,
    view: target.view, highlight: [], presenting: false};
  showState(drawn);
  page.extent = target.extent;
  const extent = target.extent || page.config.views[target.view];
  return settled(drawn)
    .then(() => flyTo(extent, 0))
    .then(() => {
      page.applying = false;
      setTitle(page.config.metrics[page.rendered.metric].title);
      // Junk dropped, the rest kept: the address now says what is shown.
      writeAddress(window.history, window.location, explorerAddress(), "replace");
    });
}

/* --- the controls: native inputs in fieldsets, values in Dash stores ------ */

/* Put a native input into each option's label (dashboard/layout.py choice_group). */
function buildChoices() {
  for (const fieldset of document.querySelectorAll("[data-choice]")) {
    const {choice, kind} = fieldset.dataset;
    for (const label of fieldset.querySelectorAll("label[data-value]")) {
      if (label.querySelector("input")) continue;
      const input = document.createElement("input");
      input.type = kind;
      input.name = choice;
      input.value = label.dataset.value;
      label.prepend(input);
    }
  }
}

/* Check the inputs of each group in `values` ({group: value}) that match its value; a menu shows it. */
function checkChoices(values) {
  for (const [group, current] of Object.entries(values)) {
    const fieldset = document.querySelector(`[data-choice="${CSS.escape(group)}"]`);
    const select = fieldset?.querySelector("select");
    if (select && current != null) select.value = current;
    for (const input of fieldset?.querySelectorAll("input") ?? []) input.checked = isChecked(input.value, current);
  }
}

/* Check the inputs that match a map state. */
function showChoices(state) {
  const values = {metric: state.metric, source: state.source, time: state.time, country: state.country, view: state.view};
  for (const group of Object.keys(page.config.layerGroups)) values["layers-" + group] = state.layers;
  checkChoices(values);
}

function onChoice(event) {
  const fieldset = event.target.closest?.("[data-choice]");
  if (!fieldset) return;
  if (fieldset.dataset.kind === "select") {
    setProps(fieldset.dataset.choice, {data: event.target.value});
    return;
  }
  const checked = [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
  setProps(fieldset.dataset.choice, {data: groupValue(fieldset.dataset.kind, checked)});
}

/* Earlier and Later beside a menu choose the option before or after: no dragging, one tap each. */
function onStepChoice(event) {
  const button = event.target.closest?.("[data-choice] button[data-step]");
  if (!button) return;
  const fieldset = button.closest("[data-choice]");
  const select = fieldset.querySelector("select");
  const index = select.selectedIndex + Number(button.dataset.step);
  if (index < 0 || index >= select.options.length) return;
  select.selectedIndex = index;
  setProps(fieldset.dataset.choice, {data: select.value});
}

/* --- the table behind the map ------------------------------------------------ */

/* The table's rows and caption under a choice of source and time (dashboard/table.py). */
function showTable(source, time) {
  const {table} = selectionState(page.config, source, time);
  setProps("data-table-caption", {children: table.caption});
  setProps("data-table-body", {children: table.rows});
  page.tableSort = null;
  for (const header of document.querySelectorAll("#data-table thead th")) header.removeAttribute("aria-sort");
}

/* Mark the column of the metric the map shows. */
function markTableMetric(metric) {
  for (const cell of document.querySelectorAll("#data-table [data-metric]")) {
    cell.classList.toggle("is-current", cell.dataset.metric === metric);
  }
}

/* A header's button sorts the rows by its column, or turns the order round. */
function onSort(event) {
  const button = event.target.closest?.("#data-table button[data-sort-by]");
  if (!button) return;
  const column = button.dataset.sortBy;
  page.tableSort = nextSort(page.tableSort, column, page.config.tableTextColumn);
  const body = document.getElementById("data-table-body");
  const rows = [...body.rows].map((row, key) => {
    const cell = column === page.config.tableTextColumn ? row.cells[0] : row.querySelector(`td[data-metric="${column}"]`);
    return {key, sort: cell.dataset.sort, row};
  });
  for (const key of sortedKeys(rows, page.tableSort.direction)) body.append(rows[key].row);
  for (const header of document.querySelectorAll("#data-table thead th")) header.removeAttribute("aria-sort");
  button.parentElement.setAttribute("aria-sort", page.tableSort.direction);
}

/* --- keyboard: skip links, and the map's own keys ----------------------------- */

/* A skip link shows the map or the table and puts the focus on it. */
function onSkip(event) {
  const link = event.target.closest?.("a.skip-link");
  if (!link) return;
  event.preventDefault();
  const target = document.querySelector(link.getAttribute("href"));
  setProps("display", {data: target.id === "table-frame" ? "table" : "map"});
  const focus = () => (target.hidden ? requestAnimationFrame(focus) : target.focus());
  focus();
}

/* Move the map as a map key does (contract.MAP_KEYS); false for another key. The link keeps the extent. */
function moveMap(key) {
  const extent = visibleExtent();
  const next = extent && keyedExtent(extent, key, page.config.contract.mapKeys);
  if (!next) return false;
  const {bounds} = page.config.contract;
  const box = extentFromBox([next.lon[0], next.lat[0], next.lon[1], next.lat[1]], bounds);
  if (box) {
    flyTo(box, 0).then(() => {
      page.extent = visibleExtent();
      writeAddress(window.history, window.location, explorerAddress(), "replace");
    });
  }
  return true;
}

/* Arrow keys move the focused map, + and - zoom. */
function onMapKey(event) {
  if (event.target.id !== "map-figure" || page.presenting || event.altKey || event.ctrlKey || event.metaKey) return;
  if (moveMap(event.key)) event.preventDefault();
}

/* The map's zoom buttons: in and out as + and - do; fit to the chosen view, forgetting the reader's extent. */
function zoomMap(zoom) {
  if (zoom !== "fit") {
    moveMap(page.config.contract.mapKeys.keys[zoom][0]);
    return;
  }
  page.extent = null;
  flyTo(page.config.views[page.rendered.view], 0).then(() => {
    writeAddress(window.history, window.location, explorerAddress(), "replace");
  });
}

/* --- presenter mode: steps from story.yaml, keyboard, full screen ------- */

/* Start presenting at step `index`; `resume` carries on the talk the other
 * window (or this one, before a reload) keeps, blanked or not, its timer
 * running; without, or with none kept, a new talk starts. */
function enterPresenter(index, speaker = false, resume = true) {
  page.presenting = true;
  page.speaker = speaker;
  setProps("display", {data: "map"});
  showPanelSheet(false);
  document.body.classList.add("presenting");
  document.body.classList.toggle("speaker", speaker);
  // The step's card has the focus (not <body>): the keys step, and a screen reader is in the slide.
  document.getElementById("story-card").focus();
  mapKeysDescribed(false);
  const root = document.documentElement;
  if (!speaker && root.requestFullscreen && !document.fullscreenElement) root.requestFullscreen().catch(() => {});
  const kept = resume ? storedTalk() : null;
  const start = clampStep(index, page.config.story.length);
  // The speaker view follows the talk; the room's address names its step (on a reload, the talk's own).
  page.talk = kept ? (speaker ? kept : changeTalk(kept, {step: start}, Date.now())) : newTalk(start, Date.now());
  if (!speaker || !kept) storeTalk();
  setBlanked(page.talk.blanked);
  if (speaker) startClocks();
  page.frame = resized();
  goToStep(page.talk.step, 0);
}

/* The map's description names its keys only where they move it (not while presenting: they step). */
function mapKeysDescribed(described) {
  const figure = document.getElementById("map-figure");
  const ids = figure.getAttribute("aria-describedby").split(" ").filter((id) => id !== "map-keys");
  figure.setAttribute("aria-describedby", [...ids, ...(described ? ["map-keys"] : [])].join(" "));
}

function leavePresenter() {
  if (!page.presenting) return;
  page.presenting = false;
  page.flight++;
  setBlanked(false);
  clearInterval(page.clock);
  // The room's window ends the talk; the speaker view only stops showing it.
  if (!page.speaker) endTalk();
  document.body.classList.remove("presenting", "speaker");
  document.body.removeAttribute("data-step");
  mapKeysDescribed(true);
  announce(`Left the presentation. ${metricStates(page.config, page.controls.source, page.controls.time)[page.controls.metric]?.title ?? ""}`);
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
  showState({presenting: false, highlight: []});
  resized();
}

/* --- the talk, shared by the presenter's windows through localStorage ---- */

/* The talk kept in storage, or null (none, stale, or storage refused by the browser). */
function storedTalk() {
  const {contract, story} = page.config;
  try {
    return readTalk(localStorage.getItem(contract.talkStorageKey), Date.now(), contract.timings.talkExpiryMs, story.length);
  } catch {
    return null;
  }
}

/* Keep the talk, with `change` made, for the other window (told by the storage event) and for a reload.
 * The change is made to the talk as kept: the other window's latest change may not have reached this one yet. */
function storeTalk(change) {
  if (change) page.talk = changeTalk(storedTalk() ?? page.talk, change, Date.now());
  try {
    localStorage.setItem(page.config.contract.talkStorageKey, JSON.stringify(page.talk));
  } catch {
    // Storage refused: this window presents on its own.
  }
}

function endTalk() {
  page.talk = null;
  try {
    localStorage.removeItem(page.config.contract.talkStorageKey);
  } catch {
    // Storage refused: nothing was kept.
  }
}

/* The other window changed the talk: show what it shows. */
function onStorage(event) {
  if (!page.presenting || event.key !== page.config?.contract.talkStorageKey) return;
  const talk = storedTalk();
  if (!talk) return;
  page.talk = talk;
  if (talk.step !== page.step) goToStep(talk.step);
  if (talk.blanked !== page.blanked) setBlanked(talk.blanked);
  if (page.speaker) tickClocks();
}

/* The speaker view's clocks: the talk's elapsed time, the pacing cue, the time of day. */
function tickClocks() {
  if (!page.talk) return;
  const elapsed = elapsedMs(page.talk, Date.now());
  setProps("speaker-elapsed", {children: formatElapsed(elapsed)});
  const cue = pacing(page.config.pacing, page.step, elapsed);
  setProps("speaker-pacing", {children: cue ? ` \u00b7 ${cue.text}` : "", className: `speaker-pacing ${cue?.state ?? ""}`});
  setProps("speaker-time", {children: new Date().toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"})});
}

function startClocks() {
  tickClocks();
  clearInterval(page.clock);
  page.clock = setInterval(tickClocks, page.config.contract.timings.clockTickMs);
}

function goToStep(index, ms) {
  const {story, contract} = page.config;
  const step = story[index];
  const state = stepState(step);
  page.step = index;
  const started = performance.now();
  document.body.removeAttribute("data-step");
  setProps("story-counter", {children: counterText(index, story.length)});
  setProps("story-title", {children: step.title});
  setTitle(step.title);
  announce(stepNews(index, story));
  setProps("story-text", {children: step.text});
  setProps("story-source", {children: step.credit});
  setProps("story-progress-bar", {style: {width: progressWidth(index, story.length)}});
  if (page.speaker) {
    const view = speakerView(story, index);
    setProps("story-notes", {children: view.notes});
    setProps("story-next", {children: view.next});
    tickClocks();
  }
  const shown = {...state, presenting: true};
  showState(shown);
  const address = formatAddress({present: true, step: index, speaker: page.speaker}, page.config);
  writeAddress(window.history, window.location, address, "push");
  Promise.all([settled(shown), page.frame])
    .then(() => (page.step === index && page.presenting ? flyTo(step.extent, ms ?? contract.timings.flightMs) : false))
    .then((arrived) => {
      if (!arrived || page.step !== index || !page.presenting) return;
      window.dandelion.lastStepMs = performance.now() - started;
      return (page.speaker ? drawPreview(index) : Promise.resolve()).finally(() => {
        if (page.step === index && page.presenting) document.body.setAttribute("data-step", step.id);
      });
    });
}

/* The speaker view's picture of the next step: the map this page drew, with
 * the next step's state (modules/patch.mjs, as a render would patch it),
 * drawn still at the preview's size and fitted to the step's extent. */
async function drawPreview(index) {
  const {story, contract} = page.config;
  const box = document.getElementById("speaker-next-map");
  const next = previewStep(index, story.length);
  box.hidden = next === null;
  if (next === null) return;
  const step = story[next];
  const gd = graph();
  const figure = JSON.parse(JSON.stringify({data: gd.data, layout: gd.layout}));
  const outline = outlined({country: null, feature: null}, step.highlight, contract.targets);
  // A map this small takes the phone's small type.
  const state = {...stepState(step), outline, presenting: true, legend: false, phone: true};
  applyPatch(figure, mapPatch(page.config, state, figure.data));
  // The colour scale is the room's to read: the preview gives its width to the map.
  for (const trace of figure.data) if (trace.colorbar) trace.showscale = false;
  const {width, height} = box.getBoundingClientRect();
  const layout = {...figure.layout, width, height, margin: {t: 0, r: 0, b: 0, l: 0}, showlegend: false};
  await window.Plotly.react(box, figure.data, layout, {staticPlot: true});
  await window.Plotly.relayout(box, extentLayout(fitToFrame(step.extent, width, height, layout.geo.projection)));
}

/* The audience's screen goes black (and back); the speaker view says so instead. */
function setBlanked(blanked) {
  page.blanked = blanked;
  document.body.classList.toggle("blanked", blanked && !page.speaker);
  document.body.toggleAttribute("data-blanked", blanked);
}

function openSpeakerView() {
  const address = formatAddress({present: true, step: page.step, speaker: true}, page.config);
  window.open(window.location.pathname + address, "dandelion-speaker", "popup,width=1280,height=800");
}

function doPresenterAction(action) {
  if (action.leave) {
    leavePresenter();
    writeAddress(window.history, window.location, explorerAddress(), "push");
    document.getElementById("present-button")?.focus();
  } else if (action.speaker) {
    openSpeakerView();
  } else if (action.blank) {
    setBlanked(!page.blanked);
    storeTalk({blanked: page.blanked});
  } else {
    goToStep(action.go);
    storeTalk({step: action.go});
  }
}

/* A control that takes keys of its own when focused (Space presses a button). */
const CONTROLS = "button, a[href], input, select, textarea, summary, [role='button'], [contenteditable]";

function onPresenterKey(event) {
  if (!page.presenting || event.altKey || event.ctrlKey || event.metaKey) return;
  const onControl = Boolean(event.target.closest?.(CONTROLS));
  const {story, contract} = page.config;
  const action = presenterAction(event.key, page.step, story.length, contract.keys, onControl, page.speaker);
  // A key of ours that does nothing here (Page Up on the first step) is not the browser's either.
  const ours = action || (!onControl && Object.values(contract.keys).some((keys) => keys.includes(event.key)));
  if (ours) event.preventDefault();
  if (action) doPresenterAction(action);
}

/* Previous, Next and Leave on the step card (for touch, and for a pointer alone);
 * Restart sets the speaker view's timer back to 0:00. */
function onStepButton(event) {
  const button = event.target.closest?.("#story-card [data-step-action], #speaker-restart");
  if (!button || !page.presenting) return;
  if (button.id === "speaker-restart") {
    storeTalk({started: Date.now()});
    tickClocks();
    return;
  }
  const {story, contract} = page.config;
  const action = buttonAction(button.dataset.stepAction, page.step, story.length, contract.keys, page.speaker);
  if (action) doPresenterAction(action);
}

/* A swipe across a touch screen steps, as on a phone or a tablet (presenter.css
 * leaves horizontal gestures to the page: touch-action). */
const touch = {x: 0, y: 0};
function onPointerDown(event) {
  if (event.pointerType !== "touch" || !page.presenting) return;
  touch.x = event.clientX;
  touch.y = event.clientY;
}

function onPointerUp(event) {
  if (event.pointerType !== "touch" || !page.presenting) return;
  const direction = swipeDirection(event.clientX - touch.x, event.clientY - touch.y, page.config.contract.swipeMinPx);
  const target = clampStep(page.step + direction, page.config.story.length);
  if (direction && target !== page.step) doPresenterAction({go: target});
}

/* --- clientside callbacks ------------------------------------------------ */

/* The phone layout drops the map legend (the layer panel's swatches are
 * the legend there); the stylesheet owns that breakpoint. */
function legendShown() {
  return getComputedStyle(document.documentElement).getPropertyValue("--map-legend").trim() !== "off";
}

/* A phone's map takes the phone's small type (the stylesheet owns that breakpoint too). */
function phoneRoom() {
  return getComputedStyle(document.documentElement).getPropertyValue("--map-room").trim() === "phone";
}

/* A map frame too small for the desk's type and legend (a laptop zoomed to 150%, a small window) is
 * drawn as a phone's: small type, and the layer list as its legend (WCAG 1.4.4: no label covers another). */
function smallFrame() {
  const {width, height} = document.getElementById("map-frame").getBoundingClientRect();
  const least = page.config.contract.deskMapLeastPx;
  return width < least.width || height < least.height;
}

/* How the map is drawn in the room it has: with a legend or not, in a phone's type or not, and the
 * reader's text spacing. `key` tells whether the room has changed since the last draw. */
function mapRoom() {
  const small = smallFrame();
  const text = textRoom();
  const legend = legendShown() && !small;
  const phone = phoneRoom() || small;
  return {legend, phone, text, key: `${legend} ${phone} ${text.spacing}`};
}

/* The map's type as the reader has it: widths of text (px) in the map's font at a size, with the
 * letter and word spacing the reader's style sheet may add (WCAG 1.4.12), and whether it adds any. */
function textRoom() {
  const gd = graph();
  const style = getComputedStyle(gd);
  const fontSize = parseFloat(style.fontSize);
  // Spacing set in em is the map's em here; each text of the map has it at its own size.
  const em = (value) => (value === "normal" ? 0 : parseFloat(value) / fontSize);
  const letters = em(style.letterSpacing);
  const words = em(style.wordSpacing);
  const family = gd._fullLayout?.font?.family ?? style.fontFamily;
  page.measuring ??= document.createElement("canvas").getContext("2d");
  const context = page.measuring;
  return {
    spaced: letters > 0 || words > 0,
    spacing: `${letters} ${words}`,
    width(text, size) {
      context.font = `${size}px ${family}`;
      context.letterSpacing = `${letters * size}px`;
      context.wordSpacing = `${words * size}px`;
      return context.measureText(text).width;
    },
  };
}

function render(metric, country, feature, view, highlight, presenting, ...rest) {
  const figure = rest.pop();
  const time = rest.pop();
  const source = rest.pop();
  const noUpdate = window.dash_clientside.no_update;
  // Before start() the figure is the one the page was sent: nothing to patch.
  if (!page.rendered) return [noUpdate, noUpdate, noUpdate];
  const config = page.config;
  const changed = (window.dash_clientside.callback_context.triggered || []).map((t) => t.prop_id.split(".")[0]);
  const selection = resolveSelection(changed, country, feature);
  const layers = rest.flatMap((values) => values || []);
  showChoices({metric, source, time, view, layers, ...selection});
  const chosen = page.rendered && (page.rendered.source !== source || page.rendered.time !== time);
  if (chosen) showTable(source, time);
  const state = {metric, source, time, outline: outlined(selection, highlight, config.contract.targets), layers, presenting,
    ...mapRoom()};
  page.room = state.key;
  document.body.classList.toggle("text-spaced", state.text.spaced);
  const assignments = mapPatch(config, state, figure.data);
  markTableMetric(metric);
  if (!assignments) return [noUpdate, noUpdate, noUpdate, noUpdate];
  if (changed.includes("view") && config.views[view] && !page.presenting && !page.applying) {
    page.extent = null;
    assignments.push(...extentPatch(fitted(config.views[view]), view));
  }
  const patch = new window.dash_clientside.Patch();
  for (const [path, value] of assignments) patch.assign(path, value);
  page.drawsAwaited = page.draws + 1;
  page.rendered = {metric, source, time, layers, view, highlight: highlight || [], presenting: Boolean(presenting), ...selection};
  page.controls = {...page.rendered};
  afterRender();
  if (!page.applying && !page.presenting) writeAddress(window.history, window.location, explorerAddress(), "push");
  if (!page.presenting) setTitle(config.metrics[metric].title);
  const news = !page.presenting && mapNews(changed, metricStates(config, source, time), {metric, ...selection}, config.placeNews);
  if (news) announce(news);
  const {title, subtitle, description} = metricStates(config, source, time)[metric];
  return [patch.build(), title, subtitle, description];
}

function showPanel(country, feature) {
  const noUpdate = window.dash_clientside.no_update;
  if (!page.config) return [noUpdate, noUpdate, noUpdate];
  const {panels, contract} = page.config;
  const changed = (window.dash_clientside.callback_context.triggered || []).map((t) => t.prop_id.split(".")[0]);
  const selection = resolveSelection(changed, country, feature);
  const key = panelKey(selection, contract.targets, contract.overview);
  if (!page.presenting) showPanelSheet(phoneRoom() && key !== contract.overview && key in panels);
  return [
    panels[key] ?? panels[contract.overview],
    selection.country !== (country ?? null) ? selection.country : noUpdate,
    selection.feature !== (feature ?? null) ? selection.feature : noUpdate,
  ];
}

function selectFromMap(clickData) {
  const noUpdate = window.dash_clientside.no_update;
  const selection = selectionFromClick(clickData?.points?.[0], page.config.maghreb);
  return selection ? [selection.country, selection.feature] : [noUpdate, noUpdate];
}

function focusText(country, feature) {
  if (!page.config) return window.dash_clientside.no_update;
  const {targets} = page.config.contract;
  const target = feature ? targets.feature + feature : country ? targets.country + country : null;
  for (const element of document.querySelectorAll("#briefing-text .is-current")) {
    element.classList.remove("is-current");
    element.removeAttribute("aria-current");
  }
  if (!target) return null;
  const marks = document.querySelectorAll(`#briefing-text [data-target="${CSS.escape(target)}"]`);
  for (const mark of marks) {
    mark.classList.add("is-current");
    mark.setAttribute("aria-current", "true"); // the highlight, for assistive technology too
    mark.parentElement.classList.add("is-current");
  }
  if (marks.length) {
    // Only the text scrolls, not the page: on a phone the text is under the map, which stays in view.
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const text = document.getElementById("briefing-text");
    const [box, at] = [text.getBoundingClientRect(), marks[0].getBoundingClientRect()];
    text.scrollBy({top: at.top - box.top - (box.height - at.height) / 2, behavior: smooth ? "smooth" : "auto"});
  }
  return target;
}

/* The map's area shows the map or the table (the "Show as" choice); the
 * reader's choice goes into the link. */
function showDisplay(display) {
  const table = display === "table";
  checkChoices({display});
  const chosen = display !== page.display;
  page.display = display;
  if (chosen && !page.applying && !page.presenting) writeAddress(window.history, window.location, explorerAddress(), "push");
  return [table ? "map-frame showing-table" : "map-frame", !table];
}

function toggleSidePanel(clicks) {
  const hidden = clicks % 2 === 1;
  return [hidden ? "content side-hidden" : "content", hidden ? "Show panel" : "Hide panel", String(!hidden)];
}

window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.dandelion = {showDisplay, showPanel, render, selectFromMap, focusText, toggleSidePanel};
// Dash starts once its callbacks are here (dashboard/app.py, DandelionDash.renderer).
window.dandelionCallbacks = true;
window.dandelionStartDash?.();

/* --- listeners ------------------------------------------------------------ */

/* A marked word in the text, or a place in the list of places, selects what it names. */
function onMark(event) {
  const mark = event.target.closest?.("#briefing-text mark[data-target], #places button[data-target]");
  if (!mark || (event.type === "keydown" && (mark.tagName === "BUTTON" || (event.key !== "Enter" && event.key !== " ")))) {
    return;
  }
  event.preventDefault();
  const selection = selectionOf(mark.getAttribute("data-target"), page.config.contract.targets);
  setProps("country", {data: selection.country});
  setProps("feature", {data: selection.feature});
}

/* --- popups: Escape, a click or the focus outside close them ------------------ */

function showHoverBox(shown) {
  if (shown) page.hoverDismissed = null;
  // On the body: React owns the map's own class.
  document.body.classList.toggle("hover-dismissed", !shown);
}

/* plotly's hover box shows what a click on the place shows in the side
 * panel; Escape dismisses it (WCAG 1.4.13). */
function dismissHoverBox(event) {
  if (event.key !== "Escape" || !page.hovered) return;
  const dismissed = page.hovered;
  window.Plotly.Fx.unhover(graph()); // tells plotly_unhover, which forgets the place
  page.hoverDismissed = dismissed;
  showHoverBox(false);
}

/* plotly shows the box of whatever is under the pointer, so a reader moving
 * onto the box (or on the way to it) would see another place's: those moves
 * are kept from plotly (WCAG 1.4.13, hoverable). A capturing listener on the
 * map, so that plotly's own, further in, never hears them. */
function holdHoverBox(event) {
  const box = page.hovered ? graph().querySelector(".hoverlayer .hovertext") : null;
  const point = [event.clientX, event.clientY];
  if (box && page.hoverFrom && holdsHover(page.hoverFrom, box.getBoundingClientRect(), point)) {
    event.stopPropagation();
    return;
  }
  page.hoverFrom = point;
}

/* The phone's Controls sheet: the controls' column, whatever it holds, over the
 * page, which is inert meanwhile; closed, the focus goes back to its button. */
function openControls() {
  const sheet = document.getElementById("controls");
  document.body.classList.add("controls-open");
  sheet.setAttribute("role", "dialog");
  sheet.setAttribute("aria-modal", "true");
  for (const element of sheet.parentElement.children) element.inert = element !== sheet;
  document.getElementById("controls-button").setAttribute("aria-expanded", "true");
  (sheet.querySelector("[data-choice] input:checked") || sheet.querySelector("input, select"))?.focus();
}

function closeControls() {
  const sheet = document.getElementById("controls");
  if (!document.body.classList.contains("controls-open")) return;
  document.body.classList.remove("controls-open");
  sheet.removeAttribute("role");
  sheet.removeAttribute("aria-modal");
  for (const element of sheet.parentElement.children) element.inert = false;
  const button = document.getElementById("controls-button");
  button.setAttribute("aria-expanded", "false");
  button.focus();
}

/* On a phone the side panel opens as a sheet over the map when something is
 * selected; closed, it is back in its place under the map. */
function showPanelSheet(open) {
  const body = document.body;
  if (open && !body.classList.contains("panel-sheet")) {
    const focused = document.activeElement;
    page.panelReturn = focused && focused !== body && !focused.closest("#country-panel") ? focused : null;
  }
  body.classList.toggle("panel-sheet", open);
}

function closePanelSheet(returnFocus) {
  if (!document.body.classList.contains("panel-sheet")) return;
  showPanelSheet(false);
  if (!returnFocus) return;
  const back = page.panelReturn?.isConnected && page.panelReturn.checkVisibility() ? page.panelReturn : null;
  (back || document.getElementById("map-figure")).focus();
}

function onPopupEvent(event) {
  const {type, key, target} = event;
  const menu = document.getElementById("download");
  if (menu?.open && dismisses(type, key, menu.contains(target))) {
    menu.open = false;
    if (type === "keydown") menu.querySelector("summary").focus();
  }
  if (document.body.classList.contains("controls-open")) {
    const inside = target.closest?.("#controls, #controls-button");
    if (type !== "focusin" && dismisses(type, key, Boolean(inside))) closeControls();
    return; // the sheet is modal: nothing else takes this key or click
  }
  // The Controls sheet, over it, choose what it shows: closing that one (Done, the focus back on
  // its button) leaves this one open.
  const ownsPanel = Boolean(target.closest?.("#country-panel, #controls, #controls-button"));
  if (document.body.classList.contains("panel-sheet") && dismisses(type, key, ownsPanel)) {
    closePanelSheet(type === "keydown");
    return;
  }
  if (type === "keydown") dismissHoverBox(event);
}

function say(text) {
  document.getElementById("link-status").textContent = text;
}

/* Save a URL (data: or blob:) as a file, as a link with a download name would. */
function save(url, name) {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/* The map as the reader sees it, framed with title, credit and legend, as
 * an image file: drawn off screen at the kind's size, its labels placed by
 * the page's own code (modules/arrange.mjs), and that drawing serialised
 * (a PNG is the SVG rasterised at the kind's scale). Drawn twice: the credit
 * goes under the legend, whose height only plotly knows once it has drawn it. */
async function drawImage(kindId) {
  const {images, contract, labels} = page.config;
  const kind = images.kinds[kindId];
  const metrics = metricStates(page.config, page.rendered.source, page.rendered.time);
  const gd = graph();
  const screen = {width: gd._fullLayout.width, height: gd._fullLayout.height};
  const size = imageSize(kind, screen, images.minSize);
  const metric = page.rendered.metric;
  const shown = JSON.parse(JSON.stringify({data: gd.data, layout: gd.layout}));
  if (kind.presenting) {
    const {highlight, ...rendered} = page.rendered;
    const state = {...rendered, outline: outlined(rendered, highlight, contract.targets), presenting: true,
      legend: true, phone: false};
    applyPatch(shown, mapPatch(page.config, state, shown.data));
  }
  const scratch = document.createElement("div");
  scratch.style.cssText = `position: fixed; left: -${size.width + 100}px; top: 0; width: ${size.width}px;`;
  document.body.appendChild(scratch);
  let svg;
  try {
    const seen = visibleExtent();
    const first = imageFigure(shown, metrics[metric], size, kind.frame, seen);
    await window.Plotly.newPlot(scratch, first.data, first.layout, {staticPlot: true});
    const legendHeight = Math.ceil(scratch._fullLayout.legend?._height || 0);
    const framed = imageFigure(shown, metrics[metric], size, kind.frame, seen, legendHeight);
    await window.Plotly.react(scratch, framed.data, framed.layout, {staticPlot: true});
    const pixelAt = await unlabelledMap(scratch).catch(() => () => null);
    inkInline(placeLabelsOn(scratch, pixelAt, {parts: contract.parts, rule: labels}));
    svg = window.Plotly.Snapshot.toSVG(scratch, size.format, size.scale);
  } finally {
    // At once, before the page styles it again: toSVG leaves the scratch's styles written for the file
    // (fonts and gradients as "TOBESTRIPPED..."), which the page would take for addresses to fetch.
    window.Plotly.purge(scratch);
    scratch.remove();
  }
  const url = size.format === "svg"
    ? `data:image/svg+xml,${encodeURIComponent(svg)}`
    : await window.Plotly.Snapshot.svgToImg({svg, format: size.format, width: size.width, height: size.height,
      scale: size.scale, canvas: document.createElement("canvas"), promise: true});
  return {url, name: imageFileName(metric, kindId, size.format)};
}

function downloadImage(kindId) {
  say(page.config.images.messages.drawing);
  return drawImage(kindId).then(
    ({url, name}) => {
      save(url, name);
      say(page.config.images.messages.saved + name);
    },
    (error) => say(page.config.images.messages.failed + error),
  );
}

function onButton(event) {
  const image = event.target.closest?.("#download [data-image]");
  if (image) {
    const menu = image.closest("details");
    menu.open = false;
    menu.querySelector("summary").focus(); // not <body>: the item pressed is out of sight
    downloadImage(image.getAttribute("data-image"));
    return;
  }
  if (event.target.closest?.("#data-notice button")) {
    window.location.reload();
    return;
  }
  const sheet = event.target.closest?.("#controls-button, #controls-done, #panel-close");
  if (sheet) {
    if (sheet.id === "controls-button") openControls();
    else if (sheet.id === "controls-done") closeControls();
    else closePanelSheet(true);
    return;
  }
  const zoom = event.target.closest?.(".map-zoom [data-zoom]");
  if (zoom) {
    zoomMap(zoom.dataset.zoom);
    return;
  }
  const button = event.target.closest?.("#present-button, #copy-link, #speaker-button, #copy-embed");
  if (!button) return;
  if (button.id === "copy-embed") {
    copyText(document.getElementById("embed-code").value, "Embed code copied");
    return;
  }
  if (button.id === "present-button") {
    enterPresenter(0, false, false);
    return;
  }
  if (button.id === "speaker-button") {
    openSpeakerView();
    return;
  }
  copyText(location.href, "Link copied");
}

/* Copy to the clipboard where the browser allows it; else show the text to copy by hand. */
function copyText(text, done) {
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => say(done), () => say(text));
  } else {
    say(text);
  }
}

/* The Download menu opened: its embed code names the view the reader sees now. */
function onMenuToggle(event) {
  if (event.target.id !== "download" || !event.target.open) return;
  const {embed, metrics} = page.config;
  const src = new URL(window.location.pathname + explorerAddress(), window.location.href).href;
  const title = metrics[page.rendered.metric].title + page.config.titleSuffix;
  document.getElementById("embed-code").value = embedCode(src, title, window.location.origin, embed);
}

/* In another site's frame: tell the host page the height the map asks for at the frame's width. */
function tellHostHeight() {
  if (window.parent === window) return;
  window.parent.postMessage(heightMessage(document.documentElement.clientWidth, page.config.embed), "*");
}

function start() {
  const gd = graph();
  gd.on("plotly_afterplot", () => {
    page.draws += 1;
    fitLegendRoom(gd);
    // Several draws in one frame (a zoom by the wheel) are placed once.
    if (page.arranging) return;
    page.arranging = true;
    requestAnimationFrame(() => {
      page.arranging = false;
      arrangeLabels();
    });
  });
  arrangeLabels();
  // The map is one image, named and described (#map-figure): plotly's SVG pieces, and the SVG it
  // measures text in, are not read out one by one.
  document.getElementById("map").setAttribute("aria-hidden", "true");
  document.getElementById("js-plotly-tester")?.setAttribute("aria-hidden", "true");
  // The first map is drawn with its legend; a phone, or a small frame, shows the layer list instead:
  // a render (which patches the figure Dash holds) takes the legend away.
  if (!mapRoom().legend) {
    page.drawsAwaited = page.draws + 1;
    setProps("presenting", {data: false});
  }
  gd.addEventListener("mousemove", holdHoverBox, true);
  gd.on("plotly_hover", (event) => {
    const point = event.points?.[0];
    page.hovered = point ? `${point.curveNumber} ${point.pointNumber}` : null;
    // Dismissed, the box stays away until the pointer reaches another place.
    if (page.hoverDismissed !== page.hovered) showHoverBox(true);
  });
  gd.on("plotly_unhover", () => {
    page.hovered = null;
    showHoverBox(true);
  });
  gd.on("plotly_relayout", (update) => {
    // Zoom and pan by the reader (not our own fitting) go into the link.
    if (page.applying || page.presenting || update["geo.lonaxis.range"]) return;
    if (!("geo.projection.scale" in update || "geo.center.lon" in update)) return;
    page.extent = visibleExtent();
    writeAddress(window.history, window.location, explorerAddress(), "replace");
  });
  window.addEventListener("popstate", () => applyAddress(window.location.search));
  // A reader's style sheet may space the text at any time (WCAG 1.4.12), a window be made smaller: the map
  // is drawn again for its room.
  const redraw = () => {
    // The control last set (a step on its way has set it; the map may not show it yet).
    if (mapRoom().key !== page.room) setProps("presenting", {data: page.controls.presenting});
  };
  new MutationObserver(redraw).observe(document.head, {childList: true, subtree: true, characterData: true});
  new MutationObserver(redraw).observe(document.documentElement, {attributes: true, attributeFilter: ["style"]});
  tellHostHeight();
  window.addEventListener("resize", tellHostHeight);
  let resizing = null;
  window.addEventListener("resize", () => {
    // The sheets are the phone's: a screen grown past its breakpoint shows the page as it lays it out.
    if (!phoneRoom()) {
      closeControls();
      showPanelSheet(false);
    }
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      redraw();
      if (page.extent || page.applying) return; // keep the reader's own extent
      const {story, views} = page.config;
      flyTo(page.presenting ? story[page.step].extent : views[page.rendered.view], 0);
      if (page.speaker && page.presenting) drawPreview(page.step);
    }, page.config.contract.timings.resizeSettleMs);
  });
  applyAddress(startAddress).then(revealWhenPlaced, revealWhenPlaced);
  watchData();
}

/* Served with --watch, the page says when the data has problems (the map keeps the last good data) and
 * offers new data once it is in place; anywhere else (a static host, a file) the status is not there. */
async function watchData() {
  if (!page.config.dataStatusPath) return;
  let status;
  try {
    const response = await fetch(page.config.dataStatusPath, {cache: "no-store"});
    if (!response.ok) return;
    status = await response.json();
  } catch {
    return;
  }
  const notice = dataNotice(status, page.config.dataVersion, page.config.dataNotices);
  const element = document.getElementById("data-notice");
  element.hidden = !notice;
  if (notice) {
    element.querySelector(".data-notice-text").textContent = notice.text;
    element.querySelector("button").hidden = !notice.reload;
  }
  setTimeout(watchData, page.config.contract.timings.dataPollMs);
}

/* The first paint (dashboard/firstpaint.py) gives way once the live map shows
 * what the address names, its labels placed: the live page, laid out the same
 * behind it, is then seen in its place. */
function revealWhenPlaced() {
  if (window.dandelion.labelsPlaced) {
    document.querySelector(".first-paint")?.remove();
  } else {
    requestAnimationFrame(revealWhenPlaced);
  }
}

/* The page is Dash's to build: start once the map and the config are in it. */
function whenReady() {
  const gd = graph();
  const script = document.getElementById("dandelion-config");
  // plotly draws the map once the base map has arrived (an asynchronous fetch): a patch
  // before that was drawn over by the first draw, in the type it replaced.
  const drawn = gd?.querySelector(".geo .layer.land path");
  if (!(script && drawn && window.dash_clientside?.set_props)) {
    requestAnimationFrame(whenReady);
    return;
  }
  page.config = JSON.parse(script.textContent);
  page.rendered = {...defaultState(page.config), highlight: [], presenting: false};
  delete page.rendered.present;
  delete page.rendered.extent;
  page.controls = {...page.rendered};
  page.display = page.config.defaults.display;
  buildChoices();
  showChoices(page.rendered);
  // Dash showed the display before the inputs were built: check its choice now.
  checkChoices({display: page.display});
  markTableMetric(page.rendered.metric);
  start();
}

document.addEventListener("keydown", onPresenterKey);
document.addEventListener("click", onStepButton);
window.addEventListener("storage", onStorage);
document.addEventListener("pointerdown", onPointerDown);
document.addEventListener("pointerup", onPointerUp);
document.addEventListener("keydown", onMark);
document.addEventListener("click", onMark);
document.addEventListener("click", onButton);
document.addEventListener("toggle", onMenuToggle, true);
document.addEventListener("change", onChoice);
document.addEventListener("click", onStepChoice);
document.addEventListener("click", onSort);
document.addEventListener("click", onSkip);
document.addEventListener("keydown", onMapKey);
for (const type of ["keydown", "click", "focusin"]) document.addEventListener(type, onPopupEvent);
document.addEventListener("fullscreenchange", () => {
  if (!document.fullscreenElement && page.presenting && page.hadFullscreen) {
    leavePresenter();
    writeAddress(window.history, window.location, explorerAddress(), "push");
  }
  page.hadFullscreen = Boolean(document.fullscreenElement);
});

// For tests and the benchmark: what the page shows, read-only.
window.dandelion = {
  visibleExtent,
  // Have the labels been placed on plotly's latest draw, which shows the latest patch?
  // (Not while the frame has a new size: plotly redraws at it, the labels as it first puts them.)
  get labelsPlaced() {
    return page.labelsPlacedOn === page.draws && page.draws >= page.drawsAwaited && !page.flying
      && labelsAsDrawn(graph()) === page.labelsDrawn && window.dandelion_components.drawnAtSize(graph());
  },
  // How long placing the labels last took (ms), for the benchmark.
  get labelsMs() {
    return page.labelsMs;
  },
  get applying() {
    return page.applying;
  },
  get step() {
    return page.presenting ? page.step : null;
  },
  get blanked() {
    return page.blanked;
  },
};
whenReady();
