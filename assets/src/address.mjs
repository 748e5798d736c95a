/* The address: put the page in the state a link names (at start, and on Back and Forward). */
import {parseAddress, writeAddress} from "../modules/url.mjs";
import {setTitle, setProps, settled, nextDraw, explorerAddress, showState} from "./page.mjs";
import {flyTo, mapRoom} from "./map.mjs";
import {enterPresenter, leavePresenter} from "./presenter.mjs";

/* Put the page in the state an address names. */
export function applyAddress(page, search) {
  const target = parseAddress(search, page.config);
  page.applying = true;
  if (target.present) {
    enterPresenter(page, target.step, target.speaker);
    page.applying = false;
    return Promise.resolve();
  }
  leavePresenter(page);
  if (target.display !== page.display) {
    page.display = target.display;
    setProps("display", {data: target.display});
  }
  const drawn = {metric: target.metric, source: target.source, time: target.time, layers: target.layers, country: target.country, feature: target.feature,
    view: target.view, highlight: [], presenting: false};
  page.extent = target.extent;
  const extent = target.extent || page.config.views[target.view];
  // A map not yet drawn for its room (the page's first address) is drawn for it and fitted to the extent in
  // one render, rather than fitted, then drawn again in its type: the flight below then finds it there.
  const room = mapRoom(page).key;
  const newRoom = room !== page.room;
  if (newRoom) {
    page.fitTo = extent;
    page.room = room; // asked for: a change to the page's style meanwhile asks nothing more
  }
  const rendering = showState(page, drawn);
  let shown = settled(page, drawn);
  if (newRoom && !rendering) {
    shown = nextDraw(page);
    setProps("presenting", {data: false});
  }
  return shown
    .then(() => flyTo(page, extent, 0))
    .then(() => {
      page.applying = false;
      setTitle(page, page.config.metrics[page.rendered.metric].title);
      // Junk dropped, the rest kept: the address now says what is shown.
      writeAddress(window.history, window.location, explorerAddress(page), "replace");
    });
}
