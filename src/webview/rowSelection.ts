/**
 * The table's selection as file lists and Wireshark's packet list make it: a click selects one row,
 * Ctrl (⌘) + click adds or removes one, Shift + click selects from the anchor to the row, Ctrl+A every
 * row the filter shows. It is held without listing every row, so Ctrl+A on 10,000,000 rows costs what
 * it costs on ten: a base (every row of the query, or ranges of positions in its order) plus the ids
 * clicked in beside it and minus the ids clicked out of it. Positions (ranges, the anchor, the cursor)
 * are indices in the table's current order, which a selection never outlives (a new filter or sort
 * clears it). Pure, for node:test.
 */
import type { RowsSelection } from '../shared/lspExtensions.js';

/** Positions `first` to `last` of the query's order, both included. */
export interface PositionRange {
  first: number;
  last: number;
}

export interface RowSelection {
  /** Every row of the query is in the base (`ranges` is then empty). */
  all: boolean;
  /** The base otherwise: ascending ranges that neither overlap nor touch. */
  ranges: readonly PositionRange[];
  /** Ids selected outside the base, each with its position. */
  added: ReadonlyMap<number, number>;
  /** Ids of the base that are not selected, each with its position. */
  removed: ReadonlyMap<number, number>;
  /** Where a Shift range starts. */
  anchor: number;
  /** The row with the keyboard focus, whose packets the detail pane shows. */
  cursor: number;
}

const NONE: ReadonlyMap<number, number> = new Map();

export const NO_SELECTION: RowSelection = { all: false, ranges: [], added: NONE, removed: NONE, anchor: -1, cursor: -1 };

/**
 * The id at a position when the table holds that row, for a range or Ctrl+A over held rows to become a
 * plain set of ids: what the table shows then needs no positions, and survives rows arriving in between.
 */
export type HeldId = (position: number) => number | undefined;

/** Ranges and Ctrl+A up to this many rows become ids when every row is held; larger ones stay positions. */
export const LISTED_SELECTION = 5000;

/** Nothing selected, the cursor at `index` (a row whose page has not arrived yet). */
export function cursorOnly(index: number): RowSelection {
  return { ...NO_SELECTION, anchor: index, cursor: index };
}

export function selectOnly(index: number, id: number): RowSelection {
  return { ...NO_SELECTION, added: new Map([[id, index]]), anchor: index, cursor: index };
}

function inRanges(ranges: readonly PositionRange[], position: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle]!;
    if (position < range.first) high = middle - 1;
    else if (position > range.last) low = middle + 1;
    else return true;
  }
  return false;
}

function inBase(selection: RowSelection, position: number): boolean {
  return selection.all || inRanges(selection.ranges, position);
}

/** Whether the row at `position` with `id` is selected: one range or set test per drawn row. */
export function isSelected(selection: RowSelection, position: number, id: number): boolean {
  return inBase(selection, position) ? !selection.removed.has(id) : selection.added.has(id);
}

/** How many rows are selected, of a query of `total` rows: exact, without the ids of the base. */
export function selectedCount(selection: RowSelection, total: number): number {
  const base = selection.all ? total : selection.ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0);
  return base - selection.removed.size + selection.added.size;
}

/** Nothing is selected (the cursor may still be on a row). */
export function isEmpty(selection: RowSelection): boolean {
  return !selection.all && selection.ranges.length === 0 && selection.added.size === 0;
}

/** Ctrl + click: the row joins the selection, or leaves it; either way it becomes the anchor. */
export function toggleRow(selection: RowSelection, index: number, id: number): RowSelection {
  const moved = { anchor: index, cursor: index };
  if (inBase(selection, index)) return { ...selection, removed: toggled(selection.removed, id, index), ...moved };
  return { ...selection, added: toggled(selection.added, id, index), ...moved };
}

function toggled(ids: ReadonlyMap<number, number>, id: number, index: number): Map<number, number> {
  const next = new Map(ids);
  if (!next.delete(id)) next.set(id, index);
  return next;
}

/** The ids whose position lies outside `range`. */
function outside(ids: ReadonlyMap<number, number>, range: PositionRange): Map<number, number> {
  const kept = new Map<number, number>();
  for (const [id, position] of ids) if (position < range.first || position > range.last) kept.set(id, position);
  return kept;
}

/** The ids of every position of `range` when the table holds them all and they are few enough; else null. */
function heldIds(range: PositionRange, heldId: HeldId | undefined): Map<number, number> | null {
  if (!heldId || range.last - range.first + 1 > LISTED_SELECTION) return null;
  const ids = new Map<number, number>();
  for (let position = range.first; position <= range.last; position++) {
    const id = heldId(position);
    if (id === undefined) return null;
    ids.set(id, position);
  }
  return ids;
}

/** `ranges` with `range` added, merged where they overlap or touch. */
function withRange(ranges: readonly PositionRange[], range: PositionRange): PositionRange[] {
  const merged: PositionRange[] = [];
  let current = { ...range };
  for (const other of ranges) {
    if (other.last + 1 < current.first) merged.push(other);
    else if (current.last + 1 < other.first) {
      merged.push(current);
      current = other;
    } else current = { first: Math.min(current.first, other.first), last: Math.max(current.last, other.last) };
  }
  merged.push(current);
  return merged;
}

/**
 * Shift + click: the rows from the anchor to this one. With Ctrl held as well, they are added to what was
 * selected. Rows the table holds (`heldId`) are kept as ids, others as the range of their positions.
 */
export function selectRange(selection: RowSelection, index: number, add: boolean, heldId?: HeldId): RowSelection {
  const anchor = selection.anchor < 0 ? index : selection.anchor;
  const range = { first: Math.min(anchor, index), last: Math.max(anchor, index) };
  const moved = { anchor, cursor: index };
  const base = add ? selection : NO_SELECTION;
  const listed = heldIds(range, heldId);
  if (base.all) return { ...base, removed: outside(base.removed, range), ...moved };
  if (listed && !base.ranges.some((other) => other.first <= range.last && range.first <= other.last)) {
    return { ...base, added: new Map([...base.added, ...listed]), ...moved };
  }
  return { ...base, ranges: withRange(base.ranges, range), added: outside(base.added, range), removed: outside(base.removed, range), ...moved };
}

/** Ctrl+A: every row of the table (as ids when the table holds them all); the cursor stays where it was. */
export function selectAll(selection: RowSelection, total: number, heldId?: HeldId): RowSelection {
  const moved = { anchor: selection.anchor < 0 ? 0 : selection.anchor, cursor: selection.cursor < 0 ? 0 : selection.cursor };
  const listed = total > 0 ? heldIds({ first: 0, last: total - 1 }, heldId) : new Map<number, number>();
  return listed ? { ...NO_SELECTION, added: listed, ...moved } : { ...NO_SELECTION, all: true, ...moved };
}

/** The selection as the language server resolves it against the same query, a few numbers however many rows. */
export function rowsSelection(selection: RowSelection): RowsSelection {
  return {
    all: selection.all,
    ranges: selection.ranges.map((range) => [range.first, range.last]),
    added: [...selection.added.keys()],
    removed: [...selection.removed.keys()],
  };
}
