/**
 * The virtualised handshake table (role=grid). Rows have one fixed height; only the rows in view are in
 * the DOM, and they arrive by page from the host (the language server filters and sorts), so a capture
 * of 10,000,000 attempts scrolls like one of fifty (past MAX_SPACER_HEIGHT the scrollbar is scaled onto
 * the rows). Keyboard: arrows, Page Up/Down, Home, End (with Shift to extend the selection), Ctrl+A,
 * Ctrl+T for the time reference, Shift+F10 for the row's menu.
 */
import type { HandshakeJson } from '../analyzer/report.js';
import type { HandshakeFilter } from '../shared/lspExtensions.js';
import { wiresharkFrameNumber } from '../shared/frameNumber.js';
import type { AttemptsToShow, TableSelection } from '../shared/webviewProtocol.js';
import { defaultColumnWidth, gridTracks, resizeColumn, type ColumnLayout } from './columnLayout.js';
import { element } from './dom.js';
import type { Explanations } from './explanations.js';
import { formatTime, formatTimeOfDay } from './format.js';
import type { PageContext } from './pageContext.js';
import { rowCell } from './rowCells.js';
import { NO_SELECTION, cursorOnly, isEmpty, isSelected, rowsSelection, selectAll, selectOnly, selectRange, selectedCount, toggleRow, type HeldId, type RowSelection } from './rowSelection.js';
import { isMenuKey, renderHeaderCells } from './tableHeader.js';
import { DEFAULT_QUERY, queryKey, toggleSort, type TableQuery } from './tableState.js';
import { timeCellText, timeChars, toggleReference, type TimeDisplay } from './timeDisplay.js';
import { contentTopAt, moveSelection, pagesFor, scrollTopFor, scrollToReveal, spacerHeight, visibleRows } from './virtualWindow.js';

/** Must match `--row-height` in media/captureEditor.css. */
export const ROW_HEIGHT = 26;
const PAGE_SIZE = 200;
const OVERSCAN = 10;

export interface HandshakeTableEvents {
  onSelect(row: HandshakeJson): void;
  /** The selection is gone (the rows were filtered or sorted anew): nothing may stay shown as selected. */
  onDeselect(): void;
  /** The table replaced the filter itself (to reveal attempts): the filter bar must show the new one. */
  onFilterReplaced(filter: HandshakeFilter): void;
  onTotal(total: number): void;
  /** How many rows are selected now. */
  onSelectionCount(count: number): void;
  /** The user resized a column (drag ended) or asked for a default width: keep it. */
  onLayoutChanged(layout: ColumnLayout): void;
  /** Ctrl+T or the row menu set or removed the time reference: keep it, show it. */
  onTimeDisplayChanged(display: TimeDisplay): void;
  onColumnMenu(at: { x: number; y: number }): void;
  /** A right-click or Shift+F10 on a row, after the row was made part of the selection. */
  onRowMenu(row: HandshakeJson, at: { x: number; y: number }): void;
}

export interface TableSettings {
  filter: HandshakeFilter;
  layout: ColumnLayout;
  time: TimeDisplay;
  /** The capture's first packet, which "seconds since the beginning of the capture" counts from. */
  captureStart: number | null;
  /** The capture's packets, the largest frame number there can be (null while it is read). */
  packets: number | null;
}

export class HandshakeTable {
  readonly element: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly headerRow: HTMLElement;
  private query: TableQuery = DEFAULT_QUERY;
  private total: number;
  private pages = new Map<number, HandshakeJson[]>();
  private requested = new Set<number>();
  private selection: RowSelection = NO_SELECTION;
  /** The id of a row the table holds, by position: ranges over held rows are kept as their ids. */
  private readonly heldId: HeldId = (position) => this.rowAt(position)?.id;
  private highlighted = new Set<number>();
  /** The selected row's page had not arrived yet: tell the detail pane when it does. */
  private selectionAwaitingRow = false;
  /** The content pixel at the viewport's top: the viewport's scrollTop until the spacer is capped. */
  private contentTop = 0;
  /** The scrollTop the table set itself, so that the scroll event it causes keeps `contentTop` exact. */
  private ownScrollTop = 0;
  private largestTotal = 1;
  /** The largest frame number the frame column has to show whole: the capture's packets, or the rows' when larger. */
  private largestFrame = 0;
  private layout: ColumnLayout;
  private time: TimeDisplay;
  private readonly captureStart: number | null;

  constructor(
    private readonly context: PageContext,
    private readonly explanations: Explanations,
    private readonly generation: number,
    initialTotal: number,
    private readonly events: HandshakeTableEvents,
    settings: TableSettings,
  ) {
    const { strings } = context;
    this.total = initialTotal;
    this.query = { ...DEFAULT_QUERY, filter: settings.filter };
    this.layout = settings.layout;
    this.time = settings.time;
    this.captureStart = settings.captureStart;
    this.headerRow = element('div', { className: 'grid-row grid-header-row', attributes: { role: 'row', 'aria-rowindex': '1' } });
    this.spacer = element('div', { className: 'grid-spacer' });
    this.viewport = element('div', { className: 'grid-viewport', testId: 'table-viewport' }, [this.spacer]);
    this.grid = element('div', {
      className: 'grid',
      testId: 'handshake-table',
      attributes: { role: 'grid', tabindex: '0', 'aria-label': strings.handshakes, 'aria-multiselectable': 'true' },
    }, [element('div', { className: 'grid-head', attributes: { role: 'rowgroup' } }, [this.headerRow]), this.viewport]);
    this.element = this.grid;
    this.viewport.addEventListener('scroll', () => this.onScroll());
    this.viewport.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    this.grid.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.render()).observe(this.viewport);
    this.applyLayout();
    this.showFrameWidth(Math.max(1, settings.packets ?? 1));
    this.reset();
  }

  get columnLayout(): ColumnLayout {
    return this.layout;
  }

  /** The layout as drawn: along a path, the path column last (it means nothing for one capture or a pair). */
  private get shownLayout(): ColumnLayout {
    return this.context.pathFiles ? { ...this.layout, visible: [...this.layout.visible, 'path'] } : this.layout;
  }

  get filter(): HandshakeFilter {
    return this.query.filter;
  }

  get timeDisplay(): TimeDisplay {
    return this.time;
  }

  /** Returns the filter now applied. */
  setFilter(update: (filter: HandshakeFilter) => HandshakeFilter): HandshakeFilter {
    this.query = { ...this.query, filter: update(this.query.filter) };
    this.reset();
    return this.query.filter;
  }

  /**
   * The rows changed under the same query (more arrived while the capture is read): the pages in view
   * are asked for again and replace the ones shown when they come, so the scroll position, the selection
   * and the rows on screen stay until then.
   */
  refresh(): void {
    this.requested = new Set();
    const range = visibleRows(this.contentTop, this.viewportHeight, ROW_HEIGHT, this.total, OVERSCAN);
    const pages = new Set([0, ...pagesFor(range, PAGE_SIZE)]);
    for (const page of this.pages.keys()) if (!pages.has(page)) this.pages.delete(page);
    for (const page of pages) void this.fetchPage(page);
  }

  /**
   * Shows the attempts a diagnosis names: those of its cause when the list sent was cut to its first ids
   * (the table filtered by the cause, in id order), else every row in id order with these marked.
   */
  showAttempts({ handshakeIds, cause }: AttemptsToShow): void {
    if (cause === undefined) return this.selectAttempts(handshakeIds);
    this.highlighted = new Set();
    this.query = { filter: { cause }, sort: { column: 'id', direction: 'asc' } };
    this.events.onFilterReplaced(this.query.filter);
    this.reset();
    this.grid.focus();
  }

  /** Selects these attempts: shows every row in id order (ids are consecutive from 1) and marks them. */
  selectAttempts(ids: number[]): void {
    if (ids.length === 0) return;
    this.highlighted = new Set(ids);
    this.query = { filter: {}, sort: { column: 'id', direction: 'asc' } };
    this.events.onFilterReplaced(this.query.filter);
    this.reset();
    this.select(selectOnly(ids[0]! - 1, ids[0]!));
    this.grid.focus();
  }

  setLayout(layout: ColumnLayout): void {
    this.layout = layout;
    this.applyLayout();
    this.render();
  }

  setTimeDisplay(display: TimeDisplay): void {
    this.time = display;
    this.applyTimeWidth();
    this.render();
  }

  /** The selected rows as the language server resolves them (a few numbers, however many rows), or null when none is. */
  get selectedRows(): TableSelection | null {
    const count = this.selectedCount;
    if (count === 0) return null;
    return { filter: this.query.filter, sort: this.query.sort, rows: rowsSelection(this.selection), count };
  }

  get selectedCount(): number {
    return selectedCount(this.selection, this.total);
  }

  private applyLayout(): void {
    const tracks = gridTracks(this.shownLayout);
    this.grid.style.setProperty('--columns', tracks.columns);
    this.grid.style.setProperty('--grid-min-width', tracks.minWidth);
    this.grid.setAttribute('aria-colcount', String(this.shownLayout.visible.length));
    this.applyTimeWidth();
    this.renderHeader();
  }

  /** The time column is as wide as its text: with or without the date, " UTC", or signed seconds. */
  private applyTimeWidth(): void {
    const absolute = (this.context.datesInTimes ? 23 : 12) + (this.context.timeZone === 'utc' ? 4 : 0);
    this.grid.style.setProperty('--time-chars', String(timeChars(this.time, absolute)));
  }

  private reset(): void {
    this.pages = new Map();
    this.requested = new Set();
    if (this.selection.cursor >= 0 || !isEmpty(this.selection)) this.events.onDeselect();
    this.selection = NO_SELECTION;
    this.events.onSelectionCount(0);
    this.selectionAwaitingRow = false;
    this.scrollContentTo(0);
    this.showRowCount();
    this.renderHeader();
    void this.fetchPage(0);
    this.render();
  }

  /**
   * The row count for assistive technology, and the id column as wide as the largest id: ids run from 1
   * to the unfiltered total, the largest total the table has had.
   */
  private showRowCount(): void {
    this.grid.setAttribute('aria-rowcount', String(this.total + 1));
    this.largestTotal = Math.max(this.largestTotal, this.total);
    this.grid.style.setProperty('--id-chars', String(String(this.largestTotal).length));
  }

  /** The frame column as wide as the largest frame number it has had; it never narrows as rows come and go. */
  private showFrameWidth(frame: number): void {
    if (frame <= this.largestFrame) return;
    this.largestFrame = frame;
    this.grid.style.setProperty('--frame-chars', String(String(this.largestFrame).length));
  }

  private renderHeader(): void {
    this.headerRow.replaceChildren(...renderHeaderCells(this.context.strings, this.shownLayout, this.query.sort, {
      onSort: (column) => {
        this.query = { ...this.query, sort: toggleSort(this.query.sort, column) };
        this.reset();
      },
      onResize: (column, width, done) => {
        this.layout = width === null ? defaultColumnWidth(this.layout, column) : resizeColumn(this.layout, column, width);
        const tracks = gridTracks(this.shownLayout);
        this.grid.style.setProperty('--columns', tracks.columns);
        this.grid.style.setProperty('--grid-min-width', tracks.minWidth);
        if (done) this.events.onLayoutChanged(this.layout);
      },
      onColumnMenu: (at) => this.events.onColumnMenu(at),
    }));
  }

  private async fetchPage(page: number): Promise<void> {
    if (this.requested.has(page)) return;
    this.requested.add(page);
    const key = queryKey(this.query);
    const reply = await this.context.channel.requestPage({
      generation: this.generation,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
      filter: this.query.filter,
      sort: this.query.sort,
    });
    // A reply for a query the user has since changed is dropped, never drawn.
    if (key !== queryKey(this.query) || !reply.page) return;
    this.pages.set(page, reply.page.rows);
    let largestFrame = 0;
    for (const row of reply.page.rows) if (row.syns[0]) largestFrame = Math.max(largestFrame, wiresharkFrameNumber(row.syns[0].frame));
    this.showFrameWidth(largestFrame);
    if (reply.page.total !== this.total) {
      this.total = reply.page.total;
      this.showRowCount();
      // Every row of the query counts the rows that arrived since.
      if (this.selection.all) this.events.onSelectionCount(this.selectedCount);
    }
    this.events.onTotal(this.total);
    this.render();
    this.resolvePendingSelection();
  }

  private rowAt(index: number): HandshakeJson | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  private get viewportHeight(): number {
    return this.viewport.clientHeight || ROW_HEIGHT * 20;
  }

  private get contentHeight(): number {
    return this.total * ROW_HEIGHT;
  }

  /** Shows this content pixel at the viewport's top (clamped to the table), through the scaled scrollbar. */
  private scrollContentTo(contentTop: number): void {
    const height = this.contentHeight;
    const viewport = this.viewportHeight;
    this.contentTop = Math.min(Math.max(0, contentTop), Math.max(0, height - viewport));
    this.spacer.style.height = `${spacerHeight(height)}px`;
    this.viewport.scrollTop = scrollTopFor(this.contentTop, height, viewport);
    // Read back: the browser rounds scrollTop, and the scroll event compares against what it holds.
    this.ownScrollTop = this.viewport.scrollTop;
  }

  /**
   * A scroll the table did not make (the scrollbar dragged, the page scrolled it) maps onto the content;
   * while the spacer is not capped the two are one.
   */
  private onScroll(): void {
    const scrollTop = this.viewport.scrollTop;
    const height = this.contentHeight;
    if (height <= spacerHeight(height) || Math.abs(scrollTop - this.ownScrollTop) > 1) {
      this.contentTop = contentTopAt(scrollTop, height, this.viewportHeight);
      this.ownScrollTop = scrollTop;
    }
    this.render();
  }

  /**
   * On a scaled scrollbar a wheel step would move many rows; it moves the content by the wheel's own
   * distance instead. At either end the wheel is left to scroll the page.
   */
  private onWheel(event: WheelEvent): void {
    const height = this.contentHeight;
    if (height <= spacerHeight(height) || event.deltaY === 0 || event.ctrlKey) return;
    const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? ROW_HEIGHT : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? this.viewportHeight : 1;
    const bottom = Math.max(0, height - this.viewportHeight);
    if ((event.deltaY < 0 && this.contentTop <= 0) || (event.deltaY > 0 && this.contentTop >= bottom)) return;
    event.preventDefault();
    this.scrollContentTo(this.contentTop + event.deltaY * unit);
    this.render();
  }

  private render(): void {
    const height = this.contentHeight;
    this.spacer.style.height = `${spacerHeight(height)}px`;
    // A smaller table or a taller viewport since: the top stays within the rows.
    this.contentTop = Math.min(this.contentTop, Math.max(0, height - this.viewportHeight));
    const range = visibleRows(this.contentTop, this.viewportHeight, ROW_HEIGHT, this.total, OVERSCAN);
    for (const page of pagesFor(range, PAGE_SIZE)) if (!this.pages.has(page)) void this.fetchPage(page);
    // Rows are placed relative to the scrollTop, which is the content's top only while the spacer is not capped.
    const offset = this.viewport.scrollTop - this.contentTop;
    const rows: HTMLElement[] = [];
    for (let index = range.first; index < range.end; index++) rows.push(this.renderRow(index, offset));
    this.spacer.replaceChildren(...rows);
    if (this.total === 0 && this.pages.size > 0) {
      this.spacer.append(element('div', { className: 'grid-empty muted', text: this.context.strings.noRows, testId: 'table-empty' }));
    }
    if (this.selection.cursor >= 0) this.grid.setAttribute('aria-activedescendant', `row-${this.selection.cursor}`);
    else this.grid.removeAttribute('aria-activedescendant');
  }

  private timeText(row: HandshakeJson, index: number): string {
    const { timeZone } = this.context;
    const previous = index > 0 ? this.rowAt(index - 1)?.synTime ?? null : null;
    const absolute = (time: number) => (this.context.datesInTimes ? formatTime(time, timeZone) : formatTimeOfDay(time, timeZone));
    return timeCellText(this.time, row, previous, this.captureStart, absolute);
  }

  private renderRow(index: number, offset: number): HTMLElement {
    const row = this.rowAt(index);
    const selected = row !== undefined && isSelected(this.selection, index, row.id);
    const node = element('div', {
      className: 'grid-row',
      attributes: { role: 'row', id: `row-${index}`, 'aria-rowindex': String(index + 2), 'aria-selected': String(selected) },
    });
    node.style.transform = `translateY(${Math.round(index * ROW_HEIGHT + offset)}px)`;
    if (index % 2 === 1) node.dataset.odd = 'true';
    if (!row) {
      node.dataset.loading = 'true';
      node.append(element('div', { className: 'cell cell-loading muted', text: '…', attributes: { role: 'gridcell' } }));
      return node;
    }
    node.dataset.testid = 'handshake-row';
    node.dataset.id = String(row.id);
    node.dataset.verdict = row.verdict;
    node.dataset.outcome = row.outcome;
    node.dataset.cause = row.cause ?? '';
    if (index === this.selection.cursor) node.dataset.cursor = 'true';
    if (this.time.reference?.id === row.id) node.dataset.reference = 'true';
    if (this.highlighted.has(row.id)) node.dataset.highlighted = 'true';
    const time = this.timeText(row, index);
    for (const column of this.shownLayout.visible) node.append(rowCell(this.context, this.explanations, row, column, time));
    node.addEventListener('click', (event) => this.onRowClick(index, row, event));
    node.addEventListener('contextmenu', (event) => {
      event.preventDefault();
      if (!isSelected(this.selection, index, row.id)) this.select(selectOnly(index, row.id));
      this.events.onRowMenu(row, { x: event.clientX, y: event.clientY });
    });
    return node;
  }

  private onRowClick(index: number, row: HandshakeJson, event: MouseEvent): void {
    const add = event.ctrlKey || event.metaKey;
    if (event.shiftKey) this.select(selectRange(this.selection, index, add, this.heldId));
    else if (add) this.select(toggleRow(this.selection, index, row.id));
    else this.select(selectOnly(index, row.id));
  }

  private select(selection: RowSelection): void {
    const index = selection.cursor;
    if (index < 0 || index >= this.total) return;
    this.selection = selection;
    this.events.onSelectionCount(this.selectedCount);
    const contentTop = scrollToReveal(index, this.contentTop, this.viewport.clientHeight, ROW_HEIGHT);
    if (contentTop !== this.contentTop) this.scrollContentTo(contentTop);
    this.render();
    const row = this.rowAt(index);
    this.selectionAwaitingRow = !row;
    if (row) this.events.onSelect(row);
  }

  /** The cursor moved to a row whose page had not arrived: it becomes the selection once it has. */
  private resolvePendingSelection(): void {
    if (!this.selectionAwaitingRow) return;
    const row = this.rowAt(this.selection.cursor);
    if (!row) return;
    this.selectionAwaitingRow = false;
    if (isEmpty(this.selection)) this.selection = selectOnly(this.selection.cursor, row.id);
    this.events.onSelectionCount(this.selectedCount);
    this.render();
    this.events.onSelect(row);
  }

  /** Ctrl+T and the row menu: the cursor row becomes the time reference, or stops being it. */
  toggleTimeReference(row: HandshakeJson): void {
    this.setTimeDisplay(toggleReference(this.time, row));
    this.events.onTimeDisplayChanged(this.time);
  }

  private onKey(event: KeyboardEvent): void {
    const cursorRow = this.rowAt(this.selection.cursor);
    const ctrl = event.ctrlKey || event.metaKey;
    if (event.key === 'Enter' || event.key === ' ') {
      if (cursorRow) this.events.onSelect(cursorRow);
      event.preventDefault();
      return;
    }
    // VS Code's webview passes keydowns on to the workbench from a bubbling listener on the window, where
    // Ctrl+T would also open "Go to Symbol in Workspace": the keys the table takes stop here.
    if (ctrl && (event.key.toLowerCase() === 'a' || event.key.toLowerCase() === 't')) event.stopPropagation();
    if (ctrl && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      if (this.total > 0) this.select(selectAll(this.selection, this.total, this.heldId));
      return;
    }
    if (ctrl && event.key.toLowerCase() === 't') {
      event.preventDefault();
      if (cursorRow) this.toggleTimeReference(cursorRow);
      return;
    }
    if (isMenuKey(event)) {
      event.preventDefault();
      const node = this.spacer.querySelector<HTMLElement>(`#row-${this.selection.cursor}`);
      if (cursorRow && node) {
        const box = node.getBoundingClientRect();
        this.events.onRowMenu(cursorRow, { x: box.left + 24, y: box.bottom });
      }
      return;
    }
    const rowsPerPage = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const next = moveSelection(event.key, this.selection.cursor, this.total, rowsPerPage);
    if (next === null) return;
    event.preventDefault();
    if (event.shiftKey) {
      this.select(selectRange(this.selection, next, false, this.heldId));
      return;
    }
    const row = this.rowAt(next);
    // A row not fetched yet is selected once its page arrives (resolvePendingSelection).
    this.select(row ? selectOnly(next, row.id) : cursorOnly(next));
  }
}
