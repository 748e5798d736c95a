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
    render: function (metric, country, feature, view) {
      const args = Array.prototype.slice.call(arguments);
      const config = args.pop();
      const figure = args.pop();
      const layerGroups = args.slice(4);
      const noUpdate = window.dash_clientside.no_update;
      const state = config.metrics[metric];
      if (!state) {
        return [noUpdate, noUpdate, noUpdate];
      }
      const triggered = (window.dash_clientside.callback_context.triggered || []).map((t) => t.prop_id);
      if (triggered.indexOf("feature.data") >= 0 && feature) {
        country = null;
      } else if (country) {
        feature = null;
      }
      const on = new Set([].concat.apply([], layerGroups.map((values) => values || [])));
      const point = feature && config.features[feature];
      const patch = new window.dash_clientside.Patch();
      figure.data.forEach(function (trace, index) {
        const meta = trace.meta || {};
        const props = state.parts[meta.part];
        if (props) {
          Object.keys(props).forEach((prop) => patch.assign(["data", index, prop], props[prop]));
        } else if (meta.part === "selected-country") {
          patch.assign(["data", index, "locations"], country ? [country] : []);
          patch.assign(["data", index, "z"], country ? [0] : []);
        } else if (meta.part === "selected-feature") {
          patch.assign(["data", index, "lon"], point ? [point[0]] : []);
          patch.assign(["data", index, "lat"], point ? [point[1]] : []);
        }
        const visible = meta.layer === "selection" || on.has(meta.layer);
        if (trace.visible !== visible) {
          patch.assign(["data", index, "visible"], visible);
        }
      });
      const extent = config.views[view];
      if (extent && triggered.indexOf("view.value") >= 0) {
        patch
          .assign(["layout", "geo", "lonaxis", "range"], extent.lon)
          .assign(["layout", "geo", "lataxis", "range"], extent.lat)
          .assign(["layout", "uirevision"], view);
      }
      return [patch.build(), state.title, state.subtitle];
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
