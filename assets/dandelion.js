/* Dandelion's work in the browser: no request to the server for any of it.
 *
 * - render: show a metric, the layers on, the selection and the view, by
 *   patching the figure the page has (zoom and pan are kept);
 * - selectFromMap: a click on a Maghreb state or a layer feature selects it;
 * - focusText: scroll the briefing's text to what is selected and mark it;
 * - toggleSidePanel: collapse the layers-and-text panel to give the map room;
 * - a click (or Enter) on a marked word in the text selects its country or feature.
 */
(function () {
  "use strict";

  function layerOf(trace) {
    return trace.meta && trace.meta.layer;
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dandelion = {
    /* The whole map state -> one Patch of the figure the page has:
     * the metric's traces, the layers on, the selection and, when it
     * changed, the view. Mirrors callbacks.resolve_selection for what is
     * selected when both a country and a feature are set. */
    render: function (metric, country, feature, view, highlight, presenting) {
      const args = Array.prototype.slice.call(arguments);
      const figure = args.pop();
      const layerGroups = args.slice(6);
      const noUpdate = window.dash_clientside.no_update;
      const cfg = config();
      const state = cfg.metrics[metric];
      if (!state) {
        return [noUpdate, noUpdate, noUpdate];
      }
      const triggered = (window.dash_clientside.callback_context.triggered || []).map((t) => t.prop_id);
      if (triggered.indexOf("feature.data") >= 0 && feature) {
        country = null;
      } else if (country) {
        feature = null;
      }
      // The reader's own selection wins over the presenter step's highlight.
      let countries = country ? [country] : [];
      let features = feature ? [feature] : [];
      if (!country && !feature) {
        (highlight || []).forEach(function (target) {
          if (target.startsWith("country:")) countries.push(target.slice(8));
          if (target.startsWith("feature:")) features.push(target.slice(8));
        });
      }
      const points = features.map((id) => cfg.features[id]).filter(Boolean);
      const style = cfg.styles[presenting ? "projector" : "explorer"];
      const on = new Set([].concat.apply([], layerGroups.map((values) => values || [])));
      const patch = new window.dash_clientside.Patch();
      figure.data.forEach(function (trace, index) {
        const meta = trace.meta || {};
        const props = state.parts[meta.part];
        if (props) {
          Object.keys(props).forEach((prop) => patch.assign(["data", index, prop], props[prop]));
        } else if (meta.part === "selected-country") {
          patch.assign(["data", index, "locations"], countries);
          patch.assign(["data", index, "z"], countries.map(() => 0));
          patch.assign(["data", index, "marker", "line"], style.selection);
        } else if (meta.part === "selected-feature") {
          patch.assign(["data", index, "lon"], points.map((p) => p[0]));
          patch.assign(["data", index, "lat"], points.map((p) => p[1]));
          patch.assign(["data", index, "marker", "color"], style.selection.color);
        }
        if (meta.part === "labels-context") {
          patch.assign(["data", index, "textfont", "size"], style.contextLabel);
          patch.assign(["data", index, "textfont", "color"], style.contextColor);
        } else if (meta.part && meta.part.startsWith("labels-")) {
          patch.assign(["data", index, "textfont", "size"], style.label);
        }
        if (meta.part === "values" || meta.part === "no-data") {
          patch.assign(["data", index, "marker", "line"], {width: style.border, color: style.borderColor});
        }
        if (meta.layer && !meta.part && meta.layer !== "choropleth" && trace.mode && trace.mode.indexOf("text") >= 0) {
          patch.assign(["data", index, "textfont", "size"], style.place);
        }
        if (meta.part === "values") {
          patch.assign(["data", index, "colorbar", "tickfont", "size"], style.legend);
          patch.assign(["data", index, "colorbar", "title", "font", "size"], style.legend + 1);
        }
        const visible = meta.layer === "selection" || on.has(meta.layer);
        if (trace.visible !== visible) {
          patch.assign(["data", index, "visible"], visible);
        }
      });
      patch.assign(["layout", "legend", "font", "size"], style.legend);
      // On a phone the layer panel's swatches are the legend; the map keeps its room.
      patch.assign(["layout", "showlegend"], !window.matchMedia("(max-width: 760px)").matches);
      if (cfg.views[view] && triggered.indexOf("view.value") >= 0 && !presenter.active && !url.restoring) {
        const extent = fitToFrame(cfg.views[view]);
        url.extent = null;
        patch
          .assign(["layout", "geo", "lonaxis", "range"], extent.lon)
          .assign(["layout", "geo", "lataxis", "range"], extent.lat)
          .assign(["layout", "geo", "center"], {lon: mid(extent.lon), lat: mid(extent.lat)})
          .assign(["layout", "geo", "projection", "scale"], 1)
          .assign(["layout", "uirevision"], view);
      }
      url.remember({metric: metric, country: country, feature: feature, view: view, layers: Array.from(on)});
      return [patch.build(), state.title, state.subtitle];
    },

    selectFromMap: function (clickData) {
      const point = clickData && clickData.points && clickData.points[0];
      if (!point) {
        return [window.dash_clientside.no_update, window.dash_clientside.no_update];
      }
      if (Array.isArray(point.customdata) && typeof point.customdata[1] === "string") {
        return [null, point.customdata[1]];
      }
      if (config().maghreb.indexOf(point.location) >= 0) {
        return [point.location, null];
      }
      return [window.dash_clientside.no_update, window.dash_clientside.no_update];
    },

    focusText: function (country, feature) {
      const target = feature ? "feature:" + feature : country ? "country:" + country : null;
      document.querySelectorAll("#briefing-text .is-current").forEach(function (element) {
        element.classList.remove("is-current");
      });
      if (!target) {
        return null;
      }
      const marks = document.querySelectorAll('#briefing-text [data-target="' + target + '"]');
      marks.forEach(function (mark) {
        mark.classList.add("is-current");
        mark.parentElement.classList.add("is-current");
      });
      if (marks.length) {
        marks[0].scrollIntoView({block: "center", behavior: "smooth"});
      }
      return target;
    },

    toggleSidePanel: function (clicks) {
      const hidden = clicks % 2 === 1;
      return [hidden ? "content side-hidden" : "content", hidden ? "Show panel" : "Hide panel", String(!hidden)];
    },
  };

  function mid(range) {
    return (range[0] + range[1]) / 2;
  }

  let parsedConfig = null;
  function config() {
    parsedConfig = parsedConfig || JSON.parse(document.getElementById("dandelion-config").textContent);
    return parsedConfig;
  }

  function graph() {
    return document.querySelector("#map .js-plotly-plot");
  }

  function setProps(id, props) {
    window.dash_clientside.set_props(id, props);
  }

  /* Widen a lon/lat extent to the map's own proportions, so that the map
   * fills its frame instead of leaving bands beside it. */
  function fitToFrame(extent) {
    const size = graph()._fullLayout._size;
    const midLat = (mid(extent.lat) * Math.PI) / 180;
    const lonSpan = (extent.lon[1] - extent.lon[0]) * Math.cos(midLat);
    const latSpan = extent.lat[1] - extent.lat[0];
    const frame = size.w / size.h;
    if (lonSpan / latSpan < frame) {
      const half = (latSpan * frame) / Math.cos(midLat) / 2;
      return {lon: [mid(extent.lon) - half, mid(extent.lon) + half], lat: extent.lat.slice()};
    }
    const half = lonSpan / frame / 2;
    return {lon: extent.lon.slice(), lat: [mid(extent.lat) - half, mid(extent.lat) + half]};
  }

  /* Fit the map to a lon/lat extent, animated over `ms` milliseconds. A
   * newer flight replaces one under way (a presenter pressing on quickly). */
  let flight = 0;
  function flyTo(extent, ms) {
    extent = fitToFrame(extent);
    const gd = graph();
    const geo = gd._fullLayout.geo;
    const from = {lon: geo.lonaxis.range.slice(), lat: geo.lataxis.range.slice()};
    const start = performance.now();
    const id = ++flight;
    return new Promise(function (resolve) {
      function frame(now) {
        if (id !== flight) {
          resolve(false);
          return;
        }
        const t = ms > 0 ? Math.min(1, (now - start) / ms) : 1;
        const eased = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
        const lerp = (a, b) => a.map((value, i) => value + (b[i] - value) * eased);
        const lon = lerp(from.lon, extent.lon);
        const lat = lerp(from.lat, extent.lat);
        const next = () => (t < 1 ? requestAnimationFrame(frame) : resolve(id === flight));
        window.Plotly.relayout(gd, {
          "geo.lonaxis.range": lon,
          "geo.lataxis.range": lat,
          "geo.center.lon": mid(lon),
          "geo.center.lat": mid(lat),
          "geo.projection.scale": 1,
        }).then(next, next);
      }
      requestAnimationFrame(frame);
    });
  }

  /* Set the layer checklists so that exactly `layers` are on. */
  function showOnly(layers, groups) {
    Object.keys(groups).forEach(function (group) {
      setProps("layers-" + group, {value: groups[group].filter((id) => layers.indexOf(id) >= 0)});
    });
  }

  /* The extent the reader is looking at, as [west, south, east, north] degrees. */
  function visibleExtent() {
    const geo = graph()._fullLayout.geo;
    const subplot = geo._subplot;
    const size = subplot.graphDiv._fullLayout._size;
    const width = size.w * (geo.domain.x[1] - geo.domain.x[0]);
    const height = size.h * (geo.domain.y[1] - geo.domain.y[0]);
    // Centred on what is at the middle of the frame, so that fitting the
    // extent again (centre = its midpoint) puts the same place there.
    const points = [[width / 2, height / 2], [0, height], [width, 0]].map((xy) => subplot.projection.invert(xy));
    if (points.some((p) => !p || !isFinite(p[0]) || !isFinite(p[1]))) return null;
    const [centre, southWest, northEast] = points;
    const lonHalf = (northEast[0] - southWest[0]) / 2;
    const latHalf = (northEast[1] - southWest[1]) / 2;
    return [centre[0] - lonHalf, centre[1] - latHalf, centre[0] + lonHalf, centre[1] + latHalf].map(
      (v) => Math.round(v * 100) / 100
    );
  }

  /* Presenter mode: steps from story.yaml, keyboard, full screen. */
  /* Resolves once the map has taken the size its frame now has. (plotly's
   * own resize is debounced: a newer call leaves an older promise pending,
   * so give up waiting after a moment.) */
  function relaid() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () {
        window.Plotly.Plots.resize(graph()).then(resolve, resolve);
        setTimeout(resolve, 400);
      });
    });
  }

  const presenter = {
    active: false,
    step: 0,
    ready: Promise.resolve(),
    enter: function (step) {
      const story = config().story;
      presenter.active = true;
      document.body.classList.add("presenting");
      if (document.activeElement) document.activeElement.blur();
      const root = document.documentElement;
      if (root.requestFullscreen && !document.fullscreenElement) {
        root.requestFullscreen().catch(function () {});
      }
      setProps("presenting", {data: true});
      presenter.ready = relaid();
      presenter.go(Math.max(0, Math.min(story.length - 1, step || 0)), 0);
    },
    leave: function () {
      if (!presenter.active) return;
      presenter.active = false;
      document.body.classList.remove("presenting");
      if (document.fullscreenElement && document.exitFullscreen) {
        document.exitFullscreen().catch(function () {});
      }
      setProps("presenting", {data: false});
      setProps("highlight", {data: []});
      url.push();
      relaid();
    },
    go: function (index, ms) {
      const cfg = config();
      const story = cfg.story;
      index = Math.max(0, Math.min(story.length - 1, index));
      const step = story[index];
      presenter.step = index;
      presenter.started = performance.now();
      setProps("story-counter", {children: "Step " + (index + 1) + " of " + story.length});
      setProps("story-title", {children: step.title});
      setProps("story-text", {children: step.text});
      setProps("country", {value: null});
      setProps("feature", {data: null});
      setProps("metric", {value: step.metric});
      setProps("highlight", {data: step.highlight});
      showOnly(step.layers, cfg.layerGroups);
      url.push();
      presenter.ready.then(function () {
        return flyTo(step.extent, ms === undefined ? 700 : ms);
      }).then(function (arrived) {
        if (!arrived || presenter.step !== index) return;
        presenter.lastStepMs = performance.now() - presenter.started;
        document.body.setAttribute("data-step", step.id);
      });
    },
    onKey: function (event) {
      if (!presenter.active || event.altKey || event.ctrlKey || event.metaKey) return;
      const last = config().story.length - 1;
      const moves = {
        ArrowRight: presenter.step + 1, ArrowDown: presenter.step + 1, PageDown: presenter.step + 1,
        " ": presenter.step + 1, ArrowLeft: presenter.step - 1, ArrowUp: presenter.step - 1,
        PageUp: presenter.step - 1, Home: 0, End: last,
      };
      if (event.key === "Escape") {
        event.preventDefault();
        presenter.leave();
      } else if (event.key in moves) {
        event.preventDefault();
        const target = Math.max(0, Math.min(last, moves[event.key]));
        if (target !== presenter.step) presenter.go(target);
      }
    },
  };

  /* The URL holds the view: ?present=1&step=N when presenting, otherwise
   * metric, layers, country or feature, view and extent. Unknown or
   * malformed parameters are ignored, one by one. */
  const url = {
    restoring: false,
    state: null,
    remember: function (state) {
      url.state = state;
      if (!url.restoring && !presenter.active) url.push();
    },
    query: function () {
      const params = new URLSearchParams();
      if (presenter.active) {
        params.set("present", "1");
        params.set("step", String(presenter.step + 1));
        return "?" + params.toString();
      }
      const state = url.state;
      if (!state) return location.search;
      const cfg = config();
      const defaults = [].concat.apply([], Object.values(cfg.layerGroups));
      if (state.metric !== cfg.defaults.metric) params.set("metric", state.metric);
      const layers = defaults.filter((id) => state.layers.indexOf(id) >= 0);
      if (layers.length !== defaults.length) params.set("layers", layers.join(","));
      if (state.country) params.set("country", state.country);
      if (state.feature) params.set("feature", state.feature);
      if (state.view !== cfg.defaults.view) params.set("view", state.view);
      if (url.extent) params.set("extent", url.extent.join(","));
      const text = params.toString();
      return text ? "?" + text : location.pathname;
    },
    push: function () {
      const next = url.query();
      if (next !== location.search && !(next === location.pathname && !location.search)) {
        history.pushState(null, "", next);
      }
    },
    replace: function () {
      history.replaceState(null, "", url.query());
    },
    apply: function (search) {
      const cfg = config();
      const params = new URLSearchParams(search);
      url.restoring = true;
      url.extent = null;
      const step = parseInt(params.get("step"), 10);
      if (params.get("present") === "1" && step >= 1 && step <= cfg.story.length && String(step) === params.get("step")) {
        presenter.enter(step - 1);
        url.restoring = false;
        return;
      }
      if (presenter.active) presenter.leave();
      const metric = params.get("metric");
      setProps("metric", {value: metric in cfg.metrics ? metric : cfg.defaults.metric});
      const known = [].concat.apply([], Object.values(cfg.layerGroups));
      const asked = params.has("layers") ? params.get("layers").split(",").filter(Boolean) : null;
      showOnly(asked && asked.every((id) => known.indexOf(id) >= 0) ? asked : known, cfg.layerGroups);
      const country = params.get("country");
      const feature = params.get("feature");
      const validFeature = feature in cfg.features ? feature : null;
      setProps("feature", {data: validFeature});
      setProps("country", {value: !validFeature && cfg.maghreb.indexOf(country) >= 0 ? country : null});
      const view = params.get("view") in cfg.views ? params.get("view") : cfg.defaults.view;
      setProps("view", {value: view});
      const extent = (params.get("extent") || "").split(",").map(Number);
      const valid = extent.length === 4 && extent.every(isFinite) && extent[0] < extent[2] && extent[1] < extent[3]
        && extent[0] >= -180 && extent[2] <= 180 && extent[1] >= -90 && extent[3] <= 90;
      const target = valid ? {lon: [extent[0], extent[2]], lat: [extent[1], extent[3]]} : cfg.views[view];
      url.extent = valid ? extent : null;
      // The callbacks set off above redraw the map a moment later: fit the
      // view once they have settled, then let changes into the history again.
      setTimeout(function () {
        flyTo(target, 0).then(function () {
          url.restoring = false;
        });
      }, 400);
    },
  };

  function whenReady(callback) {
    const ready = () => window.dash_clientside && window.dash_clientside.set_props && graph()
      && graph()._fullLayout && graph()._fullLayout.geo && document.getElementById("dandelion-config");
    (function wait() {
      if (ready()) callback(); else setTimeout(wait, 50);
    })();
  }

  whenReady(function () {
    const gd = graph();
    gd.on("plotly_relayout", function (update) {
      // Zoom and pan by the reader (not our own fitting) go into the URL.
      if (url.restoring || presenter.active || !("geo.projection.scale" in update || "geo.center.lon" in update)) return;
      if (update["geo.lonaxis.range"]) return;
      url.extent = visibleExtent();
      url.replace();
    });
    if (location.search) {
      url.apply(location.search);
    } else {
      flyTo(config().views[config().defaults.view], 0);
    }
    window.addEventListener("popstate", () => url.apply(location.search));
    let resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () {
        if (url.extent || url.restoring) return;  // keep the reader's own extent
        const cfg = config();
        const extent = presenter.active ? cfg.story[presenter.step].extent : cfg.views[(url.state || cfg.defaults).view];
        flyTo(extent, 0);
      }, 150);
    });
  });

  document.addEventListener("keydown", presenter.onKey);
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && presenter.active && presenter.hadFullscreen) presenter.leave();
    presenter.hadFullscreen = Boolean(document.fullscreenElement);
  });
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("#present-button, #copy-link");
    if (!button) return;
    if (button.id === "present-button") {
      presenter.enter(0);
      return;
    }
    const status = document.getElementById("link-status");
    const done = (text) => { status.textContent = text; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(location.href).then(() => done("Link copied"), () => done(location.href));
    } else {
      done(location.href);
    }
  });

  window.dandelion = {presenter: presenter, url: url, visibleExtent: visibleExtent};

  function selectTarget(target) {
    const setProps = window.dash_clientside.set_props;
    if (target.startsWith("country:")) {
      setProps("country", {value: target.slice("country:".length)});
      setProps("feature", {data: null});
    } else if (target.startsWith("feature:")) {
      setProps("feature", {data: target.slice("feature:".length)});
      setProps("country", {value: null});
    } else {
      setProps("country", {value: null});
      setProps("feature", {data: null});
    }
  }

  function onMark(event) {
    const mark = event.target.closest && event.target.closest("#briefing-text mark[data-target]");
    if (!mark || (event.type === "keydown" && event.key !== "Enter" && event.key !== " ")) {
      return;
    }
    event.preventDefault();
    selectTarget(mark.getAttribute("data-target"));
  }

  document.addEventListener("click", onMark);
  document.addEventListener("keydown", onMark);
})();
