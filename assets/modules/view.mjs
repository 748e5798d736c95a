/* Map extents: {lon: [west, east], lat: [south, north]} in degrees (EPSG:4326). */

export function mid(range) {
  return (range[0] + range[1]) / 2;
}

/** Widen an extent to the frame's proportions (width and height in px), so
 * that the map fills its frame instead of leaving bands beside it. With `top`
 * (px), the extent fills the frame below a band of that height (controls lie
 * over it) and the extent returned reaches on north over the band. */
export function fitToFrame(extent, width, height, top = 0) {
  if (top > 0) {
    const below = fitToFrame(extent, width, height - top);
    const north = ((below.lat[1] - below.lat[0]) * top) / (height - top);
    return {lon: below.lon, lat: [below.lat[0], below.lat[1] + north]};
  }
  const midLat = (mid(extent.lat) * Math.PI) / 180;
  const lonSpan = (extent.lon[1] - extent.lon[0]) * Math.cos(midLat);
  const latSpan = extent.lat[1] - extent.lat[0];
  const frame = width / height;
  if (lonSpan / latSpan < frame) {
    const half = (latSpan * frame) / Math.cos(midLat) / 2;
    return {lon: [mid(extent.lon) - half, mid(extent.lon) + half], lat: extent.lat.slice()};
  }
  const half = lonSpan / frame / 2;
  return {lon: extent.lon.slice(), lat: [mid(extent.lat) - half, mid(extent.lat) + half]};
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
