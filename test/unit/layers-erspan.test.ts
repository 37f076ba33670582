import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { decode } from './layerFixtures.js';
import {
  assertInnerIpv4Syn, assertTruncatedAtEveryByte, inEthernet, INNER_ETHERNET_SYN, INNER_IPV4_SYN, LINKTYPE_ETHERNET,
  lengthOf, outerIpv4,
} from './tunnelFixtures.js';

const PROTOCOL_GRE = 47;
const OUTER = '10.0.0.1 → 10.0.0.2';

function erspanPacket(greAndErspan: string, inner: string): string {
  return outerIpv4(PROTOCOL_GRE, lengthOf(greAndErspan) + lengthOf(inner)) + greAndErspan + inner;
}

const TYPE_II = `
  10 00 88 be                // GRE: S; ERSPAN
  00 00 00 01                // sequence number
  10 64                      // version 1 (type II), VLAN 100
  00 2d                      // CoS 0, En 0, T 0, session ID 45
  00 00 00 00                // reserved, index`;

function typeIII(frameType: number, platformSubheader: boolean): string {
  const ftByte = (frameType << 2).toString(16).padStart(2, '0');
  return `
    00 00 22 eb              // GRE: no flags; ERSPAN type III
    20 00                    // version 2 (type III), VLAN 0
    03 ff                    // CoS, BSO, T, session ID 1023
    00 00 00 01              // timestamp
    00 00                    // security group tag
    ${ftByte}                // P 0, frame type ${frameType}, hardware ID (high bits)
    0${platformSubheader ? 1 : 0} // hardware ID (low bits), D, Gra, O
    ${platformSubheader ? '08 00 00 00 00 00 00 00 // platform-specific subheader' : ''}`;
}

test('ERSPAN type I: the mirrored frame right after a 4-byte GRE header', () => {
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(erspanPacket('00 00 88 be // GRE without sequence: type I', INNER_ETHERNET_SYN)), { kind: 'erspan', outer: OUTER, vni: null });
});

test('ERSPAN type II: an 8-byte header with the session ID', () => {
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(erspanPacket(TYPE_II, INNER_ETHERNET_SYN)), { kind: 'erspan', outer: OUTER, vni: 45 });
});

test('ERSPAN type III: a 12-byte header, the platform subheader, and frame type IP', () => {
  const tunnel = { kind: 'erspan', outer: OUTER, vni: 1023 } as const;
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(erspanPacket(typeIII(0, false), INNER_ETHERNET_SYN)), tunnel);
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(erspanPacket(typeIII(0, true), INNER_ETHERNET_SYN)), tunnel);
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(erspanPacket(typeIII(2, false), INNER_IPV4_SYN)), tunnel);
});

test('ERSPAN of the wrong version for its type, or a reserved frame type, is not TCP', () => {
  const typeIIAsVersion2 = TYPE_II.replace('10 64', '20 64');
  assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(erspanPacket(typeIIAsVersion2, INNER_ETHERNET_SYN))).status, DecodeStatus.NotTcp);
  assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(erspanPacket(typeIII(7, false), INNER_ETHERNET_SYN))).status, DecodeStatus.NotTcp);
});

test('an ERSPAN header past the end of its packet is an overrun', () => {
  const frame = inEthernet(outerIpv4(PROTOCOL_GRE, 4 + 6) + '00 00 22 eb // type III\n' + '20 00 03 ff 00 00 // half its header');
  assert.equal(decode(LINKTYPE_ETHERNET, frame).status, DecodeStatus.TunnelOverrun);
});

test('ERSPAN frames cut by the snaplen at any byte', () => {
  assertTruncatedAtEveryByte(LINKTYPE_ETHERNET, inEthernet(erspanPacket(TYPE_II, INNER_ETHERNET_SYN)));
  assertTruncatedAtEveryByte(LINKTYPE_ETHERNET, inEthernet(erspanPacket(typeIII(0, true), INNER_ETHERNET_SYN)));
});
