/**
 * The capture editor's page. It says `ready`, receives `init`, shows a placeholder until the first rows
 * arrive, the rows decided so far while the capture is read (and while it is followed as it is written),
 * then, with the overview, the header, the diagnosis cards, the charts, the table and the detail pane.
 */
import '@vscode/codicons/dist/codicon.css';
import '../../media/captureEditor.css';
import { MessageType, type AnalysisProgressMessage, type LiveOverviewMessage, type OverviewMessage, type ToWebviewMessage } from '../shared/webviewProtocol.js';
import { renderBreakdown } from './breakdown.js';
import { renderCards } from './cards.js';
import { CaptureCharts } from './charts.js';
import { element } from './dom.js';
import { Explanations } from './explanations.js';
import { renderFailure } from './failureView.js';
import { renderFollowing, renderFollowPaused } from './followControls.js';
import { spansDays } from './format.js';
import { HandshakeTable } from './handshakeTable.js';
import { renderHeader, renderSuggestion } from './header.js';
import { withFilter } from './tableState.js';
import { HostChannel } from './hostChannel.js';
import type { PageContext } from './pageContext.js';
import { closeMenu } from './popupMenu.js';
import { renderReadingStatus, type ReadingStatus } from './readingStatus.js';
import { renderTableSection, type TableSection } from './tableSection.js';
import { parseTimeRange, timeRangeExpression } from './timeRangeFilter.js';
import type { CaptureOverview } from '../shared/lspExtensions.js';
import { DIAGNOSIS_CANCELLED_WARNING, hasWarning } from '../analyzer/capture/warningCodes.js';

const app = document.getElementById('app')!;
let context: PageContext | undefined;
let table: HandshakeTable | undefined;
let charts: CaptureCharts | undefined;
/**
 * The rows shown while the capture is read, until the overview replaces them; while it is followed, the
 * causes as they stand go in `live` above them.
 */
let reading: { generation: number; page: PageContext; status: ReadingStatus; section: TableSection; live: HTMLElement } | undefined;

const channel = new HostChannel(onMessage);

function setState(state: 'loading' | 'reading' | 'ready' | 'failed'): void {
  app.dataset.state = state;
  app.setAttribute('aria-busy', String(state === 'loading' || state === 'reading'));
}

function showLoading(): void {
  if (!context) return;
  charts?.dispose();
  charts = undefined;
  table = undefined;
  reading = undefined;
  setState('loading');
  app.replaceChildren(element('div', { className: 'loading', testId: 'loading', attributes: { role: 'status' } }, [
    element('span', { className: 'codicon codicon-loading codicon-modifier-spin', attributes: { 'aria-hidden': 'true' } }),
    element('span', { text: `${context.strings.loading} ${context.fileName}` }),
  ]));
}

/** Rows decided so far while the capture is read; each new message asks for the rows in view again. */
function showReading(message: AnalysisProgressMessage): void {
  if (!context) return;
  if (reading?.generation === message.generation) {
    reading.status.show(message.progress);
    reading.section.table.refresh();
    return;
  }
  charts?.dispose();
  charts = undefined;
  closeMenu();
  const page: PageContext = { ...context, datesInTimes: false };
  const section = renderTableSection(page, {
    explanations: new Explanations([]), generation: message.generation, total: message.progress.rows,
    servers: [], causes: [], captureStart: message.progress.start, packets: null, onFilterApplied: () => undefined,
  });
  const status = renderReadingStatus(page.strings, channel, message.progress);
  const live = element('div', { className: 'live-overview', testId: 'live-overview' });
  table = section.table;
  reading = { generation: message.generation, page, status, section, live };
  setState('reading');
  app.replaceChildren(status.element, live, section.element);
}

/** A followed capture's causes as they stand: its cards and charts over the rows, replacing the last ones. */
function showLive(message: LiveOverviewMessage): void {
  if (!reading || reading.generation !== message.generation) return;
  const { page, section, live } = reading;
  charts?.dispose();
  charts = newCharts(page, message.overview, section);
  live.replaceChildren(
    element('p', { className: 'muted live-note', text: page.strings.liveOverviewNote, testId: 'live-note' }),
    renderCards(page, message.overview.diagnoses, (attempts) => section.table.showAttempts(attempts)),
    charts.element,
  );
  charts.draw();
  charts.showTimeRange(parseTimeRange(section.table.filter.expression));
}

/** The charts of an overview, whose time range filters the section's table. */
function newCharts(page: PageContext, overview: OverviewMessage['overview'], section: TableSection): CaptureCharts {
  return new CaptureCharts(page, overview.charts, {
    onRange: (range) => section.applyFilter((filter) => withFilter(withFilter(filter, 'text', ''), 'expression', timeRangeExpression(range)), true),
    onClear: () => {
      if (parseTimeRange(section.table.filter.expression)) section.applyFilter((filter) => withFilter(filter, 'expression', ''), true);
    },
  });
}

function showOverview(message: OverviewMessage): void {
  if (!context) return;
  reading = undefined;
  const { start, end } = message.overview.capture;
  const page: PageContext = { ...context, datesInTimes: start !== null && end !== null && spansDays(start, end, context.timeZone), pathFiles: message.path?.files };
  const { strings } = page;
  charts?.dispose();
  closeMenu();
  const explanations = new Explanations(message.diagnoses);
  const section = renderTableSection(page, {
    explanations,
    generation: message.generation,
    total: message.overview.totalHandshakes,
    servers: message.overview.capture.summary.perServer.map((server) => server.server),
    causes: explanations.causes(),
    captureStart: start,
    packets: message.overview.capture.packets,
    onFilterApplied: (filter) => charts?.showTimeRange(parseTimeRange(filter.expression)),
  });
  const currentTable = section.table;
  table = currentTable;
  charts = newCharts(page, message.overview, section);
  // The summary, the causes on a line each, then the table with the selected attempt's ladder; the
  // charts come last, for a closer look.
  app.replaceChildren(
    ...(message.followPaused ? [renderFollowPaused(strings, channel)] : []),
    ...(message.following ? [element('div', { className: 'reading-status', testId: 'reading-status' }, [renderFollowing(strings, channel)])] : []),
    renderHeader(page, message.overview, message.correlation, message.path ?? null),
    // A cancelled diagnosis looked for no causes: its banner says so, and "nothing to explain" would not be true.
    ...(diagnosisCancelled(message.overview) ? [] : [renderCards(page, message.diagnoses, (attempts) => currentTable.showAttempts(attempts))]),
    renderBreakdown(page, message.overview.breakdown, (key) => {
      // As if typed into the filter box: the table shows that address's attempts, the box says so.
      section.applyFilter((filter) => withFilter(filter, 'text', key), true);
    }),
    section.element,
    charts.element,
  );
  setState('ready');
  charts.draw();
  charts.showTimeRange(parseTimeRange(currentTable.filter.expression));
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
    case MessageType.AnalysisProgress:
      showReading(message);
      return;
    case MessageType.LiveOverview:
      showLive(message);
      return;
    case MessageType.Overview:
      showOverview(message);
      return;
    case MessageType.AnalysisFailed:
      if (!context) return;
      reading = undefined;
      charts?.dispose();
      charts = undefined;
      setState('failed');
      app.replaceChildren(renderFailure(context, message.failure));
      return;
    case MessageType.SelectAttempts:
      table?.showAttempts(message);
      return;
    case MessageType.RequestSelection:
      channel.post({ type: MessageType.SelectionReply, requestId: message.requestId, selection: table?.selectedRows ?? null });
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

function diagnosisCancelled(overview: CaptureOverview): boolean {
  return hasWarning(overview.capture.warnings, DIAGNOSIS_CANCELLED_WARNING);
}
