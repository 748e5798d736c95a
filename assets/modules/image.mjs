/* The map as an image: a framed copy of the figure the reader sees, with
 * the title, subtitle, colour scale, legend and credit inside the picture.
 * Sizes and type come from Python (config.images: dashboard/figures/style.py). */
import {applyPatch, extentPatch} from "./patch.mjs";
import {fitToFrame} from "./view.mjs";

/** Width, height (CSS px), scale and format of one kind of image;
 * where the kind has no size, the map's size on `screen`, but at least
 * `minimum` (a map squeezed on a small screen leaves no room for the
 * title, legend and credit). */
export function imageSize(kind, screen, minimum) {
  return {
    format: kind.format,
    width: Math.round(kind.width ?? Math.max(screen.width, minimum.width)),
    height: Math.round(kind.height ?? Math.max(screen.height, minimum.height)),
    scale: kind.scale,
  };
}

/** A file name that says what the image shows: "dandelion-returnees-slides.png". */
export function imageFileName(metric, kindId, format) {
  return `dandelion-${metric}-${kindId}.${format}`;
}

/** `text` broken at spaces into lines of at most `width` characters
 * (a longer word keeps its own line). */
export function wrapText(text, width) {
  const lines = [];
  for (const word of text.split(" ")) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && last.length + 1 + word.length <= width) lines[lines.length - 1] = last + " " + word;
    else lines.push(word);
  }
  return lines;
}

/** The figure to draw as an image: `figure` ({data, layout}, as the page
 * shows it, not changed) framed with the metric's words (`texts`: title,
 * subtitle, credit lines) at `size`, showing the extent the reader sees
 * (`seen`, or null to keep the figure's) widened to fill the image's map.
 * The legend lists what is on (hidden layers are hidden traces), under the
 * map as on the page, even where the page has none (phones); the credit
 * goes under the legend, so it needs the legend's height in px as plotly
 * draws it (`legendHeight`: draw once with 0, measure, draw again). */
export function imageFigure(figure, texts, size, frame, seen, legendHeight = 0) {
  const layout = JSON.parse(JSON.stringify(figure.layout));
  // Characters a line holds: type of a given size averages about 0.55 of it in width.
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
  layout.margin = {t: frame.top + extraLines * 1.3, l: frame.side, r: frame.side, b: legendHeight + creditHeight};
  layout.legend = {...layout.legend, orientation: "h", x: 0, xanchor: "left", y: 0, yanchor: "top"};
  layout.title = {
    text: `<b>${title.join("<br>")}</b>`,
    font: {...font, size: frame.title},
    subtitle: {text: subtitle.join("<br>"), font: {...font, size: frame.subtitle}},
    x: frame.side, xref: "container", xanchor: "left",
    y: 1, yref: "container", yanchor: "top", pad: {t: frame.side},
  };
  if (seen) {
    const {t, l, r, b} = layout.margin;
    applyPatch({layout}, extentPatch(fitToFrame(seen, size.width - l - r, size.height - t - b, layout.geo.projection),
      layout.uirevision));
  }
  layout.annotations = [...(layout.annotations || []), {
    text: credit.join("<br>"),
    showarrow: false, align: "left",
    xref: "paper", x: 0, xanchor: "left",
    yref: "paper", y: 0, yanchor: "top", yshift: -legendHeight - frame.bottom / 2,
    font: {...font, size: frame.credit},
  }];
  return {data: JSON.parse(JSON.stringify(figure.data)), layout};
}
