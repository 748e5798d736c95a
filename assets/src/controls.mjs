/* The controls: native inputs in fieldsets, values in Dash stores; skip links, marked words;
 * the phone's sheets, and the popups Escape, a click or the focus outside close. */
import {groupValue, isChecked} from "../modules/choices.mjs";
import {dismisses} from "../modules/dismiss.mjs";
import {selectionOf} from "../modules/selection.mjs";
import {setProps} from "./page.mjs";
import {dismissHoverBox} from "./hover.mjs";

/* Check the inputs of each group in `values` ({group: value}) that match its value; a menu shows it. */
export function checkChoices(values) {
  for (const [group, current] of Object.entries(values)) {
    const fieldset = document.querySelector(`[data-choice="${CSS.escape(group)}"]`);
    const select = fieldset?.querySelector("select");
    if (select && current != null) select.value = current;
    for (const input of fieldset?.querySelectorAll("input") ?? []) input.checked = isChecked(input.value, current);
  }
}

/* Check the inputs that match a map state. */
export function showChoices(page, state) {
  const values = {metric: state.metric, source: state.source, time: state.time, country: state.country, view: state.view};
  for (const group of Object.keys(page.config.layerGroups)) values["layers-" + group] = state.layers;
  checkChoices(values);
}

export function onChoice(event) {
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
export function onStepChoice(event) {
  const button = event.target.closest?.("[data-choice] button[data-step]");
  if (!button) return;
  const fieldset = button.closest("[data-choice]");
  const select = fieldset.querySelector("select");
  const index = select.selectedIndex + Number(button.dataset.step);
  if (index < 0 || index >= select.options.length) return;
  select.selectedIndex = index;
  setProps(fieldset.dataset.choice, {data: select.value});
}

/* A skip link shows the map or the table and puts the focus on it. */
export function onSkip(event) {
  const link = event.target.closest?.("a.skip-link");
  if (!link) return;
  event.preventDefault();
  const target = document.querySelector(link.getAttribute("href"));
  setProps("display", {data: target.id === "table-frame" ? "table" : "map"});
  const focus = () => (target.hidden ? requestAnimationFrame(focus) : target.focus());
  focus();
}

/* A marked word in the text, or a place in the list of places, selects what it names. */
export function onMark(page, event) {
  const mark = event.target.closest?.("#briefing-text mark[data-target], #places button[data-target]");
  if (!mark || (event.type === "keydown" && (mark.tagName === "BUTTON" || (event.key !== "Enter" && event.key !== " ")))) {
    return;
  }
  event.preventDefault();
  const selection = selectionOf(mark.getAttribute("data-target"), page.config.contract.targets);
  setProps("country", {data: selection.country});
  setProps("feature", {data: selection.feature});
}

/* The phone's Controls sheet: the controls' column, whatever it holds, over the
 * page, which is inert meanwhile; closed, the focus goes back to its button. */
export function openControls() {
  const sheet = document.getElementById("controls");
  document.body.classList.add("controls-open");
  sheet.setAttribute("role", "dialog");
  sheet.setAttribute("aria-modal", "true");
  for (const element of sheet.parentElement.children) element.inert = element !== sheet;
  document.getElementById("controls-button").setAttribute("aria-expanded", "true");
  (sheet.querySelector("[data-choice] input:checked") || sheet.querySelector("input, select"))?.focus();
}

export function closeControls() {
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
export function showPanelSheet(page, open) {
  const body = document.body;
  if (open && !body.classList.contains("panel-sheet")) {
    const focused = document.activeElement;
    page.panelReturn = focused && focused !== body && !focused.closest("#country-panel") ? focused : null;
  }
  body.classList.toggle("panel-sheet", open);
}

export function closePanelSheet(page, returnFocus) {
  if (!document.body.classList.contains("panel-sheet")) return;
  showPanelSheet(page, false);
  if (!returnFocus) return;
  const back = page.panelReturn?.isConnected && page.panelReturn.checkVisibility() ? page.panelReturn : null;
  (back || document.getElementById("map-figure")).focus();
}

export function onPopupEvent(page, event) {
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
    closePanelSheet(page, type === "keydown");
    return;
  }
  if (type === "keydown") dismissHoverBox(page, event);
}
