/**
 * The table's queries read from the columns of records kept as the tracker's rows (columnQuery.ts, used
 * from a million listed attempts) give the orders and the rows the reading of the records gives: every
 * sort both ways, under each filter, on a made capture with IPv4 and IPv6 endpoints, on the samples and
 * on the corpus; and the endpoint keys order IPv4 endpoints exactly as their texts.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import type { CaptureAnalysis } from '../../src/analyzer/captureScan.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { endpointText } from '../../src/analyzer/model.js';
import type { HandshakeFilter, HandshakeSort } from '../../src/shared/lspExtensions.js';
import type { AttemptRows } from '../../src/server/attemptRows.js';
import { CaptureView } from '../../src/server/captureView.js';
import { ipv4EndpointKey, ipv4EndpointKeys } from '../../src/server/endpointOrder.js';
import { HandshakeQuery } from '../../src/server/handshakeQuery.js';
import { CORPUS_ROOT, corpusAvailable, corpusCaptures } from '../corpus/corpusFiles.js';
import { pcapOf } from './captureFile.js';
import { Conversation, type Step } from './handshakeScript.js';
import { analysedFile } from './analysedFile.js';

const START = 1_700_000_000;

const COLUMNS: HandshakeSort['column'][] = [
  'id', 'time', 'client', 'server', 'syns', 'rtt', 'tsval', 'connect', 'isn', 'mss', 'wscale', 'sack', 'ttl', 'frame', 'verdict', 'outcome', 'cause', 'path',
];

/** Needles within one field, across fields, across an endpoint's ':' and brackets, of no field at all. */
const NEEDLES = ['10.0.1', '10.0.1.1', '.1', '0.1', '1.', '.', '9:', ':40001', '40001', '1', '3306', '[2001', 'db8::', '::1]:', 'fail', 'refused', 'no-reply', 'pass', 'established', '7 10', 'x'];

/** Expressions of the fields read from the columns (time, ISN, SYNs, outcome, verdict, ports, id, cause) and of one that is not. */
const EXPRESSIONS = [
  'isn > 2147483648', 'syns >= 1 && isn > 2147483648', 'syns >= 2 || isn < 1000000', 'verdict == fail', 'outcome in {refused no-reply}', '!cause', 'cause',
  'client.port == 40001 || client.port >= 8080', 'server.port != 3306', 'id <= 100 && time > 1700000050', 'outcome ~ re && ttl > 0',
];

const FILTERS: HandshakeFilter[] = [
  {}, { failedOnly: true }, ...EXPRESSIONS.map((expression) => ({ expression })), ...NEEDLES.map((text) => ({ text })), { failedOnly: true, text: '10.0.1' },
];

/** The corpus has many captures: the filters that read the columns differently. */
const CORPUS_FILTERS: HandshakeFilter[] = [{}, { failedOnly: true }, { text: '.1' }, { text: '1:' }, { text: '44' }, { expression: 'syns >= 2 || isn > 2147483648' }];

/** Attempts from IPv4 clients whose texts order apart from their addresses (9 and 10, 1 and 100), and IPv6 ones; some answered, some refused, the rest unanswered, times not always rising. */
function steps(): Step[] {
  const all: Step[] = [];
  const octets = [0, 1, 9, 10, 19, 99, 100, 101, 199, 200, 255];
  for (let i = 0; i < 400; i++) {
    const octet = (n: number) => octets[n % octets.length];
    // Each address before its last octet with many last octets, each address with many ports.
    const client = i % 9 === 0
      ? `[2001:db8::${(i % 4) + 1}]:${40_000 + (i % 3)}`
      : `${[1, 10, 100, 255][Math.floor(i / 121)]}.${octet(Math.floor(i / 33))}.${octet(Math.floor(i / 11))}.${octet(i)}:${[0, 1, 9, 10, 80, 800, 8080, 65535, 40000, 40001][(i * 7) % 10]}`;
    const server = i % 9 === 0 ? `[2001:db8::ff]:443` : `192.168.11.${250 + (i % 3)}:3306`;
    const talk = new Conversation(client, server);
    const t = START + i - (i % 7 === 0 ? 3 : 0);
    const isn = (i * 2654435761) >>> 0;
    all.push(talk.syn(t, isn));
    if (i % 3 === 0) all.push(talk.synAck(t + 0.001 * (1 + (i % 5)), 7, isn), talk.ack(t + 0.01, isn, 7));
    else if (i % 3 === 1) all.push(talk.refuse(t + 0.001, isn));
  }
  return all;
}

function viewOf(analysis: CaptureAnalysis): CaptureView {
  return new CaptureView({ uri: 'file:///columns.pcap', name: 'columns.pcap', analysis }, 'single', [], new Map(), new Map(), 'client');
}

/** The same view read through its records only, as plain records are. */
function withoutColumns(view: CaptureView): AttemptRows {
  const rows = Object.create(view) as AttemptRows & { columns: null };
  Object.defineProperty(rows, 'columns', { value: null });
  return rows;
}

function order(rows: AttemptRows, filter: HandshakeFilter, sort: HandshakeSort): number[] {
  const indices: number[] = [];
  for (const batch of new HandshakeQuery().selected(rows, filter, sort)) indices.push(...batch);
  return indices;
}

/** Every query gives the same indices from the columns as from the records of the same analysis and from plain records. */
function compareQueries(stored: CaptureAnalysis, plain: CaptureAnalysis | null, what: string, filters = FILTERS): void {
  const view = viewOf(stored);
  assert.ok(view.columns !== null, `${what}: columns`);
  const records = withoutColumns(view);
  const plainView = plain === null ? null : viewOf(plain);
  for (const filter of filters) {
    for (const column of COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const label = `${what}: ${JSON.stringify(filter)} ${column} ${direction}`;
        const columnar = order(view, filter, sort);
        assert.deepEqual(columnar, order(records, filter, sort), label);
        if (plainView !== null) assert.deepEqual(columnar, order(plainView, filter, sort), `${label} (plain records)`);
      }
    }
  }
}

test('IPv4 endpoint keys order as the endpoint texts and are equal only for equal texts', () => {
  const edges = [0, 1, 2, 9, 10, 11, 19, 20, 99, 100, 101, 109, 110, 199, 200, 201, 249, 250, 255];
  const ports = [0, 1, 9, 10, 65, 80, 99, 100, 443, 655, 999, 1000, 6553, 8080, 9999, 10000, 65534, 65535];
  const endpoints: Array<[number, number]> = [];
  for (const a of [0, 1, 10, 100, 255]) for (const d of edges) for (const port of [0, 1, 9, 10, 65535]) endpoints.push([((a * 2 ** 24) + (d * 2 ** 16) + (d * 256) + d) >>> 0, port]);
  for (const d of edges) for (const port of ports) endpoints.push([(10 * 2 ** 24 + 256 + d) >>> 0, port]);
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let n = 0; n < 20_000; n++) {
    const octet = () => [0, 1, 9, 10, 99, 100, 255][random() % 7] ?? 0;
    const address = random() % 2 === 0 ? random() : ((octet() * 2 ** 24) + (octet() << 16) + (octet() << 8) + octet()) >>> 0;
    endpoints.push([address, random() % 3 === 0 ? ports[random() % ports.length]! : random() & 0xffff]);
  }
  const text = ([address, port]: [number, number]) => endpointText({ address: [address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff].join('.'), port });
  const byText = endpoints.map((endpoint) => ({ text: text(endpoint), key: ipv4EndpointKey(endpoint[0] * 65_536 + endpoint[1]) }))
    .sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
  for (let at = 1; at < byText.length; at++) {
    const [before, after] = [byText[at - 1]!, byText[at]!];
    if (before.text === after.text) assert.equal(after.key, before.key, after.text);
    else assert.ok(after.key > before.key, `${before.text} < ${after.text}`);
  }
  assert.ok(byText.every(({ key }) => Number.isSafeInteger(key) && key < 2 ** 48));
  // All at once, runs of one address among them, IPv6 endpoints (-1) left as they are: the same keys.
  const numbers = endpoints.flatMap(([address, port], at) => (at % 50 === 0 ? [-1, address * 65_536 + port] : [address * 65_536 + port]));
  const keys = Float64Array.from(numbers);
  const ipv6 = ipv4EndpointKeys(keys);
  assert.deepEqual(Array.from(keys), numbers.map((endpoint) => (endpoint < 0 ? endpoint : ipv4EndpointKey(endpoint))));
  assert.deepEqual(ipv6, numbers.flatMap((endpoint, at) => (endpoint < 0 ? [at] : [])));
});

test('every sort and filter reads the same from the columns as from the records, IPv4 and IPv6', () => {
  const pcap = pcapOf(steps());
  const stored = analyzeCaptureSync(new MemorySource(pcap), 'columns.pcap', undefined, { storedRecordsFrom: 0 });
  const plain = analyzeCaptureSync(new MemorySource(pcap), 'columns.pcap');
  assert.equal(viewOf(plain).columns, null, 'plain records have no columns');
  compareQueries(stored, plain, 'made capture');
});

test('the samples read the same from the columns as from the records', () => {
  for (const entry of readdirSync('samples').filter((name) => name.endsWith('.pcap'))) {
    const path = join('samples', entry);
    const stored = analysedFile(path, 0);
    if (stored !== null) compareQueries(stored, analysedFile(path), path);
  }
});

test('the corpus reads the same from the columns as from the records', { skip: corpusAvailable() ? false : 'the corpus is absent' }, () => {
  for (const capture of corpusCaptures()) {
    const stored = analysedFile(join(CORPUS_ROOT, capture), 0);
    if (stored !== null && stored.handshakes.length > 0) compareQueries(stored, null, capture, CORPUS_FILTERS);
  }
});

test('a generated SYN flood, some SYNs sent again, reads the same from the columns as from the records', () => {
  const flood: Step[] = [];
  for (let i = 0; i < 3000; i++) {
    const talk = new Conversation(`10.${Math.floor(i / 1024)}.${Math.floor(i / 16) % 64}.${i % 16}:${1024 + (i % 7)}`, '192.168.11.250:3306');
    const isn = (i * 2654435761) >>> 0;
    flood.push(talk.syn(START + i / 16, isn));
    // Every fifth retransmitted, every 35th twice: `syns` 1 to 3.
    if (i % 5 === 0) flood.push(talk.syn(START + i / 16 + 1, isn));
    if (i % 35 === 0) flood.push(talk.syn(START + i / 16 + 3, isn));
  }
  flood.sort((a, b) => a.time - b.time);
  const pcap = pcapOf(flood);
  const stored = analyzeCaptureSync(new MemorySource(pcap), 'flood.pcap', undefined, { storedRecordsFrom: 0 });
  assert.ok(stored.handshakes.some((attempt) => attempt.syns.length === 3), 'SYNs sent three times');
  compareQueries(stored, analyzeCaptureSync(new MemorySource(pcap), 'flood.pcap'), 'flood', [{}, { failedOnly: true }, ...EXPRESSIONS.map((expression) => ({ expression }))]);
});
