/**
 * Builds whole, valid TCP frames (link header, IP header with its checksum, TCP header with its options
 * and checksum) for the tests and the sample-capture generators. Not on the decoding path: it allocates.
 */

import type { TcpPacket } from '../analyzer/layers/tcpPacket.js';

/** Link types the builder can frame: Ethernet, Linux cooked SLL2 and SLL, raw IP. */
export type FrameLinkType = 1 | 276 | 113 | 101;

/** A frame to build: the header fields as the decoder reads them back into a TcpPacket, and the options. */
export interface TcpFrameSpec extends Pick<TcpPacket, 'ttl' | 'srcPort' | 'dstPort' | 'seq' | 'ack' | 'flags' | 'window'> {
  linkType: FrameLinkType;
  /** IPv4 ('192.168.0.2') or IPv6 ('2001:db8::1') text; both ends must be of the same version. */
  src: string;
  dst: string;
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  timestamp?: { tsval: number; tsecr: number };
  /** Bytes of TCP payload (zeros); 0 when absent. */
  payloadLength?: number;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const PROTOCOL_TCP = 6;
const ARPHRD_ETHER = 1;
/** Locally administered MAC addresses, so that no real vendor is implied. */
const SOURCE_MAC = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
const DESTINATION_MAC = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

export function buildTcpFrame(spec: TcpFrameSpec): Uint8Array {
  const src = parseAddress(spec.src);
  const dst = parseAddress(spec.dst);
  if (src.length !== dst.length) throw new Error(`source ${spec.src} and destination ${spec.dst} are not the same IP version`);
  const isV6 = src.length === 16;
  const options = tcpOptions(spec);
  const payloadLength = spec.payloadLength ?? 0;
  const tcpLength = 20 + options.length + payloadLength;
  const ipHeaderLength = isV6 ? 40 : 20;
  const linkHeaderLength = linkHeaderSize(spec.linkType);
  const frame = new Uint8Array(linkHeaderLength + ipHeaderLength + tcpLength);
  writeLinkHeader(frame, spec.linkType, isV6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
  const ipStart = linkHeaderLength;
  const tcpStart = ipStart + ipHeaderLength;
  if (isV6) writeIpv6Header(frame, ipStart, src, dst, spec.ttl, tcpLength);
  else writeIpv4Header(frame, ipStart, src, dst, spec.ttl, tcpLength);
  writeTcpHeader(frame, tcpStart, spec, options);
  const pseudoHeaderSum = isV6 ? ipv6PseudoHeaderSum(src, dst, tcpLength) : ipv4PseudoHeaderSum(src, dst, tcpLength);
  writeUint16(frame, tcpStart + 16, checksum(frame, tcpStart, tcpLength, pseudoHeaderSum));
  return frame;
}

/**
 * Options in the order Linux puts them on a SYN (MSS, SACK-permitted + timestamps, NOP + window scale),
 * padded with NOPs the way Linux pads, so every layout stays 4-byte aligned.
 */
function tcpOptions(spec: TcpFrameSpec): number[] {
  const bytes: number[] = [];
  if (spec.mss !== undefined) bytes.push(2, 4, (spec.mss >>> 8) & 0xff, spec.mss & 0xff);
  if (spec.timestamp) {
    if (spec.sackPermitted) bytes.push(4, 2);
    else bytes.push(1, 1);
    bytes.push(8, 10, ...uint32Bytes(spec.timestamp.tsval), ...uint32Bytes(spec.timestamp.tsecr));
  } else if (spec.sackPermitted) {
    bytes.push(1, 1, 4, 2);
  }
  if (spec.windowScale !== undefined) bytes.push(1, 3, 3, spec.windowScale & 0xff);
  return bytes;
}

function linkHeaderSize(linkType: FrameLinkType): number {
  switch (linkType) {
    case 1: return 14;
    case 276: return 20;
    case 113: return 16;
    case 101: return 0;
  }
}

function writeLinkHeader(frame: Uint8Array, linkType: FrameLinkType, ethertype: number): void {
  switch (linkType) {
    case 1:
      frame.set(DESTINATION_MAC, 0);
      frame.set(SOURCE_MAC, 6);
      writeUint16(frame, 12, ethertype);
      return;
    case 276:
      writeUint16(frame, 0, ethertype);
      writeUint32(frame, 4, 1); // interface index
      writeUint16(frame, 8, ARPHRD_ETHER);
      frame[10] = 0; // packet type: to us
      frame[11] = 6; // link-layer address length
      frame.set(SOURCE_MAC, 12);
      return;
    case 113:
      writeUint16(frame, 0, 0); // packet type: to us
      writeUint16(frame, 2, ARPHRD_ETHER);
      writeUint16(frame, 4, 6); // link-layer address length
      frame.set(SOURCE_MAC, 6);
      writeUint16(frame, 14, ethertype);
      return;
    case 101:
      return;
  }
}

function writeIpv4Header(frame: Uint8Array, at: number, src: Uint8Array, dst: Uint8Array, ttl: number, tcpLength: number): void {
  frame[at] = 0x45; // version 4, IHL 5
  writeUint16(frame, at + 2, 20 + tcpLength);
  writeUint16(frame, at + 6, 0x4000); // don't fragment
  frame[at + 8] = ttl;
  frame[at + 9] = PROTOCOL_TCP;
  frame.set(src, at + 12);
  frame.set(dst, at + 16);
  writeUint16(frame, at + 10, checksum(frame, at, 20, 0));
}

function writeIpv6Header(frame: Uint8Array, at: number, src: Uint8Array, dst: Uint8Array, hopLimit: number, tcpLength: number): void {
  frame[at] = 0x60; // version 6, traffic class and flow label 0
  writeUint16(frame, at + 4, tcpLength);
  frame[at + 6] = PROTOCOL_TCP;
  frame[at + 7] = hopLimit;
  frame.set(src, at + 8);
  frame.set(dst, at + 24);
}

function writeTcpHeader(frame: Uint8Array, at: number, spec: TcpFrameSpec, options: number[]): void {
  writeUint16(frame, at, spec.srcPort);
  writeUint16(frame, at + 2, spec.dstPort);
  writeUint32(frame, at + 4, spec.seq);
  writeUint32(frame, at + 8, spec.ack);
  frame[at + 12] = ((20 + options.length) / 4) << 4;
  frame[at + 13] = spec.flags & 0xff;
  writeUint16(frame, at + 14, spec.window);
  frame.set(options, at + 20);
}

function ipv4PseudoHeaderSum(src: Uint8Array, dst: Uint8Array, tcpLength: number): number {
  return sumWords(src, 0, 4) + sumWords(dst, 0, 4) + PROTOCOL_TCP + tcpLength;
}

function ipv6PseudoHeaderSum(src: Uint8Array, dst: Uint8Array, tcpLength: number): number {
  return sumWords(src, 0, 16) + sumWords(dst, 0, 16) + (tcpLength >>> 16) + (tcpLength & 0xffff) + PROTOCOL_TCP;
}

/** The Internet checksum (RFC 1071) of `length` bytes at `start`, with a pseudo-header sum already added. */
function checksum(bytes: Uint8Array, start: number, length: number, initialSum: number): number {
  let sum = initialSum + sumWords(bytes, start, length);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function sumWords(bytes: Uint8Array, start: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 2) sum += (bytes[start + i] << 8) | (i + 1 < length ? bytes[start + i + 1] : 0);
  return sum;
}

function parseAddress(text: string): Uint8Array {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): Uint8Array {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    throw new Error(`not an IPv4 address: ${text}`);
  }
  return Uint8Array.from(parts, Number);
}

/** RFC 4291 text: groups of hex, at most one '::'. */
function parseIpv6(text: string): Uint8Array {
  const halves = text.split('::');
  if (halves.length > 2) throw new Error(`not an IPv6 address: ${text}`);
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
    throw new Error(`not an IPv6 address: ${text}`);
  }
  const groups = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) throw new Error(`not an IPv6 address: ${text}`);
    writeUint16(bytes, i * 2, parseInt(group, 16));
  });
  return bytes;
}

function uint32Bytes(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function writeUint16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = (value >>> 8) & 0xff;
  bytes[at + 1] = value & 0xff;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes.set(uint32Bytes(value), at);
}
