/**
 * The virtualised handshake table (role=grid). Rows have one fixed height; only the rows in view are in
 * the DOM, and they arrive by page from the host (the language server filters and sorts), so a capture
 * of 500,000 attempts scrolls like one of fifty. Keyboard: arrows, Page Up/Down, Home, End.
 */
import type { HandshakeJson } from '../analyzer/report.js';
import type { HandshakeColumn, HandshakeFilter } from '../shared/lspExtensions.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';
import { codicon, element } from './dom.js';
import type { Explanations } from './explanations.js';
import type { PageContext } from './pageContext.js';
import { rowCell } from './rowCells.js';
import { COLUMNS, DEFAULT_QUERY, ariaSort, queryKey, toggleSort, type TableQuery } from './tableState.js';
import { moveSelection, pagesFor, scrollToReveal, visibleRows } from './virtualWindow.js';

/** Must match `--row-height` in media/captureEditor.css. */
export const ROW_HEIGHT = 26;
const PAGE_SIZE = 200;
const OVERSCAN = 10;

const HEADER_LABEL: Record<HandshakeColumn, keyof WebviewStrings> = {
  id: 'colTime', time: 'colTime', client: 'colClient', server: 'colServer', syns: 'colSyns', rtt: 'colRtt',
  tsval: 'colTsval', verdict: 'colVerdict', outcome: 'colOutcome', cause: 'colCause',
};
const HEADER_HINT: Record<HandshakeColumn, keyof WebviewStrings> = {
  id: 'hintTime', time: 'hintTime', client: 'hintClient', server: 'hintServer', syns: 'hintSyns', rtt: 'hintRtt',
  tsval: 'hintTsval', verdict: 'hintVerdict', outcome: 'hintOutcome', cause: 'hintCause',
};

export interface HandshakeTableEvents {
  onSelect(row: HandshakeJson): void;
  /** The selection is gone (the rows were filtered or sorted anew): nothing may stay shown as selected. */
  onDeselect(): void;
  /** The table replaced the filter itself (to reveal attempts): the filter bar must show the new one. */
  onFilterReplaced(filter: HandshakeFilter): void;
  onTotal(total: number): void;
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
  private selectedIndex = -1;
  private highlighted = new Set<number>();
  /** The selected row's page had not arrived yet: tell the detail pane when it does. */
  private selectionAwaitingRow = false;

  constructor(
    private readonly context: PageContext,
    private readonly explanations: Explanations,
    private readonly generation: number,
    initialTotal: number,
    private readonly events: HandshakeTableEvents,
    /** The filter the editor had before (its saved state). */
    initialFilter: HandshakeFilter = {},
  ) {
    const { strings } = context;
    this.total = initialTotal;
    this.query = { ...DEFAULT_QUERY, filter: initialFilter };
    this.headerRow = element('div', { className: 'grid-row grid-header-row', attributes: { role: 'row', 'aria-rowindex': '1' } });
    this.spacer = element('div', { className: 'grid-spacer' });
    this.viewport = element('div', { className: 'grid-viewport', testId: 'table-viewport' }, [this.spacer]);
    this.grid = element('div', {
      className: 'grid',
      testId: 'handshake-table',
      attributes: { role: 'grid', tabindex: '0', 'aria-label': strings.handshakes, 'aria-colcount': String(COLUMNS.length), 'aria-multiselectable': 'false' },
    }, [element('div', { className: 'grid-head', attributes: { role: 'rowgroup' } }, [this.headerRow]), this.viewport]);
    this.element = this.grid;
    // The time column is as wide as its text: with or without the date, with or without " UTC".
    const timeChars = (context.datesInTimes ? 23 : 12) + (context.timeZone === 'utc' ? 4 : 0);
    this.grid.style.setProperty('--time-chars', String(timeChars));
    this.viewport.addEventListener('scroll', () => this.render());
    this.grid.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.render()).observe(this.viewport);
    this.renderHeader();
    this.reset();
  }

  /** Returns the filter now applied. */
  setFilter(update: (filter: HandshakeFilter) => HandshakeFilter): HandshakeFilter {
    this.query = { ...this.query, filter: update(this.query.filter) };
    this.reset();
    return this.query.filter;
  }

  /** Selects these attempts: shows every row in id order (ids are consecutive from 1) and marks them. */
  selectAttempts(ids: number[]): void {
    if (ids.length === 0) return;
    this.highlighted = new Set(ids);
    this.query = { filter: {}, sort: { column: 'id', direction: 'asc' } };
    this.events.onFilterReplaced(this.query.filter);
    this.renderHeader();
    this.reset();
    this.select(ids[0]! - 1);
    this.grid.focus();
  }

  private reset(): void {
    this.pages = new Map();
    this.requested = new Set();
    if (this.selectedIndex >= 0) this.events.onDeselect();
    this.selectedIndex = -1;
    this.selectionAwaitingRow = false;
    this.viewport.scrollTop = 0;
    this.grid.setAttribute('aria-rowcount', String(this.total + 1));
    void this.fetchPage(0);
    this.render();
  }

  private renderHeader(): void {
    const { strings } = this.context;
    this.headerRow.replaceChildren(...COLUMNS.map((column, index) => {
      const sort = ariaSort(this.query.sort, column);
      const header = element('div', {
        className: `cell header-cell cell-${column}`,
        testId: `column-${column}`,
        title: strings[HEADER_HINT[column]],
        attributes: { role: 'columnheader', 'aria-sort': sort, 'aria-colindex': String(index + 1), 'data-column': column },
      });
      const button = element('button', { className: 'sort-button', attributes: { type: 'button' } }, [element('span', { text: strings[HEADER_LABEL[column]] })]);
      if (sort !== 'none') button.append(codicon(sort === 'ascending' ? 'arrow-up' : 'arrow-down'));
      button.addEventListener('click', () => {
        this.query = { ...this.query, sort: toggleSort(this.query.sort, column) };
        this.renderHeader();
        this.reset();
      });
      header.append(button);
      return header;
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
    if (reply.page.total !== this.total) {
      this.total = reply.page.total;
      this.grid.setAttribute('aria-rowcount', String(this.total + 1));
    }
    this.events.onTotal(this.total);
    this.render();
    this.resolvePendingSelection();
  }

  private rowAt(index: number): HandshakeJson | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  private render(): void {
    this.spacer.style.height = `${this.total * ROW_HEIGHT}px`;
    const range = visibleRows(this.viewport.scrollTop, this.viewport.clientHeight || ROW_HEIGHT * 20, ROW_HEIGHT, this.total, OVERSCAN);
    for (const page of pagesFor(range, PAGE_SIZE)) if (!this.pages.has(page)) void this.fetchPage(page);
    const rows: HTMLElement[] = [];
    for (let index = range.first; index < range.end; index++) rows.push(this.renderRow(index));
    this.spacer.replaceChildren(...rows);
    if (this.total === 0 && this.pages.size > 0) {
      this.spacer.append(element('div', { className: 'grid-empty muted', text: this.context.strings.noRows, testId: 'table-empty' }));
    }
    const selected = this.selectedIndex >= 0 ? `row-${this.selectedIndex}` : '';
    if (selected) this.grid.setAttribute('aria-activedescendant', selected);
    else this.grid.removeAttribute('aria-activedescendant');
  }

  private renderRow(index: number): HTMLElement {
    const row = this.rowAt(index);
    const node = element('div', {
      className: 'grid-row',
      attributes: { role: 'row', id: `row-${index}`, 'aria-rowindex': String(index + 2), 'aria-selected': String(index === this.selectedIndex) },
    });
    node.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
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
    if (this.highlighted.has(row.id)) node.dataset.highlighted = 'true';
    for (const column of COLUMNS) node.append(rowCell(this.context, this.explanations, row, column));
    node.addEventListener('click', () => this.select(index));
    return node;
  }

  private select(index: number): void {
    if (index < 0 || index >= this.total) return;
    this.selectedIndex = index;
    const scrollTop = scrollToReveal(index, this.viewport.scrollTop, this.viewport.clientHeight, ROW_HEIGHT);
    if (scrollTop !== this.viewport.scrollTop) this.viewport.scrollTop = scrollTop;
    this.render();
    const row = this.rowAt(index);
    this.selectionAwaitingRow = !row;
    if (row) this.events.onSelect(row);
  }

  private resolvePendingSelection(): void {
    if (!this.selectionAwaitingRow) return;
    const row = this.rowAt(this.selectedIndex);
    if (row) {
      this.selectionAwaitingRow = false;
      this.events.onSelect(row);
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === ' ') {
      const row = this.rowAt(this.selectedIndex);
      if (row) this.events.onSelect(row);
      event.preventDefault();
      return;
    }
    const rowsPerPage = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const next = moveSelection(event.key, this.selectedIndex, this.total, rowsPerPage);
    if (next === null) return;
    event.preventDefault();
    this.select(next);
  }
}
