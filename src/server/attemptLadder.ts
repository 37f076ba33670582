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
