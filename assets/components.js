/* Dandelion's own Dash components, Graph and Store, in place of Dash's
 * dash_core_components (some 96 KiB over the wire, of which the page used
 * these two). The Python side is dashboard/page/components.py.
 *
 * Dash's renderer finds a component as window[namespace][type]: this plain
 * script (no build step) defines window.dandelion_components with the React
 * that Dash has already loaded, before the renderer draws the layout (Dash
 * puts the assets' scripts before its renderer's).
 */
(function () {
  "use strict";
  const {createElement, useEffect, useRef} = window.React;

  /* Holds `data` for the browser's callbacks; draws nothing. */
  function Store() {
    return null;
  }

  /* A part of the page that no callback builds, as one element holding HTML
   * written by Python (dashboard/page/markup.py, every text escaped): to
   * React one node, not one a tag, so Dash has far fewer to follow when
   * its store changes. The browser's code finds its elements by id and
   * class, as before; a callback may set new `html`. */
  function Html({id, className, tag, html}) {
    return createElement(tag, {id, className, dangerouslySetInnerHTML: {__html: html}});
  }

  /* What dcc.Graph puts in clickData: each clicked point without plotly's
   * objects and arrays (big, and circular), with its trace's customdata for
   * that point. The timestamp makes a second click on the same point a
   * change, so that it selects again. */
  function clickData(gd, event) {
    const points = event.points.map((point) => {
      const kept = {};
      for (const [key, value] of Object.entries(point)) {
        if (value === null || typeof value !== "object") kept[key] = value;
      }
      const customdata = gd.data[point.curveNumber]?.customdata;
      if (customdata && typeof point.pointNumber === "number") kept.customdata = customdata[point.pointNumber];
      return kept;
    });
    return {points, timestamp: Date.now()};
  }

  /* The top-level layout keys a relayout changed (zoom and pan, the page's
   * own flights) that the figure Dash holds does not have yet, copied from
   * what plotly shows; null when there are none. Dash's figure then keeps
   * the view, and the next Patch of it does not move the map back. */
  function layoutChanges(gd, update, figure) {
    const changes = {};
    for (const path of Object.keys(update || {})) {
      const key = path.split(".")[0].split("[")[0];
      if (["autosize", "width", "height"].includes(key) || key in changes) continue;
      const shown = JSON.stringify(gd.layout[key]);
      if (shown !== JSON.stringify(figure.layout?.[key])) changes[key] = shown === undefined ? undefined : JSON.parse(shown);
    }
    return Object.keys(changes).length ? changes : null;
  }

  /* Is the graph drawn at its frame's size (within a pixel: plotly's size may be fractional)?
   * When it is not, a resize and a redraw are on their way. */
  function drawnAtSize(div) {
    const drawn = div._fullLayout;
    return Boolean(drawn) && Math.abs(drawn.width - div.clientWidth) < 1 && Math.abs(drawn.height - div.clientHeight) < 1;
  }

  /* How long (ms) a resize of the container must settle before plotly follows it, as with dcc.Graph. */
  const RESIZE_SETTLE_MS = 50;

  /* A plotly graph: the outer div takes id, className and style; plotly
   * draws into the inner one (the .js-plotly-plot). Each new `figure`
   * (a Patch from a callback is applied by Dash before it gets here) is
   * drawn with Plotly.react, which redraws only what changed; draws run one
   * after another, the latest figure winning. The graph follows its
   * container's size, and a click on a point sets `clickData`. */
  function Graph({id, className, style, figure, config, setProps}) {
    const outer = useRef(null);
    const gd = useRef(null);
    const latest = useRef(null);
    latest.current = {figure, config, setProps};
    // The figure and config plotly shows, and the queue of draws.
    const drawn = useRef({figure: null, config: null});
    const queue = useRef(Promise.resolve());

    useEffect(() => {
      queue.current = queue.current.then(() => {
        const {figure, config} = latest.current;
        if (!gd.current || (figure === drawn.current.figure && config === drawn.current.config)) return null;
        drawn.current = {figure, config};
        // plotly.react keeps the size of the first draw: a figure that comes with a new frame size (a
        // metric whose subtitle takes one line more or less) is drawn at that size at once, not drawn,
        // and its labels placed, a second time when the resize follows (plotly autosizes again when the
        // flag of its first autosize is down; there is no public way to ask for it). A frame not displayed
        // has no size to take (plotly would fall back to its default one): the resize when it shows draws it.
        const div = gd.current;
        if (div._fullLayout && div.clientWidth && div.clientHeight && !drawnAtSize(div)) {
          div._fullLayout._initialAutoSizeIsDone = false;
        }
        // plotly changes the layout it is given (zoom, pan): a copy, not the one Dash holds.
        return window.Plotly.react(gd.current, figure.data, structuredClone(figure.layout || {}), config);
      }).catch((error) => console.error(error));
    }, [figure, config]);

    useEffect(() => {
      const div = gd.current;
      let settling = null;
      // Only when the frame's size is not the drawn one: a resize redraws
      // (plotly_afterplot) even at the same size, and the labels are placed again.
      const resize = () => {
        clearTimeout(settling);
        settling = setTimeout(() => {
          if (!div._fullLayout || drawnAtSize(div)) return;
          window.Plotly.Plots.resize(div).catch(() => {});
        }, RESIZE_SETTLE_MS);
      };
      // After the first draw, when plotly has made the div its own.
      queue.current = queue.current.then(() => {
        div.on("plotly_click", (event) => latest.current.setProps({clickData: clickData(div, event)}));
        div.on("plotly_relayout", (update) => {
          const {figure, setProps} = latest.current;
          const changes = layoutChanges(div, update, figure);
          if (!changes) return;
          const kept = {...figure, layout: {...figure.layout, ...changes}};
          // plotly shows this already, unless a newer figure waits to be drawn.
          if (figure === drawn.current.figure) drawn.current = {...drawn.current, figure: kept};
          setProps({figure: kept});
        });
        resize();
      });
      const observer = new ResizeObserver(resize);
      observer.observe(outer.current);
      observer.observe(div);
      return () => {
        observer.disconnect();
        clearTimeout(settling);
        div.removeAllListeners?.();
        window.Plotly.purge(div);
      };
    }, []);

    return createElement(
      "div",
      {id, className, style: {height: "100%", ...style}, ref: outer},
      createElement("div", {ref: gd, style: {height: "100%", width: "100%"}}),
    );
  }

  window.dandelion_components = {Graph, Html, Store, drawnAtSize};
})();
