/**
 * Small-number suppression of a table of counts with its totals, for summaries that leave the
 * service (docs/architecture.md, "Reports"). The rule:
 *
 * 1. Primary: a cell from 1 to threshold − 1 is suppressed (0 is shown: it tells nothing of anyone).
 * 2. Secondary: each row, with its total, and each column, with its total, is a sum anyone can
 *    redo; so are the row totals and the column totals with the grand total. Whenever such a line
 *    has exactly one suppressed entry, it could be worked out, so the line's smallest other
 *    non-zero cell is suppressed too; when it has none, the line's total is. This repeats until no
 *    line has exactly one suppressed entry (it ends: each pass suppresses one more entry).
 *
 * Every suppressed entry reads the same ("suppressed", never its value or why): were the cells
 * suppressed by the second step marked apart, a reader would know they hold threshold or more,
 * which with a total can narrow the small one down.
 */
export interface SuppressedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/** An entry of the table: a cell [r, c], a row total [r, -1], a column total [-1, c], the grand total [-1, -1]. */
type Entry = [number, number];

export function suppress(values: number[][], threshold: number): SuppressedTable {
  const rows = values.length;
  const cols = rows ? values[0]!.length : 0;
  const value = ([r, c]: Entry): number => {
    if (r >= 0 && c >= 0) return values[r]![c]!;
    if (r >= 0) return values[r]!.reduce((a, b) => a + b, 0);
    if (c >= 0) return values.reduce((a, row) => a + row[c]!, 0);
    return values.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
  };
  const hidden = new Set<string>();
  const key = ([r, c]: Entry) => `${r},${c}`;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (values[r]![c]! > 0 && values[r]![c]! < threshold) hidden.add(key([r, c]));

  // Each line: its parts, then the total they add up to.
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines: { parts: Entry[]; total: Entry }[] = [
    ...range(rows).map((r) => ({ parts: range(cols).map((c): Entry => [r, c]), total: [r, -1] as Entry })),
    ...range(cols).map((c) => ({ parts: range(rows).map((r): Entry => [r, c]), total: [-1, c] as Entry })),
    { parts: range(rows).map((r): Entry => [r, -1]), total: [-1, -1] },
    { parts: range(cols).map((c): Entry => [-1, c]), total: [-1, -1] },
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const entries = [...line.parts, line.total];
      if (entries.filter((e) => hidden.has(key(e))).length !== 1) continue;
      const candidates = line.parts.filter((e) => !hidden.has(key(e)) && value(e) > 0).sort((a, b) => value(a) - value(b) || a[0] - b[0] || a[1] - b[1]);
      const next = key(candidates[0] ?? line.total);
      // Never true (a suppressed entry is never 0, so its line has another above 0), but a loop must not hang on it.
      if (hidden.has(next)) continue;
      hidden.add(next);
      changed = true;
    }
  }
  const shown = (e: Entry) => (hidden.has(key(e)) ? null : value(e));
  return {
    cells: range(rows).map((r) => range(cols).map((c) => shown([r, c]))),
    rowTotals: range(rows).map((r) => shown([r, -1])),
    columnTotals: range(cols).map((c) => shown([-1, c])),
    total: shown([-1, -1]),
  };
}
