/**
 * The filter bar, the toolbar, the table and the detail pane, wired together: the same for a capture
 * still being read (rows decided so far, no causes yet) and for its finished analysis.
 */
import type { HandshakeFilter } from '../shared/lspExtensions.js';
import { MessageType } from '../shared/webviewProtocol.js';
import { DEFAULT_LAYOUT, loadColumnLayout, saveColumnLayout, type ColumnLayout } from './columnLayout.js';
import { DetailPane } from './detailPane.js';
import { element } from './dom.js';
import type { Explanations } from './explanations.js';
import { renderFilterBar, type FilterBar } from './filters.js';
import { HandshakeTable } from './handshakeTable.js';
import type { PageContext } from './pageContext.js';
import { below, showMenu } from './popupMenu.js';
import { loadFilter, saveFilter } from './savedFilter.js';
import { columnMenuItems, rowMenuItems } from './tableMenus.js';
import { renderTableToolbar } from './tableToolbar.js';
import { DEFAULT_TIME_DISPLAY, loadTimeDisplay, saveTimeDisplay, type TimeDisplay } from './timeDisplay.js';

export interface TableSectionInput {
  explanations: Explanations;
  /** The overview (or reading) generation whose rows the table pages through. */
  generation: number;
  total: number;
  /** The filter bar's server and cause choices. */
  servers: string[];
  causes: string[];
  captureStart: number | null;
  /** The capture's packets (null while it is read): the frame column is as wide as the largest frame number. */
  packets: number | null;
  /** A filter is now applied (from the bar, the table or the caller): the charts' band follows it. */
  onFilterApplied(filter: HandshakeFilter): void;
}

export interface TableSection {
  element: HTMLElement;
  table: HandshakeTable;
  filterBar: FilterBar;
  /** Every change of the filter from outside the bar goes through here; `showInBar` puts it in the box too. */
  applyFilter(update: (filter: HandshakeFilter) => HandshakeFilter, showInBar: boolean): void;
}

export function renderTableSection(page: PageContext, input: TableSectionInput): TableSection {
  const { strings, channel } = page;
  const detail = new DetailPane(page, input.explanations);
  const savedFilter = loadFilter(channel);
  const applyFilter = (update: (filter: HandshakeFilter) => HandshakeFilter, showInBar: boolean): void => {
    const next = table.setFilter(update);
    if (showInBar) filterBar.show(next);
    saveFilter(channel, next);
    input.onFilterApplied(next);
  };
  const filterBar = renderFilterBar(page, input.servers, input.causes, (update) => applyFilter(update, false));
  filterBar.setTotal(input.total);
  filterBar.show(savedFilter);
  const exportSelection = (format: 'pcapng' | 'csv') => {
    const selection = table.selectedRows;
    if (selection) channel.post({ type: MessageType.ExportSelection, selection, format });
  };
  const applyLayout = (layout: ColumnLayout) => {
    table.setLayout(layout);
    saveColumnLayout(channel, layout);
  };
  const openColumnMenu = (at: { x: number; y: number }, returnFocus: HTMLElement) =>
    showMenu(columnMenuItems(strings, () => table?.columnLayout ?? DEFAULT_LAYOUT, applyLayout), at, strings.columns, 'column-menu', returnFocus);
  const applyTimeDisplay = (display: TimeDisplay) => {
    table.setTimeDisplay(display);
    toolbar.showTimeDisplay(display);
    saveTimeDisplay(channel, display);
  };
  const toolbar = renderTableToolbar(strings, {
    onTimeFormat: (format) => applyTimeDisplay({ ...(table?.timeDisplay ?? DEFAULT_TIME_DISPLAY), format }),
    onClearReference: () => applyTimeDisplay({ ...(table?.timeDisplay ?? DEFAULT_TIME_DISPLAY), reference: null }),
    onColumnMenu: (anchor) => openColumnMenu(below(anchor), anchor),
    onExport: (format) => exportSelection(format),
  });
  const savedTime = loadTimeDisplay(channel);
  toolbar.showTimeDisplay(savedTime);
  toolbar.showSelectionCount(0);
  const table: HandshakeTable = new HandshakeTable(page, input.explanations, input.generation, input.total, {
    onSelect: (row) => void detail.show(row),
    onDeselect: () => detail.clear(),
    onFilterReplaced: (filter) => {
      filterBar.show(filter);
      saveFilter(channel, filter);
      input.onFilterApplied(filter);
    },
    onTotal: (total) => filterBar.setTotal(total),
    onSelectionCount: (count) => toolbar.showSelectionCount(count),
    onLayoutChanged: (layout) => saveColumnLayout(channel, layout),
    onTimeDisplayChanged: (display) => {
      toolbar.showTimeDisplay(display);
      saveTimeDisplay(channel, display);
    },
    onColumnMenu: (at) => openColumnMenu(at, table.element),
    onRowMenu: (row, at) => showMenu(rowMenuItems(strings, row, table.timeDisplay, {
      toggleReference: (target) => table.toggleTimeReference(target),
      exportSelection: (format) => exportSelection(format),
    }), at, strings.rowActions, 'row-menu', table.element),
  }, { filter: savedFilter, layout: loadColumnLayout(channel), time: savedTime, captureStart: input.captureStart, packets: input.packets });
  const section = element('section', { className: 'table-and-detail' }, [
    element('div', { className: 'table-column' }, [filterBar.element, toolbar.element, table.element]),
    detail.element,
  ]);
  return { element: section, table, filterBar, applyFilter };
}
