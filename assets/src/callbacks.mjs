/* Clientside callbacks (dashboard/page/callbacks.py wires them; none runs on a server), each given the page's state:
 * - showPanel: the side panel for what is selected, from the panels Python rendered;
 * - render: the map state -> one Patch of the figure the page has;
 * - selectFromMap: a click on a state or a layer feature selects it;
 * - focusText: scroll the briefing's text to what is selected and mark it;
 * - showDisplay: the map or the table in the map's area;
 * - toggleSidePanel: collapse the side panel to give the map room. */
import {mapNews} from "../modules/news.mjs";
import {extentPatch, mapPatch, metricStates} from "../modules/patch.mjs";
import {changedIds, resolveSelection, outlined, panelKey, selectionFromClick} from "../modules/selection.mjs";
import {writeAddress} from "../modules/url.mjs";
import {announce, setTitle, afterRender, explorerAddress} from "./page.mjs";
import {fitted, fittedInRoom, mapRoom, phoneRoom} from "./map.mjs";
import {checkChoices, showChoices, showPanelSheet} from "./controls.mjs";
import {showTable, markTableMetric} from "./table.mjs";

function render(page, metric, country, feature, view, highlight, presenting, ...rest) {
  const figure = rest.pop();
  const time = rest.pop();
  const source = rest.pop();
  const noUpdate = window.dash_clientside.no_update;
  // Before start() the figure is the one the page was sent: nothing to patch.
  if (!page.rendered) return [noUpdate, noUpdate, noUpdate];
  const config = page.config;
  const changed = changedIds(window.dash_clientside.callback_context.triggered);
  const selection = resolveSelection(changed, country, feature);
  const layers = rest.flatMap((values) => values || []);
  showChoices(page, {metric, source, time, view, layers, ...selection});
  const chosen = page.rendered && (page.rendered.source !== source || page.rendered.time !== time);
  if (chosen) showTable(page, source, time);
  const state = {metric, source, time, outline: outlined(selection, highlight, config.contract.targets), layers, presenting,
    ...mapRoom(page)};
  page.room = state.key;
  document.body.classList.toggle("text-spaced", state.text.spaced);
  const assignments = mapPatch(config, state, figure.data);
  markTableMetric(metric);
  if (!assignments) return [noUpdate, noUpdate, noUpdate, noUpdate];
  if (changed.includes("view") && config.views[view] && !page.presenting && !page.applying) {
    page.extent = null;
    assignments.push(...extentPatch(fitted(page, config.views[view]), view));
  } else if (page.fitTo && !presenting) {
    assignments.push(...extentPatch(fittedInRoom(page, page.fitTo, state), view));
  }
  page.fitTo = null;
  const patch = new window.dash_clientside.Patch();
  for (const [path, value] of assignments) patch.assign(path, value);
  page.drawsAwaited = page.draws + 1;
  page.rendered = {metric, source, time, layers, view, highlight: highlight || [], presenting: Boolean(presenting), ...selection};
  page.controls = {...page.rendered};
  afterRender(page);
  if (!page.applying && !page.presenting) writeAddress(window.history, window.location, explorerAddress(page), "push");
  if (!page.presenting) setTitle(page, config.metrics[metric].title);
  const news = !page.presenting && mapNews(changed, metricStates(config, source, time), {metric, ...selection}, config.placeNews);
  if (news) announce(news);
  const {title, subtitle, description} = metricStates(config, source, time)[metric];
  return [patch.build(), title, subtitle, description];
}

function showPanel(page, country, feature) {
  const noUpdate = window.dash_clientside.no_update;
  if (!page.config) return [noUpdate, noUpdate, noUpdate];
  const {panels, contract} = page.config;
  const changed = changedIds(window.dash_clientside.callback_context.triggered);
  const selection = resolveSelection(changed, country, feature);
  const key = panelKey(selection, contract.targets, contract.overview);
  if (!page.presenting) showPanelSheet(page, phoneRoom() && key !== contract.overview && key in panels);
  return [
    panels[key] ?? panels[contract.overview],
    selection.country !== (country ?? null) ? selection.country : noUpdate,
    selection.feature !== (feature ?? null) ? selection.feature : noUpdate,
  ];
}

function selectFromMap(page, clickData) {
  const noUpdate = window.dash_clientside.no_update;
  const selection = selectionFromClick(clickData?.points?.[0], page.config.maghreb);
  return selection ? [selection.country, selection.feature] : [noUpdate, noUpdate];
}

function focusText(page, country, feature) {
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
function showDisplay(page, display) {
  const table = display === "table";
  checkChoices({display});
  const chosen = display !== page.display;
  page.display = display;
  if (chosen && !page.applying && !page.presenting) writeAddress(window.history, window.location, explorerAddress(page), "push");
  return [table ? "map-frame showing-table" : "map-frame", !table];
}

function toggleSidePanel(clicks) {
  const hidden = clicks % 2 === 1;
  return [hidden ? "content side-hidden" : "content", hidden ? "Show panel" : "Hide panel", String(!hidden)];
}

/* The callbacks Dash calls (window.dash_clientside.dandelion), each with `page`, the page's state. */
export function clientsideCallbacks(page) {
  return {
    showDisplay: (display) => showDisplay(page, display),
    showPanel: (country, feature) => showPanel(page, country, feature),
    render: (...values) => render(page, ...values),
    selectFromMap: (clickData) => selectFromMap(page, clickData),
    focusText: (country, feature) => focusText(page, country, feature),
    toggleSidePanel,
  };
}
