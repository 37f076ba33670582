import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { ipv6Text } from '../../src/analyzer/layers/ipv6Address.js';
import { AUTHENTICATION_TO_TCP, decode, frameOf, hex, SYN_FIELDS, TCP_SYN } from './layerFixtures.js';

const RAW_IPV6 = 229;

/** An IPv6 header as hex with the next header and payload length a case needs. */
function ipv6(nextHeader: string, payloadLength: string): string {
  return `
    60 00 00 00                        // version 6, traffic class, flow label
    ${payloadLength}                   // payload length
    ${nextHeader}                      // next header
    3f                                 // hop limit 63
    20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   // source 2001:db8::1
    fe 80 00 00 00 00 00 00 02 00 5e ff fe 00 53 00   // destination fe80::200:5eff:fe00:5300`;
}

const HOP_BY_HOP_TO_ROUTING = `
  2b                         // next header: routing
  00                         // length 0: 8 bytes
  05 02 00 00                // router alert option
  01 00                      // PadN`;

const ROUTING_TO_FRAGMENT = `
  2c                         // next header: fragment
  02                         // length 2: 24 bytes
  00                         // routing type 0
  01                         // segments left 1
  00 00 00 00                // reserved
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 03   // address 2001:db8::3`;

const FIRST_FRAGMENT_TO_DESTINATION_OPTIONS = `
  3c                         // next header: destination options
  00                         // reserved
  00 01                      // fragment offset 0, more fragments
  00 00 ab cd                // identification`;

const DESTINATION_OPTIONS_TO_AUTHENTICATION = `
  33                         // next header: AH
  00                         // length 0: 8 bytes
  01 04 00 00 00 00          // PadN`;

test('IPv6 with every extension header in one chain: hop-by-hop, routing, fragment, destination options, AH', () => {
  const chain = HOP_BY_HOP_TO_ROUTING + ROUTING_TO_FRAGMENT + FIRST_FRAGMENT_TO_DESTINATION_OPTIONS
    + DESTINATION_OPTIONS_TO_AUTHENTICATION + AUTHENTICATION_TO_TCP;
  const { status, packet } = decode(RAW_IPV6, frameOf(ipv6('00 // hop-by-hop', '00 70 // 112 = 72 + 40'), chain, TCP_SYN));
  assert.equal(status, DecodeStatus.Tcp);
  assert.deepEqual(packet, {
    ...SYN_FIELDS, ipVersion: 6, srcV4: 0, dstV4: 0, srcV6: '2001:db8::1', dstV6: 'fe80::200:5eff:fe00:5300', ttl: 63,
  });
});

test('each extension header alone leads to TCP', () => {
  const single: Array<[string, string, string]> = [
    ['00', '08', `06 00 01 04 00 00 00 00 // hop-by-hop to TCP, PadN`],
    ['2b', '08', `06 00 00 00 00 00 00 00 // routing to TCP, type 0, segments left 0`],
    ['2c', '08', `06 00 00 00 00 00 00 01 // fragment to TCP, offset 0, last`],
    ['3c', '08', `06 00 01 04 00 00 00 00 // destination options to TCP, PadN`],
    ['33', '18', AUTHENTICATION_TO_TCP],
  ];
  for (const [nextHeader, length, header] of single) {
    const payloadLength = `00 ${(parseInt(length, 16) + 40).toString(16)}`;
    assert.equal(decode(RAW_IPV6, frameOf(ipv6(nextHeader, payloadLength), header, TCP_SYN)).status, DecodeStatus.Tcp, nextHeader);
  }
});

test('a fragment other than the first is reported as a fragment', () => {
  const laterFragment = `
    06                       // next header TCP
    00                       // reserved
    05 a8                    // fragment offset 181 × 8, last
    00 00 ab cd              // identification`;
  assert.equal(decode(RAW_IPV6, frameOf(ipv6('2c', '00 30'), laterFragment, TCP_SYN)).status, DecodeStatus.Fragment);
});

test('a chain that loops on itself ends as malformed instead of running on', () => {
  const loop = '3c 00 01 04 00 00 00 00 // destination options pointing to destination options\n'.repeat(40);
  assert.equal(decode(RAW_IPV6, frameOf(ipv6('3c', '01 40 // 320'), loop)).status, DecodeStatus.Malformed);
});

test('an extension header longer than the payload is malformed', () => {
  const overrun = `
    06                       // next header TCP
    ff                       // length 255: 2048 bytes, past the 48-byte payload
    01 04 00 00 00 00        // PadN`;
  assert.equal(decode(RAW_IPV6, frameOf(ipv6('00', '00 30'), overrun, TCP_SYN)).status, DecodeStatus.Malformed);
});

test('an IPv6 header or extension header cut by the snaplen is truncated', () => {
  const frame = frameOf(ipv6('00', '00 30'), '06 00 01 04 00 00 00 00 // hop-by-hop to TCP', TCP_SYN);
  for (const cut of [0, 39, 40, 41]) {
    assert.equal(decode(RAW_IPV6, frame.subarray(0, cut), frame.length).status, DecodeStatus.Truncated, `cut at ${cut}`);
  }
});

test('no next header is not TCP', () => {
  assert.equal(decode(RAW_IPV6, frameOf(ipv6('3b // no next header', '00 00'))).status, DecodeStatus.NotTcp);
});

test('addresses are written as RFC 5952 says', () => {
  const cases: Array<[string, string]> = [
    ['2001 0db8 0000 0000 0000 0000 0000 0001', '2001:db8::1'],
    ['0000 0000 0000 0000 0000 0000 0000 0000', '::'],
    ['0000 0000 0000 0000 0000 0000 0000 0001', '::1'],
    ['2001 0db8 0000 0001 0001 0001 0001 0001', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
    ['2001 0000 0000 0001 0000 0000 0000 0001', '2001:0:0:1::1'], // the longest run is shortened
    ['2001 0db8 0000 0000 0001 0000 0000 0001', '2001:db8::1:0:0:1'], // the first of equal runs
    ['fe80 0000 0000 0000 0000 0000 0000 0000', 'fe80::'],
    ['0000 0000 0000 0000 0000 ffff c0a8 0002', '::ffff:192.168.0.2'], // IPv4-mapped
    ['2001 0DB8 ABCD 0000 0000 0000 0000 00FF', '2001:db8:abcd::ff'],
  ];
  for (const [bytes, text] of cases) assert.equal(ipv6Text(hex(bytes), 0), text);
});
