/**
 * The table's order as the language server keeps it: each sort gives the order a plain stable sort of
 * the column's value gives (text columns in text order, ties in capture order), and the last few
 * queries' orders are kept, so going back to one is a slice of it, not another pass over the attempts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { endpointText, type HandshakeAttempt } from '../../src/analyzer/model.js';
import { plainRecord } from '../../src/analyzer/handshakes/storedRecords.js';
import type { HandshakeFilter, HandshakeSort, RowsSelection } from '../../src/shared/lspExtensions.js';
import type { AttemptRows } from '../../src/server/attemptRows.js';
import { CaptureView } from '../../src/server/captureView.js';
import { HandshakeQuery, SELECTION_BATCH } from '../../src/server/handshakeQuery.js';
import { pcapOf } from './captureFile.js';
import { Conversation, type Step } from './handshakeScript.js';

const START = 1_700_000_000;

/** 600 attempts (or `count`) from 40 clients (so endpoints repeat) in an order that is not the text order, some answered. */
function view(count = 600): CaptureView {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const client = `10.0.${(i * 7) % 20}.${(i * 13) % 3 === 0 ? 9 : 10}:${40_000 + ((i * 11) % 2)}`;
    const talk = new Conversation(client, `192.168.11.${250 + (i % 3)}:3306`);
    const t = START + i;
    const isn = (i * 2654435761) >>> 0;
    steps.push(talk.syn(t, isn));
    if (i % 3 === 0) steps.push(talk.synAck(t + 0.001 * (1 + (i % 5)), 7, isn), talk.ack(t + 0.01, isn, 7));
    else if (i % 3 === 1) steps.push(talk.refuse(t + 0.001, isn));
  }
  const analysis = analyzeCaptureSync(new MemorySource(pcapOf(steps)), 'order.pcap');
  return new CaptureView({ uri: 'file:///order.pcap', name: 'order.pcap', analysis }, 'single', [], new Map(), new Map(), 'client');
}

/** The reference: a stable sort of the attempts by the column's value, absent values last. */
function expectedIds(attempts: readonly HandshakeAttempt[], value: (attempt: HandshakeAttempt) => number | string, direction: 'asc' | 'desc'): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return attempts.map((attempt, index) => ({ attempt, index, key: value(attempt) }))
    .sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : a.index - b.index))
    .map(({ attempt }) => attempt.id);
}

/** The indices a query's rows (or a selection of them) resolve to, in its order, every batch read. */
function selectedIndices(query: HandshakeQuery, rows: AttemptRows, sort: HandshakeSort, selection?: RowsSelection, filter: HandshakeFilter = {}): number[] {
  const indices: number[] = [];
  for (const batch of query.selected(rows, filter, sort, selection)) indices.push(...batch);
  return indices;
}

/** Counts the attempts a query reads, to tell a kept order from one computed again. */
function counted(rows: AttemptRows): { rows: AttemptRows; reads: () => number } {
  let reads = 0;
  const wrapper = Object.create(rows) as AttemptRows;
  wrapper.attemptAt = (index: number) => {
    reads++;
    return rows.attemptAt(index);
  };
  return { rows: wrapper, reads: () => reads };
}

test('text, number and absent-value columns sort as a stable sort of their values, both ways', () => {
  const rows = view();
  const query = new HandshakeQuery();
  const attempts = rows.attempts;
  const cases: Array<[HandshakeSort['column'], (attempt: HandshakeAttempt) => number | string]> = [
    ['client', (a) => endpointText(a.client)],
    ['server', (a) => endpointText(a.server)],
    ['rtt', (a) => a.rttMs ?? Infinity],
    ['time', (a) => a.synTime],
    ['outcome', (a) => a.outcome],
  ];
  for (const [column, value] of cases) {
    for (const direction of ['asc', 'desc'] as const) {
      const ids = selectedIndices(query, rows, { column, direction }).map((index) => rows.attemptAt(index).id);
      assert.deepEqual(ids, expectedIds(attempts, value, direction), `${column} ${direction}`);
    }
  }
  // Text order, not address order: 10.0.1.10 before 10.0.1.9, as the text of the column reads.
  const clients = selectedIndices(query, rows, { column: 'client', direction: 'asc' }).map((index) => rows.rowAt(index).client);
  const first = (prefix: string) => clients.findIndex((client) => client.startsWith(prefix));
  assert.ok(first('10.0.1.10:') >= 0 && first('10.0.1.10:') < first('10.0.1.9:'), clients.slice(0, 8).join(', '));
});

test('the last four queries keep their order: going back to one reads no attempt, a fifth one pushes the oldest out', () => {
  const { rows, reads } = counted(view());
  const query = new HandshakeQuery();
  const sorts: HandshakeSort[] = [
    { column: 'client', direction: 'asc' }, { column: 'rtt', direction: 'desc' }, { column: 'server', direction: 'asc' }, { column: 'isn', direction: 'asc' },
  ];
  const pages = sorts.map((sort) => query.page(rows, 100, 50, { failedOnly: true }, sort));
  const afterFour = reads();
  assert.ok(afterFour >= 4 * rows.attemptCount, 'each order read every attempt once');
  sorts.forEach((sort, n) => assert.deepEqual(query.page(rows, 100, 50, { failedOnly: true }, sort), pages[n]));
  assert.equal(reads(), afterFour, 'the kept orders are sliced');
  query.page(rows, 0, 50, {}, { column: 'time', direction: 'desc' });
  const afterFifth = reads();
  query.page(rows, 0, 50, { failedOnly: true }, sorts[3]);
  assert.equal(reads(), afterFifth, 'the newest kept');
  query.page(rows, 0, 50, { failedOnly: true }, sorts[0]);
  assert.ok(reads() > afterFifth, 'the oldest computed again');
});

test('a selection resolves to the rows the table draws selected, in its order, in batches of at most SELECTION_BATCH', () => {
  const rows = view();
  const query = new HandshakeQuery();
  const sort: HandshakeSort = { column: 'client', direction: 'desc' };
  const filter: HandshakeFilter = { failedOnly: true };
  const order = selectedIndices(query, rows, sort, undefined, filter);
  const idOf = (position: number) => rows.attemptAt(order[position]!).id;
  // Every row but two; two ranges less one id plus one beside them; ids and positions the query lacks.
  const cases: Array<[RowsSelection, (position: number) => boolean]> = [
    [{ all: true, ranges: [], added: [], removed: [idOf(3), idOf(200)] }, (p) => p !== 3 && p !== 200],
    [{ all: false, ranges: [[150, 199], [10, 20]], added: [idOf(300), 999_999], removed: [idOf(15)] }, (p) => (p >= 10 && p <= 20 && p !== 15) || (p >= 150 && p <= 199) || p === 300],
    [{ all: false, ranges: [[390, 10_000]], added: [], removed: [] }, (p) => p >= 390],
    [{ all: false, ranges: [], added: [idOf(7), idOf(2)], removed: [] }, (p) => p === 2 || p === 7],
  ];
  for (const [selection, chosen] of cases) {
    const expected = order.filter((_index, position) => chosen(position));
    assert.deepEqual(selectedIndices(query, rows, sort, selection, filter), expected, JSON.stringify(selection));
  }
  let batches = 0;
  for (const batch of query.selected(rows, filter, sort)) {
    batches++;
    assert.ok(batch.length > 0 && batch.length <= SELECTION_BATCH);
  }
  assert.equal(batches, Math.ceil(order.length / SELECTION_BATCH));
});

test('time ascending on rows already in time order reads no attempt; rows out of time order are sorted', () => {
  const inOrder = view();
  assert.equal(inOrder.inTimeOrder, true);
  const { rows, reads } = counted(inOrder);
  const ids = selectedIndices(new HandshakeQuery(), rows, { column: 'time', direction: 'asc' }).map((index) => rows.attemptAt(index).id);
  assert.deepEqual(ids, expectedIds(inOrder.attempts, (a) => a.synTime, 'asc'));
  assert.equal(reads(), ids.length, 'only the rows handed out were read');
  // An analysis lists its rows by first SYN (tracker.ts); rows held in another order, as a view could be
  // given them, are sorted.
  const analysis = inOrder.capture.analysis;
  const shuffled = analysis.handshakes.map((attempt, index) => ({ attempt, key: (index * 37) % analysis.handshakes.length })).sort((x, y) => x.key - y.key).map(({ attempt }) => attempt);
  const backwards = new CaptureView({ uri: 'file:///shuffled.pcap', name: 'shuffled.pcap', analysis: { ...analysis, handshakes: shuffled } }, 'single', [], new Map(), new Map(), 'client');
  assert.equal(backwards.inTimeOrder, false);
  const sorted = selectedIndices(new HandshakeQuery(), backwards, { column: 'time', direction: 'asc' }).map((index) => backwards.attemptAt(index).id);
  assert.deepEqual(sorted, expectedIds(backwards.attempts, (a) => a.synTime, 'asc'));
  assert.notDeepEqual(sorted, backwards.attempts.map((a) => a.id));
});

test('orders made in the memory of dropped ones are those a fresh query makes, and an export reading an order keeps it whole', () => {
  const rows = view();
  const query = new HandshakeQuery();
  const queries: Array<[HandshakeFilter, HandshakeSort]> = [
    [{}, { column: 'client', direction: 'asc' }],
    [{ failedOnly: true }, { column: 'isn', direction: 'desc' }],
    [{}, { column: 'isn', direction: 'asc' }],
    [{ text: '10.0.1' }, { column: 'client', direction: 'desc' }],
    [{}, { column: 'time', direction: 'desc' }],
    [{}, { column: 'rtt', direction: 'asc' }],
    [{ failedOnly: true }, { column: 'time', direction: 'asc' }],
    [{}, { column: 'server', direction: 'asc' }],
  ];
  // Twice round: from the fifth query on, each evicts an order and is made in its memory.
  for (let round = 0; round < 2; round++) {
    for (const [filter, sort] of queries) {
      assert.deepEqual(selectedIndices(query, rows, sort, undefined, filter), selectedIndices(new HandshakeQuery(), rows, sort, undefined, filter), `${JSON.stringify(filter)} ${sort.column} ${sort.direction}`);
    }
  }
  // An export left between two batches while the table asks for other orders, each evicting one and
  // making its own: the rest of the export is still the order it began with.
  const many = view(SELECTION_BATCH + 500);
  const [filter, sort] = queries[0]!;
  const expected = selectedIndices(new HandshakeQuery(), many, sort, undefined, filter);
  const batches = query.selected(many, filter, sort);
  const read: number[] = [];
  const first = batches.next();
  if (!first.done) read.push(...first.value);
  for (const [otherFilter, otherSort] of queries.slice(1)) query.page(many, 0, 50, otherFilter, otherSort);
  for (let next = batches.next(); !next.done; next = batches.next()) read.push(...next.value);
  assert.equal(read.length, SELECTION_BATCH + 500);
  assert.deepEqual(read, expected);
});

test('time descending on rows whose times rise with none equal, and id descending, read no attempt; equal times keep capture order', () => {
  const rising = view();
  assert.equal(rising.timesRise, true);
  for (const column of ['time', 'id'] as const) {
    const { rows, reads } = counted(rising);
    const ids = selectedIndices(new HandshakeQuery(), rows, { column, direction: 'desc' }).map((index) => rows.attemptAt(index).id);
    assert.deepEqual(ids, expectedIds(rising.attempts, (a) => (column === 'time' ? a.synTime : a.id), 'desc'), column);
    assert.equal(reads(), ids.length, `${column}: only the rows handed out were read`);
    // A page from the middle, as the table scrolls.
    const page = new HandshakeQuery().page(rows, 250, 20, {}, { column, direction: 'desc' });
    assert.deepEqual(page.rows.map((row) => row.id), ids.slice(250, 270));
  }
  // Times in pairs: in time order, not rising; the pairs' attempts stay in capture order.
  const analysis = rising.capture.analysis;
  const paired = analysis.handshakes.map((attempt, index) => ({ ...plainRecord(attempt), synTime: START + Math.floor(index / 2) }));
  const pairs = new CaptureView({ uri: 'file:///pairs.pcap', name: 'pairs.pcap', analysis: { ...analysis, handshakes: paired } }, 'single', [], new Map(), new Map(), 'client');
  assert.equal(pairs.inTimeOrder, true);
  assert.equal(pairs.timesRise, false);
  const ids = selectedIndices(new HandshakeQuery(), pairs, { column: 'time', direction: 'desc' }).map((index) => pairs.attemptAt(index).id);
  assert.deepEqual(ids, expectedIds(pairs.attempts, (a) => a.synTime, 'desc'));
});
