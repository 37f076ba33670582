/**
 * The table's filter kept in the webview's state (VS Code's getState/setState), so that going back to the
 * editor or reloading the window shows the rows the user had filtered. The state is read back as
 * untrusted: anything that is not the shape written here is ignored.
 */
import { parseAttemptFilter } from '../shared/attemptFilter/index.js';
import type { HandshakeFilter } from '../shared/lspExtensions.js';
import { readStatePart, writeStatePart, type WebviewStateStore } from './webviewState.js';

export type { WebviewStateStore } from './webviewState.js';

const TEXT_FIELDS = ['server', 'cause', 'text', 'expression'] as const;

export function loadFilter(store: WebviewStateStore): HandshakeFilter {
  const fields = readStatePart(store, 'filter');
  if (!fields) return {};
  const filter: HandshakeFilter = {};
  if (fields.failedOnly === true) filter.failedOnly = true;
  for (const key of TEXT_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '') filter[key] = value;
  }
  // Only expressions that parse are ever saved; one an older version accepted is dropped, not shown as rows of nothing.
  if (filter.expression !== undefined && !parseAttemptFilter(filter.expression).ok) delete filter.expression;
  return filter;
}

export function saveFilter(store: WebviewStateStore, filter: HandshakeFilter): void {
  writeStatePart(store, 'filter', filter);
}
