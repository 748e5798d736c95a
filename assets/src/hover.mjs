/* The map's hover box: kept in reach of the pointer, and dismissed by Escape (WCAG 1.4.13). */
import {holdsHover} from "../modules/dismiss.mjs";
import {graph} from "./page.mjs";

export function showHoverBox(page, shown) {
  if (shown) page.hoverDismissed = null;
  // On the body: React owns the map's own class.
  document.body.classList.toggle("hover-dismissed", !shown);
}

/* plotly's hover box shows what a click on the place shows in the side
 * panel; Escape dismisses it (WCAG 1.4.13). */
export function dismissHoverBox(page, event) {
  if (event.key !== "Escape" || !page.hovered) return;
  const dismissed = page.hovered;
  window.Plotly.Fx.unhover(graph()); // tells plotly_unhover, which forgets the place
  page.hoverDismissed = dismissed;
  showHoverBox(page, false);
}

/* plotly shows the box of whatever is under the pointer, so a reader moving
 * onto the box (or on the way to it) would see another place's: those moves
 * are kept from plotly (WCAG 1.4.13, hoverable). A capturing listener on the
 * map, so that plotly's own, further in, never hears them. */
export function holdHoverBox(page, event) {
  const box = page.hovered ? graph().querySelector(".hoverlayer .hovertext") : null;
  const point = [event.clientX, event.clientY];
  if (box && page.hoverFrom && holdsHover(page.hoverFrom, box.getBoundingClientRect(), point)) {
    event.stopPropagation();
    return;
  }
  page.hoverFrom = point;
}
