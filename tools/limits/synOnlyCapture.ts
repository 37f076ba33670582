/**
 * Streams a pcap of N connection attempts that never get an answer, one SYN each, from distinct
 * addresses and ports, into a file: the shape of a SYN flood or a port scan, and the worst case for the
 * tracker's state per attempt. Written in batches, never held whole in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';

const RECORDS_PER_WRITE = 10_000;
const START = 1_700_000_000;

export function writeSynOnlyCapture(path: string, attempts: number): void {
  const writer = new PcapWriter({ linkType: 101, nanosecond: true });
  // One SYN as Linux sends it (MSS, SACK-permitted, timestamps, window scale); each copy gets its own source.
  const template = buildTcpFrame({
    linkType: 101, src: '10.0.0.0', dst: '192.168.11.250', ttl: 64, srcPort: 1024, dstPort: 3306, seq: 0, ack: 0,
    flags: TcpFlag.SYN, window: 64240, mss: 1460, windowScale: 7, sackPermitted: true, timestamp: { tsval: 0, tsecr: 0 },
  });
  const record = writer.encodeRecord(START, template);
  const view = new DataView(record.buffer);
  const batch = new Uint8Array(record.length * RECORDS_PER_WRITE);
  const descriptor = openSync(path, 'w');
  try {
    writeSync(descriptor, writer.fileHeader());
    for (let first = 0; first < attempts; first += RECORDS_PER_WRITE) {
      const count = Math.min(RECORDS_PER_WRITE, attempts - first);
      for (let n = 0; n < count; n++) {
        const i = first + n;
        // 16 attempts per second of capture, each from its own address (10.x.y.z) and port; checksums
        // are left stale, as the analyzer does not verify them.
        view.setUint32(4, (i % 16) * 62_500_000, true);
        view.setUint32(0, START + Math.floor(i / 16), true);
        view.setUint32(16 + 12, 0x0a000000 + (i >>> 4));
        view.setUint16(16 + 20, 1024 + (i & 0xf));
        view.setUint32(16 + 24, i * 2654435761);
        batch.set(record, n * record.length);
      }
      writeSync(descriptor, batch, 0, count * record.length);
    }
  } finally {
    closeSync(descriptor);
  }
}
