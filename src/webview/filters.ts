/**
 * The filter bar above the table: failed only, server, cause, and one text box that is a substring search
 * or, when it holds an operator or a keyword (isFilterExpression), a filter expression (docs/filters.md).
 * An expression is parsed as it is typed: a broken one shows its error under the box and leaves the
 * table as it was, so the rows never flicker to nothing mid-word.
 */
import { FILTER_FIELDS, isFilterExpression, parseAttemptFilter, type FilterError } from '../shared/attemptFilter/index.js';
import type { HandshakeFilter } from '../shared/lspExtensions.js';
import { codicon, element } from './dom.js';
import { filterErrorText } from './filterErrorText.js';
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
  const help = `${strings.filterHelp} ${FILTER_FIELDS.map((field) => field.name).join(', ')}`;
  const text = element('input', {
    className: 'filter-text',
    testId: 'filter-text',
    title: help,
    attributes: { type: 'search', placeholder: strings.filterText, 'aria-label': strings.filterText, 'aria-describedby': 'filter-error', spellcheck: 'false' },
  });
  const problem = element('div', { className: 'filter-error', testId: 'filter-error', attributes: { id: 'filter-error', 'aria-live': 'polite' } });
  const showProblem = (error: FilterError | null) => {
    problem.textContent = error ? filterErrorText(strings, error) : '';
    problem.hidden = error === null;
    if (error) {
      text.setAttribute('aria-invalid', 'true');
      problem.dataset.code = error.code;
      problem.dataset.position = String(error.position);
    } else {
      text.removeAttribute('aria-invalid');
      delete problem.dataset.code;
      delete problem.dataset.position;
    }
  };
  showProblem(null);
  text.addEventListener('input', () => {
    const query = text.value.trim();
    const parsed = isFilterExpression(query) ? parseAttemptFilter(query) : null;
    showProblem(parsed && !parsed.ok ? parsed.error : null);
    if (parsed && !parsed.ok) return;
    onChange((filter) => withFilter(withFilter(filter, 'text', parsed ? '' : query), 'expression', parsed ? query : ''));
  });
  const total = element('span', { className: 'row-total muted', testId: 'row-total', attributes: { 'aria-live': 'polite' } });
  const server = select(strings.colServer, strings.allServers, servers, 'filter-server', (value) => onChange((filter) => withFilter(filter, 'server', value)));
  const cause = select(strings.colCause, strings.allCauses, causes, 'filter-cause', (value) => onChange((filter) => withFilter(filter, 'cause', value)));
  const bar = element('div', { className: 'filter-bar', testId: 'filter-bar' }, [
    element('label', { className: 'checkbox', attributes: { for: 'filter-failed' } }, [failedOnly, element('span', { text: strings.failedOnly })]),
    server,
    cause,
    element('div', { className: 'filter-search-box' }, [element('div', { className: 'filter-search' }, [codicon('search'), text]), problem]),
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
      text.value = filter.expression ?? filter.text ?? '';
      showProblem(null);
    },
  };
}
