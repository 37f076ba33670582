import type { TunnelSeen } from '../model.js';

/**
 * What the layer decoders extract from one frame for the handshake tracker. One object is reused for
 * every frame (no allocation per packet); addresses of IPv4 are numbers so that flow keys stay numeric.
 */

/** TCP header flag bits, as in the header's 13th byte. */
export const enum TcpFlag {
  FIN = 0x01,
  SYN = 0x02,
  RST = 0x04,
  PSH = 0x08,
  ACK = 0x10,
  URG = 0x20,
  ECE = 0x40,
  CWR = 0x80,
}

export interface TcpPacket {
  ipVersion: 4 | 6;
  /** IPv4 source/destination as unsigned 32-bit integers (0 for IPv6). */
  srcV4: number;
  dstV4: number;
  /** IPv6 source/destination in RFC 5952 text ('' for IPv4). */
  srcV6: string;
  dstV6: string;
  /** IPv4 TTL or IPv6 hop limit. */
  ttl: number;
  srcPort: number;
  dstPort: number;
  /** Raw (absolute) sequence and acknowledgement numbers, unsigned 32-bit. */
  seq: number;
  ack: number;
  /** TcpFlag bits. */
  flags: number;
  window: number;
  /** TCP payload length from the IP lengths (not limited by the snaplen). */
  payloadLength: number;
  /** Options; -1 where absent. */
  mss: number;
  windowScale: number;
  sackPermitted: boolean;
  /** Number of SACK blocks in a SACK option (0 if none). */
  sackBlocks: number;
  hasTimestamp: boolean;
  /** TSval and TSecr, unsigned 32-bit; meaningful only when hasTimestamp (TSecr not when `optionsCut` is OptionsCut.Tsecr). */
  tsval: number;
  tsecr: number;
  /** The frame was cut by the snaplen inside the TCP header or its options: what is here decoded before the cut. */
  truncated: boolean;
  /** Where the snaplen cut the options the data offset announces (an OptionsCut); OptionsCut.None when it did not. */
  optionsCut: OptionsCut;
  /** The outermost tunnel the segment came in (a value shared by all its segments), or null. */
  tunnel: TunnelSeen | null;
}

/**
 * Which part of the TCP options the snaplen cut off, ordered so that every value from Tsval on means the
 * TSval is unknown. Options after the cut are unknown whatever they are: which ones a stack sends is a
 * guess, so only the timestamps, where the cut falls, are named.
 */
export const enum OptionsCut {
  None = 0,
  /** Cut after a whole timestamp option: TSval and TSecr kept, the options after them lost. */
  AfterTimestamps = 1,
  /** Cut inside the timestamp option after its TSval: TSval kept, TSecr lost. */
  Tsecr = 2,
  /** Cut inside the timestamp option before its TSval was whole. */
  Tsval = 3,
  /** Cut before a timestamp option was seen: whether the segment carried one is unknown. */
  BeforeTimestamps = 4,
}

/** Why a frame produced no TcpPacket, or that it did. */
export const enum DecodeStatus {
  Tcp = 0,
  /** Decoded fine, but not TCP (ARP, UDP, ICMP…). */
  NotTcp = 1,
  /** The link type is not one this product decodes. */
  UnsupportedLinkType = 2,
  /** An IP fragment other than the first. */
  Fragment = 3,
  /** Cut short before the TCP ports and flags. */
  Truncated = 4,
  /** A header field is impossible (IPv4 IHL < 5, TCP data offset < 5, a length past the end). */
  Malformed = 5,
  /** A tunnel header (or the length it gives) runs past the end of the packet carrying it. */
  TunnelOverrun = 6,
  /** A tunnel packet fragmented in the IP header carrying it: the inner segment would need reassembly. */
  TunnelFragment = 7,
}

export function newTcpPacket(): TcpPacket {
  return {
    ipVersion: 4, srcV4: 0, dstV4: 0, srcV6: '', dstV6: '', ttl: 0,
    srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, window: 0, payloadLength: 0,
    mss: -1, windowScale: -1, sackPermitted: false, sackBlocks: 0,
    hasTimestamp: false, tsval: 0, tsecr: 0, truncated: false, optionsCut: OptionsCut.None, tunnel: null,
  };
}

/** Text of an IPv4 address held as a number. */
export function ipv4Text(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;
}

export function sourceText(packet: TcpPacket): string {
  return packet.ipVersion === 4 ? ipv4Text(packet.srcV4) : packet.srcV6;
}

export function destinationText(packet: TcpPacket): string {
  return packet.ipVersion === 4 ? ipv4Text(packet.dstV4) : packet.dstV6;
}
