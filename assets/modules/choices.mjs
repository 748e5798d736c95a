/* The page's radio groups and checklists: native inputs in a fieldset, each
 * group's value held by a Dash store of the same id (dashboard/page/controls.py choice_group). */

/** The store's value for a group from the values of its checked inputs:
 * a radio group holds one value (or null), a checklist the list. */
export function groupValue(kind, checkedValues) {
  return kind === "checkbox" ? [...checkedValues] : (checkedValues[0] ?? null);
}

/** Whether the input for `value` is checked when the group's store holds `current`. */
export function isChecked(value, current) {
  return Array.isArray(current) ? current.includes(value) : current === value;
}
