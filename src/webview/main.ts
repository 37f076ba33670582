/**
 * The capture editor's page. It says `ready`, receives `init`, shows a placeholder until the overview
 * arrives, then lays out the header, the diagnosis cards, the charts, the table and the detail pane.
 */
import '@vscode/codicons/dist/codicon.css';
import '../../media/captureEditor.css';
import type { HandshakeFilter } from '../shared/lspExtensions.js';
import { MessageType, type OverviewMessage, type ToWebviewMessage } from '../shared/webviewProtocol.js';
import { renderBreakdown } from './breakdown.js';
import { renderCards } from './cards.js';
import { CaptureCharts } from './charts.js';
import { DEFAULT_LAYOUT, loadColumnLayout, saveColumnLayout, type ColumnLayout } from './columnLayout.js';
import { DetailPane } from './detailPane.js';
import { element } from './dom.js';
import { Explanations } from './explanations.js';
import { renderFailure } from './failureView.js';
import { renderFilterBar } from './filters.js';
import { spansDays } from './format.js';
import { HandshakeTable } from './handshakeTable.js';
import { renderHeader, renderSuggestion } from './header.js';
import { withFilter } from './tableState.js';
import { HostChannel } from './hostChannel.js';
import type { PageContext } from './pageContext.js';
import { below, closeMenu, showMenu } from './popupMenu.js';
import { loadFilter, saveFilter } from './savedFilter.js';
import { columnMenuItems, rowMenuItems } from './tableMenus.js';
import { renderTableToolbar } from './tableToolbar.js';
import { DEFAULT_TIME_DISPLAY, loadTimeDisplay, saveTimeDisplay, type TimeDisplay } from './timeDisplay.js';
import { parseTimeRange, timeRangeExpression } from './timeRangeFilter.js';

const app = document.getElementById('app')!;
let context: PageContext | undefined;
let table: HandshakeTable | undefined;
let charts: CaptureCharts | undefined;

const channel = new HostChannel(onMessage);

function setState(state: 'loading' | 'ready' | 'failed'): void {
  app.dataset.state = state;
  app.setAttribute('aria-busy', String(state === 'loading'));
}

function showLoading(): void {
  if (!context) return;
  charts?.dispose();
  charts = undefined;
  table = undefined;
  setState('loading');
  app.replaceChildren(element('div', { className: 'loading', testId: 'loading', attributes: { role: 'status' } }, [
    element('span', { className: 'codicon codicon-loading codicon-modifier-spin', attributes: { 'aria-hidden': 'true' } }),
    element('span', { text: `${context.strings.loading} ${context.fileName}` }),
  ]));
}

function showOverview(message: OverviewMessage): void {
  if (!context) return;
  const { start, end } = message.overview.capture;
  const page: PageContext = { ...context, datesInTimes: start !== null && end !== null && spansDays(start, end, context.timeZone), pathFiles: message.path?.files };
  const { strings } = page;
  charts?.dispose();
  closeMenu();
  const explanations = new Explanations(message.diagnoses);
  const detail = new DetailPane(page, explanations);
  const servers = message.overview.capture.summary.perServer.map((server) => server.server);
  const savedFilter = loadFilter(channel);
  // Every change of the filter goes through here: the table applies it, the state keeps it, the chart's band follows it.
  const applyFilter = (update: (filter: HandshakeFilter) => HandshakeFilter, showInBar: boolean): void => {
    if (!table) return;
    const next = table.setFilter(update);
    if (showInBar) filterBar.show(next);
    saveFilter(channel, next);
    charts?.showTimeRange(parseTimeRange(next.expression));
  };
  const filterBar = renderFilterBar(page, servers, explanations.causes(), (update) => applyFilter(update, false));
  filterBar.setTotal(message.overview.totalHandshakes);
  filterBar.show(savedFilter);
  const exportSelection = async (format: 'pcapng' | 'csv') => {
    const handshakeIds = table ? await table.selectedIds() : [];
    if (handshakeIds.length > 0) channel.post({ type: MessageType.ExportSelection, handshakeIds, format });
  };
  const applyLayout = (layout: ColumnLayout) => {
    table?.setLayout(layout);
    saveColumnLayout(channel, layout);
  };
  const openColumnMenu = (at: { x: number; y: number }, returnFocus: HTMLElement) =>
    showMenu(columnMenuItems(strings, () => table?.columnLayout ?? DEFAULT_LAYOUT, applyLayout), at, strings.columns, 'column-menu', returnFocus);
  const applyTimeDisplay = (display: TimeDisplay) => {
    table?.setTimeDisplay(display);
    toolbar.showTimeDisplay(display);
    saveTimeDisplay(channel, display);
  };
  const toolbar = renderTableToolbar(strings, {
    onTimeFormat: (format) => applyTimeDisplay({ ...(table?.timeDisplay ?? DEFAULT_TIME_DISPLAY), format }),
    onClearReference: () => applyTimeDisplay({ ...(table?.timeDisplay ?? DEFAULT_TIME_DISPLAY), reference: null }),
    onColumnMenu: (anchor) => openColumnMenu(below(anchor), anchor),
    onExport: (format) => void exportSelection(format),
  });
  const savedTime = loadTimeDisplay(channel);
  toolbar.showTimeDisplay(savedTime);
  toolbar.showSelectionCount(0);
  table = new HandshakeTable(page, explanations, message.generation, message.overview.totalHandshakes, {
    onSelect: (row) => void detail.show(row),
    onDeselect: () => detail.clear(),
    onFilterReplaced: (filter) => {
      filterBar.show(filter);
      saveFilter(channel, filter);
      charts?.showTimeRange(parseTimeRange(filter.expression));
    },
    onTotal: (total) => filterBar.setTotal(total),
    onSelectionCount: (count) => toolbar.showSelectionCount(count),
    onLayoutChanged: (layout) => saveColumnLayout(channel, layout),
    onTimeDisplayChanged: (display) => {
      toolbar.showTimeDisplay(display);
      saveTimeDisplay(channel, display);
    },
    onColumnMenu: (at) => openColumnMenu(at, currentTable.element),
    onRowMenu: (row, at) => showMenu(rowMenuItems(strings, row, currentTable.timeDisplay, {
      toggleReference: (target) => currentTable.toggleTimeReference(target),
      exportSelection: (format) => void exportSelection(format),
    }), at, strings.rowActions, 'row-menu', currentTable.element),
  }, { filter: savedFilter, layout: loadColumnLayout(channel), time: savedTime, captureStart: start });
  const currentTable = table;
  charts = new CaptureCharts(page, message.overview.charts, {
    onRange: (range) => applyFilter((filter) => withFilter(withFilter(filter, 'text', ''), 'expression', timeRangeExpression(range)), true),
    onClear: () => {
      if (parseTimeRange(currentTable.filter.expression)) applyFilter((filter) => withFilter(filter, 'expression', ''), true);
    },
  });
  // The summary, the causes on a line each, then the table with the selected attempt's ladder; the
  // charts come last, for a closer look.
  app.replaceChildren(
    renderHeader(page, message.overview, message.correlation, message.path ?? null),
    renderCards(page, message.diagnoses, (ids) => currentTable.selectAttempts(ids)),
    renderBreakdown(page, message.overview.breakdown, (key) => {
      // As if typed into the filter box: the table shows that address's attempts, the box says so.
      applyFilter((filter) => withFilter(filter, 'text', key), true);
    }),
    element('section', { className: 'table-and-detail' }, [
      element('div', { className: 'table-column' }, [filterBar.element, toolbar.element, table.element]),
      detail.element,
    ]),
    charts.element,
  );
  setState('ready');
  charts.draw();
  charts.showTimeRange(parseTimeRange(savedFilter.expression));
}

function onMessage(message: ToWebviewMessage): void {
  switch (message.type) {
    case MessageType.Init:
      context = { strings: message.strings, timeZone: message.timeZone, fileName: message.fileName, size: message.size, channel };
      document.title = message.fileName;
      showLoading();
      return;
    case MessageType.AnalysisStarted:
      showLoading();
      return;
    case MessageType.Overview:
      showOverview(message);
      return;
    case MessageType.AnalysisFailed:
      if (!context) return;
      charts?.dispose();
      charts = undefined;
      setState('failed');
      app.replaceChildren(renderFailure(context, message.failure));
      return;
    case MessageType.SelectAttempts:
      table?.selectAttempts(message.handshakeIds);
      return;
    case MessageType.Suggestion: {
      const header = app.querySelector('[data-testid="capture-header"]');
      if (!context || !header) return;
      header.querySelector('[data-testid="suggestion"]')?.remove();
      header.append(renderSuggestion(context, message));
      return;
    }
  }
}

// VS Code switches the body's vscode-light / vscode-dark / vscode-high-contrast class on a theme change;
// the charts read their colours from the theme variables, so they are drawn again.
new MutationObserver(() => charts?.draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

channel.post({ type: MessageType.Ready });
