/**
 * The arithmetic of the virtualised table: rows have one fixed height, so the rows to draw and the pages
 * to fetch follow from the scroll position alone, and 10,000,000 rows cost as much as a screenful.
 *
 * Positions are in "content" pixels (row × row height) and in "scroll" pixels (the viewport's scrollTop).
 * Up to MAX_SPACER_HEIGHT they are the same; past it the spacer is capped (browsers cap an element's
 * height: Chromium near 33,554,428 px, Firefox near 17,895,697 px; 10,000,000 rows are 260,000,000 px) and
 * the scrollbar's range is mapped linearly onto the content, so its thumb at the end shows the last row.
 */

/** The tallest spacer the table makes; a larger table's scroll positions are scaled onto it. */
export const MAX_SPACER_HEIGHT = 15_000_000;

/** The spacer's height for a content of this height. */
export function spacerHeight(contentHeight: number): number {
  return Math.min(Math.max(0, contentHeight), MAX_SPACER_HEIGHT);
}

/** How many content pixels one scroll pixel is worth: 1 until the spacer is capped. */
function scrollScale(contentHeight: number, viewportHeight: number): number {
  const spacer = spacerHeight(contentHeight);
  if (contentHeight <= spacer || spacer <= viewportHeight) return 1;
  return (contentHeight - viewportHeight) / (spacer - viewportHeight);
}

/** The content position shown at the top of the viewport for a scrollTop. */
export function contentTopAt(scrollTop: number, contentHeight: number, viewportHeight: number): number {
  const top = Math.max(0, scrollTop) * scrollScale(contentHeight, viewportHeight);
  return Math.min(top, Math.max(0, contentHeight - viewportHeight));
}

/** The scrollTop that shows a content position at the top of the viewport (the inverse of contentTopAt). */
export function scrollTopFor(contentTop: number, contentHeight: number, viewportHeight: number): number {
  const top = Math.min(Math.max(0, contentTop), Math.max(0, contentHeight - viewportHeight));
  return top / scrollScale(contentHeight, viewportHeight);
}

export interface RowRange {
  /** First row to draw, inclusive. */
  first: number;
  /** Last row to draw, exclusive. */
  end: number;
}

/** The rows visible in the viewport plus `overscan` rows each side, clamped to the table. */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan: number): RowRange {
  if (total <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight) + overscan;
  return { first: Math.min(top, total), end: Math.min(Math.max(bottom, top), total) };
}

/** Page indices covering a row range. */
export function pagesFor(range: RowRange, pageSize: number): number[] {
  if (range.end <= range.first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(range.first / pageSize); page <= Math.floor((range.end - 1) / pageSize); page++) pages.push(page);
  return pages;
}

/** The scrollTop that brings a row fully into view, or the current one when it already is. */
export function scrollToReveal(row: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const rowTop = row * rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowTop + rowHeight > scrollTop + viewportHeight) return rowTop + rowHeight - viewportHeight;
  return scrollTop;
}

/** Keyboard movement in the grid: arrows, Page Up/Down (a viewport of rows), Home and End. */
export function moveSelection(key: string, current: number, total: number, rowsPerPage: number): number | null {
  if (total <= 0) return null;
  const from = current < 0 ? -1 : current;
  switch (key) {
    case 'ArrowDown': return Math.min(total - 1, from + 1);
    case 'ArrowUp': return Math.max(0, from - 1);
    case 'PageDown': return Math.min(total - 1, Math.max(0, from) + rowsPerPage);
    case 'PageUp': return Math.max(0, from - rowsPerPage);
    case 'Home': return 0;
    case 'End': return total - 1;
    default: return null;
  }
}
