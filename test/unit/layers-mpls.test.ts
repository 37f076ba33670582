import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { decode, ETHERNET_HEADER, frameOf } from './layerFixtures.js';
import { assertInnerIpv4Syn, assertInnerIpv6Syn, assertTruncatedAtEveryByte, INNER_IPV4_SYN, INNER_IPV6_SYN, LINKTYPE_ETHERNET } from './tunnelFixtures.js';

const TWO_LABELS = `
  00 01 00 40                // label 16, TC 0, not bottom, TTL 64
  00 02 01 40                // label 32, bottom of stack, TTL 64
`;

test('an MPLS label stack (unicast and multicast ethertypes) over IPv4 and IPv6, the bottom label identifying it', () => {
  const tunnel = { kind: 'mpls', outer: null, vni: 32 } as const;
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, '88 47 // MPLS unicast', TWO_LABELS, INNER_IPV4_SYN), tunnel);
  assertInnerIpv6Syn(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, '88 48 // MPLS multicast', TWO_LABELS, INNER_IPV6_SYN), tunnel);
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, '81 00 00 64 // VLAN 100', '88 47', 'ff ff f1 40 // label 0xfffff, bottom', INNER_IPV4_SYN), { kind: 'mpls', outer: null, vni: 0xfffff });
});

test('MPLS: a payload that is not IP by its first nibble is not TCP; a stack without a bottom is malformed', () => {
  const pseudowire = frameOf(ETHERNET_HEADER, '88 47', '00 01 01 40 // bottom', '00 00 00 00 // control word', ETHERNET_HEADER);
  assert.equal(decode(LINKTYPE_ETHERNET, pseudowire).status, DecodeStatus.NotTcp);
  const endless = frameOf(ETHERNET_HEADER, '88 47', '00 01 00 40 // not bottom\n'.repeat(20), INNER_IPV4_SYN);
  assert.equal(decode(LINKTYPE_ETHERNET, endless).status, DecodeStatus.Malformed);
});

test('an MPLS frame cut by the snaplen at any byte', () => {
  assertTruncatedAtEveryByte(LINKTYPE_ETHERNET, frameOf(ETHERNET_HEADER, '88 47', TWO_LABELS, INNER_IPV4_SYN));
});
