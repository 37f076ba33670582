import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { MAX_TUNNEL_DEPTH } from '../../src/analyzer/layers/network.js';
import { decode, frameOf } from './layerFixtures.js';
import {
  assertInnerIpv4Syn, assertInnerIpv6Syn, assertTruncatedAtEveryByte, INNER_IPV4_SYN, INNER_IPV6_SYN, LINKTYPE_RAW, lengthOf,
  outerIpv4, outerIpv6,
} from './tunnelFixtures.js';

const PROTOCOL_IPIP = 4;
const PROTOCOL_IPV6 = 41;
const PROTOCOL_AUTHENTICATION = 51;

test('IP-in-IP: 4-in-4 and 6-in-4 (Calico, sit), 4-in-6 and 6-in-6 (ip6tnl)', () => {
  const over4 = { kind: 'ipip', outer: '10.0.0.1 → 10.0.0.2', vni: null } as const;
  const over6 = { kind: 'ipip', outer: 'fd00::1 → fd00::2', vni: null } as const;
  assertInnerIpv4Syn(LINKTYPE_RAW, frameOf(outerIpv4(PROTOCOL_IPIP, lengthOf(INNER_IPV4_SYN)), INNER_IPV4_SYN), over4);
  assertInnerIpv6Syn(LINKTYPE_RAW, frameOf(outerIpv4(PROTOCOL_IPV6, lengthOf(INNER_IPV6_SYN)), INNER_IPV6_SYN), over4);
  assertInnerIpv4Syn(LINKTYPE_RAW, frameOf(outerIpv6(PROTOCOL_IPIP, lengthOf(INNER_IPV4_SYN)), INNER_IPV4_SYN), over6);
  assertInnerIpv6Syn(LINKTYPE_RAW, frameOf(outerIpv6(PROTOCOL_IPV6, lengthOf(INNER_IPV6_SYN)), INNER_IPV6_SYN), over6);
});

test('IPsec AH in tunnel mode: the inner packet behind the Authentication Header', () => {
  const ah = `
    04                       // next header IPv4
    04                       // length: 24 bytes
    00 00 00 00 01 00 00 00 00 01 // reserved, SPI, sequence number
    00 11 22 33 44 55 66 77 88 99 aa bb // integrity check value
`;
  const frame = frameOf(outerIpv4(PROTOCOL_AUTHENTICATION, lengthOf(ah) + lengthOf(INNER_IPV4_SYN)), ah, INNER_IPV4_SYN);
  assertInnerIpv4Syn(LINKTYPE_RAW, frame, { kind: 'ipip', outer: '10.0.0.1 → 10.0.0.2', vni: null });
});

test('the outermost tunnel is the one recorded; more than MAX_TUNNEL_DEPTH tunnels are malformed', () => {
  const nested = (depth: number): string => {
    let packet = INNER_IPV4_SYN;
    for (let level = 0; level < depth; level++) packet = outerIpv4(PROTOCOL_IPIP, lengthOf(packet)) + packet;
    return packet;
  };
  assertInnerIpv4Syn(LINKTYPE_RAW, frameOf(nested(MAX_TUNNEL_DEPTH)), { kind: 'ipip', outer: '10.0.0.1 → 10.0.0.2', vni: null });
  assert.equal(decode(LINKTYPE_RAW, frameOf(nested(MAX_TUNNEL_DEPTH + 1))).status, DecodeStatus.Malformed);
});

test('a fragment of an IP-in-IP packet is a tunnel fragment; an inner fragment is an ordinary one', () => {
  const first = outerIpv4(PROTOCOL_IPIP, lengthOf(INNER_IPV4_SYN), '20 00 // MF, offset 0') + INNER_IPV4_SYN;
  assert.equal(decode(LINKTYPE_RAW, frameOf(first)).status, DecodeStatus.TunnelFragment);
  const innerLater = INNER_IPV4_SYN.replace('40 00                      // flags DF, fragment offset 0', '00 10 // offset 16 × 8');
  assert.notEqual(innerLater, INNER_IPV4_SYN);
  assert.equal(decode(LINKTYPE_RAW, frameOf(outerIpv4(PROTOCOL_IPIP, lengthOf(innerLater)), innerLater)).status, DecodeStatus.Fragment);
  const ipv6Fragment = `
    04 00                    // fragment header: next header IPv4, reserved
    00 01                    // offset 0, M
    00 00 00 01              // identification
`;
  const frame = frameOf(outerIpv6(44, lengthOf(ipv6Fragment) + lengthOf(INNER_IPV4_SYN)), ipv6Fragment, INNER_IPV4_SYN);
  assert.equal(decode(LINKTYPE_RAW, frame).status, DecodeStatus.TunnelFragment);
});

test('an IP-in-IP packet cut by the snaplen at any byte', () => {
  assertTruncatedAtEveryByte(LINKTYPE_RAW, frameOf(outerIpv6(PROTOCOL_IPIP, lengthOf(INNER_IPV4_SYN)), INNER_IPV4_SYN));
});
