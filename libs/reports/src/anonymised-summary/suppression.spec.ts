import fc from 'fast-check';
import { suppress } from './suppression.js';

/** Whether any row, column or margin of the table has exactly one suppressed entry (then it could be worked out). */
function recoverable(t: ReturnType<typeof suppress>): string[] {
  const out: string[] = [];
  const one = (entries: (number | null)[]) => entries.filter((e) => e === null).length === 1;
  t.cells.forEach((row, r) => one([...row, t.rowTotals[r]!]) && out.push(`row ${r}`));
  t.columnTotals.forEach((total, c) => one([...t.cells.map((row) => row[c]!), total]) && out.push(`column ${c}`));
  if (one([...t.rowTotals, t.total])) out.push('row totals');
  if (one([...t.columnTotals, t.total])) out.push('column totals');
  return out;
}

describe('suppress (small numbers, with secondary suppression)', () => {
  it('a known table: the 3 goes, then the next smallest of its row (6) and of its column (7), and no total gives one back', () => {
    const t = suppress(
      [
        [3, 6, 20],
        [7, 9, 11],
        [10, 12, 14],
      ],
      5,
    );
    expect(t.cells).toEqual([
      [null, null, 20],
      [null, null, 11],
      [10, 12, 14],
    ]);
    expect(t.rowTotals).toEqual([29, 27, 36]);
    expect(t.columnTotals).toEqual([20, 27, 45]);
    expect(t.total).toBe(92);
    expect(recoverable(t)).toEqual([]);
  });

  it('a row whose only other cells are 0: its total goes; then the column cell below, and the other row total', () => {
    const t = suppress(
      [
        [2, 0],
        [8, 9],
      ],
      5,
    );
    // Row 0: the 2 alone (beside a 0) → its total. Column 0: the 2 alone → the 8. Row totals: the 2 alone → the 17.
    expect(t.cells).toEqual([
      [null, 0],
      [null, 9],
    ]);
    expect(t.rowTotals).toEqual([null, null]);
    expect(t.columnTotals).toEqual([10, 9]);
    expect(t.total).toBe(19);
    expect(recoverable(t)).toEqual([]);
  });

  it('nothing small, nothing suppressed; zeros are shown', () => {
    expect(
      suppress(
        [
          [0, 5],
          [12, 0],
        ],
        5,
      ),
    ).toEqual({
      cells: [
        [0, 5],
        [12, 0],
      ],
      rowTotals: [5, 12],
      columnTotals: [12, 5],
      total: 17,
    });
  });

  it('any table: every count from 1 to threshold − 1 is suppressed, every shown number is the true one, and no line has exactly one suppressed entry', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((cols) => fc.array(fc.array(fc.nat({ max: 15 }), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 })),
        fc.integer({ min: 2, max: 10 }),
        (values, threshold) => {
          const t = suppress(values, threshold);
          values.forEach((row, r) =>
            row.forEach((v, c) => {
              if (v > 0 && v < threshold) expect(t.cells[r]![c]).toBeNull();
              else if (t.cells[r]![c] !== null) expect(t.cells[r]![c]).toBe(v);
            }),
          );
          t.rowTotals.forEach((v, r) => v !== null && expect(v).toBe(values[r]!.reduce((a, b) => a + b, 0)));
          expect(recoverable(t)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
