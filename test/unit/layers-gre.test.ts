import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { decode } from './layerFixtures.js';
import {
  assertInnerIpv4Syn, assertInnerIpv6Syn, assertTruncatedAtEveryByte, inEthernet, INNER_ETHERNET_SYN, INNER_IPV4_SYN,
  INNER_IPV6_SYN, LINKTYPE_ETHERNET, lengthOf, outerIpv4,
} from './tunnelFixtures.js';

const PROTOCOL_GRE = 47;
const OUTER = '10.0.0.1 → 10.0.0.2';

function grePacket(header: string, inner: string): string {
  return outerIpv4(PROTOCOL_GRE, lengthOf(header) + lengthOf(inner)) + header + inner;
}

test('plain GRE carrying IPv4 and IPv6', () => {
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(grePacket('00 00 08 00 // no flags, version 0, IPv4', INNER_IPV4_SYN)), { kind: 'gre', outer: OUTER, vni: null });
  assertInnerIpv6Syn(LINKTYPE_ETHERNET, inEthernet(grePacket('00 00 86 dd // no flags, version 0, IPv6', INNER_IPV6_SYN)), { kind: 'gre', outer: OUTER, vni: null });
});

test('GRE with checksum, key and sequence number (RFC 2890) bridging an Ethernet frame; the key identifies it', () => {
  const header = `
    b0 00 65 58              // C, K, S; version 0; transparent Ethernet bridging
    12 34 00 00              // checksum, reserved
    ff ff ff fe              // key
    00 00 00 07              // sequence number`;
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(grePacket(header, INNER_ETHERNET_SYN)), { kind: 'gre', outer: OUTER, vni: 0xfffffffe });
  const keyOnly = '20 00 08 00 // K; IPv4\n00 00 00 00 // key 0';
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(grePacket(keyOnly, INNER_IPV4_SYN)), { kind: 'gre', outer: OUTER, vni: 0 });
});

test('WCCP redirection in GRE: the IPv4 packet, behind its redirect header or not', () => {
  const tunnel = { kind: 'gre', outer: OUTER, vni: null } as const;
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(grePacket('00 00 88 3e // WCCP', INNER_IPV4_SYN)), tunnel);
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(grePacket('00 00 88 3e // WCCP\n00 00 00 00 // redirect header', INNER_IPV4_SYN)), tunnel);
  assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(grePacket('20 00 88 3e 00 00 00 01 // WCCP with a key', INNER_IPV4_SYN))).status, DecodeStatus.NotTcp);
});

test('GRE version 1 (PPTP), source routing and unknown payloads are not TCP, as gre_parse_header() rejects them', () => {
  for (const header of ['00 01 88 0b 00 00 00 00 // version 1, PPP', '40 00 08 00 00 00 00 00 // routing bit', '00 00 08 06 // ARP']) {
    assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(grePacket(header, INNER_IPV4_SYN))).status, DecodeStatus.NotTcp, header);
  }
});

test('GRE flags claiming fields past the packet are an overrun', () => {
  const frame = inEthernet(outerIpv4(PROTOCOL_GRE, 8) + 'b0 00 08 00 // C, K, S: 16 bytes claimed\n00 00 00 00');
  assert.equal(decode(LINKTYPE_ETHERNET, frame).status, DecodeStatus.TunnelOverrun);
});

test('a GRE frame cut by the snaplen at any byte', () => {
  assertTruncatedAtEveryByte(LINKTYPE_ETHERNET, inEthernet(grePacket('b0 00 65 58 00 00 00 00 00 00 00 01 00 00 00 07 // C K S', INNER_ETHERNET_SYN)));
});

test('GRE inside a fragment of the outer IPv4 packet is skipped as a tunnel fragment', () => {
  const inner = INNER_IPV4_SYN;
  const first = outerIpv4(PROTOCOL_GRE, 4 + lengthOf(inner), '20 00 // MF, offset 0') + '00 00 08 00' + inner;
  assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(first)).status, DecodeStatus.TunnelFragment);
  const later = outerIpv4(PROTOCOL_GRE, lengthOf(inner), '00 10 // offset 16 × 8') + inner;
  assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(later)).status, DecodeStatus.TunnelFragment);
});
