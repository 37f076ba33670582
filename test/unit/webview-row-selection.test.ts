/**
 * The table's selection without a list of every row (src/webview/rowSelection.ts): click, Ctrl+click,
 * Shift ranges and Ctrl+A held as a base (every row, or ranges of positions) plus and minus a few ids.
 * Each case is checked against a plain set of ids built the way a file list selects, row by row, and the
 * count shown is checked to be that set's size without reading the rows of the base.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LISTED_SELECTION, NO_SELECTION, isEmpty, isSelected, rowsSelection, selectAll, selectOnly, selectRange, selectedCount, toggleRow, type RowSelection,
} from '../../src/webview/rowSelection.js';

/** A query's order: the attempt id at each position, not in position order, as a sorted table has them (one id per position below 10,000,019). */
const idAt = (position: number) => 1 + ((position * 7919) % 10_000_019);

/** The selected ids by a test of each row, as the table draws them. */
function drawn(selection: RowSelection, total: number): number[] {
  const ids: number[] = [];
  for (let position = 0; position < total; position++) if (isSelected(selection, position, idAt(position))) ids.push(idAt(position));
  return ids;
}

/** The reference: a set of ids, changed the way a file list selects. */
class PlainSelection {
  ids = new Set<number>();
  anchor = -1;
  only(position: number): void {
    this.ids = new Set([idAt(position)]);
    this.anchor = position;
  }
  toggle(position: number): void {
    if (!this.ids.delete(idAt(position))) this.ids.add(idAt(position));
    this.anchor = position;
  }
  range(position: number, add: boolean): void {
    const anchor = this.anchor < 0 ? position : this.anchor;
    if (!add) this.ids = new Set();
    for (let p = Math.min(anchor, position); p <= Math.max(anchor, position); p++) this.ids.add(idAt(p));
    this.anchor = anchor;
  }
  all(total: number): void {
    this.ids = new Set(Array.from({ length: total }, (_, p) => idAt(p)));
    if (this.anchor < 0) this.anchor = 0;
  }
  inOrder(total: number): number[] {
    return Array.from({ length: total }, (_, p) => idAt(p)).filter((id) => this.ids.has(id));
  }
}

function assertSame(selection: RowSelection, plain: PlainSelection, total: number, what: string): void {
  assert.deepEqual(drawn(selection, total), plain.inOrder(total), what);
  assert.equal(selectedCount(selection, total), plain.ids.size, `${what}: the count`);
  assert.equal(selection.anchor, plain.anchor, `${what}: the anchor`);
}

test('a click selects one row; Ctrl+click adds a row, and removes it again', () => {
  const one = selectOnly(3, idAt(3));
  assert.deepEqual(drawn(one, 10), [idAt(3)]);
  const two = toggleRow(one, 7, idAt(7));
  assert.deepEqual(drawn(two, 10), [idAt(3), idAt(7)]);
  assert.deepEqual(drawn(toggleRow(two, 3, idAt(3)), 10), [idAt(7)]);
  assert.equal(selectedCount(toggleRow(toggleRow(two, 3, idAt(3)), 7, idAt(7)), 10), 0);
  assert.equal(isEmpty(toggleRow(toggleRow(two, 3, idAt(3)), 7, idAt(7))), true);
});

test('Ctrl+A on 10,000,000 rows is every row with no id listed; Ctrl+click then takes one out, and puts it back', () => {
  const total = 10_000_000;
  const all = selectAll(selectOnly(5, idAt(5)), total);
  assert.deepEqual(rowsSelection(all), { all: true, ranges: [], added: [], removed: [] });
  assert.equal(selectedCount(all, total), total);
  assert.equal(all.anchor, 5, 'the anchor stays where it was');
  const lessOne = toggleRow(all, 4_321_000, idAt(4_321_000));
  assert.equal(selectedCount(lessOne, total), total - 1);
  assert.equal(isSelected(lessOne, 4_321_000, idAt(4_321_000)), false);
  assert.equal(isSelected(lessOne, 4_320_999, idAt(4_320_999)), true);
  assert.deepEqual(rowsSelection(lessOne), { all: true, ranges: [], added: [], removed: [idAt(4_321_000)] });
  assert.equal(selectedCount(toggleRow(lessOne, 4_321_000, idAt(4_321_000)), total), total);
});

test('Shift ranges beyond the rows held are positions: exact counts, Ctrl+click inside takes out, outside adds', () => {
  const total = 10_000_000;
  const anchored = selectOnly(1_000, idAt(1_000));
  const range = selectRange(anchored, 6_000_999, false);
  assert.deepEqual(rowsSelection(range), { all: false, ranges: [[1_000, 6_000_999]], added: [], removed: [] });
  assert.equal(selectedCount(range, total), 6_000_000);
  assert.equal(range.cursor, 6_000_999);
  assert.equal(isSelected(range, 999, idAt(999)), false);
  assert.equal(isSelected(range, 6_001_000, idAt(6_001_000)), false);
  const holed = toggleRow(range, 2_000_000, idAt(2_000_000));
  assert.equal(selectedCount(holed, total), 5_999_999);
  const plusOne = toggleRow(holed, 9_999_999, idAt(9_999_999));
  assert.equal(selectedCount(plusOne, total), 6_000_000);
  assert.deepEqual(rowsSelection(plusOne), { all: false, ranges: [[1_000, 6_000_999]], added: [idAt(9_999_999)], removed: [idAt(2_000_000)] });
  // Backwards from the anchor (the last Ctrl+click), and a range added with Ctrl that joins it.
  const backwards = selectRange(plusOne, 9_000_000, false);
  assert.deepEqual(rowsSelection(backwards).ranges, [[9_000_000, 9_999_999]]);
  const joined = selectRange({ ...holed, anchor: 6_001_000 }, 7_000_000, true);
  assert.deepEqual(rowsSelection(joined).ranges, [[1_000, 7_000_000]]);
  assert.equal(selectedCount(joined, total), 7_000_000 - 1_000 + 1 - 1);
  // A range inside an all-selection puts back the rows taken out in it.
  const all = toggleRow(toggleRow(selectAll(NO_SELECTION, total), 10, idAt(10)), 20, idAt(20));
  assert.equal(selectedCount(selectRange({ ...all, anchor: 15 }, 25, true), total), total - 1);
});

test('ranges over rows the table holds, and Ctrl+A of a table it holds whole, are plain ids', () => {
  const held = (position: number) => (position < 300 ? idAt(position) : undefined);
  const range = selectRange(selectOnly(10, idAt(10)), 20, false, held);
  assert.deepEqual(rowsSelection(range), { all: false, ranges: [], added: Array.from({ length: 11 }, (_, n) => idAt(10 + n)), removed: [] });
  assert.deepEqual(rowsSelection(selectRange(selectOnly(10, idAt(10)), 400, false, held)).ranges, [[10, 400]], 'a row not held: positions');
  assert.deepEqual(rowsSelection(selectAll(NO_SELECTION, 300, held)).added, Array.from({ length: 300 }, (_, p) => idAt(p)));
  assert.equal(rowsSelection(selectAll(NO_SELECTION, 301, held)).all, true);
  const everyRow = () => 1;
  assert.equal(rowsSelection(selectRange(selectOnly(0, 1), LISTED_SELECTION, false, everyRow)).ranges.length, 1, 'too many to list');
});

test('any sequence of clicks, Ctrl+clicks, Shift ranges and Ctrl+A selects what a set of ids would, and counts it', () => {
  let seed = 7;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
  for (let round = 0; round < 200; round++) {
    const total = 1 + random(60);
    // Some rounds hold every row (ranges become ids), some none, some the first half.
    const heldUpTo = [0, total, Math.floor(total / 2)][round % 3]!;
    const held = (position: number) => (position < heldUpTo ? idAt(position) : undefined);
    let selection = NO_SELECTION;
    const plain = new PlainSelection();
    const steps: string[] = [];
    for (let step = 0; step < 12; step++) {
      const position = random(total);
      const kind = random(10);
      if (kind < 2) {
        selection = selectOnly(position, idAt(position));
        plain.only(position);
        steps.push(`click ${position}`);
      } else if (kind < 5) {
        selection = toggleRow(selection, position, idAt(position));
        plain.toggle(position);
        steps.push(`ctrl ${position}`);
      } else if (kind < 9) {
        const add = kind === 8 || kind === 6;
        selection = selectRange(selection, position, add, held);
        plain.range(position, add);
        steps.push(`${add ? 'ctrl+' : ''}shift ${position}`);
      } else {
        selection = selectAll(selection, total, held);
        plain.all(total);
        steps.push('ctrl+a');
      }
      assertSame(selection, plain, total, `${total} rows: ${steps.join(', ')}`);
    }
  }
});
