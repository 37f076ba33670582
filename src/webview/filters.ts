/** The filter bar above the table: failed only, server, cause and free text. */
import type { HandshakeFilter } from '../shared/lspExtensions.js';
import { codicon, element } from './dom.js';
import { formatCount } from './format.js';
import type { PageContext } from './pageContext.js';
import { withFilter } from './tableState.js';

export interface FilterBar {
  element: HTMLElement;
  /** Shows how many rows match. */
  setTotal(total: number): void;
  /** Sets the controls to a filter the table applied by itself. */
  show(filter: HandshakeFilter): void;
}

function select(label: string, allLabel: string, values: string[], testId: string, onChange: (value: string) => void): HTMLSelectElement {
  const node = element('select', { testId, attributes: { 'aria-label': label } }, [element('option', { text: allLabel, attributes: { value: '' } })]);
  for (const value of values) node.append(element('option', { text: value, attributes: { value } }));
  node.addEventListener('change', () => onChange(node.value));
  return node;
}

export function renderFilterBar(context: PageContext, servers: string[], causes: string[], onChange: (update: (filter: HandshakeFilter) => HandshakeFilter) => void): FilterBar {
  const { strings } = context;
  const failedOnly = element('input', { testId: 'filter-failed', attributes: { type: 'checkbox', id: 'filter-failed' } });
  failedOnly.addEventListener('change', () => onChange((filter) => withFilter(filter, 'failedOnly', failedOnly.checked)));
  const text = element('input', { className: 'filter-text', testId: 'filter-text', attributes: { type: 'search', placeholder: strings.filterText, 'aria-label': strings.filterText } });
  text.addEventListener('input', () => onChange((filter) => withFilter(filter, 'text', text.value.trim())));
  const total = element('span', { className: 'row-total muted', testId: 'row-total', attributes: { 'aria-live': 'polite' } });
  const server = select(strings.colServer, strings.allServers, servers, 'filter-server', (value) => onChange((filter) => withFilter(filter, 'server', value)));
  const cause = select(strings.colCause, strings.allCauses, causes, 'filter-cause', (value) => onChange((filter) => withFilter(filter, 'cause', value)));
  const bar = element('div', { className: 'filter-bar', testId: 'filter-bar' }, [
    element('label', { className: 'checkbox', attributes: { for: 'filter-failed' } }, [failedOnly, element('span', { text: strings.failedOnly })]),
    server,
    cause,
    element('div', { className: 'filter-search' }, [codicon('search'), text]),
    total,
  ]);
  return {
    element: bar,
    setTotal(count) {
      total.textContent = `${formatCount(count)} ${strings.rowsShown}`;
      total.dataset.total = String(count);
    },
    show(filter) {
      failedOnly.checked = filter.failedOnly === true;
      server.value = filter.server ?? '';
      cause.value = filter.cause ?? '';
      text.value = filter.text ?? '';
    },
  };
}
