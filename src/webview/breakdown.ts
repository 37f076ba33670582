/**
 * The breakdown beside the table, as Wireshark's Conversations and Endpoints: failure rate per client
 * address and per server, the worst first, and the TSval clocks behind each client address. Choosing a
 * row filters the table to it.
 */
import type { BreakdownJson, BreakdownRowJson } from '../shared/lspExtensions.js';
import { element } from './dom.js';
import { formatCount } from './format.js';
import type { PageContext } from './pageContext.js';

/** Hosts told apart by their clocks; nothing when too few connections carried a timestamp. */
function clocksCell(context: PageContext, clocks: NonNullable<BreakdownRowJson['clocks']>): HTMLElement {
  const { strings } = context;
  if (clocks.pattern === 'per-connection') return element('td', { text: strings.clocksPerConnection, attributes: { title: strings.clocksPerConnectionTitle } });
  return element('td', { className: clocks.count > 1 ? 'number failed' : 'number', text: clocks.count > 0 ? formatCount(clocks.count) : '—' });
}

function table(context: PageContext, title: string, rows: readonly BreakdownRowJson[], total: number, kind: string, onPick: (key: string) => void): HTMLElement {
  const { strings } = context;
  const withClocks = rows.some((row) => row.clocks !== undefined);
  const titles = [title, strings.attempts, strings.failedCount, strings.failureRate];
  const head = element('tr', {}, [
    ...titles.map((text) => element('th', { text, attributes: { scope: 'col' } })),
    ...(withClocks ? [element('th', { text: strings.tsvalClocks, attributes: { scope: 'col', title: strings.tsvalClocksTitle } })] : []),
  ]);
  const body = rows.map((row) => {
    const rate = row.attempts === 0 ? 0 : row.failed / row.attempts;
    const pick = element('button', { className: 'link-button', text: row.key, attributes: { type: 'button', title: strings.showOnlyThese } });
    pick.addEventListener('click', () => onPick(row.key));
    return element('tr', { testId: 'breakdown-row', attributes: { 'data-kind': kind, 'data-key': row.key, 'data-failed': String(row.failed) } }, [
      element('td', {}, [pick]),
      element('td', { className: 'number', text: formatCount(row.attempts) }),
      element('td', { className: row.failed > 0 ? 'number failed' : 'number', text: formatCount(row.failed) }),
      element('td', { className: 'number', text: `${(100 * rate).toFixed(rate > 0 && rate < 0.01 ? 1 : 0)} %` }),
      ...(withClocks && row.clocks ? [clocksCell(context, row.clocks)] : []),
    ]);
  });
  const more = total > rows.length ? [element('p', { className: 'muted', text: `+${formatCount(total - rows.length)} ${strings.moreNotShown}` })] : [];
  return element('div', { className: 'breakdown-table' }, [element('table', { testId: `breakdown-${kind}` }, [element('thead', {}, [head]), element('tbody', {}, body)]), ...more]);
}

export function renderBreakdown(context: PageContext, breakdown: BreakdownJson, onPick: (key: string) => void): HTMLElement {
  const { strings } = context;
  return element('details', { className: 'breakdown', testId: 'breakdown' }, [
    element('summary', { text: strings.breakdown }),
    element('div', { className: 'breakdown-tables' }, [
      table(context, strings.colClient, breakdown.clients, breakdown.clientAddresses, 'client', onPick),
      table(context, strings.colServer, breakdown.servers, breakdown.serverEndpoints, 'server', onPick),
    ]),
  ]);
}
