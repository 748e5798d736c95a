/* The speaker view (?speaker=1): its clocks, the next step's map, and the window that shows it. */
import {applyPatch, mapPatch} from "../modules/patch.mjs";
import {formatElapsed, previewStep, stepState} from "../modules/presenter.mjs";
import {outlined} from "../modules/selection.mjs";
import {elapsedMs, pacing} from "../modules/talk.mjs";
import {formatAddress} from "../modules/url.mjs";
import {fitToFrame, extentLayout} from "../modules/view.mjs";
import {graph, setProps} from "./page.mjs";

/* The speaker view's clocks: the talk's elapsed time, the pacing cue, the time of day. */
export function tickClocks(page) {
  if (!page.talk) return;
  const elapsed = elapsedMs(page.talk, Date.now());
  setProps("speaker-elapsed", {children: formatElapsed(elapsed)});
  const cue = pacing(page.config.pacing, page.step, elapsed);
  setProps("speaker-pacing", {children: cue ? ` \u00b7 ${cue.text}` : "", className: `speaker-pacing ${cue?.state ?? ""}`});
  setProps("speaker-time", {children: new Date().toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"})});
}

export function startClocks(page) {
  tickClocks(page);
  clearInterval(page.clock);
  page.clock = setInterval(() => tickClocks(page), page.config.contract.timings.clockTickMs);
}

/* The speaker view's picture of the next step: the map this page drew, with
 * the next step's state (modules/patch.mjs, as a render would patch it),
 * drawn still at the preview's size and fitted to the step's extent. */
export async function drawPreview(page, index) {
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

export function openSpeakerView(page) {
  const address = formatAddress({present: true, step: page.step, speaker: true}, page.config);
  window.open(window.location.pathname + address, "dandelion-speaker", "popup,width=1280,height=800");
}
