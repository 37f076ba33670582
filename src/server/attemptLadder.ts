/**
 * The packets of one attempt for the ladder diagram, from what the handshake tracker kept of it (SYNs,
 * SYN-ACK, ACK, RST, FINs) in the client capture and, when paired, in the server capture, on one
 * timeline: server capture times are shifted by the estimated clock offset.
 */
import { endpointText, type HandshakeAttempt } from '../analyzer/model.js';
import type { LadderPacketJson } from '../shared/lspExtensions.js';

const TWO_32 = 2 ** 32;
const next = (sequence: number) => (sequence + 1) % TWO_32;

export function ladderPackets(attempt: HandshakeAttempt, capture: 'client' | 'server', offsetMs: number): LadderPacketJson[] {
  const client = endpointText(attempt.client);
  const server = endpointText(attempt.server);
  const shift = capture === 'server' ? offsetMs / 1000 : 0;
  const packet = (fields: Omit<LadderPacketJson, 'capture' | 'alignedTime' | 'source' | 'destination'>): LadderPacketJson => {
    const toServer = fields.direction === 'to-server';
    return { capture, alignedTime: fields.time - shift, source: toServer ? client : server, destination: toServer ? server : client, ...fields };
  };
  const packets: LadderPacketJson[] = attempt.syns.map((syn) => packet({
    frame: syn.frame, time: syn.time, direction: 'to-server', kind: 'syn', flags: 'S',
    seq: attempt.isn, ack: null, tsval: syn.tsval, tsecr: attempt.synOptions.tsecr,
  }));
  const { synAck, ack, rst, teardown } = attempt;
  if (synAck) {
    packets.push(packet({
      frame: synAck.frame, time: synAck.time, direction: 'to-client', kind: 'syn-ack', flags: 'S.',
      seq: synAck.isn, ack: next(attempt.isn), tsval: synAck.options.tsval, tsecr: synAck.options.tsecr,
    }));
  }
  if (ack) {
    packets.push(packet({
      frame: ack.frame, time: ack.time, direction: 'to-server', kind: 'ack', flags: ack.withData ? 'P.' : '.',
      seq: next(attempt.isn), ack: synAck ? next(synAck.isn) : null, tsval: null, tsecr: null,
    }));
  }
  if (rst) {
    packets.push(packet({
      frame: rst.frame, time: rst.time, direction: rst.from === 'client' ? 'to-server' : 'to-client', kind: 'rst', flags: 'R',
      seq: null, ack: null, tsval: null, tsecr: null,
    }));
  }
  if (teardown.firstFin !== null && teardown.firstFinTime !== null) {
    const firstToServer = teardown.firstFin === 'client';
    const fin = (time: number, toServer: boolean) => packet({
      frame: null, time, direction: toServer ? 'to-server' : 'to-client', kind: 'fin', flags: 'F.', seq: null, ack: null, tsval: null, tsecr: null,
    });
    packets.push(fin(teardown.firstFinTime, firstToServer));
    if (teardown.secondFinTime !== null) packets.push(fin(teardown.secondFinTime, !firstToServer));
  }
  return packets;
}

/** The capture in which a packet of this direction leaves its sender (the other capture sees it arrive). */
const sentIn = (packet: LadderPacketJson): 'client' | 'server' => (packet.direction === 'to-server' ? 'client' : 'server');

/**
 * Pairs each packet the receiving side's capture shows arriving with the packet the sending side's
 * capture shows leaving: SYNs by TSval (each retransmission carries its own), the rest of one kind and
 * direction in the order they were seen. Returns the arrival → send map.
 */
function pairArrivals(packets: readonly LadderPacketJson[]): Map<LadderPacketJson, LadderPacketJson> {
  const sends = new Map<string, LadderPacketJson[]>();
  const key = (packet: LadderPacketJson) => `${packet.direction} ${packet.kind}`;
  for (const packet of packets) {
    if (packet.capture !== sentIn(packet)) continue;
    const list = sends.get(key(packet)) ?? [];
    list.push(packet);
    sends.set(key(packet), list);
  }
  const byTime = (a: LadderPacketJson, b: LadderPacketJson) => a.alignedTime - b.alignedTime;
  for (const list of sends.values()) list.sort(byTime);
  const sendOf = new Map<LadderPacketJson, LadderPacketJson>();
  for (const packet of [...packets].sort(byTime)) {
    if (packet.capture === sentIn(packet)) continue;
    const candidates = sends.get(key(packet));
    if (!candidates || candidates.length === 0) continue;
    // A TSval the client side never sent (a NAT that rewrites timestamps) pairs with the earliest send left.
    let index = packet.tsval === null ? -1 : candidates.findIndex((send) => send.tsval === packet.tsval);
    if (index < 0) index = 0;
    sendOf.set(packet, candidates[index]!);
    candidates.splice(index, 1);
  }
  return sendOf;
}

/**
 * Both captures' packets of one attempt in the order they happened. Sorting by aligned time alone can
 * draw a SYN's arrival at the server above its own transmission, because the clock offset is an
 * estimate: within its spread an arrival may seem to precede its send. So each arrival is placed no
 * earlier than the send it is paired with, and after it on a tie; the rest goes by time.
 */
export function orderLadderPackets(packets: readonly LadderPacketJson[]): LadderPacketJson[] {
  const sendOf = pairArrivals(packets);
  const keyed = packets.map((packet, index) => {
    const send = sendOf.get(packet);
    return { packet, index, time: send ? Math.max(packet.alignedTime, send.alignedTime) : packet.alignedTime, arrival: send ? 1 : 0 };
  });
  keyed.sort((a, b) => a.time - b.time || a.arrival - b.arrival || a.index - b.index);
  return keyed.map(({ packet }) => packet);
}
