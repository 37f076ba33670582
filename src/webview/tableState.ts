/**
 * The table's query: filter and sort, as the language server's handshakePage takes them. Pure, so the
 * webview's table and its unit tests share one definition of "what changes when a header is clicked".
 */
import { handshakeQueryKey } from '../shared/handshakeQueryKey.js';
import type { HandshakeColumn, HandshakeFilter, HandshakeSort } from '../shared/lspExtensions.js';

export interface TableQuery {
  filter: HandshakeFilter;
  sort: HandshakeSort;
}

export const DEFAULT_QUERY: TableQuery = { filter: {}, sort: { column: 'time', direction: 'asc' } };

/** Clicking the sorted column flips its direction; another column sorts ascending. */
export function toggleSort(sort: HandshakeSort, column: HandshakeColumn): HandshakeSort {
  if (sort.column === column) return { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

/** Replaces one filter field; empty values remove it, so equal filters compare equal. */
export function withFilter<K extends keyof HandshakeFilter>(filter: HandshakeFilter, key: K, value: HandshakeFilter[K]): HandshakeFilter {
  const next: HandshakeFilter = { ...filter };
  if (value === undefined || value === '' || value === false) delete next[key];
  else next[key] = value;
  return next;
}

/** A stable text for a query, so cached pages of another query are never shown. */
export function queryKey(query: TableQuery): string {
  return handshakeQueryKey(query.filter, query.sort);
}

/** `aria-sort` of a header. */
export function ariaSort(sort: HandshakeSort, column: HandshakeColumn): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}
