/* Labels' DOM: placed clear of each other, of symbols and of the colour bar, each in an ink that
 * reads on what is under it (modules/arrange.mjs, with the rules of modules/labels.mjs). */
import {placeLabelsOn, restoreLabels, unlabelledMap} from "../modules/arrange.mjs";
import {graph} from "./page.mjs";

/* Place the live map's labels after a plotly draw (plotly redraws its text on every draw). */
export async function arrangeLabels(page) {
  const gd = graph();
  if (!page.config || !gd?._fullLayout?._size || page.flying) return;
  const started = performance.now();
  const draw = page.draws;
  // Should the map not draw into a canvas, labels are still kept apart, in their own ink.
  const pixelAt = await unlabelledMap(gd).catch(() => () => null);
  // A newer draw has come while the map was read: its own run places them.
  if (draw !== page.draws || page.flying) return;
  // From here on in one go, so that no frame shows the labels where plotly put them.
  restoreLabels(gd, page.arrangedLabels);
  const {labels, contract} = page.config;
  page.arrangedLabels = placeLabelsOn(gd, pixelAt, {parts: contract.parts, rule: labels, overMap: labels.overMap});
  page.labelsPlacedOn = draw;
  page.labelsDrawn = labelsAsDrawn(gd);
  page.labelsMs = performance.now() - started;
}

/* Where every label is as drawn now: plotly redraws them before it tells
 * that it has (plotly_afterplot), so the labels are known placed only while
 * this is what it was when they were placed. */
export function labelsAsDrawn(gd) {
  return [...gd.querySelectorAll(".geolayer .trace.scattergeo text[data-unformatted]")]
    .map((text) => `${text.textContent} ${text.getAttribute("transform")} ${text.parentNode.getAttribute("transform")}`)
    .join("|");
}

/* The first paint (dashboard/outputs/firstpaint.py) gives way once the live map shows
 * what the address names, its labels placed: the live page, laid out the same
 * behind it, is then seen in its place. */
export function revealWhenPlaced() {
  if (window.dandelion.labelsPlaced) {
    document.querySelector(".first-paint")?.remove();
  } else {
    requestAnimationFrame(revealWhenPlaced);
  }
}
