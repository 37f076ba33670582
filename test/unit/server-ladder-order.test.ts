/** The ladder's packet order: an arrival never precedes its own transmission, whatever the clock offset's error. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderLadderPackets } from '../../src/server/attemptLadder.js';
import type { LadderPacketJson } from '../../src/shared/lspExtensions.js';

function syn(capture: 'client' | 'server', alignedTime: number, tsval: number | null): LadderPacketJson {
  return {
    capture, frame: 0, time: alignedTime, alignedTime, direction: 'to-server', kind: 'syn', flags: 'S',
    seq: 1, ack: null, tsval, tsecr: 0, source: '10.0.0.1:40000', destination: '10.0.0.9:3306',
  };
}

const order = (packets: LadderPacketJson[]) => orderLadderPackets(packets).map((p) => `${p.capture} ${p.tsval}`);

test('a retransmitted SYN that arrives at the same aligned time as it was sent is drawn after its send', () => {
  const packets = [syn('client', 0, 100), syn('server', 0.0002, 100), syn('server', 1, 1100), syn('client', 1, 1100), syn('server', 3, 3100), syn('client', 3, 3100)];
  assert.deepEqual(order(packets), ['client 100', 'server 100', 'client 1100', 'server 1100', 'client 3100', 'server 3100']);
});

test('an arrival that the offset estimate puts slightly before its send still follows it', () => {
  const packets = [syn('server', 2.9999, 3100), syn('client', 3, 3100), syn('client', 7, 7100), syn('server', 6.9998, 7100)];
  assert.deepEqual(order(packets), ['client 3100', 'server 3100', 'client 7100', 'server 7100']);
});

test('SYNs without a matching TSval pair with the earliest send left, in time order', () => {
  const packets = [syn('server', 0.5, null), syn('client', 1, null), syn('client', 0, null), syn('server', 2, 4)];
  assert.deepEqual(orderLadderPackets(packets).map((p) => `${p.capture} ${p.alignedTime}`), ['client 0', 'server 0.5', 'client 1', 'server 2']);
});
