/* Map labels that never collide and always read: pure functions from
 * rendered boxes and sampled colours to where each label goes and in
 * which ink. The rule (gap, candidate places, inks, contrast thresholds)
 * comes from Python in config.labels (dashboard/figures/style.py LABEL_RULE);
 * assets/dandelion.js measures the page and applies the answer.
 *
 * Boxes are {x, y, width, height} in CSS px of the page. */

/** Do two boxes overlap (touching edges do not)? */
export function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(box, frame) {
  return box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width
    && box.y + box.height <= frame.y + frame.height;
}

/**
 * Where a label may go, best first: where plotly drew it, then beside its
 * anchor in each direction of the rule, at growing distances.
 * @param label {box, anchor: {x, y}, radius} radius: half its symbol (0 for text alone)
 */
export function candidates(label, rule) {
  const {box, anchor, radius} = label;
  const out = [box];
  for (let step = 0; step < rule.steps; step += 1) {
    const reach = radius + rule.gapPx + step * rule.stepPx;
    for (const [east, south] of rule.directions) {
      const x = anchor.x + east * (box.width / 2 + reach) - box.width / 2;
      const y = anchor.y + south * (box.height / 2 + reach) - box.height / 2;
      out.push({x, y, width: box.width, height: box.height});
    }
  }
  return out;
}

/**
 * Place labels greedily, in the order given (most important first): each
 * takes its first candidate inside the frame that overlaps no label
 * already placed and no obstacle (symbols, the colour bar), kept a gap
 * apart, and on which some ink reads: `inkAt(label, box)` answers an ink
 * or null. Where no free place reads, the first free one gets a plate
 * under the text (the ink's own, drawn by the page) in the ink that reads
 * best there (`inkAt(label, box, true)`). A label that may be dropped (a
 * neighbour's name) is hidden rather than plated or put where it collides.
 * A label that may not be dropped and finds no free place goes first in a
 * new round (the others then make room round it), up to one round a label;
 * failing that it keeps where plotly drew it. A label whose anchor is
 * outside the frame, or under what covers the map (the colour bar), is not
 * on the map: hidden.
 * @param labels [{box, anchor, radius, droppable}]
 * @param obstacles [box]
 * @param frame box the labels must stay in (the map's plot area)
 * @param covers [box] those of the obstacles that lie over the map
 * @returns [{box, hidden, ink, plate}] in the order of `labels`
 */
export function placeLabels(labels, obstacles, frame, rule, inkAt, covers = []) {
  let order = labels.map((_, n) => n);
  let best = null;
  for (let round = 0; round <= labels.length; round += 1) {
    const {places, stuck} = placeInOrder(order.map((n) => labels[n]), obstacles, frame, rule, inkAt, covers);
    const byLabel = [];
    order.forEach((n, k) => (byLabel[n] = places[k]));
    if (!best || stuck.length < best.stuck) best = {places: byLabel, stuck: stuck.length};
    if (!stuck.length) break;
    const first = stuck.map((k) => order[k]);
    order = [...first, ...order.filter((n) => !first.includes(n))];
  }
  return best.places;
}

/* One greedy round; `stuck`: the positions in `labels` of those that found no free place and could not be dropped. */
function placeInOrder(labels, obstacles, frame, rule, inkAt, covers) {
  const pad = (box) => ({x: box.x - rule.gapPx / 2, y: box.y - rule.gapPx / 2,
    width: box.width + rule.gapPx, height: box.height + rule.gapPx});
  const taken = [];
  const stuck = [];
  const places = labels.map((label, k) => {
    const anchor = {...label.anchor, width: 0, height: 0};
    if (!inside(anchor, frame) || covers.some((cover) => inside(anchor, cover))) {
      return {box: label.box, ink: null, hidden: true, plate: false};
    }
    const free = candidates(label, rule).filter((box) => inside(box, frame)
      && !taken.some((other) => overlaps(pad(box), other)) && !obstacles.some((other) => overlaps(pad(box), other)));
    let place = null;
    for (const box of free) {
      const ink = inkAt(label, box);
      if (ink) {
        place = {box, ink, hidden: false, plate: false};
        break;
      }
    }
    if (!place && label.droppable) return {box: label.box, ink: null, hidden: true, plate: false};
    if (!free.length) stuck.push(k);
    place ??= {box: free[0] ?? label.box, ink: inkAt(label, free[0] ?? label.box, true), hidden: false, plate: true};
    taken.push(place.box);
    return place;
  });
  return {places, stuck};
}

/**
 * The leader line from a label's anchor to its box, or null where the box
 * is near enough to its anchor (`rule.leaderFromPx`, past the symbol's
 * `radius`) to need none. Ends [x1, y1, x2, y2] in the boxes' px.
 */
export function leader(anchor, radius, box, rule) {
  const x = Math.min(Math.max(anchor.x, box.x), box.x + box.width);
  const y = Math.min(Math.max(anchor.y, box.y), box.y + box.height);
  const length = Math.hypot(x - anchor.x, y - anchor.y);
  if (length - radius < rule.leaderFromPx) return null;
  const start = radius / length;
  return [anchor.x + (x - anchor.x) * start, anchor.y + (y - anchor.y) * start, x, y];
}

/** WCAG relative luminance of [r, g, b] (0..255). */
export function luminance([r, g, b]) {
  const linear = (c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two relative luminances. */
export function contrast(first, second) {
  return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
}

/** "#rrggbb" or "rgb(r, g, b)" as [r, g, b]. */
export function parseColor(text) {
  if (text.startsWith("#")) return [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16));
  return text.slice(text.indexOf("(") + 1, text.indexOf(")")).split(",").slice(0, 3).map(Number);
}

/** Is text of `px` (bold or not) large in WCAG's sense, needing only the lower contrast? */
export function threshold(px, bold, rule) {
  return px >= rule.largePx || (bold && px >= rule.largeBoldPx) ? rule.largeContrast : rule.normalContrast;
}

/** How many times each value comes in `values`: the backgrounds under a line of a label, as
 * worstContrast takes them (a map has few colours: a label's box of samples has few luminances). */
export function tally(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** The contrast with `color` that all but `rule.percentile` % of the background luminances reach;
 * `backgrounds` is their tally (a Map from luminance to how many samples have it). */
export function worstContrast(color, backgrounds, rule) {
  const own = luminance(color);
  let total = 0;
  const ratios = [];
  for (const [background, count] of backgrounds) {
    ratios.push([contrast(own, background), count]);
    total += count;
  }
  ratios.sort((a, b) => a[0] - b[0]);
  // The sample at this rank among all of them, as if each were listed once per sample.
  let rank = Math.floor((total * rule.percentile) / 100);
  for (const [ratio, count] of ratios) {
    if (rank < count) return ratio;
    rank -= count;
  }
  return Infinity;
}

/**
 * The ink a label is drawn in: its own colour when that reads on the
 * backgrounds sampled under each of its lines (each reaching its `needed`
 * contrast), else the first ink of the rule that does; null if none does.
 * With `best` (for a label on a plate): the ink of the rule that comes closest.
 * @param own {color, halo} as the figure draws it
 * @param lines [{backgrounds: tally of luminances, needed}]
 * @returns {color, halo} or null
 */
export function chooseInk(own, lines, rule, best = false) {
  const score = (ink) => Math.min(...lines.map((line) =>
    worstContrast(parseColor(ink.color), line.backgrounds, rule) / line.needed));
  if (best) return rule.inks.reduce((most, ink) => (score(ink) > score(most) ? ink : most));
  return [own, ...rule.inks].find((ink) => score(ink) >= 1) ?? null;
}
