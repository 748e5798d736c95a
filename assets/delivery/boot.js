/* The first script of a page delivered without its server (python -m
 * dashboard export site|html); the live app never loads it.
 *
 * Dash's renderer asks the server for the layout and the callback graph
 * (fetch of .../_dash-layout and .../_dash-dependencies): this answers both
 * from the copies frozen into the page, #dandelion-frozen.
 *
 * In the one-file copy (#dandelion-pack: base64 of gzipped JSON) it first
 * unpacks the page's scripts, its frozen answers, the base map and the data
 * files, then runs the scripts one after the other from blob: URLs (not
 * inline: webpack's bundles find their own URL, and an inline script has
 * none), and starts Dash. Nothing is fetched from the network or the disk. */
(function () {
  "use strict";
  let answers = {};
  let files = {};
  const realFetch = window.fetch.bind(window);

  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input.url;
    const name = new URL(url, window.location.href).pathname.split("/").pop();
    if (Object.prototype.hasOwnProperty.call(answers, name)) {
      const headers = {"Content-Type": "application/json"};
      return Promise.resolve(new Response(JSON.stringify(answers[name]), {status: 200, headers}));
    }
    return realFetch(input, init);
  };

  const frozen = document.getElementById("dandelion-frozen");
  if (frozen) {
    answers = JSON.parse(frozen.textContent);
    // Without its server: what only the server can say is hidden (style.css, .live-only).
    document.documentElement.classList.add("frozen");
  }

  const pack = document.getElementById("dandelion-pack");
  if (!pack) return;

  function bytesOf(base64) {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  /* Resolves once the script has run. */
  function run(code) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
      script.onload = resolve;
      script.onerror = reject;
      document.body.appendChild(script);
    });
  }

  /* A data file's link (download/<name>) saves the copy packed in the page,
   * through a link of its own to a blob: URL; that link's click is the
   * browser's to act on, not this listener's (it would save it again, and
   * again). The blob goes once the browser has had time to start the download. */
  const saving = new WeakSet();
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[download]");
    if (!link || saving.has(link) || !Object.prototype.hasOwnProperty.call(files, link.getAttribute("download"))) {
      return;
    }
    event.preventDefault();
    const name = link.getAttribute("download");
    const url = URL.createObjectURL(new Blob([bytesOf(files[name].data)], {type: files[name].type}));
    const save = document.createElement("a");
    saving.add(save);
    save.href = url;
    save.download = name;
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }, true);

  const stream = new Blob([bytesOf(pack.textContent.trim())]).stream().pipeThrough(new DecompressionStream("gzip"));
  new Response(stream).json().then(async (unpacked) => {
    answers = unpacked.answers;
    files = unpacked.files;
    window.PlotlyGeoAssets = {topojson: unpacked.topojson};
    document.documentElement.classList.add("one-file");
    for (const code of unpacked.scripts) await run(code);
  });
})();
