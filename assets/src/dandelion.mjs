/* Wiring: the page's entry (bundled into assets/dandelion.js, `python3 dev.py bundle`). It makes the
 * page's state and hands it to the modules beside it, each with one job, that touch the DOM, plotly,
 * Dash and history: the address (address.mjs), map drawing (map.mjs), labels' DOM (labels.mjs), the
 * presenter and speaker view (presenter.mjs, speaker.mjs, talk.mjs), the table (table.mjs), downloads
 * (downloads.mjs), the controls (controls.mjs, hover.mjs) and Dash's clientside callbacks
 * (callbacks.mjs). Every rule they apply comes from ../modules (pure functions, unit-tested with
 * node --test) and every name, key and timing from the page config that Python sends
 * (dashboard/page/config.py browser_config). */
import {dataNotice} from "../modules/datastatus.mjs";
import {applyPatch, mapPatch} from "../modules/patch.mjs";
import {extentLayout} from "../modules/view.mjs";
import {placeLabelsOn, unlabelledMap} from "../modules/arrange.mjs";
import {defaultState, writeAddress} from "../modules/url.mjs";
import {applyAddress} from "./address.mjs";
import {clientsideCallbacks} from "./callbacks.mjs";
import {
  closeControls, closePanelSheet, onChoice, onMark, onPopupEvent, onSkip, onStepChoice,
  openControls, showChoices, showPanelSheet,
} from "./controls.mjs";
import {copyText, downloadImage, onMenuToggle, tellHostHeight} from "./downloads.mjs";
import {holdHoverBox, showHoverBox} from "./hover.mjs";
import {arrangeLabels, labelsAsDrawn, revealWhenPlaced} from "./labels.mjs";
import {fitClear, fitLegendRoom, flyTo, mapRoom, onMapKey, phoneRoom, visibleExtent, zoomMap} from "./map.mjs";
import {explorerAddress, graph, newPage, setProps} from "./page.mjs";
import {
  enterPresenter, leavePresenter, onPointerDown, onPointerUp, onPresenterKey, onStepButton, onStorage,
} from "./presenter.mjs";
import {drawPreview, openSpeakerView} from "./speaker.mjs";
import {markTableMetric, onSort} from "./table.mjs";

// Read before any callback can write the address: a link must open what it names.
const startAddress = window.location.search;

const page = newPage();

window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.dandelion = clientsideCallbacks(page);

function onButton(page, event) {
  const image = event.target.closest?.("#download [data-image]");
  if (image) {
    const menu = image.closest("details");
    menu.open = false;
    menu.querySelector("summary").focus(); // not <body>: the item pressed is out of sight
    downloadImage(page, image.getAttribute("data-image"));
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
    else closePanelSheet(page, true);
    return;
  }
  const zoom = event.target.closest?.(".map-zoom [data-zoom]");
  if (zoom) {
    zoomMap(page, zoom.dataset.zoom);
    return;
  }
  const button = event.target.closest?.("#present-button, #copy-link, #speaker-button, #copy-embed");
  if (!button) return;
  if (button.id === "copy-embed") {
    copyText(document.getElementById("embed-code").value, "Embed code copied");
    return;
  }
  if (button.id === "present-button") {
    enterPresenter(page, 0, false, false);
    return;
  }
  if (button.id === "speaker-button") {
    openSpeakerView(page);
    return;
  }
  copyText(location.href, "Link copied");
}

function start(page) {
  const gd = graph();
  gd.on("plotly_afterplot", () => {
    page.draws += 1;
    fitLegendRoom(page, gd);
    // Several draws in one frame (a zoom by the wheel) are placed once.
    if (page.arranging) return;
    page.arranging = true;
    requestAnimationFrame(() => {
      page.arranging = false;
      arrangeLabels(page);
    });
  });
  // Not on this first draw: the page's first address draws the map again in its room (applyAddress), and
  // the labels are placed on that draw.
  // The map is one image, named and described (#map-figure): plotly's SVG pieces, and the SVG it
  // measures text in, are not read out one by one.
  document.getElementById("map").setAttribute("aria-hidden", "true");
  document.getElementById("js-plotly-tester")?.setAttribute("aria-hidden", "true");
  gd.addEventListener("mousemove", (event) => holdHoverBox(page, event), true);
  gd.on("plotly_hover", (event) => {
    const point = event.points?.[0];
    page.hovered = point ? `${point.curveNumber} ${point.pointNumber}` : null;
    // Dismissed, the box stays away until the pointer reaches another place.
    if (page.hoverDismissed !== page.hovered) showHoverBox(page, true);
  });
  gd.on("plotly_unhover", () => {
    page.hovered = null;
    showHoverBox(page, true);
  });
  gd.on("plotly_relayout", (update) => {
    // Zoom and pan by the reader (not our own fitting) go into the link.
    if (page.applying || page.presenting || update["geo.lonaxis.range"]) return;
    if (!("geo.projection.scale" in update || "geo.center.lon" in update)) return;
    page.extent = visibleExtent(page);
    writeAddress(window.history, window.location, explorerAddress(page), "replace");
  });
  window.addEventListener("popstate", () => applyAddress(page, window.location.search));
  // A reader's style sheet may space the text at any time (WCAG 1.4.12), a window be made smaller: the map
  // is drawn again for its room.
  const redraw = () => {
    // The control last set (a step on its way has set it; the map may not show it yet).
    if (mapRoom(page).key !== page.room) setProps("presenting", {data: page.controls.presenting});
  };
  new MutationObserver(redraw).observe(document.head, {childList: true, subtree: true, characterData: true});
  new MutationObserver(redraw).observe(document.documentElement, {attributes: true, attributeFilter: ["style"]});
  tellHostHeight(page);
  window.addEventListener("resize", () => tellHostHeight(page));
  let resizing = null;
  window.addEventListener("resize", () => {
    // The sheets are the phone's: a screen grown past its breakpoint shows the page as it lays it out.
    if (!phoneRoom()) {
      closeControls();
      showPanelSheet(page, false);
    }
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      redraw();
      if (page.extent || page.applying) return; // keep the reader's own extent
      const {story, views} = page.config;
      flyTo(page, page.presenting ? story[page.step].extent : views[page.rendered.view], 0);
      if (page.speaker && page.presenting) drawPreview(page, page.step);
    }, page.config.contract.timings.resizeSettleMs);
  });
  applyAddress(page, startAddress).then(revealWhenPlaced, revealWhenPlaced);
  watchData(page);
}

/* Served with --watch, the page says when the data has problems (the map keeps the last good data) and
 * offers new data once it is in place; anywhere else (a static host, a file) the status is not there. */
async function watchData(page) {
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
  setTimeout(() => watchData(page), page.config.contract.timings.dataPollMs);
}

/* The page is Dash's to build: start once the map and the config are in it. */
function whenReady(page) {
  const gd = graph();
  const script = document.getElementById("dandelion-config");
  // plotly draws the map once the base map has arrived (an asynchronous fetch): a patch
  // before that was drawn over by the first draw, in the type it replaced.
  const drawn = gd?.querySelector(".geo .layer.land path");
  if (!(script && drawn && window.dash_clientside?.set_props)) {
    requestAnimationFrame(() => whenReady(page));
    return;
  }
  page.config = JSON.parse(script.textContent);
  page.rendered = {...defaultState(page.config), highlight: [], presenting: false};
  delete page.rendered.present;
  delete page.rendered.extent;
  page.controls = {...page.rendered};
  page.display = page.config.defaults.display;
  showChoices(page, page.rendered);
  markTableMetric(page.rendered.metric);
  start(page);
}

document.addEventListener("keydown", (event) => onPresenterKey(page, event));
document.addEventListener("click", (event) => onStepButton(page, event));
window.addEventListener("storage", (event) => onStorage(page, event));
document.addEventListener("pointerdown", (event) => onPointerDown(page, event));
document.addEventListener("pointerup", (event) => onPointerUp(page, event));
document.addEventListener("keydown", (event) => onMark(page, event));
document.addEventListener("click", (event) => onMark(page, event));
document.addEventListener("click", (event) => onButton(page, event));
document.addEventListener("toggle", (event) => onMenuToggle(page, event), true);
document.addEventListener("change", onChoice);
document.addEventListener("click", onStepChoice);
document.addEventListener("click", (event) => onSort(page, event));
document.addEventListener("click", onSkip);
document.addEventListener("keydown", (event) => onMapKey(page, event));
for (const type of ["keydown", "click", "focusin"]) document.addEventListener(type, (event) => onPopupEvent(page, event));
document.addEventListener("fullscreenchange", () => {
  if (!document.fullscreenElement && page.presenting && page.hadFullscreen) {
    leavePresenter(page);
    writeAddress(window.history, window.location, explorerAddress(page), "push");
  }
  page.hadFullscreen = Boolean(document.fullscreenElement);
});

// For tests and the benchmark: what the page shows, read-only.
window.dandelion = {
  visibleExtent: () => visibleExtent(page),
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
// The hand-out and the slides (dashboard/outputs/handout.py) import this script for the live page's own rules,
// on a page of their own: the wiring waits for Dash's page only where there is one.
if (document.getElementById("react-entry-point")) whenReady(page);

export {applyPatch, mapPatch, fitClear, extentLayout, placeLabelsOn, unlabelledMap};
