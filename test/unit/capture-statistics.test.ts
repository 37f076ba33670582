import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { captureRecording } from '../../src/analyzer/capture/captureRecording.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { CaptureError } from '../../src/analyzer/errors.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapngWriter } from '../../src/generator/pcapngWriter.js';
import { scenarioSpec } from '../../src/generator/scenario/catalogue.js';
import { runScenario } from '../../src/generator/scenario/simulation.js';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures } from '../corpus/corpusFiles.js';
import { truthOf } from './scenarioAnalysis.js';

const T0 = 1_700_000_000;
const frame = () => buildTcpFrame({ linkType: 1, src: '10.0.0.1', dst: '10.0.0.2', srcPort: 40000, dstPort: 3306, seq: 1, ack: 0, flags: 0x02, window: 64240, ttl: 64 });

function readAll(bytes: Uint8Array) {
  const reader = openCapture(new MemorySource(bytes), 'isb.pcapng');
  while (reader.next() !== null);
  return reader;
}

for (const bigEndian of [false, true]) {
  test(`interface statistics (${bigEndian ? 'big' : 'little'}-endian): the last block of each interface is kept, times in its resolution`, () => {
    const writer = new PcapngWriter({ bigEndian, interfaces: [{ linkType: 1, tsresol: 9 }, { linkType: 1 }] });
    writer.addRecord({ sec: T0 + 5, ns: 0 }, frame());
    writer.addStatistics(0, { time: { sec: T0 + 6, ns: 0 }, start: { sec: T0, ns: 250 }, end: { sec: T0 + 6, ns: 0 }, received: 10, droppedByInterface: 0, droppedByOs: 1 });
    writer.addStatistics(0, { time: { sec: T0 + 9, ns: 0 }, start: { sec: T0, ns: 250 }, end: { sec: T0 + 9, ns: 5 }, received: 2 ** 40, droppedByInterface: 3, droppedByOs: 4 });
    writer.addStatistics(1, { time: { sec: T0 + 9, ns: 0 }, received: 7 });
    const reader = readAll(writer.bytes());
    assert.deepEqual(reader.warnings, []);
    const [first, second] = reader.info.interfaces;
    assert.equal(first.statistics!.startTime, T0 + 250e-9);
    assert.equal(first.statistics!.endTime, T0 + 9 + 5e-9);
    assert.deepEqual([first.statistics!.received, first.statistics!.droppedByInterface, first.statistics!.droppedByOs], [2 ** 40, 3, 4]);
    assert.deepEqual({ ...second.statistics!, offset: 0 }, { startTime: null, endTime: null, received: 7, droppedByInterface: null, droppedByOs: null, offset: 0 });
    const recording = captureRecording(reader.info)!;
    assert.deepEqual({ start: recording.start, end: recording.end, dropped: recording.dropped }, { start: T0 + 250e-9, end: T0 + 9 + 5e-9, dropped: 7 });
    assert.equal(recording.droppedAt, first.statistics!.offset);
  });
}

test('interface statistics: a block naming no interface is a warning; one shorter than its fixed fields is an error at its offset', () => {
  const writer = new PcapngWriter({ interfaces: [{ linkType: 1 }] });
  writer.addRecord({ sec: T0, ns: 0 }, frame());
  const valid = writer.bytes();
  const stray = new PcapngWriter({ interfaces: [{ linkType: 1 }, { linkType: 1 }] }).addStatistics(1, { time: { sec: T0, ns: 0 }, droppedByOs: 9 }).bytes();
  // The last block of `stray` is the statistics of interface 1, which `valid` does not declare.
  const block = stray.subarray(stray.length - new DataView(stray.buffer, stray.byteOffset).getUint32(stray.length - 4, true));
  const reader = readAll(new Uint8Array([...valid, ...block]));
  assert.deepEqual(reader.warnings.map((w) => [w.code, w.offset]), [['unknown-interface', valid.length]]);
  assert.equal(reader.info.interfaces[0].statistics, undefined);

  const short = new Uint8Array(20);
  const view = new DataView(short.buffer);
  view.setUint32(0, 5, true);
  view.setUint32(4, 20, true);
  view.setUint32(16, 20, true);
  assert.throws(() => readAll(new Uint8Array([...valid, ...short])), (error: unknown) =>
    error instanceof CaptureError && error.offset === valid.length && /shorter than the 24-byte minimum/.test(error.message));
});

/** The simulator's lost SYNs with the server captured as pcapng, with and without dumpcap's statistics. */
function lostOnPath(statistics?: { droppedByOs: number }) {
  const spec = scenarioSpec('syn-lost-on-path');
  spec.captures.server = { format: 'pcapng', linkType: spec.captures.server.linkType, ...(statistics ? { statistics } : {}) };
  const { clientCapture, serverCapture, truth } = runScenario(spec);
  const client = analyzeCaptureSync(new MemorySource(clientCapture), 'client.pcap');
  const server = analyzeCaptureSync(new MemorySource(serverCapture), 'server.pcapng');
  return { truth, client, server, result: correlateCaptures(client, server, 'en') };
}

test('a server capture that says when it started covers the SYNs before its first packet; one that says it dropped packets proves no loss', () => {
  const plain = lostOnPath();
  const lost = plain.client.handshakes.filter((a) => truthOf(plain.truth, a)?.fate === 'lost-before-server');
  const early = lost.filter((a) => a.syns.every((syn) => syn.time + plain.truth.server.clockOffsetSeconds < plain.server.summary.start!));
  assert.ok(early.length > 0, 'some attempts were lost before the server capture\'s first packet');
  for (const attempt of early) assert.equal(plain.result.findings.get(attempt.id)?.cause, 'not-covered', `attempt ${attempt.id} without statistics`);

  const stated = lostOnPath({ droppedByOs: 0 });
  assert.ok(!stated.server.warnings.some((w) => w.code === 'capture-dropped-packets'));
  for (const attempt of lost) assert.deepEqual(stated.result.findings.get(attempt.id), { cause: 'lost-before-server', confidence: 'high', atServer: null }, `attempt ${attempt.id}`);

  const dropping = lostOnPath({ droppedByOs: 7 });
  const warning = dropping.server.warnings.find((w) => w.code === 'capture-dropped-packets')!;
  assert.match(warning.message, /dropped 7 packets/);
  assert.equal(warning.offset, dropping.server.info.interfaces[0].statistics!.offset);
  for (const attempt of lost) assert.equal(dropping.result.findings.get(attempt.id)?.confidence, 'medium', `attempt ${attempt.id}`);
  const diagnosis = dropping.result.diagnoses.find((d) => d.code === 'lost-before-server')!;
  assert.ok(diagnosis.evidence.some((e) => e.values.serverCaptureDropped === 7));
});

/**
 * tshark's dissection of the file's own blocks: the last statistics per interface, numbered across
 * sections; null when the dissector gives up on the file (it does on sections of changing byte order).
 */
function tsharkStatistics(path: string): Map<number, { received: number | null; dropped: number | null; droppedByOs: number | null }> | null {
  const run = spawnSync('tshark', ['-r', path, '-X', 'read_format:MIME Files Format', '-T', 'json', '--no-duplicate-keys'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  if (run.stdout.includes('"_ws.malformed"')) return null;
  const blocks = [JSON.parse(run.stdout)[0]._source.layers['file-pcapng']['pcapng.block']].flat() as Record<string, any>[];
  const stats = new Map<number, { received: number | null; dropped: number | null; droppedByOs: number | null }>();
  let sectionBase = 0;
  let interfaces = 0;
  for (const block of blocks) {
    const type = Number(block['pcapng.block.type']);
    if (type === 0x0a0d0d0a) {
      sectionBase = interfaces;
    } else if (type === 1) {
      interfaces++;
    } else if (type === 5) {
      const data = block['pcapng.block.data'];
      const options = [data['pcapng.options']?.['pcapng.options.option'] ?? []].flat() as Record<string, string>[];
      const value = (field: string) => {
        const option = options.find((o) => o[`pcapng.options.option.data.interface.${field}`] !== undefined);
        return option ? Number(option[`pcapng.options.option.data.interface.${field}`]) : null;
      };
      stats.set(sectionBase + Number(data['pcapng.interface_id']), { received: value('received'), dropped: value('dropped'), droppedByOs: value('dropped_by_os') });
    }
  }
  return stats;
}

test('corpus: every interface\'s statistics are the ones tshark dissects from the file\'s blocks', (t) => {
  if (!corpusAvailable()) {
    t.skip(CORPUS_ABSENT);
    return;
  }
  let compared = 0;
  let undissected = 0;
  for (const capture of corpusCaptures()) {
    const path = join(CORPUS_ROOT, capture);
    const bytes = readFileSync(path);
    if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x0a0d0d0a || !bytes.includes(Buffer.from([5, 0, 0, 0])) && !bytes.includes(Buffer.from([0, 0, 0, 5]))) continue;
    let interfaces;
    try {
      interfaces = readAll(new Uint8Array(bytes)).info.interfaces;
    } catch (error) {
      if (error instanceof CaptureError) continue;
      throw error;
    }
    const ours = interfaces.flatMap((face, index) => face.statistics ? [[index, { received: face.statistics.received, dropped: face.statistics.droppedByInterface, droppedByOs: face.statistics.droppedByOs }] as const] : []);
    if (ours.length === 0) continue;
    const theirs = tsharkStatistics(path);
    if (theirs === null) {
      undissected++;
      continue;
    }
    compared++;
    assert.deepEqual(new Map(ours), theirs, capture);
  }
  assert.ok(compared >= 8, `${compared} corpus captures with interface statistics compared (${undissected} that tshark's dissector gives up on)`);
});
