import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { decode } from './layerFixtures.js';
import {
  assertInnerIpv4Syn, assertInnerIpv6Syn, assertTruncatedAtEveryByte, inEthernet, INNER_ETHERNET_SYN, INNER_IPV6_SYN,
  LINKTYPE_ETHERNET, lengthOf, outerIpv4, udpHeader,
} from './tunnelFixtures.js';

const PROTOCOL_UDP = 17;

/** A Geneve header with `optionWords` 4-byte words of options. */
function genevePacket(protocol: string, inner: string, optionWords = 0, version = 0): string {
  const options = '01 02 03 04 // option word\n'.repeat(optionWords);
  const header = `
    ${((version << 6) | optionWords).toString(16).padStart(2, '0')} // version, options length in words
    00                       // flags
    ${protocol}              // protocol type
    00 00 2a                 // VNI 42
    00                       // reserved
    ${options}
`;
  const payload = lengthOf(header) + lengthOf(inner);
  return outerIpv4(PROTOCOL_UDP, 8 + payload) + udpHeader(6081, payload) + header + inner;
}

const TUNNEL = { kind: 'geneve', outer: '10.0.0.1 → 10.0.0.2', vni: 42 } as const;

test('Geneve carrying an Ethernet frame, with and without options', () => {
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(genevePacket('65 58', INNER_ETHERNET_SYN)), TUNNEL);
  assertInnerIpv4Syn(LINKTYPE_ETHERNET, inEthernet(genevePacket('65 58', INNER_ETHERNET_SYN, 3)), TUNNEL);
});

test('Geneve carrying IPv6 directly (protocol type 0x86dd)', () => {
  assertInnerIpv6Syn(LINKTYPE_ETHERNET, inEthernet(genevePacket('86 dd', INNER_IPV6_SYN, 1)), TUNNEL);
});

test('Geneve of another version or payload type is not TCP', () => {
  assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(genevePacket('65 58', INNER_ETHERNET_SYN, 0, 1))).status, DecodeStatus.NotTcp);
  assert.equal(decode(LINKTYPE_ETHERNET, inEthernet(genevePacket('88 47', INNER_ETHERNET_SYN))).status, DecodeStatus.NotTcp);
});

test('Geneve options longer than the datagram are an overrun', () => {
  const header = '3f 00 65 58 00 00 2a 00 // 63 words of options claimed\n';
  const frame = inEthernet(outerIpv4(PROTOCOL_UDP, 8 + 8 + 16) + udpHeader(6081, 24) + header + '00'.repeat(16));
  assert.equal(decode(LINKTYPE_ETHERNET, frame).status, DecodeStatus.TunnelOverrun);
});

test('a Geneve frame cut by the snaplen at any byte', () => {
  assertTruncatedAtEveryByte(LINKTYPE_ETHERNET, inEthernet(genevePacket('65 58', INNER_ETHERNET_SYN, 2)));
});
