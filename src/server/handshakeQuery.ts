/**
 * Filtering, sorting and paging of a view's attempts for the virtualised table. The order of a filter
 * and sort is computed once as an index array and kept for the following pages, so scrolling through
 * 500,000 rows sorts once, and only the rows of a page are turned into JSON.
 */
import { endpointText, type HandshakeAttempt } from '../analyzer/model.js';
import { attemptPredicate, filterField, parseAttemptFilter, type AttemptPredicate } from '../shared/attemptFilter/index.js';
import { handshakeQueryKey } from '../shared/handshakeQueryKey.js';
import { MAX_PAGE_SIZE, type HandshakeFilter, type HandshakePage, type HandshakeSort } from '../shared/lspExtensions.js';
import type { HandshakeJson } from '../analyzer/report.js';
import type { AttemptRows } from './attemptRows.js';

type FilterError = NonNullable<HandshakePage['filterError']>;

type SortKey = (attempt: HandshakeAttempt, index: number) => number | string;

/**
 * A column that shows a filter field sorts by that field's reading of the attempt, so the table, its
 * sort and the filter box agree on the value. Absent values (no ACK, no MSS option) sort after every
 * present one, as a missing RTT does; a flag sorts off before on.
 */
function fieldKey(view: AttemptRows, name: string): SortKey {
  const field = filterField(name);
  if (!field) throw new Error(`no filter field ${name}`);
  return (attempt, index) => {
    const value = field.read({ attempt, finding: view.findingAt(index) });
    return value === null ? Infinity : typeof value === 'boolean' ? Number(value) : value;
  };
}

function sortKeyOf(view: AttemptRows, column: HandshakeSort['column']): SortKey {
  switch (column) {
    case 'id': return (a) => a.id;
    case 'time': return (a) => a.synTime;
    case 'client': return (a) => endpointText(a.client);
    case 'server': return (a) => endpointText(a.server);
    case 'syns': return (a) => a.syns.length;
    case 'rtt': return (a) => a.rttMs ?? Infinity;
    case 'tsval': return (a) => a.syns[0]?.tsval ?? -1;
    case 'connect': case 'isn': case 'mss': case 'wscale': case 'sack': case 'ttl': case 'frame': return fieldKey(view, column);
    case 'verdict': return (a) => a.verdict;
    case 'outcome': return (a) => a.outcome;
    case 'cause': return (_a, index) => view.causeAt(index) ?? '';
    // Along a path: the attempts that got least far first.
    case 'path': return (_a, index) => view.findingAt(index)?.path?.filter((step) => step.seen).length ?? 0;
  }
}

function matcher(view: AttemptRows, filter: HandshakeFilter, expression: AttemptPredicate | null): (attempt: HandshakeAttempt, index: number) => boolean {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return (attempt, index) => {
    if (filter.failedOnly && attempt.verdict !== 'fail') return false;
    if (expression && !expression({ attempt, finding: view.findingAt(index) })) return false;
    if (filter.server && endpointText(attempt.server) !== filter.server) return false;
    const cause = view.causeAt(index);
    if (filter.cause && cause !== filter.cause) return false;
    if (text === '') return true;
    const haystack = `${attempt.id} ${endpointText(attempt.client)} ${endpointText(attempt.server)} ${attempt.verdict} ${attempt.outcome} ${cause ?? ''}`;
    return haystack.toLowerCase().includes(text);
  };
}

function orderOf(view: AttemptRows, filter: HandshakeFilter, expression: AttemptPredicate | null, sort: HandshakeSort | undefined): Uint32Array {
  const match = matcher(view, filter, expression);
  const selected: number[] = [];
  for (let index = 0; index < view.attemptCount; index++) if (match(view.attemptAt(index), index)) selected.push(index);
  const byId: HandshakeSort = { column: 'id', direction: 'asc' };
  const wanted = sort ?? (view.inIdOrder ? undefined : byId);
  if (wanted && !(view.inIdOrder && wanted.column === 'id' && wanted.direction === 'asc')) {
    const key = sortKeyOf(view, wanted.column);
    const keys = new Map(selected.map((index) => [index, key(view.attemptAt(index), index)]));
    const sign = wanted.direction === 'desc' ? -1 : 1;
    // Ties keep the capture's order, so paging through equal keys is stable.
    selected.sort((a, b) => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      return ka < kb ? -sign : ka > kb ? sign : a - b;
    });
  }
  return Uint32Array.from(selected);
}

/** Remembers the last order per view (a table asks for page after page with the same filter). */
export class HandshakeQuery {
  private readonly orders = new WeakMap<AttemptRows, { signature: string; order: Uint32Array }>();

  page(view: AttemptRows, offset: number, limit: number, filter: HandshakeFilter = {}, sort?: HandshakeSort): HandshakePage {
    const ordered = this.orderFor(view, filter, sort);
    // An expression that does not parse filters nothing in: the reply says why instead of guessing.
    if ('filterError' in ordered) return { total: 0, offset: 0, rows: [], filterError: ordered.filterError };
    const { order } = ordered;
    const start = Math.max(0, Math.min(Math.floor(offset), order.length));
    const end = Math.min(order.length, start + Math.max(0, Math.min(Math.floor(limit), MAX_PAGE_SIZE)));
    const rows = [];
    for (let position = start; position < end; position++) rows.push(view.rowAt(order[position]));
    return { total: order.length, offset: start, rows };
  }

  /**
   * Every row the filter keeps, in the sort's order (an export of the table, not a page of it); with
   * `ids`, only those attempts among them (the table's selection).
   */
  rows(view: AttemptRows, filter: HandshakeFilter = {}, sort?: HandshakeSort, ids?: readonly number[]): HandshakeJson[] {
    const ordered = this.orderFor(view, filter, sort);
    if ('filterError' in ordered) return [];
    const chosen = ids === undefined ? null : new Set(ids);
    const indices = chosen === null ? Array.from(ordered.order) : Array.from(ordered.order).filter((index) => chosen.has(view.attemptAt(index).id));
    return indices.map((index) => view.rowAt(index));
  }

  /** The ids of every row the filter keeps, in the sort's order: a selection of the whole table costs no rows. */
  ids(view: AttemptRows, filter: HandshakeFilter = {}, sort?: HandshakeSort): number[] {
    const ordered = this.orderFor(view, filter, sort);
    return 'filterError' in ordered ? [] : Array.from(ordered.order, (index) => view.attemptAt(index).id);
  }

  private orderFor(view: AttemptRows, filter: HandshakeFilter, sort: HandshakeSort | undefined): { order: Uint32Array } | { filterError: FilterError } {
    const signature = handshakeQueryKey(filter, sort);
    let cached = this.orders.get(view);
    if (!cached || cached.signature !== signature) {
      const parsed = filter.expression?.trim() ? parseAttemptFilter(filter.expression) : null;
      if (parsed && !parsed.ok) return { filterError: parsed.error };
      cached = { signature, order: orderOf(view, filter, parsed ? attemptPredicate(parsed.tree) : null, sort) };
      this.orders.set(view, cached);
    }
    return { order: cached.order };
  }
}
