import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { decode, ETHERNET_HEADER, frameOf } from './layerFixtures.js';
import { assertInnerIpv4Syn, assertInnerIpv6Syn, assertTruncatedAtEveryByte, INNER_IPV4_SYN, INNER_IPV6_SYN, LINKTYPE_ETHERNET, lengthOf } from './tunnelFixtures.js';

function pppoeSession(protocol: string, inner: string, code = '00'): string {
  const protocolLength = lengthOf(protocol);
  return `
    11                       // version 1, type 1
    ${code}                  // code: session data
    12 34                    // session ID
    ${(protocolLength + lengthOf(inner)).toString(16).padStart(4, '0')} // length of the PPP frame
    ${protocol}
    ${inner}`;
}

const QINQ = `
  88 a8 00 0a                // 802.1ad service tag, S-VLAN 10
  81 00 00 64                // 802.1Q, C-VLAN 100
`;

test('PPPoE session over QinQ carrying IPv4 and IPv6; the session ID identifies it', () => {
  const tunnel = { kind: 'pppoe', outer: null, vni: 0x1234 } as const;
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, QINQ, '88 64 // PPPoE session', pppoeSession('00 21 // PPP IPv4', INNER_IPV4_SYN)), tunnel);
  assertInnerIpv6Syn(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, '88 64', pppoeSession('00 57 // PPP IPv6', INNER_IPV6_SYN)), tunnel);
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, '88 64', pppoeSession('21 // compressed PPP IPv4', INNER_IPV4_SYN)), tunnel);
});

test('PPPoE: LCP, discovery packets and other versions are not TCP', () => {
  for (const frame of [
    frameOf(ETHERNET_HEADER, '88 64', pppoeSession('c0 21 // LCP', INNER_IPV4_SYN)),
    frameOf(ETHERNET_HEADER, '88 64', pppoeSession('00 21', INNER_IPV4_SYN, '09 // PADI')),
    frameOf(ETHERNET_HEADER, '88 64', pppoeSession('00 21', INNER_IPV4_SYN).replace('11 ', '21 ')),
  ]) assert.equal(decode(LINKTYPE_ETHERNET, frame).status, DecodeStatus.NotTcp);
});

test('a PPPoE length past the end of the frame is an overrun', () => {
  const frame = frameOf(ETHERNET_HEADER, '88 64', '11 00 12 34 ff ff // length 65535', '00 21', INNER_IPV4_SYN);
  assert.equal(decode(LINKTYPE_ETHERNET, frame).status, DecodeStatus.TunnelOverrun);
});

test('a PPPoE frame cut by the snaplen at any byte', () => {
  assertTruncatedAtEveryByte(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, QINQ, '88 64', pppoeSession('00 21', INNER_IPV4_SYN)));
});
