/**
 * Records kept as the tracker's rows (storedRecords.ts, used from a million listed attempts) read the
 * same as the plain records, field by field and as JSON, on every sample, real recording and corpus
 * capture; lowering `storedRecordsFrom` to 0 makes every analysis keep them so.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { plainRecord } from '../../src/analyzer/handshakes/storedRecords.js';
import { shiftedAttempt } from '../../src/analyzer/correlation/shiftedAttempt.js';
import { toReport } from '../../src/analyzer/buildReport.js';
import { diagnoseCaptures } from '../../src/cli/diagnose.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { CORPUS_ROOT, corpusAvailable, corpusCaptures } from '../corpus/corpusFiles.js';
import { HandshakeTracker } from '../../src/analyzer/handshakes/tracker.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { Conversation, type Step } from './handshakeScript.js';
import { analysedFile } from './analysedFile.js';

/** Every field a record can have, the optional ones included. */
const FIELDS: (keyof HandshakeAttempt)[] = [
  'id', 'client', 'server', 'ipVersion', 'isn', 'synTime', 'syns', 'synOptions', 'ttl', 'synAck', 'ack', 'rst', 'teardown',
  'rttMs', 'ackDelayMs', 'vantage', 'verdict', 'outcome', 'natViews', 'tunnel', 'foreignAck',
];

function capturesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...capturesUnder(path));
    else if (/\.(pcap|pcapng|cap)$/.test(entry)) found.push(path);
  }
  return found;
}

const analysed = analysedFile;

function fields(attempt: HandshakeAttempt): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((field) => [field, attempt[field]]));
}

/** Compares the stored and the plain analysis of `path`; returns how many records were compared. */
function compare(path: string): number {
  const plain = analysed(path);
  const stored = analysed(path, 0);
  if (plain === null || stored === null) {
    assert.equal(stored, plain, path);
    return 0;
  }
  assert.equal(JSON.stringify(stored), JSON.stringify(plain), path);
  assert.equal(stored.handshakes.length, plain.handshakes.length, path);
  stored.handshakes.forEach((attempt, index) => {
    assert.deepEqual(fields(attempt), fields(plain.handshakes[index]), `${path}: row ${index + 1}`);
  });
  return plain.handshakes.length;
}

/** The CLI's report of `paths` (one capture, or clients then a server), with records stored or plain. */
function reportText(paths: string[], storedRecordsFrom?: number): string {
  const captures = paths.map((path, index) => ({
    path,
    role: paths.length === 1 ? 'single' as const : index === paths.length - 1 ? 'server' as const : 'client' as const,
    analysis: analysed(path, storedRecordsFrom)!,
  }));
  return JSON.stringify(toReport(captures, diagnoseCaptures(captures, 'en')));
}

test('stored records read as plain records on the samples and the real recordings, and diagnose alike', () => {
  let records = 0;
  for (const path of [...capturesUnder('samples'), ...capturesUnder('test/fixtures/real')]) {
    records += compare(path);
    if (analysed(path) !== null) assert.equal(reportText([path], 0), reportText([path]), path);
  }
  assert.ok(records > 500, `only ${records} records compared`);
  const pair = ['samples/story-client.pcap', 'samples/story-server.pcap'];
  assert.equal(reportText(pair, 0), reportText(pair));
});

test('stored records read as plain records on every corpus capture', { skip: corpusAvailable() ? false : 'the corpus is absent' }, () => {
  let records = 0;
  for (const capture of corpusCaptures()) records += compare(join(CORPUS_ROOT, capture));
  assert.ok(records > 50, `only ${records} records compared`);
});

test('a stored record is kept by identity and spread through plainRecord into a copy of its fields', () => {
  const stored = analysed('samples/story-client.pcap', 0)!;
  const plain = analysed('samples/story-client.pcap')!;
  const first = stored.handshakes[0];
  assert.equal(stored.handshakes[0], first);
  assert.notDeepEqual(Object.keys({ ...first }).sort(), Object.keys(plain.handshakes[0]).sort(), 'a stored record has no fields of its own to spread');
  assert.deepEqual({ ...plainRecord(first) }, plain.handshakes[0]);
  assert.equal(plainRecord(plain.handshakes[0]), plain.handshakes[0]);
  assert.deepEqual(shiftedAttempt(first, 1.5), shiftedAttempt(plain.handshakes[0], 1.5));
});

/** The records of `steps` fed in the given order, kept as rows or as plain objects. */
function tracked(steps: Step[], stored: boolean): HandshakeAttempt[] {
  const tracker = new HandshakeTracker({ storedRecordsFrom: stored ? 0 : Infinity });
  steps.forEach((step, frame) => tracker.add({ ...step.packet, frame, time: step.time }));
  return tracker.finish(Math.max(...steps.map((step) => step.time))).handshakes;
}

function compareTracked(steps: Step[], what: string): void {
  const plain = tracked(steps, false);
  const stored = tracked(steps, true);
  assert.equal(JSON.stringify(stored), JSON.stringify(plain), what);
  assert.equal(stored.length, plain.length, what);
  stored.forEach((attempt, index) => assert.deepEqual(fields(attempt), fields(plain[index]), `${what}: row ${index + 1}`));
}

/**
 * SYNs whose numbers sit at the edges of what the rows pack: TSvals of all ones and none, a TSval the
 * snaplen cut, no MSS and the largest, a TSecr, SYN data longer than 16 bits (an offloaded segment), a
 * client TSval that wraps; flows without IPv4 addresses; with ports reused and SYNs written out of time
 * order.
 */
function edgeSteps(): Step[] {
  const steps: Step[] = [];
  const t = 1_700_000_000;
  const server = '192.168.11.250:443';
  const cases: { tsval?: number; tsecr?: number; mss?: number; data?: number }[] = [
    { tsval: 0xffffffff }, {}, { tsval: 0 }, { tsval: 0x80000000, tsecr: 0xffffffff }, { mss: -1 }, { mss: 65535 }, { mss: 0 },
    { data: 65535 }, { data: 65536 }, { data: 200_000, tsval: 7 }, { data: 1000 }, { tsecr: 12345, tsval: 1 },
  ];
  cases.forEach((extras, i) => {
    const talk = new Conversation(`10.0.0.${i + 1}:40000`, server);
    const isn = (i * 2654435761) >>> 0;
    // The SYN, a copy of it captured twice, a retransmission with other options; an answer on every
    // other one and on those with data, acknowledging the data.
    steps.push(talk.syn(t + i, isn, extras), talk.syn(t + i + 0.001, isn, extras));
    steps.push(talk.syn(t + i + 1, isn, { tsval: 5, mss: 1400 }));
    if (i % 2 === 0 || extras.data !== undefined) {
      const ack = (isn + 1 + (extras.data ?? 0)) >>> 0;
      steps.push(talk.fromServer(t + i + 1.01, TcpFlag.SYN | TcpFlag.ACK, 77, ack, { tsval: 9, mss: 1460 }), talk.ack(t + i + 1.02, isn, 77, { tsval: 0xffffffff }));
      if (i % 4 === 0) steps.push(talk.fromClient(t + i + 1.03, TcpFlag.ACK, isn + 1, 78, { tsval: 3, data: 10 }));
    }
    // The port reused by a later attempt.
    steps.push(new Conversation(`10.0.0.${i + 1}:40000`, server).syn(t + i + 300, (isn + 99) >>> 0, { tsval: 11 }));
  });
  // Flows whose rows hold no IPv4 address: IPv6, and IPv4 between 0.0.0.0 and itself.
  for (const [client, to] of [['[2001:db8::1]:40000', '[2001:db8::2]:443'], ['0.0.0.0:1', '0.0.0.0:2'], ['[::]:3', '[::]:4']]) {
    const talk = new Conversation(client, to);
    steps.push(talk.syn(t + 100, 5), talk.synAck(t + 100.01, 6, 5));
  }
  return steps;
}

test('stored records read as plain records at the edges of the packed numbers, in time order or not', () => {
  const steps = edgeSteps();
  const inTimeOrder = [...steps].sort((x, y) => x.time - y.time);
  compareTracked(inTimeOrder, 'time order');
  // The numbers as they went in (the SYN copies dropped, the data acknowledged), on both kinds of record.
  for (const records of [tracked(inTimeOrder, false), tracked(inTimeOrder, true)]) {
    assert.deepEqual(records.slice(0, 12).map((r) => [r.syns[0].tsval, r.syns.length, r.synOptions.mss, r.synOptions.tsecr, r.synAck !== null]), [
      [0xffffffff, 2, 1460, 0, true], [null, 2, 1460, null, false], [0, 2, 1460, 0, true], [0x80000000, 2, 1460, 0xffffffff, false],
      [null, 2, null, null, true], [null, 2, 65535, null, false], [null, 2, 0, null, true], [null, 2, 1460, null, true],
      [null, 2, 1460, null, true], [7, 2, 1460, 0, true], [null, 2, 1460, null, true], [1, 2, 1460, 12345, false],
    ]);
  }
  compareTracked(steps, 'file order');
  compareTracked([...steps].reverse(), 'reversed');
});
