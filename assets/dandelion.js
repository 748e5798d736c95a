/* Dandelion's work in the browser: no request to the server for any of it.
 *
 * - showLayers: switch layers on and off (trace.meta.layer), keeping zoom and pan;
 * - showView: fit the map to a named view;
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
    showLayers: function () {
      const groups = Array.prototype.slice.call(arguments, 0, -1);
      const figure = arguments[arguments.length - 1];
      const on = new Set([].concat.apply([], groups.map((values) => values || [])));
      const patch = new window.dash_clientside.Patch();
      figure.data.forEach(function (trace, index) {
        const layer = layerOf(trace);
        const visible = layer === "selection" || on.has(layer);
        if (trace.visible !== visible) {
          patch.assign(["data", index, "visible"], visible);
        }
      });
      return patch.build();
    },

    showView: function (view, config) {
      const extent = config.views[view];
      if (!extent) {
        return window.dash_clientside.no_update;
      }
      return new window.dash_clientside.Patch()
        .assign(["layout", "geo", "lonaxis", "range"], extent.lon)
        .assign(["layout", "geo", "lataxis", "range"], extent.lat)
        .assign(["layout", "uirevision"], view)
        .build();
    },

    selectFromMap: function (clickData, config) {
      const point = clickData && clickData.points && clickData.points[0];
      if (!point) {
        return [window.dash_clientside.no_update, window.dash_clientside.no_update];
      }
      if (Array.isArray(point.customdata) && typeof point.customdata[1] === "string") {
        return [null, point.customdata[1]];
      }
      if (config.maghreb.indexOf(point.location) >= 0) {
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
