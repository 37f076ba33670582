/**
 * Connections by their four-tuple, with a symmetric key so that A→B and B→A land on the same entry
 * (as gopacket's `Flow.FastHash`). IPv4 keys are small integers computed without allocating, which
 * keeps the per-packet path free of strings; IPv6 goes through maps keyed by the two address texts (in
 * a fixed order) and then the two ports, so that no key string is built per packet either.
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

/** Entries by first address, second address, then portsKey(first port, second port). */
type Ipv6Flows<Entry> = Map<string, Map<string, Map<number, Entry>>>;

/** The map of ports for an address pair; created (or left undefined) as `create` says. */
function portsOf<Entry>(flows: Ipv6Flows<Entry>, first: string, second: string, create: boolean): Map<number, Entry> | undefined {
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
  private readonly ipv6: Ipv6Flows<Entry> = new Map();

  constructor(private readonly create: (packet: TcpPacket) => Entry) {}

  lookup(packet: TcpPacket): Entry {
    if (packet.ipVersion === 6) {
      const srcFirst = ipv6AFirst(packet.srcV6, packet.srcPort, packet.dstV6, packet.dstPort);
      const byPorts = srcFirst ? portsOf(this.ipv6, packet.srcV6, packet.dstV6, true)! : portsOf(this.ipv6, packet.dstV6, packet.srcV6, true)!;
      const ports = srcFirst ? portsKey(packet.srcPort, packet.dstPort) : portsKey(packet.dstPort, packet.srcPort);
      let entry = byPorts.get(ports);
      if (entry === undefined) {
        entry = this.create(packet);
        byPorts.set(ports, entry);
      }
      return entry;
    }
    const key = ipv4FlowKey(packet.srcV4, packet.srcPort, packet.dstV4, packet.dstPort);
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
      const aFirst = ipv6AFirst(entry.v6a, entry.portA, entry.v6b, entry.portB);
      const first = aFirst ? entry.v6a : entry.v6b;
      const second = aFirst ? entry.v6b : entry.v6a;
      const byPorts = portsOf(this.ipv6, first, second, false);
      if (byPorts === undefined) return;
      byPorts.delete(aFirst ? portsKey(entry.portA, entry.portB) : portsKey(entry.portB, entry.portA));
      // Empty maps go too: flows past the row limit are forgotten, and their address pairs with them.
      if (byPorts.size === 0) {
        const bySecond = this.ipv6.get(first)!;
        bySecond.delete(second);
        if (bySecond.size === 0) this.ipv6.delete(first);
      }
      return;
    }
    const key = ipv4FlowKey(entry.v4a, entry.portA, entry.v4b, entry.portB);
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
    for (const bySecond of this.ipv6.values()) {
      for (const byPorts of bySecond.values()) yield* byPorts.values();
    }
  }
}
