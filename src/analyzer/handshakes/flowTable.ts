/**
 * Connections by their four-tuple, with a symmetric key so that A→B and B→A land on the same entry
 * (as gopacket's `Flow.FastHash`). IPv4 keys are small integers computed without allocating, which
 * keeps the per-packet path free of strings; IPv6 (rare in practice) uses a text key.
 */
import type { TcpPacket } from '../layers/tcpPacket.js';

/** One four-tuple. Endpoint "a" is whichever endpoint sent the first packet seen. */
export interface FlowEndpoints {
  ipVersion: 4 | 6;
  v4a: number;
  v4b: number;
  v6a: string;
  v6b: string;
  portA: number;
  portB: number;
}

export interface FlowEntry extends FlowEndpoints {
  /** Next entry whose IPv4 key collides with this one's. */
  nextInBucket: FlowEntry | null;
}

/** Mixes one endpoint into 32 bits (murmur3's finaliser), so that sums of two endpoints rarely collide. */
function endpointHash(address: number, port: number): number {
  let hash = Math.imul(address ^ Math.imul(port + 1, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** Order-independent key of an IPv4 four-tuple, kept within V8's small-integer range. */
export function ipv4FlowKey(packet: TcpPacket): number {
  return (endpointHash(packet.srcV4, packet.srcPort) + endpointHash(packet.dstV4, packet.dstPort)) & 0x3fffffff;
}

function ipv6FlowKey(packet: TcpPacket): string {
  return ipv6Key(packet.srcV6, packet.srcPort, packet.dstV6, packet.dstPort);
}

function ipv6Key(addressA: string, portA: number, addressB: string, portB: number): string {
  const source = `${addressA}/${portA}`;
  const destination = `${addressB}/${portB}`;
  return source < destination ? `${source}|${destination}` : `${destination}|${source}`;
}

/** Whether `packet` travels from endpoint a to endpoint b of `flow` (otherwise it travels b → a). */
export function isFromA(flow: FlowEndpoints, packet: TcpPacket): boolean {
  return packet.ipVersion === 4
    ? packet.srcV4 === flow.v4a && packet.srcPort === flow.portA
    : packet.srcV6 === flow.v6a && packet.srcPort === flow.portA;
}

function sameIpv4Flow(flow: FlowEndpoints, packet: TcpPacket): boolean {
  return (
    (packet.srcV4 === flow.v4a && packet.srcPort === flow.portA && packet.dstV4 === flow.v4b && packet.dstPort === flow.portB) ||
    (packet.srcV4 === flow.v4b && packet.srcPort === flow.portB && packet.dstV4 === flow.v4a && packet.dstPort === flow.portA)
  );
}

/** Finds or creates the entry of a packet's connection; `create` builds a new entry from the packet. */
export class FlowTable<Entry extends FlowEntry> {
  private readonly ipv4 = new Map<number, Entry>();
  private readonly ipv6 = new Map<string, Entry>();

  constructor(private readonly create: (packet: TcpPacket) => Entry) {}

  lookup(packet: TcpPacket): Entry {
    if (packet.ipVersion === 6) {
      const key = ipv6FlowKey(packet);
      let entry = this.ipv6.get(key);
      if (entry === undefined) {
        entry = this.create(packet);
        this.ipv6.set(key, entry);
      }
      return entry;
    }
    const key = ipv4FlowKey(packet);
    const head = this.ipv4.get(key) ?? null;
    for (let entry = head; entry !== null; entry = entry.nextInBucket as Entry | null) {
      if (sameIpv4Flow(entry, packet)) return entry;
    }
    const entry = this.create(packet);
    entry.nextInBucket = head;
    this.ipv4.set(key, entry);
    return entry;
  }

  /** Forgets an entry: a later packet of its four-tuple gets a new one. */
  remove(entry: Entry): void {
    if (entry.ipVersion === 6) {
      this.ipv6.delete(ipv6Key(entry.v6a, entry.portA, entry.v6b, entry.portB));
      return;
    }
    const key = (endpointHash(entry.v4a, entry.portA) + endpointHash(entry.v4b, entry.portB)) & 0x3fffffff;
    const head = this.ipv4.get(key);
    if (head === undefined) return;
    if (head === entry) {
      const next = entry.nextInBucket as Entry | null;
      if (next === null) this.ipv4.delete(key);
      else this.ipv4.set(key, next);
      return;
    }
    for (let before: FlowEntry = head; before.nextInBucket !== null; before = before.nextInBucket) {
      if (before.nextInBucket === entry) {
        before.nextInBucket = entry.nextInBucket;
        return;
      }
    }
  }

  clear(): void {
    this.ipv4.clear();
    this.ipv6.clear();
  }

  *entries(): IterableIterator<Entry> {
    for (const head of this.ipv4.values()) {
      for (let entry: Entry | null = head; entry !== null; entry = entry.nextInBucket as Entry | null) yield entry;
    }
    yield* this.ipv6.values();
  }
}
