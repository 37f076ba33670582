/**
 * Streams a pcap of N connection attempts that never get an answer, one SYN each, from distinct
 * addresses and ports, into a file: the shape of a SYN flood or a port scan, and the worst case for the
 * tracker's state per attempt; or N midstream segments. Written in batches, never held whole in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';

const RECORDS_PER_WRITE = 10_000;
const START = 1_700_000_000;
const FLOWS_PER_ADDRESS = 16;

/**
 * `flowsPerAddress`: how many attempts share a source address (each on its own port). 16 by default; 1
 * is a flood from random sources, where every address has one connection.
 */
export function writeSynOnlyCapture(path: string, attempts: number, flowsPerAddress = FLOWS_PER_ADDRESS): void {
  // One SYN as Linux sends it (MSS, SACK-permitted, timestamps, window scale); each copy gets its own source.
  writeOneSegmentFlows(path, attempts, flowsPerAddress, buildTcpFrame({
    linkType: 101, src: '10.0.0.0', dst: '192.168.11.250', ttl: 64, srcPort: 1024, dstPort: 3306, seq: 0, ack: 0,
    flags: TcpFlag.SYN, window: 64240, mss: 1460, windowScale: 7, sackPermitted: true, timestamp: { tsval: 0, tsecr: 0 },
  }));
}

/**
 * N connections already open when the capture started, one ACK each, from distinct addresses and
 * ports: the shape of a flood of midstream segments, none of which the tracker can pair with a SYN.
 */
export function writeMidstreamCapture(path: string, flows: number): void {
  writeOneSegmentFlows(path, flows, FLOWS_PER_ADDRESS, buildTcpFrame({
    linkType: 101, src: '10.0.0.0', dst: '192.168.11.250', ttl: 64, srcPort: 1024, dstPort: 3306, seq: 0, ack: 1,
    flags: TcpFlag.ACK, window: 502, timestamp: { tsval: 0, tsecr: 0 },
  }));
}

/** Writes `count` copies of a frame, each from its own address and port and with its own sequence number. */
function writeOneSegmentFlows(path: string, count: number, flowsPerAddress: number, template: Uint8Array): void {
  const writer = new PcapWriter({ linkType: 101, nanosecond: true });
  const record = writer.encodeRecord(START, template);
  const view = new DataView(record.buffer);
  const batch = new Uint8Array(record.length * RECORDS_PER_WRITE);
  const descriptor = openSync(path, 'w');
  try {
    writeSync(descriptor, writer.fileHeader());
    for (let first = 0; first < count; first += RECORDS_PER_WRITE) {
      const inBatch = Math.min(RECORDS_PER_WRITE, count - first);
      for (let n = 0; n < inBatch; n++) {
        const i = first + n;
        // 16 flows per second of capture, each from its own address and port (10.x.y.z, `flowsPerAddress`
        // flows from each); checksums are left stale, as the analyzer does not verify them.
        view.setUint32(4, (i % 16) * 62_500_000, true);
        view.setUint32(0, START + Math.floor(i / 16), true);
        view.setUint32(16 + 12, 0x0a000000 + Math.floor(i / flowsPerAddress));
        view.setUint16(16 + 20, 1024 + (i % flowsPerAddress));
        view.setUint32(16 + 24, i * 2654435761);
        batch.set(record, n * record.length);
      }
      writeSync(descriptor, batch, 0, inBatch * record.length);
    }
  } finally {
    closeSync(descriptor);
  }
}
