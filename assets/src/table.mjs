/* The table behind the map: its rows for a source and time, the metric's column, sorting. */
import {selectionState} from "../modules/patch.mjs";
import {nextSort, sortedKeys} from "../modules/table.mjs";

/* The table's rows and caption under a choice of source and time (dashboard/page/table.py): its rows are
 * HTML Python wrote (dashboard/page/markup.py), in the table Dash holds as one Html part. */
export function showTable(page, source, time) {
  const {table} = selectionState(page.config, source, time);
  document.getElementById("data-table-caption").textContent = table.caption;
  document.getElementById("data-table-body").innerHTML = table.rows;
  page.tableSort = null;
  for (const header of document.querySelectorAll("#data-table thead th")) header.removeAttribute("aria-sort");
}

/* Mark the column of the metric the map shows. */
export function markTableMetric(metric) {
  for (const cell of document.querySelectorAll("#data-table [data-metric]")) {
    cell.classList.toggle("is-current", cell.dataset.metric === metric);
  }
}

/* A header's button sorts the rows by its column, or turns the order round. */
export function onSort(page, event) {
  const button = event.target.closest?.("#data-table button[data-sort-by]");
  if (!button) return;
  const column = button.dataset.sortBy;
  page.tableSort = nextSort(page.tableSort, column, page.config.tableTextColumn);
  const body = document.getElementById("data-table-body");
  const rows = [...body.rows].map((row, key) => {
    const cell = column === page.config.tableTextColumn ? row.cells[0] : row.querySelector(`td[data-metric="${column}"]`);
    return {key, sort: cell.dataset.sort, row};
  });
  for (const key of sortedKeys(rows, page.tableSort.direction)) body.append(rows[key].row);
  for (const header of document.querySelectorAll("#data-table thead th")) header.removeAttribute("aria-sort");
  button.parentElement.setAttribute("aria-sort", page.tableSort.direction);
}
