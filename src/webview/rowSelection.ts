/**
 * The table's selection as file lists and Wireshark's packet list make it: a click selects one row,
 * Ctrl (⌘) + click adds or removes one, Shift + click selects from the anchor to the row, Ctrl+A every
 * row the filter shows. Rows are kept by attempt id, so the selection outlives the pages that held them;
 * positions (the anchor and the cursor) are indices in the table's current order. Pure, for node:test.
 */

export interface RowSelection {
  ids: ReadonlySet<number>;
  /** Where a Shift range starts. */
  anchor: number;
  /** The row with the keyboard focus, whose packets the detail pane shows. */
  cursor: number;
}

export const NO_SELECTION: RowSelection = { ids: new Set(), anchor: -1, cursor: -1 };

export function selectOnly(index: number, id: number): RowSelection {
  return { ids: new Set([id]), anchor: index, cursor: index };
}

/** Ctrl + click: the row joins the selection, or leaves it; either way it becomes the anchor. */
export function toggleRow(selection: RowSelection, index: number, id: number): RowSelection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: index, cursor: index };
}

/**
 * Shift + click: the rows from the anchor to this one, `order` being every id of the table in its order.
 * With Ctrl held as well, they are added to what was selected.
 */
export function selectRange(selection: RowSelection, index: number, order: readonly number[], add: boolean): RowSelection {
  const anchor = selection.anchor < 0 ? index : selection.anchor;
  const ids = new Set(add ? selection.ids : []);
  for (const id of order.slice(Math.min(anchor, index), Math.max(anchor, index) + 1)) ids.add(id);
  return { ids, anchor, cursor: index };
}

/** Ctrl+A: every row of the table; the cursor stays where it was. */
export function selectAll(selection: RowSelection, order: readonly number[]): RowSelection {
  return { ids: new Set(order), anchor: selection.anchor < 0 ? 0 : selection.anchor, cursor: selection.cursor < 0 ? 0 : selection.cursor };
}

/** The selected ids in the table's order, as an export writes them. */
export function selectedInOrder(selection: RowSelection, order: readonly number[]): number[] {
  return order.filter((id) => selection.ids.has(id));
}
