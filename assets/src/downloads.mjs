/* Downloads: the map as an image file, the embed code, copying a link, and the embedded page's height. */
import {inkInline, placeLabelsOn, unlabelledMap} from "../modules/arrange.mjs";
import {embedCode, heightMessage} from "../modules/embed.mjs";
import {imageFigure, imageFileName, imageSize} from "../modules/image.mjs";
import {applyPatch, mapPatch, metricStates} from "../modules/patch.mjs";
import {outlined} from "../modules/selection.mjs";
import {graph, explorerAddress} from "./page.mjs";
import {textMeasure, visibleExtent} from "./map.mjs";

function say(text) {
  document.getElementById("link-status").textContent = text;
}

/* Save a URL (data: or blob:) as a file, as a link with a download name would. */
function save(url, name) {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/* The map as the reader sees it, framed with title, credit and legend, as
 * an image file: drawn off screen at the kind's size, its labels placed by
 * the page's own code (modules/arrange.mjs), and that drawing serialised
 * (a PNG is the SVG rasterised at the kind's scale). Drawn twice: the credit
 * goes under the legend, whose height only plotly knows once it has drawn it. */
async function drawImage(page, kindId) {
  const {images, contract, labels} = page.config;
  const kind = images.kinds[kindId];
  const metrics = metricStates(page.config, page.rendered.source, page.rendered.time);
  const gd = graph();
  const screen = {width: gd._fullLayout.width, height: gd._fullLayout.height};
  const size = imageSize(kind, screen, images.minSize);
  const metric = page.rendered.metric;
  const shown = JSON.parse(JSON.stringify({data: gd.data, layout: gd.layout}));
  if (kind.presenting) {
    const {highlight, ...rendered} = page.rendered;
    const state = {...rendered, outline: outlined(rendered, highlight, contract.targets), presenting: true,
      legend: true, phone: false, text: textMeasure(page)};
    applyPatch(shown, mapPatch(page.config, state, shown.data));
  }
  const scratch = document.createElement("div");
  scratch.style.cssText = `position: fixed; left: -${size.width + 100}px; top: 0; width: ${size.width}px;`;
  document.body.appendChild(scratch);
  let svg;
  try {
    const seen = visibleExtent(page);
    const first = imageFigure(shown, metrics[metric], size, kind.frame, seen);
    await window.Plotly.newPlot(scratch, first.data, first.layout, {staticPlot: true});
    const legendHeight = Math.ceil(scratch._fullLayout.legend?._height || 0);
    const framed = imageFigure(shown, metrics[metric], size, kind.frame, seen, legendHeight);
    await window.Plotly.react(scratch, framed.data, framed.layout, {staticPlot: true});
    const pixelAt = await unlabelledMap(scratch).catch(() => () => null);
    inkInline(placeLabelsOn(scratch, pixelAt, {parts: contract.parts, rule: labels}));
    svg = window.Plotly.Snapshot.toSVG(scratch, size.format, size.scale);
  } finally {
    // At once, before the page styles it again: toSVG leaves the scratch's styles written for the file
    // (fonts and gradients as "TOBESTRIPPED..."), which the page would take for addresses to fetch.
    window.Plotly.purge(scratch);
    scratch.remove();
  }
  const url = size.format === "svg"
    ? `data:image/svg+xml,${encodeURIComponent(svg)}`
    : await window.Plotly.Snapshot.svgToImg({svg, format: size.format, width: size.width, height: size.height,
      scale: size.scale, canvas: document.createElement("canvas"), promise: true});
  return {url, name: imageFileName(metric, kindId, size.format)};
}

export function downloadImage(page, kindId) {
  say(page.config.images.messages.drawing);
  return drawImage(page, kindId).then(
    ({url, name}) => {
      save(url, name);
      say(page.config.images.messages.saved + name);
    },
    (error) => say(page.config.images.messages.failed + error),
  );
}

/* Copy to the clipboard where the browser allows it; else show the text to copy by hand. */
export function copyText(text, done) {
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => say(done), () => say(text));
  } else {
    say(text);
  }
}

/* The Download menu opened: its embed code names the view the reader sees now. */
export function onMenuToggle(page, event) {
  if (event.target.id !== "download" || !event.target.open) return;
  const {embed, metrics} = page.config;
  const src = new URL(window.location.pathname + explorerAddress(page), window.location.href).href;
  const title = metrics[page.rendered.metric].title + page.config.titleSuffix;
  document.getElementById("embed-code").value = embedCode(src, title, window.location.origin, embed);
}

/* In another site's frame: tell the host page the height the map asks for at the frame's width. */
export function tellHostHeight(page) {
  if (window.parent === window) return;
  window.parent.postMessage(heightMessage(document.documentElement.clientWidth, page.config.embed), "*");
}
