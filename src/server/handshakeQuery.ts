/**
 * Filtering, sorting and paging of a view's attempts for the virtualised table. The order of a filter
 * and sort is computed once as an index array and kept for the following pages (the last few queries'
 * orders per view), so scrolling is a slice of it, and only the rows of a page are turned into JSON.
 * Sort keys are read once per attempt into a Float64Array (text keys as their rank among the distinct
 * texts) and ordered by a radix sort (../analyzer/keyOrder.ts).
 */
import { endpointText, type Endpoint, type HandshakeAttempt } from '../analyzer/model.js';
import { filterField, parseAttemptFilter, predicateOver } from '../shared/attemptFilter/index.js';
import type { FilterNode } from '../shared/attemptFilter/ast.js';
import { handshakeQueryKey } from '../shared/handshakeQueryKey.js';
import { MAX_PAGE_SIZE, type HandshakeFilter, type HandshakePage, type HandshakeSort, type RowsSelection } from '../shared/lspExtensions.js';
import type { AttemptRows } from './attemptRows.js';
import { keyOrder, textRanks } from '../analyzer/keyOrder.js';
import { ScratchMemory } from '../analyzer/scratchMemory.js';
import { verdictOf } from '../analyzer/handshakes/verdict.js';
import { columnFieldReading, columnKeys, columnSortKey, columnTextTest, recordFieldReading } from './columnQuery.js';
import { OrderMemory } from './orderMemory.js';

type FilterError = NonNullable<HandshakePage['filterError']>;

/** Endpoints are shared objects (one per address and port): a sort ranks each once, by identity, then by text. */
export type SortKey = (index: number) => number | string | Endpoint;

/**
 * A column that shows a filter field sorts by that field's reading of the attempt, so the table, its
 * sort and the filter box agree on the value. Absent values (no ACK, no MSS option) sort after every
 * present one, as a missing RTT does; a flag sorts off before on.
 */
function fieldKey(view: AttemptRows, name: string): SortKey {
  const field = filterField(name);
  if (!field) throw new Error(`no filter field ${name}`);
  const read = recordFieldReading(view)(field);
  return (index) => {
    const value = read(index);
    return value === null ? Infinity : typeof value === 'boolean' ? Number(value) : value;
  };
}

function sortKeyOf(view: AttemptRows, column: HandshakeSort['column']): SortKey {
  const columnar = view.columns ? columnSortKey(view.columns, column) : null;
  if (columnar !== null) return columnar;
  const read = <T>(field: (attempt: HandshakeAttempt) => T) => (index: number) => field(view.attemptAt(index));
  switch (column) {
    case 'id': return read((a) => a.id);
    case 'time': return read((a) => a.synTime);
    case 'client': return read((a) => a.client);
    case 'server': return read((a) => a.server);
    case 'syns': return read((a) => a.syns.length);
    case 'rtt': return read((a) => a.rttMs ?? Infinity);
    case 'tsval': return read((a) => a.syns[0]?.tsval ?? -1);
    case 'connect': case 'isn': case 'mss': case 'wscale': case 'sack': case 'ttl': case 'frame': return fieldKey(view, column);
    case 'verdict': return read((a) => a.verdict);
    case 'outcome': return read((a) => a.outcome);
    case 'cause': return (index) => view.causeAt(index) ?? '';
    // Along a path: the attempts that got least far first.
    case 'path': return (index) => view.findingAt(index)?.path?.filter((step) => step.seen).length ?? 0;
  }
}

/** A row's test by index: an attempt's fields read from the view's columns where they hold them, else from its record. */
type RowTest = (index: number) => boolean;

function expressionTest(view: AttemptRows, tree: FilterNode): RowTest {
  const columns = view.columns ?? null;
  if (columns !== null) return predicateOver(tree, columnFieldReading(view, columns));
  return predicateOver(tree, recordFieldReading(view));
}

/** The filter's test of an attempt; null when the filter keeps every attempt (then no attempt is read). */
function matcher(view: AttemptRows, filter: HandshakeFilter, expression: RowTest | null): RowTest | null {
  const text = filter.text?.trim().toLowerCase() ?? '';
  if (!filter.failedOnly && !expression && !filter.server && !filter.cause && text === '') return null;
  const columns = view.columns ?? null;
  const failed = columns ? (index: number) => verdictOf(columns.outcome(index)) === 'fail' : (index: number) => view.attemptAt(index).verdict === 'fail';
  const textTest = columns ? columnTextTest(view, columns, text) : null;
  return (index) => {
    if (filter.failedOnly && !failed(index)) return false;
    if (expression && !expression(index)) return false;
    if (filter.server && endpointText(view.attemptAt(index).server) !== filter.server) return false;
    if (!filter.cause && text === '') return true;
    const cause = view.causeAt(index);
    if (filter.cause && cause !== filter.cause) return false;
    if (text === '') return true;
    if (textTest !== null) return textTest(index, cause);
    const attempt = view.attemptAt(index);
    const haystack = `${attempt.id} ${endpointText(attempt.client)} ${endpointText(attempt.server)} ${attempt.verdict} ${attempt.outcome} ${cause ?? ''}`;
    return haystack.toLowerCase().includes(text);
  };
}

/** What the sort keys of a query are read into, and the rows its filter keeps gathered in, kept from one query to the next. */
const keyMemory = new ScratchMemory();
const selectionMemory = new ScratchMemory();
/** Which keys are ranks of texts, for a column with texts among its values. */
const rankMemory = new ScratchMemory();
/** The kept orders' arrays: a query that evicts an order makes its own in that order's memory. */
const orderMemory = new OrderMemory();

/**
 * Each selected attempt's key as a number: numbers as they are, texts and endpoints as their rank among
 * the distinct ones (in the code-unit order `<` gives texts), so the sort compares numbers only. An
 * absent value (Infinity) among texts stays after all of them.
 */
function numericKeys(key: SortKey, selected: Uint32Array): Float64Array {
  // Dropped once sorted: the scratch memory of the sort before.
  const keys = new Float64Array(keyMemory.buffer(selected.length * 8), 0, selected.length);
  // Made at the first text: a column of numbers needs none.
  let ranked: Uint8Array | null = null;
  const distinct = new Map<string | Endpoint, number>();
  // Runs of one value (a flood's cause, a scanner's address) skip the look-up.
  let last: string | Endpoint | null = null;
  let lastSlot = 0;
  for (let position = 0; position < selected.length; position++) {
    const value = key(selected[position]!);
    if (typeof value === 'number') {
      keys[position] = value;
      continue;
    }
    let slot = value === last ? lastSlot : distinct.get(value);
    if (slot === undefined) {
      slot = distinct.size;
      distinct.set(value, slot);
    }
    last = value;
    lastSlot = slot;
    keys[position] = slot;
    (ranked ??= new Uint8Array(rankMemory.buffer(selected.length), 0, selected.length).fill(0))[position] = 1;
  }
  if (ranked === null) return keys;
  const texts = Array.from(distinct.keys(), (value) => (typeof value === 'string' ? value : endpointText(value)));
  // Equal texts (an address given by two records) share a rank.
  const rankOfSlot = textRanks(texts);
  for (let position = 0; position < keys.length; position++) if (ranked[position]) keys[position] = rankOfSlot[keys[position]!]!;
  return keys;
}

/** The keys of `selected` in `column`: read from the view's columns at once where they hold it, else one attempt at a time. */
function sortKeys(view: AttemptRows, column: HandshakeSort['column'], selected: Uint32Array): Float64Array {
  if (view.columns) {
    const keys = new Float64Array(keyMemory.buffer(selected.length * 8), 0, selected.length);
    if (columnKeys(view, view.columns, column, selected, keys)) return keys;
  }
  return numericKeys(sortKeyOf(view, column), selected);
}

/** Whether the keys are already in the wanted order (a capture sorted by time mostly is). */
function inOrder(keys: Float64Array, sign: number): boolean {
  for (let position = 1; position < keys.length; position++) if ((keys[position]! - keys[position - 1]!) * sign < 0) return false;
  return true;
}

/** Whether every key is at least (sign 1) or at most (sign -1) the one before it, none NaN. */
function ascending(keys: Float64Array, sign: number): boolean {
  if (keys.length > 0 && Number.isNaN(keys[0]!)) return false;
  for (let position = 1; position < keys.length; position++) if (!((keys[position]! - keys[position - 1]!) * sign >= 0 || keys[position] === keys[position - 1])) return false;
  return true;
}

/** `selected`, whose keys run the other way, in the wanted order: its runs of equal keys last first, each in capture order. */
function runsReversed(selected: Uint32Array, keys: Float64Array): Uint32Array {
  const order = orderMemory.take(selected.length);
  let to = 0;
  for (let end = selected.length; end > 0;) {
    let start = end - 1;
    while (start > 0 && keys[start - 1] === keys[end - 1]) start--;
    for (let position = start; position < end; position++) order[to++] = selected[position]!;
    end = start;
  }
  return order;
}

/**
 * A query's rows, by position: the view's indices in order, or the view's own order, which needs no
 * array (at ten million rows one was 40 MB, and its allocation brought on a full collection that marked
 * every record: the table's first window took 0.6 s).
 */
type Order = Uint32Array | OwnOrder;

/** The view's own order, or that order backwards (a sort the other way by a key that rises along the rows, no two equal). */
interface OwnOrder {
  readonly length: number;
  readonly own: true;
  readonly backwards: boolean;
}

function indexAt(order: Order, position: number): number {
  if (order instanceof Uint32Array) return order[position]!;
  return order.backwards ? order.length - 1 - position : position;
}

function orderOf(view: AttemptRows, filter: HandshakeFilter, expression: RowTest | null, sort: HandshakeSort | undefined): Order {
  const match = matcher(view, filter, expression);
  const byId: HandshakeSort = { column: 'id', direction: 'asc' };
  const wanted = sort ?? (view.inIdOrder ? undefined : byId);
  // The rows in id order, or in time order already: a stable sort by either leaves them as they are.
  const asTheyAre = !wanted || (view.inIdOrder && wanted.column === 'id' && wanted.direction === 'asc')
    || (view.inTimeOrder && wanted.column === 'time' && wanted.direction === 'asc');
  if (match === null && asTheyAre) return { length: view.attemptCount, own: true, backwards: false };
  // Ids, or times of rows where they rise with no two equal, descending: no ties to keep in capture order.
  const backwards = wanted !== undefined && wanted.direction === 'desc'
    && ((view.inIdOrder && wanted.column === 'id') || (view.timesRise && wanted.column === 'time'));
  if (match === null && backwards) return { length: view.attemptCount, own: true, backwards: true };
  // The rows the filter keeps, in scratch memory: an order kept is a copy of them, or their sorted order.
  const gathered = new Uint32Array(selectionMemory.buffer(view.attemptCount * 4), 0, view.attemptCount);
  let count = 0;
  if (match === null) for (let index = 0; index < view.attemptCount; index++) gathered[count++] = index;
  else for (let index = 0; index < view.attemptCount; index++) if (match(index)) gathered[count++] = index;
  const selected = gathered.subarray(0, count);
  const kept = () => {
    const order = orderMemory.take(count);
    order.set(selected);
    return order;
  };
  if (asTheyAre || !wanted) return kept();
  const keys = sortKeys(view, wanted.column, selected);
  const sign = wanted.direction === 'desc' ? -1 : 1;
  // Equal keys (Infinity among them) subtract to NaN or 0, never below 0: already sorted, ties in capture order.
  if (inOrder(keys, sign)) return kept();
  // In the other order (time descending of a capture in time order): the runs of equal keys from the last.
  if (ascending(keys, -sign)) return runsReversed(selected, keys);
  // Positions into `selected` sorted by key; ties keep the capture's order, so paging through equal keys is stable.
  const order = keyOrder(keys, sign < 0, orderMemory.take(count));
  // Every row selected: a position is the row's index.
  if (count < view.attemptCount) for (let at = 0; at < order.length; at++) order[at] = selected[order[at]!]!;
  return order;
}

/** Rows a selection is resolved in at once: their JSON is made, written out and dropped before the next. */
export const SELECTION_BATCH = 16_384;

/**
 * Whether the row at a position of the query's order is selected; its id is read only when `added` or
 * `removed` lists ids. The ranges are walked along with the positions, which only ascend.
 */
function selectionTest(selection: RowsSelection): (position: number, id: () => number) => boolean {
  const added = new Set(selection.added);
  const removed = new Set(selection.removed);
  const ranges = selection.all ? [] : [...selection.ranges].sort((a, b) => a[0] - b[0]);
  let next = 0;
  return (position, id) => {
    while (next < ranges.length && ranges[next]![1] < position) next++;
    const inBase = selection.all || (next < ranges.length && ranges[next]![0] <= position);
    if (inBase) return removed.size === 0 || !removed.has(id());
    return added.size > 0 && added.has(id());
  };
}

/** How many orders a view keeps: a user going back and forth between a few sorts and filters sorts once each. */
const ORDERS_KEPT = 4;

/** Remembers the last orders per view (a table asks for page after page with the same filter). */
export class HandshakeQuery {
  /** Per view, the last ORDERS_KEPT orders by query signature, the most recently used last. */
  private readonly orders = new WeakMap<AttemptRows, Map<string, Order>>();
  /** Orders an export is reading (`selected`): dropped meanwhile, their memory is not given to another. */
  private readonly reading = new Set<Uint32Array>();

  page(view: AttemptRows, offset: number, limit: number, filter: HandshakeFilter = {}, sort?: HandshakeSort): HandshakePage {
    const ordered = this.orderFor(view, filter, sort);
    // An expression that does not parse filters nothing in: the reply says why instead of guessing.
    if ('filterError' in ordered) return { total: 0, offset: 0, rows: [], filterError: ordered.filterError };
    const { order } = ordered;
    const start = Math.max(0, Math.min(Math.floor(offset), order.length));
    const end = Math.min(order.length, start + Math.max(0, Math.min(Math.floor(limit), MAX_PAGE_SIZE)));
    const rows = [];
    for (let position = start; position < end; position++) rows.push(view.rowAt(indexAt(order, position)));
    return { total: order.length, offset: start, rows };
  }

  /**
   * The view's indices of the rows the filter keeps, in the sort's order (an export of the table, not a
   * page of it), a batch of at most SELECTION_BATCH at a time; with `selection`, only the rows it chose
   * among them (the table's selection). Ids the query does not hold and positions past its rows choose
   * nothing.
   */
  *selected(view: AttemptRows, filter: HandshakeFilter = {}, sort?: HandshakeSort, selection?: RowsSelection): Generator<Uint32Array> {
    const ordered = this.orderFor(view, filter, sort);
    if ('filterError' in ordered) return;
    const { order } = ordered;
    const chosen = selection ? selectionTest(selection) : () => true;
    if (order instanceof Uint32Array) this.reading.add(order);
    try {
      let batch = new Uint32Array(Math.min(SELECTION_BATCH, order.length));
      let filled = 0;
      for (let position = 0; position < order.length; position++) {
        const index = indexAt(order, position);
        if (!chosen(position, () => view.attemptAt(index).id)) continue;
        batch[filled++] = index;
        if (filled === batch.length) {
          yield batch;
          batch = new Uint32Array(batch.length);
          filled = 0;
        }
      }
      if (filled > 0) yield batch.subarray(0, filled);
    } finally {
      if (order instanceof Uint32Array) this.reading.delete(order);
    }
  }

  private orderFor(view: AttemptRows, filter: HandshakeFilter, sort: HandshakeSort | undefined): { order: Order } | { filterError: FilterError } {
    const signature = handshakeQueryKey(filter, sort);
    let kept = this.orders.get(view);
    if (!kept) {
      kept = new Map();
      this.orders.set(view, kept);
    }
    let order = kept.get(signature);
    if (order === undefined) {
      const parsed = filter.expression?.trim() ? parseAttemptFilter(filter.expression) : null;
      if (parsed && !parsed.ok) return { filterError: parsed.error };
      // The least recently used goes first: the new order is made in its memory.
      if (kept.size >= ORDERS_KEPT) {
        const [oldest, dropped] = kept.entries().next().value!;
        kept.delete(oldest);
        if (dropped instanceof Uint32Array && !this.reading.has(dropped)) orderMemory.give(dropped);
      }
      order = orderOf(view, filter, parsed ? expressionTest(view, parsed.tree) : null, sort);
    }
    kept.delete(signature);
    kept.set(signature, order);
    return { order };
  }
}
