/**
 * One capture holding both sides of a NAT (`tcpdump -i any` on the NAT node): each SYN is seen before
 * and after the NAT rewrote its source, and is one row with the other view listed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { handshakeJson } from '../../src/analyzer/buildReport.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { endpointText, type HandshakeAttempt } from '../../src/analyzer/model.js';
import { AttemptStore } from '../../src/analyzer/handshakes/connectionAttempt.js';
import { FlowTable } from '../../src/analyzer/handshakes/flowTable.js';
import { natViewPrimaries } from '../../src/analyzer/handshakes/natViews.js';
import { Conversation, track } from './handshakeScript.js';

const DIR = join(__dirname, '../fixtures/real');
const T = 1_700_000_000;

/** pcap record header: ts_sec, ts_usec, incl_len, orig_len (little-endian, as both real fixtures are). */
interface PcapRecord { seconds: number; micros: number; bytes: Uint8Array }

function pcapRecords(file: Uint8Array): PcapRecord[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  assert.equal(view.getUint32(0, true), 0xa1b2c3d4, 'little-endian microsecond pcap');
  const records: PcapRecord[] = [];
  for (let at = 24; at + 16 <= file.length;) {
    const length = 16 + view.getUint32(at + 8, true);
    records.push({ seconds: view.getUint32(at, true), micros: view.getUint32(at + 4, true), bytes: file.subarray(at, at + length) });
    at += length;
  }
  return records;
}

/** What `mergecap` writes: both files' records in time order (the first file's first on a tie), under the first file's header. */
function mergedPcap(first: Uint8Array, second: Uint8Array): Uint8Array {
  const records = [...pcapRecords(first), ...pcapRecords(second)];
  records.sort((x, y) => x.seconds - y.seconds || x.micros - y.micros);
  const out = new Uint8Array(24 + records.reduce((sum, record) => sum + record.bytes.length, 0));
  out.set(first.subarray(0, 24));
  let at = 24;
  for (const record of records) {
    out.set(record.bytes, at);
    at += record.bytes.length;
  }
  return out;
}

function analyze(bytes: Uint8Array, name: string): HandshakeAttempt[] {
  return analyzeCaptureSync(new MemorySource(bytes), name).handshakes;
}

test('the real pod-a and node-side captures merged: one row per pod-a attempt, with its view after MASQUERADE', () => {
  const podSide = readFileSync(join(DIR, 'pod-a.pcap'));
  const nodeSide = readFileSync(join(DIR, 'node-side.pcap'));
  const pod = analyze(podSide, 'pod-a.pcap');
  const node = analyze(nodeSide, 'node-side.pcap');
  const merged = analyze(mergedPcap(podSide, nodeSide), 'merged.pcap');
  // Every pod-a attempt is in both captures; pod-b's only after NAT.
  assert.equal(merged.length, node.length);
  assert.equal(pod.length, 15);
  const podRows = merged.filter((row) => row.client.address === '10.231.1.2');
  assert.deepEqual(podRows.map((row) => [endpointText(row.client), row.isn, row.verdict, row.outcome]),
    pod.map((row) => [endpointText(row.client), row.isn, row.verdict, row.outcome]));
  const nodeByIsn = new Map(node.map((row) => [row.isn, row]));
  for (const row of podRows) {
    const after = nodeByIsn.get(row.isn)!;
    assert.equal(row.natViews?.length, 1, `attempt ${row.id}`);
    const [view] = row.natViews!;
    assert.equal(view.client, `10.231.2.1:${row.client.port}`);
    assert.equal(view.client, endpointText(after.client));
    assert.ok(view.time >= row.synTime && view.time - row.synTime < 0.01, `attempt ${row.id}: after NAT ${view.time - row.synTime} s later`);
    assert.equal(view.time, after.synTime);
  }
  // pod-b's attempts keep their one view, with no other.
  const otherRows = merged.filter((row) => row.client.address !== '10.231.1.2');
  assert.equal(otherRows.length, node.length - pod.length);
  assert.ok(otherRows.every((row) => row.natViews === undefined && !pod.some((p) => p.isn === row.isn)));
  assert.deepEqual(merged.map((row) => row.id), merged.map((_, index) => index + 1));
  assert.deepEqual(handshakeJson(podRows[0]).natViews, podRows[0].natViews);
  assert.deepEqual(handshakeJson(otherRows[0]).natViews, []);
});

const before = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
const after = new Conversation('192.168.0.2:51812', '192.168.11.250:3306');

test('the same SYN before and after NAT, in either file order, is one row that lists the other view', () => {
  const steps = [
    before.syn(T, 42, { tsval: 100 }), after.syn(T + 0.00002, 42, { tsval: 100, ttl: 63 }),
    after.synAck(T + 0.001, 9, 42), before.synAck(T + 0.00102, 9, 42), before.ack(T + 0.0011, 42, 9), after.ack(T + 0.00112, 42, 9),
  ];
  for (const order of [steps, [...steps].reverse()]) {
    const { handshakes } = track(order);
    assert.equal(handshakes.length, 1);
    assert.equal(endpointText(handshakes[0].client), '10.244.1.7:40000');
    assert.equal(handshakes[0].outcome, 'established');
    assert.deepEqual(handshakes[0].natViews?.map((view) => [view.client, view.time]), [['192.168.0.2:51812', T + 0.00002]]);
  }
});

test('two connections with one ISN are two rows when their TSvals differ, seconds part them, or no hop lies between', () => {
  const forwarded = { ttl: 63 };
  const otherTsval = track([before.syn(T, 42, { tsval: 100 }), after.syn(T + 0.0001, 42, { tsval: 7_000, ...forwarded })], T + 30);
  assert.deepEqual(otherTsval.handshakes.map((h) => [endpointText(h.client), h.natViews ?? null]), [['10.244.1.7:40000', null], ['192.168.0.2:51812', null]]);
  const apart = track([before.syn(T, 42), after.syn(T + 2, 42, forwarded)], T + 30);
  assert.equal(apart.handshakes.length, 2);
  const oneWithTimestamp = track([before.syn(T, 42, { tsval: 100 }), after.syn(T + 0.0001, 42, forwarded)], T + 30);
  assert.equal(oneWithTimestamp.handshakes.length, 2);
  const otherServer = new Conversation('192.168.0.2:51812', '192.168.11.251:3306');
  assert.equal(track([before.syn(T, 42, { tsval: 100 }), otherServer.syn(T + 0.0001, 42, { tsval: 100, ...forwarded })], T + 30).handshakes.length, 2);
  // Crafted captures give every connection one ISN, no timestamps and one TTL, milliseconds apart
  // (suricata-verify's dnp3-max-points: twenty connections with ISN 999 from ports 10000 to 10019).
  const ports = [10000, 10001, 10002].map((port) => new Conversation(`192.168.1.100:${port}`, '192.168.1.200:20000'));
  assert.equal(track(ports.map((conversation, at) => conversation.syn(T + at * 0.001, 999)), T + 30).handshakes.length, 3);
});

test('without timestamps, the same SYN one hop later is still one row (tcpdump\'s Fast Open capture: TTL 255, then 254)', () => {
  const { handshakes } = track([before.syn(T, 42, { ttl: 255 }), after.syn(T + 0.0004, 42, { ttl: 254 })], T + 30);
  assert.deepEqual(handshakes.map((h) => [endpointText(h.client), h.natViews?.map((view) => view.client)]), [['10.244.1.7:40000', ['192.168.0.2:51812']]]);
});

test('a flood of SYNs that all carry one ISN is compared linearly and keeps its rows', () => {
  const flows = new FlowTable();
  const store = new AttemptStore(flows);
  const attempts: number[] = [];
  for (let port = 0; port < 20_000; port++) {
    const syn = new Conversation(`10.9.${port >> 8}.${port & 255}:1234`, '10.0.0.1:80').syn(T + port * 1e-6, 0);
    attempts.push(store.create(flows.lookup(syn.packet, -1), true, 0, { ...syn.packet, frame: port, time: syn.time }));
  }
  const work = { comparisons: 0 };
  const primaryOf = natViewPrimaries(store, attempts, work);
  assert.ok(primaryOf.every((primary) => primary === -1));
  // Each attempt meets at most the newest 16 earlier rows of its ISN: 20,000 × 20,000 / 2 otherwise.
  assert.ok(work.comparisons <= 16 * attempts.length, `${work.comparisons} comparisons`);
});
