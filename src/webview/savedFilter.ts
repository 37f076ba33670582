/**
 * The table's filter kept in the webview's state (VS Code's getState/setState), so that going back to the
 * editor or reloading the window shows the rows the user had filtered. The state is read back as
 * untrusted: anything that is not the shape written here is ignored.
 */
import { parseAttemptFilter } from '../shared/attemptFilter/index.js';
import type { HandshakeFilter } from '../shared/lspExtensions.js';

export interface WebviewStateStore {
  getState(): unknown;
  setState(state: unknown): void;
}

const TEXT_FIELDS = ['server', 'cause', 'text', 'expression'] as const;

export function loadFilter(store: WebviewStateStore): HandshakeFilter {
  const state = store.getState();
  const saved = state && typeof state === 'object' ? (state as { filter?: unknown }).filter : undefined;
  if (!saved || typeof saved !== 'object') return {};
  const filter: HandshakeFilter = {};
  const fields = saved as Record<string, unknown>;
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
  const state = store.getState();
  store.setState({ ...(state && typeof state === 'object' ? state : {}), filter });
}
