/* Targets name what a marked word, a story step or a link points at:
 * "country:TUN" or "feature:barrier/1". The prefixes come from Python
 * (config.contract.targets, from dashboard/figures/contract.py). */

/** {kind: "country" | "feature", id} for a target; {kind: null, id: null} for anything else. */
export function parseTarget(target, prefixes) {
  if (typeof target === "string") {
    for (const [kind, prefix] of Object.entries(prefixes)) {
      if (target.startsWith(prefix) && target.length > prefix.length) {
        return {kind, id: target.slice(prefix.length)};
      }
    }
  }
  return {kind: null, id: null};
}
