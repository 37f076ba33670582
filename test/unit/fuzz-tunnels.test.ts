import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TUNNEL_WRAPS, wrapFrame } from '../../tools/fuzz/mutators/tunnelMutators.js';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { decode, ETHERNET_HEADER, frameOf, IPV6_HEADER, TCP_SYN } from './layerFixtures.js';
import { INNER_IPV4_SYN } from './tunnelFixtures.js';

const KIND_OF_WRAP: Record<string, string> = {
  vxlan: 'vxlan', 'vxlan-8472': 'vxlan', geneve: 'geneve', gre: 'gre', 'gre-bridged': 'gre', 'erspan-ii': 'erspan',
  'erspan-iii': 'erspan', ipip: 'ipip', mpls: 'mpls', pppoe: 'pppoe',
};

test('the fuzzer\'s tunnel wraps are tunnels the decoders open, before any byte is made hostile', () => {
  assert.deepEqual(Object.keys(KIND_OF_WRAP).sort(), [...TUNNEL_WRAPS].sort());
  const frames = [frameOf(ETHERNET_HEADER, '08 00', INNER_IPV4_SYN), frameOf(ETHERNET_HEADER, '86 dd', IPV6_HEADER + TCP_SYN)];
  for (const kind of TUNNEL_WRAPS) {
    for (const frame of frames) {
      const wrapped = wrapFrame(kind, 1, frame)!;
      const { status, packet } = decode(1, wrapped.frame);
      assert.equal(status, DecodeStatus.Tcp, kind);
      assert.equal(packet.tunnel?.kind, KIND_OF_WRAP[kind], kind);
      assert.equal(packet.tsval, 5, kind);
    }
  }
  assert.equal(wrapFrame('mpls', 101, frameOf(INNER_IPV4_SYN)), null, 'MPLS needs an Ethernet header to retype');
  assert.notEqual(wrapFrame('ipip', 101, frameOf(INNER_IPV4_SYN)), null);
});
