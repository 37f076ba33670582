/**
 * Pieces of the tunnel decoder tests: outer headers built around the inner SYN of layerFixtures.ts
 * (IPv4 192.168.0.2:40000 → 192.168.11.250:3306, or IPv6 2001:db8::1 → 2001:db8::2), and the checks
 * every tunnel gets: the inner segment comes out with its tunnel, and a capture cut at any byte before
 * the inner TCP flags is truncated, never misread.
 */
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/analyzer/layers/tcpPacket.js';
import type { TunnelSeen } from '../../src/analyzer/model.js';
import { decode, ETHERNET_HEADER, frameOf, hex, IPV4_ADDRESSES, IPV4_HEADER, IPV6_HEADER, SYN_FIELDS, TCP_SYN } from './layerFixtures.js';

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;

/** The inner packets: an IPv4 or IPv6 SYN of 60 / 80 bytes. */
export const INNER_IPV4_SYN = IPV4_HEADER + TCP_SYN;
export const INNER_IPV6_SYN = IPV6_HEADER + TCP_SYN;
/** The inner IPv4 SYN in an Ethernet frame: 74 bytes. */
export const INNER_ETHERNET_SYN = `${ETHERNET_HEADER}\n08 00 // ethertype IPv4\n${INNER_IPV4_SYN}`;

function byteText(value: number, bytes: number): string {
  return value.toString(16).padStart(bytes * 2, '0').match(/../g)!.join(' ');
}

/** An outer IPv4 header 10.0.0.1 → 10.0.0.2 carrying `payloadLength` bytes of `protocol`. */
export function outerIpv4(protocol: number, payloadLength: number, fragment = '40 00 // flags DF'): string {
  return `
    45                       // version 4, IHL 5
    00                       // DSCP, ECN
    ${byteText(20 + payloadLength, 2)} // total length
    00 01                    // identification
    ${fragment}
    40                       // TTL 64
    ${byteText(protocol, 1)} // protocol
    00 00                    // checksum (not checked)
    0a 00 00 01              // source 10.0.0.1
    0a 00 00 02              // destination 10.0.0.2
`;
}

/** An outer IPv6 header fd00::1 → fd00::2 carrying `payloadLength` bytes of `nextHeader`. */
export function outerIpv6(nextHeader: number, payloadLength: number): string {
  return `
    60 00 00 00              // version 6
    ${byteText(payloadLength, 2)} // payload length
    ${byteText(nextHeader, 1)} // next header
    40                       // hop limit 64
    fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 // source fd00::1
    fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02 // destination fd00::2
`;
}

/** A UDP header to `port` carrying `payloadLength` bytes. */
export function udpHeader(port: number, payloadLength: number): string {
  return `
    c3 50                    // source port 50000
    ${byteText(port, 2)}     // destination port
    ${byteText(8 + payloadLength, 2)} // length
    00 00                    // checksum (none)
`;
}

/** Bytes of a hex fixture. Fixture texts end with a line break, so that one can follow another with `+`. */
export function lengthOf(fixture: string): number {
  return hex(fixture).length;
}

/** An outer Ethernet frame (IPv4) around `ipPacket`. */
export function inEthernet(ipPacket: string): Uint8Array {
  return frameOf(ETHERNET_HEADER, '08 00 // ethertype IPv4', ipPacket);
}

/** Asserts that `frame` decodes to the inner IPv4 SYN, from `tunnel`. */
export function assertInnerIpv4Syn(linkType: number, frame: Uint8Array, tunnel: TunnelSeen): void {
  const { status, packet } = decode(linkType, frame);
  assert.equal(status, DecodeStatus.Tcp);
  assert.deepEqual(packet, { ...IPV4_ADDRESSES, ...SYN_FIELDS, tunnel });
}

/** Asserts that `frame` decodes to the inner IPv6 SYN, from `tunnel`. */
export function assertInnerIpv6Syn(linkType: number, frame: Uint8Array, tunnel: TunnelSeen): void {
  const { status, packet } = decode(linkType, frame);
  assert.equal(status, DecodeStatus.Tcp);
  assert.deepEqual(packet, {
    ...SYN_FIELDS, ipVersion: 6, srcV4: 0, dstV4: 0, srcV6: '2001:db8::1', dstV6: '2001:db8::2', ttl: 64, tunnel,
  });
}

/** Bytes of the inner TCP header up to its flags: a cut before them leaves no segment. */
const TCP_BYTES_THROUGH_FLAGS = 14;
const TCP_HEADER_LENGTH = 40;

/**
 * Cuts the capture of `frame` (a snaplen: the wire length stays) after every byte: before the inner TCP
 * flags the answer is Truncated, after them the segment, marked truncated while its options are cut.
 */
export function assertTruncatedAtEveryByte(linkType: number, frame: Uint8Array): void {
  const tcpStart = frame.length - TCP_HEADER_LENGTH;
  for (let cut = 0; cut < frame.length; cut++) {
    const { status, packet } = decode(linkType, frame.subarray(0, cut), frame.length);
    if (cut < tcpStart + TCP_BYTES_THROUGH_FLAGS) {
      assert.equal(status, DecodeStatus.Truncated, `capture cut after ${cut} of ${frame.length} bytes`);
    } else {
      assert.equal(status, DecodeStatus.Tcp, `capture cut after ${cut} of ${frame.length} bytes`);
      assert.equal(packet.truncated, true, `capture cut after ${cut} of ${frame.length} bytes`);
    }
  }
}
