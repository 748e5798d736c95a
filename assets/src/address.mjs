/* The address: put the page in the state a link names (at start, and on Back and Forward). */
import {parseAddress, writeAddress} from "../modules/url.mjs";
import {setTitle, setProps, settled, explorerAddress, showState} from "./page.mjs";
import {flyTo} from "./map.mjs";
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
  showState(page, drawn);
  page.extent = target.extent;
  const extent = target.extent || page.config.views[target.view];
  return settled(page, drawn)
    .then(() => flyTo(page, extent, 0))
    .then(() => {
      page.applying = false;
      setTitle(page, page.config.metrics[page.rendered.metric].title);
      // Junk dropped, the rest kept: the address now says what is shown.
      writeAddress(window.history, window.location, explorerAddress(page), "replace");
    });
}
