/* Placing a drawn map's labels: the DOM side of modules/labels.mjs, shared by
 * the live page (assets/dandelion.js, after each plotly draw) and the pages
 * the exports photograph or print (dashboard/outputs/handout.py), so that what is
 * taken away has its labels where the page puts them.
 *
 * plotly draws each label where the figure says; these place them clear of
 * each other, of symbols and of the colour bar, and give each an ink that
 * reads on what is really under it. A label is moved by its wrapper's
 * transform (plotly's offset for textposition) and inked through CSS
 * variables on the wrapper (a stylesheet's `g[data-ink] > text` rule), so
 * that the <text> itself keeps what plotly drew. `setup` is
 * {parts: config.contract.parts, rule: config.labels, overMap: a selector of
 * what else on the page lies over the map (the live page's floating
 * controls), if anything}; the map's own colour bar is always kept clear. */
import {chooseInk, leader, luminance, placeLabels, tally, threshold} from "./labels.mjs";

function clientBox(element) {
  const {x, y, width, height} = element.getBoundingClientRect();
  return {x, y, width, height};
}

/* The map's frame in client px: its background, the rectangle it is clipped
 * to (narrower than the plot area where the extent's shape is not the area's). */
function mapFrame(gd) {
  return clientBox(gd.querySelector(".geolayer .bg rect"));
}

function svgElement(tag, attributes, style) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  // Ours are drawn for the eye only: the reader's mouse still reaches the map under them.
  Object.assign(element.style, style, {pointerEvents: "none"});
  return element;
}

/* A plate under a label that reads nowhere free: a box of the ink's own
 * plate colour, the text's size and a few px more, under the text. */
function addPlate(text, ink, rule) {
  const {x, y, width, height} = text.getBBox();
  const pad = rule.platePadPx;
  text.before(svgElement("rect", {x: x - pad, y: y - pad, width: width + 2 * pad, height: height + 2 * pad, rx: pad,
    transform: text.getAttribute("transform") ?? "", class: "label-plate"},
  {fill: ink.plate, fillOpacity: rule.plateOpacity}));
}

/* A leader line from a label moved away from its point back to it, in the
 * label's ink and halo, under the labels of its trace. `ends` in client px. */
function addLeader(group, [x1, y1, x2, y2], ink) {
  const {e, f} = group.getScreenCTM();
  // The halo's first shadow (commas inside rgb() are not between shadows).
  const halo = ink.halo.split(/,(?![^(]*\))/)[0];
  group.prepend(svgElement("line", {x1: x1 - e, y1: y1 - f, x2: x2 - e, y2: y2 - f, class: "label-leader"},
    {stroke: ink.color, strokeWidth: "1.5px", filter: `drop-shadow(${halo})`}));
}

/** Write the inks of `arranged` (the wrappers placeLabelsOn returned) onto
 * their text, for a drawing that leaves the page without its stylesheet
 * (a serialised SVG carries no CSS variables). Plates and leaders carry
 * their own colours already. */
export function inkInline(arranged) {
  for (const wrapper of arranged) {
    if (!("ink" in wrapper.dataset)) continue;
    const text = wrapper.querySelector(":scope > text");
    text.style.fill = wrapper.style.getPropertyValue("--ink");
    text.style.textShadow = wrapper.style.getPropertyValue("--halo");
  }
}

/** Undo the placing and inking of `arranged` (the wrappers placeLabelsOn
 * returned), where plotly has not redrawn since. */
export function restoreLabels(gd, arranged) {
  for (const wrapper of arranged) {
    if (wrapper.getAttribute("transform") === wrapper.dataset.placed) {
      wrapper.setAttribute("transform", wrapper.dataset.drawn);
    }
    delete wrapper.dataset.placed;
    delete wrapper.dataset.drawn;
    delete wrapper.dataset.ink;
    wrapper.style.removeProperty("--ink");
    wrapper.style.removeProperty("--halo");
    wrapper.style.removeProperty("display");
    wrapper.querySelectorAll(".label-plate").forEach((plate) => plate.remove());
  }
  gd.querySelectorAll(".label-leader").forEach((line) => line.remove());
}

/* Every label, symbol and the colour bar plotly shows, in client px; labels
 * most important first (the states' figures, places, neighbours' names); only
 * the states' figures may never be dropped. */
function mapLabels(gd, {parts, rule, overMap}) {
  const labels = [];
  const symbols = [];
  // A place's name is its own trace, drawn over every layer (dashboard/figures/layerfigure.py):
  // its symbol is found by the point they share.
  const radii = new Map();
  const groups = [...gd.querySelectorAll(".geolayer .trace.scattergeo")].filter((group) => {
    const trace = group.__data__?.[0]?.trace; // plotly's own data on its node: an internal
    return trace && trace.visible === true;
  });
  for (const group of groups) {
    for (const point of group.querySelectorAll("path.point")) {
      const box = clientBox(point);
      if (!box.width || Number(getComputedStyle(point).opacity) === 0) continue;
      symbols.push(box);
      radii.set(point.getAttribute("transform"), box.width / 2);
    }
  }
  for (const group of groups) {
    const part = group.__data__[0].trace.meta?.part;
    const rank = part === parts.labelsContext ? 2 : [parts.labelsDark, parts.labelsLight].includes(part) ? 0 : 1;
    const origin = group.getScreenCTM();
    for (const text of group.querySelectorAll("text[data-unformatted]")) {
      const box = clientBox(text);
      if (!box.width || !text.textContent.trim()) continue;
      const at = text.transform.baseVal.consolidate()?.matrix;
      const anchor = at ? {x: origin.e + at.e, y: origin.f + at.f} : {x: box.x + box.width / 2, y: box.y + box.height / 2};
      const style = getComputedStyle(text);
      const size = parseFloat(style.fontSize);
      const lines = [...text.querySelectorAll("tspan.line")];
      // Each line needs the contrast of its own size and weight (the country's name is bold).
      const lineBoxes = (lines.length ? lines : [text]).map((line) => {
        const {x, y, width, height} = clientBox(line);
        const bold = style.fontWeight >= 700 || line.querySelector("[style*='bold']") !== null;
        return {dx: x - box.x, dy: y - box.y, width, height, needed: threshold(size, bold, rule)};
      });
      labels.push({text, wrapper: text.parentNode, rank, box, anchor, radius: radii.get(text.getAttribute("transform")) ?? 0,
        droppable: rank > 0, lines: lineBoxes, own: {color: text.style.fill, halo: text.style.textShadow}});
    }
  }
  labels.sort((a, b) => a.rank - b.rank);
  // The map's own colour bar, and what else floats over the map.
  const over = [...gd.querySelectorAll(".infolayer .colorbar"), ...(overMap ? document.querySelectorAll(overMap) : [])];
  const covers = [];
  const frame = mapFrame(gd);
  for (const element of over) {
    if (element.closest(".first-paint")) continue; // the live page's controls only
    const box = clientBox(element);
    if (!box.width || !element.checkVisibility()) continue;
    // The colour bar stands a little above the map's bottom edge: no label fits under it.
    if (element.matches(".colorbar")) box.height = Math.max(box.height, frame.y + frame.height - box.y);
    covers.push(box);
  }
  return {labels, symbols: [...symbols, ...covers], covers};
}

/* The map as the reader sees it without its labels, as pixels: plotly's
 * SVG, less its text, drawn into a canvas. Resolves to a function from a
 * client point to its relative luminance, or null where the map paints nothing. */
export async function unlabelledMap(gd) {
  const svg = gd.querySelector("svg.main-svg");
  const frame = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true);
  copy.querySelectorAll(".geolayer text, .label-plate, .label-leader").forEach((element) => element.remove());
  copy.setAttribute("width", frame.width);
  copy.setAttribute("height", frame.height);
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], {type: "image/svg+xml"}));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const width = Math.ceil(frame.width);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.ceil(frame.height);
    const context = canvas.getContext("2d", {willReadFrequently: true});
    context.drawImage(image, 0, 0, frame.width, frame.height);
    const {data} = context.getImageData(0, 0, canvas.width, canvas.height);
    const known = new Map(); // a map has few colours: each one's luminance is worked out once
    return (x, y) => {
      const [column, row] = [Math.floor(x - frame.x), Math.floor(y - frame.y)];
      if (column < 0 || row < 0 || column >= width || row >= canvas.height) return null;
      const i = (row * width + column) * 4;
      if (!data[i + 3]) return null;
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      if (!known.has(key)) known.set(key, luminance([data[i], data[i + 1], data[i + 2]]));
      return known.get(key);
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/* The tally of luminances under `box` (client px), one sample every rule.sampleStepPx. */
function backgroundUnder(pixelAt, box, rule) {
  const step = rule.sampleStepPx;
  const samples = [];
  for (let y = box.y + step / 2; y < box.y + box.height; y += step) {
    for (let x = box.x + step / 2; x < box.x + box.width; x += step) {
      const pixel = pixelAt(x, y);
      if (pixel !== null) samples.push(pixel);
    }
  }
  return tally(samples);
}

/** Place and ink the labels of the map drawn in `gd`, with `pixelAt` (from
 * unlabelledMap) telling what is under each; returns the wrappers moved or
 * inked, for restoreLabels. Runs in one go: no frame shows labels half placed. */
export function placeLabelsOn(gd, pixelAt, setup) {
  const {rule} = setup;
  const arranged = new Set();
  const {labels, symbols, covers} = mapLabels(gd, setup);
  // placeLabels asks again for a place it tried in an earlier round, and for the best ink where none
  // reads: what lies under a label's lines at a place is read once.
  const under = new Map(labels.map((label) => [label, new Map()]));
  const inkAt = (label, box, best) => {
    const key = `${box.x} ${box.y}`;
    const known = under.get(label);
    if (!known.has(key)) {
      known.set(key, label.lines.map((line) => ({needed: line.needed, backgrounds: backgroundUnder(pixelAt,
        {x: box.x + line.dx, y: box.y + line.dy, width: line.width, height: line.height}, rule)})));
    }
    return chooseInk(label.own, known.get(key), rule, best);
  };
  const places = placeLabels(labels, symbols, mapFrame(gd), rule, inkAt, covers);
  labels.forEach((label, n) => {
    const {box, hidden, ink, plate} = places[n];
    const moved = box.x !== label.box.x || box.y !== label.box.y;
    if (!hidden && !moved && !plate && ink === label.own) return;
    const {wrapper} = label;
    arranged.add(wrapper);
    if (hidden) wrapper.style.display = "none";
    if (moved) {
      const drawn = wrapper.transform.baseVal.consolidate()?.matrix ?? {e: 0, f: 0};
      wrapper.dataset.drawn = wrapper.getAttribute("transform") ?? "";
      wrapper.setAttribute("transform", `translate(${drawn.e + box.x - label.box.x},${drawn.f + box.y - label.box.y})`);
      wrapper.dataset.placed = wrapper.getAttribute("transform");
    }
    if (ink && ink !== label.own) {
      wrapper.dataset.ink = "";
      wrapper.style.setProperty("--ink", ink.color);
      wrapper.style.setProperty("--halo", ink.halo);
    }
    if (plate) addPlate(label.text, ink, rule);
    // A neighbour's name lies on the country it names wherever it goes: no leader.
    const line = moved && label.rank < 2 && leader(label.anchor, label.radius, box, rule);
    if (line) addLeader(wrapper.parentNode, line, ink ?? label.own);
  });
  return arranged;
}
