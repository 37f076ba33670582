import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import { AUTHENTICATION_TO_TCP, decode, frameOf, IPV4_ADDRESSES, SYN_FIELDS, TCP_SYN } from './layerFixtures.js';

const RAW_IP = 101;

interface Ipv4Fields {
  versionIhl?: string;
  totalLength?: string;
  flagsFragment?: string;
  protocol?: string;
  options?: string;
}

/** An IPv4 header as hex, with the fields a case changes given as hex too. */
function ipv4(fields: Ipv4Fields = {}): string {
  return `
    ${fields.versionIhl ?? '45'}       // version 4, IHL
    00                                 // DSCP, ECN
    ${fields.totalLength ?? '00 3c'}   // total length
    12 34                              // identification
    ${fields.flagsFragment ?? '40 00'} // flags, fragment offset
    40                                 // TTL 64
    ${fields.protocol ?? '06'}         // protocol
    00 00                              // header checksum (not checked)
    c0 a8 00 02                        // source 192.168.0.2
    c0 a8 0b fa                        // destination 192.168.11.250
    ${fields.options ?? ''}            // options`;
}

test('IPv4 options are stepped over by the IHL', () => {
  const frame = frameOf(ipv4({ versionIhl: '46', totalLength: '00 40', options: '94 04 00 00 // router alert' }), TCP_SYN);
  const { status, packet } = decode(RAW_IP, frame);
  assert.equal(status, DecodeStatus.Tcp);
  assert.deepEqual(packet, { ...IPV4_ADDRESSES, ...SYN_FIELDS });
});

test('an IHL under 5 or a total length shorter than the header is malformed', () => {
  assert.equal(decode(RAW_IP, frameOf(ipv4({ versionIhl: '44' }), TCP_SYN)).status, DecodeStatus.Malformed);
  assert.equal(decode(RAW_IP, frameOf(ipv4({ totalLength: '00 10' }), TCP_SYN)).status, DecodeStatus.Malformed);
});

test('the TCP payload length comes from the total length, not from the captured bytes', () => {
  const header = ipv4({ totalLength: '05 dc' }); // 1500: cut by a 74-byte snaplen
  const { status, packet } = decode(RAW_IP, frameOf(header, TCP_SYN), 1500);
  assert.equal(status, DecodeStatus.Tcp);
  assert.equal(packet.payloadLength, 1500 - 20 - 40);
  assert.equal(packet.truncated, false);
});

test('Ethernet padding after the datagram is not payload', () => {
  const { packet } = decode(RAW_IP, frameOf(ipv4(), TCP_SYN, '00 00 00 00 00 00 // padding'));
  assert.equal(packet.payloadLength, 0);
});

test('a total length of 0 (segmentation offload) takes the length from the frame', () => {
  const { status, packet } = decode(RAW_IP, frameOf(ipv4({ totalLength: '00 00' }), TCP_SYN, 'aa bb cc // 3 bytes of data'));
  assert.equal(status, DecodeStatus.Tcp);
  assert.equal(packet.payloadLength, 3);
});

test('fragments: the first is decoded, the others are reported as fragments', () => {
  const first = decode(RAW_IP, frameOf(ipv4({ flagsFragment: '20 00' }), TCP_SYN)); // more fragments, offset 0
  assert.equal(first.status, DecodeStatus.Tcp);
  assert.equal(first.packet.srcPort, 40000);
  const later = decode(RAW_IP, frameOf(ipv4({ flagsFragment: '00 b9' }), TCP_SYN)); // offset 185 × 8
  assert.equal(later.status, DecodeStatus.Fragment);
});

test('other protocols are not TCP', () => {
  assert.equal(decode(RAW_IP, frameOf(ipv4({ protocol: '11' }), TCP_SYN)).status, DecodeStatus.NotTcp);
});

test('an Authentication Header between IPv4 and TCP is stepped over', () => {
  const { status, packet } = decode(RAW_IP, frameOf(ipv4({ totalLength: '00 54', protocol: '33' }), AUTHENTICATION_TO_TCP, TCP_SYN));
  assert.equal(status, DecodeStatus.Tcp);
  assert.equal(packet.tsval, 5);
});

test('an IPv4 header cut by the snaplen is truncated, before or inside its options', () => {
  const full = frameOf(ipv4({ versionIhl: '46', totalLength: '00 40', options: '94 04 00 00 // router alert' }), TCP_SYN);
  for (const cut of [1, 19, 20, 23]) {
    assert.equal(decode(RAW_IP, full.subarray(0, cut), full.length).status, DecodeStatus.Truncated, `cut at ${cut}`);
  }
});
