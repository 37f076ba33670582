/**
 * Degrades a classic pcap (Ethernet, IPv4 or IPv6 carrying TCP) the way the world degrades captures, for
 * the tests of the pair checks: a capture clock set wrong, or a firewall between the captures that
 * rewrites the client's sequence numbers (Cisco ASA's sequence-number randomisation, pf `modulate
 * state`). Only the named fields change: checksums, SACK blocks and everything else are left as they
 * were, as the analyzer never reads them for this.
 */
import { PCAP_FILE_HEADER_LENGTH as FILE_HEADER, PCAP_RECORD_HEADER_LENGTH as RECORD_HEADER } from '../../src/generator/pcapWriter.js';
import { SeededRandom } from '../../src/generator/scenario/seededRandom.js';

const ETHERNET_HEADER = 14;
/** TCP header flag bits (byte 13). */
const TCP_FLAG = { syn: 0x02, ack: 0x10 } as const;

interface PcapLayout {
  littleEndian: boolean;
  view: DataView;
}

function layoutOf(bytes: Uint8Array): PcapLayout {
  if (bytes.length < FILE_HEADER) throw new Error(`pcap rewrite: ${bytes.length} bytes is shorter than a pcap file header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const bigMagic = view.getUint32(0, false);
  if (!littleEndian && bigMagic !== 0xa1b2c3d4 && bigMagic !== 0xa1b23c4d) throw new Error(`pcap rewrite: not a classic pcap (magic 0x${magic.toString(16)} at byte 0)`);
  if (view.getUint32(20, littleEndian) !== 1) throw new Error('pcap rewrite: only Ethernet (link type 1) captures are rewritten');
  return { littleEndian, view };
}

/** Calls `visit` with the byte offset of each record header and of its frame. */
function eachRecord(bytes: Uint8Array, layout: PcapLayout, visit: (record: number, frame: number, captured: number) => void): void {
  for (let offset = FILE_HEADER; offset < bytes.length;) {
    if (offset + RECORD_HEADER > bytes.length) throw new Error(`pcap rewrite: record header cut short at byte ${offset}`);
    const captured = layout.view.getUint32(offset + 8, layout.littleEndian);
    if (offset + RECORD_HEADER + captured > bytes.length) throw new Error(`pcap rewrite: record at byte ${offset} runs past the end of the file`);
    visit(offset, offset + RECORD_HEADER, captured);
    offset += RECORD_HEADER + captured;
  }
}

/** A copy with every record's time moved by `seconds` (whole seconds: only the seconds field changes). */
export function shiftPcapTime(bytes: Uint8Array, seconds: number): Uint8Array {
  if (!Number.isInteger(seconds)) throw new Error(`pcap rewrite: a shift of ${seconds} s is not whole seconds`);
  const copy = bytes.slice();
  const layout = layoutOf(copy);
  eachRecord(copy, layout, (record) => layout.view.setUint32(record, layout.view.getUint32(record, layout.littleEndian) + seconds, layout.littleEndian));
  return copy;
}

interface TcpSegmentAt {
  /** Byte offset of the TCP header in the file. */
  tcp: number;
  /** Source and destination as text, for the connection key. */
  from: string;
  to: string;
}

function tcpSegmentAt(bytes: Uint8Array, view: DataView, frame: number, captured: number): TcpSegmentAt | null {
  if (captured < ETHERNET_HEADER + 20) return null;
  const etherType = view.getUint16(frame + 12, false);
  let tcp: number;
  let source: string;
  let destination: string;
  if (etherType === 0x0800) {
    const ip = frame + ETHERNET_HEADER;
    if (bytes[ip + 9] !== 6) return null;
    tcp = ip + (bytes[ip] & 0x0f) * 4;
    source = bytes.subarray(ip + 12, ip + 16).join('.');
    destination = bytes.subarray(ip + 16, ip + 20).join('.');
  } else if (etherType === 0x86dd) {
    const ip = frame + ETHERNET_HEADER;
    if (bytes[ip + 6] !== 6) return null;
    tcp = ip + 40;
    source = Buffer.from(bytes.subarray(ip + 8, ip + 24)).toString('hex');
    destination = Buffer.from(bytes.subarray(ip + 24, ip + 40)).toString('hex');
  } else {
    return null;
  }
  if (tcp + 20 > frame + captured) return null;
  return { tcp, from: `${source}/${view.getUint16(tcp, false)}`, to: `${destination}/${view.getUint16(tcp + 2, false)}` };
}

/**
 * A copy in which each connection's client sequence numbers are moved by a random delta of its own (a
 * new one for each new client ISN on a four-tuple): the client's `seq` in its own segments, and the
 * `ack` of the server's segments, which counts the client's bytes. This is what a capture behind an
 * ISN-randomising firewall shows, with the client capture taken on the other side of it.
 */
export function rewriteClientSequenceNumbers(bytes: Uint8Array, seed: number): { bytes: Uint8Array; deltas: number[] } {
  const copy = bytes.slice();
  const layout = layoutOf(copy);
  const { view } = layout;
  const random = new SeededRandom(seed);
  /** By `client>server`: the client's ISN and the delta given to it. */
  const connections = new Map<string, { isn: number; delta: number }>();
  const deltas: number[] = [];
  eachRecord(copy, layout, (_record, frame, captured) => {
    const segment = tcpSegmentAt(copy, view, frame, captured);
    if (segment === null) return;
    const flags = copy[segment.tcp + 13];
    const seq = view.getUint32(segment.tcp + 4, false);
    const forward = `${segment.from}>${segment.to}`;
    if ((flags & (TCP_FLAG.syn | TCP_FLAG.ack)) === TCP_FLAG.syn && connections.get(forward)?.isn !== seq) {
      const delta = random.int(1, 0xffffffff) >>> 0;
      connections.set(forward, { isn: seq, delta });
      deltas.push(delta);
    }
    const asClient = connections.get(forward);
    if (asClient) {
      view.setUint32(segment.tcp + 4, (seq + asClient.delta) >>> 0, false);
      return;
    }
    const asServer = connections.get(`${segment.to}>${segment.from}`);
    if (asServer && flags & TCP_FLAG.ack) view.setUint32(segment.tcp + 8, (view.getUint32(segment.tcp + 8, false) + asServer.delta) >>> 0, false);
  });
  return { bytes: copy, deltas };
}
