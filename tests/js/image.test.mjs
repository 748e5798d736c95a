import {test} from "node:test";
import assert from "node:assert/strict";
import {imageFigure, imageFileName, imageSize, wrapText} from "../../assets/modules/image.mjs";
import {config} from "./config.mjs";
import {metricStates} from "../../assets/modules/patch.mjs";
import {projectedBox, projectionOf} from "../../assets/modules/view.mjs";

const {kinds, minSize} = config.images;
const {frame} = kinds.screen;
const screen = {width: 1003.6, height: 640};
const figure = {
  data: [{type: "choropleth", visible: true}, {type: "scattergeo", visible: false, showlegend: true}],
  layout: {showlegend: false, margin: {t: 0, b: 62}, font: {size: 13},
    // The projection as dashboard/figures/mapfigure.py sends it.
    geo: {center: {lon: 5, lat: 30}, projection: {type: "conic equal area", parallels: [20, 34], rotation: {lon: 5}}}},
};
const texts = metricStates(config, config.defaults.source, config.defaults.time).returnees;

test("slides are 1920x1080 (1280x720 at 1.5), print twice the screen, the rest the screen's size", () => {
  assert.deepEqual(imageSize(kinds.slides, screen, minSize), {format: "png", width: 1280, height: 720, scale: 1.5});
  assert.deepEqual(imageSize(kinds.print, screen, minSize), {format: "png", width: 1004, height: 640, scale: 2});
  assert.deepEqual(imageSize(kinds.screen, screen, minSize), {format: "png", width: 1004, height: 640, scale: 1});
  assert.equal(imageSize(kinds.svg, screen, minSize).format, "svg");
});

test("a map squeezed on a small screen gives an image of the least size that fits the frame", () => {
  const small = imageSize(kinds.screen, {width: 578, height: 700}, minSize);
  assert.deepEqual([small.width, small.height], [minSize.width, 700]);
});

test("the image carries title, subtitle, legend and the credit, and keeps the reader's view", () => {
  const size = imageSize(kinds.slides, screen, minSize);
  const framed = imageFigure(figure, texts, size, frame);
  assert.ok(framed.layout.title.text.includes(texts.title));
  assert.equal(framed.layout.title.subtitle.text.replaceAll("<br>", " "), texts.subtitle, "every word, wrapped to fit");
  assert.equal(framed.layout.showlegend, true, "the phone's hidden legend is back in the image");
  const credit = framed.layout.annotations.at(-1).text;
  assert.ok(credit.includes("Rogan") && credit.includes(texts.credit[1]));
  assert.ok(framed.layout.margin.b >= texts.credit.length * frame.creditLine, "room for every credit line");
  assert.deepEqual(framed.layout.geo, figure.layout.geo);
  assert.equal(framed.data[1].visible, false, "a layer that is off stays off");
  assert.equal([framed.layout.width, framed.layout.height].join("x"), "1280x720");
});

test("the page's figure is not touched", () => {
  const before = JSON.stringify(figure);
  imageFigure(figure, texts, imageSize(kinds.screen, screen, minSize), frame);
  assert.equal(JSON.stringify(figure), before);
  assert.equal(imageFileName("share_returned", "print", "png"), "dandelion-share_returned-print.png");
});

test("on a narrow image the credit and subtitle wrap, and the frame makes room", () => {
  const wide = imageFigure(figure, texts, {format: "png", width: 1920, height: 1080, scale: 1}, frame);
  const narrow = imageFigure(figure, texts, {format: "png", width: 500, height: 400, scale: 1}, frame);
  assert.ok(narrow.layout.title.text.includes("<br>"), "the title wraps too");
  const lines = (layout) => layout.annotations.at(-1).text.split("<br>");
  assert.equal(lines(wide.layout).length, texts.credit.length);
  assert.ok(lines(narrow.layout).length > texts.credit.length);
  assert.equal(lines(narrow.layout).join(" "), texts.credit.join(" "), "nothing lost in wrapping");
  assert.ok(narrow.layout.margin.b > wide.layout.margin.b);
  assert.deepEqual(wrapText("a bb ccc dddddddd e", 6), ["a bb", "ccc", "dddddddd", "e"]);
});

test("the image shows all the reader sees, widened to fill its map", () => {
  const seen = {lon: [-10, 20], lat: [20, 38]};
  const framed = imageFigure(figure, texts, imageSize(kinds.slides, screen, minSize), kinds.slides.frame, seen, 100);
  const {lonaxis, lataxis, center} = framed.layout.geo;
  // In the map's projection, what the image shows about the same middle holds what the reader saw.
  const project = projectionOf(figure.layout.geo.projection).forward;
  const shown = projectedBox({lon: lonaxis.range, lat: lataxis.range}, project);
  const saw = projectedBox(seen, project);
  const span = (box, axis) => box[axis][1] - box[axis][0];
  assert.ok(span(shown, "x") >= span(saw, "x") - 1e-9 && span(shown, "y") >= span(saw, "y") - 1e-9);
  assert.ok(span(shown, "x") > span(saw, "x") + 1e-3 || span(shown, "y") > span(saw, "y") + 1e-3, "widened");
  assert.ok(Math.abs(center.lon - 5) < 1e-9 && Math.abs(center.lat - 29) < 1e-9, "on the same middle");
  assert.equal(figure.layout.geo.lonaxis, undefined, "the page's figure is not touched");
});
