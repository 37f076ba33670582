/**
 * The packet export on small scripted captures: what goes in (every segment of the attempt's tuple from
 * its first SYN on, in both directions) and what does not (the same tuple's earlier or later attempt,
 * other tuples, non-TCP frames), the file as the product's own reader sees it, unknown ids, cancellation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { UnknownAttemptsError, exportComment } from '../../src/analyzer/export/attemptSelection.js';
import { exportPackets, exportPacketsSync, type AttemptSelection } from '../../src/analyzer/export/exportPackets.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { pcapOf } from './captureFile.js';
import { open, readAll } from './captureFixtures.js';
import { Conversation, type Step } from './handshakeScript.js';
import { memorySink } from './exportSink.js';

const T = 1_700_000_000;
const PSH_ACK = TcpFlag.PSH | TcpFlag.ACK;

/** Port 40000 used twice (a refused attempt, then a completed one), and one unanswered attempt from another port. */
function portReuseSteps(): Step[] {
  const reused = new Conversation('10.0.0.7:40000', '192.168.11.250:3306');
  const other = new Conversation('10.0.0.8:40001', '192.168.11.250:3306');
  return [
    reused.syn(T, 100), reused.refuse(T + 0.001, 100),
    other.syn(T + 0.5, 300),
    reused.syn(T + 2, 5000), reused.synAck(T + 2.001, 900, 5000), reused.ack(T + 2.002, 5000, 900),
    reused.fromClient(T + 2.003, PSH_ACK, 5001, 901, { data: 20 }), reused.fromServer(T + 2.004, PSH_ACK, 901, 5021, { data: 40 }),
    other.syn(T + 1.5, 300),
    reused.clientFin(T + 3, 5000, 900), reused.serverFin(T + 3.001, 900, 5000, { answersFin: true }),
  ];
}

function exportOf(bytes: Uint8Array, selection: AttemptSelection) {
  const { handshakes } = analyzeCaptureSync(new MemorySource(bytes), 'reuse.pcap');
  const sink = memorySink();
  const result = exportPacketsSync(new MemorySource(bytes), 'reuse.pcap', handshakes, selection, sink);
  return { handshakes, result, file: sink.bytes(), chunks: sink.chunks };
}

test('an attempt on a reused port gets its own segments, not those of the attempt before it on the tuple', () => {
  const bytes = pcapOf(portReuseSteps());
  const { handshakes, result, file } = exportOf(bytes, { kind: 'attempts', ids: [3] });
  assert.deepEqual(handshakes.map((attempt) => [attempt.id, attempt.client.port, attempt.outcome]), [[1, 40000, 'refused'], [2, 40001, 'no-reply'], [3, 40000, 'established']]);
  assert.deepEqual(result.attempts, [{ id: 3, packets: 7 }]);
  const original = readAll(open(bytes));
  const exported = readAll(open(file));
  // Frames 3–7, 9 and 10 of the capture: handshake, data both ways, both FINs.
  assert.deepEqual(exported.map((record) => record.data), [3, 4, 5, 6, 7, 9, 10].map((frame) => original[frame].data));
  assert.deepEqual(exported.map((record) => [record.timeSec, record.timeNs]), [3, 4, 5, 6, 7, 9, 10].map((frame) => [original[frame].timeSec, original[frame].timeNs]));
});

test('the earlier attempt on the tuple ends where the later one begins', () => {
  const { result } = exportOf(pcapOf(portReuseSteps()), { kind: 'attempts', ids: [1] });
  assert.deepEqual(result.attempts, [{ id: 1, packets: 2 }]);
});

test('--failed exports the failed attempts only, each SYN retransmission included', () => {
  const { result } = exportOf(pcapOf(portReuseSteps()), { kind: 'failed' });
  assert.deepEqual(result.attempts, [{ id: 1, packets: 2 }, { id: 2, packets: 2 }]);
});

test('the file: a comment naming the attempts and the capture, one interface, nanosecond stamps, original lengths', () => {
  const steps = portReuseSteps();
  const bytes = pcapOf(steps);
  const { file, chunks } = exportOf(bytes, { kind: 'attempts', ids: [1, 2] });
  const reader = open(file, 64, 'export.pcapng');
  const records = readAll(reader);
  assert.equal(reader.info.format, 'pcapng');
  assert.ok(reader.info.comments.includes('Handshake Lens: attempts 1, 2 of reuse.pcap'), reader.info.comments.join(' | '));
  assert.deepEqual(reader.info.interfaces.map((iface) => [iface.linkType, iface.tsResolution]), [[1, 1e9]]);
  assert.deepEqual(reader.warnings, []);
  assert.equal(records.length, 4);
  assert.ok(records.every((record) => record.originalLength === record.capturedLength));
  // Streamed: the header, the interface and each packet arrive as chunks of their own.
  assert.equal(chunks.length, 2 + records.length);
});

test('a frame cut by the snapshot length keeps its length on the wire', () => {
  const reused = new Conversation('10.0.0.7:40000', '192.168.11.250:3306');
  const bytes = pcapOf([reused.syn(T, 1), reused.fromClient(T + 0.1, PSH_ACK, 2, 0, { data: 1000 })]);
  // The pcap writer's frames are whole: cut the data segment to 60 bytes as a snaplen of 60 would.
  const cut = cutRecord(bytes, 1, 60);
  const { file } = exportOf(cut, { kind: 'attempts', ids: [1] });
  const records = readAll(open(file));
  assert.deepEqual(records.map((record) => [record.capturedLength, record.originalLength]), [[58, 58], [60, 1054]]);
});

/** The pcap with record `index`'s captured bytes cut to `length` (its original length kept). */
function cutRecord(bytes: Uint8Array, index: number, length: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 24)];
  let at = 24;
  for (let n = 0; at < bytes.length; n++) {
    const captured = view.getUint32(at + 8, true);
    const header = Uint8Array.from(bytes.subarray(at, at + 16));
    const keep = n === index ? length : captured;
    new DataView(header.buffer).setUint32(8, keep, true);
    parts.push(header, bytes.subarray(at + 16, at + 16 + keep));
    at += 16 + captured;
  }
  return Buffer.concat(parts);
}

test('ids the capture does not have are refused by name, before anything is written', () => {
  const bytes = pcapOf(portReuseSteps());
  const { handshakes } = analyzeCaptureSync(new MemorySource(bytes), 'reuse.pcap');
  const sink = memorySink();
  assert.throws(
    () => exportPacketsSync(new MemorySource(bytes), 'reuse.pcap', handshakes, { kind: 'attempts', ids: [2, 9, 7] }, sink),
    (error: unknown) => error instanceof UnknownAttemptsError && error.ids.join() === '7,9' && error.file === 'reuse.pcap',
  );
  assert.equal(sink.chunks.length, 0);
  // Repeated ids count once; ids past every attempt (a huge one among them) are named without sizing anything.
  assert.throws(
    () => exportPacketsSync(new MemorySource(bytes), 'reuse.pcap', handshakes, { kind: 'attempts', ids: [4_294_967_295, 2, 2, 0, 1.5, -3, 9] }, sink),
    (error: unknown) => error instanceof UnknownAttemptsError && error.ids.join() === '-3,0,1.5,9,4294967295',
  );
  const both = exportPacketsSync(new MemorySource(bytes), 'reuse.pcap', handshakes, { kind: 'attempts', ids: new Int32Array([2, 1, 2]) }, memorySink());
  assert.deepEqual(both.attempts.map((attempt) => attempt.id), [1, 2]);
});

test('a cancelled export returns null; an uncancelled one the same as the synchronous form', async () => {
  const bytes = pcapOf(portReuseSteps());
  const { handshakes } = analyzeCaptureSync(new MemorySource(bytes), 'reuse.pcap');
  const cancelled = await exportPackets(new MemorySource(bytes), 'reuse.pcap', handshakes, { kind: 'failed' }, memorySink(), { yieldEvery: 2, isCancelled: () => true });
  assert.equal(cancelled, null);
  const progress: number[] = [];
  const done = await exportPackets(new MemorySource(bytes), 'reuse.pcap', handshakes, { kind: 'failed' }, memorySink(), { yieldEvery: 2, onProgress: (read) => progress.push(read) });
  assert.deepEqual(done, exportOf(bytes, { kind: 'failed' }).result);
  assert.ok(progress.length > 1 && progress.at(-1) === bytes.length);
});

test('the comment names at most 100 attempts and counts the rest', () => {
  const attempts = Array.from({ length: 103 }, (_, n) => ({ id: n + 1 })) as unknown as Parameters<typeof exportComment>[0];
  const comment = exportComment(attempts, '/captures/node.pcap');
  assert.match(comment, /^Handshake Lens: attempts 1, 2, 3, .* 100 and 3 more of node\.pcap$/);
  assert.equal(exportComment(attempts.slice(0, 1), 'C:\\dumps\\a.pcapng'), 'Handshake Lens: attempt 1 of a.pcapng');
});
