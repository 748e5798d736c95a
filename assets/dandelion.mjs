/* Built by `python3 dev.py bundle` (esbuild) from assets/src/ and assets/modules/: edit those. */

// assets/modules/datastatus.mjs
function dataNotice(status, version, words) {
  const problems = Array.isArray(status?.problems) ? status.problems : [];
  const newer = typeof status?.version === "string" && status.version !== version;
  if (problems.length) return { text: words.problems + problems.join("; "), reload: newer };
  return newer ? { text: words.newer, reload: true } : null;
}

// assets/modules/view.mjs
function mid(range) {
  return (range[0] + range[1]) / 2;
}
function fitToFrame(extent, width, height, top = 0) {
  if (top > 0) {
    const below = fitToFrame(extent, width, height - top);
    const north = (below.lat[1] - below.lat[0]) * top / (height - top);
    return { lon: below.lon, lat: [below.lat[0], below.lat[1] + north] };
  }
  const midLat = mid(extent.lat) * Math.PI / 180;
  const lonSpan = (extent.lon[1] - extent.lon[0]) * Math.cos(midLat);
  const latSpan = extent.lat[1] - extent.lat[0];
  const frame = width / height;
  if (lonSpan / latSpan < frame) {
    const half2 = latSpan * frame / Math.cos(midLat) / 2;
    return { lon: [mid(extent.lon) - half2, mid(extent.lon) + half2], lat: extent.lat.slice() };
  }
  const half = lonSpan / frame / 2;
  return { lon: extent.lon.slice(), lat: [mid(extent.lat) - half, mid(extent.lat) + half] };
}
function ease(t) {
  return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
}
function between(from, to, t) {
  const eased = ease(Math.max(0, Math.min(1, t)));
  const lerp = (a, b) => a.map((value, i) => value + (b[i] - value) * eased);
  return { lon: lerp(from.lon, to.lon), lat: lerp(from.lat, to.lat) };
}
function extentLayout(extent) {
  return {
    "geo.lonaxis.range": extent.lon,
    "geo.lataxis.range": extent.lat,
    "geo.center.lon": mid(extent.lon),
    "geo.center.lat": mid(extent.lat),
    "geo.projection.scale": 1
  };
}
function extentFromBox(box, bounds) {
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === "number" && Number.isFinite(v))) {
    return null;
  }
  const [west, south, east, north] = box;
  const inside2 = (low, high, [min, max]) => low < high && low >= min && high <= max;
  if (!inside2(west, east, bounds.lon) || !inside2(south, north, bounds.lat)) return null;
  return { lon: [west, east], lat: [south, north] };
}
function boxOf(extent) {
  return [extent.lon[0], extent.lat[0], extent.lon[1], extent.lat[1]].map((v) => Math.round(v * 100) / 100);
}
function keyedExtent(extent, key, { keys, panShare, zoomFactor }) {
  const action = Object.keys(keys).find((name) => keys[name].includes(key));
  if (!action) return null;
  const lonSpan = extent.lon[1] - extent.lon[0];
  const latSpan = extent.lat[1] - extent.lat[0];
  const pans = { left: [-1, 0], right: [1, 0], up: [0, 1], down: [0, -1] };
  if (action in pans) {
    const [dx, dy] = pans[action];
    const lon = dx * lonSpan * panShare;
    const lat = dy * latSpan * panShare;
    return { lon: extent.lon.map((v) => v + lon), lat: extent.lat.map((v) => v + lat) };
  }
  const half = action === "zoomIn" ? 0.5 / zoomFactor : 0.5 * zoomFactor;
  return {
    lon: [mid(extent.lon) - lonSpan * half, mid(extent.lon) + lonSpan * half],
    lat: [mid(extent.lat) - latSpan * half, mid(extent.lat) + latSpan * half]
  };
}

// assets/modules/patch.mjs
function selectionKey(source, time) {
  return `${source}@${time}`;
}
function selectionState(config, source, time) {
  const { selections, defaults } = config;
  return selections[selectionKey(source, time)] ?? selections[selectionKey(defaults.source, defaults.time)];
}
function metricStates(config, source, time) {
  return selectionState(config, source, time).metrics;
}
function mapPatch(config, state, traces) {
  const metrics = metricStates(config, state.source, state.time);
  if (!Object.hasOwn(metrics, state.metric)) return null;
  const metric = metrics[state.metric];
  const { parts, layers } = config.contract;
  const style = config.styles[state.phone ? "phone" : state.presenting ? "projector" : "explorer"];
  const on = new Set(state.layers);
  const points = state.outline.features.map((id) => config.features[id]).filter(Boolean);
  const labels = /* @__PURE__ */ new Set([parts.labelsDark, parts.labelsLight]);
  const out = [];
  const legendNames = [];
  traces.forEach((trace, index) => {
    const meta = trace.meta || {};
    const set = (path, value) => out.push([["data", index, ...path], value]);
    const pooled = metric.parts[meta.part];
    const named = { ...trace, ...pooled === void 0 ? {} : config.parts[pooled] };
    if (named.showlegend !== false && named.name) legendNames.push(named.name);
    for (const [prop, value] of Object.entries(pooled === void 0 ? {} : config.parts[pooled])) set([prop], value);
    const ring = {
      [parts.selectedCountry]: style.selection,
      [parts.selectedCountryHalo]: style.selectionHalo,
      [parts.selectedFeature]: style.selection,
      [parts.selectedFeatureHalo]: style.selectionHalo
    }[meta.part];
    if (meta.part === parts.selectedCountry || meta.part === parts.selectedCountryHalo) {
      set(["locations"], state.outline.countries);
      set(["z"], state.outline.countries.map(() => 0));
      set(["marker", "line"], ring);
    } else if (meta.part === parts.selectedFeature || meta.part === parts.selectedFeatureHalo) {
      set(["lon"], points.map((p) => p[0]));
      set(["lat"], points.map((p) => p[1]));
      set(["marker", "color"], ring.color);
    } else if (meta.part === parts.labelsContext) {
      set(["textfont", "size"], style.contextLabel);
      set(["textfont", "color"], style.contextColor);
    } else if (labels.has(meta.part)) {
      set(["textfont", "size"], style.label);
    } else if (meta.part === parts.values || meta.part === parts.noData) {
      set(["marker", "line"], { width: style.border, color: style.borderColor });
    }
    if (meta.part === parts.values) {
      const title = named.colorbar?.title?.text ?? "";
      set(["colorbar", "tickfont", "size"], style.legend);
      const fits = state.text ? widest(textLines(title), style.legend + 1, state.text) : named.colorbar?.len ?? 0;
      set(["colorbar", "len"], Math.max(style.colorbarLen, fits));
      set(["colorbar", "title", "font", "size"], style.legend + 1);
    }
    const isPlace = meta.layer && !meta.part && meta.layer !== layers.choropleth && (trace.mode || "").includes("text");
    if (isPlace) set(["textfont", "size"], style.place);
    const visible = meta.layer === layers.selection || on.has(meta.layer);
    if ((trace.visible ?? true) !== visible) set(["visible"], visible);
  });
  out.push([["layout", "legend", "font", "size"], style.legend]);
  out.push([["layout", "legend", "entrywidth"], state.text?.spaced ? widest(legendNames, style.legend, state.text) : 0]);
  out.push([["layout", "showlegend"], state.legend]);
  out.push([["layout", "margin", "b"], state.legend ? config.legendStripPx : 0]);
  return out;
}
function textLines(text) {
  const entities = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
  return text.split(/<br\s*\/?>/i).map((line) => line.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => entities[name]));
}
function widest(lines, size, text) {
  return text ? Math.ceil(Math.max(0, ...lines.map((line) => text.width(line, size)))) + 4 : 0;
}
function extentPatch(extent, revision) {
  const layout = extentLayout(extent);
  return [
    [["layout", "geo", "lonaxis", "range"], layout["geo.lonaxis.range"]],
    [["layout", "geo", "lataxis", "range"], layout["geo.lataxis.range"]],
    [["layout", "geo", "center"], { lon: layout["geo.center.lon"], lat: layout["geo.center.lat"] }],
    [["layout", "geo", "projection", "scale"], 1],
    [["layout", "uirevision"], revision]
  ];
}
function applyPatch(figure, assignments) {
  for (const [path, value] of assignments) {
    let target = figure;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path.at(-1)] = value;
  }
  return figure;
}

// assets/modules/labels.mjs
function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
function inside(box, frame) {
  return box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height;
}
function candidates(label, rule) {
  const { box, anchor, radius } = label;
  const out = [box];
  for (let step = 0; step < rule.steps; step += 1) {
    const reach = radius + rule.gapPx + step * rule.stepPx;
    for (const [east, south] of rule.directions) {
      const x = anchor.x + east * (box.width / 2 + reach) - box.width / 2;
      const y = anchor.y + south * (box.height / 2 + reach) - box.height / 2;
      out.push({ x, y, width: box.width, height: box.height });
    }
  }
  return out;
}
function placeLabels(labels, obstacles, frame, rule, inkAt) {
  let order = labels.map((_, n) => n);
  let best = null;
  for (let round = 0; round <= labels.length; round += 1) {
    const { places, stuck } = placeInOrder(order.map((n) => labels[n]), obstacles, frame, rule, inkAt);
    const byLabel = [];
    order.forEach((n, k) => byLabel[n] = places[k]);
    if (!best || stuck.length < best.stuck) best = { places: byLabel, stuck: stuck.length };
    if (!stuck.length) break;
    const first = stuck.map((k) => order[k]);
    order = [...first, ...order.filter((n) => !first.includes(n))];
  }
  return best.places;
}
function placeInOrder(labels, obstacles, frame, rule, inkAt) {
  const pad = (box) => ({
    x: box.x - rule.gapPx / 2,
    y: box.y - rule.gapPx / 2,
    width: box.width + rule.gapPx,
    height: box.height + rule.gapPx
  });
  const taken = [];
  const stuck = [];
  const places = labels.map((label, k) => {
    if (!inside({ ...label.anchor, width: 0, height: 0 }, frame)) return { box: label.box, ink: null, hidden: true, plate: false };
    const free = candidates(label, rule).filter((box) => inside(box, frame) && !taken.some((other) => overlaps(pad(box), other)) && !obstacles.some((other) => overlaps(pad(box), other)));
    let place = null;
    for (const box of free) {
      const ink = inkAt(label, box);
      if (ink) {
        place = { box, ink, hidden: false, plate: false };
        break;
      }
    }
    if (!place && label.droppable) return { box: label.box, ink: null, hidden: true, plate: false };
    if (!free.length) stuck.push(k);
    place ??= { box: free[0] ?? label.box, ink: inkAt(label, free[0] ?? label.box, true), hidden: false, plate: true };
    taken.push(place.box);
    return place;
  });
  return { places, stuck };
}
function leader(anchor, radius, box, rule) {
  const x = Math.min(Math.max(anchor.x, box.x), box.x + box.width);
  const y = Math.min(Math.max(anchor.y, box.y), box.y + box.height);
  const length = Math.hypot(x - anchor.x, y - anchor.y);
  if (length - radius < rule.leaderFromPx) return null;
  const start2 = radius / length;
  return [anchor.x + (x - anchor.x) * start2, anchor.y + (y - anchor.y) * start2, x, y];
}
function luminance([r, g, b]) {
  const linear = (c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
function contrast(first, second) {
  return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
}
function parseColor(text) {
  if (text.startsWith("#")) return [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16));
  return text.slice(text.indexOf("(") + 1, text.indexOf(")")).split(",").slice(0, 3).map(Number);
}
function threshold(px, bold, rule) {
  return px >= rule.largePx || bold && px >= rule.largeBoldPx ? rule.largeContrast : rule.normalContrast;
}
function worstContrast(color, backgrounds, rule) {
  const own = luminance(color);
  const ratios = Float64Array.from(backgrounds, (background) => contrast(own, background)).sort();
  return ratios.length ? ratios[Math.floor(ratios.length * rule.percentile / 100)] : Infinity;
}
function chooseInk(own, lines, rule, best = false) {
  const score = (ink) => Math.min(...lines.map((line) => worstContrast(parseColor(ink.color), line.backgrounds, rule) / line.needed));
  if (best) return rule.inks.reduce((most, ink) => score(ink) > score(most) ? ink : most);
  return [own, ...rule.inks].find((ink) => score(ink) >= 1) ?? null;
}

// assets/modules/arrange.mjs
function clientBox(element) {
  const { x, y, width, height } = element.getBoundingClientRect();
  return { x, y, width, height };
}
function mapFrame(gd) {
  return clientBox(gd.querySelector(".geolayer .bg rect"));
}
function svgElement(tag, attributes, style) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  Object.assign(element.style, style, { pointerEvents: "none" });
  return element;
}
function addPlate(text, ink, rule) {
  const { x, y, width, height } = text.getBBox();
  const pad = rule.platePadPx;
  text.before(svgElement(
    "rect",
    {
      x: x - pad,
      y: y - pad,
      width: width + 2 * pad,
      height: height + 2 * pad,
      rx: pad,
      transform: text.getAttribute("transform") ?? "",
      class: "label-plate"
    },
    { fill: ink.plate, fillOpacity: rule.plateOpacity }
  ));
}
function addLeader(group, [x1, y1, x2, y2], ink) {
  const { e, f } = group.getScreenCTM();
  const halo = ink.halo.split(/,(?![^(]*\))/)[0];
  group.prepend(svgElement(
    "line",
    { x1: x1 - e, y1: y1 - f, x2: x2 - e, y2: y2 - f, class: "label-leader" },
    { stroke: ink.color, strokeWidth: "1.5px", filter: `drop-shadow(${halo})` }
  ));
}
function inkInline(arranged) {
  for (const wrapper of arranged) {
    if (!("ink" in wrapper.dataset)) continue;
    const text = wrapper.querySelector(":scope > text");
    text.style.fill = wrapper.style.getPropertyValue("--ink");
    text.style.textShadow = wrapper.style.getPropertyValue("--halo");
  }
}
function restoreLabels(gd, arranged) {
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
function mapLabels(gd, { parts, rule, overMap }) {
  const labels = [];
  const symbols = [];
  const radii = /* @__PURE__ */ new Map();
  const groups = [...gd.querySelectorAll(".geolayer .trace.scattergeo")].filter((group) => {
    const trace = group.__data__?.[0]?.trace;
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
      const anchor = at ? { x: origin.e + at.e, y: origin.f + at.f } : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const style = getComputedStyle(text);
      const size = parseFloat(style.fontSize);
      const lines = [...text.querySelectorAll("tspan.line")];
      const lineBoxes = (lines.length ? lines : [text]).map((line) => {
        const { x, y, width, height } = clientBox(line);
        const bold = style.fontWeight >= 700 || line.querySelector("[style*='bold']") !== null;
        return { dx: x - box.x, dy: y - box.y, width, height, needed: threshold(size, bold, rule) };
      });
      labels.push({
        text,
        wrapper: text.parentNode,
        rank,
        box,
        anchor,
        radius: radii.get(text.getAttribute("transform")) ?? 0,
        droppable: rank > 0,
        lines: lineBoxes,
        own: { color: text.style.fill, halo: text.style.textShadow }
      });
    }
  }
  labels.sort((a, b) => a.rank - b.rank);
  const over = [...gd.querySelectorAll(".infolayer .colorbar"), ...overMap ? document.querySelectorAll(overMap) : []];
  for (const element of over) {
    if (element.closest(".first-paint")) continue;
    const box = clientBox(element);
    if (box.width && element.checkVisibility()) symbols.push(box);
  }
  return { labels, symbols };
}
async function unlabelledMap(gd) {
  const svg = gd.querySelector("svg.main-svg");
  const frame = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true);
  copy.querySelectorAll(".geolayer text, .label-plate, .label-leader").forEach((element) => element.remove());
  copy.setAttribute("width", frame.width);
  copy.setAttribute("height", frame.height);
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const width = Math.ceil(frame.width);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.ceil(frame.height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(image, 0, 0, frame.width, frame.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const known = /* @__PURE__ */ new Map();
    return (x, y) => {
      const [column, row] = [Math.floor(x - frame.x), Math.floor(y - frame.y)];
      if (column < 0 || row < 0 || column >= width || row >= canvas.height) return null;
      const i = (row * width + column) * 4;
      if (!data[i + 3]) return null;
      const key = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
      if (!known.has(key)) known.set(key, luminance([data[i], data[i + 1], data[i + 2]]));
      return known.get(key);
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}
function backgroundUnder(pixelAt, box, rule) {
  const step = rule.sampleStepPx;
  const samples = [];
  for (let y = box.y + step / 2; y < box.y + box.height; y += step) {
    for (let x = box.x + step / 2; x < box.x + box.width; x += step) {
      const pixel = pixelAt(x, y);
      if (pixel !== null) samples.push(pixel);
    }
  }
  return samples;
}
function placeLabelsOn(gd, pixelAt, setup) {
  const { rule } = setup;
  const arranged = /* @__PURE__ */ new Set();
  const { labels, symbols } = mapLabels(gd, setup);
  const inkAt = (label, box, best) => chooseInk(label.own, label.lines.map((line) => ({
    needed: line.needed,
    backgrounds: backgroundUnder(pixelAt, { x: box.x + line.dx, y: box.y + line.dy, width: line.width, height: line.height }, rule)
  })), rule, best);
  const places = placeLabels(labels, symbols, mapFrame(gd), rule, inkAt);
  labels.forEach((label, n) => {
    const { box, hidden, ink, plate } = places[n];
    const moved = box.x !== label.box.x || box.y !== label.box.y;
    if (!hidden && !moved && !plate && ink === label.own) return;
    const { wrapper } = label;
    arranged.add(wrapper);
    if (hidden) wrapper.style.display = "none";
    if (moved) {
      const drawn = wrapper.transform.baseVal.consolidate()?.matrix ?? { e: 0, f: 0 };
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
    const line = moved && label.rank < 2 && leader(label.anchor, label.radius, box, rule);
    if (line) addLeader(wrapper.parentNode, line, ink ?? label.own);
  });
  return arranged;
}

// assets/modules/url.mjs
function allLayers(config) {
  return Object.values(config.layerGroups).flat();
}
function defaultState(config) {
  return {
    present: false,
    metric: config.defaults.metric,
    source: config.defaults.source,
    time: config.defaults.time,
    layers: allLayers(config),
    country: null,
    feature: null,
    view: config.defaults.view,
    extent: null,
    display: config.defaults.display
  };
}
function parseAddress(search, config) {
  const params = new URLSearchParams(search);
  const stepText = params.get("step") || "";
  const step = /^[1-9][0-9]*$/.test(stepText) ? Number(stepText) : NaN;
  if (params.get("present") === "1" && step >= 1 && step <= config.story.length) {
    return { present: true, step: step - 1, speaker: params.get("speaker") === "1" };
  }
  const state = defaultState(config);
  const metric = params.get("metric");
  if (Object.hasOwn(config.metrics, metric)) state.metric = metric;
  const source = params.get("source");
  if (config.sources.includes(source)) state.source = source;
  const time = params.get("time");
  if (config.times.includes(time)) state.time = time;
  if (params.has("layers")) {
    const asked = params.get("layers").split(",").filter(Boolean);
    if (asked.every((id) => state.layers.includes(id))) state.layers = state.layers.filter((id) => asked.includes(id));
  }
  const feature = params.get("feature");
  const country = params.get("country");
  if (Object.hasOwn(config.features, feature)) state.feature = feature;
  else if (config.maghreb.includes(country)) state.country = country;
  const view = params.get("view");
  if (Object.hasOwn(config.views, view)) state.view = view;
  if (params.has("extent")) {
    const box = params.get("extent").split(",").map((part) => part.trim() === "" ? NaN : Number(part));
    state.extent = extentFromBox(box, config.contract.bounds);
  }
  const display = params.get("display");
  if (config.displays.includes(display)) state.display = display;
  return state;
}
function formatAddress(state, config) {
  const params = new URLSearchParams();
  if (state.present) {
    params.set("present", "1");
    params.set("step", String(state.step + 1));
    if (state.speaker) params.set("speaker", "1");
  } else {
    const all = allLayers(config);
    const on = all.filter((id) => state.layers.includes(id));
    if (state.metric !== config.defaults.metric) params.set("metric", state.metric);
    if (state.source && state.source !== config.defaults.source) params.set("source", state.source);
    if (state.time && state.time !== config.defaults.time) params.set("time", state.time);
    if (on.length !== all.length) params.set("layers", on.join(","));
    if (state.country) params.set("country", state.country);
    if (state.feature) params.set("feature", state.feature);
    if (state.view !== config.defaults.view) params.set("view", state.view);
    if (state.extent) params.set("extent", boxOf(state.extent).join(","));
    if (state.display && state.display !== config.defaults.display) params.set("display", state.display);
  }
  const text = params.toString().replaceAll("%2C", ",").replaceAll("%2F", "/");
  return text ? "?" + text : "";
}
function writeAddress(history, location2, query, mode) {
  if (query === location2.search) return false;
  const target = query || location2.pathname;
  if (mode === "push") history.pushState(null, "", target);
  else history.replaceState(null, "", target);
  return true;
}

// assets/src/page.mjs
function newPage() {
  return {
    config: null,
    // Until the address has been applied, nothing writes it.
    applying: true,
    // The state the map last drew, and who waits for one.
    rendered: null,
    // The controls' values as last set or seen (may be ahead of the map).
    controls: null,
    waiting: [],
    // The extent the reader zoomed to, for the link; null when the view's own.
    extent: null,
    presenting: false,
    // The speaker view (?speaker=1): the room's step, notes, the next step's map, clocks.
    speaker: false,
    blanked: false,
    step: 0,
    // The talk both presenter windows share (modules/talk.mjs), kept in localStorage.
    talk: null,
    clock: null,
    flight: 0,
    frame: Promise.resolve(),
    hadFullscreen: false,
    // How the table is sorted: {column, direction}, or null for the data's order.
    tableSort: null,
    // While the presenter flies, labels wait for the arrival to be placed.
    flying: false,
    // plotly draws counted, the draw the labels were last placed on, and the
    // first draw that shows the latest patch (plotly draws after each).
    draws: 0,
    labelsPlacedOn: -1,
    drawsAwaited: 0,
    labelsDrawn: "",
    arranging: false,
    // The map's hover box: the place under the pointer, and the one whose box Escape dismissed.
    hovered: null,
    hoverDismissed: null,
    // Where the pointer was when plotly last saw it (client px): the hover box's way starts there.
    hoverFrom: null,
    // What the map's area shows: "map" or "table" (the "Show as" choice).
    display: null,
    // The room the map was last drawn for (mapRoom().key), and the canvas that measures its text.
    room: null,
    measuring: null,
    // The wrappers (plotly's <g> round each label's <text>) last moved or inked (modules/arrange.mjs).
    arrangedLabels: /* @__PURE__ */ new Set(),
    // Where a touch on the presenter's screen began (client px): a swipe steps.
    touch: { x: 0, y: 0 }
  };
}
function graph() {
  return document.querySelector("#map .js-plotly-plot");
}
function announce(text) {
  document.getElementById("announce").textContent = text;
}
function setTitle(page2, text) {
  document.title = text + page2.config.titleSuffix;
}
function setProps(id, props) {
  window.dash_clientside.set_props(id, props);
}
function shows(page2, target) {
  const drawn = page2.rendered;
  return Object.entries(target).every(([key, value]) => {
    if (key === "layers") return value.length === drawn.layers.length && value.every((id) => drawn.layers.includes(id));
    return JSON.stringify(value) === JSON.stringify(drawn[key]);
  });
}
function settled(page2, target) {
  if (shows(page2, target)) return Promise.resolve();
  return new Promise((resolve) => page2.waiting.push({ target, resolve }));
}
function afterRender(page2) {
  const ready = page2.waiting.filter((wait) => shows(page2, wait.target));
  if (!ready.length) return;
  page2.waiting = page2.waiting.filter((wait) => !ready.includes(wait));
  graph().once("plotly_react", () => ready.forEach((wait) => wait.resolve()));
}
function explorerAddress(page2) {
  const state = { ...page2.rendered, present: false, extent: page2.extent, display: page2.display };
  return formatAddress(state, page2.config);
}
function showState(page2, target) {
  const now = page2.controls;
  const differs = (key) => key in target && JSON.stringify(target[key]) !== JSON.stringify(now[key]);
  if (differs("metric")) setProps("metric", { data: target.metric });
  if (differs("source")) setProps("source", { data: target.source });
  if (differs("time")) setProps("time", { data: target.time });
  if (differs("highlight")) setProps("highlight", { data: target.highlight });
  if (differs("feature")) setProps("feature", { data: target.feature });
  if (differs("country")) setProps("country", { data: target.country });
  if (differs("view")) setProps("view", { data: target.view });
  if (differs("presenting")) setProps("presenting", { data: target.presenting });
  if ("layers" in target) {
    for (const [group, ids] of Object.entries(page2.config.layerGroups)) {
      const wanted = ids.filter((id) => target.layers.includes(id));
      const current = ids.filter((id) => now.layers.includes(id));
      if (JSON.stringify(wanted) !== JSON.stringify(current)) setProps("layers-" + group, { data: wanted });
    }
  }
  page2.controls = { ...now, ...target };
}

// assets/src/map.mjs
function frameSize(gd) {
  const size = gd._fullLayout._size;
  return { width: size.w, height: size.h };
}
function controlsBand(page2, gd) {
  const top = gd.getBoundingClientRect().y + gd._fullLayout._size.t;
  const bottoms = [...document.querySelectorAll(page2.config.contract.mapTopControls)].filter((element) => element.checkVisibility()).map((element) => element.getBoundingClientRect().bottom - top);
  return Math.max(0, ...bottoms);
}
function fitted(page2, extent) {
  const gd = graph();
  const { width, height } = frameSize(gd);
  return fitToFrame(extent, width, height, controlsBand(page2, gd));
}
function visibleExtent(page2) {
  const gd = graph();
  const projection = gd._fullLayout?.geo?._subplot?.projection;
  if (!projection) return null;
  const { width, height } = frameSize(gd);
  const top = controlsBand(page2, gd);
  const points = [[width / 2, (top + height) / 2], [0, height], [width, top]].map((xy) => projection.invert(xy));
  if (points.some((p) => !p || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) return null;
  const [centre, southWest, northEast] = points;
  const lonHalf = (northEast[0] - southWest[0]) / 2;
  const latHalf = (northEast[1] - southWest[1]) / 2;
  return extentFromBox(
    [centre[0] - lonHalf, centre[1] - latHalf, centre[0] + lonHalf, centre[1] + latHalf],
    page2.config.contract.bounds
  );
}
function flyTo(page2, extent, ms) {
  const gd = graph();
  const target = fitted(page2, extent);
  const from = visibleExtent(page2) || target;
  const duration = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : ms;
  const id = ++page2.flight;
  const start2 = performance.now();
  page2.flying = duration > 0;
  return new Promise((resolve) => {
    function frame(now) {
      if (id !== page2.flight) return resolve(false);
      const t = duration > 0 ? Math.min(1, (now - start2) / duration) : 1;
      if (t >= 1) page2.flying = false;
      const next = () => t < 1 ? requestAnimationFrame(frame) : resolve(id === page2.flight);
      window.Plotly.relayout(gd, extentLayout(between(from, target, t))).then(next, next);
    }
    requestAnimationFrame(frame);
  });
}
function resized() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => window.Plotly.Plots.resize(graph()).then(resolve, resolve));
  });
}
function legendShown() {
  return getComputedStyle(document.documentElement).getPropertyValue("--map-legend").trim() !== "off";
}
function phoneRoom() {
  return getComputedStyle(document.documentElement).getPropertyValue("--map-room").trim() === "phone";
}
function smallFrame(page2) {
  const { width, height } = document.getElementById("map-frame").getBoundingClientRect();
  const least = page2.config.contract.deskMapLeastPx;
  return width < least.width || height < least.height;
}
function mapRoom(page2) {
  const small = smallFrame(page2);
  const text = textRoom(page2);
  const legend = legendShown() && !small;
  const phone = phoneRoom() || small;
  return { legend, phone, text, key: `${legend} ${phone} ${text.spacing}` };
}
function textRoom(page2) {
  const gd = graph();
  const style = getComputedStyle(gd);
  const fontSize = parseFloat(style.fontSize);
  const em = (value) => value === "normal" ? 0 : parseFloat(value) / fontSize;
  const letters = em(style.letterSpacing);
  const words = em(style.wordSpacing);
  const family = gd._fullLayout?.font?.family ?? style.fontFamily;
  page2.measuring ??= document.createElement("canvas").getContext("2d");
  const context = page2.measuring;
  return {
    spaced: letters > 0 || words > 0,
    spacing: `${letters} ${words}`,
    width(text, size) {
      context.font = `${size}px ${family}`;
      context.letterSpacing = `${letters * size}px`;
      context.wordSpacing = `${words * size}px`;
      return context.measureText(text).width;
    }
  };
}
function fitLegendRoom(page2, gd) {
  const { showlegend, legend } = gd._fullLayout;
  const spaced = document.body.classList.contains("text-spaced") && showlegend;
  const extra = spaced ? Math.max(0, Math.ceil(legend?._height ?? 0) - page2.config.legendStripPx) : 0;
  document.body.style.setProperty("--legend-room", `${extra}px`);
}
function moveMap(page2, key) {
  const extent = visibleExtent(page2);
  const next = extent && keyedExtent(extent, key, page2.config.contract.mapKeys);
  if (!next) return false;
  const { bounds } = page2.config.contract;
  const box = extentFromBox([next.lon[0], next.lat[0], next.lon[1], next.lat[1]], bounds);
  if (box) {
    flyTo(page2, box, 0).then(() => {
      page2.extent = visibleExtent(page2);
      writeAddress(window.history, window.location, explorerAddress(page2), "replace");
    });
  }
  return true;
}
function onMapKey(page2, event) {
  if (event.target.id !== "map-figure" || page2.presenting || event.altKey || event.ctrlKey || event.metaKey) return;
  if (moveMap(page2, event.key)) event.preventDefault();
}
function zoomMap(page2, zoom) {
  if (zoom !== "fit") {
    moveMap(page2, page2.config.contract.mapKeys.keys[zoom][0]);
    return;
  }
  page2.extent = null;
  flyTo(page2, page2.config.views[page2.rendered.view], 0).then(() => {
    writeAddress(window.history, window.location, explorerAddress(page2), "replace");
  });
}

// assets/modules/presenter.mjs
function clampStep(index, count) {
  return Math.max(0, Math.min(count - 1, index));
}
function presenterAction(key, step, count, keys, onControl = false, inSpeakerView = false) {
  if (onControl && key.length === 1) return null;
  if (keys.leave.includes(key)) return inSpeakerView ? null : { leave: true };
  if (keys.speaker.includes(key)) return inSpeakerView ? null : { speaker: true };
  if (keys.blank.includes(key)) return { blank: true };
  let target = null;
  if (keys.next.includes(key)) target = step + 1;
  else if (keys.previous.includes(key)) target = step - 1;
  else if (keys.first.includes(key)) target = 0;
  else if (keys.last.includes(key)) target = count - 1;
  if (target === null) return null;
  target = clampStep(target, count);
  return target === step ? null : { go: target };
}
function stepState(step) {
  return { metric: step.metric, source: step.source, time: step.time, layers: step.layers.slice(), highlight: step.highlight.slice(), country: null, feature: null };
}
function counterText(index, count) {
  return `Step ${index + 1} of ${count}`;
}
function swipeDirection(dx, dy, minPx) {
  if (Math.abs(dx) < minPx || Math.abs(dx) <= Math.abs(dy)) return 0;
  return dx < 0 ? 1 : -1;
}
function speakerView(story, index) {
  const step = story[index];
  const next = story[index + 1];
  return {
    title: step.title,
    notes: step.notes || "No notes for this step.",
    next: next ? `${counterText(index + 1, story.length)}: ${next.title}` : "End of the story"
  };
}
function previewStep(index, count) {
  return index + 1 < count ? index + 1 : null;
}
function buttonAction(name, step, count, keys, inSpeakerView = false) {
  return keys[name] ? presenterAction(keys[name][0], step, count, keys, false, inSpeakerView) : null;
}
function formatElapsed(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1e3));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const two = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
function progressWidth(index, count) {
  return `${Math.round((index + 1) / count * 1e3) / 10}%`;
}

// assets/modules/news.mjs
function mapNews(changed, states, state, placeNews) {
  const metric = states[state.metric];
  const country = state.country ? ` ${metric.headlines[state.country]}` : "";
  if (changed.includes("feature") && state.feature) return placeNews[state.feature] ?? null;
  if (changed.includes("country") && state.country) return metric.headlines[state.country];
  if (changed.includes("metric")) return `${metric.title}. ${metric.subtitle}${country}`;
  if (changed.includes("source") || changed.includes("time")) return `${metric.subtitle}${country}`;
  return null;
}
function stepNews(index, story) {
  const step = story[index];
  return `${counterText(index, story.length)}: ${step.title}. ${step.text} ${step.credit}`;
}

// assets/modules/talk.mjs
function newTalk(step, now) {
  return { step, blanked: false, started: now, updated: now };
}
function readTalk(text, now, expiryMs, count) {
  let talk;
  try {
    talk = JSON.parse(text);
  } catch {
    return null;
  }
  if (!talk || typeof talk !== "object") return null;
  const { step, blanked, started, updated } = talk;
  if (!Number.isInteger(step) || step < 0 || step >= count || typeof blanked !== "boolean") return null;
  if (![started, updated].every(Number.isFinite) || started > now || now - updated > expiryMs) return null;
  return { step, blanked, started, updated };
}
function changeTalk(talk, change, now) {
  return { ...talk, ...change, updated: now };
}
function elapsedMs(talk, now) {
  return Math.max(0, now - talk.started);
}
function pacing(budgets, index, elapsed) {
  if (!budgets) return null;
  const planned = budgets.slice(0, index + 1).reduce((sum, ms) => sum + ms, 0);
  const left = planned - elapsed;
  const state = left >= 0 ? "on-track" : -left <= budgets[index] ? "behind" : "far-behind";
  const text = left >= 0 ? `${formatElapsed(left)} left for this step` : `${formatElapsed(-left)} over`;
  return { left, state, text };
}

// assets/src/talk.mjs
function storedTalk(page2) {
  const { contract, story } = page2.config;
  try {
    return readTalk(localStorage.getItem(contract.talkStorageKey), Date.now(), contract.timings.talkExpiryMs, story.length);
  } catch {
    return null;
  }
}
function storeTalk(page2, change) {
  if (change) page2.talk = changeTalk(storedTalk(page2) ?? page2.talk, change, Date.now());
  try {
    localStorage.setItem(page2.config.contract.talkStorageKey, JSON.stringify(page2.talk));
  } catch {
  }
}
function endTalk(page2) {
  page2.talk = null;
  try {
    localStorage.removeItem(page2.config.contract.talkStorageKey);
  } catch {
  }
}

// assets/modules/targets.mjs
function parseTarget(target, prefixes) {
  if (typeof target === "string") {
    for (const [kind, prefix] of Object.entries(prefixes)) {
      if (target.startsWith(prefix) && target.length > prefix.length) {
        return { kind, id: target.slice(prefix.length) };
      }
    }
  }
  return { kind: null, id: null };
}

// assets/modules/selection.mjs
var NONE = Object.freeze({ country: null, feature: null });
function changedIds(triggered) {
  return (triggered || []).map((t) => t.prop_id.split(".")[0]);
}
function resolveSelection(changed, country, feature) {
  if (changed.includes("feature") && feature != null) return { country: null, feature };
  if (country != null) return { country, feature: null };
  return { country: null, feature: feature ?? null };
}
function outlined(selection, highlight, prefixes) {
  if (selection.country || selection.feature) {
    return {
      countries: selection.country ? [selection.country] : [],
      features: selection.feature ? [selection.feature] : []
    };
  }
  const countries = [];
  const features = [];
  for (const target of highlight || []) {
    const { kind, id } = parseTarget(target, prefixes);
    if (kind === "country") countries.push(id);
    if (kind === "feature") features.push(id);
  }
  return { countries, features };
}
function selectionOf(target, prefixes) {
  const { kind, id } = parseTarget(target, prefixes);
  if (kind === "country") return { country: id, feature: null };
  if (kind === "feature") return { country: null, feature: id };
  return NONE;
}
function selectionFromClick(point, maghreb) {
  if (!point) return null;
  if (Array.isArray(point.customdata) && typeof point.customdata[1] === "string") {
    return { country: null, feature: point.customdata[1] };
  }
  if (maghreb.includes(point.location)) return { country: point.location, feature: null };
  return null;
}
function panelKey(selection, prefixes, overview) {
  if (selection.feature) return prefixes.feature + selection.feature;
  if (selection.country) return prefixes.country + selection.country;
  return overview;
}

// assets/src/speaker.mjs
function tickClocks(page2) {
  if (!page2.talk) return;
  const elapsed = elapsedMs(page2.talk, Date.now());
  setProps("speaker-elapsed", { children: formatElapsed(elapsed) });
  const cue = pacing(page2.config.pacing, page2.step, elapsed);
  setProps("speaker-pacing", { children: cue ? ` · ${cue.text}` : "", className: `speaker-pacing ${cue?.state ?? ""}` });
  setProps("speaker-time", { children: (/* @__PURE__ */ new Date()).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) });
}
function startClocks(page2) {
  tickClocks(page2);
  clearInterval(page2.clock);
  page2.clock = setInterval(() => tickClocks(page2), page2.config.contract.timings.clockTickMs);
}
async function drawPreview(page2, index) {
  const { story, contract } = page2.config;
  const box = document.getElementById("speaker-next-map");
  const next = previewStep(index, story.length);
  box.hidden = next === null;
  if (next === null) return;
  const step = story[next];
  const gd = graph();
  const figure = JSON.parse(JSON.stringify({ data: gd.data, layout: gd.layout }));
  const outline = outlined({ country: null, feature: null }, step.highlight, contract.targets);
  const state = { ...stepState(step), outline, presenting: true, legend: false, phone: true };
  applyPatch(figure, mapPatch(page2.config, state, figure.data));
  for (const trace of figure.data) if (trace.colorbar) trace.showscale = false;
  const { width, height } = box.getBoundingClientRect();
  const layout = { ...figure.layout, width, height, margin: { t: 0, r: 0, b: 0, l: 0 }, showlegend: false };
  await window.Plotly.react(box, figure.data, layout, { staticPlot: true });
  await window.Plotly.relayout(box, extentLayout(fitToFrame(step.extent, width, height)));
}
function openSpeakerView(page2) {
  const address = formatAddress({ present: true, step: page2.step, speaker: true }, page2.config);
  window.open(window.location.pathname + address, "dandelion-speaker", "popup,width=1280,height=800");
}

// assets/modules/choices.mjs
function groupValue(kind, checkedValues) {
  return kind === "checkbox" ? [...checkedValues] : checkedValues[0] ?? null;
}
function isChecked(value, current) {
  return Array.isArray(current) ? current.includes(value) : current === value;
}

// assets/modules/dismiss.mjs
function dismisses(type, key, inside2) {
  if (type === "keydown") return key === "Escape";
  if (type === "click" || type === "focusin") return !inside2;
  return false;
}
function inTriangle([ax, ay], [bx, by], [cx, cy], [px, py]) {
  const side = (x1, y1, x2, y2) => (px - x2) * (y1 - y2) - (x1 - x2) * (py - y2);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}
function holdsHover(from, box, point) {
  const { left, top, right, bottom } = box;
  const [x, y] = point;
  if (x >= left && x <= right && y >= top && y <= bottom) return true;
  const corners = [[left, top], [right, top], [right, bottom], [left, bottom]];
  return corners.some((corner, n) => corners.slice(n + 1).some((other) => inTriangle(from, corner, other, point)));
}

// assets/src/hover.mjs
function showHoverBox(page2, shown) {
  if (shown) page2.hoverDismissed = null;
  document.body.classList.toggle("hover-dismissed", !shown);
}
function dismissHoverBox(page2, event) {
  if (event.key !== "Escape" || !page2.hovered) return;
  const dismissed = page2.hovered;
  window.Plotly.Fx.unhover(graph());
  page2.hoverDismissed = dismissed;
  showHoverBox(page2, false);
}
function holdHoverBox(page2, event) {
  const box = page2.hovered ? graph().querySelector(".hoverlayer .hovertext") : null;
  const point = [event.clientX, event.clientY];
  if (box && page2.hoverFrom && holdsHover(page2.hoverFrom, box.getBoundingClientRect(), point)) {
    event.stopPropagation();
    return;
  }
  page2.hoverFrom = point;
}

// assets/src/controls.mjs
function buildChoices() {
  for (const fieldset of document.querySelectorAll("[data-choice]")) {
    const { choice, kind } = fieldset.dataset;
    for (const label of fieldset.querySelectorAll("label[data-value]")) {
      if (label.querySelector("input")) continue;
      const input = document.createElement("input");
      input.type = kind;
      input.name = choice;
      input.value = label.dataset.value;
      label.prepend(input);
    }
  }
}
function checkChoices(values) {
  for (const [group, current] of Object.entries(values)) {
    const fieldset = document.querySelector(`[data-choice="${CSS.escape(group)}"]`);
    const select = fieldset?.querySelector("select");
    if (select && current != null) select.value = current;
    for (const input of fieldset?.querySelectorAll("input") ?? []) input.checked = isChecked(input.value, current);
  }
}
function showChoices(page2, state) {
  const values = { metric: state.metric, source: state.source, time: state.time, country: state.country, view: state.view };
  for (const group of Object.keys(page2.config.layerGroups)) values["layers-" + group] = state.layers;
  checkChoices(values);
}
function onChoice(event) {
  const fieldset = event.target.closest?.("[data-choice]");
  if (!fieldset) return;
  if (fieldset.dataset.kind === "select") {
    setProps(fieldset.dataset.choice, { data: event.target.value });
    return;
  }
  const checked = [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
  setProps(fieldset.dataset.choice, { data: groupValue(fieldset.dataset.kind, checked) });
}
function onStepChoice(event) {
  const button = event.target.closest?.("[data-choice] button[data-step]");
  if (!button) return;
  const fieldset = button.closest("[data-choice]");
  const select = fieldset.querySelector("select");
  const index = select.selectedIndex + Number(button.dataset.step);
  if (index < 0 || index >= select.options.length) return;
  select.selectedIndex = index;
  setProps(fieldset.dataset.choice, { data: select.value });
}
function onSkip(event) {
  const link = event.target.closest?.("a.skip-link");
  if (!link) return;
  event.preventDefault();
  const target = document.querySelector(link.getAttribute("href"));
  setProps("display", { data: target.id === "table-frame" ? "table" : "map" });
  const focus = () => target.hidden ? requestAnimationFrame(focus) : target.focus();
  focus();
}
function onMark(page2, event) {
  const mark = event.target.closest?.("#briefing-text mark[data-target], #places button[data-target]");
  if (!mark || event.type === "keydown" && (mark.tagName === "BUTTON" || event.key !== "Enter" && event.key !== " ")) {
    return;
  }
  event.preventDefault();
  const selection = selectionOf(mark.getAttribute("data-target"), page2.config.contract.targets);
  setProps("country", { data: selection.country });
  setProps("feature", { data: selection.feature });
}
function openControls() {
  const sheet = document.getElementById("controls");
  document.body.classList.add("controls-open");
  sheet.setAttribute("role", "dialog");
  sheet.setAttribute("aria-modal", "true");
  for (const element of sheet.parentElement.children) element.inert = element !== sheet;
  document.getElementById("controls-button").setAttribute("aria-expanded", "true");
  (sheet.querySelector("[data-choice] input:checked") || sheet.querySelector("input, select"))?.focus();
}
function closeControls() {
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
function showPanelSheet(page2, open) {
  const body = document.body;
  if (open && !body.classList.contains("panel-sheet")) {
    const focused = document.activeElement;
    page2.panelReturn = focused && focused !== body && !focused.closest("#country-panel") ? focused : null;
  }
  body.classList.toggle("panel-sheet", open);
}
function closePanelSheet(page2, returnFocus) {
  if (!document.body.classList.contains("panel-sheet")) return;
  showPanelSheet(page2, false);
  if (!returnFocus) return;
  const back = page2.panelReturn?.isConnected && page2.panelReturn.checkVisibility() ? page2.panelReturn : null;
  (back || document.getElementById("map-figure")).focus();
}
function onPopupEvent(page2, event) {
  const { type, key, target } = event;
  const menu = document.getElementById("download");
  if (menu?.open && dismisses(type, key, menu.contains(target))) {
    menu.open = false;
    if (type === "keydown") menu.querySelector("summary").focus();
  }
  if (document.body.classList.contains("controls-open")) {
    const inside2 = target.closest?.("#controls, #controls-button");
    if (type !== "focusin" && dismisses(type, key, Boolean(inside2))) closeControls();
    return;
  }
  const ownsPanel = Boolean(target.closest?.("#country-panel, #controls, #controls-button"));
  if (document.body.classList.contains("panel-sheet") && dismisses(type, key, ownsPanel)) {
    closePanelSheet(page2, type === "keydown");
    return;
  }
  if (type === "keydown") dismissHoverBox(page2, event);
}

// assets/src/presenter.mjs
function enterPresenter(page2, index, speaker = false, resume = true) {
  page2.presenting = true;
  page2.speaker = speaker;
  setProps("display", { data: "map" });
  showPanelSheet(page2, false);
  document.body.classList.add("presenting");
  document.body.classList.toggle("speaker", speaker);
  document.getElementById("story-card").focus();
  mapKeysDescribed(false);
  const root = document.documentElement;
  if (!speaker && root.requestFullscreen && !document.fullscreenElement) root.requestFullscreen().catch(() => {
  });
  const kept = resume ? storedTalk(page2) : null;
  const start2 = clampStep(index, page2.config.story.length);
  page2.talk = kept ? speaker ? kept : changeTalk(kept, { step: start2 }, Date.now()) : newTalk(start2, Date.now());
  if (!speaker || !kept) storeTalk(page2);
  setBlanked(page2, page2.talk.blanked);
  if (speaker) startClocks(page2);
  page2.frame = resized();
  goToStep(page2, page2.talk.step, 0);
}
function mapKeysDescribed(described) {
  const figure = document.getElementById("map-figure");
  const ids = figure.getAttribute("aria-describedby").split(" ").filter((id) => id !== "map-keys");
  figure.setAttribute("aria-describedby", [...ids, ...described ? ["map-keys"] : []].join(" "));
}
function leavePresenter(page2) {
  if (!page2.presenting) return;
  page2.presenting = false;
  page2.flight++;
  setBlanked(page2, false);
  clearInterval(page2.clock);
  if (!page2.speaker) endTalk(page2);
  document.body.classList.remove("presenting", "speaker");
  document.body.removeAttribute("data-step");
  mapKeysDescribed(true);
  announce(`Left the presentation. ${metricStates(page2.config, page2.controls.source, page2.controls.time)[page2.controls.metric]?.title ?? ""}`);
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {
  });
  showState(page2, { presenting: false, highlight: [] });
  resized();
}
function onStorage(page2, event) {
  if (!page2.presenting || event.key !== page2.config?.contract.talkStorageKey) return;
  const talk = storedTalk(page2);
  if (!talk) return;
  page2.talk = talk;
  if (talk.step !== page2.step) goToStep(page2, talk.step);
  if (talk.blanked !== page2.blanked) setBlanked(page2, talk.blanked);
  if (page2.speaker) tickClocks(page2);
}
function goToStep(page2, index, ms) {
  const { story, contract } = page2.config;
  const step = story[index];
  const state = stepState(step);
  page2.step = index;
  const started = performance.now();
  document.body.removeAttribute("data-step");
  setProps("story-counter", { children: counterText(index, story.length) });
  setProps("story-title", { children: step.title });
  setTitle(page2, step.title);
  announce(stepNews(index, story));
  setProps("story-text", { children: step.text });
  setProps("story-source", { children: step.credit });
  setProps("story-progress-bar", { style: { width: progressWidth(index, story.length) } });
  if (page2.speaker) {
    const view = speakerView(story, index);
    setProps("story-notes", { children: view.notes });
    setProps("story-next", { children: view.next });
    tickClocks(page2);
  }
  const shown = { ...state, presenting: true };
  showState(page2, shown);
  const address = formatAddress({ present: true, step: index, speaker: page2.speaker }, page2.config);
  writeAddress(window.history, window.location, address, "push");
  Promise.all([settled(page2, shown), page2.frame]).then(() => page2.step === index && page2.presenting ? flyTo(page2, step.extent, ms ?? contract.timings.flightMs) : false).then((arrived) => {
    if (!arrived || page2.step !== index || !page2.presenting) return;
    window.dandelion.lastStepMs = performance.now() - started;
    return (page2.speaker ? drawPreview(page2, index) : Promise.resolve()).finally(() => {
      if (page2.step === index && page2.presenting) document.body.setAttribute("data-step", step.id);
    });
  });
}
function setBlanked(page2, blanked) {
  page2.blanked = blanked;
  document.body.classList.toggle("blanked", blanked && !page2.speaker);
  document.body.toggleAttribute("data-blanked", blanked);
}
function doPresenterAction(page2, action) {
  if (action.leave) {
    leavePresenter(page2);
    writeAddress(window.history, window.location, explorerAddress(page2), "push");
    document.getElementById("present-button")?.focus();
  } else if (action.speaker) {
    openSpeakerView(page2);
  } else if (action.blank) {
    setBlanked(page2, !page2.blanked);
    storeTalk(page2, { blanked: page2.blanked });
  } else {
    goToStep(page2, action.go);
    storeTalk(page2, { step: action.go });
  }
}
var CONTROLS = "button, a[href], input, select, textarea, summary, [role='button'], [contenteditable]";
function onPresenterKey(page2, event) {
  if (!page2.presenting || event.altKey || event.ctrlKey || event.metaKey) return;
  const onControl = Boolean(event.target.closest?.(CONTROLS));
  const { story, contract } = page2.config;
  const action = presenterAction(event.key, page2.step, story.length, contract.keys, onControl, page2.speaker);
  const ours = action || !onControl && Object.values(contract.keys).some((keys) => keys.includes(event.key));
  if (ours) event.preventDefault();
  if (action) doPresenterAction(page2, action);
}
function onStepButton(page2, event) {
  const button = event.target.closest?.("#story-card [data-step-action], #speaker-restart");
  if (!button || !page2.presenting) return;
  if (button.id === "speaker-restart") {
    storeTalk(page2, { started: Date.now() });
    tickClocks(page2);
    return;
  }
  const { story, contract } = page2.config;
  const action = buttonAction(button.dataset.stepAction, page2.step, story.length, contract.keys, page2.speaker);
  if (action) doPresenterAction(page2, action);
}
function onPointerDown(page2, event) {
  if (event.pointerType !== "touch" || !page2.presenting) return;
  page2.touch.x = event.clientX;
  page2.touch.y = event.clientY;
}
function onPointerUp(page2, event) {
  if (event.pointerType !== "touch" || !page2.presenting) return;
  const direction = swipeDirection(event.clientX - page2.touch.x, event.clientY - page2.touch.y, page2.config.contract.swipeMinPx);
  const target = clampStep(page2.step + direction, page2.config.story.length);
  if (direction && target !== page2.step) doPresenterAction(page2, { go: target });
}

// assets/src/address.mjs
function applyAddress(page2, search) {
  const target = parseAddress(search, page2.config);
  page2.applying = true;
  if (target.present) {
    enterPresenter(page2, target.step, target.speaker);
    page2.applying = false;
    return Promise.resolve();
  }
  leavePresenter(page2);
  if (target.display !== page2.display) {
    page2.display = target.display;
    setProps("display", { data: target.display });
  }
  const drawn = {
    metric: target.metric,
    source: target.source,
    time: target.time,
    layers: target.layers,
    country: target.country,
    feature: target.feature,
    view: target.view,
    highlight: [],
    presenting: false
  };
  showState(page2, drawn);
  page2.extent = target.extent;
  const extent = target.extent || page2.config.views[target.view];
  return settled(page2, drawn).then(() => flyTo(page2, extent, 0)).then(() => {
    page2.applying = false;
    setTitle(page2, page2.config.metrics[page2.rendered.metric].title);
    writeAddress(window.history, window.location, explorerAddress(page2), "replace");
  });
}

// assets/modules/table.mjs
function nextSort(current, column, textColumn) {
  if (current && current.column === column) {
    return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
  }
  return { column, direction: column === textColumn ? "ascending" : "descending" };
}
function sortedKeys(rows, direction) {
  const sign = direction === "ascending" ? 1 : -1;
  const compare = (a, b) => {
    if (a.sort === "" || b.sort === "") return (a.sort === "") - (b.sort === "");
    const [x, y] = [Number(a.sort), Number(b.sort)];
    const order = Number.isNaN(x) || Number.isNaN(y) ? a.sort.localeCompare(b.sort) : x - y;
    return sign * order;
  };
  return [...rows].sort(compare).map((row) => row.key);
}

// assets/src/table.mjs
function showTable(page2, source, time) {
  const { table } = selectionState(page2.config, source, time);
  setProps("data-table-caption", { children: table.caption });
  setProps("data-table-body", { children: table.rows });
  page2.tableSort = null;
  for (const header of document.querySelectorAll("#data-table thead th")) header.removeAttribute("aria-sort");
}
function markTableMetric(metric) {
  for (const cell of document.querySelectorAll("#data-table [data-metric]")) {
    cell.classList.toggle("is-current", cell.dataset.metric === metric);
  }
}
function onSort(page2, event) {
  const button = event.target.closest?.("#data-table button[data-sort-by]");
  if (!button) return;
  const column = button.dataset.sortBy;
  page2.tableSort = nextSort(page2.tableSort, column, page2.config.tableTextColumn);
  const body = document.getElementById("data-table-body");
  const rows = [...body.rows].map((row, key) => {
    const cell = column === page2.config.tableTextColumn ? row.cells[0] : row.querySelector(`td[data-metric="${column}"]`);
    return { key, sort: cell.dataset.sort, row };
  });
  for (const key of sortedKeys(rows, page2.tableSort.direction)) body.append(rows[key].row);
  for (const header of document.querySelectorAll("#data-table thead th")) header.removeAttribute("aria-sort");
  button.parentElement.setAttribute("aria-sort", page2.tableSort.direction);
}

// assets/src/callbacks.mjs
function render(page2, metric, country, feature, view, highlight, presenting, ...rest) {
  const figure = rest.pop();
  const time = rest.pop();
  const source = rest.pop();
  const noUpdate = window.dash_clientside.no_update;
  if (!page2.rendered) return [noUpdate, noUpdate, noUpdate];
  const config = page2.config;
  const changed = changedIds(window.dash_clientside.callback_context.triggered);
  const selection = resolveSelection(changed, country, feature);
  const layers = rest.flatMap((values) => values || []);
  showChoices(page2, { metric, source, time, view, layers, ...selection });
  const chosen = page2.rendered && (page2.rendered.source !== source || page2.rendered.time !== time);
  if (chosen) showTable(page2, source, time);
  const state = {
    metric,
    source,
    time,
    outline: outlined(selection, highlight, config.contract.targets),
    layers,
    presenting,
    ...mapRoom(page2)
  };
  page2.room = state.key;
  document.body.classList.toggle("text-spaced", state.text.spaced);
  const assignments = mapPatch(config, state, figure.data);
  markTableMetric(metric);
  if (!assignments) return [noUpdate, noUpdate, noUpdate, noUpdate];
  if (changed.includes("view") && config.views[view] && !page2.presenting && !page2.applying) {
    page2.extent = null;
    assignments.push(...extentPatch(fitted(page2, config.views[view]), view));
  }
  const patch = new window.dash_clientside.Patch();
  for (const [path, value] of assignments) patch.assign(path, value);
  page2.drawsAwaited = page2.draws + 1;
  page2.rendered = { metric, source, time, layers, view, highlight: highlight || [], presenting: Boolean(presenting), ...selection };
  page2.controls = { ...page2.rendered };
  afterRender(page2);
  if (!page2.applying && !page2.presenting) writeAddress(window.history, window.location, explorerAddress(page2), "push");
  if (!page2.presenting) setTitle(page2, config.metrics[metric].title);
  const news = !page2.presenting && mapNews(changed, metricStates(config, source, time), { metric, ...selection }, config.placeNews);
  if (news) announce(news);
  const { title, subtitle, description } = metricStates(config, source, time)[metric];
  return [patch.build(), title, subtitle, description];
}
function showPanel(page2, country, feature) {
  const noUpdate = window.dash_clientside.no_update;
  if (!page2.config) return [noUpdate, noUpdate, noUpdate];
  const { panels, contract } = page2.config;
  const changed = changedIds(window.dash_clientside.callback_context.triggered);
  const selection = resolveSelection(changed, country, feature);
  const key = panelKey(selection, contract.targets, contract.overview);
  if (!page2.presenting) showPanelSheet(page2, phoneRoom() && key !== contract.overview && key in panels);
  return [
    panels[key] ?? panels[contract.overview],
    selection.country !== (country ?? null) ? selection.country : noUpdate,
    selection.feature !== (feature ?? null) ? selection.feature : noUpdate
  ];
}
function selectFromMap(page2, clickData) {
  const noUpdate = window.dash_clientside.no_update;
  const selection = selectionFromClick(clickData?.points?.[0], page2.config.maghreb);
  return selection ? [selection.country, selection.feature] : [noUpdate, noUpdate];
}
function focusText(page2, country, feature) {
  if (!page2.config) return window.dash_clientside.no_update;
  const { targets } = page2.config.contract;
  const target = feature ? targets.feature + feature : country ? targets.country + country : null;
  for (const element of document.querySelectorAll("#briefing-text .is-current")) {
    element.classList.remove("is-current");
    element.removeAttribute("aria-current");
  }
  if (!target) return null;
  const marks = document.querySelectorAll(`#briefing-text [data-target="${CSS.escape(target)}"]`);
  for (const mark of marks) {
    mark.classList.add("is-current");
    mark.setAttribute("aria-current", "true");
    mark.parentElement.classList.add("is-current");
  }
  if (marks.length) {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const text = document.getElementById("briefing-text");
    const [box, at] = [text.getBoundingClientRect(), marks[0].getBoundingClientRect()];
    text.scrollBy({ top: at.top - box.top - (box.height - at.height) / 2, behavior: smooth ? "smooth" : "auto" });
  }
  return target;
}
function showDisplay(page2, display) {
  const table = display === "table";
  checkChoices({ display });
  const chosen = display !== page2.display;
  page2.display = display;
  if (chosen && !page2.applying && !page2.presenting) writeAddress(window.history, window.location, explorerAddress(page2), "push");
  return [table ? "map-frame showing-table" : "map-frame", !table];
}
function toggleSidePanel(clicks) {
  const hidden = clicks % 2 === 1;
  return [hidden ? "content side-hidden" : "content", hidden ? "Show panel" : "Hide panel", String(!hidden)];
}
function clientsideCallbacks(page2) {
  return {
    showDisplay: (display) => showDisplay(page2, display),
    showPanel: (country, feature) => showPanel(page2, country, feature),
    render: (...values) => render(page2, ...values),
    selectFromMap: (clickData) => selectFromMap(page2, clickData),
    focusText: (country, feature) => focusText(page2, country, feature),
    toggleSidePanel
  };
}

// assets/modules/embed.mjs
function embedHeight(width, rule) {
  const ratio = width < rule.narrowPx ? rule.narrowRatio : rule.ratio;
  return Math.round(Math.min(rule.maxPx, Math.max(rule.minPx, width * ratio)));
}
function heightMessage(width, rule) {
  return { type: rule.messageType, height: embedHeight(width, rule) };
}
var escapeAttribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
function embedCode(src, title, origin, rule) {
  const start2 = embedHeight(rule.startWidthPx, rule);
  const frame = `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${start2}" style="border: 0; width: 100%;" loading="lazy" allow="fullscreen" data-dandelion-embed></iframe>`;
  const script = [
    "<script>",
    'window.addEventListener("message", function (event) {',
    `  if (event.origin !== ${JSON.stringify(origin)} || !event.data || event.data.type !== ${JSON.stringify(rule.messageType)}) return;`,
    '  document.querySelectorAll("iframe[data-dandelion-embed]").forEach(function (frame) {',
    '    if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";',
    "  });",
    "});",
    // Split: this module may be inlined into a page's own <script>.
    "<\/script>"
  ];
  return [frame, ...script].join("\n");
}

// assets/modules/image.mjs
function imageSize(kind, screen, minimum) {
  return {
    format: kind.format,
    width: Math.round(kind.width ?? Math.max(screen.width, minimum.width)),
    height: Math.round(kind.height ?? Math.max(screen.height, minimum.height)),
    scale: kind.scale
  };
}
function imageFileName(metric, kindId, format) {
  return `dandelion-${metric}-${kindId}.${format}`;
}
function wrapText(text, width) {
  const lines = [];
  for (const word of text.split(" ")) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && last.length + 1 + word.length <= width) lines[lines.length - 1] = last + " " + word;
    else lines.push(word);
  }
  return lines;
}
function imageFigure(figure, texts, size, frame, seen, legendHeight = 0) {
  const layout = JSON.parse(JSON.stringify(figure.layout));
  const fits = (fontSize) => Math.floor((size.width - 2 * frame.side) / (0.55 * fontSize));
  const credit = texts.credit.flatMap((line) => wrapText(line, fits(frame.credit)));
  const title = wrapText(texts.title, fits(frame.title));
  const subtitle = wrapText(texts.subtitle, fits(frame.subtitle));
  const creditHeight = credit.length * frame.creditLine + frame.bottom;
  const font = layout.font || {};
  layout.width = size.width;
  layout.height = size.height;
  layout.paper_bgcolor = "#ffffff";
  layout.showlegend = true;
  const extraLines = (title.length - 1) * frame.title + (subtitle.length - 1) * frame.subtitle;
  layout.margin = { t: frame.top + extraLines * 1.3, l: frame.side, r: frame.side, b: legendHeight + creditHeight };
  layout.legend = { ...layout.legend, orientation: "h", x: 0, xanchor: "left", y: 0, yanchor: "top" };
  layout.title = {
    text: `<b>${title.join("<br>")}</b>`,
    font: { ...font, size: frame.title },
    subtitle: { text: subtitle.join("<br>"), font: { ...font, size: frame.subtitle } },
    x: frame.side,
    xref: "container",
    xanchor: "left",
    y: 1,
    yref: "container",
    yanchor: "top",
    pad: { t: frame.side }
  };
  if (seen) {
    const { t, l, r, b } = layout.margin;
    applyPatch({ layout }, extentPatch(fitToFrame(seen, size.width - l - r, size.height - t - b), layout.uirevision));
  }
  layout.annotations = [...layout.annotations || [], {
    text: credit.join("<br>"),
    showarrow: false,
    align: "left",
    xref: "paper",
    x: 0,
    xanchor: "left",
    yref: "paper",
    y: 0,
    yanchor: "top",
    yshift: -legendHeight - frame.bottom / 2,
    font: { ...font, size: frame.credit }
  }];
  return { data: JSON.parse(JSON.stringify(figure.data)), layout };
}

// assets/src/downloads.mjs
function say(text) {
  document.getElementById("link-status").textContent = text;
}
function save(url, name) {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}
async function drawImage(page2, kindId) {
  const { images, contract, labels } = page2.config;
  const kind = images.kinds[kindId];
  const metrics = metricStates(page2.config, page2.rendered.source, page2.rendered.time);
  const gd = graph();
  const screen = { width: gd._fullLayout.width, height: gd._fullLayout.height };
  const size = imageSize(kind, screen, images.minSize);
  const metric = page2.rendered.metric;
  const shown = JSON.parse(JSON.stringify({ data: gd.data, layout: gd.layout }));
  if (kind.presenting) {
    const { highlight, ...rendered } = page2.rendered;
    const state = {
      ...rendered,
      outline: outlined(rendered, highlight, contract.targets),
      presenting: true,
      legend: true,
      phone: false
    };
    applyPatch(shown, mapPatch(page2.config, state, shown.data));
  }
  const scratch = document.createElement("div");
  scratch.style.cssText = `position: fixed; left: -${size.width + 100}px; top: 0; width: ${size.width}px;`;
  document.body.appendChild(scratch);
  let svg;
  try {
    const seen = visibleExtent(page2);
    const first = imageFigure(shown, metrics[metric], size, kind.frame, seen);
    await window.Plotly.newPlot(scratch, first.data, first.layout, { staticPlot: true });
    const legendHeight = Math.ceil(scratch._fullLayout.legend?._height || 0);
    const framed = imageFigure(shown, metrics[metric], size, kind.frame, seen, legendHeight);
    await window.Plotly.react(scratch, framed.data, framed.layout, { staticPlot: true });
    const pixelAt = await unlabelledMap(scratch).catch(() => () => null);
    inkInline(placeLabelsOn(scratch, pixelAt, { parts: contract.parts, rule: labels }));
    svg = window.Plotly.Snapshot.toSVG(scratch, size.format, size.scale);
  } finally {
    window.Plotly.purge(scratch);
    scratch.remove();
  }
  const url = size.format === "svg" ? `data:image/svg+xml,${encodeURIComponent(svg)}` : await window.Plotly.Snapshot.svgToImg({
    svg,
    format: size.format,
    width: size.width,
    height: size.height,
    scale: size.scale,
    canvas: document.createElement("canvas"),
    promise: true
  });
  return { url, name: imageFileName(metric, kindId, size.format) };
}
function downloadImage(page2, kindId) {
  say(page2.config.images.messages.drawing);
  return drawImage(page2, kindId).then(
    ({ url, name }) => {
      save(url, name);
      say(page2.config.images.messages.saved + name);
    },
    (error) => say(page2.config.images.messages.failed + error)
  );
}
function copyText(text, done) {
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => say(done), () => say(text));
  } else {
    say(text);
  }
}
function onMenuToggle(page2, event) {
  if (event.target.id !== "download" || !event.target.open) return;
  const { embed, metrics } = page2.config;
  const src = new URL(window.location.pathname + explorerAddress(page2), window.location.href).href;
  const title = metrics[page2.rendered.metric].title + page2.config.titleSuffix;
  document.getElementById("embed-code").value = embedCode(src, title, window.location.origin, embed);
}
function tellHostHeight(page2) {
  if (window.parent === window) return;
  window.parent.postMessage(heightMessage(document.documentElement.clientWidth, page2.config.embed), "*");
}

// assets/src/labels.mjs
async function arrangeLabels(page2) {
  const gd = graph();
  if (!page2.config || !gd?._fullLayout?._size || page2.flying) return;
  const started = performance.now();
  const draw = page2.draws;
  const pixelAt = await unlabelledMap(gd).catch(() => () => null);
  if (draw !== page2.draws || page2.flying) return;
  restoreLabels(gd, page2.arrangedLabels);
  const { labels, contract } = page2.config;
  page2.arrangedLabels = placeLabelsOn(gd, pixelAt, { parts: contract.parts, rule: labels, overMap: labels.overMap });
  page2.labelsPlacedOn = draw;
  page2.labelsDrawn = labelsAsDrawn(gd);
  page2.labelsMs = performance.now() - started;
}
function labelsAsDrawn(gd) {
  return [...gd.querySelectorAll(".geolayer .trace.scattergeo text[data-unformatted]")].map((text) => `${text.textContent} ${text.getAttribute("transform")} ${text.parentNode.getAttribute("transform")}`).join("|");
}
function revealWhenPlaced() {
  if (window.dandelion.labelsPlaced) {
    document.querySelector(".first-paint")?.remove();
  } else {
    requestAnimationFrame(revealWhenPlaced);
  }
}

// assets/src/dandelion.mjs
var startAddress = window.location.search;
var page = newPage();
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.dandelion = clientsideCallbacks(page);
window.dandelionCallbacks = true;
window.dandelionStartDash?.();
function onButton(page2, event) {
  const image = event.target.closest?.("#download [data-image]");
  if (image) {
    const menu = image.closest("details");
    menu.open = false;
    menu.querySelector("summary").focus();
    downloadImage(page2, image.getAttribute("data-image"));
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
    else closePanelSheet(page2, true);
    return;
  }
  const zoom = event.target.closest?.(".map-zoom [data-zoom]");
  if (zoom) {
    zoomMap(page2, zoom.dataset.zoom);
    return;
  }
  const button = event.target.closest?.("#present-button, #copy-link, #speaker-button, #copy-embed");
  if (!button) return;
  if (button.id === "copy-embed") {
    copyText(document.getElementById("embed-code").value, "Embed code copied");
    return;
  }
  if (button.id === "present-button") {
    enterPresenter(page2, 0, false, false);
    return;
  }
  if (button.id === "speaker-button") {
    openSpeakerView(page2);
    return;
  }
  copyText(location.href, "Link copied");
}
function start(page2) {
  const gd = graph();
  gd.on("plotly_afterplot", () => {
    page2.draws += 1;
    fitLegendRoom(page2, gd);
    if (page2.arranging) return;
    page2.arranging = true;
    requestAnimationFrame(() => {
      page2.arranging = false;
      arrangeLabels(page2);
    });
  });
  arrangeLabels(page2);
  document.getElementById("map").setAttribute("aria-hidden", "true");
  document.getElementById("js-plotly-tester")?.setAttribute("aria-hidden", "true");
  if (!mapRoom(page2).legend) {
    page2.drawsAwaited = page2.draws + 1;
    setProps("presenting", { data: false });
  }
  gd.addEventListener("mousemove", (event) => holdHoverBox(page2, event), true);
  gd.on("plotly_hover", (event) => {
    const point = event.points?.[0];
    page2.hovered = point ? `${point.curveNumber} ${point.pointNumber}` : null;
    if (page2.hoverDismissed !== page2.hovered) showHoverBox(page2, true);
  });
  gd.on("plotly_unhover", () => {
    page2.hovered = null;
    showHoverBox(page2, true);
  });
  gd.on("plotly_relayout", (update) => {
    if (page2.applying || page2.presenting || update["geo.lonaxis.range"]) return;
    if (!("geo.projection.scale" in update || "geo.center.lon" in update)) return;
    page2.extent = visibleExtent(page2);
    writeAddress(window.history, window.location, explorerAddress(page2), "replace");
  });
  window.addEventListener("popstate", () => applyAddress(page2, window.location.search));
  const redraw = () => {
    if (mapRoom(page2).key !== page2.room) setProps("presenting", { data: page2.controls.presenting });
  };
  new MutationObserver(redraw).observe(document.head, { childList: true, subtree: true, characterData: true });
  new MutationObserver(redraw).observe(document.documentElement, { attributes: true, attributeFilter: ["style"] });
  tellHostHeight(page2);
  window.addEventListener("resize", () => tellHostHeight(page2));
  let resizing = null;
  window.addEventListener("resize", () => {
    if (!phoneRoom()) {
      closeControls();
      showPanelSheet(page2, false);
    }
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      redraw();
      if (page2.extent || page2.applying) return;
      const { story, views } = page2.config;
      flyTo(page2, page2.presenting ? story[page2.step].extent : views[page2.rendered.view], 0);
      if (page2.speaker && page2.presenting) drawPreview(page2, page2.step);
    }, page2.config.contract.timings.resizeSettleMs);
  });
  applyAddress(page2, startAddress).then(revealWhenPlaced, revealWhenPlaced);
  watchData(page2);
}
async function watchData(page2) {
  if (!page2.config.dataStatusPath) return;
  let status;
  try {
    const response = await fetch(page2.config.dataStatusPath, { cache: "no-store" });
    if (!response.ok) return;
    status = await response.json();
  } catch {
    return;
  }
  const notice = dataNotice(status, page2.config.dataVersion, page2.config.dataNotices);
  const element = document.getElementById("data-notice");
  element.hidden = !notice;
  if (notice) {
    element.querySelector(".data-notice-text").textContent = notice.text;
    element.querySelector("button").hidden = !notice.reload;
  }
  setTimeout(() => watchData(page2), page2.config.contract.timings.dataPollMs);
}
function whenReady(page2) {
  const gd = graph();
  const script = document.getElementById("dandelion-config");
  const drawn = gd?.querySelector(".geo .layer.land path");
  if (!(script && drawn && window.dash_clientside?.set_props)) {
    requestAnimationFrame(() => whenReady(page2));
    return;
  }
  page2.config = JSON.parse(script.textContent);
  page2.rendered = { ...defaultState(page2.config), highlight: [], presenting: false };
  delete page2.rendered.present;
  delete page2.rendered.extent;
  page2.controls = { ...page2.rendered };
  page2.display = page2.config.defaults.display;
  buildChoices();
  showChoices(page2, page2.rendered);
  checkChoices({ display: page2.display });
  markTableMetric(page2.rendered.metric);
  start(page2);
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
window.dandelion = {
  visibleExtent: () => visibleExtent(page),
  // Have the labels been placed on plotly's latest draw, which shows the latest patch?
  // (Not while the frame has a new size: plotly redraws at it, the labels as it first puts them.)
  get labelsPlaced() {
    return page.labelsPlacedOn === page.draws && page.draws >= page.drawsAwaited && !page.flying && labelsAsDrawn(graph()) === page.labelsDrawn && window.dandelion_components.drawnAtSize(graph());
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
  }
};
if (document.getElementById("react-entry-point")) whenReady(page);
export {
  applyPatch,
  extentLayout,
  fitToFrame,
  mapPatch,
  placeLabelsOn,
  unlabelledMap
};
