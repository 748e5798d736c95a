/* Map extents: {lon: [west, east], lat: [south, north]} in degrees (EPSG:4326). */

export function mid(range) {
  return (range[0] + range[1]) / 2;
}

const RAD = Math.PI / 180;
// A longitude in [-180, 180).
const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;

/** The map's projection (the figure's layout.geo.projection, as Python sends
 * it: conic equal area with its two standard parallels and a rotation) as
 * plotly's (d3's) projection draws it before scaling: `forward` from [lon,
 * lat] in degrees to [x, y] at unit scale, y down, and `invert` back. */
export function projectionOf({type, parallels, rotation}) {
  if (type !== "conic equal area") throw new Error(`the map's fit knows conic equal area, not ${type}`);
  const [phi0, phi1] = parallels.map((value) => value * RAD);
  const n = (Math.sin(phi0) + Math.sin(phi1)) / 2;
  const c = 1 + Math.sin(phi0) * (2 * n - Math.sin(phi0));
  const r0 = Math.sqrt(c) / n;
  const centre = rotation?.lon ?? 0;
  return {
    forward: ([lon, lat]) => {
      const lambda = wrap(lon - centre) * RAD * n;
      const r = Math.sqrt(c - 2 * n * Math.sin(lat * RAD)) / n;
      return [r * Math.sin(lambda), r * Math.cos(lambda) - r0];
    },
    invert: ([x, y]) => {
      const r0y = r0 + y;
      const lambda = Math.atan2(x, Math.abs(r0y)) * Math.sign(r0y);
      const phi = Math.asin((c - (x * x + r0y * r0y) * n * n) / (2 * n));
      return [wrap(lambda / n / RAD + centre), phi / RAD];
    },
  };
}

// plotly draws the map inside its lon/lat ranges as a polygon, pulled in by
// this much (degrees), whose sides are great circles through these points.
const RANGE_PAD = 0.001;
const SIDE_POINTS = 6;

/* A point a share t of the way along the great circle from a to b ([lon, lat] in degrees). */
function alongGreatCircle(a, b, t) {
  const vector = ([lon, lat]) => [Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD),
    Math.sin(lat * RAD)];
  const [u, v] = [vector(a), vector(b)];
  const angle = Math.acos(Math.min(1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2]));
  if (angle < 1e-12) return a;
  const [s, e] = [Math.sin((1 - t) * angle) / Math.sin(angle), Math.sin(t * angle) / Math.sin(angle)];
  const [x, y, z] = u.map((value, i) => s * value + e * v[i]);
  return [a[0] + wrap(Math.atan2(y, x) / RAD - a[0]), Math.asin(z) / RAD];
}

/** The box, at unit scale, that an extent takes in the projection (as plotly
 * bounds it): {x: [left, right], y: [top, bottom]}. */
export function projectedBox(extent, project) {
  const [west, east] = [extent.lon[0] + RANGE_PAD, extent.lon[1] - RANGE_PAD];
  const [south, north] = [extent.lat[0] + RANGE_PAD, extent.lat[1] - RANGE_PAD];
  const step = (east - west) / 4;
  const corners = [[west, south], [west, north], ...[1, 2, 3].map((k) => [west + k * step, north]), [east, north],
    [east, south], ...[1, 2, 3].map((k) => [east - k * step, south]), [west, south]];
  const points = corners.slice(1).flatMap((end, i) =>
    Array.from({length: SIDE_POINTS}, (_, k) => project(alongGreatCircle(corners[i], end, k / SIDE_POINTS))));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return {x: [Math.min(...xs), Math.max(...xs)], y: [Math.min(...ys), Math.max(...ys)]};
}

/* The value in [low, high] at which `grows` (increasing, below 0 at low and
 * above at high) reaches 0: false position, Illinois' way (few steps). */
function solve(grows, low, high) {
  let [a, b, fa, fb] = [low, high, grows(low), grows(high)];
  let side = 0;
  for (let i = 0; i < 40 && b - a > 1e-9; i++) {
    const x = (a * fb - b * fa) / (fb - fa);
    const fx = grows(x);
    if (Math.abs(fx) < 1e-10) return x;
    if (fx < 0) {
      [a, fa] = [x, fx];
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      [b, fb] = [x, fx];
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return (a * fb - b * fa) / (fb - fa);
}

/* The extent about `centre` ([lon, lat]) whose projected box is `width` x
 * `height` (unit scale): each side's span solved while the other is held. */
function extentShowing([lon, lat], width, height, project) {
  const extent = (lonHalf, latHalf) => ({lon: [lon - lonHalf, lon + lonHalf], lat: [lat - latHalf, lat + latHalf]});
  const size = (box, axis) => box[axis][1] - box[axis][0];
  let [lonHalf, latHalf] = [1, 1];
  for (let i = 0; i < 4; i++) {
    lonHalf = solve((h) => size(projectedBox(extent(h, latHalf), project), "x") - width, 1e-6, 179);
    latHalf = solve((h) => size(projectedBox(extent(lonHalf, h), project), "y") - height, 1e-6, 89 - Math.abs(lat));
  }
  return extent(lonHalf, latHalf);
}

/** The extent that fills a frame (width and height in px) with what plotly
 * would show of `extent` in it: the same scale, the same place at the middle,
 * but reaching on beyond the extent's sides where the frame's proportions
 * differ from the extent's in the map's projection (`projection`: the
 * figure's layout.geo.projection), instead of leaving bands beside it.
 * With `top` and `bottom` (px), `extent` is shown so between bands of those
 * heights (controls, or the colour bar, lie over them), and the map reaches
 * on north and south over them. */
export function fitToFrame(extent, width, height, projection, {top = 0, bottom = 0} = {}) {
  const {forward, invert} = projectionOf(projection);
  const box = projectedBox(extent, forward);
  const scale = Math.min(width / (box.x[1] - box.x[0]), (height - top - bottom) / (box.y[1] - box.y[0]));
  const [x, y] = forward([mid(extent.lon), mid(extent.lat)]);
  const centre = invert([x, y + (bottom - top) / 2 / scale]);
  return extentShowing(centre, width / scale, height / scale, forward);
}

/** The extent that fitToFrame shows as a map of `width` x `height` px at
 * `scale` (px per unit of the projection, as plotly's projection.scale())
 * with `centre` ([lon, lat]) at its middle: what a reader who moved the map
 * sees, as an extent to fit again. */
export function extentSeen(centre, scale, width, height, projection) {
  return extentShowing(centre, width / scale, height / scale, projectionOf(projection).forward);
}

/** Where each [lon, lat] lands, in px from the frame's top left, on a map of
 * `width` x `height` px showing `extent` (as plotly draws it: the extent's
 * projected box fitted into the frame, its middle place at the middle). */
export function frameProjection(extent, width, height, projection) {
  const project = projectionOf(projection).forward;
  const box = projectedBox(extent, project);
  const scale = Math.min(width / (box.x[1] - box.x[0]), height / (box.y[1] - box.y[0]));
  const [cx, cy] = project([mid(extent.lon), mid(extent.lat)]);
  return (place) => {
    const [x, y] = project(place);
    return [width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale];
  };
}

/** The extent fitted to the frame (fitToFrame, below `top` px of controls)
 * with none of `places` ([lon, lat]) under `cover` ({x, y, width, height} px
 * in the frame, e.g. the colour bar at the bottom) by `pad` px: when one would
 * be, the map is fitted above a bottom band as high as the cover reaches up. */
export function fitClearOf(extent, width, height, projection, {top = 0, places = [], cover = null, pad = 0} = {}) {
  const fitted = fitToFrame(extent, width, height, projection, {top});
  if (!cover) return fitted;
  const at = frameProjection(fitted, width, height, projection);
  const under = ([x, y]) => x > cover.x - pad && x < cover.x + cover.width + pad && y > cover.y - pad
    && y < cover.y + cover.height + pad;
  if (!places.map(at).some(under)) return fitted;
  return fitToFrame(extent, width, height, projection, {top, bottom: height - cover.y + pad});
}

/** Ease in and out: 0 -> 0, 1 -> 1, slow at both ends. */
export function ease(t) {
  return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
}

/** The extent a share `t` (0..1, eased) of the way from `from` to `to`. */
export function between(from, to, t) {
  const eased = ease(Math.max(0, Math.min(1, t)));
  const lerp = (a, b) => a.map((value, i) => value + (b[i] - value) * eased);
  return {lon: lerp(from.lon, to.lon), lat: lerp(from.lat, to.lat)};
}

/** The plotly relayout that shows an extent (projection scale back to 1). */
export function extentLayout(extent) {
  return {
    "geo.lonaxis.range": extent.lon,
    "geo.lataxis.range": extent.lat,
    "geo.center.lon": mid(extent.lon),
    "geo.center.lat": mid(extent.lat),
    "geo.projection.scale": 1,
  };
}

/** Does a plotly `layout` show `update` (a relayout's {"geo.lonaxis.range": [...], ...}) already, value for value? */
export function showsLayout(layout, update) {
  return Object.entries(update).every(([path, value]) => {
    const shown = path.split(".").reduce((node, key) => node?.[key], layout);
    return JSON.stringify(shown) === JSON.stringify(value);
  });
}

/** An extent from [west, south, east, north], or null unless the four are
 * finite, ordered and inside `bounds` ({lon: [min, max], lat: [min, max]}). */
export function extentFromBox(box, bounds) {
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === "number" && Number.isFinite(v))) {
    return null;
  }
  const [west, south, east, north] = box;
  const inside = (low, high, [min, max]) => low < high && low >= min && high <= max;
  if (!inside(west, east, bounds.lon) || !inside(south, north, bounds.lat)) return null;
  return {lon: [west, east], lat: [south, north]};
}

/** [west, south, east, north] rounded to 0.01 degree, for a link. */
export function boxOf(extent) {
  return [extent.lon[0], extent.lat[0], extent.lon[1], extent.lat[1]].map((v) => Math.round(v * 100) / 100);
}

/** The extent after a map key (contract mapKeys: {keys, panShare, zoomFactor}),
 * or null for a key that does not move the map. A pan moves by a share of
 * the extent; a zoom keeps the centre. */
export function keyedExtent(extent, key, {keys, panShare, zoomFactor}) {
  const action = Object.keys(keys).find((name) => keys[name].includes(key));
  if (!action) return null;
  const lonSpan = extent.lon[1] - extent.lon[0];
  const latSpan = extent.lat[1] - extent.lat[0];
  const pans = {left: [-1, 0], right: [1, 0], up: [0, 1], down: [0, -1]};
  if (action in pans) {
    const [dx, dy] = pans[action];
    const lon = dx * lonSpan * panShare;
    const lat = dy * latSpan * panShare;
    return {lon: extent.lon.map((v) => v + lon), lat: extent.lat.map((v) => v + lat)};
  }
  const half = action === "zoomIn" ? 0.5 / zoomFactor : 0.5 * zoomFactor;
  return {
    lon: [mid(extent.lon) - lonSpan * half, mid(extent.lon) + lonSpan * half],
    lat: [mid(extent.lat) - latSpan * half, mid(extent.lat) + latSpan * half],
  };
}
