/* The table behind the map's colours: sorting its rows (dashboard/page/table.py renders them). */

/** The sort after a click on `column`'s header: the same column turns
 * round; another starts with the highest figure first, or A to Z for names. */
export function nextSort(current, column, textColumn) {
  if (current && current.column === column) {
    return {column, direction: current.direction === "ascending" ? "descending" : "ascending"};
  }
  return {column, direction: column === textColumn ? "ascending" : "descending"};
}

/** The keys of `rows` ({key, sort}) in order; `sort` is a number as text, a
 * name, or "" for a figure not given, which comes last either way. */
export function sortedKeys(rows, direction) {
  const sign = direction === "ascending" ? 1 : -1;
  const compare = (a, b) => {
    if (a.sort === "" || b.sort === "") return (a.sort === "") - (b.sort === "");
    const [x, y] = [Number(a.sort), Number(b.sort)];
    const order = Number.isNaN(x) || Number.isNaN(y) ? a.sort.localeCompare(b.sort) : x - y;
    return sign * order;
  };
  return [...rows].sort(compare).map((row) => row.key);
}
