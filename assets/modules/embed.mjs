/* The embed code, as Datawrapper and Our World in Data offer one: an
 * <iframe> of the view the reader sees, and a short script for the host
 * page that gives the frame the height the map asks for (the embedded page
 * tells it by postMessage). The rule for the height comes from Python
 * (config.embed: dashboard/page/downloads.py EMBED_RULE). */

/** The height (CSS px) the embedded page asks for at `width`: in proportion
 * to the width, within limits; a narrow frame gets the phone's layout,
 * which stacks the map over its panels and asks for more. It depends on the
 * width alone, never on the height the page now has: the frame's height
 * cannot feed back into itself. */
export function embedHeight(width, rule) {
  const ratio = width < rule.narrowPx ? rule.narrowRatio : rule.ratio;
  return Math.round(Math.min(rule.maxPx, Math.max(rule.minPx, width * ratio)));
}

/** The message the embedded page posts to its host. */
export function heightMessage(width, rule) {
  return {type: rule.messageType, height: embedHeight(width, rule)};
}

const escapeAttribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The snippet to paste into a web page: the frame at `src` (an absolute
 * URL) named by `title`, and the script that sets its height from the
 * messages of `origin` alone (the page's; a file has none to check). */
export function embedCode(src, title, origin, rule) {
  const start = embedHeight(rule.startWidthPx, rule);
  const frame = `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${start}"`
    + ` style="border: 0; width: 100%;" loading="lazy" allow="fullscreen" data-dandelion-embed></iframe>`;
  const script = [
    "<script>",
    "window.addEventListener(\"message\", function (event) {",
    `  if (event.origin !== ${JSON.stringify(origin)} || !event.data || event.data.type !== ${JSON.stringify(rule.messageType)}) return;`,
    "  document.querySelectorAll(\"iframe[data-dandelion-embed]\").forEach(function (frame) {",
    "    if (frame.contentWindow === event.source) frame.style.height = event.data.height + \"px\";",
    "  });",
    "});",
    // Split: this module may be inlined into a page's own <script>.
    "</" + "script>",
  ];
  return [frame, ...script].join("\n");
}
