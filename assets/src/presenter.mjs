/* Presenter mode: steps from story.yaml, keyboard, buttons, swipes, full screen. */
import {stepNews} from "../modules/news.mjs";
import {metricStates} from "../modules/patch.mjs";
import {
  buttonAction, clampStep, counterText, presenterAction, progressWidth, speakerView, stepState, swipeDirection,
} from "../modules/presenter.mjs";
import {changeTalk, newTalk} from "../modules/talk.mjs";
import {formatAddress, writeAddress} from "../modules/url.mjs";
import {announce, setTitle, setProps, settled, explorerAddress, showState} from "./page.mjs";
import {flyTo, resized} from "./map.mjs";
import {storedTalk, storeTalk, endTalk} from "./talk.mjs";
import {tickClocks, startClocks, drawPreview, openSpeakerView} from "./speaker.mjs";
import {showPanelSheet} from "./controls.mjs";

/* Start presenting at step `index`; `resume` carries on the talk the other
 * window (or this one, before a reload) keeps, blanked or not, its timer
 * running; without, or with none kept, a new talk starts. */
export function enterPresenter(page, index, speaker = false, resume = true) {
  page.presenting = true;
  page.speaker = speaker;
  setProps("display", {data: "map"});
  showPanelSheet(page, false);
  document.body.classList.add("presenting");
  document.body.classList.toggle("speaker", speaker);
  // The step's card has the focus (not <body>): the keys step, and a screen reader is in the slide.
  document.getElementById("story-card").focus();
  mapKeysDescribed(false);
  const root = document.documentElement;
  if (!speaker && root.requestFullscreen && !document.fullscreenElement) root.requestFullscreen().catch(() => {});
  const kept = resume ? storedTalk(page) : null;
  const start = clampStep(index, page.config.story.length);
  // The speaker view follows the talk; the room's address names its step (on a reload, the talk's own).
  page.talk = kept ? (speaker ? kept : changeTalk(kept, {step: start}, Date.now())) : newTalk(start, Date.now());
  if (!speaker || !kept) storeTalk(page);
  setBlanked(page, page.talk.blanked);
  if (speaker) startClocks(page);
  page.frame = resized();
  goToStep(page, page.talk.step, 0);
}

/* The map's description names its keys only where they move it (not while presenting: they step). */
function mapKeysDescribed(described) {
  const figure = document.getElementById("map-figure");
  const ids = figure.getAttribute("aria-describedby").split(" ").filter((id) => id !== "map-keys");
  figure.setAttribute("aria-describedby", [...ids, ...(described ? ["map-keys"] : [])].join(" "));
}

export function leavePresenter(page) {
  if (!page.presenting) return;
  page.presenting = false;
  page.flight++;
  setBlanked(page, false);
  clearInterval(page.clock);
  // The room's window ends the talk; the speaker view only stops showing it.
  if (!page.speaker) endTalk(page);
  document.body.classList.remove("presenting", "speaker");
  document.body.removeAttribute("data-step");
  mapKeysDescribed(true);
  announce(`Left the presentation. ${metricStates(page.config, page.controls.source, page.controls.time)[page.controls.metric]?.title ?? ""}`);
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
  showState(page, {presenting: false, highlight: []});
  resized();
}

/* The other window changed the talk: show what it shows. */
export function onStorage(page, event) {
  if (!page.presenting || event.key !== page.config?.contract.talkStorageKey) return;
  const talk = storedTalk(page);
  if (!talk) return;
  page.talk = talk;
  if (talk.step !== page.step) goToStep(page, talk.step);
  if (talk.blanked !== page.blanked) setBlanked(page, talk.blanked);
  if (page.speaker) tickClocks(page);
}

function goToStep(page, index, ms) {
  const {story, contract} = page.config;
  const step = story[index];
  const state = stepState(step);
  page.step = index;
  const started = performance.now();
  document.body.removeAttribute("data-step");
  setProps("story-counter", {children: counterText(index, story.length)});
  setProps("story-title", {children: step.title});
  setTitle(page, step.title);
  announce(stepNews(index, story));
  setProps("story-text", {children: step.text});
  setProps("story-source", {children: step.credit});
  setProps("story-progress-bar", {style: {width: progressWidth(index, story.length)}});
  if (page.speaker) {
    const view = speakerView(story, index);
    setProps("story-notes", {children: view.notes});
    setProps("story-next", {children: view.next});
    tickClocks(page);
  }
  const shown = {...state, presenting: true};
  showState(page, shown);
  const address = formatAddress({present: true, step: index, speaker: page.speaker}, page.config);
  writeAddress(window.history, window.location, address, "push");
  Promise.all([settled(page, shown), page.frame])
    .then(() => (page.step === index && page.presenting ? flyTo(page, step.extent, ms ?? contract.timings.flightMs) : false))
    .then((arrived) => {
      if (!arrived || page.step !== index || !page.presenting) return;
      window.dandelion.lastStepMs = performance.now() - started;
      return (page.speaker ? drawPreview(page, index) : Promise.resolve()).finally(() => {
        if (page.step === index && page.presenting) document.body.setAttribute("data-step", step.id);
      });
    });
}

/* The audience's screen goes black (and back); the speaker view says so instead. */
function setBlanked(page, blanked) {
  page.blanked = blanked;
  document.body.classList.toggle("blanked", blanked && !page.speaker);
  document.body.toggleAttribute("data-blanked", blanked);
}

function doPresenterAction(page, action) {
  if (action.leave) {
    leavePresenter(page);
    writeAddress(window.history, window.location, explorerAddress(page), "push");
    document.getElementById("present-button")?.focus();
  } else if (action.speaker) {
    openSpeakerView(page);
  } else if (action.blank) {
    setBlanked(page, !page.blanked);
    storeTalk(page, {blanked: page.blanked});
  } else {
    goToStep(page, action.go);
    storeTalk(page, {step: action.go});
  }
}

/* A control that takes keys of its own when focused (Space presses a button). */
const CONTROLS = "button, a[href], input, select, textarea, summary, [role='button'], [contenteditable]";

export function onPresenterKey(page, event) {
  if (!page.presenting || event.altKey || event.ctrlKey || event.metaKey) return;
  const onControl = Boolean(event.target.closest?.(CONTROLS));
  const {story, contract} = page.config;
  const action = presenterAction(event.key, page.step, story.length, contract.keys, onControl, page.speaker);
  // A key of ours that does nothing here (Page Up on the first step) is not the browser's either.
  const ours = action || (!onControl && Object.values(contract.keys).some((keys) => keys.includes(event.key)));
  if (ours) event.preventDefault();
  if (action) doPresenterAction(page, action);
}

/* Previous, Next and Leave on the step card (for touch, and for a pointer alone);
 * Restart sets the speaker view's timer back to 0:00. */
export function onStepButton(page, event) {
  const button = event.target.closest?.("#story-card [data-step-action], #speaker-restart");
  if (!button || !page.presenting) return;
  if (button.id === "speaker-restart") {
    storeTalk(page, {started: Date.now()});
    tickClocks(page);
    return;
  }
  const {story, contract} = page.config;
  const action = buttonAction(button.dataset.stepAction, page.step, story.length, contract.keys, page.speaker);
  if (action) doPresenterAction(page, action);
}

export function onPointerDown(page, event) {
  if (event.pointerType !== "touch" || !page.presenting) return;
  page.touch.x = event.clientX;
  page.touch.y = event.clientY;
}

export function onPointerUp(page, event) {
  if (event.pointerType !== "touch" || !page.presenting) return;
  const direction = swipeDirection(event.clientX - page.touch.x, event.clientY - page.touch.y, page.config.contract.swipeMinPx);
  const target = clampStep(page.step + direction, page.config.story.length);
  if (direction && target !== page.step) doPresenterAction(page, {go: target});
}
