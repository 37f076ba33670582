/**
 * Shared pieces of the layer decoder tests: hex fixtures of the headers most cases are built from, one
 * comment per field, and a decode wrapper that returns a snapshot of the reused packet.
 */
import assert from 'node:assert/strict';
import { decodeTcp } from '../../src/analyzer/layers/decode.js';
import { DecodeStatus, newTcpPacket, type TcpPacket } from '../../src/analyzer/layers/tcpPacket.js';
import { hex } from './captureFixtures.js';

export { hex };

export const ETHERNET_HEADER = `
  02 00 00 00 00 02          // destination MAC
  02 00 00 00 00 01          // source MAC`;

/** IPv4, no options, carrying the 40-byte TCP_SYN below: total length 60. */
export const IPV4_HEADER = `
  45                         // version 4, IHL 5 (20 bytes)
  00                         // DSCP, ECN
  00 3c                      // total length 60: 20 IP + 40 TCP
  12 34                      // identification
  40 00                      // flags DF, fragment offset 0
  40                         // TTL 64
  06                         // protocol TCP
  00 00                      // header checksum (not checked)
  c0 a8 00 02                // source 192.168.0.2
  c0 a8 0b fa                // destination 192.168.11.250`;

/** IPv6 with TCP next, payload length 40 (TCP_SYN); 2001:db8::1 → 2001:db8::2. */
export const IPV6_HEADER = `
  60 00 00 00                // version 6, traffic class, flow label
  00 28                      // payload length 40
  06                         // next header TCP
  40                         // hop limit 64
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   // source 2001:db8::1
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02   // destination 2001:db8::2`;

/** An IPsec Authentication Header (24 bytes) whose next header is TCP. */
export const AUTHENTICATION_TO_TCP = `
  06                         // next header TCP
  04                         // length 4: (4 + 2) × 4 = 24 bytes
  00 00                      // reserved
  00 00 01 00                // security parameters index
  00 00 00 01                // sequence number
  00 11 22 33 44 55 66 77 88 99 aa bb   // integrity check value`;

/** The TCP header of a Linux SYN: 20 bytes, then 20 bytes of options. */
export const TCP_SYN = `
  9c 40                      // source port 40000
  0c ea                      // destination port 3306
  00 00 00 01                // sequence number 1
  00 00 00 00                // acknowledgement number 0
  a0                         // data offset 10 (40 bytes)
  02                         // flags SYN
  72 10                      // window 29200
  00 00                      // checksum (not checked)
  00 00                      // urgent pointer
  02 04 05 b4                // MSS 1460
  04 02                      // SACK permitted
  08 0a 00 00 00 05 00 00 00 00   // timestamps: TSval 5, TSecr 0
  01                         // NOP
  03 03 07                   // window scale 7`;

/** What TCP_SYN decodes to, beside the addresses. */
export const SYN_FIELDS = {
  srcPort: 40000, dstPort: 3306, seq: 1, ack: 0, flags: 0x02, window: 29200, payloadLength: 0,
  mss: 1460, windowScale: 7, sackPermitted: true, sackBlocks: 0, hasTimestamp: true, tsval: 5, tsecr: 0, truncated: false, optionsCut: 0, tunnel: null,
} as const;

export const IPV4_ADDRESSES = { ipVersion: 4, srcV4: 0xc0a80002, dstV4: 0xc0a80bfa, srcV6: '', dstV6: '', ttl: 64 } as const;

export interface Decoded {
  status: DecodeStatus;
  packet: TcpPacket;
}

const packet = newTcpPacket();

/** Bytes around the frame when it is decoded in place, as records lie between others in the reader's chunk buffer. */
const SURROUNDING = 13;

/**
 * Decodes with the one reused packet, as the reader loop does, and returns a copy to assert on. The frame
 * is decoded twice: alone, and in the middle of a larger buffer of 0xff bytes, which must give the same
 * answer (decoders neither read before the frame's offset nor past its captured length).
 */
export function decode(linkType: number, frame: Uint8Array, originalLength = frame.length): Decoded {
  const status = decodeTcp(linkType, frame, 0, frame.length, originalLength, packet);
  const alone = { status, packet: { ...packet } };
  const buffer = new Uint8Array(SURROUNDING + frame.length + SURROUNDING).fill(0xff);
  buffer.set(frame, SURROUNDING);
  const inPlaceStatus = decodeTcp(linkType, buffer, SURROUNDING, frame.length, originalLength, packet);
  assert.deepEqual({ status: inPlaceStatus, packet: { ...packet } }, alone, 'the same frame decoded inside a larger buffer');
  return alone;
}

/** A frame of hex fixtures joined in order. */
export function frameOf(...parts: string[]): Uint8Array {
  return hex(parts.join('\n'));
}
