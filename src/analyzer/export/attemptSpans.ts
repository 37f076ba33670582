/**
 * Which selected attempt a decoded segment belongs to. The analysis records only an attempt's handshake
 * frames; its other segments are found again by four-tuple (the client endpoint of every NAT view of the
 * SYN included) and time: from the attempt's first SYN on that tuple until the next attempt on the same
 * tuple begins (port reuse), or the capture's end.
 */
import type { HandshakeAttempt } from '../model.js';
import { destinationText, sourceText, type TcpPacket } from '../layers/tcpPacket.js';

interface TupleStart {
  /** Time of the attempt's first SYN on this tuple. */
  start: number;
  id: number;
  selected: boolean;
}

/** `client-address client-port server-address server-port`: one key for both directions once ordered. */
function tupleKey(clientAddress: string, clientPort: number, serverAddress: string, serverPort: number): string {
  return `${clientAddress} ${clientPort} ${serverAddress} ${serverPort}`;
}

/** `ip:port` or `[ipv6]:port`, as NatView.client writes it. */
function parseEndpoint(text: string): { address: string; port: number } {
  const colon = text.lastIndexOf(':');
  const address = text.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { address, port: Number(text.slice(colon + 1)) };
}

/** Each tuple an attempt's SYN was seen with, and when it was first seen there. */
function attemptTuples(attempt: HandshakeAttempt): { key: string; clientPort: number; start: number }[] {
  const { client, server } = attempt;
  const tuples = [{ key: tupleKey(client.address, client.port, server.address, server.port), clientPort: client.port, start: attempt.synTime }];
  for (const view of attempt.natViews ?? []) {
    const translated = parseEndpoint(view.client);
    tuples.push({
      key: tupleKey(translated.address, translated.port, server.address, server.port), clientPort: translated.port, start: view.time,
    });
  }
  return tuples;
}

export class AttemptSpans {
  private readonly byTuple = new Map<string, TupleStart[]>();
  /** Ports of the tuples: a segment on none of them is passed over without building its key. */
  private readonly ports = new Set<number>();

  /** `all` are every attempt of the capture, so that another attempt on the same tuple ends a span. */
  constructor(selected: readonly HandshakeAttempt[], all: readonly HandshakeAttempt[]) {
    const selectedIds = new Set(selected.map((attempt) => attempt.id));
    for (const attempt of selected) {
      for (const { key } of attemptTuples(attempt)) this.byTuple.set(key, []);
    }
    for (const attempt of all) {
      for (const { key, start } of attemptTuples(attempt)) {
        this.byTuple.get(key)?.push({ start, id: attempt.id, selected: selectedIds.has(attempt.id) });
      }
    }
    for (const starts of this.byTuple.values()) starts.sort((a, b) => a.start - b.start || a.id - b.id);
    for (const attempt of selected) {
      this.ports.add(attempt.server.port);
      for (const { clientPort } of attemptTuples(attempt)) this.ports.add(clientPort);
    }
  }

  /** The id of the selected attempt `packet` (captured at `time`) belongs to, or -1. */
  attemptOf(packet: TcpPacket, time: number): number {
    if (!this.ports.has(packet.srcPort) && !this.ports.has(packet.dstPort)) return -1;
    const source = sourceText(packet);
    const destination = destinationText(packet);
    const starts = this.byTuple.get(tupleKey(source, packet.srcPort, destination, packet.dstPort))
      ?? this.byTuple.get(tupleKey(destination, packet.dstPort, source, packet.srcPort));
    if (starts === undefined) return -1;
    // The last attempt begun by `time`: binary search, as a crafted file can put 10^5 attempts on one tuple.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle].start <= time) low = middle + 1;
      else high = middle;
    }
    const owner = low > 0 ? starts[low - 1] : null;
    return owner !== null && owner.selected ? owner.id : -1;
  }
}
