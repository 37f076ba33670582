/**
 * Connections by their four-tuple, with a symmetric key so that A→B and B→A land on the same entry
 * (as gopacket's `Flow.FastHash`). IPv4 keys are small integers computed without allocating, which
 * keeps the per-packet path free of strings; IPv6 goes through maps keyed by the two address texts (in
 * a fixed order) and then the two ports, so that no key string is built per packet either.
 *
 * A flow is a number and a row of numbers (rowChunks.ts), not an object: a SYN flood or a scan gives
 * every attempt a four-tuple of its own, and an object with a dozen fields cost about 140 bytes where the
 * row costs 32 (12 once the tracker has finished and keeps its records as rows: finishedFlows.ts). The
 * row holds the IPv4 addresses, the ports, the next flow whose key collides, the newest attempt and the
 * latest time; an IPv6 flow's address texts are in a map by flow number. Numbers of
 * removed flows go to later flows; a serial number tells a queue entry made for an earlier flow of the
 * same number from one for the flow that holds it now.
 */
import type { TcpPacket } from '../layers/tcpPacket.js';
import { FinishedFlows } from './finishedFlows.js';
import { flowEndpoints, type FlowEndpoints, type FlowReader } from './flowEndpoints.js';
import { CHUNK_BITS, ROW_IN_CHUNK, RowChunks, RowNumbers } from './rowChunks.js';

export type { FlowEndpoints, FlowReader } from './flowEndpoints.js';

/** No flow: the end of a bucket's chain. */
export const NO_FLOW = -1;
/** NEXT_IN_BUCKET of a removed flow's row, until its number goes to a later flow. */
const REMOVED = -2;

// A flow's row: floats, then integers.
/** The latest capture time of the flow's segments, when the tracker keeps it (NaN otherwise). */
const LAST_TIME = 0;
const FLOW_FLOATS = 1;

const V4A = 0;
const V4B = 1;
/** Port a in the low 16 bits, port b in the high 16. */
const PORTS = 2;
/** The next flow whose IPv4 key collides with this one's. */
const NEXT_IN_BUCKET = 3;
/** The tracker's newest attempt on the flow. */
const LATEST = 4;
/** The IP version, and above it the flow's serial number (IPV6 set for IPv6). */
const VERSION_SERIAL = 5;
const FLOW_INTS = 6;
const IPV6 = 1;
const SERIAL_SHIFT = 1;

/** Mixes one endpoint into 32 bits (murmur3's finaliser), so that sums of two endpoints rarely collide. */
function endpointHash(address: number, port: number): number {
  let hash = Math.imul(address ^ Math.imul(port + 1, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** Order-independent key of an IPv4 four-tuple, kept within V8's small-integer range. */
function ipv4FlowKey(addressA: number, portA: number, addressB: number, portB: number): number {
  return (endpointHash(addressA, portA) + endpointHash(addressB, portB)) & 0x3fffffff;
}

/** Whether endpoint A comes first in the IPv6 maps' order: either order of a four-tuple finds one entry. */
function ipv6AFirst(addressA: string, portA: number, addressB: string, portB: number): boolean {
  return addressA < addressB || (addressA === addressB && portA <= portB);
}

/** Two ports in one 32-bit integer (signed, so that V8 keeps it a small integer rather than a heap number). */
function portsKey(first: number, second: number): number {
  return (first << 16) | second;
}

/** What a chunk of a finished table holds. */
const EMPTY_INTS = new Int32Array(0);
const EMPTY_FLOATS = new Float64Array(0);

/** IPv4 buckets at first: a power of two. */
const INITIAL_BUCKETS = 1024;

/** Flows by first address, second address, then portsKey(first port, second port). */
type Ipv6Flows = Map<string, Map<string, Map<number, number>>>;

/** The map of ports for an address pair; created (or left undefined) as `create` says. */
function portsOf(flows: Ipv6Flows, first: string, second: string, create: boolean): Map<number, number> | undefined {
  let bySecond = flows.get(first);
  if (bySecond === undefined) {
    if (!create) return undefined;
    bySecond = new Map();
    flows.set(first, bySecond);
  }
  let byPorts = bySecond.get(second);
  if (byPorts === undefined && create) {
    byPorts = new Map();
    bySecond.set(second, byPorts);
  }
  return byPorts;
}

/** Finds or creates the flow of a packet's connection. */
export class FlowTable implements FlowReader {
  private readonly rows = new RowChunks(FLOW_FLOATS, FLOW_INTS);
  private readonly numbers = new RowNumbers();
  private serials = 0;
  /**
   * The first flow of each IPv4 bucket (NO_FLOW when none), the others following through
   * NEXT_IN_BUCKET; a bucket is the key's low bits. An array rather than a Map of keys: a Map entry cost
   * some 40 bytes per flow, the array 4 to 8. Doubled when the flows outnumber the buckets.
   */
  private buckets = new Int32Array(INITIAL_BUCKETS).fill(NO_FLOW);
  private ipv4Flows = 0;
  /** Whether the packet of the latest look-up goes from endpoint a to endpoint b. */
  fromA = false;
  private readonly ipv6: Ipv6Flows = new Map();
  /** Address texts of the IPv6 flows: [a, b]. */
  private readonly ipv6Addresses = new Map<number, [string, string]>();

  private ints(flow: number): Int32Array {
    return this.rows.ints[flow >>> CHUNK_BITS];
  }

  private at(flow: number): number {
    return (flow & ROW_IN_CHUNK) * FLOW_INTS;
  }

  private floats(flow: number): Float64Array {
    return this.rows.floats[flow >>> CHUNK_BITS];
  }

  /** The tracker's newest attempt on the flow (it starts as `none`, given to lookup). */
  latest(flow: number): number {
    return this.ints(flow)[this.at(flow) + LATEST];
  }

  setLatest(flow: number, attempt: number): void {
    this.ints(flow)[this.at(flow) + LATEST] = attempt;
  }

  lastTime(flow: number): number {
    return this.floats(flow)[(flow & ROW_IN_CHUNK) * FLOW_FLOATS + LAST_TIME];
  }

  setLastTime(flow: number, time: number): void {
    this.floats(flow)[(flow & ROW_IN_CHUNK) * FLOW_FLOATS + LAST_TIME] = time;
  }

  /** Tells the flow that holds a number now from an earlier one of the same number. */
  serial(flow: number): number {
    return this.ints(flow)[this.at(flow) + VERSION_SERIAL] >>> SERIAL_SHIFT;
  }

  portA(flow: number): number {
    return this.ints(flow)[this.at(flow) + PORTS] & 0xffff;
  }

  portB(flow: number): number {
    return this.ints(flow)[this.at(flow) + PORTS] >>> 16;
  }

  ipv4Endpoint(flow: number, a: boolean): number {
    const ints = this.ints(flow);
    const at = this.at(flow);
    if (ints[at + VERSION_SERIAL] & IPV6) return -1;
    const ports = ints[at + PORTS];
    return a ? (ints[at + V4A] >>> 0) * 65_536 + (ports & 0xffff) : (ints[at + V4B] >>> 0) * 65_536 + (ports >>> 16);
  }

  /** The flow's four-tuple as an object of its own (for records: made once per record, not per packet). */
  endpoints(flow: number): FlowEndpoints {
    const ints = this.ints(flow);
    const at = this.at(flow);
    return flowEndpoints(ints[at + V4A], ints[at + V4B], ints[at + PORTS], ints[at + VERSION_SERIAL] & IPV6 ? this.ipv6Addresses.get(flow)! : undefined);
  }

  /** Whether `packet` travels from endpoint a to endpoint b of `flow` (otherwise it travels b → a). */
  isFromA(flow: number, packet: TcpPacket): boolean {
    const ints = this.ints(flow);
    const at = this.at(flow);
    if (packet.srcPort !== (ints[at + PORTS] & 0xffff)) return false;
    return packet.ipVersion === 4 ? (packet.srcV4 | 0) === ints[at + V4A] : packet.srcV6 === this.ipv6Addresses.get(flow)![0];
  }

  /** Whether `packet` is of IPv4 flow `flow`; sets `fromA` when it is. */
  private sameIpv4Flow(flow: number, packet: TcpPacket): boolean {
    const ints = this.ints(flow);
    const at = this.at(flow);
    if (ints[at + VERSION_SERIAL] & IPV6) return false;
    const a = ints[at + V4A];
    const b = ints[at + V4B];
    const ports = ints[at + PORTS];
    const src = packet.srcV4 | 0;
    const dst = packet.dstV4 | 0;
    if (src === a && dst === b && ports === portsKey(packet.dstPort, packet.srcPort)) {
      this.fromA = true;
      return true;
    }
    if (src === b && dst === a && ports === portsKey(packet.srcPort, packet.dstPort)) {
      this.fromA = false;
      return true;
    }
    return false;
  }

  /** A new flow for `packet`, its sender as endpoint a, holding `none` as its latest attempt. */
  private create(packet: TcpPacket, none: number): number {
    const flow = this.numbers.take();
    this.rows.reserve(flow);
    const ints = this.ints(flow);
    const at = this.at(flow);
    const v6 = packet.ipVersion === 6;
    ints[at + V4A] = v6 ? 0 : packet.srcV4 | 0;
    ints[at + V4B] = v6 ? 0 : packet.dstV4 | 0;
    ints[at + PORTS] = portsKey(packet.dstPort, packet.srcPort);
    ints[at + NEXT_IN_BUCKET] = NO_FLOW;
    ints[at + LATEST] = none;
    this.serials = (this.serials + 1) & 0x3fffffff;
    ints[at + VERSION_SERIAL] = (this.serials << SERIAL_SHIFT) | (v6 ? IPV6 : 0);
    this.setLastTime(flow, NaN);
    if (v6) this.ipv6Addresses.set(flow, [packet.srcV6, packet.dstV6]);
    return flow;
  }

  /**
   * The flow of a packet's connection, made when new (its latest attempt `none`), its latest time moved
   * up to the packet's, and `fromA` set to whether the packet goes from endpoint a: one call per packet.
   */
  find(packet: TcpPacket & { time: number }, none: number): number {
    const flow = this.lookup(packet, none);
    const floats = this.floats(flow);
    const at = (flow & ROW_IN_CHUNK) * FLOW_FLOATS + LAST_TIME;
    if (packet.time > floats[at]) floats[at] = packet.time;
    return flow;
  }

  /** The flow of a packet's connection, made when new (its latest attempt `none`); sets `fromA`. */
  lookup(packet: TcpPacket, none: number): number {
    if (packet.ipVersion === 6) {
      const srcFirst = ipv6AFirst(packet.srcV6, packet.srcPort, packet.dstV6, packet.dstPort);
      const byPorts = srcFirst ? portsOf(this.ipv6, packet.srcV6, packet.dstV6, true)! : portsOf(this.ipv6, packet.dstV6, packet.srcV6, true)!;
      const ports = srcFirst ? portsKey(packet.srcPort, packet.dstPort) : portsKey(packet.dstPort, packet.srcPort);
      let flow = byPorts.get(ports);
      if (flow === undefined) {
        flow = this.create(packet, none);
        byPorts.set(ports, flow);
      }
      this.fromA = this.isFromA(flow, packet);
      return flow;
    }
    const bucket = ipv4FlowKey(packet.srcV4, packet.srcPort, packet.dstV4, packet.dstPort) & (this.buckets.length - 1);
    for (let flow = this.buckets[bucket]; flow !== NO_FLOW; flow = this.ints(flow)[this.at(flow) + NEXT_IN_BUCKET]) {
      if (this.sameIpv4Flow(flow, packet)) return flow;
    }
    const flow = this.create(packet, none);
    this.fromA = true;
    this.ints(flow)[this.at(flow) + NEXT_IN_BUCKET] = this.buckets[bucket];
    this.buckets[bucket] = flow;
    if (++this.ipv4Flows > this.buckets.length) this.growBuckets();
    return flow;
  }

  /** The IPv4 bucket of a flow in the table. */
  private bucketOf(flow: number): number {
    const ints = this.ints(flow);
    const at = this.at(flow);
    return ipv4FlowKey(ints[at + V4A], ints[at + PORTS] & 0xffff, ints[at + V4B], ints[at + PORTS] >>> 16) & (this.buckets.length - 1);
  }

  /**
   * Twice the buckets, each IPv4 flow linked into its bucket among them. The rows are walked in the
   * order of their numbers, which is their order in memory: following the old chains jumped about
   * millions of rows at random (a SYN flood's table doubles some ten times).
   */
  private growBuckets(): void {
    this.buckets = new Int32Array(this.buckets.length * 2).fill(NO_FLOW);
    const rows = this.numbers.handedOut;
    for (let flow = 0; flow < rows; flow++) {
      const ints = this.ints(flow);
      const at = this.at(flow);
      if (ints[at + NEXT_IN_BUCKET] === REMOVED || ints[at + VERSION_SERIAL] & IPV6) continue;
      const to = this.bucketOf(flow);
      ints[at + NEXT_IN_BUCKET] = this.buckets[to];
      this.buckets[to] = flow;
    }
  }

  /** Forgets a flow: a later packet of its four-tuple gets a new one, and its number goes to a later flow. */
  remove(flow: number): void {
    this.unlink(flow);
    this.ints(flow)[this.at(flow) + NEXT_IN_BUCKET] = REMOVED;
    this.ipv6Addresses.delete(flow);
    this.numbers.release(flow);
  }

  private unlink(flow: number): void {
    const ints = this.ints(flow);
    const at = this.at(flow);
    const portA = ints[at + PORTS] & 0xffff;
    const portB = ints[at + PORTS] >>> 16;
    if (ints[at + VERSION_SERIAL] & IPV6) {
      const [v6a, v6b] = this.ipv6Addresses.get(flow)!;
      const aFirst = ipv6AFirst(v6a, portA, v6b, portB);
      const first = aFirst ? v6a : v6b;
      const second = aFirst ? v6b : v6a;
      const byPorts = portsOf(this.ipv6, first, second, false);
      if (byPorts === undefined) return;
      byPorts.delete(aFirst ? portsKey(portA, portB) : portsKey(portB, portA));
      // Empty maps go too: flows past the row limit are forgotten, and their address pairs with them.
      if (byPorts.size === 0) {
        const bySecond = this.ipv6.get(first)!;
        bySecond.delete(second);
        if (bySecond.size === 0) this.ipv6.delete(first);
      }
      return;
    }
    const bucket = this.bucketOf(flow);
    const head = this.buckets[bucket];
    const next = ints[at + NEXT_IN_BUCKET];
    if (head === flow) {
      this.buckets[bucket] = next;
      this.ipv4Flows--;
      return;
    }
    for (let before = head; before !== NO_FLOW;) {
      const beforeInts = this.ints(before);
      const link = this.at(before) + NEXT_IN_BUCKET;
      const after = beforeInts[link];
      if (after === flow) {
        beforeInts[link] = next;
        this.ipv4Flows--;
        return;
      }
      before = after;
    }
  }

  /** Forgets the look-up of every flow; their rows stay readable (the records are made from them). */
  clear(): void {
    this.buckets = new Int32Array(INITIAL_BUCKETS).fill(NO_FLOW);
    this.ipv4Flows = 0;
    this.ipv6.clear();
  }

  /**
   * What the records read of the flows (FinishedFlows), moved out of the table a chunk at a time so that
   * the two are never held whole at once. The table is of no use afterwards: for a finished tracker.
   */
  finished(): FinishedFlows {
    const { floats, ints } = this.rows;
    const chunks: Int32Array[] = [];
    for (let chunk = 0; chunk < ints.length; chunk++) {
      chunks.push(FinishedFlows.chunk(ints[chunk], FLOW_INTS, V4A, V4B, PORTS));
      ints[chunk] = EMPTY_INTS;
      floats[chunk] = EMPTY_FLOATS;
    }
    this.clear();
    // An IPv6 flow's addresses are 0 in its row: only those rows look for address texts.
    return new FinishedFlows(chunks, this.ipv6Addresses);
  }
}
