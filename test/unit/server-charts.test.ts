/** The capture editor's charts stay bounded and keep the evidence on captures of many clients. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { captureCharts } from '../../src/server/captureCharts.js';
import { MAX_TSVAL_SERIES } from '../../src/server/tsvalSeries.js';

/** `clients` addresses, one connection each; every 50th SYN goes unanswered (and is retransmitted once). */
function manyClients(clients: number): Uint8Array {
  const writer = new PcapWriter({ linkType: 1 });
  const records: Uint8Array[] = [writer.fileHeader()];
  const frame = (src: string, dst: string, srcPort: number, dstPort: number, seq: number, ack: number, flags: number, tsval: number) =>
    buildTcpFrame({ linkType: 1, src, dst, ttl: 64, srcPort, dstPort, seq, ack, flags, window: 29200, mss: 1460, timestamp: { tsval, tsecr: 0 } });
  for (let i = 0; i < clients; i++) {
    const time = 1_700_000_000 + i * 0.01;
    const client = `10.1.${(i >> 8) & 255}.${i & 255}`;
    records.push(writer.encodeRecord(time, frame(client, '192.168.11.250', 40000, 3306, i, 0, TcpFlag.SYN, 1000 + i)));
    if (i % 50 === 0) {
      records.push(writer.encodeRecord(time + 1, frame(client, '192.168.11.250', 40000, 3306, i, 0, TcpFlag.SYN, 2000 + i)));
      continue;
    }
    records.push(writer.encodeRecord(time + 0.0005, frame('192.168.11.250', client, 3306, 40000, i * 7, i + 1, TcpFlag.SYN | TcpFlag.ACK, i)));
    records.push(writer.encodeRecord(time + 0.001, frame(client, '192.168.11.250', 40000, 3306, i + 1, i * 7 + 1, TcpFlag.ACK, 1001 + i)));
  }
  return Buffer.concat(records);
}

test('thousands of client addresses make a bounded number of TSval series, the dropped SYNs first', () => {
  const analysis = analyzeCaptureSync(new MemorySource(manyClients(3000)), 'many.pcap');
  assert.equal(analysis.handshakes.length, 3000);
  const { tsval } = captureCharts(analysis.handshakes, analysis.summary.start, analysis.summary.end);
  assert.equal(tsval.length, MAX_TSVAL_SERIES);
  // Every SYN is counted once, in some series.
  assert.equal(tsval.reduce((sum, series) => sum + series.totalPoints, 0), 3000 + 60);
  // The 60 addresses with unanswered SYNs come first in rank, so the 31 kept series all show drops.
  const kept = tsval.slice(0, -1);
  assert.ok(kept.every((series) => series.points.some((point) => point.dropped)), 'the kept series are those with drops');
  const other = tsval[tsval.length - 1];
  assert.equal(other.address, '');
  assert.equal(other.label, `${3000 - (MAX_TSVAL_SERIES - 1)} other addresses`);
});

test('a few addresses keep one series each', () => {
  const analysis = analyzeCaptureSync(new MemorySource(manyClients(10)), 'few.pcap');
  const { tsval } = captureCharts(analysis.handshakes, analysis.summary.start, analysis.summary.end);
  assert.deepEqual(tsval.map((series) => series.address).sort(), analysis.handshakes.map((a) => a.client.address).sort());
});
