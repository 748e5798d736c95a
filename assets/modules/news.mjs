/* What the status region tells a screen reader after a change (WCAG 4.1.3):
 * the figure with its qualifier and its source, in words Python wrote
 * (config.browser_config: each metric's title, subtitle and headlines; placeNews). */
import {counterText} from "./presenter.mjs";

/** The news of a change to the explorer's map, or null for none. `changed`:
 * the stores that changed; `states`: the metrics under the source shown
 * (patch.metricStates); `state`: {metric, country, feature}; `placeNews`:
 * feature id -> words. A selected country's figure follows the metric or
 * source it is now read under. */
export function mapNews(changed, states, state, placeNews) {
  const metric = states[state.metric];
  const country = state.country ? ` ${metric.headlines[state.country]}` : "";
  if (changed.includes("feature") && state.feature) return placeNews[state.feature] ?? null;
  if (changed.includes("country") && state.country) return metric.headlines[state.country];
  if (changed.includes("metric")) return `${metric.title}. ${metric.subtitle}${country}`;
  if (changed.includes("source") || changed.includes("time")) return `${metric.subtitle}${country}`;
  return null;
}

/** The news of a presenter's step: where in the story, its title and text, whose figures the map shows
 * and when (its card's source line). */
export function stepNews(index, story) {
  const step = story[index];
  return `${counterText(index, story.length)}: ${step.title}. ${step.text} ${step.credit}`;
}
