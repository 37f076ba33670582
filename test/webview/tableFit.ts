/**
 * Whether the handshake table fits its editor: the grid's width against its box, and every header and
 * cell whose content is wider than the cell (cut, or shortened with an ellipsis). Shared by the English
 * and the Chinese page's checks.
 */
import type { Page } from 'playwright-core';

/** What a 1280 × 800 window leaves for the editor beside the explorer (as captureEditor.test.ts has it). */
export const EDITOR_OF_1280_BY_800 = { width: 1000, height: 700 };

export async function tableOverflow(page: Page): Promise<{ scroll: number; client: number }> {
  return page.getByTestId('handshake-table').evaluate((node) => ({ scroll: node.scrollWidth, client: node.clientWidth }));
}

/** `column: text (needed > given)` for each header or cell of the rows in view whose content does not fit. */
export async function cutTableCells(page: Page): Promise<string[]> {
  return page.locator('[role="columnheader"], [data-testid="handshake-row"] [data-column]').evaluateAll((cells) => cells
    .filter((cell) => cell.scrollWidth > cell.clientWidth)
    .map((cell) => `${cell.getAttribute('data-column')}: ${cell.textContent} (${cell.scrollWidth} > ${cell.clientWidth})`));
}
